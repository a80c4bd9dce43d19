#pragma once

// The kiosk's settings, from its command line over its config file (--config or
// LANYARD_KIOSK_CONFIG) over the environment and the defaults, checked before anything starts.

#include <QtCore/QString>
#include <QtCore/QStringList>
#include <optional>
#include <variant>

#include "app_startup.h"
#include "badge.h"
#include "badge_template.h"
#include "connection_options.h"
#include "testing_aids.h"

namespace lanyard::kiosk {

// What the kiosk is to be: where its server is, where its badges go, which door it stands at.
struct KioskOptions {
  client::ConnectionOptions connection;
  QString pdfDir;   // Badges as PDF files here; empty: --printer, or ./badges without it.
  QString printer;  // A CUPS queue; empty: PDF files.
  BadgeSize badgeSize = BadgeSize::Id1;
  BadgeTemplate badgeTemplate = BadgeTemplate::defaultTemplate();
  QString language;      // The kiosk's own language; empty: the event's.
  qint64 sessionId = 0;  // A session's door; 0: none.
  QString room;          // A room's door, as given; empty: none. Never with sessionId.
  bool fullscreen = false;
  // The kiosk's replica file, in --data-dir (default: the XDG data location), one per server and
  // token so that a queue is only ever uploaded by the device that decided it.
  QString replicaFile;
  bool selfTest = false;  // Load the UI, reach the server, exit 0 or 1.
  // The kiosk driven by its command line; set only when one of their options is given.
  std::optional<TestingAids> testingAids;
};

// Parses the kiosk's command line (arguments[0] is the program) and the config file it names.
// Reads the config file, the badge template, the CA certificates and the staff PIN file. A stop
// names the option (or FILE:LINE) that is wrong; --help stops with the help text.
std::variant<KioskOptions, app::StartupStop> parseKioskOptions(const QStringList& arguments);

// QGuiApplication takes `-session NAME` (X11 session management) out of argv for itself, so the
// kiosk's `--session ID` is taken out of argv before it is made; returns {"--session=ID"} to
// append to the application's arguments, or {} when absent.
QStringList takeSessionArgument(int& argc, char* argv[]);

}  // namespace lanyard::kiosk
