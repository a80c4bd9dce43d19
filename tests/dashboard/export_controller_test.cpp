// ExportController against a fake client: chunks land in a temporary file that replaces the
// target only when the export completes; failures and cancels leave the target as it was.

#include "export_controller.h"

#include <gtest/gtest.h>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <filesystem>

#include "fake_attendance_client.h"

namespace lanyard::dashboard {

using client::ClientError;
using client::ExportFormat;
using client::ExportList;
using client::ExportRequest;
using client::ExportResult;
using client::Reply;
namespace {

using testing::FakeAttendanceClient;

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

class ExportControllerTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(dir.isValid()); }

  // Files in the folder other than `keep`: temporaries left behind.
  QStringList strayFiles(const QStringList& keep = {}) {
    QStringList names = QDir(dir.path()).entryList(QDir::Files);
    for (const QString& k : keep) names.removeAll(k);
    return names;
  }

  QTemporaryDir dir;
  FakeAttendanceClient client;
  ExportController exporter{client, QStringLiteral("/home/organiser/Documents")};
};

TEST_F(ExportControllerTest, SendsTheChosenListFiltersAndFormat) {
  exporter.start(ExportController::List::Absent, 12, QStringLiteral("speaker"), ExportController::Format::Csv,
                 QStringLiteral(";"), true, dir.filePath(QStringLiteral("absent.csv")));
  ASSERT_EQ(client.exports.size(), 1u);
  const ExportRequest& request = client.exports[0]->request;
  EXPECT_EQ(request.list, ExportList::Absent);
  EXPECT_EQ(request.sessionId, 12);
  EXPECT_EQ(request.category, QStringLiteral("speaker"));
  EXPECT_EQ(request.format, ExportFormat::Csv);
  EXPECT_EQ(request.delimiter, QStringLiteral(";"));
  EXPECT_TRUE(request.byteOrderMark);
  EXPECT_TRUE(exporter.busy());

  // A second export waits for the first.
  exporter.start(ExportController::List::ScanLog, 0, {}, ExportController::Format::Xlsx, QStringLiteral(","), false,
                 dir.filePath(QStringLiteral("scans.xlsx")));
  EXPECT_EQ(client.exports.size(), 1u);
}

TEST_F(ExportControllerTest, TheScanLogIgnoresAttendeeFilters) {
  exporter.start(ExportController::List::ScanLog, 12, QStringLiteral("speaker"), ExportController::Format::Xlsx,
                 QStringLiteral(","), false, dir.filePath(QStringLiteral("scans.xlsx")));
  ASSERT_EQ(client.exports.size(), 1u);
  EXPECT_EQ(client.exports[0]->request.list, ExportList::ScanLog);
  EXPECT_EQ(client.exports[0]->request.sessionId, 0);
  EXPECT_TRUE(client.exports[0]->request.category.isEmpty());
}

TEST_F(ExportControllerTest, WritesTheFileOnlyWhenTheExportCompletes) {
  const QString target = dir.filePath(QStringLiteral("attendees.csv"));
  {
    QFile old(target);
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write("old contents");
  }
  QSignalSpy finished(&exporter, &ExportController::finished);
  exporter.start(ExportController::List::AllAttendees, 0, {}, ExportController::Format::Csv, QStringLiteral(","), false,
                 target);
  auto& job = *client.exports[0];
  job.onChunk({QByteArray("delegate_id,given_name\r\n"), QStringLiteral("attendees-all.csv")});
  job.onChunk({QByteArray("1,Simona\r\n"), {}});
  EXPECT_EQ(readAll(target), QByteArray("old contents"));  // Not replaced yet.
  job.done(Reply<ExportResult>{std::nullopt, ExportResult{1}});
  ASSERT_EQ(finished.count(), 1);
  EXPECT_TRUE(finished.at(0).at(0).toBool());
  EXPECT_EQ(readAll(target), QByteArray("delegate_id,given_name\r\n1,Simona\r\n"));
  EXPECT_FALSE(exporter.busy());
  EXPECT_FALSE(exporter.failed());
  EXPECT_EQ(exporter.savedPath(), target);
  EXPECT_EQ(exporter.message(), QStringLiteral("Saved 1 row to ") + target);
  EXPECT_TRUE(strayFiles({QStringLiteral("attendees.csv")}).isEmpty()) << strayFiles().join(' ').toStdString();
}

TEST_F(ExportControllerTest, TheSavedFileIsReadableByItsOwnerOnly) {
  const QString fresh = dir.filePath(QStringLiteral("fresh.csv"));
  // An older file readable by all does not lend the export its mode.
  const QString existing = dir.filePath(QStringLiteral("existing.csv"));
  {
    QFile old(existing);
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write("old contents");
    ASSERT_TRUE(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                   QFileDevice::ReadOther));
  }
  for (const QString& target : {fresh, existing}) {
    exporter.start(ExportController::List::AllAttendees, 0, {}, ExportController::Format::Csv, QStringLiteral(","),
                   false, target);
    auto& job = *client.exports.back();
    job.onChunk({QByteArray("delegate_id,given_name\r\n1,Simona\r\n"), {}});
    job.done(Reply<ExportResult>{std::nullopt, ExportResult{1}});
    ASSERT_FALSE(exporter.failed()) << exporter.message().toStdString();

    const auto mode = std::filesystem::status(target.toStdString()).permissions() & std::filesystem::perms::all;
    EXPECT_EQ(static_cast<int>(mode), 0600)
        << target.toStdString() << " has mode " << std::oct << static_cast<int>(mode);
  }
}

