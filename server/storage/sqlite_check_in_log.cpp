// SqliteEventStore's CheckInLog: check-ins decided by domain::decideCheckIn from facts read in the
// writer's transaction and logged in it, badge prints, kiosk heartbeats and each delegate's
// history; and SessionStore::listSessions, whose occupancy is counted from this log.

#include <algorithm>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "domain/badge_print.h"
#include "domain/event_time.h"
#include "domain/offline_upload.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "storage/sqlite_event_store.h"
#include "storage/sqlite_event_store_internal.h"

namespace lanyard::server::storage {

using domain::CheckInOutcome;
using domain::Delegate;
using domain::Direction;
using domain::Session;
using domain::TimeUs;
using internal::badgePrinted;
using internal::bindPage;
using internal::loadDelegate;
using internal::loadDelegateById;
using internal::loadLoggedCheckIn;
using internal::queryInt;
using internal::queryOne;
using internal::sessionInside;

namespace {

// Scanned text kept in the log for unknown and forged codes.
constexpr std::size_t kMaxLoggedCode = 256;

constexpr char kSelectSessionSql[] =
    "SELECT id, external_ref, title, room, start_us, end_us, capacity, registration_required FROM session "
    "WHERE id = ?";
constexpr char kIsRegisteredSql[] =
    "SELECT EXISTS (SELECT 1 FROM registration WHERE session_id = ? AND delegate_id = ?)";
constexpr char kSelectRequestSql[] =
    "SELECT id, delegate_id, outcome, server_time_us, previous_id, reentry, left_session_id FROM check_in "
    "WHERE device_id = ? AND request_id = ?";
// When a check-in happened: the server's time, or for an offline upload the time of its scan.
constexpr char kSelectCheckInSql[] =
    "SELECT c.id, CASE c.offline WHEN 1 THEN MIN(c.scan_time_us, c.server_time_us) ELSE c.server_time_us END, d.name, "
    "c.session_id, c.direction, c.event_day FROM check_in c "
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
// Wrong proofs typed recently: those uploaded from an offline kiosk were typed long before the
// server logged them, and the kiosk throttled them itself.
constexpr char kCountWrongProofsForDelegateSql[] =
    "SELECT COUNT(*) FROM check_in WHERE delegate_id = ? AND server_time_us > ? AND outcome = 12 AND offline = 0";
constexpr char kCountWrongProofsFromDeviceSql[] =
    "SELECT COUNT(*) FROM check_in WHERE device_id = ? AND server_time_us > ? AND outcome = 12 AND offline = 0";
constexpr char kInsertCheckInSql[] =
    "INSERT INTO check_in (device_id, request_id, delegate_id, session_id, direction, outcome, scan_time_us, "
    "server_time_us, event_day, scanned_code, previous_id, reentry, left_session_id, offline) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kInsertConflictSql[] =
    "INSERT INTO conflict (check_in_id, kind, kiosk_outcome, server_outcome, earlier_check_in_id) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr char kSelectCheckInsSql[] =
    "SELECT c.id, c.server_time_us, c.scan_time_us, c.session_id, c.direction, c.outcome, d.name "
    "FROM check_in c JOIN device d ON d.id = c.device_id WHERE c.delegate_id = ? AND c.id > ? ORDER BY c.id LIMIT ?";

// What domain::badgePrinted reads of a delegate's prints: one seek in badge_print_delegate.
constexpr char kSelectPrintFactsSql[] =
    "SELECT badge_version, success FROM badge_print WHERE delegate_id = ? ORDER BY id";
constexpr char kInsertPrintSql[] =
    "INSERT INTO badge_print (delegate_id, device_id, badge_version, success, error, printer, client_time_us, "
    "server_time_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectPrintsSql[] =
    "SELECT p.id, p.device_id, d.name, p.badge_version, p.success, p.error, p.printer, p.client_time_us, "
    "p.server_time_us FROM badge_print p JOIN device d ON d.id = p.device_id WHERE p.delegate_id = ? AND p.id > ? "
    "ORDER BY p.id LIMIT ?";

constexpr char kInsertKioskStatusSql[] =
    "INSERT INTO kiosk_status (device_id, printer_status, detail, server_time_us) VALUES (?, ?, ?, ?)";

}  // namespace

absl::StatusOr<domain::LoggedCheckIn> internal::loadLoggedCheckIn(Database& db, std::int64_t id) {
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

// Whether `d`'s badge is printed: the store reads their prints (a few at most) and the domain
// decides, so that the rule is written once (domain/badge_print.h), not again in SQL.
absl::StatusOr<bool> internal::badgePrinted(Database& db, const Delegate& d) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectPrintFactsSql));
  select->bind(1, d.id);
  std::vector<domain::BadgePrintRecord> prints;
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(const bool row, select->step());
    if (!row) break;
    domain::BadgePrintRecord& print = prints.emplace_back();
    print.badgeVersion = static_cast<std::int32_t>(select->columnInt(0));
    print.success = select->columnInt(1) != 0;
  }
  return domain::badgePrinted(d.badgeVersion, prints);
}

