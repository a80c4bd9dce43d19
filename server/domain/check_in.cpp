#include "domain/check_in.h"

#include <cctype>

#include "domain/event_time.h"
#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::domain {

std::string_view outcomeName(CheckInOutcome outcome) {
  switch (outcome) {
    case CheckInOutcome::Admitted:
      return "ADMITTED";
    case CheckInOutcome::AlreadyCheckedIn:
      return "ALREADY_CHECKED_IN";
    case CheckInOutcome::Cancelled:
      return "CANCELLED";
    case CheckInOutcome::NotRegistered:
      return "NOT_REGISTERED";
    case CheckInOutcome::SessionFull:
      return "SESSION_FULL";
    case CheckInOutcome::OutsideTimeWindow:
      return "OUTSIDE_TIME_WINDOW";
    case CheckInOutcome::UnknownCode:
      return "UNKNOWN_CODE";
    case CheckInOutcome::ForgedCode:
      return "FORGED_CODE";
    case CheckInOutcome::SupersededCode:
      return "SUPERSEDED_CODE";
    case CheckInOutcome::CheckedOut:
      return "CHECKED_OUT";
    case CheckInOutcome::NotCheckedIn:
      return "NOT_CHECKED_IN";
    case CheckInOutcome::WrongProof:
      return "WRONG_PROOF";
    case CheckInOutcome::ProofThrottled:
      return "PROOF_THROTTLED";
    case CheckInOutcome::NameCheckInDisabled:
      return "NAME_CHECK_IN_DISABLED";
  }
  return "UNKNOWN";
}

bool movesPeople(CheckInOutcome outcome) {
  return outcome == CheckInOutcome::Admitted || outcome == CheckInOutcome::CheckedOut;
}

bool refusesTheCode(CheckInOutcome outcome) {
  return outcome == CheckInOutcome::UnknownCode || outcome == CheckInOutcome::ForgedCode ||
         outcome == CheckInOutcome::SupersededCode || outcome == CheckInOutcome::Cancelled;
}

absl::StatusOr<Subject> classifyScan(std::string_view scanned, const BadgeSigner& signer) {
  absl::StatusOr<BadgeCodeCheck> check = checkBadgeCode(scanned, signer);
  if (!check.ok()) return check.status();
  switch (check->status) {
    case BadgeCodeStatus::Valid:
      return Subject{subject::Badge{check->claims.delegateId, check->claims.badgeVersion}};
    case BadgeCodeStatus::Forged:
      return Subject{subject::Forged{std::string(scanned)}};
    case BadgeCodeStatus::NotABadgeCode:
      break;
  }
  // Without the white space a scanner adds; storage matches ticket codes ignoring ASCII case.
  return Subject{subject::Ticket{std::string(trimAscii(scanned))}};
}

