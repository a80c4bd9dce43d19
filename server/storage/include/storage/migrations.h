#pragma once

#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "sqlite/sqlite.h"

namespace lanyard::server::storage {

// One schema step: migrations/NNNN_name.sql, embedded at build time.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// The steps this binary knows, in order, versions 1..N.
std::span<const Migration> knownMigrations();

// Brings `db` to the newest schema. Each step and its `PRAGMA user_version` commit in one
// transaction. Foreign keys are not enforced while a step runs, so that a step can rebuild a table
// other tables refer to (SQLite's way to change a constraint); a step that leaves a reference
// broken fails and is rolled back. A database written by a newer Lanyard is refused with
// FAILED_PRECONDITION.
absl::Status migrate(Database& db, std::span<const Migration> migrations = knownMigrations());

// The schema version stored in `db` (0 for a new file).
absl::StatusOr<int> schemaVersion(Database& db);

}  // namespace lanyard::server::storage
