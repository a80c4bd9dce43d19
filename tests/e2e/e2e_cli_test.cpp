// End to end: the lanyard CLI against the real server: staff PINs, search, check-in, the help
// desk's commands, stats and its exit codes.
#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "e2e_fixture.h"
#include "lanyard/v1/kiosk_status_service.grpc.pb.h"

namespace lanyard::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// --- The lanyard CLI ------------------------------------------------------------------------------

class CliTest : public EndToEndTest {};

TEST_F(CliTest, StaffPinIsReadFromStandardInputSoItStaysOffTheCommandLine) {
  startEvent();
  const std::string kiosk = createToken("kiosk-entrance-1", v1::ROLE_KIOSK);
  const auto tryPin = [&](const std::string& pin) {
    v1::EnterStaffModeRequest request;
    request.set_staff_pin(pin);
    v1::EnterStaffModeResponse response;
    require(v1::CheckInService::NewStub(channel())->EnterStaffMode(callContext(kiosk).get(), request, &response),
            "EnterStaffMode");
    return response.result();
  };

  const CommandResult none = cli({"staff-pin"});  // Standard input is empty.
  EXPECT_TRUE(none.status.exitedWith(2)) << none.status.describe();
  EXPECT_NE(none.err.find("no staff PIN given on standard input"), std::string::npos) << none.err;
  EXPECT_EQ(tryPin("482913"), v1::STAFF_PIN_CHECK_STAFF_MODE_OFF);

  writeFile(file("pin.txt"), "482913\n");
  const CommandResult set = cli({"staff-pin"}, {}, file("pin.txt"));
  ASSERT_TRUE(set.status.exitedWith(0)) << set.status.describe() << "\n" << set.err;
  EXPECT_NE(set.out.find("staff PIN set"), std::string::npos) << set.out;
  EXPECT_EQ(tryPin("482913"), v1::STAFF_PIN_CHECK_ACCEPTED);
  EXPECT_EQ(tryPin("000000"), v1::STAFF_PIN_CHECK_WRONG);

  writeFile(file("bad-pin.txt"), "48-29\n");
  const CommandResult bad = cli({"staff-pin"}, {}, file("bad-pin.txt"));
  EXPECT_TRUE(bad.status.exitedWith(1)) << bad.status.describe();
  EXPECT_FALSE(bad.err.empty());
  EXPECT_EQ(tryPin("482913"), v1::STAFF_PIN_CHECK_ACCEPTED) << "a refused PIN changes nothing";
}

TEST_F(CliTest, SearchJsonParsesAndFindsDelegateTypedWithoutAccents) {
  startEvent();
  importDelegates(kDelegatesOnlyCsv);

  const CommandResult result = cli({"search", "dvorak", "--json"});

  ASSERT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;
  v1::SearchDelegatesResponse parsed;
  const auto status = google::protobuf::util::JsonStringToMessage(result.out, &parsed);
  ASSERT_TRUE(status.ok()) << status.ToString() << "\n" << result.out;
  ASSERT_EQ(parsed.results_size(), 1) << result.out;
  EXPECT_EQ(parsed.results(0).delegate().family_name(), "Dvořák");
  EXPECT_EQ(parsed.results(0).delegate().external_ref(), "E2E-1");
}

TEST_F(CliTest, SearchSaysWhenMoreMatchThanItShows) {
  startEvent();
  importDelegates(
      "external_ref,given_name,family_name,city,email\n"
      "N1,Jan,Novák,Prague,jan.novak@praha.example\n"
      "N2,Jan,Novák,Brno,jan.novak@brno.example\n"
      "N3,Jana,Nováková,Ostrava,jana.novakova@ostrava.example\n");

  const CommandResult some = cli({"search", "novak", "--limit", "2"});
  const CommandResult all = cli({"search", "novak"});

  ASSERT_TRUE(some.status.exitedWith(0)) << some.status.describe() << "\n" << some.err;
  EXPECT_EQ(std::count(some.out.begin(), some.out.end(), '#'), 2) << some.out;
  EXPECT_NE(some.out.find("\n... and more: type more letters, or raise --limit\n"), std::string::npos) << some.out;
  ASSERT_TRUE(all.status.exitedWith(0)) << all.status.describe() << "\n" << all.err;
  EXPECT_EQ(std::count(all.out.begin(), all.out.end(), '#'), 3) << all.out;
  EXPECT_EQ(all.out.find("and more"), std::string::npos) << all.out;
}

