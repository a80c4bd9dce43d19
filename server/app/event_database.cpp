#include "app/event_database.h"

#include <utility>

#include "postgres/database.h"
#include "postgres/event_store.h"
#include "postgres/export_source.h"
#include "storage/sqlite_event_store.h"
#include "storage/sqlite_export.h"

namespace lanyard::server::app {

Backend backendOf(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://") ? Backend::Postgres : Backend::Sqlite;
}

std::string shownDatabase(std::string_view db) {
  return backendOf(db) == Backend::Postgres ? postgres::shownAddress(db) : std::string(db);
}

absl::StatusOr<std::string> initialiseEvent(const std::string& db, const domain::Event& event,
                                            const domain::Clock& clock) {
  if (backendOf(db) == Backend::Postgres) return postgres::PostgresEventStore::initialise(db, event, clock);
  return storage::SqliteEventStore::initialise(db, event, clock);
}

absl::StatusOr<std::unique_ptr<domain::EventStore>> openEventStore(const std::string& db, domain::Clock clock) {
  if (backendOf(db) == Backend::Postgres) {
    absl::StatusOr<std::unique_ptr<postgres::PostgresEventStore>> store =
        postgres::PostgresEventStore::open(db, std::move(clock));
    if (!store.ok()) return store.status();
    return std::unique_ptr<domain::EventStore>(std::move(*store));
  }
  absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> store =
      storage::SqliteEventStore::open(db, std::move(clock));
  if (!store.ok()) return store.status();
  return std::unique_ptr<domain::EventStore>(std::move(*store));
}

absl::StatusOr<std::unique_ptr<domain::ExportSource>> openExportSource(const std::string& db) {
  if (backendOf(db) == Backend::Postgres) {
    absl::StatusOr<std::unique_ptr<postgres::PostgresExportSource>> source = postgres::PostgresExportSource::open(db);
    if (!source.ok()) return source.status();
    return std::unique_ptr<domain::ExportSource>(std::move(*source));
  }
  absl::StatusOr<std::unique_ptr<storage::SqliteExportSource>> source = storage::SqliteExportSource::open(db);
  if (!source.ok()) return source.status();
  return std::unique_ptr<domain::ExportSource>(std::move(*source));
}

}  // namespace lanyard::server::app
