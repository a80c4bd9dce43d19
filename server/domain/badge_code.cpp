#include "domain/badge_code.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cassert>
#include <limits>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <utility>

#include "domain/str_cat.h"

namespace lanyard::server::domain {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// Format byte, event tag, delegate id, badge version: the signed part of a code.
constexpr std::size_t kPayloadSize = 1 + 4 + 4 + 2;
constexpr std::size_t kCodeSize = kPayloadSize + std::tuple_size_v<Ed25519Signature>;
static_assert(kBadgeCodeLength == (kCodeSize * 8 + 4) / 5);
static_assert(kCodeSize * 8 % 5 == 0, "a code must use every bit of its last character");

using Payload = std::array<std::uint8_t, kPayloadSize>;
using SignedMessage = std::array<std::uint8_t, kBadgeSignatureContext.size() + kPayloadSize>;

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

struct MdCtxFree {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

// INTERNAL naming `what` and the oldest OpenSSL error queued on this thread; clears the queue.
absl::Status openSslError(const char* what) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  char text[256] = "no OpenSSL error queued";
  if (code != 0) {
    ERR_error_string_n(code, text, sizeof text);
  }
  return absl::InternalError(strCat(what, ": ", text));
}

void putBigEndian(std::uint64_t value, std::size_t size, std::uint8_t* out) {
  for (std::size_t i = 0; i < size; ++i) {
    out[i] = static_cast<std::uint8_t>(value >> (8 * (size - 1 - i)));
  }
}

std::uint64_t getBigEndian(const std::uint8_t* in, std::size_t size) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < size; ++i) {
    value = (value << 8) | in[i];
  }
  return value;
}

Payload encodePayload(const BadgeClaims& claims) {
  Payload payload{};
  payload[0] = kBadgeCodeFormat;
  putBigEndian(claims.eventTag, 4, &payload[1]);
  putBigEndian(claims.delegateId, 4, &payload[5]);
  putBigEndian(claims.badgeVersion, 2, &payload[9]);
  return payload;
}

BadgeClaims decodePayload(const std::uint8_t* payload) {
  BadgeClaims claims;
  claims.eventTag = static_cast<std::uint32_t>(getBigEndian(&payload[1], 4));
  claims.delegateId = static_cast<std::uint32_t>(getBigEndian(&payload[5], 4));
  claims.badgeVersion = static_cast<std::uint16_t>(getBigEndian(&payload[9], 2));
  return claims;
}

SignedMessage signedMessage(const std::uint8_t* payload) {
  SignedMessage message{};
  std::copy(kBadgeSignatureContext.begin(), kBadgeSignatureContext.end(), message.begin());
  std::copy(payload, payload + kPayloadSize, message.begin() + kBadgeSignatureContext.size());
  return message;
}

std::string_view trimAsciiWhitespace(std::string_view text) {
  constexpr std::string_view kWhitespace = " \t\n\v\f\r";
  const std::size_t first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(kWhitespace) - first + 1);
}

// The 5-bit value of a base32 character, or -1.
int base32Value(char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A';
  }
  if (c >= '2' && c <= '7') {
    return c - '2' + 26;
  }
  return -1;
}

// Verifies an Ed25519 signature. Ok(false) for any signature or key that does not verify.
absl::StatusOr<bool> verifyEd25519(const Ed25519PublicKey& publicKey, std::span<const std::uint8_t> message,
                                   std::span<const std::uint8_t, 64> signature) {
  const PkeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, publicKey.data(), publicKey.size()));
  if (key == nullptr) {
    return openSslError("cannot load an Ed25519 public key");
  }
  const MdCtxPtr context(EVP_MD_CTX_new());
  if (context == nullptr || EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.get()) != 1) {
    return openSslError("cannot set up Ed25519 verification");
  }
  const int verified =
      EVP_DigestVerify(context.get(), signature.data(), signature.size(), message.data(), message.size());
  if (verified != 1) {
    ERR_clear_error();  // A bad signature queues an error; it is an answer, not a failure.
    return false;
  }
  return true;
}

}  // namespace

std::uint32_t eventTagFor(const Ed25519PublicKey& publicKey) {
  std::array<std::uint8_t, SHA256_DIGEST_LENGTH> digest{};
  SHA256(publicKey.data(), publicKey.size(), digest.data());
  return static_cast<std::uint32_t>(getBigEndian(digest.data(), 4));
}

// The OpenSSL key and what is derived from it once.
struct BadgeSigner::Key {
  PkeyPtr privateKey;
  Ed25519PublicKey publicKey{};
  std::uint32_t eventTag = 0;
  // The codes issued or found genuine, by heldKey(): their signatures.
  mutable std::shared_mutex heldMutex;
  mutable std::unordered_map<std::uint64_t, Ed25519Signature> held;  // Guarded by heldMutex.
};

namespace {

// A code's claims as a key of BadgeSigner::Key::held (whose event tag is the signer's own).
std::uint64_t heldKey(const BadgeClaims& claims) {
  return (static_cast<std::uint64_t>(claims.delegateId) << 16) | claims.badgeVersion;
}

}  // namespace

