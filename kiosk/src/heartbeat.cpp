#include "heartbeat.h"

namespace lanyard::kiosk {

Heartbeat::Heartbeat(client::CheckInClient& client, BadgePrinter& printer, QObject* parent)
    : QObject(parent), m_client(client), m_printer(printer) {
  m_timer.setInterval(m_intervalMs);
  connect(&m_timer, &QTimer::timeout, this, &Heartbeat::beat);
}

void Heartbeat::start() {
  m_timer.start();
  beat();
}

void Heartbeat::beat() {
  // A printer or server that is slow to answer gets no second question on top of the first.
  if (m_inFlight) return;
  m_inFlight = true;
  m_printer.checkState(this, [this](const PrinterState& state) {
    const bool changed = state.status != m_printerState.status || state.detail != m_printerState.detail;
    m_printerState = state;
    if (changed) emit printerStateChanged(state);
    m_client.heartbeat(state, this, [this](const client::Reply<int>& reply) {
      m_inFlight = false;
      if (reply.ok() && reply.value > 0) m_intervalMs = reply.value * 1000;
      if (!reply.ok()) qWarning("heartbeat failed: %s", qUtf8Printable(reply.error->message));
      const bool reached = reply.ok() || reply.error->kind != client::ClientError::Kind::Unreachable;
      m_timer.setInterval(reached ? m_intervalMs : kRetryMs);
      emit beaten(reply.ok());
      emit serverReached(reached);
    });
  });
}

}  // namespace lanyard::kiosk
