// PostgresEventStore's ConflictLog: the conflicts logCheckIn recorded for offline uploads, listed
// newest first and marked seen.

#include <pqxx/result>
#include <pqxx/transaction_base>

#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "postgres/event_store.h"

namespace lanyard::server::postgres {

namespace {

// The conflicts below $1 (0: from the newest), unseen only when $2, at most $3; or with $4 set,
// that one conflict.
constexpr char kSelectConflictsSql[] =
    "SELECT f.id, f.kind, f.kiosk_outcome, f.server_outcome, c.id, c.scan_time_us, c.server_time_us, dv.name, "
    "c.session_id, s.title, c.delegate_id, d.given_name, d.family_name, "
    "e.id, edv.name, CASE e.offline WHEN 1 THEN LEAST(e.scan_time_us, e.server_time_us) ELSE e.server_time_us END, "
    "e.offline, f.seen_time_us, sdv.name "
    "FROM conflict f "
    "JOIN check_in c ON c.id = f.check_in_id "
    "JOIN device dv ON dv.id = c.device_id "
    "LEFT JOIN session s ON s.id = c.session_id "
    "LEFT JOIN delegate d ON d.id = c.delegate_id "
    "LEFT JOIN check_in e ON e.id = f.earlier_check_in_id "
    "LEFT JOIN device edv ON edv.id = e.device_id "
    "LEFT JOIN device sdv ON sdv.id = f.seen_device_id "
    "WHERE ($1::BIGINT = 0 OR f.id < $1::BIGINT) AND (NOT $2::BOOLEAN OR f.seen_time_us IS NULL) "
    "AND ($4::BIGINT = 0 OR f.id = $4::BIGINT) "
    "ORDER BY f.id DESC LIMIT $3";
constexpr char kCountConflictsSql[] = "SELECT count(*), count(*) - count(seen_time_us) FROM conflict";
// The first marking stays: a concurrent one waits for this row and then finds it marked.
constexpr char kMarkSeenSql[] =
    "UPDATE conflict SET seen_device_id = $1, seen_time_us = $2 WHERE id = $3 AND seen_time_us IS NULL";

domain::ConflictRecord readConflict(const pqxx::row& row) {
  domain::ConflictRecord r;
  r.id = row[0].as<std::int64_t>();
  r.kind = static_cast<domain::ConflictKind>(row[1].as<int>());
  r.kioskOutcome = static_cast<domain::CheckInOutcome>(row[2].as<int>());
  r.serverOutcome = static_cast<domain::CheckInOutcome>(row[3].as<int>());
  r.checkInId = row[4].as<std::int64_t>();
  r.scanTimeUs = row[5].as<domain::TimeUs>();
  r.uploadTimeUs = row[6].as<domain::TimeUs>();
  r.deviceName = row[7].as<std::string>();
  r.sessionId = row[8].as<std::int64_t>(0);
  r.sessionTitle = row[9].as<std::string>(std::string());
  r.delegateId = row[10].as<std::int64_t>(0);
  r.givenName = row[11].as<std::string>(std::string());
  r.familyName = row[12].as<std::string>(std::string());
  r.earlierCheckInId = row[13].as<std::int64_t>(0);
  r.earlierDeviceName = row[14].as<std::string>(std::string());
  r.earlierTimeUs = row[15].as<domain::TimeUs>(0);
  r.earlierOffline = row[16].as<int>(0) != 0;
  r.seenTimeUs = row[17].as<domain::TimeUs>(0);
  r.seenByDeviceName = row[18].as<std::string>(std::string());
  return r;
}

// The conflicts kSelectConflictsSql selects for these parameters.
std::vector<domain::ConflictRecord> selectConflicts(pqxx::transaction_base& transaction, std::int64_t belowId,
                                                    bool unseenOnly, int limit, std::int64_t id) {
  std::vector<domain::ConflictRecord> conflicts;
  for (const pqxx::row& row : transaction.exec_params(kSelectConflictsSql, belowId, unseenOnly, limit, id)) {
    conflicts.push_back(readConflict(row));
  }
  return conflicts;
}

}  // namespace

absl::StatusOr<std::vector<domain::ConflictRecord>> PostgresEventStore::listConflicts(bool unseenOnly,
                                                                                      domain::Page page) {
  std::vector<domain::ConflictRecord> conflicts;
  LANYARD_RETURN_IF_ERROR(inTransaction("listing conflicts", [&](pqxx::transaction_base& transaction) {
    conflicts = selectConflicts(transaction, page.afterId, unseenOnly, page.limit, 0);
    return absl::OkStatus();
  }));
  return conflicts;
}

absl::StatusOr<domain::ConflictCounts> PostgresEventStore::conflictCounts() {
  domain::ConflictCounts counts;
  LANYARD_RETURN_IF_ERROR(inTransaction("counting conflicts", [&](pqxx::transaction_base& transaction) {
    const pqxx::row row = transaction.exec1(kCountConflictsSql);
    counts.all = static_cast<int>(row[0].as<std::int64_t>());
    counts.unseen = static_cast<int>(row[1].as<std::int64_t>());
    return absl::OkStatus();
  }));
  return counts;
}

absl::StatusOr<PostgresEventStore::SeenMark> PostgresEventStore::markConflictSeen(std::int64_t id,
                                                                                  std::int64_t deviceId) {
  SeenMark mark;
  const domain::TimeUs now = m_clock();
  LANYARD_RETURN_IF_ERROR(
      inTransaction("marking a conflict seen", [&](pqxx::transaction_base& transaction) -> absl::Status {
        mark.newly = transaction.exec_params(kMarkSeenSql, deviceId, now, id).affected_rows() == 1;
        std::vector<domain::ConflictRecord> found = selectConflicts(transaction, 0, false, 1, id);
        if (found.empty()) return absl::NotFoundError(strCat("conflict ", id, " not found"));
        mark.conflict = std::move(found.front());
        return absl::OkStatus();
      }));
  return mark;
}

}  // namespace lanyard::server::postgres
