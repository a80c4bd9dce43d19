#pragma once

// What the kiosk's and the dashboard's main() share: the server connection's options, the
// command line's parse, loading the QML window, screenshots and the messages of a failed start.
// GUI thread only; messages are prefixed with QCoreApplication::applicationName().

#include <QtCore/QCommandLineOption>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QVariantMap>
#include <optional>
#include <variant>

#include "connection_options.h"

class QCommandLineParser;
class QQmlApplicationEngine;
class QQuickWindow;

namespace lanyard::app {

// Why an app stops before it serves, and its exit status: 0 after --help (the text is for stdout),
// 1 for a command line the parser rejects, 2 for a value that is wrong.
struct StartupStop {
  QString message;
  int exitStatus = 2;
};

// The options both apps take to reach the server: --server and --token (defaults from
// LANYARD_SERVER and LANYARD_TOKEN), --tls and --ca-cert.
struct ConnectionCommandLine {
  QCommandLineOption server;
  QCommandLineOption token;
  QCommandLineOption tls;
  QCommandLineOption caCert;

  // `tokenDescription` says whose token the app wants.
  explicit ConnectionCommandLine(const QString& tokenDescription);
  QList<QCommandLineOption> all() const { return {server, token, tls, caCert}; }
};

// Parses `arguments` (arguments[0] is the program) with `parser`, which gets a --help option; a
// stop for --help or a command line it rejects (an unknown option, a missing value).
std::optional<StartupStop> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments);

// The connection from the options' values: `server` and `token` are required (`elsewhere` ends the
// message that says so, naming where else they may come from); the PEM roots in `caCertFile`, when
// given, are read and imply TLS.
std::variant<client::ConnectionOptions, StartupStop> resolveConnection(const QString& server, const QString& token,
                                                                       bool tls, const QString& caCertFile,
                                                                       const QString& elsewhere);

// Prints `stop`: the help on stdout, anything else as "APP: message" on stderr; returns its status.
int reportStop(const StartupStop& stop);

// Prints "APP: message" on stderr, APP being the application's name.
void say(const QString& message);

// Says `message`; returns `status`, for `return fail(...)` in main().
int fail(const QString& message, int status = 1);

// Loads `url` with `initialProperties` into `engine`; its root window, or nullptr after printing
// why not.
QQuickWindow* loadWindow(QQmlApplicationEngine& engine, const QString& url, const QVariantMap& initialProperties);

// Writes `window`'s next frame to `file` as a PNG, then quits the app with 0 (1 if it cannot be
// written).
void screenshotNextFrame(QQuickWindow* window, const QString& file);

}  // namespace lanyard::app
