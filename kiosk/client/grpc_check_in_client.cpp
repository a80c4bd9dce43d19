#include "grpc_check_in_client.h"

#include <grpcpp/grpcpp.h>

#include "grpc_connection.h"
#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"
#include "lanyard/v1/kiosk_status_service.grpc.pb.h"
#include "lanyard/v1/replica_service.grpc.pb.h"
#include "proto_convert.h"

namespace lanyard::client {
namespace {

namespace pb = ::lanyard::v1;

Resolution toResolution(const pb::ResolveCodeResponse& in) {
  Resolution out;
  switch (in.status()) {
    case pb::CODE_STATUS_VALID:
      out.status = Resolution::Status::Valid;
      break;
    case pb::CODE_STATUS_FORGED:
      out.status = Resolution::Status::Forged;
      break;
    case pb::CODE_STATUS_SUPERSEDED:
      out.status = Resolution::Status::Superseded;
      break;
    case pb::CODE_STATUS_CANCELLED:
      out.status = Resolution::Status::Cancelled;
      break;
    default:
      out.status = Resolution::Status::Unknown;
      break;
  }
  if (in.has_delegate()) out.delegate = toSummary(in.delegate());
  return out;
}

CheckInResult toCheckInResult(const pb::CheckInResponse& in) {
  CheckInResult out;
  out.outcome = toOutcome(in.outcome());
  if (in.has_delegate()) out.delegate = toSummary(in.delegate());
  if (in.has_previous()) {
    out.previousTimeUs = in.previous().time_us();
    out.previousDevice = fromStd(in.previous().device_name());
  }
  out.reentry = in.reentry();
  out.badgePrinted = in.badge_printed();
  if (in.has_badge()) out.badge = toBadge(in.badge());
  return out;
}

StaffPinCheck toStaffPinCheck(const pb::EnterStaffModeResponse& in) {
  switch (in.result()) {
    case pb::STAFF_PIN_CHECK_ACCEPTED:
      return StaffPinCheck::Accepted;
    case pb::STAFF_PIN_CHECK_LOCKED_OUT:
      return StaffPinCheck::LockedOut;
    case pb::STAFF_PIN_CHECK_STAFF_MODE_OFF:
      return StaffPinCheck::StaffModeOff;
    default:
      return StaffPinCheck::Wrong;
  }
}

StaffBadge toStaffBadge(const pb::GetBadgeResponse& in) {
  return StaffBadge{toSummary(in.delegate()), toBadge(in.badge()), in.checked_in_time_us(), in.badge_printed(),
                    QString::fromStdString(in.notes())};
}

}  // namespace

struct GrpcCheckInClient::Impl {
  Impl(const ConnectionOptions& options, std::chrono::milliseconds deadline)
      : connection(options, deadline),
        events(pb::EventService::NewStub(connection.channel())),
        checkIns(pb::CheckInService::NewStub(connection.channel())),
        status(pb::KioskStatusService::NewStub(connection.channel())),
        replica(pb::ReplicaService::NewStub(connection.channel())) {}

