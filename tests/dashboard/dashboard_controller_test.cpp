// DashboardController against a fake client: the connection sequence, applying snapshots and
// activities, debounced summary refreshes, reconnecting with backoff and resuming after the last
// sequence, giving up on a refused token, and what its clock decides (kiosks alive, the event over).

#include "dashboard_controller.h"

#include <gtest/gtest.h>

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include "fake_attendance_client.h"

namespace lanyard::dashboard {

using client::ActivityKind;
using client::CheckInOutcome;
using client::ClientError;
using client::PrinterStatus;
namespace {

using namespace std::chrono_literals;
using testing::checkInActivity;
using testing::FakeAttendanceClient;
using testing::sampleSummary;

constexpr int kDeadlineMs = 5000;

class DashboardControllerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client.event.name = QStringLiteral("Integrating Cities");
    client.event.timeZone = QStringLiteral("Europe/Prague");
    client.event.categories = {{QStringLiteral("speaker"), QStringLiteral("Speaker"), QStringLiteral("#C62828")}};
    client.summary = sampleSummary(3, 1);
    controller.setRefreshDelay(20ms);
    for (QAbstractItemModel* model : std::initializer_list<QAbstractItemModel*>{
             controller.sessions(), controller.categories(), controller.arrivals(), controller.kiosks(),
             controller.checkIns()}) {
      testers.push_back(
          std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::Fatal));
    }
  }

  // Starts the controller and waits for its feed to open.
  void startAndWaitForFeed() {
    controller.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !client.feeds.empty(); }, kDeadlineMs));
  }

  // Brings the controller live: the feed's snapshot, then the backfill up to it.
  void goLive() {
    startAndWaitForFeed();
    client.sendSnapshot(client.summary);
    QList<Activity> backfill;
    for (qint64 s = 1; s <= client.summary.sequence; ++s) {
      backfill.append(checkInActivity(s, QStringLiteral("P%1").arg(s), QStringLiteral("Q")));
    }
    client.sendActivities(backfill);
    ASSERT_EQ(controller.state(), DashboardController::ConnectionState::Live);
  }

  FakeAttendanceClient client;
  DashboardController controller{client};
  std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
};

TEST_F(DashboardControllerTest, LoadsTheEventAndSummaryThenWatchesWithABackfill) {
  client.summary = sampleSummary(250, 42);
  startAndWaitForFeed();
  EXPECT_EQ(controller.eventName(), QStringLiteral("Integrating Cities"));
  EXPECT_EQ(controller.checkedIn(), 42);
  EXPECT_EQ(controller.noShows(), 58);
  // The last 200 activities are replayed so that the latest check-ins are not empty.
  ASSERT_TRUE(client.feed().afterSequence.has_value());
  EXPECT_EQ(*client.feed().afterSequence, 250 - DashboardController::kBackfill);
  EXPECT_EQ(controller.sessions()->rowCount(), 2);
  EXPECT_EQ(controller.categories()->rowCount(), 2);
}

TEST_F(DashboardControllerTest, BackfillStartsAtTheFirstActivityOfAYoungLog) {
  startAndWaitForFeed();
  ASSERT_TRUE(client.feed().afterSequence.has_value());
  EXPECT_EQ(*client.feed().afterSequence, 0);
}

TEST_F(DashboardControllerTest, IsReadyOnlyOnceCaughtUpWithTheFirstSnapshot) {
  QSignalSpy ready(&controller, &DashboardController::ready);
  startAndWaitForFeed();
  client.sendSnapshot(client.summary);
  EXPECT_EQ(controller.state(), DashboardController::ConnectionState::Live);
  client.sendActivities({checkInActivity(1, QStringLiteral("Ana"), QStringLiteral("A")),
                         checkInActivity(2, QStringLiteral("Bo"), QStringLiteral("B"))});
  EXPECT_EQ(ready.count(), 0);
  client.sendActivities({checkInActivity(3, QStringLiteral("Simona"), QStringLiteral("Baltrušaitienė"))});
  ASSERT_EQ(ready.count(), 1);
  EXPECT_TRUE(ready.at(0).at(0).toBool());
  EXPECT_EQ(controller.lastSequence(), 3);
  // Newest first, with the category's label and colour from the event.
  CheckInModel* rows = controller.checkIns();
  ASSERT_EQ(rows->rowCount(), 3);
  EXPECT_EQ(rows->index(0).data(CheckInModel::NameRole).toString(), QStringLiteral("Simona Baltrušaitienė"));
  EXPECT_EQ(rows->index(0).data(CheckInModel::PlaceRole).toString(), QStringLiteral("Entrance"));
  EXPECT_EQ(rows->index(0).data(CheckInModel::DetailRole).toString(), QStringLiteral("Speaker · Vilnius"));
  EXPECT_EQ(rows->index(0).data(CheckInModel::ColourRole).toString(), QStringLiteral("#C62828"));
  EXPECT_EQ(rows->index(2).data(CheckInModel::NameRole).toString(), QStringLiteral("Ana A"));
}

