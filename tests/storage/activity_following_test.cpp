// Two servers on one PostgreSQL database: what one server's listener and search index learn of the
// other's writes, through the activity log it follows, and after losing its connection.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>
#include <string>
#include <thread>
#include <vector>

#include "domain/str_cat.h"
#include "event_store_fixture.h"
#include "live/attendance_hub.h"
#include "recording_listener.h"

namespace lanyard::server::storage {
namespace {

using domain::Activity;

// Whether `condition` comes to hold, checked every few milliseconds, within the listener's deadline.
bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + RecordingListener::kDeadline;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// Whether `activities` are numbered first, first + 1, ... : in order, none missing, none twice.
::testing::AssertionResult consecutiveFrom(std::int64_t first, const std::vector<Activity>& activities) {
  for (std::size_t i = 0; i < activities.size(); ++i) {
    if (activities[i].sequence != first + static_cast<std::int64_t>(i)) {
      return ::testing::AssertionFailure() << "activity " << i << " is " << activities[i].sequence << ", not "
                                           << first + static_cast<std::int64_t>(i);
    }
  }
  return ::testing::AssertionSuccess();
}

// This test's store is server A; openStore() gives server B.
class ActivityFollowingTest : public EventStoreTest {
 protected:
  void SetUp() override {
    EventStoreTest::SetUp();
    if (HasFatalFailure()) return;
    absl::StatusOr<std::unique_ptr<domain::EventStore>> other = openStore();
    ASSERT_TRUE(other.ok()) << other.status();
    m_other = std::move(*other);
  }

  void TearDown() override {
    for (RecordingListener* listener : {&m_listener, &m_second}) (void)m_store->detachActivityListener(listener);
  }

  // Check-ins at B, `count` of them, by `threads` threads at once; whether all succeeded.
  bool checkInAtB(const std::string& prefix, int count, int threads = 1) {
    std::atomic<int> failed{0};
    std::vector<std::thread> running;
    for (int t = 0; t < threads; ++t) {
      running.emplace_back([&, t] {
        for (int i = t; i < count; i += threads) {
          domain::CheckInCommand command = scan(i % 2 == 0 ? "D1" : "D2", prefix + std::to_string(i));
          command.direction = i % 4 < 2 ? domain::Direction::In : domain::Direction::Out;
          if (!m_other->checkIn(command).ok()) ++failed;
        }
      });
    }
    for (std::thread& thread : running) thread.join();
    return failed == 0;
  }

  // Runs `sql` on `connection` (the cluster's superuser's).
  static pqxx::result run(pqxx::connection& connection, const std::string& sql) {
    return pqxx::nontransaction(connection).exec(sql);
  }

