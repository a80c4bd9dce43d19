#include "domain/badge_seal.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <memory>

#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::domain {

namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;
constexpr std::size_t kHeaderBytes = 4 + kSaltBytes + 1;  // Format, cost, salt, wrap count.
constexpr std::size_t kWrapBytes = 1 + kNonceBytes + kKeyBytes + kTagBytes;
constexpr std::size_t kMaxWraps = 8;
constexpr std::uint8_t kWrapCode = 1;
constexpr std::uint8_t kWrapProof = 2;
constexpr std::string_view kCodeKeyInfo = "lanyard badge seal 1 code key";
// The most a seal may ask of scrypt: 2^16 * 16 * 128 bytes = 128 MiB.
constexpr int kMaxLog2N = 16;
constexpr int kMaxR = 16;
constexpr int kMaxP = 2;

using Key = std::array<unsigned char, kKeyBytes>;
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* bytes(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

absl::Status opensslFailed(std::string_view what) { return absl::InternalError(strCat("OpenSSL failed to ", what)); }

absl::Status randomBytes(unsigned char* out, std::size_t size) {
  if (RAND_bytes(out, static_cast<int>(size)) != 1) return opensslFailed("make random bytes");
  return absl::OkStatus();
}

// kSealContext and the delegate id, which every additional data starts with.
std::string boundTo(std::int64_t delegateId) {
  std::string aad(kSealContext);
  for (int shift = 56; shift >= 0; shift -= 8) {
    aad.push_back(static_cast<char>((static_cast<std::uint64_t>(delegateId) >> shift) & 0xFF));
  }
  return aad;
}

// AES-256-GCM: nonce, ciphertext and tag appended to `out`.
absl::Status encrypt(const Key& key, std::string_view plaintext, std::string_view aad, std::string& out) {
  std::array<unsigned char, kNonceBytes> nonce{};
  if (absl::Status random = randomBytes(nonce.data(), nonce.size()); !random.ok()) return random;
  CipherContext context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  const std::size_t start = out.size();
  out.append(reinterpret_cast<const char*>(nonce.data()), nonce.size());
  out.resize(start + kNonceBytes + plaintext.size() + kTagBytes);
  auto* cipher = reinterpret_cast<unsigned char*>(out.data() + start + kNonceBytes);
  int length = 0;
  int tail = 0;
  if (!context || EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key.data(), nonce.data()) != 1 ||
      EVP_EncryptUpdate(context.get(), nullptr, &length, bytes(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_EncryptUpdate(context.get(), cipher, &length, bytes(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(context.get(), cipher + length, &tail) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                          cipher + plaintext.size()) != 1) {
    return opensslFailed("encrypt with AES-256-GCM");
  }
  return absl::OkStatus();
}

// The inverse of encrypt() for `sealed` (nonce, ciphertext, tag). nullopt when the tag does not
// verify: a wrong key, or altered bytes.
absl::StatusOr<std::optional<std::string>> decrypt(const Key& key, std::string_view sealed, std::string_view aad) {
  if (sealed.size() < kNonceBytes + kTagBytes) return std::optional<std::string>();
  const std::string_view nonce = sealed.substr(0, kNonceBytes);
  const std::string_view cipher = sealed.substr(kNonceBytes, sealed.size() - kNonceBytes - kTagBytes);
  std::string tag(sealed.substr(sealed.size() - kTagBytes));
  std::string plaintext(cipher.size(), '\0');
  CipherContext context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int length = 0;
  if (!context || EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key.data(), bytes(nonce)) != 1 ||
      EVP_DecryptUpdate(context.get(), nullptr, &length, bytes(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char*>(plaintext.data()), &length, bytes(cipher),
                        static_cast<int>(cipher.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes), tag.data()) != 1) {
    return opensslFailed("decrypt with AES-256-GCM");
  }
  int tail = 0;
  if (EVP_DecryptFinal_ex(context.get(), reinterpret_cast<unsigned char*>(plaintext.data()) + length, &tail) != 1) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(std::move(plaintext));
}

absl::StatusOr<Key> codeKey(std::string_view code, std::string_view salt) {
  const std::string normalised = normaliseAdmissionCode(code);
  std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr), EVP_KDF_free);
  if (!kdf) return opensslFailed("fetch HKDF");
  std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> context(EVP_KDF_CTX_new(kdf.get()), EVP_KDF_CTX_free);
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(normalised.data()), normalised.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()), salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(kCodeKeyInfo.data()),
                                        kCodeKeyInfo.size()),
      OSSL_PARAM_construct_end()};
  Key key{};
  if (!context || EVP_KDF_derive(context.get(), key.data(), key.size(), params) != 1) {
    return opensslFailed("derive a key with HKDF-SHA256");
  }
  return key;
}

