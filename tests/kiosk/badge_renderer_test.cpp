#include "badge_renderer.h"

#include <gtest/gtest.h>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QSemaphore>
#include <QtCore/QTemporaryDir>
#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <cmath>

#include "badge_printer.h"
#include "test_support.h"

namespace lanyard::kiosk {
namespace {

using testing::waitUntil;

const QString kBadgeCode =
    QString(QStringLiteral("MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPIYTEMZUGU3DOOBZ")).repeated(3).left(120);

// Runs a tool to completion; its stdout, or a failure naming the tool.
QString run(const QString& program, const QStringList& arguments) {
  QProcess process;
  process.start(program, arguments);
  if (!process.waitForFinished(30000) || process.exitCode() != 0) {
    ADD_FAILURE() << qPrintable(program) << " failed: " << process.readAllStandardError().toStdString();
    return {};
  }
  return QString::fromUtf8(process.readAllStandardOutput());
}

// `badge` painted by `layout` on an image of `size` pixels, without antialiasing as the printers do.
QImage paintImage(const BadgeData& badge, const BadgeLayout& layout, QSize size) {
  QImage image(size, QImage::Format_RGB32);
  image.fill(Qt::magenta);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing, false);
  BadgeRenderer::paint(painter, QRectF(QPointF(0, 0), QSizeF(size)), badge, layout);
  return image;
}

// The bounds of the dark (near black) pixels of `image` inside `region`; empty when there are none.
QRect darkBounds(const QImage& image, const QRect& region) {
  QRect bounds;
  for (int y = region.top(); y <= region.bottom(); ++y) {
    for (int x = region.left(); x <= region.right(); ++x) {
      if (qGray(image.pixel(x, y)) < 64) bounds |= QRect(x, y, 1, 1);
    }
  }
  return bounds;
}

// `fraction` of the page as a pixel rectangle of `image`.
QRect pixels(const QImage& image, const QRectF& fraction) {
  return QRectF(fraction.x() * image.width(), fraction.y() * image.height(), fraction.width() * image.width(),
                fraction.height() * image.height())
      .toAlignedRect()
      .intersected(image.rect());
}

BadgeTemplate templateFile(const QString& name) {
  QString error;
  std::optional<BadgeTemplate> parsed =
      loadBadgeTemplate(QDir(QStringLiteral(LANYARD_BADGES_DIR)).filePath(name), &error);
  EXPECT_TRUE(parsed.has_value()) << qPrintable(error);
  return parsed.value_or(BadgeTemplate::defaultTemplate());
}

class BadgeRendererTest : public ::testing::Test {
 protected:
  // Prints `badge` with the real PdfBadgePrinter and returns the PDF's path.
  QString printPdf(const BadgeData& badge, BadgeSize size = BadgeSize::Id1,
                   const BadgeTemplate& badgeTemplate = BadgeTemplate::defaultTemplate()) {
    PdfBadgePrinter printer(dir.path(), size, badgeTemplate);
    std::optional<PrintResult> result;
    QObject context;
    printer.print(badge, &context, [&](const PrintResult& r) { result = r; });
    EXPECT_TRUE(waitUntil([&] { return result.has_value(); }, 20000));
    if (!result) return {};
    EXPECT_TRUE(result->ok) << qPrintable(result->error);
    return result->output;
  }

  static BadgeData simona() {
    BadgeData badge;
    badge.delegateId = 7;
    badge.eventName = QStringLiteral("Integrating Cities Conference 2026");
    badge.givenName = QStringLiteral("Simona");
    badge.familyName = QStringLiteral("Bieliūnė");
    badge.affiliation = QStringLiteral("Vilnius");
    badge.categoryLabel = QStringLiteral("City official");
    badge.categoryColour = QColor(0x15, 0x65, 0xC0);
    badge.badgeCode = kBadgeCode;
    return badge;
  }

