#pragma once

// Sealed badges: what a kiosk's replica keeps of a delegate's badge (the full name, the Latin line,
// the organisation and the badge code), so that it opens only with what the delegate presents at
// the kiosk: one of their codes, or their e-mail proof.
//
// A seal encrypts the badge (any bytes; the server seals a serialised lanyard.v1.BadgeContent)
// with AES-256-GCM under a random key K of its own, and carries K wrapped (AES-256-GCM again)
// under one key per way in:
//  - for each code that admits the delegate (the current badge code, an imported ticket code):
//    HKDF-SHA256 of the code as normaliseAdmissionCode() gives it, with the seal's salt;
//  - for the e-mail proof: scrypt of the proof as expectedProof() / typedProof() (check_in.h) give
//    it, with the seal's salt and the cost recorded in the seal (kProofKdfCost when sealing).
// Both the badge and every wrapped key are bound to the delegate's id (GCM's additional data), so a
// seal moved to another delegate's row opens for nobody.
//
// What it protects, and what not: a copy of a replica yields no full name without, per delegate,
// either a code (high-entropy for badge codes; ticket codes are as strong as the registration
// system made them) or the proof. The proof is low-entropy (by default four letters of an e-mail
// address, often guessable from the given name), so scrypt only makes bulk extraction cost about
// kProofKdfCost's few milliseconds per guess per delegate; a targeted guess at one delegate's proof
// is cheap. A kiosk that opens a seal holds the badge in memory while it prints.
//
// Seal format 1, integers big-endian:
//   format (1 byte, = 1) | scrypt log2 N (1) | scrypt r (1) | scrypt p (1) | salt (16) |
//   wrap count n (1, 1 to 8) | n wraps: kind (1: code, 2: proof) | nonce (12) | K encrypted (32) |
//   tag (16) | badge: nonce (12) | ciphertext | tag (16)
// The badge's additional data is kSealContext, the delegate id (8 bytes) and every byte of the seal
// before the badge's nonce; a wrap's is kSealContext, the delegate id and its kind byte.
//
// Plain C++ over OpenSSL 3, so that a kiosk links the same code to open what the server sealed.
// Every function is thread-safe and reports failure as a status; none throws.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace lanyard::server::domain {

inline constexpr std::uint8_t kBadgeSealFormat = 1;
inline constexpr std::string_view kSealContext = "lanyard badge seal 1";

// scrypt's cost: N = 2^log2N, block size r, parallelism p; memory 128 * N * r bytes.
struct ScryptCost {
  int log2N = 0;
  int r = 0;
  int p = 0;
};

// The cost of deriving the proof's key: 1 MiB and 2.5 ms of CPU time on one core of the event
// server (measured: 3 ms wall on an idle core, 6 ms while other work shared the cores). The proof
// is low-entropy, so this is what a guess at it costs: each seal costs the server that once, in the
// background; a kiosk pays it once per name check-in it prints for; someone holding a stolen
// replica pays it for every guess at every delegate's proof. N = 2^11 would double that, and the
// four minutes of one core that a first sealing of 100,000 delegates takes.
inline constexpr ScryptCost kProofKdfCost{10, 8, 1};

// A scanned code as the seal and the replica's hashes take it: without the white space around it,
// with ASCII letters in upper case (badge codes are upper case; ticket codes match ignoring case).
std::string normaliseAdmissionCode(std::string_view scanned);

// Seals `badge` for the delegate `delegateId`, opening with each of `codes` (scanned text;
// normalised here; empty ones are skipped) and with `proof` (already normalised, see
// expectedProof(); none when absent or empty). INVALID_ARGUMENT when nothing would open it or
// there are more than 7 codes; INTERNAL when OpenSSL fails. Costs one scrypt at `cost`, plus
// microseconds.
absl::StatusOr<std::string> sealBadge(std::int64_t delegateId, std::string_view badge,
                                      const std::vector<std::string>& codes, std::optional<std::string_view> proof,
                                      ScryptCost cost = kProofKdfCost);

// The badge of `seal`, opened with a scanned code. PERMISSION_DENIED when the code is not one it
// was sealed for; DATA_LOSS when the seal is malformed, altered or not `delegateId`'s. Microseconds.
absl::StatusOr<std::string> openBadgeSealWithCode(std::string_view seal, std::int64_t delegateId,
                                                  std::string_view scannedCode);

// The badge of `seal`, opened with the e-mail proof as typed, normalised with typedProof().
// PERMISSION_DENIED when it is not the proof it was sealed for or the seal has no proof wrap;
// DATA_LOSS as above, and for a cost above N = 2^16, r = 16, p = 2 (128 MiB: a crafted seal must
// not exhaust a kiosk's memory). Costs one scrypt at the seal's cost.
absl::StatusOr<std::string> openBadgeSealWithProof(std::string_view seal, std::int64_t delegateId,
                                                   std::string_view normalisedProof);

}  // namespace lanyard::server::domain