TEST_F(DashboardControllerTest, ActivitiesAlreadyAppliedAreNotShownTwice) {
  goLive();
  const int before = controller.checkIns()->rowCount();
  client.sendActivities({checkInActivity(3, QStringLiteral("Again"), QStringLiteral("X")),
                         checkInActivity(4, QStringLiteral("New"), QStringLiteral("Y"))});
  EXPECT_EQ(controller.checkIns()->rowCount(), before + 1);
  EXPECT_EQ(controller.lastSequence(), 4);
}

TEST_F(DashboardControllerTest, RefusedScansAndSessionsReadAsSuch) {
  goLive();
  Activity unknown = checkInActivity(4, {}, {}, CheckInOutcome::UnknownCode);
  unknown.delegate.reset();
  Activity session = checkInActivity(5, QStringLiteral("Jan"), QStringLiteral("Novák"), CheckInOutcome::SessionFull);
  session.sessionId = 12;
  Activity automatic = checkInActivity(6, QStringLiteral("Jan"), QStringLiteral("Novák"));
  automatic.automatic = true;
  automatic.checkOut = true;
  client.sendActivities({unknown, session, automatic});
  CheckInModel* rows = controller.checkIns();
  EXPECT_EQ(rows->index(0).data(CheckInModel::PlaceRole).toString(), QStringLiteral("Workshop"));
  EXPECT_EQ(rows->index(0).data(CheckInModel::OutcomeRole).toString(), QStringLiteral("Session full"));
  EXPECT_FALSE(rows->index(0).data(CheckInModel::AdmittedRole).toBool());
  EXPECT_EQ(rows->index(1).data(CheckInModel::NameRole).toString(), QStringLiteral("Unknown code"));
  // The automatic check-out is not a scan: it is not listed, but its sequence is applied.
  EXPECT_EQ(controller.lastSequence(), 6);
  EXPECT_EQ(rows->index(0).data(CheckInModel::SequenceRole).toLongLong(), 5);
}

TEST_F(DashboardControllerTest, CheckOutsReadAsLeavingAndExitsOfPeopleNotInsideAsRefusals) {
  goLive();
  Activity left = checkInActivity(4, QStringLiteral("Jan"), QStringLiteral("Novák"), CheckInOutcome::CheckedOut);
  left.checkOut = true;
  Activity leftSession = checkInActivity(5, QStringLiteral("Jan"), QStringLiteral("Novák"), CheckInOutcome::CheckedOut);
  leftSession.checkOut = true;
  leftSession.sessionId = 12;
  Activity notInside = checkInActivity(6, QStringLiteral("Ana"), QStringLiteral("A"), CheckInOutcome::NotCheckedIn);
  notInside.checkOut = true;
  client.sendActivities({left, leftSession, notInside});
  CheckInModel* rows = controller.checkIns();
  EXPECT_EQ(rows->index(0).data(CheckInModel::OutcomeRole).toString(), QStringLiteral("Exit refused: not inside"));
  EXPECT_TRUE(rows->index(0).data(CheckInModel::RefusedRole).toBool());
  EXPECT_FALSE(rows->index(0).data(CheckInModel::AdmittedRole).toBool());
  for (int row : {1, 2}) {
    EXPECT_EQ(rows->index(row).data(CheckInModel::OutcomeRole).toString(), QStringLiteral("Left"));
    EXPECT_FALSE(rows->index(row).data(CheckInModel::RefusedRole).toBool()) << "row " << row;
    EXPECT_FALSE(rows->index(row).data(CheckInModel::AdmittedRole).toBool()) << "row " << row;
  }
  EXPECT_EQ(rows->index(1).data(CheckInModel::PlaceRole).toString(), QStringLiteral("Workshop"));
  EXPECT_EQ(rows->index(2).data(CheckInModel::PlaceRole).toString(), QStringLiteral("Entrance"));
  // An entry is neither.
  EXPECT_TRUE(rows->index(3).data(CheckInModel::AdmittedRole).toBool());
  EXPECT_FALSE(rows->index(3).data(CheckInModel::RefusedRole).toBool());
}

