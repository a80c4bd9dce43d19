#include "postgres/migrations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <latch>
#include <pqxx/result>
#include <pqxx/transaction_base>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "fresh_database.h"
#include "storage/migrations.h"
#include "support/postgres_cluster.h"

namespace lanyard::server::postgres {
namespace {

using lanyard::testing::postgresCluster;

// The first column of every row `sql` returns, as text.
std::vector<std::string> column(Database& db, const std::string& sql) {
  std::vector<std::string> values;
  const absl::Status status = db.inTransaction("reading the catalogue", [&](pqxx::transaction_base& transaction) {
    for (const pqxx::row& row : transaction.exec(sql)) values.push_back(row[0].as<std::string>());
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  return values;
}

std::vector<std::string> column(storage::Database& db, const std::string& sql) {
  std::vector<std::string> values;
  absl::StatusOr<storage::Statement> statement = db.prepare(sql);
  EXPECT_TRUE(statement.ok()) << statement.status();
  if (!statement.ok()) return values;
  for (absl::StatusOr<bool> row = statement->step(); row.ok() && *row; row = statement->step()) {
    values.push_back(statement->columnText(0));
  }
  return values;
}

class PostgresMigrationsTest : public FreshDatabaseTest {};

TEST_F(PostgresMigrationsTest, BringsAnEmptyDatabaseToTheNewestSchema) {
  Database db = open();
  ASSERT_EQ(schemaVersion(db).value_or(-1), 0);
  const absl::Status status = migrate(db);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(schemaVersion(db).value_or(-1), knownMigrations().back().version);
  std::vector<std::string> steps;  // One row per step.
  for (const auto& migration : knownMigrations()) steps.push_back(std::to_string(migration.version));
  EXPECT_EQ(column(db, "SELECT version FROM schema_version ORDER BY version"), steps);
}

// The PostgreSQL schema has every table, column and named index of SQLite's newest schema, so
// that both stores hold the same things (and a new SQLite migration without its PostgreSQL
// counterpart fails here).
TEST_F(PostgresMigrationsTest, HoldsEveryTableColumnAndIndexOfTheSqliteSchema) {
  absl::StatusOr<storage::Database> sqlite = storage::Database::open(":memory:");
  ASSERT_TRUE(sqlite.ok());
  ASSERT_TRUE(storage::migrate(*sqlite).ok());
  ASSERT_EQ(storage::knownMigrations().back().version, 13) << "translate the new SQLite migrations to PostgreSQL";
  Database db = open();
  ASSERT_TRUE(migrate(db).ok());

  std::vector<std::string> tables =
      column(*sqlite, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  tables.emplace_back("schema_version");
  std::sort(tables.begin(), tables.end());
  EXPECT_EQ(column(db,
                   "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                   "AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\""),
            tables);

  for (const std::string& table : tables) {
    if (table == "schema_version") continue;
    std::vector<std::string> sqliteColumns =
        column(*sqlite, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
    EXPECT_EQ(column(db,
                     "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                     "AND table_name = '" +
                         table + "' ORDER BY ordinal_position"),
              sqliteColumns)
        << "columns of " << table;
  }

  const std::vector<std::string> postgresIndexes =
      column(db, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
  for (const std::string& index :
       column(*sqlite, "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")) {
    EXPECT_NE(std::find(postgresIndexes.begin(), postgresIndexes.end(), index), postgresIndexes.end()) << index;
  }
}

TEST_F(PostgresMigrationsTest, KeepsTheLogsAppendOnlyAndLogsTheirActivityInTheEventsOrder) {
  Database db = open();
  ASSERT_TRUE(migrate(db).ok());
  const std::string importRun =
      "INSERT INTO import_run (what, created, updated, unchanged, registrations, server_time_us) VALUES ";
  ASSERT_TRUE(exec(db, kInsertTestEventSql).ok());
  ASSERT_TRUE(exec(db, importRun + "(1, 3, 0, 0, 0, 1000)").ok());
  ASSERT_TRUE(exec(db, importRun + "(2, 1, 0, 0, 0, 2000)").ok());
  EXPECT_EQ(column(db, "SELECT id || ' ' || kind || ' ' || time_us FROM activity ORDER BY id"),
            (std::vector<std::string>{"1 7 1000", "2 8 2000"}));
  // A transaction rolled back after taking an id leaves it unused: the next commits after it.
  EXPECT_FALSE(exec(db, importRun + "(1, 1, 0, 0, 0, 2500); SELECT 1 / 0").ok());
  ASSERT_TRUE(exec(db, importRun + "(2, 0, 1, 0, 0, 3000)").ok());
  EXPECT_EQ(column(db, "SELECT id || ' ' || kind || ' ' || time_us FROM activity ORDER BY id"),
            (std::vector<std::string>{"1 7 1000", "2 8 2000", "4 8 3000"}));
  const absl::Status changed = exec(db, "UPDATE import_run SET created = 4");
  EXPECT_TRUE(absl::IsInvalidArgument(changed)) << changed;
  EXPECT_NE(changed.message().find("the import log is append-only"), std::string::npos) << changed;
  EXPECT_TRUE(absl::IsInvalidArgument(exec(db, "DELETE FROM activity")));
}

TEST_F(PostgresMigrationsTest, MatchesTicketCodesWhateverTheCaseOfTheirAsciiLetters) {
  Database db = open();
  ASSERT_TRUE(migrate(db).ok());
  ASSERT_TRUE(exec(db, "INSERT INTO category (name, label, colour) VALUES ('delegate', 'Delegate', '#000')").ok());
  const std::string insert =
      "INSERT INTO delegate (external_ref, given_name, family_name, organisation, city, country, category, email, "
      "language, notes, status, external_ticket_code, badge_version, created_us, updated_us) VALUES ";
  ASSERT_TRUE(exec(db, insert + "('a', 'A', 'A', '', '', '', 'delegate', '', 'en', '', 1, 'abc-1', 1, 0, 0)").ok());
  const absl::Status sameCode =
      exec(db, insert + "('b', 'B', 'B', '', '', '', 'delegate', '', 'en', '', 1, 'ABC-1', 1, 0, 0)");
  EXPECT_TRUE(absl::IsAlreadyExists(sameCode)) << sameCode;
  // SQLite's NOCASE folds ASCII letters only: these two differ.
  EXPECT_TRUE(exec(db, insert + "('c', 'C', 'C', '', '', '', 'delegate', '', 'en', '', 1, 'é-2', 1, 0, 0)").ok());
  EXPECT_TRUE(exec(db, insert + "('d', 'D', 'D', '', '', '', 'delegate', '', 'en', '', 1, 'É-2', 1, 0, 0)").ok());
}

TEST_F(PostgresMigrationsTest, ASecondMigrateChangesNothing) {
  Database db = open();
  ASSERT_TRUE(migrate(db).ok());
  const std::vector<std::string> applied = column(db, "SELECT version || ' ' || applied_at FROM schema_version");
  const absl::Status again = migrate(db);
  EXPECT_TRUE(again.ok()) << again;
  EXPECT_EQ(column(db, "SELECT version || ' ' || applied_at FROM schema_version"), applied);
}

TEST_F(PostgresMigrationsTest, RefusesADatabaseFromANewerLanyard) {
  Database db = open();
  ASSERT_TRUE(migrate(db).ok());
  ASSERT_TRUE(exec(db, "INSERT INTO schema_version (version, name) VALUES (999, 'from_the_future')").ok());
  const absl::Status status = migrate(db);
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_NE(status.message().find(db.address() + " has schema version 999 but this Lanyard knows versions up to " +
                                  std::to_string(knownMigrations().back().version) +
                                  ": it was written by a newer Lanyard. Upgrade Lanyard to open it."),
            std::string::npos)
      << status;
}

TEST_F(PostgresMigrationsTest, RollsBackAFailingStepAndNamesIt) {
  const std::array<Migration, 2> steps{Migration{1, "first", "CREATE TABLE first (x INTEGER)"},
                                       Migration{2, "broken", "CREATE TABLE second (x INTEGER); SELECT nonsense"}};
  Database db = open();
  const absl::Status status = migrate(db, steps);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("(in schema step 2, broken)"), std::string::npos) << status;
  EXPECT_NE(status.message().find("nonsense"), std::string::npos) << status;
  EXPECT_EQ(schemaVersion(db).value_or(-1), 1);
  EXPECT_EQ(column(db, "SELECT count(*) FROM pg_class WHERE relname = 'second'"), std::vector<std::string>{"0"});
}

// Servers started at once on one database: the advisory lock lets one migrate and the others
// find the schema done. Several rounds, since the two must overlap to prove anything.
TEST_F(PostgresMigrationsTest, TwoServersMigratingAtOnceLeaveOneSchema) {
  for (int round = 0; round < 4; ++round) {
    const std::string uri = postgresCluster().createDatabase();
    std::latch ready(2);
    std::array<absl::Status, 2> results;
    std::vector<std::thread> servers;
    for (absl::Status& result : results) {
      servers.emplace_back([&uri, &ready, &result] {
        absl::StatusOr<Database> db = Database::open(uri);
        ready.arrive_and_wait();
        result = db.ok() ? migrate(*db) : db.status();
      });
    }
    for (std::thread& server : servers) server.join();
    EXPECT_TRUE(results[0].ok()) << results[0];
    EXPECT_TRUE(results[1].ok()) << results[1];
    absl::StatusOr<Database> db = Database::open(uri);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(column(*db, "SELECT count(*) FROM schema_version"),
              std::vector<std::string>{std::to_string(knownMigrations().size())});
  }
}

}  // namespace
}  // namespace lanyard::server::postgres
