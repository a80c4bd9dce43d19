// SqliteEventStore's DelegateStore: lookups, walk-ins with their duplicate check, the help desk's
// corrections, and listing; plus the delegate rows that imports write too.

#include <algorithm>
#include <shared_mutex>

#include "domain/search_key.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "storage/sqlite_event_store.h"
#include "storage/sqlite_event_store_internal.h"

namespace lanyard::server::storage {

using domain::Delegate;
using domain::RegistrationStatus;
using domain::TimeUs;
using internal::bindPage;
using internal::loadDelegate;
using internal::loadDelegateById;
using internal::queryInt;
using internal::readDelegate;
using internal::SearchWrites;

namespace {

constexpr char kSelectDelegateByIdSql[] = "SELECT " LANYARD_DELEGATE_COLUMNS " FROM delegate WHERE id = ?";
// One seek in delegate_ticket_code_length; NULL when no delegate has a ticket code.
constexpr char kSelectShortestTicketCodeSql[] =
    "SELECT MIN(length(external_ticket_code)) FROM delegate WHERE external_ticket_code IS NOT NULL";
constexpr char kInsertDelegateSql[] =
    "INSERT INTO delegate (external_ref, given_name, family_name, organisation, city, country, category, "
    "email, language, notes, status, external_ticket_code, latin_name, badge_version, created_us, updated_us) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)";
constexpr char kUpdateDelegateSql[] =
    "UPDATE delegate SET external_ref = ?, given_name = ?, family_name = ?, organisation = ?, city = ?, "
    "country = ?, category = ?, email = ?, language = ?, notes = ?, status = ?, external_ticket_code = ?, "
    "latin_name = ?, corrected_fields = ?, updated_us = ?, version = version + 1 WHERE id = ?";
constexpr char kSetDelegateStatusSql[] =
    "UPDATE delegate SET status = ?, corrected_fields = corrected_fields | ?, updated_us = ?, version = version + 1 "
    "WHERE id = ?";
constexpr char kReissueBadgeSql[] =
    "UPDATE delegate SET badge_version = badge_version + 1, updated_us = ?, version = version + 1 WHERE id = ?";
constexpr char kSelectDelegatesByEmailSql[] =
    "SELECT " LANYARD_DELEGATE_COLUMNS " FROM delegate WHERE email <> '' AND lower(email) = lower(?) ORDER BY id";
constexpr char kCountWalkInsSql[] = "SELECT COUNT(*) FROM delegate WHERE external_ref LIKE 'walkin-%'";
constexpr char kSelectRegistrationsSql[] =
    "SELECT session_id FROM registration WHERE delegate_id = ? ORDER BY session_id";
// The help desk's actions on delegates; the log tables get their activity from triggers (see
// migrations/0002_activity.sql).
constexpr char kInsertDelegateActivitySql[] = "INSERT INTO activity (kind, time_us, delegate_id) VALUES (?, ?, ?)";

void bindTicketCode(Statement& statement, int index, const std::string& code) {
  if (code.empty()) {
    statement.bind(index, std::nullopt);
  } else {
    statement.bind(index, code);
  }
}

// Binds parameters 1 to 13, which kInsertDelegateSql and kUpdateDelegateSql share in this order.
void bindDelegateFields(Statement& statement, const Delegate& d) {
  statement.bind(1, d.externalRef)
      .bind(2, d.givenName)
      .bind(3, d.familyName)
      .bind(4, d.organisation)
      .bind(5, d.city)
      .bind(6, d.country)
      .bind(7, d.category)
      .bind(8, d.email)
      .bind(9, d.language)
      .bind(10, d.notes)
      .bind(11, std::int64_t{d.status == RegistrationStatus::Cancelled ? 2 : 1});
  bindTicketCode(statement, 12, d.externalTicketCode);
  statement.bind(13, d.latinName);
}

bool sameSearchText(const Delegate& a, const Delegate& b) {
  return a.givenName == b.givenName && a.familyName == b.familyName && a.latinName == b.latinName &&
         a.organisation == b.organisation && a.city == b.city;
}

bool sameRecord(const Delegate& a, const Delegate& b) {
  return sameSearchText(a, b) && a.externalRef == b.externalRef && a.country == b.country && a.category == b.category &&
         a.email == b.email && a.language == b.language && a.notes == b.notes && a.status == b.status &&
         a.externalTicketCode == b.externalTicketCode;
}

absl::Status logDelegateActivity(Database& db, domain::ActivityKind kind, TimeUs now, std::int64_t delegateId) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertDelegateActivitySql));
  return insert->bind(1, std::int64_t{static_cast<int>(kind)}).bind(2, now).bind(3, delegateId).run();
}

}  // namespace

