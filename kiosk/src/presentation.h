#pragma once

// How the kiosk's pages show what the server and the printer said: the same for the self
// check-in and for staff mode.

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QVariantList>

#include "check_in_client.h"

namespace lanyard::kiosk {

// {id, name, affiliation} per search match, in the server's order: only what a kiosk may show.
QVariantList searchRows(const QList<client::DelegateSummary>& results);

// `timeUs` (UTC microseconds) as a short date and time in the event's time zone and `language`.
QString eventLocalTime(qint64 timeUs, const QString& timeZone, const QString& language);

// "ok", "paper_out", "offline" or "error".
QString printerStatusKey(client::PrinterState::Status status);

}  // namespace lanyard::kiosk
