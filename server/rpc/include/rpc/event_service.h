#pragma once

#include "lanyard/v1/event_service.grpc.pb.h"
#include "rpc/service_context.h"

namespace lanyard::server::rpc {

// Event information and the session list for every device.
class EventServiceImpl final : public v1::EventService::Service {
 public:
  explicit EventServiceImpl(ServiceContext context) : m_context(context) {}
  grpc::Status GetEvent(grpc::ServerContext* context, const v1::GetEventRequest* request,
                        v1::GetEventResponse* response) override;
  grpc::Status ListSessions(grpc::ServerContext* context, const v1::ListSessionsRequest* request,
                            v1::ListSessionsResponse* response) override;
  grpc::Status SetStaffPin(grpc::ServerContext* context, const v1::SetStaffPinRequest* request,
                           v1::SetStaffPinResponse* response) override;

 private:
  ServiceContext m_context;
};

}  // namespace lanyard::server::rpc
