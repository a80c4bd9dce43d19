#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/attendee_export.h"
#include "sqlite/sqlite.h"

namespace lanyard::server::storage {

// Reads attendee lists and the scan log straight from the event's SQLite file, one read-only
// connection per export beside the store's writer (WAL), so an export never waits for check-ins
// and check-ins never wait for an export.
//
// Each export is a SELECT (or two, side by side) stepped row by row inside one read transaction (a consistent
// snapshot); nothing is materialised. Thread-safe: concurrent exports use separate connections.
// A finished export's connection is kept for the next (two at most), so the file stays mapped
// and its pages need not be faulted in again. While an export runs, its snapshot keeps SQLite
// from resetting the WAL, so the WAL may grow until it ends.
class SqliteExportSource final : public domain::ExportSource {
 public:
  // `path` is an event database that SqliteEventStore has initialised and migrated (a file:
  // ":memory:" cannot be shared). Opens it read-only once to fail early: FAILED_PRECONDITION
  // when it cannot be opened or holds no event, INVALID_ARGUMENT for ":memory:".
  static absl::StatusOr<std::unique_ptr<SqliteExportSource>> open(const std::string& path);

  // NOT_FOUND for an unknown session id. SQLite errors map as statusFromSqlite() says (BUSY after
  // the busy timeout -> UNAVAILABLE, ...).
  absl::Status forEachAttendee(const domain::AttendeeFilter& filter,
                               const std::function<absl::Status(const domain::AttendeeRow&)>& row) override;
  absl::Status forEachScan(const std::function<absl::Status(const domain::ScanLogRow&)>& row) override;

 private:
  class Lease;

  explicit SqliteExportSource(std::string path) : m_path(std::move(path)) {}
  // A connection for one export: an idle one, or a new one.
  absl::StatusOr<std::unique_ptr<Database>> acquire();
  // Keeps `db` for the next export unless enough are kept or it is still inside a transaction.
  void release(std::unique_ptr<Database> db);

  std::string m_path;
  std::mutex m_idleMutex;
  std::vector<std::unique_ptr<Database>> m_idle;  // Guarded by m_idleMutex.
};

}  // namespace lanyard::server::storage
