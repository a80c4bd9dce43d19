// SqliteEventStore's ActivityFeed: the activity log read back, and each commit's activities handed
// to the attached listener on the writer thread.

#include <memory>
#include <mutex>

#include "domain/status_macros.h"
#include "storage/sqlite_event_store.h"
#include "storage/sqlite_event_store_internal.h"

namespace lanyard::server::storage {

using domain::CheckInOutcome;
using domain::Direction;
using internal::queryInt;

namespace {

constexpr char kSelectNewestActivitySql[] = "SELECT COALESCE(MAX(id), 0) FROM activity";
// Each activity with what it refers to. Every join is on a primary key.
constexpr char kSelectActivitiesSql[] =
    "SELECT a.id, a.kind, a.time_us, a.device_id, dv.name, a.delegate_id, d.given_name, d.family_name, "
    "d.category, d.city, d.organisation, d.status, "
    "c.id, c.session_id, c.direction, c.outcome, c.event_day, c.reentry, c.left_session_id, c.scan_time_us, "
    "p.id, p.success, p.error, p.printer, p.badge_version, "
    "r.id, r.created, r.updated, r.unchanged, r.registrations, "
    "k.id, k.printer_status, k.detail, "
    // An automatic check-out is logged just before the admission that caused it.
    "EXISTS (SELECT 1 FROM check_in m WHERE m.id = c.id + 1 AND m.left_session_id = c.session_id "
    "AND m.delegate_id = c.delegate_id AND c.outcome = 10), "
    "dv.role, c.offline, f.id, f.kind "
    "FROM activity a "
    "LEFT JOIN device dv ON dv.id = a.device_id "
    "LEFT JOIN delegate d ON d.id = a.delegate_id "
    "LEFT JOIN check_in c ON c.id = a.check_in_id "
    "LEFT JOIN conflict f ON f.check_in_id = c.id "
    "LEFT JOIN badge_print p ON p.id = a.badge_print_id "
    "LEFT JOIN import_run r ON r.id = a.import_run_id "
    "LEFT JOIN kiosk_status k ON k.id = a.kiosk_status_id "
    "WHERE a.id > ? ORDER BY a.id LIMIT ?";
constexpr char kSelectRosterSql[] = "SELECT id, category, status FROM delegate ORDER BY id";
// Activities handed to the listener per query after a commit; a bigger commit takes several.
constexpr int kPublishPage = 1024;

domain::Activity readActivity(const Statement& row) {
  domain::Activity a;
  a.sequence = row.columnInt(0);
  a.kind = static_cast<domain::ActivityKind>(row.columnInt(1));
  a.timeUs = row.columnInt(2);
  a.deviceId = row.columnInt(3);
  a.deviceName = row.columnText(4);
  if (a.deviceId != 0) a.deviceRole = static_cast<domain::Role>(row.columnInt(34));
  a.delegateId = row.columnInt(5);
  a.givenName = row.columnText(6);
  a.familyName = row.columnText(7);
  a.category = row.columnText(8);
  a.city = row.columnText(9);
  a.organisation = row.columnText(10);
  a.delegateActive = row.columnInt(11) != 2;
  switch (a.kind) {
    case domain::ActivityKind::CheckIn:
      a.checkIn.checkInId = row.columnInt(12);
      a.checkIn.sessionId = row.columnInt(13);
      a.checkIn.direction = row.columnInt(14) == 2 ? Direction::Out : Direction::In;
      a.checkIn.outcome = static_cast<CheckInOutcome>(row.columnInt(15));
      a.checkIn.eventDay = static_cast<std::int32_t>(row.columnInt(16));
      a.checkIn.reentry = row.columnInt(17) != 0;
      a.checkIn.leftSessionId = row.columnInt(18);
      a.checkIn.scanTimeUs = row.columnInt(19);
      a.checkIn.automatic = row.columnInt(33) != 0;
      a.checkIn.offline = row.columnInt(35) != 0;
      a.checkIn.conflictId = row.columnInt(36);
      if (a.checkIn.conflictId != 0) a.checkIn.conflictKind = static_cast<domain::ConflictKind>(row.columnInt(37));
      break;
    case domain::ActivityKind::BadgePrint:
      a.print.printId = row.columnInt(20);
      a.print.success = row.columnInt(21) != 0;
      a.print.error = row.columnText(22);
      a.print.printer = row.columnText(23);
      a.print.badgeVersion = static_cast<std::int32_t>(row.columnInt(24));
      break;
    case domain::ActivityKind::DelegatesImported:
    case domain::ActivityKind::SessionsImported:
      a.import.importId = row.columnInt(25);
      a.import.created = static_cast<int>(row.columnInt(26));
      a.import.updated = static_cast<int>(row.columnInt(27));
      a.import.unchanged = static_cast<int>(row.columnInt(28));
      a.import.registrations = static_cast<int>(row.columnInt(29));
      break;
    case domain::ActivityKind::KioskStatus:
      a.kioskStatus.statusId = row.columnInt(30);
      a.kioskStatus.printerStatus = static_cast<domain::PrinterStatus>(row.columnInt(31));
      a.kioskStatus.detail = row.columnText(32);
      break;
    case domain::ActivityKind::DelegateAdded:
    case domain::ActivityKind::DelegateUpdated:
    case domain::ActivityKind::DelegateCancelled:
    case domain::ActivityKind::BadgeReissued:
      break;
  }
  return a;
}

// Calls `visit` for each activity after `afterSequence`, oldest first, at most `limit`.
absl::Status visitActivities(Database& db, std::int64_t afterSequence, int limit,
                             const std::function<void(domain::Activity)>& visit) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectActivitiesSql));
  select->bind(1, afterSequence).bind(2, std::int64_t{limit});
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
    if (!row) return absl::OkStatus();
    visit(readActivity(*select));
  }
}

