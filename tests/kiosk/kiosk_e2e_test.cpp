// The real lanyard-kiosk against a real `lanyard-server demo` on 127.0.0.1:0, under the offscreen
// platform: the self-test, and a scanned demo code that checks in and writes a PDF badge.

#include <gtest/gtest.h>

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>
#include <fstream>
#include <regex>
#include <sstream>

#include "server_process.h"

namespace lanyard::kiosk {
namespace {

using namespace std::chrono_literals;
using e2e::ProcessOptions;

class KioskEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    db = dir.filePath(QStringLiteral("demo.db")).toStdString();
    server = std::make_unique<e2e::ServerProcess>(
        ProcessOptions{{LANYARD_SERVER_BINARY, "demo", "--db", db, "--listen", "127.0.0.1:0"}, {}, {}});
    std::ifstream tokens(db + ".tokens");
    std::string name, value;
    while (tokens >> name >> value) {
      if (name == "kiosk-entrance-1") kioskToken = value;
      if (name == "staff-pin") staffPin = value;
    }
    ASSERT_FALSE(kioskToken.empty()) << "no kiosk-entrance-1 token in " << db << ".tokens";
  }

  // The first sample badge code the demo printed, with the delegate's given name.
  std::pair<std::string, std::string> sampleCode() {
    server->process().waitForStdout([](const std::string& out) { return out.find("Try next") != std::string::npos; },
                                    10s);
    const std::regex line(R"(\n  (\S+) [^\n]*\(([^)]*)\): ([A-Z2-7]{120})\n)");
    std::smatch match;
    const std::string out = server->process().stdoutText();
    if (!std::regex_search(out, match, line)) {
      ADD_FAILURE() << "no sample code in the demo output:\n" << out;
      return {};
    }
    return {match[3].str(), match[1].str()};
  }

  void importSessionHeldNow();
  std::string sessionLog();

  e2e::CommandResult kiosk(std::vector<std::string> arguments) {
    std::vector<std::string> argv = {LANYARD_KIOSK_BINARY, "--server", server->loopbackAddress(), "--token",
                                     kioskToken};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return e2e::runCommand(ProcessOptions{argv, {{"QT_QPA_PLATFORM", "offscreen"}}, {}}, 60s);
  }

  QTemporaryDir dir;
  std::string db;
  std::unique_ptr<e2e::ServerProcess> server;
  std::string kioskToken;
  std::string staffPin;  // The demo's kiosk staff PIN.
};

