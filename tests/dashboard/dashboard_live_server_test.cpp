// The real GrpcAttendanceClient with the dashboard's controllers against a real demo server: the
// feed across a server restart on the same database (the controller says it is reconnecting, then
// catches up with what happened while it was away, without losing or repeating an activity), the
// event's end date, an export streamed into a file, and the conflicts panel hearing of a conflict
// an offline upload records.

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <QtCore/QDateTime>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimeZone>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <algorithm>
#include <fstream>
#include <regex>
#include <set>

#include "conflicts_controller.h"
#include "dashboard_controller.h"
#include "export_controller.h"
#include "grpc_attendance_client.h"
#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "server_process.h"

namespace lanyard::dashboard {
namespace {

using namespace std::chrono_literals;
using e2e::ProcessOptions;
namespace v1 = ::lanyard::v1;

constexpr int kDeadlineMs = 20000;

class DashboardLiveServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    db = dir.filePath(QStringLiteral("demo.db")).toStdString();
    startServer("127.0.0.1:0");
    std::ifstream tokens(db + ".tokens");
    std::string name, value;
    while (tokens >> name >> value) {
      if (name == "organiser") organiserToken = value;
      if (name == "kiosk-entrance-1") kioskToken = value;
      if (name == "kiosk-entrance-2") kiosk2Token = value;
    }
    ASSERT_FALSE(organiserToken.empty());
    address = server->loopbackAddress();
    server->process().waitForStdout([](const std::string& out) { return out.find("Try next") != std::string::npos; },
                                    10s);
    const std::string out = server->process().stdoutText();
    const std::regex line(R"(: ([A-Z2-7]{120})\n)");
    for (auto it = std::sregex_iterator(out.begin(), out.end(), line); it != std::sregex_iterator(); ++it) {
      codes.push_back((*it)[1].str());
    }
    ASSERT_GE(codes.size(), 3u);
  }

  void startServer(const std::string& listen) {
    server = std::make_unique<e2e::ServerProcess>(
        ProcessOptions{{LANYARD_SERVER_BINARY, "demo", "--db", db, "--listen", listen}, {}, {}});
  }

  void checkIn(const std::string& code) {
    const e2e::CommandResult result = e2e::runCommand(
        ProcessOptions{{LANYARD_CLI_BINARY, "--server", address, "--token", kioskToken, "checkin", code}, {}, {}});
    ASSERT_NE(result.out.find("ADMITTED"), std::string::npos) << result.out << result.err;
  }

  // An exit scan at the entrance; `outcome` is what the CLI should print.
  void checkOut(const std::string& code, const std::string& outcome) {
    const e2e::CommandResult result = e2e::runCommand(ProcessOptions{
        {LANYARD_CLI_BINARY, "--server", address, "--token", kioskToken, "checkin", code, "--out"}, {}, {}});
    ASSERT_NE(result.out.find(outcome), std::string::npos) << result.out << result.err;
  }

  QTemporaryDir dir;
  std::string db;
  std::unique_ptr<e2e::ServerProcess> server;
  std::string address;
  std::string organiserToken;
  std::string kioskToken;
  std::string kiosk2Token;
  std::vector<std::string> codes;
};

TEST_F(DashboardLiveServerTest, CatchesUpAfterTheServerRestarts) {
  client::ConnectionOptions options;
  options.address = QString::fromStdString(address);
  options.token = QString::fromStdString(organiserToken);
  client::GrpcAttendanceClient client(options);
  DashboardController controller(client);
  controller.setRefreshDelay(50ms);
  // The controller would retry by itself after 1 s; here the test says when, so that the
  // check-in below surely happens while it is away.
  controller.setRetryDelays(std::chrono::hours(1), std::chrono::hours(1));
  QSignalSpy ready(&controller, &DashboardController::ready);
  controller.start();
  ASSERT_TRUE(ready.wait(kDeadlineMs));
  ASSERT_TRUE(ready.at(0).at(0).toBool());
  const int checkedIn = controller.checkedIn();
  const int rowsAtStart = controller.checkIns()->rowCount();

  checkIn(codes[0]);
  ASSERT_TRUE(QTest::qWaitFor([&] { return controller.checkedIn() == checkedIn + 1; }, kDeadlineMs));
  ASSERT_EQ(controller.checkIns()->rowCount(), rowsAtStart + 1);
  const qint64 before = controller.lastSequence();

  ASSERT_TRUE(server->terminate().has_value());
  ASSERT_TRUE(QTest::qWaitFor([&] { return controller.state() == DashboardController::ConnectionState::Reconnecting; },
                              kDeadlineMs));
  EXPECT_TRUE(controller.statusText().startsWith(QStringLiteral("Reconnecting")));

  // Same database, same port; one more check-in while the dashboard is away.
  startServer(address);
  checkIn(codes[1]);
  controller.reconnectNow();
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return controller.state() == DashboardController::ConnectionState::Live; }, kDeadlineMs));
  ASSERT_TRUE(QTest::qWaitFor(
      [&] { return controller.checkedIn() == checkedIn + 2 && controller.checkIns()->rowCount() == rowsAtStart + 2; },
      kDeadlineMs));
  EXPECT_GT(controller.lastSequence(), before);
  // Each check-in once, newest first.
  CheckInModel* rows = controller.checkIns();
  EXPECT_GT(rows->index(0).data(CheckInModel::SequenceRole).toLongLong(),
            rows->index(1).data(CheckInModel::SequenceRole).toLongLong());

  // And it is live again: a check-in after the reconnect arrives too.
  checkIn(codes[2]);
  ASSERT_TRUE(QTest::qWaitFor(
      [&] { return controller.checkedIn() == checkedIn + 3 && rows->rowCount() == rowsAtStart + 3; }, kDeadlineMs));
}

