#include "offline_check_in_client.h"

#include <QtCore/QDebug>
#include <QtCore/QPointer>
#include <QtCore/QRandomGenerator>

#include "domain/staff_pin.h"
#include "stored_calls.h"

namespace lanyard::kiosk::offline {
namespace {

using client::CheckInOutcome;
using client::ClientError;
using client::Reply;

// As the server's StaffPinGuard: a kiosk that has had this many wrong PINs within the window is
// refused for a while, right PIN or not.
constexpr int kMaxWrongPins = 5;
constexpr qint64 kPinLockoutWindowUs = 15LL * 60 * 1'000'000;

// Once the replica can stand in, a server that has not answered in this long is taken as gone.
constexpr std::chrono::seconds kDeadlineWithReplica(2);

qint64 nowUs() { return QDateTime::currentMSecsSinceEpoch() * 1000; }

bool unreachable(const ClientError& error) { return error.kind == ClientError::Kind::Unreachable; }

template <typename T>
Reply<T> errorReply(ClientError::Kind kind, const QString& message) {
  Reply<T> reply;
  reply.error = ClientError{kind, message};
  return reply;
}

// What this kiosk keeps of a staff PIN it saw accepted: "salt:hash", both hex.
QByteArray pinRecord(const QString& pin, const QByteArray& salt) {
  const auto hash = server::domain::hashStaffPin(pin.toStdString(), salt.toStdString());
  if (!hash.ok()) return {};
  return salt.toHex() + ':' + QByteArray::fromStdString(*hash).toHex();
}

}  // namespace

OfflineCheckInClient::OfflineCheckInClient(client::GrpcCheckInClient& server, ReplicaFile& file, QObject* parent)
    : QObject(parent), m_server(server), m_file(file), m_rules(file), m_sync(server, file) {
  m_probe.setInterval(std::chrono::seconds(2));
  connect(&m_probe, &QTimer::timeout, this, &OfflineCheckInClient::probe);
  connect(&m_sync, &ReplicaSync::unreachable, this,
          [this] { goOffline(QStringLiteral("the replica feed found no server")); });
  connect(&m_sync, &ReplicaSync::reached, this, [this] {
    if (m_offline) probe();
  });
  connect(&m_sync, &ReplicaSync::caughtUp, this, [this] {
    const ReplicaFreshness freshness = m_file.freshness();
    if (freshness.delegates != m_announced.delegates || freshness.sealedDelegates != m_announced.sealedDelegates) {
      m_announced = freshness;
      qInfo("the replica is up to date: %lld delegates, %lld of them with a sealed badge",
            static_cast<long long>(freshness.delegates), static_cast<long long>(freshness.sealedDelegates));
    }
    m_server.setDeadline(kDeadlineWithReplica);
    emit stateChanged();
  });
  if (m_rules.ready()) m_server.setDeadline(kDeadlineWithReplica);
}

OfflineCheckInClient::~OfflineCheckInClient() = default;

void OfflineCheckInClient::start() {
  m_sync.start();
  uploadNext();
}

bool OfflineCheckInClient::replicaReady() { return m_rules.ready(); }
int OfflineCheckInClient::queueLength() { return m_file.queueLength(); }
qint64 OfflineCheckInClient::replicaCaughtUpUs() { return m_file.freshness().caughtUpUs; }

bool OfflineCheckInClient::askServer() { return !m_offline && !m_uploading && m_file.queueLength() == 0; }

void OfflineCheckInClient::goOffline(const QString& why) {
  if (m_offline) return;
  qWarning().noquote() << "deciding on the replica:" << why;
  m_offline = true;
  m_uploading = false;
  m_probe.start();
  emit stateChanged();
}

void OfflineCheckInClient::probe() {
  m_server.getEvent(this, [this](const Reply<client::EventInfo>& reply) {
    if (!reply.ok() || !m_offline) return;
    if (auto error = m_file.storeEventInfo(eventInfoToJson(reply.value))) qWarning().noquote() << *error;
    qInfo("the server answers again: uploading %d queued decisions", m_file.queueLength());
    m_offline = false;
    m_probe.stop();
    emit stateChanged();
    uploadNext();
  });
}

template <typename T>
void OfflineCheckInClient::answer(QObject* context, std::function<void(const Reply<T>&)> done, Reply<T> reply) {
  QMetaObject::invokeMethod(
      context, [done = std::move(done), reply = std::move(reply)] { done(reply); }, Qt::QueuedConnection);
}

void OfflineCheckInClient::uploadNext() {
  if (m_offline) return;
  const std::optional<QueuedCall> next = m_file.nextToUpload();
  if (!next) {
    if (m_uploading) {
      m_uploading = false;
      qInfo("every queued decision is uploaded");
      emit stateChanged();
    }
    return;
  }
  m_uploading = true;
  const qint64 seq = next->seq;
  auto settled = [this, seq](const std::optional<ClientError>& error, const QString& result) {
    if (error && (unreachable(*error) || error->kind == ClientError::Kind::NotAuthorised)) {
      // Kept for later: the server will hear it once it answers (or once the token is fixed).
      m_uploading = false;
      return goOffline(error->message);
    }
    const QString words = error ? QStringLiteral("refused: %1").arg(error->message) : result;
    if (error) qWarning().noquote() << "queued decision" << seq << words;
    if (auto failed = m_file.markUploaded(seq, words, nowUs(), !error)) {
      qWarning().noquote() << "the queue cannot be updated:" << *failed;
      m_uploading = false;
      return;
    }
    emit stateChanged();
    uploadNext();
  };
  if (next->kind == QueuedCall::Kind::CheckIn) {
    const auto request = checkInFromJson(next->body);
    if (!request) return settled(ClientError{ClientError::Kind::Failed, QStringLiteral("unreadable entry")}, {});
    m_server.checkIn(*request, this, [settled](const Reply<client::CheckInResult>& reply) {
      settled(reply.error, QStringLiteral("outcome %1").arg(static_cast<int>(reply.value.outcome)));
    });
  } else {
    const auto record = badgePrintFromJson(next->body);
    if (!record) return settled(ClientError{ClientError::Kind::Failed, QStringLiteral("unreadable entry")}, {});
    m_server.recordBadgePrint(
        *record, this, [settled](const Reply<bool>& reply) { settled(reply.error, QStringLiteral("recorded")); });
  }
}

void OfflineCheckInClient::getEvent(QObject* context, std::function<void(const Reply<client::EventInfo>&)> done) {
  auto stored = [this]() -> std::optional<client::EventInfo> { return eventInfoFromJson(m_file.eventInfo()); };
  if (m_offline) {
    if (auto event = stored()) return answer(context, std::move(done), Reply<client::EventInfo>{std::nullopt, *event});
  }
  m_server.getEvent(context, [this, done, stored](const Reply<client::EventInfo>& reply) {
    if (reply.ok()) {
      if (auto error = m_file.storeEventInfo(eventInfoToJson(reply.value))) qWarning().noquote() << *error;
      return done(reply);
    }
    if (unreachable(*reply.error)) {
      if (auto event = stored(); event && m_rules.ready()) {
        goOffline(reply.error->message);
        return done(Reply<client::EventInfo>{std::nullopt, *event});
      }
    }
    done(reply);
  });
}

template <typename T>
void OfflineCheckInClient::serverOrReplica(
    QObject* context, std::function<void(const Reply<T>&)> done,
    const std::function<void(QObject*, std::function<void(const Reply<T>&)>)>& askTheServer,
    const std::function<Reply<T>()>& askTheReplica) {
  if (!askServer() && m_rules.ready()) return answer(context, std::move(done), askTheReplica());
  askTheServer(context, [this, done, askTheReplica](const Reply<T>& reply) {
    if (!reply.ok() && unreachable(*reply.error) && m_rules.ready()) {
      goOffline(reply.error->message);
      return done(askTheReplica());
    }
    done(reply);
  });
}

void OfflineCheckInClient::listSessions(QObject* context,
                                        std::function<void(const Reply<QList<client::SessionInfo>>&)> done) {
  serverOrReplica<QList<client::SessionInfo>>(
      context, std::move(done), [this](QObject* c, auto answered) { m_server.listSessions(c, std::move(answered)); },
      [this] { return m_rules.listSessions(); });
}

void OfflineCheckInClient::resolveCode(const QString& code, QObject* context,
                                       std::function<void(const Reply<client::Resolution>&)> done) {
  serverOrReplica<client::Resolution>(
      context, std::move(done),
      [this, code](QObject* c, auto answered) { m_server.resolveCode(code, c, std::move(answered)); },
      [this, code] { return m_rules.resolveCode(code); });
}

void OfflineCheckInClient::searchDelegates(const QString& query, int limit, QObject* context,
                                           std::function<void(const Reply<client::SearchResult>&)> done) {
  serverOrReplica<client::SearchResult>(
      context, std::move(done),
      [this, query, limit](QObject* c, auto answered) {
        m_server.searchDelegates(query, limit, c, std::move(answered));
      },
      [this, query, limit] { return m_rules.searchDelegates(query, limit); });
}

void OfflineCheckInClient::checkIn(const client::CheckInRequest& request, QObject* context,
                                   std::function<void(const Reply<client::CheckInResult>&)> done) {
  if (!askServer() && m_rules.ready()) return decideOffline(request, context, done);
  const QPointer<QObject> guard(context);
  m_server.checkIn(request, this, [this, request, guard, done](const Reply<client::CheckInResult>& reply) {
    if (!guard) return;
    if (reply.ok()) {
      if (auto error = m_rules.recordOwnMove(request, reply.value, request.scanTimeUs)) {
        qWarning().noquote() << "this kiosk's own check-ins:" << *error;
      }
      return done(reply);
    }
    if (unreachable(*reply.error) && request.staffPin.isEmpty() && m_rules.ready()) {
      // It may have reached the server: decided again under the same request id, it counts once.
      goOffline(reply.error->message);
      return decideOffline(request, guard, done);
    }
    done(reply);
  });
}

void OfflineCheckInClient::decideOffline(const client::CheckInRequest& request, QObject* context,
                                         const std::function<void(const Reply<client::CheckInResult>&)>& done) {
  const qint64 now = nowUs();
  client::CheckInRequest queued = request;
  if (queued.scanTimeUs == 0) queued.scanTimeUs = now;
  Reply<client::CheckInResult> reply = m_rules.checkIn(queued, now);
  if (reply.ok() && reply.value.outcome != CheckInOutcome::Other) {
    queued.offlineOutcome = reply.value.outcome;
    const auto stored = m_file.enqueue(QueuedCall::Kind::CheckIn, checkInToJson(queued), now);
    if (const auto* error = std::get_if<QString>(&stored)) {
      // A decision the server would never hear of must not stand: the person goes to the help desk.
      qWarning().noquote() << "cannot queue an offline decision:" << *error;
      reply = errorReply<client::CheckInResult>(ClientError::Kind::Failed, *error);
    } else if (auto moveError = m_rules.recordOwnMove(queued, reply.value, queued.scanTimeUs)) {
      qWarning().noquote() << "this kiosk's own check-ins:" << *moveError;
    }
    emit stateChanged();
  }
  answer(context, done, std::move(reply));
}

void OfflineCheckInClient::enterStaffMode(const QString& pin, QObject* context,
                                          std::function<void(const Reply<client::StaffPinCheck>&)> done) {
  auto offlineCheck = [this, pin]() -> Reply<client::StaffPinCheck> {
    const QList<QByteArray> record = m_file.staffPinHash().split(':');
    if (record.size() != 2) {
      return errorReply<client::StaffPinCheck>(ClientError::Kind::Unreachable,
                                               QStringLiteral("no staff PIN known offline"));
    }
    const qint64 now = nowUs();
    while (!m_wrongPins.empty() && m_wrongPins.front() < now - kPinLockoutWindowUs) m_wrongPins.pop_front();
    if (m_wrongPins.size() >= kMaxWrongPins) return {std::nullopt, client::StaffPinCheck::LockedOut};
    if (pinRecord(pin, QByteArray::fromHex(record[0])) == m_file.staffPinHash()) {
      return {std::nullopt, client::StaffPinCheck::Accepted};
    }
    m_wrongPins.push_back(now);
    return {std::nullopt, client::StaffPinCheck::Wrong};
  };
  if (m_offline) return answer(context, std::move(done), offlineCheck());
  m_server.enterStaffMode(pin, context, [this, pin, done, offlineCheck](const Reply<client::StaffPinCheck>& reply) {
    if (reply.ok() && reply.value == client::StaffPinCheck::Accepted) {
      QByteArray salt(16, '\0');
      QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(salt.data()), salt.size() / 4);
      if (auto error = m_file.storeStaffPinHash(pinRecord(pin, salt))) qWarning().noquote() << *error;
    }
    if (!reply.ok() && unreachable(*reply.error)) {
      goOffline(reply.error->message);
      return done(offlineCheck());
    }
    done(reply);
  });
}

