#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/check_in.h"
#include "domain/offline_upload.h"
#include "domain/page.h"

namespace lanyard::server::domain {

// A conflict as organisers see it: the offline upload it was recorded for, and what it refers to.
struct ConflictRecord {
  std::int64_t id = 0;
  ConflictKind kind = ConflictKind::Other;
  CheckInOutcome kioskOutcome = CheckInOutcome::Admitted;   // What the kiosk decided offline.
  CheckInOutcome serverOutcome = CheckInOutcome::Admitted;  // What the server would have decided.
  std::int64_t checkInId = 0;                               // The upload's check-in log entry.
  TimeUs scanTimeUs = 0;                                    // When the kiosk scanned (its clock).
  TimeUs uploadTimeUs = 0;                                  // When the server logged the upload.
  std::string deviceName;                                   // The kiosk that uploaded it.
  std::int64_t sessionId = 0;                               // 0 = the venue entrance.
  std::string sessionTitle;
  std::int64_t delegateId = 0;  // 0 when the code is unknown.
  std::string givenName;
  std::string familyName;
  // For AdmittedTwice: the admission logged first (0 when none), where and when it was scanned.
  // When it happened: the server's time, or for an offline upload its scan time.
  std::int64_t earlierCheckInId = 0;
  std::string earlierDeviceName;
  TimeUs earlierTimeUs = 0;
  bool earlierOffline = false;
  // Who marked it seen and when; 0 and empty while unseen.
  TimeUs seenTimeUs = 0;
  std::string seenByDeviceName;
};

struct ConflictCounts {
  int all = 0;
  int unseen = 0;
};

// The conflicts offline uploads recorded (domain/offline_upload.h), for organisers to look at and
// mark seen. Conflicts are recorded by CheckInLog::checkIn in the transaction that logs the upload.
// Thread-safe; fails with the codes EventStore lists.
class ConflictLog {
 public:
  virtual ~ConflictLog() = default;

  // Newest first. `page.afterId` is the last id of the previous page (0 for the first): the page
  // holds the next lower ids. With `unseenOnly`, only those not yet marked seen.
  virtual absl::StatusOr<std::vector<ConflictRecord>> listConflicts(bool unseenOnly, Page page) = 0;
  virtual absl::StatusOr<ConflictCounts> conflictCounts() = 0;
  // Marks conflict `id` seen by `deviceId` now. A conflict already seen keeps its first marking
  // (`newly` is then false). NOT_FOUND for an unknown id.
  struct SeenMark {
    ConflictRecord conflict;
    bool newly = false;
  };
  virtual absl::StatusOr<SeenMark> markConflictSeen(std::int64_t id, std::int64_t deviceId) = 0;
};

}  // namespace lanyard::server::domain
