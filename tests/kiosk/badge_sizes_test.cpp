// How large the built-in template prints names, measured on real PDFs from the PdfBadgePrinter as a
// reader sees them: each PDF rendered by poppler's pdftoppm at 600 dpi, and the height of letters
// measured in its pixels. A name must be read from a few metres away, and a name in another script
// must be readable in Latin letters too.

#include <gtest/gtest.h>

#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtGui/QImage>
#include <algorithm>
#include <array>
#include <optional>

#include "badge_printer.h"
#include "badge_renderer.h"
#include "test_support.h"

namespace lanyard::kiosk {
namespace {

using testing::waitUntil;

constexpr int kDpi = 600;
constexpr qreal kPixelsPerMm = kDpi / 25.4;

const QString kBadgeCode =
    QString(QStringLiteral("MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPIYTEMZUGU3DOOBZ")).repeated(3).left(120);

// For messages.
const char* nameOf(BadgeField field) {
  switch (field) {
    case BadgeField::EventName:
      return "event_name";
    case BadgeField::GivenName:
      return "given_name";
    case BadgeField::FamilyName:
      return "family_name";
    case BadgeField::LatinName:
      return "latin_name";
    case BadgeField::Affiliation:
      return "affiliation";
    case BadgeField::CategoryLabel:
      return "category_label";
    case BadgeField::StaticText:
      return "static_text";
  }
  return "?";
}

// Which end of a line its first letter is at.
enum class Reading { LeftToRight, RightToLeft };

// A printed badge as a grey image of the page at kDpi.
class PrintedBadge {
 public:
  PrintedBadge(QImage page, const BadgeLayout& layout, bool hasLatin)
      : m_page(std::move(page)), m_layout(layout), m_hasLatin(hasLatin) {}

  // The height in millimetres of the ink of the first letter group (letters joined, or touching)
  // of `field`'s line as `reading` reads it, within the element's box on this badge. For a word
  // that begins with a capital with a flat top and foot (M, N, К, Н, L), that is the height of its
  // capitals; for Arabic, whose letters are not capitals, pass a word whose first group is a tall
  // letter (alef, lam) standing on the line. 0 when nothing is printed there.
  qreal firstLetterHeightMm(BadgeField field, Reading reading) const {
    const QRect box = boxOf(field);
    const int background = backgroundOf(box);
    const QRect ink = inkBounds(box, background);
    if (ink.isEmpty()) return 0;
    // The group ends where a gap between letters begins: a few blank columns, more than a stroke
    // that anti-aliasing leaves pale.
    constexpr int kGapColumns = 3;
    const int step = reading == Reading::LeftToRight ? 1 : -1;
    QRect group;
    int blank = 0;
    for (int x = reading == Reading::LeftToRight ? ink.left() : ink.right();
         x >= ink.left() && x <= ink.right() && blank < kGapColumns; x += step) {
      const QRect column = inkBounds(QRect(x, ink.top(), 1, ink.height()), background);
      blank = column.isEmpty() ? blank + 1 : 0;
      group |= column;
    }
    return group.height() / kPixelsPerMm;
  }

  // The ink in `region` (page pixels): what stands out from the colour most of it has.
  QRect inkIn(const QRect& region) const { return inkBounds(region, backgroundOf(region)); }

  // The QR code's square, in page pixels.
  QRect qrCode() const {
    const QRectF box = m_layout.qrBox;
    const QRect pixels = QRectF(box.x() * m_page.width(), box.y() * m_page.height(), box.width() * m_page.width(),
                                box.height() * m_page.height())
                             .toAlignedRect();
    return inkBounds(pixels, 255);
  }

  // `field`'s box on this badge, in page pixels.
  QRect boxOf(BadgeField field) const {
    for (const BadgeTextElement& element : m_layout.texts) {
      if (element.field != field) continue;
      const QRectF box = m_hasLatin ? element.boxWithLatin : element.box;
      // Whole pixels inside the box: its edge pixels may belong to a neighbour such as the band.
      const int left = qCeil(box.left() * m_page.width());
      const int top = qCeil(box.top() * m_page.height());
      const int right = qFloor(box.right() * m_page.width());
      const int bottom = qFloor(box.bottom() * m_page.height());
      return QRect(QPoint(left, top), QPoint(right - 1, bottom - 1)).intersected(m_page.rect());
    }
    ADD_FAILURE() << "the layout has no " << nameOf(field);
    return {};
  }

