// The real Main.qml with the real controller (fake client and printer): it loads from the
// module, follows the flow, and switches language at run time.

#include <gtest/gtest.h>

#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>
#include <cmath>
#include <functional>

#include "fake_badge_printer.h"
#include "fake_check_in_client.h"
#include "fake_clock.h"
#include "kiosk_controller.h"
#include "kiosk_translator.h"
#include "test_support.h"

namespace lanyard::kiosk {

using client::CheckInOutcome;
using client::DelegateSummary;
using client::Resolution;
namespace {

using testing::waitUntil;

class KioskUiTest : public ::testing::Test {
 protected:
  KioskUiTest() : controller(client, printer), translator(controller, engine) {
    client.event.value.name = QStringLiteral("Integrating Cities");
    client.event.value.nameProofLength = 4;
    client.event.value.defaultLanguage = QStringLiteral("en");
    client.resolution.value.status = Resolution::Status::Valid;
    DelegateSummary delegate;
    delegate.id = 3;
    delegate.givenName = QStringLiteral("Ганна");
    delegate.displayName = QStringLiteral("Ганна Л.");
    delegate.language = QStringLiteral("uk");
    client.resolution.value.delegate = delegate;
    client.checkInResult.value.outcome = CheckInOutcome::Admitted;
    client.checkInResult.value.delegate = delegate;
    engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
    engine.load(QUrl(QStringLiteral("qrc:/Lanyard/Kiosk/Main.qml")));
    if (!engine.rootObjects().isEmpty()) window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    controller.start();
  }

  // The width of the on-screen keyboard's key that sends `key`, or -1 if it shows none.
  qreal keyboardKeyWidth(int key) const {
    QQuickItem* panel = window ? window->findChild<QQuickItem*>(QStringLiteral("keyboard")) : nullptr;
    qreal width = -1;
    const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
      if (item->isVisible() && item->property("keyType").isValid() && item->property("key").toInt() == key) {
        width = item->width();
      }
      for (QQuickItem* child : item->childItems()) visit(child);
    };
    if (panel) visit(panel);
    return width;
  }

  // Where the middle of the visible item named `name` is across the window, or NaN if none is.
  // Searches the items as drawn: a Repeater's items are not QObject children of the window.
  qreal middleOf(const char* name) const {
    QQuickItem* found = nullptr;
    const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
      if (item->isVisible() && item->objectName() == QLatin1String(name)) found = item;
      for (QQuickItem* child : item->childItems()) visit(child);
    };
    if (window) visit(window->contentItem());
    return found ? found->mapToScene(QPointF(found->width() / 2, 0)).x() : std::nan("");
  }

  // The text of the item named `name` on the current page, or a null string if there is none.
  QString textOf(const char* name) const {
    QObject* item = window ? window->findChild<QObject*>(QString::fromLatin1(name)) : nullptr;
    return item ? item->property("text").toString() : QString();
  }

  testing::FakeCheckInClient client;
  testing::FakeBadgePrinter printer;
  KioskController controller;
  QQmlApplicationEngine engine;
  KioskTranslator translator;
  QQuickWindow* window = nullptr;
};

TEST_F(KioskUiTest, MainLoadsAndShowsWelcome) {
  ASSERT_NE(window, nullptr);
  EXPECT_EQ(textOf("welcomeHeading"), QStringLiteral("Welcome!"));
}

TEST_F(KioskUiTest, LanguageSwitchRetranslatesTheVisiblePage) {
  ASSERT_NE(window, nullptr);
  controller.setLanguage(QStringLiteral("de"));
  EXPECT_EQ(translator.installedLanguage(), QStringLiteral("de"));
  EXPECT_TRUE(waitUntil([&] { return textOf("welcomeHeading") == QStringLiteral("Willkommen!"); }))
      << qPrintable(textOf("welcomeHeading"));
  controller.setLanguage(QStringLiteral("cs"));
  EXPECT_TRUE(waitUntil([&] { return textOf("welcomeHeading") == QStringLiteral("Vítejte!"); }))
      << qPrintable(textOf("welcomeHeading"));
}

