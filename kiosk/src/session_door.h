#pragma once

// A kiosk at a session's door: which session it checks people into now, following one session or
// a room's sessions through the day (see room_schedule.h), and whether the next scan leaves.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QTimer>

#include "check_in_client.h"
#include "clock.h"

namespace lanyard::kiosk {

// The door of a KioskController that stands at one session's door (setSession) or a room's
// (setRoom); a kiosk at the venue entrance has a door that is not enabled. It asks the server for
// the event's sessions, serves the one open on the clock, looks again when that changes and asks
// the server again every so often, so that a session moved during the day is followed.
//
// GUI thread only. The client and the clock must outlive the door.
class SessionDoor : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("A KioskController's door")

  Q_PROPERTY(bool enabled READ enabled CONSTANT)
  Q_PROPERTY(bool roomMode READ roomMode CONSTANT)
  Q_PROPERTY(QString room READ room NOTIFY sessionChanged)
  Q_PROPERTY(bool closed READ closed NOTIFY sessionChanged)
  Q_PROPERTY(bool leaving READ leaving NOTIFY leavingChanged)
  Q_PROPERTY(int opensMinutesBefore READ opensMinutesBefore NOTIFY sessionChanged)
  Q_PROPERTY(double sessionId READ sessionIdNumber NOTIFY sessionChanged)
  Q_PROPERTY(QString sessionTitle READ sessionTitle NOTIFY sessionChanged)
  Q_PROPERTY(QString sessionRoom READ sessionRoom NOTIFY sessionChanged)
  Q_PROPERTY(QString nextSessionTitle READ nextSessionTitle NOTIFY sessionChanged)
  Q_PROPERTY(QString nextSessionTime READ nextSessionTime NOTIFY sessionChanged)

 public:
  SessionDoor(client::CheckInClient& client, Clock& clock, QObject* parent = nullptr);

  // One session's door: its scans check people into `sessionId`. Call before load().
  void setSession(qint64 sessionId);
  // The door of whichever session is held in `room` now. Call before load(); not with setSession().
  void setRoom(const QString& room);
  // Where the schedule takes the time from; `clock` must outlive the door.
  void setClock(Clock& clock);
  // How long "I am leaving" waits for the scan before the door checks people in again.
  void setLeavingTimeoutMs(int ms) { m_leavingTimer.setInterval(ms); }
  // How long the door waits before asking the server for its sessions again.
  void setRefreshMs(int ms) { m_refreshTimer.setInterval(ms); }
  // The event's session grace period and time zone, as the kiosk loaded them.
  void setEvent(const client::EventInfo& event);
  // The kiosk's language, which nextSessionTime() is written in.
  void setLanguage(const QString& language);

  // Asks the server for the event's sessions; loaded() reports the result. While the door knows
  // its sessions, it asks again after the refresh interval.
  void load();

  bool enabled() const { return m_sessionId != 0 || roomMode(); }
  bool roomMode() const { return !m_room.isEmpty(); }
  // Whether the door has heard of its sessions: until then it cannot tell which one a scan is for.
  bool knowsSessions() const { return !m_doorSessions.isEmpty(); }
  // The room a room's door follows, as its sessions spell it once known, else as set.
  QString room() const;
  // Whether the door is closed: a room's door between its sessions, a session's door before the
  // session opens or after it ends, so that a scan is answered without asking the server. False
  // when not enabled, and while the door's sessions are not known.
  bool closed() const { return knowsSessions() && m_session.id == 0; }
  // Whether the next scan checks its delegate out ("I am leaving"), which frees their seat in a
  // session with a capacity.
  bool leaving() const { return m_leaving; }
  // The event's session grace period: a door opens this long before its session starts.
  int opensMinutesBefore() const { return m_graceMinutes; }
  // The session this door serves: the one set, or the room's open one (0 while closed).
  qint64 sessionId() const { return roomMode() ? m_session.id : m_sessionId; }
  // sessionId() for QML, whose numbers are doubles (exact below 2^53): Qt 6.4's QML tools know no
  // 64-bit integer type.
  double sessionIdNumber() const { return static_cast<double>(sessionId()); }
  QString sessionTitle() const { return m_session.title; }
  QString sessionRoom() const { return m_session.room; }
  // While the door is closed: the session it opens for next, and when that starts (its time of
  // day in the event's time zone, with the date when not today), in the kiosk's language; empty
  // when no session of the door is still to come.
  QString nextSessionTitle() const { return m_nextSession.title; }
  QString nextSessionTime() const;
  // "unknown_session" (a door for a session the event does not have) or "unknown_room" (a door
  // for a room no session of the event uses) as of the last load(); "" when there is no such
  // problem.
  QString setupProblem() const { return m_setupProblem; }

  // "I am leaving" (true): the next scan checks its delegate out; lasts for one scan, or until the
  // leaving timeout. Ignored when not enabled and while the door is closed. False: entering again.
  void setLeaving(bool leaving);

 signals:
  // The session served, or the next one, changed (or the language or time zone its time is in).
  void sessionChanged();
  void leavingChanged();
  void setupProblemChanged();
  // After load(): whether the door knows its sessions, and what went wrong when it does not (the
  // server could not be asked, or has no such session or room).
  void loaded(bool ok, const QString& message);

 private:
  void followSession(const QList<client::SessionInfo>& sessions);
  void followRoom(const QList<client::SessionInfo>& sessions);
  void followSchedule();
  void setSetupProblem(const QString& problem);

  client::CheckInClient& m_client;
  Clock* m_clock;
  qint64 m_sessionId = 0;  // Set by setSession().
  QString m_room;          // Set by setRoom().
  int m_graceMinutes = client::EventInfo{}.sessionGraceMinutes;
  QString m_timeZone;
  QString m_language = QStringLiteral("en");
  // The sessions the door follows (its room's, or its one session), as last heard; empty until
  // then, or while the room or session is unknown.
  QList<client::SessionInfo> m_doorSessions;
  client::SessionInfo m_session;      // The one served; id 0 while the door is closed.
  client::SessionInfo m_nextSession;  // The door's next one; id 0 when none.
  QString m_setupProblem;
  bool m_leaving = false;
  QTimer m_refreshTimer;
  QTimer m_leavingTimer;
};

}  // namespace lanyard::kiosk