TEST_F(DashboardControllerTest, ActivitiesBringADebouncedSummaryWithExactNumbers) {
  goLive();
  const int callsBefore = client.summaryCalls;
  client.summary = sampleSummary(13, 11);
  for (qint64 s = 4; s <= 13; ++s) {
    client.sendActivities({checkInActivity(s, QStringLiteral("P"), QStringLiteral("Q"))});
  }
  // Ten batches in a row cost one refresh, and its answer is applied.
  ASSERT_TRUE(QTest::qWaitFor([&] { return controller.checkedIn() == 11; }, kDeadlineMs));
  EXPECT_EQ(client.summaryCalls, callsBefore + 1);
  EXPECT_EQ(controller.summarySequence(), 13);
}

TEST_F(DashboardControllerTest, AnOlderSummaryDoesNotReplaceANewerOne) {
  goLive();
  client.sendSnapshot(sampleSummary(20, 15));
  EXPECT_EQ(controller.checkedIn(), 15);
  client.summary = sampleSummary(10, 5);  // A refresh answered from an older state.
  const int answered = client.summaryAnswers;
  client.sendActivities({checkInActivity(4, QStringLiteral("P"), QStringLiteral("Q"))});
  ASSERT_TRUE(QTest::qWaitFor([&] { return client.summaryAnswers > answered; }, kDeadlineMs));
  EXPECT_EQ(controller.summarySequence(), 20);
  EXPECT_EQ(controller.checkedIn(), 15);
}

TEST_F(DashboardControllerTest, ReconnectsAfterTheFeedDropsAndResumesAfterTheLastSequence) {
  controller.setRetryDelays(10ms, 40ms);
  goLive();
  client.sendActivities({checkInActivity(4, QStringLiteral("P"), QStringLiteral("Q"))});
  QSignalSpy failed(&controller, &DashboardController::attemptFailed);
  client.endFeed(ClientError::Kind::Unreachable);
  EXPECT_EQ(controller.state(), DashboardController::ConnectionState::Reconnecting);
  EXPECT_TRUE(controller.statusText().startsWith(QStringLiteral("Reconnecting")));
  EXPECT_EQ(failed.count(), 1);
  ASSERT_TRUE(QTest::qWaitFor([&] { return client.feeds.size() == 2; }, kDeadlineMs));
  ASSERT_TRUE(client.feed().afterSequence.has_value());
  EXPECT_EQ(*client.feed().afterSequence, 4);
  // What was missed follows the new snapshot.
  client.sendSnapshot(sampleSummary(5, 3));
  client.sendActivities({checkInActivity(5, QStringLiteral("Missed"), QStringLiteral("While away"))});
  EXPECT_EQ(controller.state(), DashboardController::ConnectionState::Live);
  EXPECT_EQ(controller.statusText(), QStringLiteral("Live"));
  EXPECT_EQ(controller.checkIns()->index(0).data(CheckInModel::NameRole).toString(),
            QStringLiteral("Missed While away"));
  EXPECT_EQ(controller.checkedIn(), 3);
}

TEST_F(DashboardControllerTest, BacksOffFromOneToTenSecondsAndResetsWhenLive) {
  goLive();
  QStringList waits;
  for (int attempt = 0; attempt < 6; ++attempt) {
    client.endFeed(ClientError::Kind::Unreachable);
    waits.append(controller.statusText());
    const std::size_t feeds = client.feeds.size();
    controller.reconnectNow();
    ASSERT_EQ(client.feeds.size(), feeds + 1);
  }
  EXPECT_EQ(waits, QStringList({"Reconnecting… next try in 1 s", "Reconnecting… next try in 2 s",
                                "Reconnecting… next try in 4 s", "Reconnecting… next try in 8 s",
                                "Reconnecting… next try in 10 s", "Reconnecting… next try in 10 s"}));
  client.sendSnapshot(client.summary);
  client.endFeed(ClientError::Kind::Unreachable);
  EXPECT_EQ(controller.statusText(), QStringLiteral("Reconnecting… next try in 1 s"));
}

