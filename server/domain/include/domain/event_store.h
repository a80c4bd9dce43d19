#pragma once

#include <functional>

#include "domain/activity_feed.h"
#include "domain/check_in_log.h"
#include "domain/conflict_log.h"
#include "domain/delegate_store.h"
#include "domain/device_store.h"
#include "domain/event.h"
#include "domain/replica_store.h"
#include "domain/session_store.h"

namespace lanyard::server::domain {

// The server's source of "now", UTC microseconds. A seam for tests.
using Clock = std::function<TimeUs()>;
Clock systemClock();

// The event's persistent state: one event, its delegates, sessions, devices and logs; one
// interface per aggregate, so that code needing one takes only that one (and a test can fake it).
// Implementations are thread-safe. Errors: NOT_FOUND for unknown ids, ALREADY_EXISTS for unique
// clashes, INVALID_ARGUMENT for bad values, UNAVAILABLE for a busy database, RESOURCE_EXHAUSTED
// for a full disk, DATA_LOSS for corruption.
class EventStore : public DeviceStore,
                   public DelegateStore,
                   public SessionStore,
                   public CheckInLog,
                   public ConflictLog,
                   public ActivityFeed,
                   public ReplicaStore {
 public:
  virtual const Event& event() const = 0;
};

}  // namespace lanyard::server::domain
