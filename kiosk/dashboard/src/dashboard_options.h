#pragma once

// The dashboard's settings from its command line, checked before anything starts.

#include <QtCore/QSize>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <variant>

#include "app_startup.h"
#include "connection_options.h"

namespace lanyard::dashboard {

struct DashboardOptions {
  client::ConnectionOptions connection;
  bool fullscreen = false;
  QSize windowSize{1600, 900};  // At least 320x240.
  bool selfTest = false;        // Load the UI, connect to the feed, exit 0 or 1.
  QString screenshotFile;       // Write a PNG of the window once it is live, then exit; empty: not.
};

// Parses the dashboard's command line (arguments[0] is the program), reading the CA certificates.
// A stop names the option that is wrong; --help stops with the help text.
std::variant<DashboardOptions, app::StartupStop> parseDashboardOptions(const QStringList& arguments);

}  // namespace lanyard::dashboard
