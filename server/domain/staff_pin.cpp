#include "domain/staff_pin.h"

#include <algorithm>

#include "domain/str_cat.h"

namespace lanyard::server::domain {

bool validStaffPin(std::string_view pin) {
  return pin.size() >= 4 && pin.size() <= 12 &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

absl::StatusOr<std::string> hashStaffPin(std::string_view pin, std::string_view salt) {
  return hashToken(strCat(salt, pin));
}

absl::Status StaffPinGuard::check(std::int64_t deviceId, std::string_view pin) {
  const std::string stored = m_store.staffPinHash();
  if (stored.empty()) {
    return absl::FailedPreconditionError(
        "this event has no staff PIN, so kiosks have no staff mode; an admin sets one with `lanyard staff-pin`");
  }
  const TimeUs now = m_clock();
  std::lock_guard lock(m_mutex);
  std::deque<TimeUs>& wrong = m_wrongPins[deviceId];
  while (!wrong.empty() && wrong.front() <= now - kLockoutWindowUs) wrong.pop_front();
  if (wrong.size() >= static_cast<std::size_t>(kMaxWrongPins)) {
    const TimeUs waitUs = wrong.front() + kLockoutWindowUs - now;
    return absl::ResourceExhaustedError(strCat("too many wrong staff PINs from this kiosk; try again in ",
                                               (waitUs + 59'999'999) / 60'000'000, " minutes"));
  }
  const absl::StatusOr<std::string> hash = hashStaffPin(pin, m_store.event().publicKey);
  if (!hash.ok()) return hash.status();
  if (validStaffPin(pin) && constantTimeEquals(*hash, stored)) {
    wrong.clear();
    return absl::OkStatus();
  }
  wrong.push_back(now);
  return absl::PermissionDeniedError("wrong staff PIN");
}

}  // namespace lanyard::server::domain
