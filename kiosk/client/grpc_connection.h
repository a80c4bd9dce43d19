#pragma once

// What every gRPC client of the kiosk and the dashboard shares: one channel that carries the
// device token, one completion-queue thread, and unary calls whose answers arrive on the Qt
// thread that made the connection. Only the client library's .cpp files include this header.

#include <grpcpp/grpcpp.h>

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QString>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "connection_options.h"
#include "reply.h"

namespace lanyard::client {

// The one place a gRPC status becomes a ClientError.
ClientError toError(const grpc::Status& status);

// A channel with keepalive pings, so a dropped network is noticed while a stream is idle.
std::shared_ptr<grpc::Channel> makeChannel(const ConnectionOptions& options);

class GrpcConnection {
 public:
  // Create and destroy on the thread that should receive answers (the GUI thread).
  GrpcConnection(const ConnectionOptions& options, std::chrono::milliseconds deadline);
  // Cancels calls in flight and joins the queue's thread; their answers are dropped.
  ~GrpcConnection();
  GrpcConnection(const GrpcConnection&) = delete;
  GrpcConnection& operator=(const GrpcConnection&) = delete;

  const std::shared_ptr<grpc::Channel>& channel() const { return m_channel; }
  // Adds the bearer token; and a deadline unless `deadline` is zero (for long-lived streams).
  void prepare(grpc::ClientContext* context, std::chrono::milliseconds deadline) const;
  std::chrono::milliseconds deadline() const { return m_deadline; }
  // For calls started from now on; on the connection's thread.
  void setDeadline(std::chrono::milliseconds deadline) { m_deadline = deadline; }

  // Starts one unary call. `start` begins it for a context and queue; `convert` turns the
  // response into the value (on the queue's thread); `done` runs once on the connection's thread,
  // unless `receiver` has been destroyed by then. `deadline` zero means the connection's.
  template <typename Response, typename Value>
  void unary(QObject* receiver,
             std::function<std::unique_ptr<grpc::ClientAsyncResponseReader<Response>>(grpc::ClientContext*,
                                                                                      grpc::CompletionQueue*)>
                 start,
             std::function<Value(const Response&)> convert, std::function<void(const Reply<Value>&)> done,
             std::chrono::milliseconds deadline = std::chrono::milliseconds::zero()) {
    auto* call = new Call<Response>;
    prepare(&call->context, deadline.count() > 0 ? deadline : m_deadline);
    call->onComplete = [this, guard = QPointer<QObject>(receiver), convert = std::move(convert),
                        done = std::move(done)](const grpc::Status& status, const Response& response) {
      Reply<Value> reply;
      if (status.ok()) {
        reply.value = convert(response);
      } else {
        reply.error = toError(status);
      }
      QMetaObject::invokeMethod(
          &m_mailbox,
          [guard, done, reply] {
            if (guard) done(reply);
          },
          Qt::QueuedConnection);
    };
    track(call);
    call->reader = start(&call->context, &m_queue);
    call->reader->StartCall();
    call->reader->Finish(&call->response, &call->status, call);
  }

 private:
  // One call in flight; owned by the completion queue's tag until it completes.
  struct PendingCall {
    virtual ~PendingCall() = default;
    virtual void complete() = 0;  // On the queue's thread.
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

  void track(PendingCall* call);
  void run();

  std::string m_authorization;
  std::chrono::milliseconds m_deadline;
  std::shared_ptr<grpc::Channel> m_channel;
  QObject m_mailbox;  // Lives on the creating thread; answers are posted to it.
  grpc::CompletionQueue m_queue;
  std::mutex m_mutex;
  std::set<PendingCall*> m_pending;  // Guarded by m_mutex; for cancelling at shutdown.
  std::thread m_thread;
};

}  // namespace lanyard::client