TEST_F(KioskEndToEndTest, SelfTestLoadsTheUiAndReachesTheServer) {
  const e2e::CommandResult result = kiosk({"--self-test"});
  EXPECT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;
  EXPECT_NE(result.out.find("self-test ok"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Integrating Cities"), std::string::npos) << result.out;
}

TEST_F(KioskEndToEndTest, SelfTestFailsWithAWrongToken) {
  kioskToken = "not-a-token";
  const e2e::CommandResult result = kiosk({"--self-test"});
  EXPECT_TRUE(result.status.exitedWith(1)) << result.status.describe();
  EXPECT_NE(result.err.find("not authorised"), std::string::npos) << result.err;
}

TEST_F(KioskEndToEndTest, SelfTestFailsWithAnOrganisersToken) {
  std::ifstream tokens(db + ".tokens");
  std::string name, value;
  while (tokens >> name >> value) {
    if (name == "organiser") kioskToken = value;
  }
  const e2e::CommandResult result = kiosk({"--self-test"});
  EXPECT_TRUE(result.status.exitedWith(1)) << result.status.describe();
  EXPECT_NE(result.err.find("is not a kiosk's; a kiosk needs a kiosk token"), std::string::npos) << result.err;
}

TEST_F(KioskEndToEndTest, ScannedCodeChecksInAndPrintsABadgeWithTheSameCode) {
  const auto [code, givenName] = sampleCode();
  ASSERT_FALSE(code.empty());
  const QString badges = dir.filePath(QStringLiteral("badges"));
  const QString shot = dir.filePath(QStringLiteral("done.png"));
  const e2e::CommandResult result = kiosk({"--pdf-dir", badges.toStdString(), "--scan", code, "--screenshot-on", "done",
                                           "--screenshot", shot.toStdString()});
  ASSERT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;
  EXPECT_TRUE(QFile::exists(shot));

  const QStringList pdfs = QDir(badges).entryList({QStringLiteral("*.pdf")});
  ASSERT_EQ(pdfs.size(), 1);
  const QString pdf = QDir(badges).filePath(pdfs.first());
  QProcess text;
  text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
  ASSERT_TRUE(text.waitForFinished(30000));
  EXPECT_TRUE(QString::fromUtf8(text.readAllStandardOutput()).contains(QString::fromStdString(givenName)));

  QProcess render;
  const QString png = dir.filePath(QStringLiteral("badge"));
  render.start(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("300"), QStringLiteral("-png"),
                                            QStringLiteral("-singlefile"), pdf, png});
  ASSERT_TRUE(render.waitForFinished(30000));
  QProcess reader;
  reader.start(QStringLiteral("ZXingReader"), {png + QStringLiteral(".png")});
  ASSERT_TRUE(reader.waitForFinished(30000));
  EXPECT_TRUE(reader.readAllStandardOutput().contains(QByteArray::fromStdString(code)));

  // The server logged the check-in: a second scan of the same code is ALREADY_CHECKED_IN.
  const e2e::CommandResult again = e2e::runCommand(ProcessOptions{
      {LANYARD_CLI_BINARY, "--server", server->loopbackAddress(), "--token", kioskToken, "checkin", code}, {}, {}});
  EXPECT_NE(again.out.find("ALREADY_CHECKED_IN"), std::string::npos) << again.out << again.err;
}

// Through a real CUPS queue with the cups-pdf backend; deploy/quickstart.sh test sets it up and
// names it (and where cups-pdf writes) in LANYARD_CUPS_PDF_QUEUE and LANYARD_CUPS_PDF_DIR.
TEST_F(KioskEndToEndTest, PrintsThroughARealCupsQueue) {
  const QString queue = qEnvironmentVariable("LANYARD_CUPS_PDF_QUEUE");
  const QString output = qEnvironmentVariable("LANYARD_CUPS_PDF_DIR");
  if (queue.isEmpty() || output.isEmpty()) {
    GTEST_SKIP() << "no cups-pdf queue: run through deploy/quickstart.sh test, or set LANYARD_CUPS_PDF_QUEUE and "
                    "LANYARD_CUPS_PDF_DIR";
  }
  const QStringList before = QDir(output).entryList({QStringLiteral("*.pdf")});
  const auto [code, givenName] = sampleCode();
  ASSERT_FALSE(code.empty());
  const QString shot = dir.filePath(QStringLiteral("done.png"));
  const e2e::CommandResult result = kiosk({"--printer", queue.toStdString(), "--badge-size", "id1", "--scan", code,
                                           "--screenshot-on", "done", "--screenshot", shot.toStdString()});
  ASSERT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;

  // CUPS prints after the kiosk hands the job over. cups-pdf writes its file in place, so the file
  // is whole only once CUPS lists no unfinished job on the queue.
  const auto queueIsIdle = [&queue] {
    QProcess jobs;
    jobs.start(QStringLiteral("lpstat"), {QStringLiteral("-o"), queue});
    return jobs.waitForFinished(10000) && jobs.exitCode() == 0 && jobs.readAllStandardOutput().trimmed().isEmpty();
  };
  QString pdf;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < deadline) {
    for (const QString& name : QDir(output).entryList({QStringLiteral("*.pdf")})) {
      if (!before.contains(name)) pdf = QDir(output).filePath(name);
    }
    if (!pdf.isEmpty() && queueIsIdle()) break;
    QThread::msleep(100);  // Polling another process's work; bounded by the deadline.
  }
  ASSERT_FALSE(pdf.isEmpty()) << "cups-pdf wrote nothing into " << output.toStdString() << " within 60 s";
  ASSERT_TRUE(queueIsIdle()) << "the job on " << queue.toStdString() << " did not finish within 60 s";
  QProcess info;
  info.start(QStringLiteral("pdfinfo"), {pdf});
  ASSERT_TRUE(info.waitForFinished(30000));
  const QByteArray pageInfo = info.readAllStandardOutput();
  EXPECT_TRUE(pageInfo.contains("Page size:       243 x 153 pts")) << "an 86 x 54 mm card:\n" << pageInfo.toStdString();

  QProcess render;
  const QString png = dir.filePath(QStringLiteral("cups-badge"));
  render.start(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("300"), QStringLiteral("-png"),
                                            QStringLiteral("-singlefile"), pdf, png});
  ASSERT_TRUE(render.waitForFinished(30000));
  QProcess reader;
  reader.start(QStringLiteral("ZXingReader"), {png + QStringLiteral(".png")});
  ASSERT_TRUE(reader.waitForFinished(30000));
  EXPECT_TRUE(reader.readAllStandardOutput().contains(QByteArray::fromStdString(code)))
      << "the printed QR is the delegate's code";
}

