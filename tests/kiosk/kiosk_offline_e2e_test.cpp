// Two real lanyard-kiosk windows, each on an X server of its own (Xvfb, started here), against a
// real `lanyard-server demo` that is killed (SIGKILL) once both replicas hold every sealed badge.
// Offline, both admit the same scanned code and print its badge, and one admits another delegate
// found by name with the e-mail proof after being killed and restarted with a decision queued. When
// the server is back on the same file and port, every queued scan arrives once with its scan time,
// and the double admission is one conflict, in `lanyard conflicts` and on the dashboard. Scans and
// the proof come as key presses through XTEST (tests/kiosk/us_scanner.py).

#include <gtest/gtest.h>

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>
#include <csignal>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "server_process.h"

namespace lanyard::kiosk {
namespace {

using namespace std::chrono_literals;
using e2e::ChildProcess;
using e2e::ProcessOptions;

// Copying the replica and sealing ~340 badges in the background, on a shared build machine.
constexpr auto kSyncDeadline = 90s;
constexpr auto kDeadline = 30s;

e2e::CommandResult run(std::vector<std::string> argv, std::map<std::string, std::string> env = {}) {
  return e2e::runCommand(ProcessOptions{std::move(argv), std::move(env), {}}, 60s);
}

std::int64_t nowUs() { return QDateTime::currentMSecsSinceEpoch() * 1000; }

// Whether `text` has `line` after byte `from`.
bool hasAfter(const std::string& text, const std::string& line, std::size_t from) {
  return text.size() > from && text.find(line, from) != std::string::npos;
}

// The PDFs in `folder` once there are `count` of them, waiting at most kDeadline (polling another
// process's output, bounded by the deadline).
QStringList waitForPdfs(const QString& folder, int count) {
  QStringList pdfs;
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (std::chrono::steady_clock::now() < deadline) {
    pdfs = QDir(folder).entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Time | QDir::Reversed);
    if (pdfs.size() >= count) break;
    QThread::msleep(100);
  }
  for (QString& pdf : pdfs) pdf = QDir(folder).filePath(pdf);
  return pdfs;
}

// The text of a badge, compatibility forms undone (pdftotext reads "fi" as the ligature).
QString badgeText(const QString& pdf) {
  QProcess text;
  text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
  if (!text.waitForFinished(30000)) return {};
  return QString::fromUtf8(text.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
}

// An Xvfb of its own, on the display it chose.
class XServer {
 public:
  XServer()
      : m_process(ProcessOptions{
            {"/usr/bin/Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"}, {}, {}}) {
    m_process.waitForStdout([](const std::string& out) { return out.find('\n') != std::string::npos; }, kDeadline);
    const std::string out = m_process.stdoutText();
    if (!out.empty() && out.back() == '\n') m_display = ":" + out.substr(0, out.size() - 1);
  }
  // ":N", or empty when Xvfb did not start.
  const std::string& display() const { return m_display; }
  std::string errors() const { return m_process.stderrText(); }

 private:
  ChildProcess m_process;
  std::string m_display;
};

// One kiosk at the entrance: its display, token, replica folder and badge folder.
struct Kiosk {
  std::string name;  // Its token's name, which the server gives its device.
  std::string token;
  std::unique_ptr<XServer> x;
  QString dataDir;
  QString pdfDir;
  std::unique_ptr<ChildProcess> process;
};

class KioskOfflineEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    db = dir.filePath(QStringLiteral("demo.db")).toStdString();
    server = std::make_unique<e2e::ServerProcess>(
        ProcessOptions{{LANYARD_SERVER_BINARY, "demo", "--db", db, "--listen", "127.0.0.1:0"}, {}, {}});
    address = server->loopbackAddress();
    std::ifstream tokens(db + ".tokens");
    std::map<std::string, std::string> byName;
    std::string name, value;
    while (tokens >> name >> value) byName[name] = value;
    adminToken = byName["admin"];
    organiserToken = byName["organiser"];
    for (const char* kioskName : {"kiosk-entrance-1", "kiosk-entrance-2"}) {
      Kiosk& kiosk = kiosks.emplace_back();
      kiosk.name = kioskName;
      kiosk.token = byName[kioskName];
      ASSERT_FALSE(kiosk.token.empty()) << "no " << kioskName << " token in " << db << ".tokens";
      kiosk.x = std::make_unique<XServer>();
      ASSERT_FALSE(kiosk.x->display().empty()) << "Xvfb did not start:\n" << kiosk.x->errors();
      kiosk.dataDir = dir.filePath(QString::fromStdString(kiosk.name + "-data"));
      kiosk.pdfDir = dir.filePath(QString::fromStdString(kiosk.name + "-badges"));
    }
    ASSERT_TRUE(server->process().waitForStdout(
        [](const std::string& out) { return out.find("Try next") != std::string::npos; }, 10s));
    const std::regex line(R"(\n  (\S+) ([^\n(]*) \(([^)]*)\): ([A-Z2-7]{120}))");
    const std::string out = server->process().stdoutText();
    for (auto it = std::sregex_iterator(out.begin(), out.end(), line); it != std::sregex_iterator(); ++it) {
      samples.push_back({(*it)[4].str(), (*it)[1].str(), (*it)[2].str()});
    }
    ASSERT_GE(samples.size(), 3U) << out;
  }