namespace {

std::string normaliseProof(std::string_view text, std::size_t limit) {
  std::string out;
  for (char c : text) {
    if (out.size() == limit) break;
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace

std::string expectedProof(const NameCheckInProof& rule, std::string_view email) {
  return normaliseProof(email, static_cast<std::size_t>(rule.emailPrefixLength));
}

std::string typedProof(const NameCheckInProof& rule, std::string_view proof) {
  return normaliseProof(proof, static_cast<std::size_t>(rule.emailPrefixLength) + 1);
}

bool proofMatches(const NameCheckInProof& rule, std::string_view email, std::string_view proof) {
  if (!rule.enabled || email.empty()) return false;
  // The proof must be exactly the prefix: typing the whole address is not accepted as "first letters".
  return constantTimeEquals(expectedProof(rule, email), typedProof(rule, proof));
}

namespace {

CheckInDecision decideEntrance(const CheckInCommand& command, const CheckInFacts& facts, std::int32_t today) {
  const std::optional<LoggedCheckIn>& latest = facts.latestHere;
  const bool insideToday = latest && latest->direction == Direction::In && latest->eventDay == today;
  if (command.direction == Direction::Out) {
    if (!insideToday) return {CheckInOutcome::NotCheckedIn, std::nullopt, false, 0};
    return {CheckInOutcome::CheckedOut, std::nullopt, false, facts.currentOtherSession};
  }
  if (insideToday) return {CheckInOutcome::AlreadyCheckedIn, latest, false, 0};
  const bool leftToday = latest && latest->direction == Direction::Out && latest->eventDay == today;
  return {CheckInOutcome::Admitted, std::nullopt, leftToday, 0};
}

CheckInDecision decideSession(const CheckInCommand& command, const CheckInFacts& facts, const CheckInPolicy& policy,
                              TimeUs nowUs) {
  const Session& session = *facts.session;
  const std::optional<LoggedCheckIn>& latest = facts.latestHere;
  const bool inside = latest && latest->direction == Direction::In;
  if (command.direction == Direction::Out) {
    return {inside ? CheckInOutcome::CheckedOut : CheckInOutcome::NotCheckedIn, std::nullopt, false, 0};
  }
  if (inside) return {CheckInOutcome::AlreadyCheckedIn, latest, false, 0};
  if (nowUs < session.startUs - policy.sessionGraceUs || nowUs > session.endUs + policy.sessionGraceUs) {
    return {CheckInOutcome::OutsideTimeWindow, std::nullopt, false, 0};
  }
  if (session.registrationRequired && !facts.registeredForSession) {
    return {CheckInOutcome::NotRegistered, std::nullopt, false, 0};
  }
  if (session.capacity > 0 && facts.insideSession >= session.capacity) {
    return {CheckInOutcome::SessionFull, std::nullopt, false, 0};
  }
  return {CheckInOutcome::Admitted, std::nullopt, false, facts.currentOtherSession};
}

}  // namespace

CheckInDecision decideCheckIn(const CheckInCommand& command, const CheckInFacts& facts, const CheckInPolicy& policy,
                              TimeUs nowUs, std::int32_t today) {
  if (facts.codeProblem) return {*facts.codeProblem, std::nullopt, false, 0};
  if (!facts.delegate) return {CheckInOutcome::UnknownCode, std::nullopt, false, 0};

  if (const auto* byName = std::get_if<subject::ByName>(&command.subject); byName && byName->proofRequired) {
    if (!policy.nameProof.enabled) return {CheckInOutcome::NameCheckInDisabled, std::nullopt, false, 0};
    if (facts.recentWrongProofsForDelegate >= policy.maxWrongProofsPerDelegate ||
        facts.recentWrongProofsFromDevice >= policy.maxWrongProofsPerDevice) {
      return {CheckInOutcome::ProofThrottled, std::nullopt, false, 0};
    }
    if (!proofMatches(policy.nameProof, facts.delegate->email, byName->proof)) {
      return {CheckInOutcome::WrongProof, std::nullopt, false, 0};
    }
  }
  // Leaving is always allowed; entering needs an active registration.
  if (command.direction == Direction::In && facts.delegate->status == RegistrationStatus::Cancelled) {
    return {CheckInOutcome::Cancelled, std::nullopt, false, 0};
  }
  return facts.session ? decideSession(command, facts, policy, nowUs) : decideEntrance(command, facts, today);
}

std::string reasonFor(CheckInOutcome outcome, const CheckInDecision& decision, std::string_view eventTimeZone) {
  switch (outcome) {
    case CheckInOutcome::Admitted:
      return decision.reentry ? "Welcome back." : "Welcome. You are checked in.";
    case CheckInOutcome::AlreadyCheckedIn:
      if (decision.previous) {
        return strCat("Already checked in at ", formatLocal(decision.previous->serverTimeUs, eventTimeZone), " by ",
                      decision.previous->deviceName, ". A second badge needs the help desk.");
      }
      return "Already checked in. A second badge needs the help desk.";
    case CheckInOutcome::Cancelled:
      return "This registration has been cancelled. Please see the help desk.";
    case CheckInOutcome::NotRegistered:
      return "You are not registered for this session. Please ask the staff at the door.";
    case CheckInOutcome::SessionFull:
      return "This session is full.";
    case CheckInOutcome::OutsideTimeWindow:
      return "This session is not open for entry now.";
    case CheckInOutcome::UnknownCode:
      return "This code is not known. Please see the help desk.";
    case CheckInOutcome::ForgedCode:
      return "This code is not valid. Please see the help desk.";
    case CheckInOutcome::SupersededCode:
      return "This badge has been replaced by a newer one. Please use the new badge or see the help desk.";
    case CheckInOutcome::CheckedOut:
      return "Goodbye. You are checked out.";
    case CheckInOutcome::NotCheckedIn:
      return "You were not checked in here.";
    case CheckInOutcome::WrongProof:
      return "That does not match our records. Please try again or see the help desk.";
    case CheckInOutcome::ProofThrottled:
      return "Too many attempts. Please see the help desk.";
    case CheckInOutcome::NameCheckInDisabled:
      return "Check-in by name is not available here. Please scan your code or see the help desk.";
  }
  return "Please see the help desk.";
}

}  // namespace lanyard::server::domain
