// One visitor at the kiosk: the language they chose, scans that are fragments or come while the
// kiosk is busy, a server that goes away; and a session door's own answers.

#include <gtest/gtest.h>

#include <QtTest/QSignalSpy>

#include "fake_badge_printer.h"
#include "fake_check_in_client.h"
#include "fake_clock.h"
#include "heartbeat.h"
#include "kiosk_controller.h"
#include "scan_check.h"
#include "test_support.h"

namespace lanyard::kiosk {

using client::CheckInOutcome;
using client::ClientError;
using client::DelegateSummary;
namespace {

using testing::FakeBadgePrinter;
using testing::FakeCheckInClient;
using testing::FakeClock;
using testing::waitUntil;
using Page = KioskController::Page;

// The demo event's key, and a badge code shaped for it (the fake server accepts any code).
const QByteArray kPublicKey = QByteArray(32, '\x2a');

QString badgeCodeFor(const QByteArray& publicKey) {
  const QString prefix = badgeCodePrefix(publicKey);
  return prefix + QString(120 - prefix.size(), u'Q');
}

DelegateSummary volodymyr() {
  DelegateSummary d;
  d.id = 9;
  d.givenName = QStringLiteral("Володимир");
  d.familyInitial = QStringLiteral("К.");
  d.displayName = QStringLiteral("Володимир К.");
  d.affiliation = QStringLiteral("Lviv");
  d.category = QStringLiteral("delegate");
  d.language = QStringLiteral("uk");
  return d;
}

class KioskVisitTest : public ::testing::Test {
 protected:
  KioskVisitTest() : controller(client, printer) {
    client.event.value.name = QStringLiteral("Integrating Cities");
    client.event.value.defaultLanguage = QStringLiteral("en");
    client.event.value.nameProofLength = 4;
    client.event.value.badgePublicKey = kPublicKey;
    client.event.value.shortestCodeLength = 24;
    client.checkInResult.value.outcome = CheckInOutcome::Admitted;
    client.checkInResult.value.delegate = volodymyr();
    controller.start();
    EXPECT_TRUE(waitUntil([&] { return controller.connected(); }));
  }

  bool reach(Page page) {
    return waitUntil([&] { return controller.page() == page; });
  }