TEST_F(DashboardLiveServerTest, ReconnectsByItselfAfterTheServerIsKilled) {
  client::ConnectionOptions options;
  options.address = QString::fromStdString(address);
  options.token = QString::fromStdString(organiserToken);
  client::GrpcAttendanceClient client(options);
  DashboardController controller(client);
  controller.setRefreshDelay(50ms);
  controller.setRetryDelays(100ms, 400ms);
  QSignalSpy ready(&controller, &DashboardController::ready);
  controller.start();
  ASSERT_TRUE(ready.wait(kDeadlineMs));
  const int checkedIn = controller.checkedIn();

  ASSERT_TRUE(server->kill().has_value());  // No goodbye: the stream just breaks.
  ASSERT_TRUE(QTest::qWaitFor([&] { return controller.state() == DashboardController::ConnectionState::Reconnecting; },
                              kDeadlineMs));
  startServer(address);
  checkIn(codes[0]);
  // The numbers (from the summary) and the feed's row arrive separately; wait for both.
  const auto newestOutcome = [&] { return controller.checkIns()->index(0).data(CheckInModel::OutcomeRole).toString(); };
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        return controller.state() == DashboardController::ConnectionState::Live &&
               controller.checkedIn() == checkedIn + 1 && newestOutcome() == QStringLiteral("Admitted");
      },
      kDeadlineMs))
      << "state " << static_cast<int>(controller.state()) << ", checked in " << controller.checkedIn() << ", newest "
      << newestOutcome().toStdString();
}

TEST_F(DashboardLiveServerTest, ACheckOutReadsAsLeavingAndAnExitWithoutEntryAsARefusal) {
  client::ConnectionOptions options;
  options.address = QString::fromStdString(address);
  options.token = QString::fromStdString(organiserToken);
  client::GrpcAttendanceClient client(options);
  DashboardController controller(client);
  controller.setRefreshDelay(50ms);
  QSignalSpy ready(&controller, &DashboardController::ready);
  controller.start();
  ASSERT_TRUE(ready.wait(kDeadlineMs));
  CheckInModel* rows = controller.checkIns();
  const int rowsAtStart = rows->rowCount();

  checkIn(codes[0]);
  checkOut(codes[0], "CHECKED_OUT");
  checkOut(codes[0], "NOT_CHECKED_IN");
  ASSERT_TRUE(QTest::qWaitFor([&] { return rows->rowCount() == rowsAtStart + 3; }, kDeadlineMs));
  const auto outcome = [&](int row) {
    return rows->index(row).data(CheckInModel::OutcomeRole).toString().toStdString();
  };
  EXPECT_EQ(outcome(2), "Admitted");
  EXPECT_EQ(outcome(1), "Left");
  EXPECT_FALSE(rows->index(1).data(CheckInModel::RefusedRole).toBool());
  EXPECT_EQ(outcome(0), "Exit refused: not inside");
  EXPECT_TRUE(rows->index(0).data(CheckInModel::RefusedRole).toBool());
}

// The demo event's last day is 2026-05-13 (Europe/Prague): the end date comes through the real
// client, and the server's clock says whether it has passed.
TEST_F(DashboardLiveServerTest, KnowsFromTheEventsEndDateWhetherItIsOver) {
  client::ConnectionOptions options;
  options.address = QString::fromStdString(address);
  options.token = QString::fromStdString(organiserToken);
  client::GrpcAttendanceClient client(options);
  DashboardController controller(client);
  QSignalSpy ready(&controller, &DashboardController::ready);
  controller.start();
  ASSERT_TRUE(ready.wait(kDeadlineMs));
  const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone("Europe/Prague")).date();
  EXPECT_EQ(controller.eventOver(), today > QDate(2026, 5, 13))
      << "today " << today.toString(Qt::ISODate).toStdString();
}

