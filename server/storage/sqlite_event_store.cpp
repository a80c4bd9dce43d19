#include "storage/sqlite_event_store.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <future>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "domain/event_time.h"
#include "domain/search_key.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "storage/migrations.h"

namespace lanyard::server::storage {

using domain::CheckInOutcome;
using domain::Delegate;
using domain::Device;
using domain::Direction;
using domain::RegistrationStatus;
using domain::Session;
using domain::TimeUs;

namespace {

// Batches larger than this wait for the next commit; bounds the time one batch holds the lock.
constexpr std::size_t kMaxBatch = 512;
// WAL growth, in pages, after which the checkpointer copies it back into the database file: SQLite's
// own default for its automatic checkpoint.
constexpr int kCheckpointPages = 1000;
// Entries put into the search index at a time while it is loaded: small enough that a search
// waits for one batch at most (milliseconds), not for the whole load.
constexpr std::size_t kSearchLoadBatch = 2000;
// Scanned text kept in the log for unknown and forged codes.
constexpr std::size_t kMaxLoggedCode = 256;

constexpr char kSelectEventSql[] =
    "SELECT name, venue, time_zone, start_date, end_date, default_language, signing_seed, public_key, "
    "name_check_in_proof, session_grace_minutes, staff_pin_hash, search_terms_version FROM event WHERE id = 1";
constexpr char kUpdateSearchTermsVersionSql[] = "UPDATE event SET search_terms_version = ? WHERE id = 1";
constexpr char kUpdateStaffPinSql[] = "UPDATE event SET staff_pin_hash = ? WHERE id = 1";
constexpr char kInsertEventSql[] =
    "INSERT INTO event (id, name, venue, time_zone, start_date, end_date, default_language, signing_seed, "
    "public_key, name_check_in_proof, session_grace_minutes, created_us) "
    "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectCategoriesSql[] = "SELECT name, label, colour FROM category ORDER BY id";
constexpr char kInsertCategorySql[] = "INSERT INTO category (name, label, colour) VALUES (?, ?, ?)";

constexpr char kSelectDevicesSql[] =
    "SELECT id, name, role, created_us, revoked_us, token_hash FROM device WHERE id > ? ORDER BY id LIMIT ?";
constexpr char kInsertDeviceSql[] =
    "INSERT INTO device (name, role, token_hash, created_us, revoked_us) VALUES (?, ?, ?, ?, NULL)";
constexpr char kRevokeDeviceSql[] =
    "UPDATE device SET revoked_us = ? WHERE (id = ? OR name = ?) AND revoked_us IS NULL "
    "RETURNING id, role";
constexpr char kSelectDevicesLastLoggedSql[] =
    "SELECT device_id, MAX(time_us) FROM activity WHERE device_id IS NOT NULL GROUP BY device_id";
constexpr char kIsDeviceRevokedSql[] = "SELECT revoked_us IS NOT NULL FROM device WHERE name = ?";
constexpr char kCountValidDevicesOfRoleSql[] = "SELECT count(*) FROM device WHERE role = ? AND revoked_us IS NULL";

#define LANYARD_DELEGATE_COLUMNS                                                                        \
  "id, external_ref, given_name, family_name, organisation, city, country, category, email, language, " \
  "notes, status, external_ticket_code, badge_version, corrected_fields, latin_name, version"
constexpr char kSelectDelegateByIdSql[] = "SELECT " LANYARD_DELEGATE_COLUMNS " FROM delegate WHERE id = ?";
constexpr char kSelectDelegateByRefSql[] = "SELECT " LANYARD_DELEGATE_COLUMNS " FROM delegate WHERE external_ref = ?";
// Ticket codes match ignoring ASCII case, through the NOCASE unique index (migration 8).
constexpr char kSelectDelegateByTicketSql[] =
    "SELECT " LANYARD_DELEGATE_COLUMNS " FROM delegate WHERE external_ticket_code = ? COLLATE NOCASE";
// One seek in delegate_ticket_code_length; NULL when no delegate has a ticket code.
constexpr char kSelectShortestTicketCodeSql[] =
    "SELECT MIN(length(external_ticket_code)) FROM delegate WHERE external_ticket_code IS NOT NULL";
constexpr char kSelectDelegatesSql[] =
    "SELECT " LANYARD_DELEGATE_COLUMNS " FROM delegate WHERE (status = 1 OR ?) AND id > ? ORDER BY id LIMIT ?";
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

constexpr char kDeleteSearchTermsSql[] = "DELETE FROM search_term WHERE delegate_id = ?";
constexpr char kInsertSearchTermSql[] =
    "INSERT INTO search_term (term, delegate_id, weight) VALUES (?, ?, ?) "
    "ON CONFLICT (term, delegate_id) DO UPDATE SET weight = MAX(weight, excluded.weight)";
// What the search index holds of every delegate: one row per search term (one with NULLs for a
// delegate without any), grouped by delegate.
constexpr char kSelectSearchEntriesSql[] =
    "SELECT d.id, d.given_name, d.family_name, d.organisation, d.city, d.category, d.language, d.status, t.term, "
    "t.weight FROM delegate d LEFT JOIN search_term t ON t.delegate_id = d.id ORDER BY d.id";

constexpr char kSelectSessionBySelfRefSql[] = "SELECT id FROM session WHERE external_ref = ?";
constexpr char kInsertSessionSql[] =
    "INSERT INTO session (external_ref, title, room, start_us, end_us, capacity, registration_required) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kUpdateSessionSql[] =
    "UPDATE session SET title = ?, room = ?, start_us = ?, end_us = ?, capacity = ?, registration_required = ? "
    "WHERE id = ?";
constexpr char kSelectSessionSql[] =
    "SELECT id, external_ref, title, room, start_us, end_us, capacity, registration_required FROM session "
    "WHERE id = ?";
constexpr char kSelectSessionsSql[] =
    "SELECT id, external_ref, title, room, start_us, end_us, capacity, registration_required, "
    "(SELECT COUNT(*) FROM registration r WHERE r.session_id = session.id) FROM session ORDER BY start_us, id";
constexpr char kInsertRegistrationSql[] =
    "INSERT INTO registration (session_id, delegate_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr char kSelectAllRegistrationsSql[] = "SELECT delegate_id, session_id FROM registration";
constexpr char kDeleteRegistrationSql[] = "DELETE FROM registration WHERE delegate_id = ? AND session_id = ?";
constexpr char kIsRegisteredSql[] =
    "SELECT EXISTS (SELECT 1 FROM registration WHERE session_id = ? AND delegate_id = ?)";
constexpr char kSelectRegistrationsSql[] =
    "SELECT session_id FROM registration WHERE delegate_id = ? ORDER BY session_id";

constexpr char kSelectRequestSql[] =
    "SELECT id, delegate_id, outcome, server_time_us, previous_id, reentry, left_session_id FROM check_in "
    "WHERE device_id = ? AND request_id = ?";
constexpr char kSelectCheckInSql[] =
    "SELECT c.id, c.server_time_us, d.name, c.session_id, c.direction, c.event_day FROM check_in c "
    "JOIN device d ON d.id = c.device_id WHERE c.id = ?";
constexpr char kSelectLatestMoveSql[] =
    "SELECT id FROM check_in WHERE delegate_id = ? AND session_id IS ? AND outcome IN (1, 10) "
    "ORDER BY id DESC LIMIT 1";
// SQLite takes bare columns from the row that holds MAX(id): each delegate's latest move.
constexpr char kCountInsideSessionSql[] =
    "SELECT COUNT(*) FROM (SELECT direction, MAX(id) FROM check_in WHERE session_id = ? AND outcome IN (1, 10) "
    "GROUP BY delegate_id) WHERE direction = 1";
constexpr char kSelectSessionsInsideSql[] =
    "SELECT session_id, direction, MAX(id) FROM check_in WHERE delegate_id = ? AND session_id IS NOT NULL "
    "AND outcome IN (1, 10) GROUP BY session_id ORDER BY session_id";
constexpr char kCountWrongProofsForDelegateSql[] =
    "SELECT COUNT(*) FROM check_in WHERE delegate_id = ? AND server_time_us > ? AND outcome = 12";
constexpr char kCountWrongProofsFromDeviceSql[] =
    "SELECT COUNT(*) FROM check_in WHERE device_id = ? AND server_time_us > ? AND outcome = 12";
constexpr char kInsertCheckInSql[] =
    "INSERT INTO check_in (device_id, request_id, delegate_id, session_id, direction, outcome, scan_time_us, "
    "server_time_us, event_day, scanned_code, previous_id, reentry, left_session_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectCheckInsSql[] =
    "SELECT c.id, c.server_time_us, c.scan_time_us, c.session_id, c.direction, c.outcome, d.name "
    "FROM check_in c JOIN device d ON d.id = c.device_id WHERE c.delegate_id = ? AND c.id > ? ORDER BY c.id LIMIT ?";

constexpr char kBadgePrintedSql[] =
    "SELECT EXISTS (SELECT 1 FROM badge_print WHERE delegate_id = ? AND badge_version = ? AND success = 1)";
constexpr char kInsertPrintSql[] =
    "INSERT INTO badge_print (delegate_id, device_id, badge_version, success, error, printer, client_time_us, "
    "server_time_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectPrintsSql[] =
    "SELECT p.id, p.device_id, d.name, p.badge_version, p.success, p.error, p.printer, p.client_time_us, "
    "p.server_time_us FROM badge_print p JOIN device d ON d.id = p.device_id WHERE p.delegate_id = ? AND p.id > ? "
    "ORDER BY p.id LIMIT ?";

// The help desk's actions on delegates; the log tables get their activity from triggers (see
// migrations/0002_activity.sql).
constexpr char kInsertDelegateActivitySql[] = "INSERT INTO activity (kind, time_us, delegate_id) VALUES (?, ?, ?)";
constexpr char kInsertImportRunSql[] =
    "INSERT INTO import_run (what, created, updated, unchanged, registrations, server_time_us) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr int kImportRunDelegates = 1;
constexpr int kImportRunSessions = 2;
constexpr char kInsertKioskStatusSql[] =
    "INSERT INTO kiosk_status (device_id, printer_status, detail, server_time_us) VALUES (?, ?, ?, ?)";
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
    "dv.role "
    "FROM activity a "
    "LEFT JOIN device dv ON dv.id = a.device_id "
    "LEFT JOIN delegate d ON d.id = a.delegate_id "
    "LEFT JOIN check_in c ON c.id = a.check_in_id "
    "LEFT JOIN badge_print p ON p.id = a.badge_print_id "
    "LEFT JOIN import_run r ON r.id = a.import_run_id "
    "LEFT JOIN kiosk_status k ON k.id = a.kiosk_status_id "
    "WHERE a.id > ? ORDER BY a.id LIMIT ?";
constexpr char kSelectRosterSql[] = "SELECT id, category, status FROM delegate ORDER BY id";
// Activities handed to the listener per query after a commit; a bigger commit takes several.
constexpr int kPublishPage = 1024;

// Wraps a storage failure with what was being done.
absl::Status annotate(const absl::Status& status, std::string_view what) {
  return absl::Status(status.code(), strCat(what, ": ", status.message()));
}

// Binds `page` to a paged SELECT's "id > ?" at `afterIndex` and its "LIMIT ?" right after it.
Statement& bindPage(Statement& select, int afterIndex, domain::Page page) {
  return select.bind(afterIndex, page.afterId).bind(afterIndex + 1, std::int64_t{page.limit});
}

Delegate readDelegate(const Statement& row) {
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

Session readSession(const Statement& row) {
  Session s;
  s.id = row.columnInt(0);
  s.externalRef = row.columnText(1);
  s.title = row.columnText(2);
  s.room = row.columnText(3);
  s.startUs = row.columnInt(4);
  s.endUs = row.columnInt(5);
  s.capacity = static_cast<std::int32_t>(row.columnInt(6));
  s.registrationRequired = row.columnInt(7) != 0;
  return s;
}

// Runs a single-row query; NOT_FOUND names `what` when there is no row.
template <typename T, typename Reader>
absl::StatusOr<T> queryOne(Statement& statement, std::string_view what, Reader reader) {
  absl::StatusOr<bool> row = statement.step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError(strCat(what, " not found"));
  return reader(statement);
}

absl::StatusOr<std::int64_t> queryInt(Database& db, const char* sql, const std::function<void(Statement&)>& bind) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement statement, db.cached(sql));
  bind(*statement);
  LANYARD_ASSIGN_OR_RETURN(bool row, statement->step());
  return row ? statement->columnInt(0) : 0;
}

absl::StatusOr<Delegate> loadDelegate(Database& db, const char* sql, std::string_view key, std::string_view what) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement statement, db.cached(sql));
  statement->bind(1, key);
  return queryOne<Delegate>(*statement, what, readDelegate);
}

