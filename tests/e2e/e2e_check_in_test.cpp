// End to end: checking in at the real server: concurrent duplicate scans, forged and reissued
// badges, and a check-in from an independent client (Node.js with @grpc/grpc-js).
#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <latch>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "e2e_fixture.h"

namespace lanyard::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The same code with one character of its Ed25519 signature changed. Codes are 120 base32
// characters of which the first 18 carry the 11-byte header; character 60 lies in the signature.
std::string forgeSignature(std::string code) {
  code.at(60) = code.at(60) == 'A' ? 'B' : 'A';
  return code;
}

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// --- Check-in -------------------------------------------------------------------------------------

class CheckInTest : public EndToEndTest {};

TEST_F(CheckInTest, ConcurrentDuplicateScansFromTwoKiosksAdmitExactlyOnce) {
  startEvent();
  importDelegates(kDelegatesOnlyCsv);
  const v1::BadgeCodeEntry dvorak = badgeCodeOf("E2E-1");
  const std::string kiosks[2] = {createToken("kiosk-entrance-1", v1::ROLE_KIOSK),
                                 createToken("kiosk-entrance-2", v1::ROLE_KIOSK)};
  // One connection per device, as two kiosks have, both up before the scans start.
  std::shared_ptr<grpc::Channel> channels[2];
  for (int device = 0; device < 2; ++device) {
    grpc::ChannelArguments arguments;
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    channels[device] = grpc::CreateCustomChannel(address(), grpc::InsecureChannelCredentials(), arguments);
    v1::GetEventResponse event;
    ASSERT_TRUE(v1::EventService::NewStub(channels[device])
                    ->GetEvent(callContext(kiosks[device]).get(), v1::GetEventRequest(), &event)
                    .ok());
    ASSERT_EQ(event.device_name(), device == 0 ? "kiosk-entrance-1" : "kiosk-entrance-2");
  }
  constexpr int kScansPerDevice = 8;
  constexpr int kScans = 2 * kScansPerDevice;
  std::vector<grpc::Status> statuses(kScans);
  std::vector<v1::CheckInResponse> responses(kScans);
  std::latch start(kScans);
  std::vector<std::thread> scanners;
  for (int i = 0; i < kScans; ++i) {
    scanners.emplace_back([&, i] {
      const int device = i % 2;
      auto stub = v1::CheckInService::NewStub(channels[device]);
      const v1::CheckInRequest request = entranceCheckIn(dvorak.badge_code(), "dup-" + std::to_string(i));
      auto context = callContext(kiosks[device]);
      start.arrive_and_wait();
      statuses[i] = stub->CheckIn(context.get(), request, &responses[i]);
    });
  }
  for (std::thread& scanner : scanners) scanner.join();

  std::map<v1::CheckInOutcome, int> outcomes;
  std::set<std::int64_t> previousTimes;
  std::string admittedBy;
  for (int i = 0; i < kScans; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << describe(statuses[i]);
    ++outcomes[responses[i].outcome()];
    if (responses[i].outcome() == v1::CHECK_IN_OUTCOME_ADMITTED) {
      admittedBy = i % 2 == 0 ? "kiosk-entrance-1" : "kiosk-entrance-2";
    }
    if (responses[i].outcome() == v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN) {
      previousTimes.insert(responses[i].previous().time_us());
    }
  }
  EXPECT_EQ(outcomes[v1::CHECK_IN_OUTCOME_ADMITTED], 1);
  EXPECT_EQ(outcomes[v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN], kScans - 1);
  EXPECT_EQ(previousTimes.size(), 1U) << "every refusal must point at the one admission";
  for (int i = 0; i < kScans; ++i) {
    if (responses[i].outcome() == v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN) {
      EXPECT_EQ(responses[i].previous().device_name(), admittedBy);
    }
  }
  const v1::ListCheckInsResponse history = checkInsOf(dvorak.delegate_id());
  EXPECT_EQ(entranceAdmissions(history), 1);
  EXPECT_EQ(history.check_ins_size(), kScans) << "every scan is logged";
}