 private:
  // The grey most of `region` has: the paper, or the category band under its label.
  int backgroundOf(const QRect& region) const {
    std::array<int, 256> counts{};
    const QRect clipped = region.intersected(m_page.rect());
    for (int y = clipped.top(); y <= clipped.bottom(); ++y) {
      const auto* line = reinterpret_cast<const QRgb*>(m_page.constScanLine(y));
      for (int x = clipped.left(); x <= clipped.right(); ++x) ++counts[qGray(line[x])];
    }
    return static_cast<int>(std::max_element(counts.begin(), counts.end()) - counts.begin());
  }

  // The bounds of the pixels in `region` that stand out from `background`.
  QRect inkBounds(const QRect& region, int background) const {
    const QRect clipped = region.intersected(m_page.rect());
    QRect bounds;
    for (int y = clipped.top(); y <= clipped.bottom(); ++y) {
      const auto* line = reinterpret_cast<const QRgb*>(m_page.constScanLine(y));
      for (int x = clipped.left(); x <= clipped.right(); ++x) {
        if (std::abs(qGray(line[x]) - background) > 64) bounds |= QRect(x, y, 1, 1);
      }
    }
    return bounds;
  }

  QImage m_page;
  const BadgeLayout& m_layout;
  bool m_hasLatin;
};

class BadgeSizesTest : public ::testing::Test {
 protected:
  // `badge` printed by the real PdfBadgePrinter on `size` with the built-in template, as pdftoppm
  // renders the PDF.
  std::optional<PrintedBadge> print(const BadgeData& badge, BadgeSize size = BadgeSize::Id1) {
    PdfBadgePrinter printer(dir.path(), size);
    std::optional<PrintResult> result;
    QObject context;
    printer.print(badge, &context, [&](const PrintResult& r) { result = r; });
    EXPECT_TRUE(waitUntil([&] { return result.has_value(); }, 20000));
    if (!result || !result->ok) {
      ADD_FAILURE() << "not printed: " << (result ? qPrintable(result->error) : "no answer");
      return std::nullopt;
    }
    const QString png = dir.filePath(QStringLiteral("page-%1").arg(++m_pages));
    QProcess pdftoppm;
    pdftoppm.start(QStringLiteral("pdftoppm"),
                   {QStringLiteral("-r"), QString::number(kDpi), QStringLiteral("-gray"), QStringLiteral("-png"),
                    QStringLiteral("-singlefile"), result->output, png});
    if (!pdftoppm.waitForFinished(60000) || pdftoppm.exitCode() != 0) {
      ADD_FAILURE() << "pdftoppm failed: " << pdftoppm.readAllStandardError().toStdString();
      return std::nullopt;
    }
    QImage page(png + QStringLiteral(".png"));
    if (page.isNull()) {
      ADD_FAILURE() << "pdftoppm wrote no image";
      return std::nullopt;
    }
    return PrintedBadge(page.convertToFormat(QImage::Format_RGB32), *BadgeTemplate::defaultTemplate().layoutFor(size),
                        !badge.latinName.isEmpty());
  }

  static BadgeData badge(const QString& given, const QString& family, const QString& latin,
                         const QString& affiliation) {
    BadgeData b;
    b.delegateId = 7;
    b.eventName = QStringLiteral("Integrating Cities Conference 2026");
    b.givenName = given;
    b.familyName = family;
    b.latinName = latin;
    b.affiliation = affiliation;
    b.categoryLabel = QStringLiteral("Delegate");
    b.categoryColour = QColor(0x15, 0x65, 0xC0);
    b.badgeCode = kBadgeCode;
    return b;
  }

  QTemporaryDir dir;

