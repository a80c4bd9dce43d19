#include "badge_template.h"

#include <gtest/gtest.h>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>

namespace lanyard::kiosk {
namespace {

// A template with one landscape layout holding `elements` (JSON object members, without braces).
QByteArray landscape(const QByteArray& elements) { return R"({"layouts": {"landscape": {)" + elements + "}}}"; }
const QByteArray kQr = R"("qr_code": {"box": [0.6, 0.2, 0.35, 0.6]})";

std::optional<BadgeTemplate> parse(const QByteArray& json, QString* error = nullptr) {
  return parseBadgeTemplate(json, QStringLiteral("t.json"), error);
}

TEST(BadgeTemplateTest, DefaultHasTheBuiltInElementsForEverySize) {
  const BadgeTemplate& built = BadgeTemplate::defaultTemplate();
  for (const BadgeSize size : {BadgeSize::Id1, BadgeSize::Label4x3, BadgeSize::A6}) {
    const BadgeLayout* layout = built.layoutFor(size);
    ASSERT_NE(layout, nullptr);
    EXPECT_EQ(layout->background, QColor(Qt::white));
    ASSERT_TRUE(layout->categoryBand.has_value());
    EXPECT_DOUBLE_EQ(layout->categoryBand->bottom(), 1.0) << "the band runs along the bottom";
    QList<BadgeField> fields;
    for (const BadgeTextElement& text : layout->texts) fields.append(text.field);
    EXPECT_EQ(fields, (QList<BadgeField>{BadgeField::CategoryLabel, BadgeField::EventName, BadgeField::GivenName,
                                         BadgeField::FamilyName, BadgeField::LatinName, BadgeField::Affiliation}));
    EXPECT_TRUE(layout->texts[2].bold) << "the given name is bold";
    EXPECT_FALSE(layout->texts[0].colour.has_value()) << "the band's label contrasts with the band";
    EXPECT_LT(layout->texts[2].boxWithLatin.height(), layout->texts[2].box.height())
        << "the given name makes room for a Latin transliteration";
  }
  EXPECT_GT(built.layoutFor(BadgeSize::Id1)->qrBox.left(), built.layoutFor(BadgeSize::Id1)->texts[2].box.right())
      << "QR right of the names on a card";
  EXPECT_GT(built.layoutFor(BadgeSize::A6)->qrBox.top(), built.layoutFor(BadgeSize::A6)->texts[2].box.bottom())
      << "QR under the names on A6";
}

TEST(BadgeTemplateTest, EveryShippedTemplateParsesWithALayoutForEverySize) {
  const QDir badges(QStringLiteral(LANYARD_BADGES_DIR));
  const QStringList files = badges.entryList({QStringLiteral("*.json")}, QDir::Files);
  EXPECT_GE(files.size(), 2) << "default.json and at least one example";
  for (const QString& file : files) {
    QString error;
    const std::optional<BadgeTemplate> parsed = loadBadgeTemplate(badges.filePath(file), &error);
    ASSERT_TRUE(parsed.has_value()) << qPrintable(error);
    for (const BadgeSize size : {BadgeSize::Id1, BadgeSize::Label4x3, BadgeSize::A6}) {
      EXPECT_NE(parsed->layoutFor(size, &error), nullptr) << qPrintable(error);
    }
  }
}

TEST(BadgeTemplateTest, ReadsEveryKeyOfATextElement) {
  QString error;
  const auto parsed = parse(landscape(kQr + R"(, "static_text": {"text": "Wi-Fi: ICC", "box": [0.1, 0.2, 0.5, 0.3],
      "max_height": 0.25, "bold": true, "colour": "navy", "align": "right", "extend_over_qr": true,
      "with_latin": {"box": [0.1, 0.1, 0.5, 0.2], "max_height": 0.15}})"),
                            &error);
  ASSERT_TRUE(parsed.has_value()) << qPrintable(error);
  const BadgeLayout* layout = parsed->layoutFor(BadgeSize::Id1);
  ASSERT_NE(layout, nullptr);
  ASSERT_EQ(layout->texts.size(), 1);
  const BadgeTextElement& text = layout->texts[0];
  EXPECT_EQ(text.field, BadgeField::StaticText);
  EXPECT_EQ(text.text, QStringLiteral("Wi-Fi: ICC"));
  EXPECT_EQ(text.box, QRectF(0.1, 0.2, 0.5, 0.3));
  EXPECT_DOUBLE_EQ(text.maxHeight, 0.25);
  EXPECT_EQ(text.boxWithLatin, QRectF(0.1, 0.1, 0.5, 0.2));
  EXPECT_DOUBLE_EQ(text.maxHeightWithLatin, 0.15);
  EXPECT_TRUE(text.bold);
  EXPECT_TRUE(text.extendOverQr);
  EXPECT_EQ(text.colour, QColor(0, 0, 0x80));
  EXPECT_EQ(text.alignment, Qt::AlignRight);
  EXPECT_EQ(layout->qrBox, QRectF(0.6, 0.2, 0.35, 0.6));
  EXPECT_FALSE(layout->categoryBand.has_value());
}

TEST(BadgeTemplateTest, DefaultsAreBlackLeftAlignedAndAsTallAsTheBox) {
  const auto parsed = parse(landscape(kQr + R"(, "given_name": {"box": [0.1, 0.2, 0.4, 0.3]})"));
  ASSERT_TRUE(parsed.has_value());
  const BadgeTextElement& text = parsed->layoutFor(BadgeSize::Id1)->texts.at(0);
  EXPECT_DOUBLE_EQ(text.maxHeight, 0.3);
  EXPECT_EQ(text.boxWithLatin, text.box);
  EXPECT_DOUBLE_EQ(text.maxHeightWithLatin, 0.3);
  EXPECT_EQ(text.colour, QColor(Qt::black));
  EXPECT_EQ(text.alignment, Qt::AlignLeft);
  EXPECT_FALSE(text.bold);
}

TEST(BadgeTemplateTest, ASizeOwnLayoutWinsOverItsOrientation) {
  const auto parsed = parse(R"({"background": "#fffbe6", "layouts": {
      "landscape": {"qr_code": {"box": [0.6, 0.2, 0.3, 0.5]}},
      "4x3": {"background": "#000000", "qr_code": {"box": [0.1, 0.2, 0.3, 0.5]}}}})");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_DOUBLE_EQ(parsed->layoutFor(BadgeSize::Id1)->qrBox.x(), 0.6);
  EXPECT_DOUBLE_EQ(parsed->layoutFor(BadgeSize::Label4x3)->qrBox.x(), 0.1);
  EXPECT_EQ(parsed->layoutFor(BadgeSize::Id1)->background, QColor(0xff, 0xfb, 0xe6));
  EXPECT_EQ(parsed->layoutFor(BadgeSize::Label4x3)->background, QColor(Qt::black));
  QString error;
  EXPECT_EQ(parsed->layoutFor(BadgeSize::A6, &error), nullptr);
  EXPECT_EQ(error, QStringLiteral("t.json: no layout for this badge size: add \"a6\" or \"portrait\" to layouts"));
}

