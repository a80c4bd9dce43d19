#include "kiosk_translator.h"

#include <QtCore/QCoreApplication>
#include <QtQml/QQmlEngine>

#include "kiosk_controller.h"

namespace lanyard::kiosk {

KioskTranslator::KioskTranslator(KioskController& controller, QQmlEngine& engine, QObject* parent)
    : QObject(parent), m_controller(controller), m_engine(engine) {
  connect(&m_controller, &KioskController::languageChanged, this, &KioskTranslator::apply);
  apply();
}

KioskTranslator::~KioskTranslator() { QCoreApplication::removeTranslator(&m_translator); }

void KioskTranslator::apply() {
  QCoreApplication::removeTranslator(&m_translator);
  m_installed.clear();
  const QString language = m_controller.language();
  // The .qm files are compiled into the library's resources by qt_add_translations.
  if (m_translator.load(QStringLiteral(":/i18n/lanyard_kiosk_%1.qm").arg(language)) &&
      QCoreApplication::installTranslator(&m_translator)) {
    m_installed = language;
  }
  m_engine.retranslate();
}

}  // namespace lanyard::kiosk
