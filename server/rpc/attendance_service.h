#pragma once

#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "lanyard/v1/kiosk_status_service.grpc.pb.h"
#include "live/attendance_hub.h"
#include "rpc/services.h"

namespace lanyard::server::rpc {

// The organisers' live view: the attendance summary and the activity feed, served from the hub.
class AttendanceServiceImpl final : public v1::AttendanceService::Service {
 public:
  AttendanceServiceImpl(ServiceContext context, live::AttendanceHub& hub) : m_context(context), m_hub(hub) {}
  grpc::Status GetAttendanceSummary(grpc::ServerContext* context, const v1::GetAttendanceSummaryRequest* request,
                                    v1::AttendanceSummary* response) override;
  // Holds one server thread per watcher for the life of the stream; the watcher itself reads from
  // the hub at its own pace, so a client that stops reading only blocks its own thread.
  grpc::Status WatchAttendance(grpc::ServerContext* context, const v1::WatchAttendanceRequest* request,
                               grpc::ServerWriter<v1::AttendanceEvent>* writer) override;

 private:
  ServiceContext m_context;
  live::AttendanceHub& m_hub;
};

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

// The lanyard.v1 form of a summary and of an activity; times stay UTC, local labels use
// `timeZone`.
v1::AttendanceSummary toProto(const domain::AttendanceSummary& summary, const std::string& timeZone);
void toProto(const domain::Activity& activity, v1::Activity* out);

}  // namespace lanyard::server::rpc
