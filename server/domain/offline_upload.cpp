#include "domain/offline_upload.h"

#include <cassert>

#include "domain/str_cat.h"

namespace lanyard::server::domain {

std::string_view conflictKindName(ConflictKind kind) {
  switch (kind) {
    case ConflictKind::AdmittedTwice:
      return "ADMITTED_TWICE";
    case ConflictKind::CodeWithdrawn:
      return "CODE_WITHDRAWN";
    case ConflictKind::SessionFull:
      return "SESSION_FULL";
    case ConflictKind::OutsideTimeWindow:
      return "OUTSIDE_TIME_WINDOW";
    case ConflictKind::NotRegistered:
      return "NOT_REGISTERED";
    case ConflictKind::Other:
      return "OTHER";
  }
  return "UNKNOWN";
}

std::string conflictReason(ConflictKind kind, CheckInOutcome kioskOutcome, CheckInOutcome serverOutcome) {
  const std::string_view did = kioskOutcome == CheckInOutcome::CheckedOut ? "Checked out" : "Admitted";
  switch (kind) {
    case ConflictKind::AdmittedTwice:
      return "Admitted twice: already admitted by another scan.";
    case ConflictKind::CodeWithdrawn:
      if (serverOutcome == CheckInOutcome::Cancelled) return "Admitted offline after the registration was cancelled.";
      if (serverOutcome == CheckInOutcome::SupersededCode) {
        return "Admitted offline with a badge replaced by a reissued one.";
      }
      return "Admitted offline with a code the server does not know.";
    case ConflictKind::SessionFull:
      return "Admitted offline to a session that was full.";
    case ConflictKind::OutsideTimeWindow:
      return "Admitted offline outside the session's time window.";
    case ConflictKind::NotRegistered:
      return "Admitted offline to a session the delegate is not registered for.";
    case ConflictKind::Other:
      break;
  }
  return strCat(did, " offline; the server would have answered ", outcomeName(serverOutcome), ".");
}

absl::Status checkOfflineOutcome(CheckInOutcome outcome, Direction direction) {
  const bool out = outcome == CheckInOutcome::CheckedOut || outcome == CheckInOutcome::NotCheckedIn;
  if (out && direction != Direction::Out) {
    return absl::InvalidArgumentError(
        strCat("offline.outcome ", outcomeName(outcome), " needs direction DIRECTION_OUT"));
  }
  if (outcome == CheckInOutcome::Admitted && direction != Direction::In) {
    return absl::InvalidArgumentError("offline.outcome ADMITTED needs direction DIRECTION_IN");
  }
  return absl::OkStatus();
}

namespace {

ConflictKind conflictKindFor(CheckInOutcome serverOutcome) {
  switch (serverOutcome) {
    case CheckInOutcome::AlreadyCheckedIn:
      return ConflictKind::AdmittedTwice;
    case CheckInOutcome::Cancelled:
    case CheckInOutcome::SupersededCode:
    case CheckInOutcome::UnknownCode:
      return ConflictKind::CodeWithdrawn;
    case CheckInOutcome::SessionFull:
      return ConflictKind::SessionFull;
    case CheckInOutcome::OutsideTimeWindow:
      return ConflictKind::OutsideTimeWindow;
    case CheckInOutcome::NotRegistered:
      return ConflictKind::NotRegistered;
    default:
      return ConflictKind::Other;
  }
}

// The kiosk's admission or check-out as the server logs it when it would have decided otherwise:
// the moves that go with it (a re-entry, leaving another room) follow from the facts.
CheckInDecision keptMove(const CheckInCommand& command, const CheckInFacts& facts, CheckInOutcome kioskOutcome,
                         std::int32_t day) {
  CheckInDecision kept;
  kept.outcome = kioskOutcome;
  const bool session = command.sessionId != 0;
  if (kioskOutcome == CheckInOutcome::Admitted) {
    const std::optional<LoggedCheckIn>& latest = facts.latestHere;
    kept.reentry = !session && latest && latest->direction == Direction::Out && latest->eventDay == day;
    kept.leaveSessionId = session ? facts.currentOtherSession : 0;
  } else {
    kept.leaveSessionId = session ? 0 : facts.currentOtherSession;
  }
  return kept;
}

}  // namespace

OfflineSettlement settleOfflineUpload(const CheckInCommand& command, const CheckInFacts& facts,
                                      const CheckInPolicy& policy, TimeUs decisionTimeUs, std::int32_t day) {
  assert(command.offlineOutcome.has_value());
  const CheckInOutcome kiosk = *command.offlineOutcome;
  const CheckInDecision server = decideCheckIn(command, facts, policy, decisionTimeUs, day);
  OfflineSettlement settlement{server, server.outcome, std::nullopt, std::nullopt};
  if (!movesPeople(kiosk)) {
    // The person was sent to the help desk: the kiosk's answer is what happened.
    settlement.logged = CheckInDecision{kiosk, server.outcome == kiosk ? server.previous : std::nullopt, false, 0};
    return settlement;
  }
  if (server.outcome == kiosk) return settlement;
  settlement.conflict = conflictKindFor(server.outcome);
  if (server.outcome == CheckInOutcome::AlreadyCheckedIn) settlement.earlier = server.previous;
  if (facts.delegate) settlement.logged = keptMove(command, facts, kiosk, day);
  return settlement;
}

}  // namespace lanyard::server::domain
