#include "kiosk_options.h"

#include <gtest/gtest.h>

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <vector>

namespace lanyard::kiosk {
namespace {

class KioskOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    for (const char* name : {"LANYARD_SERVER", "LANYARD_TOKEN", "LANYARD_KIOSK_CONFIG"}) qunsetenv(name);
  }

  // Parses the kiosk's arguments after --server and --token.
  static std::variant<KioskOptions, app::StartupStop> parse(const QStringList& arguments) {
    return parseKioskOptions(QStringList{QStringLiteral("lanyard-kiosk"), QStringLiteral("--server"),
                                         QStringLiteral("127.0.0.1:50051"), QStringLiteral("--token"),
                                         QStringLiteral("lyd_kiosk")} +
                             arguments);
  }

  static KioskOptions options(const std::variant<KioskOptions, app::StartupStop>& parsed) {
    if (const auto* stop = std::get_if<app::StartupStop>(&parsed)) {
      ADD_FAILURE() << "stopped: " << qPrintable(stop->message);
      return {};
    }
    return std::get<KioskOptions>(parsed);
  }

  static app::StartupStop stop(const std::variant<KioskOptions, app::StartupStop>& parsed) {
    if (!std::holds_alternative<app::StartupStop>(parsed)) {
      ADD_FAILURE() << "the options were accepted";
      return {};
    }
    return std::get<app::StartupStop>(parsed);
  }

  QString write(const QString& name, const QByteArray& text) {
    QFile file(dir.filePath(name));
    EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
    return file.fileName();
  }

  QTemporaryDir dir;
};

TEST_F(KioskOptionsTest, ReadsEverySetting) {
  const KioskOptions o = options(parse({"--printer", "BadgeQueue", "--badge-size", "a6", "--language", "cs", "--room",
                                        "Main Hall", "--fullscreen", "--tls", "--self-test"}));
  EXPECT_EQ(o.connection.address, QStringLiteral("127.0.0.1:50051"));
  EXPECT_EQ(o.connection.token, QStringLiteral("lyd_kiosk"));
  EXPECT_TRUE(o.connection.tls);
  EXPECT_EQ(o.printer, QStringLiteral("BadgeQueue"));
  EXPECT_TRUE(o.pdfDir.isEmpty());
  EXPECT_EQ(o.badgeSize, BadgeSize::A6);
  EXPECT_EQ(o.language, QStringLiteral("cs"));
  EXPECT_EQ(o.room, QStringLiteral("Main Hall"));
  EXPECT_EQ(o.sessionId, 0);
  EXPECT_TRUE(o.fullscreen);
  EXPECT_TRUE(o.selfTest);
  EXPECT_FALSE(o.testingAids.has_value()) << "no testing aid was asked for";
}

TEST_F(KioskOptionsTest, ServerAndTokenComeFromTheEnvironment) {
  qputenv("LANYARD_SERVER", "10.0.0.5:50051");
  qputenv("LANYARD_TOKEN", "lyd_env");
  const KioskOptions o = options(parseKioskOptions({QStringLiteral("lanyard-kiosk")}));
  EXPECT_EQ(o.connection.address, QStringLiteral("10.0.0.5:50051"));
  EXPECT_EQ(o.connection.token, QStringLiteral("lyd_env"));
  qunsetenv("LANYARD_SERVER");
  EXPECT_TRUE(stop(parseKioskOptions({QStringLiteral("lanyard-kiosk")}))
                  .message.startsWith(QStringLiteral("--server and --token are required")));
}

TEST_F(KioskOptionsTest, TheCommandLineWinsOverTheConfigFile) {
  const QString config = write(QStringLiteral("kiosk.conf"),
                               "server = 10.0.0.9:50051\ntoken = lyd_file\nprinter = Hall\nlanguage = de\n"
                               "session = 3\nfullscreen = yes\n");
  const KioskOptions o =
      options(parseKioskOptions({QStringLiteral("lanyard-kiosk"), QStringLiteral("--config"), config,
                                 QStringLiteral("--language"), QStringLiteral("cs"), QStringLiteral("--session=4")}));
  EXPECT_EQ(o.connection.address, QStringLiteral("10.0.0.9:50051"));
  EXPECT_EQ(o.connection.token, QStringLiteral("lyd_file"));
  EXPECT_EQ(o.printer, QStringLiteral("Hall"));
  EXPECT_EQ(o.language, QStringLiteral("cs"));
  EXPECT_EQ(o.sessionId, 4);
  EXPECT_TRUE(o.fullscreen);

  // The file's value over the environment's.
  qputenv("LANYARD_SERVER", "10.0.0.1:1");
  EXPECT_EQ(options(parseKioskOptions({QStringLiteral("lanyard-kiosk"), QStringLiteral("--config"), config}))
                .connection.address,
            QStringLiteral("10.0.0.9:50051"));
}