// Qt 6.4's Latin layouts drew Shift and Enter a few pixels wide in the kiosk (see KioskKeyboard.qml).
TEST_F(KioskUiTest, KeyboardShiftAndEnterAreAtLeastAsWideAsALetter) {
  ASSERT_NE(window, nullptr);
  ASSERT_TRUE(waitUntil([&] { return controller.canSearch(); }));
  controller.openSearch();
  ASSERT_TRUE(waitUntil([&] { return keyboardKeyWidth(Qt::Key_W) > 0; })) << "the keyboard came up with its letters";
  EXPECT_TRUE(waitUntil([&] {
    const qreal letter = keyboardKeyWidth(Qt::Key_W);
    return keyboardKeyWidth(Qt::Key_Shift) >= letter && keyboardKeyWidth(Qt::Key_Return) >= letter;
  })) << "W "
      << keyboardKeyWidth(Qt::Key_W) << ", Shift " << keyboardKeyWidth(Qt::Key_Shift) << ", Enter "
      << keyboardKeyWidth(Qt::Key_Return);
}

// E-mail addresses are in Latin letters: the proof page's keyboard is Latin in every language,
// while the name search keeps the language's own layout (Cyrillic for Ukrainian).
TEST_F(KioskUiTest, TheProofKeyboardIsLatinEvenInUkrainian) {
  constexpr int kCyrillicShortI = 0x0419;  // Й, the first key of the Ukrainian layout.
  ASSERT_NE(window, nullptr);
  ASSERT_TRUE(waitUntil([&] { return controller.canSearch(); }));
  client.searchResults.value.matches = {client.resolution.value.delegate.value()};
  controller.openSearch();
  controller.setLanguage(QStringLiteral("uk"));
  ASSERT_TRUE(waitUntil([&] { return keyboardKeyWidth(kCyrillicShortI) > 0; }))
      << "the search page has the Ukrainian layout";
  EXPECT_LT(keyboardKeyWidth(Qt::Key_W), 0);

  controller.search(QStringLiteral("ha"));
  ASSERT_TRUE(waitUntil([&] { return !controller.searchResults()->isEmpty(); }));
  controller.choose(3);
  controller.confirm();
  ASSERT_EQ(controller.page(), KioskController::Page::Proof);
  EXPECT_EQ(controller.language(), QStringLiteral("uk"));
  EXPECT_TRUE(waitUntil([&] { return keyboardKeyWidth(Qt::Key_W) > 0 && keyboardKeyWidth(kCyrillicShortI) < 0; }))
      << "W " << keyboardKeyWidth(Qt::Key_W) << ", Й " << keyboardKeyWidth(kCyrillicShortI);
}

// Arabic and Persian mirror the window: on Welcome the pictogram moves to the right of the scan
// prompt and the language bar reads from the right; back in German, both are as before.
TEST_F(KioskUiTest, RightToLeftLanguagesMirrorTheWindow) {
  ASSERT_NE(window, nullptr);
  ASSERT_TRUE(waitUntil([&] { return middleOf("scanPictogram") < middleOf("scanPrompt"); }));
  EXPECT_LT(middleOf("language_en"), middleOf("language_cs"));
  for (const QString& language : {QStringLiteral("ar"), QStringLiteral("fa")}) {
    controller.setLanguage(language);
    EXPECT_TRUE(waitUntil([&] { return middleOf("scanPictogram") > middleOf("scanPrompt"); })) << qPrintable(language);
    EXPECT_GT(middleOf("language_en"), middleOf("language_cs")) << qPrintable(language);
  }
  controller.setLanguage(QStringLiteral("de"));
  EXPECT_TRUE(waitUntil([&] { return middleOf("scanPictogram") < middleOf("scanPrompt"); }));
  EXPECT_LT(middleOf("language_en"), middleOf("language_cs"));
}

// The name search's keyboard is in the language's own letters where Qt 6.4 has a layout for it
// (Arabic's and Persian's under names no locale has); Lithuanian, which has none, gets British
// English.
TEST_F(KioskUiTest, TheSearchKeyboardHasEachLanguagesLetters) {
  struct Case {
    const char* language;
    int key;  // A key of that layout alone (Key.qml's code: the upper case letter).
  };
  const Case cases[] = {{"el", 0x03A9},  // Ω
                        {"es", 0x00D1},  // Ñ
                        {"ar", 0x0629},  // ة
                        {"fa", 0x06AF},  // گ
                        {"lt", Qt::Key_W}};
  ASSERT_NE(window, nullptr);
  ASSERT_TRUE(waitUntil([&] { return controller.canSearch(); }));
  controller.openSearch();
  for (const Case& each : cases) {
    controller.setLanguage(QString::fromLatin1(each.language));
    EXPECT_TRUE(waitUntil([&] { return keyboardKeyWidth(each.key) > 0; })) << each.language;
  }
}

