// End to end: importing delegates and sessions through the CLI, and the demo's tokens file.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "e2e_fixture.h"

namespace lanyard::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Two sessions and three delegates whose names need folding to be found, in Lanyard's template,
// with a byte order mark as Excel writes it.
constexpr char kSessionsCsv[] =
    "external_ref,title,room,start,end,capacity,registration_required\n"
    "E2E-S1,Signing of the Charter of Integrating Cities,Main Hall,2026-05-12 09:30,2026-05-12 10:30,100,no\n"
    "E2E-S2,Final partner meeting,Room 2.14,2026-05-12 11:00,2026-05-12 12:00,20,yes\n";
constexpr char kDelegatesCsv[] =
    "\xEF\xBB\xBF"
    "external_ref,given_name,family_name,organisation,city,country,category,email,language,sessions\n"
    "E2E-1,Antonín,Dvořák,Magistrát hlavního města Prahy,Prague,CZ,city_official,antonin.dvorak@example.org,cs,"
    "E2E-S1|E2E-S2\n"
    "E2E-2,Тарас,Шевченко,Kyiv City Council,Kyiv,UA,community_representative,taras.shevchenko@example.org,uk,"
    "E2E-S1\n"
    "E2E-3,Jürgen,Müller,Stadt Düsseldorf,Düsseldorf,DE,speaker,juergen.mueller@example.org,de,\n";

// --- Import through the CLI -----------------------------------------------------------------------

class ImportTest : public EndToEndTest {
 protected:
  // Imports kDelegatesOnlyCsv and returns the number of active delegates.
  std::size_t importBaseline() {
    importDelegates(kDelegatesOnlyCsv);
    return badgeCodes().size();
  }

  // Checks that nothing of the rejected file reached the database.
  void expectNothingImported(std::size_t delegatesBefore) {
    EXPECT_EQ(badgeCodes().size(), delegatesBefore);
    EXPECT_EQ(search("zzyzx").results_size(), 0) << "a new delegate from the rejected file was imported";
    EXPECT_EQ(getDelegateByRef("E2E-1").delegate().given_name(), "Antonín")
        << "an update from the rejected file was applied";
  }
};

TEST_F(ImportTest, CliImportsDelegatesAndSessionsWithNonAsciiNames) {
  startEvent();
  writeFile(file("sessions.csv"), kSessionsCsv);
  writeFile(file("delegates.csv"), kDelegatesCsv);

  const CommandResult sessions = cli({"import", "sessions", file("sessions.csv").string()});
  const CommandResult delegates = cli({"import", "delegates", file("delegates.csv").string()});

  ASSERT_TRUE(sessions.status.exitedWith(0)) << sessions.status.describe() << "\n" << sessions.err;
  ASSERT_TRUE(delegates.status.exitedWith(0)) << delegates.status.describe() << "\n" << delegates.err;
  EXPECT_NE(sessions.out.find("2 sessions created"), std::string::npos) << sessions.out;
  EXPECT_NE(delegates.out.find("3 delegates created"), std::string::npos) << delegates.out;
  EXPECT_NE(delegates.out.find("3 session registrations"), std::string::npos) << delegates.out;
  for (const auto& [query, family] : std::vector<std::pair<std::string, std::string>>{
           {"dvorak", "Dvořák"}, {"shevchenko", "Шевченко"}, {"muller", "Müller"}, {"Шевченко", "Шевченко"}}) {
    const v1::SearchDelegatesResponse found = search(query);
    ASSERT_GE(found.results_size(), 1) << query;
    EXPECT_EQ(found.results(0).delegate().family_name(), family) << query;
  }
  const v1::GetDelegateResponse dvorak = getDelegateByRef("E2E-1");
  EXPECT_EQ(dvorak.delegate().given_name(), "Antonín");
  EXPECT_EQ(dvorak.delegate().organisation(), "Magistrát hlavního města Prahy");
  EXPECT_EQ(dvorak.registered_session_ids_size(), 2);
}

