#include "rpc/attendance_service.h"

#include <chrono>

#include "domain/event_time.h"
#include "domain/str_cat.h"
#include "rpc/convert.h"

namespace lanyard::server::rpc {

namespace {

// How often a watcher's thread looks whether its client went away or its token was revoked while
// nothing happens.
constexpr std::chrono::milliseconds kCancelCheck{500};
// How often kiosks are asked to send a heartbeat.
constexpr int kHeartbeatIntervalSeconds = 10;
constexpr std::size_t kMaxDetailBytes = 1000;

v1::PrinterStatus toProto(domain::PrinterStatus status) {
  // The proto enum mirrors domain::PrinterStatus value for value.
  const int value = static_cast<int>(status);
  return v1::PrinterStatus_IsValid(value) ? static_cast<v1::PrinterStatus>(value) : v1::PRINTER_STATUS_UNSPECIFIED;
}

v1::ActivityKind toProto(domain::ActivityKind kind) {
  // The proto enum mirrors domain::ActivityKind value for value.
  const int value = static_cast<int>(kind);
  return v1::ActivityKind_IsValid(value) ? static_cast<v1::ActivityKind>(value) : v1::ACTIVITY_KIND_UNSPECIFIED;
}

}  // namespace

v1::AttendanceSummary toProto(const domain::AttendanceSummary& s, const std::string& timeZone) {
  v1::AttendanceSummary out;
  out.set_sequence(s.sequence);
  out.set_server_time_us(s.asOfUs);
  out.set_time_zone(timeZone);
  out.set_today(domain::formatLocal(s.asOfUs, timeZone).substr(0, 10));
  out.set_registered(s.registered);
  out.set_checked_in(s.checkedIn);
  out.set_inside_now(s.insideNow);
  out.set_no_shows(s.noShows);
  out.set_cancelled(s.cancelled);
  out.set_scans(s.scans);
  out.set_refused_scans(s.refusedScans);
  out.set_forged_scans(s.forgedScans);
  out.set_badges_printed(s.badgesPrinted);
  out.set_print_failures(s.printFailures);
  for (const domain::CategoryAttendance& c : s.categories) {
    v1::CategoryAttendance* line = out.add_categories();
    line->set_name(c.name);
    line->set_label(c.label);
    line->set_registered(c.registered);
    line->set_checked_in(c.checkedIn);
    line->set_inside_now(c.insideNow);
    line->set_no_shows(c.noShows);
  }
  for (const domain::SessionAttendance& session : s.sessions) {
    v1::SessionAttendance* line = out.add_sessions();
    line->set_session_id(session.session.id);
    line->set_title(session.session.title);
    line->set_room(session.session.room);
    line->set_start_time_us(session.session.startUs);
    line->set_end_time_us(session.session.endUs);
    line->set_capacity(session.session.capacity);
    line->set_registered(session.registered);
    line->set_inside_now(session.insideNow);
    line->set_attended(session.attended);
    line->set_fill_ratio(session.session.capacity > 0
                             ? static_cast<double>(session.insideNow) / static_cast<double>(session.session.capacity)
                             : 0.0);
  }
  for (const domain::ArrivalBucket& bucket : s.arrivals) {
    v1::ArrivalBucket* line = out.add_arrivals();
    line->set_start_time_us(bucket.startUs);
    line->set_local_start(domain::formatLocal(bucket.startUs, timeZone));
    line->set_arrivals(bucket.arrivals);
  }
  for (const domain::KioskAttendance& k : s.kiosks) {
    v1::KioskAttendance* line = out.add_kiosks();
    line->set_device_id(k.deviceId);
    line->set_device_name(k.name);
    line->set_last_seen_time_us(k.lastSeenUs);
    line->set_scans(k.scans);
    line->set_admitted(k.admitted);
    line->set_prints(k.prints);
    line->set_print_failures(k.printFailures);
    line->set_last_print_error(k.lastPrintError);
    line->set_last_print_error_time_us(k.lastPrintErrorUs);
    line->set_printer_status(toProto(k.printerStatus));
    line->set_printer_detail(k.printerDetail);
    line->set_printer_status_time_us(k.printerStatusUs);
  }
  return out;
}

void toProto(const domain::Activity& a, v1::Activity* out) {
  out->set_sequence(a.sequence);
  out->set_kind(toProto(a.kind));
  out->set_time_us(a.timeUs);
  out->set_device_id(a.deviceId);
  out->set_device_name(a.deviceName);
  if (a.delegateId != 0) {
    v1::ActivityDelegate* d = out->mutable_delegate();
    d->set_id(a.delegateId);
    d->set_given_name(a.givenName);
    d->set_family_name(a.familyName);
    d->set_category(a.category);
    d->set_city(a.city);
    d->set_organisation(a.organisation);
    d->set_status(a.delegateActive ? v1::REGISTRATION_STATUS_ACTIVE : v1::REGISTRATION_STATUS_CANCELLED);
  }
  switch (a.kind) {
    case domain::ActivityKind::CheckIn: {
      v1::CheckInActivity* c = out->mutable_check_in();
      c->set_check_in_id(a.checkIn.checkInId);
      c->set_session_id(a.checkIn.sessionId);
      c->set_direction(rpc::toProto(a.checkIn.direction));
      c->set_outcome(rpc::toProto(a.checkIn.outcome));
      c->set_reentry(a.checkIn.reentry);
      c->set_left_session_id(a.checkIn.leftSessionId);
      c->set_scan_time_us(a.checkIn.scanTimeUs);
      c->set_automatic(a.checkIn.automatic);
      break;
    }
    case domain::ActivityKind::BadgePrint: {
      v1::BadgePrintActivity* p = out->mutable_badge_print();
      p->set_print_id(a.print.printId);
      p->set_success(a.print.success);
      p->set_error(a.print.error);
      p->set_printer(a.print.printer);
      p->set_badge_version(a.print.badgeVersion);
      break;
    }
    case domain::ActivityKind::DelegatesImported:
    case domain::ActivityKind::SessionsImported: {
      v1::ImportRunActivity* i = out->mutable_import_run();
      i->set_created(a.import.created);
      i->set_updated(a.import.updated);
      i->set_unchanged(a.import.unchanged);
      i->set_registrations(a.import.registrations);
      break;
    }
    case domain::ActivityKind::KioskStatus: {
      v1::KioskStatusActivity* k = out->mutable_kiosk_status();
      k->set_printer_status(toProto(a.kioskStatus.printerStatus));
      k->set_detail(a.kioskStatus.detail);
      break;
    }
    case domain::ActivityKind::DelegateAdded:
    case domain::ActivityKind::DelegateUpdated:
    case domain::ActivityKind::DelegateCancelled:
    case domain::ActivityKind::BadgeReissued:
      break;
  }
}

grpc::Status AttendanceServiceImpl::GetAttendanceSummary(grpc::ServerContext* context,
                                                         const v1::GetAttendanceSummaryRequest*,
                                                         v1::AttendanceSummary* response) {
  if (absl::Status allowed = m_context.authorizer.authorize(*context, kReadRoles).status(); !allowed.ok()) {
    return toGrpc(allowed);
  }
  *response = toProto(m_hub.summary(), m_context.store.event().timeZone);
  return grpc::Status::OK;
}

grpc::Status AttendanceServiceImpl::WatchAttendance(grpc::ServerContext* context,
                                                    const v1::WatchAttendanceRequest* request,
                                                    grpc::ServerWriter<v1::AttendanceEvent>* writer) {
  if (absl::Status allowed = m_context.authorizer.authorize(*context, kReadRoles).status(); !allowed.ok()) {
    return toGrpc(allowed);
  }
  if (request->snapshot_interval_seconds() < 0) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "snapshot_interval_seconds must not be negative");
  }
  std::optional<std::int64_t> after;
  if (request->has_after_sequence()) after = request->after_sequence();
  absl::StatusOr<std::unique_ptr<live::Watcher>> watcher = m_hub.watch(after);
  if (!watcher.ok()) return toGrpc(watcher.status());
  const std::string& timeZone = m_context.store.event().timeZone;
  const auto snapshotInterval = std::chrono::seconds(request->snapshot_interval_seconds());

  v1::AttendanceEvent event;
  *event.mutable_snapshot() = toProto((*watcher)->snapshot(), timeZone);
  if (!writer->Write(event)) return grpc::Status::CANCELLED;
  auto lastSnapshot = std::chrono::steady_clock::now();
  auto nextAuthorization = std::chrono::steady_clock::now() + kCancelCheck;
  while (!context->IsCancelled()) {
    // A revoked token stops working within kCancelCheck, also in the middle of a stream.
    if (std::chrono::steady_clock::now() >= nextAuthorization) {
      if (absl::Status allowed = m_context.authorizer.authorize(*context, kReadRoles).status(); !allowed.ok()) {
        return toGrpc(allowed);
      }
      nextAuthorization = std::chrono::steady_clock::now() + kCancelCheck;
    }
    absl::StatusOr<live::Watcher::Step> step = (*watcher)->next(std::chrono::steady_clock::now() + kCancelCheck);
    if (!step.ok()) return toGrpc(step.status());
    event.Clear();
    switch (step->kind) {
      case live::Watcher::Step::Kind::Stopped:
        return grpc::Status(grpc::StatusCode::UNAVAILABLE,
                            "the server is shutting down; watch again with after_sequence set to the last one seen");
      case live::Watcher::Step::Kind::Idle:
        continue;
      case live::Watcher::Step::Kind::Resync:
        event.mutable_resync()->set_after_sequence(step->resyncAfter);
        event.mutable_resync()->set_reason(
            strCat("this watcher fell more than the server keeps in memory behind; continuing from the log after ",
                   step->resyncAfter));
        break;
      case live::Watcher::Step::Kind::Activities: {
        v1::ActivityBatch* batch = event.mutable_activities();
        for (const std::shared_ptr<const domain::Activity>& activity : step->activities) {
          toProto(*activity, batch->add_activities());
        }
        break;
      }
    }
    if (!writer->Write(event)) return grpc::Status::CANCELLED;
    if (snapshotInterval.count() > 0 && std::chrono::steady_clock::now() - lastSnapshot >= snapshotInterval) {
      if (std::optional<domain::AttendanceSummary> summary = (*watcher)->summaryIfUpToDate()) {
        event.Clear();
        *event.mutable_snapshot() = toProto(*summary, timeZone);
        if (!writer->Write(event)) return grpc::Status::CANCELLED;
        lastSnapshot = std::chrono::steady_clock::now();
      }
    }
  }
  return grpc::Status::CANCELLED;
}

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
  const auto status = static_cast<domain::PrinterStatus>(static_cast<int>(printer));
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
