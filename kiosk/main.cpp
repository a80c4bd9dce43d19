// lanyard-kiosk: composes the gRPC client and the replica behind it, the badge printer, the
// controllers and the QML UI.

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QLockFile>
#include <QtCore/QLoggingCategory>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickWindow>
#include <memory>

#include "app_startup.h"
#include "badge_printer.h"
#include "grpc_check_in_client.h"
#include "heartbeat.h"
#include "kiosk_controller.h"
#include "kiosk_options.h"
#include "kiosk_translator.h"
#include "offline_check_in_client.h"
#include "readiness_report.h"
#include "scanner_input.h"
#include "staff_controller.h"
#include "testing_aids.h"

using namespace lanyard::kiosk;

int main(int argc, char* argv[]) {
  const QStringList sessionArgument = takeSessionArgument(argc, argv);
  // The on-screen keyboard (KioskKeyboard.qml's InputPanel) needs its input method chosen before the app.
  if (!qEnvironmentVariableIsSet("QT_IM_MODULE")) qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
  // Every text field turns word prediction off (names are not dictionary words), so the keyboard's
  // warning that no Hunspell dictionary is installed is noise in the log. QT_LOGGING_RULES still wins.
  QLoggingCategory::setFilterRules(QStringLiteral("qt.virtualkeyboard.hunspell.warning=false"));
  QGuiApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("lanyard-kiosk"));
  const auto parsed = parseKioskOptions(QCoreApplication::arguments() + sessionArgument);
  if (const auto* stop = std::get_if<lanyard::app::StartupStop>(&parsed)) return lanyard::app::reportStop(*stop);
  const KioskOptions& options = *std::get_if<KioskOptions>(&parsed);

  // Two kiosks on one replica file would upload each other's decisions.
  QLockFile replicaLock(options.replicaFile + QStringLiteral(".lock"));
  if (!QDir().mkpath(QFileInfo(options.replicaFile).absolutePath()) || !replicaLock.tryLock(0)) {
    return lanyard::app::fail(QStringLiteral("%1 is in use by another lanyard-kiosk, or cannot be made; give each "
                                             "kiosk its own --data-dir")
                                  .arg(options.replicaFile));
  }
  auto opened = lanyard::kiosk::offline::ReplicaFile::open(options.replicaFile);
  if (const auto* error = std::get_if<QString>(&opened)) return lanyard::app::fail(*error);
  auto& replica = *std::get<std::unique_ptr<lanyard::kiosk::offline::ReplicaFile>>(opened);
  lanyard::client::GrpcCheckInClient server(options.connection);
  lanyard::kiosk::offline::OfflineCheckInClient client(server, replica);
  std::unique_ptr<BadgePrinter> badgePrinter;
  if (!options.printer.isEmpty()) {
    badgePrinter = std::make_unique<CupsBadgePrinter>(options.printer, options.badgeSize, options.badgeTemplate);
  } else {
    const QString folder =
        !options.pdfDir.isEmpty() ? options.pdfDir : QDir::current().filePath(QStringLiteral("badges"));
    badgePrinter = std::make_unique<PdfBadgePrinter>(folder, options.badgeSize, options.badgeTemplate);
  }
  KioskController controller(client, *badgePrinter);
  controller.setBadgeSize(options.badgeSize);
  if (!options.language.isEmpty()) controller.setHomeLanguage(options.language);
  if (options.sessionId > 0) controller.setSession(options.sessionId);
  if (!options.room.isEmpty()) controller.setRoom(options.room);

  // Staff mode, where the event has a staff PIN; a session door has no printer to serve.
  StaffController staff(client, *badgePrinter);
  if (!controller.door()->enabled()) {
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

  QQuickWindow* window = lanyard::app::loadWindow(engine, QStringLiteral("qrc:/Lanyard/Kiosk/Main.qml"),
                                                  {{QStringLiteral("controller"), QVariant::fromValue(&controller)},
                                                   {QStringLiteral("staff"), QVariant::fromValue(&staff)},
                                                   {QStringLiteral("fullscreen"), options.fullscreen}});
  if (!window) return 1;
  reportReadiness(controller, options.selfTest, options.connection.address);
  if (options.testingAids) applyTestingAids(*options.testingAids, controller, staff, window);

  Heartbeat heartbeat(client, *badgePrinter);
  QObject::connect(&heartbeat, &Heartbeat::printerStateChanged, &controller, &KioskController::setPrinterState);
  QObject::connect(&heartbeat, &Heartbeat::printerStateChanged, &staff, &StaffController::setPrinterState);
  // Unreachable matters to the delegate only when the replica cannot stand in.
  QObject::connect(&heartbeat, &Heartbeat::serverReached, &controller, [&controller, &client](bool reached) {
    controller.setServerReachable(reached || client.replicaReady());
  });
  const auto showConnection = [&controller, &staff, &client] {
    controller.setWorkingOffline(client.offline());
    if (client.offline() && client.replicaReady()) controller.setServerReachable(true);
    staff.setConnectionState(client.offline(), client.queueLength(), client.replicaCaughtUpUs() / 1000);
  };
  QObject::connect(&client, &lanyard::kiosk::offline::OfflineCheckInClient::stateChanged, &controller, showConnection);
  showConnection();

  client.start();
  controller.start();
  heartbeat.start();
  return app.exec();
}
