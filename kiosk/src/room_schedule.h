#pragma once

// Which session a door that follows a room's schedule serves at a given moment, and when that
// answer may change next. Plain functions of the session list and a time, so any clock will do.

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <chrono>
#include <optional>

#include "check_in_client.h"

namespace lanyard::kiosk {

// Whether `a` and `b` name the same room: case and surrounding whitespace do not count.
bool sameRoom(const QString& a, const QString& b);

// The sessions held in `room`, in the order given.
QList<client::SessionInfo> sessionsInRoom(const QList<client::SessionInfo>& sessions, const QString& room);

// Every room `sessions` use, once each (as first spelt), in alphabetical order.
QStringList roomsOf(const QList<client::SessionInfo>& sessions);

// A room's door at one moment.
struct RoomSchedule {
  // The session whose door is open: of several open at once, the one that ends first.
  std::optional<client::SessionInfo> current;
  // The session whose door opens next after the moment (the earliest opening), if any.
  std::optional<client::SessionInfo> next;
  // When a door opens or closes next, UTC microseconds; 0 when none ever will.
  qint64 nextChangeUs = 0;
};

// The door of the room whose sessions are `sessions` (see sessionsInRoom()) at `nowUs` (UTC,
// microseconds since the epoch). A door is open from `opensBefore` before its session's start
// (the event's session grace period, so the server admits whom the door lets try) up to, not
// including, its end, when the room's next session may take the door.
RoomSchedule roomSchedule(const QList<client::SessionInfo>& sessions, qint64 nowUs, std::chrono::minutes opensBefore);

}  // namespace lanyard::kiosk
