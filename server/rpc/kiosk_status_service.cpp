#include "rpc/kiosk_status_service.h"

#include "domain/event_time.h"
#include "domain/str_cat.h"
#include "rpc/convert.h"

namespace lanyard::server::rpc {

namespace {

// How often kiosks are asked to send a heartbeat.
constexpr int kHeartbeatIntervalSeconds = 10;
constexpr std::size_t kMaxDetailBytes = 1000;

}  // namespace

grpc::Status KioskStatusServiceImpl::Heartbeat(grpc::ServerContext* context, const v1::HeartbeatRequest* request,
                                               v1::HeartbeatResponse* response) {
  absl::StatusOr<domain::Device> caller = m_context.authorizer.authorize(*context, kScanRoles);
  if (!caller.ok()) return toGrpc(caller.status());
  const v1::PrinterStatus printer = request->printer_status();
  if (printer == v1::PRINTER_STATUS_UNSPECIFIED || !v1::PrinterStatus_IsValid(printer)) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "printer_status is required: PRINTER_STATUS_OK, _PAPER_OUT, _OFFLINE or _ERROR");
  }
  if (request->detail().size() > kMaxDetailBytes) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        strCat("detail is longer than ", kMaxDetailBytes, " bytes"));
  }
  const domain::PrinterStatus status = fromProto(printer);
  const bool log = m_hub.noteHeartbeat(*caller, status, request->detail());
  if (log) {
    domain::KioskStatusRecord record;
    record.deviceId = caller->id;
    record.printerStatus = status;
    record.detail = request->detail();
    absl::StatusOr<domain::KioskStatusRecord> logged = m_context.store.recordKioskStatus(record);
    if (!logged.ok()) return toGrpc(logged.status());
  }
  response->set_server_time_us(domain::systemClock()());
  response->set_logged(log);
  response->set_interval_seconds(kHeartbeatIntervalSeconds);
  return grpc::Status::OK;
}

}  // namespace lanyard::server::rpc
