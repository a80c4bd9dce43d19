#pragma once

// The event's wall clock: converting between UTC instants (TimeUs) and the local date and time of
// the event's IANA time zone, through ICU's time zone data (so DST follows the tz database).
//
// Accepted date-time text (parseLocalDateTime):
//   2026-05-12 09:00       2026-05-12T09:00       with optional :SS and .ffffff after the minutes;
//   12.05.2026 09:00       12. 5. 2026 9:00       Central European day.month.year, optional :SS;
//   2026-05-12T07:00:00Z   2026-05-12T09:00+02:00 ISO 8601 with an explicit offset (Z, +HH:MM,
//                                                 +HHMM or +HH); the offset wins and the event's
//                                                 zone is not used.
// Hours may have one digit. Fields are checked strictly (month 1-12, day within the month, hour
// 0-23, minute and second 0-59) and errors say which field is wrong. A local time that does not
// exist because clocks go forward is an error; a local time that occurs twice because clocks go
// back means its first occurrence (still summer time).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "domain/delegate.h"

namespace lanyard::server::domain {

// One IANA time zone, validated once; converts instants to and from its local wall clock.
// Immutable after create(): copies are cheap (shared) and every method may be called from any
// number of threads at once (only ICU's const, non-mutating TimeZone API is used).
class EventTimeZone {
 public:
  // Fails with INVALID_ARGUMENT if `ianaName` is not a time zone in ICU's tz data
  // ("Europe/Prague" and "UTC" are; "Europe/Pargue", "GMT+01:00" and "" are not).
  static absl::StatusOr<EventTimeZone> create(std::string_view ianaName);

  // The name as given to create().
  const std::string& name() const;

  // Parses one of the forms listed at the top of this file. INVALID_ARGUMENT names the text and
  // what is wrong with it, e.g. `"2026-13-45 25:99": month 13 is not between 1 and 12`.
  absl::StatusOr<TimeUs> parseLocalDateTime(std::string_view text) const;

  // The local calendar day of `instant` as days since 1970-01-01 (local), e.g. for "checked in
  // today". Midnight local time starts a new day, whatever the UTC date.
  std::int32_t localDayNumber(TimeUs instant) const;

  // Local wall time of `instant` as "YYYY-MM-DD HH:MM" (seconds dropped, not rounded).
  std::string formatLocal(TimeUs instant) const;

  // The zone's offset from UTC at `instant`, DST included, in microseconds (+2 h in Prague's
  // summer).
  TimeUs utcOffsetUs(TimeUs instant) const;

 private:
  struct Zone;
  explicit EventTimeZone(std::shared_ptr<const Zone> zone);

  std::shared_ptr<const Zone> m_zone;
};

// True if EventTimeZone::create(ianaName) would succeed.
bool isValidTimeZone(std::string_view ianaName);

// Conveniences that look `timeZone` up in a process-wide cache of EventTimeZone (built once per
// name, then shared under a reader lock; thread-safe). parseLocalDateTime() fails with
// INVALID_ARGUMENT for an unknown zone. localDayNumber() and formatLocal() cannot fail: for an
// unknown zone they use UTC, and formatLocal() then appends " UTC" so the text is not mistaken for
// local time; validate configured zones once with isValidTimeZone() to never get there.
absl::StatusOr<TimeUs> parseLocalDateTime(std::string_view text, std::string_view timeZone);
std::int32_t localDayNumber(TimeUs instant, std::string_view timeZone);
std::string formatLocal(TimeUs instant, std::string_view timeZone);

}  // namespace lanyard::server::domain
