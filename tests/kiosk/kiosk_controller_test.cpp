#include "kiosk_controller.h"

#include <gtest/gtest.h>

#include <QtTest/QSignalSpy>

#include "fake_badge_printer.h"
#include "fake_check_in_client.h"
#include "fake_clock.h"
#include "heartbeat.h"
#include "test_support.h"

namespace lanyard::kiosk {

using client::BadgeContent;
using client::CheckInOutcome;
using client::DelegateSummary;
using client::Resolution;
using client::SessionInfo;
namespace {

using testing::FakeBadgePrinter;
using testing::FakeCheckInClient;
using testing::FakeClock;
using testing::waitUntil;
using Page = KioskController::Page;

// A syntactically valid Lanyard badge code (120 base32 characters); the fake server accepts it.
const QString kBadgeCode = QString(QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")).repeated(4).left(120);

DelegateSummary simona() {
  DelegateSummary d;
  d.id = 42;
  d.givenName = QStringLiteral("Simona");
  d.familyInitial = QStringLiteral("B.");
  d.displayName = QStringLiteral("Simona B.");
  d.affiliation = QStringLiteral("Vilnius");
  d.organisation = QStringLiteral("Vilniaus miesto savivaldybė");
  d.category = QStringLiteral("city_official");
  d.language = QStringLiteral("lt");
  return d;
}

class KioskControllerTest : public ::testing::Test {
 protected:
  KioskControllerTest() : controller(client, printer) {
    client.event.value.name = QStringLiteral("Integrating Cities");
    client.event.value.timeZone = QStringLiteral("Europe/Prague");
    client.event.value.defaultLanguage = QStringLiteral("en");
    client.event.value.nameProofLength = 4;
    client.event.value.categories = {
        {QStringLiteral("city_official"), QStringLiteral("City official"), QStringLiteral("#1565C0")}};
    client.resolution.value.status = Resolution::Status::Valid;
    client.resolution.value.delegate = simona();
    client.checkInResult.value.outcome = CheckInOutcome::Admitted;
    client.checkInResult.value.delegate = simona();
    controller.start();
    EXPECT_TRUE(waitUntil([&] { return controller.connected(); }));
  }

  bool reach(Page page) {
    return waitUntil([&] { return controller.page() == page; });
  }

  FakeCheckInClient client;
  FakeBadgePrinter printer;
  KioskController controller;
};

TEST_F(KioskControllerTest, ScanChecksInAndPrintsWithoutAskingWhoItIs) {
  printer.holdJobs = true;
  controller.submitCode(kBadgeCode);
  EXPECT_EQ(controller.page(), Page::Checking);
  ASSERT_TRUE(reach(Page::Printing));
  EXPECT_TRUE(client.resolvedCodes.isEmpty()) << "no \"is this you?\" for a code";
  EXPECT_EQ(controller.delegateName(), QStringLiteral("Simona B.")) << "the printing page says whose badge it is";
  EXPECT_EQ(controller.categoryLabel(), QStringLiteral("City official"));
  EXPECT_EQ(controller.language(), QStringLiteral("lt")) << "switches to the delegate's language";

  printer.releaseJobs();
  ASSERT_TRUE(reach(Page::Done));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("take_badge"));
  ASSERT_EQ(client.checkIns.size(), 1);
  EXPECT_EQ(client.checkIns[0].code, kBadgeCode);
  EXPECT_FALSE(client.checkIns[0].requestId.isEmpty());
  EXPECT_GT(client.checkIns[0].scanTimeUs, 0);
  ASSERT_EQ(printer.printed.size(), 1);
  EXPECT_EQ(printer.printed[0].givenName, QStringLiteral("Simona"));
  EXPECT_EQ(printer.printed[0].badgeCode, kBadgeCode);
  EXPECT_EQ(printer.printed[0].categoryColour, QColor(QStringLiteral("#1565C0")));
  ASSERT_TRUE(waitUntil([&] { return client.prints.size() == 1; }));
  EXPECT_TRUE(client.prints[0].success);
  EXPECT_EQ(client.prints[0].delegateId, 42);
  EXPECT_EQ(client.prints[0].printer, QStringLiteral("fake-printer"));
}

TEST_F(KioskControllerTest, PassesThroughPrintingPage) {
  QList<Page> pages;
  QObject::connect(&controller, &KioskController::pageChanged, [&] { pages.append(controller.page()); });
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(reach(Page::Done));
  EXPECT_EQ(pages, (QList<Page>{Page::Checking, Page::Printing, Page::Done}));
}

TEST_F(KioskControllerTest, AlreadyCheckedInShowsProblemWithoutPrinting) {
  client.checkInResult.value.outcome = CheckInOutcome::AlreadyCheckedIn;
  client.checkInResult.value.previousTimeUs = 1778573640000000;  // 2026-05-12 08:14 UTC.
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("already_checked_in"));
  EXPECT_TRUE(controller.previousCheckIn().contains(QStringLiteral("10:14")))
      << qPrintable(controller.previousCheckIn()) << " should be Prague time";
  EXPECT_TRUE(printer.printed.isEmpty());
  EXPECT_FALSE(controller.canRetry());
}

TEST_F(KioskControllerTest, AlreadyCheckedInWithoutABadgePrintsTheFirstOne) {
  client.checkInResult.value.outcome = CheckInOutcome::AlreadyCheckedIn;
  client.checkInResult.value.badgePrinted = false;
  client.checkInResult.value.badge = BadgeContent{QStringLiteral("Simona"), QStringLiteral("Butkutė"),
                                                  QStringLiteral("Vilnius"), kBadgeCode, QString()};
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(reach(Page::Done));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("take_badge"));
  ASSERT_EQ(printer.printed.size(), 1);
  EXPECT_EQ(printer.printed[0].familyName, QStringLiteral("Butkutė"));
}

