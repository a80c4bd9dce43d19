// SqliteEventStore's ReplicaStore: the rows kiosks' replicas are fed, read after a cursor in
// changed-sequence order, and the replica material the badge sealer prepares (migration 0011).

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/badge_print.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "storage/sqlite_event_store.h"
#include "storage/sqlite_event_store_internal.h"

namespace lanyard::server::storage {

using domain::Delegate;
using domain::ReplicaSequence;
using internal::queryInt;
using internal::readDelegate;

namespace {

constexpr char kNewestActivitySql[] = "SELECT COALESCE(MAX(id), 0) FROM activity";
constexpr char kNewestDelegateChangeSql[] = "SELECT COALESCE(MAX(changed_seq), 0) FROM delegate";
constexpr char kNewestSessionChangeSql[] = "SELECT COALESCE(MAX(changed_seq), 0) FROM session";
constexpr char kMarkDelegateSql[] = "UPDATE delegate SET changed_seq = ? WHERE id = ?";
constexpr char kMarkSessionSql[] = "UPDATE session SET changed_seq = ? WHERE id = ?";
constexpr char kDeleteMaterialSql[] = "DELETE FROM replica_material WHERE delegate_id = ?";
// The rows after a position come from two seeks of delegate_changed / session_changed: those at the
// position's sequence with a higher id, then those at higher sequences. A row-value comparison
// (changed_seq, id) > (?, ?) seeks the sequence only, and would read through every row before the
// position that an import gave the same sequence, for every page.
#define LANYARD_CHANGED_SESSIONS \
  "SELECT id, external_ref, title, room, start_us, end_us, capacity, registration_required, changed_seq FROM session "
constexpr char kSelectSessionsAtSql[] = LANYARD_CHANGED_SESSIONS "WHERE changed_seq = ? AND id > ? ORDER BY id LIMIT ?";
constexpr char kSelectSessionsAfterSql[] =
    LANYARD_CHANGED_SESSIONS "WHERE changed_seq > ? ORDER BY changed_seq, id LIMIT ?";
#define LANYARD_CHANGED_DELEGATES                                            \
  "SELECT " LANYARD_DELEGATE_COLUMNS                                         \
  ", changed_seq, delegate_id, name_terms, affiliation_terms, sealed_badge " \
  " FROM delegate d LEFT JOIN replica_material m ON m.delegate_id = d.id "
constexpr char kSelectDelegatesAtSql[] =
    LANYARD_CHANGED_DELEGATES "WHERE d.changed_seq = ? AND d.id > ? ORDER BY d.id LIMIT ?";
constexpr char kSelectDelegatesAfterSql[] =
    LANYARD_CHANGED_DELEGATES "WHERE d.changed_seq > ? ORDER BY d.changed_seq, d.id LIMIT ?";
// The page's state, read for all its delegates at once: ? is a JSON array of their ids (pageIds).
#define LANYARD_PAGE_DELEGATES "delegate_id IN (SELECT value FROM json_each(?)) "
constexpr char kSelectPageRegistrationsSql[] =
    "SELECT delegate_id, session_id FROM registration WHERE " LANYARD_PAGE_DELEGATES "ORDER BY delegate_id, session_id";
// Each delegate's latest entrance move, as internal::latestMove(db, id, 0) finds it.
constexpr char kSelectPageEntranceMovesSql[] =
    "SELECT delegate_id, MAX(id) FROM check_in WHERE " LANYARD_PAGE_DELEGATES
    "AND session_id IS NULL AND outcome IN (1, 10) GROUP BY delegate_id ORDER BY delegate_id";
// Each delegate's latest move per session, as internal::sessionInside reads them (SQLite takes the
// bare column from the row that holds MAX(id)).
constexpr char kSelectPageSessionMovesSql[] =
    "SELECT delegate_id, session_id, direction, MAX(id) FROM check_in WHERE " LANYARD_PAGE_DELEGATES
    "AND session_id IS NOT NULL AND outcome IN (1, 10) GROUP BY delegate_id, session_id "
    "ORDER BY delegate_id, session_id";
// What domain::badgePrinted reads of each delegate's prints, as internal::badgePrinted reads them.
constexpr char kSelectPagePrintsSql[] =
    "SELECT delegate_id, badge_version, success FROM badge_print WHERE " LANYARD_PAGE_DELEGATES
    "ORDER BY delegate_id, id";
constexpr char kSelectAwaitingMaterialSql[] =
    "SELECT " LANYARD_DELEGATE_COLUMNS
    " FROM delegate d WHERE d.id > ? AND NOT EXISTS (SELECT 1 FROM replica_material m WHERE m.delegate_id = d.id) "
    "ORDER BY id LIMIT ?";
constexpr char kSelectVersionSql[] = "SELECT version FROM delegate WHERE id = ?";
constexpr char kInsertMaterialSql[] =
    "INSERT OR REPLACE INTO replica_material (delegate_id, name_terms, affiliation_terms, sealed_badge) "
    "VALUES (?, ?, ?, ?)";

// Calls `take` for each row after `position` in (changed_seq, id) order, at most `limit` of them
// (see kSelectSessionsAtSql). Returns how many.
template <typename Take>
absl::StatusOr<int> readAfter(Database& db, const char* atSql, const char* afterSql,
                              const domain::ReplicaPosition& position, int limit, Take take) {
  int taken = 0;
  {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement at, db.cached(atSql));
    at->bind(1, position.sequence).bind(2, position.id).bind(3, std::int64_t{limit});
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(const bool row, at->step());
      if (!row) break;
      take(*at);
      ++taken;
    }
  }
  if (taken == limit) return taken;
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement after, db.cached(afterSql));
  after->bind(1, position.sequence).bind(2, std::int64_t{limit - taken});
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(const bool row, after->step());
    if (!row) return taken;
    take(*after);
    ++taken;
  }
}

