// A real lanyard-kiosk window on a real X server against a real `lanyard-server demo`, fed the way
// a USB keyboard-wedge scanner feeds it: the physical keys of a US keyboard through XTEST, Shift
// held for each capital (tests/kiosk/us_scanner.py), under each keyboard layout a kiosk PC of the
// Prague event may have. Run under xvfb-run (CMakeLists.txt), which sets DISPLAY.

#include <gtest/gtest.h>

#include <QtCore/QDir>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>
#include <fstream>
#include <regex>

#include "server_process.h"

namespace lanyard::kiosk {
namespace {

using namespace std::chrono_literals;
using e2e::ProcessOptions;

struct Scanner {
  const char* layout;  // An XKB layout, as setxkbmap names it,
  int keycode;         // and a key that gives
  const char* keysym;  // this under it and something else under another.
  bool capsLock;       // The kiosk was left with Caps Lock on.
  const char* prefix;  // Keys the scanner is set to send before the code...
  const char* suffix;  // ...and after it.
  int sample;          // Which of the demo's sample codes to scan.
};

std::ostream& operator<<(std::ostream& out, const Scanner& scanner) { return out << scanner.layout; }

e2e::CommandResult run(std::vector<std::string> argv) {
  return e2e::runCommand(ProcessOptions{std::move(argv), {}, {}}, 60s);
}

class ScannerEndToEndTest : public ::testing::TestWithParam<Scanner> {
 protected:
  static void SetUpTestSuite() {
    ASSERT_FALSE(qEnvironmentVariableIsEmpty("DISPLAY")) << "run under xvfb-run (see tests/kiosk/CMakeLists.txt)";
    dir = std::make_unique<QTemporaryDir>();
    db = dir->filePath(QStringLiteral("demo.db")).toStdString();
    server = std::make_unique<e2e::ServerProcess>(
        ProcessOptions{{LANYARD_SERVER_BINARY, "demo", "--db", db, "--listen", "127.0.0.1:0"}, {}, {}});
    std::ifstream tokens(db + ".tokens");
    std::string name, value;
    while (tokens >> name >> value) {
      if (name == "kiosk-entrance-1") kioskToken = value;
    }
    ASSERT_TRUE(server->process().waitForStdout(
        [](const std::string& out) { return out.find("Try next") != std::string::npos; }, 10s));
    const std::regex line(R"(\n  (\S+) [^\n]*\(([^)]*)\): ([A-Z2-7]{120}))");
    const std::string out = server->process().stdoutText();
    for (auto it = std::sregex_iterator(out.begin(), out.end(), line); it != std::sregex_iterator(); ++it) {
      samples.emplace_back((*it)[3].str(), (*it)[1].str());
    }
    ASSERT_GE(samples.size(), 5U) << out;
  }
  static void TearDownTestSuite() {
    server.reset();
    dir.reset();
  }

  // Sets `layout` on every keyboard of the X server (each key event takes the keymap of the device
  // it comes from, and XTEST's keyboard is one of them), and checks that it took: keycode
  // `keycode` typed through XTEST gives `keysym`.
  static void setLayout(const std::string& layout, int keycode, const std::string& keysym) {
    const e2e::CommandResult devices = run({"/usr/bin/xinput", "list", "--short"});
    ASSERT_TRUE(devices.status.exitedWith(0)) << devices.err;
    const std::regex keyboard(R"(id=(\d+)\s+\[slave\s+keyboard)");
    int count = 0;
    for (auto it = std::sregex_iterator(devices.out.begin(), devices.out.end(), keyboard); it != std::sregex_iterator();
         ++it, ++count) {
      const e2e::CommandResult set = run({"/usr/bin/setxkbmap", "-device", (*it)[1].str(), layout});
      ASSERT_TRUE(set.status.exitedWith(0)) << set.err;
    }
    ASSERT_GT(count, 0) << devices.out;
    const e2e::CommandResult given = run({"/usr/bin/python3", US_SCANNER_SCRIPT, "--keysym", std::to_string(keycode)});
    ASSERT_EQ(given.out, keysym + "\n") << "keycode " << keycode << " under " << layout << "\n" << given.err;
  }