Delegate internal::readDelegate(const Statement& row) {
  Delegate d;
  d.id = row.columnInt(0);
  d.externalRef = row.columnText(1);
  d.givenName = row.columnText(2);
  d.familyName = row.columnText(3);
  d.organisation = row.columnText(4);
  d.city = row.columnText(5);
  d.country = row.columnText(6);
  d.category = row.columnText(7);
  d.email = row.columnText(8);
  d.language = row.columnText(9);
  d.notes = row.columnText(10);
  d.status = row.columnInt(11) == 2 ? RegistrationStatus::Cancelled : RegistrationStatus::Active;
  d.externalTicketCode = row.columnText(12);
  d.badgeVersion = static_cast<std::int32_t>(row.columnInt(13));
  d.correctedFields = static_cast<std::uint32_t>(row.columnInt(14));
  d.latinName = row.columnText(15);
  d.version = row.columnInt(16);
  return d;
}

absl::StatusOr<Delegate> internal::loadDelegate(Database& db, const char* sql, std::string_view key,
                                                std::string_view what) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement statement, db.cached(sql));
  statement->bind(1, key);
  return queryOne<Delegate>(*statement, what, readDelegate);
}

absl::StatusOr<Delegate> internal::loadDelegateById(Database& db, std::int64_t id) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement statement, db.cached(kSelectDelegateByIdSql));
  statement->bind(1, id);
  return queryOne<Delegate>(*statement, strCat("delegate ", id), readDelegate);
}

absl::StatusOr<std::int64_t> internal::insertDelegate(Database& db, const Delegate& d, TimeUs now,
                                                      SearchWrites& search) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertDelegateSql));
  bindDelegateFields(*insert, d);
  insert->bind(14, now).bind(15, now);
  absl::Status status = insert->run();
  if (absl::IsAlreadyExists(status)) {
    return absl::AlreadyExistsError(
        strCat("delegate \"", d.externalRef,
               "\": the external reference, or the ticket code ignoring case, is already in use"));
  }
  LANYARD_RETURN_IF_ERROR(status);
  Delegate stored = d;
  stored.id = db.lastInsertId();
  const std::vector<domain::SearchTerm> terms = search.termsOf(stored);
  LANYARD_RETURN_IF_ERROR(writeSearchTerms(db, stored.id, terms, /*replacing=*/false));
  search.stage(stored, terms);
  return stored.id;
}

absl::StatusOr<bool> internal::updateDelegateRow(Database& db, const Delegate& d, const Delegate& previous, TimeUs now,
                                                 SearchWrites& search) {
  if (sameRecord(d, previous) && d.correctedFields == previous.correctedFields) return false;
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(kUpdateDelegateSql));
  bindDelegateFields(*update, d);
  update->bind(14, std::int64_t{d.correctedFields}).bind(15, now).bind(16, d.id);
  absl::Status status = update->run();
  if (absl::IsAlreadyExists(status)) {
    return absl::AlreadyExistsError(
        strCat("delegate \"", d.externalRef,
               "\": the external reference, or the ticket code ignoring case, is already in use"));
  }
  LANYARD_RETURN_IF_ERROR(status);
  if (domain::replicaMaterialInputsDiffer(d, previous)) LANYARD_RETURN_IF_ERROR(dropReplicaMaterial(db, d.id));
  const std::vector<domain::SearchTerm> terms = search.termsOf(d);
  if (!sameSearchText(d, previous)) LANYARD_RETURN_IF_ERROR(writeSearchTerms(db, d.id, terms, /*replacing=*/true));
  search.stage(d, terms);
  return true;
}

absl::StatusOr<Delegate> SqliteEventStore::delegate(std::int64_t id) {
  Delegate result;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(result, loadDelegateById(db, id));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<Delegate> SqliteEventStore::delegateByExternalRef(std::string_view externalRef) {
  Delegate result;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(result, loadDelegate(db, internal::kSelectDelegateByRefSql, externalRef,
                                                  strCat("delegate with reference \"", externalRef, "\"")));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<Delegate> SqliteEventStore::delegateByTicketCode(std::string_view code) {
  Delegate result;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(result, loadDelegate(db, internal::kSelectDelegateByTicketSql, code, "ticket code"));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<int> SqliteEventStore::shortestTicketCodeLength() {
  std::int64_t length = 0;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(length, queryInt(db, kSelectShortestTicketCodeSql, [](Statement&) {}));
    return absl::OkStatus();
  }));
  return static_cast<int>(length);
}

