#pragma once

// The event's clock for the dashboard: times formatted in the event's time zone.

#include <QtCore/QByteArray>
#include <QtCore/QString>

namespace lanyard::dashboard {

// Formats times in the event's time zone; the local zone until one is set.
class EventClock {
 public:
  void setTimeZone(const QString& ianaId);
  // "HH:mm" or with `seconds` "HH:mm:ss", for a UTC time in microseconds.
  QString time(qint64 utcUs, bool seconds = false) const;
  // "HH:mm-HH:mm" for a span.
  QString span(qint64 startUs, qint64 endUs) const;
  // The local time formatted with a QDateTime `pattern` ("yyyy-MM-dd", "ddd"...).
  QString format(qint64 utcUs, const QString& pattern) const;

 private:
  QByteArray m_zone;
};
}  // namespace lanyard::dashboard
