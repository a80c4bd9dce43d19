// PostgresEventStore's DelegateStore: lookups, walk-ins with their duplicate check, the help desk's
// corrections, and listing; plus the delegate rows that imports write too.
// Every write for a delegate locks the delegate's row first and logs its activity last (the
// activity insert takes the activity lock: migration 0001's lock order).

#include <algorithm>
#include <pqxx/except>
#include <pqxx/result>
#include <shared_mutex>
#include <unordered_map>

#include "domain/replica_store.h"
#include "domain/search_key.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "postgres/event_store.h"
#include "postgres/event_store_internal.h"

namespace lanyard::server::postgres {

using domain::Delegate;
using domain::RegistrationStatus;
using domain::TimeUs;
using internal::kDelegateColumns;
using internal::loadDelegateById;
using internal::readDelegate;

namespace {

const std::string kSelectDelegateByIdSql = strCat("SELECT ", kDelegateColumns, " FROM delegate WHERE id = $1");
const std::string kLockDelegateByIdSql = strCat(kSelectDelegateByIdSql, " FOR UPDATE");
const std::string kSelectDelegateByRefSql =
    strCat("SELECT ", kDelegateColumns, " FROM delegate WHERE external_ref = $1");
// Ticket codes match ignoring ASCII case, through the index on this very expression (migration 1).
const std::string kSelectDelegateByTicketSql = strCat("SELECT ", kDelegateColumns,
                                                      " FROM delegate WHERE lower(external_ticket_code COLLATE \"C\") "
                                                      "= lower($1 COLLATE \"C\") AND external_ticket_code IS NOT NULL");
const std::string kSelectDelegatesSql =
    strCat("SELECT ", kDelegateColumns, " FROM delegate WHERE (status = 1 OR $1) AND id > $2 ORDER BY id LIMIT $3");
// lower() under the "C" collation folds ASCII letters only, as the contract says.
const std::string kSelectDelegatesByEmailSql =
    strCat("SELECT ", kDelegateColumns,
           " FROM delegate WHERE email <> '' AND lower(email COLLATE \"C\") = lower($1 COLLATE \"C\") ORDER BY id");
// One seek in delegate_ticket_code_length; NULL when no delegate has a ticket code.
constexpr char kSelectShortestTicketCodeSql[] =
    "SELECT MIN(length(external_ticket_code)) FROM delegate WHERE external_ticket_code IS NOT NULL";
constexpr char kInsertDelegateSql[] =
    "INSERT INTO delegate (external_ref, given_name, family_name, organisation, city, country, category, "
    "email, language, notes, status, external_ticket_code, latin_name, badge_version, created_us, updated_us) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14) RETURNING id";
// insertDelegate's row for each element of the arrays; ticket codes '' for none.
constexpr char kInsertDelegatesSql[] =
    "INSERT INTO delegate (external_ref, given_name, family_name, organisation, city, country, category, "
    "email, language, notes, status, external_ticket_code, latin_name, badge_version, created_us, updated_us) "
    "SELECT r, g, f, o, ci, co, ca, e, l, n, s, NULLIF(t, ''), la, 1, $14, $14 FROM unnest($1::text[], "
    "$2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], "
    "$11::integer[], $12::text[], $13::text[]) AS u (r, g, f, o, ci, co, ca, e, l, n, s, t, la) "
    "RETURNING external_ref, id";
constexpr char kSavepointSql[] = "SAVEPOINT insert_delegates";
constexpr char kRollbackToSavepointSql[] = "ROLLBACK TO SAVEPOINT insert_delegates";
constexpr char kReleaseSavepointSql[] = "RELEASE SAVEPOINT insert_delegates";
constexpr char kUpdateDelegateSql[] =
    "UPDATE delegate SET external_ref = $1, given_name = $2, family_name = $3, organisation = $4, city = $5, "
    "country = $6, category = $7, email = $8, language = $9, notes = $10, status = $11, external_ticket_code = $12, "
    "latin_name = $13, corrected_fields = $14, updated_us = $15, version = version + 1 WHERE id = $16";
const std::string kSetDelegateStatusSql = strCat(
    "UPDATE delegate SET status = $1, corrected_fields = corrected_fields | $2, updated_us = $3, "
    "version = version + 1 WHERE id = $4 RETURNING ",
    kDelegateColumns);
const std::string kReissueBadgeSql = strCat(
    "UPDATE delegate SET badge_version = badge_version + 1, updated_us = $1, version = version + 1 "
    "WHERE id = $2 RETURNING ",
    kDelegateColumns);
constexpr char kCountWalkInsSql[] = "SELECT count(*) FROM delegate WHERE external_ref LIKE 'walkin-%'";
constexpr char kSelectRegistrationsSql[] =
    "SELECT session_id FROM registration WHERE delegate_id = $1 ORDER BY session_id";
constexpr char kDeleteMaterialSql[] = "DELETE FROM replica_material WHERE delegate_id = $1";
// The help desk's actions on delegates; the log tables get their activity from triggers, and
// these activities move their delegate's changed sequence (migration 1).
constexpr char kInsertDelegateActivitySql[] = "INSERT INTO activity (kind, time_us, delegate_id) VALUES ($1, $2, $3)";
// The key of lockBulkWrites' transaction-level advisory lock: "lanyard\0\1" as a number.
constexpr std::int64_t kBulkWritesLock = 0x6c616e7961726401;

// What the search terms are made of (SearchTermFolder): names, Latin name, organisation, city.
constexpr std::uint32_t kSearchedFields = static_cast<std::uint32_t>(domain::DelegateField::GivenName) |
                                          static_cast<std::uint32_t>(domain::DelegateField::FamilyName) |
                                          static_cast<std::uint32_t>(domain::DelegateField::LatinName) |
                                          static_cast<std::uint32_t>(domain::DelegateField::Organisation) |
                                          static_cast<std::uint32_t>(domain::DelegateField::City);

int statusCode(RegistrationStatus status) { return status == RegistrationStatus::Cancelled ? 2 : 1; }

// NULL for no ticket code: the unique index skips NULLs, not empty strings.
const char* ticketCode(const Delegate& d) {
  return d.externalTicketCode.empty() ? nullptr : d.externalTicketCode.c_str();
}

absl::Status clash(const Delegate& d) {
  return absl::AlreadyExistsError(strCat(
      "delegate \"", d.externalRef, "\": the external reference, or the ticket code ignoring case, is already in use"));
}

void logDelegateActivity(pqxx::transaction_base& transaction, domain::ActivityKind kind, TimeUs now,
                         std::int64_t delegateId) {
  transaction.exec_params(kInsertDelegateActivitySql, static_cast<int>(kind), now, delegateId);
}

// The delegate `sql` finds for `key`; NOT_FOUND names `what`.
absl::StatusOr<Delegate> loadDelegate(pqxx::transaction_base& transaction, const std::string& sql,
                                      const std::string& key, std::string_view what) {
  const pqxx::result rows = transaction.exec_params(sql, key);
  if (rows.empty()) return absl::NotFoundError(strCat(what, " not found"));
  return readDelegate(rows[0]);
}

template <typename Value>
std::string joinArray(const std::vector<Value>& values, void (*append)(std::string&, const Value&)) {
  std::string text = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text.push_back(',');
    append(text, values[i]);
  }
  text.push_back('}');
  return text;
}

}  // namespace

