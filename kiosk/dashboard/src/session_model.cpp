#include "session_model.h"

#include "replace_rows.h"

namespace lanyard::dashboard {

int SessionModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant SessionModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const SessionAttendance& s = m_rows[index.row()];
  switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
      return s.title;
    case RoomRole:
      return s.room;
    case TimeRole:
      return m_times.value(index.row());
    case CapacityRole:
      return s.capacity;
    case InsideNowRole:
      return s.insideNow;
    case AttendedRole:
      return s.attended;
    case RegisteredRole:
      return s.registered;
    case FillRatioRole:
      return s.fillRatio;
    case SessionIdRole:
      return s.id;
    case PhaseRole:
      return phase(s);
    default:
      return {};
  }
}

QHash<int, QByteArray> SessionModel::roleNames() const {
  return {{TitleRole, "title"},
          {RoomRole, "room"},
          {TimeRole, "time"},
          {CapacityRole, "capacity"},
          {InsideNowRole, "insideNow"},
          {AttendedRole, "attended"},
          {RegisteredRole, "registered"},
          {FillRatioRole, "fillRatio"},
          {SessionIdRole, "sessionId"},
          {PhaseRole, "phase"}};
}

void SessionModel::setSessions(const QList<SessionAttendance>& sessions, const EventClock& clock,
                               const QString& today) {
  QStringList times;
  for (const SessionAttendance& s : sessions) {
    const bool otherDay = !today.isEmpty() && clock.format(s.startTimeUs, QStringLiteral("yyyy-MM-dd")) != today;
    times.append((otherDay ? clock.format(s.startTimeUs, QStringLiteral("ddd ")) : QString()) +
                 clock.span(s.startTimeUs, s.endTimeUs));
  }
  replaceRows(
      *this, m_rows, sessions, [](const SessionAttendance& s) { return s.id; },
      [&] {
        const bool countChanges = m_rows.size() != sessions.size();
        beginResetModel();
        m_rows = sessions;
        m_times = times;
        endResetModel();
        if (countChanges) emit countChanged();
      },
      [&] {
        m_rows = sessions;
        m_times = times;
      });
}

QString SessionModel::phase(const SessionAttendance& s) const {
  if (m_nowUs >= s.endTimeUs) return QStringLiteral("ended");
  return m_nowUs >= s.startTimeUs ? QStringLiteral("now") : QStringLiteral("later");
}

int SessionModel::firstCurrent() const {
  for (qsizetype i = 0; i < m_rows.size(); ++i) {
    if (m_nowUs < m_rows[i].endTimeUs) return static_cast<int>(i);
  }
  return -1;
}

void SessionModel::setNow(qint64 serverNowUs) {
  m_nowUs = serverNowUs;
  if (!m_rows.isEmpty()) emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1), {PhaseRole});
  const int first = firstCurrent();
  if (first != m_firstCurrent) {
    m_firstCurrent = first;
    emit firstCurrentChanged();
  }
}

QString SessionModel::title(qint64 sessionId) const {
  for (const SessionAttendance& s : m_rows) {
    if (s.id == sessionId) return s.title;
  }
  return {};
}

}  // namespace lanyard::dashboard
