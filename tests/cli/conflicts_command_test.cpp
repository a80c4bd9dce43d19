// `lanyard conflicts`, `lanyard conflicts seen ID` and the conflict counts of `lanyard stats`,
// against a real server on loopback.

#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <sstream>

#include "cli/commands.h"
#include "support/server_fixture.h"

namespace lanyard::cli {
namespace {

namespace domain = lanyard::server::domain;

using ::testing::HasSubstr;
using ::testing::Not;

constexpr domain::TimeUs kMinute = 60LL * 1'000'000;
// 2026-05-12 09:00 in Prague (07:00 UTC).
constexpr domain::TimeUs kConferenceMorning = 1'778'569'200LL * 1'000'000;

// Two conflicts: #1 Antonín Dvořák admitted offline at kiosk-1 (09:00) and again at kiosk-2
// (09:05), #2 Anna Müller admitted offline at kiosk-1 (09:10) after her registration was cancelled.
class ConflictsCommandTest : public lanyard::testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    domain::DelegateImport data;
    for (const auto& [ref, given, family] : {std::tuple{"D1", "Antonín", "Dvořák"}, {"D2", "Anna", "Müller"}}) {
      domain::Delegate& d = data.delegates.emplace_back();
      d.externalRef = ref;
      d.givenName = given;
      d.familyName = family;
      d.category = "delegate";
    }
    ASSERT_TRUE(m_store->importDelegates(std::move(data)).ok());
    absl::StatusOr<domain::CreatedDevice> kiosk2 = m_store->createDevice("kiosk-2", domain::Role::Kiosk);
    ASSERT_TRUE(kiosk2.ok());
    const std::int64_t d1 = m_store->delegateByExternalRef("D1")->id;
    const std::int64_t d2 = m_store->delegateByExternalRef("D2")->id;
    ASSERT_TRUE(m_store->cancelDelegate(d2).ok());
    upload(m_kiosk.id, "a", d1, kConferenceMorning);
    upload(kiosk2->device.id, "b", d1, kConferenceMorning + 5 * kMinute);
    upload(m_kiosk.id, "c", d2, kConferenceMorning + 10 * kMinute);
  }

  void upload(std::int64_t device, const std::string& requestId, std::int64_t delegateId, domain::TimeUs scanned) {
    domain::CheckInCommand command;
    command.deviceId = device;
    command.requestId = requestId;
    command.scanTimeUs = scanned;
    command.subject = domain::subject::Badge{delegateId, 1};
    command.offlineOutcome = domain::CheckInOutcome::Admitted;
    ASSERT_TRUE(m_store->checkIn(command).ok());
  }

  // Runs `lanyard WORDS...` as the admin with `options`; returns its exit code.
  int run(const std::vector<std::string>& words, bool json = false,
          const std::map<std::string, std::string>& options = {}) {
    m_out.str("");
    m_err.str("");
    Invocation invocation;
    invocation.channel = m_channel;
    invocation.token = m_adminToken;
    invocation.json = json;
    invocation.options = options;
    invocation.out = &m_out;
    invocation.err = &m_err;
    return runCommand(words, invocation);
  }

  std::ostringstream m_out;
  std::ostringstream m_err;
};

TEST_F(ConflictsCommandTest, ListsConflictsNewestFirstWithWhoWhereWhenAndWhy) {
  ASSERT_EQ(run({"conflicts"}), 0) << m_err.str();
  const std::string shown = m_out.str();
  EXPECT_EQ(shown.rfind("Conflicts from offline uploads: 2 (2 unseen)\n", 0), 0U) << shown;
  EXPECT_THAT(shown, HasSubstr("#2  UNSEEN  2026-05-12 09:10:00  Anna Müller (delegate 2) at the entrance by kiosk-1\n"
                               "      Admitted offline after the registration was cancelled.\n"
                               "      uploaded "));
  EXPECT_THAT(shown, HasSubstr("#1  UNSEEN  2026-05-12 09:05:00  Antonín Dvořák (delegate 1) at the entrance by "
                               "kiosk-2\n"
                               "      Admitted twice: already admitted by another scan.\n"
                               "      also admitted 2026-05-12 09:00:00 by kiosk-1 (offline)\n"));
  EXPECT_LT(shown.find("#2 "), shown.find("#1 "));
}

