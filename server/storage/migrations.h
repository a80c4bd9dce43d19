#pragma once

#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "storage/sqlite.h"

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
// transaction. A database written by a newer Lanyard is refused with FAILED_PRECONDITION.
absl::Status migrate(Database& db, std::span<const Migration> migrations = knownMigrations());

// The schema version stored in `db` (0 for a new file).
absl::StatusOr<int> schemaVersion(Database& db);

}  // namespace lanyard::server::storage