TEST_F(CliTest, CheckInTwiceAdmitsThenReportsAlreadyCheckedIn) {
  startEvent();
  importDelegates(kDelegatesOnlyCsv);
  const v1::BadgeCodeEntry dvorak = badgeCodeOf("E2E-1");

  // The first through flags, which must win over a stale environment; the second through the
  // environment alone.
  const CommandResult admitted = cli({"--server", address(), "--token", m_admin, "checkin", dvorak.badge_code()},
                                     {{"LANYARD_SERVER", "stale.invalid:50051"}, {"LANYARD_TOKEN", "lyd_stale"}});
  const CommandResult again = cli({"checkin", dvorak.badge_code()});

  EXPECT_TRUE(admitted.status.exitedWith(0)) << admitted.status.describe() << "\n" << admitted.err;
  EXPECT_EQ(admitted.out.rfind("ADMITTED:", 0), 0U) << admitted.out;
  EXPECT_NE(admitted.out.find("\n  Antonín D., Prague (city_official)\n"), std::string::npos) << admitted.out;
  EXPECT_TRUE(again.status.exitedWith(0)) << again.status.describe() << "\n" << again.err;
  EXPECT_EQ(again.out.rfind("ALREADY_CHECKED_IN:", 0), 0U) << again.out;
  EXPECT_EQ(entranceAdmissions(checkInsOf(dvorak.delegate_id())), 1);
}

TEST_F(CliTest, AWalkInWithoutCityOrOrganisationIsShownByNameAlone) {
  startEvent();
  const CommandResult added =
      cli({"delegate", "add", "--given", "Olha", "--family", "Walkin", "--category", "delegate"});
  ASSERT_TRUE(added.status.exitedWith(0)) << added.status.describe() << "\n" << added.err;
  std::smatch id;
  ASSERT_TRUE(std::regex_search(added.out, id, std::regex(R"(#(\d+))"))) << added.out;

  const CommandResult admitted = cli({"checkin", "--delegate", id[1].str()});

  EXPECT_TRUE(admitted.status.exitedWith(0)) << admitted.status.describe() << "\n" << admitted.err;
  EXPECT_NE(admitted.out.find("\n  Olha W. (delegate)\n"), std::string::npos) << admitted.out;
}

// The help desk records how a delegate registered in Arabic script spells their name in Latin
// letters; staff at a Latin keyboard then find them by it.
TEST_F(CliTest, ADelegatesOwnLatinSpellingIsAddedCorrectedAndFound) {
  startEvent();
  const CommandResult added = cli({"delegate", "add", "--given", "محمد", "--family", "درويش", "--latin-name",
                                   "Mohamad Darwish", "--category", "delegate"});
  ASSERT_TRUE(added.status.exitedWith(0)) << added.status.describe() << "\n" << added.err;
  EXPECT_NE(added.out.find("\n  in Latin:     Mohamad Darwish\n"), std::string::npos) << added.out;
  std::smatch id;
  ASSERT_TRUE(std::regex_search(added.out, id, std::regex(R"(#(\d+))"))) << added.out;

  const CommandResult corrected = cli({"delegate", "correct", id[1].str(), "--latin-name", "Mohammad Darwish"});
  ASSERT_TRUE(corrected.status.exitedWith(0)) << corrected.status.describe() << "\n" << corrected.err;
  EXPECT_NE(corrected.out.find("\n  in Latin:     Mohammad Darwish\n"), std::string::npos) << corrected.out;
  EXPECT_EQ(getDelegate(std::stoll(id[1].str())).delegate().latin_name(), "Mohammad Darwish");

  const CommandResult found = cli({"search", "darwish"});
  ASSERT_TRUE(found.status.exitedWith(0)) << found.status.describe() << "\n" << found.err;
  EXPECT_NE(found.out.find("  محمد درويش (Mohammad Darwish), delegate\n"), std::string::npos) << found.out;
  EXPECT_EQ(cli({"search", "mohamad"}).out.find("درويش"), std::string::npos) << "the old spelling is gone";
}

