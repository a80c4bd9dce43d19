#pragma once

// Waiting on a condition with a deadline while the Qt event loop runs.

#include <QtCore/QCoreApplication>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QEventLoop>
#include <functional>

namespace lanyard::kiosk::testing {

// Processes events until `condition` holds or `timeoutMs` passes; returns whether it held.
inline bool waitUntil(const std::function<bool()>& condition, int timeoutMs = 5000) {
  QDeadlineTimer deadline(timeoutMs);
  while (!condition()) {
    if (deadline.hasExpired()) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
  }
  return true;
}

}  // namespace lanyard::kiosk::testing
