// lanyard-kiosk: composes the gRPC client, the badge printer, the controller and the QML UI.

#include <QtCore/QCommandLineParser>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QLoggingCategory>
#include <QtCore/QTimer>
#include <QtGui/QGuiApplication>
#include <QtGui/QKeyEvent>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickWindow>
#include <chrono>
#include <cstdio>
#include <memory>

#include "badge_printer.h"
#include "badge_template.h"
#include "grpc_check_in_client.h"
#include "heartbeat.h"
#include "kiosk_config.h"
#include "kiosk_controller.h"
#include "kiosk_translator.h"
#include "scanner_input.h"
#include "staff_controller.h"

using namespace lanyard::kiosk;

namespace {

// How long --screenshot waits for its page; the slowest scripted path (scan, confirm, print) takes
// well under a second against a local server.
constexpr std::chrono::milliseconds kScreenshotDeadline{30'000};

int fail(const QString& message, int status = 1) {
  std::fprintf(stderr, "lanyard-kiosk: %s\n", qUtf8Printable(message));
  return status;
}

// Writes `window`'s next frame to `file`, then quits with 0 (or 1 if it cannot be written).
void screenshotNextFrame(QQuickWindow* window, const QString& file) {
  auto connection = std::make_shared<QMetaObject::Connection>();
  *connection = QObject::connect(
      window, &QQuickWindow::frameSwapped, window,
      [window, file, connection] {
        QObject::disconnect(*connection);
        const bool saved = window->grabWindow().save(file);
        if (!saved) std::fprintf(stderr, "lanyard-kiosk: cannot write %s\n", qUtf8Printable(file));
        QCoreApplication::exit(saved ? 0 : 1);
      },
      Qt::QueuedConnection);
  window->update();
}

// Types `code` and Enter into `window` as fast as a USB scanner does, through the same
// application event filter a real scanner's keys go through.
void typeScannerBurst(QQuickWindow* window, const QString& code) {
  for (const QChar c : code) {
    QKeyEvent press(QEvent::KeyPress, c.toUpper().unicode(), Qt::NoModifier, QString(c));
    QCoreApplication::sendEvent(window, &press);
    QKeyEvent release(QEvent::KeyRelease, c.toUpper().unicode(), Qt::NoModifier, QString(c));
    QCoreApplication::sendEvent(window, &release);
  }
  QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier, QStringLiteral("\r"));
  QCoreApplication::sendEvent(window, &enter);
}

// QGuiApplication takes `-session NAME` for itself (X11 session management) and removes it from
// the arguments, so the kiosk's `--session ID` is taken out first; returns "" when absent.
QString takeSessionArgument(int& argc, char* argv[]) {
  QString value;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const QByteArray argument(argv[i]);
    if ((argument == "--session" || argument == "-session") && i + 1 < argc) {
      value = QString::fromLocal8Bit(argv[++i]);
    } else if (argument.startsWith("--session=")) {
      value = QString::fromLocal8Bit(argument.mid(int(sizeof("--session=")) - 1));
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  argv[argc] = nullptr;
  return value;
}

}  // namespace

int main(int argc, char* argv[]) {
  const QString sessionArgument = takeSessionArgument(argc, argv);
  // The on-screen keyboard (KioskKeyboard.qml's InputPanel) needs its input method chosen before the app.
  if (!qEnvironmentVariableIsSet("QT_IM_MODULE")) qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
  // Every text field turns word prediction off (names are not dictionary words), so the keyboard's
  // warning that no Hunspell dictionary is installed is noise in the log. QT_LOGGING_RULES still wins.
  QLoggingCategory::setFilterRules(QStringLiteral("qt.virtualkeyboard.hunspell.warning=false"));
  QGuiApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("lanyard-kiosk"));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Lanyard self check-in kiosk"));
  parser.addHelpOption();
  const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("Server address HOST:PORT."),
                                  QStringLiteral("addr"), qEnvironmentVariable("LANYARD_SERVER"));
  const QCommandLineOption token(QStringLiteral("token"), QStringLiteral("The kiosk's device token."),
                                 QStringLiteral("token"), qEnvironmentVariable("LANYARD_TOKEN"));
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
  const QCommandLineOption tls(QStringLiteral("tls"), QStringLiteral("Reach the server over TLS."));
  const QCommandLineOption caCert(QStringLiteral("ca-cert"),
                                  QStringLiteral("TLS: trust the server certificate this CA signed (PEM)."),
                                  QStringLiteral("file"));
  const QCommandLineOption configFile(
      QStringLiteral("config"),
      QStringLiteral("Read settings from FILE: `key = value` lines, keys as the options above with _ for -; "
                     "options given here win. Also LANYARD_KIOSK_CONFIG."),
      QStringLiteral("file"), qEnvironmentVariable("LANYARD_KIOSK_CONFIG"));
  const QCommandLineOption selfTest(QStringLiteral("self-test"),
                                    QStringLiteral("Load the UI, reach the server, exit 0 or 1."));
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QStringLiteral("Write a PNG of the window, then exit."), QStringLiteral("file"));
  const QCommandLineOption screenshotOn(
      QStringLiteral("screenshot-on"),
      QStringLiteral("Take the screenshot on this page: welcome (default), search, confirm, proof, done, problem, "
                     "staff-pin, staff, staff-person or staff-printed."),
      QStringLiteral("page"), QStringLiteral("welcome"));
  const QCommandLineOption scan(QStringLiteral("scan"),
                                QStringLiteral("Testing aid: type this code into the window like a USB scanner."),
                                QStringLiteral("code"));
  const QCommandLineOption find(QStringLiteral("find"),
                                QStringLiteral("Testing aid: open \"Find your name\" and type this name."),
                                QStringLiteral("name"));
  const QCommandLineOption confirmScan(
      QStringLiteral("confirm"),
      QStringLiteral("Testing aid: answer \"Yes, this is me\" to the first name --find finds (with --staff: print "
                     "the badge of whom --find or --scan found)."));
  const QCommandLineOption leave(
      QStringLiteral("leave"),
      QStringLiteral("Testing aid: at a session's door, tap \"I am leaving\" (before --scan)."));
  const QCommandLineOption staffPin(
      QStringLiteral("staff"),
      QStringLiteral("Testing aid: open staff mode with this PIN; then --find or --scan picks a delegate and "
                     "--confirm prints their badge."),
      QStringLiteral("pin"));
  parser.addOptions({server,     token,        pdfDir,     printer, badgeSize,   badgeTemplate, language,
                     session,    room,         fullscreen, tls,     caCert,      configFile,    selfTest,
                     screenshot, screenshotOn, scan,       find,    confirmScan, leave,         staffPin});
  parser.process(app);

  // Settings: an option given on the command line wins over the config file, which wins over the
  // environment and the defaults.
  const QList<QCommandLineOption> configurable = {server,   token,   pdfDir, printer,    badgeSize, badgeTemplate,
                                                  language, session, room,   fullscreen, tls,       caCert};
  const auto keyOf = [](const QCommandLineOption& option) {
    QString key = option.names().constFirst();
    return key.replace(QLatin1Char('-'), QLatin1Char('_'));
  };
  KioskConfig config;
  if (!parser.value(configFile).isEmpty()) {
    QStringList keys;
    for (const QCommandLineOption& option : configurable) keys.append(keyOf(option));
    config = readKioskConfig(parser.value(configFile), keys);
    if (!config.error.isEmpty()) return fail(config.error, 2);
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

  if (setting(server).isEmpty() || setting(token).isEmpty()) {
    return fail(QStringLiteral("--server and --token are required (or LANYARD_SERVER and LANYARD_TOKEN, or a "
                               "--config file)"),
                2);
  }
  if (isSet(pdfDir) && isSet(printer)) return fail(QStringLiteral("give --pdf-dir or --printer, not both"), 2);
  BadgeSize size = BadgeSize::Id1;
  if (!parseBadgeSize(setting(badgeSize), &size)) return fail(QStringLiteral("--badge-size: id1, 4x3 or a6"), 2);
  // A template that cannot be used stops the kiosk here, rather than printing other badges than meant.
  BadgeTemplate chosenTemplate = BadgeTemplate::defaultTemplate();
  if (isSet(badgeTemplate)) {
    QString error;
    std::optional<BadgeTemplate> loaded = loadBadgeTemplate(setting(badgeTemplate), &error);
    if (!loaded || !loaded->layoutFor(size, &error)) return fail(QStringLiteral("--badge-template: ") + error, 2);
    chosenTemplate = std::move(*loaded);
  }
  if (isSet(language) && !KioskController::kLanguages.contains(setting(language))) {
    return fail(QStringLiteral("--language: one of %1").arg(KioskController::kLanguages.join(QLatin1Char(' '))), 2);
  }

  lanyard::client::ConnectionOptions connection;
  connection.address = setting(server);
  connection.token = setting(token);
  connection.tls = enabled(tls) || isSet(caCert);
  if (isSet(caCert)) {
    QFile pem(setting(caCert));
    if (!pem.open(QIODevice::ReadOnly)) {
      return fail(QStringLiteral("--ca-cert: cannot read %1: %2").arg(pem.fileName(), pem.errorString()), 2);
    }
    connection.caCertificatesPem = pem.readAll();
  }
  lanyard::client::GrpcCheckInClient client(connection);
  std::unique_ptr<BadgePrinter> badgePrinter;
  if (isSet(printer)) {
    badgePrinter = std::make_unique<CupsBadgePrinter>(setting(printer), size, chosenTemplate);
  } else {
    const QString folder = isSet(pdfDir) ? setting(pdfDir) : QDir::current().filePath(QStringLiteral("badges"));
    badgePrinter = std::make_unique<PdfBadgePrinter>(folder, size, chosenTemplate);
  }
  KioskController controller(client, *badgePrinter);
  controller.setBadgeSize(size);
  if (isSet(language)) controller.setHomeLanguage(setting(language));
  const QString sessionId = !sessionArgument.isEmpty() ? sessionArgument : config.values.value(keyOf(session));
  if (!sessionId.isEmpty() && isSet(room)) {
    return fail(QStringLiteral("give --session (one session's door) or --room (a room's door through the day), not "
                               "both"),
                2);
  }
  if (!sessionId.isEmpty()) {
    bool ok = false;
    const qint64 id = sessionId.toLongLong(&ok);
    if (!ok || id <= 0) return fail(QStringLiteral("--session: a session id, as `lanyard sessions` lists them"), 2);
    controller.setSession(id);
  }
  if (isSet(room)) {
    if (setting(room).trimmed().isEmpty()) {
      return fail(QStringLiteral("--room: a room's name, as `lanyard sessions` lists them"), 2);
    }
    controller.setRoom(setting(room));
  }

  // Staff mode, where the event has a staff PIN; a session door has no printer to serve.
  StaffController staff(client, *badgePrinter);
  if (!controller.doorMode()) {
    QObject::connect(&controller, &KioskController::eventLoaded, &staff, [&staff, &controller](bool ok) {
      if (ok) staff.setEvent(controller.event());
    });
  }
  staff.setLanguage(controller.language());
  QObject::connect(&controller, &KioskController::languageChanged, &staff,
                   [&staff, &controller] { staff.setLanguage(controller.language()); });

  QQmlApplicationEngine engine;
  KioskTranslator translator(controller, engine);

  ScannerInput scanner;
  app.installEventFilter(&scanner);
  QObject::connect(&scanner, &ScannerInput::codeScanned, &controller, [&staff, &controller](const QString& code) {
    if (staff.active()) {
      staff.submitCode(code);
    } else {
      controller.submitCode(code);
    }
  });
  QObject::connect(&scanner, &ScannerInput::readingChanged, &controller, &KioskController::setReading);
  QObject::connect(&scanner, &ScannerInput::activity, &controller, &KioskController::noteActivity);
  QObject::connect(&scanner, &ScannerInput::activity, &staff, &StaffController::noteActivity);

  engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)},
                               {QStringLiteral("staff"), QVariant::fromValue(&staff)},
                               {QStringLiteral("fullscreen"), enabled(fullscreen)}});
  engine.load(QUrl(QStringLiteral("qrc:/Lanyard/Kiosk/Main.qml")));
  if (engine.rootObjects().isEmpty()) return fail(QStringLiteral("the user interface did not load"));
  auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
  if (!window) return fail(QStringLiteral("Main.qml is not a window"));

  if (parser.isSet(selfTest)) {
    QObject::connect(&controller, &KioskController::eventLoaded, &app, [&](bool ok, const QString& message) {
      if (ok) {
        std::printf("lanyard-kiosk: self-test ok: UI loaded, event \"%s\" from %s\n",
                    qUtf8Printable(controller.eventName()), qUtf8Printable(setting(server)));
      } else {
        std::fprintf(stderr, "lanyard-kiosk: self-test failed: %s\n", qUtf8Printable(message));
      }
      QCoreApplication::exit(ok ? 0 : 1);
    });
  } else {
    // The kiosk keeps trying by itself while it cannot start serving, and its screen says only
    // "Connecting to the server…" or "Please call staff": whoever set it up reads why here, once
    // per reason rather than at every attempt, and when it is ready.
    QObject::connect(&controller, &KioskController::eventLoaded, &app,
                     [&controller, lastProblem = QString(), ready = false](bool ok, const QString& message) mutable {
                       if (ok) {
                         if (!ready) {
                           std::fprintf(stderr, "lanyard-kiosk: ready: %s\n", qUtf8Printable(controller.eventName()));
                         }
                         ready = true;
                         lastProblem.clear();
                         return;
                       }
                       ready = false;
                       if (message == lastProblem) return;
                       lastProblem = message;
                       std::fprintf(stderr, "lanyard-kiosk: not ready, trying again: %s\n", qUtf8Printable(message));
                     });
  }

  if (parser.isSet(screenshot)) {
    const QString file = parser.value(screenshot);
    const QString wanted = parser.value(screenshotOn).toLower();
    const QHash<QString, KioskController::Page> pages = {{QStringLiteral("welcome"), KioskController::Page::Welcome},
                                                         {QStringLiteral("search"), KioskController::Page::Search},
                                                         {QStringLiteral("confirm"), KioskController::Page::Confirm},
                                                         {QStringLiteral("proof"), KioskController::Page::Proof},
                                                         {QStringLiteral("done"), KioskController::Page::Done},
                                                         {QStringLiteral("problem"), KioskController::Page::Problem}};
    const QHash<QString, StaffController::Page> staffPages = {
        {QStringLiteral("staff-pin"), StaffController::Page::Pin},
        {QStringLiteral("staff"), StaffController::Page::Home},
        {QStringLiteral("staff-person"), StaffController::Page::Person},
        {QStringLiteral("staff-printed"), StaffController::Page::Printed}};
    if (!pages.contains(wanted) && !staffPages.contains(wanted)) {
      return fail(QStringLiteral("--screenshot-on: welcome, search, confirm, proof, done, problem, staff-pin, staff, "
                                 "staff-person or staff-printed"),
                  2);
    }
    auto takeStaffWhenReady = [&staff, window, file, page = staffPages.value(wanted, StaffController::Page::Closed),
                               finding = parser.isSet(find)] {
      if (page == StaffController::Page::Closed || staff.page() != page || staff.busy()) return;
      if (page == StaffController::Page::Home && finding && staff.searchResults().isEmpty()) return;
      screenshotNextFrame(window, file);
    };
    QObject::connect(&staff, &StaffController::pageChanged, window, takeStaffWhenReady);
    QObject::connect(&staff, &StaffController::searchResultsChanged, window, takeStaffWhenReady);
    QObject::connect(&staff, &StaffController::busyChanged, window, takeStaffWhenReady);
    auto takeWhenReady = [&controller, &staff, window, file, page = pages.value(wanted, KioskController::Page::Welcome),
                          isKioskPage = pages.contains(wanted), finding = parser.isSet(find)] {
      if (!isKioskPage || staff.active() || controller.page() != page) return;
      // Welcome is the screen the kiosk rests on: once connected, or once it shows a setup problem.
      if (page == KioskController::Page::Welcome && !controller.connected() && controller.setupProblem().isEmpty()) {
        return;
      }
      if (page == KioskController::Page::Search && finding && controller.searchResults().isEmpty()) return;
      screenshotNextFrame(window, file);
    };
    QObject::connect(&controller, &KioskController::pageChanged, window, takeWhenReady);
    QObject::connect(&controller, &KioskController::connectedChanged, window, takeWhenReady);
    QObject::connect(&controller, &KioskController::setupProblemChanged, window, takeWhenReady);
    QObject::connect(&controller, &KioskController::searchResultsChanged, window, takeWhenReady);
    // A page never reached (a server that does not answer, a code that leads elsewhere) must not
    // leave a scripted run waiting for ever.
    QTimer::singleShot(kScreenshotDeadline, &app, [&controller, wanted] {
      std::fprintf(stderr, "lanyard-kiosk: --screenshot: the %s page was not reached within %lld s%s\n",
                   qUtf8Printable(wanted), static_cast<long long>(kScreenshotDeadline.count() / 1000),
                   controller.connected() ? "" : " (the server was not reached)");
      QCoreApplication::exit(1);
    });
  }

  if (parser.isSet(staffPin)) {
    const QString pin = parser.value(staffPin);
    QObject::connect(&controller, &KioskController::eventLoaded, &staff, [&staff, pin](bool ok) {
      if (!ok || staff.active()) return;
      staff.open();
      staff.submitPin(pin);
    });
    const QString name = parser.value(find);
    const QString code = parser.value(scan);
    QObject::connect(&staff, &StaffController::pageChanged, &staff, [&staff, window, name, code] {
      if (staff.page() != StaffController::Page::Home || !staff.searchResults().isEmpty()) return;
      if (!name.isEmpty()) staff.search(name);
      if (!code.isEmpty()) typeScannerBurst(window, code);
    });
    // The first name found is chosen, unless the screenshot is to show the names found.
    const bool pickFirst = parser.value(screenshotOn).toLower() != QLatin1String("staff");
    QObject::connect(&staff, &StaffController::searchResultsChanged, &staff, [&staff, pickFirst] {
      if (pickFirst && staff.page() == StaffController::Page::Home && !staff.searchResults().isEmpty()) {
        staff.choose(staff.searchResults().constFirst().toMap().value(QStringLiteral("id")).toLongLong());
      }
    });
    if (parser.isSet(confirmScan)) {
      QObject::connect(&staff, &StaffController::pageChanged, &staff, [&staff] {
        if (staff.page() == StaffController::Page::Person) staff.printBadge();
      });
    }
  } else if (parser.isSet(scan) || parser.isSet(leave)) {
    // Connected first, so that the door is set to leaving before the code is typed.
    if (parser.isSet(leave)) {
      QObject::connect(&controller, &KioskController::eventLoaded, &controller, [&controller](bool ok) {
        if (ok) controller.setLeaving(true);
      });
    }
    const QString code = parser.value(scan);
    QObject::connect(&controller, &KioskController::eventLoaded, &controller, [&controller, window, code](bool ok) {
      if (ok && !code.isEmpty() && controller.page() == KioskController::Page::Welcome) typeScannerBurst(window, code);
    });
  }

  if (parser.isSet(find) && !parser.isSet(staffPin)) {
    const QString name = parser.value(find);
    QObject::connect(&controller, &KioskController::eventLoaded, &controller, [&controller, name](bool ok) {
      if (!ok || controller.page() != KioskController::Page::Welcome) return;
      controller.openSearch();
      controller.search(name);
    });
    // The first name found is chosen to confirm it (--confirm), or to show "Is this you?".
    const bool confirmIt = parser.isSet(confirmScan);
    if (confirmIt || parser.value(screenshotOn).toLower() == QLatin1String("confirm")) {
      QObject::connect(&controller, &KioskController::searchResultsChanged, &controller, [&controller, confirmIt] {
        if (controller.page() != KioskController::Page::Search || controller.searchResults().isEmpty()) return;
        controller.choose(controller.searchResults().constFirst().toMap().value(QStringLiteral("id")).toLongLong());
        if (confirmIt) controller.confirm();
      });
    }
  }

  Heartbeat heartbeat(client, *badgePrinter);
  QObject::connect(&heartbeat, &Heartbeat::printerStateChanged, &controller, &KioskController::setPrinterState);
  QObject::connect(&heartbeat, &Heartbeat::printerStateChanged, &staff, &StaffController::setPrinterState);
  QObject::connect(&heartbeat, &Heartbeat::serverReached, &controller, &KioskController::setServerReachable);

  controller.start();
  heartbeat.start();
  return app.exec();
}