void OfflineCheckInClient::getBadge(qint64 delegateId, const QString& pin, QObject* context,
                                    std::function<void(const Reply<client::StaffBadge>&)> done) {
  m_server.getBadge(delegateId, pin, context, [this, done](const Reply<client::StaffBadge>& reply) {
    if (!reply.ok() && unreachable(*reply.error)) goOffline(reply.error->message);
    done(reply);
  });
}

void OfflineCheckInClient::heartbeat(const client::PrinterState& printer, QObject* context,
                                     std::function<void(const Reply<int>&)> done) {
  m_server.heartbeat(printer, context, [this, done](const Reply<int>& reply) {
    if (!reply.ok() && unreachable(*reply.error)) goOffline(reply.error->message);
    done(reply);
  });
}

void OfflineCheckInClient::recordBadgePrint(const client::BadgePrintRecord& record, QObject* context,
                                            std::function<void(const Reply<bool>&)> done) {
  auto queue = [this, record]() -> Reply<bool> {
    const auto stored = m_file.enqueue(QueuedCall::Kind::BadgePrint, badgePrintToJson(record), nowUs());
    emit stateChanged();
    if (const auto* error = std::get_if<QString>(&stored)) {
      return errorReply<bool>(ClientError::Kind::Failed, QStringLiteral("cannot queue the print: %1").arg(*error));
    }
    return {std::nullopt, true};
  };
  if (!askServer()) return answer(context, std::move(done), queue());
  m_server.recordBadgePrint(record, context, [this, done, queue](const Reply<bool>& reply) {
    if (!reply.ok() && unreachable(*reply.error)) {
      goOffline(reply.error->message);
      return done(queue());
    }
    done(reply);
  });
}

}  // namespace lanyard::kiosk::offline
