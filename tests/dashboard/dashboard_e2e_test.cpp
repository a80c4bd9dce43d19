// The real lanyard-dashboard against a real `lanyard-server demo` on 127.0.0.1:0, under the
// offscreen platform: the self-test with a good and a wrong token, and a screenshot.

#include <gtest/gtest.h>

#include <QtCore/QTemporaryDir>
#include <QtGui/QImage>
#include <fstream>
#include <regex>
#include <set>

#include "server_process.h"

namespace lanyard::dashboard {
namespace {

using namespace std::chrono_literals;
using e2e::ProcessOptions;

class DashboardEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    db = dir.filePath(QStringLiteral("demo.db")).toStdString();
    server = std::make_unique<e2e::ServerProcess>(
        ProcessOptions{{LANYARD_SERVER_BINARY, "demo", "--db", db, "--listen", "127.0.0.1:0"}, {}, {}});
    std::ifstream tokens(db + ".tokens");
    std::string name, value;
    while (tokens >> name >> value) {
      if (name == "organiser") organiserToken = value;
      if (name == "kiosk-entrance-1") kioskToken = value;
    }
    ASSERT_FALSE(organiserToken.empty()) << "no organiser token in " << db << ".tokens";
    ASSERT_FALSE(kioskToken.empty());
  }

  // Checks in the demo's sample delegates with the CLI, as a kiosk; returns how many it admitted.
  int checkInSamples() {
    server->process().waitForStdout([](const std::string& out) { return out.find("Try next") != std::string::npos; },
                                    10s);
    const std::string out = server->process().stdoutText();
    const std::regex line(R"(: ([A-Z2-7]{120})\n)");
    std::set<std::string> codes;
    for (auto it = std::sregex_iterator(out.begin(), out.end(), line); it != std::sregex_iterator(); ++it) {
      codes.insert((*it)[1].str());
    }
    int admitted = 0;
    for (const std::string& code : codes) {
      const e2e::CommandResult result = e2e::runCommand(ProcessOptions{
          {LANYARD_CLI_BINARY, "--server", server->loopbackAddress(), "--token", kioskToken, "checkin", code}, {}, {}});
      if (result.out.find("ADMITTED") != std::string::npos) ++admitted;
    }
    return admitted;
  }

  e2e::CommandResult dashboard(std::vector<std::string> arguments, const std::string& token) {
    std::vector<std::string> argv = {LANYARD_DASHBOARD_BINARY, "--server", server->loopbackAddress(), "--token", token};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return e2e::runCommand(ProcessOptions{argv, {{"QT_QPA_PLATFORM", "offscreen"}}, {}}, 60s);
  }

  QTemporaryDir dir;
  std::string db;
  std::unique_ptr<e2e::ServerProcess> server;
  std::string organiserToken;
  std::string kioskToken;
};

TEST_F(DashboardEndToEndTest, SelfTestLoadsTheUiAndFollowsTheFeed) {
  const int admitted = checkInSamples();
  ASSERT_GT(admitted, 0);
  const e2e::CommandResult result = dashboard({"--self-test"}, organiserToken);
  EXPECT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;
  EXPECT_NE(result.out.find("self-test ok"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Integrating Cities"), std::string::npos) << result.out;
  // The feed caught up with the check-ins made before it started.
  const std::regex at(R"(feed at #(\d+))");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(result.out, match, at)) << result.out;
  EXPECT_GE(std::stoi(match[1].str()), admitted);
}

TEST_F(DashboardEndToEndTest, SelfTestFailsWithAKioskToken) {
  // Attendance is for organisers: a kiosk's token is refused.
  const e2e::CommandResult result = dashboard({"--self-test"}, kioskToken);
  EXPECT_TRUE(result.status.exitedWith(1)) << result.status.describe();
  EXPECT_NE(result.err.find("not authorised"), std::string::npos) << result.err;
}

TEST_F(DashboardEndToEndTest, SelfTestFailsWhenNoServerListens) {
  const std::string address = server->loopbackAddress();
  ASSERT_TRUE(server->terminate().has_value());
  const e2e::CommandResult result = e2e::runCommand(
      ProcessOptions{{LANYARD_DASHBOARD_BINARY, "--server", address, "--token", organiserToken, "--self-test"},
                     {{"QT_QPA_PLATFORM", "offscreen"}},
                     {}},
      60s);
  EXPECT_TRUE(result.status.exitedWith(1)) << result.status.describe();
  EXPECT_NE(result.err.find("unreachable"), std::string::npos) << result.err;
}

TEST_F(DashboardEndToEndTest, ScreenshotShowsTheLiveDashboard) {
  ASSERT_GT(checkInSamples(), 0);
  const QString shot = dir.filePath(QStringLiteral("dashboard.png"));
  const e2e::CommandResult result =
      dashboard({"--size", "1280x800", "--screenshot", shot.toStdString()}, organiserToken);
  ASSERT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;
  const QImage image(shot);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), QSize(1280, 800));
  // Not a blank window: the dark background, light text and coloured bars give many colours.
  std::set<QRgb> colours;
  for (int y = 0; y < image.height(); y += 4) {
    for (int x = 0; x < image.width(); x += 4) colours.insert(image.pixel(x, y));
  }
  EXPECT_GT(colours.size(), 20u);
}

}  // namespace
}  // namespace lanyard::dashboard
