// ConflictsController and its ConflictModel against a fake client: listed with the dashboard's
// first summary, listed again when the feed brings a conflict or a summary's counts change, marking seen,
// and how a conflict reads in the panel.

#include "conflicts_controller.h"

#include <gtest/gtest.h>

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include "fake_attendance_client.h"

namespace lanyard::dashboard {
namespace {

using testing::checkInActivity;
using testing::FakeAttendanceClient;
using testing::sampleSummary;

constexpr int kDeadlineMs = 5000;
// 2026-05-12 09:05:12 in Prague.
constexpr qint64 kScan = 1'778'569'512'000'000LL;

client::Conflict doubleAdmission() {
  client::Conflict c;
  c.id = 2;
  c.reason = QStringLiteral("Admitted twice: already admitted by another scan.");
  c.deviceName = QStringLiteral("kiosk-2");
  c.scanTimeUs = kScan;
  c.uploadTimeUs = kScan + 3'600'000'000LL;
  c.givenName = QStringLiteral("Simona");
  c.familyName = QStringLiteral("Bieliūnė");
  c.earlierDeviceName = QStringLiteral("kiosk-1");
  c.earlierTimeUs = kScan - 180'000'000LL;
  c.earlierOffline = true;
  return c;
}

class ConflictsControllerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client.event.timeZone = QStringLiteral("Europe/Prague");
    client.summary = sampleSummary(3, 1);
    client.conflicts.conflicts = {doubleAdmission()};
    client.conflicts.total = 1;
    client.conflicts.unseen = 1;
  }

  // Brings the dashboard live and waits for the first list of conflicts.
  void goLive() {
    dashboard.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !client.feeds.empty(); }, kDeadlineMs));
    client.sendSnapshot(client.summary);
    QList<client::Activity> backfill;
    for (qint64 s = 1; s <= client.summary.sequence; ++s) {
      backfill.append(checkInActivity(s, QStringLiteral("P%1").arg(s), QStringLiteral("Q")));
    }
    client.sendActivities(backfill);
    ASSERT_TRUE(QTest::qWaitFor([&] { return conflicts.total() == 1; }, kDeadlineMs));
  }

  FakeAttendanceClient client;
  DashboardController dashboard{client};
  ConflictsController conflicts{client, dashboard};
  QAbstractItemModelTester tester{conflicts.conflicts(), QAbstractItemModelTester::FailureReportingMode::Fatal};
};

TEST_F(ConflictsControllerTest, ListsTheNewestWithTheFirstSummary) {
  EXPECT_EQ(client.conflictListCalls, 0);
  ASSERT_NO_FATAL_FAILURE(goLive());
  EXPECT_EQ(client.lastConflictLimit, ConflictsController::kListed);
  EXPECT_EQ(conflicts.unseen(), 1);
  ASSERT_EQ(conflicts.conflicts()->rowCount(), 1);
  const ConflictModel::Row& row = conflicts.conflicts()->rows().front();
  EXPECT_EQ(row.name, QStringLiteral("Simona Bieliūnė"));
  EXPECT_EQ(row.place, QStringLiteral("Entrance"));
  EXPECT_EQ(row.kiosks, QStringLiteral("kiosk-2, also kiosk-1 at 09:02 (offline)"));
  EXPECT_EQ(row.scanned, QStringLiteral("09:05:12"));
  EXPECT_FALSE(row.seen);
}

TEST_F(ConflictsControllerTest, AConflictInTheFeedListsAgain) {
  ASSERT_NO_FATAL_FAILURE(goLive());
  const int calls = client.conflictListCalls;
  client::Conflict second = doubleAdmission();
  second.id = 3;
  second.sessionId = 11;
  second.sessionTitle = QStringLiteral("Opening plenary");
  second.earlierDeviceName.clear();
  second.reason = QStringLiteral("Admitted offline to a session that was full.");
  client.conflicts.conflicts.prepend(second);
  client.conflicts.total = 2;
  client.conflicts.unseen = 2;

  client::Activity plain = checkInActivity(4, QStringLiteral("Ana"), QStringLiteral("A"));
  client.sendActivities({plain});
  QCoreApplication::processEvents();
  EXPECT_EQ(client.conflictListCalls, calls) << "an activity without a conflict changes nothing";

  client::Activity upload = checkInActivity(5, QStringLiteral("Simona"), QStringLiteral("Bieliūnė"));
  upload.offline = true;
  upload.conflictId = 3;
  client.sendActivities({upload});
  ASSERT_TRUE(QTest::qWaitFor([&] { return conflicts.total() == 2; }, kDeadlineMs));
  EXPECT_EQ(conflicts.unseen(), 2);
  ASSERT_EQ(conflicts.conflicts()->rowCount(), 2);
  EXPECT_EQ(conflicts.conflicts()->rows().front().place, QStringLiteral("Opening plenary"));
  EXPECT_EQ(conflicts.conflicts()->rows().front().kiosks, QStringLiteral("kiosk-2"));
}

TEST_F(ConflictsControllerTest, ChangedCountsInASummaryListAgain) {
  ASSERT_NO_FATAL_FAILURE(goLive());
  client.conflicts.conflicts.front().seenTimeUs = kScan + 7'200'000'000LL;
  client.conflicts.conflicts.front().seenBy = QStringLiteral("organiser-laptop");
  client.conflicts.unseen = 0;
  client::AttendanceSummary next = sampleSummary(4, 1);
  next.conflicts = 1;
  next.unseenConflicts = 0;  // Marked seen at another dashboard.
  client.sendSnapshot(next);
  ASSERT_TRUE(QTest::qWaitFor([&] { return conflicts.unseen() == 0; }, kDeadlineMs));
  EXPECT_TRUE(conflicts.conflicts()->rows().front().seen);
  EXPECT_EQ(conflicts.conflicts()->rows().front().seenText, QStringLiteral("Seen by organiser-laptop at 11:05"));
}

TEST_F(ConflictsControllerTest, MarkSeenMarksAndListsAgain) {
  ASSERT_NO_FATAL_FAILURE(goLive());
  QSignalSpy counts(&conflicts, &ConflictsController::countsChanged);
  conflicts.markSeen(2);
  ASSERT_TRUE(QTest::qWaitFor([&] { return conflicts.unseen() == 0; }, kDeadlineMs));
  EXPECT_EQ(client.markedSeen, std::vector<qint64>{2});
  EXPECT_EQ(counts.count(), 1);
  EXPECT_TRUE(conflicts.conflicts()->rows().front().seen);
  EXPECT_TRUE(conflicts.message().isEmpty());

  conflicts.markSeen(99);
  ASSERT_TRUE(QTest::qWaitFor([&] { return !conflicts.message().isEmpty(); }, kDeadlineMs));
  EXPECT_EQ(conflicts.message(), QStringLiteral("Conflict 99 could not be marked seen: not found"));
}

}  // namespace
}  // namespace lanyard::dashboard
