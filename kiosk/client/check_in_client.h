#pragma once

// The kiosk's seam to the Lanyard server: every call it makes, asynchronous, with plain Qt value
// types in and out so that controllers and tests never see gRPC or protobuf. An offline-capable
// implementation can replace the gRPC one behind this interface.

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <functional>
#include <optional>

#include "reply.h"

namespace lanyard::client {

// A delegate category with its badge label and colour ("#RRGGBB").
struct Category {
  QString name;
  QString label;
  QString colour;
};

// What the kiosk needs to know about the event.
struct EventInfo {
  QString name;
  QString timeZone;           // IANA, e.g. "Europe/Prague".
  QString endDate;            // The last day, local "YYYY-MM-DD"; "" if the event has none.
  QString defaultLanguage;    // BCP 47 primary tag.
  QByteArray badgePublicKey;  // Raw Ed25519 key that verifies the event's badge codes.
  QString deviceName;
  bool deviceMayRunKiosk = false;  // A kiosk or admin token: they may check in, print and report status.
  QList<Category> categories;
  // How many first letters of their e-mail address a delegate found by name must type; 0 when
  // kiosks may not check anyone in by name.
  int nameProofLength = 0;
  // Whether the event has a staff PIN, so that this kiosk offers a staff mode.
  bool staffMode = false;
  // How long before a session's start its door admits people.
  int sessionGraceMinutes = 15;
  // The length of the shortest code that can identify a delegate (a ticket code or a badge code),
  // in characters: a shorter scan is a fragment. 0 when the server does not say (an older one).
  int shortestCodeLength = 0;
};

// A session, for a kiosk at its door.
struct SessionInfo {
  qint64 id = 0;
  QString title;
  QString room;
  qint64 startTimeUs = 0;  // UTC, microseconds since the epoch.
  qint64 endTimeUs = 0;
  int capacity = 0;  // 0: unlimited.
  int insideNow = 0;

