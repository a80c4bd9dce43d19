// End to end: failover. A PostgreSQL primary with a synchronous streaming standby, two real
// lanyard-server processes on the multi-host address, kiosks checking in without pause; the
// primary is stopped at once mid-load and the standby promoted. Every check-in a kiosk saw
// acknowledged is on the new primary, none twice, and the servers carry on by themselves.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <map>
#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <string>
#include <thread>
#include <vector>

#include "postgres_servers.h"
#include "support/postgres_cluster.h"

namespace lanyard::e2e {
namespace {

using lanyard::testing::multiHostUri;
using lanyard::testing::PostgresCluster;
using lanyard::testing::waitUntil;
using namespace std::chrono_literals;

// The harness the failover test stands on: a commit waits for the synchronous standby, and what
// was committed is there once the standby is promoted behind the multi-host address.
TEST(SynchronousStandbyTest, ACommitWaitsForTheStandbyAndOutlivesThePrimary) {
  PostgresCluster primary;
  const std::unique_ptr<PostgresCluster> standby = PostgresCluster::standbyOf(primary, "standby");
  primary.requireSynchronousStandby("standby");
  const std::string uri = multiHostUri(primary.createDatabase(), {&primary, standby.get()});
  {
    pqxx::connection connection(uri);
    pqxx::nontransaction(connection).exec("CREATE TABLE scan (id INTEGER PRIMARY KEY)");
    pqxx::nontransaction(connection).exec("INSERT INTO scan VALUES (1)");
  }

  // With the standby down, a commit waits for it rather than being acknowledged.
  standby->stopImmediately();
  std::future<void> waiting = std::async(std::launch::async, [&] {
    pqxx::connection connection(uri);
    // Bounds the wait should the test fail before the standby is back.
    pqxx::nontransaction(connection).exec("SET statement_timeout = '60s'");
    pqxx::nontransaction(connection).exec("INSERT INTO scan VALUES (2)");
  });
  waitUntil("a commit waits for the synchronous standby", 30s, [&] {
    return primary.queryValue("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep'") == "1";
  });
  EXPECT_EQ(waiting.wait_for(0s), std::future_status::timeout);
  standby->start();
  ASSERT_EQ(waiting.wait_for(30s), std::future_status::ready);
  waiting.get();

  // The primary lost: no server takes writes until the standby is promoted; then it has both rows.
  primary.stopImmediately();
  EXPECT_THROW(pqxx::connection{uri}, pqxx::broken_connection);
  standby->promote();
  pqxx::connection connection(uri);
  pqxx::nontransaction query(connection);
  EXPECT_EQ(query.exec1("SELECT current_setting('port')")[0].as<int>(), standby->port());
  EXPECT_EQ(query.exec1("SELECT string_agg(id::TEXT, ',' ORDER BY id) FROM scan")[0].as<std::string>(), "1,2");
}

// What a kiosk was told for one of its requests.
struct Acknowledged {
  std::string requestId;
  std::int64_t delegateId = 0;
  std::int64_t checkInId = 0;
  v1::CheckInOutcome outcome = v1::CHECK_IN_OUTCOME_UNSPECIFIED;
  bool afterPromotion = false;
};

class FailoverTest : public PostgresServersTest {
 protected:
  static constexpr int kKiosks = 4;
  static constexpr int kDelegates = 240;
};

TEST_F(FailoverTest, EveryAcknowledgedCheckInOutlivesThePrimaryAndTheServersCarryOn) {
  PostgresCluster primary;
  const std::unique_ptr<PostgresCluster> standby = PostgresCluster::standbyOf(primary, "standby");
  primary.requireSynchronousStandby("standby");
  const std::string database = multiHostUri(primary.createDatabase(), {&primary, standby.get()});
  initEvent(database);
  const int servers[2] = {startServer(database), startServer(database)};
  importDelegates(servers[0], numberedDelegatesCsv(kDelegates));
  const std::vector<v1::BadgeCodeEntry> codes = badgeCodes(servers[1]);
  ASSERT_EQ(codes.size(), static_cast<std::size_t>(kDelegates));
  std::vector<std::string> tokens;
  for (int k = 0; k < kKiosks; ++k) {
    tokens.push_back(createToken(servers[0], "kiosk-" + std::to_string(k), v1::ROLE_KIOSK));
  }

  // Kiosk k scans every kKiosks-th delegate at server k % 2, one after the other. A request that
  // fails is sent again, the same request id and scan time, until it is answered, as kiosks do.
  std::atomic<int> acknowledged = 0;
  std::atomic<int> failures[kKiosks] = {};
  std::atomic<bool> promoted = false;
  std::vector<Acknowledged> answers[kKiosks];
  std::vector<std::string> refusals[kKiosks];  // Failures other than UNAVAILABLE, which kiosks retry.
  std::string gaveUp[kKiosks];
  const auto kiosk = [&](int k) {
    const auto deadline = Clock::now() + 120s;
    auto stub = v1::CheckInService::NewStub(channel(servers[k % 2]));
    for (int i = k; i < kDelegates; i += kKiosks) {
      const std::string requestId = "kiosk-" + std::to_string(k) + "-scan-" + std::to_string(i);
      const v1::CheckInRequest request = entranceCheckIn(codes[i].badge_code(), requestId);
      for (;;) {
        v1::CheckInResponse response;
        const grpc::Status status = stub->CheckIn(callContext(tokens[k]).get(), request, &response);
        if (status.ok()) {
          answers[k].push_back(
              {requestId, codes[i].delegate_id(), response.check_in_id(), response.outcome(), promoted.load()});
          ++acknowledged;
          break;
        }
        ++failures[k];
        if (status.error_code() != grpc::StatusCode::UNAVAILABLE) refusals[k].push_back(describe(status));
        if (Clock::now() > deadline) {
          gaveUp[k] = requestId + ": " + describe(status);
          return;
        }
        std::this_thread::sleep_for(50ms);  // A kiosk's pace between retries, not a synchronisation.
      }
    }
  };
  // Each joins when it goes, so a failed wait below leaves no kiosk running.
  std::vector<std::jthread> kiosks;
  for (int k = 0; k < kKiosks; ++k) kiosks.emplace_back(kiosk, k);

  waitUntil("40 check-ins acknowledged", 60s, [&] { return acknowledged >= 40; });
  primary.stopImmediately();
  waitUntil("every kiosk's request fails without a primary", 30s, [&] {
    return std::all_of(std::begin(failures), std::end(failures), [](const auto& count) { return count > 0; });
  });
  const int acknowledgedBeforePromotion = acknowledged;
  promoted = true;
  standby->promote();
  for (std::jthread& thread : kiosks) thread.join();

  int afterPromotion[2] = {0, 0};
  std::map<std::string, Acknowledged> byRequest;
  for (int k = 0; k < kKiosks; ++k) {
    EXPECT_EQ(gaveUp[k], "") << "kiosk " << k << " gave up";
    EXPECT_TRUE(refusals[k].empty()) << "kiosk " << k << ": " << refusals[k].front();
    for (const Acknowledged& answer : answers[k]) {
      EXPECT_EQ(answer.outcome, v1::CHECK_IN_OUTCOME_ADMITTED) << answer.requestId;
      afterPromotion[k % 2] += answer.afterPromotion ? 1 : 0;
      byRequest["kiosk-" + std::to_string(k) + " " + answer.requestId] = answer;
    }
  }
  ASSERT_EQ(byRequest.size(), static_cast<std::size_t>(kDelegates));
  EXPECT_LT(acknowledgedBeforePromotion, kDelegates);
  // Both servers took check-ins again on the promoted standby without being restarted.
  EXPECT_GT(afterPromotion[0], 0);
  EXPECT_GT(afterPromotion[1], 0);

  // The new primary holds every acknowledged check-in as acknowledged, and each request once.
  pqxx::connection connection(database);
  pqxx::nontransaction query(connection);
  ASSERT_EQ(query.exec1("SELECT current_setting('port')")[0].as<int>(), standby->port());
  const pqxx::result rows = query.exec(
      "SELECT device.name || ' ' || check_in.request_id, check_in.id, check_in.delegate_id, check_in.outcome "
      "FROM check_in JOIN device ON device.id = check_in.device_id ORDER BY check_in.id");
  EXPECT_EQ(rows.size(), static_cast<std::size_t>(kDelegates));
  std::map<std::string, int> logged;
  for (const pqxx::row& row : rows) {
    const std::string key = row[0].as<std::string>();
    ++logged[key];
    const auto answer = byRequest.find(key);
    if (answer == byRequest.end()) {
      ADD_FAILURE() << "logged but never acknowledged: " << key;
      continue;
    }
    EXPECT_EQ(row[1].as<std::int64_t>(), answer->second.checkInId) << key;
    EXPECT_EQ(row[2].as<std::int64_t>(), answer->second.delegateId) << key;
    EXPECT_EQ(row[3].as<int>(), v1::CHECK_IN_OUTCOME_ADMITTED) << key;
  }
  for (const auto& [key, answer] : byRequest) EXPECT_EQ(logged[key], 1) << "acknowledged " << key;
}

}  // namespace
}  // namespace lanyard::e2e
