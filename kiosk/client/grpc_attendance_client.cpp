#include "grpc_attendance_client.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <thread>

#include "grpc_connection.h"
#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"
#include "lanyard/v1/export_service.grpc.pb.h"
#include "proto_convert.h"

namespace lanyard::client {
namespace {

namespace pb = ::lanyard::v1;

// An export of 100,000 rows takes seconds; this only ends a call that hangs.
constexpr auto kExportDeadline = std::chrono::minutes(30);

PrinterStatus toPrinterStatus(pb::PrinterStatus status) {
  switch (status) {
    case pb::PRINTER_STATUS_OK:
      return PrinterStatus::Ok;
    case pb::PRINTER_STATUS_PAPER_OUT:
      return PrinterStatus::PaperOut;
    case pb::PRINTER_STATUS_OFFLINE:
      return PrinterStatus::Offline;
    case pb::PRINTER_STATUS_ERROR:
      return PrinterStatus::Error;
    default:
      return PrinterStatus::Unknown;
  }
}

ActivityKind toKind(pb::ActivityKind kind) {
  switch (kind) {
    case pb::ACTIVITY_KIND_CHECK_IN:
      return ActivityKind::CheckIn;
    case pb::ACTIVITY_KIND_BADGE_PRINT:
      return ActivityKind::BadgePrint;
    case pb::ACTIVITY_KIND_DELEGATE_ADDED:
      return ActivityKind::DelegateAdded;
    case pb::ACTIVITY_KIND_DELEGATE_UPDATED:
      return ActivityKind::DelegateUpdated;
    case pb::ACTIVITY_KIND_DELEGATE_CANCELLED:
      return ActivityKind::DelegateCancelled;
    case pb::ACTIVITY_KIND_BADGE_REISSUED:
      return ActivityKind::BadgeReissued;
    case pb::ACTIVITY_KIND_DELEGATES_IMPORTED:
      return ActivityKind::DelegatesImported;
    case pb::ACTIVITY_KIND_SESSIONS_IMPORTED:
      return ActivityKind::SessionsImported;
    case pb::ACTIVITY_KIND_KIOSK_STATUS:
      return ActivityKind::KioskStatus;
    default:
      return ActivityKind::Other;
  }
}

// A server from before device roles were in the summary listed kiosks only.
QString roleName(pb::Role role) {
  switch (role) {
    case pb::ROLE_DESK:
      return QStringLiteral("desk");
    case pb::ROLE_ADMIN:
      return QStringLiteral("admin");
    case pb::ROLE_ORGANISER:
      return QStringLiteral("organiser");
    default:
      return QStringLiteral("kiosk");
  }
}

AttendanceSummary toSummary(const pb::AttendanceSummary& in) {
  AttendanceSummary out;
  out.sequence = in.sequence();
  out.serverTimeUs = in.server_time_us();
  out.timeZone = fromStd(in.time_zone());
  out.today = fromStd(in.today());
  out.registered = in.registered();
  out.checkedIn = in.checked_in();
  out.insideNow = in.inside_now();
  out.noShows = in.no_shows();
  out.cancelled = in.cancelled();
  out.scans = in.scans();
  out.refusedScans = in.refused_scans();
  out.forgedScans = in.forged_scans();
  out.badgesPrinted = in.badges_printed();
  out.printFailures = in.print_failures();
  out.conflicts = in.conflicts();
  out.unseenConflicts = in.unseen_conflicts();
  for (const pb::CategoryAttendance& c : in.categories()) {
    out.categories.append(
        {fromStd(c.name()), fromStd(c.label()), c.registered(), c.checked_in(), c.inside_now(), c.no_shows()});
  }
  for (const pb::SessionAttendance& s : in.sessions()) {
    out.sessions.append({s.session_id(), fromStd(s.title()), fromStd(s.room()), s.start_time_us(), s.end_time_us(),
                         s.capacity(), s.registered(), s.inside_now(), s.attended(), s.fill_ratio()});
  }
  for (const pb::ArrivalBucket& b : in.arrivals()) {
    out.arrivals.append({b.start_time_us(), fromStd(b.local_start()), b.arrivals()});
  }
  for (const pb::KioskAttendance& k : in.kiosks()) {
    KioskAttendance kiosk;
    kiosk.deviceId = k.device_id();
    kiosk.name = fromStd(k.device_name());
    kiosk.role = roleName(k.device_role());
    kiosk.revoked = k.revoked();
    kiosk.lastSeenTimeUs = k.last_seen_time_us();
    kiosk.scans = k.scans();
    kiosk.admitted = k.admitted();
    kiosk.prints = k.prints();
    kiosk.printFailures = k.print_failures();
    kiosk.lastPrintError = fromStd(k.last_print_error());
    kiosk.lastPrintErrorTimeUs = k.last_print_error_time_us();
    kiosk.printerStatus = toPrinterStatus(k.printer_status());
    kiosk.printerDetail = fromStd(k.printer_detail());
    out.kiosks.append(kiosk);
  }
  return out;
}

Activity toActivity(const pb::Activity& in) {
  Activity out;
  out.sequence = in.sequence();
  out.kind = toKind(in.kind());
  out.timeUs = in.time_us();
  out.deviceId = in.device_id();
  out.deviceName = fromStd(in.device_name());
  if (in.has_delegate()) {
    const pb::ActivityDelegate& d = in.delegate();
    out.delegate = ActivityDelegate{d.id(),
                                    fromStd(d.given_name()),
                                    fromStd(d.family_name()),
                                    fromStd(d.category()),
                                    fromStd(d.city()),
                                    fromStd(d.organisation()),
                                    d.status() == pb::REGISTRATION_STATUS_CANCELLED};
  }
  switch (in.detail_case()) {
    case pb::Activity::kCheckIn:
      out.sessionId = in.check_in().session_id();
      out.checkOut = in.check_in().direction() == pb::DIRECTION_OUT;
      out.outcome = toOutcome(in.check_in().outcome());
      out.reentry = in.check_in().reentry();
      out.automatic = in.check_in().automatic();
      out.offline = in.check_in().offline();
      out.conflictId = in.check_in().conflict_id();
      break;
    case pb::Activity::kBadgePrint:
      out.printed = in.badge_print().success();
      out.printError = fromStd(in.badge_print().error());
      break;
    case pb::Activity::kKioskStatus:
      out.printerStatus = toPrinterStatus(in.kiosk_status().printer_status());
      out.printerDetail = fromStd(in.kiosk_status().detail());
      break;
    default:
      break;
  }
  return out;
}

Conflict toConflict(const pb::Conflict& in) {
  Conflict out;
  out.id = in.conflict_id();
  out.reason = fromStd(in.reason());
  out.deviceName = fromStd(in.device_name());
  out.scanTimeUs = in.scan_time_us();
  out.uploadTimeUs = in.upload_time_us();
  out.sessionId = in.session_id();
  out.sessionTitle = fromStd(in.session_title());
  out.givenName = fromStd(in.delegate().given_name());
  out.familyName = fromStd(in.delegate().family_name());
  out.earlierDeviceName = fromStd(in.earlier_device_name());
  out.earlierTimeUs = in.earlier_time_us();
  out.earlierOffline = in.earlier_offline();
  out.seenTimeUs = in.seen_time_us();
  out.seenBy = fromStd(in.seen_by());
  return out;
}

AttendanceEvent toEvent(const pb::WatchAttendanceResponse& in) {
  AttendanceEvent out;
  switch (in.event_case()) {
    case pb::WatchAttendanceResponse::kSnapshot:
      out.kind = AttendanceEvent::Kind::Snapshot;
      out.snapshot = toSummary(in.snapshot());
      break;
    case pb::WatchAttendanceResponse::kActivities:
      out.kind = AttendanceEvent::Kind::Activities;
      for (const pb::Activity& activity : in.activities().activities()) out.activities.append(toActivity(activity));
      break;
    case pb::WatchAttendanceResponse::kResync:
      out.kind = AttendanceEvent::Kind::Resync;
      out.resyncAfter = in.resync().after_sequence();
      out.resyncReason = fromStd(in.resync().reason());
      break;
    case pb::WatchAttendanceResponse::EVENT_NOT_SET:
      out.kind = AttendanceEvent::Kind::Activities;  // Nothing to apply.
      break;
  }
  return out;
}

// A server stream read on its own thread. The thread posts to `context`'s thread; a posted
// callback runs only while the stream is alive, so nothing arrives after the destructor.
class ThreadStream final : public Stream {
 public:
  explicit ThreadStream(QObject* context) : m_context(context) {}