TEST_F(KioskOptionsTest, ABadValueNamesItsOption) {
  const std::vector<std::pair<QStringList, QString>> cases = {
      {{"--badge-size", "a4"}, "--badge-size: id1, 4x3 or a6"},
      {{"--language", "xx"}, "--language: one of "},
      {{"--session", "third"}, "--session: a session id"},
      {{"--room", "  "}, "--room: a room's name"},
      {{"--session", "3", "--room", "Main Hall"}, "give --session (one session's door) or --room"},
      {{"--pdf-dir", "/tmp", "--printer", "Q"}, "give --pdf-dir or --printer, not both"},
      {{"--ca-cert", "/nonexistent/ca.pem"}, "--ca-cert: cannot read /nonexistent/ca.pem: "},
      {{"--badge-template", "/nonexistent/badge.json"}, "--badge-template: /nonexistent/badge.json: cannot read"},
      {{"--screenshot", "x.png", "--screenshot-on", "lobby"}, "--screenshot-on: welcome, search, "},
      {{"--staff-pin-file", "/nonexistent/pin"}, "--staff-pin-file: cannot read /nonexistent/pin: "},
  };
  for (const auto& [arguments, message] : cases) {
    const app::StartupStop s = stop(parse(arguments));
    EXPECT_TRUE(s.message.startsWith(message))
        << qPrintable(arguments.join(QLatin1Char(' '))) << " -> " << qPrintable(s.message);
    EXPECT_EQ(s.exitStatus, 2) << qPrintable(arguments.join(QLatin1Char(' ')));
  }
}

TEST_F(KioskOptionsTest, ABadConfigFileNamesItsLine) {
  const QString config = write(QStringLiteral("kiosk.conf"), "server = x\nscan = CODE\n");
  const app::StartupStop s = stop(parse({"--config", config}));
  EXPECT_TRUE(s.message.startsWith(config + QStringLiteral(":2: unknown key \"scan\""))) << qPrintable(s.message);
}

TEST_F(KioskOptionsTest, AnUnknownOptionOrHelpStopsTheParse) {
  const app::StartupStop unknown = stop(parse({"--no-such-option"}));
  EXPECT_EQ(unknown.exitStatus, 1);
  EXPECT_TRUE(unknown.message.contains(QStringLiteral("no-such-option"))) << qPrintable(unknown.message);
  const app::StartupStop help = stop(parse({"--help"}));
  EXPECT_EQ(help.exitStatus, 0);
  EXPECT_TRUE(help.message.contains(QStringLiteral("--staff-pin-file <file>"))) << qPrintable(help.message);
}

TEST_F(KioskOptionsTest, TestingAidsAreGatheredApart) {
  const KioskOptions o = options(parse({"--scan", "CODE42", "--find", "Novák", "--confirm", "--leave", "--screenshot",
                                        "shot.png", "--screenshot-on", "Done"}));
  ASSERT_TRUE(o.testingAids.has_value());
  EXPECT_EQ(o.testingAids->scanCode, QStringLiteral("CODE42"));
  EXPECT_EQ(o.testingAids->findName, QStringLiteral("Novák"));
  EXPECT_TRUE(o.testingAids->confirm);
  EXPECT_TRUE(o.testingAids->leave);
  EXPECT_EQ(o.testingAids->screenshotFile, QStringLiteral("shot.png"));
  EXPECT_EQ(o.testingAids->screenshotPage, QStringLiteral("done"));
  EXPECT_TRUE(o.testingAids->staffPin.isEmpty());
}

TEST_F(KioskOptionsTest, TheStaffPinComesFromAFileNeverTheCommandLine) {
  const KioskOptions o = options(parse({"--staff-pin-file", write(QStringLiteral("pin"), "482913\n")}));
  ASSERT_TRUE(o.testingAids.has_value());
  EXPECT_EQ(o.testingAids->staffPin, QStringLiteral("482913"));

  const app::StartupStop empty = stop(parse({"--staff-pin-file", write(QStringLiteral("empty"), "\n")}));
  EXPECT_EQ(empty.message, QStringLiteral("--staff-pin-file: %1 is empty").arg(dir.filePath(QStringLiteral("empty"))));
  EXPECT_EQ(stop(parse({"--staff", "482913"})).exitStatus, 1) << "no option takes the PIN itself";
}

TEST_F(KioskOptionsTest, SessionIsTakenOutOfArgvBeforeQtSeesIt) {
  char program[] = "lanyard-kiosk";
  char session[] = "--session";
  char id[] = "3";
  char fullscreen[] = "--fullscreen";
  char* argv[] = {program, session, id, fullscreen, nullptr};
  int argc = 4;
  EXPECT_EQ(takeSessionArgument(argc, argv), QStringList{QStringLiteral("--session=3")});
  ASSERT_EQ(argc, 2);
  EXPECT_STREQ(argv[1], "--fullscreen");
  EXPECT_EQ(argv[2], nullptr);
}

}  // namespace
}  // namespace lanyard::kiosk
