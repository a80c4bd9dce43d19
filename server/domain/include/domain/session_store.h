#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "domain/delegate.h"
#include "domain/import_summary.h"

namespace lanyard::server::domain {

struct SessionOccupancy {
  Session session;
  int insideNow = 0;
  int registered = 0;
};

// The event's sessions (talks, workshops, rooms with a capacity). Thread-safe; fails with the codes
// EventStore lists.
class SessionStore {
 public:
  virtual ~SessionStore() = default;

  // Every session, ordered by start time, with how many are inside it now (from the check-in log)
  // and how many are registered for it.
  virtual absl::StatusOr<std::vector<SessionOccupancy>> listSessions() = 0;

  // Imports, all or nothing; sessions are matched by external reference.
  virtual absl::StatusOr<ImportSummary> importSessions(const std::vector<Session>& sessions) = 0;
};

}  // namespace lanyard::server::domain
