// PostgresEventStore's CheckInLog: check-ins decided by domain::decideCheckIn from facts read in
// their own transaction once their delegate's row is locked, and logged in it; badge prints,
// kiosk heartbeats and each delegate's history; the threads that run checkInAsync's requests;
// and SessionStore::listSessions, whose occupancy is counted from this log.
//
// Every check-in transaction takes its locks in one order: the delegates' rows (FOR UPDATE), then
// for entries to sessions with a capacity the sessions' rows, each kind in id order when there are
// several, then as it commits (the deferred trigger that logs the activities) the activity lock,
// which every writer of every server waits for.

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
#include "domain/thread_name.h"
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

constexpr PreparedStatement kSelectRequestSql{
    "check_in_log.select_request",
    "SELECT id, delegate_id, outcome, server_time_us, previous_id, reentry, left_session_id FROM check_in "
    "WHERE device_id = $1 AND request_id = $2"};
constexpr PreparedStatement kSelectLoggedCheckInSql{
    "check_in_log.select_logged_check_in",
    "SELECT " LANYARD_LOGGED_CHECK_IN_COLUMNS " FROM check_in c JOIN device d ON d.id = c.device_id WHERE c.id = $1"};
// A delegate's latest entry or exit at the entrance, or at session $2.
constexpr PreparedStatement kSelectLatestEntranceMoveSql{
    "check_in_log.select_latest_entrance_move",
    "SELECT " LANYARD_LOGGED_CHECK_IN_COLUMNS
    " FROM check_in c JOIN device d ON d.id = c.device_id "
    "WHERE c.delegate_id = $1 AND c.session_id IS NULL AND c.outcome IN (1, 10) ORDER BY c.id DESC LIMIT 1"};
constexpr PreparedStatement kSelectLatestSessionMoveSql{
    "check_in_log.select_latest_session_move",
    "SELECT " LANYARD_LOGGED_CHECK_IN_COLUMNS
    " FROM check_in c JOIN device d ON d.id = c.device_id "
    "WHERE c.delegate_id = $1 AND c.session_id = $2 AND c.outcome IN (1, 10) ORDER BY c.id DESC LIMIT 1"};

// The rows of the delegates with ids $1 or ticket codes $2 (ASCII lower case, as lower() with
// collation "C" has them); of the sessions $1 with a capacity. Each locked in id order (ORDER BY
// sorts before FOR UPDATE locks).
constexpr PreparedStatement kLockDelegatesInOrderSql{
    "check_in_log.lock_delegates_in_order",
    "SELECT id FROM delegate WHERE id = ANY($1::BIGINT[]) "
    "OR lower(external_ticket_code COLLATE \"C\") = ANY($2::TEXT[]) ORDER BY id FOR UPDATE"};
constexpr PreparedStatement kLockSessionsInOrderSql{
    "check_in_log.lock_sessions_in_order",
    "SELECT id FROM session WHERE id = ANY($1::BIGINT[]) AND capacity > 0 ORDER BY id FOR UPDATE"};
// A delegate (session) as readDelegate (readSession) reads it, with what follows the columns.
const std::string kSelectDelegateForUpdateText =
    strCat("SELECT ", internal::kDelegateColumns, " FROM delegate WHERE id = $1 FOR UPDATE");
const std::string kSelectDelegateByIdText =
    strCat("SELECT ", internal::kDelegateColumns, " FROM delegate WHERE id = $1");
// Ticket codes match ignoring ASCII case, through the delegate_ticket_code index.
const std::string kSelectDelegateByTicketForUpdateText =
    strCat("SELECT ", internal::kDelegateColumns,
           " FROM delegate WHERE lower(external_ticket_code COLLATE \"C\") = lower($1 COLLATE \"C\") FOR UPDATE");
const std::string kSelectSessionText = strCat("SELECT ", internal::kSessionColumns, " FROM session WHERE id = $1");
const std::string kSelectSessionForUpdateText =
    strCat("SELECT ", internal::kSessionColumns, " FROM session WHERE id = $1 FOR UPDATE");
const PreparedStatement kSelectDelegateForUpdateSql{"check_in_log.select_delegate_for_update",
                                                    kSelectDelegateForUpdateText};
const PreparedStatement kSelectDelegateByIdSql{"check_in_log.select_delegate_by_id", kSelectDelegateByIdText};
const PreparedStatement kSelectDelegateByTicketForUpdateSql{"check_in_log.select_delegate_by_ticket_for_update",
                                                            kSelectDelegateByTicketForUpdateText};
