#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/activity.h"
#include "domain/badge_print.h"
#include "domain/check_in.h"
#include "domain/delegate.h"
#include "domain/page.h"

namespace lanyard::server::domain {

// What a check-in request came to, as logged.
struct CheckInResult {
  std::int64_t checkInId = 0;
  TimeUs serverTimeUs = 0;
  CheckInDecision decision;
  std::optional<Delegate> delegate;
  bool badgePrinted = false;  // domain::badgePrinted of the delegate's prints.
};

struct CheckInRecord {
  std::int64_t id = 0;
  TimeUs serverTimeUs = 0;
  TimeUs scanTimeUs = 0;
  std::int64_t sessionId = 0;
  Direction direction = Direction::In;
  CheckInOutcome outcome = CheckInOutcome::Admitted;
  std::string deviceName;
};

// What happens at the doors and the printers: check-ins decided and logged, badge prints, kiosk
// heartbeats, and each delegate's history. Thread-safe; fails with the codes EventStore lists.
class CheckInLog {
 public:
  virtual ~CheckInLog() = default;

  // Decides and logs one request atomically and durably; a repeated (device, request id) returns
  // the first result without logging again.
  virtual absl::StatusOr<CheckInResult> checkIn(const CheckInCommand& command) = 0;

  // checkIn() without waiting: `done` gets the result once it is durable (or the error), on one of
  // the store's own threads, which answer every writer in turn; so `done` must be quick and must
  // not wait for the store. A store that is shutting down calls `done` at once, on the caller's
  // thread, with UNAVAILABLE.
  using CheckInDone = std::function<void(absl::StatusOr<CheckInResult>)>;
  virtual void checkInAsync(CheckInCommand command, CheckInDone done) = 0;

  virtual absl::StatusOr<BadgePrintRecord> recordPrint(BadgePrintRecord print) = 0;

  // Logs a kiosk's printer status (from a heartbeat). Callers decide which heartbeats are worth
  // logging; the store logs every one it is given.
  virtual absl::StatusOr<KioskStatusRecord> recordKioskStatus(KioskStatusRecord record) = 0;

  // A delegate's history, oldest (lowest id) first; empty for an unknown delegate.
  virtual absl::StatusOr<std::vector<CheckInRecord>> checkIns(std::int64_t delegateId, Page page) = 0;
  virtual absl::StatusOr<std::vector<BadgePrintRecord>> badgePrints(std::int64_t delegateId, Page page) = 0;
};

}  // namespace lanyard::server::domain
