#pragma once

// How the kiosk's pages show what the server and the printer said: the same for the self
// check-in and for staff mode.

#include <QtCore/QList>
#include <QtCore/QLocale>
#include <QtCore/QString>

#include "check_in_client.h"

namespace lanyard::kiosk {

// The locale a kiosk language (BCP 47 primary tag) writes dates and numbers in, and whose layout
// its on-screen keyboard shows: "en" is British English (27/11/2026 21:59), not American
// (11/27/26 9:59 PM). An unknown language gets QLocale's own choice for it.
QLocale kioskLocale(const QString& language);

// `timeUs` (UTC microseconds) as a short date and time in the event's time zone, written the way
// kioskLocale(`language`) writes them (24-hour where that locale is).
QString eventLocalTime(qint64 timeUs, const QString& timeZone, const QString& language);

// `timeUs` as a short time of day ("14:30") in the event's time zone, or the kiosk's own when the
// event's is unknown, written the way kioskLocale(`language`) writes it; with the short date in
// front when `timeUs` falls on another day there than `nowUs` (both UTC microseconds).
QString eventLocalTimeOfDay(qint64 timeUs, qint64 nowUs, const QString& timeZone, const QString& language);

// "ok", "paper_out", "offline" or "error".
QString printerStatusKey(client::PrinterState::Status status);

}  // namespace lanyard::kiosk