absl::StatusOr<Delegate> loadDelegateById(Database& db, std::int64_t id) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement statement, db.cached(kSelectDelegateByIdSql));
  statement->bind(1, id);
  return queryOne<Delegate>(*statement, strCat("delegate ", id), readDelegate);
}

// One write's search work. It folds each field text once: imports repeat organisations, cities
// and common names, and folding through ICU costs microseconds a word. And it stages the search
// index entry of every delegate written, for the index once the write has committed.
class SearchWrites {
 public:
  // Entries are staged in `staged`, or nowhere when it is null: an import has the whole index
  // reloaded after its commit instead, so it never holds its rows and their entries at once.
  explicit SearchWrites(std::vector<SearchIndex::Entry>* staged) : m_staged(staged) {}

  // `d`'s search terms as the search_term table stores them.
  std::vector<SearchTerm> termsOf(const Delegate& d) {
    std::vector<SearchTerm> terms;
    const auto add = [&](const std::string& text, int weight) {
      auto folded = m_memo.find(text);
      if (folded == m_memo.end()) folded = m_memo.emplace(text, domain::searchTerms(text)).first;
      for (const std::string& term : folded->second) terms.push_back({term, weight});
    };
    add(d.givenName, kSearchWeightName);
    add(d.familyName, kSearchWeightName);
    add(d.latinName, kSearchWeightName);
    add(d.organisation, kSearchWeightAffiliation);
    add(d.city, kSearchWeightAffiliation);
    return terms;
  }

  void stage(const Delegate& d, const std::vector<SearchTerm>& terms) {
    if (m_staged != nullptr) m_staged->emplace_back(domain::summaryOf(d), terms);
  }

 private:
  std::unordered_map<std::string, std::vector<std::string>> m_memo;
  std::vector<SearchIndex::Entry>* m_staged;
};

// Replaces the delegate's search terms; `replacing` is false for a delegate that has none yet.
absl::Status writeSearchTerms(Database& db, std::int64_t id, const std::vector<SearchTerm>& terms, bool replacing) {
  if (replacing) {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement remove, db.cached(kDeleteSearchTermsSql));
    LANYARD_RETURN_IF_ERROR(remove->bind(1, id).run());
  }
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertSearchTermSql));
  for (const SearchTerm& term : terms) {
    insert->reset();
    LANYARD_RETURN_IF_ERROR(insert->bind(1, term.text).bind(2, id).bind(3, std::int64_t{term.weight}).run());
  }
  return absl::OkStatus();
}

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

absl::Status checkCategory(const domain::Event& event, const Delegate& d) {
  for (const domain::Category& category : event.categories) {
    if (category.name == d.category) return absl::OkStatus();
  }
  return absl::InvalidArgumentError(strCat("unknown category \"", d.category, "\""));
}