  QTemporaryDir dir;
};

TEST_F(BadgeRendererTest, PdfShowsTheNamesAndItsQrDecodesToTheBadgeCode) {
  const QString pdf = printPdf(simona());
  ASSERT_FALSE(pdf.isEmpty());
  // NFKC undoes the "ffi" ligature pdftotext reports as one character.
  const QString text =
      run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}).normalized(QString::NormalizationForm_KC);
  EXPECT_TRUE(text.contains(QStringLiteral("Simona"))) << text.toStdString();
  EXPECT_TRUE(text.contains(QStringLiteral("Bieliūnė"))) << text.toStdString();
  EXPECT_TRUE(text.contains(QStringLiteral("Vilnius"))) << text.toStdString();
  EXPECT_TRUE(text.contains(QStringLiteral("City official"))) << text.toStdString();
  EXPECT_TRUE(text.contains(QStringLiteral("Integrating Cities"))) << text.toStdString();

  const QString png = dir.filePath(QStringLiteral("page"));
  run(QStringLiteral("pdftoppm"),
      {QStringLiteral("-r"), QStringLiteral("300"), QStringLiteral("-png"), QStringLiteral("-singlefile"), pdf, png});
  const QString decoded = run(QStringLiteral("ZXingReader"),
                              {QStringLiteral("-format"), QStringLiteral("QRCode"), png + QStringLiteral(".png")});
  EXPECT_TRUE(decoded.contains(kBadgeCode)) << decoded.toStdString();
}

TEST_F(BadgeRendererTest, CardIsId1Sized) {
  const QString pdf = printPdf(simona());
  ASSERT_FALSE(pdf.isEmpty());
  const QString info = run(QStringLiteral("pdfinfo"), {pdf});
  EXPECT_TRUE(info.contains(QRegularExpression(QStringLiteral("Page size:\\s+24[34](\\.\\d+)? x 153(\\.\\d+)? pts"))))
      << info.toStdString();
}

TEST_F(BadgeRendererTest, CyrillicAndGreekNamesComeOutAsText) {
  BadgeData badge = simona();
  badge.givenName = QStringLiteral("Тарас");
  badge.familyName = QStringLiteral("Шевченко");
  badge.affiliation = QStringLiteral("Αθήνα");
  const QString text = run(QStringLiteral("pdftotext"), {printPdf(badge), QStringLiteral("-")});
  EXPECT_TRUE(text.contains(QStringLiteral("Шевченко"))) << text.toStdString();
  EXPECT_TRUE(text.contains(QStringLiteral("Αθήνα"))) << text.toStdString();
}

TEST_F(BadgeRendererTest, ArabicNameIsShapedText) {
  BadgeData badge = simona();
  badge.givenName = QStringLiteral("فاطمة");
  badge.familyName = QStringLiteral("الزهراء");
  const QString text = run(QStringLiteral("pdftotext"), {printPdf(badge), QStringLiteral("-")})
                           .normalized(QString::NormalizationForm_KC);
  EXPECT_TRUE(text.contains(QStringLiteral("فاطمة"))) << text.toStdString();
}

TEST_F(BadgeRendererTest, LongNamesShrinkToFitTheCard) {
  BadgeData badge = simona();
  badge.givenName = QStringLiteral("Maximiliane-Annegret-Friederike");
  badge.familyName = QStringLiteral("Wolfeschlegelsteinhausenbergerdorff-Łukasiewicz");
  const QString pdf = printPdf(badge);
  const QString boxes = run(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), pdf, QStringLiteral("-")});
  const QRegularExpression word(QStringLiteral("xMin=\"([\\d.]+)\" yMin=\"[\\d.]+\" xMax=\"([\\d.]+)\"[^>]*>([^<]+)<"));
  int names = 0;
  for (const QRegularExpressionMatch& match : word.globalMatch(boxes)) {
    const double xMax = match.captured(2).toDouble();
    EXPECT_LE(xMax, 243.8) << match.captured(3).toStdString() << " runs off the card";
    if (match.captured(3).startsWith(QStringLiteral("Maximiliane")) ||
        match.captured(3).startsWith(QStringLiteral("Wolfeschlegel"))) {
      ++names;
      // Left of the QR code, at the top right.
      EXPECT_LE(xMax, 243.8 * BadgeTemplate::defaultTemplate().layoutFor(BadgeSize::Id1)->qrBox.left())
          << match.captured(3).toStdString() << " runs into the QR code";
    }
  }
  EXPECT_EQ(names, 2) << boxes.toStdString();
  EXPECT_TRUE(boxes.contains(QStringLiteral("Wolfeschlegelsteinhausenbergerdorff-Łukasiewicz")));
}

