// PostgresEventStore's CheckInLog: check-ins decided by domain::decideCheckIn from facts read in
// their own transaction once their delegate's row is locked, and logged in it; badge prints,
// kiosk heartbeats and each delegate's history; the threads that run checkInAsync's requests;
// and SessionStore::listSessions, whose occupancy is counted from this log.
//
// Every check-in transaction takes its locks in one order: the delegate's row (FOR UPDATE), then
// for an entry to a session with a capacity the session's row, then, by its first check_in
// insert (whose trigger logs the activity), the event's counter. Everything the decision needs is
// read before that insert, because the counter stays locked until the commit and every writer of
// every server waits for it.

#include <algorithm>
#include <pqxx/result>
#include <pqxx/transaction_base>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/badge_print.h"
#include "domain/event_time.h"
#include "domain/offline_upload.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "domain/text.h"
#include "postgres/event_store.h"
#include "postgres/event_store_internal.h"

namespace lanyard::server::postgres {

using domain::CheckInOutcome;
using domain::Delegate;
using domain::Direction;
using domain::TimeUs;

namespace {

// Scanned text kept in the log for unknown and forged codes, in bytes.
constexpr std::size_t kMaxLoggedCode = 256;

constexpr char kSelectRequestSql[] =
    "SELECT id, delegate_id, outcome, server_time_us, previous_id, reentry, left_session_id FROM check_in "
    "WHERE device_id = $1 AND request_id = $2";
constexpr char kSelectLoggedCheckInSql[] =
    "SELECT " LANYARD_LOGGED_CHECK_IN_COLUMNS " FROM check_in c JOIN device d ON d.id = c.device_id WHERE c.id = $1";
// A delegate's latest entry or exit at the entrance, or at session $2.
constexpr char kSelectLatestEntranceMoveSql[] =
    "SELECT " LANYARD_LOGGED_CHECK_IN_COLUMNS
    " FROM check_in c JOIN device d ON d.id = c.device_id "
    "WHERE c.delegate_id = $1 AND c.session_id IS NULL AND c.outcome IN (1, 10) ORDER BY c.id DESC LIMIT 1";
constexpr char kSelectLatestSessionMoveSql[] =
    "SELECT " LANYARD_LOGGED_CHECK_IN_COLUMNS
    " FROM check_in c JOIN device d ON d.id = c.device_id "
    "WHERE c.delegate_id = $1 AND c.session_id = $2 AND c.outcome IN (1, 10) ORDER BY c.id DESC LIMIT 1";

constexpr char kSelectDelegateForUpdateSql[] = "FROM delegate WHERE id = $1 FOR UPDATE";
constexpr char kSelectDelegateByIdSql[] = "FROM delegate WHERE id = $1";
// Ticket codes match ignoring ASCII case, through the delegate_ticket_code index.
constexpr char kSelectDelegateByTicketForUpdateSql[] =
    "FROM delegate WHERE lower(external_ticket_code COLLATE \"C\") = lower($1 COLLATE \"C\") FOR UPDATE";
constexpr char kSelectSessionSql[] = "FROM session WHERE id = $1";
constexpr char kSelectSessionForUpdateSql[] = "FROM session WHERE id = $1 FOR UPDATE";
constexpr char kIsRegisteredSql[] =
    "SELECT EXISTS (SELECT 1 FROM registration WHERE session_id = $1 AND delegate_id = $2)";
// Each delegate's latest move at a session: people inside are those whose latest move is an entry.
#define LANYARD_COUNT_INSIDE_SESSION(session)                                              \
  "(SELECT count(*) FROM (SELECT DISTINCT ON (m.delegate_id) m.direction FROM check_in m " \
  "WHERE m.session_id = " session                                                          \
  " AND m.outcome IN (1, 10) ORDER BY m.delegate_id DESC, m.id DESC) latest "              \
  "WHERE latest.direction = 1)"
constexpr char kCountInsideSessionSql[] = "SELECT " LANYARD_COUNT_INSIDE_SESSION("$1");
// A delegate's latest move at each session, by session.
constexpr char kSelectSessionsInsideSql[] =
    "SELECT DISTINCT ON (session_id) session_id, direction FROM check_in "
    "WHERE delegate_id = $1 AND session_id IS NOT NULL AND outcome IN (1, 10) ORDER BY session_id, id DESC";
// Wrong proofs typed recently: those uploaded from an offline kiosk were typed long before the
// server logged them, and the kiosk throttled them itself.
constexpr char kCountWrongProofsForDelegateSql[] =
    "SELECT count(*) FROM check_in WHERE delegate_id = $1 AND server_time_us > $2 AND outcome = 12 AND offline = 0";
constexpr char kCountWrongProofsFromDeviceSql[] =
    "SELECT count(*) FROM check_in WHERE device_id = $1 AND server_time_us > $2 AND outcome = 12 AND offline = 0";
// Two consecutive check-in ids, for an automatic check-out and the move that caused it: the
// check-out is logged just before it, its id one below (SQLite's log has it so, and the activity
// feed tells automatic check-outs by it). Concurrent transactions take ids too, so the two may not
// be consecutive: reserveTwoCheckInIds then asks again.
constexpr char kReserveTwoCheckInIdsSql[] =
    "SELECT nextval(pg_get_serial_sequence('check_in', 'id')) AS id FROM generate_series(1, 2) ORDER BY id";
// $1 is the id reserved for the row, or 0 for the next one; 0 in $4, $5, $12 and $14 is NULL.
constexpr char kInsertCheckInSql[] =
    "INSERT INTO check_in (id, device_id, request_id, delegate_id, session_id, direction, outcome, scan_time_us, "
    "server_time_us, event_day, scanned_code, previous_id, reentry, left_session_id, offline) "
    "VALUES (COALESCE(NULLIF($1::BIGINT, 0), nextval(pg_get_serial_sequence('check_in', 'id'))), $2, $3, "
    "NULLIF($4::BIGINT, 0), NULLIF($5::BIGINT, 0), $6, $7, $8, $9, $10, NULLIF($11, ''), NULLIF($12::BIGINT, 0), "
    "$13, NULLIF($14::BIGINT, 0), $15) RETURNING id";
constexpr char kInsertConflictSql[] =
    "INSERT INTO conflict (check_in_id, kind, kiosk_outcome, server_outcome, earlier_check_in_id) "
    "VALUES ($1, $2, $3, $4, NULLIF($5::BIGINT, 0))";
constexpr char kSelectCheckInsSql[] =
    "SELECT c.id, c.server_time_us, c.scan_time_us, c.session_id, c.direction, c.outcome, d.name "
    "FROM check_in c JOIN device d ON d.id = c.device_id WHERE c.delegate_id = $1 AND c.id > $2 ORDER BY c.id "
    "LIMIT $3";
constexpr char kSelectSessionsSql[] =
    "SELECT id, external_ref, title, room, start_us, end_us, capacity, registration_required, "
    "(SELECT count(*) FROM registration r WHERE r.session_id = session.id), " LANYARD_COUNT_INSIDE_SESSION(
        "session.id") " FROM session ORDER BY start_us, id";

// What domain::badgePrinted reads of a delegate's prints: one seek in badge_print_delegate.
constexpr char kSelectPrintFactsSql[] =
    "SELECT badge_version, success FROM badge_print WHERE delegate_id = $1 ORDER BY id";
constexpr char kInsertPrintSql[] =
    "INSERT INTO badge_print (delegate_id, device_id, badge_version, success, error, printer, client_time_us, "
    "server_time_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr char kSelectPrintsSql[] =
    "SELECT p.id, p.device_id, d.name, p.badge_version, p.success, p.error, p.printer, p.client_time_us, "
    "p.server_time_us FROM badge_print p JOIN device d ON d.id = p.device_id WHERE p.delegate_id = $1 AND p.id > $2 "
    "ORDER BY p.id LIMIT $3";

constexpr char kInsertKioskStatusSql[] =
    "INSERT INTO kiosk_status (device_id, printer_status, detail, server_time_us) VALUES ($1, $2, $3, $4) "
    "RETURNING id";

#undef LANYARD_COUNT_INSIDE_SESSION

Direction readDirection(const pqxx::field& field) { return field.as<int>() == 2 ? Direction::Out : Direction::In; }

absl::StatusOr<domain::LoggedCheckIn> loadLoggedCheckIn(pqxx::transaction_base& transaction, std::int64_t id) {
  const pqxx::result rows = transaction.exec_params(kSelectLoggedCheckInSql, id);
  if (rows.empty()) return absl::NotFoundError(strCat("check-in ", id, " not found"));
  return internal::readLoggedCheckIn(rows[0]);
}

// The delegate (or session) `from` finds for `key`: `from` is a kSelect...Sql, what follows the
// columns readDelegate (readSession) reads.
template <typename Key>
std::optional<Delegate> findDelegate(pqxx::transaction_base& transaction, std::string_view from, const Key& key) {
  const pqxx::result rows = transaction.exec_params(strCat("SELECT ", internal::kDelegateColumns, " ", from), key);
  if (rows.empty()) return std::nullopt;
  return internal::readDelegate(rows[0]);
}
std::optional<domain::Session> findSession(pqxx::transaction_base& transaction, std::string_view from,
                                           std::int64_t id) {
  const pqxx::result rows = transaction.exec_params(strCat("SELECT ", internal::kSessionColumns, " ", from), id);
  if (rows.empty()) return std::nullopt;
  return internal::readSession(rows[0]);
}

absl::StatusOr<Delegate> delegateOrNotFound(std::optional<Delegate> d, std::int64_t id) {
  if (!d) return absl::NotFoundError(strCat("delegate ", id, " not found"));
  return std::move(*d);
}

// Whether `d`'s badge is printed: the store reads their prints (a few at most) and the domain
// decides, so that the rule is written once (domain/badge_print.h), not again in SQL.
bool badgePrinted(pqxx::transaction_base& transaction, const Delegate& d) {
  std::vector<domain::BadgePrintRecord> prints;
  for (const pqxx::row& row : transaction.exec_params(kSelectPrintFactsSql, d.id)) {
    domain::BadgePrintRecord& print = prints.emplace_back();
    print.badgeVersion = row[0].as<std::int32_t>();
    print.success = row[1].as<int>() != 0;
  }
  return domain::badgePrinted(d.badgeVersion, prints);
}

std::optional<domain::LoggedCheckIn> latestMove(pqxx::transaction_base& transaction, std::int64_t delegateId,
                                                std::int64_t sessionId) {
  const pqxx::result rows = sessionId == 0
                                ? transaction.exec_params(kSelectLatestEntranceMoveSql, delegateId)
                                : transaction.exec_params(kSelectLatestSessionMoveSql, delegateId, sessionId);
  if (rows.empty()) return std::nullopt;
  return internal::readLoggedCheckIn(rows[0]);
}

// The session other than `exceptSessionId` the delegate is inside now (the last by id), or 0.
std::int64_t sessionInside(pqxx::transaction_base& transaction, std::int64_t delegateId, std::int64_t exceptSessionId) {
  std::int64_t inside = 0;
  for (const pqxx::row& row : transaction.exec_params(kSelectSessionsInsideSql, delegateId)) {
    const std::int64_t sessionId = row[0].as<std::int64_t>();
    if (sessionId != exceptSessionId && readDirection(row[1]) == Direction::In) inside = sessionId;
  }
  return inside;
}

// The count `sql` selects for its parameters `a` and `b`.
std::int64_t countOf(pqxx::transaction_base& transaction, const char* sql, std::int64_t a, std::int64_t b) {
  return transaction.exec_params(sql, a, b)[0][0].as<std::int64_t>();
}

// Whether `code` can be stored as PostgreSQL text, which holds neither NUL nor invalid UTF-8. No
// ticket code can, so text that cannot is unknown without a lookup.
bool storableText(std::string_view code) {
  return domain::isValidUtf8(code) && code.find('\0') == std::string_view::npos;
}

// Reads what the rules need about `command`, locking the delegate's row first (and the session's
// row for an entry to a session with a capacity), so that concurrent requests for the same
// delegate, at this server or another, are decided one after the other, each on what the one
// before logged.
absl::StatusOr<domain::CheckInFacts> gatherFacts(pqxx::transaction_base& transaction,
                                                 const domain::CheckInCommand& command,
                                                 const domain::CheckInPolicy& policy, TimeUs now) {
  domain::CheckInFacts facts;
  if (const auto* badge = std::get_if<domain::subject::Badge>(&command.subject)) {
    std::optional<Delegate> d = findDelegate(transaction, kSelectDelegateForUpdateSql, badge->delegateId);
    if (!d) {
      facts.codeProblem = CheckInOutcome::UnknownCode;
      return facts;
    }
    if (badge->badgeVersion > d->badgeVersion) {
      facts.codeProblem = CheckInOutcome::ForgedCode;  // Never issued.
      return facts;
    }
    if (badge->badgeVersion < d->badgeVersion) {
      // Replaced by a reissue. Logged with whose it is, so the scan log can tell who still has it.
      facts.codeProblem = CheckInOutcome::SupersededCode;
      facts.delegate = std::move(d);
      return facts;
    }
    facts.delegate = std::move(d);
  } else if (const auto* ticket = std::get_if<domain::subject::Ticket>(&command.subject)) {
    if (storableText(ticket->code)) {
      facts.delegate = findDelegate(transaction, kSelectDelegateByTicketForUpdateSql, ticket->code);
    }
    if (!facts.delegate) {
      facts.codeProblem = CheckInOutcome::UnknownCode;
      return facts;
    }
  } else if (std::holds_alternative<domain::subject::Forged>(command.subject)) {
    facts.codeProblem = CheckInOutcome::ForgedCode;
    return facts;
  } else {
    const auto& byName = std::get<domain::subject::ByName>(command.subject);
    LANYARD_ASSIGN_OR_RETURN(
        facts.delegate, delegateOrNotFound(findDelegate(transaction, kSelectDelegateForUpdateSql, byName.delegateId),
                                           byName.delegateId));
    const TimeUs since = now - policy.wrongProofWindowUs;
    facts.recentWrongProofsForDelegate =
        static_cast<int>(countOf(transaction, kCountWrongProofsForDelegateSql, byName.delegateId, since));
    facts.recentWrongProofsFromDevice =
        static_cast<int>(countOf(transaction, kCountWrongProofsFromDeviceSql, command.deviceId, since));
  }
  const std::int64_t delegateId = facts.delegate->id;

  facts.latestHere = latestMove(transaction, delegateId, command.sessionId);
  if (command.sessionId == 0) {
    // Leaving the venue leaves the room too, so that its seat is free again.
    if (command.direction == Direction::Out) facts.currentOtherSession = sessionInside(transaction, delegateId, 0);
    return facts;
  }

  facts.session = findSession(transaction, kSelectSessionSql, command.sessionId);
  if (facts.session && facts.session->capacity > 0 && command.direction == Direction::In) {
    // Two delegates let into the last seat by two servers at once would both count it free.
    facts.session = findSession(transaction, kSelectSessionForUpdateSql, command.sessionId);
  }
  if (!facts.session) return absl::NotFoundError(strCat("session ", command.sessionId, " not found"));
  facts.registeredForSession =
      transaction.exec_params(kIsRegisteredSql, command.sessionId, delegateId)[0][0].as<bool>();
  facts.insideSession =
      static_cast<int>(transaction.exec_params(kCountInsideSessionSql, command.sessionId)[0][0].as<std::int64_t>());
  facts.currentOtherSession = sessionInside(transaction, delegateId, command.sessionId);
  return facts;
}

// The scanned text of an unknown or forged code as the log keeps it: at most kMaxLoggedCode bytes,
// cut between characters, each NUL or invalid UTF-8 byte written as U+FFFD (storableText).
std::string loggedCode(std::string_view scanned) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string logged;
  while (!scanned.empty()) {
    const std::size_t length = domain::utf8SequenceLength(scanned);
    const bool storable = length != 0 && scanned.front() != '\0';
    const std::string_view piece = storable ? scanned.substr(0, length) : kReplacement;
    if (logged.size() + piece.size() > kMaxLoggedCode) break;
    logged.append(piece);
    scanned.remove_prefix(storable ? length : 1);
  }
  return logged;
}

std::string_view scannedText(const domain::Subject& subject) {
  if (const auto* ticket = std::get_if<domain::subject::Ticket>(&subject)) return ticket->code;
  if (const auto* forged = std::get_if<domain::subject::Forged>(&subject)) return forged->code;
  return {};
}

struct LogRow {
  std::int64_t id = 0;  // Reserved (kReserveTwoCheckInIdsSql), or 0 for the next.
  std::string requestId;
  std::int64_t delegateId = 0;
  std::int64_t sessionId = 0;
  Direction direction = Direction::In;
  CheckInOutcome outcome = CheckInOutcome::Admitted;
  std::string scannedCode;
  std::int64_t previousId = 0;
  bool reentry = false;
  std::int64_t leftSessionId = 0;
};

std::int64_t appendLog(pqxx::transaction_base& transaction, const domain::CheckInCommand& command, const LogRow& row,
                       TimeUs now, std::int32_t today) {
  return transaction
      .exec_params(kInsertCheckInSql, row.id, command.deviceId, row.requestId, row.delegateId, row.sessionId,
                   static_cast<int>(row.direction), static_cast<int>(row.outcome), command.scanTimeUs, now, today,
                   row.scannedCode, row.previousId, row.reentry ? 1 : 0, row.leftSessionId,
                   command.offlineOutcome ? 1 : 0)[0][0]
      .as<std::int64_t>();
}

// Two consecutive unused check-in ids.
std::pair<std::int64_t, std::int64_t> reserveTwoCheckInIds(pqxx::transaction_base& transaction) {
  while (true) {
    const pqxx::result ids = transaction.exec(kReserveTwoCheckInIdsSql);
    const std::int64_t first = ids[0][0].as<std::int64_t>();
    if (ids[1][0].as<std::int64_t>() == first + 1) return {first, first + 1};
  }
}

}  // namespace

