#pragma once

// Tells a USB/HID barcode scanner's burst of keys from a person typing, application-wide.

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <functional>

namespace lanyard::kiosk {

// An event filter for the whole application: printable keys that arrive within `maxGapMs` of each
// other and end with Enter/Return form a scan of at least `minLength` characters, reported by
// codeScanned() whatever has focus; that Enter is swallowed. Slower keys (a person typing) pass
// through untouched. Every key or pointer press also reports activity() for idle timeouts.
//
// GUI thread only.
class ScannerInput : public QObject {
  Q_OBJECT

 public:
  explicit ScannerInput(QObject* parent = nullptr);

  void setMaxGapMs(qint64 ms) { m_maxGapMs = ms; }
  void setMinLength(int length) { m_minLength = length; }
  // Milliseconds on a monotonic clock; tests set their own.
  void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

  // Feeds one key press; returns true when the key completes a scan and must be swallowed.
  bool handleKey(int key, const QString& text);

  bool eventFilter(QObject* watched, QEvent* event) override;

 signals:
  void codeScanned(const QString& code);
  void activity();

 private:
  qint64 m_maxGapMs = 40;
  int m_minLength = 4;
  std::function<qint64()> m_clock;
  QElapsedTimer m_elapsed;
  QString m_buffer;
  qint64 m_lastKeyMs = -1;
};

}  // namespace lanyard::kiosk