absl::StatusOr<std::int64_t> newest(Database& db, const char* sql) {
  return queryInt(db, sql, [](Statement&) {});
}

absl::StatusOr<domain::ReplicaStamp> readStamp(Database& db) {
  domain::ReplicaStamp stamp;
  LANYARD_ASSIGN_OR_RETURN(stamp.activitySequence, newest(db, kNewestActivitySql));
  LANYARD_ASSIGN_OR_RETURN(const std::int64_t newestDelegate, newest(db, kNewestDelegateChangeSql));
  LANYARD_ASSIGN_OR_RETURN(const std::int64_t newestSession, newest(db, kNewestSessionChangeSql));
  stamp.newestSequence = std::max(newestDelegate, newestSession);
  return stamp;
}

absl::Status mark(Database& db, const char* sql, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return absl::OkStatus();
  LANYARD_ASSIGN_OR_RETURN(const std::int64_t activity, newest(db, kNewestActivitySql));
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(sql));
  for (std::int64_t id : ids) {
    update->reset();
    LANYARD_RETURN_IF_ERROR(update->bind(1, ReplicaSequence::ofActivity(activity)).bind(2, id).run());
  }
  return absl::OkStatus();
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

// The delegate and its material from a kSelectChangedDelegatesSql row; the rest is read after.
domain::ReplicaDelegate readChangedDelegate(const Statement& row) {
  domain::ReplicaDelegate replica;
  replica.delegate = readDelegate(row);
  replica.changedSequence = row.columnInt(17);
  if (!row.columnIsNull(18)) {
    domain::ReplicaMaterial material;
    material.searchKeys.nameTerms = splitTerms(row.columnTextView(19));
    material.searchKeys.affiliationTerms = splitTerms(row.columnTextView(20));
    material.sealedBadge = row.columnText(21);
    replica.material = std::move(material);
  }
  return replica;
}

// The ids of `page` as a JSON array, for LANYARD_PAGE_DELEGATES.
std::string pageIds(const std::vector<domain::ReplicaDelegate>& page) {
  std::string ids = "[";
  ids.reserve(page.size() * 8 + 2);
  for (const domain::ReplicaDelegate& replica : page) {
    if (ids.size() > 1) ids += ',';
    ids += std::to_string(replica.delegate.id);
  }
  ids += ']';
  return ids;
}

// Runs a per-page `sql` (LANYARD_PAGE_DELEGATES as its only parameter) and calls `take` with the
// page's delegate of each row (column 0) and the row.
template <typename Take>
absl::Status forEachPageRow(Database& db, const char* sql, const std::string& ids,
                            const std::unordered_map<std::int64_t, domain::ReplicaDelegate*>& byId, Take take) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(sql));
  select->bind(1, std::string_view(ids));
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(const bool row, select->step());
    if (!row) return absl::OkStatus();
    const auto replica = byId.find(select->columnInt(0));
    if (replica == byId.end()) {
      return absl::InternalError(strCat("a page query returned delegate ", select->columnInt(0), " not on the page"));
    }
    LANYARD_RETURN_IF_ERROR(take(*replica->second, *select));
  }
}