domain::LoggedCheckIn internal::readLoggedCheckIn(const pqxx::row& row, int first) {
  return domain::LoggedCheckIn{row[first].as<std::int64_t>(),    row[first + 1].as<TimeUs>(),
                               row[first + 2].as<std::string>(), row[first + 3].as<std::int64_t>(0),
                               readDirection(row[first + 4]),    row[first + 5].as<std::int32_t>()};
}

absl::StatusOr<bool> PostgresEventStore::answerLoggedRequest(pqxx::transaction_base& transaction,
                                                             const domain::CheckInCommand& command,
                                                             domain::CheckInResult& result) {
  result = {};
  const pqxx::result rows = transaction.exec_params(kSelectRequestSql, command.deviceId, command.requestId);
  if (rows.empty()) return false;
  const pqxx::row row = rows[0];
  result.checkInId = row[0].as<std::int64_t>();
  const std::int64_t delegateId = row[1].as<std::int64_t>(0);
  result.decision.outcome = static_cast<CheckInOutcome>(row[2].as<int>());
  result.serverTimeUs = row[3].as<TimeUs>();
  const std::int64_t previousId = row[4].as<std::int64_t>(0);
  result.decision.reentry = row[5].as<int>() != 0;
  result.decision.leaveSessionId = row[6].as<std::int64_t>(0);
  if (previousId != 0) {
    LANYARD_ASSIGN_OR_RETURN(result.decision.previous, loadLoggedCheckIn(transaction, previousId));
  }
  if (delegateId != 0) {
    LANYARD_ASSIGN_OR_RETURN(
        result.delegate, delegateOrNotFound(findDelegate(transaction, kSelectDelegateByIdSql, delegateId), delegateId));
    result.badgePrinted = badgePrinted(transaction, *result.delegate);
  }
  return true;
}