  // Starts `body` on the stream's thread. Call once, after preparing context().
  void start(std::function<void(ThreadStream&)> body) {
    m_thread = std::thread([this, body = std::move(body)] { body(*this); });
  }

  ~ThreadStream() override {
    m_alive->store(false);
    m_call.TryCancel();  // Also stops a call that has not started yet.
    if (m_thread.joinable()) m_thread.join();
  }

  grpc::ClientContext& context() { return m_call; }

  // From the stream's thread: runs `callback` on the context's thread if the stream is still alive.
  void post(std::function<void()> callback) {
    QMetaObject::invokeMethod(
        m_context,
        [alive = m_alive, callback = std::move(callback)] {
          if (alive->load()) callback();
        },
        Qt::QueuedConnection);
  }

 private:
  QObject* m_context;  // Outlives the stream (the AttendanceClient contract); posts to a deleted one are dropped.
  std::shared_ptr<std::atomic<bool>> m_alive = std::make_shared<std::atomic<bool>>(true);
  grpc::ClientContext m_call;
  std::thread m_thread;
};

ClientError endedWithoutError() {
  return ClientError{ClientError::Kind::Unreachable, QStringLiteral("server unreachable: the feed ended")};
}

}  // namespace

struct GrpcAttendanceClient::Impl {
  Impl(const ConnectionOptions& options, std::chrono::milliseconds deadline)
      : connection(options, deadline),
        events(pb::EventService::NewStub(connection.channel())),
        attendance(pb::AttendanceService::NewStub(connection.channel())),
        exports(pb::ExportService::NewStub(connection.channel())) {}