  std::unique_ptr<domain::EventStore> m_other;
  RecordingListener m_listener;
  RecordingListener m_second;
};
INSTANTIATE_TEST_SUITE_P(Postgres, ActivityFollowingTest, ::testing::Values(Backend::Postgres), backendName);

TEST_P(ActivityFollowingTest, AListenerHearsEveryCheckInMadeAtAnotherServerOnceInOrder) {
  const absl::StatusOr<std::int64_t> attached = m_store->attachActivityListener(&m_listener);
  ASSERT_TRUE(attached.ok()) << attached.status();
  std::thread here([&] {
    for (int i = 0; i < 20; ++i) EXPECT_TRUE(m_store->checkIn(scan("D3", "a" + std::to_string(i))).ok());
  });
  ASSERT_TRUE(checkInAtB("b", 100, 4));
  here.join();
  const std::vector<Activity> logged = logAfter(*m_store, *attached);
  ASSERT_EQ(logged.size(), 120U);
  ASSERT_TRUE(m_listener.hears(logged.back().sequence));
  const std::vector<Activity> heard = m_listener.activities();
  ASSERT_EQ(heard.size(), logged.size());
  EXPECT_TRUE(consecutiveFrom(*attached + 1, heard));
  for (std::size_t i = 0; i < heard.size(); ++i) {
    EXPECT_EQ(heard[i].checkIn.checkInId, logged[i].checkIn.checkInId) << i;
    EXPECT_EQ(heard[i].familyName, logged[i].familyName) << i;
  }
}

// A dashboard resuming at A after an activity B committed, which A's follower has not brought yet
// (held back here by a lock on a table its query reads and check-ins do not write): A's hub waits
// for it, as for any activity to come, instead of refusing a position it has not heard of.
TEST_P(ActivityFollowingTest, AWatcherResumesAfterAnActivityThisServerHasNotHeardOfYet) {
  absl::StatusOr<std::unique_ptr<live::AttendanceHub>> hub = live::AttendanceHub::start(*m_store, clock());
  ASSERT_TRUE(hub.ok()) << hub.status();
  pqxx::connection locker(m_path);
  pqxx::work lock(locker);
  lock.exec("LOCK TABLE conflict IN ACCESS EXCLUSIVE MODE");
  ASSERT_TRUE(m_other->checkIn(scan("D1", "b1")).ok());
  const absl::StatusOr<std::int64_t> committed = m_other->newestActivitySequence();
  ASSERT_TRUE(committed.ok()) << committed.status();
  ASSERT_LT((*hub)->sequence(), *committed) << "the follower was not held back";

  absl::StatusOr<std::unique_ptr<live::Watcher>> watcher = (*hub)->watch(*committed);
  ASSERT_TRUE(watcher.ok()) << watcher.status();
  const absl::Status beyond = (*hub)->watch(*committed + 1).status();
  EXPECT_TRUE(absl::IsOutOfRange(beyond)) << beyond;
  lock.commit();
  ASSERT_TRUE(m_other->checkIn(scan("D2", "b2")).ok());
  const auto deadline = std::chrono::steady_clock::now() + RecordingListener::kDeadline;
  absl::StatusOr<live::Watcher::Step> step = (*watcher)->next(deadline);
  ASSERT_TRUE(step.ok()) << step.status();
  ASSERT_EQ(step->kind, live::Watcher::Step::Kind::Activities);
  ASSERT_EQ(step->activities.size(), 1U) << "the activities after the position, and only those";
  EXPECT_GT(step->activities.front()->sequence, *committed);
  EXPECT_EQ(step->activities.front()->delegateId, idOf("D2"));
}

// As the attendance hub does: what the log holds up to what attaching returned, then what the
// listener hears.
TEST_P(ActivityFollowingTest, AListenerAttachedAgainMissesNothingCommittedInBetween) {
  ASSERT_TRUE(m_store->attachActivityListener(&m_listener).ok());
  ASSERT_TRUE(checkInAtB("first", 10));
  ASSERT_TRUE(m_listener.hears(newestIn(*m_store)));
  std::int64_t attachedAgain = 0;
  std::thread meanwhile([&] { EXPECT_TRUE(checkInAtB("meanwhile", 60)); });
  ASSERT_TRUE(m_store->detachActivityListener(&m_listener).ok());
  ASSERT_TRUE(eventually([&] { return newestIn(*m_store) > m_listener.activities().back().sequence; }));
  const absl::StatusOr<std::int64_t> attached = m_store->attachActivityListener(&m_second);
  ASSERT_TRUE(attached.ok()) << attached.status();
  attachedAgain = *attached;
  meanwhile.join();
  ASSERT_TRUE(checkInAtB("after", 5));
  const std::int64_t newest = newestIn(*m_store);
  ASSERT_TRUE(m_second.hears(newest));

  const std::vector<Activity> first = m_listener.activities();
  std::vector<Activity> all = first;
  for (const Activity& a : logAfter(*m_store, first.back().sequence)) {
    if (a.sequence <= attachedAgain) all.push_back(a);
  }
  const std::vector<Activity> second = m_second.activities();
  all.insert(all.end(), second.begin(), second.end());
  EXPECT_TRUE(consecutiveFrom(first.front().sequence, all));
  EXPECT_EQ(all.back().sequence, newest);
  EXPECT_GT(attachedAgain, first.back().sequence) << "B wrote while no listener was attached";
}

TEST_P(ActivityFollowingTest, WritesMadeWhileTheListeningConnectionIsCutArriveOnceItIsBack) {
  const absl::StatusOr<std::int64_t> attached = m_store->attachActivityListener(&m_listener);
  ASSERT_TRUE(attached.ok()) << attached.status();
  pqxx::connection database(m_path);
  pqxx::connection cluster(lanyard::testing::postgresCluster().uri("postgres"));
  const std::string name = run(database, "SELECT current_database()")[0][0].as<std::string>();
  constexpr char kFollowersSql[] =
      "FROM pg_stat_activity WHERE application_name = 'lanyard-activity-follower' AND datname = current_database()";
  ASSERT_TRUE(eventually([&] { return run(database, strCat("SELECT count(*) ", kFollowersSql))[0][0].as<int>() == 4; }))
      << "two connections each at A and B";
  // No new connection to the database until allowed again; B writes on the connections it holds.
  run(cluster, "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
  EXPECT_EQ(run(database, strCat("SELECT pg_terminate_backend(pid) ", kFollowersSql)).size(), 4U);
  const bool written = checkInAtB("cut", 30, 3);
  run(cluster, "ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
  ASSERT_TRUE(written);
  ASSERT_TRUE(m_listener.hears(newestIn(*m_store)));
  EXPECT_EQ(m_listener.activities().size(), 30U);
  // And it goes on listening.
  ASSERT_TRUE(checkInAtB("after", 5));
  ASSERT_TRUE(m_listener.hears(newestIn(*m_store)));
  const std::vector<Activity> heard = m_listener.activities();
  EXPECT_TRUE(consecutiveFrom(*attached + 1, heard));
  EXPECT_EQ(heard.size(), 35U);
}

TEST_P(ActivityFollowingTest, SearchFindsWhatTheHelpDeskAtAnotherServerChanged) {
  domain::Delegate walkIn = person("", "Walk", "Inwood", "Brno");
  absl::StatusOr<domain::Delegate> added = m_other->createDelegate(walkIn, /*allowDuplicate=*/false);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_TRUE(eventually([&] { return searchNames("inwood") == std::vector<std::string>{"Inwood"}; }));

  domain::Delegate corrected = *added;
  corrected.familyName = "Outwood";
  ASSERT_TRUE(m_other->updateDelegate(corrected, corrected.version).ok());
  EXPECT_TRUE(eventually([&] { return searchNames("outwood") == std::vector<std::string>{"Outwood"}; }));
  EXPECT_TRUE(searchNames("inwood").empty());

  ASSERT_TRUE(m_other->cancelDelegate(idOf("D4")).ok());
  EXPECT_TRUE(eventually([&] { return searchNames("li na").empty(); })) << "cancelled delegates are not found";
}

TEST_P(ActivityFollowingTest, SearchFindsWhatAnotherServerImported) {
  domain::DelegateImport data;
  data.delegates = {person("D9", "Jan", "Ámos", "Uherský Brod")};
  ASSERT_TRUE(m_other->importDelegates(data).ok());
  EXPECT_TRUE(eventually([&] { return searchNames("amos") == std::vector<std::string>{"Ámos"}; }));
}

}  // namespace
}  // namespace lanyard::server::storage
