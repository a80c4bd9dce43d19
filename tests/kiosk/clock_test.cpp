#include "clock.h"

#include <gtest/gtest.h>

#include <QtCore/QDateTime>

#include "test_support.h"

namespace lanyard::kiosk {
namespace {

using testing::waitUntil;

TEST(SystemClockTest, TellsTheTimeOfDay) {
  SystemClock clock;
  const qint64 before = QDateTime::currentMSecsSinceEpoch() * 1000;
  const qint64 now = clock.nowUs();
  EXPECT_GE(now, before);
  EXPECT_LE(now, QDateTime::currentMSecsSinceEpoch() * 1000);
}

TEST(SystemClockTest, SoundsTheLatestAlarmOnceItsTimeHasCome) {
  SystemClock clock;
  QList<qint64> sounded;
  QObject::connect(&clock, &Clock::alarm, [&] { sounded.append(clock.nowUs()); });
  const qint64 start = clock.nowUs();
  clock.setAlarm(start + 10'000);
  clock.clearAlarm();
  clock.setAlarm(start + 20'000);
  clock.setAlarm(start + 60'000);  // Replaces the one before.
  ASSERT_TRUE(waitUntil([&] { return !sounded.isEmpty(); }));
  EXPECT_GE(sounded[0], start + 60'000);
  // An alarm for a time already past sounds at once.
  clock.setAlarm(start);
  EXPECT_TRUE(waitUntil([&] { return sounded.size() == 2; }));
}

}  // namespace
}  // namespace lanyard::kiosk
