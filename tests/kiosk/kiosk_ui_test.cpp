// The real Main.qml with the real controller (fake client and printer): it loads from the
// module, follows the flow, and switches language at run time.

#include <gtest/gtest.h>

#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickWindow>

#include "fake_badge_printer.h"
#include "fake_check_in_client.h"
#include "kiosk_controller.h"
#include "kiosk_translator.h"
#include "test_support.h"

namespace lanyard::kiosk {
namespace {

using testing::waitUntil;

class KioskUiTest : public ::testing::Test {
 protected:
  KioskUiTest() : controller(client, printer), translator(controller, engine) {
    client.event.value.name = QStringLiteral("Integrating Cities");
    client.event.value.defaultLanguage = QStringLiteral("en");
    client.resolution.value.status = Resolution::Status::Valid;
    DelegateSummary delegate;
    delegate.id = 3;
    delegate.givenName = QStringLiteral("Ганна");
    delegate.displayName = QStringLiteral("Ганна Л.");
    delegate.language = QStringLiteral("uk");
    client.resolution.value.delegate = delegate;
    engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
    engine.load(QUrl(QStringLiteral("qrc:/Lanyard/Kiosk/Main.qml")));
    if (!engine.rootObjects().isEmpty()) window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    controller.start();
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

TEST_F(KioskUiTest, ScanShowsConfirmInTheDelegatesLanguage) {
  ASSERT_NE(window, nullptr);
  ASSERT_TRUE(waitUntil([&] { return controller.connected(); }));
  controller.submitCode(QStringLiteral("SOMECODE"));
  ASSERT_TRUE(waitUntil([&] { return textOf("delegateName") == QStringLiteral("Ганна Л."); }));
  EXPECT_EQ(translator.installedLanguage(), QStringLiteral("uk"));
}

}  // namespace
}  // namespace lanyard::kiosk
