// Qt Quick Test runner for tst_*.qml beside this file, with the Lanyard.Kiosk module linked in and
// the English translation installed, as the kiosk does (it supplies English plural forms). Tests
// switch language with kioskTranslations.use("uk"). With LANYARD_LAYOUT_SHOTS=DIR set, the layout
// test saves every page it checks there as a PNG, for looking at.

#include <QtCore/QCoreApplication>
#include <QtCore/QTranslator>
#include <QtQml/QQmlContext>
#include <QtQml/QQmlEngine>
#include <QtQuickTest/quicktest.h>

#include <memory>

// Installs one kiosk language's compiled translation at a time and retranslates the engine.
class KioskTranslations : public QObject {
  Q_OBJECT

 public:
  explicit KioskTranslations(QQmlEngine& engine) : m_engine(engine) {}
  ~KioskTranslations() override { QCoreApplication::removeTranslator(&m_translator); }

  Q_INVOKABLE bool use(const QString& language) {
    QCoreApplication::removeTranslator(&m_translator);
    const bool installed = m_translator.load(QStringLiteral(":/i18n/lanyard_kiosk_%1.qm").arg(language)) &&
                           QCoreApplication::installTranslator(&m_translator);
    m_engine.retranslate();
    return installed;
  }

 private:
  QQmlEngine& m_engine;
  QTranslator m_translator;
};

class Setup : public QObject {
  Q_OBJECT

 public slots:
  void qmlEngineAvailable(QQmlEngine* engine) {
    m_translations = std::make_unique<KioskTranslations>(*engine);
    m_translations->use(QStringLiteral("en"));
    engine->rootContext()->setContextProperty(QStringLiteral("kioskTranslations"), m_translations.get());
    engine->rootContext()->setContextProperty(QStringLiteral("layoutShotsDir"),
                                              qEnvironmentVariable("LANYARD_LAYOUT_SHOTS"));
  }
  void cleanupTestCase() { m_translations.reset(); }  // While the application, which holds translators, lives.

 private:
  std::unique_ptr<KioskTranslations> m_translations;
};

QUICK_TEST_MAIN_WITH_SETUP(kiosk_qml, Setup)

#include "kiosk_qml_test.moc"