TEST_F(KioskControllerTest, UnknownCodeShowsProblem) {
  client.checkInResult.value.outcome = CheckInOutcome::UnknownCode;
  client.checkInResult.value.delegate.reset();
  controller.submitCode(QStringLiteral("NOT-A-CODE"));
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("unknown_code"));
  EXPECT_TRUE(printer.printed.isEmpty());
}

TEST_F(KioskControllerTest, UnreachableServerCanBeRetriedWithTheSameRequestId) {
  client.checkInResult.error = FakeCheckInClient::unreachable();
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("unreachable"));
  EXPECT_TRUE(controller.canRetry());

  client.checkInResult.error.reset();
  controller.retry();
  ASSERT_TRUE(reach(Page::Done));
  ASSERT_EQ(client.checkIns.size(), 2);
  EXPECT_EQ(client.checkIns[0].requestId, client.checkIns[1].requestId);
  EXPECT_EQ(client.checkIns[0].scanTimeUs, client.checkIns[1].scanTimeUs);
}

TEST_F(KioskControllerTest, PrinterFailureIsShownAndRecorded) {
  printer.result = {false, QStringLiteral("media-empty"), QStringLiteral("fake")};
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("printer_failed"));
  ASSERT_TRUE(waitUntil([&] { return client.prints.size() == 1; }));
  EXPECT_FALSE(client.prints[0].success);
  EXPECT_EQ(client.prints[0].error, QStringLiteral("media-empty"));
}

TEST_F(KioskControllerTest, TicketCodeBadgeHasNoQrCode) {
  controller.submitCode(QStringLiteral("pretix-secret-123"));
  ASSERT_TRUE(reach(Page::Done));
  ASSERT_EQ(printer.printed.size(), 1);
  EXPECT_TRUE(printer.printed[0].badgeCode.isEmpty());
}

TEST_F(KioskControllerTest, ReentryNeedsNoNewBadge) {
  client.checkInResult.value.reentry = true;
  client.checkInResult.value.badgePrinted = true;
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(reach(Page::Done));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("welcome_back"));
  EXPECT_TRUE(printer.printed.isEmpty());
}