absl::Status PostgresEventStore::logCheckIn(pqxx::transaction_base& transaction, const domain::CheckInCommand& command,
                                            domain::CheckInResult& result) {
  // A retry of a request already answered gets the first answer.
  LANYARD_ASSIGN_OR_RETURN(const bool answered, answerLoggedRequest(transaction, command, result));
  if (answered) return absl::OkStatus();
  const TimeUs now = m_clock();
  // An offline upload is decided at the time of its scan (time windows, the event day), never
  // later than now.
  const TimeUs decidedAt = command.offlineOutcome ? std::min(command.scanTimeUs, now) : now;
  const std::int32_t today = domain::localDayNumber(decidedAt, m_event.timeZone);
  LANYARD_ASSIGN_OR_RETURN(domain::CheckInFacts facts, gatherFacts(transaction, command, m_policy, now));
  std::optional<domain::OfflineSettlement> settlement;
  if (command.offlineOutcome) {
    settlement = domain::settleOfflineUpload(command, facts, m_policy, decidedAt, today);
    result.decision = settlement->logged;
  } else {
    result.decision = domain::decideCheckIn(command, facts, m_policy, now, today);
  }
  result.serverTimeUs = now;
  if (command.lookUp && !domain::refusesTheCode(result.decision.outcome)) return absl::OkStatus();
  if (facts.delegate) {
    // Read before the log is written, which takes the event's counter (see the top of this file).
    result.badgePrinted = badgePrinted(transaction, *facts.delegate);
  }

  const std::int64_t delegateId = facts.delegate ? facts.delegate->id : 0;
  LogRow row{0,
             command.requestId,
             delegateId,
             command.sessionId,
             command.direction,
             result.decision.outcome,
             facts.delegate ? std::string() : loggedCode(scannedText(command.subject)),
             result.decision.previous ? result.decision.previous->id : 0,
             result.decision.reentry,
             result.decision.leaveSessionId};
  if (result.decision.leaveSessionId != 0) {
    const auto [leaveId, moveId] = reserveTwoCheckInIds(transaction);
    row.id = moveId;
    appendLog(transaction, command,
              LogRow{leaveId,
                     strCat(command.requestId, "#left"),
                     delegateId,
                     result.decision.leaveSessionId,
                     Direction::Out,
                     CheckInOutcome::CheckedOut,
                     {},
                     0,
                     false,
                     0},
              now, today);
  }
  result.checkInId = appendLog(transaction, command, row, now, today);
  if (settlement && settlement->conflict) {
    transaction.exec_params(kInsertConflictSql, result.checkInId, static_cast<int>(*settlement->conflict),
                            static_cast<int>(*command.offlineOutcome), static_cast<int>(settlement->serverOutcome),
                            settlement->earlier ? settlement->earlier->id : 0);
  }
  result.delegate = std::move(facts.delegate);
  return absl::OkStatus();
}