TEST_F(ImportTest, CliReimportKeepsDeskCorrectionsAndDropsRegistrationsTheFileNoLongerLists) {
  startEvent();
  writeFile(file("sessions.csv"), kSessionsCsv);
  writeFile(file("delegates.csv"), kDelegatesCsv);
  ASSERT_TRUE(cli({"import", "sessions", file("sessions.csv").string()}).status.exitedWith(0));
  ASSERT_TRUE(cli({"import", "delegates", file("delegates.csv").string()}).status.exitedWith(0));
  const std::string id = std::to_string(getDelegateByRef("E2E-3").delegate().id());
  const CommandResult corrected = cli({"delegate", "correct", id, "--given", "Jürgen Karl"});
  ASSERT_TRUE(corrected.status.exitedWith(0)) << corrected.err;
  EXPECT_NE(corrected.out.find("re-imports keep it"), std::string::npos) << corrected.out;

  // The registration system's next export: Müller still "Jürgen", Dvořák no longer at the partner meeting.
  std::string next = kDelegatesCsv;
  next.replace(next.find("E2E-S1|E2E-S2"), 13, "E2E-S1");
  writeFile(file("delegates-day2.csv"), next);
  const CommandResult reimport = cli({"import", "delegates", file("delegates-day2.csv").string()});

  ASSERT_TRUE(reimport.status.exitedWith(0)) << reimport.status.describe() << "\n" << reimport.err;
  EXPECT_NE(reimport.out.find("session registrations added, 1 dropped (no longer in the file)"), std::string::npos)
      << reimport.out;
  EXPECT_NE(reimport.out.find("kept the help desk's corrections of 1 delegate"), std::string::npos) << reimport.out;
  EXPECT_NE(reimport.out.find("E2E-3: given_name"), std::string::npos) << reimport.out;
  EXPECT_EQ(getDelegateByRef("E2E-3").delegate().given_name(), "Jürgen Karl");
  EXPECT_EQ(getDelegateByRef("E2E-1").registered_session_ids_size(), 1);
}

TEST_F(ImportTest, CliRejectsInvalidUtf8WithLineNumberAndImportsNothing) {
  startEvent();
  const std::size_t before = importBaseline();
  // Line 2 would update E2E-1, line 4 would add a delegate; line 3 is Latin-1, not UTF-8.
  writeFile(file("bad.csv"),
            "external_ref,given_name,family_name,category,email\n"
            "E2E-1,Changed,Dvořák,city_official,antonin.dvorak@example.org\n"
            "E2E-9,J\xFCrgen,M\xFCller,delegate,j@example.org\n"
            "E2E-10,Zzyzx,Quux,delegate,zzyzx@example.org\n");

  const CommandResult result = cli({"import", "delegates", file("bad.csv").string()});

  EXPECT_TRUE(result.status.exitedWith(1)) << result.status.describe();
  EXPECT_NE(result.err.find("line 3"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("UTF-8"), std::string::npos) << result.err;
  expectNothingImported(before);
}

TEST_F(ImportTest, CliRejectsUnknownCategoryWithLineNumberAndImportsNothing) {
  startEvent();
  const std::size_t before = importBaseline();
  writeFile(file("bad.csv"),
            "external_ref,given_name,family_name,category,email\n"
            "E2E-1,Changed,Dvořák,city_official,antonin.dvorak@example.org\n"
            "E2E-10,Zzyzx,Quux,delegate,zzyzx@example.org\n"
            "E2E-11,Ada,Astronaut,astronaut,ada@example.org\n");

  const CommandResult result = cli({"import", "delegates", file("bad.csv").string()});

  EXPECT_TRUE(result.status.exitedWith(1)) << result.status.describe();
  EXPECT_NE(result.err.find("line 4"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("astronaut"), std::string::npos) << result.err;
  expectNothingImported(before);
}

// --- The demo -------------------------------------------------------------------------------------

class DemoTest : public EndToEndTest {};

TEST_F(DemoTest, KeepsItsTokensFileToItsOwnerAndMarksARevokedTokenOnRestart) {
  const std::string db = file("demo.db").string();
  const ProcessOptions demo{{LANYARD_SERVER_BINARY, "demo", "--db", db, "--listen", "127.0.0.1:0"}, {}, {}};
  std::map<std::string, std::string> tokens;
  {
    ServerProcess first(demo);
    EXPECT_EQ(fs::status(db + ".tokens").permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    std::ifstream in(db + ".tokens");
    std::string name, token;
    while (in >> name >> token) tokens[name] = token;
    ASSERT_EQ(tokens.count("organiser"), 1U);
    auto channel = grpc::CreateChannel(first.loopbackAddress(), grpc::InsecureChannelCredentials());
    v1::RevokeTokenRequest revoke;
    revoke.set_name("organiser");
    v1::RevokeTokenResponse revoked;
    require(v1::DeviceService::NewStub(channel)->RevokeToken(callContext(tokens["admin"]).get(), revoke, &revoked),
            "RevokeToken");
    ASSERT_TRUE(first.terminate().has_value());
  }

  ServerProcess again(demo);
  ASSERT_TRUE(again.process().waitForStdout(
      [](const std::string& out) { return out.find("Try next") != std::string::npos; }, 10s));
  const std::string out = again.process().stdoutText();
  EXPECT_NE(out.find("organiser: " + tokens["organiser"] + " (revoked)"), std::string::npos) << out;
  EXPECT_NE(out.find("admin: " + tokens["admin"] + "\n"), std::string::npos) << out;
}

}  // namespace
}  // namespace lanyard::e2e
