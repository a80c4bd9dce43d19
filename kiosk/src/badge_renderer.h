#pragma once

// Paints one badge as a template's layout places it: event name, names shrunk to fit, affiliation,
// category band and the QR code of the badge code.

#include <QtCore/QRectF>
#include <QtCore/QString>

#include "badge.h"
#include "badge_template.h"

class QPainter;
class QPagedPaintDevice;

namespace lanyard::kiosk {

// Paints badges. Stateless; safe to use from any thread (QPdfWriter and QPrinter painting is
// allowed off the GUI thread).
class BadgeRenderer {
 public:
  // Paints `badge` filling `page` (device pixels) of an already active painter, each element in
  // `layout`'s box scaled to the page. Text shrinks until it fits its box's width; the Latin line
  // and the QR code are left out when the badge has none.
  static void paint(QPainter& painter, const QRectF& page, const BadgeData& badge, const BadgeLayout& layout);

  // Sets `device`'s page to `size` without margins and paints `badge` on it with `badgeTemplate`'s
  // layout for that size. Returns false with `error` set when the template has no such layout or
  // the device cannot be painted on (e.g. the PDF file cannot be written).
  static bool render(QPagedPaintDevice& device, BadgeSize size, const BadgeData& badge,
                     const BadgeTemplate& badgeTemplate, QString* error);

  // The QR modules of `text` in alphanumeric mode (numbers, capitals, " $%*+-./:") when it fits,
  // else 8-bit mode; row-major, `*width` modules a side. Empty when encoding fails.
  static QList<bool> qrModules(const QString& text, int* width);
};

}  // namespace lanyard::kiosk