TEST_F(CheckInTest, ForgedCodeIsRefusedAndAdmitsNobody) {
  startEvent();
  importDelegates(kDelegatesOnlyCsv);
  const v1::BadgeCodeEntry dvorak = badgeCodeOf("E2E-1");
  const std::string kiosk = createToken("kiosk-entrance-1", v1::ROLE_KIOSK);

  v1::CheckInResponse forged;
  const grpc::Status status = checkIn(kiosk, entranceCheckIn(forgeSignature(dvorak.badge_code()), "forged-1"), &forged);

  ASSERT_TRUE(status.ok()) << describe(status);
  EXPECT_EQ(forged.outcome(), v1::CHECK_IN_OUTCOME_FORGED_CODE) << forged.reason();
  EXPECT_FALSE(forged.has_delegate());
  EXPECT_EQ(entranceAdmissions(checkInsOf(dvorak.delegate_id())), 0);
  v1::CheckInResponse genuine;
  ASSERT_TRUE(checkIn(kiosk, entranceCheckIn(dvorak.badge_code(), "genuine-1"), &genuine).ok());
  EXPECT_EQ(genuine.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED) << "the forgery must not have used up the badge";
}

TEST_F(CheckInTest, ReissuedBadgeSupersedesOldCodeAndNewCodeAdmits) {
  startEvent();
  importDelegates(kDelegatesOnlyCsv);
  const v1::BadgeCodeEntry before = badgeCodeOf("E2E-2");
  const std::string kiosk = createToken("kiosk-entrance-1", v1::ROLE_KIOSK);

  const CommandResult reissue = cli({"delegate", "reissue", std::to_string(before.delegate_id()), "--json"});
  ASSERT_TRUE(reissue.status.exitedWith(0)) << reissue.status.describe() << "\n" << reissue.err;
  v1::ReissueBadgeResponse reissued;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(reissue.out, &reissued).ok()) << reissue.out;
  const std::string newCode = badgeCodeOf("E2E-2").badge_code();
  v1::CheckInResponse old;
  ASSERT_TRUE(checkIn(kiosk, entranceCheckIn(before.badge_code(), "old-code"), &old).ok());
  v1::CheckInResponse fresh;
  ASSERT_TRUE(checkIn(kiosk, entranceCheckIn(newCode, "new-code"), &fresh).ok());

  EXPECT_NE(newCode, before.badge_code());
  EXPECT_EQ(reissued.delegate().badge_code(), newCode);
  EXPECT_EQ(reissued.delegate().badge_version(), 2);
  EXPECT_EQ(old.outcome(), v1::CHECK_IN_OUTCOME_SUPERSEDED_CODE) << old.reason();
  EXPECT_EQ(fresh.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED) << fresh.reason();
  EXPECT_EQ(fresh.delegate().id(), before.delegate_id());
}

// --- An independent client ------------------------------------------------------------------------

class NodeClientTest : public EndToEndTest {};

TEST_F(NodeClientTest, ChecksInThroughGrpcJsWithBearerToken) {
  const std::string node = LANYARD_NODE_EXECUTABLE;
  if (node.empty() || !fs::exists(node)) {
    GTEST_SKIP() << "node was not found when configuring: the Node client test needs Node.js 20";
  }
  const fs::path clientDir = fs::path(LANYARD_SOURCE_DIR) / "tests/e2e/node";
  ASSERT_TRUE(fs::exists(clientDir / "node_modules/@grpc/grpc-js"))
      << "the Node client's packages are missing: run `npm ci --prefix tests/e2e/node`";
  startEvent();
  importDelegates(kDelegatesOnlyCsv);
  const v1::BadgeCodeEntry muller = badgeCodeOf("E2E-3");
  const std::string kiosk = createToken("node-kiosk", v1::ROLE_KIOSK);

  const CommandResult result = runCommand(
      {{node, (clientDir / "check_in.mjs").string(), "--server", address(), "--token", kiosk, muller.badge_code()},
       {},
       {}},
      kProcessTimeout);

  ASSERT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;
  EXPECT_EQ(firstLine(result.out), "CHECK_IN_OUTCOME_ADMITTED") << result.out;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(result.out, match, std::regex(R"(check_in_id: (\d+))"))) << result.out;
  const v1::ListCheckInsResponse history = checkInsOf(muller.delegate_id());
  ASSERT_EQ(entranceAdmissions(history), 1);
  for (const v1::CheckInRecord& record : history.check_ins()) {
    if (record.outcome_code() != v1::CHECK_IN_OUTCOME_ADMITTED) continue;
    EXPECT_EQ(record.id(), std::stoll(match[1].str())) << "the server logged another check-in than it answered";
    EXPECT_EQ(record.device_name(), "node-kiosk");
  }
}

}  // namespace
}  // namespace lanyard::e2e
