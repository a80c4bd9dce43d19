#pragma once

// What goes on one printed badge, and the card sizes a badge can have.

#include <QtCore/QSizeF>
#include <QtCore/QString>
#include <QtGui/QColor>

namespace lanyard::kiosk {

// The badge stock in the printer, chosen in the kiosk's configuration.
enum class BadgeSize {
  Id1,       // ID-1 card, 86 x 54 mm, landscape.
  Label4x3,  // 4 x 3 inch label, landscape.
  A6,        // A6 sheet, 105 x 148 mm, portrait.
};

// The page size in millimetres.
QSizeF badgePageSizeMm(BadgeSize size);
// "id1", "4x3" or "a6"; false for anything else.
bool parseBadgeSize(const QString& text, BadgeSize* size);

// The text and colours printed on one badge. Strings are in the delegate's own script.
struct BadgeData {
  qint64 delegateId = 0;
  QString eventName;
  QString givenName;
  QString familyName;
  QString latinName;      // The name in Latin letters, printed beneath a name in another script.
  QString affiliation;    // Organisation or city.
  QString categoryLabel;  // e.g. "Speaker"; the band is left without text when empty.
  QColor categoryColour = QColor(0x44, 0x44, 0x44);
  QString badgeCode;  // Encoded as the QR code; no QR is drawn when empty.
};

}  // namespace lanyard::kiosk
