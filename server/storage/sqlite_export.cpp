#include "storage/sqlite_export.h"

#include <sqlite3.h>

#include <utility>
#include <vector>

#include "domain/badge_print.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "sqlite/sqlite.h"

namespace lanyard::server::storage {

namespace {

using domain::TimeUs;

// Values bound for the attendance filter.
constexpr std::int64_t kAttendanceAll = 0;
constexpr std::int64_t kAttendanceCheckedIn = 1;
constexpr std::int64_t kAttendanceAbsent = 2;
// Idle connections kept between exports.
constexpr std::size_t kMaxIdleConnections = 2;

constexpr char kCountEventsSql[] = "SELECT COUNT(*) FROM event";
constexpr char kSessionExistsSql[] = "SELECT EXISTS (SELECT 1 FROM session WHERE id = ?)";

// Each delegate with their first admission (the log's lowest id with outcome 1: at the entrance
// or straight into a session, as the attendance summary counts "checked in") and its device: one
// seek in check_in_by_delegate per delegate; and their badge version, for PrintsByDelegate.
// Parameters: category ('' for all), attendance.
constexpr char kAttendeesSql[] =
    "SELECT d.id, d.external_ref, d.given_name, d.family_name, d.organisation, d.city, d.country, d.category, "
    "d.email, d.language, d.status, fc.server_time_us, dv.name, d.latin_name, d.badge_version "
    "FROM delegate d "
    "LEFT JOIN check_in fc ON fc.id = (SELECT c.id FROM check_in c WHERE c.delegate_id = d.id "
    "AND c.outcome = 1 ORDER BY c.id LIMIT 1) "
    "LEFT JOIN device dv ON dv.id = fc.device_id "
    "WHERE (?1 = '' OR d.category = ?1) "
    "AND (?2 = 0 OR (?2 = 1 AND fc.id IS NOT NULL) OR (?2 = 2 AND fc.id IS NULL AND d.status = 1)) "
    "ORDER BY d.id";

// As kAttendeesSql, for the delegates registered for one session or admitted to it, with their
// first admission to it; "checked in" and "absent" refer to that session. The repeated
// `outcome IN (1, 10)` matches check_in_moves_by_session's WHERE so SQLite may use that partial
// index. Parameters: session id, category ('' for all), attendance.
constexpr char kSessionAttendeesSql[] =
    "SELECT d.id, d.external_ref, d.given_name, d.family_name, d.organisation, d.city, d.country, d.category, "
    "d.email, d.language, d.status, fc.server_time_us, dv.name, d.latin_name, d.badge_version, "
    "sc.server_time_us "
    "FROM delegate d "
    "LEFT JOIN check_in fc ON fc.id = (SELECT c.id FROM check_in c WHERE c.delegate_id = d.id "
    "AND c.outcome = 1 ORDER BY c.id LIMIT 1) "
    "LEFT JOIN device dv ON dv.id = fc.device_id "
    "LEFT JOIN check_in sc ON sc.id = (SELECT c.id FROM check_in c WHERE c.delegate_id = d.id "
    "AND c.session_id = ?1 AND c.outcome IN (1, 10) AND c.outcome = 1 ORDER BY c.id LIMIT 1) "
    "WHERE (sc.id IS NOT NULL "
    "OR EXISTS (SELECT 1 FROM registration r WHERE r.session_id = ?1 AND r.delegate_id = d.id)) "
    "AND (?2 = '' OR d.category = ?2) "
    "AND (?3 = 0 OR (?3 = 1 AND sc.id IS NOT NULL) OR (?3 = 2 AND sc.id IS NULL AND d.status = 1)) "
    "ORDER BY d.id";

// Every badge print, as domain::badgePrinted reads them, in the attendee queries' order of delegates
// (badge_print_delegate's order: no sort).
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

// A read transaction on a connection: everything read until it ends sees one snapshot.
class ReadSnapshot {
 public:
  static absl::StatusOr<ReadSnapshot> begin(Database& db) {
    LANYARD_RETURN_IF_ERROR(db.exec("BEGIN"));
    return ReadSnapshot(&db);
  }
  ReadSnapshot(ReadSnapshot&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}
  ReadSnapshot& operator=(ReadSnapshot&&) = delete;
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  // Ends the read; nothing was written, so there is nothing to keep.
  ~ReadSnapshot() {
    if (m_db != nullptr) (void)m_db->exec("ROLLBACK");
  }