const PreparedStatement kSelectSessionSql{"check_in_log.select_session", kSelectSessionText};
const PreparedStatement kSelectSessionForUpdateSql{"check_in_log.select_session_for_update",
                                                   kSelectSessionForUpdateText};
constexpr PreparedStatement kIsRegisteredSql{
    "check_in_log.is_registered",
    "SELECT EXISTS (SELECT 1 FROM registration WHERE session_id = $1 AND delegate_id = $2)"};
// Each delegate's latest move at a session: people inside are those whose latest move is an entry.
#define LANYARD_COUNT_INSIDE_SESSION(session)                                              \
  "(SELECT count(*) FROM (SELECT DISTINCT ON (m.delegate_id) m.direction FROM check_in m " \
  "WHERE m.session_id = " session                                                          \
  " AND m.outcome IN (1, 10) ORDER BY m.delegate_id DESC, m.id DESC) latest "              \
  "WHERE latest.direction = 1)"
constexpr PreparedStatement kCountInsideSessionSql{"check_in_log.count_inside_session",
                                                   "SELECT " LANYARD_COUNT_INSIDE_SESSION("$1")};
// A delegate's latest move at each session, by session.
constexpr PreparedStatement kSelectSessionsInsideSql{
    "check_in_log.select_sessions_inside",
    "SELECT DISTINCT ON (session_id) session_id, direction FROM check_in "
    "WHERE delegate_id = $1 AND session_id IS NOT NULL AND outcome IN (1, 10) ORDER BY session_id, id DESC"};
// Wrong proofs typed recently: those uploaded from an offline kiosk were typed long before the
// server logged them, and the kiosk throttled them itself.
constexpr PreparedStatement kCountWrongProofsForDelegateSql{
    "check_in_log.count_wrong_proofs_for_delegate",
    "SELECT count(*) FROM check_in WHERE delegate_id = $1 AND server_time_us > $2 AND outcome = 12 AND offline = 0"};
constexpr PreparedStatement kCountWrongProofsFromDeviceSql{
    "check_in_log.count_wrong_proofs_from_device",
    "SELECT count(*) FROM check_in WHERE device_id = $1 AND server_time_us > $2 AND outcome = 12 AND offline = 0"};
// Two consecutive check-in ids, for an automatic check-out and the move that caused it: the
// check-out is logged just before it, its id one below (SQLite's log has it so, and the activity
// feed tells automatic check-outs by it). Concurrent transactions take ids too, so the two may not
// be consecutive: reserveTwoCheckInIds then asks again.
constexpr PreparedStatement kReserveTwoCheckInIdsSql{
    "check_in_log.reserve_two_check_in_ids",
    "SELECT nextval(pg_get_serial_sequence('check_in', 'id')) AS id FROM generate_series(1, 2) ORDER BY id"};
// $1 is the id reserved for the row, or 0 for the next one; 0 in $4, $5, $12 and $14 is NULL.
constexpr PreparedStatement kInsertCheckInSql{
    "check_in_log.insert_check_in",
    "INSERT INTO check_in (id, device_id, request_id, delegate_id, session_id, direction, outcome, scan_time_us, "
    "server_time_us, event_day, scanned_code, previous_id, reentry, left_session_id, offline) "
    "VALUES (COALESCE(NULLIF($1::BIGINT, 0), nextval(pg_get_serial_sequence('check_in', 'id'))), $2, $3, "
    "NULLIF($4::BIGINT, 0), NULLIF($5::BIGINT, 0), $6, $7, $8, $9, $10, NULLIF($11, ''), NULLIF($12::BIGINT, 0), "
    "$13, NULLIF($14::BIGINT, 0), $15) RETURNING id"};
constexpr PreparedStatement kInsertConflictSql{
    "check_in_log.insert_conflict",
    "INSERT INTO conflict (check_in_id, kind, kiosk_outcome, server_outcome, earlier_check_in_id) "
    "VALUES ($1, $2, $3, $4, NULLIF($5::BIGINT, 0))"};
constexpr char kSelectCheckInsSql[] =
    "SELECT c.id, c.server_time_us, c.scan_time_us, c.session_id, c.direction, c.outcome, d.name "
    "FROM check_in c JOIN device d ON d.id = c.device_id WHERE c.delegate_id = $1 AND c.id > $2 ORDER BY c.id "
    "LIMIT $3";
constexpr char kSelectSessionsSql[] =
    "SELECT id, external_ref, title, room, start_us, end_us, capacity, registration_required, "
    "(SELECT count(*) FROM registration r WHERE r.session_id = session.id), " LANYARD_COUNT_INSIDE_SESSION(
        "session.id") " FROM session ORDER BY start_us, id";

