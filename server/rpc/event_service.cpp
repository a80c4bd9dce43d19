#include "rpc/event_service.h"

#include <algorithm>

#include "domain/staff_pin.h"
#include "domain/text.h"

namespace lanyard::server::rpc {

grpc::Status EventServiceImpl::GetEvent(grpc::ServerContext* context, const v1::GetEventRequest*,
                                        v1::GetEventResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kAnyRole), toGrpc);
  const domain::Event& event = m_context.store.event();
  response->set_name(event.name);
  response->set_venue(event.venue);
  response->set_time_zone(event.timeZone);
  response->set_start_date(event.startDate);
  response->set_end_date(event.endDate);
  const domain::Ed25519PublicKey& key = m_context.signer.publicKey();
  response->set_badge_public_key(std::string(key.begin(), key.end()));
  for (const domain::Category& category : event.categories) {
    v1::Category* out = response->add_categories();
    out->set_name(category.name);
    out->set_label(category.label);
    out->set_colour(category.colour);
  }
  response->set_default_language(event.defaultLanguage);
  response->set_name_check_in_proof(event.nameCheckInProof.toString());
  response->set_device_name(caller.name);
  response->set_device_role(toProto(caller.role));
  response->set_server_time_us(domain::systemClock()());
  response->set_staff_mode(!m_context.store.staffPinHash().empty());
  response->set_session_grace_minutes(static_cast<std::int32_t>(m_context.store.event().sessionGraceMinutes));
  LANYARD_ASSIGN_OR_RETURN(const int shortestTicketCode, m_context.store.shortestTicketCodeLength(), toGrpc);
  const auto badgeCodeLength = static_cast<int>(domain::kBadgeCodeLength);
  response->set_shortest_code_length(shortestTicketCode > 0 ? std::min(shortestTicketCode, badgeCodeLength)
                                                            : badgeCodeLength);
  return grpc::Status::OK;
}

grpc::Status EventServiceImpl::SetStaffPin(grpc::ServerContext* context, const v1::SetStaffPinRequest* request,
                                           v1::SetStaffPinResponse*) {
  LANYARD_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status(), toGrpc);
  const std::string& pin = request->pin();
  if (!pin.empty() && !domain::validStaffPin(pin)) return invalid("a staff PIN is 4 to 12 digits");
  std::string hash;  // Empty: no PIN, no staff mode.
  if (!pin.empty()) {
    LANYARD_ASSIGN_OR_RETURN(hash, domain::hashStaffPin(pin, m_context.store.event().publicKey), toGrpc);
  }
  LANYARD_RETURN_IF_ERROR(m_context.store.setStaffPinHash(hash), toGrpc);
  return grpc::Status::OK;
}

grpc::Status EventServiceImpl::ListSessions(grpc::ServerContext* context, const v1::ListSessionsRequest*,
                                            v1::ListSessionsResponse* response) {
  LANYARD_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAnyRole).status(), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(const std::vector<domain::SessionOccupancy> sessions, m_context.store.listSessions(),
                           toGrpc);
  for (const domain::SessionOccupancy& session : sessions) *response->add_sessions() = toProto(session);
  return grpc::Status::OK;
}

}  // namespace lanyard::server::rpc
