#pragma once

// A Clock for tests: the time is what the test says, and moving it on sounds the alarms due on
// the way, at their times, as the system's clock would; nothing waits for the wall clock.

#include <algorithm>
#include <optional>

#include "clock.h"

namespace lanyard::kiosk::testing {

class FakeClock : public Clock {
 public:
  qint64 nowUs() const override { return m_nowUs; }
  void setAlarm(qint64 timeUs) override { m_alarmUs = timeUs; }
  void clearAlarm() override { m_alarmUs.reset(); }

  std::optional<qint64> alarmUs() const { return m_alarmUs; }

  // Moves the time to `timeUs`, stopping at each alarm due by then (also those set while it sounds);
  // an alarm set for a time already past sounds here too.
  void advanceTo(qint64 timeUs) {
    while (m_alarmUs && *m_alarmUs <= timeUs) {
      m_nowUs = std::max(m_nowUs, *m_alarmUs);
      m_alarmUs.reset();
      emit alarm();
    }
    m_nowUs = timeUs;
  }

 private:
  qint64 m_nowUs = 0;
  std::optional<qint64> m_alarmUs;
};

}  // namespace lanyard::kiosk::testing