TEST_F(ConflictsCommandTest, JsonHoldsTheConflictsAndTheCounts) {
  ASSERT_EQ(run({"conflicts"}, /*json=*/true), 0) << m_err.str();
  google::protobuf::Struct shown;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(m_out.str(), &shown).ok()) << m_out.str();
  const auto& fields = shown.fields();
  EXPECT_EQ(fields.at("total").number_value(), 2);
  EXPECT_EQ(fields.at("unseen").number_value(), 2);
  const auto& conflicts = fields.at("conflicts").list_value();
  ASSERT_EQ(conflicts.values_size(), 2);
  const auto& newest = conflicts.values(0).struct_value().fields();
  EXPECT_EQ(newest.at("kind").string_value(), "CONFLICT_KIND_CODE_WITHDRAWN");
  EXPECT_EQ(newest.at("server_outcome").string_value(), "CHECK_IN_OUTCOME_CANCELLED");
  EXPECT_EQ(newest.at("device_name").string_value(), "kiosk-1");
}

TEST_F(ConflictsCommandTest, SeenMarksOneAndUnseenLeavesItOut) {
  ASSERT_EQ(run({"conflicts", "seen", "1"}), 0) << m_err.str();
  EXPECT_THAT(m_out.str(), HasSubstr("conflict #1 seen by admin at 20"));

  ASSERT_EQ(run({"conflicts"}, false, {{"unseen", "true"}}), 0) << m_err.str();
  EXPECT_EQ(m_out.str().rfind("Conflicts from offline uploads: 2 (1 unseen)\n", 0), 0U) << m_out.str();
  EXPECT_THAT(m_out.str(), HasSubstr("#2  UNSEEN"));
  EXPECT_THAT(m_out.str(), Not(HasSubstr("#1 ")));

  ASSERT_EQ(run({"conflicts"}), 0) << m_err.str();
  EXPECT_THAT(m_out.str(), HasSubstr("#1  seen  "));
  EXPECT_THAT(m_out.str(), HasSubstr(" by admin\n"));
}

TEST_F(ConflictsCommandTest, BadAndUnknownIdsAreClearErrors) {
  EXPECT_EQ(run({"conflicts", "seen", "first"}), kUsageError);
  EXPECT_THAT(m_err.str(), HasSubstr("conflict id must be a whole number above 0, not \"first\""));
  EXPECT_EQ(run({"conflicts", "seen"}), kUsageError);
  EXPECT_THAT(m_err.str(), HasSubstr("usage: lanyard conflicts seen ID"));
  EXPECT_EQ(run({"conflicts", "seen", "99"}), kCallFailed);
  EXPECT_THAT(m_err.str(), HasSubstr("lanyard: NOT_FOUND: conflict 99 not found"));
  EXPECT_EQ(run({"conflicts", "all"}), kUsageError);
}

TEST_F(ConflictsCommandTest, StatsCountsConflictsAndTheUnseen) {
  ASSERT_EQ(run({"conflicts", "seen", "2"}), 0) << m_err.str();
  ASSERT_EQ(run({"stats"}), 0) << m_err.str();
  EXPECT_THAT(m_out.str(), HasSubstr("  conflicts 2 (1 unseen; see lanyard conflicts)\n"));
  ASSERT_EQ(run({"stats"}, /*json=*/true), 0) << m_err.str();
  google::protobuf::Struct summary;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(m_out.str(), &summary).ok()) << m_out.str();
  EXPECT_EQ(summary.fields().at("conflicts").number_value(), 2);
  EXPECT_EQ(summary.fields().at("unseen_conflicts").number_value(), 1);
}

}  // namespace
}  // namespace lanyard::cli