namespace internal {

absl::StatusOr<Delegate> loadDelegateById(pqxx::transaction_base& transaction, std::int64_t id, bool lock) {
  const pqxx::result rows = transaction.exec_params(lock ? kLockDelegateByIdSql : kSelectDelegateByIdSql, id);
  if (rows.empty()) return absl::NotFoundError(strCat("delegate ", id, " not found"));
  return readDelegate(rows[0]);
}

void lockBulkWrites(pqxx::transaction_base& transaction) {
  transaction.exec_params("SELECT pg_advisory_xact_lock($1)", kBulkWritesLock);
}

std::string sqlArray(const std::vector<std::int64_t>& values) {
  return joinArray<std::int64_t>(values,
                                 [](std::string& text, const std::int64_t& value) { text += std::to_string(value); });
}

std::string sqlArray(const std::vector<int>& values) {
  return joinArray<int>(values, [](std::string& text, const int& value) { text += std::to_string(value); });
}

std::string sqlArray(const std::vector<std::string>& values) {
  // Each element quoted, with '"' and '\' escaped: any text, "NULL" included, stays itself.
  return joinArray<std::string>(values, [](std::string& text, const std::string& value) {
    text.push_back('"');
    for (const char c : value) {
      if (c == '"' || c == '\\') text.push_back('\\');
      text.push_back(c);
    }
    text.push_back('"');
  });
}

absl::StatusOr<std::int64_t> insertDelegate(pqxx::transaction_base& transaction, const Delegate& d, TimeUs now,
                                            SearchTermWrites& terms) {
  Delegate stored = d;
  try {
    stored.id = transaction
                    .exec_params1(kInsertDelegateSql, d.externalRef, d.givenName, d.familyName, d.organisation, d.city,
                                  d.country, d.category, d.email, d.language, d.notes, statusCode(d.status),
                                  ticketCode(d), d.latinName, now)[0]
                    .as<std::int64_t>();
  } catch (const pqxx::unique_violation&) {
    return clash(d);
  }
  terms.write(stored, /*replacing=*/false);
  return stored.id;
}

absl::StatusOr<std::vector<std::int64_t>> insertDelegates(pqxx::transaction_base& transaction,
                                                          const std::vector<const Delegate*>& delegates, TimeUs now,
                                                          SearchTermWrites& terms) {
  if (delegates.empty()) return std::vector<std::int64_t>();
  std::vector<std::vector<std::string>> columns(12);
  std::vector<int> statuses;
  for (const Delegate* d : delegates) {
    std::size_t column = 0;
    for (const std::string* value :
         {&d->externalRef, &d->givenName, &d->familyName, &d->organisation, &d->city, &d->country, &d->category,
          &d->email, &d->language, &d->notes, &d->externalTicketCode, &d->latinName}) {
      columns[column++].push_back(*value);
    }
    statuses.push_back(statusCode(d->status));
  }
  // A savepoint: a clash rolls back this statement only, and the caller may go on. (libpqxx 6.4's
  // subtransaction sets its savepoint on its first exec() only, not on exec_params().)
  transaction.exec(kSavepointSql);
  pqxx::result rows;
  try {
    rows = transaction.exec_params(
        kInsertDelegatesSql, sqlArray(columns[0]), sqlArray(columns[1]), sqlArray(columns[2]), sqlArray(columns[3]),
        sqlArray(columns[4]), sqlArray(columns[5]), sqlArray(columns[6]), sqlArray(columns[7]), sqlArray(columns[8]),
        sqlArray(columns[9]), sqlArray(statuses), sqlArray(columns[10]), sqlArray(columns[11]), now);
  } catch (const pqxx::unique_violation&) {
    transaction.exec(kRollbackToSavepointSql);
    return absl::AlreadyExistsError("an external reference, or a ticket code ignoring case, is already in use");
  }
  transaction.exec(kReleaseSavepointSql);
  std::unordered_map<std::string, std::int64_t> ids;
  for (const pqxx::row& row : rows) ids.emplace(row[0].as<std::string>(), row[1].as<std::int64_t>());
  std::vector<std::int64_t> inserted;
  for (const Delegate* d : delegates) {
    Delegate stored = *d;
    stored.id = ids.at(d->externalRef);
    terms.write(stored, /*replacing=*/false);
    inserted.push_back(stored.id);
  }
  return inserted;
}

absl::StatusOr<bool> updateDelegateRow(pqxx::transaction_base& transaction, const Delegate& d, const Delegate& previous,
                                       TimeUs now, SearchTermWrites& terms) {
  const std::uint32_t changed = domain::changedFields(previous, d);
  if (changed == 0 && d.externalRef == previous.externalRef && d.status == previous.status &&
      d.correctedFields == previous.correctedFields) {
    return false;
  }
  try {
    transaction.exec_params(kUpdateDelegateSql, d.externalRef, d.givenName, d.familyName, d.organisation, d.city,
                            d.country, d.category, d.email, d.language, d.notes, statusCode(d.status), ticketCode(d),
                            d.latinName, d.correctedFields, now, d.id);
  } catch (const pqxx::unique_violation&) {
    return clash(d);
  }
  if (domain::replicaMaterialInputsDiffer(d, previous)) dropReplicaMaterial(transaction, d.id);
  if ((changed & kSearchedFields) != 0) terms.write(d, /*replacing=*/true);
  return true;
}

void dropReplicaMaterial(pqxx::transaction_base& transaction, std::int64_t delegateId) {
  transaction.exec_params(kDeleteMaterialSql, delegateId);
}

}  // namespace internal