absl::StatusOr<Key> proofKey(std::string_view proof, std::string_view salt, ScryptCost cost) {
  const std::uint64_t n = std::uint64_t{1} << cost.log2N;
  const std::uint64_t memory = 128 * n * static_cast<std::uint64_t>(cost.r) * static_cast<std::uint64_t>(cost.p + 1);
  Key key{};
  if (EVP_PBE_scrypt(proof.data(), proof.size(), bytes(salt), salt.size(), n, static_cast<std::uint64_t>(cost.r),
                     static_cast<std::uint64_t>(cost.p), memory + 1024 * 1024, key.data(), key.size()) != 1) {
    return opensslFailed("derive a key with scrypt");
  }
  return key;
}

absl::Status damaged(std::string_view why) { return absl::DataLossError(strCat("the sealed badge ", why)); }

// A seal's parts, checked for shape only.
struct ParsedSeal {
  ScryptCost cost;
  std::string_view salt;
  std::vector<std::string_view> wraps;  // Each kWrapBytes.
  std::string_view prefix;              // Everything before the badge.
  std::string_view badge;               // Nonce, ciphertext, tag.
};

absl::StatusOr<ParsedSeal> parse(std::string_view seal) {
  if (seal.size() < kHeaderBytes) return damaged("is too short");
  if (static_cast<std::uint8_t>(seal[0]) != kBadgeSealFormat) {
    return damaged(strCat("has format ", static_cast<int>(static_cast<std::uint8_t>(seal[0])), ", not ",
                          static_cast<int>(kBadgeSealFormat)));
  }
  ParsedSeal parsed;
  parsed.cost = {static_cast<std::uint8_t>(seal[1]), static_cast<std::uint8_t>(seal[2]),
                 static_cast<std::uint8_t>(seal[3])};
  if (parsed.cost.log2N < 1 || parsed.cost.log2N > kMaxLog2N || parsed.cost.r < 1 || parsed.cost.r > kMaxR ||
      parsed.cost.p < 1 || parsed.cost.p > kMaxP) {
    return damaged("asks for an scrypt cost out of bounds");
  }
  parsed.salt = seal.substr(4, kSaltBytes);
  const std::size_t wraps = static_cast<std::uint8_t>(seal[4 + kSaltBytes]);
  if (wraps < 1 || wraps > kMaxWraps) return damaged("has no valid number of keys");
  const std::size_t badgeAt = kHeaderBytes + wraps * kWrapBytes;
  if (seal.size() < badgeAt + kNonceBytes + kTagBytes) return damaged("is too short");
  for (std::size_t i = 0; i < wraps; ++i) {
    parsed.wraps.push_back(seal.substr(kHeaderBytes + i * kWrapBytes, kWrapBytes));
  }
  parsed.prefix = seal.substr(0, badgeAt);
  parsed.badge = seal.substr(badgeAt);
  return parsed;
}

// Unwraps K with `key` from the first wrap of `kind` it opens, then opens the badge.
absl::StatusOr<std::string> openWith(const ParsedSeal& seal, std::int64_t delegateId, std::uint8_t kind,
                                     const Key& key) {
  const std::string wrapAad = boundTo(delegateId) + static_cast<char>(kind);
  for (std::string_view wrap : seal.wraps) {
    if (static_cast<std::uint8_t>(wrap[0]) != kind) continue;
    absl::StatusOr<std::optional<std::string>> inner = decrypt(key, wrap.substr(1), wrapAad);
    if (!inner.ok()) return inner.status();
    if (!inner->has_value()) continue;
    if ((*inner)->size() != kKeyBytes) return damaged("holds a key of the wrong size");
    Key contentKey{};
    std::copy((*inner)->begin(), (*inner)->end(), contentKey.begin());
    absl::StatusOr<std::optional<std::string>> badge =
        decrypt(contentKey, seal.badge, boundTo(delegateId) + std::string(seal.prefix));
    if (!badge.ok()) return badge.status();
    if (!badge->has_value()) return damaged("was altered, or is not this delegate's");
    return std::move(**badge);
  }
  return absl::PermissionDeniedError(kind == kWrapCode ? "this code does not open the sealed badge"
                                                       : "this proof does not open the sealed badge");
}

}  // namespace