absl::StatusOr<std::vector<domain::SessionRegistrations>> loadSessions(Database& db) {
  std::vector<domain::SessionRegistrations> sessions;
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(internal::kSelectSessionsSql));
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
    if (!row) return sessions;
    sessions.push_back({internal::readSession(*select), static_cast<int>(select->columnInt(8))});
  }
}

absl::StatusOr<std::vector<domain::RosterEntry>> loadRoster(Database& db) {
  std::vector<domain::RosterEntry> roster;
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectRosterSql));
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
    if (!row) return roster;
    roster.push_back({select->columnInt(0), select->columnText(1), select->columnInt(2) != 2});
  }
}

}  // namespace

void SqliteEventStore::publishCommitted(Database& writer) {
  std::lock_guard lock(m_listenerMutex);
  if (m_listener != nullptr) publishLocked(writer);
  if (!m_pendingAttach) return;
  if (m_listener != nullptr) {
    *m_pendingAttach->result =
        absl::FailedPreconditionError("another activity listener is attached to this event store");
    return;
  }
  absl::StatusOr<std::int64_t> newest = queryInt(writer, kSelectNewestActivitySql, [](Statement&) {});
  if (newest.ok()) {
    m_listener = m_pendingAttach->listener;
    m_publishedSequence = *newest;
  }
  *m_pendingAttach->result = std::move(newest);
}

void SqliteEventStore::publishLocked(Database& writer) {
  domain::CommittedActivities committed;
  bool importedDelegates = false;
  bool importedSessions = false;
  while (true) {
    const std::size_t before = committed.activities.size();
    const std::int64_t after =
        committed.activities.empty() ? m_publishedSequence : committed.activities.back()->sequence;
    const absl::Status status = visitActivities(writer, after, kPublishPage, [&](domain::Activity activity) {
      importedDelegates |= activity.kind == domain::ActivityKind::DelegatesImported;
      importedSessions |= activity.kind == domain::ActivityKind::SessionsImported;
      committed.activities.push_back(std::make_shared<const domain::Activity>(std::move(activity)));
    });
    if (!status.ok()) return;  // Left for the next commit.
    if (committed.activities.size() - before < static_cast<std::size_t>(kPublishPage)) break;
  }
  if (committed.activities.empty()) return;
  if (importedDelegates) {
    absl::StatusOr<std::vector<domain::RosterEntry>> roster = loadRoster(writer);
    if (!roster.ok()) return;
    committed.roster = std::make_shared<const std::vector<domain::RosterEntry>>(std::move(*roster));
  }
  if (importedDelegates || importedSessions) {
    absl::StatusOr<std::vector<domain::SessionRegistrations>> sessions = loadSessions(writer);
    if (!sessions.ok()) return;
    committed.sessions = std::make_shared<const std::vector<domain::SessionRegistrations>>(std::move(*sessions));
  }
  m_publishedSequence = committed.activities.back()->sequence;
  m_listener->onCommitted(committed);
}

absl::StatusOr<std::int64_t> SqliteEventStore::attachActivityListener(domain::ActivityListener* listener) {
  if (listener == nullptr) return absl::InvalidArgumentError("no listener to attach");
  // Attached on the writer thread right after a commit, so the newest sequence number is exactly
  // what is committed: everything after it will be published, everything up to it is in the log.
  absl::StatusOr<std::int64_t> attached = absl::InternalError("the listener was not attached");
  LANYARD_RETURN_IF_ERROR(write([&](Database&) -> absl::Status {
    m_pendingAttach = PendingAttach{listener, &attached};
    return absl::OkStatus();
  }));
  return attached;
}

absl::Status SqliteEventStore::detachActivityListener(domain::ActivityListener* listener) {
  std::lock_guard lock(m_listenerMutex);
  if (m_listener != listener) return absl::NotFoundError("that activity listener is not attached");
  m_listener = nullptr;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::Activity>> SqliteEventStore::activitiesAfter(std::int64_t afterSequence, int limit) {
  std::vector<domain::Activity> activities;
  if (limit <= 0) return activities;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    activities.clear();
    return visitActivities(db, afterSequence, limit,
                           [&](domain::Activity activity) { activities.push_back(std::move(activity)); });
  }));
  return activities;
}

absl::StatusOr<std::int64_t> SqliteEventStore::newestActivitySequence() {
  std::int64_t newest = 0;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(newest, queryInt(db, kSelectNewestActivitySql, [](Statement&) {}));
    return absl::OkStatus();
  }));
  return newest;
}

}  // namespace lanyard::server::storage