TEST_F(KioskControllerTest, StartOverForgetsTheDelegateAndTheirLanguage) {
  client.checkInResult.value.outcome = CheckInOutcome::Cancelled;
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(controller.language(), QStringLiteral("lt"));
  controller.startOver();
  EXPECT_EQ(controller.page(), Page::Welcome);
  EXPECT_TRUE(controller.delegateName().isEmpty());
  EXPECT_EQ(controller.language(), QStringLiteral("en")) << "back to the event's language";
}

TEST_F(KioskControllerTest, TheEntranceHasNoLeavingScan) {
  controller.setLeaving(true);
  EXPECT_FALSE(controller.door()->leaving()) << "the entrance checks people in and prints badges";
}

TEST_F(KioskControllerTest, IdleTimeoutClearsTheDelegate) {
  controller.setIdleTimeoutMs(50);
  client.checkInResult.value.outcome = CheckInOutcome::Cancelled;
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(reach(Page::Problem));
  ASSERT_FALSE(controller.delegateName().isEmpty());
  ASSERT_TRUE(reach(Page::Welcome));
  EXPECT_TRUE(controller.delegateName().isEmpty());
  EXPECT_TRUE(controller.delegateAffiliation().isEmpty());
  EXPECT_TRUE(controller.delegateOrganisation().isEmpty());
}

TEST_F(KioskControllerTest, DoneReturnsToWelcome) {
  controller.setDoneTimeoutMs(50);
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(reach(Page::Done));
  ASSERT_TRUE(reach(Page::Welcome));
  EXPECT_TRUE(controller.delegateName().isEmpty());
}

TEST_F(KioskControllerTest, StaleReplyAfterStartOverIsIgnored) {
  controller.submitCode(kBadgeCode);
  controller.startOver();
  // The check-in reply is still queued; it must not bring the delegate back.
  QCoreApplication::processEvents();
  QCoreApplication::processEvents();
  EXPECT_EQ(controller.page(), Page::Welcome);
  EXPECT_TRUE(controller.delegateName().isEmpty());
}

TEST_F(KioskControllerTest, SwitchesLanguageAndIgnoresUnknownOnes) {
  QSignalSpy changed(&controller, &KioskController::languageChanged);
  controller.setLanguage(QStringLiteral("uk"));
  EXPECT_EQ(controller.language(), QStringLiteral("uk"));
  EXPECT_EQ(changed.count(), 1);
  controller.setLanguage(QStringLiteral("xx"));
  EXPECT_EQ(controller.language(), QStringLiteral("uk"));
  EXPECT_EQ(changed.count(), 1);
}

DelegateSummary petra() {
  DelegateSummary d;
  d.id = 7;
  d.givenName = QStringLiteral("Petra");
  d.familyInitial = QStringLiteral("N.");
  d.displayName = QStringLiteral("Petra N.");
  d.affiliation = QStringLiteral("Brno");
  return d;
}

class KioskSearchTest : public KioskControllerTest {
 protected:
  KioskSearchTest() {
    controller.setSearchDelayMs(10);
    client.searchResults.value.matches = {petra(), simona()};
  }

  // Welcome -> search "sim" -> results -> Simona -> Confirm -> "yes" -> Proof.
  void reachProof() {
    controller.openSearch();
    ASSERT_EQ(controller.page(), Page::Search);
    controller.search(QStringLiteral("sim"));
    ASSERT_TRUE(waitUntil([&] { return controller.searchResults()->rowCount() == 2; }));
    controller.choose(42);
    ASSERT_EQ(controller.page(), Page::Confirm);
    EXPECT_TRUE(controller.foundByName());
    EXPECT_EQ(controller.delegateName(), QStringLiteral("Simona B."));
    controller.confirm();
    ASSERT_EQ(controller.page(), Page::Proof) << "a name found by search is proved before anything prints";
    EXPECT_TRUE(printer.printed.isEmpty());
    EXPECT_TRUE(client.checkIns.isEmpty());
  }
};

