#pragma once

// Keeps a kiosk's replica file up to date from the server's replica feed: a first copy page by
// page, then every change, as long-polls. One call at a time, each page stored durably with its
// cursor before the next is asked for, so a kiosk killed mid-copy goes on where it stopped. It runs
// whether or not the kiosk is deciding offline: uploads never hold it up.

#include <QtCore/QObject>
#include <QtCore/QThreadPool>
#include <QtCore/QTimer>
#include <chrono>

#include "grpc_check_in_client.h"
#include "replica_file.h"

namespace lanyard::kiosk::offline {

class ReplicaSync : public QObject {
  Q_OBJECT

 public:
  // `file` must outlive the sync. Create and use on the GUI thread.
  ReplicaSync(client::GrpcCheckInClient& server, ReplicaFile& file, QObject* parent = nullptr);
  ~ReplicaSync() override;

  void start();

  // How long the server may hold a call when nothing has changed; tests shorten it.
  void setWait(std::chrono::seconds wait) { m_wait = wait; }

 signals:
  // A page came: the server is reachable.
  void reached();
  // The replica holds everything the server had when it last answered.
  void caughtUp();
  // A call found no server in time; the sync tries again shortly.
  void unreachable();

 private:
  void fetch();
  void retryLater(const QString& why);

  client::GrpcCheckInClient& m_server;
  ReplicaFile& m_file;
  QThreadPool m_writer;  // One thread: pages are stored in order, off the GUI thread.
  QTimer m_retry;
  std::chrono::seconds m_wait{25};
  bool m_upToDate = false;
  bool m_stopping = false;
};

}  // namespace lanyard::kiosk::offline
