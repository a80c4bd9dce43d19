// End to end: two real lanyard-server processes serving one event on one PostgreSQL database, with
// kiosks and a watcher as gRPC clients: one admission among scans of one code at both servers at
// once, and one order of activities that a watcher sees at either server, resuming without gaps.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <barrier>
#include <optional>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <string>
#include <thread>
#include <vector>

#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "postgres_servers.h"
#include "support/postgres_cluster.h"

namespace lanyard::e2e {
namespace {

using namespace std::chrono_literals;

// A WatchAttendance stream at one server, read on the test's thread.
class Watcher {
 public:
  // Opens the stream with `token`, after `afterSequence` when given, and reads its first snapshot.
  Watcher(const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
          std::optional<std::int64_t> afterSequence = std::nullopt) {
    m_context.AddMetadata("authorization", "Bearer " + token);
    m_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    v1::WatchAttendanceRequest request;
    if (afterSequence) request.set_after_sequence(*afterSequence);
    m_reader = v1::AttendanceService::NewStub(channel)->WatchAttendance(&m_context, request);
    v1::WatchAttendanceResponse first;
    if (!m_reader->Read(&first) || !first.has_snapshot()) throw std::runtime_error("WatchAttendance sent no snapshot");
    m_snapshotSequence = first.snapshot().sequence();
  }
  // Drops the stream, as a lost connection would.
  ~Watcher() {
    m_context.TryCancel();
    v1::WatchAttendanceResponse rest;
    while (m_reader->Read(&rest)) {
    }
    m_reader->Finish();
  }

  std::int64_t snapshotSequence() const { return m_snapshotSequence; }

  // Activities in the order sent, up to the batch that brings the `checkIns`-th check-in (other
  // kinds come along: the snapshot may precede an import this server made just before); fewer
  // when the stream ends first.
  std::vector<v1::Activity> readUntilCheckIns(std::size_t checkIns) {
    std::vector<v1::Activity> activities;
    std::size_t seen = 0;
    v1::WatchAttendanceResponse message;
    while (seen < checkIns && m_reader->Read(&message)) {
      for (const v1::Activity& activity : message.activities().activities()) {
        activities.push_back(activity);
        seen += activity.kind() == v1::ACTIVITY_KIND_CHECK_IN ? 1 : 0;
      }
    }
    return activities;
  }

 private:
  grpc::ClientContext m_context;
  std::unique_ptr<grpc::ClientReader<v1::WatchAttendanceResponse>> m_reader;
  std::int64_t m_snapshotSequence = 0;
};

// The sequences of `activities` follow `after` one by one, and their check-ins are `checkInIds`,
// in that order.
void expectCheckInsInOrder(const std::vector<v1::Activity>& activities, std::int64_t after,
                           const std::vector<std::int64_t>& checkInIds) {
  std::vector<std::int64_t> checkIns;
  for (std::size_t i = 0; i < activities.size(); ++i) {
    EXPECT_EQ(activities[i].sequence(), after + 1 + static_cast<std::int64_t>(i)) << "activity " << i;
    if (activities[i].kind() == v1::ACTIVITY_KIND_CHECK_IN) checkIns.push_back(activities[i].check_in().check_in_id());
  }
  EXPECT_EQ(checkIns, checkInIds);
}

class SeveralServersTest : public PostgresServersTest {
 protected:
  void SetUp() override {
    m_database = lanyard::testing::postgresCluster().createDatabase();
    initEvent(m_database);
    m_a = startServer(m_database);
    m_b = startServer(m_database);
    importDelegates(m_a, numberedDelegatesCsv(kDelegates));
    m_codes = badgeCodes(m_b);
    ASSERT_EQ(m_codes.size(), static_cast<std::size_t>(kDelegates));
    m_kioskA = createToken(m_a, "kiosk-a", v1::ROLE_KIOSK);
    m_kioskB = createToken(m_b, "kiosk-b", v1::ROLE_KIOSK);
  }

  // An entrance check-in of delegate `index`'s code at `server`, which must be answered.
  v1::CheckInResponse checkIn(int server, const std::string& token, int index, const std::string& requestId) {
    v1::CheckInResponse response;
    require(
        v1::CheckInService::NewStub(channel(server))
            ->CheckIn(callContext(token).get(), entranceCheckIn(m_codes.at(index).badge_code(), requestId), &response),
        "CheckIn " + requestId);
    return response;
  }

