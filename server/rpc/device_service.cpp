#include "rpc/device_service.h"

#include "domain/text.h"
#include "rpc/page_token.h"

namespace lanyard::server::rpc {

grpc::Status DeviceServiceImpl::CreateToken(grpc::ServerContext* context, const v1::CreateTokenRequest* request,
                                            v1::CreateTokenResponse* response) {
  LANYARD_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status(), toGrpc);
  domain::Role role;
  if (!fromProto(request->role(), role)) {
    return invalid("role is required: ROLE_KIOSK, ROLE_ORGANISER, ROLE_DESK or ROLE_ADMIN");
  }
  if (domain::trimAscii(request->name()).empty()) return invalid("name is required");
  if (request->name().size() > 100) return invalid("name is longer than 100 bytes");
  LANYARD_ASSIGN_OR_RETURN(const domain::CreatedDevice created,
                           m_context.store.createDevice(domain::trimAscii(request->name()), role), toGrpc);
  m_hub.noteCreated(created.device);
  *response->mutable_device() = toProto(created.device);
  response->set_token(created.token);
  return grpc::Status::OK;
}

grpc::Status DeviceServiceImpl::ListDevices(grpc::ServerContext* context, const v1::ListDevicesRequest* request,
                                            v1::ListDevicesResponse* response) {
  LANYARD_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status(), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(const PageRequest page,
                           PageRequest::parse("devices", request->page_size(), request->page_token()), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(std::vector<domain::Device> devices, m_context.store.listDevices(page.storePage()), toGrpc);
  response->set_next_page_token(page.trimToPage(devices));
  for (const domain::Device& device : devices) *response->add_devices() = toProto(device);
  return grpc::Status::OK;
}

grpc::Status DeviceServiceImpl::RevokeToken(grpc::ServerContext* context, const v1::RevokeTokenRequest* request,
                                            v1::RevokeTokenResponse* response) {
  LANYARD_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status(), toGrpc);
  std::optional<std::int64_t> id;
  std::string name;
  switch (request->key_case()) {
    case v1::RevokeTokenRequest::kId:
      id = request->id();
      break;
    case v1::RevokeTokenRequest::kName:
      name = request->name();
      break;
    case v1::RevokeTokenRequest::KEY_NOT_SET:
      return invalid("an id or name is required");
  }
  LANYARD_ASSIGN_OR_RETURN(const domain::Device revoked, m_context.store.revokeDevice(id, name), toGrpc);
  m_hub.noteRevoked(revoked.id);
  *response->mutable_device() = toProto(revoked);
  return grpc::Status::OK;
}

}  // namespace lanyard::server::rpc
