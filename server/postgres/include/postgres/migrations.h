#pragma once

#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "postgres/database.h"

namespace lanyard::server::postgres {

// One schema step: server/postgres/migrations/NNNN_name.sql, embedded at build time.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// The steps this binary knows, in order, versions 1..N.
std::span<const Migration> knownMigrations();

// Brings `db` to the newest schema. Each step and its row in schema_version commit in one
// transaction, which first takes a transaction-scoped advisory lock: servers starting at once on
// one database migrate one after the other, and the later ones find nothing left to do. A
// database written by a newer Lanyard is refused with FAILED_PRECONDITION; a failing step is
// rolled back and named in the error.
absl::Status migrate(Database& db, std::span<const Migration> migrations = knownMigrations());

// The schema version stored in `db`: the highest in schema_version, 0 for a new database.
absl::StatusOr<int> schemaVersion(Database& db);

}  // namespace lanyard::server::postgres
