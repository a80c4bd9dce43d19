#include "scanner_input.h"

#include <QtCore/QCoreApplication>
#include <QtGui/QKeyEvent>

namespace lanyard::kiosk {
namespace {

// Rows of a US keyboard by XKB keycode (evdev + 8): each row's first keycode, its characters, and
// the same with Shift.
struct KeyRow {
  quint32 first;
  const char* plain;
  const char* shifted;
};
constexpr KeyRow kUsRows[] = {
    {10, "1234567890-=", "!@#$%^&*()_+"},
    {24, "qwertyuiop[]", "QWERTYUIOP{}"},
    {38, "asdfghjkl;'`", "ASDFGHJKL:\"~"},
    {51, "\\zxcvbnm,./", "|ZXCVBNM<>?"},
    {63, "*", "*"},
    {65, " ", " "},
    // The numeric keypad with Num Lock on, as scanners in "keypad" mode send digits.
    {79, "789-456+1230.", "789-456+1230."},
    {106, "/", "/"},
};

constexpr quint32 kReturnKeycode = 36;
constexpr quint32 kKeypadEnterKeycode = 104;
constexpr quint32 kTabKeycode = 23;

bool endsCode(const QKeyEvent& event) {
  switch (event.key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
      return true;
    default:
      break;
  }
  const quint32 code = event.nativeScanCode();
  return code == kReturnKeycode || code == kKeypadEnterKeycode || code == kTabKeycode;
}

// The character a scanner meant by `event`: from the physical key where the platform says which
// key it was, else from the text (a synthetic event). Null for a key without one.
QChar scannedCharacter(const QKeyEvent& event) {
  const QChar physical = usKeyboardCharacter(event.nativeScanCode(), event.modifiers() & Qt::ShiftModifier);
  if (!physical.isNull()) return physical;
  const QString text = event.text();
  if (text.size() == 1 && text.at(0).isPrint()) return text.at(0);
  return {};
}

}  // namespace

QChar usKeyboardCharacter(quint32 nativeScanCode, bool shift) {
  for (const KeyRow& row : kUsRows) {
    const quint32 length = quint32(qstrlen(row.plain));
    if (nativeScanCode >= row.first && nativeScanCode < row.first + length) {
      return QLatin1Char((shift ? row.shifted : row.plain)[nativeScanCode - row.first]);
    }
  }
  return {};
}

ScannerInput::ScannerInput(QObject* parent) : QObject(parent) {
  m_elapsed.start();
  m_clock = [this] { return m_elapsed.elapsed(); };
  m_silence.setSingleShot(true);
  m_silence.setInterval(int(2 * m_maxGapMs));
  connect(&m_silence, &QTimer::timeout, this, &ScannerInput::finishBurst);
}

ScannerInput::~ScannerInput() = default;

void ScannerInput::setMaxGapMs(qint64 ms) {
  m_maxGapMs = ms;
  m_silence.setInterval(int(2 * ms));
}

bool ScannerInput::handleKeyEvent(QObject* target, const QKeyEvent& event) {
  if (event.type() == QEvent::KeyPress) return handlePress(target, event);
  // A release keeps its place behind the presses held before it.
  if (m_held.empty()) return false;
  hold(target, event);
  return true;
}

bool ScannerInput::handlePress(QObject* target, const QKeyEvent& event) {
  const QChar character = scannedCharacter(event);
  const bool terminator = endsCode(event);
  // Shift, Caps Lock, AltGr and other keys without a character neither make nor break a burst.
  if (character.isNull() && !terminator) {
    if (m_held.empty()) return false;
    hold(target, event);
    return true;
  }
  const qint64 now = event.timestamp() != 0 ? qint64(event.timestamp()) : m_clock();
  const bool inBurst = m_lastKeyMs >= 0 && now - m_lastKeyMs <= m_maxGapMs;
  // A burst the event loop had no time to end yet ends by the keys' own times.
  if (!inBurst && m_lastKeyMs >= 0) finishBurst();
  m_lastKeyMs = now;
  m_silence.start();
  if (terminator) {
    if (m_scanned) return true;  // The scanner's suffix, such as Tab then Enter.
    if (m_chars.trimmed().size() >= kMinScanLength) {
      completeScan();
      return true;
    }
    if (m_chars.isEmpty()) {
      // Perhaps the scanner's prefix: held until the next key says.
      hold(target, event);
      return true;
    }
    // A few quick keys and Enter: a person.
    deliverHeld();
    reset();
    return false;
  }
  if (m_scanned) reset();  // A new code straight after the last one.
  m_chars.append(character);
  hold(target, event);
  if (m_chars.trimmed().size() >= kMinScanLength) setReading(true);
  return true;
}

void ScannerInput::hold(QObject* target, const QKeyEvent& event) {
  m_held.push_back(HeldKey{target, std::unique_ptr<QKeyEvent>(event.clone())});
}

void ScannerInput::finishBurst() {
  m_silence.stop();
  if (!m_scanned && m_chars.trimmed().size() >= kMinScanLength) {
    // A scanner that adds no Enter: the code is whole once its keys stop.
    completeScan();
  } else {
    deliverHeld();
  }
  reset();
}

void ScannerInput::completeScan() {
  const QString code = m_chars.trimmed();
  m_held.clear();
  m_chars.clear();
  m_scanned = true;
  setReading(false);
  emit codeScanned(code);
}

void ScannerInput::deliverHeld() {
  std::vector<HeldKey> held;
  held.swap(m_held);
  m_delivering = true;
  for (HeldKey& key : held) {
    if (key.target) QCoreApplication::sendEvent(key.target, key.event.get());
  }
  m_delivering = false;
}

void ScannerInput::reset() {
  m_held.clear();
  m_chars.clear();
  m_lastKeyMs = -1;
  m_scanned = false;
  setReading(false);
}

void ScannerInput::setReading(bool reading) {
  if (reading == m_reading) return;
  m_reading = reading;
  emit readingChanged(reading);
}

bool ScannerInput::eventFilter(QObject* watched, QEvent* event) {
  switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease: {
      // A key event reaches the filter once per object it is delivered to; take it once, at the
      // window (Qt Quick delivers keys to the focus window first).
      if (m_delivering || !watched->isWindowType()) return false;
      if (event->type() == QEvent::KeyPress) emit activity();
      return handleKeyEvent(watched, *static_cast<QKeyEvent*>(event));
    }
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
      if (watched->isWindowType()) emit activity();
      return false;
    default:
      return false;
  }
}

}  // namespace lanyard::kiosk
