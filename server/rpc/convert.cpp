#include "rpc/convert.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>

#include "domain/str_cat.h"

namespace lanyard::server::rpc {

grpc::Status toGrpc(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // absl::StatusCode and grpc::StatusCode share the canonical numbering.
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

v1::Role toProto(domain::Role role) {
  switch (role) {
    case domain::Role::Kiosk:
      return v1::ROLE_KIOSK;
    case domain::Role::Organiser:
      return v1::ROLE_ORGANISER;
    case domain::Role::Admin:
      return v1::ROLE_ADMIN;
    case domain::Role::Desk:
      return v1::ROLE_DESK;
  }
  return v1::ROLE_UNSPECIFIED;
}

bool fromProto(v1::Role role, domain::Role& out) {
  switch (role) {
    case v1::ROLE_KIOSK:
      out = domain::Role::Kiosk;
      return true;
    case v1::ROLE_ORGANISER:
      out = domain::Role::Organiser;
      return true;
    case v1::ROLE_ADMIN:
      out = domain::Role::Admin;
      return true;
    case v1::ROLE_DESK:
      out = domain::Role::Desk;
      return true;
    default:
      return false;
  }
}

domain::Direction fromProto(v1::Direction direction) {
  return direction == v1::DIRECTION_OUT ? domain::Direction::Out : domain::Direction::In;
}

v1::Direction toProto(domain::Direction direction) {
  return direction == domain::Direction::Out ? v1::DIRECTION_OUT : v1::DIRECTION_IN;
}

v1::CheckInOutcome toProto(domain::CheckInOutcome outcome) {
  switch (outcome) {
    case domain::CheckInOutcome::Admitted:
      return v1::CHECK_IN_OUTCOME_ADMITTED;
    case domain::CheckInOutcome::AlreadyCheckedIn:
      return v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN;
    case domain::CheckInOutcome::Cancelled:
      return v1::CHECK_IN_OUTCOME_CANCELLED;
    case domain::CheckInOutcome::NotRegistered:
      return v1::CHECK_IN_OUTCOME_NOT_REGISTERED;
    case domain::CheckInOutcome::SessionFull:
      return v1::CHECK_IN_OUTCOME_SESSION_FULL;
    case domain::CheckInOutcome::OutsideTimeWindow:
      return v1::CHECK_IN_OUTCOME_OUTSIDE_TIME_WINDOW;
    case domain::CheckInOutcome::UnknownCode:
      return v1::CHECK_IN_OUTCOME_UNKNOWN_CODE;
    case domain::CheckInOutcome::ForgedCode:
      return v1::CHECK_IN_OUTCOME_FORGED_CODE;
    case domain::CheckInOutcome::SupersededCode:
      return v1::CHECK_IN_OUTCOME_SUPERSEDED_CODE;
    case domain::CheckInOutcome::CheckedOut:
      return v1::CHECK_IN_OUTCOME_CHECKED_OUT;
    case domain::CheckInOutcome::NotCheckedIn:
      return v1::CHECK_IN_OUTCOME_NOT_CHECKED_IN;
    case domain::CheckInOutcome::WrongProof:
      return v1::CHECK_IN_OUTCOME_WRONG_PROOF;
    case domain::CheckInOutcome::ProofThrottled:
      return v1::CHECK_IN_OUTCOME_PROOF_THROTTLED;
    case domain::CheckInOutcome::NameCheckInDisabled:
      return v1::CHECK_IN_OUTCOME_NAME_CHECK_IN_DISABLED;
  }
  return v1::CHECK_IN_OUTCOME_UNSPECIFIED;
}

std::optional<domain::CheckInOutcome> fromProto(v1::CheckInOutcome outcome) {
  for (int value = static_cast<int>(domain::CheckInOutcome::Admitted);
       value <= static_cast<int>(domain::CheckInOutcome::NameCheckInDisabled); ++value) {
    const auto candidate = static_cast<domain::CheckInOutcome>(value);
    if (toProto(candidate) == outcome) return candidate;
  }
  return std::nullopt;
}

v1::ConflictKind toProto(domain::ConflictKind kind) {
  switch (kind) {
    case domain::ConflictKind::AdmittedTwice:
      return v1::CONFLICT_KIND_ADMITTED_TWICE;
    case domain::ConflictKind::CodeWithdrawn:
      return v1::CONFLICT_KIND_CODE_WITHDRAWN;
    case domain::ConflictKind::SessionFull:
      return v1::CONFLICT_KIND_SESSION_FULL;
    case domain::ConflictKind::OutsideTimeWindow:
      return v1::CONFLICT_KIND_OUTSIDE_TIME_WINDOW;
    case domain::ConflictKind::NotRegistered:
      return v1::CONFLICT_KIND_NOT_REGISTERED;
    case domain::ConflictKind::Other:
      return v1::CONFLICT_KIND_OTHER;
  }
  return v1::CONFLICT_KIND_UNSPECIFIED;
}

v1::PrinterStatus toProto(domain::PrinterStatus status) {
  switch (status) {
    case domain::PrinterStatus::Unknown:
      return v1::PRINTER_STATUS_UNSPECIFIED;
    case domain::PrinterStatus::Ok:
      return v1::PRINTER_STATUS_OK;
    case domain::PrinterStatus::PaperOut:
      return v1::PRINTER_STATUS_PAPER_OUT;
    case domain::PrinterStatus::Offline:
      return v1::PRINTER_STATUS_OFFLINE;
    case domain::PrinterStatus::Error:
      return v1::PRINTER_STATUS_ERROR;
  }
  return v1::PRINTER_STATUS_UNSPECIFIED;
}

domain::PrinterStatus fromProto(v1::PrinterStatus status) {
  switch (status) {
    case v1::PRINTER_STATUS_OK:
      return domain::PrinterStatus::Ok;
    case v1::PRINTER_STATUS_PAPER_OUT:
      return domain::PrinterStatus::PaperOut;
    case v1::PRINTER_STATUS_OFFLINE:
      return domain::PrinterStatus::Offline;
    case v1::PRINTER_STATUS_ERROR:
      return domain::PrinterStatus::Error;
    default:
      return domain::PrinterStatus::Unknown;
  }
}

v1::ActivityKind toProto(domain::ActivityKind kind) {
  switch (kind) {
    case domain::ActivityKind::CheckIn:
      return v1::ACTIVITY_KIND_CHECK_IN;
    case domain::ActivityKind::BadgePrint:
      return v1::ACTIVITY_KIND_BADGE_PRINT;
    case domain::ActivityKind::DelegateAdded:
      return v1::ACTIVITY_KIND_DELEGATE_ADDED;
    case domain::ActivityKind::DelegateUpdated:
      return v1::ACTIVITY_KIND_DELEGATE_UPDATED;
    case domain::ActivityKind::DelegateCancelled:
      return v1::ACTIVITY_KIND_DELEGATE_CANCELLED;
    case domain::ActivityKind::BadgeReissued:
      return v1::ACTIVITY_KIND_BADGE_REISSUED;
    case domain::ActivityKind::DelegatesImported:
      return v1::ACTIVITY_KIND_DELEGATES_IMPORTED;
    case domain::ActivityKind::SessionsImported:
      return v1::ACTIVITY_KIND_SESSIONS_IMPORTED;
    case domain::ActivityKind::KioskStatus:
      return v1::ACTIVITY_KIND_KIOSK_STATUS;
  }
  return v1::ACTIVITY_KIND_UNSPECIFIED;
}

v1::Delegate toProto(const domain::Delegate& d, const std::string& badgeCode) {
  v1::Delegate out;
  out.set_id(d.id);
  out.set_given_name(d.givenName);
  out.set_family_name(d.familyName);
  out.set_latin_name(d.latinName);
  out.set_organisation(d.organisation);
  out.set_city(d.city);
  out.set_country(d.country);
  out.set_category(d.category);
  out.set_email(d.email);
  out.set_language(d.language);
  out.set_notes(d.notes);
  out.set_status(d.status == domain::RegistrationStatus::Cancelled ? v1::REGISTRATION_STATUS_CANCELLED
                                                                   : v1::REGISTRATION_STATUS_ACTIVE);
  out.set_external_ref(d.externalRef);
  out.set_external_ticket_code(d.externalTicketCode);
  out.set_badge_version(d.badgeVersion);
  out.set_badge_code(badgeCode);
  out.set_version(d.version);
  return out;
}

namespace {

// The first user-perceived letter of `name` (a whole code point; combining marks are rare in
// family names and would only be dropped from the initial), followed by a full stop: "B.".
// Empty for an empty name; U+FFFD for a name that does not begin with valid UTF-8.
std::string initialOf(std::string_view name) {
  if (name.empty()) return {};
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(name.data());
  std::int32_t length = 0;
  UChar32 first = 0;
  U8_NEXT(bytes, length, static_cast<std::int32_t>(std::min<std::size_t>(name.size(), 4)), first);
  if (first < 0) return "\uFFFD.";
  return strCat(name.substr(0, static_cast<std::size_t>(length)), ".");
}

}  // namespace

v1::DelegateSummary toSummary(const domain::Delegate& d) { return toSummary(domain::summaryOf(d)); }

v1::DelegateSummary toSummary(domain::DelegateSummary d) {
  v1::DelegateSummary out;
  toSummary(std::move(d), &out);
  return out;
}

void toSummary(domain::DelegateSummary d, v1::DelegateSummary* out) {
  out->set_id(d.id);
  std::string initial = initialOf(d.familyName);
  if (initial.empty()) {
    out->set_display_name(d.givenName);
  } else {
    out->set_display_name(d.givenName.empty() ? initial : strCat(d.givenName, " ", initial));
    out->set_family_initial(std::move(initial));
  }
  out->set_given_name(std::move(d.givenName));
  if (d.city.empty()) {
    out->set_affiliation(d.organisation);
  } else {
    out->set_affiliation(std::move(d.city));
  }
  out->set_organisation(std::move(d.organisation));
  out->set_category(std::move(d.category));
  out->set_language(std::move(d.language));
}

domain::Delegate fromProto(const v1::Delegate& in) {
  domain::Delegate d;
  d.id = in.id();
  d.givenName = in.given_name();
  d.familyName = in.family_name();
  d.latinName = in.latin_name();
  d.organisation = in.organisation();
  d.city = in.city();
  d.country = in.country();
  d.category = in.category();
  d.email = in.email();
  d.language = in.language();
  d.notes = in.notes();
  d.externalRef = in.external_ref();
  d.externalTicketCode = in.external_ticket_code();
  return d;
}

v1::Session toProto(const domain::SessionOccupancy& occupancy) {
  const domain::Session& s = occupancy.session;
  v1::Session out;
  out.set_id(s.id);
  out.set_external_ref(s.externalRef);
  out.set_title(s.title);
  out.set_room(s.room);
  out.set_start_time_us(s.startUs);
  out.set_end_time_us(s.endUs);
  out.set_capacity(s.capacity);
  out.set_registration_required(s.registrationRequired);
  out.set_inside_now(occupancy.insideNow);
  out.set_registered(occupancy.registered);
  return out;
}

v1::Device toProto(const domain::Device& device) {
  v1::Device out;
  out.set_id(device.id);
  out.set_name(device.name);
  out.set_role(toProto(device.role));
  out.set_created_time_us(device.createdUs);
  out.set_revoked_time_us(device.revokedUs);
  out.set_last_seen_time_us(device.lastSeenUs);
  return out;
}

v1::CheckInRecord toProto(const domain::CheckInRecord& record) {
  v1::CheckInRecord out;
  out.set_id(record.id);
  out.set_server_time_us(record.serverTimeUs);
  out.set_scan_time_us(record.scanTimeUs);
  out.set_session_id(record.sessionId);
  out.set_direction(toProto(record.direction));
  // The deprecated string, for clients older than outcome_code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  out.set_outcome(std::string(domain::outcomeName(record.outcome)));
#pragma GCC diagnostic pop
  out.set_outcome_code(toProto(record.outcome));
  out.set_device_name(record.deviceName);
  return out;
}

v1::BadgePrintRecord toProto(const domain::BadgePrintRecord& print) {
  v1::BadgePrintRecord out;
  out.set_id(print.id);
  out.set_server_time_us(print.serverTimeUs);
  out.set_success(print.success);
  out.set_error(print.error);
  out.set_device_name(print.deviceName);
  out.set_badge_version(print.badgeVersion);
  return out;
}

}  // namespace lanyard::server::rpc
