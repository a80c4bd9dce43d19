#include "postgres/migrations.h"

#include <pqxx/transaction_base>

#include "domain/str_cat.h"
#include "postgres/migrations_sql.h"

namespace lanyard::server::postgres {

std::span<const Migration> knownMigrations() { return kEmbeddedMigrations; }

namespace {

// The advisory lock every migration holds ("Lanyard!" in ASCII): one key for the whole database.
constexpr long long kMigrationLock = 0x4c616e7961726421;

constexpr char kLockSql[] = "SELECT pg_advisory_xact_lock($1)";
constexpr char kCreateVersionsSql[] =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())";
constexpr char kTableExistsSql[] = "SELECT to_regclass('schema_version') IS NOT NULL";
constexpr char kCurrentVersionSql[] = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
constexpr char kRecordSql[] = "INSERT INTO schema_version (version, name) VALUES ($1, $2)";

int storedVersion(pqxx::transaction_base& transaction) {
  if (!transaction.exec1(kTableExistsSql)[0].as<bool>()) return 0;
  return transaction.exec1(kCurrentVersionSql)[0].as<int>();
}

absl::Status newerThanThisLanyard(const Database& db, int stored, int newest) {
  return absl::FailedPreconditionError(strCat(db.address(), " has schema version ", stored,
                                              " but this Lanyard knows versions up to ", newest,
                                              ": it was written by a newer Lanyard. Upgrade Lanyard to open it."));
}

}  // namespace

absl::StatusOr<int> schemaVersion(Database& db) {
  int version = 0;
  absl::Status status = db.inTransaction("reading the schema version", [&](pqxx::transaction_base& transaction) {
    version = storedVersion(transaction);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return version;
}

absl::Status migrate(Database& db, std::span<const Migration> migrations) {
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  // One step per transaction; each looks again at the stored version under the lock, since
  // another server may have moved it on meanwhile.
  for (bool done = false; !done;) {
    const Migration* applied = nullptr;
    absl::Status status = db.inTransaction("migrating the schema", [&](pqxx::transaction_base& transaction) {
      applied = nullptr;
      transaction.exec_params(kLockSql, kMigrationLock);
      const int stored = storedVersion(transaction);
      if (stored > newest) return newerThanThisLanyard(db, stored, newest);
      done = stored == newest;
      if (done) return absl::OkStatus();
      // Versions run 1..N without gaps (embed_migrations.cmake checks), so the next is at `stored`.
      const Migration& step = migrations[static_cast<std::size_t>(stored)];
      applied = &step;
      transaction.exec(kCreateVersionsSql);
      transaction.exec(std::string(step.sql));
      transaction.exec_params(kRecordSql, step.version, std::string(step.name));
      return absl::OkStatus();
    });
    if (!status.ok()) {
      if (applied == nullptr) return status;
      return {status.code(), strCat(status.message(), " (in schema step ", applied->version, ", ", applied->name, ")")};
    }
  }
  return absl::OkStatus();
}

}  // namespace lanyard::server::postgres
