#include "domain/event_time.h"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/ucal.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <utility>

#include "absl/status/status.h"
#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::domain {

namespace {

constexpr TimeUs kUsPerMs = 1000;
constexpr TimeUs kUsPerSecond = 1000 * kUsPerMs;
constexpr TimeUs kUsPerMinute = 60 * kUsPerSecond;
constexpr TimeUs kUsPerHour = 60 * kUsPerMinute;
constexpr TimeUs kUsPerDay = 24 * kUsPerHour;
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 9999;
constexpr int kMaxOffsetHours = 14;

constexpr std::string_view kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};

TimeUs floorDiv(TimeUs value, TimeUs divisor) {
  TimeUs quotient = value / divisor;
  if ((value % divisor != 0) && ((value < 0) != (divisor < 0))) {
    --quotient;
  }
  return quotient;
}

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t yearOfEra = year - era * 400;
  const std::int64_t dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

// A proleptic Gregorian calendar date.
struct CivilDate {
  std::int64_t year;
  int month;
  int day;
};

// Inverse of daysFromCivil (Howard Hinnant's civil_from_days).
CivilDate civilFromDays(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t dayOfEra = days - era * 146097;
  const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const std::int64_t monthIndex = (5 * dayOfYear + 2) / 153;
  const int day = static_cast<int>(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
  const int month = static_cast<int>(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
  return {yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// The fields of a date-time text before they are checked against the calendar.
struct DateTimeFields {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  TimeUs fractionUs = 0;
  bool hasOffset = false;
  int offsetSign = 1;
  int offsetHours = 0;
  int offsetMinutes = 0;
};

// A forward-only reader of ASCII digits and punctuation.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : m_text(text) {}

  bool atEnd() const { return m_pos >= m_text.size(); }
  char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }

  bool accept(char c) {
    if (peek() != c) {
      return false;
    }
    ++m_pos;
    return true;
  }

  std::size_t skipSpaces() {
    std::size_t count = 0;
    while (peek() == ' ') {
      ++m_pos;
      ++count;
    }
    return count;
  }

  // Reads between minDigits and maxDigits ASCII digits into `out`.
  bool number(std::size_t minDigits, std::size_t maxDigits, int& out) {
    std::size_t count = 0;
    int value = 0;
    while (count < maxDigits && peek() >= '0' && peek() <= '9') {
      value = value * 10 + (peek() - '0');
      ++m_pos;
      ++count;
    }
    if (count < minDigits || (peek() >= '0' && peek() <= '9')) {
      return false;
    }
    out = value;
    return true;
  }

  // Reads exactly `count` ASCII digits into `out`, whatever follows them.
  bool exactDigits(std::size_t count, int& out) {
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (peek() < '0' || peek() > '9') {
        return false;
      }
      value = value * 10 + (peek() - '0');
      ++m_pos;
    }
    out = value;
    return true;
  }

  // Reads 1-9 digits of a decimal fraction as microseconds (digits past the sixth are dropped).
  bool fraction(TimeUs& outUs) {
    std::size_t count = 0;
    TimeUs value = 0;
    while (peek() >= '0' && peek() <= '9') {
      if (count < 6) {
        value = value * 10 + (peek() - '0');
      }
      ++m_pos;
      ++count;
    }
    if (count == 0 || count > 9) {
      return false;
    }
    for (std::size_t i = count; i < 6; ++i) {
      value *= 10;
    }
    outUs = value;
    return true;
  }

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
};

constexpr std::string_view kExpectedForms =
    "expected a date and time such as \"2026-05-12 09:00\", \"12.05.2026 09:00\" or "
    "\"2026-05-12T09:00:00+02:00\"";

absl::Status dateTimeError(std::string_view text, std::string_view what) {
  return absl::InvalidArgumentError(strCat(quoteForMessage(text), ": ", what));
}

// Reads "H:MM[:SS[.f]]" and an optional offset.
bool readTimeAndOffset(Cursor& cursor, DateTimeFields& fields) {
  if (!cursor.number(1, 2, fields.hour) || !cursor.accept(':') || !cursor.number(2, 2, fields.minute)) {
    return false;
  }
  if (cursor.accept(':')) {
    if (!cursor.number(2, 2, fields.second)) {
      return false;
    }
    if ((cursor.accept('.') || cursor.accept(',')) && !cursor.fraction(fields.fractionUs)) {
      return false;
    }
  }
  cursor.skipSpaces();
  if (cursor.accept('Z') || cursor.accept('z')) {
    fields.hasOffset = true;
  } else if (cursor.peek() == '+' || cursor.peek() == '-') {
    fields.hasOffset = true;
    fields.offsetSign = cursor.peek() == '-' ? -1 : 1;
    cursor.accept(cursor.peek());
    if (!cursor.exactDigits(2, fields.offsetHours)) {
      return false;
    }
    const bool colon = cursor.accept(':');
    if ((colon || !cursor.atEnd()) && !cursor.number(2, 2, fields.offsetMinutes)) {
      return false;
    }
  }
  return cursor.atEnd();
}

// Splits `text` into fields without checking their ranges; an error names the expected forms.
absl::StatusOr<DateTimeFields> readDateTime(std::string_view text) {
  DateTimeFields fields;
  Cursor cursor(text);
  int first = 0;
  if (!cursor.number(1, 4, first)) {
    return dateTimeError(text, kExpectedForms);
  }
  if (cursor.accept('-')) {
    fields.year = first;
    if (!cursor.number(1, 2, fields.month) || !cursor.accept('-') || !cursor.number(1, 2, fields.day)) {
      return dateTimeError(text, kExpectedForms);
    }
    if (cursor.atEnd()) {
      return dateTimeError(text, "the time of day is missing");
    }
    if (!cursor.accept('T') && !cursor.accept('t') && cursor.skipSpaces() == 0) {
      return dateTimeError(text, kExpectedForms);
    }
  } else if (cursor.accept('.')) {
    fields.day = first;
    cursor.skipSpaces();
    if (!cursor.number(1, 2, fields.month) || !cursor.accept('.')) {
      return dateTimeError(text, kExpectedForms);
    }
    cursor.skipSpaces();
    if (!cursor.number(4, 4, fields.year)) {
      return dateTimeError(text, kExpectedForms);
    }
    if (cursor.atEnd()) {
      return dateTimeError(text, "the time of day is missing");
    }
    if (cursor.skipSpaces() == 0) {
      return dateTimeError(text, kExpectedForms);
    }
  } else {
    return dateTimeError(text, kExpectedForms);
  }
  if (!readTimeAndOffset(cursor, fields)) {
    return dateTimeError(text, kExpectedForms);
  }
  return fields;
}

absl::Status checkRanges(std::string_view text, const DateTimeFields& f) {
  if (f.year < kMinYear || f.year > kMaxYear) {
    return dateTimeError(text, strCat("year ", f.year, " is not between ", kMinYear, " and ", kMaxYear));
  }
  if (f.month < 1 || f.month > 12) {
    return dateTimeError(text, strCat("month ", f.month, " is not between 1 and 12"));
  }
  const int lastDay = daysInMonth(f.year, f.month);
  if (f.day < 1 || f.day > lastDay) {
    return dateTimeError(text, strCat("day ", f.day, " is not between 1 and ", lastDay, " (", kMonthNames[f.month - 1],
                                      " ", f.year, ")"));
  }
  if (f.hour > 23) {
    return dateTimeError(text, strCat("hour ", f.hour, " is not between 0 and 23"));
  }
  if (f.minute > 59) {
    return dateTimeError(text, strCat("minute ", f.minute, " is not between 0 and 59"));
  }
  if (f.second > 59) {
    return dateTimeError(text, strCat("second ", f.second, " is not between 0 and 59"));
  }
  if (f.offsetHours > kMaxOffsetHours || f.offsetMinutes > 59) {
    return dateTimeError(text, "the UTC offset is out of range (at most +/-14:00)");
  }
  return absl::OkStatus();
}

// Microseconds since the epoch of the fields read as if they were UTC.
TimeUs wallClockUs(const DateTimeFields& f) {
  const std::int64_t days = daysFromCivil(f.year, f.month, f.day);
  return days * kUsPerDay + f.hour * kUsPerHour + f.minute * kUsPerMinute + f.second * kUsPerSecond + f.fractionUs;
}

}  // namespace

