// The server's scheduled backups: names, the newest kept, an older one replaced only by a backup
// that passed its check, the operator's own files left alone.

#include "app/backup_schedule.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "domain/event_store.h"
#include "storage/sqlite_backup.h"
#include "storage/sqlite_event_store.h"
#include "support/temp_dir.h"
#include "support/test_event.h"

namespace lanyard::server::app {
namespace {

namespace fs = std::filesystem;

class BackupScheduleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(storage::SqliteEventStore::initialise(m_db, testing::testEvent(), domain::systemClock()).ok());
  }

  testing::TempDir m_dir{"schedule"};
  const std::string m_db = m_dir.file("prague.db");
};

TEST_F(BackupScheduleTest, KeepsTheNewestCheckedBackupsBesideTheFileByDefault) {
  BackupScheduleOptions options;
  options.keep = 2;
  absl::StatusOr<std::unique_ptr<BackupSchedule>> schedule = BackupSchedule::start(m_db, options);
  ASSERT_TRUE(schedule.ok()) << schedule.status();
  EXPECT_EQ((*schedule)->dir(), fs::path(m_dir.path()) / "backups");
  EXPECT_EQ(fs::status((*schedule)->dir()).permissions() & fs::perms::all, fs::perms::owner_all);
  const fs::path operatorsOwn = (*schedule)->dir() / "prague-before-the-event.db";
  { std::ofstream(operatorsOwn) << "kept by hand"; }

  std::vector<fs::path> made;
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<fs::path> backup = (*schedule)->backUpNow();
    ASSERT_TRUE(backup.ok()) << backup.status();
    EXPECT_TRUE(backup->filename().string().starts_with("prague-20")) << *backup;
    EXPECT_TRUE(storage::checkEventFile(backup->string()).ok());
    made.push_back(*backup);
  }
  EXPECT_EQ((*schedule)->backups(), (std::vector<fs::path>{made[1], made[2]}));
  EXPECT_FALSE(fs::exists(made[0]));
  EXPECT_TRUE(fs::exists(operatorsOwn));

  // A backup that fails replaces nothing.
  fs::rename(m_db, m_db + ".moved");
  EXPECT_FALSE((*schedule)->backUpNow().ok());
  EXPECT_EQ((*schedule)->backups(), (std::vector<fs::path>{made[1], made[2]}));
}

TEST_F(BackupScheduleTest, RefusesAFolderItCannotMake) {
  { std::ofstream(m_dir.file("a-file")) << "not a folder"; }
  BackupScheduleOptions options;
  options.dir = fs::path(m_dir.file("a-file")) / "backups";
  absl::StatusOr<std::unique_ptr<BackupSchedule>> schedule = BackupSchedule::start(m_db, options);
  EXPECT_EQ(schedule.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(schedule.status().message().find("cannot make the backup folder"), std::string::npos) << schedule.status();
}

}  // namespace
}  // namespace lanyard::server::app
