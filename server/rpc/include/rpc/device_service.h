#pragma once

#include "lanyard/v1/device_service.grpc.pb.h"
#include "live/attendance_hub.h"
#include "rpc/service_context.h"

namespace lanyard::server::rpc {

// Device tokens. Tells the live hub of revocations, so that the attendance summary marks them.
class DeviceServiceImpl final : public v1::DeviceService::Service {
 public:
  DeviceServiceImpl(ServiceContext context, live::AttendanceHub& hub) : m_context(context), m_hub(hub) {}
  grpc::Status CreateToken(grpc::ServerContext* context, const v1::CreateTokenRequest* request,
                           v1::CreateTokenResponse* response) override;
  grpc::Status ListDevices(grpc::ServerContext* context, const v1::ListDevicesRequest* request,
                           v1::ListDevicesResponse* response) override;
  grpc::Status RevokeToken(grpc::ServerContext* context, const v1::RevokeTokenRequest* request,
                           v1::RevokeTokenResponse* response) override;

 private:
  ServiceContext m_context;
  live::AttendanceHub& m_hub;
};

}  // namespace lanyard::server::rpc
