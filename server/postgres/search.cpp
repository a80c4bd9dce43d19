// PostgresEventStore: The in-memory search index, loaded at open and kept current.
// Not yet implemented: every call fails with UNIMPLEMENTED.

#include "postgres/event_store.h"

namespace lanyard::server::postgres {

namespace {
absl::Status notYet() { return absl::UnimplementedError("not yet implemented on PostgreSQL"); }
}  // namespace

absl::StatusOr<std::vector<domain::SearchHit>> PostgresEventStore::search(std::string_view /*query*/, int /*limit*/,
                                                                          bool /*includeCancelled*/) {
  return notYet();
}

absl::Status PostgresEventStore::loadSearch() { return absl::OkStatus(); }

absl::Status PostgresEventStore::refreshSearch(const std::vector<std::int64_t>& /*delegateIds*/) { return notYet(); }

}  // namespace lanyard::server::postgres
