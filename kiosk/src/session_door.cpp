#include "session_door.h"

#include <algorithm>
#include <chrono>

#include "presentation.h"
#include "room_schedule.h"

namespace lanyard::kiosk {

SessionDoor::SessionDoor(client::CheckInClient& client, Clock& clock, QObject* parent)
    : QObject(parent), m_client(client), m_clock(&clock) {
  connect(m_clock, &Clock::alarm, this, &SessionDoor::followSchedule);
  m_refreshTimer.setSingleShot(true);
  m_refreshTimer.setInterval(60000);
  connect(&m_refreshTimer, &QTimer::timeout, this, &SessionDoor::load);
  // Time enough to find the code on a phone.
  m_leavingTimer.setSingleShot(true);
  m_leavingTimer.setInterval(20000);
  connect(&m_leavingTimer, &QTimer::timeout, this, [this] { setLeaving(false); });
}

void SessionDoor::setSession(qint64 sessionId) {
  Q_ASSERT(!roomMode());
  m_sessionId = sessionId;
}

void SessionDoor::setRoom(const QString& room) {
  Q_ASSERT(m_sessionId == 0);
  m_room = room.trimmed();
}

void SessionDoor::setClock(Clock& clock) {
  m_clock->disconnect(this);
  m_clock = &clock;
  connect(m_clock, &Clock::alarm, this, &SessionDoor::followSchedule);
}

void SessionDoor::setEvent(const client::EventInfo& event) {
  if (event.sessionGraceMinutes == m_graceMinutes && event.timeZone == m_timeZone) return;
  m_graceMinutes = event.sessionGraceMinutes;
  m_timeZone = event.timeZone;
  emit sessionChanged();
}

void SessionDoor::setLanguage(const QString& language) {
  if (language == m_language) return;
  m_language = language;
  // The next session's time is written in the language.
  if (roomMode()) emit sessionChanged();
}

void SessionDoor::load() {
  m_client.listSessions(this, [this](const client::Reply<QList<client::SessionInfo>>& reply) {
    if (!reply.ok()) return emit loaded(false, reply.error->message);
    if (roomMode()) return followRoom(reply.value);
    followSession(reply.value);
  });
}

// A session's door: open while its session is (as a room's door would be).
void SessionDoor::followSession(const QList<client::SessionInfo>& sessions) {
  const auto found = std::find_if(sessions.begin(), sessions.end(),
                                  [this](const client::SessionInfo& session) { return session.id == m_sessionId; });
  const bool knewSession = knowsSessions();
  m_doorSessions = found == sessions.end() ? QList<client::SessionInfo>{} : QList<client::SessionInfo>{*found};
  if (knewSession != knowsSessions()) emit sessionChanged();
  followSchedule();
  if (!knowsSessions()) {
    setSetupProblem(QStringLiteral("unknown_session"));
    return emit loaded(false, QStringLiteral("the server has no session %1, so this door cannot check anyone in; "
                                             "`lanyard sessions` lists the event's sessions (start the kiosk with "
                                             "one of their ids)")
                                  .arg(m_sessionId));
  }
  setSetupProblem(QString());
  m_refreshTimer.start();
  emit loaded(true, QString());
}

// A room's door: serves the room's sessions among `sessions`; or, when none is in the room,
// reports the room unknown, naming the rooms there are.
void SessionDoor::followRoom(const QList<client::SessionInfo>& sessions) {
  const bool knewSessions = knowsSessions();
  m_doorSessions = sessionsInRoom(sessions, m_room);
  // closed() follows whether the room's sessions are known, even when no session is served.
  if (knewSessions != knowsSessions()) emit sessionChanged();
  followSchedule();
  if (!knowsSessions()) {
    setSetupProblem(QStringLiteral("unknown_room"));
    // Quoted, since a room's name may have a comma in it ("Gothic Hall, Old Town Hall").
    const QStringList rooms = roomsOf(sessions);
    const QString known = rooms.isEmpty()
                              ? QStringLiteral("the event has no sessions yet")
                              : QStringLiteral("the event's rooms: \"%1\"").arg(rooms.join(QStringLiteral("\", \"")));
    return emit loaded(false, QStringLiteral("no session of the event is in room \"%1\", so this door cannot check "
                                             "anyone in; %2 (start the kiosk with one of them)")
                                  .arg(m_room, known));
  }
  setSetupProblem(QString());
  m_refreshTimer.start();
  emit loaded(true, QString());
}

// Serves the door's session open now, and looks again when it next opens or closes.
void SessionDoor::followSchedule() {
  const RoomSchedule schedule = roomSchedule(m_doorSessions, m_clock->nowUs(), std::chrono::minutes(m_graceMinutes));
  if (schedule.nextChangeUs > 0) {
    m_clock->setAlarm(schedule.nextChangeUs);
  } else {
    m_clock->clearAlarm();
  }
  const client::SessionInfo current = schedule.current.value_or(client::SessionInfo{});
  const client::SessionInfo next = schedule.next.value_or(client::SessionInfo{});
  if (current == m_session && next == m_nextSession) return;
  m_session = current;
  m_nextSession = next;
  emit sessionChanged();
}

QString SessionDoor::room() const {
  return m_doorSessions.isEmpty() ? m_room : m_doorSessions.constFirst().room.trimmed();
}

QString SessionDoor::nextSessionTime() const {
  if (m_nextSession.id == 0) return {};
  return eventLocalTimeOfDay(m_nextSession.startTimeUs, m_clock->nowUs(), m_timeZone, m_language);
}

void SessionDoor::setSetupProblem(const QString& problem) {
  if (problem == m_setupProblem) return;
  m_setupProblem = problem;
  emit setupProblemChanged();
}

void SessionDoor::setLeaving(bool leaving) {
  if (!leaving) {
    m_leavingTimer.stop();
    if (!m_leaving) return;
    m_leaving = false;
    return emit leavingChanged();
  }
  if (!enabled() || closed() || m_leaving) return;
  m_leaving = true;
  emit leavingChanged();
  // A door left in "leaving" would check the next person out instead of in.
  m_leavingTimer.start();
}

}  // namespace lanyard::kiosk
