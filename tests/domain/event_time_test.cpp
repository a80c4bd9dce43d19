#include "domain/event_time.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace lanyard::server::domain {
namespace {

using ::testing::HasSubstr;

constexpr TimeUs kUsPerSecond = 1'000'000;
constexpr std::string_view kPrague = "Europe/Prague";

// 2026-05-12 07:00:00 UTC, which is 09:00 summer time in Prague.
constexpr TimeUs kMay12NineInPrague = 1'778'569'200 * kUsPerSecond;

TimeUs parseOrDie(std::string_view text, std::string_view zone = kPrague) {
  absl::StatusOr<TimeUs> parsed = parseLocalDateTime(text, zone);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.status();
  return parsed.value_or(-1);
}

std::string errorOf(std::string_view text, std::string_view zone = kPrague) {
  absl::StatusOr<TimeUs> parsed = parseLocalDateTime(text, zone);
  if (parsed.ok()) {
    return "";
  }
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(parsed.status().message());
}

TEST(EventTimeTest, KnowsIanaZonesAndRejectsOthers) {
  EXPECT_TRUE(isValidTimeZone("Europe/Prague"));
  EXPECT_TRUE(isValidTimeZone("Europe/Vilnius"));
  EXPECT_TRUE(isValidTimeZone("UTC"));
  EXPECT_FALSE(isValidTimeZone("Europe/Pargue"));
  EXPECT_FALSE(isValidTimeZone("Mars/Olympus_Mons"));
  EXPECT_FALSE(isValidTimeZone("GMT+01:00"));
  EXPECT_FALSE(isValidTimeZone(""));
  EXPECT_FALSE(isValidTimeZone("Europe/Prague\xFF"));
}

TEST(EventTimeTest, RejectsUnknownZoneWhenCreatingOrParsing) {
  absl::StatusOr<EventTimeZone> zone = EventTimeZone::create("Europe/Pargue");
  ASSERT_FALSE(zone.ok());
  EXPECT_EQ(zone.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(zone.status().message(), HasSubstr("unknown time zone \"Europe/Pargue\""));
  EXPECT_THAT(errorOf("2026-05-12 09:00", "Europe/Pargue"), HasSubstr("unknown time zone"));
}

TEST(EventTimeTest, ParsesLocalTimeInEventZone) {
  EXPECT_EQ(parseOrDie("2026-05-12 09:00"), kMay12NineInPrague);
  EXPECT_EQ(parseOrDie("2026-05-12T09:00"), kMay12NineInPrague);
  EXPECT_EQ(parseOrDie("2026-05-12 09:00:00"), kMay12NineInPrague);
  EXPECT_EQ(parseOrDie("2026-05-12 9:00"), kMay12NineInPrague);
  EXPECT_EQ(parseOrDie("  2026-05-12 09:00 "), kMay12NineInPrague);
  EXPECT_EQ(parseOrDie("2026-05-12 09:00:07"), kMay12NineInPrague + 7 * kUsPerSecond);
  EXPECT_EQ(parseOrDie("2026-05-12 09:00:00.25"), kMay12NineInPrague + 250'000);
}

TEST(EventTimeTest, ParsesCentralEuropeanDayMonthYear) {
  EXPECT_EQ(parseOrDie("12.05.2026 09:00"), kMay12NineInPrague);
  EXPECT_EQ(parseOrDie("12. 5. 2026 9:00"), kMay12NineInPrague);
  EXPECT_EQ(parseOrDie("12.05.2026 09:00:30"), kMay12NineInPrague + 30 * kUsPerSecond);
}

TEST(EventTimeTest, UsesExplicitOffsetInsteadOfEventZone) {
  for (const std::string_view zone : {"Europe/Prague", "America/New_York", "Asia/Tokyo"}) {
    EXPECT_EQ(parseOrDie("2026-05-12T07:00:00Z", zone), kMay12NineInPrague) << zone;
    EXPECT_EQ(parseOrDie("2026-05-12T09:00:00+02:00", zone), kMay12NineInPrague) << zone;
    EXPECT_EQ(parseOrDie("2026-05-12T09:00+0200", zone), kMay12NineInPrague) << zone;
    EXPECT_EQ(parseOrDie("2026-05-12T10:00+03", zone), kMay12NineInPrague) << zone;
    EXPECT_EQ(parseOrDie("2026-05-12T03:00:00-04:00", zone), kMay12NineInPrague) << zone;
    EXPECT_EQ(parseOrDie("2026-05-12T12:30:00+05:30", zone), kMay12NineInPrague) << zone;
  }
}

TEST(EventTimeTest, UsesWinterOffsetInJanuary) {
  EXPECT_EQ(parseOrDie("2026-01-15 09:00"), 1'768'464'000 * kUsPerSecond);  // 08:00 UTC.
}

TEST(EventTimeTest, HandlesSpringForwardOnLastSundayOfMarch) {
  // 2026-03-29: at 02:00 CET the clocks jump to 03:00 CEST (01:00 UTC).
  EXPECT_EQ(parseOrDie("2026-03-29 01:30"), 1'774'744'200 * kUsPerSecond);  // 00:30 UTC.
  EXPECT_EQ(parseOrDie("2026-03-29 03:00"), 1'774'746'000 * kUsPerSecond);  // 01:00 UTC.
  EXPECT_EQ(parseOrDie("2026-03-29 03:30"), 1'774'747'800 * kUsPerSecond);  // 01:30 UTC.
}

TEST(EventTimeTest, RejectsLocalTimeSkippedBySpringForward) {
  EXPECT_EQ(errorOf("2026-03-29 02:30"),
            "\"2026-03-29 02:30\": this local time does not exist in Europe/Prague (the clocks "
            "go forward then)");
  EXPECT_EQ(errorOf("2026-03-29 02:30", "UTC"), "");
}

TEST(EventTimeTest, TakesFirstOccurrenceOfRepeatedAutumnHour) {
  // 2026-10-25: at 03:00 CEST the clocks go back to 02:00 CET; 02:30 happens twice.
  EXPECT_EQ(parseOrDie("2026-10-25 02:30"), 1'792'888'200 * kUsPerSecond);  // 00:30 UTC, CEST.
  EXPECT_EQ(parseOrDie("2026-10-25 03:00"), 1'792'893'600 * kUsPerSecond);  // 02:00 UTC, CET.
  EXPECT_EQ(parseOrDie("2026-10-25 01:59"), (1'792'888'200 - 31 * 60) * kUsPerSecond);
}

TEST(EventTimeTest, FormatsBothAutumnOccurrencesAsSameWallTime) {
  EXPECT_EQ(formatLocal(1'792'888'200 * kUsPerSecond, kPrague), "2026-10-25 02:30");
  EXPECT_EQ(formatLocal(1'792'891'800 * kUsPerSecond, kPrague), "2026-10-25 02:30");
}

TEST(EventTimeTest, FormatsLocalWallTime) {
  EXPECT_EQ(formatLocal(kMay12NineInPrague, kPrague), "2026-05-12 09:00");
  EXPECT_EQ(formatLocal(kMay12NineInPrague + 59 * kUsPerSecond, kPrague), "2026-05-12 09:00");
  EXPECT_EQ(formatLocal(kMay12NineInPrague, "Europe/Vilnius"), "2026-05-12 10:00");
  EXPECT_EQ(formatLocal(kMay12NineInPrague, "UTC"), "2026-05-12 07:00");
  EXPECT_EQ(formatLocal(-1, "UTC"), "1969-12-31 23:59");
}

TEST(EventTimeTest, FormatsUnknownZoneAsMarkedUtc) {
  EXPECT_EQ(formatLocal(kMay12NineInPrague, "Europe/Pargue"), "2026-05-12 07:00 UTC");
}

TEST(EventTimeTest, StartsLocalDayAtLocalMidnight) {
  const TimeUs midnightInPrague = 1'778'536'800 * kUsPerSecond;  // 2026-05-11 22:00 UTC.
  constexpr std::int32_t kMay12 = 20585;                         // Days since 1970-01-01.
  EXPECT_EQ(localDayNumber(midnightInPrague, kPrague), kMay12);
  EXPECT_EQ(localDayNumber(midnightInPrague - 1, kPrague), kMay12 - 1);
  EXPECT_EQ(localDayNumber(midnightInPrague, "UTC"), kMay12 - 1);
  EXPECT_EQ(localDayNumber(kMay12NineInPrague, kPrague), kMay12);
  EXPECT_EQ(localDayNumber(-1, "UTC"), -1);
}

TEST(EventTimeTest, CountsDayAcrossDstChangeOnce) {
  // 2026-03-29 is 23 hours long in Prague; both its first and last minute belong to it.
  const TimeUs firstMinute = parseOrDie("2026-03-29 00:00");
  const TimeUs lastMinute = parseOrDie("2026-03-29 23:59");
  EXPECT_EQ(lastMinute - firstMinute, (22 * 60 + 59) * 60 * kUsPerSecond);
  EXPECT_EQ(localDayNumber(firstMinute, kPrague), localDayNumber(lastMinute, kPrague));
  EXPECT_EQ(localDayNumber(lastMinute + 60 * kUsPerSecond, kPrague), localDayNumber(firstMinute, kPrague) + 1);
}

TEST(EventTimeTest, ReportsUtcOffsetIncludingDst) {
  absl::StatusOr<EventTimeZone> zone = EventTimeZone::create(kPrague);
  ASSERT_TRUE(zone.ok());
  EXPECT_EQ(zone->name(), "Europe/Prague");
  EXPECT_EQ(zone->utcOffsetUs(kMay12NineInPrague), 7200 * kUsPerSecond);
  EXPECT_EQ(zone->utcOffsetUs(1'768'464'000 * kUsPerSecond), 3600 * kUsPerSecond);
}

TEST(EventTimeTest, NamesTheWrongFieldOfImpossibleDates) {
  EXPECT_EQ(errorOf("2026-13-45 25:99"), "\"2026-13-45 25:99\": month 13 is not between 1 and 12");
  EXPECT_EQ(errorOf("2026-04-31 10:00"), "\"2026-04-31 10:00\": day 31 is not between 1 and 30 (April 2026)");
  EXPECT_EQ(errorOf("2026-02-29 10:00"), "\"2026-02-29 10:00\": day 29 is not between 1 and 28 (February 2026)");
  EXPECT_EQ(errorOf("2026-05-12 24:00"), "\"2026-05-12 24:00\": hour 24 is not between 0 and 23");
  EXPECT_EQ(errorOf("2026-05-12 09:60"), "\"2026-05-12 09:60\": minute 60 is not between 0 and 59");
  EXPECT_EQ(errorOf("2026-05-12 09:00:61"), "\"2026-05-12 09:00:61\": second 61 is not between 0 and 59");
  EXPECT_EQ(errorOf("32.01.2026 09:00"), "\"32.01.2026 09:00\": day 32 is not between 1 and 31 (January 2026)");
  EXPECT_THAT(errorOf("0026-05-12 09:00"), HasSubstr("year 26 is not between 1900 and 9999"));
  EXPECT_THAT(errorOf("2026-05-12T09:00+15:00"), HasSubstr("UTC offset is out of range"));
}

TEST(EventTimeTest, AcceptsLeapDay) { EXPECT_EQ(parseOrDie("2024-02-29 12:00"), 1'709'204'400 * kUsPerSecond); }

TEST(EventTimeTest, RejectsMissingTimeAndMalformedText) {
  EXPECT_EQ(errorOf("2026-05-12"), "\"2026-05-12\": the time of day is missing");
  EXPECT_EQ(errorOf("12.05.2026"), "\"12.05.2026\": the time of day is missing");
  for (const std::string_view bad :
       {"", "tomorrow", "2026/05/12 09:00", "2026-05-12 09", "2026-05-12 09:00 CEST", "2026-05-12 0900",
        "2026-05-12x09:00", "12.05.26 09:00", "2026-05-12 09:00:00.", "2026-05-12T09:00+2"}) {
    EXPECT_THAT(errorOf(bad), HasSubstr("expected a date and time such as")) << bad;
  }
}

TEST(EventTimeTest, ConvertsFromManyThreadsAtOnce) {
  absl::StatusOr<EventTimeZone> zone = EventTimeZone::create(kPrague);
  ASSERT_TRUE(zone.ok());
  std::atomic<int> mismatches = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const TimeUs instant = kMay12NineInPrague + (t * 2000 + i) * 60 * kUsPerSecond;
        if (localDayNumber(instant, kPrague) != zone->localDayNumber(instant) ||
            zone->parseLocalDateTime(zone->formatLocal(instant)).value_or(-1) != instant) {
          ++mismatches;
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace lanyard::server::domain