TEST_F(KioskSearchTest, ResultsShowOnlyTheMinimalView) {
  controller.openSearch();
  controller.search(QStringLiteral("sim"));
  ASSERT_TRUE(waitUntil([&] { return controller.searchResults()->rowCount() == 2; }));
  const SearchResultModel& results = *controller.searchResults();
  const QModelIndex first = results.index(0);
  EXPECT_EQ(results.data(first, SearchResultModel::NameRole).toString(), QStringLiteral("Petra N."));
  EXPECT_EQ(results.data(first, SearchResultModel::AffiliationRole).toString(), QStringLiteral("Brno"));
  EXPECT_EQ(results.data(first, SearchResultModel::DelegateIdRole).toLongLong(), 7);
  QList<QByteArray> roles = results.roleNames().values();
  std::sort(roles.begin(), roles.end());
  EXPECT_EQ(roles, (QList<QByteArray>{"affiliation", "delegateId", "name"}));
  EXPECT_FALSE(results.data(first, SearchResultModel::OrganisationRole).isValid());
}

TEST_F(KioskSearchTest, MoreMatchesThanShownAskForMoreLetters) {
  client.searchResults.value.more = true;
  controller.openSearch();
  controller.search(QStringLiteral("ma"));
  ASSERT_TRUE(waitUntil([&] { return controller.moreResults(); }));
  EXPECT_EQ(controller.searchResults()->rowCount(), 2);

  client.searchResults.value.more = false;
  controller.search(QStringLiteral("marija"));
  ASSERT_TRUE(waitUntil([&] { return !controller.moreResults(); }));
}

TEST_F(KioskSearchTest, TypingAsksOnceThePausedQuery) {
  controller.openSearch();
  controller.search(QStringLiteral("s"));
  controller.search(QStringLiteral("si"));
  controller.search(QStringLiteral("sim "));
  ASSERT_TRUE(waitUntil([&] { return !controller.searchResults()->isEmpty(); }));
  EXPECT_EQ(client.searchQueries, QList<QString>{QStringLiteral("sim")});
  controller.search(QStringLiteral("s"));
  EXPECT_TRUE(controller.searchResults()->isEmpty()) << "one letter clears the results";
}

TEST_F(KioskSearchTest, CorrectProofChecksInByIdAndPrintsTheFullName) {
  client.checkInResult.value.badge = BadgeContent{QStringLiteral("Simona"), QStringLiteral("Butkutė"),
                                                  QStringLiteral("Vilnius"), kBadgeCode, QString()};
  reachProof();
  controller.submitProof(QStringLiteral(" simo "));
  ASSERT_TRUE(reach(Page::Done));
  ASSERT_EQ(client.checkIns.size(), 1);
  EXPECT_EQ(client.checkIns[0].delegateId, 42);
  EXPECT_EQ(client.checkIns[0].proof, QStringLiteral("simo"));
  EXPECT_TRUE(client.checkIns[0].code.isEmpty());
  ASSERT_EQ(printer.printed.size(), 1);
  EXPECT_EQ(printer.printed[0].familyName, QStringLiteral("Butkutė"));
  EXPECT_EQ(printer.printed[0].badgeCode, kBadgeCode) << "the QR carries the code the server issued";
}

TEST_F(KioskSearchTest, WrongProofsCountDownThenSendToTheHelpDesk) {
  client.checkInResult.value.outcome = CheckInOutcome::WrongProof;
  client.checkInResult.value.delegate.reset();
  reachProof();
  for (int attempt = 1; attempt < KioskController::kProofAttempts; ++attempt) {
    controller.submitProof(QStringLiteral("xxxx"));
    ASSERT_TRUE(waitUntil([&] { return controller.proofRejected() && client.checkIns.size() == attempt; }));
    ASSERT_TRUE(reach(Page::Proof));
    EXPECT_EQ(controller.proofAttemptsLeft(), KioskController::kProofAttempts - attempt);
  }
  controller.submitProof(QStringLiteral("yyyy"));
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("proof_failed"));
  EXPECT_TRUE(printer.printed.isEmpty());
  EXPECT_NE(client.checkIns[0].requestId, client.checkIns[1].requestId) << "each try is its own request";
}

