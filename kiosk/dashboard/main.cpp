// lanyard-dashboard: composes the gRPC client, the dashboard and export controllers and the QML UI.

#include <QtCore/QStandardPaths>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickWindow>
#include <cstdio>
#include <functional>
#include <memory>

#include "app_startup.h"
#include "conflicts_controller.h"
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
  ConflictsController conflicts(client, controller);

  QQmlApplicationEngine engine;
  QQuickWindow* window = app::loadWindow(engine, QStringLiteral("qrc:/Lanyard/Dashboard/Main.qml"),
                                         {{QStringLiteral("controller"), QVariant::fromValue(&controller)},
                                          {QStringLiteral("exporter"), QVariant::fromValue(&exporter)},
                                          {QStringLiteral("conflicts"), QVariant::fromValue(&conflicts)},
                                          {QStringLiteral("fullscreen"), options.fullscreen},
                                          {QStringLiteral("width"), options.windowSize.width()},
                                          {QStringLiteral("height"), options.windowSize.height()}});
  if (!window) return 1;

  // The self-test and the screenshot wait for the feed to catch up and for the first list of
  // conflicts, so that every panel shows what the server had.
  const auto whenShown = [&](const std::function<void()>& then) {
    auto fed = std::make_shared<bool>(false);
    auto listed = std::make_shared<bool>(false);
    auto done = std::make_shared<bool>(false);
    auto check = [=] {
      if (*fed && *listed && !*done) {
        *done = true;
        then();
      }
    };
    QObject::connect(&controller, &DashboardController::ready, window, [fed, check](bool ok) {
      *fed = ok;  // Not ok: attemptFailed has reported it.
      check();
    });
    QObject::connect(&conflicts, &ConflictsController::refreshed, window, [listed, check] {
      *listed = true;
      check();
    });
  };
  if (options.selfTest) {
    // The first failed attempt ends the self-test: it checks the setup, it does not wait for a server.
    QObject::connect(&controller, &DashboardController::attemptFailed, &application, [](const QString& message) {
      app::say(QStringLiteral("self-test failed: ") + message);
      QCoreApplication::exit(1);
    });
    whenShown([&] {
      if (!conflicts.message().isEmpty()) {
        app::say(QStringLiteral("self-test failed: ") + conflicts.message());
        QCoreApplication::exit(1);
        return;
      }
      std::printf(
          "lanyard-dashboard: self-test ok: UI loaded, event \"%s\" from %s, %d registered, feed at #%lld, conflicts: "
          "%d (%d unseen)\n",
          qUtf8Printable(controller.eventName()), qUtf8Printable(options.connection.address), controller.registered(),
          static_cast<long long>(controller.lastSequence()), conflicts.total(), conflicts.unseen());
      QCoreApplication::exit(0);
    });
  } else if (!options.screenshotFile.isEmpty()) {
    QObject::connect(&controller, &DashboardController::attemptFailed, &application, [](const QString& message) {
      app::say(QStringLiteral("cannot take the screenshot: ") + message);
      QCoreApplication::exit(1);
    });
    whenShown([window, file = options.screenshotFile] { app::screenshotNextFrame(window, file); });
  }

  controller.start();
  return application.exec();
}
