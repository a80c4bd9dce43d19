#pragma once

// `lanyard-server migrate`: moves an event from one database to another, SQLite to PostgreSQL or
// back (either end may be either backend), every row of every table with its ids.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace lanyard::server::app {

// One table's rows in the two databases of a move.
struct MovedCount {
  std::string_view label;  // "delegates", "check-ins"...
  std::int64_t source = 0;
  std::int64_t target = 0;
};

// What a move did.
struct MoveReport {
  std::string eventName;
  std::string from;  // The databases as messages name them (no password).
  std::string to;
  std::vector<MovedCount> counts;  // Every table, in the order they were moved.
};

// Moves the event in `from` into the empty database `to` (each a SQLite file's path or a
// postgresql:// address: app/event_database.h): every row of every table with its ids, the
// devices' token hashes, the staff PIN and the signing keys included, read in one snapshot of
// `from` and inserted in one transaction of `to`. Before `to` commits, its row counts are compared
// with `from`'s table by table. Both are migrated to the newest schema first; `from` is otherwise
// left as it was. Kiosks' tokens and badges stay valid, and watchers resume by the same
// activity sequence. Every value moves as it is, but for text PostgreSQL cannot hold: a scanned
// code SQLite logged with a NUL or invalid UTF-8 (cut at a byte count) moves with each such byte
// as U+FFFD, as PostgreSQL's store logs it.
//
// Errors name the database they are about, with --from or --to: NOT_FOUND for a missing source
// file; FAILED_PRECONDITION for a source without an event or still served (a SQLite file's lock,
// a PostgreSQL database's other connections); ALREADY_EXISTS for a target that holds an event;
// UNAVAILABLE for an address no server answers; DATA_LOSS when the counts differ. After an error,
// no row was written to `to` (a SQLite file created for it is removed).
absl::StatusOr<MoveReport> moveEvent(const std::string& from, const std::string& to);

}  // namespace lanyard::server::app
