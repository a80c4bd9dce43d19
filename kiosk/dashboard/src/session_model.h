#pragma once

// The sessions panel's model: every session's occupancy. GUI thread only.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>

#include "attendance_client.h"
#include "event_clock.h"

namespace lanyard::dashboard {

using client::SessionAttendance;

// Every session with its occupancy against its capacity, in the summary's order.
class SessionModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("filled by DashboardController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
  // The first session that has not ended, or -1 if all have: where a wall screen's list starts.
  Q_PROPERTY(int firstCurrent READ firstCurrent NOTIFY firstCurrentChanged)

 public:
  enum Role {
    TitleRole = Qt::UserRole + 1,
    RoomRole,
    TimeRole,  // "09:30-10:15", event time.
    CapacityRole,
    InsideNowRole,
    AttendedRole,
    RegisteredRole,
    FillRatioRole,  // 0 when the capacity is unlimited.
    SessionIdRole,
    PhaseRole,  // "ended", "now" or "later", by the server's clock.
  };
  Q_ENUM(Role)

  using QAbstractListModel::QAbstractListModel;
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // `today` is the event's local date ("yyyy-MM-dd"); sessions on other days show their weekday.
  void setSessions(const QList<SessionAttendance>& sessions, const EventClock& clock, const QString& today = {});
  // The session's title, or "" if unknown.
  QString title(qint64 sessionId) const;
  const QList<SessionAttendance>& sessions() const { return m_rows; }
  // Moves the phases on to the server's time now (UTC microseconds).
  void setNow(qint64 serverNowUs);
  int firstCurrent() const;

 signals:
  void countChanged();
  void firstCurrentChanged();

 private:
  QString phase(const SessionAttendance& s) const;

  QList<SessionAttendance> m_rows;
  QStringList m_times;
  qint64 m_nowUs = 0;
  int m_firstCurrent = -1;
};
}  // namespace lanyard::dashboard
