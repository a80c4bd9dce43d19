#include "readiness_report.h"

#include <QtCore/QCoreApplication>
#include <cstdio>

#include "app_startup.h"
#include "kiosk_controller.h"

namespace lanyard::kiosk {

void reportReadiness(KioskController& controller, bool selfTest, const QString& server) {
  if (selfTest) {
    QObject::connect(&controller, &KioskController::eventLoaded, &controller,
                     [&controller, server](bool ok, const QString& message) {
                       if (ok) {
                         std::printf("lanyard-kiosk: self-test ok: UI loaded, event \"%s\" from %s\n",
                                     qUtf8Printable(controller.eventName()), qUtf8Printable(server));
                       } else {
                         app::say(QStringLiteral("self-test failed: ") + message);
                       }
                       QCoreApplication::exit(ok ? 0 : 1);
                     });
    return;
  }
  QObject::connect(&controller, &KioskController::eventLoaded, &controller,
                   [&controller, lastProblem = QString(), ready = false](bool ok, const QString& message) mutable {
                     if (ok) {
                       if (!ready) app::say(QStringLiteral("ready: ") + controller.eventName());
                       ready = true;
                       lastProblem.clear();
                       return;
                     }
                     ready = false;
                     if (message == lastProblem) return;
                     lastProblem = message;
                     app::say(QStringLiteral("not ready, trying again: ") + message);
                   });
}

}  // namespace lanyard::kiosk