TEST_F(DashboardLiveServerTest, ExportsTheCheckedInListIntoAFile) {
  checkIn(codes[0]);
  checkIn(codes[1]);
  client::ConnectionOptions options;
  options.address = QString::fromStdString(address);
  options.token = QString::fromStdString(organiserToken);
  client::GrpcAttendanceClient client(options);
  ExportController exporter(client, dir.path());
  QSignalSpy finished(&exporter, &ExportController::finished);
  exporter.start(ExportController::List::CheckedIn, 0, {}, ExportController::Format::Csv, QStringLiteral(";"), true,
                 dir.path());
  ASSERT_TRUE(finished.wait(kDeadlineMs));
  ASSERT_TRUE(finished.at(0).at(0).toBool()) << exporter.message().toStdString();
  EXPECT_EQ(exporter.savedPath(), dir.filePath(QStringLiteral("attendees-checked-in.csv")));
  EXPECT_EQ(exporter.message(), QStringLiteral("Saved 2 rows to ") + exporter.savedPath());
  QFile file(exporter.savedPath());
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QByteArray csv = file.readAll();
  EXPECT_TRUE(
      csv.startsWith("\xEF\xBB\xBF"
                     "delegate_id;"))
      << csv.left(80).toStdString();
  EXPECT_EQ(csv.count("\r\n"), 3);  // Header and two delegates.

  // The server refuses an unknown session: nothing is written, and the reason is shown.
  const QString target = dir.filePath(QStringLiteral("session.csv"));
  exporter.start(ExportController::List::AllAttendees, 9999, {}, ExportController::Format::Csv, QStringLiteral(","),
                 false, target);
  ASSERT_TRUE(finished.wait(kDeadlineMs));
  EXPECT_FALSE(finished.at(1).at(0).toBool());
  EXPECT_TRUE(exporter.failed());
  EXPECT_TRUE(exporter.message().startsWith(QStringLiteral("Export failed"))) << exporter.message().toStdString();
  EXPECT_FALSE(QFile::exists(target));
}

// An instant `stepsAgo` steps before now, still today in Prague, the demo event's time zone: two
// admissions are a conflict only on the same event day. A step is a minute, or less just after
// midnight there.
qint64 earlierTodayUs(int stepsAgo) {
  constexpr int kMaxStepsAgo = 60;
  constexpr qint64 kMinuteMs = 60'000;
  const QDateTime now = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone("Europe/Prague"));
  const qint64 sinceMidnightMs = QDateTime(now.date(), QTime(0, 0), now.timeZone()).msecsTo(now);
  EXPECT_LE(stepsAgo, kMaxStepsAgo);
  return (now.toMSecsSinceEpoch() - stepsAgo * std::min(kMinuteMs, sinceMidnightMs / (kMaxStepsAgo + 1))) * 1000;
}

// Uploads `code`'s admission, decided offline `stepsAgo` steps ago today (earlierTodayUs), as a
// kiosk does once the server is back.
void uploadOfflineAdmission(const std::string& address, const std::string& token, const std::string& code,
                            const std::string& requestId, int stepsAgo) {
  auto stub = v1::CheckInService::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  v1::CheckInRequest request;
  request.set_request_id(requestId);
  request.set_scan_time_us(earlierTodayUs(stepsAgo));
  request.set_code(code);
  request.set_direction(v1::DIRECTION_IN);
  request.mutable_offline()->set_outcome(v1::CHECK_IN_OUTCOME_ADMITTED);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + token);
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::CheckInResponse response;
  const grpc::Status status = stub->CheckIn(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
}

TEST_F(DashboardLiveServerTest, AConflictRecordedAfterStartAppearsAndIsMarkedSeen) {
  client::ConnectionOptions options;
  options.address = QString::fromStdString(address);
  options.token = QString::fromStdString(organiserToken);
  client::GrpcAttendanceClient client(options);
  DashboardController controller(client);
  ConflictsController conflicts(client, controller);
  QSignalSpy ready(&controller, &DashboardController::ready);
  controller.start();
  ASSERT_TRUE(ready.wait(kDeadlineMs));
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return conflicts.conflicts()->rowCount() == 0 && conflicts.total() == 0; }, kDeadlineMs));

  // Both entrance kiosks admitted the same delegate while the server was down.
  ASSERT_NO_FATAL_FAILURE(uploadOfflineAdmission(address, kioskToken, codes[0], "offline-1", 20));
  ASSERT_NO_FATAL_FAILURE(uploadOfflineAdmission(address, kiosk2Token, codes[0], "offline-2", 15));
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return conflicts.unseen() == 1 && conflicts.conflicts()->rowCount() == 1; }, kDeadlineMs));
  EXPECT_EQ(conflicts.total(), 1);
  const ConflictModel::Row row = conflicts.conflicts()->rows().front();
  EXPECT_EQ(row.reason.toStdString(), "Admitted twice: already admitted by another scan.");
  EXPECT_TRUE(row.kiosks.startsWith(QStringLiteral("kiosk-entrance-2, also kiosk-entrance-1 at ")))
      << row.kiosks.toStdString();
  EXPECT_TRUE(row.kiosks.endsWith(QStringLiteral("(offline)")));
  EXPECT_FALSE(row.seen);

  conflicts.markSeen(row.id);
  ASSERT_TRUE(QTest::qWaitFor([&] { return conflicts.unseen() == 0; }, kDeadlineMs));
  EXPECT_TRUE(conflicts.conflicts()->rows().front().seen);
  EXPECT_TRUE(conflicts.conflicts()->rows().front().seenText.startsWith(QStringLiteral("Seen by organiser at ")));
  EXPECT_EQ(conflicts.total(), 1);
}

}  // namespace
}  // namespace lanyard::dashboard
