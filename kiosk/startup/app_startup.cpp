#include "app_startup.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickWindow>
#include <cstdio>
#include <memory>

namespace lanyard::app {

ConnectionCommandLine::ConnectionCommandLine(const QString& tokenDescription)
    : server(QStringLiteral("server"), QStringLiteral("Server address HOST:PORT."), QStringLiteral("addr"),
             qEnvironmentVariable("LANYARD_SERVER")),
      token(QStringLiteral("token"), tokenDescription, QStringLiteral("token"), qEnvironmentVariable("LANYARD_TOKEN")),
      tls(QStringLiteral("tls"), QStringLiteral("Reach the server over TLS.")),
      caCert(QStringLiteral("ca-cert"), QStringLiteral("TLS: trust the server certificate this CA signed (PEM)."),
             QStringLiteral("file")) {}

std::optional<StartupStop> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments) {
  const QCommandLineOption help = parser.addHelpOption();
  if (!parser.parse(arguments)) return StartupStop{parser.errorText(), 1};
  if (parser.isSet(help)) return StartupStop{parser.helpText(), 0};
  return std::nullopt;
}

std::variant<client::ConnectionOptions, StartupStop> resolveConnection(const QString& server, const QString& token,
                                                                       bool tls, const QString& caCertFile,
                                                                       const QString& elsewhere) {
  if (server.isEmpty() || token.isEmpty()) {
    return StartupStop{QStringLiteral("--server and --token are required (%1)").arg(elsewhere)};
  }
  client::ConnectionOptions connection;
  connection.address = server;
  connection.token = token;
  connection.tls = tls || !caCertFile.isEmpty();
  if (!caCertFile.isEmpty()) {
    QFile pem(caCertFile);
    if (!pem.open(QIODevice::ReadOnly)) {
      return StartupStop{QStringLiteral("--ca-cert: cannot read %1: %2").arg(pem.fileName(), pem.errorString())};
    }
    connection.caCertificatesPem = pem.readAll();
  }
  return connection;
}

int reportStop(const StartupStop& stop) {
  if (stop.exitStatus == 0) {
    std::fputs(qUtf8Printable(stop.message), stdout);
    return 0;
  }
  return fail(stop.message, stop.exitStatus);
}

void say(const QString& message) {
  std::fprintf(stderr, "%s: %s\n", qUtf8Printable(QCoreApplication::applicationName()), qUtf8Printable(message));
}

int fail(const QString& message, int status) {
  say(message);
  return status;
}

QQuickWindow* loadWindow(QQmlApplicationEngine& engine, const QString& url, const QVariantMap& initialProperties) {
  engine.setInitialProperties(initialProperties);
  engine.load(QUrl(url));
  if (engine.rootObjects().isEmpty()) {
    fail(QStringLiteral("the user interface did not load"));
    return nullptr;
  }
  auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
  if (!window) fail(QStringLiteral("Main.qml is not a window"));
  return window;
}

void screenshotNextFrame(QQuickWindow* window, const QString& file) {
  auto connection = std::make_shared<QMetaObject::Connection>();
  *connection = QObject::connect(
      window, &QQuickWindow::frameSwapped, window,
      [window, file, connection] {
        QObject::disconnect(*connection);
        const bool saved = window->grabWindow().save(file);
        if (!saved) fail(QStringLiteral("cannot write %1").arg(file));
        QCoreApplication::exit(saved ? 0 : 1);
      },
      Qt::QueuedConnection);
  window->update();
}

}  // namespace lanyard::app
