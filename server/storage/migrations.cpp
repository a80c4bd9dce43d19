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

namespace {

// OK when every foreign key in `db` refers to a row that exists; otherwise names the first that
// does not.
absl::Status checkForeignKeys(Database& db) {
  absl::StatusOr<Statement> check = db.prepare("PRAGMA foreign_key_check");
  if (!check.ok()) return check.status();
  absl::StatusOr<bool> row = check->step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::OkStatus();
  return absl::FailedPreconditionError(strCat("row ", check->columnInt(1), " of table ", check->columnText(0),
                                              " refers to a row of ", check->columnText(2), " that does not exist"));
}

absl::Status runStep(Database& db, const Migration& step) {
  absl::StatusOr<Transaction> transaction = Transaction::begin(db);
  if (!transaction.ok()) return transaction.status();
  absl::Status status = db.exec(step.sql);
  if (status.ok()) status = checkForeignKeys(db);
  if (status.ok()) status = db.exec(strCat("PRAGMA user_version = ", step.version));
  if (status.ok()) status = transaction->commit();
  return status;
}

}  // namespace

absl::Status migrate(Database& db, std::span<const Migration> migrations) {
  absl::StatusOr<int> current = schemaVersion(db);
  if (!current.ok()) return current.status();
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  if (*current > newest) {
    return absl::FailedPreconditionError(strCat(db.path(), " has schema version ", *current,
                                                " but this Lanyard knows versions up to ", newest,
                                                ": it was written by a newer Lanyard. Upgrade Lanyard to open it."));
  }
  if (*current == newest) return absl::OkStatus();
  // Only outside a transaction does this pragma take effect.
  if (absl::Status off = db.exec("PRAGMA foreign_keys = OFF"); !off.ok()) return off;
  absl::Status status;
  for (const Migration& step : migrations) {
    if (step.version <= *current) continue;
    status = runStep(db, step);
    if (!status.ok()) {
      status = absl::Status(status.code(), strCat("migrating ", db.path(), " to schema ", step.version, " (", step.name,
                                                  "): ", status.message()));
      break;
    }
  }
  if (absl::Status on = db.exec("PRAGMA foreign_keys = ON"); status.ok()) status = on;
  return status;
}

}  // namespace lanyard::server::storage