absl::StatusOr<domain::CheckInResult> PostgresEventStore::checkIn(const domain::CheckInCommand& command) {
  domain::CheckInResult result;
  const absl::Status logged = inTransaction("recording a check-in", [&](pqxx::transaction_base& transaction) {
    return logCheckIn(transaction, command, result);
  });
  if (!absl::IsAlreadyExists(logged)) {
    if (!logged.ok()) return logged;
    return result;
  }
  // The UNIQUE (device_id, request_id) of check_in: a concurrent transaction, here or at another
  // server, logged the same request first. Its answer is this one's.
  bool answered = false;
  LANYARD_RETURN_IF_ERROR(
      inTransaction("reading a logged check-in", [&](pqxx::transaction_base& transaction) -> absl::Status {
        LANYARD_ASSIGN_OR_RETURN(answered, answerLoggedRequest(transaction, command, result));
        return absl::OkStatus();
      }));
  if (!answered) return logged;
  return result;
}

void PostgresEventStore::checkInAsync(domain::CheckInCommand command, CheckInDone done) {
  m_checkInWorkers.submit(std::move(command), std::move(done));
}

PostgresEventStore::CheckInWorkers::CheckInWorkers(PostgresEventStore& store, int threads) : m_store(store) {
  m_threads.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i) m_threads.emplace_back([this] { work(); });
}

