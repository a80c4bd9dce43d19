#pragma once

// A BadgePrinter for tests: records each badge and answers with `result`, asynchronously; or,
// while `holdJobs` is set, once the test calls releaseJobs().

#include <QtCore/QTimer>
#include <utility>

#include "badge_printer.h"

namespace lanyard::kiosk::testing {

class FakeBadgePrinter : public BadgePrinter {
 public:
  PrintResult result{true, {}, QStringLiteral("fake")};
  QList<BadgeData> printed;
  PrinterState state;
  bool holdJobs = false;
  QString printerName = QStringLiteral("fake-printer");

  QString name() const override { return printerName; }
  void print(const BadgeData& badge, QObject* context, std::function<void(const PrintResult&)> done) override {
    printed.append(badge);
    if (holdJobs) {
      m_held.append([done, r = result] { done(r); });
      return;
    }
    ++m_pending;
    QTimer::singleShot(0, context, [this, done, r = result] {
      --m_pending;
      done(r);
    });
  }
  // Jobs answered but not delivered yet (held ones are not).
  int pendingJobs() const { return m_pending; }
  // Answers the held jobs, and every later one at once.
  void releaseJobs() {
    holdJobs = false;
    for (const auto& answer : std::exchange(m_held, {})) answer();
  }
  void checkState(QObject* context, std::function<void(const PrinterState&)> done) override {
    QTimer::singleShot(0, context, [done, s = state] { done(s); });
  }

 private:
  QList<std::function<void()>> m_held;
  int m_pending = 0;
};

}  // namespace lanyard::kiosk::testing
