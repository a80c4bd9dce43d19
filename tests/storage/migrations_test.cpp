#include "storage/migrations.h"

#include <gtest/gtest.h>

#include <array>

namespace lanyard::server::storage {
namespace {

TEST(MigrationsTest, BringsANewDatabaseToTheNewestSchema) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(migrate(*db).ok());
  absl::StatusOr<int> version = schemaVersion(*db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, knownMigrations().back().version);
  EXPECT_TRUE(db->exec("SELECT id FROM check_in").ok());
}

TEST(MigrationsTest, IsIdempotent) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(migrate(*db).ok());
  EXPECT_TRUE(migrate(*db).ok());
}

TEST(MigrationsTest, NumbersStepsFromOneWithoutGaps) {
  int expected = 1;
  for (const Migration& step : knownMigrations()) EXPECT_EQ(step.version, expected++);
}

TEST(MigrationsTest, RefusesADatabaseFromANewerLanyard) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->exec("PRAGMA user_version = 999").ok());
  const absl::Status status = migrate(*db);
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_NE(status.message().find("newer Lanyard"), std::string::npos) << status;
}

TEST(MigrationsTest, AFailingStepLeavesTheDatabaseAtThePreviousVersion) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  const std::array<Migration, 2> steps = {Migration{1, "good", "CREATE TABLE a (x INTEGER NOT NULL);"},
                                          Migration{2, "bad", "CREATE TABLE b (x INTEGER); SELECT * FROM nowhere;"}};
  const absl::Status status = migrate(*db, steps);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("schema 2 (bad)"), std::string::npos) << status;
  absl::StatusOr<int> version = schemaVersion(*db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 1);
  EXPECT_TRUE(db->exec("SELECT x FROM a").ok());
  EXPECT_FALSE(db->exec("SELECT x FROM b").ok()) << "step 2 was not rolled back";
}

TEST(MigrationsTest, CheckInLogIsAppendOnly) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(migrate(*db).ok());
  ASSERT_TRUE(db->exec("INSERT INTO device (name, role, token_hash, created_us) VALUES ('k', 1, x'00', 0);"
                       "INSERT INTO check_in (device_id, request_id, direction, outcome, scan_time_us, "
                       "server_time_us, event_day, reentry) VALUES (1, 'r', 1, 7, 0, 0, 0, 0);")
                  .ok());
  const absl::Status update = db->exec("UPDATE check_in SET outcome = 1");
  EXPECT_FALSE(update.ok());
  EXPECT_NE(update.message().find("append-only"), std::string::npos) << update;
  EXPECT_FALSE(db->exec("DELETE FROM check_in").ok());
}

TEST(MigrationsTest, AStepThatBreaksAReferenceIsRolledBack) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->exec("PRAGMA foreign_keys = ON").ok());
  const std::array<Migration, 2> steps = {Migration{1, "tables",
                                                    "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                                                    "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));"
                                                    "INSERT INTO parent VALUES (7); INSERT INTO child VALUES (7);"},
                                          Migration{2, "orphan", "DELETE FROM parent;"}};
  const absl::Status status = migrate(*db, steps);
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_NE(status.message().find("row 1 of table child refers to a row of parent that does not exist"),
            std::string::npos)
      << status;
  absl::StatusOr<int> version = schemaVersion(*db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 1);
  EXPECT_FALSE(db->exec("INSERT INTO child VALUES (8)").ok()) << "foreign keys are enforced again";
}