absl::StatusOr<Delegate> PostgresEventStore::delegate(std::int64_t id) {
  Delegate result;
  LANYARD_RETURN_IF_ERROR(inTransaction("reading a delegate", [&](pqxx::transaction_base& transaction) {
    LANYARD_ASSIGN_OR_RETURN(result, loadDelegateById(transaction, id, /*lock=*/false));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<Delegate> PostgresEventStore::delegateByExternalRef(std::string_view externalRef) {
  Delegate result;
  const std::string ref(externalRef);
  LANYARD_RETURN_IF_ERROR(inTransaction("reading a delegate", [&](pqxx::transaction_base& transaction) {
    LANYARD_ASSIGN_OR_RETURN(result, loadDelegate(transaction, kSelectDelegateByRefSql, ref,
                                                  strCat("delegate with reference \"", ref, "\"")));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<Delegate> PostgresEventStore::delegateByTicketCode(std::string_view code) {
  Delegate result;
  const std::string key(code);
  LANYARD_RETURN_IF_ERROR(inTransaction("reading a delegate", [&](pqxx::transaction_base& transaction) {
    LANYARD_ASSIGN_OR_RETURN(result, loadDelegate(transaction, kSelectDelegateByTicketSql, key, "ticket code"));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<int> PostgresEventStore::shortestTicketCodeLength() {
  int length = 0;
  LANYARD_RETURN_IF_ERROR(inTransaction("reading the ticket codes", [&](pqxx::transaction_base& transaction) {
    length = transaction.exec1(kSelectShortestTicketCodeSql)[0].as<int>(0);
    return absl::OkStatus();
  }));
  return length;
}

absl::StatusOr<Delegate> PostgresEventStore::createDelegate(Delegate d, bool allowDuplicate) {
  const TimeUs now = m_clock();
  Delegate stored;
  LANYARD_RETURN_IF_ERROR(inTransaction("adding a delegate", [&](pqxx::transaction_base& transaction) -> absl::Status {
    LANYARD_RETURN_IF_ERROR(domain::checkCategory(m_event, d));
    internal::lockBulkWrites(transaction);  // Numbers walk-ins one at a time across servers.
    if (!allowDuplicate) LANYARD_RETURN_IF_ERROR(refuseLikelyDuplicates(transaction, d));
    stored = d;
    if (stored.externalRef.empty()) {
      const auto walkIns = transaction.exec1(kCountWalkInsSql)[0].as<std::int64_t>();
      stored.externalRef = strCat("walkin-", walkIns + 1);
    }
    stored.status = RegistrationStatus::Active;
    stored.badgeVersion = 1;
    stored.version = 1;
    stored.correctedFields = 0;
    internal::SearchTermWrites terms(transaction);
    LANYARD_ASSIGN_OR_RETURN(stored.id, internal::insertDelegate(transaction, stored, now, terms));
    terms.flush();
    logDelegateActivity(transaction, domain::ActivityKind::DelegateAdded, now, stored.id);
    return absl::OkStatus();
  }));
  refreshSearchAfterWrite({stored.id});
  return stored;
}

absl::Status PostgresEventStore::refuseLikelyDuplicates(pqxx::transaction_base& transaction, const Delegate& d) {
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
    for (const pqxx::row& row : transaction.exec_params(kSelectDelegatesByEmailSql, d.email)) {
      const Delegate other = readDelegate(row);
      add(other, "same e-mail");
      sameEmail.push_back(other.id);
    }
  }
  for (const auto& [id, why] : namesakes) {
    if (std::find(sameEmail.begin(), sameEmail.end(), id) != sameEmail.end()) continue;
    LANYARD_ASSIGN_OR_RETURN(const Delegate other, loadDelegateById(transaction, id, /*lock=*/false));
    add(other, why);
  }
  if (found.empty()) return absl::OkStatus();
  return absl::AlreadyExistsError(strCat("this may be someone the event already has: ", found));
}

absl::StatusOr<Delegate> PostgresEventStore::updateDelegate(const Delegate& changes, std::int64_t expectedVersion) {
  const TimeUs now = m_clock();
  Delegate stored;
  bool changed = false;
  // The row lock makes the version check and the write one step across servers: a second
  // correction from the same version waits for the first, then finds the version moved on.
  LANYARD_RETURN_IF_ERROR(
      inTransaction("correcting a delegate", [&](pqxx::transaction_base& transaction) -> absl::Status {
        LANYARD_ASSIGN_OR_RETURN(const Delegate current, loadDelegateById(transaction, changes.id, /*lock=*/true));
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
        internal::SearchTermWrites terms(transaction);
        LANYARD_ASSIGN_OR_RETURN(changed, internal::updateDelegateRow(transaction, stored, current, now, terms));
        if (!changed) return absl::OkStatus();
        terms.flush();
        ++stored.version;
        logDelegateActivity(transaction, domain::ActivityKind::DelegateUpdated, now, stored.id);
        return absl::OkStatus();
      }));
  if (changed) refreshSearchAfterWrite({stored.id});
  return stored;
}

absl::StatusOr<Delegate> PostgresEventStore::cancelDelegate(std::int64_t id) {
  return setDelegateStatus(id, RegistrationStatus::Cancelled, domain::ActivityKind::DelegateCancelled);
}

absl::StatusOr<Delegate> PostgresEventStore::reinstateDelegate(std::int64_t id) {
  return setDelegateStatus(id, RegistrationStatus::Active, domain::ActivityKind::DelegateUpdated);
}

absl::StatusOr<Delegate> PostgresEventStore::setDelegateStatus(std::int64_t id, RegistrationStatus status,
                                                               domain::ActivityKind kind) {
  const TimeUs now = m_clock();
  Delegate stored;
  bool statusChanged = false;
  LANYARD_RETURN_IF_ERROR(
      inTransaction("changing a delegate's status", [&](pqxx::transaction_base& transaction) -> absl::Status {
        LANYARD_ASSIGN_OR_RETURN(const Delegate current, loadDelegateById(transaction, id, /*lock=*/true));
        const auto statusBit = static_cast<std::uint32_t>(domain::DelegateField::Status);
        statusChanged = current.status != status;
        if (!statusChanged && (current.correctedFields & statusBit) != 0) {
          stored = current;  // Already so, and kept over re-imports: nothing to write.
          return absl::OkStatus();
        }
        stored = readDelegate(transaction.exec_params1(kSetDelegateStatusSql, statusCode(status), statusBit, now, id));
        if (statusChanged) logDelegateActivity(transaction, kind, now, id);
        return absl::OkStatus();
      }));
  if (statusChanged) refreshSearchAfterWrite({id});
  return stored;
}

absl::StatusOr<Delegate> PostgresEventStore::reissueBadge(std::int64_t id) {
  const TimeUs now = m_clock();
  Delegate stored;
  LANYARD_RETURN_IF_ERROR(inTransaction("reissuing a badge", [&](pqxx::transaction_base& transaction) -> absl::Status {
    // The update locks the row first.
    const pqxx::result rows = transaction.exec_params(kReissueBadgeSql, now, id);
    if (rows.empty()) return absl::NotFoundError(strCat("delegate ", id, " not found"));
    stored = readDelegate(rows[0]);
    internal::dropReplicaMaterial(transaction, id);  // It seals the superseded code.
    logDelegateActivity(transaction, domain::ActivityKind::BadgeReissued, now, id);
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<std::vector<Delegate>> PostgresEventStore::listDelegates(bool includeCancelled, domain::Page page) {
  std::vector<Delegate> delegates;
  LANYARD_RETURN_IF_ERROR(inTransaction("listing delegates", [&](pqxx::transaction_base& transaction) {
    delegates.clear();
    for (const pqxx::row& row :
         transaction.exec_params(kSelectDelegatesSql, includeCancelled, page.afterId, page.limit)) {
      delegates.push_back(readDelegate(row));
    }
    return absl::OkStatus();
  }));
  return delegates;
}

absl::StatusOr<std::vector<std::int64_t>> PostgresEventStore::registeredSessionIds(std::int64_t delegateId) {
  std::vector<std::int64_t> sessionIds;
  LANYARD_RETURN_IF_ERROR(inTransaction("reading registrations", [&](pqxx::transaction_base& transaction) {
    sessionIds.clear();
    for (const pqxx::row& row : transaction.exec_params(kSelectRegistrationsSql, delegateId)) {
      sessionIds.push_back(row[0].as<std::int64_t>());
    }
    return absl::OkStatus();
  }));
  return sessionIds;
}

}  // namespace lanyard::server::postgres
