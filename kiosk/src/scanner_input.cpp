#include "scanner_input.h"

#include <QtGui/QKeyEvent>

namespace lanyard::kiosk {

ScannerInput::ScannerInput(QObject* parent) : QObject(parent) {
  m_elapsed.start();
  m_clock = [this] { return m_elapsed.elapsed(); };
}

bool ScannerInput::handleKey(int key, const QString& text) {
  const qint64 now = m_clock();
  const bool inBurst = m_lastKeyMs >= 0 && now - m_lastKeyMs <= m_maxGapMs;
  m_lastKeyMs = now;
  if (key == Qt::Key_Return || key == Qt::Key_Enter) {
    const QString code = m_buffer;
    m_buffer.clear();
    m_lastKeyMs = -1;
    if (inBurst && code.size() >= m_minLength) {
      emit codeScanned(code);
      return true;
    }
    return false;
  }
  if (text.size() != 1 || !text.at(0).isPrint()) {
    m_buffer.clear();
    return false;
  }
  if (!inBurst) m_buffer.clear();
  m_buffer += text;
  return false;
}

bool ScannerInput::eventFilter(QObject* watched, QEvent* event) {
  switch (event->type()) {
    case QEvent::KeyPress: {
      // A key event reaches the filter once per object it is delivered to; count it once, at the
      // window (Qt Quick delivers keys to the focus window first).
      if (!watched->isWindowType()) return false;
      auto* key = static_cast<QKeyEvent*>(event);
      emit activity();
      return handleKey(key->key(), key->text());
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
