// The compiled translations are in the library's resources and say what the .ts files say.

#include <gtest/gtest.h>

#include <QtCore/QFile>
#include <QtCore/QTranslator>
#include <QtCore/QXmlStreamReader>

#include "kiosk_controller.h"

namespace lanyard::kiosk {
namespace {

QString welcomeIn(const QString& language) {
  QTranslator translator;
  if (!translator.load(QStringLiteral(":/i18n/lanyard_kiosk_%1.qm").arg(language))) return {};
  return translator.translate("WelcomePage", "Welcome!");
}

TEST(TranslationsTest, EveryKioskLanguageIsCompiledIn) {
  for (const QString& language : KioskController::kLanguages) {
    QTranslator translator;
    EXPECT_TRUE(translator.load(QStringLiteral(":/i18n/lanyard_kiosk_%1.qm").arg(language))) << qPrintable(language);
  }
}

// Every message of every .ts file has a finished translation (each plural form, for plurals), so
// that no screen falls back to English in another language.
TEST(TranslationsTest, EveryMessageIsTranslatedInEveryLanguage) {
  for (const QString& language : KioskController::kLanguages) {
    QFile file(QStringLiteral(LANYARD_TRANSLATIONS_DIR "/lanyard_kiosk_%1.ts").arg(language));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << qPrintable(file.fileName());
    QXmlStreamReader ts(&file);
    QString source;
    int messages = 0;
    while (!ts.atEnd()) {
      if (ts.readNext() != QXmlStreamReader::StartElement) continue;
      if (ts.name() == QLatin1String("source")) source = ts.readElementText();
      if (ts.name() != QLatin1String("translation")) continue;
      ++messages;
      const QString type = ts.attributes().value(QLatin1String("type")).toString();
      EXPECT_TRUE(type.isEmpty()) << qPrintable(language) << ": \"" << qPrintable(source) << "\" is "
                                  << qPrintable(type);
      // Reads the text, or the plural forms' texts, of the translation.
      const QString text = ts.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
      EXPECT_FALSE(text.isEmpty()) << qPrintable(language) << ": \"" << qPrintable(source) << "\" has no translation";
    }
    EXPECT_FALSE(ts.hasError()) << qPrintable(ts.errorString());
    EXPECT_GT(messages, 90) << qPrintable(language);
  }
}

TEST(TranslationsTest, WelcomeIsTranslated) {
  EXPECT_EQ(welcomeIn(QStringLiteral("cs")), QStringLiteral("Vítejte!"));
  EXPECT_EQ(welcomeIn(QStringLiteral("de")), QStringLiteral("Willkommen!"));
  EXPECT_EQ(welcomeIn(QStringLiteral("uk")), QStringLiteral("Ласкаво просимо!"));
  EXPECT_EQ(welcomeIn(QStringLiteral("lt")), QStringLiteral("Sveiki atvykę!"));
}

TEST(TranslationsTest, PlaceholdersSurviveTranslation) {
  for (const QString& language : KioskController::kLanguages) {
    QTranslator translator;
    ASSERT_TRUE(translator.load(QStringLiteral(":/i18n/lanyard_kiosk_%1.qm").arg(language)));
    const QString done = translator.translate("DonePage", "%1, you are checked in. Enjoy the conference!");
    const QString previous =
        translator.translate("ProblemPage", "Checked in: %1. For a second badge, please go to the help desk.");
    EXPECT_TRUE(done.isEmpty() || done.contains(QStringLiteral("%1"))) << qPrintable(language);
    EXPECT_TRUE(previous.isEmpty() || previous.contains(QStringLiteral("%1"))) << qPrintable(language);
    const QString next = translator.translate("WelcomePage", "Next: %1 at %2");
    const QString room = translator.translate(
        "SetupProblemPage", "This door is set up for the room “%1”, which no session of the event uses.");
    EXPECT_TRUE(next.indexOf(QStringLiteral("%1")) >= 0 &&
                next.indexOf(QStringLiteral("%1")) < next.indexOf(QStringLiteral("%2")))
        << qPrintable(language) << ": the title, then the time";
    EXPECT_TRUE(room.contains(QStringLiteral("%1"))) << qPrintable(language);
  }
}

TEST(TranslationsTest, PluralsFollowEachLanguage) {
  QTranslator czech;
  ASSERT_TRUE(czech.load(QStringLiteral(":/i18n/lanyard_kiosk_cs.qm")));
  const char* kTries = "That does not match. %n try/tries left.";
  EXPECT_EQ(czech.translate("ProofPage", kTries, nullptr, 1), QStringLiteral("To nesouhlasí. Zbývá %n pokus."));
  EXPECT_EQ(czech.translate("ProofPage", kTries, nullptr, 2), QStringLiteral("To nesouhlasí. Zbývají %n pokusy."));
  EXPECT_EQ(czech.translate("ProofPage", kTries, nullptr, 5), QStringLiteral("To nesouhlasí. Zbývá %n pokusů."));
  QTranslator ukrainian;
  ASSERT_TRUE(ukrainian.load(QStringLiteral(":/i18n/lanyard_kiosk_uk.qm")));
  EXPECT_EQ(ukrainian.translate("ProofPage", kTries, nullptr, 3),
            QStringLiteral("Не збігається. Залишилося %n спроби."));
  // The door's lead time (the event's session grace period, 15 minutes by default) in each language's plural.
  const char* kOpens = "Check-in for the next session opens %n minute(s) before it starts.";
  EXPECT_EQ(czech.translate("DoorPage", kOpens, nullptr, 15),
            QStringLiteral("Vstup na další sekci se otevírá %n minut před jejím začátkem."));
  EXPECT_EQ(ukrainian.translate("DoorPage", kOpens, nullptr, 15),
            QStringLiteral("Реєстрація на наступну сесію відкривається за %n хвилин до її початку."));
  QTranslator lithuanian;
  ASSERT_TRUE(lithuanian.load(QStringLiteral(":/i18n/lanyard_kiosk_lt.qm")));
  EXPECT_EQ(lithuanian.translate("DoorPage", kOpens, nullptr, 15),
            QStringLiteral("Registracija į kitą sesiją prasideda likus %n minučių iki jos pradžios."));
  EXPECT_EQ(lithuanian.translate("DoorPage", kOpens, nullptr, 5),
            QStringLiteral("Registracija į kitą sesiją prasideda likus %n minutėms iki jos pradžios."));
}

}  // namespace
}  // namespace lanyard::kiosk