// Schema 7 rebuilds the device table for the help desk's role; the log rows that name a device
// keep pointing at it.
TEST(MigrationsTest, TheDeskRoleKeepsEveryDeviceAndItsLog) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->exec("PRAGMA foreign_keys = ON").ok());
  ASSERT_TRUE(migrate(*db, knownMigrations().first(6)).ok());
  ASSERT_TRUE(db->exec("INSERT INTO device (name, role, token_hash, created_us) VALUES ('k', 1, x'01', 5);"
                       "INSERT INTO device (name, role, token_hash, created_us, revoked_us) "
                       "VALUES ('o', 2, x'02', 6, 9);"
                       "INSERT INTO check_in (device_id, request_id, direction, outcome, scan_time_us, "
                       "server_time_us, event_day, reentry) VALUES (2, 'r', 1, 7, 0, 0, 0, 0);")
                  .ok());
  EXPECT_FALSE(db->exec("INSERT INTO device (name, role, token_hash, created_us) VALUES ('d', 4, x'03', 7)").ok());

  const absl::Status status = migrate(*db);
  ASSERT_TRUE(status.ok()) << status;
  absl::StatusOr<Statement> rows = db->prepare(
      "SELECT group_concat(id || ':' || name || ':' || role || ':' || hex(token_hash) || ':' || "
      "created_us || ':' || ifnull(revoked_us, '-'), ' ') FROM device");
  ASSERT_TRUE(rows.ok());
  ASSERT_TRUE(rows->step().value_or(false));
  EXPECT_EQ(rows->columnText(0), "1:k:1:01:5:- 2:o:2:02:6:9");
  EXPECT_TRUE(db->exec("INSERT INTO device (name, role, token_hash, created_us) VALUES ('d', 4, x'03', 7)").ok());
  EXPECT_FALSE(db->exec("INSERT INTO device (name, role, token_hash, created_us) VALUES ('x', 5, x'04', 8)").ok());
  EXPECT_FALSE(db->exec("INSERT INTO device (name, role, token_hash, created_us) VALUES ('k', 1, x'05', 8)").ok())
      << "names stay unique";
  EXPECT_FALSE(db->exec("INSERT INTO check_in (device_id, request_id, direction, outcome, scan_time_us, "
                        "server_time_us, event_day, reentry) VALUES (99, 'r2', 1, 7, 0, 0, 0, 0)")
                   .ok())
      << "check_in still refers to device";
  EXPECT_TRUE(db->exec("INSERT INTO check_in (device_id, request_id, direction, outcome, scan_time_us, "
                       "server_time_us, event_day, reentry) VALUES (3, 'r3', 1, 7, 0, 0, 0, 0)")
                  .ok());
}

// A delegate row with `ticketCode` ("NULL" for none), in the schema every version since 1 has.
std::string insertDelegateSql(int id, const std::string& ticketCode) {
  const std::string n = std::to_string(id);
  return "INSERT INTO delegate (id, external_ref, given_name, family_name, organisation, city, country, category, "
         "email, language, notes, status, external_ticket_code, badge_version, created_us, updated_us) VALUES (" +
         n + ", 'D" + n + "', 'Jan', 'Novak', '', '', '', 'delegate', '', '', '', 1, " + ticketCode + ", 1, 0, 0)";
}

// Schema 8 makes ticket codes unique ignoring case; a database holding two that differ only in
// case cannot take it and stays as it was.
TEST(MigrationsTest, TicketCodesBecomeUniqueIgnoringCase) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(migrate(*db, knownMigrations().first(7)).ok());
  ASSERT_TRUE(db->exec("INSERT INTO category (name, label, colour) VALUES ('delegate', 'Delegate', '#000000')").ok());
  ASSERT_TRUE(db->exec(insertDelegateSql(1, "'AbC123xyz'")).ok());
  ASSERT_TRUE(db->exec(insertDelegateSql(2, "'abc123XYZ'")).ok()) << "schema 7 compares codes exactly";

  const absl::Status clash = migrate(*db);
  EXPECT_NE(clash.message().find("schema 8 (ticket_code_any_case)"), std::string::npos) << clash;
  EXPECT_NE(clash.message().find("UNIQUE constraint failed: delegate.external_ticket_code"), std::string::npos)
      << clash;
  EXPECT_EQ(schemaVersion(*db).value_or(0), 7);

  ASSERT_TRUE(db->exec("DELETE FROM delegate WHERE id = 2").ok());
  const absl::Status migrated = migrate(*db);
  ASSERT_TRUE(migrated.ok()) << migrated;
  EXPECT_FALSE(db->exec(insertDelegateSql(3, "'ABC123XYZ'")).ok());
  EXPECT_TRUE(db->exec(insertDelegateSql(4, "'ABC123XYZ0'")).ok());
  EXPECT_TRUE(db->exec(insertDelegateSql(5, "NULL")).ok());
  EXPECT_TRUE(db->exec(insertDelegateSql(6, "NULL")).ok()) << "many delegates have no ticket code";
}

