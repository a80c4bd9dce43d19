// The dashboard's list models, each under QAbstractItemModelTester: rows and roles, in-place
// updates versus resets, the arrivals' filled gaps, kiosks' liveness and printers, and the
// check-in cap.

#include <gtest/gtest.h>

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>

#include "arrival_model.h"
#include "category_model.h"
#include "check_in_model.h"
#include "event_clock.h"
#include "fake_attendance_client.h"
#include "kiosk_model.h"
#include "session_model.h"

namespace lanyard::dashboard {
namespace {

using namespace ::lanyard::client;
using testing::sampleSummary;

// Event local time in Prague as UTC microseconds.
qint64 pragueUs(int hour, int minute) {
  const QDateTime local(QDate(2026, 5, 12), QTime(hour, minute), QTimeZone("Europe/Prague"));
  return local.toMSecsSinceEpoch() * 1000;
}

EventClock pragueClock() {
  EventClock clock;
  clock.setTimeZone(QStringLiteral("Europe/Prague"));
  return clock;
}

template <typename Model>
std::unique_ptr<QAbstractItemModelTester> tested(Model& model) {
  return std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
}

TEST(SessionModelTest, ShowsOccupancyAndUpdatesInPlaceWhileTheSessionsStayTheSame) {
  SessionModel model;
  auto tester = tested(model);
  const EventClock clock = pragueClock();
  AttendanceSummary summary = sampleSummary(1, 5);
  summary.sessions[0].startTimeUs = pragueUs(9, 30);
  summary.sessions[0].endTimeUs = pragueUs(10, 15);
  model.setSessions(summary.sessions, clock);
  ASSERT_EQ(model.rowCount(), 2);
  EXPECT_EQ(model.index(0).data(SessionModel::TitleRole).toString(), QStringLiteral("Opening plenary"));
  EXPECT_EQ(model.index(0).data(SessionModel::TimeRole).toString(), QStringLiteral("09:30–10:15"));
  EXPECT_EQ(model.index(1).data(SessionModel::CapacityRole).toInt(), 40);
  EXPECT_DOUBLE_EQ(model.index(1).data(SessionModel::FillRatioRole).toDouble(), 0.95);
  EXPECT_EQ(model.title(12), QStringLiteral("Workshop"));
  EXPECT_EQ(model.title(99), QString());
  // On another day than the event's today, a session shows its weekday (12 May 2026 is a Tuesday).
  model.setSessions(summary.sessions, clock, QStringLiteral("2026-05-13"));
  EXPECT_EQ(model.index(0).data(SessionModel::TimeRole).toString(), QStringLiteral("Tue 09:30–10:15"));
  model.setSessions(summary.sessions, clock, QStringLiteral("2026-05-12"));

  QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
  QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
  summary.sessions[1].insideNow = 40;
  model.setSessions(summary.sessions, clock);
  EXPECT_EQ(reset.count(), 0);
  EXPECT_EQ(changed.count(), 1);
  EXPECT_EQ(model.index(1).data(SessionModel::InsideNowRole).toInt(), 40);

  QSignalSpy count(&model, &SessionModel::countChanged);
  summary.sessions.removeFirst();
  model.setSessions(summary.sessions, clock);
  EXPECT_EQ(reset.count(), 1);
  EXPECT_EQ(count.count(), 1);
  EXPECT_EQ(model.rowCount(), 1);
}

TEST(SessionModelTest, PhasesFollowTheServerClock) {
  SessionModel model;
  auto tester = tested(model);
  QList<SessionAttendance> sessions(3);
  for (int i = 0; i < 3; ++i) {
    sessions[i].id = i + 1;
    sessions[i].startTimeUs = pragueUs(9 + i, 0);
    sessions[i].endTimeUs = pragueUs(10 + i, 0);
  }
  model.setSessions(sessions, pragueClock());
  QSignalSpy first(&model, &SessionModel::firstCurrentChanged);
  model.setNow(pragueUs(10, 30));
  EXPECT_EQ(model.index(0).data(SessionModel::PhaseRole).toString(), QStringLiteral("ended"));
  EXPECT_EQ(model.index(1).data(SessionModel::PhaseRole).toString(), QStringLiteral("now"));
  EXPECT_EQ(model.index(2).data(SessionModel::PhaseRole).toString(), QStringLiteral("later"));
  EXPECT_EQ(model.firstCurrent(), 1);
  EXPECT_EQ(first.count(), 1);
  model.setNow(pragueUs(13, 0));
  EXPECT_EQ(model.firstCurrent(), -1);
  EXPECT_EQ(model.index(2).data(SessionModel::PhaseRole).toString(), QStringLiteral("ended"));
}

TEST(CategoryModelTest, GivesEachCategoryItsEventColourAndRatio) {
  CategoryModel model;
  auto tester = tested(model);
  model.setCategories(sampleSummary(1, 5).categories);
  EXPECT_EQ(model.index(0).data(CategoryModel::ColourRole).toString(), QStringLiteral("#78909C"));
  QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
  model.setColours({{QStringLiteral("speaker"), QStringLiteral("#C62828")}});
  EXPECT_EQ(changed.count(), 1);
  EXPECT_EQ(model.index(0).data(CategoryModel::ColourRole).toString(), QStringLiteral("#C62828"));
  EXPECT_EQ(model.index(0).data(CategoryModel::LabelRole).toString(), QStringLiteral("Speaker"));
  EXPECT_DOUBLE_EQ(model.index(0).data(CategoryModel::CheckedInRatioRole).toDouble(), 0.5);
  EXPECT_DOUBLE_EQ(model.index(1).data(CategoryModel::CheckedInRatioRole).toDouble(), 0.0);
  EXPECT_EQ(model.label(QStringLiteral("delegate")), QStringLiteral("Delegate"));
}

TEST(ArrivalModelTest, FillsTheQuarterHoursWithoutArrivals) {
  ArrivalModel model;
  auto tester = tested(model);
  QSignalSpy max(&model, &ArrivalModel::maxArrivalsChanged);
  model.setBuckets({{pragueUs(9, 0), QStringLiteral("2026-05-12 09:00"), 4},
                    {pragueUs(10, 0), QStringLiteral("2026-05-12 10:00"), 9}},
                   pragueClock());
  ASSERT_EQ(model.rowCount(), 5);
  QStringList labels;
  QList<int> counts;
  for (int row = 0; row < model.rowCount(); ++row) {
    labels.append(model.index(row).data(ArrivalModel::LabelRole).toString());
    counts.append(model.index(row).data(ArrivalModel::ArrivalsRole).toInt());
  }
  EXPECT_EQ(labels, QStringList({"09:00", "09:15", "09:30", "09:45", "10:00"}));
  EXPECT_EQ(counts, QList<int>({4, 0, 0, 0, 9}));
  EXPECT_EQ(model.maxArrivals(), 9);
  EXPECT_EQ(max.count(), 1);

  model.setBuckets({}, pragueClock());
  EXPECT_EQ(model.rowCount(), 0);
  EXPECT_EQ(model.maxArrivals(), 0);
}

TEST(ArrivalModelTest, KeepsTheLatestDayOfSlots) {
  ArrivalModel model;
  auto tester = tested(model);
  const qint64 start = pragueUs(0, 0);
  model.setBuckets({{start - 3 * 86'400'000'000LL, QString(), 1}, {start, QString(), 2}}, pragueClock());
  EXPECT_EQ(model.rowCount(), ArrivalModel::kMaxSlots);
  EXPECT_EQ(model.index(model.rowCount() - 1).data(ArrivalModel::ArrivalsRole).toInt(), 2);
}

TEST(KioskModelTest, AliveMeansSeenWithinTwoMinutes) {
  KioskModel model;
  auto tester = tested(model);
  const AttendanceSummary summary = sampleSummary(1, 5);
  model.setKiosks(summary.kiosks);
  model.setNow(summary.serverTimeUs);
  EXPECT_TRUE(model.index(0).data(KioskModel::AliveRole).toBool());
  EXPECT_EQ(model.index(0).data(KioskModel::LastSeenRole).toString(), QStringLiteral("10 s ago"));
  EXPECT_FALSE(model.index(1).data(KioskModel::AliveRole).toBool());
  EXPECT_EQ(model.index(1).data(KioskModel::LastSeenRole).toString(), QStringLiteral("10 min ago"));
  EXPECT_EQ(model.aliveCount(), 1);

  QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
  model.setNow(summary.serverTimeUs + KioskModel::kAliveWindowUs);
  EXPECT_EQ(changed.count(), 1);
  EXPECT_FALSE(model.index(0).data(KioskModel::AliveRole).toBool());
  EXPECT_EQ(model.aliveCount(), 0);
}

TEST(KioskModelTest, AKioskThatNeverCalledIsNeverSeenUntilItDoes) {
  KioskModel model;
  auto tester = tested(model);
  AttendanceSummary summary = sampleSummary(1, 5);
  summary.kiosks[1].lastSeenTimeUs = 0;  // Its token was just made.
  model.setKiosks(summary.kiosks);
  model.setNow(summary.serverTimeUs);
  EXPECT_FALSE(model.index(0).data(KioskModel::NeverSeenRole).toBool());
  EXPECT_TRUE(model.index(1).data(KioskModel::NeverSeenRole).toBool());
  EXPECT_EQ(model.index(1).data(KioskModel::LastSeenRole).toString(), QStringLiteral("never"));
  // Not silent, only not there yet: its printer is not reported rather than unknown.
  summary.kiosks[1].printerStatus = PrinterStatus::Unknown;
  model.setKiosks(summary.kiosks);
  EXPECT_EQ(model.index(1).data(KioskModel::PrinterRole).toString(), QStringLiteral("Not reported"));
  EXPECT_FALSE(model.index(1).data(KioskModel::PrinterKnownRole).toBool());

  Activity heartbeat;
  heartbeat.kind = ActivityKind::KioskStatus;
  heartbeat.deviceId = summary.kiosks[1].deviceId;
  heartbeat.timeUs = summary.serverTimeUs;
  model.noteActivity(heartbeat);
  EXPECT_FALSE(model.index(1).data(KioskModel::NeverSeenRole).toBool());
  EXPECT_TRUE(model.index(1).data(KioskModel::AliveRole).toBool());
}

TEST(KioskModelTest, ASilentKiosksPrinterIsUnknownUntilItIsHeardFromAgain) {
  KioskModel model;
  auto tester = tested(model);
  AttendanceSummary summary = sampleSummary(1, 5);
  summary.kiosks[1].printerDetail = QStringLiteral("media-empty");  // Paper out, 10 minutes ago.
  model.setKiosks(summary.kiosks);
  model.setNow(summary.serverTimeUs);
  const auto printer = [&model](int row) {
    const QModelIndex at = model.index(row);
    return (at.data(KioskModel::PrinterRole).toString() + QStringLiteral(" known=") +
            QString::number(at.data(KioskModel::PrinterKnownRole).toBool()) + QStringLiteral(" ok=") +
            QString::number(at.data(KioskModel::PrinterOkRole).toBool()) + QStringLiteral(" detail=") +
            at.data(KioskModel::PrinterDetailRole).toString())
        .toStdString();
  };
  EXPECT_EQ(printer(0), "OK known=1 ok=1 detail=");
  EXPECT_EQ(printer(1), "unknown known=0 ok=0 detail=");

  // The live kiosk goes silent as the clock moves on: views are told its printer changed too.
  QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
  model.setNow(summary.serverTimeUs + KioskModel::kAliveWindowUs + 1);
  ASSERT_EQ(changed.count(), 1);
  EXPECT_TRUE(changed.at(0).at(2).value<QList<int>>().contains(KioskModel::PrinterRole));
  EXPECT_EQ(printer(0), "unknown known=0 ok=0 detail=");

  // The silent kiosk speaks again: its fresh report shows.
  Activity heartbeat;
  heartbeat.kind = ActivityKind::KioskStatus;
  heartbeat.deviceId = summary.kiosks[1].deviceId;
  heartbeat.timeUs = summary.serverTimeUs + KioskModel::kAliveWindowUs;
  heartbeat.printerStatus = PrinterStatus::Offline;
  heartbeat.printerDetail = QStringLiteral("queue stopped");
  model.noteActivity(heartbeat);
  EXPECT_EQ(printer(1), "Offline known=1 ok=0 detail=queue stopped");
}

TEST(KioskModelTest, ANewerSummaryNeverMovesLastSeenBack) {
  KioskModel model;
  auto tester = tested(model);
  AttendanceSummary summary = sampleSummary(1, 5);
  model.setKiosks(summary.kiosks);
  Activity heartbeat;
  heartbeat.kind = ActivityKind::KioskStatus;
  heartbeat.deviceId = 7;
  heartbeat.timeUs = summary.serverTimeUs;
  heartbeat.printerStatus = PrinterStatus::Offline;
  heartbeat.printerDetail = QStringLiteral("queue stopped");
  model.noteActivity(heartbeat);
  EXPECT_EQ(model.index(0).data(KioskModel::PrinterRole).toString(), QStringLiteral("Offline"));
  EXPECT_EQ(model.index(0).data(KioskModel::PrinterDetailRole).toString(), QStringLiteral("queue stopped"));
  model.setKiosks(summary.kiosks);  // The summary still has the older "last seen".
  model.setNow(summary.serverTimeUs);
  EXPECT_EQ(model.index(0).data(KioskModel::LastSeenRole).toString(), QStringLiteral("0 s ago"));
}

TEST(KioskModelTest, ListsTheHelpDeskAndRevokedDevicesBelowTheKiosksAndCountsOnlyKiosksAsAlive) {
  KioskModel model;
  auto tester = tested(model);
  const qint64 now = pragueUs(10, 0);
  const auto device = [now](qint64 id, const char* name, const char* role, bool revoked) {
    KioskAttendance k;
    k.deviceId = id;
    k.name = QString::fromUtf8(name);
    k.role = QString::fromUtf8(role);
    k.revoked = revoked;
    k.lastSeenTimeUs = now - 10'000'000;  // Seen 10 s ago: all would be alive.
    return k;
  };
  model.setKiosks({device(1, "admin", "admin", false), device(2, "kiosk-stolen", "kiosk", true),
                   device(3, "help-desk-1", "desk", false), device(4, "kiosk-entrance-1", "kiosk", false)});
  model.setNow(now);
  QStringList order;
  for (int row = 0; row < model.rowCount(); ++row) {
    const QModelIndex at = model.index(row);
    order << at.data(KioskModel::NameRole).toString() + QStringLiteral(":") +
                 at.data(KioskModel::DeviceRoleRole).toString() +
                 (at.data(KioskModel::RevokedRole).toBool() ? QStringLiteral(":revoked") : QString()) +
                 (at.data(KioskModel::IsKioskRole).toBool() ? QStringLiteral(":kiosk") : QString());
  }
  EXPECT_EQ(order.join(QStringLiteral(" ")),
            QStringLiteral(
                "kiosk-entrance-1:Kiosk:kiosk admin:Admin help-desk-1:Help desk kiosk-stolen:Kiosk:revoked:kiosk"));
  EXPECT_EQ(model.activeKioskCount(), 1);
  EXPECT_EQ(model.aliveCount(), 1);
}

TEST(CheckInModelTest, KeepsTheNewestRowsOnTop) {
  CheckInModel model;
  auto tester = tested(model);
  QSignalSpy count(&model, &CheckInModel::countChanged);
  for (int i = 1; i <= CheckInModel::kMaxRows + 5; ++i) {
    CheckInModel::Row row;
    row.sequence = i;
    row.name = QStringLiteral("P%1").arg(i);
    model.prepend(row);
  }
  EXPECT_EQ(model.rowCount(), CheckInModel::kMaxRows);
  EXPECT_EQ(count.count(), CheckInModel::kMaxRows);
  EXPECT_EQ(model.index(0).data(CheckInModel::SequenceRole).toLongLong(), CheckInModel::kMaxRows + 5);
  EXPECT_EQ(model.index(CheckInModel::kMaxRows - 1).data(CheckInModel::SequenceRole).toLongLong(), 6);
  model.clear();
  EXPECT_EQ(model.rowCount(), 0);
}

TEST(CheckInModelTest, OutcomesReadAsOrganisersSayThem) {
  Activity a;
  a.outcome = CheckInOutcome::Admitted;
  EXPECT_EQ(CheckInModel::outcomeText(a), QStringLiteral("Admitted"));
  EXPECT_FALSE(CheckInModel::isRefusal(a));
  a.reentry = true;
  EXPECT_EQ(CheckInModel::outcomeText(a), QStringLiteral("Re-entry"));
  a.outcome = CheckInOutcome::ForgedCode;
  EXPECT_EQ(CheckInModel::outcomeText(a), QStringLiteral("Forged code"));
  EXPECT_TRUE(CheckInModel::isRefusal(a));
}

TEST(CheckInModelTest, AnOfflineUploadSaysSo) {
  Activity a;
  a.outcome = CheckInOutcome::Admitted;
  a.offline = true;
  EXPECT_EQ(CheckInModel::outcomeText(a), QStringLiteral("Admitted offline"));
  EXPECT_FALSE(CheckInModel::isRefusal(a));
  a.outcome = CheckInOutcome::SessionFull;
  EXPECT_EQ(CheckInModel::outcomeText(a), QStringLiteral("Session full offline"));
}

TEST(CheckInModelTest, ACheckOutIsSomeoneLeavingNotARefusal) {
  Activity a;
  a.checkOut = true;
  a.outcome = CheckInOutcome::CheckedOut;
  EXPECT_EQ(CheckInModel::outcomeText(a), QStringLiteral("Left"));
  EXPECT_FALSE(CheckInModel::isRefusal(a));
  // An exit scan for someone who is not inside is refused, and says why.
  a.outcome = CheckInOutcome::NotCheckedIn;
  EXPECT_EQ(CheckInModel::outcomeText(a), QStringLiteral("Exit refused: not inside"));
  EXPECT_TRUE(CheckInModel::isRefusal(a));
}

}  // namespace
}  // namespace lanyard::dashboard