TEST_F(KioskSearchTest, ThrottledProofSendsToTheHelpDesk) {
  client.checkInResult.value.outcome = CheckInOutcome::ProofThrottled;
  reachProof();
  controller.submitProof(QStringLiteral("simo"));
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("proof_failed"));
}

TEST_F(KioskSearchTest, NotMeGoesBackToTheSameResults) {
  controller.openSearch();
  controller.search(QStringLiteral("sim"));
  ASSERT_TRUE(waitUntil([&] { return controller.searchResults()->rowCount() == 2; }));
  controller.choose(42);
  controller.reject();
  EXPECT_EQ(controller.page(), Page::Search);
  EXPECT_EQ(controller.searchQuery(), QStringLiteral("sim"));
  EXPECT_EQ(controller.searchResults()->rowCount(), 2);
  EXPECT_TRUE(controller.delegateName().isEmpty());
  EXPECT_FALSE(controller.foundByName());
}

TEST_F(KioskSearchTest, UnreachableSearchCanBeRetried) {
  client.searchResults.error = FakeCheckInClient::unreachable();
  controller.openSearch();
  controller.search(QStringLiteral("sim"));
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("unreachable"));
  client.searchResults.error.reset();
  controller.retry();
  ASSERT_TRUE(waitUntil([&] { return controller.searchResults()->rowCount() == 2; }));
  EXPECT_EQ(controller.page(), Page::Search);
}

TEST(KioskControllerSearchOffTest, NoSearchWhenTheEventForbidsIt) {
  FakeCheckInClient client;
  FakeBadgePrinter printer;
  client.event.value.nameProofLength = 0;
  KioskController controller(client, printer);
  controller.start();
  ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  EXPECT_FALSE(controller.canSearch());
  controller.openSearch();
  EXPECT_EQ(controller.page(), Page::Welcome);
}

class KioskDoorTest : public ::testing::Test {
 protected:
  static constexpr qint64 kHourUs = 3600LL * 1000 * 1000;

  KioskDoorTest() : controller(client, printer) {
    client.event.value.name = QStringLiteral("Integrating Cities");
    client.event.value.nameProofLength = 4;
    client.sessions.value = {
        {4, QStringLiteral("Opening plenary"), QStringLiteral("Main hall"), 8 * kHourUs, 9 * kHourUs, 0, 0},
        {5, QStringLiteral("Housing workshop"), QStringLiteral("Room B"), 10 * kHourUs, 12 * kHourUs, 40, 12}};
    client.checkInResult.value.outcome = CheckInOutcome::Admitted;
    client.checkInResult.value.delegate = simona();
    clock.advanceTo(11 * kHourUs);  // The workshop is on.
    controller.setClock(clock);
    controller.setSession(5);
  }

  FakeCheckInClient client;
  FakeBadgePrinter printer;
  FakeClock clock;
  KioskController controller;
};

TEST_F(KioskDoorTest, ShowsTheSessionAndAdmitsOnAScanWithoutPrinting) {
  controller.start();
  ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  EXPECT_TRUE(controller.door()->enabled());
  EXPECT_EQ(controller.door()->sessionTitle(), QStringLiteral("Housing workshop"));
  EXPECT_EQ(controller.door()->sessionRoom(), QStringLiteral("Room B"));
  EXPECT_FALSE(controller.canSearch()) << "a door takes badges only";

  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(waitUntil([&] { return controller.page() == Page::Done; }));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("door_admitted"));
  EXPECT_EQ(controller.delegateName(), QStringLiteral("Simona B."));
  ASSERT_EQ(client.checkIns.size(), 1);
  EXPECT_EQ(client.checkIns[0].sessionId, 5);
  EXPECT_EQ(client.checkIns[0].code, kBadgeCode);
  EXPECT_TRUE(client.resolvedCodes.isEmpty()) << "no confirm step at a door";
  EXPECT_TRUE(printer.printed.isEmpty());
}