absl::StatusOr<std::int64_t> insertDelegate(Database& db, const Delegate& d, TimeUs now, SearchWrites& search) {
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
  const std::vector<SearchTerm> terms = search.termsOf(stored);
  LANYARD_RETURN_IF_ERROR(writeSearchTerms(db, stored.id, terms, /*replacing=*/false));
  search.stage(stored, terms);
  return stored.id;
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

// Writes `d` over `previous` (the same delegate as stored) and bumps its version. Returns false,
// writing nothing, when nothing changed: re-importing an unchanged export rewrites no rows.
absl::StatusOr<bool> updateDelegateRow(Database& db, const Delegate& d, const Delegate& previous, TimeUs now,
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
  const std::vector<SearchTerm> terms = search.termsOf(d);
  if (!sameSearchText(d, previous)) LANYARD_RETURN_IF_ERROR(writeSearchTerms(db, d.id, terms, /*replacing=*/true));
  search.stage(d, terms);
  return true;
}

// Computes every delegate's search terms again, in one transaction, when those stored are of an
// older domain::kSearchTermsVersion than this binary's. Costs a fold of every delegate's names,
// about a second per 50,000 delegates, once after an upgrade; nothing otherwise.
absl::Status refreshSearchTerms(Database& db, std::int64_t storedVersion) {
  if (storedVersion == domain::kSearchTermsVersion) return absl::OkStatus();
  LANYARD_ASSIGN_OR_RETURN(Transaction transaction, Transaction::begin(db));
  {
    SearchWrites search(nullptr);
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectDelegatesSql));
    bindPage(select->bind(1, std::int64_t{1}), 2, domain::Page{});
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(const bool row, select->step());
      if (!row) break;
      const Delegate d = readDelegate(*select);
      LANYARD_RETURN_IF_ERROR(writeSearchTerms(db, d.id, search.termsOf(d), /*replacing=*/true));
    }
  }
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(kUpdateSearchTermsVersionSql));
  LANYARD_RETURN_IF_ERROR(update->bind(1, std::int64_t{domain::kSearchTermsVersion}).run());
  return transaction.commit();
}

absl::StatusOr<domain::LoggedCheckIn> loadLoggedCheckIn(Database& db, std::int64_t id) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement statement, db.cached(kSelectCheckInSql));
  statement->bind(1, id);
  return queryOne<domain::LoggedCheckIn>(*statement, strCat("check-in ", id), [](const Statement& row) {
    return domain::LoggedCheckIn{row.columnInt(0),
                                 row.columnInt(1),
                                 row.columnText(2),
                                 row.columnInt(3),
                                 row.columnInt(4) == 2 ? Direction::Out : Direction::In,
                                 static_cast<std::int32_t>(row.columnInt(5))};
  });
}

absl::StatusOr<bool> badgePrinted(Database& db, const Delegate& d) {
  LANYARD_ASSIGN_OR_RETURN(std::int64_t printed, queryInt(db, kBadgePrintedSql, [&](Statement& s) {
                             s.bind(1, d.id).bind(2, std::int64_t{d.badgeVersion});
                           }));
  return printed != 0;
}

void bindSession(Statement& statement, int index, std::int64_t sessionId) {
  if (sessionId == 0) {
    statement.bind(index, std::nullopt);
  } else {
    statement.bind(index, sessionId);
  }
}

absl::Status logDelegateActivity(Database& db, domain::ActivityKind kind, TimeUs now, std::int64_t delegateId) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertDelegateActivitySql));
  return insert->bind(1, std::int64_t{static_cast<int>(kind)}).bind(2, now).bind(3, delegateId).run();
}

// Deletes the registrations of the file's delegates (`idsByRef`) that it does not list; returns
// how many. Reads the registration table once: an event has far fewer registrations than
// delegates.
absl::StatusOr<int> dropUnlistedRegistrations(Database& db,
                                              const std::unordered_map<std::string, std::int64_t>& idsByRef,
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
  return static_cast<int>(unlisted.size());
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
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectSessionsSql));
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
    if (!row) return sessions;
    sessions.push_back({readSession(*select), static_cast<int>(select->columnInt(8))});
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

absl::StatusOr<std::string> SqliteEventStore::initialise(const std::string& path, const domain::Event& event,
                                                         const domain::Clock& clock) {
  LANYARD_ASSIGN_OR_RETURN(Database db, Database::open(path));
  LANYARD_RETURN_IF_ERROR(migrate(db));
  LANYARD_ASSIGN_OR_RETURN(std::int64_t events, queryInt(db, "SELECT COUNT(*) FROM event", [](Statement&) {}));
  if (events != 0) {
    return absl::AlreadyExistsError(strCat(path, " already holds an event; use a new file for a new event"));
  }
  const TimeUs now = clock();
  LANYARD_ASSIGN_OR_RETURN(const std::string adminToken, domain::newToken());
  LANYARD_ASSIGN_OR_RETURN(const std::string adminTokenHash, domain::hashToken(adminToken));
  LANYARD_ASSIGN_OR_RETURN(Transaction transaction, Transaction::begin(db));
  {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertEventSql));
    insert->bind(1, event.name)
        .bind(2, event.venue)
        .bind(3, event.timeZone)
        .bind(4, event.startDate)
        .bind(5, event.endDate)
        .bind(6, event.defaultLanguage)
        .bindBlob(7, event.signingSeed)
        .bindBlob(8, event.publicKey)
        .bind(9, event.nameCheckInProof.toString())
        .bind(10, event.sessionGraceMinutes)
        .bind(11, now);
    LANYARD_RETURN_IF_ERROR(insert->run());
  }
  for (const domain::Category& category : event.categories) {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertCategorySql));
    LANYARD_RETURN_IF_ERROR(insert->bind(1, category.name).bind(2, category.label).bind(3, category.colour).run());
  }
  {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertDeviceSql));
    LANYARD_RETURN_IF_ERROR(insert->bind(1, "admin")
                                .bind(2, std::int64_t{static_cast<int>(domain::Role::Admin)})
                                .bindBlob(3, adminTokenHash)
                                .bind(4, now)
                                .run());
  }
  LANYARD_RETURN_IF_ERROR(transaction.commit());
  return adminToken;
}

SqliteEventStore::ExclusiveLock& SqliteEventStore::ExclusiveLock::operator=(ExclusiveLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = std::exchange(other.m_fd, -1);
  }
  return *this;
}

SqliteEventStore::ExclusiveLock::~ExclusiveLock() {
  if (m_fd >= 0) ::close(m_fd);
}

