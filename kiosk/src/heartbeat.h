#pragma once

// Tells the server, every few seconds, that this kiosk is alive and how its printer is, so that
// organisers see a dead kiosk or an empty printer on the dashboard before a queue forms.

#include <QtCore/QObject>
#include <QtCore/QTimer>

#include "badge_printer.h"
#include "check_in_client.h"

namespace lanyard::kiosk {

// GUI thread only. The client and printer must outlive it.
class Heartbeat : public QObject {
  Q_OBJECT

 public:
  Heartbeat(client::CheckInClient& client, BadgePrinter& printer, QObject* parent = nullptr);

  // How often to try again while the server cannot be reached, so the kiosk knows soon that it can.
  static constexpr int kRetryMs = 2000;

  // Beats now, then at the interval the server asks for (15 s until it has said); every kRetryMs
  // while the server cannot be reached.
  void start();
  // Checks the printer and beats once now; the timer calls it every interval.
  void beat();
  // The interval the server asked for.
  int intervalMs() const { return m_intervalMs; }
  const PrinterState& printerState() const { return m_printerState; }

 signals:
  // After each check of the printer, before the heartbeat carrying it is sent.
  void printerStateChanged(const lanyard::client::PrinterState& state);
  // After each heartbeat: whether the server took it.
  void beaten(bool ok);
  // After each heartbeat: whether it reached the server (a refusal did; a failed connection or an
  // expired deadline did not).
  void serverReached(bool reached);

 private:
  client::CheckInClient& m_client;
  BadgePrinter& m_printer;
  PrinterState m_printerState;
  bool m_inFlight = false;
  int m_intervalMs = 15000;
  QTimer m_timer;
};

}  // namespace lanyard::kiosk