TEST_F(DashboardControllerTest, RetriesWhenTheServerIsDownAtStart) {
  controller.setRetryDelays(10ms, 10ms);
  client.eventError = ClientError{ClientError::Kind::Unreachable, QStringLiteral("down")};
  controller.start();
  ASSERT_TRUE(QTest::qWaitFor([&] { return client.eventCalls >= 2; }, kDeadlineMs));
  EXPECT_EQ(controller.state(), DashboardController::ConnectionState::Reconnecting);
  client.eventError.reset();
  ASSERT_TRUE(QTest::qWaitFor([&] { return !client.feeds.empty(); }, kDeadlineMs));
  EXPECT_EQ(controller.eventName(), QStringLiteral("Integrating Cities"));
}

TEST_F(DashboardControllerTest, AnUnknownSequenceStartsOverFromAFreshSummary) {
  controller.setRetryDelays(10ms, 10ms);
  goLive();
  ASSERT_GT(controller.checkIns()->rowCount(), 0);
  const int summaryCalls = client.summaryCalls;
  client.summary = sampleSummary(2, 1);  // A restored, shorter log.
  client.endFeed(ClientError::Kind::Failed, /*unknownSequence=*/true);
  EXPECT_EQ(controller.checkIns()->rowCount(), 0);
  ASSERT_TRUE(QTest::qWaitFor([&] { return client.feeds.size() == 2; }, kDeadlineMs));
  EXPECT_GT(client.summaryCalls, summaryCalls);
  EXPECT_EQ(*client.feed().afterSequence, 0);
  // The restored log's numbers replace the old ones although its sequence is lower.
  EXPECT_EQ(controller.summarySequence(), 2);
  client.summary = sampleSummary(2, 7);
  client.sendSnapshot(client.summary);
  EXPECT_EQ(controller.checkedIn(), 7);
}

TEST_F(DashboardControllerTest, ARefusedTokenStopsWithoutRetrying) {
  controller.setRetryDelays(1ms, 1ms);
  QSignalSpy ready(&controller, &DashboardController::ready);
  client.eventError = ClientError{ClientError::Kind::NotAuthorised, QStringLiteral("not authorised: bad token")};
  controller.start();
  ASSERT_TRUE(ready.wait(kDeadlineMs));
  EXPECT_FALSE(ready.at(0).at(0).toBool());
  EXPECT_EQ(controller.state(), DashboardController::ConnectionState::Failed);
  EXPECT_TRUE(controller.statusText().contains(QStringLiteral("Not authorised")));
  QCoreApplication::processEvents();
  EXPECT_EQ(client.eventCalls, 1);
  EXPECT_TRUE(client.feeds.empty());
}

TEST_F(DashboardControllerTest, KiosksAreAliveWhenHeardFromWithinTwoMinutesOfServerTime) {
  // The local clock is an hour behind the server's: "alive" follows the server's clock.
  const qint64 serverNow = client.summary.serverTimeUs;
  qint64 localNow = serverNow - 3'600'000'000LL;
  controller.setLocalClock([&localNow] { return localNow; });
  goLive();
  KioskModel* kiosks = controller.kiosks();
  ASSERT_EQ(kiosks->rowCount(), 2);
  EXPECT_TRUE(kiosks->index(0).data(KioskModel::AliveRole).toBool());
  EXPECT_FALSE(kiosks->index(1).data(KioskModel::AliveRole).toBool());
  EXPECT_EQ(controller.kiosksAlive(), 1);
  // What the silent kiosk reported 10 minutes ago (paper out) is stale.
  EXPECT_EQ(kiosks->index(1).data(KioskModel::PrinterRole).toString(), QStringLiteral("unknown"));
  // A heartbeat in the feed revives the silent kiosk and reports its printer.
  Activity heartbeat;
  heartbeat.sequence = 4;
  heartbeat.kind = ActivityKind::KioskStatus;
  heartbeat.timeUs = serverNow;
  heartbeat.deviceId = 8;
  heartbeat.printerStatus = PrinterStatus::Ok;
  client.sendActivities({heartbeat});
  EXPECT_TRUE(kiosks->index(1).data(KioskModel::AliveRole).toBool());
  EXPECT_EQ(kiosks->index(1).data(KioskModel::PrinterRole).toString(), QStringLiteral("OK"));
}