absl::StatusOr<std::unique_ptr<SqliteEventStore>> SqliteEventStore::open(const std::string& path, domain::Clock clock) {
  ExclusiveLock lock;
  if (path != ":memory:") {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
      return absl::FailedPreconditionError(
          strCat(path, " does not exist; create it with `lanyard-server init --db ", path, " --event NAME`"));
    }
    if (fd < 0) return absl::FailedPreconditionError(strCat("cannot open ", path, ": ", std::strerror(errno)));
    lock = ExclusiveLock(fd);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      return absl::FailedPreconditionError(
          strCat(path, " is in use by another Lanyard process; stop it first (one server per event file)"));
    }
  }
  LANYARD_ASSIGN_OR_RETURN(Database db, Database::open(path));
  LANYARD_RETURN_IF_ERROR(migrate(db));
  domain::Event event;
  std::string staffPinHash;
  std::int64_t searchTermsVersion = 0;
  {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectEventSql));
    LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
    if (!row) {
      return absl::FailedPreconditionError(
          strCat(path, " holds no event; create one with `lanyard-server init --db ", path, " --event NAME`"));
    }
    event.name = select->columnText(0);
    event.venue = select->columnText(1);
    event.timeZone = select->columnText(2);
    event.startDate = select->columnText(3);
    event.endDate = select->columnText(4);
    event.defaultLanguage = select->columnText(5);
    event.signingSeed = select->columnText(6);
    event.publicKey = select->columnText(7);
    if (!domain::NameCheckInProof::parse(select->columnTextView(8), event.nameCheckInProof)) {
      return absl::DataLossError(strCat(path, ": unreadable name_check_in_proof \"", select->columnTextView(8), "\""));
    }
    event.sessionGraceMinutes = select->columnInt(9);
    staffPinHash = select->columnText(10);
    searchTermsVersion = select->columnInt(11);
  }
  LANYARD_RETURN_IF_ERROR(refreshSearchTerms(db, searchTermsVersion));
  {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectCategoriesSql));
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
      if (!row) break;
      event.categories.push_back({select->columnText(0), select->columnText(1), select->columnText(2)});
    }
  }
  std::unique_ptr<SqliteEventStore> store(new SqliteEventStore(path, std::move(clock), std::move(db)));
  store->m_lock = std::move(lock);
  store->m_event = std::move(event);
  store->m_staffPinHash = std::move(staffPinHash);
  store->m_policy.nameProof = store->m_event.nameCheckInProof;
  store->m_policy.sessionGraceUs = store->m_event.sessionGraceUs();
  {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, store->m_writer.cached(kSelectDevicesSql));
    bindPage(*select, 1, domain::Page{});
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
      if (!row) break;
      if (!select->columnIsNull(4)) continue;  // Revoked tokens never authenticate.
      domain::Role role = static_cast<domain::Role>(select->columnInt(2));
      store->m_devicesByTokenHash[select->columnText(5)] =
          Device{select->columnInt(0), select->columnText(1), role, select->columnInt(3), 0, 0};
    }
    // Last seen survives a restart as each device's latest logged activity.
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement lastLogged, store->m_writer.cached(kSelectDevicesLastLoggedSql));
    std::unordered_map<std::int64_t, TimeUs> lastSeen;
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, lastLogged->step());
      if (!row) break;
      lastSeen[lastLogged->columnInt(0)] = lastLogged->columnInt(1);
    }
    for (auto& [hash, device] : store->m_devicesByTokenHash) {
      if (const auto found = lastSeen.find(device.id); found != lastSeen.end()) device.lastSeenUs = found->second;
    }
  }
  LANYARD_RETURN_IF_ERROR(store->loadSearch());
  if (path != ":memory:") {
    LANYARD_ASSIGN_OR_RETURN(Database checkpointer, Database::open(path));
    store->m_checkpointer = std::make_unique<Database>(std::move(checkpointer));
    // Counted from the last request rather than from the WAL's start: the WAL starts over only when
    // a write begins after a complete checkpoint, which a steady stream of commits rarely allows,
    // and a request after every commit then cost a checkpoint and two more fsyncs each.
    store->m_writer.onWalCommit([raw = store.get(), requestedAt = 0](int walPages) mutable {
      if (walPages < requestedAt) requestedAt = 0;  // The WAL started over.
      if (walPages - requestedAt < kCheckpointPages) return;
      requestedAt = walPages;
      {
        std::lock_guard due(raw->m_checkpointMutex);
        raw->m_checkpointDue = true;
      }
      raw->m_checkpointWanted.notify_one();
    });
    store->m_checkpointerThread = std::thread([raw = store.get()] { raw->checkpointerLoop(); });
  }
  store->m_replierThread = std::thread([raw = store.get()] { raw->replierLoop(); });
  store->m_writerThread = std::thread([raw = store.get()] { raw->writerLoop(); });
  return store;
}

SqliteEventStore::SqliteEventStore(std::string path, domain::Clock clock, Database writer)
    : m_path(std::move(path)), m_clock(std::move(clock)), m_writer(std::move(writer)) {}

SqliteEventStore::~SqliteEventStore() {
  {
    std::lock_guard lock(m_writeMutex);
    m_stopping = true;
  }
  m_writeReady.notify_all();
  if (m_writerThread.joinable()) m_writerThread.join();
  {
    std::lock_guard lock(m_replyMutex);
    m_writerDone = true;
  }
  m_replyReady.notify_all();
  if (m_replierThread.joinable()) m_replierThread.join();
  {
    std::lock_guard lock(m_checkpointMutex);
    m_checkpointStopping = true;
  }
  m_checkpointWanted.notify_all();
  if (m_checkpointerThread.joinable()) m_checkpointerThread.join();
}

void SqliteEventStore::checkpointerLoop() {
  while (true) {
    {
      std::unique_lock lock(m_checkpointMutex);
      m_checkpointWanted.wait(lock, [this] { return m_checkpointStopping || m_checkpointDue; });
      if (m_checkpointStopping) return;  // Closing the last connection checkpoints anyway.
      m_checkpointDue = false;
    }
    // A busy or partial checkpoint is retried after a later commit; the WAL keeps every commit
    // durable meanwhile, so a failure here loses nothing.
    (void)m_checkpointer->checkpointPassive();
    m_checkpointPassed.store(true);
  }
}

absl::Status SqliteEventStore::write(const Work& work) {
  std::promise<absl::Status> promise;
  std::future<absl::Status> done = promise.get_future();
  writeAsync([&work](Database& db) { return work(db); },
             [&promise](absl::Status status) { promise.set_value(std::move(status)); });
  return done.get();
}

void SqliteEventStore::writeAsync(Work work, WriteDone done) {
  {
    std::lock_guard lock(m_writeMutex);
    if (!m_stopping) {
      m_writeQueue.push_back(std::make_unique<WriteJob>(WriteJob{std::move(work), std::move(done)}));
      done = nullptr;
    }
  }
  if (done) {
    done(absl::UnavailableError("the server is shutting down"));
    return;
  }
  m_writeReady.notify_one();
}

void SqliteEventStore::writerLoop() {
  std::vector<std::unique_ptr<WriteJob>> batch;
  std::vector<absl::Status> results;
  while (true) {
    batch.clear();
    {
      std::unique_lock lock(m_writeMutex);
      m_writeReady.wait(lock, [this] { return m_stopping || !m_writeQueue.empty(); });
      if (m_writeQueue.empty()) return;  // Stopping with nothing left to write.
      while (!m_writeQueue.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(m_writeQueue.front()));
        m_writeQueue.pop_front();
      }
    }
    if (m_checkpointPassed.exchange(false)) {
      // Copies back the few pages committed while the checkpointer ran, so that this batch finds
      // the WAL fully checkpointed and writes it from the start again instead of making it longer.
      (void)m_writer.checkpointPassive();
    }
    absl::StatusOr<Transaction> transaction = Transaction::begin(m_writer);
    if (!transaction.ok()) {
      Settled failed;
      for (auto& job : batch) failed.emplace_back(std::move(job), annotate(transaction.status(), "starting a write"));
      reply(std::move(failed));
      continue;
    }
    results.clear();
    const bool reloadDueBefore = m_searchReloadDue;
    for (const auto& job : batch) {
      absl::StatusOr<Savepoint> savepoint = Savepoint::begin(m_writer);
      if (!savepoint.ok()) {
        results.push_back(savepoint.status());
        continue;
      }
      const std::size_t stagedBefore = m_searchStaged.size();
      absl::Status status = job->work(m_writer);
      if (status.ok()) status = savepoint->release();
      if (!status.ok()) m_searchStaged.erase(m_searchStaged.begin() + stagedBefore, m_searchStaged.end());
      results.push_back(status);
    }
    const absl::Status committed = transaction->commit();
    // Searches find what a write added before its writer is answered. Listeners hear of a commit
    // before its writers are answered, and never of one that failed.
    if (committed.ok()) {
      updateSearch();
      publishCommitted();
    } else {
      m_searchReloadDue = reloadDueBefore;  // The import that asked for a reload was rolled back.
    }
    m_searchStaged.clear();  // Rolled back with their commit.
    m_pendingAttach.reset();
    Settled settled;
    settled.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const bool failedCommit = !committed.ok() && results[i].ok();
      settled.emplace_back(std::move(batch[i]), failedCommit ? annotate(committed, "committing") : results[i]);
    }
    reply(std::move(settled));
  }
}

