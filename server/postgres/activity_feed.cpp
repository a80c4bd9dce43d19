// PostgresEventStore: The ActivityFeed, and this server following the activity log.
// Not yet implemented: every call fails with UNIMPLEMENTED.

#include "postgres/event_store.h"

namespace lanyard::server::postgres {

namespace {
absl::Status notYet() { return absl::UnimplementedError("not yet implemented on PostgreSQL"); }
}  // namespace

absl::StatusOr<std::vector<domain::Activity>> PostgresEventStore::activitiesAfter(std::int64_t /*afterSequence*/,
                                                                                  int /*limit*/) {
  return notYet();
}

absl::StatusOr<std::int64_t> PostgresEventStore::attachActivityListener(domain::ActivityListener* /*listener*/) {
  return notYet();
}

absl::Status PostgresEventStore::detachActivityListener(domain::ActivityListener* /*listener*/) { return notYet(); }

}  // namespace lanyard::server::postgres
