// Fuzzes badge code checking with one fixed key pair: the public-key and the signer's check agree
// on every input; a Valid code is exactly the one the signer issues for its claims; and base32
// decoding accepts only the one encoding base32Encode() gives.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/badge_code.h"
#include "fuzz_check.h"

namespace {

using lanyard::server::domain::BadgeCodeCheck;
using lanyard::server::domain::BadgeCodeStatus;
using lanyard::server::domain::BadgeSigner;

const BadgeSigner& fixedSigner() {
  // RFC 8032 section 7.1, test 1: the seed the corpus codes were issued with.
  static const std::vector<std::uint8_t> seed = {0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a,
                                                 0xf4, 0x92, 0xec, 0x2c, 0xc4, 0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32,
                                                 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60};
  static const BadgeSigner signer = *BadgeSigner::fromSeed(seed);
  return signer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view scanned(reinterpret_cast<const char*>(data), size);
  const BadgeSigner& signer = fixedSigner();

  const absl::StatusOr<BadgeCodeCheck> byKey = lanyard::server::domain::checkBadgeCode(scanned, signer.publicKey());
  const absl::StatusOr<BadgeCodeCheck> bySigner = lanyard::server::domain::checkBadgeCode(scanned, signer);
  FUZZ_CHECK(byKey.ok() && bySigner.ok());
  FUZZ_CHECK(byKey->status == bySigner->status);
  FUZZ_CHECK(byKey->claims == bySigner->claims);
  if (byKey->status == BadgeCodeStatus::Valid) {
    FUZZ_CHECK(byKey->claims.eventTag == signer.eventTag());
    const absl::StatusOr<std::string> issued = signer.issueBadgeCode(byKey->claims);
    FUZZ_CHECK(issued.ok() && *issued == lanyard::server::domain::canonicalBadgeCode(scanned));
  } else {
    FUZZ_CHECK(byKey->claims == lanyard::server::domain::BadgeClaims{});
  }

  const absl::StatusOr<std::vector<std::uint8_t>> decoded = lanyard::server::domain::base32Decode(scanned);
  if (decoded.ok()) {
    FUZZ_CHECK(lanyard::server::domain::base32Encode(*decoded) == scanned);
  } else {
    FUZZ_CHECK(decoded.status().code() == absl::StatusCode::kInvalidArgument);
  }
  return 0;
}