void SqliteEventStore::reply(Settled settled) {
  {
    std::lock_guard lock(m_replyMutex);
    if (m_replies.empty()) {
      m_replies = std::move(settled);
    } else {
      m_replies.insert(m_replies.end(), std::make_move_iterator(settled.begin()),
                       std::make_move_iterator(settled.end()));
    }
  }
  m_replyReady.notify_one();
}

void SqliteEventStore::replierLoop() {
  Settled answering;
  while (true) {
    {
      std::unique_lock lock(m_replyMutex);
      m_replyReady.wait(lock, [this] { return m_writerDone || !m_replies.empty(); });
      if (m_replies.empty()) return;  // The writer has stopped and everyone is answered.
      answering.swap(m_replies);
    }
    for (auto& [job, status] : answering) job->done(std::move(status));
    answering.clear();
  }
}

absl::Status SqliteEventStore::loadSearch() {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, m_writer.cached(kSelectSearchEntriesSql));
  std::vector<SearchIndex::Entry> entries;
  entries.reserve(kSearchLoadBatch);
  const auto putEntries = [&] {
    std::unique_lock lock(m_searchMutex);
    for (SearchIndex::Entry& entry : entries) m_search.put(std::move(entry));
    entries.clear();
  };
  domain::DelegateSummary delegate;
  std::vector<SearchTerm> terms;
  bool started = false;
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(const bool row, select->step());
    if (started && (!row || select->columnInt(0) != delegate.id)) {
      entries.emplace_back(delegate, terms);
      terms.clear();
      started = false;
    }
    if (entries.size() == kSearchLoadBatch || !row) putEntries();
    if (!row) return absl::OkStatus();
    if (!started) {
      delegate = {select->columnInt(0),
                  select->columnText(1),
                  select->columnText(2),
                  select->columnText(3),
                  select->columnText(4),
                  select->columnText(5),
                  select->columnText(6),
                  select->columnInt(7) == 2 ? RegistrationStatus::Cancelled : RegistrationStatus::Active};
      started = true;
    }
    if (!select->columnIsNull(8)) terms.push_back({select->columnText(8), static_cast<int>(select->columnInt(9))});
  }
}

void SqliteEventStore::updateSearch() {
  if (m_searchReloadDue) {
    // Searches go on between batches, finding some entries already reloaded and the rest as they
    // were. Entries staged in the same batch are loaded again with the rest. A failed load leaves
    // the index partly updated and is tried again after the next commit.
    m_searchReloadDue = !loadSearch().ok();
    // An import leaves the writer's cache full of its pages and the heap holding its freed rows;
    // both go back to the system, which keeps the server's peak memory after a large import down.
    m_writer.releaseCache();
    malloc_trim(0);
  } else if (!m_searchStaged.empty()) {
    std::unique_lock lock(m_searchMutex);
    m_search.reserve(m_search.size() + m_searchStaged.size());
    for (SearchIndex::Entry& entry : m_searchStaged) m_search.put(std::move(entry));
  }
  // A large batch's capacity is not kept for the next check-in's.
  m_searchStaged = std::vector<SearchIndex::Entry>();
}

void SqliteEventStore::publishCommitted() {
  std::lock_guard lock(m_listenerMutex);
  if (m_listener != nullptr) publishLocked();
  if (!m_pendingAttach) return;
  if (m_listener != nullptr) {
    *m_pendingAttach->result =
        absl::FailedPreconditionError("another activity listener is attached to this event store");
    return;
  }
  absl::StatusOr<std::int64_t> newest = queryInt(m_writer, kSelectNewestActivitySql, [](Statement&) {});
  if (newest.ok()) {
    m_listener = m_pendingAttach->listener;
    m_publishedSequence = *newest;
  }
  *m_pendingAttach->result = std::move(newest);
}

void SqliteEventStore::publishLocked() {
  domain::CommittedActivities committed;
  bool importedDelegates = false;
  bool importedSessions = false;
  while (true) {
    const std::size_t before = committed.activities.size();
    const std::int64_t after =
        committed.activities.empty() ? m_publishedSequence : committed.activities.back()->sequence;
    const absl::Status status = visitActivities(m_writer, after, kPublishPage, [&](domain::Activity activity) {
      importedDelegates |= activity.kind == domain::ActivityKind::DelegatesImported;
      importedSessions |= activity.kind == domain::ActivityKind::SessionsImported;
      committed.activities.push_back(std::make_shared<const domain::Activity>(std::move(activity)));
    });
    if (!status.ok()) return;  // Left for the next commit.
    if (committed.activities.size() - before < static_cast<std::size_t>(kPublishPage)) break;
  }
  if (committed.activities.empty()) return;
  if (importedDelegates) {
    absl::StatusOr<std::vector<domain::RosterEntry>> roster = loadRoster(m_writer);
    if (!roster.ok()) return;
    committed.roster = std::make_shared<const std::vector<domain::RosterEntry>>(std::move(*roster));
  }
  if (importedDelegates || importedSessions) {
    absl::StatusOr<std::vector<domain::SessionRegistrations>> sessions = loadSessions(m_writer);
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

absl::Status SqliteEventStore::read(const Work& work) {
  if (m_path == ":memory:") return write(work);
  std::unique_ptr<Database> reader;
  {
    std::lock_guard lock(m_readersMutex);
    if (!m_idleReaders.empty()) {
      reader = std::move(m_idleReaders.back());
      m_idleReaders.pop_back();
    }
  }
  if (!reader) {
    LANYARD_ASSIGN_OR_RETURN(Database opened, Database::open(m_path, Database::Options{.readOnly = true}));
    reader = std::make_unique<Database>(std::move(opened));
  }
  absl::Status status = work(*reader);
  std::lock_guard lock(m_readersMutex);
  m_idleReaders.push_back(std::move(reader));
  return status;
}

absl::StatusOr<Device> SqliteEventStore::authenticate(std::string_view token) {
  LANYARD_ASSIGN_OR_RETURN(const std::string hash, domain::hashToken(token));
  // Looking up by the hash reveals nothing useful about the token; the final comparison is
  // constant-time all the same.
  std::unique_lock lock(m_devicesMutex);
  auto found = m_devicesByTokenHash.find(hash);
  if (found == m_devicesByTokenHash.end() || !domain::constantTimeEquals(found->first, hash)) {
    return absl::NotFoundError("unknown or revoked token");
  }
  found->second.lastSeenUs = m_clock();
  return found->second;
}

absl::StatusOr<domain::CreatedDevice> SqliteEventStore::createDevice(std::string_view name, domain::Role role) {
  if (name.empty()) return absl::InvalidArgumentError("a device needs a name");
  domain::CreatedDevice created;
  LANYARD_ASSIGN_OR_RETURN(created.token, domain::newToken());
  LANYARD_ASSIGN_OR_RETURN(const std::string hash, domain::hashToken(created.token));
  const TimeUs now = m_clock();
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertDeviceSql));
    absl::Status status =
        insert->bind(1, name).bind(2, std::int64_t{static_cast<int>(role)}).bindBlob(3, hash).bind(4, now).run();
    if (absl::IsAlreadyExists(status)) {
      LANYARD_ASSIGN_OR_RETURN(const std::int64_t revoked,
                               queryInt(db, kIsDeviceRevokedSql, [&](Statement& s) { s.bind(1, name); }));
      // A revoked device keeps its name: the log still speaks of it.
      return absl::AlreadyExistsError(
          strCat("a device named \"", name, "\" already exists",
                 revoked != 0 ? " (revoked; its name stays with its log): choose another" : ""));
    }
    LANYARD_RETURN_IF_ERROR(status);
    created.device = Device{db.lastInsertId(), std::string(name), role, now, 0, 0};
    return absl::OkStatus();
  }));
  std::unique_lock lock(m_devicesMutex);
  m_devicesByTokenHash[hash] = created.device;
  return created;
}