TEST_F(KioskEndToEndTest, StaffModeChecksInAndPrintsThenPrintsAgainWithThePin) {
  ASSERT_FALSE(staffPin.empty()) << "the demo wrote no staff-pin into " << db << ".tokens";
  const auto [code, givenName] = sampleCode();
  ASSERT_FALSE(code.empty());
  const QString badges = dir.filePath(QStringLiteral("badges"));

  // The PIN comes from a file, never the command line.
  const auto pinFile = [&](const char* name, const std::string& pin) {
    const QString path = dir.filePath(QString::fromUtf8(name));
    std::ofstream(path.toStdString()) << pin << "\n";
    return path.toStdString();
  };
  // A wrong PIN opens nothing and prints nothing.
  const QString refused = dir.filePath(QStringLiteral("refused.png"));
  const e2e::CommandResult wrong =
      kiosk({"--pdf-dir", badges.toStdString(), "--staff-pin-file", pinFile("wrong-pin", "0000"), "--scan", code,
             "--confirm", "--screenshot-on", "staff-pin", "--screenshot", refused.toStdString()});
  ASSERT_TRUE(wrong.status.exitedWith(0)) << wrong.status.describe() << "\n" << wrong.err;
  EXPECT_TRUE(QDir(badges).entryList({QStringLiteral("*.pdf")}).isEmpty());

  // Staff scan someone who has not come through the entrance: checked in on their word, printed.
  const auto staffPrint = [&, code = code](const char* shot) {  // clang 14 captures no structured binding
    return kiosk({"--pdf-dir", badges.toStdString(), "--staff-pin-file", pinFile("pin", staffPin), "--scan", code,
                  "--confirm", "--screenshot-on", "staff-printed", "--screenshot",
                  dir.filePath(QString::fromUtf8(shot)).toStdString()});
  };
  const e2e::CommandResult first = staffPrint("first.png");
  ASSERT_TRUE(first.status.exitedWith(0)) << first.status.describe() << "\n" << first.err;
  // And again: a reprint, which checks no one in a second time.
  const e2e::CommandResult again = staffPrint("again.png");
  ASSERT_TRUE(again.status.exitedWith(0)) << again.status.describe() << "\n" << again.err;

  const QStringList pdfs = QDir(badges).entryList({QStringLiteral("*.pdf")});
  ASSERT_EQ(pdfs.size(), 2);
  QProcess text;
  text.start(QStringLiteral("pdftotext"), {QDir(badges).filePath(pdfs.constLast()), QStringLiteral("-")});
  ASSERT_TRUE(text.waitForFinished(30000));
  EXPECT_TRUE(QString::fromUtf8(text.readAllStandardOutput()).contains(QString::fromStdString(givenName)));

  const e2e::CommandResult log = e2e::runCommand(ProcessOptions{
      {"/usr/bin/sqlite3", db,
       "SELECT (SELECT group_concat(outcome) FROM check_in), (SELECT count(*) FROM badge_print WHERE success = 1)"},
      {},
      {}});
  EXPECT_EQ(log.out, "1|2\n") << "one admission (outcome 1), two successful prints: " << log.out << log.err;
}

