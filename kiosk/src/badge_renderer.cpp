#include "badge_renderer.h"

#include <qrencode.h>

#include <QtGui/QFontMetricsF>
#include <QtGui/QPageSize>
#include <QtGui/QPagedPaintDevice>
#include <QtGui/QPainter>
#include <algorithm>
#include <cmath>
#include <memory>

namespace lanyard::kiosk {
namespace {

// Latin, Greek and Cyrillic come from DejaVu Sans; Qt falls back to Noto (fonts-noto-core) for
// Arabic and other scripts it lacks.
const QStringList kFontFamilies = {QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans")};

// The largest font no taller than `maxPixels` in which `text` fits `width` on `device`; never
// smaller than needed to fit, so long names shrink instead of being cut.
QFont fittedFont(const QString& text, qreal maxPixels, qreal width, bool bold, QPaintDevice* device) {
  QFont font;
  font.setFamilies(kFontFamilies);
  font.setBold(bold);
  int pixels = std::max(1, static_cast<int>(maxPixels));
  font.setPixelSize(pixels);
  const qreal advance = QFontMetricsF(font, device).horizontalAdvance(text);
  if (advance > width && advance > 0) {
    pixels = std::max(1, static_cast<int>(pixels * width / advance));
    font.setPixelSize(pixels);
    while (pixels > 1 && QFontMetricsF(font, device).horizontalAdvance(text) > width) {
      font.setPixelSize(--pixels);
    }
  }
  return font;
}

// Black or white, whichever reads better on `background`.
QColor textColourOn(const QColor& background) {
  const double luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
  return luminance > 0.55 ? Qt::black : Qt::white;
}

// What `element` prints on `badge`; empty prints nothing.
QString fieldText(const BadgeTextElement& element, const BadgeData& badge) {
  switch (element.field) {
    case BadgeField::EventName:
      return badge.eventName;
    case BadgeField::GivenName:
      return badge.givenName;
    case BadgeField::FamilyName:
      return badge.familyName;
    case BadgeField::LatinName:
      return badge.latinName;
    case BadgeField::Affiliation:
      return badge.affiliation;
    case BadgeField::CategoryLabel:
      return badge.categoryLabel;
    case BadgeField::StaticText:
      return element.text;
  }
  return {};
}

// `text` split at the space that makes its longer half shortest, or empty without a space.
QString splitInTwo(const QString& text, const QFont& font, QPaintDevice* device) {
  const QFontMetricsF metrics(font, device);
  QString best;
  qreal bestWidth = 0;
  for (qsizetype space = text.indexOf(u' '); space > 0; space = text.indexOf(u' ', space + 1)) {
    const QString first = text.left(space).trimmed();
    const QString second = text.mid(space + 1).trimmed();
    if (first.isEmpty() || second.isEmpty()) continue;
    const qreal width = std::max(metrics.horizontalAdvance(first), metrics.horizontalAdvance(second));
    if (best.isEmpty() || width < bestWidth) {
      best = first + u'\n' + second;
      bestWidth = width;
    }
  }
  return best;
}

// `text` on one line, shrunk to fit, or on two where that prints it larger: a family name such as
// "Vasconcelos de Albuquerque e Sousa Magalhães" would otherwise shrink below what can be read.
void drawLine(QPainter& painter, const QRectF& box, const QString& text, qreal maxPixels, bool bold,
              const QColor& colour, Qt::Alignment align) {
  if (text.isEmpty()) return;
  QFont font = fittedFont(text, maxPixels, box.width(), bold, painter.device());
  QString shown = text;
  // Two lines of a font take about 2.4 times its pixel size (DejaVu's line spacing is 1.17).
  const qreal twoLineMax = box.height() / 2.4;
  if (font.pixelSize() < twoLineMax) {
    const QString split = splitInTwo(text, font, painter.device());
    if (!split.isEmpty()) {
      const QStringList halves = split.split(u'\n');
      const QString wider = QFontMetricsF(font, painter.device()).horizontalAdvance(halves[0]) >=
                                    QFontMetricsF(font, painter.device()).horizontalAdvance(halves[1])
                                ? halves[0]
                                : halves[1];
      const QFont twoLine = fittedFont(wider, std::min(maxPixels, twoLineMax), box.width(), bold, painter.device());
      if (twoLine.pixelSize() > font.pixelSize()) {
        font = twoLine;
        shown = split;
      }
    }
  }
  painter.setFont(font);
  painter.setPen(colour);
  // A line break inside a name prints as a space; only the split above makes two lines.
  const int lines = shown == text ? Qt::TextSingleLine : 0;
  painter.drawText(box, static_cast<int>(align | Qt::AlignVCenter) | lines, shown);
}

// The code as the largest square of whole-pixel modules in `box`, placed by `align` across and
// centred down.
void drawQr(QPainter& painter, const QRectF& box, Qt::Alignment align, const QString& code) {
  int width = 0;
  const QList<bool> modules = BadgeRenderer::qrModules(code, &width);
  if (modules.isEmpty()) return;
  // Whole device pixels per module keep the edges sharp; the template leaves the quiet zone around the box.
  const qreal module = std::max<qreal>(1.0, std::floor(std::min(box.width(), box.height()) / width));
  const qreal side = module * width;
  qreal left = box.left() + (box.width() - side) / 2;
  if (align & Qt::AlignLeft) left = box.left();
  if (align & Qt::AlignRight) left = box.right() - side;
  const QPointF origin(left, box.top() + (box.height() - side) / 2);
  painter.setPen(Qt::NoPen);
  painter.setBrush(Qt::black);
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      if (modules[y * width + x]) {
        painter.drawRect(QRectF(origin.x() + x * module, origin.y() + y * module, module, module));
      }
    }
  }
}

}  // namespace