std::string SqliteEventStore::staffPinHash() const {
  std::lock_guard lock(m_staffPinMutex);
  return m_staffPinHash;
}

absl::Status SqliteEventStore::setStaffPinHash(std::string hash) {
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(kUpdateStaffPinSql));
    return update->bindBlob(1, hash).run();
  }));
  std::lock_guard lock(m_staffPinMutex);
  m_staffPinHash = std::move(hash);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Device>> SqliteEventStore::listDevices(domain::Page page) {
  std::vector<Device> devices;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    devices.clear();
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectDevicesSql));
    bindPage(*select, 1, page);
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
      if (!row) return absl::OkStatus();
      devices.push_back(Device{select->columnInt(0), select->columnText(1),
                               static_cast<domain::Role>(select->columnInt(2)), select->columnInt(3),
                               select->columnInt(4), 0});
    }
  }));
  std::shared_lock lock(m_devicesMutex);
  for (Device& device : devices) {
    for (const auto& [hash, known] : m_devicesByTokenHash) {
      if (known.id == device.id) device.lastSeenUs = known.lastSeenUs;
    }
  }
  return devices;
}

absl::StatusOr<Device> SqliteEventStore::revokeDevice(std::optional<std::int64_t> id, std::string_view name) {
  const TimeUs now = m_clock();
  std::int64_t revokedId = 0;
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(kRevokeDeviceSql));
    update->bind(1, now).bind(2, id.value_or(-1)).bind(3, id ? std::string_view() : name);
    LANYARD_ASSIGN_OR_RETURN(bool row, update->step());
    if (!row) {
      return absl::NotFoundError(id ? strCat("no valid device with id ", *id)
                                    : strCat("no valid device named \"", name, "\""));
    }
    revokedId = update->columnInt(0);
    // SQLite makes an UPDATE's changes in its first step, RETURNING or not.
    if (update->columnInt(1) != static_cast<int>(domain::Role::Admin)) return absl::OkStatus();
    // Without an admin token nobody could create tokens or import again.
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement count, db.cached(kCountValidDevicesOfRoleSql));
    count->bind(1, std::int64_t{static_cast<int>(domain::Role::Admin)});
    LANYARD_ASSIGN_OR_RETURN(const bool counted, count->step());
    if (counted && count->columnInt(0) == 0) {
      return absl::FailedPreconditionError(
          "this is the last admin token: create another first (lanyard token create --role admin --name NAME)");
    }
    return absl::OkStatus();
  }));
  std::unique_lock lock(m_devicesMutex);
  for (auto it = m_devicesByTokenHash.begin(); it != m_devicesByTokenHash.end(); ++it) {
    if (it->second.id == revokedId) {
      Device device = it->second;
      device.revokedUs = now;
      m_devicesByTokenHash.erase(it);
      return device;
    }
  }
  return absl::InternalError(strCat("revoked device ", revokedId, " was not in the token cache"));
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
    LANYARD_ASSIGN_OR_RETURN(result, loadDelegate(db, kSelectDelegateByRefSql, externalRef,
                                                  strCat("delegate with reference \"", externalRef, "\"")));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<Delegate> SqliteEventStore::delegateByTicketCode(std::string_view code) {
  Delegate result;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(result, loadDelegate(db, kSelectDelegateByTicketSql, code, "ticket code"));
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
    LANYARD_RETURN_IF_ERROR(checkCategory(m_event, d));
    if (!allowDuplicate) LANYARD_RETURN_IF_ERROR(refuseLikelyDuplicates(db, d));
    if (d.externalRef.empty()) {
      LANYARD_ASSIGN_OR_RETURN(std::int64_t walkIns, queryInt(db, kCountWalkInsSql, [](Statement&) {}));
      d.externalRef = strCat("walkin-", walkIns + 1);
    }
    d.status = RegistrationStatus::Active;
    d.badgeVersion = 1;
    d.version = 1;
    SearchWrites search(&m_searchStaged);
    LANYARD_ASSIGN_OR_RETURN(d.id, insertDelegate(db, d, now, search));
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
    LANYARD_RETURN_IF_ERROR(checkCategory(m_event, changes));
    stored = changes;
    stored.status = current.status;
    stored.badgeVersion = current.badgeVersion;
    stored.version = current.version;
    if (stored.externalRef.empty()) stored.externalRef = current.externalRef;
    stored.correctedFields = current.correctedFields | domain::changedFields(current, stored);
    SearchWrites search(&m_searchStaged);
    LANYARD_ASSIGN_OR_RETURN(const bool changed, updateDelegateRow(db, stored, current, now, search));
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
    return logDelegateActivity(db, domain::ActivityKind::BadgeReissued, now, id);
  }));
  return stored;
}

absl::StatusOr<std::vector<Delegate>> SqliteEventStore::listDelegates(bool includeCancelled, domain::Page page) {
  std::vector<Delegate> delegates;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    delegates.clear();
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectDelegatesSql));
    bindPage(select->bind(1, std::int64_t{includeCancelled ? 1 : 0}), 2, page);
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
      if (!row) return absl::OkStatus();
      delegates.push_back(readDelegate(*select));
    }
  }));
  return delegates;
}

absl::StatusOr<std::vector<domain::CheckInRecord>> SqliteEventStore::checkIns(std::int64_t delegateId,
                                                                              domain::Page page) {
  std::vector<domain::CheckInRecord> checkIns;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    checkIns.clear();
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectCheckInsSql));
    bindPage(select->bind(1, delegateId), 2, page);
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
      if (!row) return absl::OkStatus();
      checkIns.push_back({select->columnInt(0), select->columnInt(1), select->columnInt(2), select->columnInt(3),
                          select->columnInt(4) == 2 ? Direction::Out : Direction::In,
                          static_cast<CheckInOutcome>(select->columnInt(5)), select->columnText(6)});
    }
  }));
  return checkIns;
}

absl::StatusOr<std::vector<domain::BadgePrintRecord>> SqliteEventStore::badgePrints(std::int64_t delegateId,
                                                                                    domain::Page page) {
  std::vector<domain::BadgePrintRecord> prints;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    prints.clear();
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectPrintsSql));
    bindPage(select->bind(1, delegateId), 2, page);
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
      if (!row) return absl::OkStatus();
      prints.push_back({select->columnInt(0), delegateId, select->columnInt(1), select->columnText(2),
                        static_cast<std::int32_t>(select->columnInt(3)), select->columnInt(4) != 0,
                        select->columnText(5), select->columnText(6), select->columnInt(7), select->columnInt(8)});
    }
  }));
  return prints;
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