  GrpcConnection connection;
  std::unique_ptr<pb::EventService::Stub> events;
  std::unique_ptr<pb::AttendanceService::Stub> attendance;
  std::unique_ptr<pb::ExportService::Stub> exports;
};

GrpcAttendanceClient::GrpcAttendanceClient(const ConnectionOptions& options, std::chrono::milliseconds deadline)
    : m_impl(std::make_unique<Impl>(options, deadline)) {}

GrpcAttendanceClient::~GrpcAttendanceClient() = default;

void GrpcAttendanceClient::getEvent(QObject* context, std::function<void(const Reply<EventInfo>&)> done) {
  Impl& impl = *m_impl;
  impl.connection.unary<pb::GetEventResponse, EventInfo>(
      context,
      [&impl](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.events->PrepareAsyncGetEvent(c, pb::GetEventRequest(), queue);
      },
      [](const pb::GetEventResponse& response) { return lanyard::client::toEvent(response); }, std::move(done));
}

void GrpcAttendanceClient::getSummary(QObject* context, std::function<void(const Reply<AttendanceSummary>&)> done) {
  Impl& impl = *m_impl;
  impl.connection.unary<pb::GetAttendanceSummaryResponse, AttendanceSummary>(
      context,
      [&impl](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.attendance->PrepareAsyncGetAttendanceSummary(c, pb::GetAttendanceSummaryRequest(), queue);
      },
      [](const pb::GetAttendanceSummaryResponse& response) { return toSummary(response.summary()); }, std::move(done));
}

void GrpcAttendanceClient::listConflicts(int limit, QObject* context,
                                         std::function<void(const Reply<ConflictList>&)> done) {
  Impl& impl = *m_impl;
  pb::ListConflictsRequest request;
  request.set_page_size(limit);
  impl.connection.unary<pb::ListConflictsResponse, ConflictList>(
      context,
      [&impl, request](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.attendance->PrepareAsyncListConflicts(c, request, queue);
      },
      [](const pb::ListConflictsResponse& response) {
        ConflictList out;
        for (const pb::Conflict& c : response.conflicts()) out.conflicts.append(toConflict(c));
        out.total = response.total();
        out.unseen = response.unseen();
        return out;
      },
      std::move(done));
}

void GrpcAttendanceClient::markConflictSeen(qint64 id, QObject* context,
                                            std::function<void(const Reply<Conflict>&)> done) {
  Impl& impl = *m_impl;
  pb::MarkConflictSeenRequest request;
  request.set_conflict_id(id);
  impl.connection.unary<pb::MarkConflictSeenResponse, Conflict>(
      context,
      [&impl, request](grpc::ClientContext* c, grpc::CompletionQueue* queue) {
        return impl.attendance->PrepareAsyncMarkConflictSeen(c, request, queue);
      },
      [](const pb::MarkConflictSeenResponse& response) { return toConflict(response.conflict()); }, std::move(done));
}

std::unique_ptr<Stream> GrpcAttendanceClient::watch(std::optional<qint64> afterSequence, QObject* context,
                                                    std::function<void(const AttendanceEvent&)> onEvent,
                                                    std::function<void(const FeedEnd&)> onEnd) {
  auto stream = std::make_unique<ThreadStream>(context);
  m_impl->connection.prepare(&stream->context(), std::chrono::milliseconds::zero());
  // The caller paces its own retries; without this a channel that lost its server may wait out
  // gRPC's reconnect backoff (up to 5 s) before it even tries.
  grpc::experimental::ChannelResetConnectionBackoff(m_impl->connection.channel().get());
  pb::WatchAttendanceRequest request;
  if (afterSequence) request.set_after_sequence(*afterSequence);
  stream->start([stub = m_impl->attendance.get(), request, onEvent = std::move(onEvent),
                 onEnd = std::move(onEnd)](ThreadStream& self) {
    std::unique_ptr<grpc::ClientReader<pb::WatchAttendanceResponse>> reader =
        stub->WatchAttendance(&self.context(), request);
    pb::WatchAttendanceResponse message;
    while (reader->Read(&message)) {
      self.post([onEvent, event = toEvent(message)] { onEvent(event); });
    }
    const grpc::Status status = reader->Finish();
    FeedEnd end;
    end.error = status.ok() ? endedWithoutError() : toError(status);
    end.unknownSequence = status.error_code() == grpc::StatusCode::OUT_OF_RANGE;
    self.post([onEnd, end] { onEnd(end); });
  });
  return stream;
}

std::unique_ptr<Stream> GrpcAttendanceClient::exportFile(const ExportRequest& in, QObject* context,
                                                         std::function<void(const ExportChunk&)> onChunk,
                                                         std::function<void(const Reply<ExportResult>&)> done) {
  auto stream = std::make_unique<ThreadStream>(context);
  m_impl->connection.prepare(&stream->context(),
                             std::chrono::duration_cast<std::chrono::milliseconds>(kExportDeadline));
  const pb::ExportFormat format = in.format == ExportFormat::Xlsx ? pb::EXPORT_FORMAT_XLSX : pb::EXPORT_FORMAT_CSV;
  pb::CsvOptions csv;
  csv.set_delimiter(in.delimiter.toStdString());
  csv.set_byte_order_mark(in.byteOrderMark);
  const bool scanLog = in.list == ExportList::ScanLog;
  pb::ExportScanLogRequest scans;
  pb::ExportAttendeesRequest attendees;
  if (scanLog) {
    scans.set_format(format);
    *scans.mutable_csv() = csv;
  } else {
    attendees.set_format(format);
    *attendees.mutable_csv() = csv;
    attendees.set_attendance(in.list == ExportList::CheckedIn ? pb::ATTENDANCE_FILTER_CHECKED_IN
                             : in.list == ExportList::Absent  ? pb::ATTENDANCE_FILTER_ABSENT
                                                              : pb::ATTENDANCE_FILTER_ALL);
    attendees.set_session_id(in.sessionId);
    attendees.set_category(in.category.toStdString());
  }
  stream->start([stub = m_impl->exports.get(), scanLog, scans, attendees, onChunk = std::move(onChunk),
                 done = std::move(done)](ThreadStream& self) {
    ExportResult result;
    const auto receive = [&]<typename Response>(grpc::ClientReader<Response>& reader) {
      Response response;
      while (reader.Read(&response)) {
        const pb::ExportChunk& message = response.chunk();
        if (message.last()) result.rowCount = message.row_count();
        if (!message.data().empty() || !message.file_name().empty()) {
          ExportChunk chunk{QByteArray::fromStdString(message.data()), fromStd(message.file_name())};
          self.post([onChunk, chunk] { onChunk(chunk); });
        }
      }
      return reader.Finish();
    };
    const grpc::Status status = scanLog ? receive(*stub->ExportScanLog(&self.context(), scans))
                                        : receive(*stub->ExportAttendees(&self.context(), attendees));
    Reply<ExportResult> reply;
    if (status.ok()) {
      reply.value = result;
    } else {
      reply.error = toError(status);
    }
    self.post([done, reply] { done(reply); });
  });
  return stream;
}

}  // namespace lanyard::client