 private:
  int m_pages = 0;
};

// Capitals of the given name at least 8 mm tall and of the family name at least 5 mm on an ID-1
// card, for a name written in Latin letters.
TEST_F(BadgeSizesTest, ALatinNameReadsFromAfarOnACard) {
  const std::optional<PrintedBadge> printed =
      print(badge(QStringLiteral("Marta"), QStringLiteral("Novák"), {}, QStringLiteral("Lviv")));
  ASSERT_TRUE(printed.has_value());
  const qreal given = printed->firstLetterHeightMm(BadgeField::GivenName, Reading::LeftToRight);
  const qreal family = printed->firstLetterHeightMm(BadgeField::FamilyName, Reading::LeftToRight);
  EXPECT_GE(given, 8.0);
  EXPECT_GE(family, 5.0);
  for (const BadgeField other : {BadgeField::Affiliation, BadgeField::EventName, BadgeField::CategoryLabel}) {
    EXPECT_LT(printed->firstLetterHeightMm(other, Reading::LeftToRight), family) << nameOf(other);
  }
}

// A name in another script: the given name as large as a Latin one, and the Latin line the
// second-largest text, larger than the family name in its own script, so that everyone can read
// who this is.
TEST_F(BadgeSizesTest, ANameInAnotherScriptHasItsLatinLineSecondLargest) {
  struct Case {
    BadgeData badge;
    Reading reading;  // Arabic's first letters are on the right.
  };
  const Case cases[] = {
      {badge(QStringLiteral("Наталія"), QStringLiteral("Коваленко"), QStringLiteral("Nataliia Kovalenko"),
             QStringLiteral("Lviv City Council")),
       Reading::LeftToRight},
      // Arabic has no capitals: its tall letters, alef in both words here, stand for them.
      {badge(QStringLiteral("خالد"), QStringLiteral("الحسن"), QStringLiteral("Khaled Al-Hassan"),
             QStringLiteral("Lviv City Council")),
       Reading::RightToLeft},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.badge.latinName.toStdString());
    const std::optional<PrintedBadge> printed = print(c.badge);
    ASSERT_TRUE(printed.has_value());
    const qreal given = printed->firstLetterHeightMm(BadgeField::GivenName, c.reading);
    const qreal family = printed->firstLetterHeightMm(BadgeField::FamilyName, c.reading);
    const qreal latin = printed->firstLetterHeightMm(BadgeField::LatinName, Reading::LeftToRight);
    EXPECT_GE(given, 8.0);
    EXPECT_GE(family, 5.0);
    EXPECT_GT(latin, family);
    EXPECT_LT(latin, given);
    for (const BadgeField other : {BadgeField::Affiliation, BadgeField::EventName, BadgeField::CategoryLabel}) {
      EXPECT_LT(printed->firstLetterHeightMm(other, Reading::LeftToRight), latin) << nameOf(other);
    }
  }
}

// Every size lays a badge out with nothing cut: each text lies wholly inside its box (a glyph the
// box cut off would reach its edge), nothing runs into the band, and the names stop short of the QR
// code. Names with accents above capitals and letters below the line test the boxes' height.
TEST_F(BadgeSizesTest, EverySizeLaysOutEveryTextUncut) {
  const BadgeData badges[] = {
      badge(QStringLiteral("Žofie"), QStringLiteral("Šťastná-Nguyễn"), {}, QStringLiteral("Magistrát Prahy")),
      badge(QStringLiteral("Юлія"), QStringLiteral("Щербак"), QStringLiteral("Yuliia Shcherbak"),
            QStringLiteral("Lviv City Council")),
      badge(QStringLiteral("محمد"), QStringLiteral("درويش"), QStringLiteral("Mohammad Darwish"),
            QStringLiteral("Syrian Community Association Berlin")),
  };
  for (const BadgeSize size : {BadgeSize::Id1, BadgeSize::Label4x3, BadgeSize::A6}) {
    for (const BadgeData& b : badges) {
      SCOPED_TRACE(QStringLiteral("%1 on %2 mm").arg(b.familyName).arg(badgePageSizeMm(size).width()).toStdString());
      const std::optional<PrintedBadge> printed = print(b, size);
      ASSERT_TRUE(printed.has_value());
      for (const BadgeField field : {BadgeField::EventName, BadgeField::GivenName, BadgeField::FamilyName,
                                     BadgeField::LatinName, BadgeField::Affiliation, BadgeField::CategoryLabel}) {
        if (field == BadgeField::LatinName && b.latinName.isEmpty()) continue;
        const QRect box = printed->boxOf(field);
        const QRect ink = printed->inkIn(box);
        ASSERT_FALSE(ink.isEmpty()) << nameOf(field) << " printed nothing";
        EXPECT_GT(ink.top(), box.top()) << nameOf(field) << " is cut at the top";
        EXPECT_LT(ink.bottom(), box.bottom()) << nameOf(field) << " is cut at the bottom";
        EXPECT_LT(ink.right(), box.right()) << nameOf(field) << " is cut at the right";
      }
      const QRect qr = printed->qrCode();
      for (const BadgeField name : {BadgeField::GivenName, BadgeField::FamilyName}) {
        EXPECT_FALSE(printed->inkIn(printed->boxOf(name)).intersects(qr)) << "a name runs into the QR code";
      }
    }
  }
}

}  // namespace
}  // namespace lanyard::kiosk
