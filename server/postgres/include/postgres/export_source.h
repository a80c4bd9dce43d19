#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/attendee_export.h"
#include "postgres/connection_pool.h"

namespace lanyard::server::postgres {

// Reads attendee lists and the scan log from the event's PostgreSQL database on connections of
// its own, beside the store's, so an export never waits for check-ins and check-ins never wait
// for an export: the rows and order of storage::SqliteExportSource.
//
// Each export is one REPEATABLE READ, READ ONLY transaction: one snapshot of the database for the
// whole export, whatever this or another server commits meanwhile. Its queries are read through
// cursors (postgres/cursor.h), so nothing is materialised. Thread-safe: exports run side by
// side on kConnections connections; a further export waits for one of them. The snapshot keeps
// PostgreSQL's vacuum from removing row versions older than it until the export ends.
class PostgresExportSource final : public domain::ExportSource {
 public:
  static constexpr int kConnections = 2;

  // Connects to the event database at `uri`, which PostgresEventStore has initialised and
  // migrated. FAILED_PRECONDITION when it holds no event; UNAVAILABLE when no server at the address
  // accepts the connection. Messages name the address without its password.
  static absl::StatusOr<std::unique_ptr<PostgresExportSource>> open(std::string_view uri);

  // NOT_FOUND for an unknown session id; a lost connection is UNAVAILABLE (Database::toStatus).
  absl::Status forEachAttendee(const domain::AttendeeFilter& filter,
                               const std::function<absl::Status(const domain::AttendeeRow&)>& row) override;
  absl::Status forEachScan(const std::function<absl::Status(const domain::ScanLogRow&)>& row) override;

 private:
  explicit PostgresExportSource(std::unique_ptr<ConnectionPool> pool) : m_pool(std::move(pool)) {}

  // Runs `work` in a REPEATABLE READ, READ ONLY transaction on a free connection. Such a
  // transaction never fails to serialise, so `work` runs once.
  absl::Status inSnapshot(std::string_view purpose, const Database::Work& work);

  std::unique_ptr<ConnectionPool> m_pool;
};

}  // namespace lanyard::server::postgres