TEST_F(ExportControllerTest, AFailedExportLeavesTheTargetAsItWas) {
  const QString target = dir.filePath(QStringLiteral("attendees.csv"));
  {
    QFile old(target);
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write("old contents");
  }
  exporter.start(ExportController::List::AllAttendees, 0, {}, ExportController::Format::Csv, QStringLiteral(","), false,
                 target);
  auto& job = *client.exports[0];
  job.onChunk({QByteArray("delegate_id\r\n"), QStringLiteral("attendees-all.csv")});
  Reply<ExportResult> failure;
  failure.error = ClientError{ClientError::Kind::Unreachable, QStringLiteral("server unreachable: gone")};
  job.done(failure);
  EXPECT_TRUE(exporter.failed());
  EXPECT_EQ(exporter.message(), QStringLiteral("Export failed: server unreachable: gone"));
  EXPECT_EQ(readAll(target), QByteArray("old contents"));
  EXPECT_TRUE(strayFiles({QStringLiteral("attendees.csv")}).isEmpty()) << strayFiles().join(' ').toStdString();
}

TEST_F(ExportControllerTest, CancelStopsTheStreamAndSavesNothing) {
  const QString target = dir.filePath(QStringLiteral("scans.csv"));
  exporter.start(ExportController::List::ScanLog, 0, {}, ExportController::Format::Csv, QStringLiteral(","), false,
                 target);
  client.exports[0]->onChunk({QByteArray("check_in_id\r\n"), QStringLiteral("scan-log.csv")});
  exporter.cancel();
  EXPECT_FALSE(client.exports[0]->alive);
  EXPECT_FALSE(exporter.busy());
  EXPECT_FALSE(QFile::exists(target));
  EXPECT_TRUE(strayFiles().isEmpty()) << strayFiles().join(' ').toStdString();
}

TEST_F(ExportControllerTest, AFolderTakesTheServersFileName) {
  exporter.start(ExportController::List::CheckedIn, 0, {}, ExportController::Format::Xlsx, QStringLiteral(","), false,
                 dir.path());
  auto& job = *client.exports[0];
  job.onChunk({QByteArray("PK\x03\x04"), QStringLiteral("attendees-checked-in.xlsx")});
  job.done(Reply<ExportResult>{std::nullopt, ExportResult{2}});
  EXPECT_EQ(exporter.savedPath(), dir.filePath(QStringLiteral("attendees-checked-in.xlsx")));
  EXPECT_EQ(readAll(exporter.savedPath()), QByteArray("PK\x03\x04"));
}

TEST_F(ExportControllerTest, RefusesAFolderThatDoesNotExist) {
  exporter.start(ExportController::List::AllAttendees, 0, {}, ExportController::Format::Csv, QStringLiteral(","), false,
                 dir.filePath(QStringLiteral("missing/attendees.csv")));
  EXPECT_TRUE(client.exports.empty());
  EXPECT_TRUE(exporter.failed());
  EXPECT_TRUE(exporter.message().contains(QStringLiteral("does not exist"))) << exporter.message().toStdString();
}

TEST_F(ExportControllerTest, SuggestsANameForTheListAndFormat) {
  EXPECT_EQ(exporter.suggestedPath(ExportController::List::Absent, ExportController::Format::Xlsx),
            QStringLiteral("/home/organiser/Documents/attendees-absent.xlsx"));
  EXPECT_EQ(exporter.suggestedPath(ExportController::List::ScanLog, ExportController::Format::Csv),
            QStringLiteral("/home/organiser/Documents/scan-log.csv"));
}

TEST_F(ExportControllerTest, TheFileDialogStartsInThePathsFolderOrTheDocuments) {
  EXPECT_EQ(exporter.folderUrl(dir.filePath(QStringLiteral("list.csv"))), QUrl::fromLocalFile(dir.path()));
  EXPECT_EQ(exporter.folderUrl(dir.path()), QUrl::fromLocalFile(dir.path()));
  EXPECT_EQ(exporter.folderUrl(QStringLiteral("/no/such/folder/list.csv")),
            QUrl::fromLocalFile(QStringLiteral("/home/organiser/Documents")));
  EXPECT_EQ(exporter.folderUrl(QString()), QUrl::fromLocalFile(QStringLiteral("/home/organiser/Documents")));
  EXPECT_EQ(exporter.localPath(QUrl::fromLocalFile(QStringLiteral("/tmp/é list.csv"))),
            QStringLiteral("/tmp/é list.csv"));
}

}  // namespace
}  // namespace lanyard::dashboard
