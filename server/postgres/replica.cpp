// PostgresEventStore: the ReplicaStore: the rows kiosks' replicas are fed, read after a cursor in
// changed-sequence order, and the replica material the badge sealers prepare. As SQLite's
// (sqlite_replica.cpp), with several servers' sealers writing at once (storeReplicaMaterial).

#include <algorithm>
#include <pqxx/binarystring>
#include <pqxx/result>
#include <pqxx/transaction_base>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/badge_print.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "postgres/event_store.h"
#include "postgres/event_store_internal.h"

namespace lanyard::server::postgres {

using domain::Delegate;
using domain::ReplicaSequence;
using internal::readDelegate;

namespace {

constexpr char kReadOnlySql[] = "SET TRANSACTION READ ONLY";
// One statement, so one snapshot.
constexpr char kSelectStampSql[] =
    "SELECT (SELECT COALESCE(MAX(id), 0) FROM activity), (SELECT COALESCE(MAX(changed_seq), 0) FROM delegate), "
    "(SELECT COALESCE(MAX(changed_seq), 0) FROM session)";
// The rows after a position: PostgreSQL seeks delegate_changed / session_changed to the row value
// (changed_seq, id) itself.
const std::string kSelectSessionsAfterSql = strCat("SELECT ", internal::kSessionColumns,
                                                   ", changed_seq FROM session WHERE (changed_seq, id) > ($1, $2) "
                                                   "ORDER BY changed_seq, id LIMIT $3");
const std::string kSelectDelegatesAfterSql =
    strCat("SELECT ", internal::kDelegateColumns,
           ", changed_seq, delegate_id, name_terms, affiliation_terms, sealed_badge "
           "FROM delegate d LEFT JOIN replica_material m ON m.delegate_id = d.id "
           "WHERE (d.changed_seq, d.id) > ($1, $2) ORDER BY d.changed_seq, d.id LIMIT $3");
// The page's state, read for all its delegates at once: $1 is an array of their ids (pageIds).
constexpr char kSelectPageRegistrationsSql[] =
    "SELECT delegate_id, session_id FROM registration WHERE delegate_id = ANY($1::BIGINT[]) "
    "ORDER BY delegate_id, session_id";
// Each delegate's latest entrance move.
constexpr char kSelectPageEntranceMovesSql[] =
    "SELECT DISTINCT ON (c.delegate_id) c.delegate_id, " LANYARD_LOGGED_CHECK_IN_COLUMNS
    " FROM check_in c JOIN device d ON d.id = c.device_id "
    "WHERE c.delegate_id = ANY($1::BIGINT[]) AND c.session_id IS NULL AND c.outcome IN (1, 10) "
    "ORDER BY c.delegate_id, c.id DESC";
// Each delegate's latest move per session, in session order, as the rules read them.
constexpr char kSelectPageSessionMovesSql[] =
    "SELECT DISTINCT ON (delegate_id, session_id) delegate_id, session_id, direction FROM check_in "
    "WHERE delegate_id = ANY($1::BIGINT[]) AND session_id IS NOT NULL AND outcome IN (1, 10) "
    "ORDER BY delegate_id, session_id, id DESC";
// What domain::badgePrinted reads of each delegate's prints.
constexpr char kSelectPagePrintsSql[] =
    "SELECT delegate_id, badge_version, success FROM badge_print WHERE delegate_id = ANY($1::BIGINT[]) "
    "ORDER BY delegate_id, id";
const std::string kSelectAwaitingMaterialSql =
    strCat("SELECT ", internal::kDelegateColumns,
           " FROM delegate d WHERE d.id > $1 AND NOT EXISTS "
           "(SELECT 1 FROM replica_material m WHERE m.delegate_id = d.id) ORDER BY id LIMIT $2");
// The delegates a sealer's write is for, locked in id order (the lock order rule: delegates first).
constexpr char kLockMaterialDelegatesSql[] =
    "SELECT id, version, EXISTS (SELECT 1 FROM replica_material m WHERE m.delegate_id = d.id) FROM delegate d "
    "WHERE id = ANY($1::BIGINT[]) ORDER BY id FOR UPDATE";
constexpr char kInsertMaterialSql[] =
    "INSERT INTO replica_material (delegate_id, name_terms, affiliation_terms, sealed_badge) VALUES ($1, $2, $3, $4)";
// The lock every activity takes as the last lock of its transaction (migration 0001).
constexpr char kLockActivityOrderSql[] = "SELECT lock_activity_order()";
constexpr char kMarkDelegatesSql[] = "UPDATE delegate SET changed_seq = $1 WHERE id = ANY($2::BIGINT[])";

domain::ReplicaStamp readStamp(pqxx::transaction_base& transaction) {
  const pqxx::row row = transaction.exec1(kSelectStampSql);
  return domain::ReplicaStamp{row[0].as<std::int64_t>(),
                              std::max(row[1].as<std::int64_t>(), row[2].as<std::int64_t>())};
}

std::string joinTerms(const std::vector<std::string>& terms) {
  std::string text;
  for (const std::string& term : terms) text += strCat(text.empty() ? "" : " ", term);
  return text;
}

std::vector<std::string> splitTerms(std::string_view text) {
  std::vector<std::string> terms;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    terms.emplace_back(text.substr(0, space));
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
  }
  return terms;
}

// The delegate and its material from a kSelectDelegatesAfterSql row; the rest is read after.
domain::ReplicaDelegate readChangedDelegate(const pqxx::row& row) {
  domain::ReplicaDelegate replica;
  replica.delegate = readDelegate(row);
  replica.changedSequence = row[17].as<std::int64_t>();
  if (!row[18].is_null()) {
    domain::ReplicaMaterial material;
    material.searchKeys.nameTerms = splitTerms(row[19].as<std::string>());
    material.searchKeys.affiliationTerms = splitTerms(row[20].as<std::string>());
    material.sealedBadge = pqxx::binarystring(row[21]).str();
    replica.material = std::move(material);
  }
  return replica;
}

// Runs a per-page `sql` ($1 the page's ids, sqlArray) and calls `take` with the page's delegate of each row
// (column 0) and the row.
template <typename Take>
absl::Status forEachPageRow(pqxx::transaction_base& transaction, const char* sql, const std::string& ids,
                            const std::unordered_map<std::int64_t, domain::ReplicaDelegate*>& byId, Take take) {
  for (const pqxx::row& row : transaction.exec_params(sql, ids)) {
    const auto replica = byId.find(row[0].as<std::int64_t>());
    if (replica == byId.end()) {
      return absl::InternalError(strCat("a page query returned delegate ", row[0].c_str(), " not on the page"));
    }
    take(*replica->second, row);
  }
  return absl::OkStatus();
}

// What the replica holds of the page's delegates' registrations and check-ins, read as the rules
// read them, a few queries for the whole page.
absl::Status readPageState(pqxx::transaction_base& transaction, std::vector<domain::ReplicaDelegate>& page) {
  if (page.empty()) return absl::OkStatus();
  std::vector<std::int64_t> pageIds;
  std::unordered_map<std::int64_t, domain::ReplicaDelegate*> byId;
  pageIds.reserve(page.size());
  byId.reserve(page.size());
  for (domain::ReplicaDelegate& replica : page) {
    pageIds.push_back(replica.delegate.id);
    byId.emplace(replica.delegate.id, &replica);
  }
  const std::string ids = internal::sqlArray(pageIds);
  LANYARD_RETURN_IF_ERROR(forEachPageRow(transaction, kSelectPageRegistrationsSql, ids, byId,
                                         [](domain::ReplicaDelegate& replica, const pqxx::row& row) {
                                           replica.sessionIds.push_back(row[1].as<std::int64_t>());
                                         }));
  LANYARD_RETURN_IF_ERROR(forEachPageRow(
      transaction, kSelectPageEntranceMovesSql, ids, byId, [](domain::ReplicaDelegate& replica, const pqxx::row& row) {
        replica.checkIn.latestEntranceMove = internal::readLoggedCheckIn(row, /*first=*/1);
      }));
  LANYARD_RETURN_IF_ERROR(forEachPageRow(transaction, kSelectPageSessionMovesSql, ids, byId,
                                         [](domain::ReplicaDelegate& replica, const pqxx::row& row) {
                                           // The last session whose latest move is in.
                                           if (row[2].as<int>() == static_cast<int>(domain::Direction::In))
                                             replica.checkIn.insideSessionId = row[1].as<std::int64_t>();
                                         }));
  std::unordered_map<domain::ReplicaDelegate*, std::vector<domain::BadgePrintRecord>> prints;
  LANYARD_RETURN_IF_ERROR(forEachPageRow(transaction, kSelectPagePrintsSql, ids, byId,
                                         [&](domain::ReplicaDelegate& replica, const pqxx::row& row) {
                                           domain::BadgePrintRecord& print = prints[&replica].emplace_back();
                                           print.badgeVersion = row[1].as<std::int32_t>();
                                           print.success = row[2].as<int>() != 0;
                                         }));
  for (auto& [replica, records] : prints) {
    replica->checkIn.badgePrinted = domain::badgePrinted(replica->delegate.badgeVersion, records);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<domain::ReplicaChanges> PostgresEventStore::replicaChanges(const domain::ReplicaCursor& after,
                                                                          int limit) {
  domain::ReplicaChanges changes;
  LANYARD_RETURN_IF_ERROR(inTransaction(
      "reading the replica feed",
      [&](pqxx::transaction_base& transaction) -> absl::Status {
        changes = {};
        transaction.exec(kReadOnlySql);
        changes.stamp = readStamp(transaction);
        const std::int64_t known =
            std::max(changes.stamp.newestSequence, ReplicaSequence::ofActivity(changes.stamp.activitySequence));
        if (after.delegates.sequence > known || after.sessions.sequence > known) {
          return absl::FailedPreconditionError(
              "the replica is ahead of this server's event database (another event, or a database restored from an "
              "older copy): take the replica again from the start");
        }
        changes.next = after;
        // One row more than the page tells whether more follow.
        for (const pqxx::row& row :
             transaction.exec_params(kSelectSessionsAfterSql, after.sessions.sequence, after.sessions.id, limit + 1)) {
          changes.sessions.push_back({internal::readSession(row), row[8].as<std::int64_t>()});
        }
        const int sessions = static_cast<int>(changes.sessions.size());
        if (sessions > limit) changes.sessions.pop_back();
        if (!changes.sessions.empty()) {
          changes.next.sessions = {changes.sessions.back().changedSequence, changes.sessions.back().session.id};
        }
        if (sessions > limit) return absl::OkStatus();
        const int room = limit - sessions;
        for (const pqxx::row& row : transaction.exec_params(kSelectDelegatesAfterSql, after.delegates.sequence,
                                                            after.delegates.id, room + 1)) {
          changes.delegates.push_back(readChangedDelegate(row));
        }
        changes.caughtUp = static_cast<int>(changes.delegates.size()) <= room;
        if (!changes.caughtUp) changes.delegates.pop_back();
        LANYARD_RETURN_IF_ERROR(readPageState(transaction, changes.delegates));
        if (!changes.delegates.empty()) {
          changes.next.delegates = {changes.delegates.back().changedSequence, changes.delegates.back().delegate.id};
        }
        return absl::OkStatus();
      },
      Isolation::RepeatableRead));
  return changes;
}

absl::StatusOr<domain::ReplicaStamp> PostgresEventStore::replicaStamp() {
  domain::ReplicaStamp stamp;
  LANYARD_RETURN_IF_ERROR(inTransaction("reading the replica feed's stamp", [&](pqxx::transaction_base& transaction) {
    stamp = readStamp(transaction);
    return absl::OkStatus();
  }));
  return stamp;
}

absl::StatusOr<std::vector<Delegate>> PostgresEventStore::delegatesAwaitingMaterial(std::int64_t afterId, int limit) {
  std::vector<Delegate> delegates;
  LANYARD_RETURN_IF_ERROR(
      inTransaction("listing delegates awaiting replica material", [&](pqxx::transaction_base& transaction) {
        delegates.clear();
        for (const pqxx::row& row : transaction.exec_params(kSelectAwaitingMaterialSql, afterId, limit)) {
          delegates.push_back(readDelegate(row));
        }
        return absl::OkStatus();
      }));
  return delegates;
}

// Sealers at several servers store at once. Each write takes the next changed sequence after the
// newest, so two must not read the same newest: the write takes the activity lock
// (lock_activity_order) before it reads it, and so runs one at a time with every other sealer's
// write and with every write that logs an activity (each holds it from its activity to its commit). A
// serializable transaction would not do: the activity writers run at READ COMMITTED, and a
// check-in committed between a sealer's read and its commit would leave the sealer's rows below
// a sequence a replica had already read past. The delegates are locked first (the lock order
// rule), which also keeps their version as checked until the commit; the activity lock is taken
// last, after the material is written, so that check-ins wait only for the sequence's update.
absl::StatusOr<int> PostgresEventStore::storeReplicaMaterial(const std::vector<domain::PreparedMaterial>& prepared) {
  int stored = 0;
  if (prepared.empty()) return stored;
  std::unordered_map<std::int64_t, const domain::PreparedMaterial*> byId;
  std::vector<std::int64_t> ids;
  for (const domain::PreparedMaterial& item : prepared) {
    if (byId.emplace(item.delegateId, &item).second) ids.push_back(item.delegateId);
  }
  LANYARD_RETURN_IF_ERROR(inTransaction("storing replica material", [&](pqxx::transaction_base& transaction) {
    stored = 0;
    std::vector<std::int64_t> changed;
    for (const pqxx::row& row : transaction.exec_params(kLockMaterialDelegatesSql, internal::sqlArray(ids))) {
      const domain::PreparedMaterial& item = *byId.at(row[0].as<std::int64_t>());
      // Changed since it was read: prepared again later. Already sealed: by another server's sealer.
      if (row[1].as<std::int64_t>() != item.version || row[2].as<bool>()) continue;
      const domain::ReplicaSearchKeys& keys = item.material.searchKeys;
      transaction.exec_params(kInsertMaterialSql, item.delegateId, joinTerms(keys.nameTerms),
                              joinTerms(keys.affiliationTerms), pqxx::binarystring(item.material.sealedBadge));
      changed.push_back(item.delegateId);
    }
    if (changed.empty()) return absl::OkStatus();
    transaction.exec(kLockActivityOrderSql);
    // No activity: the next sequence after the newest, within the newest activity's range.
    const domain::ReplicaStamp stamp = readStamp(transaction);
    const std::int64_t sequence =
        std::max(stamp.newestSequence, ReplicaSequence::ofActivity(stamp.activitySequence)) + 1;
    if (ReplicaSequence::activityOf(sequence) != stamp.activitySequence) {
      return absl::ResourceExhaustedError("too many replica writes since the last activity; waiting for one");
    }
    transaction.exec_params(kMarkDelegatesSql, sequence, internal::sqlArray(changed));
    stored = static_cast<int>(changed.size());
    return absl::OkStatus();
  }));
  return stored;
}

}  // namespace lanyard::server::postgres