// Word boxes from pdftotext -bbox: text -> (xMin, yMin, xMax, yMax) in points.
QHash<QString, QRectF> wordBoxes(const QString& pdf) {
  const QString boxes = run(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), pdf, QStringLiteral("-")});
  const QRegularExpression word(
      QStringLiteral("xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]+)<"));
  QHash<QString, QRectF> result;
  for (const QRegularExpressionMatch& match : word.globalMatch(boxes)) {
    // NFKC undoes ligatures such as "ff" that pdftotext reports as one character.
    result.insert(match.captured(5).normalized(QString::NormalizationForm_KC),
                  QRectF(QPointF(match.captured(1).toDouble(), match.captured(2).toDouble()),
                         QPointF(match.captured(3).toDouble(), match.captured(4).toDouble())));
  }
  return result;
}

TEST_F(BadgeRendererTest, ALongNameOfSeveralWordsTakesTwoLinesRatherThanATinyFont) {
  BadgeData badge = simona();
  badge.givenName = QStringLiteral("Maria João");
  badge.familyName = QStringLiteral("Vasconcelos de Albuquerque e Sousa Magalhães");
  badge.affiliation = QStringLiteral("Câmara Municipal de Lisboa");
  const QHash<QString, QRectF> words = wordBoxes(printPdf(badge));
  ASSERT_TRUE(words.contains(QStringLiteral("Vasconcelos"))) << words.keys().join(' ').toStdString();
  ASSERT_TRUE(words.contains(QStringLiteral("Magalhães"))) << words.keys().join(' ').toStdString();
  const QRectF first = words.value(QStringLiteral("Vasconcelos"));
  const QRectF last = words.value(QStringLiteral("Magalhães"));
  EXPECT_GE(last.top(), first.bottom() - 1) << "the name goes on in a second line";
  // On one line it came out at about 5 pt, smaller than the affiliation beneath it.
  EXPECT_GE(first.height(), words.value(QStringLiteral("Municipal")).height() - 0.5);
  EXPECT_LE(last.right(), 243.8 * BadgeTemplate::defaultTemplate().layoutFor(BadgeSize::Id1)->qrBox.left())
      << "runs into the QR code";
}

TEST_F(BadgeRendererTest, CyrillicNameHasItsTransliterationBeneath) {
  BadgeData badge = simona();
  badge.givenName = QStringLiteral("Тарас");
  badge.familyName = QStringLiteral("Шевченко");
  badge.latinName = QStringLiteral("Taras Shevchenko");
  for (const BadgeSize size : {BadgeSize::Id1, BadgeSize::A6}) {
    for (const BadgeTemplate& badgeTemplate :
         {BadgeTemplate::defaultTemplate(), templateFile(QStringLiteral("example-large-name.json"))}) {
      const QHash<QString, QRectF> words = wordBoxes(printPdf(badge, size, badgeTemplate));
      ASSERT_TRUE(words.contains(QStringLiteral("Шевченко"))) << words.keys().join(' ').toStdString();
      ASSERT_TRUE(words.contains(QStringLiteral("Shevchenko"))) << words.keys().join(' ').toStdString();
      EXPECT_GE(words.value(QStringLiteral("Shevchenko")).top(), words.value(QStringLiteral("Шевченко")).bottom() - 1)
          << qPrintable(badgeTemplate.source);
      EXPECT_TRUE(words.contains(QStringLiteral("Vilnius"))) << "the affiliation still shows";
    }
  }
}