// What domain::badgePrinted reads of a delegate's prints: one seek in badge_print_delegate.
constexpr PreparedStatement kSelectPrintFactsSql{
    "check_in_log.select_print_facts",
    "SELECT badge_version, success FROM badge_print WHERE delegate_id = $1 ORDER BY id"};
constexpr PreparedStatement kInsertPrintSql{
    "check_in_log.insert_print",
    "INSERT INTO badge_print (delegate_id, device_id, badge_version, success, error, printer, client_time_us, "
    "server_time_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
constexpr char kSelectPrintsSql[] =
    "SELECT p.id, p.device_id, d.name, p.badge_version, p.success, p.error, p.printer, p.client_time_us, "
    "p.server_time_us FROM badge_print p JOIN device d ON d.id = p.device_id WHERE p.delegate_id = $1 AND p.id > $2 "
    "ORDER BY p.id LIMIT $3";

constexpr PreparedStatement kInsertKioskStatusSql{
    "check_in_log.insert_kiosk_status",
    "INSERT INTO kiosk_status (device_id, printer_status, detail, server_time_us) VALUES ($1, $2, $3, $4) "
    "RETURNING id"};

#undef LANYARD_COUNT_INSIDE_SESSION

Direction readDirection(const pqxx::field& field) { return field.as<int>() == 2 ? Direction::Out : Direction::In; }

absl::StatusOr<domain::LoggedCheckIn> loadLoggedCheckIn(pqxx::transaction_base& transaction, std::int64_t id) {
  const pqxx::result rows = execPrepared(transaction, kSelectLoggedCheckInSql, id);
  if (rows.empty()) return absl::NotFoundError(strCat("check-in ", id, " not found"));
  return internal::readLoggedCheckIn(rows[0]);
}

// The delegate (or session) `statement` (a kSelectDelegate...Sql) finds for `key`.
template <typename Key>
std::optional<Delegate> findDelegate(pqxx::transaction_base& transaction, const PreparedStatement& statement,
                                     const Key& key) {
  const pqxx::result rows = execPrepared(transaction, statement, key);
  if (rows.empty()) return std::nullopt;
  return internal::readDelegate(rows[0]);
}
std::optional<domain::Session> findSession(pqxx::transaction_base& transaction, const PreparedStatement& statement,
                                           std::int64_t id) {
  const pqxx::result rows = execPrepared(transaction, statement, id);
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
  for (const pqxx::row& row : execPrepared(transaction, kSelectPrintFactsSql, d.id)) {
    domain::BadgePrintRecord& print = prints.emplace_back();
    print.badgeVersion = row[0].as<std::int32_t>();
    print.success = row[1].as<int>() != 0;
  }
  return domain::badgePrinted(d.badgeVersion, prints);
}

std::optional<domain::LoggedCheckIn> latestMove(pqxx::transaction_base& transaction, std::int64_t delegateId,
                                                std::int64_t sessionId) {
  const pqxx::result rows = sessionId == 0
                                ? execPrepared(transaction, kSelectLatestEntranceMoveSql, delegateId)
                                : execPrepared(transaction, kSelectLatestSessionMoveSql, delegateId, sessionId);
  if (rows.empty()) return std::nullopt;
  return internal::readLoggedCheckIn(rows[0]);
}

// The session other than `exceptSessionId` the delegate is inside now (the last by id), or 0.
std::int64_t sessionInside(pqxx::transaction_base& transaction, std::int64_t delegateId, std::int64_t exceptSessionId) {
  std::int64_t inside = 0;
  for (const pqxx::row& row : execPrepared(transaction, kSelectSessionsInsideSql, delegateId)) {
    const std::int64_t sessionId = row[0].as<std::int64_t>();
    if (sessionId != exceptSessionId && readDirection(row[1]) == Direction::In) inside = sessionId;
  }
  return inside;
}

// The count `statement` selects for its parameters `a` and `b`.
std::int64_t countOf(pqxx::transaction_base& transaction, const PreparedStatement& statement, std::int64_t a,
                     std::int64_t b) {
  return execPrepared(transaction, statement, a, b)[0][0].as<std::int64_t>();
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
      execPrepared(transaction, kIsRegisteredSql, command.sessionId, delegateId)[0][0].as<bool>();
  facts.insideSession =
      static_cast<int>(execPrepared(transaction, kCountInsideSessionSql, command.sessionId)[0][0].as<std::int64_t>());
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
  return execPrepared(transaction, kInsertCheckInSql, row.id, command.deviceId, row.requestId, row.delegateId,
                      row.sessionId, static_cast<int>(row.direction), static_cast<int>(row.outcome), command.scanTimeUs,
                      now, today, row.scannedCode, row.previousId, row.reentry ? 1 : 0, row.leftSessionId,
                      command.offlineOutcome ? 1 : 0)[0][0]
      .as<std::int64_t>();
}

// Locks the rows `commands` lock one by one as they are decided (gatherFacts), all at once in the
// order every writer takes them: check-ins decided together then never wait on another
// transaction's in a cycle.
void lockInOrder(pqxx::transaction_base& transaction, const std::vector<domain::CheckInCommand>& commands) {
  std::vector<std::int64_t> delegateIds;
  std::vector<std::string> ticketCodes;
  std::vector<std::int64_t> sessionIds;
  for (const domain::CheckInCommand& command : commands) {
    if (const auto* badge = std::get_if<domain::subject::Badge>(&command.subject)) {
      delegateIds.push_back(badge->delegateId);
    } else if (const auto* byName = std::get_if<domain::subject::ByName>(&command.subject)) {
      delegateIds.push_back(byName->delegateId);
    } else if (const auto* ticket = std::get_if<domain::subject::Ticket>(&command.subject)) {
      if (storableText(ticket->code)) ticketCodes.push_back(domain::asciiLower(ticket->code));
    }
    if (command.sessionId != 0 && command.direction == Direction::In) sessionIds.push_back(command.sessionId);
  }
  if (!delegateIds.empty() || !ticketCodes.empty()) {
    execPrepared(transaction, kLockDelegatesInOrderSql, internal::sqlArray(delegateIds),
                 internal::sqlArray(ticketCodes));
  }
  if (!sessionIds.empty()) execPrepared(transaction, kLockSessionsInOrderSql, internal::sqlArray(sessionIds));
}

// Two consecutive unused check-in ids.
std::pair<std::int64_t, std::int64_t> reserveTwoCheckInIds(pqxx::transaction_base& transaction) {
  while (true) {
    const pqxx::result ids = execPrepared(transaction, kReserveTwoCheckInIdsSql);
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
  const pqxx::result rows = execPrepared(transaction, kSelectRequestSql, command.deviceId, command.requestId);
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
    execPrepared(transaction, kInsertConflictSql, result.checkInId, static_cast<int>(*settlement->conflict),
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

std::vector<absl::StatusOr<domain::CheckInResult>> PostgresEventStore::checkInTogether(
    const std::vector<domain::CheckInCommand>& commands) {
  std::vector<absl::StatusOr<domain::CheckInResult>> results;
  if (commands.size() == 1) {
    results.push_back(checkIn(commands.front()));
    return results;
  }
  const absl::Status logged = inTransaction("recording check-ins", [&](pqxx::transaction_base& transaction) {
    results.clear();
    lockInOrder(transaction, commands);
    for (const domain::CheckInCommand& command : commands) {
      domain::CheckInResult result;
      const absl::Status status = logCheckIn(transaction, command, result);
      if (status.ok()) {
        results.emplace_back(std::move(result));
      } else {
        results.emplace_back(status);
      }
    }
    return absl::OkStatus();
  });
  if (logged.ok()) return results;
  // Undone for one of them (a request logged meanwhile at another server) or for all (a lost
  // connection): each again on its own, so that each gets its own answer. A request whose
  // transaction did commit before the connection was lost is answered from the log.
  results.clear();
  for (const domain::CheckInCommand& command : commands) results.push_back(checkIn(command));
  return results;
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
  domain::nameThisThread("lanyard-pg-ckin");
  std::unique_lock lock(m_mutex);
  while (true) {
    m_queued.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
    if (m_queue.empty()) return;  // Stopping, with every queued request answered.
    std::vector<Queued> taken;
    while (!m_queue.empty() && taken.size() < kMaxCheckInsPerTransaction) {
      taken.push_back(std::move(m_queue.front()));
      m_queue.pop_front();
    }
    lock.unlock();
    std::vector<domain::CheckInCommand> commands;
    commands.reserve(taken.size());
    for (Queued& queued : taken) commands.push_back(std::move(queued.command));
    std::vector<absl::StatusOr<domain::CheckInResult>> results = m_store.checkInTogether(commands);
    for (std::size_t i = 0; i < taken.size(); ++i) taken[i].done(std::move(results[i]));
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
        print.id = execPrepared(transaction, kInsertPrintSql, print.delegateId, print.deviceId, print.badgeVersion,
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
    record.id = execPrepared(transaction, kInsertKioskStatusSql, record.deviceId,
                             static_cast<int>(record.printerStatus), record.detail, record.serverTimeUs)[0][0]
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
