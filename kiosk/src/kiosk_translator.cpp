#include "kiosk_translator.h"

#include <QtCore/QCoreApplication>
#include <QtQml/QQmlEngine>

#include "kiosk_controller.h"

namespace lanyard::kiosk {

KioskTranslator::KioskTranslator(QQmlEngine& engine, QObject* parent) : QObject(parent), m_engine(engine) {}

KioskTranslator::KioskTranslator(KioskController& controller, QQmlEngine& engine, QObject* parent)
    : KioskTranslator(engine, parent) {
  connect(&controller, &KioskController::languageChanged, this, [this, &controller] { use(controller.language()); });
  use(controller.language());
}

KioskTranslator::~KioskTranslator() { QCoreApplication::removeTranslator(&m_translator); }

bool KioskTranslator::use(const QString& language) {
  QCoreApplication::removeTranslator(&m_translator);
  m_installed.clear();
  // The .qm files are compiled into the library's resources by qt_add_translations.
  if (m_translator.load(QStringLiteral(":/i18n/lanyard_kiosk_%1.qm").arg(language)) &&
      QCoreApplication::installTranslator(&m_translator)) {
    m_installed = language;
  }
  m_engine.retranslate();
  return !m_installed.isEmpty();
}

}  // namespace lanyard::kiosk