// A bad template and the start of the message it must give.
struct BadCase {
  const char* name;
  QByteArray json;
  const char* error;
};
void PrintTo(const BadCase& bad, std::ostream* out) { *out << bad.name; }

class BadBadgeTemplateTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadBadgeTemplateTest, IsRefusedSayingWhatAndWhere) {
  QString error;
  EXPECT_FALSE(parse(GetParam().json, &error).has_value());
  EXPECT_TRUE(error.startsWith(QString::fromUtf8(GetParam().error))) << qPrintable(error);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadBadgeTemplateTest,
    ::testing::Values(
        BadCase{"MalformedJson", "{\"layouts\": {\n  \"id1\": {\n    \"qr_code\": {\"box\": [0, 0, 1, 1]},,\n",
                "t.json: line 3, column 39: "},
        BadCase{"DuplicateElement",
                "{\"layouts\": {\"id1\": {\n  \"qr_code\": {\"box\": [0, 0, 1, 1]},\n  \"qr_code\": {\"box\": [0, 0, "
                "0.5, 1]}}}}",
                "t.json: line 3, column 3: \"qr_code\" appears twice in the same object"},
        BadCase{"NotAnObject", "[1, 2]", "t.json: (top level): expected a JSON object"},
        BadCase{"NoLayouts", R"({"background": "#ffffff"})",
                "t.json: layouts: expected an object with at least one of"},
        BadCase{"UnknownTopLevelKey", R"({"colour": "red", "layouts": {}})", "t.json: colour: unknown key (known: "},
        BadCase{"UnknownLayout", R"({"layouts": {"A6": {}}})",
                "t.json: layouts.A6: unknown layout (known: id1, 4x3, a6, landscape, portrait)"},
        BadCase{"UnknownElement", landscape(kQr + R"(, "given": {"box": [0, 0, 1, 1]})"),
                "t.json: layouts.landscape.given: unknown element (known: background, category_band, "},
        BadCase{"UnknownKey", landscape(kQr + R"(, "given_name": {"box": [0, 0, 1, 1], "size": 3})"),
                "t.json: layouts.landscape.given_name.size: unknown key (known: box, max_height, "},
        BadCase{"KeyNotForThisElement", landscape(R"("qr_code": {"box": [0, 0, 1, 1], "bold": true})"),
                "t.json: layouts.landscape.qr_code.bold: unknown key (known: box, align)"},
        BadCase{"NoQrCode", landscape(R"("given_name": {"box": [0, 0, 1, 1]})"),
                "t.json: layouts.landscape: no qr_code element (every layout needs one"},
        BadCase{"BoxOffTheRight", landscape(R"("qr_code": {"box": [0.8, 0.2, 0.3, 0.5]})"),
                "t.json: layouts.landscape.qr_code.box: [0.8,0.2,0.3,0.5] is outside the page (x + width = 1.1"},
        BadCase{"BoxOffTheBottom", landscape(kQr + R"(, "category_band": {"box": [0, 0.9, 1, 0.2]})"),
                "t.json: layouts.landscape.category_band.box: [0,0.9,1,0.2] is outside the page"},
        BadCase{"BoxNegative", landscape(R"("qr_code": {"box": [-0.1, 0.2, 0.3, 0.5]})"),
                "t.json: layouts.landscape.qr_code.box: [-0.1,0.2,0.3,0.5]: x and y must be 0 or more"},
        BadCase{"BoxThreeNumbers", landscape(R"("qr_code": {"box": [0.1, 0.2, 0.3]})"),
                "t.json: layouts.landscape.qr_code.box: expected [x, y, width, height]"},
        BadCase{"BoxMissing", landscape(kQr + R"(, "affiliation": {"bold": true})"),
                "t.json: layouts.landscape.affiliation.box: missing"},
        BadCase{"BadColour", landscape(kQr + R"(, "event_name": {"box": [0, 0, 1, 0.1], "colour": "#30303"})"),
                "t.json: layouts.landscape.event_name.colour: \"#30303\" is not a colour"},
        BadCase{"ColourNotAString", landscape(kQr + R"(, "event_name": {"box": [0, 0, 1, 0.1], "colour": 3})"),
                "t.json: layouts.landscape.event_name.colour: 3 is not a colour"},
        BadCase{"BandContrastBackground", R"({"background": "band-contrast", "layouts": {}})",
                "t.json: background: \"band-contrast\" is not a colour"},
        BadCase{"BadAlign", landscape(kQr + R"(, "given_name": {"box": [0, 0, 1, 0.1], "align": "middle"})"),
                "t.json: layouts.landscape.given_name.align: expected \"left\", \"center\" or \"right\""},
        BadCase{"BoldNotABool", landscape(kQr + R"(, "given_name": {"box": [0, 0, 1, 0.1], "bold": "yes"})"),
                "t.json: layouts.landscape.given_name.bold: expected true or false"},
        BadCase{"MaxHeightZero", landscape(kQr + R"(, "given_name": {"box": [0, 0, 1, 0.1], "max_height": 0})"),
                "t.json: layouts.landscape.given_name.max_height: expected a fraction of the page height"},
        BadCase{"StaticTextWithoutText", landscape(kQr + R"(, "static_text": {"box": [0, 0, 1, 0.1]})"),
                "t.json: layouts.landscape.static_text.text: expected the text to print"},
        BadCase{"UnknownKeyInWithLatin",
                landscape(kQr + R"(, "family_name": {"box": [0, 0, 1, 0.1], "with_latin": {"bold": true}})"),
                "t.json: layouts.landscape.family_name.with_latin.bold: unknown key (known: box, max_height)"},
        BadCase{
            "WithLatinBoxOffThePage",
            landscape(kQr + R"(, "family_name": {"box": [0, 0, 1, 0.1], "with_latin": {"box": [0, 0.95, 1, 0.1]}})"),
            "t.json: layouts.landscape.family_name.with_latin.box: [0,0.95,1,0.1] is outside the page"}),
    [](const ::testing::TestParamInfo<BadCase>& param) { return std::string(param.param.name); });

TEST(BadgeTemplateTest, MissingFileNamesTheFile) {
  QString error;
  EXPECT_FALSE(loadBadgeTemplate(QStringLiteral("/nonexistent/badge.json"), &error).has_value());
  EXPECT_TRUE(error.startsWith(QStringLiteral("/nonexistent/badge.json: cannot read: "))) << qPrintable(error);
}

// The kiosk refuses to start, and so its self-test fails, on a template it cannot use; before it
// ever reaches for the server.
class KioskBadgeTemplateOptionTest : public ::testing::Test {
 protected:
  // Runs lanyard-kiosk with `arguments`; its exit code and standard error.
  std::pair<int, QString> runKiosk(QStringList arguments) {
    arguments << QStringLiteral("--server") << QStringLiteral("127.0.0.1:1") << QStringLiteral("--token")
              << QStringLiteral("lyd_test") << QStringLiteral("--self-test");
    QProcess kiosk;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.remove(QStringLiteral("LANYARD_KIOSK_CONFIG"));
    kiosk.setProcessEnvironment(environment);
    kiosk.start(QStringLiteral(LANYARD_KIOSK_BINARY), arguments);
    if (!kiosk.waitForFinished(30000)) {
      kiosk.kill();
      kiosk.waitForFinished();
      ADD_FAILURE() << "lanyard-kiosk did not exit";
    }
    return {kiosk.exitCode(), QString::fromUtf8(kiosk.readAllStandardError())};
  }

