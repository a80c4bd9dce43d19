#include "dashboard_options.h"

#include <QtCore/QCommandLineParser>

namespace lanyard::dashboard {

std::variant<DashboardOptions, app::StartupStop> parseDashboardOptions(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Lanyard organisers' live attendance dashboard"));
  const app::ConnectionCommandLine connection(QStringLiteral("An organiser or admin token."));
  const QCommandLineOption fullscreen(QStringLiteral("fullscreen"), QStringLiteral("Show full screen."));
  const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1920x1080."),
                                QStringLiteral("WxH"), QStringLiteral("1600x900"));
  const QCommandLineOption selfTest(QStringLiteral("self-test"),
                                    QStringLiteral("Load the UI, connect to the feed, exit 0 or 1."));
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QStringLiteral("Write a PNG of the window once it is live, then exit."),
                                      QStringLiteral("file"));
  parser.addOptions(connection.all() + QList<QCommandLineOption>{fullscreen, size, selfTest, screenshot});
  if (std::optional<app::StartupStop> stop = app::parseCommandLine(parser, arguments)) return *stop;

  DashboardOptions options;
  auto reached = app::resolveConnection(parser.value(connection.server), parser.value(connection.token),
                                        parser.isSet(connection.tls), parser.value(connection.caCert),
                                        QStringLiteral("or LANYARD_SERVER and LANYARD_TOKEN"));
  if (auto* stop = std::get_if<app::StartupStop>(&reached)) return *stop;
  options.connection = std::get<client::ConnectionOptions>(std::move(reached));
  const QStringList dimensions = parser.value(size).split(QLatin1Char('x'));
  options.windowSize = dimensions.size() == 2 ? QSize(dimensions[0].toInt(), dimensions[1].toInt()) : QSize();
  if (options.windowSize.width() < 320 || options.windowSize.height() < 240) {
    return app::StartupStop{QStringLiteral("--size: WIDTHxHEIGHT, at least 320x240")};
  }
  options.fullscreen = parser.isSet(fullscreen);
  options.selfTest = parser.isSet(selfTest);
  options.screenshotFile = parser.value(screenshot);
  return options;
}

}  // namespace lanyard::dashboard
