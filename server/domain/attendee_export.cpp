#include "domain/attendee_export.h"

#include <iterator>

namespace lanyard::server::domain {

namespace {

// How often a running export calls its checkpoint.
constexpr std::int64_t kCheckpointEveryRows = 256;

constexpr ExportColumn kAttendeeColumns[] = {
    {"delegate_id", 11},
    {"external_ref", 14},
    {"given_name", 18},
    {"family_name", 20},
    {"latin_name", 24},
    {"organisation", 30},
    {"city", 16},
    {"country", 8},
    {"category", 16},
    {"email", 30},
    {"language", 9},
    {"status", 10},
    {"first_check_in", 20},
    {"check_in_kiosk", 18},
    {"checked_in", 11},
    {"badge_printed", 13},
    // With a session filter only.
    {"attended_session", 16},
    {"session_first_admission", 22},
};
constexpr std::size_t kSessionColumns = 2;

constexpr ExportColumn kScanLogColumns[] = {
    {"check_in_id", 11}, {"server_time", 20},  {"scan_time", 20}, {"kiosk", 18},        {"place", 30},
    {"session_id", 10},  {"direction", 9},     {"outcome", 22},   {"external_ref", 14}, {"given_name", 18},
    {"family_name", 20}, {"scanned_code", 30}, {"offline", 8},    {"upload_time", 20},  {"conflict", 50},
};

std::string_view yesNo(bool value) { return value ? "yes" : "no"; }

// Ends a row, and every kCheckpointEveryRows rows asks whether to go on.
absl::Status endRow(TableWriter& out, const ExportCheckpoint& checkpoint) {
  if (absl::Status status = out.endRow(); !status.ok()) return status;
  if (checkpoint && out.rows() % kCheckpointEveryRows == 0) return checkpoint();
  return absl::OkStatus();
}

absl::StatusOr<std::int64_t> finish(absl::Status status, TableWriter& out, const ExportCheckpoint& checkpoint) {
  if (status.ok() && checkpoint) status = checkpoint();
  if (status.ok()) status = out.finish();
  if (!status.ok()) return status;
  return out.rows();
}

}  // namespace

std::span<const ExportColumn> attendeeColumns(bool withSession) {
  std::span<const ExportColumn> all(kAttendeeColumns);
  return withSession ? all : all.first(all.size() - kSessionColumns);
}

std::span<const ExportColumn> scanLogColumns() { return kScanLogColumns; }

absl::StatusOr<std::int64_t> writeAttendees(ExportSource& source, const AttendeeFilter& filter, TableWriter& out,
                                            const ExportCheckpoint& checkpoint) {
  const bool withSession = filter.sessionId != 0;
  absl::Status status = source.forEachAttendee(filter, [&](const AttendeeRow& row) {
    out.integer(row.delegateId);
    out.text(row.externalRef);
    out.text(row.givenName);
    out.text(row.familyName);
    out.text(row.latinName);
    out.text(row.organisation);
    out.text(row.city);
    out.text(row.country);
    out.text(row.category);
    out.text(row.email);
    out.text(row.language);
    out.text(row.status == RegistrationStatus::Cancelled ? "cancelled" : "active");
    out.dateTime(row.firstCheckInUs);
    out.text(row.firstCheckInDevice);
    out.text(yesNo(row.firstCheckInUs.has_value()));
    out.text(yesNo(row.badgePrinted));
    if (withSession) {
      out.text(yesNo(row.sessionFirstAdmissionUs.has_value()));
      out.dateTime(row.sessionFirstAdmissionUs);
    }
    return endRow(out, checkpoint);
  });
  return finish(std::move(status), out, checkpoint);
}

absl::StatusOr<std::int64_t> writeScanLog(ExportSource& source, TableWriter& out, const ExportCheckpoint& checkpoint) {
  absl::Status status = source.forEachScan([&](const ScanLogRow& row) {
    out.integer(row.id);
    out.dateTime(row.serverTimeUs);
    out.dateTime(row.scanTimeUs);
    out.text(row.deviceName);
    out.text(row.sessionId == 0 ? std::string_view("entrance") : row.sessionTitle);
    if (row.sessionId == 0) {
      out.text("");
    } else {
      out.integer(row.sessionId);
    }
    out.text(row.direction == Direction::Out ? "out" : "in");
    out.text(outcomeName(row.outcome));
    out.text(row.delegateRef);
    out.text(row.givenName);
    out.text(row.familyName);
    out.text(row.scannedCode);
    out.text(yesNo(row.offline));
    out.dateTime(row.offline ? std::optional<TimeUs>(row.serverTimeUs) : std::nullopt);
    out.text(row.conflictKind ? conflictReason(*row.conflictKind, row.kioskOutcome, row.serverOutcome) : "");
    return endRow(out, checkpoint);
  });
  return finish(std::move(status), out, checkpoint);
}

}  // namespace lanyard::server::domain
