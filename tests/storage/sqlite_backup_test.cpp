// Backups of a SQLite event file while its store is open, the check of a backup, and restoring one
// in place of the file: real files in a temporary directory.

#include "storage/sqlite_backup.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "domain/event_store.h"
#include "sqlite/sqlite.h"
#include "storage/sqlite_event_store.h"
#include "support/temp_dir.h"
#include "support/test_event.h"

namespace lanyard::server::storage {
namespace {

namespace fs = std::filesystem;

// The device names in the event file `path`, read without changing it.
std::set<std::string> deviceNames(const std::string& path) {
  Database::Options options;
  options.readOnly = true;
  absl::StatusOr<Database> db = Database::open(path, options);
  EXPECT_TRUE(db.ok()) << db.status();
  std::set<std::string> names;
  if (!db.ok()) return names;
  absl::StatusOr<Statement> select = db->prepare("SELECT name FROM device");
  EXPECT_TRUE(select.ok()) << select.status();
  while (select.ok() && select->step().value_or(false)) names.insert(select->columnText(0));
  return names;
}

std::string journalMode(const std::string& path) {
  absl::StatusOr<Database> db = Database::open(path, Database::Options{.readOnly = true});
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return "";
  absl::StatusOr<Statement> mode = db->prepare("PRAGMA journal_mode");
  return mode.ok() && mode->step().value_or(false) ? mode->columnText(0) : "";
}

class SqliteBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(SqliteEventStore::initialise(m_db, testing::testEvent(), domain::systemClock()).ok());
  }

  // Opens the event file as a server does: holding it, writing through its WAL.
  std::unique_ptr<SqliteEventStore> open() {
    absl::StatusOr<std::unique_ptr<SqliteEventStore>> store = SqliteEventStore::open(m_db, domain::systemClock());
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  testing::TempDir m_dir{"backup"};
  const std::string m_db = m_dir.file("event.db");
  const std::string m_backup = m_dir.file("backup.db");
};

TEST_F(SqliteBackupTest, ABackupOfAServedFileHoldsWhatWasCommittedBeforeItInOneFile) {
  std::unique_ptr<SqliteEventStore> store = open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->createDevice("kiosk-before", domain::Role::Kiosk).ok());

  absl::StatusOr<EventFileSummary> summary = backupEventFile(m_db, m_backup);
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_TRUE(store->createDevice("kiosk-after", domain::Role::Kiosk).ok());

  EXPECT_EQ(summary->eventName, "Integrating Cities");
  EXPECT_EQ(summary->publicKey, store->event().publicKey);
  EXPECT_EQ(summary->keyFingerprint.size(), 16u);
  EXPECT_EQ(summary->bytes, static_cast<std::int64_t>(fs::file_size(m_backup)));
  EXPECT_EQ(deviceNames(m_backup), (std::set<std::string>{"admin", "kiosk-before"}));
  EXPECT_EQ(journalMode(m_backup), "delete");
  EXPECT_FALSE(fs::exists(m_backup + "-wal"));
  EXPECT_FALSE(fs::exists(m_backup + ".partial"));
  EXPECT_EQ(deviceNames(m_db), (std::set<std::string>{"admin", "kiosk-before", "kiosk-after"}));
}

TEST_F(SqliteBackupTest, ABackupNeverOverwritesAndLeavesNothingWhenItFails) {
  { std::ofstream(m_backup) << "the operator's own file"; }
  absl::StatusOr<EventFileSummary> existing = backupEventFile(m_db, m_backup);
  EXPECT_EQ(existing.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(existing.status().message(), m_backup + " already exists: name a new file for the backup");
  EXPECT_EQ(fs::file_size(m_backup), std::string("the operator's own file").size());

  const std::string nowhere = m_dir.file("missing-folder/backup.db");
  absl::StatusOr<EventFileSummary> failed = backupEventFile(m_db, nowhere);
  EXPECT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("missing-folder"), std::string::npos) << failed.status();
  EXPECT_FALSE(fs::exists(nowhere));

  absl::StatusOr<EventFileSummary> noEvent = backupEventFile(m_dir.file("absent.db"), m_dir.file("b2.db"));
  EXPECT_EQ(noEvent.status().code(), absl::StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(m_dir.file("b2.db")));
}