  GrpcConnection connection;
  std::unique_ptr<pb::EventService::Stub> events;
  std::unique_ptr<pb::CheckInService::Stub> checkIns;
  std::unique_ptr<pb::KioskStatusService::Stub> status;
  std::unique_ptr<pb::ReplicaService::Stub> replica;
};

GrpcCheckInClient::GrpcCheckInClient(const ConnectionOptions& options, std::chrono::milliseconds deadline)
    : m_impl(std::make_unique<Impl>(options, deadline)) {}

GrpcCheckInClient::~GrpcCheckInClient() = default;

void GrpcCheckInClient::setDeadline(std::chrono::milliseconds deadline) { m_impl->connection.setDeadline(deadline); }

void GrpcCheckInClient::getEvent(QObject* context, std::function<void(const Reply<EventInfo>&)> done) {
  Impl& impl = *m_impl;
  impl.connection.unary<pb::GetEventResponse, EventInfo>(
      context,
      [&impl](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.events->PrepareAsyncGetEvent(c, pb::GetEventRequest(), queue);
      },
      toEvent, std::move(done));
}

void GrpcCheckInClient::listSessions(QObject* context, std::function<void(const Reply<QList<SessionInfo>>&)> done) {
  Impl& impl = *m_impl;
  impl.connection.unary<pb::ListSessionsResponse, QList<SessionInfo>>(
      context,
      [&impl](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.events->PrepareAsyncListSessions(c, pb::ListSessionsRequest(), queue);
      },
      [](const pb::ListSessionsResponse& response) {
        QList<SessionInfo> out;
        for (const pb::Session& session : response.sessions()) {
          out.append({session.id(), fromStd(session.title()), fromStd(session.room()), session.start_time_us(),
                      session.end_time_us(), session.capacity(), session.inside_now()});
        }
        return out;
      },
      std::move(done));
}

void GrpcCheckInClient::resolveCode(const QString& code, QObject* context,
                                    std::function<void(const Reply<Resolution>&)> done) {
  Impl& impl = *m_impl;
  pb::ResolveCodeRequest request;
  request.set_code(code.toStdString());
  impl.connection.unary<pb::ResolveCodeResponse, Resolution>(
      context,
      [&impl, &request](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.checkIns->PrepareAsyncResolveCode(c, request, queue);
      },
      toResolution, std::move(done));
}

void GrpcCheckInClient::searchDelegates(const QString& query, int limit, QObject* context,
                                        std::function<void(const Reply<SearchResult>&)> done) {
  Impl& impl = *m_impl;
  pb::SearchDelegatesRequest request;
  request.set_query(query.toStdString());
  request.set_limit(limit);
  impl.connection.unary<pb::SearchDelegatesResponse, SearchResult>(
      context,
      [&impl, &request](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.checkIns->PrepareAsyncSearchDelegates(c, request, queue);
      },
      [](const pb::SearchDelegatesResponse& response) {
        SearchResult out;
        for (const pb::SearchResult& result : response.results()) out.matches.append(toSummary(result.summary()));
        out.more = response.more();
        return out;
      },
      std::move(done));
}

void GrpcCheckInClient::checkIn(const CheckInRequest& in, QObject* context,
                                std::function<void(const Reply<CheckInResult>&)> done) {
  Impl& impl = *m_impl;
  pb::CheckInRequest request;
  request.set_request_id(in.requestId.toStdString());
  request.set_scan_time_us(in.scanTimeUs);
  if (in.delegateId != 0) {
    request.mutable_by_name()->set_delegate_id(in.delegateId);
    request.mutable_by_name()->set_proof(in.proof.toStdString());
    request.set_staff_pin(in.staffPin.toStdString());
  } else {
    request.set_code(in.code.toStdString());
  }
  request.set_session_id(in.sessionId);
  request.set_direction(in.checkOut ? pb::DIRECTION_OUT : pb::DIRECTION_IN);
  if (in.offlineOutcome) request.mutable_offline()->set_outcome(toProtoOutcome(*in.offlineOutcome));
  impl.connection.unary<pb::CheckInResponse, CheckInResult>(
      context,
      [&impl, &request](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.checkIns->PrepareAsyncCheckIn(c, request, queue);
      },
      toCheckInResult, std::move(done));
}

void GrpcCheckInClient::enterStaffMode(const QString& pin, QObject* context,
                                       std::function<void(const Reply<StaffPinCheck>&)> done) {
  Impl& impl = *m_impl;
  pb::EnterStaffModeRequest request;
  request.set_staff_pin(pin.toStdString());
  impl.connection.unary<pb::EnterStaffModeResponse, StaffPinCheck>(
      context,
      [&impl, &request](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.checkIns->PrepareAsyncEnterStaffMode(c, request, queue);
      },
      toStaffPinCheck, std::move(done));
}

void GrpcCheckInClient::getBadge(qint64 delegateId, const QString& pin, QObject* context,
                                 std::function<void(const Reply<StaffBadge>&)> done) {
  Impl& impl = *m_impl;
  pb::GetBadgeRequest request;
  request.set_delegate_id(delegateId);
  request.set_staff_pin(pin.toStdString());
  impl.connection.unary<pb::GetBadgeResponse, StaffBadge>(
      context,
      [&impl, &request](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.checkIns->PrepareAsyncGetBadge(c, request, queue);
      },
      toStaffBadge, std::move(done));
}

void GrpcCheckInClient::heartbeat(const PrinterState& printer, QObject* context,
                                  std::function<void(const Reply<int>&)> done) {
  Impl& impl = *m_impl;
  pb::HeartbeatRequest request;
  switch (printer.status) {
    case PrinterState::Status::Ok:
      request.set_printer_status(pb::PRINTER_STATUS_OK);
      break;
    case PrinterState::Status::PaperOut:
      request.set_printer_status(pb::PRINTER_STATUS_PAPER_OUT);
      break;
    case PrinterState::Status::Offline:
      request.set_printer_status(pb::PRINTER_STATUS_OFFLINE);
      break;
    case PrinterState::Status::Error:
      request.set_printer_status(pb::PRINTER_STATUS_ERROR);
      break;
  }
  // The server takes at most 1000 bytes of detail.
  request.set_detail(printer.detail.left(250).toStdString());
  impl.connection.unary<pb::HeartbeatResponse, int>(
      context,
      [&impl, &request](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.status->PrepareAsyncHeartbeat(c, request, queue);
      },
      [](const pb::HeartbeatResponse& response) { return response.interval_seconds(); }, std::move(done));
}

void GrpcCheckInClient::recordBadgePrint(const BadgePrintRecord& record, QObject* context,
                                         std::function<void(const Reply<bool>&)> done) {
  Impl& impl = *m_impl;
  pb::RecordBadgePrintRequest request;
  request.set_delegate_id(record.delegateId);
  request.set_success(record.success);
  request.set_error(record.error.toStdString());
  request.set_client_time_us(record.timeUs);
  request.set_printer(record.printer.toStdString());
  impl.connection.unary<pb::RecordBadgePrintResponse, bool>(
      context,
      [&impl, &request](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.checkIns->PrepareAsyncRecordBadgePrint(c, request, queue);
      },
      [](const pb::RecordBadgePrintResponse&) { return true; }, std::move(done));
}

void GrpcCheckInClient::getReplicaChanges(const QByteArray& cursor, int pageSize, std::chrono::seconds wait,
                                          QObject* context, std::function<void(const Reply<QByteArray>&)> done) {
  Impl& impl = *m_impl;
  pb::GetReplicaChangesRequest request;
  request.set_cursor(cursor.toStdString());
  request.set_page_size(pageSize);
  request.set_wait_seconds(static_cast<int>(wait.count()));
  // The server answers within `wait` and a moment; the usual deadline on top covers the transfer.
  impl.connection.unary<pb::GetReplicaChangesResponse, QByteArray>(
      context,
      [&impl, &request](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.replica->PrepareAsyncGetReplicaChanges(c, request, queue);
      },
      [](const pb::GetReplicaChangesResponse& response) {
        return QByteArray::fromStdString(response.SerializeAsString());
      },
      std::move(done), impl.connection.deadline() + wait);
}

}  // namespace lanyard::client
