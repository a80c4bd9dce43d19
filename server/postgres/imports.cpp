// PostgresEventStore: Imports of the organisers' session and delegate files.
// Not yet implemented: every call fails with UNIMPLEMENTED.

#include "postgres/event_store.h"

namespace lanyard::server::postgres {

namespace {
absl::Status notYet() { return absl::UnimplementedError("not yet implemented on PostgreSQL"); }
}  // namespace

absl::StatusOr<domain::ImportSummary> PostgresEventStore::importDelegates(domain::DelegateImport /*data*/) {
  return notYet();
}

absl::StatusOr<domain::ImportSummary> PostgresEventStore::importSessions(
    const std::vector<domain::Session>& /*sessions*/) {
  return notYet();
}

}  // namespace lanyard::server::postgres