// The e-mail proof in Arabic: Qt's Arabic layout has no Latin page, so the keyboard turns
// British English for it, and back to Arabic for the search.
TEST_F(KioskUiTest, TheProofKeyboardIsLatinInArabic) {
  constexpr int kTehMarbuta = 0x0629;  // ة, a key of the Arabic layout.
  ASSERT_NE(window, nullptr);
  ASSERT_TRUE(waitUntil([&] { return controller.canSearch(); }));
  client.searchResults.value.matches = {client.resolution.value.delegate.value()};
  client.resolution.value.delegate->language = QStringLiteral("ar");
  client.searchResults.value.matches.first().language = QStringLiteral("ar");
  controller.openSearch();
  controller.setLanguage(QStringLiteral("ar"));
  ASSERT_TRUE(waitUntil([&] { return keyboardKeyWidth(kTehMarbuta) > 0; })) << "the search has the Arabic layout";

  controller.search(QStringLiteral("ha"));
  ASSERT_TRUE(waitUntil([&] { return !controller.searchResults()->isEmpty(); }));
  controller.choose(3);
  controller.confirm();
  ASSERT_EQ(controller.page(), KioskController::Page::Proof);
  EXPECT_TRUE(waitUntil([&] { return keyboardKeyWidth(Qt::Key_W) > 0 && keyboardKeyWidth(kTehMarbuta) < 0; }))
      << "W " << keyboardKeyWidth(Qt::Key_W) << ", ة " << keyboardKeyWidth(kTehMarbuta);
}

TEST_F(KioskUiTest, ScanPrintsSayingWhoseBadgeInTheDelegatesLanguage) {
  ASSERT_NE(window, nullptr);
  ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  printer.holdJobs = true;
  controller.submitCode(QStringLiteral("SOMECODE"));
  // "Printing your badge, Hanna…", with the name isolated from the text around it.
  ASSERT_TRUE(waitUntil([&] { return textOf("printingTitle").contains(QStringLiteral("Ганна")); }))
      << qPrintable(textOf("printingTitle"));
  EXPECT_EQ(translator.installedLanguage(), QStringLiteral("uk"));
  printer.releaseJobs();
}

// At a room's door, Main.qml's resting page follows the room's schedule without a restart.
TEST(KioskRoomUiTest, TheDoorPageSwitchesToTheSessionThatOpens) {
  constexpr qint64 kNineUtcUs = 1778576400LL * 1'000'000;  // 2026-05-12 09:00 UTC.
  constexpr qint64 kMinuteUs = 60'000'000;
  testing::FakeCheckInClient client;
  testing::FakeBadgePrinter printer;
  testing::FakeClock clock;
  client.event.value.name = QStringLiteral("Integrating Cities");
  client.event.value.timeZone = QStringLiteral("UTC");
  client.sessions.value = {{2, QStringLiteral("Housing workshop"), QStringLiteral("Room B"),
                            kNineUtcUs + 60 * kMinuteUs, kNineUtcUs + 120 * kMinuteUs, 40, 0}};
  KioskController controller(client, printer);
  controller.setClock(clock);
  controller.setRoom(QStringLiteral("room b"));
  clock.advanceTo(kNineUtcUs);
  QQmlApplicationEngine engine;
  KioskTranslator translator(controller, engine);
  engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
  engine.load(QUrl(QStringLiteral("qrc:/Lanyard/Kiosk/Main.qml")));
  ASSERT_FALSE(engine.rootObjects().isEmpty());
  QObject* window = engine.rootObjects().constFirst();
  // The text of the item named `name` where it is shown, else a null string.
  const auto shown = [window](const char* name) {
    QObject* item = window->findChild<QObject*>(QString::fromLatin1(name));
    return item && item->property("visible").toBool() ? item->property("text").toString() : QString();
  };
  controller.start();

  ASSERT_TRUE(waitUntil([&] { return !shown("doorClosed").isEmpty(); }));
  EXPECT_EQ(shown("nextSession"), QStringLiteral("Next: \u2068Housing workshop\u2069 at 10:00"));
  EXPECT_EQ(shown("roomName"), QString());
  controller.setLanguage(QStringLiteral("uk"));
  EXPECT_TRUE(waitUntil([&] { return shown("doorClosed") == QStringLiteral("Зараз у цій залі немає сесії"); }));

  clock.advanceTo(kNineUtcUs + 45 * kMinuteUs);
  EXPECT_TRUE(waitUntil([&] { return shown("roomName") == QStringLiteral("Room B"); }));
  EXPECT_EQ(shown("doorClosed"), QString());
  EXPECT_EQ(shown("nextSession"), QString());
}

}  // namespace
}  // namespace lanyard::kiosk