PostgresEventStore::CheckInWorkers::~CheckInWorkers() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_queued.notify_all();
  for (std::thread& thread : m_threads) thread.join();
}

void PostgresEventStore::CheckInWorkers::submit(domain::CheckInCommand command, CheckInDone done) {
  {
    std::lock_guard lock(m_mutex);
    if (!m_stopping) {
      m_queue.push_back({std::move(command), std::move(done)});
      m_queued.notify_one();
      return;
    }
  }
  done(absl::UnavailableError("the store is shutting down: check-in not recorded, retry it with the same request id"));
}

void PostgresEventStore::CheckInWorkers::work() {
  std::unique_lock lock(m_mutex);
  while (true) {
    m_queued.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
    if (m_queue.empty()) return;  // Stopping, with every queued request answered.
    Queued next = std::move(m_queue.front());
    m_queue.pop_front();
    lock.unlock();
    next.done(m_store.checkIn(next.command));
    lock.lock();
  }
}

absl::StatusOr<std::vector<domain::SessionOccupancy>> PostgresEventStore::listSessions() {
  std::vector<domain::SessionOccupancy> sessions;
  LANYARD_RETURN_IF_ERROR(inTransaction("listing the sessions", [&](pqxx::transaction_base& transaction) {
    sessions.clear();
    for (const pqxx::row& row : transaction.exec(kSelectSessionsSql)) {
      sessions.push_back({internal::readSession(row), static_cast<int>(row[9].as<std::int64_t>()),
                          static_cast<int>(row[8].as<std::int64_t>())});
    }
    return absl::OkStatus();
  }));
  return sessions;
}

