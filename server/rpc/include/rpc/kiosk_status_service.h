#pragma once

#include "lanyard/v1/kiosk_status_service.grpc.pb.h"
#include "live/attendance_hub.h"
#include "rpc/service_context.h"

namespace lanyard::server::rpc {

// Kiosk heartbeats: who is alive and how their printers are. Logs changes and a periodic
// keep-alive through the store; the rest only moves "last seen" in the hub.
class KioskStatusServiceImpl final : public v1::KioskStatusService::Service {
 public:
  KioskStatusServiceImpl(ServiceContext context, live::AttendanceHub& hub) : m_context(context), m_hub(hub) {}
  grpc::Status Heartbeat(grpc::ServerContext* context, const v1::HeartbeatRequest* request,
                         v1::HeartbeatResponse* response) override;

 private:
  ServiceContext m_context;
  live::AttendanceHub& m_hub;
};

}  // namespace lanyard::server::rpc