// The immutable state an EventTimeZone shares between its copies.
struct EventTimeZone::Zone {
  std::string name;
  std::unique_ptr<const icu::BasicTimeZone> tz;

  // Offset from UTC (DST included) at the UTC instant `instant`, in microseconds.
  TimeUs offsetAtUtc(TimeUs instant) const {
    std::int32_t raw = 0;
    std::int32_t dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    tz->getOffset(static_cast<UDate>(floorDiv(instant, kUsPerMs)), false, raw, dst, status);
    return U_SUCCESS(status) ? static_cast<TimeUs>(raw + dst) * kUsPerMs : 0;
  }

  // Offset for the local wall time `localUs`; the earlier one where the wall time repeats.
  TimeUs offsetAtLocal(TimeUs localUs) const {
    std::int32_t raw = 0;
    std::int32_t dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    tz->getOffsetFromLocal(static_cast<UDate>(floorDiv(localUs, kUsPerMs)), UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER,
                           raw, dst, status);
    return U_SUCCESS(status) ? static_cast<TimeUs>(raw + dst) * kUsPerMs : 0;
  }
};

EventTimeZone::EventTimeZone(std::shared_ptr<const Zone> zone) : m_zone(std::move(zone)) {}

absl::StatusOr<EventTimeZone> EventTimeZone::create(std::string_view ianaName) {
  const auto unknown = [&] {
    return absl::InvalidArgumentError(
        strCat("unknown time zone ", quoteForMessage(ianaName), " (expected an IANA name such as \"Europe/Prague\")"));
  };
  if (ianaName.empty() || !isValidUtf8(ianaName)) {
    return unknown();
  }
  const icu::UnicodeString id =
      icu::UnicodeString::fromUTF8(icu::StringPiece(ianaName.data(), static_cast<std::int32_t>(ianaName.size())));
  icu::UnicodeString canonical;
  UBool isSystemId = false;
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(id, canonical, isSystemId, status);
  if (U_FAILURE(status) || !isSystemId) {
    return unknown();
  }
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(id));
  if (dynamic_cast<icu::BasicTimeZone*>(tz.get()) == nullptr) {
    return unknown();
  }
  auto zone = std::make_shared<Zone>();
  zone->name = std::string(ianaName);
  zone->tz.reset(static_cast<icu::BasicTimeZone*>(tz.release()));
  return EventTimeZone(std::move(zone));
}

