#pragma once

// A CheckInClient for tests: answers from fields the test sets, asynchronously like the real one,
// and records every request.

#include <QtCore/QPointer>
#include <QtCore/QTimer>

#include "check_in_client.h"

namespace lanyard::kiosk::testing {

using namespace ::lanyard::client;

class FakeCheckInClient : public CheckInClient {
 public:
  FakeCheckInClient() { event.value.deviceMayRunKiosk = true; }  // A kiosk's token.

  Reply<EventInfo> event;
  Reply<QList<SessionInfo>> sessions;
  Reply<Resolution> resolution;
  Reply<CheckInResult> checkInResult;
  Reply<SearchResult> searchResults;
  Reply<StaffPinCheck> staffPinCheck{std::nullopt, StaffPinCheck::Accepted};
  Reply<StaffBadge> staffBadge;

  QList<QString> resolvedCodes;
  QList<QString> searchQueries;
  QList<CheckInRequest> checkIns;
  QList<QString> staffPins;
  QList<std::pair<qint64, QString>> badgeRequests;  // Delegate id and staff PIN.
  struct PrintRecord {
    qint64 delegateId;
    bool success;
    QString error;
    QString printer;
  };
  QList<PrintRecord> prints;
  QList<PrinterState> heartbeats;
  Reply<int> heartbeatReply{std::nullopt, 10};

  void getEvent(QObject* context, std::function<void(const Reply<EventInfo>&)> done) override {
    later(context, [done, reply = event] { done(reply); });
  }
  void listSessions(QObject* context, std::function<void(const Reply<QList<SessionInfo>>&)> done) override {
    later(context, [done, reply = sessions] { done(reply); });
  }
  void resolveCode(const QString& code, QObject* context, std::function<void(const Reply<Resolution>&)> done) override {
    resolvedCodes.append(code);
    later(context, [done, reply = resolution] { done(reply); });
  }
  void searchDelegates(const QString& query, int, QObject* context,
                       std::function<void(const Reply<SearchResult>&)> done) override {
    searchQueries.append(query);
    later(context, [done, reply = searchResults] { done(reply); });
  }
  void checkIn(const CheckInRequest& request, QObject* context,
               std::function<void(const Reply<CheckInResult>&)> done) override {
    checkIns.append(request);
    later(context, [done, reply = checkInResult] { done(reply); });
  }
  void enterStaffMode(const QString& pin, QObject* context,
                      std::function<void(const Reply<StaffPinCheck>&)> done) override {
    staffPins.append(pin);
    later(context, [done, reply = staffPinCheck] { done(reply); });
  }
  void getBadge(qint64 delegateId, const QString& pin, QObject* context,
                std::function<void(const Reply<StaffBadge>&)> done) override {
    badgeRequests.append({delegateId, pin});
    later(context, [done, reply = staffBadge] { done(reply); });
  }
  void heartbeat(const PrinterState& printer, QObject* context, std::function<void(const Reply<int>&)> done) override {
    heartbeats.append(printer);
    later(context, [done, reply = heartbeatReply] { done(reply); });
  }
  void recordBadgePrint(qint64 delegateId, bool success, const QString& error, const QString& printer, QObject* context,
                        std::function<void(const Reply<bool>&)> done) override {
    prints.append({delegateId, success, error, printer});
    later(context, [done] { done(Reply<bool>{std::nullopt, true}); });
  }

  static ClientError unreachable() { return {ClientError::Kind::Unreachable, QStringLiteral("server unreachable")}; }

 private:
  template <typename F>
  static void later(QObject* context, F call) {
    QTimer::singleShot(0, context, std::move(call));
  }
};

}  // namespace lanyard::kiosk::testing
