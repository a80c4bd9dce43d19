#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/activity.h"

namespace lanyard::server::domain {

// The activity log, read back page by page and heard of as it is committed. Thread-safe; fails
// with the codes EventStore lists.
class ActivityFeed {
 public:
  virtual ~ActivityFeed() = default;

  // The activity log, oldest first: at most `limit` activities with a sequence number above
  // `afterSequence`. Names are as they are now.
  virtual absl::StatusOr<std::vector<Activity>> activitiesAfter(std::int64_t afterSequence, int limit) = 0;
  // The newest activity's sequence number committed (0 for an empty log), which an attached
  // listener on PostgreSQL may not have heard of yet.
  virtual absl::StatusOr<std::int64_t> newestActivitySequence() = 0;

  // Makes `listener` hear of every activity committed from now on, in sequence order, each once
  // (see ActivityListener). When: the SQLite store hands each commit over on its writer thread
  // before that commit's writers are answered. The PostgreSQL store hands over what every server
  // on the database commits, on a thread that follows the log, normally within milliseconds of
  // the commit: a writer, here or at another server, may be answered first. Returns the newest
  // sequence number committed before it was attached (0 for an empty log): the listener hears of
  // everything after it, and possibly of a little before it, which it must ignore.
  // FAILED_PRECONDITION when another listener is attached.
  virtual absl::StatusOr<std::int64_t> attachActivityListener(ActivityListener* listener) = 0;
  // Stops notifying `listener`; once this returns, it is not called again.
  virtual absl::Status detachActivityListener(ActivityListener* listener) = 0;
};

}  // namespace lanyard::server::domain