TEST_F(KioskEndToEndTest, SessionDoorOutsideItsSessionAnswersWithoutPrinting) {
  const auto [code, givenName] = sampleCode();
  ASSERT_FALSE(code.empty());
  const QString badges = dir.filePath(QStringLiteral("badges"));
  const QString shot = dir.filePath(QStringLiteral("door.png"));
  // The demo's sessions are in May 2026: the door is closed and says "not open now" by itself.
  const e2e::CommandResult result = kiosk({"--session", "3", "--pdf-dir", badges.toStdString(), "--scan", code,
                                           "--screenshot-on", "problem", "--screenshot", shot.toStdString()});
  ASSERT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;
  EXPECT_TRUE(QFile::exists(shot));
  EXPECT_TRUE(QDir(badges).entryList({QStringLiteral("*.pdf")}).isEmpty()) << "a door prints nothing";

  const e2e::CommandResult log =
      e2e::runCommand(ProcessOptions{{"/usr/bin/sqlite3", db, "SELECT count(*) FROM check_in"}, {}, {}});
  EXPECT_EQ(log.out, "0\n") << "a closed door does not ask the server: " << log.err;
}

TEST_F(KioskEndToEndTest, UnknownSessionFailsTheSelfTest) {
  const e2e::CommandResult result = kiosk({"--session", "999", "--self-test"});
  EXPECT_TRUE(result.status.exitedWith(1)) << result.status.describe();
  EXPECT_NE(result.err.find("no session 999"), std::string::npos) << result.err;
}

// Not a self-test: the kiosk keeps running, says on screen that staff are needed, and says why
// on stderr, instead of "Connecting to the server…" for ever with nothing logged.
TEST_F(KioskEndToEndTest, UnknownSessionShowsAProblemScreenAndLogsWhy) {
  const QString shot = dir.filePath(QStringLiteral("unknown-session.png"));
  const e2e::CommandResult result =
      kiosk({"--session", "999", "--screenshot-on", "welcome", "--screenshot", shot.toStdString()});
  ASSERT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;
  EXPECT_TRUE(QFile::exists(shot));
  EXPECT_NE(result.err.find("lanyard-kiosk: not ready, trying again: the server has no session 999"), std::string::npos)
      << result.err;
}

TEST_F(KioskEndToEndTest, RoomAndSessionTogetherAreAUsageError) {
  e2e::CommandResult result = kiosk({"--session", "3", "--room", "Main Hall", "--self-test"});
  EXPECT_TRUE(result.status.exitedWith(2)) << result.status.describe();
  EXPECT_NE(result.err.find("give --session (one session's door) or --room"), std::string::npos) << result.err;

  // The same from the config file's `room` key.
  const QString config = dir.filePath(QStringLiteral("door.conf"));
  QFile file(config);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("room = Main Hall\n");
  file.close();
  result = kiosk({"--config", config.toStdString(), "--session", "3", "--self-test"});
  EXPECT_TRUE(result.status.exitedWith(2)) << result.status.describe();
  EXPECT_NE(result.err.find("not both"), std::string::npos) << result.err;
}

TEST_F(KioskEndToEndTest, RoomFromTheConfigFilePassesTheSelfTest) {
  const QString config = dir.filePath(QStringLiteral("door.conf"));
  QFile file(config);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("# The plenary hall's door, whatever is on there.\nroom =  main hall \n");
  file.close();
  const e2e::CommandResult result = kiosk({"--config", config.toStdString(), "--self-test"});
  EXPECT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;
}

TEST_F(KioskEndToEndTest, UnknownRoomFailsTheSelfTestAndNamesTheRooms) {
  const e2e::CommandResult result = kiosk({"--room", "Sál Z", "--self-test"});
  EXPECT_TRUE(result.status.exitedWith(1)) << result.status.describe();
  EXPECT_NE(result.err.find("no session of the event is in room \"Sál Z\""), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("\"Gothic Hall, Old Town Hall\", \"Hall B\", \"Main Hall\""), std::string::npos)
      << result.err;
}

