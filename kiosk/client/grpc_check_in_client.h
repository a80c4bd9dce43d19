#pragma once

// The real CheckInClient: gRPC's async API through the shared GrpcConnection, a deadline on every
// call; and the replica feed an offline-capable kiosk follows.

#include <chrono>
#include <memory>

#include "check_in_client.h"
#include "connection_options.h"

namespace lanyard::client {

// Create and destroy it on the GUI thread. The destructor cancels outstanding calls and joins its
// thread; their callbacks are then dropped.
class GrpcCheckInClient final : public CheckInClient {
 public:
  explicit GrpcCheckInClient(const ConnectionOptions& options,
                             std::chrono::milliseconds deadline = std::chrono::seconds(5));
  ~GrpcCheckInClient() override;

  // The deadline of calls started from now on.
  void setDeadline(std::chrono::milliseconds deadline);

  void getEvent(QObject* context, std::function<void(const Reply<EventInfo>&)> done) override;
  void listSessions(QObject* context, std::function<void(const Reply<QList<SessionInfo>>&)> done) override;
  void resolveCode(const QString& code, QObject* context, std::function<void(const Reply<Resolution>&)> done) override;
  void searchDelegates(const QString& query, int limit, QObject* context,
                       std::function<void(const Reply<SearchResult>&)> done) override;
  void checkIn(const CheckInRequest& request, QObject* context,
               std::function<void(const Reply<CheckInResult>&)> done) override;
  void enterStaffMode(const QString& pin, QObject* context,
                      std::function<void(const Reply<StaffPinCheck>&)> done) override;
  void getBadge(qint64 delegateId, const QString& pin, QObject* context,
                std::function<void(const Reply<StaffBadge>&)> done) override;
  void heartbeat(const PrinterState& printer, QObject* context, std::function<void(const Reply<int>&)> done) override;
  void recordBadgePrint(const BadgePrintRecord& record, QObject* context,
                        std::function<void(const Reply<bool>&)> done) override;
  // ReplicaService.GetReplicaChanges, held up to `wait` by the server: the response serialised
  // (lanyard.v1.GetReplicaChangesResponse), for a kiosk's replica to store as it comes.
  void getReplicaChanges(const QByteArray& cursor, int pageSize, std::chrono::seconds wait, QObject* context,
                         std::function<void(const Reply<QByteArray>&)> done);

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace lanyard::client
