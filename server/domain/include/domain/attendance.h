#pragma once

// The attendance summary organisers watch: who is registered, checked in and inside now, per
// category, per session, arrivals over time and each kiosk's health. Everything is derived from
// the delegate roster, the session list and the activity log, so replaying the log after a
// restart gives the same numbers as following it live.

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/activity.h"
#include "domain/event.h"
#include "domain/event_time.h"

namespace lanyard::server::domain {

// Arrivals are counted in buckets of this length, aligned to the event's local clock.
inline constexpr TimeUs kArrivalBucketUs = 15LL * 60 * 1'000'000;

struct CategoryAttendance {
  std::string name;
  std::string label;
  int registered = 0;  // Active registrations.
  int checkedIn = 0;   // Of those, admitted at least once (entrance or a session), unique people.
  int insideNow = 0;   // Inside the venue today (any registration status).
  int noShows = 0;     // registered - checkedIn.
};

struct SessionAttendance {
  Session session;
  int registered = 0;  // Delegates registered for it.
  int insideNow = 0;   // In the room now: admitted and not checked out since; 0 once it is over.
  int attended = 0;    // Unique delegates ever admitted.
};

struct ArrivalBucket {
  TimeUs startUs = 0;  // UTC instant the local 15-minute bucket starts.
  int arrivals = 0;    // People admitted for the first time that event day, at the entrance or a session.
};

// One device that checks in or prints: every active kiosk, and any other device (the help desk,
// an admin) once it checked someone in.
struct KioskAttendance {
  std::int64_t deviceId = 0;
  std::string name;
  Role role = Role::Kiosk;
  bool revoked = false;   // Its token no longer works.
  TimeUs lastSeenUs = 0;  // Latest activity or heartbeat, 0 if never.
  int scans = 0;          // Every check-in request it logged, whatever the outcome (not automatic check-outs).
  int admitted = 0;
  int prints = 0;  // Badges printed.
  int printFailures = 0;
  std::string lastPrintError;
  TimeUs lastPrintErrorUs = 0;
  PrinterStatus printerStatus = PrinterStatus::Unknown;
  std::string printerDetail;
  TimeUs printerStatusUs = 0;  // When the current printer status was logged.
};

struct AttendanceSummary {
  std::int64_t sequence = 0;  // The summary covers the log up to and including this activity.
  TimeUs asOfUs = 0;          // Server time it was taken; "inside now" means on `today`.
  std::int32_t today = 0;     // Event-local day number of asOfUs.
  int registered = 0;
  int checkedIn = 0;
  int insideNow = 0;
  int noShows = 0;
  int cancelled = 0;
  int scans = 0;         // Every logged check-in request.
  int refusedScans = 0;  // Scans that neither admitted nor checked out anyone.
  int forgedScans = 0;
  int badgesPrinted = 0;
  int printFailures = 0;
  int conflicts = 0;                           // Conflicts offline uploads recorded (domain/offline_upload.h).
  int unseenConflicts = 0;                     // Of those, not yet marked seen.
  std::vector<CategoryAttendance> categories;  // The event's categories in their order, then others.
  std::vector<SessionAttendance> sessions;     // By start time, then id.
  std::vector<ArrivalBucket> arrivals;         // Oldest first; only buckets with arrivals.
  std::vector<KioskAttendance> kiosks;         // By device id.
};

// Folds the roster, the sessions and the activity log into an AttendanceSummary incrementally:
// each activity costs O(1), a summary costs O(categories + sessions + buckets + kiosks), not
// O(delegates). Not thread-safe.
class AttendanceModel {
 public:
  // A session is over `sessionGraceUs` after its end, when its door stops admitting.
  AttendanceModel(std::vector<Category> categories, EventTimeZone timeZone, TimeUs sessionGraceUs);

  // Replaces each listed delegate's category and status (the roster after an import).
  void setRoster(const std::vector<RosterEntry>& roster);
  // Replaces the session details and registration counts; who is inside is kept.
  void setSessions(const std::vector<SessionRegistrations>& sessions);
  // Lists an active kiosk before it has done anything, and remembers a revoked device as revoked.
  void addDevice(const Device& device);
  // Marks a device whose token was just revoked.
  void noteRevoked(std::int64_t deviceId);
  // Applies one activity; activities must come in sequence order, and one not newer than the
  // last applied is ignored.
  void apply(const Activity& activity);
  // Marking conflicts seen is not an activity: the hub reads how many are seen when it starts and
  // hears of each marking as it happens. Adds `count` to the conflicts seen.
  void noteConflictsSeen(int count);
  // A sign of life that is not logged (a heartbeat with nothing new): moves last-seen only.
  void noteSeen(std::int64_t deviceId, std::string_view name, Role role, TimeUs when);

  std::int64_t sequence() const { return m_sequence; }
  AttendanceSummary summary(TimeUs now) const;

  // Whether a heartbeat from `deviceId` reporting `status` and `detail` at `now` should be
  // logged: when the printer status or its detail changed since the last one logged, or that one
  // is `keepAliveUs` old or older.
  bool heartbeatWorthLogging(std::int64_t deviceId, PrinterStatus status, std::string_view detail, TimeUs now,
                             TimeUs keepAliveUs) const;

  // The start of the arrivals bucket holding `instant`.
  TimeUs arrivalBucketStart(TimeUs instant) const;

 private:
  struct DelegateState {
    std::string category;
    bool active = true;
    bool admitted = false;  // Admitted at the entrance or a session, ever.
    bool insideEntrance = false;
    std::int32_t entranceDay = 0;                                        // Day of the latest entrance admission.
    std::int32_t arrivalDay = std::numeric_limits<std::int32_t>::min();  // Day of the latest admission anywhere.
  };
  struct CategoryCounts {
    int registered = 0;
    int checkedIn = 0;
    int cancelled = 0;
  };
  struct SessionState {
    Session session;
    int registered = 0;
    std::unordered_set<std::int64_t> inside;
    std::unordered_set<std::int64_t> attended;
  };

  // Adds (+1) or removes (-1) one delegate's share of the counters. Every change to a delegate
  // goes through update(), which removes the old share and adds the new one.
  void count(const DelegateState& state, int sign);
  template <typename Change>
  void update(std::int64_t delegateId, const Activity* source, Change change);
  KioskAttendance& kiosk(std::int64_t deviceId, std::string_view name, Role role);
  SessionState& session(std::int64_t sessionId);
  void applyCheckIn(const Activity& activity);

  std::vector<Category> m_categories;
  EventTimeZone m_timeZone;
  TimeUs m_sessionGraceUs;
  std::int64_t m_sequence = 0;
  std::unordered_map<std::int64_t, DelegateState> m_delegates;
  std::map<std::string, CategoryCounts> m_byCategory;
  std::map<std::int32_t, std::map<std::string, int>> m_insideByDay;  // Day -> category -> inside.
  std::unordered_map<std::int64_t, SessionState> m_sessions;
  std::map<TimeUs, int> m_arrivals;
  std::map<std::int64_t, KioskAttendance> m_kiosks;
  std::unordered_set<std::int64_t> m_revokedDevices;
  int m_scans = 0;
  int m_refusedScans = 0;
  int m_forgedScans = 0;
  int m_badgesPrinted = 0;
  int m_printFailures = 0;
  int m_conflicts = 0;
  int m_seenConflicts = 0;
};

}  // namespace lanyard::server::domain
