// lanyard-dashboard: composes the gRPC client, the dashboard and export controllers and the QML UI.

#include <QtCore/QCommandLineParser>
#include <QtCore/QFile>
#include <QtCore/QStandardPaths>
#include <QtCore/QTimer>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickWindow>
#include <cstdio>
#include <memory>

#include "dashboard_controller.h"
#include "export_controller.h"
#include "grpc_attendance_client.h"

using namespace lanyard::dashboard;

namespace {

int fail(const QString& message, int status = 1) {
  std::fprintf(stderr, "lanyard-dashboard: %s\n", qUtf8Printable(message));
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
        if (!saved) std::fprintf(stderr, "lanyard-dashboard: cannot write %s\n", qUtf8Printable(file));
        QCoreApplication::exit(saved ? 0 : 1);
      },
      Qt::QueuedConnection);
  window->update();
}

}  // namespace

int main(int argc, char* argv[]) {
  QGuiApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("lanyard-dashboard"));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Lanyard organisers' live attendance dashboard"));
  parser.addHelpOption();
  const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("Server address HOST:PORT."),
                                  QStringLiteral("addr"), qEnvironmentVariable("LANYARD_SERVER"));
  const QCommandLineOption token(QStringLiteral("token"), QStringLiteral("An organiser or admin token."),
                                 QStringLiteral("token"), qEnvironmentVariable("LANYARD_TOKEN"));
  const QCommandLineOption tls(QStringLiteral("tls"), QStringLiteral("Connect with TLS."));
  const QCommandLineOption caCert(QStringLiteral("ca-cert"),
                                  QStringLiteral("PEM file of the roots the server's certificate chains to (TLS)."),
                                  QStringLiteral("file"));
  const QCommandLineOption fullscreen(QStringLiteral("fullscreen"), QStringLiteral("Show full screen."));
  const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1920x1080."),
                                QStringLiteral("WxH"), QStringLiteral("1600x900"));
  const QCommandLineOption selfTest(QStringLiteral("self-test"),
                                    QStringLiteral("Load the UI, connect to the feed, exit 0 or 1."));
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QStringLiteral("Write a PNG of the window once it is live, then exit."),
                                      QStringLiteral("file"));
  parser.addOptions({server, token, tls, caCert, fullscreen, size, selfTest, screenshot});
  parser.process(app);

  if (parser.value(server).isEmpty() || parser.value(token).isEmpty()) {
    return fail(QStringLiteral("--server and --token are required (or LANYARD_SERVER and LANYARD_TOKEN)"), 2);
  }
  const QStringList dimensions = parser.value(size).split(QLatin1Char('x'));
  const int width = dimensions.size() == 2 ? dimensions[0].toInt() : 0;
  const int height = dimensions.size() == 2 ? dimensions[1].toInt() : 0;
  if (width < 320 || height < 240) return fail(QStringLiteral("--size: WIDTHxHEIGHT, at least 320x240"), 2);

  lanyard::client::ConnectionOptions connection;
  connection.address = parser.value(server);
  connection.token = parser.value(token);
  connection.tls = parser.isSet(tls) || parser.isSet(caCert);
  if (parser.isSet(caCert)) {
    QFile pem(parser.value(caCert));
    if (!pem.open(QIODevice::ReadOnly)) return fail(QStringLiteral("cannot read %1").arg(pem.fileName()), 2);
    connection.caCertificatesPem = pem.readAll();
  }
  lanyard::client::GrpcAttendanceClient client(connection);
  DashboardController controller(client);
  QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  if (folder.isEmpty()) folder = QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
  ExportController exporter(client, folder);

  QQmlApplicationEngine engine;
  engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)},
                               {QStringLiteral("exporter"), QVariant::fromValue(&exporter)},
                               {QStringLiteral("fullscreen"), parser.isSet(fullscreen)},
                               {QStringLiteral("width"), width},
                               {QStringLiteral("height"), height}});
  engine.load(QUrl(QStringLiteral("qrc:/Lanyard/Dashboard/Main.qml")));
  if (engine.rootObjects().isEmpty()) return fail(QStringLiteral("the user interface did not load"));
  auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
  if (!window) return fail(QStringLiteral("Main.qml is not a window"));

  if (parser.isSet(selfTest)) {
    // The first failed attempt ends the self-test: it checks the setup, it does not wait for a server.
    QObject::connect(&controller, &DashboardController::attemptFailed, &app, [](const QString& message) {
      std::fprintf(stderr, "lanyard-dashboard: self-test failed: %s\n", qUtf8Printable(message));
      QCoreApplication::exit(1);
    });
    QObject::connect(&controller, &DashboardController::ready, &app, [&](bool ok, const QString& message) {
      if (!ok) return;  // attemptFailed has reported it.
      std::printf("lanyard-dashboard: self-test ok: UI loaded, event \"%s\" from %s, %d registered, feed at #%lld\n",
                  qUtf8Printable(controller.eventName()), qUtf8Printable(parser.value(server)), controller.registered(),
                  static_cast<long long>(controller.lastSequence()));
      (void)message;
      QCoreApplication::exit(0);
    });
  } else if (parser.isSet(screenshot)) {
    const QString file = parser.value(screenshot);
    QObject::connect(&controller, &DashboardController::attemptFailed, &app, [](const QString& message) {
      std::fprintf(stderr, "lanyard-dashboard: cannot take the screenshot: %s\n", qUtf8Printable(message));
      QCoreApplication::exit(1);
    });
    QObject::connect(&controller, &DashboardController::ready, window, [window, file](bool ok) {
      if (ok) screenshotNextFrame(window, file);
    });
  }

  controller.start();
  return app.exec();
}
