#pragma once

// The dashboard's seam to the Lanyard server: the attendance summary, the live attendance feed
// (resumable by sequence number) and file exports, with plain Qt value types in and out so that
// controllers, models and tests never see gRPC or protobuf.

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <functional>
#include <memory>
#include <optional>

#include "check_in_client.h"
#include "reply.h"

namespace lanyard::client {

// Attendance of one delegate category.
struct CategoryAttendance {
  QString name;   // Stable name, e.g. "city_official".
  QString label;  // e.g. "City official".
  int registered = 0;
  int checkedIn = 0;
  int insideNow = 0;
  int noShows = 0;
};

// Attendance of one session.
struct SessionAttendance {
  qint64 id = 0;
  QString title;
  QString room;
  qint64 startTimeUs = 0;  // UTC, microseconds since the epoch.
  qint64 endTimeUs = 0;
  int capacity = 0;  // 0: unlimited.
  int registered = 0;
  int insideNow = 0;
  int attended = 0;
  double fillRatio = 0.0;  // insideNow / capacity; 0 when unlimited; may exceed 1.
};

// Entrance arrivals in one 15-minute slot of the event's local clock.
struct ArrivalBucket {
  qint64 startTimeUs = 0;  // UTC, microseconds since the epoch.
  QString localStart;      // "YYYY-MM-DD HH:MM", event time zone.
  int arrivals = 0;
};

// A badge printer's state as its kiosk last reported it.
enum class PrinterStatus { Unknown, Ok, PaperOut, Offline, Error };

// The health and work of one kiosk, or of a help desk or admin device that checked people in.
struct KioskAttendance {
  qint64 deviceId = 0;
  QString name;
  QString role = QStringLiteral("kiosk");  // "kiosk", "desk", "admin" (as `lanyard token create` names them).
  bool revoked = false;                    // Its token no longer works.
  qint64 lastSeenTimeUs = 0;               // UTC, microseconds; 0 if never seen.
  int scans = 0;
  int admitted = 0;
  int prints = 0;
  int printFailures = 0;
  QString lastPrintError;
  qint64 lastPrintErrorTimeUs = 0;
  PrinterStatus printerStatus = PrinterStatus::Unknown;
  QString printerDetail;
};

// Attendance at the event, consistent with the activity log up to `sequence`.
struct AttendanceSummary {
  qint64 sequence = 0;
  qint64 serverTimeUs = 0;  // When it was taken, server clock, UTC microseconds.
  QString timeZone;         // IANA.
  QString today;            // "YYYY-MM-DD", the day insideNow refers to.
  int registered = 0;
  int checkedIn = 0;
  int insideNow = 0;
  int noShows = 0;
  int cancelled = 0;
  int scans = 0;
  int refusedScans = 0;
  int forgedScans = 0;
  int badgesPrinted = 0;
  int printFailures = 0;
  int conflicts = 0;                     // Recorded by kiosks' offline uploads.
  int unseenConflicts = 0;               // Of those, not marked seen.
  QList<CategoryAttendance> categories;  // In the event's configured order.
  QList<SessionAttendance> sessions;     // By start time, then id.
  QList<ArrivalBucket> arrivals;         // Oldest first; only slots with arrivals.
  QList<KioskAttendance> kiosks;         // By device id.
};

// What an activity records.
enum class ActivityKind {
  Other,
  CheckIn,
  BadgePrint,
  DelegateAdded,
  DelegateUpdated,
  DelegateCancelled,
  BadgeReissued,
  DelegatesImported,
  SessionsImported,
  KioskStatus,
};

// The delegate an activity is about.
struct ActivityDelegate {
  qint64 id = 0;
  QString givenName;
  QString familyName;
  QString category;
  QString city;
  QString organisation;
  bool cancelled = false;
};

// One entry of the server's activity log. Fields after `delegate` apply to the kinds named.
struct Activity {
  qint64 sequence = 0;  // Strictly increasing, without gaps.
  ActivityKind kind = ActivityKind::Other;
  qint64 timeUs = 0;  // When the server logged it, UTC microseconds.
  qint64 deviceId = 0;
  QString deviceName;
  std::optional<ActivityDelegate> delegate;
  // CheckIn.
  qint64 sessionId = 0;  // 0: the venue entrance.
  bool checkOut = false;
  CheckInOutcome outcome = CheckInOutcome::Other;
  bool reentry = false;
  bool automatic = false;  // A check-out the server made because the delegate entered another session.
  bool offline = false;    // Decided by a kiosk offline and uploaded later.
  qint64 conflictId = 0;   // The conflict the upload recorded; 0 if none.
  // BadgePrint.
  bool printed = false;
  QString printError;
  // KioskStatus.
  PrinterStatus printerStatus = PrinterStatus::Unknown;
  QString printerDetail;
};

// A conflict a kiosk's offline upload recorded: it admitted (or checked out) someone the server
// would have refused; the person is inside (or left).
struct Conflict {
  qint64 id = 0;
  QString reason;  // English, for organisers.
  QString deviceName;
  qint64 scanTimeUs = 0;    // The kiosk's clock, UTC microseconds.
  qint64 uploadTimeUs = 0;  // Server clock, UTC microseconds.
  qint64 sessionId = 0;     // 0: the venue entrance.
  QString sessionTitle;
  QString givenName;  // Empty when the code matched nobody.
  QString familyName;
  QString earlierDeviceName;  // For a double admission: the other admission, logged first.
  qint64 earlierTimeUs = 0;
  bool earlierOffline = false;
  qint64 seenTimeUs = 0;  // 0 while unseen.
  QString seenBy;
};

// The newest conflicts, and how many there are.
struct ConflictList {
  QList<Conflict> conflicts;  // Newest first.
  int total = 0;
  int unseen = 0;
};

// One message of the attendance feed.
struct AttendanceEvent {
  enum class Kind { Snapshot, Activities, Resync };
  Kind kind = Kind::Snapshot;
  AttendanceSummary snapshot;  // Snapshot: apply activities with a higher sequence on top.
  QList<Activity> activities;  // Activities: consecutive, oldest first.
  qint64 resyncAfter = 0;      // Resync: the feed continues from the log after this sequence.
  QString resyncReason;
};

// Why the attendance feed ended.
struct FeedEnd {
  ClientError error;
  // The server's log has nothing as new as the sequence resumed after (a different or restored
  // event file): watch again without one.
  bool unknownSequence = false;
};

// Which list an export writes.
enum class ExportList { AllAttendees, CheckedIn, Absent, ScanLog };
enum class ExportFormat { Csv, Xlsx };

// What to export. Session and category apply to attendee lists only.
struct ExportRequest {
  ExportList list = ExportList::AllAttendees;
  qint64 sessionId = 0;  // 0: the whole event.
  QString category;      // Empty: every category.
  ExportFormat format = ExportFormat::Csv;
  QString delimiter = QStringLiteral(",");  // "," or ";" (CSV only).
  bool byteOrderMark = false;               // CSV only.
};

// The next bytes of an export file.
struct ExportChunk {
  QByteArray data;
  QString fileName;  // Suggested name; first chunk only.
};

// How a completed export ended.
struct ExportResult {
  qint64 rowCount = 0;  // Data rows, header excluded.
};

// A running server stream. Destroying it cancels the call; after the destructor returns no
// callback of it runs any more (events already queued for the GUI thread are dropped).
class Stream {
 public:
  virtual ~Stream() = default;
};

// Asynchronous client for the dashboard's server calls.
//
// Calls return at once. Every callback runs on `context`'s thread (the GUI thread), never after
// `context` is destroyed. A Stream must be destroyed before its `context` is. Implementations
// never block the caller on the network.
class AttendanceClient {
 public:
  virtual ~AttendanceClient() = default;

