// lanyard-dashboard: composes the gRPC client, the dashboard and export controllers and the QML UI.

#include <QtCore/QStandardPaths>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickWindow>
#include <cstdio>

#include "app_startup.h"
#include "dashboard_controller.h"
#include "dashboard_options.h"
#include "export_controller.h"
#include "grpc_attendance_client.h"

using namespace lanyard::dashboard;
namespace app = lanyard::app;

int main(int argc, char* argv[]) {
  QGuiApplication application(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("lanyard-dashboard"));
  const auto parsed = parseDashboardOptions(QCoreApplication::arguments());
  if (const auto* stop = std::get_if<app::StartupStop>(&parsed)) return app::reportStop(*stop);
  const DashboardOptions& options = *std::get_if<DashboardOptions>(&parsed);

  lanyard::client::GrpcAttendanceClient client(options.connection);
  DashboardController controller(client);
  QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  if (folder.isEmpty()) folder = QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
  ExportController exporter(client, folder);

  QQmlApplicationEngine engine;
  QQuickWindow* window = app::loadWindow(engine, QStringLiteral("qrc:/Lanyard/Dashboard/Main.qml"),
                                         {{QStringLiteral("controller"), QVariant::fromValue(&controller)},
                                          {QStringLiteral("exporter"), QVariant::fromValue(&exporter)},
                                          {QStringLiteral("fullscreen"), options.fullscreen},
                                          {QStringLiteral("width"), options.windowSize.width()},
                                          {QStringLiteral("height"), options.windowSize.height()}});
  if (!window) return 1;

  if (options.selfTest) {
    // The first failed attempt ends the self-test: it checks the setup, it does not wait for a server.
    QObject::connect(&controller, &DashboardController::attemptFailed, &application, [](const QString& message) {
      app::say(QStringLiteral("self-test failed: ") + message);
      QCoreApplication::exit(1);
    });
    QObject::connect(&controller, &DashboardController::ready, &application, [&](bool ok) {
      if (!ok) return;  // attemptFailed has reported it.
      std::printf("lanyard-dashboard: self-test ok: UI loaded, event \"%s\" from %s, %d registered, feed at #%lld\n",
                  qUtf8Printable(controller.eventName()), qUtf8Printable(options.connection.address),
                  controller.registered(), static_cast<long long>(controller.lastSequence()));
      QCoreApplication::exit(0);
    });
  } else if (!options.screenshotFile.isEmpty()) {
    QObject::connect(&controller, &DashboardController::attemptFailed, &application, [](const QString& message) {
      app::say(QStringLiteral("cannot take the screenshot: ") + message);
      QCoreApplication::exit(1);
    });
    QObject::connect(&controller, &DashboardController::ready, window,
                     [window, file = options.screenshotFile](bool ok) {
                       if (ok) app::screenshotNextFrame(window, file);
                     });
  }

  controller.start();
  return application.exec();
}