  static constexpr int kDelegates = 200;
  std::string m_database;
  int m_a = 0;
  int m_b = 0;
  std::vector<v1::BadgeCodeEntry> m_codes;
  std::string m_kioskA;
  std::string m_kioskB;
};

TEST_F(SeveralServersTest, TheSameCodeScannedAtBothServersAtOnceAdmitsExactlyOnce) {
  constexpr int kTrials = kDelegates;
  struct Scan {
    grpc::Status status;
    v1::CheckInResponse response;
  };
  std::vector<Scan> scans[2] = {std::vector<Scan>(kTrials), std::vector<Scan>(kTrials)};
  // Each trial a new delegate's code, sent by one kiosk at each server at the same moment.
  std::barrier together(2);
  const auto kiosk = [&](int side) {
    const int server = side == 0 ? m_a : m_b;
    const std::string& token = side == 0 ? m_kioskA : m_kioskB;
    auto stub = v1::CheckInService::NewStub(channel(server));
    for (int trial = 0; trial < kTrials; ++trial) {
      const v1::CheckInRequest request = entranceCheckIn(m_codes[trial].badge_code(), "trial-" + std::to_string(trial));
      auto context = callContext(token);
      together.arrive_and_wait();
      scans[side][trial].status = stub->CheckIn(context.get(), request, &scans[side][trial].response);
    }
  };
  std::thread atA(kiosk, 0);
  std::thread atB(kiosk, 1);
  atA.join();
  atB.join();

  for (int trial = 0; trial < kTrials; ++trial) {
    const Scan& a = scans[0][trial];
    const Scan& b = scans[1][trial];
    ASSERT_TRUE(a.status.ok()) << "trial " << trial << ": " << describe(a.status);
    ASSERT_TRUE(b.status.ok()) << "trial " << trial << ": " << describe(b.status);
    const bool aAdmitted = a.response.outcome() == v1::CHECK_IN_OUTCOME_ADMITTED;
    const Scan& admitted = aAdmitted ? a : b;
    const Scan& refused = aAdmitted ? b : a;
    EXPECT_EQ(admitted.response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED) << "trial " << trial;
    EXPECT_EQ(refused.response.outcome(), v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN) << "trial " << trial;
    EXPECT_EQ(refused.response.previous().device_name(), aAdmitted ? "kiosk-a" : "kiosk-b") << "trial " << trial;
  }
  // The database agrees: one admission per delegate, 400 scans logged.
  pqxx::connection connection(m_database);
  pqxx::nontransaction query(connection);
  EXPECT_EQ(query.exec1("SELECT count(DISTINCT delegate_id) FROM check_in WHERE outcome = 1")[0].as<int>(), kTrials);
  EXPECT_EQ(query.exec1("SELECT count(*) FROM check_in WHERE outcome = 1")[0].as<int>(), kTrials);
  EXPECT_EQ(query.exec1("SELECT count(*) FROM check_in")[0].as<int>(), 2 * kTrials);
}

TEST_F(SeveralServersTest, AWatcherAtOneServerSeesCheckInsMadeAtTheOtherInOrder) {
  Watcher atA(channel(m_a), m_admin);
  std::vector<std::int64_t> checkInIds;
  for (int i = 0; i < 20; ++i) {
    const v1::CheckInResponse response = checkIn(m_b, m_kioskB, i, "b-" + std::to_string(i));
    ASSERT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
    checkInIds.push_back(response.check_in_id());
  }
  const std::vector<v1::Activity> seen = atA.readUntilCheckIns(checkInIds.size());
  expectCheckInsInOrder(seen, atA.snapshotSequence(), checkInIds);
  for (const v1::Activity& activity : seen) {
    if (activity.kind() == v1::ACTIVITY_KIND_CHECK_IN) {
      EXPECT_EQ(activity.device_name(), "kiosk-b");
    }
  }
}

TEST_F(SeveralServersTest, AWatcherResumesAtTheOtherServerWithoutGaps) {
  std::vector<std::int64_t> checkInIds;
  std::int64_t lastSeen = 0;
  {
    Watcher atA(channel(m_a), m_admin);
    for (int i = 0; i < 10; ++i) {
      checkInIds.push_back(checkIn(m_b, m_kioskB, i, "b-" + std::to_string(i)).check_in_id());
    }
    const std::vector<v1::Activity> seen = atA.readUntilCheckIns(checkInIds.size());
    expectCheckInsInOrder(seen, atA.snapshotSequence(), checkInIds);
    ASSERT_FALSE(seen.empty());
    lastSeen = seen.back().sequence();
  }  // The connection drops.

  // Missed while disconnected: check-ins at both servers, interleaved.
  std::vector<std::int64_t> missed;
  for (int i = 10; i < 30; ++i) {
    const bool atA = i % 2 == 0;
    missed.push_back(
        checkIn(atA ? m_a : m_b, atA ? m_kioskA : m_kioskB, i, "resume-" + std::to_string(i)).check_in_id());
  }
  Watcher atB(channel(m_b), m_admin, lastSeen);
  // Then live again, made at A.
  std::vector<std::int64_t> expected = missed;
  for (int i = 30; i < 35; ++i) expected.push_back(checkIn(m_a, m_kioskA, i, "a-" + std::to_string(i)).check_in_id());
  expectCheckInsInOrder(atB.readUntilCheckIns(expected.size()), lastSeen, expected);
}

}  // namespace
}  // namespace lanyard::e2e
