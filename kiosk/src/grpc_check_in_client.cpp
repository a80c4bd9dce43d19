#include "grpc_check_in_client.h"

#include <grpcpp/grpcpp.h>

#include <QtCore/QPointer>
#include <mutex>
#include <set>
#include <thread>

#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"

namespace lanyard::kiosk {
namespace {

namespace pb = ::lanyard::v1;

QString fromStd(const std::string& text) { return QString::fromStdString(text); }

// The one place a gRPC status becomes a ClientError.
ClientError toError(const grpc::Status& status) {
  ClientError error;
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      error.kind = ClientError::Kind::Unreachable;
      error.message = QStringLiteral("server unreachable: ");
      break;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      error.kind = ClientError::Kind::NotAuthorised;
      error.message = QStringLiteral("not authorised: ");
      break;
    default:
      error.kind = ClientError::Kind::Failed;
      error.message = QStringLiteral("server error %1: ").arg(static_cast<int>(status.error_code()));
      break;
  }
  error.message += fromStd(status.error_message());
  return error;
}

DelegateSummary toSummary(const pb::DelegateSummary& in) {
  DelegateSummary out;
  out.id = in.id();
  out.givenName = fromStd(in.given_name());
  out.familyInitial = fromStd(in.family_initial());
  out.displayName = fromStd(in.display_name());
  out.affiliation = fromStd(in.affiliation());
  out.organisation = fromStd(in.organisation());
  out.category = fromStd(in.category());
  out.language = fromStd(in.language());
  return out;
}

EventInfo toEvent(const pb::GetEventResponse& in) {
  EventInfo out;
  out.name = fromStd(in.name());
  out.timeZone = fromStd(in.time_zone());
  out.defaultLanguage = fromStd(in.default_language());
  out.deviceName = fromStd(in.device_name());
  for (const pb::Category& category : in.categories()) {
    out.categories.append({fromStd(category.name()), fromStd(category.label()), fromStd(category.colour())});
  }
  return out;
}

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

CheckInOutcome toOutcome(pb::CheckInOutcome outcome) {
  switch (outcome) {
    case pb::CHECK_IN_OUTCOME_ADMITTED:
      return CheckInOutcome::Admitted;
    case pb::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN:
      return CheckInOutcome::AlreadyCheckedIn;
    case pb::CHECK_IN_OUTCOME_CANCELLED:
      return CheckInOutcome::Cancelled;
    case pb::CHECK_IN_OUTCOME_NOT_REGISTERED:
      return CheckInOutcome::NotRegistered;
    case pb::CHECK_IN_OUTCOME_SESSION_FULL:
      return CheckInOutcome::SessionFull;
    case pb::CHECK_IN_OUTCOME_OUTSIDE_TIME_WINDOW:
      return CheckInOutcome::OutsideTimeWindow;
    case pb::CHECK_IN_OUTCOME_UNKNOWN_CODE:
      return CheckInOutcome::UnknownCode;
    case pb::CHECK_IN_OUTCOME_FORGED_CODE:
      return CheckInOutcome::ForgedCode;
    case pb::CHECK_IN_OUTCOME_SUPERSEDED_CODE:
      return CheckInOutcome::SupersededCode;
    case pb::CHECK_IN_OUTCOME_WRONG_PROOF:
      return CheckInOutcome::WrongProof;
    case pb::CHECK_IN_OUTCOME_PROOF_THROTTLED:
      return CheckInOutcome::ProofThrottled;
    case pb::CHECK_IN_OUTCOME_NAME_CHECK_IN_DISABLED:
      return CheckInOutcome::NameCheckInDisabled;
    default:
      return CheckInOutcome::Other;
  }
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
  if (in.has_badge()) {
    out.badge = BadgeContent{fromStd(in.badge().given_name()), fromStd(in.badge().family_name()),
                             fromStd(in.badge().affiliation()), fromStd(in.badge().badge_code())};
  }
  return out;
}

// One call in flight; owned by the completion queue's tag until it completes.
struct PendingCall {
  virtual ~PendingCall() = default;
  // Runs on the completion-queue thread.
  virtual void complete() = 0;
  grpc::ClientContext context;
};

template <typename Response>
struct Call final : PendingCall {
  Response response;
  grpc::Status status;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader;
  std::function<void(const grpc::Status&, const Response&)> onComplete;
  void complete() override { onComplete(status, response); }
};

}  // namespace

struct GrpcCheckInClient::Impl {
  QObject* owner = nullptr;
  std::string authorization;
  std::chrono::milliseconds deadline{};
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<pb::EventService::Stub> events;
  std::unique_ptr<pb::CheckInService::Stub> checkIns;
  grpc::CompletionQueue queue;
  std::thread thread;
  std::mutex mutex;
  std::set<PendingCall*> pending;  // Guarded by mutex; for cancelling at shutdown.

  void run() {
    void* tag = nullptr;
    bool ok = false;
    while (queue.Next(&tag, &ok)) {
      auto* call = static_cast<PendingCall*>(tag);
      {
        std::lock_guard lock(mutex);
        pending.erase(call);
      }
      call->complete();
      delete call;
    }
  }