std::string normaliseAdmissionCode(std::string_view scanned) {
  std::string code(trimAscii(scanned));
  for (char& c : code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return code;
}

absl::StatusOr<std::string> sealBadge(std::int64_t delegateId, std::string_view badge,
                                      const std::vector<std::string>& codes, std::optional<std::string_view> proof,
                                      ScryptCost cost) {
  std::vector<std::string_view> opening;
  for (const std::string& code : codes) {
    if (!trimAscii(code).empty()) opening.push_back(code);
  }
  const bool withProof = proof && !proof->empty();
  if (opening.empty() && !withProof) return absl::InvalidArgumentError("a badge sealed for no code and no proof");
  if (opening.size() >= kMaxWraps) {
    return absl::InvalidArgumentError(strCat("a badge sealed for ", opening.size(), " codes; at most ", kMaxWraps - 1));
  }
  if (cost.log2N < 1 || cost.log2N > kMaxLog2N || cost.r < 1 || cost.r > kMaxR || cost.p < 1 || cost.p > kMaxP) {
    return absl::InvalidArgumentError("scrypt cost out of bounds");
  }
  std::array<unsigned char, kSaltBytes> salt{};
  Key contentKey{};
  if (absl::Status random = randomBytes(salt.data(), salt.size()); !random.ok()) return random;
  if (absl::Status random = randomBytes(contentKey.data(), contentKey.size()); !random.ok()) return random;
  const std::string_view saltText(reinterpret_cast<const char*>(salt.data()), salt.size());
  const std::string_view contentKeyText(reinterpret_cast<const char*>(contentKey.data()), contentKey.size());

  std::string seal;
  seal.push_back(static_cast<char>(kBadgeSealFormat));
  seal.push_back(static_cast<char>(cost.log2N));
  seal.push_back(static_cast<char>(cost.r));
  seal.push_back(static_cast<char>(cost.p));
  seal.append(saltText);
  seal.push_back(static_cast<char>(opening.size() + (withProof ? 1 : 0)));
  const auto wrap = [&](std::uint8_t kind, const Key& key) {
    seal.push_back(static_cast<char>(kind));
    return encrypt(key, contentKeyText, boundTo(delegateId) + static_cast<char>(kind), seal);
  };
  for (std::string_view code : opening) {
    absl::StatusOr<Key> key = codeKey(code, saltText);
    if (!key.ok()) return key.status();
    if (absl::Status wrapped = wrap(kWrapCode, *key); !wrapped.ok()) return wrapped;
  }
  if (withProof) {
    absl::StatusOr<Key> key = proofKey(*proof, saltText, cost);
    if (!key.ok()) return key.status();
    if (absl::Status wrapped = wrap(kWrapProof, *key); !wrapped.ok()) return wrapped;
  }
  const std::string aad = boundTo(delegateId) + seal;
  if (absl::Status sealed = encrypt(contentKey, badge, aad, seal); !sealed.ok()) return sealed;
  return seal;
}

absl::StatusOr<std::string> openBadgeSealWithCode(std::string_view seal, std::int64_t delegateId,
                                                  std::string_view scannedCode) {
  absl::StatusOr<ParsedSeal> parsed = parse(seal);
  if (!parsed.ok()) return parsed.status();
  absl::StatusOr<Key> key = codeKey(scannedCode, parsed->salt);
  if (!key.ok()) return key.status();
  return openWith(*parsed, delegateId, kWrapCode, *key);
}

absl::StatusOr<std::string> openBadgeSealWithProof(std::string_view seal, std::int64_t delegateId,
                                                   std::string_view normalisedProof) {
  absl::StatusOr<ParsedSeal> parsed = parse(seal);
  if (!parsed.ok()) return parsed.status();
  const bool hasProofWrap = std::any_of(parsed->wraps.begin(), parsed->wraps.end(), [](std::string_view wrap) {
    return static_cast<std::uint8_t>(wrap[0]) == kWrapProof;
  });
  if (!hasProofWrap || normalisedProof.empty()) {
    return absl::PermissionDeniedError("this sealed badge does not open with a proof");
  }
  absl::StatusOr<Key> key = proofKey(normalisedProof, parsed->salt, parsed->cost);
  if (!key.ok()) return key.status();
  return openWith(*parsed, delegateId, kWrapProof, *key);
}

}  // namespace lanyard::server::domain
