#pragma once

// Where the kiosk's time of day comes from, with an alarm for a time to come: the system's clock
// in the kiosk, a clock the test sets in tests, so that no test waits for the wall clock.

#include <QtCore/QObject>
#include <QtCore/QTimer>

namespace lanyard::kiosk {

// The time now and one alarm. GUI thread only.
class Clock : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;

  // UTC, microseconds since the epoch.
  virtual qint64 nowUs() const = 0;
  // Emits alarm() once nowUs() has reached `timeUs` (at the next turn of the event loop if it
  // has already); replaces the alarm set before.
  virtual void setAlarm(qint64 timeUs) = 0;
  virtual void clearAlarm() = 0;

 signals:
  void alarm();
};

// The system's clock. The alarm follows the wall clock: a timer that finds it has woken early
// (the wall clock was set back) sleeps again until the time.
class SystemClock : public Clock {
  Q_OBJECT

 public:
  explicit SystemClock(QObject* parent = nullptr);

  qint64 nowUs() const override;
  void setAlarm(qint64 timeUs) override;
  void clearAlarm() override { m_timer.stop(); }

 private:
  void sleepUntilAlarm();

  qint64 m_alarmUs = 0;
  QTimer m_timer;
};

}  // namespace lanyard::kiosk