// Leaving frees a seat in a full session; the door goes back to entering after one scan.
TEST_F(KioskDoorTest, ILeaveChecksTheNextScanOutAndTheOneAfterItIn) {
  controller.start();
  ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  QSignalSpy leavingChanged(controller.door(), &SessionDoor::leavingChanged);
  controller.setLeaving(true);
  EXPECT_TRUE(controller.door()->leaving());
  client.checkInResult.value.outcome = CheckInOutcome::CheckedOut;
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(waitUntil([&] { return controller.page() == Page::Done; }));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("door_left"));
  EXPECT_EQ(controller.delegateName(), QStringLiteral("Simona B."));
  EXPECT_FALSE(controller.door()->leaving()) << "leaving lasts one scan";
  EXPECT_EQ(leavingChanged.count(), 2);

  client.checkInResult.value.outcome = CheckInOutcome::Admitted;
  controller.startOver();
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(waitUntil([&] { return controller.page() == Page::Done; }));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("door_admitted"));
  ASSERT_EQ(client.checkIns.size(), 2);
  EXPECT_TRUE(client.checkIns[0].checkOut);
  EXPECT_EQ(client.checkIns[0].sessionId, 5);
  EXPECT_FALSE(client.checkIns[1].checkOut);
}

TEST_F(KioskDoorTest, LeavingWithoutHavingComeInSaysSo) {
  client.checkInResult.value.outcome = CheckInOutcome::NotCheckedIn;
  controller.start();
  ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  controller.setLeaving(true);
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(waitUntil([&] { return controller.page() == Page::Problem; }));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("not_checked_in"));
}

TEST_F(KioskDoorTest, AnUnusedILeaveTimesOutSoTheNextPersonIsCheckedIn) {
  controller.door()->setLeavingTimeoutMs(50);
  controller.start();
  ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  controller.setLeaving(true);
  ASSERT_TRUE(controller.door()->leaving());
  ASSERT_TRUE(waitUntil([&] { return !controller.door()->leaving(); }));
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(waitUntil([&] { return controller.page() == Page::Done; }));
  ASSERT_EQ(client.checkIns.size(), 1);
  EXPECT_FALSE(client.checkIns[0].checkOut);
}

TEST_F(KioskDoorTest, FullSessionIsRefusedAndTheScreenClearsItself) {
  client.checkInResult.value.outcome = CheckInOutcome::SessionFull;
  controller.setIdleTimeoutMs(50);
  controller.start();
  ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  controller.submitCode(kBadgeCode);
  ASSERT_TRUE(waitUntil([&] { return controller.page() == Page::Problem; }));
  EXPECT_EQ(controller.messageKey(), QStringLiteral("session_full"));
  ASSERT_TRUE(waitUntil([&] { return controller.page() == Page::Welcome; }));
  EXPECT_TRUE(controller.delegateName().isEmpty());
}

