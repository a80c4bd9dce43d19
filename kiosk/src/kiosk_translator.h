#pragma once

// Keeps the UI in the controller's language: installs that language's compiled translation and
// retranslates the QML engine whenever the language changes.

#include <QtCore/QObject>
#include <QtCore/QTranslator>

class QQmlEngine;

namespace lanyard::kiosk {

class KioskController;

// Follows KioskController::language(). GUI thread only; `controller` and `engine` must outlive it.
class KioskTranslator : public QObject {
  Q_OBJECT

 public:
  KioskTranslator(KioskController& controller, QQmlEngine& engine, QObject* parent = nullptr);
  ~KioskTranslator() override;

  // The language whose translation is installed; empty when none is (English source text).
  QString installedLanguage() const { return m_installed; }

 private:
  void apply();

  KioskController& m_controller;
  QQmlEngine& m_engine;
  QTranslator m_translator;
  QString m_installed;
};

}  // namespace lanyard::kiosk
