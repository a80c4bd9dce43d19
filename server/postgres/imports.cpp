// PostgresEventStore's imports (DelegateStore::importDelegates, SessionStore::importSessions): each
// file in one transaction, all or nothing, logged as an import run. Imports take the bulk-writes
// lock first (one import at a time across servers), then lock the rows they write, and log the
// run last: its activity takes the activity lock (migration 0001's lock order).

#include <algorithm>
#include <pqxx/result>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "domain/replica_store.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "postgres/event_store.h"
#include "postgres/event_store_internal.h"

namespace lanyard::server::postgres {

using domain::Delegate;
using domain::Session;
using domain::TimeUs;
using internal::annotate;
using internal::sqlArray;

namespace {

// Delegates of the file looked up (and locked) a statement at a time.
constexpr std::size_t kLookupBatch = 1000;

const std::string kLockDelegatesByRefSql = strCat("SELECT ", internal::kDelegateColumns,
                                                  " FROM delegate WHERE external_ref = ANY($1::text[]) "
                                                  "ORDER BY id FOR UPDATE");
constexpr char kSelectSessionIdsSql[] = "SELECT external_ref, id FROM session WHERE external_ref IS NOT NULL";
constexpr char kSelectSessionByRefSql[] = "SELECT id FROM session WHERE external_ref = $1";
constexpr char kInsertSessionSql[] =
    "INSERT INTO session (external_ref, title, room, start_us, end_us, capacity, registration_required) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr char kUpdateSessionSql[] =
    "UPDATE session SET title = $1, room = $2, start_us = $3, end_us = $4, capacity = $5, "
    "registration_required = $6 WHERE id = $7";
// Inserts (session id, delegate id) pairs; returns those that were new.
constexpr char kInsertRegistrationsSql[] =
    "INSERT INTO registration (session_id, delegate_id) SELECT * FROM unnest($1::bigint[], $2::bigint[]) "
    "ON CONFLICT DO NOTHING RETURNING delegate_id";
constexpr char kSelectRegistrationsOfSql[] =
    "SELECT delegate_id, session_id FROM registration WHERE delegate_id = ANY($1::bigint[]) "
    "ORDER BY delegate_id, session_id";
constexpr char kDeleteRegistrationsSql[] =
    "DELETE FROM registration r USING unnest($1::bigint[], $2::bigint[]) AS gone (delegate_id, session_id) "
    "WHERE r.delegate_id = gone.delegate_id AND r.session_id = gone.session_id";
constexpr char kInsertImportRunSql[] =
    "INSERT INTO import_run (what, created, updated, unchanged, registrations, server_time_us) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr char kSelectImportActivitySql[] = "SELECT id FROM activity WHERE import_run_id = $1";
constexpr char kMarkDelegatesSql[] = "UPDATE delegate SET changed_seq = $1 WHERE id = ANY($2::bigint[])";
constexpr char kMarkSessionsSql[] = "UPDATE session SET changed_seq = $1 WHERE id = ANY($2::bigint[])";
constexpr int kImportRunDelegates = 1;
constexpr int kImportRunSessions = 2;

// Logs the import run (its trigger logs the activity, taking the activity lock: the last lock)
// and moves the replica feed's changed sequence of `changed` rows (kMarkDelegatesSql or
// kMarkSessionsSql) to that activity's.
void logImport(pqxx::transaction_base& transaction, int what, const domain::ImportSummary& summary, TimeUs now,
               const char* markSql, const std::vector<std::int64_t>& changed) {
  const auto run = transaction
                       .exec_params1(kInsertImportRunSql, what, summary.created, summary.updated, summary.unchanged,
                                     summary.registrations, now)[0]
                       .as<std::int64_t>();
  if (changed.empty()) return;
  const auto activity = transaction.exec_params1(kSelectImportActivitySql, run)[0].as<std::int64_t>();
  transaction.exec_params(markSql, domain::ReplicaSequence::ofActivity(activity), sqlArray(changed));
}

// Deletes the registrations of `delegateIds` (the file's delegates) that it does not `listed`;
// returns how many, adding their delegates to `changed`.
int dropUnlistedRegistrations(pqxx::transaction_base& transaction, const std::vector<std::int64_t>& delegateIds,
                              const std::set<std::pair<std::int64_t, std::int64_t>>& listed,
                              std::set<std::int64_t>& changed) {
  std::vector<std::int64_t> goneDelegates;
  std::vector<std::int64_t> goneSessions;
  for (const pqxx::row& row : transaction.exec_params(kSelectRegistrationsOfSql, sqlArray(delegateIds))) {
    const std::pair<std::int64_t, std::int64_t> registration{row[0].as<std::int64_t>(), row[1].as<std::int64_t>()};
    if (listed.contains(registration)) continue;
    goneDelegates.push_back(registration.first);
    goneSessions.push_back(registration.second);
    changed.insert(registration.first);
  }
  if (!goneDelegates.empty()) {
    transaction.exec_params(kDeleteRegistrationsSql, sqlArray(goneDelegates), sqlArray(goneSessions));
  }
  return static_cast<int>(goneDelegates.size());
}

}  // namespace

absl::StatusOr<domain::ImportSummary> PostgresEventStore::importDelegates(domain::DelegateImport data) {
  const TimeUs now = m_clock();
  domain::ImportSummary summary;
  std::vector<std::int64_t> searchChanged;  // Delegates the import added or changed.
  // Where the file has a delegate ("line 7: "), as docs/importing.md promises for import errors.
  const auto where = [&data](std::size_t i) {
    return i < data.lines.size() ? strCat("line ", data.lines[i], ": ") : std::string();
  };
  // May run more than once (Database::Work): reads `data`, never changes it.
  const auto work = [&](pqxx::transaction_base& transaction) -> absl::Status {
    summary = {};
    searchChanged.clear();
    internal::lockBulkWrites(transaction);
    internal::SearchTermWrites terms(transaction);
    std::unordered_map<std::string, std::int64_t> idsByRef;
    std::set<std::int64_t> replicaChanged;  // Delegates whose replica row the import changes.
    for (std::size_t batchStart = 0; batchStart < data.delegates.size(); batchStart += kLookupBatch) {
      const std::size_t batchEnd = std::min(batchStart + kLookupBatch, data.delegates.size());
      std::vector<std::string> refs;
      for (std::size_t i = batchStart; i < batchEnd; ++i) refs.push_back(data.delegates[i].externalRef);
      std::unordered_map<std::string, Delegate> stored;  // The batch's delegates the event has, locked.
      for (const pqxx::row& row : transaction.exec_params(kLockDelegatesByRefSql, sqlArray(refs))) {
        Delegate d = internal::readDelegate(row);
        std::string ref = d.externalRef;
        stored.emplace(std::move(ref), std::move(d));
      }
      std::vector<std::size_t> added;  // The batch's delegates the event lacks, by index.
      for (std::size_t i = batchStart; i < batchEnd; ++i) {
        const Delegate& incoming = data.delegates[i];
        if (absl::Status category = domain::checkCategory(m_event, incoming); !category.ok()) {
          return annotate(category, strCat(where(i), "delegate \"", incoming.externalRef, "\""));
        }
        const auto existing = stored.find(incoming.externalRef);
        if (existing == stored.end()) {
          added.push_back(i);
          continue;
        }
        domain::ImportedDelegate merged = domain::mergeImported(existing->second, incoming);
        absl::StatusOr<bool> changed =
            internal::updateDelegateRow(transaction, merged.delegate, existing->second, now, terms);
        if (!changed.ok()) return absl::Status(changed.status().code(), strCat(where(i), changed.status().message()));
        ++(*changed ? summary.updated : summary.unchanged);
        const std::int64_t id = existing->second.id;
        if (*changed) {
          replicaChanged.insert(id);
          searchChanged.push_back(id);
        }
        if (!merged.keptCorrections.empty()) {
          summary.keptCorrections.push_back({merged.delegate.externalRef, std::move(merged.keptCorrections)});
        }
        idsByRef.emplace(incoming.externalRef, id);
      }
      std::vector<const Delegate*> addedDelegates;
      addedDelegates.reserve(added.size());
      for (const std::size_t i : added) addedDelegates.push_back(&data.delegates[i]);
      absl::StatusOr<std::vector<std::int64_t>> ids =
          internal::insertDelegates(transaction, addedDelegates, now, terms);
      if (absl::IsAlreadyExists(ids.status())) {
        // One at a time, for the error to name the delegate and their line.
        ids.emplace();
        for (const std::size_t i : added) {
          absl::StatusOr<std::int64_t> id = internal::insertDelegate(transaction, data.delegates[i], now, terms);
          if (!id.ok()) return absl::Status(id.status().code(), strCat(where(i), id.status().message()));
          ids->push_back(*id);
        }
      }
      LANYARD_RETURN_IF_ERROR(ids.status());
      for (std::size_t k = 0; k < added.size(); ++k) {
        replicaChanged.insert((*ids)[k]);
        searchChanged.push_back((*ids)[k]);
        idsByRef.emplace(data.delegates[added[k]].externalRef, (*ids)[k]);
      }
      summary.created += static_cast<int>(added.size());
    }
    terms.flush();

    std::unordered_map<std::string, std::int64_t> sessionIds;
    for (const pqxx::row& row : transaction.exec(kSelectSessionIdsSql)) {
      sessionIds.emplace(row[0].as<std::string>(), row[1].as<std::int64_t>());
    }
    std::set<std::pair<std::int64_t, std::int64_t>> listed;  // (delegate id, session id)
    std::vector<std::int64_t> newSessions;
    std::vector<std::int64_t> newDelegates;
    for (const domain::SessionRegistration& registration : data.registrations) {
      const auto session = sessionIds.find(registration.sessionRef);
      if (session == sessionIds.end()) {
        return absl::InvalidArgumentError(strCat(registration.line > 0 ? strCat("line ", registration.line, ": ") : "",
                                                 "delegate \"", registration.delegateRef,
                                                 "\" is registered for unknown session \"", registration.sessionRef,
                                                 "\"; import the sessions first"));
      }
      const auto delegate = idsByRef.find(registration.delegateRef);
      if (delegate == idsByRef.end()) {
        return absl::InvalidArgumentError(
            strCat("registration for unknown delegate \"", registration.delegateRef, "\""));
      }
      if (!listed.emplace(delegate->second, session->second).second) continue;
      newSessions.push_back(session->second);
      newDelegates.push_back(delegate->second);
    }
    for (std::size_t start = 0; start < newSessions.size(); start += kLookupBatch) {
      const std::size_t end = std::min(start + kLookupBatch, newSessions.size());
      const auto slice = [&](const std::vector<std::int64_t>& ids) {
        return sqlArray(std::vector<std::int64_t>(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                                  ids.begin() + static_cast<std::ptrdiff_t>(end)));
      };
      for (const pqxx::row& row :
           transaction.exec_params(kInsertRegistrationsSql, slice(newSessions), slice(newDelegates))) {
        ++summary.registrations;
        replicaChanged.insert(row[0].as<std::int64_t>());
      }
    }
    if (data.listsRegistrations) {
      std::vector<std::int64_t> inFile;
      inFile.reserve(idsByRef.size());
      for (const auto& [ref, id] : idsByRef) inFile.push_back(id);
      summary.registrationsDropped = dropUnlistedRegistrations(transaction, inFile, listed, replicaChanged);
    }
    // Every delegate in replicaChanged is the file's, so locked above: the activity lock stays the last.
    logImport(transaction, kImportRunDelegates, summary, now, kMarkDelegatesSql,
              {replicaChanged.begin(), replicaChanged.end()});
    return absl::OkStatus();
  };
  LANYARD_RETURN_IF_ERROR(inTransaction("importing delegates", work));
  refreshSearchAfterWrite(searchChanged);
  return summary;
}

absl::StatusOr<domain::ImportSummary> PostgresEventStore::importSessions(const std::vector<Session>& sessions) {
  const TimeUs now = m_clock();
  domain::ImportSummary summary;
  LANYARD_RETURN_IF_ERROR(inTransaction("importing sessions", [&](pqxx::transaction_base& transaction) {
    summary = {};
    internal::lockBulkWrites(transaction);
    std::vector<std::int64_t> written;  // Every session of the file: their replica rows change.
    for (const Session& s : sessions) {
      const pqxx::result existing =
          s.externalRef.empty() ? pqxx::result() : transaction.exec_params(kSelectSessionByRefSql, s.externalRef);
      const int registrationRequired = s.registrationRequired ? 1 : 0;
      if (!existing.empty()) {
        const auto id = existing[0][0].as<std::int64_t>();
        transaction.exec_params(kUpdateSessionSql, s.title, s.room, s.startUs, s.endUs, s.capacity,
                                registrationRequired, id);
        written.push_back(id);
        ++summary.updated;
      } else {
        const char* ref = s.externalRef.empty() ? nullptr : s.externalRef.c_str();
        written.push_back(transaction
                              .exec_params1(kInsertSessionSql, ref, s.title, s.room, s.startUs, s.endUs, s.capacity,
                                            registrationRequired)[0]
                              .as<std::int64_t>());
        ++summary.created;
      }
    }
    logImport(transaction, kImportRunSessions, summary, now, kMarkSessionsSql, written);
    return absl::OkStatus();
  }));
  return summary;
}

}  // namespace lanyard::server::postgres