  const QString code = badgeCodeFor(kPublicKey);
  FakeCheckInClient client;
  FakeBadgePrinter printer;
  KioskController controller;
};

TEST_F(KioskVisitTest, ChosenLanguageHoldsThroughTheVisitWhateverTheDelegateRegistered) {
  printer.holdJobs = true;
  controller.setLanguage(QStringLiteral("de"));
  controller.submitCode(code);
  ASSERT_TRUE(reach(Page::Printing));
  EXPECT_EQ(controller.delegateName(), QStringLiteral("Володимир К."));
  EXPECT_EQ(controller.language(), QStringLiteral("de")) << "registered in Ukrainian, chose German";
  printer.releaseJobs();
  ASSERT_TRUE(reach(Page::Done));
  EXPECT_EQ(controller.language(), QStringLiteral("de"));

  controller.endVisit();  // "Done", or the Done page's timeout.
  EXPECT_EQ(controller.page(), Page::Welcome);
  EXPECT_EQ(controller.language(), QStringLiteral("en")) << "the next visitor starts in the kiosk's language";
}

TEST_F(KioskVisitTest, ChosenLanguageHoldsIntoTheSearchAndBackAndErrors) {
  controller.setLanguage(QStringLiteral("uk"));
  controller.openSearch();
  EXPECT_EQ(controller.page(), Page::Search);
  EXPECT_EQ(controller.language(), QStringLiteral("uk"));
  EXPECT_EQ(controller.locale(), QStringLiteral("uk_UA")) << "the keyboard follows";
  controller.startOver();  // "Back".
  EXPECT_EQ(controller.language(), QStringLiteral("uk"));

  client.checkInResult.value.outcome = CheckInOutcome::UnknownCode;
  client.checkInResult.value.delegate.reset();
  controller.submitCode(QStringLiteral("an unknown ticket code 123"));
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("unknown_code"));
  EXPECT_EQ(controller.language(), QStringLiteral("uk")) << "the answer is in the visitor's language";
}

TEST_F(KioskVisitTest, RegisteredLanguageAppliesWhereTheVisitorChoseNone) {
  printer.holdJobs = true;
  controller.submitCode(code);
  ASSERT_TRUE(reach(Page::Printing));
  EXPECT_EQ(controller.language(), QStringLiteral("uk"));
}

TEST_F(KioskVisitTest, IdleWelcomeInAChosenLanguageEndsTheVisit) {
  controller.setIdleTimeoutMs(50);
  controller.setLanguage(QStringLiteral("fr"));
  EXPECT_EQ(controller.language(), QStringLiteral("fr"));
  ASSERT_TRUE(waitUntil([&] { return controller.language() == QStringLiteral("en"); }));
  EXPECT_EQ(controller.page(), Page::Welcome);
}

TEST_F(KioskVisitTest, ScanOnTheDonePageIsTheNextVisitor) {
  controller.setLanguage(QStringLiteral("de"));
  controller.submitCode(code);
  ASSERT_TRUE(reach(Page::Done));
  client.checkInResult.value.delegate->language.clear();
  printer.holdJobs = true;
  controller.submitCode(badgeCodeFor(kPublicKey).replace(119, 1, u'R'));
  ASSERT_TRUE(reach(Page::Printing));
  EXPECT_EQ(controller.language(), QStringLiteral("en"));
}

TEST_F(KioskVisitTest, FragmentsAreAskedAgainWithoutTheServer) {
  const QStringList fragments = {
      code.left(60),                    // A badge code cut short.
      code.left(119),                   // One character lost.
      code + code.left(10),             // Two scans run together.
      QStringLiteral("PARTOFATICKET"),  // Shorter than any code of the event.
      code.left(60).toLower(),          // Caps Lock does not hide it.
  };
  for (const QString& fragment : fragments) {
    controller.submitCode(fragment);
    EXPECT_EQ(controller.page(), Page::Problem) << fragment.toStdString();
    EXPECT_EQ(controller.messageKey(), QStringLiteral("scan_again")) << fragment.toStdString();
    controller.startOver();
  }
  EXPECT_TRUE(client.checkIns.isEmpty());

  controller.submitCode(QStringLiteral("a-whole-ticket-code-of-24"));
  ASSERT_TRUE(reach(Page::Done));
  EXPECT_EQ(client.checkIns.size(), 1);
}

TEST_F(KioskVisitTest, ScanWhilePrintingWaitsItsTurn) {
  printer.holdJobs = true;
  controller.submitCode(code);
  ASSERT_TRUE(reach(Page::Printing));
  const QString next = QStringLiteral("the next person's ticket");
  controller.submitCode(code.toLower());  // The same person again: the same scan.
  controller.submitCode(next);
  EXPECT_EQ(controller.page(), Page::Printing);
  EXPECT_EQ(client.checkIns.size(), 1);

  printer.releaseJobs();
  ASSERT_TRUE(waitUntil([&] { return client.checkIns.size() == 2; }));
  EXPECT_EQ(client.checkIns[1].code, next);
  ASSERT_TRUE(reach(Page::Done));
  EXPECT_EQ(printer.printed.size(), 2);
}

TEST_F(KioskVisitTest, ReadingFollowsTheScanner) {
  QSignalSpy changed(&controller, &KioskController::readingChanged);
  controller.setReading(true);
  EXPECT_TRUE(controller.reading());
  controller.setReading(false);
  EXPECT_EQ(changed.count(), 2);
}

TEST_F(KioskVisitTest, FailedHeartbeatShowsOfflineAndItClearsByItself) {
  Heartbeat heartbeat(client, printer);
  QObject::connect(&heartbeat, &Heartbeat::serverReached, &controller, &KioskController::setServerReachable);
  EXPECT_FALSE(controller.offline());
  client.heartbeatReply.error = FakeCheckInClient::unreachable();
  heartbeat.start();
  ASSERT_TRUE(waitUntil([&] { return controller.offline(); }));
  EXPECT_EQ(controller.page(), Page::Welcome);

  // The heartbeat tries again soon, not at the server's interval.
  client.heartbeatReply.error.reset();
  ASSERT_TRUE(waitUntil([&] { return !controller.offline(); }, 3 * Heartbeat::kRetryMs));
}

TEST_F(KioskVisitTest, FailedCallShowsOfflineUntilACallGetsThrough) {
  client.checkInResult.error = FakeCheckInClient::unreachable();
  controller.submitCode(code);
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("unreachable"));
  EXPECT_TRUE(controller.offline());
  client.checkInResult.error.reset();
  controller.retry();
  ASSERT_TRUE(reach(Page::Done));
  EXPECT_FALSE(controller.offline());
}

