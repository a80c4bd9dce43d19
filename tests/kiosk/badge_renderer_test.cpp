#include "badge_renderer.h"

#include <gtest/gtest.h>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QSemaphore>
#include <QtCore/QTemporaryDir>

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

class BadgeRendererTest : public ::testing::Test {
 protected:
  // Prints `badge` with the real PdfBadgePrinter and returns the PDF's path.
  QString printPdf(const BadgeData& badge, BadgeSize size = BadgeSize::Id1) {
    PdfBadgePrinter printer(dir.path(), size);
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
      // Left of the QR code, which takes the right half of the card's height.
      EXPECT_LE(xMax, 243.8 - 0.5 * 153.0) << match.captured(3).toStdString() << " runs into the QR code";
    }
  }
  EXPECT_EQ(names, 2) << boxes.toStdString();
  EXPECT_TRUE(boxes.contains(QStringLiteral("Wolfeschlegelsteinhausenbergerdorff-Łukasiewicz")));
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
  StuckPrinter() : ThreadedBadgePrinter(BadgeSize::Id1, std::chrono::milliseconds(100)) {}
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
