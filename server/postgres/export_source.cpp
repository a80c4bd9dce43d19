#include "postgres/export_source.h"

#include <cstdint>
#include <optional>
#include <pqxx/result>
#include <pqxx/row>
#include <pqxx/transaction_base>
#include <string>
#include <utility>
#include <vector>

#include "domain/badge_print.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "postgres/cursor.h"

namespace lanyard::server::postgres {

namespace {

using domain::TimeUs;

// Values bound for the attendance filter.
constexpr int kAttendanceAll = 0;
constexpr int kAttendanceCheckedIn = 1;
constexpr int kAttendanceAbsent = 2;

constexpr char kEventTableExistsSql[] = "SELECT to_regclass('event') IS NOT NULL";
constexpr char kCountEventsSql[] = "SELECT count(*) FROM event";
constexpr char kSessionExistsSql[] = "SELECT EXISTS (SELECT 1 FROM session WHERE id = $1)";

// The queries below are storage/sqlite_export.cpp's, in PostgreSQL's words: the same rows in the
// same order, read by the same column numbers.

// Each delegate with their first admission (the log's lowest id with outcome 1: at the entrance
// or straight into a session) and its device: one seek in check_in_by_delegate per delegate; and
// their badge version, for PrintsByDelegate. Parameters: category ('' for all), attendance.
constexpr char kAttendeesSql[] =
    "SELECT d.id, d.external_ref, d.given_name, d.family_name, d.organisation, d.city, d.country, d.category, "
    "d.email, d.language, d.status, fc.server_time_us, dv.name, d.latin_name, d.badge_version "
    "FROM delegate d "
    "LEFT JOIN LATERAL (SELECT c.id, c.server_time_us, c.device_id FROM check_in c WHERE c.delegate_id = d.id "
    "AND c.outcome = 1 ORDER BY c.id LIMIT 1) fc ON TRUE "
    "LEFT JOIN device dv ON dv.id = fc.device_id "
    "WHERE ($1::TEXT = '' OR d.category = $1::TEXT) "
    "AND ($2::INTEGER = 0 OR ($2 = 1 AND fc.id IS NOT NULL) OR ($2 = 2 AND fc.id IS NULL AND d.status = 1)) "
    "ORDER BY d.id";

// As kAttendeesSql, for the delegates registered for one session or admitted to it, with their
// first admission to it; "checked in" and "absent" refer to that session. The repeated
// `outcome IN (1, 10)` matches check_in_moves_by_session's WHERE so that the planner may use that
// partial index. Parameters: session id, category ('' for all), attendance.
constexpr char kSessionAttendeesSql[] =
    "SELECT d.id, d.external_ref, d.given_name, d.family_name, d.organisation, d.city, d.country, d.category, "
    "d.email, d.language, d.status, fc.server_time_us, dv.name, d.latin_name, d.badge_version, "
    "sc.server_time_us "
    "FROM delegate d "
    "LEFT JOIN LATERAL (SELECT c.id, c.server_time_us, c.device_id FROM check_in c WHERE c.delegate_id = d.id "
    "AND c.outcome = 1 ORDER BY c.id LIMIT 1) fc ON TRUE "
    "LEFT JOIN device dv ON dv.id = fc.device_id "
    "LEFT JOIN LATERAL (SELECT c.id, c.server_time_us FROM check_in c WHERE c.delegate_id = d.id "
    "AND c.session_id = $1::BIGINT AND c.outcome IN (1, 10) AND c.outcome = 1 ORDER BY c.id LIMIT 1) sc ON TRUE "
    "WHERE (sc.id IS NOT NULL "
    "OR EXISTS (SELECT 1 FROM registration r WHERE r.session_id = $1 AND r.delegate_id = d.id)) "
    "AND ($2::TEXT = '' OR d.category = $2::TEXT) "
    "AND ($3::INTEGER = 0 OR ($3 = 1 AND sc.id IS NOT NULL) OR ($3 = 2 AND sc.id IS NULL AND d.status = 1)) "
    "ORDER BY d.id";

// Every badge print, as domain::badgePrinted reads them, in the attendee queries' order of
// delegates (badge_print_delegate's order).
constexpr char kPrintFactsSql[] =
    "SELECT delegate_id, badge_version, success FROM badge_print ORDER BY delegate_id, id";

// The whole check-in log. The scanned text is exported only for unknown (7) and forged (8)
// codes: for any other outcome it may be a working ticket code.
constexpr char kScanLogSql[] =
    "SELECT c.id, c.server_time_us, c.scan_time_us, dv.name, c.session_id, s.title, c.direction, c.outcome, "
    "c.delegate_id, d.external_ref, d.given_name, d.family_name, "
    "CASE WHEN c.outcome IN (7, 8) THEN c.scanned_code END, c.offline, f.kind, f.kiosk_outcome, f.server_outcome "
    "FROM check_in c "
    "JOIN device dv ON dv.id = c.device_id "
    "LEFT JOIN session s ON s.id = c.session_id "
    "LEFT JOIN delegate d ON d.id = c.delegate_id "
    "LEFT JOIN conflict f ON f.check_in_id = c.id "
    "ORDER BY c.id";

// Decides each attendee's "badge printed" by the domain's rule (domain/badge_print.h) rather than
// in SQL, as SqliteExportSource does: kPrintFactsSql is read beside an attendee query, both in
// delegate id order, so the whole export reads the print log once, in index order.
class PrintsByDelegate {
 public:
  explicit PrintsByDelegate(pqxx::transaction_base& transaction)
      : m_prints(transaction, "lanyard_export_prints", kPrintFactsSql) {}