// What the replica holds of the page's delegates' registrations and check-ins, read as the rules
// read them (internal::latestMove, sessionInside and badgePrinted), a few queries for the whole page.
absl::Status readPageState(Database& db, std::vector<domain::ReplicaDelegate>& page) {
  if (page.empty()) return absl::OkStatus();
  const std::string ids = pageIds(page);
  std::unordered_map<std::int64_t, domain::ReplicaDelegate*> byId;
  byId.reserve(page.size());
  for (domain::ReplicaDelegate& replica : page) byId.emplace(replica.delegate.id, &replica);
  LANYARD_RETURN_IF_ERROR(forEachPageRow(db, kSelectPageRegistrationsSql, ids, byId,
                                         [](domain::ReplicaDelegate& replica, const Statement& row) {
                                           replica.sessionIds.push_back(row.columnInt(1));
                                           return absl::OkStatus();
                                         }));
  std::vector<std::pair<domain::ReplicaDelegate*, std::int64_t>> entranceMoves;
  LANYARD_RETURN_IF_ERROR(forEachPageRow(db, kSelectPageEntranceMovesSql, ids, byId,
                                         [&](domain::ReplicaDelegate& replica, const Statement& row) {
                                           entranceMoves.emplace_back(&replica, row.columnInt(1));
                                           return absl::OkStatus();
                                         }));
  for (const auto& [replica, checkInId] : entranceMoves) {
    LANYARD_ASSIGN_OR_RETURN(replica->checkIn.latestEntranceMove, internal::loadLoggedCheckIn(db, checkInId));
  }
  LANYARD_RETURN_IF_ERROR(forEachPageRow(db, kSelectPageSessionMovesSql, ids, byId,
                                         [](domain::ReplicaDelegate& replica, const Statement& row) {
                                           // As internal::sessionInside: the last session whose latest move is in.
                                           if (row.columnInt(2) == static_cast<int>(domain::Direction::In))
                                             replica.checkIn.insideSessionId = row.columnInt(1);
                                           return absl::OkStatus();
                                         }));
  std::unordered_map<domain::ReplicaDelegate*, std::vector<domain::BadgePrintRecord>> prints;
  LANYARD_RETURN_IF_ERROR(
      forEachPageRow(db, kSelectPagePrintsSql, ids, byId, [&](domain::ReplicaDelegate& replica, const Statement& row) {
        domain::BadgePrintRecord& print = prints[&replica].emplace_back();
        print.badgeVersion = static_cast<std::int32_t>(row.columnInt(1));
        print.success = row.columnInt(2) != 0;
        return absl::OkStatus();
      }));
  for (auto& [replica, records] : prints) {
    replica->checkIn.badgePrinted = domain::badgePrinted(replica->delegate.badgeVersion, records);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status internal::markDelegatesChanged(Database& db, const std::vector<std::int64_t>& ids) {
  return mark(db, kMarkDelegateSql, ids);
}

absl::Status internal::markSessionsChanged(Database& db, const std::vector<std::int64_t>& ids) {
  return mark(db, kMarkSessionSql, ids);
}

absl::Status internal::dropReplicaMaterial(Database& db, std::int64_t delegateId) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement remove, db.cached(kDeleteMaterialSql));
  return remove->bind(1, delegateId).run();
}

