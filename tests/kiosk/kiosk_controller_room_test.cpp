// KioskController at a room's door: it follows the room's sessions through the day on a clock the
// test sets (fake client and printer).

#include <gtest/gtest.h>

#include <QtTest/QSignalSpy>

#include "fake_badge_printer.h"
#include "fake_check_in_client.h"
#include "fake_clock.h"
#include "kiosk_controller.h"
#include "test_support.h"

namespace lanyard::kiosk {

using client::CheckInOutcome;
namespace {

using testing::FakeBadgePrinter;
using testing::FakeCheckInClient;
using testing::FakeClock;
using testing::waitUntil;
using Page = KioskController::Page;

const QString kBadgeCode = QString(QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")).repeated(4).left(120);

constexpr qint64 kMinuteUs = 60'000'000;

// `hours`:`minutes` in Prague (summer time, UTC+2) on 12 May 2026, UTC microseconds.
constexpr qint64 prague(int hours, int minutes) {
  return 1778544000LL * 1'000'000 + ((hours - 2) * 60LL + minutes) * kMinuteUs;
}

// A door that follows "Room B" through 12 May, on a clock the test sets.
class KioskRoomTest : public ::testing::Test {
 protected:
  KioskRoomTest() : controller(client, printer) {
    client.event.value.name = QStringLiteral("Integrating Cities");
    client.event.value.timeZone = QStringLiteral("Europe/Prague");
    client.event.value.nameProofLength = 4;
    // Back to back (the second's door opens while the first runs), then one in the afternoon.
    client.sessions.value = {
        {1, QStringLiteral("Opening plenary"), QStringLiteral("Main hall"), prague(9, 0), prague(10, 0), 0, 0},
        {2, QStringLiteral("Housing workshop"), QStringLiteral("Room B"), prague(9, 0), prague(10, 30), 40, 0},
        {3, QStringLiteral("Schools workshop"), QStringLiteral("room b "), prague(10, 30), prague(12, 0), 30, 0},
        {4, QStringLiteral("Youth panel"), QStringLiteral("Room B"), prague(14, 0), prague(15, 0), 0, 0}};
    client.checkInResult.value.outcome = CheckInOutcome::Admitted;
    controller.setClock(clock);
    controller.setReconnectMs(10);
    controller.setRoom(QStringLiteral(" ROOM B"));
  }

  // Starts at `time` and waits until the room's sessions are known.
  bool startAt(qint64 time) {
    clock.advanceTo(time);
    controller.start();
    return waitUntil([&] { return controller.connected(); });
  }

  FakeClock clock;
  FakeCheckInClient client;
  FakeBadgePrinter printer;
  KioskController controller;
};

TEST_F(KioskRoomTest, ClosedBeforeTheFirstDoorOpensSaysWhatIsNext) {
  ASSERT_TRUE(startAt(prague(8, 0)));
  EXPECT_TRUE(controller.door()->enabled());
  EXPECT_TRUE(controller.door()->roomMode());
  EXPECT_FALSE(controller.canSearch());
  EXPECT_TRUE(controller.door()->closed());
  EXPECT_EQ(controller.door()->sessionId(), 0);
  EXPECT_EQ(controller.door()->sessionTitle(), QString());
  EXPECT_EQ(controller.door()->room(), QStringLiteral("Room B")) << "as the event spells it";
  EXPECT_EQ(controller.door()->nextSessionTitle(), QStringLiteral("Housing workshop"));
  EXPECT_EQ(controller.door()->nextSessionTime(), QStringLiteral("09:00")) << "in the event's time zone";
  EXPECT_EQ(controller.setupProblem(), QString());
}

TEST_F(KioskRoomTest, OpensFifteenMinutesBeforeTheStart) {
  ASSERT_EQ(controller.door()->opensMinutesBefore(), 15);
  ASSERT_TRUE(startAt(prague(8, 45)));
  EXPECT_FALSE(controller.door()->closed());
  EXPECT_EQ(controller.door()->sessionId(), 2);
  EXPECT_EQ(controller.door()->sessionTitle(), QStringLiteral("Housing workshop"));
  EXPECT_EQ(controller.door()->sessionRoom(), QStringLiteral("Room B"));
}

TEST_F(KioskRoomTest, OpensAsLongBeforeTheStartAsTheEventsGracePeriod) {
  client.event.value.sessionGraceMinutes = 5;
  ASSERT_TRUE(startAt(prague(8, 45)));
  EXPECT_EQ(controller.door()->opensMinutesBefore(), 5);
  EXPECT_TRUE(controller.door()->closed()) << "the server would refuse a scan now";
  clock.advanceTo(prague(8, 55));
  EXPECT_EQ(controller.door()->sessionId(), 2);
}

TEST_F(KioskRoomTest, ARunningSessionKeepsTheDoorUntilItEnds) {
  // 10:20: the schools workshop's door is open too, but the housing workshop ends first.
  ASSERT_TRUE(startAt(prague(10, 20)));
  EXPECT_EQ(controller.door()->sessionId(), 2);
  EXPECT_EQ(controller.door()->nextSessionTitle(), QStringLiteral("Youth panel"));
}

TEST_F(KioskRoomTest, OfSessionsOpenAtOnceTheOneThatEndsFirstHasTheDoor) {
  client.sessions.value.append(
      {8, QStringLiteral("Poster exhibition"), QStringLiteral("Room B"), prague(8, 0), prague(17, 0), 0, 0});
  ASSERT_TRUE(startAt(prague(8, 30)));
  EXPECT_EQ(controller.door()->sessionId(), 8);
  clock.advanceTo(prague(8, 45));
  EXPECT_EQ(controller.door()->sessionId(), 2) << "the housing workshop ends before the exhibition";
  clock.advanceTo(prague(12, 30));
  EXPECT_EQ(controller.door()->sessionId(), 8);
  EXPECT_FALSE(controller.door()->closed());
}

TEST_F(KioskRoomTest, AfterTheLastSessionThereIsNoneToCome) {
  QSignalSpy changed(controller.door(), &SessionDoor::sessionChanged);
  ASSERT_TRUE(startAt(prague(15, 0)));
  EXPECT_TRUE(controller.door()->closed());
  EXPECT_GE(changed.count(), 1) << "so that the screen learns the door is closed";
  EXPECT_EQ(controller.door()->nextSessionTitle(), QString());
  EXPECT_EQ(controller.door()->nextSessionTime(), QString());
}

TEST_F(KioskRoomTest, SwitchesSessionsWhenTheClockReachesTheNextOpeningOrClosing) {
  ASSERT_TRUE(startAt(prague(8, 0)));
  EXPECT_EQ(clock.alarmUs(), prague(8, 45));
  QSignalSpy changed(controller.door(), &SessionDoor::sessionChanged);
  clock.advanceTo(prague(8, 45) - 1);
  EXPECT_TRUE(controller.door()->closed());
  EXPECT_EQ(changed.count(), 0);
  clock.advanceTo(prague(8, 45));
  EXPECT_EQ(controller.door()->sessionId(), 2);
  EXPECT_EQ(controller.door()->sessionTitle(), QStringLiteral("Housing workshop"));
  EXPECT_EQ(changed.count(), 1);

  // At 10:15 the schools workshop's door opens, but the housing workshop keeps this one to 10:30.
  clock.advanceTo(prague(10, 29));
  EXPECT_EQ(controller.door()->sessionId(), 2);
  clock.advanceTo(prague(10, 30));
  EXPECT_EQ(controller.door()->sessionId(), 3);
  EXPECT_EQ(controller.door()->sessionTitle(), QStringLiteral("Schools workshop"));

  clock.advanceTo(prague(12, 0));
  EXPECT_TRUE(controller.door()->closed());
  EXPECT_EQ(controller.door()->sessionId(), 0);
  EXPECT_EQ(controller.door()->sessionTitle(), QString());
  EXPECT_EQ(controller.door()->nextSessionTitle(), QStringLiteral("Youth panel"));
  EXPECT_EQ(controller.door()->nextSessionTime(), QStringLiteral("14:00"));

  clock.advanceTo(prague(15, 0));
  EXPECT_TRUE(controller.door()->closed());
  EXPECT_EQ(controller.door()->nextSessionTitle(), QString());
  EXPECT_EQ(clock.alarmUs(), std::nullopt) << "nothing more to wait for";
}

TEST_F(KioskRoomTest, ScansWhileClosedAreAnsweredWithoutTheServer) {
  ASSERT_TRUE(startAt(prague(12, 30)));
  controller.submitCode(kBadgeCode);
  EXPECT_EQ(controller.page(), Page::Problem);
  EXPECT_EQ(controller.messageKey(), QStringLiteral("door_closed"));
  EXPECT_TRUE(client.checkIns.isEmpty());
  EXPECT_TRUE(client.resolvedCodes.isEmpty());
}

TEST_F(KioskRoomTest, AScanChecksIntoTheSessionServedWhenItWasScanned) {
  client.checkInResult.error = FakeCheckInClient::unreachable();
  ASSERT_TRUE(startAt(prague(10, 29)));
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(waitUntil([&] { return controller.page() == Page::Problem; }));
  clock.advanceTo(prague(10, 30));
  ASSERT_EQ(controller.door()->sessionId(), 3);
  EXPECT_EQ(controller.page(), Page::Problem) << "the answer stays";

  client.checkInResult.error.reset();
  controller.retry();
  ASSERT_TRUE(waitUntil([&] { return controller.page() == Page::Done; }));
  ASSERT_EQ(client.checkIns.size(), 2);
  EXPECT_EQ(client.checkIns[0].sessionId, 2);
  EXPECT_EQ(client.checkIns[1].sessionId, 2) << "a retry is the same scan";
  EXPECT_EQ(client.checkIns[1].scanTimeUs, prague(10, 29)) << "the scan time comes from the kiosk's clock";

  controller.startOver();
  controller.submitCode(kBadgeCode);
  ASSERT_EQ(client.checkIns.size(), 3);
  EXPECT_EQ(client.checkIns[2].sessionId, 3);
}

TEST_F(KioskRoomTest, AsksForTheSessionsAgainAndAfterAReconnect) {
  controller.door()->setRefreshMs(10);
  ASSERT_TRUE(startAt(prague(12, 30)));
  ASSERT_TRUE(controller.door()->closed());
  // A session added to the room's lunch break.
  client.sessions.value.append(
      {5, QStringLiteral("Lunch talk"), QStringLiteral("Room B"), prague(12, 15), prague(13, 0), 0, 0});
  ASSERT_TRUE(waitUntil([&] { return controller.door()->sessionId() == 5; }));

  // The server goes away: the kiosk says so, and asks again until it is back.
  QSignalSpy loaded(&controller, &KioskController::eventLoaded);
  client.sessions.error = FakeCheckInClient::unreachable();
  ASSERT_TRUE(waitUntil([&] { return !controller.connected(); }));
  EXPECT_EQ(controller.door()->sessionId(), 5) << "the schedule heard last still holds";
  client.sessions.value.removeLast();
  client.sessions.error.reset();
  ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  EXPECT_TRUE(controller.door()->closed());
  EXPECT_EQ(loaded.count(), 2) << "one failure, one recovery; a refresh that changes nothing is silent";
}

TEST_F(KioskRoomTest, UnknownRoomIsReportedUntilASessionIsHeldThere) {
  controller.setRoom(QStringLiteral("Sál Z"));
  QSignalSpy loaded(&controller, &KioskController::eventLoaded);
  QSignalSpy problem(&controller, &KioskController::setupProblemChanged);
  clock.advanceTo(prague(10, 0));
  controller.start();
  ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 1; }));
  EXPECT_FALSE(loaded[0][0].toBool());
  EXPECT_EQ(loaded[0][1].toString(),
            QStringLiteral("no session of the event is in room \"Sál Z\", so this door cannot check anyone in; the "
                           "event's rooms: \"Main hall\", \"Room B\" (start the kiosk with one of them)"));
  EXPECT_EQ(controller.setupProblem(), QStringLiteral("unknown_room"));
  EXPECT_EQ(controller.door()->room(), QStringLiteral("Sál Z"));
  EXPECT_FALSE(controller.door()->closed()) << "not known to be closed: not known at all";
  controller.submitCode(kBadgeCode);
  EXPECT_EQ(controller.page(), Page::Welcome) << "no answer screen over the problem";
  EXPECT_TRUE(client.checkIns.isEmpty());

  ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 3; }));
  EXPECT_EQ(problem.count(), 1);
  client.sessions.value.append(
      {6, QStringLiteral("Pop-up session"), QStringLiteral("sál z"), prague(9, 30), prague(11, 0), 0, 0});
  ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  EXPECT_EQ(controller.setupProblem(), QString());
  EXPECT_EQ(controller.door()->sessionId(), 6);
  EXPECT_EQ(controller.door()->room(), QStringLiteral("sál z"));
}

