// The compiled translations are in the library's resources and say what the .ts files say.

#include <gtest/gtest.h>

#include <QtCore/QFile>
#include <QtCore/QRegularExpression>
#include <QtCore/QTranslator>
#include <QtCore/QXmlStreamReader>

#include "kiosk_controller.h"
#include "presentation.h"

namespace lanyard::kiosk {
namespace {

// One message of a .ts file: its source, and its translation's type ("" when finished) and texts
// (one, or one per plural form).
struct TsMessage {
  QString context;
  QString source;
  QString type;
  QStringList texts;
};

// Every message of the kiosk's .ts file for `language`; empty (and a test failure) if unreadable.
QList<TsMessage> tsMessages(const QString& language) {
  QFile file(QStringLiteral(LANYARD_TRANSLATIONS_DIR "/lanyard_kiosk_%1.ts").arg(language));
  if (!file.open(QIODevice::ReadOnly)) {
    ADD_FAILURE() << "cannot read " << qPrintable(file.fileName());
    return {};
  }
  QList<TsMessage> messages;
  QString context;
  QXmlStreamReader ts(&file);
  while (!ts.atEnd()) {
    if (ts.readNext() != QXmlStreamReader::StartElement) continue;
    if (ts.name() == QLatin1String("name")) context = ts.readElementText();
    if (ts.name() == QLatin1String("source")) messages.append({context, ts.readElementText(), {}, {}});
    if (ts.name() == QLatin1String("translation") && !messages.isEmpty()) {
      messages.last().type = ts.attributes().value(QLatin1String("type")).toString();
      if (ts.readNext() == QXmlStreamReader::Characters && !ts.isWhitespace()) {
        messages.last().texts.append(ts.text().toString());
      }
    }
    if (ts.name() == QLatin1String("numerusform") && !messages.isEmpty()) {
      messages.last().texts.append(ts.readElementText());
    }
  }
  EXPECT_FALSE(ts.hasError()) << qPrintable(language) << ": " << qPrintable(ts.errorString());
  return messages;
}

// The %1...%9 placeholders in `text`, sorted.
QStringList placeholders(const QString& text) {
  static const QRegularExpression kPlaceholder(QStringLiteral("%[1-9]"));
  QStringList found;
  for (const QRegularExpressionMatch& match : kPlaceholder.globalMatch(text)) found.append(match.captured());
  found.sort();
  return found;
}

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
    const QList<TsMessage> messages = tsMessages(language);
    for (const TsMessage& message : messages) {
      EXPECT_TRUE(message.type.isEmpty())
          << qPrintable(language) << ": \"" << qPrintable(message.source) << "\" is " << qPrintable(message.type);
      EXPECT_FALSE(message.texts.isEmpty())
          << qPrintable(language) << ": \"" << qPrintable(message.source) << "\" has no translation";
      for (const QString& text : message.texts) {
        EXPECT_FALSE(text.trimmed().isEmpty())
            << qPrintable(language) << ": \"" << qPrintable(message.source) << "\" has an empty form";
      }
    }
    EXPECT_GT(messages.size(), 90) << qPrintable(language);
  }
}

// A translation says everything its source fills in: each %1...%9 of the source, once, in every
// plural form; and a plural's last (general) form has the count, %n. The first forms may write the
// number as a word ("the first letter").
TEST(TranslationsTest, EveryTranslationKeepsThePlaceholdersOfItsSource) {
  for (const QString& language : KioskController::kLanguages) {
    for (const TsMessage& message : tsMessages(language)) {
      for (const QString& text : message.texts) {
        EXPECT_EQ(placeholders(text), placeholders(message.source))
            << qPrintable(language) << ": \"" << qPrintable(text) << "\" for \"" << qPrintable(message.source) << "\"";
      }
      if (message.source.contains(QStringLiteral("%n")) && !message.texts.isEmpty()) {
        EXPECT_TRUE(message.texts.last().contains(QStringLiteral("%n")))
            << qPrintable(language) << ": \"" << qPrintable(message.texts.last()) << "\" has no %n";
      }
    }
  }
}

