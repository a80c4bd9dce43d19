// PostgresEventStore: The ConflictLog.
// Not yet implemented: every call fails with UNIMPLEMENTED.

#include "postgres/event_store.h"

namespace lanyard::server::postgres {

namespace {
absl::Status notYet() { return absl::UnimplementedError("not yet implemented on PostgreSQL"); }
}  // namespace

absl::StatusOr<std::vector<domain::ConflictRecord>> PostgresEventStore::listConflicts(bool /*unseenOnly*/,
                                                                                      domain::Page /*page*/) {
  return notYet();
}

absl::StatusOr<domain::ConflictCounts> PostgresEventStore::conflictCounts() { return notYet(); }

absl::StatusOr<PostgresEventStore::SeenMark> PostgresEventStore::markConflictSeen(std::int64_t /*id*/,
                                                                                  std::int64_t /*deviceId*/) {
  return notYet();
}

}  // namespace lanyard::server::postgres