absl::StatusOr<Delegate> SqliteEventStore::createDelegate(Delegate d, bool allowDuplicate) {
  const TimeUs now = m_clock();
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    LANYARD_RETURN_IF_ERROR(domain::checkCategory(m_event, d));
    if (!allowDuplicate) LANYARD_RETURN_IF_ERROR(refuseLikelyDuplicates(db, d));
    if (d.externalRef.empty()) {
      LANYARD_ASSIGN_OR_RETURN(std::int64_t walkIns, queryInt(db, kCountWalkInsSql, [](Statement&) {}));
      d.externalRef = strCat("walkin-", walkIns + 1);
    }
    d.status = RegistrationStatus::Active;
    d.badgeVersion = 1;
    d.version = 1;
    SearchWrites search(&m_searchStaged);
    LANYARD_ASSIGN_OR_RETURN(d.id, internal::insertDelegate(db, d, now, search));
    return logDelegateActivity(db, domain::ActivityKind::DelegateAdded, now, d.id);
  }));
  return d;
}

absl::Status SqliteEventStore::refuseLikelyDuplicates(Database& db, const Delegate& d) {
  // Namesakes come from the search index, best first; its hits are then compared word for word.
  // The whole name finds those registered with as many words or more; each pair of its words,
  // those registered with fewer (without a middle or a second family name).
  constexpr int kNameHits = 50;
  constexpr std::size_t kMostWordsPaired = 6;
  const std::string name = strCat(d.givenName, " ", d.familyName);
  const std::vector<domain::QueryToken> words = domain::queryTokens(name);
  std::vector<std::vector<domain::QueryToken>> queries = {words};
  if (words.size() > 2 && words.size() <= kMostWordsPaired) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      for (std::size_t j = i + 1; j < words.size(); ++j) queries.push_back({words[i], words[j]});
    }
  }
  std::vector<std::pair<std::int64_t, const char*>> namesakes;  // {id, why}
  {
    std::shared_lock lock(m_searchMutex);
    for (const std::vector<domain::QueryToken>& query : queries) {
      for (const domain::SearchHit& hit : m_search.search(query, kNameHits, /*includeCancelled=*/true)) {
        const std::string other = strCat(hit.delegate.givenName, " ", hit.delegate.familyName);
        const char* why = domain::sameName(name, other)                                        ? "same name"
                          : domain::nameWithin(name, other) || domain::nameWithin(other, name) ? "similar name"
                                                                                               : nullptr;
        const bool listed = std::any_of(namesakes.begin(), namesakes.end(),
                                        [&](const auto& namesake) { return namesake.first == hit.delegate.id; });
        if (why != nullptr && !listed) namesakes.emplace_back(hit.delegate.id, why);
      }
    }
  }
  std::string found;
  const auto add = [&found](const Delegate& other, const char* why) {
    found +=
        strCat(found.empty() ? "" : "; ", "#", other.id, " ", other.givenName, " ", other.familyName, " (",
               other.externalRef, other.status == RegistrationStatus::Cancelled ? ", cancelled" : "", ", ", why, ")");
  };
  std::vector<std::int64_t> sameEmail;
  if (!d.email.empty()) {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectDelegatesByEmailSql));
    select->bind(1, d.email);
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
      if (!row) break;
      const Delegate other = readDelegate(*select);
      add(other, "same e-mail");
      sameEmail.push_back(other.id);
    }
  }
  for (const auto& [id, why] : namesakes) {
    if (std::find(sameEmail.begin(), sameEmail.end(), id) != sameEmail.end()) continue;
    LANYARD_ASSIGN_OR_RETURN(const Delegate other, loadDelegateById(db, id));
    add(other, why);
  }
  if (found.empty()) return absl::OkStatus();
  return absl::AlreadyExistsError(strCat("this may be someone the event already has: ", found));
}