BadgeSigner::BadgeSigner(std::shared_ptr<const Key> key) : m_key(std::move(key)) { assert(m_key != nullptr); }

absl::StatusOr<KeyPair> BadgeSigner::generateKeyPair() {
  const PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (key == nullptr) {
    return openSslError("cannot generate an Ed25519 key");
  }
  KeyPair pair;
  std::size_t seedSize = pair.privateSeed.size();
  std::size_t publicSize = pair.publicKey.size();
  if (EVP_PKEY_get_raw_private_key(key.get(), pair.privateSeed.data(), &seedSize) != 1 ||
      EVP_PKEY_get_raw_public_key(key.get(), pair.publicKey.data(), &publicSize) != 1 ||
      seedSize != pair.privateSeed.size() || publicSize != pair.publicKey.size()) {
    return openSslError("cannot export a generated Ed25519 key");
  }
  return pair;
}

absl::StatusOr<BadgeSigner> BadgeSigner::fromSeed(std::span<const std::uint8_t> privateSeed) {
  if (privateSeed.size() != std::tuple_size_v<Ed25519Seed>) {
    return absl::InvalidArgumentError(strCat("an Ed25519 private seed has 32 bytes, not ", privateSeed.size()));
  }
  auto key = std::make_shared<Key>();
  key->privateKey.reset(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, privateSeed.data(), privateSeed.size()));
  if (key->privateKey == nullptr) {
    return openSslError("cannot load an Ed25519 private seed");
  }
  std::size_t publicSize = key->publicKey.size();
  if (EVP_PKEY_get_raw_public_key(key->privateKey.get(), key->publicKey.data(), &publicSize) != 1 ||
      publicSize != key->publicKey.size()) {
    return openSslError("cannot derive an Ed25519 public key");
  }
  key->eventTag = eventTagFor(key->publicKey);
  return BadgeSigner(std::move(key));
}

const Ed25519PublicKey& BadgeSigner::publicKey() const { return m_key->publicKey; }

std::uint32_t BadgeSigner::eventTag() const { return m_key->eventTag; }

absl::StatusOr<Ed25519Signature> BadgeSigner::sign(std::span<const std::uint8_t> message) const {
  const MdCtxPtr context(EVP_MD_CTX_new());
  if (context == nullptr ||
      EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, m_key->privateKey.get()) != 1) {
    return openSslError("cannot set up Ed25519 signing");
  }
  Ed25519Signature signature{};
  std::size_t signatureSize = signature.size();
  if (EVP_DigestSign(context.get(), signature.data(), &signatureSize, message.data(), message.size()) != 1 ||
      signatureSize != signature.size()) {
    return openSslError("cannot make an Ed25519 signature");
  }
  return signature;
}

std::size_t BadgeSigner::codesHeld() const {
  const std::shared_lock lock(m_key->heldMutex);
  return m_key->held.size();
}

std::optional<Ed25519Signature> BadgeSigner::heldSignature(const BadgeClaims& claims) const {
  const std::shared_lock lock(m_key->heldMutex);
  const auto found = m_key->held.find(heldKey(claims));
  if (found == m_key->held.end()) return std::nullopt;
  return found->second;
}

void BadgeSigner::hold(const BadgeClaims& claims, const Ed25519Signature& signature) const {
  const std::unique_lock lock(m_key->heldMutex);
  m_key->held.emplace(heldKey(claims), signature);
}

absl::StatusOr<Ed25519Signature> BadgeSigner::codeSignature(const BadgeClaims& claims) const {
  if (std::optional<Ed25519Signature> held = heldSignature(claims)) return *held;
  const Payload payload = encodePayload(claims);
  absl::StatusOr<Ed25519Signature> signature = sign(signedMessage(payload.data()));
  if (signature.ok()) hold(claims, *signature);
  return signature;
}

absl::StatusOr<std::string> BadgeSigner::issueBadgeCode(const BadgeClaims& claims) const {
  if (claims.eventTag != m_key->eventTag) {
    return absl::InvalidArgumentError(
        strCat("badge claims carry event tag ", claims.eventTag, " but this key's is ", m_key->eventTag));
  }
  const Payload payload = encodePayload(claims);
  const absl::StatusOr<Ed25519Signature> signature = codeSignature(claims);
  if (!signature.ok()) {
    return signature.status();
  }
  std::array<std::uint8_t, kCodeSize> code{};
  std::copy(payload.begin(), payload.end(), code.begin());
  std::copy(signature->begin(), signature->end(), code.begin() + kPayloadSize);
  return base32Encode(code);
}

std::string canonicalBadgeCode(std::string_view scanned) {
  std::string upper(trimAsciiWhitespace(scanned));
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return upper;
}

