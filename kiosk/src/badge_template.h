#pragma once

// A badge's layout as data: where each element of a badge goes, read from a JSON template file an
// organiser can edit (kiosk/badges/README.md describes the format).

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QRectF>
#include <QtCore/QString>
#include <QtGui/QColor>
#include <optional>

#include "badge.h"

namespace lanyard::kiosk {

// What a text element of a layout prints.
enum class BadgeField {
  EventName,
  GivenName,
  FamilyName,
  LatinName,  // The name in Latin letters; printed only when the badge has one.
  Affiliation,
  CategoryLabel,
  StaticText,  // The element's own `text`, the same on every badge.
};

// One line of text in a box; it shrinks to fit the box's width and is never cut.
struct BadgeTextElement {
  BadgeField field = BadgeField::GivenName;
  QString text;  // StaticText only.
  // Boxes and heights are fractions of the page's width (x, width) and height (y, height, maxHeight).
  QRectF box;
  qreal maxHeight = 0;  // The tallest the text may be; never more than box.height().
  // Used instead of box/maxHeight when the badge has a Latin line (the same when the template says
  // nothing).
  QRectF boxWithLatin;
  qreal maxHeightWithLatin = 0;
  // When the badge has no QR code, the box's right edge moves out to the QR box's right edge.
  bool extendOverQr = false;
  bool bold = false;
  std::optional<QColor> colour;  // Empty: black or white, whichever reads better on the category colour.
  Qt::Alignment alignment = Qt::AlignLeft;
};

// Where everything goes on one page shape. Every layout has a QR code: session doors scan it.
struct BadgeLayout {
  QColor background = Qt::white;
  std::optional<QRectF> categoryBand;  // Filled with the category's colour; fractions as above.
  QRectF qrBox;                        // The code is the largest sharp square inside, centred vertically.
  Qt::Alignment qrAlignment = Qt::AlignHCenter;
  QList<BadgeTextElement> texts;  // In the template's order of element names (see the .cpp).
};

// A parsed, valid template: a layout for some or all badge sizes.
struct BadgeTemplate {
  QString source;  // The file it came from, for messages.
  // By size ("id1", "4x3", "a6"), falling back to the orientation ("landscape" for id1 and 4x3,
  // "portrait" for a6).
  std::optional<BadgeLayout> id1, label4x3, a6, landscape, portrait;

  // The layout for `size`; null, with `error` (if given) saying so, when the template has none.
  const BadgeLayout* layoutFor(BadgeSize size, QString* error = nullptr) const;

  // The built-in template (kiosk/badges/default.json, compiled in as :/lanyard/badges/default.json),
  // with a layout for every size. Parsed once; aborts if the shipped file is invalid, which a unit
  // test guards against.
  static const BadgeTemplate& defaultTemplate();
};

// Parses a template from `json`. On failure returns nothing and sets `error` to
// "SOURCE: WHERE: what is wrong", WHERE being "line L, column C" for malformed JSON or a key path
// such as `layouts.id1.qr_code.box` for a bad value. Unknown keys and elements, a key written twice,
// boxes outside the page and colours Qt cannot read are errors, so a typo never passes silently.
std::optional<BadgeTemplate> parseBadgeTemplate(const QByteArray& json, const QString& source, QString* error);

// Reads and parses the template file at `path` (a Qt resource path works too); errors as above,
// or "PATH: cannot read: why".
std::optional<BadgeTemplate> loadBadgeTemplate(const QString& path, QString* error);

}  // namespace lanyard::kiosk