absl::StatusOr<domain::ImportSummary> SqliteEventStore::importDelegates(domain::DelegateImport data) {
  const TimeUs now = m_clock();
  domain::ImportSummary summary;
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    SearchWrites search(nullptr);
    std::unordered_map<std::string, std::int64_t> idsByRef;
    for (std::size_t i = 0; i < data.delegates.size(); ++i) {
      Delegate& incoming = data.delegates[i];
      // Where the file has the delegate ("line 7"), as docs/importing.md promises for import errors.
      const std::string where = i < data.lines.size() ? strCat("line ", data.lines[i], ": ") : std::string();
      if (absl::Status category = checkCategory(m_event, incoming); !category.ok()) {
        return annotate(category, strCat(where, "delegate \"", incoming.externalRef, "\""));
      }
      absl::StatusOr<Delegate> existing = loadDelegate(db, kSelectDelegateByRefSql, incoming.externalRef, "delegate");
      std::int64_t id = 0;
      if (existing.ok()) {
        domain::ImportedDelegate merged = domain::mergeImported(*existing, std::move(incoming));
        absl::StatusOr<bool> changed = updateDelegateRow(db, merged.delegate, *existing, now, search);
        if (!changed.ok()) return absl::Status(changed.status().code(), strCat(where, changed.status().message()));
        ++(*changed ? summary.updated : summary.unchanged);
        if (!merged.keptCorrections.empty()) {
          summary.keptCorrections.push_back({merged.delegate.externalRef, std::move(merged.keptCorrections)});
        }
        id = existing->id;
        incoming = std::move(merged.delegate);
      } else if (absl::IsNotFound(existing.status())) {
        absl::StatusOr<std::int64_t> inserted = insertDelegate(db, incoming, now, search);
        if (!inserted.ok()) return absl::Status(inserted.status().code(), strCat(where, inserted.status().message()));
        id = *inserted;
        ++summary.created;
      } else {
        return existing.status();
      }
      idsByRef.emplace(std::move(incoming.externalRef), id);
    }
    data.delegates = {};                                     // Written: freed before the search index reloads.
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
      listed.emplace(delegateId->second, sessionId);
    }
    if (data.listsRegistrations) {
      LANYARD_ASSIGN_OR_RETURN(summary.registrationsDropped, dropUnlistedRegistrations(db, idsByRef, listed));
    }
    LANYARD_RETURN_IF_ERROR(logImport(db, kImportRunDelegates, summary, now));
    m_searchReloadDue = true;
    return absl::OkStatus();
  }));
  return summary;
}

absl::StatusOr<domain::ImportSummary> SqliteEventStore::importSessions(const std::vector<Session>& sessions) {
  const TimeUs now = m_clock();
  domain::ImportSummary summary;
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    summary = {};
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
        ++summary.created;
      }
    }
    return logImport(db, kImportRunSessions, summary, now);
  }));
  return summary;
}

absl::StatusOr<std::vector<domain::SearchHit>> SqliteEventStore::search(std::string_view query, int limit,
                                                                        bool includeCancelled) {
  const std::vector<domain::QueryToken> tokens = domain::queryTokens(query);
  std::shared_lock lock(m_searchMutex);
  return m_search.search(tokens, limit, includeCancelled);
}

absl::StatusOr<std::vector<domain::SessionOccupancy>> SqliteEventStore::listSessions() {
  std::vector<domain::SessionOccupancy> sessions;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    {
      LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectSessionsSql));
      while (true) {
        LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
        if (!row) break;
        sessions.push_back({readSession(*select), 0, static_cast<int>(select->columnInt(8))});
      }
    }
    for (domain::SessionOccupancy& occupancy : sessions) {
      LANYARD_ASSIGN_OR_RETURN(std::int64_t inside, queryInt(db, kCountInsideSessionSql,
                                                             [&](Statement& s) { s.bind(1, occupancy.session.id); }));
      occupancy.insideNow = static_cast<int>(inside);
    }
    return absl::OkStatus();
  }));
  return sessions;
}

namespace {

// The session other than `exceptSessionId` that the delegate is inside now, or 0.
absl::StatusOr<std::int64_t> sessionInside(Database& db, std::int64_t delegateId, std::int64_t exceptSessionId) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement sessionsInside, db.cached(kSelectSessionsInsideSql));
  sessionsInside->bind(1, delegateId);
  std::int64_t inside = 0;
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(bool row, sessionsInside->step());
    if (!row) break;
    const std::int64_t sessionId = sessionsInside->columnInt(0);
    if (sessionId != exceptSessionId && sessionsInside->columnInt(1) == static_cast<int>(Direction::In)) {
      inside = sessionId;
    }
  }
  return inside;
}

// Reads what the rules need about `command`, inside the writer's transaction.
absl::StatusOr<domain::CheckInFacts> gatherFacts(Database& db, const domain::CheckInCommand& command,
                                                 const domain::CheckInPolicy& policy, TimeUs now) {
  domain::CheckInFacts facts;
  std::int64_t delegateId = 0;
  if (const auto* badge = std::get_if<domain::subject::Badge>(&command.subject)) {
    absl::StatusOr<Delegate> d = loadDelegateById(db, badge->delegateId);
    if (absl::IsNotFound(d.status())) {
      facts.codeProblem = CheckInOutcome::UnknownCode;
      return facts;
    }
    if (!d.ok()) return d.status();
    if (badge->badgeVersion > d->badgeVersion) {
      facts.codeProblem = CheckInOutcome::ForgedCode;  // Never issued.
      return facts;
    }
    if (badge->badgeVersion < d->badgeVersion) {
      // Replaced by a reissue. Logged with whose it is, so the scan log can tell who still has it.
      facts.codeProblem = CheckInOutcome::SupersededCode;
      facts.delegate = std::move(*d);
      return facts;
    }
    facts.delegate = std::move(*d);
  } else if (const auto* ticket = std::get_if<domain::subject::Ticket>(&command.subject)) {
    absl::StatusOr<Delegate> d = loadDelegate(db, kSelectDelegateByTicketSql, ticket->code, "ticket code");
    if (absl::IsNotFound(d.status())) {
      facts.codeProblem = CheckInOutcome::UnknownCode;
      return facts;
    }
    if (!d.ok()) return d.status();
    facts.delegate = std::move(*d);
  } else if (std::holds_alternative<domain::subject::Forged>(command.subject)) {
    facts.codeProblem = CheckInOutcome::ForgedCode;
    return facts;
  } else {
    const auto& byName = std::get<domain::subject::ByName>(command.subject);
    LANYARD_ASSIGN_OR_RETURN(facts.delegate, loadDelegateById(db, byName.delegateId));
    const TimeUs since = now - policy.wrongProofWindowUs;
    LANYARD_ASSIGN_OR_RETURN(std::int64_t forDelegate, queryInt(db, kCountWrongProofsForDelegateSql, [&](Statement& s) {
                               s.bind(1, byName.delegateId).bind(2, since);
                             }));
    LANYARD_ASSIGN_OR_RETURN(std::int64_t fromDevice, queryInt(db, kCountWrongProofsFromDeviceSql, [&](Statement& s) {
                               s.bind(1, command.deviceId).bind(2, since);
                             }));
    facts.recentWrongProofsForDelegate = static_cast<int>(forDelegate);
    facts.recentWrongProofsFromDevice = static_cast<int>(fromDevice);
  }
  delegateId = facts.delegate->id;

  LANYARD_ASSIGN_OR_RETURN(std::int64_t latestId, queryInt(db, kSelectLatestMoveSql, [&](Statement& s) {
                             s.bind(1, delegateId);
                             bindSession(s, 2, command.sessionId);
                           }));
  if (latestId != 0) {
    LANYARD_ASSIGN_OR_RETURN(facts.latestHere, loadLoggedCheckIn(db, latestId));
  }
  if (command.sessionId == 0) {
    // Leaving the venue leaves the room too, so that its seat is free again.
    if (command.direction == Direction::Out) {
      LANYARD_ASSIGN_OR_RETURN(facts.currentOtherSession, sessionInside(db, delegateId, 0));
    }
    return facts;
  }

  LANYARD_ASSIGN_OR_RETURN(ScopedStatement selectSession, db.cached(kSelectSessionSql));
  selectSession->bind(1, command.sessionId);
  LANYARD_ASSIGN_OR_RETURN(facts.session,
                           queryOne<Session>(*selectSession, strCat("session ", command.sessionId), readSession));
  LANYARD_ASSIGN_OR_RETURN(std::int64_t registered, queryInt(db, kIsRegisteredSql, [&](Statement& s) {
                             s.bind(1, command.sessionId).bind(2, delegateId);
                           }));
  facts.registeredForSession = registered != 0;
  LANYARD_ASSIGN_OR_RETURN(std::int64_t inside,
                           queryInt(db, kCountInsideSessionSql, [&](Statement& s) { s.bind(1, command.sessionId); }));
  facts.insideSession = static_cast<int>(inside);
  LANYARD_ASSIGN_OR_RETURN(facts.currentOtherSession, sessionInside(db, delegateId, command.sessionId));
  return facts;
}