namespace {

void bindSession(Statement& statement, int index, std::int64_t sessionId) {
  if (sessionId == 0) {
    statement.bind(index, std::nullopt);
  } else {
    statement.bind(index, sessionId);
  }
}

}  // namespace

absl::StatusOr<std::int64_t> internal::sessionInside(Database& db, std::int64_t delegateId,
                                                     std::int64_t exceptSessionId) {
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

absl::StatusOr<std::optional<domain::LoggedCheckIn>> internal::latestMove(Database& db, std::int64_t delegateId,
                                                                          std::int64_t sessionId) {
  LANYARD_ASSIGN_OR_RETURN(std::int64_t latestId, queryInt(db, kSelectLatestMoveSql, [&](Statement& s) {
                             s.bind(1, delegateId);
                             bindSession(s, 2, sessionId);
                           }));
  if (latestId == 0) return std::optional<domain::LoggedCheckIn>();
  return loadLoggedCheckIn(db, latestId);
}

namespace {

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
    absl::StatusOr<Delegate> d = loadDelegate(db, internal::kSelectDelegateByTicketSql, ticket->code, "ticket code");
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

  LANYARD_ASSIGN_OR_RETURN(facts.latestHere, internal::latestMove(db, delegateId, command.sessionId));
  if (command.sessionId == 0) {
    // Leaving the venue leaves the room too, so that its seat is free again.
    if (command.direction == Direction::Out) {
      LANYARD_ASSIGN_OR_RETURN(facts.currentOtherSession, sessionInside(db, delegateId, 0));
    }
    return facts;
  }

  LANYARD_ASSIGN_OR_RETURN(ScopedStatement selectSession, db.cached(kSelectSessionSql));
  selectSession->bind(1, command.sessionId);
  LANYARD_ASSIGN_OR_RETURN(
      facts.session, queryOne<Session>(*selectSession, strCat("session ", command.sessionId), internal::readSession));
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
  insert->bind(14, std::int64_t{command.offlineOutcome ? 1 : 0});
  LANYARD_RETURN_IF_ERROR(insert->run());
  return db.lastInsertId();
}

absl::Status appendConflict(Database& db, std::int64_t checkInId, const domain::CheckInCommand& command,
                            const domain::OfflineSettlement& settlement) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertConflictSql));
  insert->bind(1, checkInId)
      .bind(2, std::int64_t{static_cast<int>(*settlement.conflict)})
      .bind(3, std::int64_t{static_cast<int>(*command.offlineOutcome)})
      .bind(4, std::int64_t{static_cast<int>(settlement.serverOutcome)});
  if (settlement.earlier) {
    insert->bind(5, settlement.earlier->id);
  } else {
    insert->bind(5, std::nullopt);
  }
  return insert->run();
}

std::string_view scannedText(const domain::Subject& subject) {
  if (const auto* ticket = std::get_if<domain::subject::Ticket>(&subject)) return ticket->code;
  if (const auto* forged = std::get_if<domain::subject::Forged>(&subject)) return forged->code;
  return {};
}

}  // namespace

Session internal::readSession(const Statement& row) {
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

absl::StatusOr<std::vector<domain::SessionOccupancy>> SqliteEventStore::listSessions() {
  std::vector<domain::SessionOccupancy> sessions;
  LANYARD_RETURN_IF_ERROR(read([&](Database& db) -> absl::Status {
    {
      LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(internal::kSelectSessionsSql));
      while (true) {
        LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
        if (!row) break;
        sessions.push_back({internal::readSession(*select), 0, static_cast<int>(select->columnInt(8))});
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
  // An offline upload is decided at the time of its scan (time windows, the event day), never
  // later than now.
  const TimeUs decidedAt = command.offlineOutcome ? std::min(command.scanTimeUs, now) : now;
  const std::int32_t today = domain::localDayNumber(decidedAt, m_event.timeZone);
  LANYARD_ASSIGN_OR_RETURN(domain::CheckInFacts facts, gatherFacts(db, command, m_policy, now));
  std::optional<domain::OfflineSettlement> settlement;
  if (command.offlineOutcome) {
    settlement = domain::settleOfflineUpload(command, facts, m_policy, decidedAt, today);
    result.decision = settlement->logged;
  } else {
    result.decision = domain::decideCheckIn(command, facts, m_policy, now, today);
  }
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
  if (settlement && settlement->conflict) {
    LANYARD_RETURN_IF_ERROR(appendConflict(db, result.checkInId, command, *settlement));
  }
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

}  // namespace lanyard::server::storage
