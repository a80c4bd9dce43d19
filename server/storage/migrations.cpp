#include "storage/migrations.h"

#include "domain/str_cat.h"
#include "storage/migrations_sql.h"

namespace lanyard::server::storage {

std::span<const Migration> knownMigrations() { return kEmbeddedMigrations; }

absl::StatusOr<int> schemaVersion(Database& db) {
  absl::StatusOr<Statement> statement = db.prepare("PRAGMA user_version");
  if (!statement.ok()) return statement.status();
  absl::StatusOr<bool> row = statement->step();
  if (!row.ok()) return row.status();
  return static_cast<int>(statement->columnInt(0));
}

absl::Status migrate(Database& db, std::span<const Migration> migrations) {
  absl::StatusOr<int> current = schemaVersion(db);
  if (!current.ok()) return current.status();
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  if (*current > newest) {
    return absl::FailedPreconditionError(
        strCat(db.path(), " has schema version ", *current, " but this Lanyard knows versions up to ", newest,
                     ": it was written by a newer Lanyard. Upgrade Lanyard to open it."));
  }
  for (const Migration& step : migrations) {
    if (step.version <= *current) continue;
    absl::StatusOr<Transaction> transaction = Transaction::begin(db);
    if (!transaction.ok()) return transaction.status();
    absl::Status status = db.exec(step.sql);
    if (status.ok()) status = db.exec(strCat("PRAGMA user_version = ", step.version));
    if (status.ok()) status = transaction->commit();
    if (!status.ok()) {
      return absl::Status(status.code(), strCat("migrating ", db.path(), " to schema ", step.version, " (",
                                                      step.name, "): ", status.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace lanyard::server::storage
