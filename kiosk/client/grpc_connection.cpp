#include "grpc_connection.h"

namespace lanyard::client {

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
    case grpc::StatusCode::FAILED_PRECONDITION:
      error.kind = ClientError::Kind::OutOfDate;
      error.message = QStringLiteral("out of date: ");
      break;
    default:
      error.kind = ClientError::Kind::Failed;
      error.message = QStringLiteral("server error %1: ").arg(static_cast<int>(status.error_code()));
      break;
  }
  error.message += QString::fromStdString(status.error_message());
  return error;
}

std::shared_ptr<grpc::Channel> makeChannel(const ConnectionOptions& options) {
  grpc::ChannelArguments arguments;
  // Ping an idle connection every 20 s and give up on it after 10 s without an answer, so a
  // stream over a dead network fails and reconnects instead of waiting forever.
  arguments.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 20'000);
  arguments.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10'000);
  arguments.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  // Reconnect promptly after a server restart rather than backing off for minutes.
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 5'000);
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (options.tls) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = options.caCertificatesPem.toStdString();
    credentials = grpc::SslCredentials(ssl);
  } else {
    credentials = grpc::InsecureChannelCredentials();
  }
  return grpc::CreateCustomChannel(options.address.toStdString(), credentials, arguments);
}

GrpcConnection::GrpcConnection(const ConnectionOptions& options, std::chrono::milliseconds deadline)
    : m_authorization("Bearer " + options.token.toStdString()),
      m_deadline(deadline),
      m_channel(makeChannel(options)),
      m_thread([this] { run(); }) {}

GrpcConnection::~GrpcConnection() {
  {
    std::lock_guard lock(m_mutex);
    for (PendingCall* call : m_pending) call->context.TryCancel();
  }
  m_queue.Shutdown();
  m_thread.join();
}

void GrpcConnection::prepare(grpc::ClientContext* context, std::chrono::milliseconds deadline) const {
  context->AddMetadata("authorization", m_authorization);
  if (deadline.count() > 0) context->set_deadline(std::chrono::system_clock::now() + deadline);
}

void GrpcConnection::track(PendingCall* call) {
  std::lock_guard lock(m_mutex);
  m_pending.insert(call);
}

void GrpcConnection::run() {
  void* tag = nullptr;
  bool ok = false;
  while (m_queue.Next(&tag, &ok)) {
    auto* call = static_cast<PendingCall*>(tag);
    {
      std::lock_guard lock(m_mutex);
      m_pending.erase(call);
    }
    call->complete();
    delete call;
  }
}

}  // namespace lanyard::client