  static std::unique_ptr<QTemporaryDir> dir;
  static std::string db;
  static std::unique_ptr<e2e::ServerProcess> server;
  static std::string kioskToken;
  static std::vector<std::pair<std::string, std::string>> samples;  // Code and given name.
};

std::unique_ptr<QTemporaryDir> ScannerEndToEndTest::dir;
std::string ScannerEndToEndTest::db;
std::unique_ptr<e2e::ServerProcess> ScannerEndToEndTest::server;
std::string ScannerEndToEndTest::kioskToken;
std::vector<std::pair<std::string, std::string>> ScannerEndToEndTest::samples;

TEST_P(ScannerEndToEndTest, ScannedCodeChecksInAndPrintsTheBadge) {
  const Scanner scanner = GetParam();
  const auto& [code, givenName] = samples.at(std::size_t(scanner.sample));
  const QString badges = dir->filePath(QStringLiteral("badges-%1").arg(QLatin1String(scanner.layout)));
  e2e::ChildProcess kiosk(ProcessOptions{{LANYARD_KIOSK_BINARY, "--server", server->loopbackAddress(), "--token",
                                          kioskToken, "--language", "en", "--pdf-dir", badges.toStdString()},
                                         {{"QT_QPA_PLATFORM", "xcb"}},
                                         {}});
  ASSERT_TRUE(kiosk.waitForStderr(
      [](const std::string& err) { return err.find("lanyard-kiosk: ready") != std::string::npos; }, 30s))
      << kiosk.stderrText();
  // Xvfb applies a layout only once a client is connected: the kiosk's window is up by now.
  setLayout(scanner.layout, scanner.keycode, scanner.keysym);
  if (HasFatalFailure()) return;

  std::vector<std::string> type = {"/usr/bin/python3", US_SCANNER_SCRIPT, "--window", "Lanyard check-in",
                                   "--prefix",         scanner.prefix,    "--suffix", scanner.suffix};
  if (scanner.capsLock) type.emplace_back("--caps-lock");
  type.push_back(code);
  const e2e::CommandResult typed = run(type);
  ASSERT_TRUE(typed.status.exitedWith(0)) << typed.status.describe() << "\n" << typed.err;

  // The badge is written once the server has admitted them; polling another process's output,
  // bounded by the deadline.
  QStringList pdfs;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (pdfs.isEmpty() && std::chrono::steady_clock::now() < deadline) {
    QThread::msleep(100);
    pdfs = QDir(badges).entryList({QStringLiteral("*.pdf")});
  }
  ASSERT_EQ(pdfs.size(), 1)
      << "no badge within 30 s; kiosk stderr:\n"
      << kiosk.stderrText() << "the server's last check-ins (outcome, code):\n"
      << run({"/usr/bin/sqlite3", db, "SELECT outcome, scanned_code FROM check_in ORDER BY id DESC LIMIT 3"}).out;
  QProcess text;
  text.start(QStringLiteral("pdftotext"), {QDir(badges).filePath(pdfs.first()), QStringLiteral("-")});
  ASSERT_TRUE(text.waitForFinished(30000));
  // Compatibility forms undone: pdftotext reads "Zofia" as "Zoﬁa", with the ligature.
  const QString badgeText = QString::fromUtf8(text.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
  EXPECT_TRUE(badgeText.contains(QString::fromStdString(givenName))) << badgeText.toStdString();

  const e2e::CommandResult again =
      run({LANYARD_CLI_BINARY, "--server", server->loopbackAddress(), "--token", kioskToken, "checkin", code});
  EXPECT_NE(again.out.find("ALREADY_CHECKED_IN"), std::string::npos) << again.out << again.err;
}

INSTANTIATE_TEST_SUITE_P(Layouts, ScannerEndToEndTest,
                         ::testing::Values(Scanner{"us", 29, "y", false, "", "enter", 0},
                                           Scanner{"de", 29, "z", false, "", "enter", 1},
                                           Scanner{"cz", 11, "ecaron", false, "tab", "kp_enter", 2},
                                           Scanner{"fr", 24, "a", false, "space", "space+tab+enter", 3},
                                           Scanner{"ua", 24, "Cyrillic_shorti", true, "", "enter", 4}),
                         [](const ::testing::TestParamInfo<Scanner>& each) { return std::string(each.param.layout); });

}  // namespace
}  // namespace lanyard::kiosk