  // Starts one unary call. `prepare` creates the reader for a context; `convert` turns the
  // response into the value handed to `done` on the GUI thread (converted on the queue's thread).
  template <typename Response, typename Value>
  void start(
      QObject* context,
      const std::function<std::unique_ptr<grpc::ClientAsyncResponseReader<Response>>(grpc::ClientContext*)>& prepare,
      std::function<Value(const Response&)> convert, std::function<void(const Reply<Value>&)> done) {
    auto* call = new Call<Response>;
    call->context.AddMetadata("authorization", authorization);
    call->context.set_deadline(std::chrono::system_clock::now() + deadline);
    call->onComplete = [this, guard = QPointer<QObject>(context), convert = std::move(convert), done = std::move(done)](
                           const grpc::Status& status, const Response& response) {
      Reply<Value> reply;
      if (status.ok()) {
        reply.value = convert(response);
      } else {
        reply.error = toError(status);
      }
      QMetaObject::invokeMethod(
          owner,
          [guard, done, reply] {
            if (guard) done(reply);
          },
          Qt::QueuedConnection);
    };
    {
      std::lock_guard lock(mutex);
      pending.insert(call);
    }
    call->reader = prepare(&call->context);
    call->reader->StartCall();
    call->reader->Finish(&call->response, &call->status, call);
  }
};

GrpcCheckInClient::GrpcCheckInClient(const QString& address, const QString& token, std::chrono::milliseconds deadline,
                                     QObject* parent)
    : QObject(parent), m_impl(std::make_unique<Impl>()) {
  m_impl->owner = this;
  m_impl->authorization = "Bearer " + token.toStdString();
  m_impl->deadline = deadline;
  m_impl->channel = grpc::CreateChannel(address.toStdString(), grpc::InsecureChannelCredentials());
  m_impl->events = pb::EventService::NewStub(m_impl->channel);
  m_impl->checkIns = pb::CheckInService::NewStub(m_impl->channel);
  m_impl->thread = std::thread([impl = m_impl.get()] { impl->run(); });
}

GrpcCheckInClient::~GrpcCheckInClient() {
  {
    std::lock_guard lock(m_impl->mutex);
    for (PendingCall* call : m_impl->pending) call->context.TryCancel();
  }
  m_impl->queue.Shutdown();
  m_impl->thread.join();
}

void GrpcCheckInClient::getEvent(QObject* context, std::function<void(const Reply<EventInfo>&)> done) {
  Impl& impl = *m_impl;
  impl.start<pb::GetEventResponse, EventInfo>(
      context,
      [&impl](grpc::ClientContext* c) {
        return impl.events->PrepareAsyncGetEvent(c, pb::GetEventRequest(), &impl.queue);
      },
      toEvent, std::move(done));
}

void GrpcCheckInClient::resolveCode(const QString& code, QObject* context,
                                    std::function<void(const Reply<Resolution>&)> done) {
  Impl& impl = *m_impl;
  pb::ResolveCodeRequest request;
  request.set_code(code.toStdString());
  impl.start<pb::ResolveCodeResponse, Resolution>(
      context,
      [&impl, &request](grpc::ClientContext* c) {
        return impl.checkIns->PrepareAsyncResolveCode(c, request, &impl.queue);
      },
      toResolution, std::move(done));
}

void GrpcCheckInClient::searchDelegates(const QString& query, int limit, QObject* context,
                                        std::function<void(const Reply<QList<DelegateSummary>>&)> done) {
  Impl& impl = *m_impl;
  pb::SearchDelegatesRequest request;
  request.set_query(query.toStdString());
  request.set_limit(limit);
  impl.start<pb::SearchDelegatesResponse, QList<DelegateSummary>>(
      context,
      [&impl, &request](grpc::ClientContext* c) {
        return impl.checkIns->PrepareAsyncSearchDelegates(c, request, &impl.queue);
      },
      [](const pb::SearchDelegatesResponse& response) {
        QList<DelegateSummary> out;
        for (const pb::SearchResult& result : response.results()) out.append(toSummary(result.summary()));
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
  } else {
    request.set_code(in.code.toStdString());
  }
  request.set_session_id(0);
  request.set_direction(pb::DIRECTION_IN);
  impl.start<pb::CheckInResponse, CheckInResult>(
      context,
      [&impl, &request](grpc::ClientContext* c) { return impl.checkIns->PrepareAsyncCheckIn(c, request, &impl.queue); },
      toCheckInResult, std::move(done));
}

void GrpcCheckInClient::recordBadgePrint(qint64 delegateId, bool success, const QString& error, const QString& printer,
                                         QObject* context, std::function<void(const Reply<bool>&)> done) {
  Impl& impl = *m_impl;
  pb::RecordBadgePrintRequest request;
  request.set_delegate_id(delegateId);
  request.set_success(success);
  request.set_error(error.toStdString());
  request.set_client_time_us(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  request.set_printer(printer.toStdString());
  impl.start<pb::RecordBadgePrintResponse, bool>(
      context,
      [&impl, &request](grpc::ClientContext* c) {
        return impl.checkIns->PrepareAsyncRecordBadgePrint(c, request, &impl.queue);
      },
      [](const pb::RecordBadgePrintResponse&) { return true; }, std::move(done));
}

}  // namespace lanyard::kiosk