// In Arabic and Persian every message starts right to left (its first strong letter is), so that
// a line that holds a Latin word ("رمز PIN", "Lanyard") is still laid out from the right.
TEST(TranslationsTest, RightToLeftTranslationsStartRightToLeft) {
  int rightToLeftLanguages = 0;
  for (const QString& language : KioskController::kLanguages) {
    if (kioskLocale(language).textDirection() != Qt::RightToLeft) continue;
    ++rightToLeftLanguages;
    for (const TsMessage& message : tsMessages(language)) {
      for (const QString& text : message.texts) {
        // As shown: a number for %n; a name for %1 comes isolated (Bidi.js), a date or time is digits.
        QString shown = text;
        shown.replace(QStringLiteral("%n"), QStringLiteral("2"));
        shown.replace(QRegularExpression(QStringLiteral("%[1-9]")), QStringLiteral("1"));
        EXPECT_TRUE(shown.isRightToLeft()) << qPrintable(language) << ": \"" << qPrintable(text) << "\"";
      }
    }
  }
  EXPECT_EQ(rightToLeftLanguages, 2) << "Arabic and Persian";
}

TEST(TranslationsTest, WelcomeIsTranslated) {
  EXPECT_EQ(welcomeIn(QStringLiteral("cs")), QStringLiteral("Vítejte!"));
  EXPECT_EQ(welcomeIn(QStringLiteral("de")), QStringLiteral("Willkommen!"));
  EXPECT_EQ(welcomeIn(QStringLiteral("uk")), QStringLiteral("Ласкаво просимо!"));
  EXPECT_EQ(welcomeIn(QStringLiteral("lt")), QStringLiteral("Sveiki atvykę!"));
  EXPECT_EQ(welcomeIn(QStringLiteral("pl")), QStringLiteral("Witamy!"));
  EXPECT_EQ(welcomeIn(QStringLiteral("nl")), QStringLiteral("Welkom!"));
  EXPECT_EQ(welcomeIn(QStringLiteral("es")), QStringLiteral("¡Bienvenido/a!"));
  EXPECT_EQ(welcomeIn(QStringLiteral("el")), QStringLiteral("Καλώς ήρθατε!"));
  EXPECT_EQ(welcomeIn(QStringLiteral("ar")), QStringLiteral("أهلًا وسهلًا!"));
  EXPECT_EQ(welcomeIn(QStringLiteral("fa")), QStringLiteral("خوش آمدید!"));
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
  QTranslator polish;
  ASSERT_TRUE(polish.load(QStringLiteral(":/i18n/lanyard_kiosk_pl.qm")));
  EXPECT_EQ(polish.translate("ProofPage", kTries, nullptr, 1), QStringLiteral("To się nie zgadza. Została %n próba."));
  EXPECT_EQ(polish.translate("ProofPage", kTries, nullptr, 22), QStringLiteral("To się nie zgadza. Zostały %n próby."));
  EXPECT_EQ(polish.translate("ProofPage", kTries, nullptr, 12), QStringLiteral("To się nie zgadza. Zostało %n prób."));
  // Arabic counts one, two, three to ten and eleven on each in forms of their own.
  QTranslator arabic;
  ASSERT_TRUE(arabic.load(QStringLiteral(":/i18n/lanyard_kiosk_ar.qm")));
  EXPECT_EQ(arabic.translate("ProofPage", kTries, nullptr, 1), QStringLiteral("غير مطابق. تتبقى محاولة واحدة."));
  EXPECT_EQ(arabic.translate("ProofPage", kTries, nullptr, 2), QStringLiteral("غير مطابق. تتبقى محاولتان."));
  EXPECT_EQ(arabic.translate("ProofPage", kTries, nullptr, 3), QStringLiteral("غير مطابق. تتبقى %n محاولات."));
  EXPECT_EQ(arabic.translate("DoorPage", kOpens, nullptr, 15),
            QStringLiteral("يبدأ الدخول إلى الجلسة التالية قبل %n دقيقة من بدئها."));
  // Persian has one form: a number takes the singular.
  QTranslator persian;
  ASSERT_TRUE(persian.load(QStringLiteral(":/i18n/lanyard_kiosk_fa.qm")));
  EXPECT_EQ(persian.translate("DoorPage", kOpens, nullptr, 1), persian.translate("DoorPage", kOpens, nullptr, 15));
  EXPECT_TRUE(persian.translate("DoorPage", kOpens, nullptr, 15).contains(QStringLiteral("%n دقیقه")));
}

}  // namespace
}  // namespace lanyard::kiosk
