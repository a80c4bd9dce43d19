#include "proto_convert.h"

namespace lanyard::client {

CheckInOutcome toOutcome(lanyard::v1::CheckInOutcome outcome) {
  switch (outcome) {
    case lanyard::v1::CHECK_IN_OUTCOME_ADMITTED:
      return CheckInOutcome::Admitted;
    case lanyard::v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN:
      return CheckInOutcome::AlreadyCheckedIn;
    case lanyard::v1::CHECK_IN_OUTCOME_CANCELLED:
      return CheckInOutcome::Cancelled;
    case lanyard::v1::CHECK_IN_OUTCOME_NOT_REGISTERED:
      return CheckInOutcome::NotRegistered;
    case lanyard::v1::CHECK_IN_OUTCOME_SESSION_FULL:
      return CheckInOutcome::SessionFull;
    case lanyard::v1::CHECK_IN_OUTCOME_OUTSIDE_TIME_WINDOW:
      return CheckInOutcome::OutsideTimeWindow;
    case lanyard::v1::CHECK_IN_OUTCOME_UNKNOWN_CODE:
      return CheckInOutcome::UnknownCode;
    case lanyard::v1::CHECK_IN_OUTCOME_FORGED_CODE:
      return CheckInOutcome::ForgedCode;
    case lanyard::v1::CHECK_IN_OUTCOME_SUPERSEDED_CODE:
      return CheckInOutcome::SupersededCode;
    case lanyard::v1::CHECK_IN_OUTCOME_CHECKED_OUT:
      return CheckInOutcome::CheckedOut;
    case lanyard::v1::CHECK_IN_OUTCOME_NOT_CHECKED_IN:
      return CheckInOutcome::NotCheckedIn;
    case lanyard::v1::CHECK_IN_OUTCOME_WRONG_PROOF:
      return CheckInOutcome::WrongProof;
    case lanyard::v1::CHECK_IN_OUTCOME_PROOF_THROTTLED:
      return CheckInOutcome::ProofThrottled;
    case lanyard::v1::CHECK_IN_OUTCOME_NAME_CHECK_IN_DISABLED:
      return CheckInOutcome::NameCheckInDisabled;
    default:
      return CheckInOutcome::Other;
  }
}

lanyard::v1::CheckInOutcome toProtoOutcome(CheckInOutcome outcome) {
  for (int value = lanyard::v1::CheckInOutcome_MIN; value <= lanyard::v1::CheckInOutcome_MAX; ++value) {
    const auto candidate = static_cast<lanyard::v1::CheckInOutcome>(value);
    if (lanyard::v1::CheckInOutcome_IsValid(value) && candidate != lanyard::v1::CHECK_IN_OUTCOME_UNSPECIFIED &&
        toOutcome(candidate) == outcome) {
      return candidate;
    }
  }
  return lanyard::v1::CHECK_IN_OUTCOME_UNSPECIFIED;
}

EventInfo toEvent(const lanyard::v1::GetEventResponse& in) {
  EventInfo out;
  out.name = fromStd(in.name());
  out.timeZone = fromStd(in.time_zone());
  out.endDate = fromStd(in.end_date());
  out.defaultLanguage = fromStd(in.default_language());
  out.badgePublicKey = QByteArray::fromStdString(in.badge_public_key());
  out.deviceName = fromStd(in.device_name());
  out.deviceMayRunKiosk = in.device_role() == lanyard::v1::ROLE_KIOSK || in.device_role() == lanyard::v1::ROLE_ADMIN;
  // "email_prefix:N", or "off".
  const QString proof = fromStd(in.name_check_in_proof());
  static const QString kPrefix = QStringLiteral("email_prefix:");
  if (proof.startsWith(kPrefix)) out.nameProofLength = qMax(0, proof.mid(kPrefix.size()).toInt());
  out.staffMode = in.staff_mode();
  out.sessionGraceMinutes = in.session_grace_minutes();
  out.shortestCodeLength = in.shortest_code_length();
  for (const lanyard::v1::Category& category : in.categories()) {
    out.categories.append({fromStd(category.name()), fromStd(category.label()), fromStd(category.colour())});
  }
  return out;
}

DelegateSummary toSummary(const lanyard::v1::DelegateSummary& in) {
  DelegateSummary out;
  out.id = in.id();
  out.givenName = fromStd(in.given_name());
  out.familyInitial = fromStd(in.family_initial());
  out.displayName = fromStd(in.display_name());
  out.affiliation = fromStd(in.affiliation());
  out.organisation = fromStd(in.organisation());
  out.category = fromStd(in.category());
  out.language = fromStd(in.language());
  return out;
}

BadgeContent toBadge(const lanyard::v1::BadgeContent& in) {
  return BadgeContent{fromStd(in.given_name()), fromStd(in.family_name()), fromStd(in.affiliation()),
                      fromStd(in.badge_code()), fromStd(in.latin_name())};
}

}  // namespace lanyard::client
