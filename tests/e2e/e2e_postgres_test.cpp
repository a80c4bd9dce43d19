// End to end on PostgreSQL: lanyard-server init, serve, admin-token and demo with a
// postgresql:// address on a cluster the test binary starts, driven through the lanyard CLI.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "postgres_e2e_fixture.h"

namespace lanyard::e2e {
namespace {

namespace fs = std::filesystem;

// The lines of `path`, without the header.
std::vector<std::string> dataLines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (!lines.empty()) lines.erase(lines.begin());
  return lines;
}

class PostgresServerTest : public PostgresEndToEndTest {};

TEST_F(PostgresServerTest, InitServeImportCheckInAndExportThroughTheCli) {
  const CommandResult init = server({"init", "--db", database(), "--event", kEventName});
  ASSERT_TRUE(init.status.exitedWith(0)) << init.status.describe() << "\n" << init.err;
  EXPECT_NE(init.out.find("in postgresql://postgres:***@/"), std::string::npos) << init.out;
  EXPECT_EQ(init.out.find(kPostgresPassword), std::string::npos) << init.out;
  std::smatch token;
  ASSERT_TRUE(std::regex_search(init.out, token, std::regex(R"(admin token: (\S+))"))) << init.out;
  m_admin = token[1].str();
  startServer();

  const CommandResult sessions = cli({"import", "sessions", (kDemoDir / "sessions.csv").string()});
  ASSERT_TRUE(sessions.status.exitedWith(0)) << sessions.status.describe() << "\n" << sessions.err;
  const CommandResult delegates = cli({"import", "delegates", (kDemoDir / "delegates.csv").string()});
  ASSERT_TRUE(delegates.status.exitedWith(0)) << delegates.status.describe() << "\n" << delegates.err;
  const std::vector<std::string> seed = dataLines(kDemoDir / "delegates.csv");
  const std::size_t seeded = seed.size();
  const auto cancelled = static_cast<std::size_t>(std::count_if(
      seed.begin(), seed.end(), [](const std::string& line) { return line.find(",cancelled,") != std::string::npos; }));
  EXPECT_EQ(badgeCodes().size(), seeded - cancelled) << "a cancelled delegate has no code";

  const v1::BadgeCodeEntry simona = badgeCodeOf("ICC-0001");
  const CommandResult admitted = cli({"checkin", simona.badge_code()});
  EXPECT_TRUE(admitted.status.exitedWith(0)) << admitted.status.describe() << "\n" << admitted.err;
  EXPECT_EQ(admitted.out.rfind("ADMITTED:", 0), 0U) << admitted.out;
  EXPECT_EQ(cli({"checkin", simona.badge_code()}).out.rfind("ALREADY_CHECKED_IN:", 0), 0U);
  EXPECT_EQ(entranceAdmissions(checkInsOf(simona.delegate_id())), 1);
  const CommandResult found = cli({"search", "bieliune"});
  EXPECT_NE(found.out.find("Simona"), std::string::npos) << found.out << found.err;

  const fs::path checkedIn = file("checked-in.csv");
  const CommandResult exported = cli({"export", "--status", "checked-in", "-o", checkedIn.string()});
  ASSERT_TRUE(exported.status.exitedWith(0)) << exported.status.describe() << "\n" << exported.err;
  const std::vector<std::string> rows = dataLines(checkedIn);
  ASSERT_EQ(rows.size(), 1u) << readFile(checkedIn);
  EXPECT_NE(rows[0].find("ICC-0001,Simona,Bieliūnė"), std::string::npos) << rows[0];
  const fs::path everyone = file("everyone.csv");
  ASSERT_TRUE(cli({"export", "-o", everyone.string()}).status.exitedWith(0));
  EXPECT_EQ(dataLines(everyone).size(), seeded);
  const fs::path scans = file("scans.csv");
  ASSERT_TRUE(cli({"export", "--scan-log", "-o", scans.string()}).status.exitedWith(0));
  EXPECT_EQ(dataLines(scans).size(), 2u) << readFile(scans);
}

TEST_F(PostgresServerTest, ServeNamesAnUnreachableDatabaseOrOneWithoutAnEvent) {
  const std::string unreachable =
      "postgresql://lanyard:" + std::string(kPostgresPassword) + "@/cities?host=" + file("").string() + "&port=1";
  const CommandResult refused = server({"serve", "--db", unreachable, "--listen", "127.0.0.1:0"});
  EXPECT_TRUE(refused.status.exitedWith(1)) << refused.status.describe();
  EXPECT_NE(refused.err.find("postgresql://lanyard:***@/cities?host="), std::string::npos) << refused.err;
  EXPECT_EQ(refused.err.find(kPostgresPassword), std::string::npos) << refused.err;
  EXPECT_EQ(refused.out.find("listening on"), std::string::npos) << refused.out;

  const CommandResult empty = server({"serve", "--db", database(), "--listen", "127.0.0.1:0"});
  EXPECT_TRUE(empty.status.exitedWith(1)) << empty.status.describe();
  EXPECT_NE(empty.err.find("holds no event"), std::string::npos) << empty.err;
  EXPECT_NE(empty.err.find("postgresql://postgres:***@/"), std::string::npos) << empty.err;

  initEvent();
  const CommandResult again = server({"init", "--db", database(), "--event", "Second"});
  EXPECT_TRUE(again.status.exitedWith(1)) << again.status.describe();
  EXPECT_NE(again.err.find("already holds an event"), std::string::npos) << again.err;
}

TEST_F(PostgresServerTest, AnAdminTokenAddedWhileServingWorksAtOnce) {
  startEvent();
  const CommandResult added = server({"admin-token", "--db", database(), "--name", "rescue"});
  ASSERT_TRUE(added.status.exitedWith(0)) << added.status.describe() << "\n" << added.err;
  EXPECT_NE(added.out.find("running servers of the event accept it now"), std::string::npos) << added.out;
  std::smatch token;
  ASSERT_TRUE(std::regex_search(added.out, token, std::regex(R"(admin token: (\S+))"))) << added.out;
  EXPECT_TRUE(getEvent(token[1].str()).ok()) << "the running server, not restarted";
}

TEST_F(PostgresServerTest, TheDemoRunsOnPostgresWithItsTokensInTheWorkingDirectory) {
  const auto demo = [&] {
    return std::make_unique<ServerProcess>(
        ProcessOptions{{LANYARD_SERVER_BINARY, "demo", "--db", database(), "--listen", "127.0.0.1:0"}, {}, file("")});
  };
  std::unique_ptr<ServerProcess> first = demo();
  ASSERT_TRUE(first->process().waitForStdout(
      [](const std::string& out) { return out.find("Try next") != std::string::npos; }, kProcessTimeout));
  const std::string announced = first->process().stdoutText();
  EXPECT_EQ(announced.find(kPostgresPassword), std::string::npos);
  ASSERT_TRUE(fs::exists(file("lanyard-demo.tokens")));
  std::smatch admin;
  ASSERT_TRUE(std::regex_search(announced, admin, std::regex(R"(  admin: (\S+))"))) << announced;
  ASSERT_TRUE(first->terminate().has_value());

  // Once created, the demo serves the same event with the same tokens.
  std::unique_ptr<ServerProcess> second = demo();
  ASSERT_TRUE(second->process().waitForStdout(
      [](const std::string& out) { return out.find("Try next") != std::string::npos; }, kProcessTimeout));
  EXPECT_NE(second->process().stdoutText().find("  admin: " + admin[1].str()), std::string::npos);
  m_admin = admin[1].str();
  const CommandResult delegates = cli({"search", "dvorak"}, {{"LANYARD_SERVER", second->loopbackAddress()}});
  EXPECT_TRUE(delegates.status.exitedWith(0)) << delegates.status.describe() << "\n" << delegates.err;
  EXPECT_NE(delegates.out.find("Dvořák"), std::string::npos) << delegates.out;
  ASSERT_TRUE(second->terminate().has_value());

  // Its tokens lost, the demo is not made again over the event.
  fs::remove(file("lanyard-demo.tokens"));
  const CommandResult refused = runCommand(
      {{LANYARD_SERVER_BINARY, "demo", "--db", database(), "--listen", "127.0.0.1:0"}, {}, file("")}, kProcessTimeout);
  EXPECT_TRUE(refused.status.exitedWith(1)) << refused.status.describe();
  EXPECT_NE(refused.err.find("already holds an event but lanyard-demo.tokens does not exist"), std::string::npos)
      << refused.err;
}

}  // namespace
}  // namespace lanyard::e2e