  // Starts `kiosk` on its display with `extra` arguments and waits until it shows its first page.
  void start(Kiosk& kiosk, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv = {LANYARD_KIOSK_BINARY,
                                     "--server",
                                     address,
                                     "--token",
                                     kiosk.token,
                                     "--language",
                                     "en",
                                     "--data-dir",
                                     kiosk.dataDir.toStdString(),
                                     "--pdf-dir",
                                     kiosk.pdfDir.toStdString()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    kiosk.process = std::make_unique<ChildProcess>(
        ProcessOptions{argv, {{"QT_QPA_PLATFORM", "xcb"}, {"DISPLAY", kiosk.x->display()}}, {}});
    ASSERT_TRUE(kiosk.process->waitForStderr(
        [](const std::string& err) { return err.find("lanyard-kiosk: ready") != std::string::npos; }, kDeadline))
        << kiosk.name << ":\n"
        << kiosk.process->stderrText();
    // XTEST's keyboard becomes the core one at its first key, and the kiosk reads the keymap
    // afresh then: that happens now, not in the middle of the first scan.
    const e2e::CommandResult primed =
        run({"/usr/bin/python3", US_SCANNER_SCRIPT, "--keysym", "38"}, {{"DISPLAY", kiosk.x->display()}});
    ASSERT_EQ(primed.out, "a\n") << primed.err;
  }

  // Waits until `kiosk` says its replica is up to date with every delegate's badge sealed.
  void waitForEverySeal(Kiosk& kiosk) {
    const std::regex upToDate(R"(the replica is up to date: (\d+) delegates, (\d+) of them with a sealed badge)");
    const bool sealed = kiosk.process->waitForStderr(
        [&upToDate](const std::string& err) {
          for (auto it = std::sregex_iterator(err.begin(), err.end(), upToDate); it != std::sregex_iterator(); ++it) {
            if ((*it)[1].str() != "0" && (*it)[1].str() == (*it)[2].str()) return true;
          }
          return false;
        },
        kSyncDeadline);
    ASSERT_TRUE(sealed) << kiosk.name << " never held every sealed badge:\n" << kiosk.process->stderrText();
  }

  // Waits until `kiosk` logs `line` after byte `from` of its stderr.
  void waitForLine(Kiosk& kiosk, const std::string& line, std::size_t from = 0) {
    ASSERT_TRUE(
        kiosk.process->waitForStderr([&](const std::string& err) { return hasAfter(err, line, from); }, kDeadline))
        << kiosk.name << " never said \"" << line << "\":\n"
        << kiosk.process->stderrText();
  }

  // Types `keys` into `kiosk`'s window as a US-keyboard scanner does, Enter after them; with
  // `asAPerson`, a key at a time, slower than a scanner.
  void type(Kiosk& kiosk, const std::string& keys, bool asAPerson = false) {
    std::vector<std::string> argv = {"/usr/bin/python3", US_SCANNER_SCRIPT, "--window", "Lanyard check-in"};
    if (asAPerson) argv.insert(argv.end(), {"--key-gap", "0.2"});
    argv.push_back(keys);
    const e2e::CommandResult typed = run(argv, {{"DISPLAY", kiosk.x->display()}});
    ASSERT_TRUE(typed.status.exitedWith(0)) << typed.status.describe() << "\n" << typed.err;
  }

  std::string sqlite(const std::string& query) { return run({"/usr/bin/sqlite3", db, query}).out; }

  struct Sample {
    std::string code;
    std::string givenName;
    std::string familyName;
  };

  QTemporaryDir dir;
  std::string db;
  std::unique_ptr<e2e::ServerProcess> server;
  std::string address;
  std::string adminToken;
  std::string organiserToken;
  std::vector<Sample> samples;
  std::vector<Kiosk> kiosks;
};

TEST_F(KioskOfflineEndToEndTest, BothKiosksDecideOfflineAndEveryScanArrivesOnceWithOneConflict) {
  Kiosk& a = kiosks[0];
  Kiosk& b = kiosks[1];
  start(a);
  start(b);
  if (HasFatalFailure()) return;
  waitForEverySeal(a);
  waitForEverySeal(b);
  if (HasFatalFailure()) return;

  const std::int64_t killedUs = nowUs();
  ASSERT_TRUE(server->kill().has_value());
  waitForLine(a, "deciding on the replica");
  waitForLine(b, "deciding on the replica");
  if (HasFatalFailure()) return;

  // The same code at both kiosks: neither can know of the other's admission.
  const Sample& twice = samples[0];
  for (Kiosk* kiosk : {&a, &b}) {
    type(*kiosk, twice.code);
    if (HasFatalFailure()) return;
    const QStringList pdfs = waitForPdfs(kiosk->pdfDir, 1);
    ASSERT_EQ(pdfs.size(), 1) << kiosk->name << " printed no badge offline:\n" << kiosk->process->stderrText();
    const QString text = badgeText(pdfs.first());
    EXPECT_TRUE(text.contains(QString::fromStdString(twice.givenName)) &&
                text.contains(QString::fromStdString(twice.familyName)))
        << kiosk->name << ": " << text.toStdString();
  }

  // Kiosk B killed with its admission queued, and started again on the same replica while the
  // server is still down: it finds a delegate by given name and family initial (offline, a kiosk
  // knows no family name), who types the e-mail proof.
  b.process->sendSignal(SIGKILL);
  ASSERT_TRUE(b.process->waitForExit(kDeadline).has_value());
  const QStringList replicas = QDir(b.dataDir).entryList({QStringLiteral("replica-*.sqlite")});
  ASSERT_EQ(replicas.size(), 1) << b.dataDir.toStdString();
  const std::string queued = run({"/usr/bin/sqlite3", QDir(b.dataDir).filePath(replicas.first()).toStdString(),
                                  "SELECT kind FROM upload_queue WHERE uploaded_us IS NULL ORDER BY seq"})
                                 .out;
  EXPECT_EQ(queued, "1\n2\n") << "kiosk B's queue after SIGKILL: the admission and the badge print";
  const Sample& byName = samples[2];
  const std::string fullName = byName.givenName + " " + byName.familyName;
  const std::string email =
      sqlite("SELECT email FROM delegate WHERE given_name || ' ' || family_name = '" + fullName + "'");
  ASSERT_GE(email.size(), 5U) << "no e-mail for " << fullName;
  const QString initial = QString::fromStdString(byName.familyName).left(1);
  start(b, {"--find", byName.givenName + " " + initial.toStdString(), "--confirm"});
  if (HasFatalFailure()) return;
  waitForLine(b, "deciding on the replica");
  waitForLine(b, "--confirm: the e-mail proof is asked");
  if (HasFatalFailure()) return;
  type(b, email.substr(0, 4), true);
  if (HasFatalFailure()) return;
  const QStringList pdfs = waitForPdfs(b.pdfDir, 2);
  ASSERT_EQ(pdfs.size(), 2) << "no badge for " << fullName << " offline:\n" << b.process->stderrText();
  EXPECT_TRUE(badgeText(pdfs.last()).contains(QString::fromStdString(byName.familyName)))
      << badgeText(pdfs.last()).toStdString();

  // The server back on the same file and port: both queues are uploaded.
  const std::int64_t restartedUs = nowUs();
  const std::size_t aSaid = a.process->stderrText().size();
  const std::size_t bSaid = b.process->stderrText().size();
  server = std::make_unique<e2e::ServerProcess>(
      ProcessOptions{{LANYARD_SERVER_BINARY, "demo", "--db", db, "--listen", address}, {}, {}});
  waitForLine(a, "every queued decision is uploaded", aSaid);
  waitForLine(b, "every queued decision is uploaded", bSaid);
  if (HasFatalFailure()) return;
  // Each kiosk's admissions and badge prints, B's from before its restart included.
  EXPECT_TRUE(hasAfter(a.process->stderrText(), "uploading 2 queued decisions", aSaid)) << a.process->stderrText();
  EXPECT_TRUE(hasAfter(b.process->stderrText(), "uploading 4 queued decisions", bSaid)) << b.process->stderrText();

  // Every scan logged once, offline, with its scan time, by the kiosk that decided it.
  std::istringstream rows(
      sqlite("SELECT device.name, delegate.family_name, check_in.outcome, check_in.offline, check_in.scan_time_us "
             "FROM check_in JOIN device ON device.id = check_in.device_id LEFT JOIN delegate ON delegate.id "
             "= check_in.delegate_id ORDER BY check_in.id"));
  std::multiset<std::string> logged;
  for (std::string row; std::getline(rows, row);) {
    std::vector<std::string> fields;
    std::istringstream split(row);
    for (std::string field; std::getline(split, field, '|');) fields.push_back(field);
    ASSERT_EQ(fields.size(), 5U) << row;
    EXPECT_EQ(fields[2], "1") << "not ADMITTED: " << row;
    EXPECT_EQ(fields[3], "1") << "not marked offline: " << row;
    const std::int64_t scanUs = std::stoll(fields[4]);
    EXPECT_TRUE(scanUs > killedUs && scanUs < restartedUs) << "scan time " << scanUs << " not between the kill ("
                                                           << killedUs << ") and the restart (" << restartedUs << ")";
    logged.insert(fields[0] + " " + fields[1]);
  }
  const std::multiset<std::string> expected = {a.name + " " + twice.familyName, b.name + " " + twice.familyName,
                                               b.name + " " + byName.familyName};
  EXPECT_EQ(logged, expected);
  // And every badge printed offline, once.
  std::istringstream printed(
      sqlite("SELECT device.name || ' ' || delegate.family_name FROM badge_print JOIN device ON device.id = "
             "badge_print.device_id JOIN delegate ON delegate.id = badge_print.delegate_id WHERE badge_print.success"));
  std::multiset<std::string> prints;
  for (std::string row; std::getline(printed, row);) prints.insert(row);
  EXPECT_EQ(prints, expected);

  // One conflict: the code admitted at both kiosks.
  const e2e::CommandResult listed =
      run({LANYARD_CLI_BINARY, "--server", address, "--token", adminToken, "conflicts", "--json"});
  ASSERT_TRUE(listed.status.exitedWith(0)) << listed.status.describe() << "\n" << listed.err;
  const QJsonArray conflicts = QJsonDocument::fromJson(QByteArray::fromStdString(listed.out))
                                   .object()
                                   .value(QStringLiteral("conflicts"))
                                   .toArray();
  ASSERT_EQ(conflicts.size(), 1) << listed.out;
  const QJsonObject conflict = conflicts.first().toObject();
  EXPECT_EQ(conflict.value(QStringLiteral("kind")).toString(), QStringLiteral("CONFLICT_KIND_ADMITTED_TWICE"))
      << listed.out;
  const std::set<std::string> devices = {
      conflict.value(QStringLiteral("device_name")).toString().toStdString(),
      conflict.value(QStringLiteral("earlier_device_name")).toString().toStdString()};
  EXPECT_EQ(devices, (std::set<std::string>{a.name, b.name})) << listed.out;
  EXPECT_EQ(conflict.value(QStringLiteral("delegate")).toObject().value(QStringLiteral("family_name")).toString(),
            QString::fromStdString(twice.familyName))
      << listed.out;

  // And on the dashboard: its conflicts panel lists it (the screenshot shows it).
  const auto dashboard = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> argv = {LANYARD_DASHBOARD_BINARY, "--server", address, "--token", organiserToken};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return e2e::runCommand(ProcessOptions{argv, {{"QT_QPA_PLATFORM", "offscreen"}}, {}}, 60s);
  };
  const e2e::CommandResult selfTest = dashboard({"--self-test"});
  ASSERT_TRUE(selfTest.status.exitedWith(0)) << selfTest.status.describe() << "\n" << selfTest.err;
  EXPECT_NE(selfTest.out.find("conflicts: 1 (1 unseen)"), std::string::npos) << selfTest.out;
  const QString shot = dir.filePath(QStringLiteral("dashboard.png"));
  const e2e::CommandResult screenshot = dashboard({"--size", "1600x900", "--screenshot", shot.toStdString()});
  ASSERT_TRUE(screenshot.status.exitedWith(0)) << screenshot.status.describe() << "\n" << screenshot.err;
  EXPECT_TRUE(QFile::exists(shot));
}

}  // namespace
}  // namespace lanyard::kiosk
