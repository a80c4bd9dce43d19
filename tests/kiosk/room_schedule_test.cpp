#include "room_schedule.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "presentation.h"

namespace lanyard::kiosk {
namespace {

using client::SessionInfo;

constexpr qint64 kMinuteUs = 60'000'000;
constexpr qint64 kMay12Us = 1778544000LL * 1'000'000;  // 2026-05-12 00:00 UTC.

// `hours`:`minutes` UTC on 12 May 2026, in microseconds.
constexpr qint64 at(int hours, int minutes) { return kMay12Us + (hours * 60LL + minutes) * kMinuteUs; }

SessionInfo session(qint64 id, const char* room, qint64 startUs, qint64 endUs) {
  return {id, QStringLiteral("Session %1").arg(id), QString::fromUtf8(room), startUs, endUs, 0, 0};
}

// Room B's day: two sessions back to back (the second's door opens while the first runs), one in
// the afternoon; and a long one in another room.
const QList<SessionInfo> kSessions = {
    session(1, "Room B", at(9, 0), at(10, 30)), session(4, "Main hall", at(8, 0), at(18, 0)),
    session(2, " room b", at(10, 30), at(12, 0)), session(3, "ROOM B ", at(14, 0), at(15, 0))};

constexpr std::chrono::minutes kGrace{15};

RoomSchedule roomBAt(qint64 nowUs) {
  return roomSchedule(sessionsInRoom(kSessions, QStringLiteral("Room B")), nowUs, kGrace);
}

TEST(RoomScheduleTest, MatchesRoomsIgnoringCaseAndSurroundingSpace) {
  EXPECT_TRUE(sameRoom(QStringLiteral("  room b "), QStringLiteral("Room B")));
  EXPECT_FALSE(sameRoom(QStringLiteral("Room B"), QStringLiteral("Room B2")));
  EXPECT_FALSE(sameRoom(QStringLiteral("Room  B"), QStringLiteral("Room B"))) << "only surrounding space is ignored";
  const QList<SessionInfo> roomB = sessionsInRoom(kSessions, QStringLiteral("room B"));
  ASSERT_EQ(roomB.size(), 3);
  EXPECT_EQ(roomB[0].id, 1);
  EXPECT_EQ(roomB[1].id, 2);
  EXPECT_EQ(roomB[2].id, 3);
}

TEST(RoomScheduleTest, ListsEachRoomOnceInAlphabeticalOrder) {
  EXPECT_EQ(roomsOf(kSessions), (QStringList{QStringLiteral("Main hall"), QStringLiteral("Room B")}));
  EXPECT_TRUE(roomsOf({}).isEmpty());
}

TEST(RoomScheduleTest, ClosedBeforeTheFirstDoorOpensAndNamesTheNextSession) {
  const RoomSchedule schedule = roomBAt(at(8, 0));
  EXPECT_FALSE(schedule.current);
  ASSERT_TRUE(schedule.next);
  EXPECT_EQ(schedule.next->id, 1);
  EXPECT_EQ(schedule.nextChangeUs, at(8, 45));
}

TEST(RoomScheduleTest, OpensTheLeadTimeBeforeTheStart) {
  EXPECT_FALSE(roomBAt(at(8, 45) - 1).current) << "a microsecond early";
  const RoomSchedule schedule = roomBAt(at(8, 45));
  ASSERT_TRUE(schedule.current);
  EXPECT_EQ(schedule.current->id, 1);
  ASSERT_TRUE(schedule.next);
  EXPECT_EQ(schedule.next->id, 2);
  EXPECT_EQ(schedule.nextChangeUs, at(10, 15)) << "when the next door opens";
  const QList<SessionInfo> roomB = sessionsInRoom(kSessions, QStringLiteral("Room B"));
  EXPECT_FALSE(roomSchedule(roomB, at(8, 45), std::chrono::minutes(5)).current) << "the event's grace period sets it";
  EXPECT_TRUE(roomSchedule(roomB, at(8, 55), std::chrono::minutes(5)).current);
}

TEST(RoomScheduleTest, ARunningSessionKeepsTheDoorUntilItEnds) {
  // 10:20: session 2's door is open too, but session 1 ends first.
  RoomSchedule schedule = roomBAt(at(10, 20));
  ASSERT_TRUE(schedule.current);
  EXPECT_EQ(schedule.current->id, 1);
  EXPECT_EQ(schedule.nextChangeUs, at(10, 30));
  EXPECT_EQ(roomBAt(at(10, 30) - 1).current->id, 1);
  schedule = roomBAt(at(10, 30));
  ASSERT_TRUE(schedule.current);
  EXPECT_EQ(schedule.current->id, 2) << "the end is not part of a session";
  EXPECT_EQ(schedule.nextChangeUs, at(12, 0));
}

TEST(RoomScheduleTest, OfSeveralOpenAtOnceTheOneThatEndsFirst) {
  // An exhibition all day in the room, and a talk within it.
  const QList<SessionInfo> sessions = {session(7, "Foyer", at(8, 0), at(17, 0)),
                                       session(8, "Foyer", at(10, 0), at(11, 0))};
  EXPECT_EQ(roomSchedule(sessions, at(9, 44), kGrace).current->id, 7);
  EXPECT_EQ(roomSchedule(sessions, at(9, 45), kGrace).current->id, 8);
  EXPECT_EQ(roomSchedule(sessions, at(10, 59), kGrace).current->id, 8);
  EXPECT_EQ(roomSchedule(sessions, at(11, 0), kGrace).current->id, 7) << "then the exhibition has the door again";
}

TEST(RoomScheduleTest, ClosedBetweenSessions) {
  const RoomSchedule schedule = roomBAt(at(12, 30));
  EXPECT_FALSE(schedule.current);
  ASSERT_TRUE(schedule.next);
  EXPECT_EQ(schedule.next->id, 3);
  EXPECT_EQ(schedule.nextChangeUs, at(13, 45));
}

TEST(RoomScheduleTest, NothingLeftAfterTheLastSession) {
  const RoomSchedule schedule = roomBAt(at(15, 0));
  EXPECT_FALSE(schedule.current);
  EXPECT_FALSE(schedule.next);
  EXPECT_EQ(schedule.nextChangeUs, 0);
}

TEST(RoomScheduleTest, TheOrderOfTheListDoesNotMatter) {
  QList<SessionInfo> reversed = sessionsInRoom(kSessions, QStringLiteral("Room B"));
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(roomSchedule(reversed, at(10, 20), kGrace).current->id, 1);
  EXPECT_EQ(roomSchedule(reversed, at(8, 0), kGrace).next->id, 1);
  // Two sessions ending together: the one that started first.
  reversed.append(session(5, "Room B", at(9, 30), at(10, 30)));
  EXPECT_EQ(roomSchedule(reversed, at(10, 20), kGrace).current->id, 1);
}

TEST(EventLocalTimeOfDayTest, TodayIsATimeAndAnotherDayHasItsDate) {
  const QString prague = QStringLiteral("Europe/Prague");
  EXPECT_EQ(eventLocalTimeOfDay(at(12, 0), at(9, 0), prague, QStringLiteral("en")), QStringLiteral("14:00"));
  // 23:30 UTC is already the 13th in Prague.
  const QString tomorrow = eventLocalTimeOfDay(at(23, 30), at(9, 0), prague, QStringLiteral("en"));
  EXPECT_TRUE(tomorrow.startsWith(QStringLiteral("13/05/2026")) && tomorrow.endsWith(QStringLiteral("01:30")))
      << qPrintable(tomorrow);
  const QString czech = eventLocalTimeOfDay(at(23, 30), at(9, 0), prague, QStringLiteral("cs"));
  EXPECT_NE(czech, tomorrow) << "written the Czech way: " << qPrintable(czech);
}

TEST(EventLocalTimeOfDayTest, WithoutTheEventsZoneItIsTheKiosksOwn) {
  const QByteArray zone = qgetenv("TZ");
  qputenv("TZ", "Asia/Tokyo");
  const QString time = eventLocalTimeOfDay(at(12, 0), at(12, 0), QString(), QStringLiteral("en"));
  zone.isNull() ? qunsetenv("TZ") : qputenv("TZ", zone);
  EXPECT_EQ(time, QStringLiteral("21:00"));
}

}  // namespace
}  // namespace lanyard::kiosk
