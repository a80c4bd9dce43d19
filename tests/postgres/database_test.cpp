#include "postgres/database.h"

#include <gtest/gtest.h>

#include <pqxx/transaction_base>
#include <string>

#include "absl/strings/match.h"
#include "fresh_database.h"
#include "support/postgres_cluster.h"

namespace lanyard::server::postgres {
namespace {

using lanyard::testing::PostgresCluster;
using lanyard::testing::postgresCluster;

constexpr char kPassword[] = "hunter2-secret";

std::int64_t counter(Database& db) {
  std::int64_t value = -1;
  EXPECT_TRUE(db.inTransaction("reading the counter", [&](pqxx::transaction_base& transaction) {
                  value = transaction.exec1("SELECT n FROM counter WHERE id = 1")[0].as<std::int64_t>();
                  return absl::OkStatus();
                }).ok());
  return value;
}

class DatabaseTest : public FreshDatabaseTest {};

TEST_F(DatabaseTest, CommitsWhatTheWorkWrote) {
  Database db = open();
  ASSERT_TRUE(exec(db, "CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)").ok());
  ASSERT_TRUE(exec(db, "INSERT INTO counter VALUES (1, 41)").ok());
  EXPECT_EQ(counter(db), 41);
}

TEST_F(DatabaseTest, RollsBackWhenTheWorkFails) {
  Database db = open();
  ASSERT_TRUE(exec(db, "CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)").ok());
  ASSERT_TRUE(exec(db, "INSERT INTO counter VALUES (1, 0)").ok());
  const absl::Status status = db.inTransaction("changing the counter", [](pqxx::transaction_base& transaction) {
    transaction.exec("UPDATE counter SET n = 5");
    return absl::NotFoundError("no such thing");
  });
  EXPECT_TRUE(absl::IsNotFound(status)) << status;
  EXPECT_EQ(counter(db), 0);
}

TEST_F(DatabaseTest, RefusesAnAddressThatIsNotAPostgresqlUri) {
  const absl::StatusOr<Database> file = Database::open("/var/lib/lanyard/event.sqlite");
  EXPECT_TRUE(absl::IsInvalidArgument(file.status())) << file.status();
  EXPECT_NE(file.status().message().find("postgresql://"), std::string::npos) << file.status();

  const absl::StatusOr<Database> badParameter =
      Database::open(std::string("postgresql://lanyard:") + kPassword + "@db.example/event?no_such_setting=1");
  EXPECT_TRUE(absl::IsInvalidArgument(badParameter.status())) << badParameter.status();
  EXPECT_NE(badParameter.status().message().find("no_such_setting"), std::string::npos) << badParameter.status();
  EXPECT_EQ(badParameter.status().message().find(kPassword), std::string::npos) << badParameter.status();
}

TEST_F(DatabaseTest, NoServerListeningIsUnavailableAndHidesThePassword) {
  const std::string uri = std::string("postgresql://lanyard:") + kPassword +
                          "@/event?host=/nonexistent-lanyard-socket-dir&port=5999&target_session_attrs=read-write";
  const absl::StatusOr<Database> db = Database::open(uri);
  EXPECT_TRUE(absl::IsUnavailable(db.status())) << db.status();
  EXPECT_NE(db.status().message().find("connecting on postgresql://lanyard:***@/event"), std::string::npos)
      << db.status();
  EXPECT_EQ(db.status().message().find(kPassword), std::string::npos) << db.status();
}

TEST_F(DatabaseTest, UniqueViolationIsAlreadyExistsAndSaysWhatFailedWhere) {
  Database db = open();
  ASSERT_TRUE(exec(db, "CREATE TABLE category (name TEXT PRIMARY KEY)").ok());
  ASSERT_TRUE(exec(db, "INSERT INTO category VALUES ('speaker')").ok());
  const absl::Status status = exec(db, "INSERT INTO category VALUES ('speaker')", "adding category speaker");
  EXPECT_TRUE(absl::IsAlreadyExists(status)) << status;
  EXPECT_TRUE(absl::StartsWith(status.message(), "adding category speaker on postgresql://postgres@/test_")) << status;
  EXPECT_NE(status.message().find("category_pkey"), std::string::npos) << status;
}

// Each server error class the EventStore contract names, raised by the server itself.
TEST_F(DatabaseTest, MapsServerErrorsToTheStoreContractsCodes) {
  struct Case {
    const char* sqlState;
    absl::StatusCode code;
  };
  const Case cases[] = {
      {"23505", absl::StatusCode::kAlreadyExists},   {"23514", absl::StatusCode::kInvalidArgument},
      {"23503", absl::StatusCode::kInvalidArgument}, {"23502", absl::StatusCode::kInvalidArgument},
      {"22003", absl::StatusCode::kInvalidArgument}, {"53100", absl::StatusCode::kResourceExhausted},
      {"XX001", absl::StatusCode::kDataLoss},        {"XX002", absl::StatusCode::kDataLoss},
      {"57P01", absl::StatusCode::kUnavailable},     {"42P01", absl::StatusCode::kInternal},
  };
  Database db = open();
  for (const Case& c : cases) {
    const absl::Status status =
        exec(db, std::string("DO $$ BEGIN RAISE EXCEPTION 'raised by the test' USING ERRCODE = '") + c.sqlState +
                     "'; END $$");
    EXPECT_EQ(status.code(), c.code) << c.sqlState << ": " << status;
    EXPECT_NE(status.message().find("raised by the test"), std::string::npos) << status;
  }
}

TEST_F(DatabaseTest, CheckViolationIsInvalidArgument) {
  Database db = open();
  ASSERT_TRUE(exec(db, "CREATE TABLE session (capacity INTEGER NOT NULL CHECK (capacity >= 0))").ok());
  const absl::Status status = exec(db, "INSERT INTO session VALUES (-1)");
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_NE(status.message().find("session_capacity_check"), std::string::npos) << status;
}

TEST_F(DatabaseTest, NeverShowsThePasswordOfTheAddress) {
  // Trust authentication ignores the password, so the connection works with one in its address.
  absl::StatusOr<Database> db = Database::open(postgresCluster().createDatabase(kPassword));
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ(db->address().find(kPassword), std::string::npos) << db->address();
  const absl::Status status = exec(*db, std::string("SELECT '") + kPassword + "'::INTEGER");
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_NE(status.message().find("postgresql://postgres:***@/"), std::string::npos) << status;
  EXPECT_EQ(status.message().find(kPassword), std::string::npos) << status;

  const absl::StatusOr<Database> missing = Database::open(postgresCluster().uri("no_such_database", kPassword));
  EXPECT_TRUE(absl::IsUnavailable(missing.status())) << missing.status();
  EXPECT_NE(missing.status().message().find("no_such_database"), std::string::npos) << missing.status();
  EXPECT_EQ(missing.status().message().find(kPassword), std::string::npos) << missing.status();
}

TEST(DatabaseServerTest, AServerStoppedAtOnceIsUnavailable) {
  PostgresCluster cluster;
  const std::string uri = cluster.createDatabase(kPassword);
  absl::StatusOr<Database> db = Database::open(uri);
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE(exec(*db, "CREATE TABLE t (x INTEGER)").ok());

  cluster.stopImmediately();
  const absl::Status lost = exec(*db, "INSERT INTO t VALUES (1)", "recording a check-in");
  EXPECT_TRUE(absl::IsUnavailable(lost)) << lost;
  EXPECT_TRUE(absl::StartsWith(lost.message(), "recording a check-in on postgresql://postgres:***@/")) << lost;
  EXPECT_EQ(lost.message().find(kPassword), std::string::npos) << lost;
  // The next transaction tries to connect again, and finds no server either.
  const absl::Status again = exec(*db, "INSERT INTO t VALUES (2)");
  EXPECT_TRUE(absl::IsUnavailable(again)) << again;
  EXPECT_TRUE(absl::IsUnavailable(Database::open(uri).status()));

  // Back again: the same Database connects anew by itself.
  cluster.start();
  const absl::Status back = exec(*db, "INSERT INTO t VALUES (3)");
  EXPECT_TRUE(back.ok()) << back;
}

// libpq's multi-host addresses pass through: the first host has no server, the second answers.
TEST_F(DatabaseTest, ConnectsToTheFirstOfSeveralHostsThatAnswers) {
  const std::string name = m_uri.substr(m_uri.find("@/") + 2, m_uri.find('?') - m_uri.find("@/") - 2);
  const std::string uri = "postgresql://postgres@/" + name + "?host=/nonexistent-lanyard-socket-dir," +
                          postgresCluster().socketDirectory() + "&port=5999," +
                          std::to_string(postgresCluster().port()) + "&target_session_attrs=read-write";
  absl::StatusOr<Database> db = Database::open(uri);
  ASSERT_TRUE(db.ok()) << db.status();
  std::string database;
  ASSERT_TRUE(db->inTransaction("asking which database", [&](pqxx::transaction_base& transaction) {
                  database = transaction.exec1("SELECT current_database()")[0].as<std::string>();
                  return absl::OkStatus();
                }).ok());
  EXPECT_EQ(database, name);
}

class SerializationTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    Database db = open();
    ASSERT_TRUE(exec(db, "CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)").ok());
    ASSERT_TRUE(exec(db, "INSERT INTO counter VALUES (1, 0)").ok());
  }