// A session imported to run now, in a room of its own: a scan at the room's door checks into it.
TEST_F(KioskEndToEndTest, RoomDoorChecksIntoTheSessionHeldThereNow) {
  const auto [code, givenName] = sampleCode();
  ASSERT_FALSE(code.empty());
  ASSERT_NO_FATAL_FAILURE(importSessionHeldNow());

  const QString shot = dir.filePath(QStringLiteral("room-door.png"));
  const e2e::CommandResult result =
      kiosk({"--room", " sál z", "--scan", code, "--screenshot-on", "done", "--screenshot", shot.toStdString()});
  ASSERT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;
  EXPECT_EQ(sessionLog(), "NOW-1|1|1\n") << "admitted (1) into the session held in the room now";
}

// "I am leaving" at the door checks the next scan out of the session, through the real server.
TEST_F(KioskEndToEndTest, RoomDoorChecksOutWhoSaysTheyAreLeaving) {
  const auto [code, givenName] = sampleCode();
  ASSERT_FALSE(code.empty());
  ASSERT_NO_FATAL_FAILURE(importSessionHeldNow());
  const std::string shot = dir.filePath(QStringLiteral("door-left.png")).toStdString();
  const e2e::CommandResult in =
      kiosk({"--room", "Sál Z", "--scan", code, "--screenshot-on", "done", "--screenshot", shot});
  ASSERT_TRUE(in.status.exitedWith(0)) << in.status.describe() << "\n" << in.err;
  const e2e::CommandResult out =
      kiosk({"--room", "Sál Z", "--leave", "--scan", code, "--screenshot-on", "done", "--screenshot", shot});
  ASSERT_TRUE(out.status.exitedWith(0)) << out.status.describe() << "\n" << out.err;
  const e2e::CommandResult again =
      kiosk({"--room", "Sál Z", "--leave", "--scan", code, "--screenshot-on", "problem", "--screenshot", shot});
  ASSERT_TRUE(again.status.exitedWith(0)) << again.status.describe() << "\n" << again.err;
  // {session, direction (1 in, 2 out), outcome}: admitted, checked out, then not checked in.
  EXPECT_EQ(sessionLog(), "NOW-1|2|11\nNOW-1|2|10\nNOW-1|1|1\n");
}

// Imports NOW-1, a session running from an hour ago to an hour from now in room "Sál Z".
void KioskEndToEndTest::importSessionHeldNow() {
  std::string adminToken;
  std::ifstream tokens(db + ".tokens");
  std::string name, value;
  while (tokens >> name >> value) {
    if (name == "admin") adminToken = value;
  }
  const QDateTime now = QDateTime::currentDateTimeUtc();
  const auto when = [](const QDateTime& time) { return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:00+00:00")); };
  const QString csv = dir.filePath(QStringLiteral("sessions.csv"));
  QFile file(csv);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write(QStringLiteral("external_ref,title,room,start,end,capacity,registration_required\n"
                            "NOW-1,Pop-up workshop,Sál Z,%1,%2,0,no\n")
                 .arg(when(now.addSecs(-3600)), when(now.addSecs(3600)))
                 .toUtf8());
  file.close();
  const e2e::CommandResult imported =
      e2e::runCommand(ProcessOptions{{LANYARD_CLI_BINARY, "--server", server->loopbackAddress(), "--token", adminToken,
                                      "import", "sessions", csv.toStdString()},
                                     {},
                                     {}});
  ASSERT_TRUE(imported.status.exitedWith(0)) << imported.out << imported.err;
}

// The event file's session check-ins, newest first, as "ref|direction|outcome" lines.
std::string KioskEndToEndTest::sessionLog() {
  const e2e::CommandResult log = e2e::runCommand(ProcessOptions{
      {"/usr/bin/sqlite3", db,
       "SELECT s.external_ref, c.direction, c.outcome FROM check_in c JOIN session s ON s.id = c.session_id "
       "ORDER BY c.id DESC"},
      {},
      {}});
  EXPECT_TRUE(log.status.exitedWith(0)) << log.err;
  return log.out;
}

}  // namespace
}  // namespace lanyard::kiosk
