#pragma once

// Badge codes: compact Ed25519-signed codes that name one delegate of one event, printed as a QR
// code in QR alphanumeric mode, and checked offline on every scan.
//
// Format 1, exactly kBadgeCodeLength characters: the RFC 4648 base32 encoding (A-Z 2-7, no
// padding) of 75 bytes
//   format (1 byte, = 1) | eventTag (4) | delegateId (4) | badgeVersion (2) | signature (64)
// with integers big-endian and the signature Ed25519 (RFC 8032, pure) over
//   kBadgeSignatureContext | the first 11 bytes.
// The context string keeps a signature made with the event's key for any other purpose from ever
// reading as a badge code.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/delegate.h"
#include "domain/event.h"

namespace lanyard::server::domain {

using Ed25519Seed = std::array<std::uint8_t, 32>;       // A private key as RFC 8032 stores it.
using Ed25519PublicKey = std::array<std::uint8_t, 32>;  // RFC 8032 encoding.
using Ed25519Signature = std::array<std::uint8_t, 64>;

inline constexpr std::uint8_t kBadgeCodeFormat = 1;
inline constexpr std::size_t kBadgeCodeLength = 120;
inline constexpr std::string_view kBadgeSignatureContext = "lanyard badge code\n";

// An event's signing key pair. The seed must stay on the server; the public key goes to anything
// that checks codes.
struct KeyPair {
  Ed25519Seed privateSeed{};
  Ed25519PublicKey publicKey{};
};

// What a badge code asserts: this delegate, at this badge version, for this event.
struct BadgeClaims {
  std::uint32_t eventTag = 0;  // eventTagFor() of the event's public key.
  std::uint32_t delegateId = 0;
  std::uint16_t badgeVersion = 0;  // A reissue bumps it; the caller rejects older versions.

  friend bool operator==(const BadgeClaims&, const BadgeClaims&) = default;
};

// The event tag for codes signed with `publicKey`: the first 4 bytes of its SHA-256, big-endian.
std::uint32_t eventTagFor(const Ed25519PublicKey& publicKey);

struct BadgeCodeCheck;

// Signs badge codes (and other messages) with one event's Ed25519 private key, and holds the
// signature of every code it has issued or found genuine, so that checking a known code is a lookup
// (see checkBadgeCode): about 100 bytes a code, one code per delegate and badge version.
//
// Copies share the key and the codes held. All methods are const and safe to call from several
// threads at once.
class BadgeSigner {
 public:
  // A fresh random key pair from OpenSSL's CSPRNG; INTERNAL if OpenSSL cannot make one.
  static absl::StatusOr<KeyPair> generateKeyPair();

  // The signer for a stored 32-byte private seed (its public key is derived, ~30 us).
  // INVALID_ARGUMENT if `privateSeed` is not 32 bytes; INTERNAL if OpenSSL refuses it.
  static absl::StatusOr<BadgeSigner> fromSeed(std::span<const std::uint8_t> privateSeed);

  const Ed25519PublicKey& publicKey() const;

  // eventTagFor(publicKey()), which every code this signer issues must carry.
  std::uint32_t eventTag() const;

  // The Ed25519 signature of `message` (deterministic, ~30 us). INTERNAL only if OpenSSL fails,
  // which with a valid key means memory ran out.
  absl::StatusOr<Ed25519Signature> sign(std::span<const std::uint8_t> message) const;

  // The badge code for `claims` (kBadgeCodeLength characters of A-Z 2-7). INVALID_ARGUMENT if
  // claims.eventTag is not eventTag(): such a code could never check as Valid. INTERNAL as sign().
  absl::StatusOr<std::string> issueBadgeCode(const BadgeClaims& claims) const;

  // How many codes' signatures are held.
  std::size_t codesHeld() const;

 private:
  struct Key;
  explicit BadgeSigner(std::shared_ptr<const Key> key);

  // The signature of the code for `claims`, held or made (and then held); `claims` carry eventTag().
  absl::StatusOr<Ed25519Signature> codeSignature(const BadgeClaims& claims) const;
  // The held signature of the code for `claims`, if there is one.
  std::optional<Ed25519Signature> heldSignature(const BadgeClaims& claims) const;
  void hold(const BadgeClaims& claims, const Ed25519Signature& signature) const;

  friend absl::StatusOr<BadgeCodeCheck> checkBadgeCode(std::string_view scanned, const BadgeSigner& signer);

  std::shared_ptr<const Key> m_key;  // Never null.
};

enum class BadgeCodeStatus {
  NotABadgeCode,  // Wrong length, alphabet or format: perhaps an external ticket code.
  Forged,         // Shaped like a badge code, but not signed by this event's key.
  Valid,
};

// The outcome of checking one scanned code.
struct BadgeCodeCheck {
  BadgeCodeStatus status = BadgeCodeStatus::NotABadgeCode;
  BadgeClaims claims;  // The code's claims when status is Valid; all zero otherwise.
};

// A scanned badge code as issued: without the white space around it and in upper case. For a
// code checkBadgeCode() found Valid this is exactly what issueBadgeCode() returns for its claims
// (Ed25519 signatures are deterministic and every character of a code carries bits), so the
// scanned code can be handed back without signing again.
std::string canonicalBadgeCode(std::string_view scanned);

// Checks a scanned code against the event's public key. Leading and trailing white space (a
// scanner's CR/LF) is ignored and lower case is read as upper case. Valid means the signature
// verifies and the event tag is eventTagFor(publicKey); whether the delegate and badge version
// are current is the caller's business. Cost ~85 us, nearly all of it the Ed25519 verification;
// input of the wrong length returns at once. Thread-safe.
// INTERNAL only if OpenSSL cannot set up the verification, which means memory ran out.
absl::StatusOr<BadgeCodeCheck> checkBadgeCode(std::string_view scanned, const Ed25519PublicKey& publicKey);

// The same answer as checkBadgeCode() with the signer's public key, for the server that holds
// the private key: Ed25519 signatures are deterministic and cannot be forged without the key, so a
// code is genuine exactly when its signature is the one signing its claims gives. A code the
// signer issued or found genuine before is compared with the signature it holds (about 1 us);
// any other is signed again (~30 us), and held if genuine: forged codes never are, so what is held
// stays one code per delegate and badge version whatever is scanned. Thread-safe. INTERNAL only if
// OpenSSL fails, as sign().
absl::StatusOr<BadgeCodeCheck> checkBadgeCode(std::string_view scanned, const BadgeSigner& signer);

// The signer for an event's stored key. INVALID_ARGUMENT if the stored seed is not 32 bytes.
absl::StatusOr<BadgeSigner> signerForEvent(const Event& event);

// The current badge code of `delegate` (its id and badge version). OUT_OF_RANGE if the id or
// version does not fit the code's fields.
absl::StatusOr<std::string> badgeCodeFor(const BadgeSigner& signer, const Delegate& delegate);

// RFC 4648 base32 with the upper-case alphabet A-Z 2-7 and no padding.
std::string base32Encode(std::span<const std::uint8_t> bytes);

// The inverse of base32Encode(): accepts only what it produces (upper case, no padding, zero
// unused trailing bits), so every byte string has exactly one encoding. INVALID_ARGUMENT
// otherwise.
absl::StatusOr<std::vector<std::uint8_t>> base32Decode(std::string_view text);

}  // namespace lanyard::server::domain