namespace {

using CodeBytes = std::array<std::uint8_t, kCodeSize>;

// The bytes of a scanned code shaped like a format-1 badge code, or nothing.
std::optional<CodeBytes> decodeBadgeCode(std::string_view scanned) {
  if (trimAsciiWhitespace(scanned).size() != kBadgeCodeLength) {
    return std::nullopt;
  }
  const absl::StatusOr<std::vector<std::uint8_t>> code = base32Decode(canonicalBadgeCode(scanned));
  if (!code.ok() || code->size() != kCodeSize || (*code)[0] != kBadgeCodeFormat) {
    return std::nullopt;
  }
  CodeBytes bytes{};
  std::copy(code->begin(), code->end(), bytes.begin());
  return bytes;
}

std::span<const std::uint8_t, 64> signatureOf(const CodeBytes& code) {
  return std::span<const std::uint8_t, 64>(code.data() + kPayloadSize, 64);
}

BadgeCodeCheck forged() { return BadgeCodeCheck{.status = BadgeCodeStatus::Forged, .claims = {}}; }

}  // namespace

absl::StatusOr<BadgeCodeCheck> checkBadgeCode(std::string_view scanned, const Ed25519PublicKey& publicKey) {
  const std::optional<CodeBytes> code = decodeBadgeCode(scanned);
  if (!code) {
    return BadgeCodeCheck{};
  }
  const BadgeClaims claims = decodePayload(code->data());
  if (claims.eventTag != eventTagFor(publicKey)) {
    return forged();
  }
  const absl::StatusOr<bool> verified = verifyEd25519(publicKey, signedMessage(code->data()), signatureOf(*code));
  if (!verified.ok()) {
    return verified.status();
  }
  if (!*verified) {
    return forged();
  }
  return BadgeCodeCheck{.status = BadgeCodeStatus::Valid, .claims = claims};
}

absl::StatusOr<BadgeCodeCheck> checkBadgeCode(std::string_view scanned, const BadgeSigner& signer) {
  const std::optional<CodeBytes> code = decodeBadgeCode(scanned);
  if (!code) {
    return BadgeCodeCheck{};
  }
  const BadgeClaims claims = decodePayload(code->data());
  if (claims.eventTag != signer.eventTag()) {
    return forged();
  }
  const std::span<const std::uint8_t, 64> scannedSignature = signatureOf(*code);
  const auto genuine = [&](const Ed25519Signature& expected) {
    return CRYPTO_memcmp(expected.data(), scannedSignature.data(), expected.size()) == 0;
  };
  if (const std::optional<Ed25519Signature> held = signer.heldSignature(claims)) {
    if (!genuine(*held)) return forged();
    return BadgeCodeCheck{.status = BadgeCodeStatus::Valid, .claims = claims};
  }
  const absl::StatusOr<Ed25519Signature> expected = signer.sign(signedMessage(code->data()));
  if (!expected.ok()) {
    return expected.status();
  }
  if (!genuine(*expected)) {
    return forged();
  }
  signer.hold(claims, *expected);
  return BadgeCodeCheck{.status = BadgeCodeStatus::Valid, .claims = claims};
}

std::string base32Encode(std::span<const std::uint8_t> bytes) {
  std::string text;
  text.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;  // The low `bits` bits are pending.
  int bits = 0;
  for (const std::uint8_t byte : bytes) {
    buffer = ((buffer << 8) | byte) & 0xFFFU;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text.push_back(kBase32Alphabet[(buffer >> bits) & 0x1FU]);
    }
  }
  if (bits > 0) {
    text.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1FU]);
  }
  return text;
}

absl::StatusOr<std::vector<std::uint8_t>> base32Decode(std::string_view text) {
  std::vector<std::uint8_t> bytes;
  bytes.reserve(text.size() * 5 / 8);
  std::uint32_t buffer = 0;  // The low `bits` bits are pending.
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int value = base32Value(text[i]);
    if (value < 0) {
      return absl::InvalidArgumentError(
          strCat("not base32: character code ", static_cast<unsigned char>(text[i]), " at offset ", i));
    }
    buffer = ((buffer << 5) | static_cast<std::uint32_t>(value)) & 0xFFFU;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<std::uint8_t>(buffer >> bits));
    }
  }
  if (bits >= 5) {
    return absl::InvalidArgumentError(strCat("not base32: ", text.size(), " characters cannot encode whole bytes"));
  }
  if ((buffer & ((1U << bits) - 1)) != 0) {
    return absl::InvalidArgumentError("not base32: unused trailing bits are not zero");
  }
  return bytes;
}

absl::StatusOr<BadgeSigner> signerForEvent(const Event& event) {
  return BadgeSigner::fromSeed(
      std::span(reinterpret_cast<const std::uint8_t*>(event.signingSeed.data()), event.signingSeed.size()));
}

absl::StatusOr<std::string> badgeCodeFor(const BadgeSigner& signer, const Delegate& delegate) {
  if (delegate.id <= 0 || delegate.id > std::numeric_limits<std::uint32_t>::max() || delegate.badgeVersion < 0 ||
      delegate.badgeVersion > std::numeric_limits<std::uint16_t>::max()) {
    return absl::OutOfRangeError("delegate " + std::to_string(delegate.id) + " version " +
                                 std::to_string(delegate.badgeVersion) + " does not fit a badge code");
  }
  return signer.issueBadgeCode(
      {signer.eventTag(), static_cast<std::uint32_t>(delegate.id), static_cast<std::uint16_t>(delegate.badgeVersion)});
}

}  // namespace lanyard::server::domain