TEST_F(BadgeRendererTest, LongNamesShrinkToFitACustomTemplate) {
  BadgeData badge = simona();
  badge.givenName = QStringLiteral("Maximiliane-Annegret-Friederike");
  badge.familyName = QStringLiteral("Wolfeschlegelsteinhausenbergerdorff-Łukasiewicz");
  const QHash<QString, QRectF> words =
      wordBoxes(printPdf(badge, BadgeSize::Id1, templateFile(QStringLiteral("example-large-name.json"))));
  const qreal width = 243.8;  // 86 mm in points.
  ASSERT_TRUE(words.contains(badge.givenName)) << words.keys().join(' ').toStdString();
  ASSERT_TRUE(words.contains(badge.familyName)) << words.keys().join(' ').toStdString();
  // The example's boxes: the given name 0.05-0.95 of the width, the family name 0.05-0.67.
  EXPECT_LE(words.value(badge.givenName).right(), 0.95 * width + 0.5);
  EXPECT_LE(words.value(badge.familyName).right(), 0.67 * width + 0.5) << "runs into the QR code";
  EXPECT_GE(words.value(badge.givenName).left(), 0.05 * width - 0.5);
}

// The built-in template on an 86x54 card at 20 px/mm: the QR code 0.45 of the short side at the
// top right, right-aligned at a margin of 4.4 % of the width and centred in a box from 6 % of the
// height, beside the given name; the band 18 % of the height along the bottom.
TEST(BadgeLayoutTest, DefaultTemplatePutsTheQrCodeAtTheTopRight) {
  const BadgeData badge = [] {
    BadgeData b;  // Only the band and the code: nothing else dark on the right half.
    b.categoryColour = QColor(0x15, 0x65, 0xC0);
    b.badgeCode = kBadgeCode;
    return b;
  }();
  const QImage card = paintImage(badge, *BadgeTemplate::defaultTemplate().layoutFor(BadgeSize::Id1), {1720, 1080});
  const qreal unit = 1080, band = unit * 0.18;
  EXPECT_EQ(card.pixelColor(860, qRound(1080 - band) + 2), badge.categoryColour);
  EXPECT_EQ(card.pixelColor(860, qRound(1080 - band) - 2), QColor(Qt::white));
  int modules = 0;
  BadgeRenderer::qrModules(badge.badgeCode, &modules);
  const qreal box = unit * 0.45;
  const qreal side = std::floor(box / modules) * modules;
  const qreal right = 1720 * (1 - 0.043953);
  const QRectF expected(right - side, unit * 0.06 + (box - side) / 2, side, side);
  const QRect qr = darkBounds(card, QRect(860, 0, 860, qRound(1080 - band)));
  EXPECT_LE(std::abs(qr.left() - expected.left()), 1.0) << qr.left() << " vs " << expected.left();
  EXPECT_LE(std::abs(qr.right() + 1 - expected.right()), 1.0) << qr.right() << " vs " << expected.right();
  EXPECT_LE(std::abs(qr.top() - expected.top()), 1.0) << qr.top() << " vs " << expected.top();
  EXPECT_LE(std::abs(qr.bottom() + 1 - expected.bottom()), 1.0) << qr.bottom() << " vs " << expected.bottom();
}

TEST(BadgeLayoutTest, CustomTemplateMovesTheQrCodeAndTheBand) {
  QString error;
  const std::optional<BadgeTemplate> moved = parseBadgeTemplate(R"({"layouts": {"landscape": {
      "category_band": {"box": [0, 0, 1, 0.2]},
      "qr_code": {"box": [0.03, 0.25, 0.4, 0.7], "align": "left"},
      "given_name": {"box": [0.5, 0.3, 0.45, 0.2], "bold": true}}}})",
                                                                QStringLiteral("moved.json"), &error);
  ASSERT_TRUE(moved.has_value()) << qPrintable(error);
  BadgeData badge;
  badge.givenName = QStringLiteral("Simona");
  badge.categoryColour = QColor(0x15, 0x65, 0xC0);
  badge.badgeCode = kBadgeCode;
  const QImage before = paintImage(badge, *BadgeTemplate::defaultTemplate().layoutFor(BadgeSize::Id1), {1720, 1080});
  const QImage after = paintImage(badge, *moved->layoutFor(BadgeSize::Id1), {1720, 1080});

  EXPECT_EQ(before.pixelColor(860, 1060), badge.categoryColour) << "the built-in band is along the bottom";
  EXPECT_EQ(before.pixelColor(860, 20), QColor(Qt::white));
  EXPECT_EQ(after.pixelColor(860, 20), badge.categoryColour) << "the band is now along the top";
  EXPECT_EQ(after.pixelColor(860, 1060), QColor(Qt::white));

  const QRectF builtInQr = BadgeTemplate::defaultTemplate().layoutFor(BadgeSize::Id1)->qrBox;
  EXPECT_FALSE(darkBounds(before, pixels(before, builtInQr)).isEmpty());
  const QRectF belowTheName(builtInQr.x(), 0.52, builtInQr.width(), builtInQr.bottom() - 0.52);
  EXPECT_TRUE(darkBounds(after, pixels(after, belowTheName)).isEmpty()) << "nothing is left where the QR code was";
  const QRect qr = darkBounds(after, pixels(after, QRectF(0, 0.2, 0.5, 0.8)));
  ASSERT_FALSE(qr.isEmpty());
  EXPECT_NEAR(qr.left(), 0.03 * 1720, 1.0) << "left-aligned in its box";
  EXPECT_TRUE(pixels(after, QRectF(0.03, 0.25, 0.4, 0.7)).contains(qr));
  EXPECT_NEAR(qr.width(), qr.height(), 1.0) << "square";
  EXPECT_GT(qr.width(), 0.35 * 1080) << "as large as the box's short side allows";
}

