#pragma once

// A BadgePrinter for tests: records each badge and answers with `result`, asynchronously.

#include <QtCore/QTimer>

#include "badge_printer.h"

namespace lanyard::kiosk::testing {

class FakeBadgePrinter : public BadgePrinter {
 public:
  PrintResult result{true, {}, QStringLiteral("fake")};
  QList<BadgeData> printed;
  PrinterState state;

  QString name() const override { return QStringLiteral("fake-printer"); }
  void print(const BadgeData& badge, QObject* context, std::function<void(const PrintResult&)> done) override {
    printed.append(badge);
    QTimer::singleShot(0, context, [done, r = result] { done(r); });
  }
  void checkState(QObject* context, std::function<void(const PrinterState&)> done) override {
    QTimer::singleShot(0, context, [done, s = state] { done(s); });
  }
};

}  // namespace lanyard::kiosk::testing