absl::StatusOr<domain::BadgePrintRecord> PostgresEventStore::recordPrint(domain::BadgePrintRecord print) {
  print.serverTimeUs = m_clock();
  LANYARD_RETURN_IF_ERROR(
      inTransaction("recording a badge print", [&](pqxx::transaction_base& transaction) -> absl::Status {
        LANYARD_ASSIGN_OR_RETURN(
            const Delegate d,
            delegateOrNotFound(findDelegate(transaction, kSelectDelegateForUpdateSql, print.delegateId),
                               print.delegateId));
        print.badgeVersion = d.badgeVersion;
        print.id = transaction
                       .exec_params(kInsertPrintSql, print.delegateId, print.deviceId, print.badgeVersion,
                                    print.success ? 1 : 0, print.error, print.printer, print.clientTimeUs,
                                    print.serverTimeUs)[0][0]
                       .as<std::int64_t>();
        return absl::OkStatus();
      }));
  return print;
}

absl::StatusOr<domain::KioskStatusRecord> PostgresEventStore::recordKioskStatus(domain::KioskStatusRecord record) {
  record.serverTimeUs = m_clock();
  LANYARD_RETURN_IF_ERROR(inTransaction("recording a kiosk status", [&](pqxx::transaction_base& transaction) {
    record.id = transaction
                    .exec_params(kInsertKioskStatusSql, record.deviceId, static_cast<int>(record.printerStatus),
                                 record.detail, record.serverTimeUs)[0][0]
                    .as<std::int64_t>();
    return absl::OkStatus();
  }));
  return record;
}