  // Adds one to the counter at SERIALIZABLE on `db`; the first `conflicts` attempts see another
  // connection add one too after they read it, so that their own write fails with 40001.
  absl::Status incrementAgainstConflicts(Database& db, int conflicts, int& attempts) {
    Database other = open();
    return db.inTransaction(
        "counting",
        [&](pqxx::transaction_base& transaction) {
          ++attempts;
          transaction.exec1("SELECT n FROM counter WHERE id = 1");
          if (attempts <= conflicts) {
            absl::Status concurrent = exec(other, "UPDATE counter SET n = n + 1 WHERE id = 1");
            if (!concurrent.ok()) return concurrent;
          }
          transaction.exec("UPDATE counter SET n = n + 1 WHERE id = 1");
          return absl::OkStatus();
        },
        Isolation::Serializable);
  }
};

TEST_F(SerializationTest, RetriesASerializationFailure) {
  Database db = open();
  int attempts = 0;
  const absl::Status status = incrementAgainstConflicts(db, 1, attempts);
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(counter(db), 2);
}

TEST_F(SerializationTest, GivesUpAfterABoundedNumberOfAttempts) {
  Database db = open();
  int attempts = 0;
  const absl::Status status = incrementAgainstConflicts(db, 1000, attempts);
  EXPECT_TRUE(absl::IsUnavailable(status)) << status;
  EXPECT_NE(status.message().find("still conflicting"), std::string::npos) << status;
  EXPECT_EQ(attempts, Database::kMaxAttempts);
  EXPECT_EQ(counter(db), Database::kMaxAttempts);
}

}  // namespace
}  // namespace lanyard::server::postgres