TEST_F(KioskRoomTest, AnEventWithoutSessionsSaysSo) {
  client.sessions.value.clear();
  QSignalSpy loaded(&controller, &KioskController::eventLoaded);
  controller.start();
  ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 1; }));
  EXPECT_TRUE(loaded[0][1].toString().contains(QStringLiteral("; the event has no sessions yet")))
      << qPrintable(loaded[0][1].toString());
  EXPECT_EQ(controller.setupProblem(), QStringLiteral("unknown_room"));
}

TEST_F(KioskRoomTest, TheNextSessionsTimeFollowsTheLanguage) {
  // Late in the evening, the next session is tomorrow's: its date is written too.
  client.sessions.value.append({7, QStringLiteral("Study visit"), QStringLiteral("Room B"),
                                prague(9, 0) + 24 * 60 * kMinuteUs, prague(12, 0) + 24 * 60 * kMinuteUs, 0, 0});
  ASSERT_TRUE(startAt(prague(20, 0)));
  EXPECT_EQ(controller.door()->nextSessionTime(), QStringLiteral("13/05/2026 09:00"));
  QSignalSpy changed(controller.door(), &SessionDoor::sessionChanged);
  controller.setLanguage(QStringLiteral("de"));
  EXPECT_EQ(changed.count(), 1);
  EXPECT_EQ(controller.door()->nextSessionTime(), QStringLiteral("13.05.26 09:00"));
}

}  // namespace
}  // namespace lanyard::kiosk