TEST_F(CliTest, AddingSomeoneTheEventHasAlreadyNeedsAllowDuplicate) {
  startEvent();
  const std::vector<std::string> add = {"delegate", "add",    "--given",    "Olha",
                                        "--family", "Walkin", "--category", "delegate"};
  ASSERT_TRUE(cli(add).status.exitedWith(0));

  const CommandResult again = cli(add);

  EXPECT_TRUE(again.status.exitedWith(1)) << again.status.describe();
  EXPECT_NE(again.err.find("not added: this may be someone the event already has: #"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("Olha Walkin (walkin-1, same name)"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("--allow-duplicate"), std::string::npos) << again.err;
  std::vector<std::string> anyway = add;
  anyway.emplace_back("--allow-duplicate");
  const CommandResult added = cli(anyway);
  EXPECT_TRUE(added.status.exitedWith(0)) << added.err;
  EXPECT_NE(added.out.find("walkin-2"), std::string::npos) << added.out;
}

TEST_F(CliTest, TheHelpDeskWorksWithATokenOfItsOwnThatCannotImportOrMakeTokens) {
  startEvent();
  const CommandResult made = cli({"token", "create", "--role", "desk", "--name", "help-desk-1"});
  ASSERT_TRUE(made.status.exitedWith(0)) << made.err;
  EXPECT_NE(made.out.find(" help-desk-1 (desk)\n"), std::string::npos) << made.out;
  const std::size_t at = made.out.find("token: ");
  ASSERT_NE(at, std::string::npos) << made.out;
  const std::string desk = made.out.substr(at + 7, made.out.find('\n', at) - at - 7);
  const std::map<std::string, std::string> asDesk = {{"LANYARD_TOKEN", desk}};

  const CommandResult added =
      cli({"delegate", "add", "--given", "Olha", "--family", "Walkin", "--category", "delegate"}, asDesk);
  ASSERT_TRUE(added.status.exitedWith(0)) << added.err;
  const std::size_t hash = added.out.find('#');
  ASSERT_NE(hash, std::string::npos) << added.out;
  const std::string id = added.out.substr(hash + 1, added.out.find(' ', hash) - hash - 1);
  EXPECT_NE(added.out.find("badge code:"), std::string::npos) << "the desk hands the walk-in a code\n" << added.out;
  const CommandResult checkedIn = cli({"checkin", "--delegate", id}, asDesk);
  EXPECT_TRUE(checkedIn.status.exitedWith(0)) << checkedIn.err;
  EXPECT_EQ(checkedIn.out.rfind("ADMITTED:", 0), 0U) << checkedIn.out;
  // Organisers see the desk's check-ins as the desk's, with no printer to report.
  const CommandResult stats = cli({"stats"});
  const std::size_t line = stats.out.find("\n  help-desk-1 (desk)");
  ASSERT_NE(line, std::string::npos) << stats.out;
  const std::string deskLine = stats.out.substr(line + 1, stats.out.find('\n', line + 1) - line - 1);
  EXPECT_NE(deskLine.find("scans 1, admitted 1"), std::string::npos) << deskLine;
  EXPECT_EQ(deskLine.find("printer"), std::string::npos) << deskLine;

  const fs::path csv = file("delegates.csv");
  writeFile(csv, kDelegatesOnlyCsv);
  const CommandResult import = cli({"import", "delegates", csv.string()}, asDesk);
  EXPECT_TRUE(import.status.exitedWith(1)) << import.status.describe();
  EXPECT_NE(import.err.find("a desk token may not make this call"), std::string::npos) << import.err;
  const CommandResult token = cli({"token", "create", "--role", "admin", "--name", "mine"}, asDesk);
  EXPECT_TRUE(token.status.exitedWith(1)) << token.status.describe();
  EXPECT_NE(token.err.find("a desk token may not make this call"), std::string::npos) << token.err;
}

// Organisers setting up kiosks see which have not reached the server yet.
TEST_F(CliTest, AKioskIsListedAsNotConnectedFromTheMomentItsTokenIsMade) {
  startEvent();
  const CommandResult made = cli({"token", "create", "--role", "kiosk", "--name", "kiosk-hall-b"});
  ASSERT_TRUE(made.status.exitedWith(0)) << made.err;
  const CommandResult stats = cli({"stats"});
  ASSERT_TRUE(stats.status.exitedWith(0)) << stats.err;
  const std::size_t line = stats.out.find("\n  kiosk-hall-b ");
  ASSERT_NE(line, std::string::npos) << stats.out;
  const std::string kioskLine = stats.out.substr(line + 1, stats.out.find('\n', line + 1) - line - 1);
  EXPECT_NE(kioskLine.find(" not connected yet, scans 0, admitted 0"), std::string::npos) << kioskLine;
}

// What a kiosk reported before it went silent is stale: stats says its printer is unknown until
// it is heard from again.
TEST_F(CliTest, StatsSaysASilentKiosksPrinterIsUnknownUntilItSpeaksAgain) {
  ServerProcess& server = startEvent();
  const std::string kiosk = createToken("kiosk-hall-b", v1::ROLE_KIOSK);
  ASSERT_TRUE(server.terminate().has_value());
  // Its last heartbeat, paper out, was ten minutes ago.
  execSql(dbPath(),
          "INSERT INTO kiosk_status (device_id, printer_status, detail, server_time_us) "
          "SELECT id, 2, 'media-empty', " +
              std::to_string(nowUs() - 600'000'000LL) + " FROM device WHERE name = 'kiosk-hall-b'");
  startServer();
  const auto kioskLine = [this] {
    const CommandResult stats = cli({"stats"});
    EXPECT_TRUE(stats.status.exitedWith(0)) << stats.err;
    const std::size_t line = stats.out.find("\n  kiosk-hall-b ");
    EXPECT_NE(line, std::string::npos) << stats.out;
    return line == std::string::npos ? std::string()
                                     : stats.out.substr(line + 1, stats.out.find('\n', line + 1) - line - 1);
  };

  const std::string silent = kioskLine();
  EXPECT_NE(silent.find(" silent, last seen "), std::string::npos) << silent;
  EXPECT_NE(silent.find(", printer unknown"), std::string::npos) << silent;
  EXPECT_EQ(silent.find("PAPER_OUT"), std::string::npos) << silent;
  EXPECT_EQ(silent.find("media-empty"), std::string::npos) << silent;

  v1::HeartbeatRequest heartbeat;
  heartbeat.set_printer_status(v1::PRINTER_STATUS_OFFLINE);
  heartbeat.set_detail("queue stopped");
  v1::HeartbeatResponse answer;
  require(v1::KioskStatusService::NewStub(channel())->Heartbeat(callContext(kiosk).get(), heartbeat, &answer),
          "Heartbeat");
  const std::string heard = kioskLine();
  EXPECT_EQ(heard.find("silent"), std::string::npos) << heard;
  EXPECT_NE(heard.find(", printer OFFLINE (queue stopped)"), std::string::npos) << heard;
}

// Those not checked in are expected until the event's last day is over, no-shows after it.
TEST_F(CliTest, StatsCallsThoseNotCheckedInNotYetArrivedDuringTheEvent) {
  startEvent({"--start-date", "2026-05-12", "--end-date", "2099-12-31"});
  importDelegates(kDelegatesOnlyCsv);
  const CommandResult stats = cli({"stats"});
  ASSERT_TRUE(stats.status.exitedWith(0)) << stats.err;
  EXPECT_NE(stats.out.find("\n  not yet arrived    3\n"), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("inside now  not yet arrived\n"), std::string::npos) << stats.out;
  EXPECT_EQ(stats.out.find("no-shows"), std::string::npos) << stats.out;
}

TEST_F(CliTest, StatsCallsThoseNotCheckedInNoShowsAfterTheLastDay) {
  startEvent({"--start-date", "2020-01-01", "--end-date", "2020-01-02"});
  importDelegates(kDelegatesOnlyCsv);
  const CommandResult stats = cli({"stats"});
  ASSERT_TRUE(stats.status.exitedWith(0)) << stats.err;
  EXPECT_NE(stats.out.find("\n  no-shows           3\n"), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("inside now  no-shows\n"), std::string::npos) << stats.out;
  EXPECT_EQ(stats.out.find("not yet arrived"), std::string::npos) << stats.out;
}

TEST_F(CliTest, ExitsWithUsageErrorWithoutServer) {
  // No server started: the CLI gets neither --server nor LANYARD_SERVER.
  const CommandResult result = cli({"--token", "lyd_whatever", "event"});

  EXPECT_TRUE(result.status.exitedWith(2)) << result.status.describe();
  EXPECT_NE(result.err.find("no server"), std::string::npos) << result.err;
}

TEST_F(CliTest, MisspeltOptionIsAUsageErrorNotAnExportOfEveryone) {
  startEvent();
  importDelegates(kDelegatesOnlyCsv);
  const fs::path out = file("absent.csv");

  const CommandResult typo = cli({"export", "--stauts", "absent", "-o", out.string()});
  const CommandResult wrongCommand = cli({"stats", "--limit", "3"});
  const CommandResult noPort = cli({"--server", "127.0.0.1", "stats"});
  const CommandResult noCategory = cli({"delegate", "add", "--given", "Olha", "--family", "Walkin"});

  EXPECT_TRUE(typo.status.exitedWith(2)) << typo.status.describe();
  EXPECT_NE(typo.err.find("unknown option --stauts"), std::string::npos) << typo.err;
  EXPECT_FALSE(fs::exists(out)) << "nothing is exported on a usage error";
  EXPECT_TRUE(wrongCommand.status.exitedWith(2)) << wrongCommand.status.describe();
  EXPECT_NE(wrongCommand.err.find("lanyard stats has no option --limit"), std::string::npos) << wrongCommand.err;
  EXPECT_TRUE(noPort.status.exitedWith(2)) << noPort.status.describe();
  EXPECT_NE(noPort.err.find("has no port"), std::string::npos) << noPort.err;
  EXPECT_TRUE(noCategory.status.exitedWith(2)) << noCategory.status.describe();
  EXPECT_NE(noCategory.err.find("needs --category"), std::string::npos) << noCategory.err;
}

TEST_F(CliTest, ExitsWithOneWhenServerRefuses) {
  startEvent();
  const std::string kiosk = createToken("kiosk-entrance-1", v1::ROLE_KIOSK);

  const CommandResult result = cli({"codes"}, {{"LANYARD_TOKEN", kiosk}});

  EXPECT_TRUE(result.status.exitedWith(1)) << result.status.describe();
  EXPECT_NE(result.err.find("PERMISSION_DENIED"), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find("E2E-"), std::string::npos);
}

}  // namespace
}  // namespace lanyard::e2e
