// PostgresEventStore: The DelegateStore's lookups and the help desk's changes.
// Not yet implemented: every call fails with UNIMPLEMENTED.

#include "postgres/event_store.h"

namespace lanyard::server::postgres {

namespace {
absl::Status notYet() { return absl::UnimplementedError("not yet implemented on PostgreSQL"); }
}  // namespace

absl::StatusOr<domain::Delegate> PostgresEventStore::delegate(std::int64_t /*id*/) { return notYet(); }

absl::StatusOr<domain::Delegate> PostgresEventStore::delegateByExternalRef(std::string_view /*externalRef*/) {
  return notYet();
}

absl::StatusOr<domain::Delegate> PostgresEventStore::delegateByTicketCode(std::string_view /*code*/) {
  return notYet();
}

absl::StatusOr<int> PostgresEventStore::shortestTicketCodeLength() { return notYet(); }

absl::StatusOr<domain::Delegate> PostgresEventStore::createDelegate(domain::Delegate /*delegate*/,
                                                                    bool /*allowDuplicate*/) {
  return notYet();
}

absl::StatusOr<domain::Delegate> PostgresEventStore::updateDelegate(const domain::Delegate& /*delegate*/,
                                                                    std::int64_t /*expectedVersion*/) {
  return notYet();
}

absl::StatusOr<domain::Delegate> PostgresEventStore::cancelDelegate(std::int64_t /*id*/) { return notYet(); }

absl::StatusOr<domain::Delegate> PostgresEventStore::reinstateDelegate(std::int64_t /*id*/) { return notYet(); }

absl::StatusOr<domain::Delegate> PostgresEventStore::reissueBadge(std::int64_t /*id*/) { return notYet(); }

absl::StatusOr<std::vector<domain::Delegate>> PostgresEventStore::listDelegates(bool /*includeCancelled*/,
                                                                                domain::Page /*page*/) {
  return notYet();
}

absl::StatusOr<std::vector<std::int64_t>> PostgresEventStore::registeredSessionIds(std::int64_t /*delegateId*/) {
  return notYet();
}

}  // namespace lanyard::server::postgres