// Event time in Prague as UTC microseconds.
qint64 pragueUs(int day, int hour, int minute) {
  const QDateTime local(QDate(2026, 5, day), QTime(hour, minute), QTimeZone("Europe/Prague"));
  return local.toMSecsSinceEpoch() * 1000;
}

TEST_F(DashboardControllerTest, TheEventIsOverAtMidnightAfterItsLastDayByTheServersClock) {
  client.event.endDate = QStringLiteral("2026-05-12");
  client.summary.serverTimeUs = pragueUs(12, 23, 30);
  // The local clock is an hour behind the server's: the server's midnight counts.
  qint64 localNow = client.summary.serverTimeUs - 3'600'000'000LL;
  controller.setLocalClock([&localNow] { return localNow; });
  goLive();
  // The backfill's summary refresh has set the clock offset.
  ASSERT_TRUE(QTest::qWaitFor([&] { return client.summaryAnswers == 2; }, kDeadlineMs));
  EXPECT_FALSE(controller.eventOver());

  QSignalSpy over(&controller, &DashboardController::eventOverChanged);
  localNow += 31LL * 60 * 1'000'000;  // Server 00:01 on the 13th, local clock still on the 12th.
  // No new summary, no reconnection: the clock's tick turns it.
  ASSERT_TRUE(over.wait(kDeadlineMs));
  EXPECT_TRUE(controller.eventOver());
  EXPECT_EQ(client.summaryCalls, 2);
  EXPECT_EQ(client.feeds.size(), 1u);
}

TEST_F(DashboardControllerTest, ASummaryAfterTheLastDayFindsTheEventOverAtOnce) {
  client.event.endDate = QStringLiteral("2026-05-11");
  client.summary.serverTimeUs = pragueUs(12, 0, 0);
  // Still the last day by the local clock: the server's says otherwise.
  const qint64 localNow = pragueUs(11, 12, 0);
  controller.setLocalClock([localNow] { return localNow; });
  QSignalSpy over(&controller, &DashboardController::eventOverChanged);
  startAndWaitForFeed();
  EXPECT_TRUE(controller.eventOver());
  EXPECT_EQ(over.count(), 1);
}

TEST_F(DashboardControllerTest, AnEventWithoutAnEndDateIsNeverOver) {
  client.summary.serverTimeUs = pragueUs(12, 10, 0);
  qint64 localNow = client.summary.serverTimeUs;
  controller.setLocalClock([&localNow] { return localNow; });
  goLive();
  ASSERT_TRUE(QTest::qWaitFor([&] { return client.summaryAnswers == 2; }, kDeadlineMs));
  localNow += 400LL * 86'400 * 1'000'000;
  QSignalSpy ticked(&controller, &DashboardController::clockChanged);
  ASSERT_TRUE(ticked.wait(kDeadlineMs));
  EXPECT_FALSE(controller.eventOver());
}

TEST_F(DashboardControllerTest, ExportChoicesListSessionsAndCategories) {
  goLive();
  const QVariantList sessions = controller.sessionChoices();
  ASSERT_EQ(sessions.size(), 3);
  EXPECT_EQ(sessions[0].toMap().value(QStringLiteral("value")).toLongLong(), 0);
  EXPECT_EQ(sessions[2].toMap().value(QStringLiteral("value")).toLongLong(), 12);
  EXPECT_TRUE(sessions[2].toMap().value(QStringLiteral("text")).toString().endsWith(QStringLiteral("Workshop")));
  const QVariantList categories = controller.categoryChoices();
  ASSERT_EQ(categories.size(), 3);
  EXPECT_EQ(categories[1].toMap().value(QStringLiteral("value")).toString(), QStringLiteral("speaker"));
}

TEST_F(DashboardControllerTest, DestroyingTheControllerClosesTheFeed) {
  auto other = std::make_unique<DashboardController>(client);
  other->start();
  ASSERT_TRUE(QTest::qWaitFor([&] { return !client.feeds.empty(); }, kDeadlineMs));
  auto feed = client.feeds.back();
  other.reset();
  EXPECT_FALSE(feed->alive);
}

}  // namespace
}  // namespace lanyard::dashboard
