// PostgresEventStore: The ReplicaStore: the kiosks' replica feed and the sealer's queue.
// Not yet implemented: every call fails with UNIMPLEMENTED.

#include "postgres/event_store.h"

namespace lanyard::server::postgres {

namespace {
absl::Status notYet() { return absl::UnimplementedError("not yet implemented on PostgreSQL"); }
}  // namespace

absl::StatusOr<domain::ReplicaChanges> PostgresEventStore::replicaChanges(const domain::ReplicaCursor& /*after*/,
                                                                          int /*limit*/) {
  return notYet();
}

absl::StatusOr<domain::ReplicaStamp> PostgresEventStore::replicaStamp() { return notYet(); }

absl::StatusOr<std::vector<domain::Delegate>> PostgresEventStore::delegatesAwaitingMaterial(std::int64_t /*afterId*/,
                                                                                            int /*limit*/) {
  return notYet();
}

absl::StatusOr<int> PostgresEventStore::storeReplicaMaterial(
    const std::vector<domain::PreparedMaterial>& /*prepared*/) {
  return notYet();
}

}  // namespace lanyard::server::postgres