TEST(BadgeLayoutTest, WithoutAQrCodeTheNamesMayUseItsSpace) {
  BadgeData badge;
  badge.givenName = QStringLiteral("Maximiliane-Annegret-Friederike");
  badge.badgeCode = kBadgeCode;
  const BadgeLayout& card = *BadgeTemplate::defaultTemplate().layoutFor(BadgeSize::Id1);
  const BadgeTextElement& given = card.texts.at(2);
  ASSERT_EQ(given.field, BadgeField::GivenName);
  ASSERT_TRUE(given.extendOverQr);
  const QRectF nameRow(0, given.box.y(), 1, given.box.height());
  const QImage withQr = paintImage(badge, card, {1720, 1080});
  const QRect nameWithQr =
      darkBounds(withQr, pixels(withQr, QRectF(0, given.box.y(), card.qrBox.left(), given.box.height())));
  ASSERT_FALSE(nameWithQr.isEmpty());
  EXPECT_LE(nameWithQr.right(), given.box.right() * 1720 + 1) << "the name stops short of the QR code";

  badge.badgeCode.clear();  // A ticket code was scanned: no QR code to print.
  const QImage withoutQr = paintImage(badge, card, {1720, 1080});
  const QRect nameWithoutQr = darkBounds(withoutQr, pixels(withoutQr, nameRow));
  EXPECT_GT(nameWithoutQr.right(), card.qrBox.left() * 1720) << "the name grows into the QR code's space";
  EXPECT_LE(nameWithoutQr.right(), card.qrBox.right() * 1720 + 1);
}

TEST_F(BadgeRendererTest, QrUsesAlphanumericModeForBadgeCodes) {
  int alphanumeric = 0;
  int bytes = 0;
  BadgeRenderer::qrModules(kBadgeCode, &alphanumeric);
  BadgeRenderer::qrModules(kBadgeCode.toLower(), &bytes);
  EXPECT_GT(alphanumeric, 0);
  EXPECT_LT(alphanumeric, bytes) << "alphanumeric mode needs a smaller symbol than 8-bit mode";
}

// A printer whose job blocks until the test lets it go.
class StuckPrinter final : public ThreadedBadgePrinter {
 public:
  StuckPrinter()
      : ThreadedBadgePrinter(BadgeSize::Id1, BadgeTemplate::defaultTemplate(), std::chrono::milliseconds(100)) {}
  ~StuckPrinter() override {
    release.release();
    waitForPrints();
  }
  QString name() const override { return QStringLiteral("stuck"); }
  mutable QSemaphore release;

 protected:
  PrintResult printNow(const BadgeData&, BadgeSize) const override {
    release.acquire();
    return {true, {}, {}};
  }
  PrinterState stateNow() const override { return {PrinterState::Status::PaperOut, QStringLiteral("media-empty")}; }
};

