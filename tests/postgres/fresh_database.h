#pragma once

// What the PostgreSQL tests share: a fresh database of the binary's cluster for each test, and a
// statement run in a transaction of its own.

#include <gtest/gtest.h>

#include <pqxx/transaction_base>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "postgres/database.h"
#include "support/postgres_cluster.h"

namespace lanyard::server::postgres {

// Runs `sql` in a transaction of its own.
inline absl::Status exec(Database& db, const std::string& sql, std::string_view purpose = "running a test statement") {
  return db.inTransaction(purpose, [&](pqxx::transaction_base& transaction) {
    transaction.exec(sql);
    return absl::OkStatus();
  });
}

// A bare event row, for tests below the stores (PostgresEventStore::initialise writes the real one).
inline constexpr char kInsertTestEventSql[] =
    "INSERT INTO event (id, name, venue, time_zone, start_date, end_date, default_language, signing_seed, "
    "public_key, name_check_in_proof, session_grace_minutes, created_us) VALUES (1, 'Integrating Cities', '', "
    "'Europe/Prague', '2026-05-12', '2026-05-13', 'en', ''::BYTEA, ''::BYTEA, '', 15, 0)";

class FreshDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override { m_uri = testing::postgresCluster().createDatabase(); }

  // A connection to this test's database.
  Database open() {
    absl::StatusOr<Database> db = Database::open(m_uri);
    if (!db.ok()) throw std::runtime_error(std::string(db.status().message()));
    return std::move(*db);
  }

  std::string m_uri;
};

}  // namespace lanyard::server::postgres