QSizeF badgePageSizeMm(BadgeSize size) {
  switch (size) {
    case BadgeSize::Id1:
      return {86.0, 54.0};
    case BadgeSize::Label4x3:
      return {101.6, 76.2};
    case BadgeSize::A6:
      return {105.0, 148.0};
  }
  return {86.0, 54.0};
}

bool parseBadgeSize(const QString& text, BadgeSize* size) {
  const QString key = text.trimmed().toLower();
  if (key == QLatin1String("id1")) {
    *size = BadgeSize::Id1;
  } else if (key == QLatin1String("4x3")) {
    *size = BadgeSize::Label4x3;
  } else if (key == QLatin1String("a6")) {
    *size = BadgeSize::A6;
  } else {
    return false;
  }
  return true;
}

QList<bool> BadgeRenderer::qrModules(const QString& text, int* width) {
  *width = 0;
  const QByteArray data = text.toUtf8();
  std::unique_ptr<QRinput, decltype(&QRinput_free)> input(QRinput_new2(0, QR_ECLEVEL_M), &QRinput_free);
  if (!input) return {};
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.constData());
  const int size = static_cast<int>(data.size());
  const QRencodeMode mode = QRinput_check(QR_MODE_AN, size, bytes) == 0 ? QR_MODE_AN : QR_MODE_8;
  if (QRinput_append(input.get(), mode, size, bytes) != 0) return {};
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeInput(input.get()), &QRcode_free);
  if (!qr) return {};
  QList<bool> modules;
  modules.reserve(qr->width * qr->width);
  for (int i = 0; i < qr->width * qr->width; ++i) modules.append((qr->data[i] & 1) != 0);
  *width = qr->width;
  return modules;
}

void BadgeRenderer::paint(QPainter& painter, const QRectF& page, const BadgeData& badge, const BadgeLayout& layout) {
  const qreal w = page.width();
  const qreal h = page.height();
  const auto onPage = [w, h](const QRectF& box) {
    return QRectF(box.x() * w, box.y() * h, box.width() * w, box.height() * h);
  };
  const bool hasQr = !badge.badgeCode.isEmpty();
  const bool hasLatin = !badge.latinName.isEmpty();
  const QRectF qrBox = onPage(layout.qrBox);

  painter.save();
  painter.translate(page.topLeft());
  painter.fillRect(QRectF(0, 0, w, h), layout.background);
  if (layout.categoryBand) painter.fillRect(onPage(*layout.categoryBand), badge.categoryColour);
  for (const BadgeTextElement& element : layout.texts) {
    QRectF box = onPage(hasLatin ? element.boxWithLatin : element.box);
    if (!hasQr && element.extendOverQr) box.setRight(std::max(box.right(), qrBox.right()));
    const qreal maxPixels = std::min((hasLatin ? element.maxHeightWithLatin : element.maxHeight) * h, box.height());
    const QColor colour = element.colour.value_or(textColourOn(badge.categoryColour));
    drawLine(painter, box, fieldText(element, badge), maxPixels, element.bold, colour, element.alignment);
  }
  if (hasQr) drawQr(painter, qrBox, layout.qrAlignment, badge.badgeCode);
  painter.restore();
}

bool BadgeRenderer::render(QPagedPaintDevice& device, BadgeSize size, const BadgeData& badge,
                           const BadgeTemplate& badgeTemplate, QString* error) {
  QString missing;
  const BadgeLayout* layout = badgeTemplate.layoutFor(size, &missing);
  if (!layout) {
    if (error) *error = missing;
    return false;
  }
  device.setPageSize(
      QPageSize(badgePageSizeMm(size), QPageSize::Millimeter, QStringLiteral("Badge"), QPageSize::ExactMatch));
  device.setPageMargins(QMarginsF(0, 0, 0, 0));
  QPainter painter;
  if (!painter.begin(&device)) {
    if (error) *error = QStringLiteral("cannot start painting on the printer or file");
    return false;
  }
  painter.setRenderHint(QPainter::Antialiasing, false);
  paint(painter, QRectF(0, 0, device.width(), device.height()), badge, *layout);
  if (!painter.end()) {
    if (error) *error = QStringLiteral("the printer or file did not accept the page");
    return false;
  }
  return true;
}

}  // namespace lanyard::kiosk
