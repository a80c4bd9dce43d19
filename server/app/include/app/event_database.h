#pragma once

// The event's database, chosen by its address (--db, the config file's db, --from, --to): a
// postgresql:// or postgres:// address is a PostgreSQL database, which several servers may serve
// at once; anything else is the path of a SQLite file, which one server holds. The one place the
// commands tell the backends apart; the rest of app/ works on domain::EventStore.

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "domain/attendee_export.h"
#include "domain/event.h"
#include "domain/event_store.h"

namespace lanyard::server::app {

enum class Backend { Sqlite, Postgres };

// Which backend `db` names.
Backend backendOf(std::string_view db);

// How messages name `db`: a file's path as given, a PostgreSQL address without its passwords.
std::string shownDatabase(std::string_view db);

// Creates `event` in the database `db` (a new SQLite file, or an empty PostgreSQL database),
// migrated to the newest schema, with an "admin" device; returns the admin token.
// ALREADY_EXISTS when `db` already holds an event; UNAVAILABLE when no PostgreSQL server at the
// address accepts the connection.
absl::StatusOr<std::string> initialiseEvent(const std::string& db, const domain::Event& event,
                                            const domain::Clock& clock);

// Opens the event in `db`, migrating its schema. FAILED_PRECONDITION when the file does not exist,
// the database holds no event, another server holds the SQLite file, or a newer Lanyard wrote it;
// UNAVAILABLE when no PostgreSQL server at the address accepts the connection.
absl::StatusOr<std::unique_ptr<domain::EventStore>> openEventStore(const std::string& db, domain::Clock clock);

// The rows of exports, read from `db` beside its store. Open it after the store, whose opening
// migrates the schema the export queries read.
absl::StatusOr<std::unique_ptr<domain::ExportSource>> openExportSource(const std::string& db);

}  // namespace lanyard::server::app
