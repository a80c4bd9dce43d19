#pragma once

// The kiosk's client when it keeps a replica: every call goes to the server while it answers, and
// is decided on the replica when it does not. A call that fails as unreachable (no answer within
// the client's short deadline) turns the kiosk offline; a probe every two seconds turns it back
// online, and then the decisions made meanwhile are uploaded, in order, with their original request
// ids and scan times, before the kiosk asks the server about anything new. A check-in that timed
// out may have reached the server: it is decided offline under the same request id, so the server
// counts it once when it comes again.
//
// Offline, a check-in, a code's lookup, a name search and the list of sessions are answered from
// the replica (offline_rules.h); a staff PIN that this kiosk accepted online before opens staff
// mode; a staff reprint and a staff vouching need the server. The person at the kiosk sees a normal
// check-in; staff mode shows the state, the queue and the replica's age.

#include <QtCore/QDateTime>
#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <deque>
#include <memory>

#include "check_in_client.h"
#include "grpc_check_in_client.h"
#include "offline_rules.h"
#include "replica_file.h"
#include "replica_sync.h"

namespace lanyard::kiosk::offline {

class OfflineCheckInClient : public QObject, public client::CheckInClient {
  Q_OBJECT

 public:
  // `server` and `file` must outlive the client. Create and use on the GUI thread.
  OfflineCheckInClient(client::GrpcCheckInClient& server, ReplicaFile& file, QObject* parent = nullptr);
  ~OfflineCheckInClient() override;

  // Starts the replica's sync and the upload of anything queued.
  void start();

  // Deciding on the replica, because the server did not answer.
  bool offline() const { return m_offline; }
  // The replica can decide: a first copy is complete.
  bool replicaReady();
  // Decisions waiting for upload.
  int queueLength();
  // When the replica was last known to be up to date, the kiosk's clock, UTC µs; 0 never.
  qint64 replicaCaughtUpUs();

  ReplicaSync& sync() { return m_sync; }
  // How often an offline kiosk asks whether the server is back; tests shorten it.
  void setProbeInterval(std::chrono::milliseconds interval) { m_probe.setInterval(interval); }

  void getEvent(QObject* context, std::function<void(const client::Reply<client::EventInfo>&)> done) override;
  void listSessions(QObject* context,
                    std::function<void(const client::Reply<QList<client::SessionInfo>>&)> done) override;
  void resolveCode(const QString& code, QObject* context,
                   std::function<void(const client::Reply<client::Resolution>&)> done) override;
  void searchDelegates(const QString& query, int limit, QObject* context,
                       std::function<void(const client::Reply<client::SearchResult>&)> done) override;
  void checkIn(const client::CheckInRequest& request, QObject* context,
               std::function<void(const client::Reply<client::CheckInResult>&)> done) override;
  void enterStaffMode(const QString& pin, QObject* context,
                      std::function<void(const client::Reply<client::StaffPinCheck>&)> done) override;
  void getBadge(qint64 delegateId, const QString& pin, QObject* context,
                std::function<void(const client::Reply<client::StaffBadge>&)> done) override;
  void heartbeat(const client::PrinterState& printer, QObject* context,
                 std::function<void(const client::Reply<int>&)> done) override;
  void recordBadgePrint(const client::BadgePrintRecord& record, QObject* context,
                        std::function<void(const client::Reply<bool>&)> done) override;

 signals:
  // offline(), queueLength() or replicaCaughtUpUs() changed.
  void stateChanged();

 private:
  // Whether to ask the server: online, and nothing queued that it must hear first.
  bool askServer();
  void goOffline(const QString& why);
  void probe();
  void uploadNext();
  // Decides `request` on the replica, queues it, and answers.
  void decideOffline(const client::CheckInRequest& request, QObject* context,
                     const std::function<void(const client::Reply<client::CheckInResult>&)>& done);
  void recordOwnMove(const client::CheckInRequest& request, client::CheckInOutcome outcome);
  // Asks the server while askServer(), else (or when it does not answer) the replica, once ready.
  template <typename T>
  void serverOrReplica(QObject* context, std::function<void(const client::Reply<T>&)> done,
                       const std::function<void(QObject*, std::function<void(const client::Reply<T>&)>)>& askTheServer,
                       const std::function<client::Reply<T>()>& askTheReplica);
  // Answers on the next turn of the event loop, as the server's answers come.
  template <typename T>
  void answer(QObject* context, std::function<void(const client::Reply<T>&)> done, client::Reply<T> reply);

  client::GrpcCheckInClient& m_server;
  ReplicaFile& m_file;
  OfflineRules m_rules;
  ReplicaSync m_sync;
  QTimer m_probe;
  bool m_offline = false;
  bool m_uploading = false;
  ReplicaFreshness m_announced;    // What the log last said of the replica.
  std::deque<qint64> m_wrongPins;  // When staff PINs typed offline were wrong, µs; for the lock-out.
};

}  // namespace lanyard::kiosk::offline
