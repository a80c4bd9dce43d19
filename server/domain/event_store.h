#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/activity.h"
#include "domain/check_in.h"
#include "domain/delegate.h"
#include "domain/delegate_import.h"
#include "domain/event.h"

namespace lanyard::server::domain {

// The server's source of "now", UTC microseconds. A seam for tests.
using Clock = std::function<TimeUs()>;
Clock systemClock();

struct SearchHit {
  DelegateSummary delegate;
  int score = 0;  // Higher is better.
};

// A delegate whose help-desk corrections a delegate import kept over different values in its file.
struct KeptCorrections {
  std::string externalRef;
  std::vector<std::string_view> columns;  // See ImportedDelegate::keptCorrections.
};

struct ImportSummary {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int registrations = 0;         // Session registrations recorded that were not there before.
  int registrationsDropped = 0;  // Registrations the file no longer lists (see DelegateImport).
  std::vector<KeptCorrections> keptCorrections;
};

struct SessionOccupancy {
  Session session;
  int insideNow = 0;
  int registered = 0;
};

// What a check-in request came to, as logged.
struct CheckInResult {
  std::int64_t checkInId = 0;
  TimeUs serverTimeUs = 0;
  CheckInDecision decision;
  std::optional<Delegate> delegate;
  bool badgePrinted = false;  // A successful print exists for the delegate's current badge version.
};

struct BadgePrintRecord {
  std::int64_t id = 0;
  std::int64_t delegateId = 0;
  std::int64_t deviceId = 0;
  std::string deviceName;
  std::int32_t badgeVersion = 0;
  bool success = false;
  std::string error;
  std::string printer;
  TimeUs clientTimeUs = 0;
  TimeUs serverTimeUs = 0;
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

// Which part of a list ordered by id to read: the items with an id above `afterId`, at most `limit`
// of them. The default is the whole list. Reading page after page this way (keyset paging) never
// skips or repeats an item, however the list changes in between.
struct Page {
  std::int64_t afterId = 0;
  int limit = std::numeric_limits<int>::max();
};

// Where devices are resolved from tokens.
struct CreatedDevice {
  Device device;
  std::string token;  // Shown once; only its hash is stored.
};

// The event's persistent state: one event, its delegates, sessions, devices and logs.
// Implementations are thread-safe. Errors: NOT_FOUND for unknown ids, ALREADY_EXISTS for unique
// clashes, INVALID_ARGUMENT for bad values, UNAVAILABLE for a busy database, RESOURCE_EXHAUSTED
// for a full disk, DATA_LOSS for corruption.
class EventStore {
 public:
  virtual ~EventStore() = default;

  virtual const Event& event() const = 0;

  // Devices. authenticate() answers from memory: NOT_FOUND for an unknown or revoked token.
  virtual absl::StatusOr<Device> authenticate(std::string_view token) = 0;
  virtual absl::StatusOr<CreatedDevice> createDevice(std::string_view name, Role role) = 0;
  // Devices ordered by id.
  virtual absl::StatusOr<std::vector<Device>> listDevices(Page page) = 0;
  virtual absl::StatusOr<Device> revokeDevice(std::optional<std::int64_t> id, std::string_view name) = 0;

  // The staff PIN as domain::hashStaffPin keeps it; empty for none (kiosks have no staff mode).
  virtual std::string staffPinHash() const = 0;
  virtual absl::Status setStaffPinHash(std::string hash) = 0;

  // Delegates.
  virtual absl::StatusOr<Delegate> delegate(std::int64_t id) = 0;
  virtual absl::StatusOr<Delegate> delegateByExternalRef(std::string_view externalRef) = 0;
  // The delegate whose imported ticket code is `code` ignoring the case of ASCII letters.
  virtual absl::StatusOr<Delegate> delegateByTicketCode(std::string_view code) = 0;
  // The length in characters of the shortest imported ticket code; 0 when no delegate has one.
  // Cheap (one index seek): GetEvent asks it for every kiosk that starts or reconnects.
  virtual absl::StatusOr<int> shortestTicketCodeLength() = 0;
  // Adds a walk-in. Unless `allowDuplicate`, refuses with ALREADY_EXISTS, naming them, when the
  // event has delegates (cancelled ones included) who may be the same person: the same e-mail
  // ignoring ASCII case, the same name (domain::sameName), or a similar one: the name with words
  // added or left out (domain::nameWithin).
  virtual absl::StatusOr<Delegate> createDelegate(Delegate delegate, bool allowDuplicate) = 0;
  // Writes `delegate`'s names, details, external reference and ticket code over those of the
  // stored delegate with its id, keeping status and badge version, if the stored delegate is still
  // at `expectedVersion`: checked and written atomically, so of two corrections from the same
  // version one succeeds and the other fails with FAILED_PRECONDITION, writing nothing. The details
  // that change are marked corrected (DelegateField), and the version goes up by one; a correction
  // that changes nothing writes nothing.
  virtual absl::StatusOr<Delegate> updateDelegate(const Delegate& delegate, std::int64_t expectedVersion) = 0;
  // Cancellation and reinstatement at the help desk; re-imports keep them (DelegateField::Status).
  // Like a reissue, each bumps the delegate's version when it changes the record.
  virtual absl::StatusOr<Delegate> cancelDelegate(std::int64_t id) = 0;
  virtual absl::StatusOr<Delegate> reinstateDelegate(std::int64_t id) = 0;
  virtual absl::StatusOr<Delegate> reissueBadge(std::int64_t id) = 0;
  // Delegates ordered by id; only active ones unless `includeCancelled`.
  virtual absl::StatusOr<std::vector<Delegate>> listDelegates(bool includeCancelled, Page page) = 0;
  // A delegate's history, oldest (lowest id) first; empty for an unknown delegate.
  virtual absl::StatusOr<std::vector<CheckInRecord>> checkIns(std::int64_t delegateId, Page page) = 0;
  virtual absl::StatusOr<std::vector<BadgePrintRecord>> badgePrints(std::int64_t delegateId, Page page) = 0;
  // The ids of the sessions a delegate is registered for, ascending.
  virtual absl::StatusOr<std::vector<std::int64_t>> registeredSessionIds(std::int64_t delegateId) = 0;

  // Imports, all or nothing; delegates and sessions are matched by external reference.
  virtual absl::StatusOr<ImportSummary> importDelegates(DelegateImport data) = 0;
  virtual absl::StatusOr<ImportSummary> importSessions(const std::vector<Session>& sessions) = 0;

  // Accent- and script-insensitive prefix search over name words, organisation and city.
  virtual absl::StatusOr<std::vector<SearchHit>> search(std::string_view query, int limit,
                                                        bool includeCancelled) = 0;

  virtual absl::StatusOr<std::vector<SessionOccupancy>> listSessions() = 0;

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

  // The activity log, oldest first: at most `limit` activities with a sequence number above
  // `afterSequence`. Names are as they are now.
  virtual absl::StatusOr<std::vector<Activity>> activitiesAfter(std::int64_t afterSequence, int limit) = 0;

  // Makes `listener` hear of every activity committed from now on, in sequence order (see
  // ActivityListener). Returns the newest sequence number committed before it was attached (0 for
  // an empty log): the listener hears of everything after it, and possibly of a little before it,
  // which it must ignore. FAILED_PRECONDITION when another listener is attached.
  virtual absl::StatusOr<std::int64_t> attachActivityListener(ActivityListener* listener) = 0;
  // Stops notifying `listener`; once this returns, it is not called again.
  virtual absl::Status detachActivityListener(ActivityListener* listener) = 0;
};

}  // namespace lanyard::server::domain
