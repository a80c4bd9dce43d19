#pragma once

// Lays out and paints one badge: event name, names shrunk to fit, affiliation, category band and
// the QR code of the badge code.

#include <QtCore/QRectF>
#include <QtCore/QString>

#include "badge.h"

class QPainter;
class QPagedPaintDevice;

namespace lanyard::kiosk {

// Paints badges. Stateless; safe to use from any thread (QPdfWriter and QPrinter painting is
// allowed off the GUI thread).
class BadgeRenderer {
 public:
  // Paints `badge` filling `page` (device pixels) of an already active painter.
  static void paint(QPainter& painter, const QRectF& page, const BadgeData& badge);

  // Sets `device`'s page to `size` without margins and paints `badge` on it. Returns false with
  // `error` set when the device cannot be painted on (e.g. the PDF file cannot be written).
  static bool render(QPagedPaintDevice& device, BadgeSize size, const BadgeData& badge, QString* error);

  // The QR modules of `text` in alphanumeric mode (numbers, capitals, " $%*+-./:") when it fits,
  // else 8-bit mode; row-major, `*width` modules a side. Empty when encoding fails.
  static QList<bool> qrModules(const QString& text, int* width);
};

}  // namespace lanyard::kiosk
