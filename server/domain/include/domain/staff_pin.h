#pragma once

// The staff PIN that opens a kiosk's staff mode (reprints, badges for walk-ins), and the lock-out
// that stops anyone at a kiosk from guessing it.

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/event_store.h"

namespace lanyard::server::domain {

// 4 to 12 ASCII digits: what a touch screen's number pad can type.
bool validStaffPin(std::string_view pin);

// What the store keeps of a PIN: SHA-256 of `salt` (the event's public key) and the PIN. INTERNAL
// if OpenSSL cannot hash.
absl::StatusOr<std::string> hashStaffPin(std::string_view pin, std::string_view salt);

// Checks staff PINs typed at kiosks. After kMaxWrongPins wrong PINs within kLockoutWindowUs a
// device is refused, right PIN or not, until the oldest of them leaves the window. The count lives
// in memory: a server restart forgives it. Thread-safe.
class StaffPinGuard {
 public:
  static constexpr int kMaxWrongPins = 5;
  static constexpr TimeUs kLockoutWindowUs = 15LL * 60 * 1'000'000;

  StaffPinGuard(EventStore& store, Clock clock) : m_store(store), m_clock(std::move(clock)) {}

  // OK when `pin` is the event's staff PIN. FAILED_PRECONDITION when the event has none,
  // RESOURCE_EXHAUSTED while `deviceId` is locked out, PERMISSION_DENIED for a wrong PIN.
  absl::Status check(std::int64_t deviceId, std::string_view pin);

 private:
  EventStore& m_store;
  Clock m_clock;
  std::mutex m_mutex;
  std::unordered_map<std::int64_t, std::deque<TimeUs>> m_wrongPins;  // Guarded by m_mutex.
};

}  // namespace lanyard::server::domain