absl::StatusOr<Delegate> SqliteEventStore::updateDelegate(const Delegate& changes, std::int64_t expectedVersion) {
  const TimeUs now = m_clock();
  Delegate stored;
  // One write job: the version check and the write are in one transaction of the one writer.
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(Delegate current, loadDelegateById(db, changes.id));
    if (current.version != expectedVersion) {
      return absl::FailedPreconditionError(strCat("delegate ", current.id, " was changed since version ",
                                                  expectedVersion, " (it is at version ", current.version,
                                                  "): read it again and reapply the correction"));
    }
    LANYARD_RETURN_IF_ERROR(domain::checkCategory(m_event, changes));
    stored = changes;
    stored.status = current.status;
    stored.badgeVersion = current.badgeVersion;
    stored.version = current.version;
    if (stored.externalRef.empty()) stored.externalRef = current.externalRef;
    stored.correctedFields = current.correctedFields | domain::changedFields(current, stored);
    SearchWrites search(&m_searchStaged);
    LANYARD_ASSIGN_OR_RETURN(const bool changed, internal::updateDelegateRow(db, stored, current, now, search));
    if (!changed) return absl::OkStatus();
    ++stored.version;
    return logDelegateActivity(db, domain::ActivityKind::DelegateUpdated, now, stored.id);
  }));
  return stored;
}

absl::StatusOr<Delegate> SqliteEventStore::cancelDelegate(std::int64_t id) {
  return setDelegateStatus(id, RegistrationStatus::Cancelled, domain::ActivityKind::DelegateCancelled);
}

absl::StatusOr<Delegate> SqliteEventStore::reinstateDelegate(std::int64_t id) {
  return setDelegateStatus(id, RegistrationStatus::Active, domain::ActivityKind::DelegateUpdated);
}

absl::StatusOr<Delegate> SqliteEventStore::setDelegateStatus(std::int64_t id, RegistrationStatus status,
                                                             domain::ActivityKind kind) {
  const TimeUs now = m_clock();
  Delegate stored;
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(const Delegate current, loadDelegateById(db, id));
    const auto statusBit = static_cast<std::uint32_t>(domain::DelegateField::Status);
    if (current.status == status && (current.correctedFields & statusBit) != 0) {
      stored = current;  // Already so, and kept over re-imports: nothing to write.
      return absl::OkStatus();
    }
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(kSetDelegateStatusSql));
    LANYARD_RETURN_IF_ERROR(update->bind(1, std::int64_t{status == RegistrationStatus::Cancelled ? 2 : 1})
                                .bind(2, std::int64_t{statusBit})
                                .bind(3, now)
                                .bind(4, id)
                                .run());
    LANYARD_ASSIGN_OR_RETURN(stored, loadDelegateById(db, id));
    if (current.status == status) return absl::OkStatus();
    SearchWrites search(&m_searchStaged);
    search.stage(stored, search.termsOf(stored));
    return logDelegateActivity(db, kind, now, id);
  }));
  return stored;
}

absl::StatusOr<Delegate> SqliteEventStore::reissueBadge(std::int64_t id) {
  const TimeUs now = m_clock();
  Delegate stored;
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(kReissueBadgeSql));
    LANYARD_RETURN_IF_ERROR(update->bind(1, now).bind(2, id).run());
    LANYARD_ASSIGN_OR_RETURN(stored, loadDelegateById(db, id));
    LANYARD_RETURN_IF_ERROR(internal::dropReplicaMaterial(db, id));  // It seals the superseded code.
    return logDelegateActivity(db, domain::ActivityKind::BadgeReissued, now, id);
  }));
  return stored;
}

absl::StatusOr<std::vector<Delegate>> SqliteEventStore::listDelegates(bool includeCancelled, domain::Page page) {
  std::vector<Delegate> delegates;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    delegates.clear();
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(internal::kSelectDelegatesSql));
    bindPage(select->bind(1, std::int64_t{includeCancelled ? 1 : 0}), 2, page);
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
      if (!row) return absl::OkStatus();
      delegates.push_back(readDelegate(*select));
    }
  }));
  return delegates;
}

absl::StatusOr<std::vector<std::int64_t>> SqliteEventStore::registeredSessionIds(std::int64_t delegateId) {
  std::vector<std::int64_t> sessionIds;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    sessionIds.clear();
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectRegistrationsSql));
    select->bind(1, delegateId);
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
      if (!row) return absl::OkStatus();
      sessionIds.push_back(select->columnInt(0));
    }
  }));
  return sessionIds;
}

}  // namespace lanyard::server::storage
