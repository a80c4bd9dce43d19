#include "kiosk_options.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QStandardPaths>
#include <algorithm>

#include "kiosk_config.h"
#include "kiosk_controller.h"

namespace lanyard::kiosk {

namespace {

using app::StartupStop;

// The config file's key for `option`: its name with _ for -.
QString keyOf(const QCommandLineOption& option) {
  QString key = option.names().constFirst();
  return key.replace(QLatin1Char('-'), QLatin1Char('_'));
}

// The staff PIN in `path`, without the line end around it.
std::variant<QString, StartupStop> readStaffPin(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    return StartupStop{QStringLiteral("--staff-pin-file: cannot read %1: %2").arg(path, file.errorString())};
  }
  const QString pin = QString::fromUtf8(file.readAll()).trimmed();
  if (pin.isEmpty()) return StartupStop{QStringLiteral("--staff-pin-file: %1 is empty").arg(path)};
  return pin;
}

}  // namespace

std::variant<KioskOptions, StartupStop> parseKioskOptions(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Lanyard self check-in kiosk"));
  const app::ConnectionCommandLine connection(QStringLiteral("The kiosk's device token."));
  const QCommandLineOption pdfDir(QStringLiteral("pdf-dir"), QStringLiteral("Write badges as PDF files here."),
                                  QStringLiteral("dir"));
  const QCommandLineOption printer(QStringLiteral("printer"), QStringLiteral("Print badges to this CUPS queue."),
                                   QStringLiteral("name"));
  const QCommandLineOption badgeSize(QStringLiteral("badge-size"), QStringLiteral("id1 (default), 4x3 or a6."),
                                     QStringLiteral("size"), QStringLiteral("id1"));
  const QCommandLineOption badgeTemplate(
      QStringLiteral("badge-template"),
      QStringLiteral("Lay badges out by this JSON template (see kiosk/badges/README.md); default: the built-in one."),
      QStringLiteral("file"));
  const QCommandLineOption language(
      QStringLiteral("language"),
      QStringLiteral("Start language (%1).").arg(KioskController::kLanguages.join(QLatin1Char(' '))),
      QStringLiteral("xx"));
  const QCommandLineOption session(QStringLiteral("session"),
                                   QStringLiteral("Session-door mode: check people into this session; no printing."),
                                   QStringLiteral("id"));
  const QCommandLineOption room(
      QStringLiteral("room"),
      QStringLiteral("Session-door mode for this room: check people into its session of the moment, following "
                     "the room's schedule; no printing."),
      QStringLiteral("name"));
  const QCommandLineOption fullscreen(QStringLiteral("fullscreen"), QStringLiteral("Show full screen."));
  const QCommandLineOption dataDir(
      QStringLiteral("data-dir"),
      QStringLiteral("Keep the kiosk's replica of the event here, to go on admitting while the server is down "
                     "(default: %1).")
          .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
      QStringLiteral("dir"), QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
  const QCommandLineOption configFile(
      QStringLiteral("config"),
      QStringLiteral("Read settings from FILE: `key = value` lines, keys as the options above with _ for -; "
                     "options given here win. Also LANYARD_KIOSK_CONFIG."),
      QStringLiteral("file"), qEnvironmentVariable("LANYARD_KIOSK_CONFIG"));
  const QCommandLineOption selfTest(QStringLiteral("self-test"),
                                    QStringLiteral("Load the UI, reach the server, exit 0 or 1."));
  // Testing aids.
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QStringLiteral("Write a PNG of the window, then exit."), QStringLiteral("file"));
  const QCommandLineOption screenshotOn(QStringLiteral("screenshot-on"),
                                        QStringLiteral("Take the screenshot on this page: %1 (default: welcome).")
                                            .arg(TestingAids::kScreenshotPages.join(QStringLiteral(", "))),
                                        QStringLiteral("page"), QStringLiteral("welcome"));
  const QCommandLineOption scan(QStringLiteral("scan"),
                                QStringLiteral("Testing aid: type this code into the window like a USB scanner."),
                                QStringLiteral("code"));
  const QCommandLineOption find(QStringLiteral("find"),
                                QStringLiteral("Testing aid: open \"Find your name\" and type this name."),
                                QStringLiteral("name"));
  const QCommandLineOption confirm(
      QStringLiteral("confirm"),
      QStringLiteral("Testing aid: answer \"Yes, this is me\" to the first name --find finds (with "
                     "--staff-pin-file: print the badge of whom --find or --scan found)."));
  const QCommandLineOption leave(
      QStringLiteral("leave"),
      QStringLiteral("Testing aid: at a session's door, tap \"I am leaving\" (before --scan)."));
  const QCommandLineOption staffPinFile(
      QStringLiteral("staff-pin-file"),
      QStringLiteral("Testing aid: open staff mode with the PIN in this file; then --find or --scan picks a "
                     "delegate and --confirm prints their badge."),
      QStringLiteral("file"));
  const QList<QCommandLineOption> configurable = {pdfDir,  printer, badgeSize,  badgeTemplate, language,
                                                  session, room,    fullscreen, dataDir};
  const QList<QCommandLineOption> testingAids = {screenshot, screenshotOn, scan, find, confirm, leave, staffPinFile};
  parser.addOptions(connection.all() + configurable + QList<QCommandLineOption>{configFile, selfTest} + testingAids);
  if (std::optional<StartupStop> stop = app::parseCommandLine(parser, arguments)) return *stop;

  // An option given on the command line wins over the config file, which wins over the
  // environment and the defaults.
  KioskConfig config;
  if (!parser.value(configFile).isEmpty()) {
    QStringList keys;
    for (const QCommandLineOption& option : connection.all() + configurable) keys.append(keyOf(option));
    config = readKioskConfig(parser.value(configFile), keys);
    if (!config.error.isEmpty()) return StartupStop{config.error};
  }
  const auto isSet = [&](const QCommandLineOption& option) {
    return parser.isSet(option) || config.values.contains(keyOf(option));
  };
  const auto setting = [&](const QCommandLineOption& option) {
    if (!parser.isSet(option) && config.values.contains(keyOf(option))) return config.values.value(keyOf(option));
    return parser.value(option);
  };
  const auto enabled = [&](const QCommandLineOption& option) {
    return parser.isSet(option) || config.isTrue(keyOf(option));
  };

  KioskOptions options;
  auto reached = app::resolveConnection(setting(connection.server), setting(connection.token), enabled(connection.tls),
                                        isSet(connection.caCert) ? setting(connection.caCert) : QString(),
                                        QStringLiteral("or LANYARD_SERVER and LANYARD_TOKEN, or a --config file"));
  if (auto* stop = std::get_if<StartupStop>(&reached)) return *stop;
  options.connection = std::get<client::ConnectionOptions>(std::move(reached));

  const QString dataFolder = setting(dataDir);
  if (dataFolder.isEmpty()) return StartupStop{QStringLiteral("--data-dir: give the folder for the kiosk's replica")};
  const QByteArray device = QCryptographicHash::hash(
      (options.connection.address + QLatin1Char('\n') + options.connection.token).toUtf8(), QCryptographicHash::Sha256);
  options.replicaFile =
      QDir(dataFolder).filePath(QStringLiteral("replica-%1.sqlite").arg(QString::fromLatin1(device.toHex().left(16))));

  if (isSet(pdfDir) && isSet(printer)) return StartupStop{QStringLiteral("give --pdf-dir or --printer, not both")};
  options.pdfDir = setting(pdfDir);
  options.printer = setting(printer);
  if (!parseBadgeSize(setting(badgeSize), &options.badgeSize)) {
    return StartupStop{QStringLiteral("--badge-size: id1, 4x3 or a6")};
  }
  // A template that cannot be used stops the kiosk here, rather than printing other badges than meant.
  if (isSet(badgeTemplate)) {
    QString error;
    std::optional<BadgeTemplate> loaded = loadBadgeTemplate(setting(badgeTemplate), &error);
    if (!loaded || !loaded->layoutFor(options.badgeSize, &error)) {
      return StartupStop{QStringLiteral("--badge-template: ") + error};
    }
    options.badgeTemplate = std::move(*loaded);
  }
  if (isSet(language) && !KioskController::kLanguages.contains(setting(language))) {
    return StartupStop{QStringLiteral("--language: one of %1").arg(KioskController::kLanguages.join(QLatin1Char(' ')))};
  }
  options.language = setting(language);

  const QString sessionId = setting(session);
  if (!sessionId.isEmpty() && isSet(room)) {
    return StartupStop{
        QStringLiteral("give --session (one session's door) or --room (a room's door through the day), not both")};
  }
  if (!sessionId.isEmpty()) {
    bool ok = false;
    options.sessionId = sessionId.toLongLong(&ok);
    if (!ok || options.sessionId <= 0) {
      return StartupStop{QStringLiteral("--session: a session id, as `lanyard sessions` lists them")};
    }
  }
  if (isSet(room)) {
    if (setting(room).trimmed().isEmpty()) {
      return StartupStop{QStringLiteral("--room: a room's name, as `lanyard sessions` lists them")};
    }
    options.room = setting(room);
  }
  options.fullscreen = enabled(fullscreen);
  options.selfTest = parser.isSet(selfTest);

  if (std::none_of(testingAids.begin(), testingAids.end(),
                   [&](const QCommandLineOption& option) { return parser.isSet(option); })) {
    return options;
  }
  TestingAids& aids = options.testingAids.emplace();
  aids.screenshotFile = parser.value(screenshot);
  aids.screenshotPage = parser.value(screenshotOn).toLower();
  if (!TestingAids::kScreenshotPages.contains(aids.screenshotPage)) {
    QStringList pages = TestingAids::kScreenshotPages;
    const QString last = pages.takeLast();
    return StartupStop{QStringLiteral("--screenshot-on: %1 or %2").arg(pages.join(QStringLiteral(", ")), last)};
  }
  aids.scanCode = parser.value(scan);
  aids.findName = parser.value(find);
  aids.confirm = parser.isSet(confirm);
  aids.leave = parser.isSet(leave);
  if (parser.isSet(staffPinFile)) {
    auto pin = readStaffPin(parser.value(staffPinFile));
    if (auto* stop = std::get_if<StartupStop>(&pin)) return *stop;
    aids.staffPin = std::get<QString>(pin);
  }
  return options;
}

QStringList takeSessionArgument(int& argc, char* argv[]) {
  QString value;
  bool given = false;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const QByteArray argument(argv[i]);
    if ((argument == "--session" || argument == "-session") && i + 1 < argc) {
      value = QString::fromLocal8Bit(argv[++i]);
      given = true;
    } else if (argument.startsWith("--session=")) {
      value = QString::fromLocal8Bit(argument.mid(int(sizeof("--session=")) - 1));
      given = true;
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  argv[argc] = nullptr;
  if (!given) return {};
  return {QStringLiteral("--session=") + value};
}

}  // namespace lanyard::kiosk