TEST_F(SqliteBackupTest, TheCheckFindsADamagedFileAndOneThatIsNoEvent) {
  ASSERT_TRUE(backupEventFile(m_db, m_backup).ok());
  ASSERT_TRUE(checkEventFile(m_backup).ok());
  {
    // Scribble over the second page, as a failing disk might.
    std::fstream damage(m_backup, std::ios::in | std::ios::out | std::ios::binary);
    damage.seekp(4096);
    const std::string garbage(512, '\xA5');
    damage.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  absl::StatusOr<EventFileSummary> damaged = checkEventFile(m_backup);
  EXPECT_EQ(damaged.status().code(), absl::StatusCode::kDataLoss) << damaged.status();
  EXPECT_NE(damaged.status().message().find(m_backup), std::string::npos) << damaged.status();

  const std::string text = m_dir.file("notes.db");
  { std::ofstream(text) << std::string(8192, 'x'); }
  absl::StatusOr<EventFileSummary> notADatabase = checkEventFile(text);
  EXPECT_EQ(notADatabase.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(notADatabase.status().message().find("is not a readable database"), std::string::npos)
      << notADatabase.status();

  const std::string empty = m_dir.file("empty.db");
  ASSERT_TRUE(Database::open(empty).ok());
  absl::StatusOr<EventFileSummary> noEvent = checkEventFile(empty);
  EXPECT_EQ(noEvent.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(noEvent.status().message().find("is not a Lanyard event file"), std::string::npos) << noEvent.status();
}

TEST_F(SqliteBackupTest, ARestoreKeepsTheFileItReplaces) {
  {
    std::unique_ptr<SqliteEventStore> store = open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(backupEventFile(m_db, m_backup).ok());
    ASSERT_TRUE(store->createDevice("kiosk-after", domain::Role::Kiosk).ok());
    EXPECT_EQ(restoreEventFile(m_backup, m_db, false).status().code(), absl::StatusCode::kFailedPrecondition)
        << "the store holds the file";
  }
  absl::StatusOr<RestoreReport> report = restoreEventFile(m_backup, m_db, false);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->restored.eventName, "Integrating Cities");
  ASSERT_FALSE(report->setAside.empty());
  EXPECT_EQ(deviceNames(m_db), (std::set<std::string>{"admin"}));
  EXPECT_EQ(deviceNames(report->setAside), (std::set<std::string>{"admin", "kiosk-after"}));
  EXPECT_FALSE(fs::exists(m_db + ".restoring"));
  EXPECT_TRUE(checkEventFile(report->setAside).ok());
  std::unique_ptr<SqliteEventStore> restored = open();
  ASSERT_NE(restored, nullptr) << "the restored file serves";
  EXPECT_EQ(restored->event().restores, 1) << "the restore is recorded in the file";
  restored.reset();
  ASSERT_TRUE(restoreEventFile(m_backup, m_db, false).ok());
  EXPECT_EQ(open()->event().restores, 1) << "the backup itself holds no restore";
}

TEST_F(SqliteBackupTest, ARestoreComparesTheEventsAndReplacesAnUnreadableFileOnlyWhenTold) {
  const std::string other = m_dir.file("other.db");
  domain::Event otherEvent = testing::testEvent();
  otherEvent.name = "Another Event";
  ASSERT_TRUE(SqliteEventStore::initialise(other, otherEvent, domain::systemClock()).ok());
  absl::StatusOr<RestoreReport> wrong = restoreEventFile(other, m_db, false);
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(wrong.status().message().find("is a backup of the event \"Another Event\""), std::string::npos)
      << wrong.status();
  EXPECT_EQ(deviceNames(m_db), (std::set<std::string>{"admin"})) << "untouched";

  ASSERT_TRUE(backupEventFile(m_db, m_backup).ok());
  { std::ofstream(m_db, std::ios::trunc) << std::string(8192, 'x'); }
  absl::StatusOr<RestoreReport> unread = restoreEventFile(m_backup, m_db, false);
  EXPECT_EQ(unread.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(unread.status().message().find("add --replace-unreadable"), std::string::npos) << unread.status();
  absl::StatusOr<RestoreReport> replaced = restoreEventFile(m_backup, m_db, true);
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  EXPECT_EQ(fs::file_size(replaced->setAside), 8192u);
  EXPECT_TRUE(checkEventFile(m_db).ok());

  // On a spare machine, root restores into the server user's folder; the file is that user's.
  const std::string spare = m_dir.file("spare/event.db");
  fs::create_directories(fs::path(spare).parent_path());
  constexpr uid_t kServerUser = 4242;
  const bool asRoot = ::geteuid() == 0;
  if (asRoot) ASSERT_EQ(::chown(fs::path(spare).parent_path().c_str(), kServerUser, kServerUser), 0);
  absl::StatusOr<RestoreReport> onSpare = restoreEventFile(m_backup, spare, false);
  ASSERT_TRUE(onSpare.ok()) << onSpare.status();
  EXPECT_TRUE(onSpare->setAside.empty());
  EXPECT_EQ(deviceNames(spare), (std::set<std::string>{"admin"}));
  struct stat restored {};
  ASSERT_EQ(::stat(spare.c_str(), &restored), 0);
  EXPECT_EQ(restored.st_uid, asRoot ? kServerUser : ::geteuid());
}

}  // namespace
}  // namespace lanyard::server::storage