 private:
  explicit ReadSnapshot(Database* db) : m_db(db) {}
  Database* m_db;
};

// Decides each attendee's "badge printed" by the domain's rule (domain/badge_print.h) rather than in
// SQL, so that the rule is written once: kPrintFactsSql is stepped beside an attendee query, both in
// delegate id order, so the whole export reads the print log once, in index order.
class PrintsByDelegate {
 public:
  explicit PrintsByDelegate(Statement select) : m_select(std::move(select)) {}

  // Whether the badge of `delegateId`, now at `currentBadgeVersion`, is printed. Ids must ascend
  // from call to call: the prints of the delegates skipped are passed over.
  absl::StatusOr<bool> badgePrinted(std::int64_t delegateId, std::int32_t currentBadgeVersion) {
    m_prints.clear();
    while (!m_exhausted) {
      if (!m_holdsRow) {
        LANYARD_ASSIGN_OR_RETURN(m_holdsRow, m_select.step());
        if (!m_holdsRow) {
          m_exhausted = true;
          break;
        }
      }
      const std::int64_t printedFor = m_select.columnInt(0);
      if (printedFor > delegateId) break;  // A later delegate's print, kept for their turn.
      if (printedFor == delegateId) {
        domain::BadgePrintRecord& print = m_prints.emplace_back();
        print.badgeVersion = static_cast<std::int32_t>(m_select.columnInt(1));
        print.success = m_select.columnInt(2) != 0;
      }
      m_holdsRow = false;
    }
    return domain::badgePrinted(currentBadgeVersion, m_prints);
  }

 private:
  Statement m_select;
  // m_select holds a row not yet taken.
  bool m_holdsRow = false;
  // m_select has returned its last row; stepping it again would start it over.
  bool m_exhausted = false;
  // The current delegate's prints; reused from delegate to delegate.
  std::vector<domain::BadgePrintRecord> m_prints;
};

absl::StatusOr<Database> openReader(const std::string& path) {
  return Database::open(path, Database::Options{.readOnly = true});
}

std::optional<TimeUs> optionalTime(const Statement& statement, int column) {
  if (statement.columnIsNull(column)) return std::nullopt;
  return statement.columnInt(column);
}

std::int64_t attendanceValue(domain::Attendance attendance) {
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

// Borrows a connection from the source for one export and gives it back when destroyed.
class SqliteExportSource::Lease {
 public:
  static absl::StatusOr<Lease> take(SqliteExportSource& source) {
    LANYARD_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, source.acquire());
    return Lease(source, std::move(db));
  }
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease() {
    if (m_db) m_source.release(std::move(m_db));
  }

  Database& db() const { return *m_db; }

 private:
  Lease(SqliteExportSource& source, std::unique_ptr<Database> db) : m_source(source), m_db(std::move(db)) {}
  SqliteExportSource& m_source;
  std::unique_ptr<Database> m_db;
};

absl::StatusOr<std::unique_ptr<Database>> SqliteExportSource::acquire() {
  {
    std::lock_guard lock(m_idleMutex);
    if (!m_idle.empty()) {
      std::unique_ptr<Database> db = std::move(m_idle.back());
      m_idle.pop_back();
      return db;
    }
  }
  LANYARD_ASSIGN_OR_RETURN(Database opened, openReader(m_path));
  return std::make_unique<Database>(std::move(opened));
}

void SqliteExportSource::release(std::unique_ptr<Database> db) {
  if (sqlite3_get_autocommit(db->handle()) == 0) return;  // A read that did not end: start afresh.
  std::lock_guard lock(m_idleMutex);
  if (m_idle.size() < kMaxIdleConnections) m_idle.push_back(std::move(db));
}

absl::StatusOr<std::unique_ptr<SqliteExportSource>> SqliteExportSource::open(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file::memory:", 0) == 0) {
    return absl::InvalidArgumentError("exports read the event database file; an in-memory database cannot be shared");
  }
  absl::StatusOr<Database> db = openReader(path);
  if (!db.ok()) return absl::FailedPreconditionError(db.status().message());
  absl::StatusOr<Statement> count = db->prepare(kCountEventsSql);
  if (!count.ok()) {
    return absl::FailedPreconditionError(strCat(path, " holds no Lanyard event: ", count.status().message()));
  }
  LANYARD_ASSIGN_OR_RETURN(const bool row, count->step());
  if (!row || count->columnInt(0) != 1) return absl::FailedPreconditionError(strCat(path, " holds no Lanyard event"));
  return std::unique_ptr<SqliteExportSource>(new SqliteExportSource(path));
}

absl::Status SqliteExportSource::forEachAttendee(const domain::AttendeeFilter& filter,
                                                 const std::function<absl::Status(const domain::AttendeeRow&)>& row) {
  LANYARD_ASSIGN_OR_RETURN(const Lease lease, Lease::take(*this));
  Database& db = lease.db();
  LANYARD_ASSIGN_OR_RETURN(const ReadSnapshot snapshot, ReadSnapshot::begin(db));
  const bool forSession = filter.sessionId != 0;
  if (forSession) {
    LANYARD_ASSIGN_OR_RETURN(Statement exists, db.prepare(kSessionExistsSql));
    exists.bind(1, filter.sessionId);
    LANYARD_ASSIGN_OR_RETURN(const bool found, exists.step());
    if (!found || exists.columnInt(0) == 0) {
      return absl::NotFoundError(strCat("no session with id ", filter.sessionId));
    }
  }
  LANYARD_ASSIGN_OR_RETURN(Statement select, db.prepare(forSession ? kSessionAttendeesSql : kAttendeesSql));
  int parameter = 1;
  if (forSession) select.bind(parameter++, filter.sessionId);
  select.bind(parameter++, std::string_view(filter.category));
  select.bind(parameter++, attendanceValue(filter.attendance));
  LANYARD_ASSIGN_OR_RETURN(Statement printFacts, db.prepare(kPrintFactsSql));
  PrintsByDelegate prints(std::move(printFacts));

  domain::AttendeeRow out;
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(const bool more, select.step());
    if (!more) break;
    out.delegateId = select.columnInt(0);
    out.externalRef = select.columnTextView(1);
    out.givenName = select.columnTextView(2);
    out.familyName = select.columnTextView(3);
    out.organisation = select.columnTextView(4);
    out.city = select.columnTextView(5);
    out.country = select.columnTextView(6);
    out.category = select.columnTextView(7);
    out.email = select.columnTextView(8);
    out.language = select.columnTextView(9);
    out.status = select.columnInt(10) == 2 ? domain::RegistrationStatus::Cancelled : domain::RegistrationStatus::Active;
    out.firstCheckInUs = optionalTime(select, 11);
    out.firstCheckInDevice = select.columnTextView(12);
    out.latinName = select.columnTextView(13);
    LANYARD_ASSIGN_OR_RETURN(out.badgePrinted,
                             prints.badgePrinted(out.delegateId, static_cast<std::int32_t>(select.columnInt(14))));
    out.sessionFirstAdmissionUs = forSession ? optionalTime(select, 15) : std::nullopt;
    LANYARD_RETURN_IF_ERROR(row(out));
  }
  return absl::OkStatus();
}

