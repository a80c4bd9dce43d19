#pragma once

// What the kiosk says on its standard streams about reaching its server and event.

#include <QtCore/QString>

namespace lanyard::kiosk {

class KioskController;

// With `selfTest`, the first answer about the event ends the app: 0 after printing "self-test ok"
// with the event's name and `server`, or 1 with why. Otherwise the kiosk keeps trying by itself
// while it cannot start serving, and its screen says only "Connecting to the server…" or "Please
// call staff": whoever set it up reads why on stderr, once per reason rather than at every
// attempt, and when it is ready. Call once, before the controller starts.
void reportReadiness(KioskController& controller, bool selfTest, const QString& server);

}  // namespace lanyard::kiosk
