#pragma once

// What organisers export: attendee lists and the scan log, as rows read one at a time from an
// ExportSource (implemented by storage) and written as columns to a TableWriter (a CSV or XLSX
// file, see export/export_format.h). Nothing here holds more than one row.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/check_in.h"
#include "domain/delegate.h"
#include "domain/offline_upload.h"
#include "domain/table_writer.h"

namespace lanyard::server::domain {

// Which delegates an attendee export lists.
enum class Attendance {
  All,        // Everyone in scope, cancelled registrations included.
  CheckedIn,  // Admitted at least once (entrance, or the filter's session), whatever their status now.
  Absent,     // Active and never admitted (entrance, or the filter's session): the no-shows.
};

// The scope of an attendee export.
struct AttendeeFilter {
  Attendance attendance = Attendance::All;
  // 0 for the whole event. Otherwise the delegates registered for this session plus anyone
  // admitted to it, and "admitted" means admitted to this session.
  std::int64_t sessionId = 0;
  // Only this category (exact name); empty for every category.
  std::string category;
};

// One delegate in an attendee export. Text views are valid only during the callback that
// receives the row.
struct AttendeeRow {
  std::int64_t delegateId = 0;
  std::string_view externalRef;
  std::string_view givenName;
  std::string_view familyName;
  std::string_view latinName;
  std::string_view organisation;
  std::string_view city;
  std::string_view country;
  std::string_view category;
  std::string_view email;
  std::string_view language;
  RegistrationStatus status = RegistrationStatus::Active;
  // The first ADMITTED entrance scan: server time and the device that logged it.
  std::optional<TimeUs> firstCheckInUs;
  std::string_view firstCheckInDevice;
  // A successful print exists for the delegate's current badge version.
  bool badgePrinted = false;
  // With a session filter: the first ADMITTED scan at that session, server time.
  std::optional<TimeUs> sessionFirstAdmissionUs;
};

// One entry of the check-in log. Text views are valid only during the callback that receives it.
struct ScanLogRow {
  std::int64_t id = 0;
  TimeUs serverTimeUs = 0;
  TimeUs scanTimeUs = 0;  // The client's clock, as it sent it.
  std::string_view deviceName;
  std::int64_t sessionId = 0;  // 0 for the entrance.
  std::string_view sessionTitle;
  Direction direction = Direction::In;
  CheckInOutcome outcome = CheckInOutcome::UnknownCode;
  std::int64_t delegateId = 0;  // 0 when the scan resolved to nobody.
  std::string_view delegateRef;
  std::string_view givenName;
  std::string_view familyName;
  // What was scanned, for UNKNOWN_CODE and FORGED_CODE only (never a working ticket code).
  // Arbitrary bytes from a scanner: not necessarily UTF-8.
  std::string_view scannedCode;
  bool offline = false;  // Decided by a kiosk offline; serverTimeUs is then when it was uploaded.
  // The conflict the upload recorded, if any, with the outcomes it names.
  std::optional<ConflictKind> conflictKind;
  CheckInOutcome kioskOutcome = CheckInOutcome::Admitted;
  CheckInOutcome serverOutcome = CheckInOutcome::Admitted;
};

// Streams export rows out of the event's storage without materialising them. Implementations
// may be called from several threads at once (one export per call); each call reads one
// consistent snapshot. A callback's non-OK status stops the iteration and is returned as is.
// Errors: NOT_FOUND for an unknown session, UNAVAILABLE for a busy database, RESOURCE_EXHAUSTED,
// DATA_LOSS for corruption.
class ExportSource {
 public:
  virtual ~ExportSource() = default;

  // Calls `row` for each delegate `filter` selects, in delegate id order.
  virtual absl::Status forEachAttendee(const AttendeeFilter& filter,
                                       const std::function<absl::Status(const AttendeeRow&)>& row) = 0;

  // Calls `row` for each check-in log entry, in id order.
  virtual absl::Status forEachScan(const std::function<absl::Status(const ScanLogRow&)>& row) = 0;
};

// Called every few hundred rows while an export runs; a non-OK status (e.g. CANCELLED when the
// client went away) stops the export and is returned.
using ExportCheckpoint = std::function<absl::Status()>;

// The attendee columns: delegate_id, external_ref, given_name, family_name, latin_name (the
// delegate's own Latin spelling, if given), organisation, city, country, category, email, language, status
// ("active"/"cancelled"), first_check_in (event local time), check_in_kiosk, checked_in ("yes"/"no", the entrance),
// badge_printed ("yes"/"no"), and with a session filter attended_session ("yes"/"no", what its checked-in and absent
// lists follow) and session_first_admission (event local time).
std::span<const ExportColumn> attendeeColumns(bool withSession);

// The scan log columns: check_in_id, server_time, scan_time (both event local time), kiosk,
// place ("entrance" or the session title), session_id, direction ("in"/"out"), outcome (e.g.
// "FORGED_CODE"), external_ref, given_name, family_name, scanned_code.
std::span<const ExportColumn> scanLogColumns();

// Writes the attendees `filter` selects as rows of `out` (whose columns must be
// attendeeColumns(filter.sessionId != 0)), then finishes it. Returns the number of data rows.
absl::StatusOr<std::int64_t> writeAttendees(ExportSource& source, const AttendeeFilter& filter, TableWriter& out,
                                            const ExportCheckpoint& checkpoint);

// Writes the scan log as rows of `out` (whose columns must be scanLogColumns()), then finishes it.
// Returns the number of data rows.
absl::StatusOr<std::int64_t> writeScanLog(ExportSource& source, TableWriter& out, const ExportCheckpoint& checkpoint);

}  // namespace lanyard::server::domain