const std::string& EventTimeZone::name() const { return m_zone->name; }

absl::StatusOr<TimeUs> EventTimeZone::parseLocalDateTime(std::string_view text) const {
  text = trimAscii(text);
  absl::StatusOr<DateTimeFields> fields = readDateTime(text);
  if (!fields.ok()) {
    return fields.status();
  }
  if (absl::Status status = checkRanges(text, *fields); !status.ok()) {
    return status;
  }
  const TimeUs wall = wallClockUs(*fields);
  if (fields->hasOffset) {
    const TimeUs offset =
        fields->offsetSign * (fields->offsetHours * kUsPerHour + fields->offsetMinutes * kUsPerMinute);
    return wall - offset;
  }
  const TimeUs instant = wall - m_zone->offsetAtLocal(wall);
  if (instant + m_zone->offsetAtUtc(instant) != wall) {
    return dateTimeError(text,
                         strCat("this local time does not exist in ", m_zone->name, " (the clocks go forward then)"));
  }
  return instant;
}

TimeUs EventTimeZone::utcOffsetUs(TimeUs instant) const { return m_zone->offsetAtUtc(instant); }

std::int32_t EventTimeZone::localDayNumber(TimeUs instant) const {
  return static_cast<std::int32_t>(floorDiv(instant + utcOffsetUs(instant), kUsPerDay));
}

std::string EventTimeZone::formatLocal(TimeUs instant) const {
  const TimeUs local = instant + utcOffsetUs(instant);
  const TimeUs days = floorDiv(local, kUsPerDay);
  const TimeUs ofDay = local - days * kUsPerDay;
  const CivilDate date = civilFromDays(days);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", static_cast<int>(date.year),
                static_cast<int>(date.month), static_cast<int>(date.day), static_cast<int>(ofDay / kUsPerHour),
                static_cast<int>(ofDay % kUsPerHour / kUsPerMinute));
  return text;
}

bool isValidTimeZone(std::string_view ianaName) { return EventTimeZone::create(ianaName).ok(); }

namespace {

absl::StatusOr<EventTimeZone> cachedZone(std::string_view name) {
  static std::shared_mutex mutex;
  static std::map<std::string, EventTimeZone, std::less<>> zones;
  {
    std::shared_lock lock(mutex);
    if (auto it = zones.find(name); it != zones.end()) {
      return it->second;
    }
  }
  absl::StatusOr<EventTimeZone> zone = EventTimeZone::create(name);
  if (!zone.ok()) {
    return zone.status();
  }
  std::unique_lock lock(mutex);
  return zones.emplace(std::string(name), *std::move(zone)).first->second;
}

}  // namespace

absl::StatusOr<TimeUs> parseLocalDateTime(std::string_view text, std::string_view timeZone) {
  absl::StatusOr<EventTimeZone> zone = cachedZone(timeZone);
  if (!zone.ok()) {
    return zone.status();
  }
  return zone->parseLocalDateTime(text);
}

std::int32_t localDayNumber(TimeUs instant, std::string_view timeZone) {
  absl::StatusOr<EventTimeZone> zone = cachedZone(timeZone);
  if (!zone.ok()) {
    return static_cast<std::int32_t>(floorDiv(instant, kUsPerDay));
  }
  return zone->localDayNumber(instant);
}

std::string formatLocal(TimeUs instant, std::string_view timeZone) {
  absl::StatusOr<EventTimeZone> zone = cachedZone(timeZone);
  if (!zone.ok()) {
    absl::StatusOr<EventTimeZone> utc = cachedZone("UTC");
    return utc.ok() ? strCat(utc->formatLocal(instant), " UTC") : std::string();
  }
  return zone->formatLocal(instant);
}

}  // namespace lanyard::server::domain
