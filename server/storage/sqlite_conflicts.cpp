// SqliteEventStore's ConflictLog: the conflicts logCheckIn recorded for offline uploads, listed
// newest first and marked seen.

#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "storage/sqlite_event_store.h"
#include "storage/sqlite_event_store_internal.h"

namespace lanyard::server::storage {

namespace {

// The conflicts below ?1 (0: from the newest), unseen only when ?2 is 1, at most ?3; or with ?4
// set, that one conflict.
constexpr char kSelectConflictsSql[] =
    "SELECT f.id, f.kind, f.kiosk_outcome, f.server_outcome, c.id, c.scan_time_us, c.server_time_us, dv.name, "
    "c.session_id, s.title, c.delegate_id, d.given_name, d.family_name, "
    "e.id, edv.name, CASE e.offline WHEN 1 THEN MIN(e.scan_time_us, e.server_time_us) ELSE e.server_time_us END, "
    "e.offline, f.seen_time_us, sdv.name "
    "FROM conflict f "
    "JOIN check_in c ON c.id = f.check_in_id "
    "JOIN device dv ON dv.id = c.device_id "
    "LEFT JOIN session s ON s.id = c.session_id "
    "LEFT JOIN delegate d ON d.id = c.delegate_id "
    "LEFT JOIN check_in e ON e.id = f.earlier_check_in_id "
    "LEFT JOIN device edv ON edv.id = e.device_id "
    "LEFT JOIN device sdv ON sdv.id = f.seen_device_id "
    "WHERE (?1 = 0 OR f.id < ?1) AND (?2 = 0 OR f.seen_time_us IS NULL) AND (?4 = 0 OR f.id = ?4) "
    "ORDER BY f.id DESC LIMIT ?3";
constexpr char kCountConflictsSql[] = "SELECT COUNT(*), COUNT(*) - COUNT(seen_time_us) FROM conflict";
constexpr char kMarkSeenSql[] =
    "UPDATE conflict SET seen_device_id = ?, seen_time_us = ? WHERE id = ? AND seen_time_us IS NULL";

domain::ConflictRecord readConflict(const Statement& row) {
  domain::ConflictRecord r;
  r.id = row.columnInt(0);
  r.kind = static_cast<domain::ConflictKind>(row.columnInt(1));
  r.kioskOutcome = static_cast<domain::CheckInOutcome>(row.columnInt(2));
  r.serverOutcome = static_cast<domain::CheckInOutcome>(row.columnInt(3));
  r.checkInId = row.columnInt(4);
  r.scanTimeUs = row.columnInt(5);
  r.uploadTimeUs = row.columnInt(6);
  r.deviceName = row.columnText(7);
  r.sessionId = row.columnInt(8);
  r.sessionTitle = row.columnText(9);
  r.delegateId = row.columnInt(10);
  r.givenName = row.columnText(11);
  r.familyName = row.columnText(12);
  r.earlierCheckInId = row.columnInt(13);
  r.earlierDeviceName = row.columnText(14);
  r.earlierTimeUs = row.columnInt(15);
  r.earlierOffline = row.columnInt(16) != 0;
  r.seenTimeUs = row.columnInt(17);
  r.seenByDeviceName = row.columnText(18);
  return r;
}

// Reads the conflicts kSelectConflictsSql selects as bound.
absl::StatusOr<std::vector<domain::ConflictRecord>> selectConflicts(Database& db, std::int64_t belowId, bool unseenOnly,
                                                                    int limit, std::int64_t id) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectConflictsSql));
  select->bind(1, belowId).bind(2, std::int64_t{unseenOnly ? 1 : 0}).bind(3, std::int64_t{limit}).bind(4, id);
  std::vector<domain::ConflictRecord> conflicts;
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
    if (!row) return conflicts;
    conflicts.push_back(readConflict(*select));
  }
}

}  // namespace

absl::StatusOr<std::vector<domain::ConflictRecord>> SqliteEventStore::listConflicts(bool unseenOnly,
                                                                                    domain::Page page) {
  std::vector<domain::ConflictRecord> conflicts;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(conflicts, selectConflicts(db, page.afterId, unseenOnly, page.limit, 0));
    return absl::OkStatus();
  }));
  return conflicts;
}

absl::StatusOr<domain::ConflictCounts> SqliteEventStore::conflictCounts() {
  domain::ConflictCounts counts;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kCountConflictsSql));
    LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
    counts.all = row ? static_cast<int>(select->columnInt(0)) : 0;
    counts.unseen = row ? static_cast<int>(select->columnInt(1)) : 0;
    return absl::OkStatus();
  }));
  return counts;
}

absl::StatusOr<domain::ConflictLog::SeenMark> SqliteEventStore::markConflictSeen(std::int64_t id,
                                                                                 std::int64_t deviceId) {
  SeenMark mark;
  const domain::TimeUs now = m_clock();
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(kMarkSeenSql));
    LANYARD_RETURN_IF_ERROR(update->bind(1, deviceId).bind(2, now).bind(3, id).run());
    mark.newly = db.changes() == 1;
    LANYARD_ASSIGN_OR_RETURN(std::vector<domain::ConflictRecord> found, selectConflicts(db, 0, false, 1, id));
    if (found.empty()) return absl::NotFoundError(strCat("conflict ", id, " not found"));
    mark.conflict = std::move(found.front());
    return absl::OkStatus();
  }));
  return mark;
}

}  // namespace lanyard::server::storage
