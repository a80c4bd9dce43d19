#pragma once

// Keeps the UI in one language: installs that language's compiled translation and retranslates the
// QML engine, whenever the controller's language changes or use() is called.

#include <QtCore/QObject>
#include <QtCore/QTranslator>

class QQmlEngine;

namespace lanyard::kiosk {

class KioskController;

// GUI thread only; `engine` (and `controller`) must outlive it.
class KioskTranslator : public QObject {
  Q_OBJECT

 public:
  explicit KioskTranslator(QQmlEngine& engine, QObject* parent = nullptr);
  // Follows KioskController::language(), starting with the current one.
  KioskTranslator(KioskController& controller, QQmlEngine& engine, QObject* parent = nullptr);
  ~KioskTranslator() override;

  // Shows the UI in `language`; false when it has no translation (the English source text shows).
  Q_INVOKABLE bool use(const QString& language);
  // The language whose translation is installed; empty when none is.
  QString installedLanguage() const { return m_installed; }

 private:
  QQmlEngine& m_engine;
  QTranslator m_translator;
  QString m_installed;
};

}  // namespace lanyard::kiosk