absl::StatusOr<std::vector<domain::CheckInRecord>> PostgresEventStore::checkIns(std::int64_t delegateId,
                                                                                domain::Page page) {
  std::vector<domain::CheckInRecord> checkIns;
  LANYARD_RETURN_IF_ERROR(inTransaction("reading a delegate's check-ins", [&](pqxx::transaction_base& transaction) {
    checkIns.clear();
    for (const pqxx::row& row : transaction.exec_params(kSelectCheckInsSql, delegateId, page.afterId, page.limit)) {
      checkIns.push_back({row[0].as<std::int64_t>(), row[1].as<TimeUs>(), row[2].as<TimeUs>(),
                          row[3].as<std::int64_t>(0), readDirection(row[4]),
                          static_cast<CheckInOutcome>(row[5].as<int>()), row[6].as<std::string>()});
    }
    return absl::OkStatus();
  }));
  return checkIns;
}

absl::StatusOr<std::vector<domain::BadgePrintRecord>> PostgresEventStore::badgePrints(std::int64_t delegateId,
                                                                                      domain::Page page) {
  std::vector<domain::BadgePrintRecord> prints;
  LANYARD_RETURN_IF_ERROR(inTransaction("reading a delegate's badge prints", [&](pqxx::transaction_base& transaction) {
    prints.clear();
    for (const pqxx::row& row : transaction.exec_params(kSelectPrintsSql, delegateId, page.afterId, page.limit)) {
      prints.push_back({row[0].as<std::int64_t>(), delegateId, row[1].as<std::int64_t>(), row[2].as<std::string>(),
                        row[3].as<std::int32_t>(), row[4].as<int>() != 0, row[5].as<std::string>(),
                        row[6].as<std::string>(), row[7].as<TimeUs>(), row[8].as<TimeUs>()});
    }
    return absl::OkStatus();
  }));
  return prints;
}

}  // namespace lanyard::server::postgres
