#include "testing_aids.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QHash>
#include <QtCore/QTimer>
#include <QtGui/QKeyEvent>
#include <QtQuick/QQuickWindow>
#include <chrono>

#include "app_startup.h"
#include "kiosk_controller.h"
#include "staff_controller.h"

namespace lanyard::kiosk {

const QStringList TestingAids::kScreenshotPages = {QStringLiteral("welcome"),      QStringLiteral("search"),
                                                   QStringLiteral("confirm"),      QStringLiteral("proof"),
                                                   QStringLiteral("done"),         QStringLiteral("problem"),
                                                   QStringLiteral("staff-pin"),    QStringLiteral("staff"),
                                                   QStringLiteral("staff-person"), QStringLiteral("staff-printed")};

namespace {

// How long --screenshot waits for its page; the slowest scripted path (scan, confirm, print) takes
// well under a second against a local server.
constexpr std::chrono::milliseconds kScreenshotDeadline{30'000};

// Types `code` and Enter into `window` as fast as a USB scanner does, through the same
// application event filter a real scanner's keys go through.
void typeScannerBurst(QQuickWindow* window, const QString& code) {
  for (const QChar c : code) {
    QKeyEvent press(QEvent::KeyPress, c.toUpper().unicode(), Qt::NoModifier, QString(c));
    QCoreApplication::sendEvent(window, &press);
    QKeyEvent release(QEvent::KeyRelease, c.toUpper().unicode(), Qt::NoModifier, QString(c));
    QCoreApplication::sendEvent(window, &release);
  }
  QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier, QStringLiteral("\r"));
  QCoreApplication::sendEvent(window, &enter);
}

// Takes the screenshot once its page shows, with what the other aids were to put on it.
void screenshotWhenReady(const TestingAids& aids, KioskController& controller, StaffController& staff,
                         QQuickWindow* window) {
  const QHash<QString, KioskController::Page> pages = {{QStringLiteral("welcome"), KioskController::Page::Welcome},
                                                       {QStringLiteral("search"), KioskController::Page::Search},
                                                       {QStringLiteral("confirm"), KioskController::Page::Confirm},
                                                       {QStringLiteral("proof"), KioskController::Page::Proof},
                                                       {QStringLiteral("done"), KioskController::Page::Done},
                                                       {QStringLiteral("problem"), KioskController::Page::Problem}};
  const QHash<QString, StaffController::Page> staffPages = {
      {QStringLiteral("staff-pin"), StaffController::Page::Pin},
      {QStringLiteral("staff"), StaffController::Page::Home},
      {QStringLiteral("staff-person"), StaffController::Page::Person},
      {QStringLiteral("staff-printed"), StaffController::Page::Printed}};
  const QString& wanted = aids.screenshotPage;
  const QString file = aids.screenshotFile;
  const bool finding = !aids.findName.isEmpty();
  auto takeStaffWhenReady = [&staff, window, file, page = staffPages.value(wanted, StaffController::Page::Closed),
                             finding] {
    if (page == StaffController::Page::Closed || staff.page() != page || staff.busy()) return;
    if (page == StaffController::Page::Home && finding && staff.searchResults()->isEmpty()) return;
    app::screenshotNextFrame(window, file);
  };
  QObject::connect(&staff, &StaffController::pageChanged, window, takeStaffWhenReady);
  QObject::connect(&staff, &StaffController::searchResultsChanged, window, takeStaffWhenReady);
  QObject::connect(&staff, &StaffController::busyChanged, window, takeStaffWhenReady);
  auto takeWhenReady = [&controller, &staff, window, file, page = pages.value(wanted, KioskController::Page::Welcome),
                        isKioskPage = pages.contains(wanted), finding] {
    if (!isKioskPage || staff.active() || controller.page() != page) return;
    // Welcome is the screen the kiosk rests on: once connected, or once it shows a setup problem.
    if (page == KioskController::Page::Welcome && !controller.connected() && controller.setupProblem().isEmpty()) {
      return;
    }
    if (page == KioskController::Page::Search && finding && controller.searchResults()->isEmpty()) return;
    app::screenshotNextFrame(window, file);
  };
  QObject::connect(&controller, &KioskController::pageChanged, window, takeWhenReady);
  QObject::connect(&controller, &KioskController::connectedChanged, window, takeWhenReady);
  QObject::connect(&controller, &KioskController::setupProblemChanged, window, takeWhenReady);
  QObject::connect(&controller, &KioskController::searchResultsChanged, window, takeWhenReady);
  // A page never reached (a server that does not answer, a code that leads elsewhere) must not
  // leave a scripted run waiting for ever.
  QTimer::singleShot(kScreenshotDeadline, window, [&controller, wanted] {
    app::say(QStringLiteral("--screenshot: the %1 page was not reached within %2 s%3")
                 .arg(wanted)
                 .arg(kScreenshotDeadline.count() / 1000)
                 .arg(controller.connected() ? QString() : QStringLiteral(" (the server was not reached)")));
    QCoreApplication::exit(1);
  });
}

// Opens staff mode with the PIN, then finds or scans a delegate, chooses them and (with confirm)
// prints their badge.
void driveStaffMode(const TestingAids& aids, KioskController& controller, StaffController& staff,
                    QQuickWindow* window) {
  QObject::connect(&controller, &KioskController::eventLoaded, &staff, [&staff, pin = aids.staffPin](bool ok) {
    if (!ok || staff.active()) return;
    staff.open();
    staff.submitPin(pin);
  });
  QObject::connect(&staff, &StaffController::pageChanged, &staff,
                   [&staff, window, name = aids.findName, code = aids.scanCode] {
                     if (staff.page() != StaffController::Page::Home || !staff.searchResults()->isEmpty()) return;
                     if (!name.isEmpty()) staff.search(name);
                     if (!code.isEmpty()) typeScannerBurst(window, code);
                   });
  // The first name found is chosen, unless the screenshot is to show the names found.
  const bool pickFirst = aids.screenshotPage != QLatin1String("staff");
  QObject::connect(&staff, &StaffController::searchResultsChanged, &staff, [&staff, pickFirst] {
    if (pickFirst && staff.page() == StaffController::Page::Home && !staff.searchResults()->isEmpty()) {
      staff.choose(staff.searchResults()->delegateId(0));
    }
  });
  if (aids.confirm) {
    QObject::connect(&staff, &StaffController::pageChanged, &staff, [&staff] {
      if (staff.page() == StaffController::Page::Person) staff.printBadge();
    });
  }
}

// At the self check-in or a door: "I am leaving", a scan, or a name found and confirmed.
void driveSelfCheckIn(const TestingAids& aids, KioskController& controller, QQuickWindow* window) {
  // Connected first, so that the door is set to leaving before the code is typed.
  if (aids.leave) {
    QObject::connect(&controller, &KioskController::eventLoaded, &controller, [&controller](bool ok) {
      if (ok) controller.setLeaving(true);
    });
  }
  if (!aids.scanCode.isEmpty()) {
    QObject::connect(&controller, &KioskController::eventLoaded, &controller,
                     [&controller, window, code = aids.scanCode](bool ok) {
                       if (ok && controller.page() == KioskController::Page::Welcome) typeScannerBurst(window, code);
                     });
  }
  if (aids.findName.isEmpty()) return;
  QObject::connect(&controller, &KioskController::eventLoaded, &controller,
                   [&controller, name = aids.findName](bool ok) {
                     if (!ok || controller.page() != KioskController::Page::Welcome) return;
                     controller.openSearch();
                     controller.search(name);
                   });
  // The first name found is chosen to confirm it (--confirm), or to show "Is this you?".
  const bool confirmIt = aids.confirm;
  if (confirmIt || aids.screenshotPage == QLatin1String("confirm")) {
    QObject::connect(&controller, &KioskController::searchResultsChanged, &controller, [&controller, confirmIt] {
      if (controller.page() != KioskController::Page::Search || controller.searchResults()->isEmpty()) return;
      controller.choose(controller.searchResults()->delegateId(0));
      if (confirmIt) controller.confirm();
    });
  }
  // What is typed next goes into the proof's field: a test that types it waits for this line.
  if (confirmIt) {
    QObject::connect(&controller, &KioskController::pageChanged, &controller, [&controller] {
      if (controller.page() == KioskController::Page::Proof) {
        app::say(QStringLiteral("--confirm: the e-mail proof is asked"));
      }
    });
  }
}

}  // namespace

void applyTestingAids(const TestingAids& aids, KioskController& controller, StaffController& staff,
                      QQuickWindow* window) {
  if (!aids.screenshotFile.isEmpty()) screenshotWhenReady(aids, controller, staff, window);
  if (!aids.staffPin.isEmpty()) {
    driveStaffMode(aids, controller, staff, window);
  } else {
    driveSelfCheckIn(aids, controller, window);
  }
}

}  // namespace lanyard::kiosk
