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

}  // namespace
}  // namespace lanyard::server::storage
