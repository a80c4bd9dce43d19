// SqliteEventStore's imports (DelegateStore::importDelegates, SessionStore::importSessions): each
// file in one write, all or nothing, logged as an import run.

#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "storage/sqlite_event_store.h"
#include "storage/sqlite_event_store_internal.h"

namespace lanyard::server::storage {

using domain::Delegate;
using domain::Session;
using domain::TimeUs;
using internal::annotate;
using internal::loadDelegate;
using internal::queryInt;
using internal::SearchWrites;

namespace {

constexpr char kSelectSessionBySelfRefSql[] = "SELECT id FROM session WHERE external_ref = ?";
constexpr char kInsertSessionSql[] =
    "INSERT INTO session (external_ref, title, room, start_us, end_us, capacity, registration_required) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kUpdateSessionSql[] =
    "UPDATE session SET title = ?, room = ?, start_us = ?, end_us = ?, capacity = ?, registration_required = ? "
    "WHERE id = ?";
constexpr char kInsertRegistrationSql[] =
    "INSERT INTO registration (session_id, delegate_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr char kSelectAllRegistrationsSql[] = "SELECT delegate_id, session_id FROM registration";
constexpr char kDeleteRegistrationSql[] = "DELETE FROM registration WHERE delegate_id = ? AND session_id = ?";
constexpr char kInsertImportRunSql[] =
    "INSERT INTO import_run (what, created, updated, unchanged, registrations, server_time_us) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr int kImportRunDelegates = 1;
constexpr int kImportRunSessions = 2;

// Deletes the registrations of the file's delegates (`idsByRef`) that it does not list; returns
// them. Reads the registration table once: an event has far fewer registrations than delegates.
absl::StatusOr<std::vector<std::pair<std::int64_t, std::int64_t>>> dropUnlistedRegistrations(
    Database& db, const std::unordered_map<std::string, std::int64_t>& idsByRef,
    const std::set<std::pair<std::int64_t, std::int64_t>>& listed) {
  std::unordered_set<std::int64_t> inFile;
  for (const auto& [ref, id] : idsByRef) inFile.insert(id);
  std::vector<std::pair<std::int64_t, std::int64_t>> unlisted;
  {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectAllRegistrationsSql));
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
      if (!row) break;
      const std::pair<std::int64_t, std::int64_t> registration{select->columnInt(0), select->columnInt(1)};
      if (inFile.contains(registration.first) && !listed.contains(registration)) unlisted.push_back(registration);
    }
  }
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement remove, db.cached(kDeleteRegistrationSql));
  for (const auto& [delegateId, sessionId] : unlisted) {
    remove->reset();
    LANYARD_RETURN_IF_ERROR(remove->bind(1, delegateId).bind(2, sessionId).run());
  }
  return unlisted;
}

absl::Status logImport(Database& db, int what, const domain::ImportSummary& summary, TimeUs now) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertImportRunSql));
  return insert->bind(1, std::int64_t{what})
      .bind(2, std::int64_t{summary.created})
      .bind(3, std::int64_t{summary.updated})
      .bind(4, std::int64_t{summary.unchanged})
      .bind(5, std::int64_t{summary.registrations})
      .bind(6, now)
      .run();
}

}  // namespace

