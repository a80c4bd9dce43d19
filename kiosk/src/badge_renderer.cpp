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

void drawLine(QPainter& painter, const QRectF& box, const QString& text, qreal maxPixels, bool bold,
              const QColor& colour = Qt::black, Qt::Alignment align = Qt::AlignLeft) {
  if (text.isEmpty()) return;
  painter.setFont(fittedFont(text, maxPixels, box.width(), bold, painter.device()));
  painter.setPen(colour);
  painter.drawText(box, static_cast<int>(align | Qt::AlignVCenter) | Qt::TextSingleLine, text);
}

void drawQr(QPainter& painter, const QRectF& square, const QString& code) {
  int width = 0;
  const QList<bool> modules = BadgeRenderer::qrModules(code, &width);
  if (modules.isEmpty()) return;
  // Whole device pixels per module keep the edges sharp; the card's margin is the quiet zone.
  const qreal module = std::max<qreal>(1.0, std::floor(square.width() / width));
  const qreal side = module * width;
  const QPointF origin(square.right() - side, square.top() + (square.height() - side) / 2);
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
  if (key == QLatin1String("id1"))
    *size = BadgeSize::Id1;
  else if (key == QLatin1String("4x3"))
    *size = BadgeSize::Label4x3;
  else if (key == QLatin1String("a6"))
    *size = BadgeSize::A6;
  else
    return false;
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

void BadgeRenderer::paint(QPainter& painter, const QRectF& page, const BadgeData& badge) {
  const qreal w = page.width();
  const qreal h = page.height();
  const bool portrait = h > w;
  const qreal unit = std::min(w, h);  // Sizes are fractions of the short side.
  const qreal margin = unit * 0.07;
  const qreal bandHeight = unit * 0.18;

  painter.save();
  painter.translate(page.topLeft());
  painter.fillRect(QRectF(0, 0, w, h), Qt::white);

  // Category band along the bottom, its label in a contrasting colour.
  const QRectF band(0, h - bandHeight, w, bandHeight);
  painter.fillRect(band, badge.categoryColour);
  drawLine(painter, band.adjusted(margin, 0, -margin, 0), badge.categoryLabel, bandHeight * 0.5, true,
           textColourOn(badge.categoryColour), Qt::AlignHCenter);

  const QRectF eventLine(margin, margin, w - 2 * margin, unit * 0.08);
  drawLine(painter, eventLine, badge.eventName, eventLine.height(), false, QColor(0x30, 0x30, 0x30));

  const qreal top = eventLine.bottom() + margin * 0.5;
  const qreal bottom = band.top() - margin * 0.5;
  QRectF qrSquare;
  QRectF textArea;
  if (portrait) {
    const qreal side = std::min(w * 0.5, (bottom - top) * 0.5);
    qrSquare = QRectF((w + side) / 2 - side, bottom - side, side, side);
    textArea = QRectF(margin, top, w - 2 * margin, qrSquare.top() - top - margin * 0.5);
  } else {
    const qreal side = std::min(unit * 0.5, bottom - top);
    qrSquare = QRectF(w - margin - side, top + (bottom - top - side) / 2, side, side);
    textArea = QRectF(margin, top, qrSquare.left() - 2 * margin, bottom - top);
  }
  if (badge.badgeCode.isEmpty()) {
    textArea.setRight(w - margin);
  } else {
    drawQr(painter, qrSquare, badge.badgeCode);
  }

  // Given name large, family name, then affiliation; the rows split the text area 45/30/25, or
  // 40/25/15/20 with the name in Latin letters beneath a name in another script.
  const bool latin = !badge.latinName.isEmpty();
  const qreal rows = textArea.height();
  const QRectF givenBox(textArea.left(), textArea.top(), textArea.width(), rows * (latin ? 0.40 : 0.45));
  const QRectF familyBox(textArea.left(), givenBox.bottom(), textArea.width(), rows * (latin ? 0.25 : 0.30));
  const QRectF latinBox(textArea.left(), familyBox.bottom(), textArea.width(), latin ? rows * 0.15 : 0);
  const QRectF affiliationBox(textArea.left(), latinBox.bottom(), textArea.width(), rows * (latin ? 0.20 : 0.25));
  drawLine(painter, givenBox, badge.givenName, std::min(givenBox.height() * 0.8, unit * 0.2), true);
  drawLine(painter, familyBox, badge.familyName, familyBox.height() * 0.75, false);
  if (latin) drawLine(painter, latinBox, badge.latinName, latinBox.height() * 0.75, false, QColor(0x30, 0x30, 0x30));
  drawLine(painter, affiliationBox, badge.affiliation, affiliationBox.height() * 0.6, false, QColor(0x30, 0x30, 0x30));
  painter.restore();
}

bool BadgeRenderer::render(QPagedPaintDevice& device, BadgeSize size, const BadgeData& badge, QString* error) {
  device.setPageSize(
      QPageSize(badgePageSizeMm(size), QPageSize::Millimeter, QStringLiteral("Badge"), QPageSize::ExactMatch));
  device.setPageMargins(QMarginsF(0, 0, 0, 0));
  QPainter painter;
  if (!painter.begin(&device)) {
    if (error) *error = QStringLiteral("cannot start painting on the printer or file");
    return false;
  }
  painter.setRenderHint(QPainter::Antialiasing, false);
  paint(painter, QRectF(0, 0, device.width(), device.height()), badge);
  if (!painter.end()) {
    if (error) *error = QStringLiteral("the printer or file did not accept the page");
    return false;
  }
  return true;
}

}  // namespace lanyard::kiosk