TEST(ThreadedBadgePrinterTest, PrintThatDoesNotFinishInTimeFails) {
  StuckPrinter printer;
  std::optional<PrintResult> result;
  int calls = 0;
  QObject context;
  printer.print(BadgeData{}, &context, [&](const PrintResult& r) {
    result = r;
    ++calls;
  });
  ASSERT_TRUE(waitUntil([&] { return result.has_value(); }));
  EXPECT_FALSE(result->ok);
  EXPECT_TRUE(result->error.contains(QStringLiteral("did not finish"))) << qPrintable(result->error);
  printer.release.release();
  QCoreApplication::processEvents();
  EXPECT_EQ(calls, 1);
}

TEST(BadgePrinterTest, StateCheckAnswersWhileAPrintIsStuck) {
  StuckPrinter printer;
  QObject context;
  printer.print(BadgeData{}, &context, [](const PrintResult&) {});
  std::optional<PrinterState> state;
  printer.checkState(&context, [&](const PrinterState& answer) { state = answer; });
  ASSERT_TRUE(waitUntil([&] { return state.has_value(); }));
  EXPECT_EQ(state->status, PrinterState::Status::PaperOut);
  EXPECT_EQ(state->detail, QStringLiteral("media-empty"));
}

TEST(CupsPrinterStateTest, MapsWhatCupsSays) {
  using Status = PrinterState::Status;
  EXPECT_EQ(cupsPrinterState("badges", true, "3", "none", "true", "").status, Status::Ok);
  EXPECT_EQ(cupsPrinterState("badges", true, "4", "", "true", "").status, Status::Ok) << "printing is fine";
  EXPECT_EQ(cupsPrinterState("badges", true, "3", "toner-low-warning,cups-insecure-filter-warning", "true", "").status,
            Status::Ok)
      << "warnings are advisory";

  const PrinterState paper = cupsPrinterState("badges", true, "3", "media-empty-error", "true", "Load labels");
  EXPECT_EQ(paper.status, Status::PaperOut);
  EXPECT_EQ(paper.detail, QStringLiteral("media-empty-error: Load labels"));
  EXPECT_EQ(cupsPrinterState("badges", true, "3", "media-needed", "true", "").status, Status::PaperOut);

  EXPECT_EQ(cupsPrinterState("badges", true, "3", "offline-report", "true", "").status, Status::Ok)
      << "a -report reason is only a report";
  EXPECT_EQ(cupsPrinterState("badges", true, "3", "offline", "true", "").status, Status::Offline);
  EXPECT_EQ(cupsPrinterState("badges", true, "3", "connecting-to-device", "true", "").status, Status::Offline);
  const PrinterState stopped = cupsPrinterState("badges", true, "5", "paused", "true", "");
  EXPECT_EQ(stopped.status, Status::Offline);
  EXPECT_EQ(cupsPrinterState("badges", true, "3", "", "false", "").status, Status::Offline);

  EXPECT_EQ(cupsPrinterState("badges", true, "3", "door-open-error", "true", "").status, Status::Error);

  const PrinterState missing = cupsPrinterState("badges", false, "", "", "", "");
  EXPECT_EQ(missing.status, Status::Offline);
  EXPECT_EQ(missing.detail, QStringLiteral("no CUPS queue badges"));
}

TEST(PdfBadgePrinterTest, StateSaysWhenTheFolderCannotBeWritten) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  QObject context;
  std::optional<PrinterState> state;
  PdfBadgePrinter good(dir.filePath(QStringLiteral("badges")), BadgeSize::Id1);
  good.checkState(&context, [&](const PrinterState& answer) { state = answer; });
  ASSERT_TRUE(waitUntil([&] { return state.has_value(); }));
  EXPECT_EQ(state->status, PrinterState::Status::Ok);

  QFile blocker(dir.filePath(QStringLiteral("file")));
  ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
  state.reset();
  PdfBadgePrinter bad(dir.filePath(QStringLiteral("file/badges")), BadgeSize::Id1);
  bad.checkState(&context, [&](const PrinterState& answer) { state = answer; });
  ASSERT_TRUE(waitUntil([&] { return state.has_value(); }));
  EXPECT_EQ(state->status, PrinterState::Status::Error);
  EXPECT_TRUE(state->detail.startsWith(QStringLiteral("cannot write to"))) << qPrintable(state->detail);
}

}  // namespace
}  // namespace lanyard::kiosk