// Schema 9 gives delegates a Latin spelling of their name, empty for those stored before it.
TEST(MigrationsTest, DelegatesStoredBeforeTheLatinNameHaveNone) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(migrate(*db, knownMigrations().first(8)).ok());
  ASSERT_TRUE(db->exec("INSERT INTO category (name, label, colour) VALUES ('delegate', 'Delegate', '#000000')").ok());
  ASSERT_TRUE(db->exec(insertDelegateSql(1, "NULL")).ok());

  ASSERT_TRUE(migrate(*db).ok());
  absl::StatusOr<Statement> row = db->prepare("SELECT '[' || latin_name || ']' FROM delegate WHERE id = 1");
  ASSERT_TRUE(row.ok()) << row.status();
  ASSERT_TRUE(row->step().value_or(false));
  EXPECT_EQ(row->columnText(0), "[]");
}

// Schema 10 gives delegates a record version; those stored before it are at version 1.
TEST(MigrationsTest, DelegatesStoredBeforeTheRecordVersionAreAtVersionOne) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(migrate(*db, knownMigrations().first(9)).ok());
  ASSERT_TRUE(db->exec("INSERT INTO category (name, label, colour) VALUES ('delegate', 'Delegate', '#000000')").ok());
  ASSERT_TRUE(db->exec(insertDelegateSql(1, "NULL")).ok());
  ASSERT_TRUE(db->exec(insertDelegateSql(2, "'T-2'")).ok());

  ASSERT_TRUE(migrate(*db).ok());
  absl::StatusOr<Statement> rows = db->prepare("SELECT id, version FROM delegate ORDER BY id");
  ASSERT_TRUE(rows.ok()) << rows.status();
  for (std::int64_t id : {1, 2}) {
    ASSERT_TRUE(rows->step().value_or(false));
    EXPECT_EQ(rows->columnInt(0), id);
    EXPECT_EQ(rows->columnInt(1), 1);
  }
}

// Schema 11 puts the rows stored so far at the newest activity of the replica feed's order.
TEST(MigrationsTest, RowsStoredBeforeTheReplicaFeedAreAtTheNewestActivity) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(migrate(*db, knownMigrations().first(10)).ok());
  ASSERT_TRUE(db->exec("INSERT INTO category (name, label, colour) VALUES ('delegate', 'Delegate', '#000000')").ok());
  ASSERT_TRUE(db->exec(insertDelegateSql(1, "NULL")).ok());
  ASSERT_TRUE(db->exec("INSERT INTO session (id, title, room, start_us, end_us, capacity, registration_required) "
                       "VALUES (1, 'Opening', 'Hall', 0, 0, 0, 0)")
                  .ok());
  ASSERT_TRUE(db->exec("INSERT INTO import_run (what, created, updated, unchanged, registrations, server_time_us) "
                       "VALUES (1, 1, 0, 0, 0, 0)")
                  .ok());
  ASSERT_TRUE(db->exec("INSERT INTO import_run (what, created, updated, unchanged, registrations, server_time_us) "
                       "VALUES (2, 1, 0, 0, 0, 0)")
                  .ok());

  ASSERT_TRUE(migrate(*db).ok());
  absl::StatusOr<Statement> rows = db->prepare(
      "SELECT changed_seq FROM delegate UNION ALL SELECT changed_seq FROM session UNION ALL SELECT MAX(id) << 20 "
      "FROM activity");
  ASSERT_TRUE(rows.ok()) << rows.status();
  for (int row = 0; row < 3; ++row) {
    ASSERT_TRUE(rows->step().value_or(false));
    EXPECT_EQ(rows->columnInt(0), std::int64_t{2} << 20) << "row " << row;
  }
}

