// End-to-end tests of hostile and broken input: the real lanyard-server and lanyard CLI on
// 127.0.0.1:0 in a fresh temporary directory per test, fed names that try to drive a terminal or
// a spreadsheet, files too wide for their errors to travel, too large to import or unreadable.

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "e2e_fixture.h"

namespace lanyard::e2e {
namespace {

using namespace std::chrono_literals;

// One event per test, served by the real server; the CLI runs against it with the admin token.
class HostileInputTest : public EndToEndTest {
 protected:
  void SetUp() override { startEvent(); }

  // Writes `bytes` to a file in the test's directory; returns its path.
  std::string writeInput(const std::string& name, const std::string& bytes) {
    writeFile(file(name), bytes);
    return file(name).string();
  }

  // `lanyard delegate add` of a speaker; returns the new delegate's id.
  std::string addDelegate(const std::vector<std::string>& fields) {
    std::vector<std::string> args = {"delegate", "add", "--category", "speaker"};
    args.insert(args.end(), fields.begin(), fields.end());
    const CommandResult added = cli(args);
    std::smatch match;
    static const std::regex kIdLine(R"(#(\d+) )");
    if (!added.status.exitedWith(0) || !std::regex_search(added.out, match, kIdLine)) {
      throw std::runtime_error("delegate add: " + added.status.describe() + "\n" + added.out + added.err);
    }
    return match[1].str();
  }
};

TEST_F(HostileInputTest, TheCliNeverPassesControlCharactersToTheTerminal) {
  const std::string id = addDelegate({"--given", "Eve", "--family", "Tester"});
  // The server no longer stores terminal escapes, but an event file written before it refused them
  // may hold some.
  const CommandResult written = runCommand(
      {{"/usr/bin/sqlite3", dbPath().string(),
        "UPDATE delegate SET notes = char(27) || ']0;owned' || char(7) || char(27) || '[31mred' WHERE id = " + id},
       {},
       {}},
      kProcessTimeout);
  ASSERT_TRUE(written.status.exitedWith(0)) << written.err;

  const CommandResult shown = cli({"delegate", "show", id});

  ASSERT_TRUE(shown.status.exitedWith(0)) << shown.status.describe() << shown.err;
  EXPECT_EQ(shown.out.find('\x1B'), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find('\x07'), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("notes:        \\x1b]0;owned\\x07\\x1b[31mred\n"), std::string::npos) << shown.out;
}

TEST_F(HostileInputTest, AddAndCorrectRefuseBidiControlsAsTheImportDoes) {
  const CommandResult reversed =
      cli({"delegate", "add", "--category", "speaker", "--given", "Eve", "--family", "\u202Elivee"});
  EXPECT_TRUE(reversed.status.exitedWith(1)) << reversed.status.describe();
  EXPECT_NE(reversed.err.find("INVALID_ARGUMENT: family_name"), std::string::npos) << reversed.err;

  const std::string id = addDelegate({"--given", "Eve", "--family", "Tester"});
  const CommandResult corrected = cli({"delegate", "correct", id, "--given", "Eve\u2066"});
  EXPECT_TRUE(corrected.status.exitedWith(1)) << corrected.status.describe();
  EXPECT_NE(corrected.err.find("INVALID_ARGUMENT: given_name"), std::string::npos) << corrected.err;

  const CommandResult imported = cli(
      {"import", "delegates", writeInput("bidi.csv", "external_ref,given_name,family_name\nD-1,Eve,\u202Elivee\n")});
  EXPECT_TRUE(imported.status.exitedWith(1)) << imported.status.describe();
  EXPECT_NE(imported.err.find("line 2, column \"family_name\": invisible control character U+202E"), std::string::npos)
      << imported.err;
}

TEST_F(HostileInputTest, CodesGuardsFormulasLikeTheAttendeeExport) {
  addDelegate({"--given", "=HYPERLINK(\"http://evil.example\",\"Click\")", "--family", "+cmd|' /C calc'!A0"});
  addDelegate({"--given", " \uFF1D1+1", "--family", "@SUM(A1:A9)"});

  const CommandResult codes = cli({"codes"});

  ASSERT_TRUE(codes.status.exitedWith(0)) << codes.status.describe() << codes.err;
  EXPECT_NE(codes.out.find(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",'+cmd|' /C calc'!A0,"),
            std::string::npos)
      << codes.out;
  EXPECT_NE(codes.out.find(",' \uFF1D1+1,'@SUM(A1:A9),"), std::string::npos) << codes.out;
  // Records end in CR LF, as RFC 4180 has them, not in a terminal-safe "\x0d" that would end up in
  // the last column (the badge code) of every row.
  EXPECT_EQ(codes.out.find("\\x0d"), std::string::npos) << codes.out;
  EXPECT_NE(codes.out.find("badge_code\r\n"), std::string::npos) << codes.out;
}

TEST_F(HostileInputTest, AWideFileGetsAShortWholeErrorAndAHugeOneIsRefusedAtTheLimit) {
  std::string header = "given_name";
  for (int i = 1; i <= 300; ++i) {
    header += ",Question " + std::to_string(i) + ": " + std::string(300, 'q');
  }
  const CommandResult wide = cli({"import", "delegates", writeInput("wide.csv", header + "\nJan\n")});
  EXPECT_TRUE(wide.status.exitedWith(1)) << wide.status.describe();
  EXPECT_NE(wide.err.find("INVALID_ARGUMENT: wide.csv: line 1: missing required column: a key"), std::string::npos)
      << wide.err;
  EXPECT_NE(wide.err.find(" and 291 more\n"), std::string::npos) << wide.err;
  EXPECT_LT(wide.err.size(), 1500U) << wide.err;

  std::string huge = "external_ref,given_name";
  for (int i = 3; i <= 1'000'000; ++i) huge += ",c";
  const auto start = std::chrono::steady_clock::now();
  const CommandResult refused = cli({"import", "delegates", writeInput("huge.csv", huge + "\nD-1,Jan\n")});
  EXPECT_TRUE(refused.status.exitedWith(1)) << refused.status.describe();
  EXPECT_NE(refused.err.find("line 1, column 1001: more than 1000 columns, the most a file may have"),
            std::string::npos)
      << refused.err;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

TEST_F(HostileInputTest, AWideFileSummarisesTheColumnsItDoesNotRead) {
  std::string header = "external_ref,given_name";
  for (int i = 1; i <= 300; ++i) header += ",Question " + std::to_string(i) + ": " + std::string(300, 'q');

  const CommandResult imported = cli({"import", "delegates", writeInput("wide.csv", header + "\nD-1,Jan\n")});

  ASSERT_TRUE(imported.status.exitedWith(0)) << imported.status.describe() << imported.err;
  EXPECT_NE(imported.out.find("not read: 300 columns"), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find("\"Question 10: qqq"), std::string::npos) << imported.out;
  EXPECT_EQ(imported.out.find("\"Question 11: "), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find(" and 290 more\n"), std::string::npos) << imported.out;
  EXPECT_LT(imported.out.size(), 1500U);
}

TEST_F(HostileInputTest, AClashWithTheEventNamesTheLineOfTheFile) {
  const CommandResult first = cli({"import", "delegates",
                                   writeInput("first.csv",
                                              "external_ref,given_name,ticket_code\n"
                                              "D-1,Jan,SECRET-1\n")});
  ASSERT_TRUE(first.status.exitedWith(0)) << first.status.describe() << first.err;

  const CommandResult clash = cli({"import", "delegates",
                                   writeInput("second.csv",
                                              "external_ref,given_name,ticket_code\n"
                                              "D-2,Eva,SECRET-2\n\n"
                                              "D-3,Ola,secret-1\n")});

  EXPECT_TRUE(clash.status.exitedWith(1)) << clash.status.describe();
  EXPECT_NE(clash.err.find("ALREADY_EXISTS: second.csv: line 4: delegate \"D-3\""), std::string::npos) << clash.err;
}

TEST_F(HostileInputTest, AFileOfSeveralMiBIsSentInPartsAndImportsWhole) {
  std::string csv = "external_ref,given_name,family_name\n";
  for (int i = 0; i < 60'000; ++i) {
    csv += "R" + std::to_string(i) + ",Zdeněk" + std::to_string(i) + ",Шевченко\n";
  }
  ASSERT_GT(csv.size(), 2U * 1024 * 1024);

  const CommandResult imported = cli({"import", "delegates", writeInput("big.csv", csv)});

  ASSERT_TRUE(imported.status.exitedWith(0)) << imported.status.describe() << imported.err;
  EXPECT_EQ(imported.out,
            "imported big.csv: 60000 delegates created, 0 updated, 0 unchanged, 0 session registrations added\n");
}

TEST_F(HostileInputTest, AFileOver64MiBIsRefusedWithoutSendingTheRest) {
  const auto start = std::chrono::steady_clock::now();
  const CommandResult refused =
      cli({"import", "delegates", writeInput("huge.csv", std::string(65 * 1024 * 1024, 'x'))});

  EXPECT_TRUE(refused.status.exitedWith(1)) << refused.status.describe();
  EXPECT_EQ(refused.err,
            "lanyard: RESOURCE_EXHAUSTED: huge.csv is larger than 64 MiB, the most an import takes; nothing was "
            "stored\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

// /proc/self/mem opens, but reading its first page fails with EIO.
TEST_F(HostileInputTest, AFileThatFailsToReadIsNotImported) {
  const CommandResult refused = cli({"import", "delegates", "/proc/self/mem"});

  EXPECT_TRUE(refused.status.exitedWith(1)) << refused.status.describe();
  EXPECT_EQ(refused.err,
            "lanyard: CANCELLED: cannot read /proc/self/mem: Input/output error; the import was cancelled and "
            "nothing was stored\n");
}

}  // namespace
}  // namespace lanyard::e2e
