#pragma once

// Testing aids: the kiosk driven by its command line, for end-to-end tests and screenshots. A kiosk
// that serves delegates never has them.

#include <QtCore/QString>
#include <QtCore/QStringList>

class QQuickWindow;

namespace lanyard::kiosk {

class KioskController;
class StaffController;

struct TestingAids {
  QString screenshotFile;                              // Write a PNG once screenshotPage shows, then exit.
  QString screenshotPage = QStringLiteral("welcome");  // One of kScreenshotPages.
  QString scanCode;                                    // Typed into the window like a USB scanner.
  QString findName;                                    // Searched with "Find your name" (or in staff mode).
  bool confirm = false;  // "Yes, this is me" to the first name found (says when the e-mail proof is
                         // asked); in staff mode, print the badge.
  bool leave = false;    // "I am leaving" at a session's door, before scanCode.
  QString staffPin;      // Open staff mode with it first; empty: not.

  // The pages --screenshot-on names.
  static const QStringList kScreenshotPages;
};

// Wires `aids` to the started kiosk: they act once its event has loaded. With a screenshot the app
// exits 0 after writing it, or 1 if its page is not reached within 30 s. Call once, before the
// controller starts; `controller`, `staff` and `window` outlive the event loop.
void applyTestingAids(const TestingAids& aids, KioskController& controller, StaffController& staff,
                      QQuickWindow* window);

}  // namespace lanyard::kiosk
