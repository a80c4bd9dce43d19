#pragma once

// Tells a USB/HID barcode scanner's burst of keys from a person typing, application-wide, whatever
// the kiosk's keyboard layout.

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QString>
#include <QtCore/QTimer>
#include <functional>
#include <memory>
#include <vector>

class QKeyEvent;

namespace lanyard::kiosk {

// The character a key gives on a US keyboard, which is what a keyboard-wedge scanner emulates
// whatever layout the kiosk has: `nativeScanCode` is the key's XKB keycode (evdev + 8, as Qt
// reports it on X11, Wayland and libinput). Null for a key that gives no character there.
QChar usKeyboardCharacter(quint32 nativeScanCode, bool shift);

// An event filter for the whole application. Keys that follow each other within `maxGapMs` (by
// the events' own timestamps) form a burst; a burst of at least kMinScanLength characters is a
// scan, reported by codeScanned() whatever has focus, and none of its keys reach the page. It ends
// at Enter, keypad Enter or Tab, or when the keys stop; a space, Tab or Enter the scanner adds
// before or after the code is part of the burst and trimmed. Modifier keys (Shift, Caps Lock,
// AltGr...) are ignored. A key flagged as an auto-repeat counts like any other: X11 flags a key
// pressed again at the instant it is released, as a scanner's doubled letters are. Characters are
// read from the physical key as on a US keyboard, so a Czech, German, French or Ukrainian layout
// reads the same code.
//
// A person's keys are held for one gap, until it is clear they are not the start of a burst, and
// then delivered unchanged, in order. Every key or pointer press reports activity().
//
// GUI thread only.
class ScannerInput : public QObject {
  Q_OBJECT

 public:
  // Fewer characters than this before the burst ends are a person typing fast, not a scanner.
  static constexpr int kMinScanLength = 4;

  explicit ScannerInput(QObject* parent = nullptr);
  ~ScannerInput() override;

  void setMaxGapMs(qint64 ms);
  // Milliseconds on a monotonic clock, for key events that carry no timestamp (synthetic ones).
  void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

  // Feeds one key press or release on its way to `target` (a window); returns true when the
  // filter takes it (held, or part of a scan). Held events are later sent to `target` again.
  bool handleKeyEvent(QObject* target, const QKeyEvent& event);
  // Ends the current burst: a scan if it is one, else its held keys are delivered. Called when no
  // key has come for two gaps of the event loop's time, and when a key comes after a gap.
  void finishBurst();
  // Whether a burst long enough to be a scanner's is coming in.
  bool reading() const { return m_reading; }

  bool eventFilter(QObject* watched, QEvent* event) override;

 signals:
  void codeScanned(const QString& code);
  void readingChanged(bool reading);
  void activity();

 private:
  struct HeldKey {
    QPointer<QObject> target;
    std::unique_ptr<QKeyEvent> event;
  };

  bool handlePress(QObject* target, const QKeyEvent& event);
  void hold(QObject* target, const QKeyEvent& event);
  void deliverHeld();
  void completeScan();
  void reset();
  void setReading(bool reading);

  qint64 m_maxGapMs = 50;
  std::function<qint64()> m_clock;
  QElapsedTimer m_elapsed;
  QTimer m_silence;  // Ends a burst whose keys stopped.
  std::vector<HeldKey> m_held;
  QString m_chars;          // The burst's characters so far.
  qint64 m_lastKeyMs = -1;  // When the burst's last key came, by its timestamp; -1 when none.
  bool m_scanned = false;   // The burst was reported; what follows in it is the scanner's suffix.
  bool m_reading = false;
  bool m_delivering = false;  // Sending held keys on: let them through.
};

}  // namespace lanyard::kiosk
