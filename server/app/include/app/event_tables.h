#pragma once

// The tables of an event database as `lanyard-server migrate` moves them (app/event_mover.h):
// every row of every table with its ids, read from one database in one snapshot and inserted into
// an empty one in one transaction, whichever backend each is.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace lanyard::server::app {

// What a column holds; any column may hold NULL.
enum class ColumnType {
  Integer,
  Text,
  Bytes,       // BLOB in SQLite, BYTEA in PostgreSQL.
  TextAsBlob,  // Text that SQLite keeps as a BLOB (a scanner's bytes, cut at a length), TEXT in PostgreSQL.
};

struct MovedColumn {
  std::string_view name;
  ColumnType type;
};

// A table of both schemas and the columns both give it.
struct MovedTable {
  std::string_view name;
  std::string_view label;    // How the report names its rows: "delegates".
  std::string_view orderBy;  // The columns rows are read in the order of: a unique key.
  bool identity;             // Its `id` takes new ids from a sequence in PostgreSQL.
  std::vector<MovedColumn> columns;
};

// Every table of an event, each after the tables it refers to. A move into PostgreSQL also moves
// its activities' sequence past the activities it wrote.
std::span<const MovedTable> movedTables();

// A column's value: NULL, an integer, or text or bytes.
using Value = std::variant<std::monostate, std::int64_t, std::string>;
// A row's values in the order of its MovedTable's columns.
using Row = std::vector<Value>;

// `status` with `what` before its message (OK stays OK).
absl::Status annotate(const absl::Status& status, std::string_view what);

// The table's columns as SQL lists them: "id, name, label, colour".
std::string columnList(const MovedTable& table);

// How messages name a row of `table` whose first value is `first`: "id 42".
std::string rowKey(const MovedTable& table, const Value& first);

// Reads the tables of one event database, every call in the same snapshot.
class TableSource {
 public:
  virtual ~TableSource() = default;
  virtual absl::StatusOr<std::int64_t> count(const MovedTable& table) = 0;
  // Calls `row` with each row of `table`, in orderBy order; a non-OK status from `row` stops
  // the reading and is returned.
  virtual absl::Status forEachRow(const MovedTable& table, const std::function<absl::Status(const Row&)>& row) = 0;
};

// Inserts rows into the tables of one event database, every call in the same transaction.
class TableSink {
 public:
  virtual ~TableSink() = default;
  // Inserts `row` as it is, ids included; no trigger adds or changes a row meanwhile.
  virtual absl::Status insert(const MovedTable& table, const Row& row) = 0;
  virtual absl::StatusOr<std::int64_t> count(const MovedTable& table) = 0;
};

// One end of a move: an event database at the newest schema. Not thread-safe.
class EventTables {
 public:
  virtual ~EventTables() = default;

  // How messages name the database: its path, or its address without the password.
  virtual const std::string& name() const = 0;

  // Runs `work` on one snapshot of the database; a source only.
  virtual absl::Status read(const std::function<absl::Status(TableSource&)>& work) = 0;

  // Runs `work` in one transaction of a target, then moves the database's own counters past what
  // it inserted (PostgreSQL's identity sequences and the event's activity sequence) and commits,
  // unless `work` failed: then nothing is kept. ALREADY_EXISTS when the database holds an event
  // by then.
  virtual absl::Status write(const std::function<absl::Status(TableSink&)>& work) = 0;
};

// Which end of a move a database is.
enum class MoveEnd { Source, Target };

// A source must hold an event; it is migrated to the newest schema first. A target must hold no
// event (ALREADY_EXISTS, before anything is written); it is created or migrated to the newest
// schema. In messages, the database is named as EventTables::name() says.
//
// A SQLite source is held as a server holds it (SqliteEventStore::open), so a running server's
// file is refused with FAILED_PRECONDITION. A SQLite target file this creates is removed again
// unless an event is committed into it.
absl::StatusOr<std::unique_ptr<EventTables>> openSqliteTables(const std::string& path, MoveEnd end);
// A PostgreSQL source with other clients connected (a running server) is refused with
// FAILED_PRECONDITION. UNAVAILABLE when no server at the address accepts the connection.
absl::StatusOr<std::unique_ptr<EventTables>> openPostgresTables(const std::string& uri, MoveEnd end);

}  // namespace lanyard::server::app