absl::StatusOr<domain::ImportSummary> SqliteEventStore::importDelegates(domain::DelegateImport data) {
  const TimeUs now = m_clock();
  domain::ImportSummary summary;
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    SearchWrites search(&m_searchStaged);
    std::unordered_map<std::string, std::int64_t> idsByRef;
    std::set<std::int64_t> replicaChanged;  // Delegates whose replica row the import changes.
    for (std::size_t i = 0; i < data.delegates.size(); ++i) {
      Delegate& incoming = data.delegates[i];
      // Where the file has the delegate ("line 7"), as docs/importing.md promises for import errors.
      const std::string where = i < data.lines.size() ? strCat("line ", data.lines[i], ": ") : std::string();
      if (absl::Status category = domain::checkCategory(m_event, incoming); !category.ok()) {
        return annotate(category, strCat(where, "delegate \"", incoming.externalRef, "\""));
      }
      absl::StatusOr<Delegate> existing =
          loadDelegate(db, internal::kSelectDelegateByRefSql, incoming.externalRef, "delegate");
      std::int64_t id = 0;
      if (existing.ok()) {
        domain::ImportedDelegate merged = domain::mergeImported(*existing, std::move(incoming));
        absl::StatusOr<bool> changed = internal::updateDelegateRow(db, merged.delegate, *existing, now, search);
        if (!changed.ok()) return absl::Status(changed.status().code(), strCat(where, changed.status().message()));
        ++(*changed ? summary.updated : summary.unchanged);
        if (*changed) replicaChanged.insert(existing->id);
        if (!merged.keptCorrections.empty()) {
          summary.keptCorrections.push_back({merged.delegate.externalRef, std::move(merged.keptCorrections)});
        }
        id = existing->id;
        incoming = std::move(merged.delegate);
      } else if (absl::IsNotFound(existing.status())) {
        absl::StatusOr<std::int64_t> inserted = internal::insertDelegate(db, incoming, now, search);
        if (!inserted.ok()) return absl::Status(inserted.status().code(), strCat(where, inserted.status().message()));
        id = *inserted;
        replicaChanged.insert(id);
        ++summary.created;
      } else {
        return existing.status();
      }
      idsByRef.emplace(std::move(incoming.externalRef), id);
    }
    data.delegates = {};                                     // Written: freed before the index takes the entries.
    std::set<std::pair<std::int64_t, std::int64_t>> listed;  // (delegate id, session id)
    for (const domain::SessionRegistration& registration : data.registrations) {
      LANYARD_ASSIGN_OR_RETURN(std::int64_t sessionId, queryInt(db, kSelectSessionBySelfRefSql, [&](Statement& s) {
                                 s.bind(1, registration.sessionRef);
                               }));
      if (sessionId == 0) {
        return absl::InvalidArgumentError(strCat(registration.line > 0 ? strCat("line ", registration.line, ": ") : "",
                                                 "delegate \"", registration.delegateRef,
                                                 "\" is registered for unknown session \"", registration.sessionRef,
                                                 "\"; import the sessions first"));
      }
      auto delegateId = idsByRef.find(registration.delegateRef);
      if (delegateId == idsByRef.end()) {
        return absl::InvalidArgumentError(
            strCat("registration for unknown delegate \"", registration.delegateRef, "\""));
      }
      LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertRegistrationSql));
      LANYARD_RETURN_IF_ERROR(insert->bind(1, sessionId).bind(2, delegateId->second).run());
      summary.registrations += db.changes();
      if (db.changes() > 0) replicaChanged.insert(delegateId->second);
      listed.emplace(delegateId->second, sessionId);
    }
    if (data.listsRegistrations) {
      LANYARD_ASSIGN_OR_RETURN(const auto dropped, dropUnlistedRegistrations(db, idsByRef, listed));
      summary.registrationsDropped = static_cast<int>(dropped.size());
      for (const auto& [delegateId, sessionId] : dropped) replicaChanged.insert(delegateId);
    }
    LANYARD_RETURN_IF_ERROR(logImport(db, kImportRunDelegates, summary, now));
    LANYARD_RETURN_IF_ERROR(internal::markDelegatesChanged(db, {replicaChanged.begin(), replicaChanged.end()}));
    m_importInBatch = true;
    return absl::OkStatus();
  }));
  return summary;
}

absl::StatusOr<domain::ImportSummary> SqliteEventStore::importSessions(const std::vector<Session>& sessions) {
  const TimeUs now = m_clock();
  domain::ImportSummary summary;
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    summary = {};
    std::vector<std::int64_t> written;  // Every session of the file: their replica rows change.
    for (const Session& s : sessions) {
      std::int64_t existing = 0;
      if (!s.externalRef.empty()) {
        LANYARD_ASSIGN_OR_RETURN(existing, queryInt(db, kSelectSessionBySelfRefSql,
                                                    [&](Statement& statement) { statement.bind(1, s.externalRef); }));
      }
      if (existing != 0) {
        LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(kUpdateSessionSql));
        LANYARD_RETURN_IF_ERROR(update->bind(1, s.title)
                                    .bind(2, s.room)
                                    .bind(3, s.startUs)
                                    .bind(4, s.endUs)
                                    .bind(5, std::int64_t{s.capacity})
                                    .bind(6, std::int64_t{s.registrationRequired ? 1 : 0})
                                    .bind(7, existing)
                                    .run());
        written.push_back(existing);
        ++summary.updated;
      } else {
        LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertSessionSql));
        if (s.externalRef.empty()) {
          insert->bind(1, std::nullopt);
        } else {
          insert->bind(1, s.externalRef);
        }
        LANYARD_RETURN_IF_ERROR(insert->bind(2, s.title)
                                    .bind(3, s.room)
                                    .bind(4, s.startUs)
                                    .bind(5, s.endUs)
                                    .bind(6, std::int64_t{s.capacity})
                                    .bind(7, std::int64_t{s.registrationRequired ? 1 : 0})
                                    .run());
        written.push_back(db.lastInsertId());
        ++summary.created;
      }
    }
    LANYARD_RETURN_IF_ERROR(logImport(db, kImportRunSessions, summary, now));
    return internal::markSessionsChanged(db, written);
  }));
  return summary;
}

}  // namespace lanyard::server::storage
