#include "replica_sync.h"

#include <QtConcurrent/QtConcurrent>
#include <QtCore/QDateTime>
#include <QtCore/QDebug>
#include <memory>

namespace lanyard::kiosk::offline {
namespace {

constexpr int kPageSize = 1000;

}  // namespace

ReplicaSync::ReplicaSync(client::GrpcCheckInClient& server, ReplicaFile& file, QObject* parent)
    : QObject(parent), m_server(server), m_file(file) {
  m_writer.setMaxThreadCount(1);
  m_retry.setSingleShot(true);
  connect(&m_retry, &QTimer::timeout, this, &ReplicaSync::fetch);
}

ReplicaSync::~ReplicaSync() {
  m_stopping = true;
  m_writer.waitForDone();
}

void ReplicaSync::start() { fetch(); }

void ReplicaSync::fetch() {
  const QByteArray cursor = m_file.cursor();
  const std::chrono::seconds wait = m_upToDate ? m_wait : std::chrono::seconds(0);
  m_server.getReplicaChanges(cursor, kPageSize, wait, this, [this](const client::Reply<QByteArray>& reply) {
    if (!reply.ok()) {
      if (reply.error->kind == client::ClientError::Kind::OutOfDate) {
        // The server's event file is not the one this replica copied: start again from empty.
        qWarning().noquote() << "replica: starting a new copy:" << reply.error->message;
        if (auto error = m_file.clearReplica()) return retryLater(*error);
        m_upToDate = false;
        return fetch();
      }
      if (reply.error->kind == client::ClientError::Kind::Unreachable) emit unreachable();
      return retryLater(reply.error->message);
    }
    emit reached();
    auto page = std::make_shared<lanyard::v1::GetReplicaChangesResponse>();
    if (!page->ParseFromArray(reply.value.constData(), static_cast<int>(reply.value.size()))) {
      return retryLater(QStringLiteral("a replica page that does not parse"));
    }
    const qint64 nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    QtConcurrent::run(&m_writer, [this, page, nowUs] {
      return m_file.applyPage(*page, nowUs);
    }).then(this, [this, page](const std::optional<QString>& error) {
      if (m_stopping) return;
      if (error) return retryLater(*error);
      m_upToDate = page->caught_up();
      if (m_upToDate) emit caughtUp();
      fetch();
    });
  });
}

void ReplicaSync::retryLater(const QString& why) {
  qWarning().noquote() << "replica sync:" << why;
  m_upToDate = false;
  m_retry.start(std::chrono::seconds(2));
}

}  // namespace lanyard::kiosk::offline
