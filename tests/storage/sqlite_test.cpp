#include "storage/sqlite.h"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_event.h"

namespace lanyard::server::storage {
namespace {

Database openMemory() {
  absl::StatusOr<Database> db = Database::open(":memory:");
  EXPECT_TRUE(db.ok()) << db.status();
  return std::move(*db);
}

TEST(SqliteTest, MapsResultCodesToStatusCodes) {
  EXPECT_TRUE(absl::IsAlreadyExists(statusFromSqlite(SQLITE_CONSTRAINT_UNIQUE, "x", "y")));
  EXPECT_TRUE(absl::IsUnavailable(statusFromSqlite(SQLITE_BUSY, "x", "y")));
  EXPECT_TRUE(absl::IsResourceExhausted(statusFromSqlite(SQLITE_FULL, "x", "y")));
  EXPECT_TRUE(absl::IsDataLoss(statusFromSqlite(SQLITE_CORRUPT, "x", "y")));
  EXPECT_TRUE(absl::IsDataLoss(statusFromSqlite(SQLITE_NOTADB, "x", "y")));
  EXPECT_TRUE(absl::IsFailedPrecondition(statusFromSqlite(SQLITE_CONSTRAINT_CHECK, "x", "y")));
  EXPECT_TRUE(absl::IsFailedPrecondition(statusFromSqlite(SQLITE_READONLY, "x", "y")));
  EXPECT_TRUE(statusFromSqlite(SQLITE_DONE, "x", "y").ok());
  EXPECT_EQ(statusFromSqlite(SQLITE_FULL, "writing", "database or disk is full").message(),
            "writing: database or disk is full");
}

TEST(SqliteTest, ReportsAUniqueClashAsAlreadyExists) {
  Database db = openMemory();
  ASSERT_TRUE(db.exec("CREATE TABLE t (name TEXT NOT NULL UNIQUE)").ok());
  ASSERT_TRUE(db.exec("INSERT INTO t (name) VALUES ('a')").ok());
  absl::StatusOr<Statement> insert = db.prepare("INSERT INTO t (name) VALUES (?)");
  ASSERT_TRUE(insert.ok());
  const absl::Status status = insert->bind(1, "a").run();
  EXPECT_TRUE(absl::IsAlreadyExists(status)) << status;
}

TEST(SqliteTest, RollsBackATransactionThatIsNotCommitted) {
  Database db = openMemory();
  ASSERT_TRUE(db.exec("CREATE TABLE t (v INTEGER NOT NULL)").ok());
  {
    absl::StatusOr<Transaction> transaction = Transaction::begin(db);
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(db.exec("INSERT INTO t (v) VALUES (1)").ok());
  }
  {
    absl::StatusOr<Transaction> transaction = Transaction::begin(db);
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(db.exec("INSERT INTO t (v) VALUES (2)").ok());
    ASSERT_TRUE(transaction->commit().ok());
  }
  absl::StatusOr<Statement> select = db.prepare("SELECT group_concat(v) FROM t");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->columnText(0), "2");
}

TEST(SqliteTest, SavepointRollsBackOnlyItsOwnWork) {
  Database db = openMemory();
  ASSERT_TRUE(db.exec("CREATE TABLE t (v INTEGER NOT NULL)").ok());
  absl::StatusOr<Transaction> transaction = Transaction::begin(db);
  ASSERT_TRUE(transaction.ok());
  ASSERT_TRUE(db.exec("INSERT INTO t (v) VALUES (1)").ok());
  {
    absl::StatusOr<Savepoint> savepoint = Savepoint::begin(db);
    ASSERT_TRUE(savepoint.ok());
    ASSERT_TRUE(db.exec("INSERT INTO t (v) VALUES (2)").ok());
  }
  ASSERT_TRUE(transaction->commit().ok());
  absl::StatusOr<Statement> select = db.prepare("SELECT group_concat(v) FROM t");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->columnText(0), "1");
}