absl::Status SqliteExportSource::forEachScan(const std::function<absl::Status(const domain::ScanLogRow&)>& row) {
  LANYARD_ASSIGN_OR_RETURN(const Lease lease, Lease::take(*this));
  Database& db = lease.db();
  LANYARD_ASSIGN_OR_RETURN(const ReadSnapshot snapshot, ReadSnapshot::begin(db));
  LANYARD_ASSIGN_OR_RETURN(Statement select, db.prepare(kScanLogSql));
  domain::ScanLogRow out;
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(const bool more, select.step());
    if (!more) break;
    out.id = select.columnInt(0);
    out.serverTimeUs = select.columnInt(1);
    out.scanTimeUs = select.columnInt(2);
    out.deviceName = select.columnTextView(3);
    out.sessionId = select.columnInt(4);
    out.sessionTitle = select.columnTextView(5);
    out.direction = select.columnInt(6) == 2 ? domain::Direction::Out : domain::Direction::In;
    out.outcome = static_cast<domain::CheckInOutcome>(select.columnInt(7));
    out.delegateId = select.columnInt(8);
    out.delegateRef = select.columnTextView(9);
    out.givenName = select.columnTextView(10);
    out.familyName = select.columnTextView(11);
    out.scannedCode = select.columnTextView(12);
    out.offline = select.columnInt(13) != 0;
    out.conflictKind.reset();
    if (!select.columnIsNull(14)) {
      out.conflictKind = static_cast<domain::ConflictKind>(select.columnInt(14));
      out.kioskOutcome = static_cast<domain::CheckInOutcome>(select.columnInt(15));
      out.serverOutcome = static_cast<domain::CheckInOutcome>(select.columnInt(16));
    }
    LANYARD_RETURN_IF_ERROR(row(out));
  }
  return absl::OkStatus();
}

}  // namespace lanyard::server::storage
