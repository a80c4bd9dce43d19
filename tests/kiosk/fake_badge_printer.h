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

  QString name() const override { return QStringLiteral("fake-printer"); }
  void print(const BadgeData& badge, QObject* context, std::function<void(const PrintResult&)> done) override {
    printed.append(badge);
    if (holdJobs) {
      m_held.append([done, r = result] { done(r); });
      return;
    }
    QTimer::singleShot(0, context, [done, r = result] { done(r); });
  }
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
};

}  // namespace lanyard::kiosk::testing
