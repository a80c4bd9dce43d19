#include "clock.h"

#include <QtCore/QDateTime>
#include <algorithm>

namespace lanyard::kiosk {
namespace {

// QTimer counts in int milliseconds: a later alarm is reached in steps of at most a day.
constexpr qint64 kLongestSleepMs = 24 * 60 * 60 * 1000;

}  // namespace

SystemClock::SystemClock(QObject* parent) : Clock(parent) {
  m_timer.setSingleShot(true);
  m_timer.setTimerType(Qt::PreciseTimer);
  connect(&m_timer, &QTimer::timeout, this, [this] {
    if (nowUs() < m_alarmUs) return sleepUntilAlarm();
    emit alarm();
  });
}

qint64 SystemClock::nowUs() const { return QDateTime::currentMSecsSinceEpoch() * 1000; }

void SystemClock::setAlarm(qint64 timeUs) {
  m_alarmUs = timeUs;
  sleepUntilAlarm();
}

void SystemClock::sleepUntilAlarm() {
  // Rounded up, so that the timer does not wake just before the time.
  const qint64 waitMs = std::max<qint64>(0, (m_alarmUs - nowUs() + 999) / 1000);
  m_timer.start(static_cast<int>(std::min(waitMs, kLongestSleepMs)));
}

}  // namespace lanyard::kiosk
