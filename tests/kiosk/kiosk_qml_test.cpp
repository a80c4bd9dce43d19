// Qt Quick Test runner for tst_*.qml beside this file, with the Lanyard.Kiosk module linked in and
// the English translation installed, as the kiosk does (it supplies English plural forms). Tests
// switch language with kioskTranslator.use("uk"), and put the pages on the real controllers of a
// KioskTestRig (import Lanyard.Kiosk.Testing). With LANYARD_LAYOUT_SHOTS=DIR set, the layout test
// saves every page it checks there as a PNG, for looking at.

#include <QtQuickTest/quicktest.h>

#include <QtQml/QQmlContext>
#include <QtQml/QQmlEngine>
#include <memory>

#include "kiosk_test_rig.h"
#include "kiosk_translator.h"

class Setup : public QObject {
  Q_OBJECT

 public slots:
  void qmlEngineAvailable(QQmlEngine* engine) {
    qmlRegisterType<lanyard::kiosk::testing::KioskTestRig>("Lanyard.Kiosk.Testing", 1, 0, "KioskTestRig");
    m_translator = std::make_unique<lanyard::kiosk::KioskTranslator>(*engine);
    m_translator->use(QStringLiteral("en"));
    engine->rootContext()->setContextProperty(QStringLiteral("kioskTranslator"), m_translator.get());
    engine->rootContext()->setContextProperty(QStringLiteral("layoutShotsDir"),
                                              qEnvironmentVariable("LANYARD_LAYOUT_SHOTS"));
  }
  void cleanupTestCase() { m_translator.reset(); }  // While the application, which holds translators, lives.

 private:
  std::unique_ptr<lanyard::kiosk::KioskTranslator> m_translator;
};

QUICK_TEST_MAIN_WITH_SETUP(kiosk_qml, Setup)

#include "kiosk_qml_test.moc"
