#pragma once

// A CheckInClient for tests: answers from fields the test sets, asynchronously like the real one
// (or, while `holdReplies` is set, once the test calls releaseReplies()), and records every request.

#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <functional>
#include <utility>

#include "check_in_client.h"

namespace lanyard::kiosk::testing {

class FakeCheckInClient : public client::CheckInClient {
 public:
  FakeCheckInClient() { event.value.deviceMayRunKiosk = true; }  // A kiosk's token.

  client::Reply<client::EventInfo> event;
  client::Reply<QList<client::SessionInfo>> sessions;
  client::Reply<client::Resolution> resolution;
  client::Reply<client::CheckInResult> checkInResult;
  client::Reply<client::SearchResult> searchResults;
  client::Reply<client::StaffPinCheck> staffPinCheck{std::nullopt, client::StaffPinCheck::Accepted};
  client::Reply<client::StaffBadge> staffBadge;

  QList<QString> resolvedCodes;
  QList<QString> searchQueries;
  QList<client::CheckInRequest> checkIns;
  QList<QString> staffPins;
  QList<std::pair<qint64, QString>> badgeRequests;  // Delegate id and staff PIN.
  struct PrintRecord {
    qint64 delegateId;
    bool success;
    QString error;
    QString printer;
  };
  QList<PrintRecord> prints;
  QList<client::PrinterState> heartbeats;
  client::Reply<int> heartbeatReply{std::nullopt, 10};

  void getEvent(QObject* context, std::function<void(const client::Reply<client::EventInfo>&)> done) override {
    later(context, [done, reply = event] { done(reply); });
  }
  void listSessions(QObject* context,
                    std::function<void(const client::Reply<QList<client::SessionInfo>>&)> done) override {
    later(context, [done, reply = sessions] { done(reply); });
  }
  void resolveCode(const QString& code, QObject* context,
                   std::function<void(const client::Reply<client::Resolution>&)> done) override {
    resolvedCodes.append(code);
    later(context, [done, reply = resolution] { done(reply); });
  }
  void searchDelegates(const QString& query, int, QObject* context,
                       std::function<void(const client::Reply<client::SearchResult>&)> done) override {
    searchQueries.append(query);
    later(context, [done, reply = searchResults] { done(reply); });
  }
  void checkIn(const client::CheckInRequest& request, QObject* context,
               std::function<void(const client::Reply<client::CheckInResult>&)> done) override {
    checkIns.append(request);
    later(context, [done, reply = checkInResult] { done(reply); });
  }
  void enterStaffMode(const QString& pin, QObject* context,
                      std::function<void(const client::Reply<client::StaffPinCheck>&)> done) override {
    staffPins.append(pin);
    later(context, [done, reply = staffPinCheck] { done(reply); });
  }
  void getBadge(qint64 delegateId, const QString& pin, QObject* context,
                std::function<void(const client::Reply<client::StaffBadge>&)> done) override {
    badgeRequests.append({delegateId, pin});
    later(context, [done, reply = staffBadge] { done(reply); });
  }
  void heartbeat(const client::PrinterState& printer, QObject* context,
                 std::function<void(const client::Reply<int>&)> done) override {
    heartbeats.append(printer);
    later(context, [done, reply = heartbeatReply] { done(reply); });
  }
  void recordBadgePrint(const client::BadgePrintRecord& record, QObject* context,
                        std::function<void(const client::Reply<bool>&)> done) override {
    prints.append({record.delegateId, record.success, record.error, record.printer});
    later(context, [done] { done(client::Reply<bool>{std::nullopt, true}); });
  }

  static client::ClientError unreachable() {
    return {client::ClientError::Kind::Unreachable, QStringLiteral("server unreachable")};
  }

  bool holdReplies = false;
  // Answers the held calls, and every later one at once.
  void releaseReplies() {
    holdReplies = false;
    for (auto& [context, answer] : std::exchange(m_held, {})) {
      if (context) later(context, std::move(answer));  // A context gone drops its answer.
    }
  }
  // Answers on their way: made, not held, and not delivered yet.
  int pendingReplies() const { return m_pending; }

 private:
  void later(QObject* context, std::function<void()> call) {
    if (holdReplies) {
      m_held.append({QPointer<QObject>(context), std::move(call)});
      return;
    }
    ++m_pending;
    // A context gone before the answer drops it, as the real client does (and it stays pending).
    QTimer::singleShot(0, context, [this, call = std::move(call)] {
      --m_pending;
      call();
    });
  }

  QList<std::pair<QPointer<QObject>, std::function<void()>>> m_held;
  int m_pending = 0;
};

}  // namespace lanyard::kiosk::testing