  // Whether the badge of `delegateId`, now at `currentBadgeVersion`, is printed. Ids must ascend
  // from call to call: the prints of the delegates skipped are passed over.
  bool badgePrinted(std::int64_t delegateId, std::int32_t currentBadgeVersion) {
    m_ofDelegate.clear();
    while (true) {
      if (!m_held) {
        m_held = m_prints.next();
        if (!m_held) break;
      }
      const std::int64_t printedFor = (*m_held)[0].as<std::int64_t>();
      if (printedFor > delegateId) break;  // A later delegate's print, kept for their turn.
      if (printedFor == delegateId) {
        domain::BadgePrintRecord& print = m_ofDelegate.emplace_back();
        print.badgeVersion = (*m_held)[1].as<std::int32_t>();
        print.success = (*m_held)[2].as<int>() != 0;
      }
      m_held.reset();
    }
    return domain::badgePrinted(currentBadgeVersion, m_ofDelegate);
  }

 private:
  Cursor m_prints;
  std::optional<pqxx::row> m_held;  // A print read but not yet taken.
  // The current delegate's prints; reused from delegate to delegate.
  std::vector<domain::BadgePrintRecord> m_ofDelegate;
};

// A text column as a view (empty for NULL), valid while its row's result lives.
std::string_view text(const pqxx::field& field) {
  return field.is_null() ? std::string_view() : std::string_view(field.c_str(), field.size());
}

std::optional<TimeUs> optionalTime(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<TimeUs>();
}

int attendanceValue(domain::Attendance attendance) {
  switch (attendance) {
    case domain::Attendance::All:
      return kAttendanceAll;
    case domain::Attendance::CheckedIn:
      return kAttendanceCheckedIn;
    case domain::Attendance::Absent:
      return kAttendanceAbsent;
  }
  return kAttendanceAll;
}

}  // namespace

absl::StatusOr<std::unique_ptr<PostgresExportSource>> PostgresExportSource::open(std::string_view uri) {
  LANYARD_ASSIGN_OR_RETURN(std::unique_ptr<ConnectionPool> pool, ConnectionPool::open(uri, kConnections));
  LANYARD_RETURN_IF_ERROR(pool->inTransaction("opening exports", [&](pqxx::transaction_base& transaction) {
    if (!transaction.exec1(kEventTableExistsSql)[0].as<bool>() ||
        transaction.exec1(kCountEventsSql)[0].as<std::int64_t>() != 1) {
      return absl::FailedPreconditionError(strCat("the database ", pool->address(), " holds no event"));
    }
    return absl::OkStatus();
  }));
  return std::unique_ptr<PostgresExportSource>(new PostgresExportSource(std::move(pool)));
}

absl::Status PostgresExportSource::inSnapshot(std::string_view purpose, const Database::Work& work) {
  return m_pool->inTransaction(
      purpose,
      [&](pqxx::transaction_base& transaction) {
        transaction.exec("SET TRANSACTION READ ONLY");
        return work(transaction);
      },
      Isolation::RepeatableRead);
}

absl::Status PostgresExportSource::forEachAttendee(const domain::AttendeeFilter& filter,
                                                   const std::function<absl::Status(const domain::AttendeeRow&)>& row) {
  return inSnapshot("exporting attendees", [&](pqxx::transaction_base& transaction) {
    const bool forSession = filter.sessionId != 0;
    if (forSession && !transaction.exec_params1(kSessionExistsSql, filter.sessionId)[0].as<bool>()) {
      return absl::NotFoundError(strCat("no session with id ", filter.sessionId));
    }
    const int attendance = attendanceValue(filter.attendance);
    Cursor select = forSession
                        ? Cursor(transaction, "lanyard_export_attendees", kSessionAttendeesSql, filter.sessionId,
                                 filter.category, attendance)
                        : Cursor(transaction, "lanyard_export_attendees", kAttendeesSql, filter.category, attendance);
    PrintsByDelegate prints(transaction);
    domain::AttendeeRow out;
    while (const std::optional<pqxx::row> next = select.next()) {
      const pqxx::row& r = *next;
      out.delegateId = r[0].as<std::int64_t>();
      out.externalRef = text(r[1]);
      out.givenName = text(r[2]);
      out.familyName = text(r[3]);
      out.organisation = text(r[4]);
      out.city = text(r[5]);
      out.country = text(r[6]);
      out.category = text(r[7]);
      out.email = text(r[8]);
      out.language = text(r[9]);
      out.status = r[10].as<int>() == 2 ? domain::RegistrationStatus::Cancelled : domain::RegistrationStatus::Active;
      out.firstCheckInUs = optionalTime(r[11]);
      out.firstCheckInDevice = text(r[12]);
      out.latinName = text(r[13]);
      out.badgePrinted = prints.badgePrinted(out.delegateId, r[14].as<std::int32_t>());
      out.sessionFirstAdmissionUs = forSession ? optionalTime(r[15]) : std::nullopt;
      LANYARD_RETURN_IF_ERROR(row(out));
    }
    return absl::OkStatus();
  });
}

absl::Status PostgresExportSource::forEachScan(const std::function<absl::Status(const domain::ScanLogRow&)>& row) {
  return inSnapshot("exporting the scan log", [&](pqxx::transaction_base& transaction) {
    Cursor select(transaction, "lanyard_export_scans", kScanLogSql);
    domain::ScanLogRow out;
    while (const std::optional<pqxx::row> next = select.next()) {
      const pqxx::row& r = *next;
      out.id = r[0].as<std::int64_t>();
      out.serverTimeUs = r[1].as<TimeUs>();
      out.scanTimeUs = r[2].as<TimeUs>();
      out.deviceName = text(r[3]);
      out.sessionId = r[4].as<std::int64_t>(0);
      out.sessionTitle = text(r[5]);
      out.direction = r[6].as<int>() == 2 ? domain::Direction::Out : domain::Direction::In;
      out.outcome = static_cast<domain::CheckInOutcome>(r[7].as<int>());
      out.delegateId = r[8].as<std::int64_t>(0);
      out.delegateRef = text(r[9]);
      out.givenName = text(r[10]);
      out.familyName = text(r[11]);
      out.scannedCode = text(r[12]);
      out.offline = r[13].as<int>() != 0;
      out.conflictKind.reset();
      if (!r[14].is_null()) {
        out.conflictKind = static_cast<domain::ConflictKind>(r[14].as<int>());
        out.kioskOutcome = static_cast<domain::CheckInOutcome>(r[15].as<int>());
        out.serverOutcome = static_cast<domain::CheckInOutcome>(r[16].as<int>());
      }
      LANYARD_RETURN_IF_ERROR(row(out));
    }
    return absl::OkStatus();
  });
}

}  // namespace lanyard::server::postgres