TEST_F(KioskDoorTest, UnknownSessionIsReportedNotServed) {
  const SessionInfo housing = client.sessions.value.takeLast();
  controller.setReconnectMs(10);
  QSignalSpy loaded(&controller, &KioskController::eventLoaded);
  QSignalSpy problem(&controller, &KioskController::setupProblemChanged);
  controller.start();
  ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 1; }));
  EXPECT_FALSE(loaded[0][0].toBool());
  EXPECT_TRUE(loaded[0][1].toString().startsWith(QStringLiteral("the server has no session 5,")))
      << loaded[0][1].toString().toStdString();
  EXPECT_FALSE(controller.connected());
  // The screen says so rather than "Connecting…", and the door lets no scan through.
  EXPECT_EQ(controller.setupProblem(), QStringLiteral("unknown_session"));
  EXPECT_EQ(controller.door()->sessionId(), 5);
  controller.submitCode(kBadgeCode);
  EXPECT_EQ(controller.page(), Page::Welcome);
  EXPECT_TRUE(client.checkIns.isEmpty());

  // It keeps asking, without repeating the problem: a session imported later clears it.
  ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 3; }));
  EXPECT_EQ(problem.count(), 1);
  client.sessions.value.append(housing);
  ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  EXPECT_EQ(controller.setupProblem(), QString());
  EXPECT_EQ(controller.door()->sessionTitle(), QStringLiteral("Housing workshop"));
}

TEST(KioskStartTest, TokenThatMayNotCheckInIsReportedNotServed) {
  FakeCheckInClient client;
  client.event.value.deviceName = QStringLiteral("organiser-laptop");
  client.event.value.deviceMayRunKiosk = false;  // An organiser's token.
  FakeBadgePrinter printer;
  KioskController controller(client, printer);
  QSignalSpy loaded(&controller, &KioskController::eventLoaded);
  controller.start();
  ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 1; }));
  EXPECT_FALSE(loaded[0][0].toBool());
  EXPECT_TRUE(loaded[0][1].toString().contains(QStringLiteral("\"organiser-laptop\" is not a kiosk's")))
      << loaded[0][1].toString().toStdString();
  EXPECT_FALSE(controller.connected());
}

TEST(HeartbeatTest, ReportsThePrinterAndFollowsTheServersInterval) {
  FakeCheckInClient client;
  FakeBadgePrinter printer;
  printer.state = {PrinterState::Status::PaperOut, QStringLiteral("media-empty")};
  client.heartbeatReply.value = 7;
  KioskController controller(client, printer);
  Heartbeat heartbeat(client, printer);
  QObject::connect(&heartbeat, &Heartbeat::printerStateChanged, &controller, &KioskController::setPrinterState);
  QSignalSpy beaten(&heartbeat, &Heartbeat::beaten);
  heartbeat.start();
  ASSERT_TRUE(waitUntil([&] { return beaten.count() == 1; }));
  ASSERT_EQ(client.heartbeats.size(), 1);
  EXPECT_EQ(client.heartbeats[0].status, PrinterState::Status::PaperOut);
  EXPECT_EQ(client.heartbeats[0].detail, QStringLiteral("media-empty"));
  EXPECT_EQ(heartbeat.intervalMs(), 7000);
  EXPECT_EQ(controller.printerProblem(), QStringLiteral("paper_out")) << "Welcome warns before anyone checks in";

  printer.state = {};
  client.heartbeatReply.error = FakeCheckInClient::unreachable();
  heartbeat.beat();  // The timer's next tick, without waiting 7 s.
  ASSERT_TRUE(waitUntil([&] { return beaten.count() == 2; }));
  EXPECT_FALSE(beaten[1][0].toBool());
  EXPECT_EQ(controller.printerProblem(), QString()) << "the printer recovered even if the server did not hear it";
  EXPECT_EQ(heartbeat.intervalMs(), 7000);
}

TEST(KioskControllerStartTest, ReportsUnreachableServerAndRetries) {
  FakeCheckInClient client;
  FakeBadgePrinter printer;
  client.event.error = FakeCheckInClient::unreachable();
  KioskController controller(client, printer);
  controller.setReconnectMs(10);
  QSignalSpy loaded(&controller, &KioskController::eventLoaded);
  controller.start();
  ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 1; }));
  EXPECT_FALSE(loaded[0][0].toBool());
  EXPECT_FALSE(controller.connected());
  client.event.error.reset();
  client.event.value.name = QStringLiteral("Integrating Cities");
  ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  EXPECT_EQ(controller.eventName(), QStringLiteral("Integrating Cities"));
}

}  // namespace
}  // namespace lanyard::kiosk
