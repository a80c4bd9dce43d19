// Qt Quick Test runner for tst_*.qml beside this file, with the Lanyard.Kiosk module linked in and
// the English translation installed, as the kiosk does (it supplies English plural forms).

#include <QtCore/QCoreApplication>
#include <QtCore/QTranslator>
#include <QtQuickTest/quicktest.h>

class Setup : public QObject {
  Q_OBJECT

 public slots:
  void applicationAvailable() {
    if (m_english.load(QStringLiteral(":/i18n/lanyard_kiosk_en.qm"))) QCoreApplication::installTranslator(&m_english);
  }

 private:
  QTranslator m_english;
};

QUICK_TEST_MAIN_WITH_SETUP(kiosk_qml, Setup)

#include "kiosk_qml_test.moc"