TEST(SqliteTest, CachedStatementIsResetWhenTheBorrowEnds) {
  Database db = openMemory();
  ASSERT_TRUE(db.exec("CREATE TABLE t (v INTEGER NOT NULL); INSERT INTO t (v) VALUES (1), (2)").ok());
  static constexpr char kSql[] = "SELECT v FROM t WHERE v >= ? ORDER BY v";
  {
    absl::StatusOr<ScopedStatement> select = db.cached(kSql);
    ASSERT_TRUE(select.ok());
    (*select)->bind(1, std::int64_t{2});
    ASSERT_TRUE(*(*select)->step());
    EXPECT_EQ((*select)->columnInt(0), 2);
  }
  absl::StatusOr<ScopedStatement> again = db.cached(kSql);
  ASSERT_TRUE(again.ok());
  // Bindings were cleared: NULL matches nothing.
  EXPECT_FALSE(*(*again)->step());
}

TEST(SqliteTest, ReportsAFullDatabaseAsResourceExhausted) {
  Database db = openMemory();
  // max_page_count makes SQLite answer SQLITE_FULL exactly as a full disk does.
  ASSERT_TRUE(db.exec("CREATE TABLE t (v TEXT NOT NULL); PRAGMA max_page_count = 8").ok());
  absl::StatusOr<Statement> insert = db.prepare("INSERT INTO t (v) VALUES (?)");
  ASSERT_TRUE(insert.ok());
  absl::Status status;
  for (int i = 0; i < 1000 && status.ok(); ++i) {
    insert->reset();
    status = insert->bind(1, std::string(1000, 'x')).run();
  }
  EXPECT_TRUE(absl::IsResourceExhausted(status)) << status;
}

TEST(SqliteTest, ReportsABindingPastTheLastParameter) {
  Database db = openMemory();
  absl::StatusOr<Statement> select = db.prepare("SELECT ?");
  ASSERT_TRUE(select.ok());
  select->bind(2, std::int64_t{1});
  const absl::StatusOr<bool> row = select->step();
  EXPECT_FALSE(row.ok());
}

TEST(SqliteTest, OpensFilesInWalModeWithFullSync) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "lanyard_sqlite_test.db";
  std::filesystem::remove(path);
  {
    absl::StatusOr<Database> db = Database::open(path.string());
    ASSERT_TRUE(db.ok()) << db.status();
    absl::StatusOr<Statement> mode = db->prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.ok());
    ASSERT_TRUE(*mode->step());
    EXPECT_EQ(mode->columnText(0), "wal");
    absl::StatusOr<Statement> sync = db->prepare("PRAGMA synchronous");
    ASSERT_TRUE(sync.ok());
    ASSERT_TRUE(*sync->step());
    EXPECT_EQ(sync->columnInt(0), 2);  // FULL
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

TEST(SqliteTest, AWalGrownByABigWriteIsCutBackOnceCheckpointed) {
  const lanyard::testing::TempDir dir;
  const std::string path = dir.file("event.db");
  const std::string wal = path + "-wal";
  absl::StatusOr<Database> db = Database::open(path);
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE(db->exec("CREATE TABLE t (v BLOB NOT NULL)").ok());
  ASSERT_TRUE(db->exec("BEGIN").ok());
  absl::StatusOr<Statement> insert = db->prepare("INSERT INTO t (v) VALUES (zeroblob(1048576))");
  ASSERT_TRUE(insert.ok());
  for (std::int64_t mebibytes = 0; mebibytes < 2 * kWalSizeLimitBytes / 1048576; ++mebibytes) {
    insert->reset();
    ASSERT_TRUE(insert->run().ok());
  }
  ASSERT_TRUE(db->exec("COMMIT").ok());
  ASSERT_GT(std::filesystem::file_size(wal), static_cast<std::uintmax_t>(kWalSizeLimitBytes));

  // The next write after a complete checkpoint starts the WAL over, and cuts it back.
  ASSERT_TRUE(db->checkpointPassive().ok());
  ASSERT_TRUE(db->exec("INSERT INTO t (v) VALUES (x'00')").ok());
  EXPECT_LE(std::filesystem::file_size(wal), static_cast<std::uintmax_t>(kWalSizeLimitBytes));
}

TEST(SqliteTest, RefusesAFileThatIsNotADatabase) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "lanyard_not_a_db.db";
  {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    ASSERT_NE(file, nullptr);
    std::fputs("this is a spreadsheet, not a database, and it is long enough to have a header....", file);
    std::fclose(file);
  }
  absl::StatusOr<Database> db = Database::open(path.string());
  ASSERT_FALSE(db.ok());
  EXPECT_TRUE(absl::IsDataLoss(db.status())) << db.status();
  EXPECT_NE(db.status().message().find(path.string()), std::string::npos) << db.status();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace lanyard::server::storage
