#include "event_clock.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtCore/QTimeZone>

namespace lanyard::dashboard {

void EventClock::setTimeZone(const QString& ianaId) { m_zone = ianaId.toUtf8(); }

QString EventClock::time(qint64 utcUs, bool seconds) const {
  if (utcUs == 0) return QStringLiteral("-");
  return format(utcUs, seconds ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
}

QString EventClock::format(qint64 utcUs, const QString& pattern) const {
  QDateTime when = QDateTime::fromMSecsSinceEpoch(utcUs / 1000, Qt::UTC);
  const QTimeZone zone(m_zone);
  when = !m_zone.isEmpty() && zone.isValid() ? when.toTimeZone(zone) : when.toLocalTime();
  // English names whatever the machine's locale: the dashboard is in English.
  return QLocale(QLocale::English).toString(when, pattern);
}

QString EventClock::span(qint64 startUs, qint64 endUs) const {
  return time(startUs) + QStringLiteral("\u2013") + time(endUs);
}

}  // namespace lanyard::dashboard
