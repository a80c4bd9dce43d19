#pragma once

// Badge prints, and the one rule for whether a delegate's badge counts as printed.

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>

#include "domain/delegate.h"

namespace lanyard::server::domain {

// One print attempt of a delegate's badge, as a kiosk or the help desk reported it.
struct BadgePrintRecord {
  std::int64_t id = 0;
  std::int64_t delegateId = 0;
  std::int64_t deviceId = 0;
  std::string deviceName;
  std::int32_t badgeVersion = 0;  // The delegate's badge version when it was printed.
  bool success = false;
  std::string error;
  std::string printer;
  TimeUs clientTimeUs = 0;
  TimeUs serverTimeUs = 0;
};

// Whether the badge of a delegate whose badge is now at `currentBadgeVersion` is printed, given
// their prints (any order): one of them succeeded and printed that version. A reissue bumps the
// version, so it supersedes every earlier print; a failed print never counts. Check-in answers,
// GetBadge and the attendee export all decide "badge printed" here. Reads only each print's
// `badgeVersion` and `success`.
inline bool badgePrinted(std::int32_t currentBadgeVersion, std::span<const BadgePrintRecord> prints) {
  return std::any_of(prints.begin(), prints.end(), [currentBadgeVersion](const BadgePrintRecord& print) {
    return print.success && print.badgeVersion == currentBadgeVersion;
  });
}

}  // namespace lanyard::server::domain