absl::StatusOr<domain::ReplicaChanges> SqliteEventStore::replicaChanges(const domain::ReplicaCursor& after, int limit) {
  domain::ReplicaChanges changes;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    changes = {};
    // One snapshot for every read below (a savepoint outside a transaction begins one).
    LANYARD_ASSIGN_OR_RETURN(Savepoint snapshot, Savepoint::begin(db));
    LANYARD_ASSIGN_OR_RETURN(changes.stamp, readStamp(db));
    const std::int64_t known =
        std::max(changes.stamp.newestSequence, ReplicaSequence::ofActivity(changes.stamp.activitySequence));
    if (after.delegates.sequence > known || after.sessions.sequence > known) {
      return absl::FailedPreconditionError(
          "the replica is ahead of this server's event file (another event, or a file restored from an older copy): "
          "take the replica again from the start");
    }
    changes.next = after;
    // One row more than the page tells whether more follow.
    LANYARD_ASSIGN_OR_RETURN(const int sessions,
                             readAfter(db, kSelectSessionsAtSql, kSelectSessionsAfterSql, after.sessions, limit + 1,
                                       [&](const Statement& row) {
                                         changes.sessions.push_back({internal::readSession(row), row.columnInt(8)});
                                       }));
    if (sessions > limit) {
      changes.sessions.pop_back();
      changes.next.sessions = {changes.sessions.back().changedSequence, changes.sessions.back().session.id};
      return snapshot.release();
    }
    if (!changes.sessions.empty()) {
      changes.next.sessions = {changes.sessions.back().changedSequence, changes.sessions.back().session.id};
    }
    const int room = limit - sessions;
    LANYARD_ASSIGN_OR_RETURN(const int delegates, readAfter(db, kSelectDelegatesAtSql, kSelectDelegatesAfterSql,
                                                            after.delegates, room + 1, [&](const Statement& row) {
                                                              changes.delegates.push_back(readChangedDelegate(row));
                                                            }));
    changes.caughtUp = delegates <= room;
    if (!changes.caughtUp) changes.delegates.pop_back();
    LANYARD_RETURN_IF_ERROR(readPageState(db, changes.delegates));
    if (!changes.delegates.empty()) {
      changes.next.delegates = {changes.delegates.back().changedSequence, changes.delegates.back().delegate.id};
    }
    return snapshot.release();
  }));
  return changes;
}

absl::StatusOr<domain::ReplicaStamp> SqliteEventStore::replicaStamp() {
  domain::ReplicaStamp stamp;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(Savepoint snapshot, Savepoint::begin(db));
    LANYARD_ASSIGN_OR_RETURN(stamp, readStamp(db));
    return snapshot.release();
  }));
  return stamp;
}

absl::StatusOr<std::vector<Delegate>> SqliteEventStore::delegatesAwaitingMaterial(std::int64_t afterId, int limit) {
  std::vector<Delegate> delegates;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    delegates.clear();
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectAwaitingMaterialSql));
    select->bind(1, afterId).bind(2, std::int64_t{limit});
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(const bool row, select->step());
      if (!row) return absl::OkStatus();
      delegates.push_back(readDelegate(*select));
    }
  }));
  return delegates;
}

absl::StatusOr<int> SqliteEventStore::storeReplicaMaterial(const std::vector<domain::PreparedMaterial>& prepared) {
  int stored = 0;
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    stored = 0;
    // No activity: the next sequence after the newest, within the newest activity's range.
    LANYARD_ASSIGN_OR_RETURN(const domain::ReplicaStamp stamp, readStamp(db));
    const std::int64_t sequence =
        std::max(stamp.newestSequence, ReplicaSequence::ofActivity(stamp.activitySequence)) + 1;
    if (ReplicaSequence::activityOf(sequence) != stamp.activitySequence) {
      return absl::ResourceExhaustedError("too many replica writes since the last activity; waiting for one");
    }
    std::vector<std::int64_t> changed;
    for (const domain::PreparedMaterial& item : prepared) {
      LANYARD_ASSIGN_OR_RETURN(const std::int64_t version, queryInt(db, kSelectVersionSql, [&](Statement& select) {
                                 select.bind(1, item.delegateId);
                               }));
      if (version != item.version) continue;  // Changed since it was read: prepared again later.
      const domain::ReplicaSearchKeys& keys = item.material.searchKeys;
      LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertMaterialSql));
      LANYARD_RETURN_IF_ERROR(insert->bind(1, item.delegateId)
                                  .bind(2, joinTerms(keys.nameTerms))
                                  .bind(3, joinTerms(keys.affiliationTerms))
                                  .bindBlob(4, item.material.sealedBadge)
                                  .run());
      changed.push_back(item.delegateId);
    }
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(kMarkDelegateSql));
    for (std::int64_t id : changed) {
      update->reset();
      LANYARD_RETURN_IF_ERROR(update->bind(1, sequence).bind(2, id).run());
    }
    stored = static_cast<int>(changed.size());
    return absl::OkStatus();
  }));
  return stored;
}

}  // namespace lanyard::server::storage
