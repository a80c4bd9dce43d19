#include "room_schedule.h"

#include <algorithm>
#include <tuple>

namespace lanyard::kiosk {
namespace {

qint64 opensAtUs(const client::SessionInfo& session, std::chrono::minutes opensBefore) {
  return session.startTimeUs - std::chrono::microseconds(opensBefore).count();
}

}  // namespace

bool sameRoom(const QString& a, const QString& b) { return a.trimmed().compare(b.trimmed(), Qt::CaseInsensitive) == 0; }

QList<client::SessionInfo> sessionsInRoom(const QList<client::SessionInfo>& sessions, const QString& room) {
  QList<client::SessionInfo> inRoom;
  for (const client::SessionInfo& session : sessions) {
    if (sameRoom(session.room, room)) inRoom.append(session);
  }
  return inRoom;
}

QStringList roomsOf(const QList<client::SessionInfo>& sessions) {
  QStringList rooms;
  for (const client::SessionInfo& session : sessions) {
    const bool known =
        std::any_of(rooms.cbegin(), rooms.cend(), [&](const QString& r) { return sameRoom(r, session.room); });
    if (!known) rooms.append(session.room.trimmed());
  }
  rooms.sort(Qt::CaseInsensitive);
  return rooms;
}

RoomSchedule roomSchedule(const QList<client::SessionInfo>& sessions, qint64 nowUs, std::chrono::minutes opensBefore) {
  RoomSchedule schedule;
  const auto soonerChange = [&](qint64 timeUs) {
    if (timeUs > nowUs && (schedule.nextChangeUs == 0 || timeUs < schedule.nextChangeUs)) {
      schedule.nextChangeUs = timeUs;
    }
  };
  for (const client::SessionInfo& session : sessions) {
    const qint64 opensAt = opensAtUs(session, opensBefore);
    soonerChange(opensAt);
    soonerChange(session.endTimeUs);
    if (opensAt <= nowUs && nowUs < session.endTimeUs) {
      // Ties go to the earlier start, then the lower id, so the answer never depends on the order.
      const auto key = [](const client::SessionInfo& s) { return std::tuple(s.endTimeUs, s.startTimeUs, s.id); };
      if (!schedule.current || key(session) < key(*schedule.current)) schedule.current = session;
    } else if (opensAt > nowUs) {
      const auto key = [opensBefore](const client::SessionInfo& s) {
        return std::tuple(opensAtUs(s, opensBefore), s.endTimeUs, s.id);
      };
      if (!schedule.next || key(session) < key(*schedule.next)) schedule.next = session;
    }
  }
  return schedule;
}

}  // namespace lanyard::kiosk
