// PostgresEventStore: The CheckInLog, and the sessions with who is inside them.
// Not yet implemented: every call fails with UNIMPLEMENTED.

#include "postgres/event_store.h"

namespace lanyard::server::postgres {

namespace {
absl::Status notYet() { return absl::UnimplementedError("not yet implemented on PostgreSQL"); }
}  // namespace

absl::StatusOr<domain::CheckInResult> PostgresEventStore::checkIn(const domain::CheckInCommand& /*command*/) {
  return notYet();
}

void PostgresEventStore::checkInAsync(domain::CheckInCommand /*command*/, CheckInDone done) { done(notYet()); }

absl::StatusOr<domain::BadgePrintRecord> PostgresEventStore::recordPrint(domain::BadgePrintRecord /*print*/) {
  return notYet();
}

absl::StatusOr<domain::KioskStatusRecord> PostgresEventStore::recordKioskStatus(domain::KioskStatusRecord /*record*/) {
  return notYet();
}

absl::StatusOr<std::vector<domain::CheckInRecord>> PostgresEventStore::checkIns(std::int64_t /*delegateId*/,
                                                                                domain::Page /*page*/) {
  return notYet();
}

absl::StatusOr<std::vector<domain::BadgePrintRecord>> PostgresEventStore::badgePrints(std::int64_t /*delegateId*/,
                                                                                      domain::Page /*page*/) {
  return notYet();
}

absl::StatusOr<std::vector<domain::SessionOccupancy>> PostgresEventStore::listSessions() { return notYet(); }

}  // namespace lanyard::server::postgres
