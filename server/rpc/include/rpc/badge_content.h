#pragma once

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "domain/badge_code.h"
#include "domain/delegate.h"
#include "lanyard/v1/check_in_service.pb.h"

namespace lanyard::server::rpc {

// What to print on `d`'s badge: for an admission, GetBadge, and the replica's sealed badge.
// `scannedCode` is the code just scanned when it verified as `d`'s current badge: it is the code
// signing would give, so it is reused (signing takes ~30 us). OUT_OF_RANGE when `d`'s id or badge
// version does not fit a badge code.
absl::StatusOr<v1::BadgeContent> badgeContent(const domain::BadgeSigner& signer, const domain::Delegate& d,
                                              std::optional<std::string_view> scannedCode);

}  // namespace lanyard::server::rpc