// What SQLite plans to read for a query, EXPLAIN QUERY PLAN's detail lines joined.
std::string queryPlan(Database& db, const std::string& sql) {
  absl::StatusOr<Statement> explain = db.prepare("EXPLAIN QUERY PLAN " + sql);
  if (!explain.ok()) return explain.status().ToString();
  std::string plan;
  for (absl::StatusOr<bool> row = explain->step(); row.ok() && *row; row = explain->step()) {
    plan += explain->columnText(3);
    plan += '\n';
  }
  return plan;
}

// Schema 5 keeps entrance moves out of check_in_moves_by_session and drops
// check_in_moves_by_delegate; the queries those served must still seek, not scan the log.
TEST(MigrationsTest, MoveQueriesStillSeekAnIndex) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(migrate(*db).ok());
  const std::string sessionPlan = queryPlan(*db,
                                            "SELECT delegate_id, MAX(id) FROM check_in WHERE session_id = 3 "
                                            "AND outcome IN (1, 10) GROUP BY delegate_id");
  EXPECT_NE(sessionPlan.find("USING INDEX check_in_moves_by_session (session_id=?)"), std::string::npos) << sessionPlan;
  const std::string entrancePlan = queryPlan(*db,
                                             "SELECT id FROM check_in WHERE delegate_id = 5 AND session_id IS NULL "
                                             "AND outcome IN (1, 10) ORDER BY id DESC LIMIT 1");
  EXPECT_NE(entrancePlan.find("USING INDEX check_in_by_delegate (delegate_id=?)"), std::string::npos) << entrancePlan;
}

// A scanned ticket code is looked up in any case, and GetEvent asks for the shortest ticket code
// at every kiosk's start: both seek an index rather than read every delegate.
TEST(MigrationsTest, TicketCodeQueriesSeekAnIndex) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(migrate(*db).ok());
  const std::string lookUpPlan =
      queryPlan(*db, "SELECT given_name FROM delegate WHERE external_ticket_code = 'abc' COLLATE NOCASE");
  EXPECT_NE(lookUpPlan.find("SEARCH delegate USING INDEX delegate_ticket_code (external_ticket_code=?)"),
            std::string::npos)
      << lookUpPlan;
  const std::string shortestPlan =
      queryPlan(*db, "SELECT MIN(length(external_ticket_code)) FROM delegate WHERE external_ticket_code IS NOT NULL");
  EXPECT_NE(shortestPlan.find("SEARCH delegate USING INDEX delegate_ticket_code_length"), std::string::npos)
      << shortestPlan;
}

// A replica reads the rows after its cursor with two exact seeks of delegate_changed (or
// session_changed): the rest of its sequence after its id, then the later sequences.
TEST(MigrationsTest, ReplicaFeedQueriesSeekAnIndex) {
  absl::StatusOr<Database> db = Database::open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(migrate(*db).ok());
  const std::string from =
      "SELECT d.id, m.sealed_badge FROM delegate d LEFT JOIN replica_material m ON m.delegate_id = d.id ";
  const std::string atPlan = queryPlan(*db, from + "WHERE d.changed_seq = 5 AND d.id > 3 ORDER BY d.id LIMIT 10");
  EXPECT_NE(atPlan.find("SEARCH d USING COVERING INDEX delegate_changed (changed_seq=? AND id>?)"), std::string::npos)
      << atPlan;
  const std::string afterPlan = queryPlan(*db, from + "WHERE d.changed_seq > 5 ORDER BY d.changed_seq, d.id LIMIT 10");
  EXPECT_NE(afterPlan.find("SEARCH d USING COVERING INDEX delegate_changed (changed_seq>?)"), std::string::npos)
      << afterPlan;
  for (const std::string& plan : {atPlan, afterPlan}) {
    EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
    EXPECT_NE(plan.find("SEARCH m USING INTEGER PRIMARY KEY"), std::string::npos) << plan;
  }
  const std::string sessionPlan =
      queryPlan(*db, "SELECT title FROM session WHERE changed_seq = 5 AND id > 3 ORDER BY id LIMIT 10");
  EXPECT_NE(sessionPlan.find("USING INDEX session_changed (changed_seq=? AND id>?)"), std::string::npos) << sessionPlan;
}

}  // namespace
}  // namespace lanyard::server::storage