  QString write(const QString& name, const QByteArray& content) {
    QFile file(dir.filePath(name));
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(content);
    return file.fileName();
  }

  QTemporaryDir dir;
};

TEST_F(KioskBadgeTemplateOptionTest, BadTemplateOnTheCommandLineStopsTheSelfTest) {
  const QString bad = write(QStringLiteral("bad.json"), landscape(R"("qr_code": {"box": [0.8, 0.2, 0.3, 0.5]})"));
  const auto [code, error] = runKiosk({QStringLiteral("--badge-template"), bad});
  EXPECT_EQ(code, 2);
  EXPECT_TRUE(error.contains(bad + QStringLiteral(": layouts.landscape.qr_code.box: [0.8,0.2,0.3,0.5] is outside")))
      << qPrintable(error);
}

TEST_F(KioskBadgeTemplateOptionTest, BadTemplateInTheConfigFileStopsTheSelfTest) {
  const QString missing = dir.filePath(QStringLiteral("missing.json"));
  const QString config = write(QStringLiteral("kiosk.conf"), "badge_template = " + missing.toUtf8() + "\n");
  const auto [code, error] = runKiosk({QStringLiteral("--config"), config});
  EXPECT_EQ(code, 2);
  EXPECT_TRUE(error.contains(missing + QStringLiteral(": cannot read"))) << qPrintable(error);
}

TEST_F(KioskBadgeTemplateOptionTest, TemplateWithoutALayoutForTheBadgeSizeIsRefused) {
  const QString onlyCards = write(QStringLiteral("cards.json"), landscape(kQr));
  const auto [code, error] =
      runKiosk({QStringLiteral("--badge-template"), onlyCards, QStringLiteral("--badge-size"), QStringLiteral("a6")});
  EXPECT_EQ(code, 2);
  EXPECT_TRUE(error.contains(onlyCards + QStringLiteral(": no layout for this badge size"))) << qPrintable(error);
}

}  // namespace
}  // namespace lanyard::kiosk