  // The event: name, time zone, categories with their colours.
  virtual void getEvent(QObject* context, std::function<void(const Reply<EventInfo>&)> done) = 0;
  // The attendance summary now.
  virtual void getSummary(QObject* context, std::function<void(const Reply<AttendanceSummary>&)> done) = 0;
  // Starts the attendance feed: a snapshot, then activities. With `afterSequence`, every activity
  // after it follows (no gap, no duplicate); without, only those after the snapshot. `onEvent`
  // runs for each message; `onEnd` runs once when the stream ends (always with an error: the
  // feed does not end by itself), unless the returned Stream was destroyed first.
  virtual std::unique_ptr<Stream> watch(std::optional<qint64> afterSequence, QObject* context,
                                        std::function<void(const AttendanceEvent&)> onEvent,
                                        std::function<void(const FeedEnd&)> onEnd) = 0;
  // The newest `limit` conflicts (at most 1000) with the counts of all and of unseen ones.
  virtual void listConflicts(int limit, QObject* context, std::function<void(const Reply<ConflictList>&)> done) = 0;
  // Marks conflict `id` seen by this device; answers the conflict as stored (the first marking if
  // it was seen already).
  virtual void markConflictSeen(qint64 id, QObject* context, std::function<void(const Reply<Conflict>&)> done) = 0;
  // Streams an export. `onChunk` runs for each piece in order; `done` once at the end: the file
  // is complete only if it reports success. Destroying the Stream cancels it without callbacks.
  virtual std::unique_ptr<Stream> exportFile(const ExportRequest& request, QObject* context,
                                             std::function<void(const ExportChunk&)> onChunk,
                                             std::function<void(const Reply<ExportResult>&)> done) = 0;
};

}  // namespace lanyard::client