struct LogRow {
  std::string_view requestId;
  std::int64_t delegateId = 0;
  std::int64_t sessionId = 0;
  Direction direction = Direction::In;
  CheckInOutcome outcome = CheckInOutcome::Admitted;
  std::string_view scannedCode;
  std::int64_t previousId = 0;
  bool reentry = false;
  std::int64_t leftSessionId = 0;
};

absl::StatusOr<std::int64_t> appendLog(Database& db, const domain::CheckInCommand& command, const LogRow& row,
                                       TimeUs now, std::int32_t today) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertCheckInSql));
  insert->bind(1, command.deviceId).bind(2, row.requestId);
  if (row.delegateId == 0) {
    insert->bind(3, std::nullopt);
  } else {
    insert->bind(3, row.delegateId);
  }
  bindSession(*insert, 4, row.sessionId);
  insert->bind(5, std::int64_t{static_cast<int>(row.direction)})
      .bind(6, std::int64_t{static_cast<int>(row.outcome)})
      .bind(7, command.scanTimeUs)
      .bind(8, now)
      .bind(9, std::int64_t{today});
  if (row.scannedCode.empty()) {
    insert->bind(10, std::nullopt);
  } else {
    insert->bindBlob(10, row.scannedCode.substr(0, kMaxLoggedCode));
  }
  if (row.previousId == 0) {
    insert->bind(11, std::nullopt);
  } else {
    insert->bind(11, row.previousId);
  }
  insert->bind(12, std::int64_t{row.reentry ? 1 : 0});
  bindSession(*insert, 13, row.leftSessionId);
  LANYARD_RETURN_IF_ERROR(insert->run());
  return db.lastInsertId();
}

std::string_view scannedText(const domain::Subject& subject) {
  if (const auto* ticket = std::get_if<domain::subject::Ticket>(&subject)) return ticket->code;
  if (const auto* forged = std::get_if<domain::subject::Forged>(&subject)) return forged->code;
  return {};
}

}  // namespace

absl::StatusOr<domain::CheckInResult> SqliteEventStore::checkIn(const domain::CheckInCommand& command) {
  domain::CheckInResult result;
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) { return logCheckIn(db, command, result); }));
  return result;
}

void SqliteEventStore::checkInAsync(domain::CheckInCommand command, CheckInDone done) {
  struct Pending {
    domain::CheckInCommand command;
    domain::CheckInResult result;
  };
  auto pending = std::make_shared<Pending>(Pending{std::move(command), {}});
  writeAsync([this, pending](Database& db) { return logCheckIn(db, pending->command, pending->result); },
             [pending, done = std::move(done)](absl::Status status) {
               if (!status.ok()) {
                 done(std::move(status));
               } else {
                 done(std::move(pending->result));
               }
             });
}

absl::Status SqliteEventStore::logCheckIn(Database& db, const domain::CheckInCommand& command,
                                          domain::CheckInResult& result) {
  result = {};
  // A retry of a request already answered gets the first answer.
  {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectRequestSql));
    select->bind(1, command.deviceId).bind(2, command.requestId);
    LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
    if (row) {
      result.checkInId = select->columnInt(0);
      const std::int64_t delegateId = select->columnInt(1);
      result.decision.outcome = static_cast<CheckInOutcome>(select->columnInt(2));
      result.serverTimeUs = select->columnInt(3);
      const std::int64_t previousId = select->columnInt(4);
      result.decision.reentry = select->columnInt(5) != 0;
      result.decision.leaveSessionId = select->columnInt(6);
      if (previousId != 0) {
        LANYARD_ASSIGN_OR_RETURN(result.decision.previous, loadLoggedCheckIn(db, previousId));
      }
      if (delegateId != 0) {
        LANYARD_ASSIGN_OR_RETURN(result.delegate, loadDelegateById(db, delegateId));
        LANYARD_ASSIGN_OR_RETURN(result.badgePrinted, badgePrinted(db, *result.delegate));
      }
      return absl::OkStatus();
    }
  }
  const TimeUs now = m_clock();
  const std::int32_t today = domain::localDayNumber(now, m_event.timeZone);
  LANYARD_ASSIGN_OR_RETURN(domain::CheckInFacts facts, gatherFacts(db, command, m_policy, now));
  result.decision = domain::decideCheckIn(command, facts, m_policy, now, today);
  result.serverTimeUs = now;
  if (command.lookUp && !domain::refusesTheCode(result.decision.outcome)) return absl::OkStatus();
  const std::int64_t delegateId = facts.delegate ? facts.delegate->id : 0;
  if (result.decision.leaveSessionId != 0) {
    const std::string leaveRequest = strCat(command.requestId, "#left");
    LANYARD_RETURN_IF_ERROR(appendLog(db, command,
                                      LogRow{leaveRequest,
                                             delegateId,
                                             result.decision.leaveSessionId,
                                             Direction::Out,
                                             CheckInOutcome::CheckedOut,
                                             {},
                                             0,
                                             false,
                                             0},
                                      now, today)
                                .status());
  }
  LogRow row{command.requestId,
             delegateId,
             command.sessionId,
             command.direction,
             result.decision.outcome,
             facts.delegate ? std::string_view() : scannedText(command.subject),
             result.decision.previous ? result.decision.previous->id : 0,
             result.decision.reentry,
             result.decision.leaveSessionId};
  LANYARD_ASSIGN_OR_RETURN(result.checkInId, appendLog(db, command, row, now, today));
  if (facts.delegate) {
    LANYARD_ASSIGN_OR_RETURN(result.badgePrinted, badgePrinted(db, *facts.delegate));
    result.delegate = std::move(facts.delegate);
  }
  return absl::OkStatus();
}

absl::StatusOr<domain::BadgePrintRecord> SqliteEventStore::recordPrint(domain::BadgePrintRecord print) {
  print.serverTimeUs = m_clock();
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(Delegate d, loadDelegateById(db, print.delegateId));
    print.badgeVersion = d.badgeVersion;
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertPrintSql));
    LANYARD_RETURN_IF_ERROR(insert->bind(1, print.delegateId)
                                .bind(2, print.deviceId)
                                .bind(3, std::int64_t{print.badgeVersion})
                                .bind(4, std::int64_t{print.success ? 1 : 0})
                                .bind(5, print.error)
                                .bind(6, print.printer)
                                .bind(7, print.clientTimeUs)
                                .bind(8, print.serverTimeUs)
                                .run());
    print.id = db.lastInsertId();
    return absl::OkStatus();
  }));
  return print;
}

absl::StatusOr<domain::KioskStatusRecord> SqliteEventStore::recordKioskStatus(domain::KioskStatusRecord record) {
  record.serverTimeUs = m_clock();
  LANYARD_RETURN_IF_ERROR(write([&](Database& db) -> absl::Status {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertKioskStatusSql));
    LANYARD_RETURN_IF_ERROR(insert->bind(1, record.deviceId)
                                .bind(2, std::int64_t{static_cast<int>(record.printerStatus)})
                                .bind(3, record.detail)
                                .bind(4, record.serverTimeUs)
                                .run());
    record.id = db.lastInsertId();
    return absl::OkStatus();
  }));
  return record;
}

}  // namespace lanyard::server::storage