  bool operator==(const SessionInfo&) const = default;
};

// The minimum a kiosk may show about a delegate ("Simona B., Vilnius").
struct DelegateSummary {
  qint64 id = 0;
  QString givenName;
  QString familyInitial;  // "B."
  QString displayName;    // "Simona B."
  QString affiliation;    // City, or organisation when no city is known.
  QString organisation;
  QString category;  // Category name, e.g. "speaker".
  QString language;  // Preferred language, may be empty.
};

// What a name search found.
struct SearchResult {
  QList<DelegateSummary> matches;  // Best first, at most the limit asked for.
  bool more = false;               // More delegates match than the limit let through.
};

// What a scanned code is, without checking anyone in.
struct Resolution {
  enum class Status { Valid, Unknown, Forged, Superseded, Cancelled };
  Status status = Status::Unknown;
  std::optional<DelegateSummary> delegate;
};

// A check-in's outcome, as the server decided it.
enum class CheckInOutcome {
  Admitted,
  AlreadyCheckedIn,
  Cancelled,
  NotRegistered,
  SessionFull,
  OutsideTimeWindow,
  UnknownCode,
  ForgedCode,
  SupersededCode,
  CheckedOut,    // An exit scan: the delegate left; the exit is logged.
  NotCheckedIn,  // An exit scan for someone who is not inside; refused.
  WrongProof,
  ProofThrottled,
  NameCheckInDisabled,
  Other,  // An outcome this kiosk does not know (a newer server); treated as "see the help desk".
};

// One check-in request. Exactly one of `code` and `delegateId` is set.
struct CheckInRequest {
  QString requestId;      // Nonce, unique per device; a retry reuses it.
  qint64 scanTimeUs = 0;  // When the delegate scanned, UTC, microseconds since the epoch.
  QString code;           // A scanned badge or ticket code...
  qint64 delegateId = 0;  // ...or a delegate found by name,
  QString proof;          // with the proof they typed.
  qint64 sessionId = 0;   // A session's door; 0 for the venue entrance.
  QString staffPin;       // Staff vouch for a delegate found by name: no proof needed.
  bool checkOut = false;  // An exit scan (the delegate leaves) rather than an entry.
  // Set when the kiosk decided the request itself while offline and uploads it now: what it decided.
  std::optional<CheckInOutcome> offlineOutcome;
};

// What the server says to print on an admitted delegate's badge.
struct BadgeContent {
  QString givenName;
  QString familyName;
  QString affiliation;
  QString badgeCode;  // The current Lanyard code, whatever code was scanned.
  QString latinName;  // The full name in Latin letters when written in another script; else empty.
};

// The server's answer to a check-in.
struct CheckInResult {
  CheckInOutcome outcome = CheckInOutcome::Other;
  std::optional<DelegateSummary> delegate;
  qint64 previousTimeUs = 0;  // For AlreadyCheckedIn: when, UTC, microseconds; 0 if unknown.
  QString previousDevice;
  bool reentry = false;       // Admitted again the same day: no new badge needed.
  bool badgePrinted = false;  // The delegate already has a printed badge of this version.
  // For Admitted, and AlreadyCheckedIn without a printed badge: what to print, including the full
  // family name and the current badge code.
  std::optional<BadgeContent> badge;
};

// A badge print attempt, as the server records it.
struct BadgePrintRecord {
  qint64 delegateId = 0;
  bool success = false;
  QString error;      // The printer's error; empty on success.
  QString printer;    // The printer queue's name.
  qint64 timeUs = 0;  // When the print finished or failed, UTC, microseconds since the epoch.
};

// What a staff PIN typed at the kiosk came to.
enum class StaffPinCheck {
  Accepted,
  Wrong,
  LockedOut,     // Too many wrong PINs from this kiosk lately; refused for a while, right or not.
  StaffModeOff,  // The event has no staff PIN.
};

// A delegate's badge as staff print it again, and where the delegate stands.
struct StaffBadge {
  DelegateSummary delegate;
  BadgeContent badge;
  qint64 checkedInTimeUs = 0;  // First let in at the entrance, UTC, microseconds; 0 if never.
  bool badgePrinted = false;   // A badge of the current version has printed before.
  QString notes;               // For staff, e.g. accessibility needs.
};

// A badge printer's state, as the kiosk's heartbeats report it.
struct PrinterState {
  enum class Status { Ok, PaperOut, Offline, Error };
  Status status = Status::Ok;
  QString detail;  // The print system's own words, e.g. "media-empty"; empty when all is well.
};

// Asynchronous client for the kiosk's server calls.
//
// Every call returns at once; `done` later runs exactly once on `context`'s thread (the GUI
// thread for the kiosk), unless `context` has been destroyed by then, in which case it is
// dropped. Implementations never block the caller on the network.
class CheckInClient {
 public:
  virtual ~CheckInClient() = default;

  virtual void getEvent(QObject* context, std::function<void(const Reply<EventInfo>&)> done) = 0;
  // Every session, in start order.
  virtual void listSessions(QObject* context, std::function<void(const Reply<QList<SessionInfo>>&)> done) = 0;
  virtual void resolveCode(const QString& code, QObject* context,
                           std::function<void(const Reply<Resolution>&)> done) = 0;
  // At most `limit` matches, best first, and whether there are more.
  virtual void searchDelegates(const QString& query, int limit, QObject* context,
                               std::function<void(const Reply<SearchResult>&)> done) = 0;
  // Checks in at the venue entrance, or at a session's door.
  virtual void checkIn(const CheckInRequest& request, QObject* context,
                       std::function<void(const Reply<CheckInResult>&)> done) = 0;
  // Checks a staff PIN before the kiosk opens its staff mode.
  virtual void enterStaffMode(const QString& pin, QObject* context,
                              std::function<void(const Reply<StaffPinCheck>&)> done) = 0;
  // A delegate's badge for staff to print again; needs the staff PIN.
  virtual void getBadge(qint64 delegateId, const QString& pin, QObject* context,
                        std::function<void(const Reply<StaffBadge>&)> done) = 0;
  // Tells the server this kiosk is alive and how its printer is; answers with the number of seconds
  // the server wants between heartbeats.
  virtual void heartbeat(const PrinterState& printer, QObject* context,
                         std::function<void(const Reply<int>&)> done) = 0;
  // Records a badge print attempt.
  virtual void recordBadgePrint(const BadgePrintRecord& record, QObject* context,
                                std::function<void(const Reply<bool>&)> done) = 0;
};

}  // namespace lanyard::client
