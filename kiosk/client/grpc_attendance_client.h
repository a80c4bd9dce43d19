#pragma once

// The real AttendanceClient: unary calls through the shared GrpcConnection, and each server
// stream (the attendance feed, an export) read on its own thread with the synchronous API.

#include <chrono>
#include <memory>

#include "attendance_client.h"
#include "connection_options.h"

namespace lanyard::client {

// Create and destroy it on the GUI thread, after every Stream it returned has been destroyed.
// The destructor cancels outstanding unary calls and joins its thread; their callbacks are then
// dropped.
class GrpcAttendanceClient final : public AttendanceClient {
 public:
  explicit GrpcAttendanceClient(const ConnectionOptions& options,
                                std::chrono::milliseconds deadline = std::chrono::seconds(10));
  ~GrpcAttendanceClient() override;

  void getEvent(QObject* context, std::function<void(const Reply<EventInfo>&)> done) override;
  void getSummary(QObject* context, std::function<void(const Reply<AttendanceSummary>&)> done) override;
  std::unique_ptr<Stream> watch(std::optional<qint64> afterSequence, QObject* context,
                                std::function<void(const AttendanceEvent&)> onEvent,
                                std::function<void(const FeedEnd&)> onEnd) override;
  void listConflicts(int limit, QObject* context, std::function<void(const Reply<ConflictList>&)> done) override;
  void markConflictSeen(qint64 id, QObject* context, std::function<void(const Reply<Conflict>&)> done) override;
  std::unique_ptr<Stream> exportFile(const ExportRequest& request, QObject* context,
                                     std::function<void(const ExportChunk&)> onChunk,
                                     std::function<void(const Reply<ExportResult>&)> done) override;

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace lanyard::client
