#include "sqlite/sqlite.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "support/temp_dir.h"

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
  const lanyard::testing::TempDir dir;
  absl::StatusOr<Database> db = Database::open(dir.file("event.db"));
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
  const lanyard::testing::TempDir dir;
  const std::filesystem::path path = dir.file("not_a_db.db");
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
}

// The error Database::open(path) gives in a child process that may not write there: as user
// nobody when the test runs as root, who may write anything.
std::string openErrorAsAnotherUser(const std::string& path) {
  int fds[2];
  if (pipe(fds) != 0) return "pipe failed";
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
    absl::StatusOr<Database> db = Database::open(path);
    const std::string answer = db.ok() ? "opened" : db.status().ToString();
    (void)!write(fds[1], answer.data(), answer.size());
    _exit(0);
  }
  close(fds[1]);
  std::string answer;
  char buffer[512];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  return answer;
}

// SQLite opens a file it may not write read-only without a word, and then fails every write;
// a server on such a file would answer reads and refuse every check-in.
TEST(SqliteTest, RefusesAFileItMayNotWriteAndSaysWhy) {
  lanyard::testing::TempDir dir;
  const std::string path = dir.file("event.db");
  ASSERT_TRUE(Database::open(path).ok());
  namespace fs = std::filesystem;
  fs::permissions(dir.path(), fs::perms::all);
  fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const std::string answer = openErrorAsAnotherUser(path);
  EXPECT_NE(answer.find("FAILED_PRECONDITION"), std::string::npos) << answer;
  EXPECT_NE(answer.find(path + ": this user (uid"), std::string::npos) << answer;
  EXPECT_NE(answer.find("may not write the file (Permission denied)"), std::string::npos) << answer;
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
}

// In WAL mode SQLite writes a log beside the file, so its folder must be writable too.
TEST(SqliteTest, RefusesAFolderItMayNotWriteAndSaysWhy) {
  lanyard::testing::TempDir dir;
  const std::string path = dir.file("event.db");
  ASSERT_TRUE(Database::open(path).ok());
  namespace fs = std::filesystem;
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  fs::permissions(path, fs::perms::all);
  fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                  fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  const std::string answer = openErrorAsAnotherUser(path);
  fs::permissions(dir.path(), fs::perms::owner_all);
  EXPECT_NE(answer.find("may not create files in its folder, where SQLite keeps its write-ahead log"),
            std::string::npos)
      << answer;
}

}  // namespace
}  // namespace lanyard::server::storage
