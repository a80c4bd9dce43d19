#pragma once

// The activity log: one entry per thing that happened at the event, numbered in commit order.
// An activity's sequence number is its id in the log; sequence numbers strictly increase in the
// order the store committed them, so "everything after N" is exactly what a client missed.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/check_in.h"
#include "domain/delegate.h"
#include "domain/event.h"
#include "domain/offline_upload.h"

namespace lanyard::server::domain {

enum class ActivityKind {
  CheckIn = 1,            // Any scan or name check-in, entrance or session, in or out, whatever its outcome.
  BadgePrint = 2,         // A badge print attempt, printed or failed.
  DelegateAdded = 3,      // A walk-in added at the help desk.
  DelegateUpdated = 4,    // A correction of a delegate's details.
  DelegateCancelled = 5,  // A registration cancelled.
  BadgeReissued = 6,      // A new badge code; the old one stops working.
  DelegatesImported = 7,  // A delegate import (all or nothing).
  SessionsImported = 8,   // A session import.
  KioskStatus = 9,        // A kiosk's heartbeat that changed its printer status, or a periodic keep-alive.
};

std::string_view activityKindName(ActivityKind kind);  // "CHECK_IN", ...

// What a kiosk's printer reported in its latest heartbeat.
enum class PrinterStatus {
  Unknown = 0,  // No heartbeat yet.
  Ok = 1,
  PaperOut = 2,
  Offline = 3,
  Error = 4,  // See the status detail text.
};

std::string_view printerStatusName(PrinterStatus status);  // "OK", "PAPER_OUT", ...

// A check-in row as the activity log shows it.
struct CheckInActivity {
  std::int64_t checkInId = 0;
  std::int64_t sessionId = 0;  // 0 = the venue entrance.
  Direction direction = Direction::In;
  CheckInOutcome outcome = CheckInOutcome::UnknownCode;
  std::int32_t eventDay = 0;  // Event-local day number of the server time (see EventTimeZone).
  bool reentry = false;
  std::int64_t leftSessionId = 0;
  TimeUs scanTimeUs = 0;
  // A check-out the server logged because the delegate entered another session: not a scan.
  bool automatic = false;
  bool offline = false;  // Decided by a kiosk offline and uploaded later (domain/offline_upload.h).
  // The conflict the upload recorded, if any: its id and kind (0 and unset when none).
  std::int64_t conflictId = 0;
  std::optional<ConflictKind> conflictKind;
};

struct BadgePrintActivity {
  std::int64_t printId = 0;
  bool success = false;
  std::string error;
  std::string printer;
  std::int32_t badgeVersion = 0;
};

struct ImportActivity {
  std::int64_t importId = 0;
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int registrations = 0;
};

struct KioskStatusActivity {
  std::int64_t statusId = 0;
  PrinterStatus printerStatus = PrinterStatus::Unknown;
  std::string detail;  // The printer's own words, e.g. "media-empty"; may be empty.
};

// One entry of the activity log, with the names a feed shows (as they are now, not as they were).
// Only the detail matching `kind` is filled in.
struct Activity {
  std::int64_t sequence = 0;
  ActivityKind kind = ActivityKind::CheckIn;
  TimeUs timeUs = 0;          // Server time, UTC.
  std::int64_t deviceId = 0;  // 0 when not done through a device (imports, corrections).
  std::string deviceName;
  Role deviceRole = Role::Kiosk;  // The device's, when deviceId is set.
  std::int64_t delegateId = 0;    // 0 when not about one delegate (unknown or forged codes, imports).
  std::string givenName;
  std::string familyName;
  std::string category;
  std::string city;
  std::string organisation;
  bool delegateActive = true;
  CheckInActivity checkIn;
  BadgePrintActivity print;
  ImportActivity import;
  KioskStatusActivity kioskStatus;
};

// A delegate as the attendance summary needs them.
struct RosterEntry {
  std::int64_t id = 0;
  std::string category;
  bool active = true;
};

// A session with the number of delegates registered for it.
struct SessionRegistrations {
  Session session;
  int registered = 0;
};

// What one group commit made durable, in sequence order. When the commit imported delegates or
// sessions, the roster and the session list after the commit come along, so a listener never
// has to read the store.
struct CommittedActivities {
  std::vector<std::shared_ptr<const Activity>> activities;
  std::shared_ptr<const std::vector<RosterEntry>> roster;             // Set after a delegate import.
  std::shared_ptr<const std::vector<SessionRegistrations>> sessions;  // Set after any import.
};

// Hears of activities once they are durably committed, never of work that rolled back.
class ActivityListener {
 public:
  virtual ~ActivityListener() = default;
  // Called on the store's own thread after each commit that logged activities, in sequence order
  // (ActivityFeed::attachActivityListener says when). Must be quick and must not call the store
  // (on SQLite the writer is waiting).
  virtual void onCommitted(const CommittedActivities& committed) = 0;
};

// A kiosk's heartbeat as logged.
struct KioskStatusRecord {
  std::int64_t id = 0;
  std::int64_t deviceId = 0;
  PrinterStatus printerStatus = PrinterStatus::Unknown;
  std::string detail;
  TimeUs serverTimeUs = 0;
};

}  // namespace lanyard::server::domain