TEST_F(KioskVisitTest, RefusedHeartbeatIsNotOffline) {
  Heartbeat heartbeat(client, printer);
  QObject::connect(&heartbeat, &Heartbeat::serverReached, &controller, &KioskController::setServerReachable);
  QSignalSpy beaten(&heartbeat, &Heartbeat::beaten);
  client.heartbeatReply.error = ClientError{ClientError::Kind::NotAuthorised, QStringLiteral("token revoked")};
  heartbeat.start();
  ASSERT_TRUE(waitUntil([&] { return beaten.count() == 1; }));
  EXPECT_FALSE(controller.offline());
}

class SessionDoorVisitTest : public ::testing::Test {
 protected:
  static constexpr qint64 kHourUs = 3600LL * 1000 * 1000;

  SessionDoorVisitTest() : controller(client, printer) {
    client.event.value.sessionGraceMinutes = 15;
    client.sessions.value = {
        {5, QStringLiteral("Housing workshop"), QStringLiteral("Room B"), 10 * kHourUs, 12 * kHourUs, 40, 12}};
    client.checkInResult.value.delegate = volodymyr();
    controller.setClock(clock);
    controller.setSession(5);
  }

  void startAt(qint64 timeUs) {
    clock.advanceTo(timeUs);
    controller.start();
    ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  }

  FakeCheckInClient client;
  FakeBadgePrinter printer;
  FakeClock clock;
  KioskController controller;
};

TEST_F(SessionDoorVisitTest, SomeoneAlreadyInsideIsToldSoInGreen) {
  startAt(11 * kHourUs);
  client.checkInResult.value.outcome = CheckInOutcome::AlreadyCheckedIn;
  controller.submitCode(QStringLiteral("a ticket code"));
  ASSERT_TRUE(waitUntil([&] { return controller.page() == Page::Done; }));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("door_already_in"));
}

TEST_F(SessionDoorVisitTest, ClosedUntilTheSessionOpensAndAfterItEnds) {
  startAt(9 * kHourUs);
  EXPECT_TRUE(controller.door()->closed()) << "an hour before the workshop";
  EXPECT_EQ(controller.door()->nextSessionTitle(), QStringLiteral("Housing workshop"));
  EXPECT_EQ(controller.door()->room(), QStringLiteral("Room B"));
  controller.submitCode(QStringLiteral("a ticket code"));
  EXPECT_EQ(controller.page(), Page::Problem);
  EXPECT_EQ(controller.messageKey(), QStringLiteral("outside_time_window"));
  EXPECT_TRUE(client.checkIns.isEmpty()) << "answered without the server";

  controller.startOver();
  clock.advanceTo(10 * kHourUs - 15 * 60 * 1000 * 1000LL);  // The grace period before it starts.
  EXPECT_FALSE(controller.door()->closed());
  EXPECT_EQ(controller.door()->sessionTitle(), QStringLiteral("Housing workshop"));

  clock.advanceTo(12 * kHourUs);
  EXPECT_TRUE(controller.door()->closed()) << "over";
  EXPECT_TRUE(controller.door()->nextSessionTitle().isEmpty());
}

}  // namespace
}  // namespace lanyard::kiosk
