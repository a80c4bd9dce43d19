#pragma once

// The real CheckInClient: gRPC's async API on one completion-queue thread, bearer token metadata,
// a deadline on every call.

#include <QtCore/QObject>
#include <chrono>
#include <memory>

#include "check_in_client.h"

namespace lanyard::kiosk {

// Talks to a Lanyard server over an insecure (loopback or trusted-LAN) channel.
//
// Create and destroy it on the GUI thread. The destructor cancels outstanding calls and joins its
// thread; their callbacks are then dropped.
class GrpcCheckInClient final : public QObject, public CheckInClient {
  Q_OBJECT

 public:
  GrpcCheckInClient(const QString& address, const QString& token,
                    std::chrono::milliseconds deadline = std::chrono::seconds(5), QObject* parent = nullptr);
  ~GrpcCheckInClient() override;

  void getEvent(QObject* context, std::function<void(const Reply<EventInfo>&)> done) override;
  void resolveCode(const QString& code, QObject* context, std::function<void(const Reply<Resolution>&)> done) override;
  void searchDelegates(const QString& query, int limit, QObject* context,
                       std::function<void(const Reply<QList<DelegateSummary>>&)> done) override;
  void checkIn(const CheckInRequest& request, QObject* context,
               std::function<void(const Reply<CheckInResult>&)> done) override;
  void recordBadgePrint(qint64 delegateId, bool success, const QString& error, const QString& printer, QObject* context,
                        std::function<void(const Reply<bool>&)> done) override;

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace lanyard::kiosk
