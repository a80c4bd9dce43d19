// Check-ins at two servers on one database at once: one admission per code, one log entry per
// request, sessions' capacity kept, automatic check-outs just before their moves. On PostgreSQL the
// second server is a second store on the database (openStore()); SQLite, which one server owns,
// runs the same requests through its one store, from two threads.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/transaction>
#include <string>
#include <thread>
#include <vector>

#include "event_store_fixture.h"

namespace lanyard::server::storage {
namespace {

using domain::CheckInOutcome;
using domain::Direction;

class ServersTest : public EventStoreTest {
 protected:
  void SetUp() override {
    EventStoreTest::SetUp();
    if (HasFatalFailure()) return;
    if (backend() == Backend::Postgres) {
      absl::StatusOr<std::unique_ptr<domain::EventStore>> other = openStore();
      ASSERT_TRUE(other.ok()) << other.status();
      m_otherServer = std::move(*other);
    }
  }

  // The second server: on SQLite, the one store again.
  domain::EventStore& otherServer() { return m_otherServer ? *m_otherServer : *m_store; }

  // `first` at this server and `second` at the other, sent at once from two threads.
  std::pair<absl::StatusOr<domain::CheckInResult>, absl::StatusOr<domain::CheckInResult>> atOnce(
      const domain::CheckInCommand& first, const domain::CheckInCommand& second) {
    std::latch start(2);
    absl::StatusOr<domain::CheckInResult> here = absl::UnknownError("not sent");
    std::thread other([&] {
      start.arrive_and_wait();
      here = m_store->checkIn(first);
    });
    start.arrive_and_wait();
    absl::StatusOr<domain::CheckInResult> there = otherServer().checkIn(second);
    other.join();
    return {std::move(here), std::move(there)};
  }

  std::unique_ptr<domain::EventStore> m_otherServer;
};
INSTANTIATE_BACKENDS(ServersTest);

TEST_P(ServersTest, TheSameCodeScannedAtBothAtOnceIsAdmittedOnce) {
  constexpr int kTrials = 200;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string id = std::to_string(trial);
    domain::CheckInCommand atSecondKiosk = scan("D1", "b-" + id);
    atSecondKiosk.deviceId = m_kiosk2;
    auto [here, there] = atOnce(scan("D1", "a-" + id), atSecondKiosk);
    ASSERT_TRUE(here.ok()) << here.status();
    ASSERT_TRUE(there.ok()) << there.status();
    const int admitted = (here->decision.outcome == CheckInOutcome::Admitted ? 1 : 0) +
                         (there->decision.outcome == CheckInOutcome::Admitted ? 1 : 0);
    ASSERT_EQ(admitted, 1) << "trial " << trial << ": " << outcomeName(here->decision.outcome) << " and "
                           << outcomeName(there->decision.outcome);
    const domain::CheckInResult& refused = here->decision.outcome == CheckInOutcome::Admitted ? *there : *here;
    EXPECT_EQ(refused.decision.outcome, CheckInOutcome::AlreadyCheckedIn) << "trial " << trial;
    // Out again, for the next trial.
    ASSERT_EQ(outcomeOf(scan("D1", "out-" + id, 0, Direction::Out)), CheckInOutcome::CheckedOut) << "trial " << trial;
  }
}

TEST_P(ServersTest, OneRequestSentToBothAtOnceIsLoggedOnceAndAnsweredAlike) {
  constexpr int kTrials = 50;
  for (int trial = 0; trial < kTrials; ++trial) {
    // A delegate's badge (its row locked first) and an unknown code (no row to lock: the unique
    // request id alone decides).
    domain::CheckInCommand unknown = scan("D2", "unknown-" + std::to_string(trial));
    unknown.subject = domain::subject::Ticket{"no-such-ticket"};
    for (const domain::CheckInCommand& command : {scan("D2", "badge-" + std::to_string(trial)), unknown}) {
      auto [here, there] = atOnce(command, command);
      ASSERT_TRUE(here.ok()) << "trial " << trial << ": " << here.status();
      ASSERT_TRUE(there.ok()) << "trial " << trial << ": " << there.status();
      EXPECT_EQ(here->checkInId, there->checkInId) << "trial " << trial;
      EXPECT_EQ(here->decision.outcome, there->decision.outcome) << "trial " << trial;
      EXPECT_EQ(here->serverTimeUs, there->serverTimeUs) << "trial " << trial;
      EXPECT_EQ(here->delegate.has_value(), there->delegate.has_value()) << "trial " << trial;
    }
  }
  absl::StatusOr<std::vector<domain::CheckInRecord>> logged = m_store->checkIns(idOf("D2"), domain::Page{});
  ASSERT_TRUE(logged.ok()) << logged.status();
  EXPECT_EQ(logged->size(), static_cast<std::size_t>(kTrials));
  EXPECT_EQ(logged->front().outcome, CheckInOutcome::Admitted);
}

TEST_P(ServersTest, TwoAdmittedAtOnceToTheLastSeatFillItOnce) {
  constexpr int kTrials = 100;
  const std::int64_t room = addSession("S1", 2, false);
  ASSERT_EQ(outcomeOf(scan("D3", "first", room)), CheckInOutcome::Admitted);  // One seat left.
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string id = std::to_string(trial);
    domain::CheckInCommand atSecondKiosk = scan("D2", "d2-" + id, room);
    atSecondKiosk.deviceId = m_kiosk2;
    auto [here, there] = atOnce(scan("D1", "d1-" + id, room), atSecondKiosk);
    ASSERT_TRUE(here.ok()) << here.status();
    ASSERT_TRUE(there.ok()) << there.status();
    const bool firstIn = here->decision.outcome == CheckInOutcome::Admitted;
    ASSERT_NE(firstIn, there->decision.outcome == CheckInOutcome::Admitted)
        << "trial " << trial << ": " << outcomeName(here->decision.outcome) << " and "
        << outcomeName(there->decision.outcome);
    EXPECT_EQ((firstIn ? there : here)->decision.outcome, CheckInOutcome::SessionFull) << "trial " << trial;
    absl::StatusOr<std::vector<domain::SessionOccupancy>> sessions = otherServer().listSessions();
    ASSERT_TRUE(sessions.ok()) << sessions.status();
    EXPECT_EQ(sessions->front().insideNow, 2) << "trial " << trial;
    ASSERT_EQ(outcomeOf(scan(firstIn ? "D1" : "D2", "leave-" + id, room, Direction::Out)), CheckInOutcome::CheckedOut);
  }
}

// The activity feed tells an automatic check-out by its id, one below the move that caused it,
// however busy the other server is meanwhile.
TEST_P(ServersTest, AnAutomaticCheckOutIsLoggedJustBeforeTheMoveThatCausedIt) {
  constexpr int kMoves = 40;
  const std::int64_t plenary = addSession("S1", 0, false);
  const std::int64_t workshop = addSession("S2", 0, false);
  ASSERT_EQ(outcomeOf(scan("D1", "start", plenary)), CheckInOutcome::Admitted);
  std::atomic<bool> moving{true};
  std::atomic<int> busyFailures{0};
  std::thread busy([&] {
    domain::CheckInCommand command = scan("D2", "");
    command.deviceId = m_kiosk2;
    command.subject = domain::subject::Ticket{"no-such-ticket"};
    for (int i = 0; moving; ++i) {
      command.requestId = "busy-" + std::to_string(i);
      if (!otherServer().checkIn(command).ok()) ++busyFailures;
    }
  });
  for (int move = 0; move < kMoves; ++move) {
    const std::int64_t to = move % 2 == 0 ? workshop : plenary;
    absl::StatusOr<domain::CheckInResult> moved = m_store->checkIn(scan("D1", "move-" + std::to_string(move), to));
    ASSERT_TRUE(moved.ok()) << moved.status();
    ASSERT_EQ(moved->decision.outcome, CheckInOutcome::Admitted);
    ASSERT_EQ(moved->decision.leaveSessionId, to == workshop ? plenary : workshop);
  }
  moving = false;
  busy.join();
  EXPECT_EQ(busyFailures, 0);
  absl::StatusOr<std::vector<domain::CheckInRecord>> logged = m_store->checkIns(idOf("D1"), domain::Page{});
  ASSERT_TRUE(logged.ok()) << logged.status();
  ASSERT_EQ(logged->size(), 1u + 2 * kMoves);
  for (std::size_t i = 1; i < logged->size(); i += 2) {
    const domain::CheckInRecord& left = (*logged)[i];
    const domain::CheckInRecord& entered = (*logged)[i + 1];
    EXPECT_EQ(left.outcome, CheckInOutcome::CheckedOut);
    EXPECT_EQ(entered.outcome, CheckInOutcome::Admitted);
    EXPECT_EQ(left.id + 1, entered.id) << "move " << i / 2;
  }
}

TEST_P(ServersTest, AConflictMarkedSeenAtBothAtOnceKeepsOneMarking) {
  constexpr int kConflicts = 20;
  ASSERT_EQ(outcomeOf(scan("D1", "online")), CheckInOutcome::Admitted);
  absl::StatusOr<domain::CreatedDevice> organiser = m_store->createDevice("organiser-laptop", domain::Role::Organiser);
  ASSERT_TRUE(organiser.ok()) << organiser.status();
  for (int i = 0; i < kConflicts; ++i) {
    // Admitted offline at kiosk-2 while already inside: a conflict each.
    domain::CheckInCommand upload = scan("D1", "offline-" + std::to_string(i));
    upload.deviceId = m_kiosk2;
    upload.offlineOutcome = CheckInOutcome::Admitted;
    ASSERT_EQ(outcomeOf(upload), CheckInOutcome::Admitted);
  }
  absl::StatusOr<std::vector<domain::ConflictRecord>> conflicts = otherServer().listConflicts(false, domain::Page{});
  ASSERT_TRUE(conflicts.ok()) << conflicts.status();
  ASSERT_EQ(conflicts->size(), static_cast<std::size_t>(kConflicts));
  for (const domain::ConflictRecord& conflict : *conflicts) {
    std::latch start(2);
    absl::StatusOr<domain::ConflictLog::SeenMark> here = absl::UnknownError("not sent");
    std::thread other([&] {
      start.arrive_and_wait();
      here = m_store->markConflictSeen(conflict.id, organiser->device.id);
    });
    start.arrive_and_wait();
    absl::StatusOr<domain::ConflictLog::SeenMark> there = otherServer().markConflictSeen(conflict.id, m_kiosk);
    other.join();
    ASSERT_TRUE(here.ok()) << here.status();
    ASSERT_TRUE(there.ok()) << there.status();
    ASSERT_NE(here->newly, there->newly) << "conflict " << conflict.id;
    EXPECT_EQ(here->conflict.seenByDeviceName, here->newly ? "organiser-laptop" : "kiosk-1");
    EXPECT_EQ(there->conflict.seenByDeviceName, here->conflict.seenByDeviceName);
    EXPECT_EQ(there->conflict.seenTimeUs, here->conflict.seenTimeUs);
  }
  absl::StatusOr<domain::ConflictCounts> counts = m_store->conflictCounts();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->all, kConflicts);
  EXPECT_EQ(counts->unseen, 0);
}

TEST_P(ServersTest, APrintAtOneServerCountsInTheOthersAnswers) {
  domain::BadgePrintRecord print;
  print.delegateId = idOf("D5");
  print.deviceId = m_kiosk2;
  print.success = true;
  print.printer = "Zebra ZD421";
  print.clientTimeUs = m_now.load() - kMinute;
  absl::StatusOr<domain::BadgePrintRecord> stored = otherServer().recordPrint(print);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->badgeVersion, 1);
  EXPECT_EQ(stored->serverTimeUs, m_now.load());

  absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(scan("D5", "in"));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->badgePrinted);
  absl::StatusOr<std::vector<domain::BadgePrintRecord>> prints = m_store->badgePrints(idOf("D5"), domain::Page{});
  ASSERT_TRUE(prints.ok()) << prints.status();
  ASSERT_EQ(prints->size(), 1u);
  EXPECT_EQ((*prints)[0].id, stored->id);
  EXPECT_EQ((*prints)[0].deviceName, "kiosk-2");
  EXPECT_EQ((*prints)[0].printer, "Zebra ZD421");
  EXPECT_EQ((*prints)[0].clientTimeUs, print.clientTimeUs);

  print.delegateId = 9999;
  EXPECT_TRUE(absl::IsNotFound(otherServer().recordPrint(print).status()));
  domain::KioskStatusRecord heartbeat;
  heartbeat.deviceId = m_kiosk;
  heartbeat.detail = "paper low";
  absl::StatusOr<domain::KioskStatusRecord> first = m_store->recordKioskStatus(heartbeat);
  absl::StatusOr<domain::KioskStatusRecord> second = otherServer().recordKioskStatus(heartbeat);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_GT(second->id, first->id);
  EXPECT_EQ(second->serverTimeUs, m_now.load());
}

// PostgreSQL's check-in threads (PostgresEventStore::checkInAsync, checkInTogether).
class CheckInThreadsTest : public EventStoreTest {
 protected:
  postgres::PostgresEventStore& store() { return dynamic_cast<postgres::PostgresEventStore&>(*m_store); }

  // `results` as "OUTCOME" or the status code's name, one each.
  static std::vector<std::string> outcomes(const std::vector<absl::StatusOr<domain::CheckInResult>>& results) {
    std::vector<std::string> names;
    for (const absl::StatusOr<domain::CheckInResult>& result : results) {
      names.emplace_back(result.ok() ? outcomeName(result->decision.outcome)
                                     : absl::StatusCodeToString(result.status().code()));
    }
    return names;
  }

  std::size_t logged(const std::string& ref) {
    absl::StatusOr<std::vector<domain::CheckInRecord>> records = m_store->checkIns(idOf(ref), domain::Page{});
    EXPECT_TRUE(records.ok()) << records.status();
    return records.ok() ? records->size() : 0;
  }
};
INSTANTIATE_POSTGRES_ONLY(CheckInThreadsTest);

TEST_P(CheckInThreadsTest, CheckInsTogetherAreEachDecidedOnWhatThoseBeforeThemLogged) {
  const std::vector<absl::StatusOr<domain::CheckInResult>> results = store().checkInTogether(
      {scan("D1", "a"), scan("D1", "b"), scan("D1", "a"), scan("D2", "c"), scan("D1", "d", 0, Direction::Out)});
  EXPECT_EQ(outcomes(results),
            (std::vector<std::string>{"ADMITTED", "ALREADY_CHECKED_IN", "ADMITTED", "ADMITTED", "CHECKED_OUT"}));
  ASSERT_TRUE(results[0].ok() && results[2].ok());
  EXPECT_EQ(results[2]->checkInId, results[0]->checkInId) << "a request sent twice is logged once";
  EXPECT_EQ(logged("D1"), 3u);
  EXPECT_EQ(logged("D2"), 1u);
}

TEST_P(CheckInThreadsTest, ACheckInRefusedWithAStatusLeavesTheOthersOfItsTransactionLogged) {
  const std::vector<absl::StatusOr<domain::CheckInResult>> results =
      store().checkInTogether({scan("D1", "a"), scan("D3", "b", /*sessionId=*/999), scan("D2", "c")});
  EXPECT_EQ(outcomes(results), (std::vector<std::string>{"ADMITTED", "NOT_FOUND", "ADMITTED"}));
  EXPECT_EQ(logged("D1"), 1u);
  EXPECT_EQ(logged("D3"), 0u);
  EXPECT_EQ(logged("D2"), 1u);
}

TEST_P(CheckInThreadsTest, ACheckInThatUndoesItsTransactionIsAnsweredAloneAndTheOthersAreLoggedOnce) {
  domain::CheckInCommand fromNoDevice = scan("D3", "b");
  fromNoDevice.deviceId = 999;  // Its insert breaks a foreign key, and with it the transaction.
  const std::vector<absl::StatusOr<domain::CheckInResult>> results =
      store().checkInTogether({scan("D1", "a"), fromNoDevice, scan("D2", "c")});
  EXPECT_EQ(outcomes(results), (std::vector<std::string>{"ADMITTED", "INVALID_ARGUMENT", "ADMITTED"}));
  EXPECT_EQ(logged("D1"), 1u);
  EXPECT_EQ(logged("D3"), 0u);
  EXPECT_EQ(logged("D2"), 1u);
}

// Two servers each logging two delegates' check-ins together, named in opposite orders: each
// transaction locks them in id order, so neither waits for the other in a cycle. With the
// database's deadlock_timeout at ten minutes, a cycle would hold both past the deadline.
TEST_P(CheckInThreadsTest, CheckInsTogetherAtTwoServersNeverWaitForEachOtherInACycle) {
  {
    pqxx::connection admin(m_path);
    pqxx::nontransaction alter(admin);
    alter.exec("ALTER DATABASE " + admin.quote_name(admin.dbname()) + " SET deadlock_timeout = '10min'");
  }
  absl::StatusOr<std::unique_ptr<domain::EventStore>> first = openStore();
  absl::StatusOr<std::unique_ptr<domain::EventStore>> second = openStore();
  ASSERT_TRUE(first.ok() && second.ok());
  auto& a = dynamic_cast<postgres::PostgresEventStore&>(**first);
  auto& b = dynamic_cast<postgres::PostgresEventStore&>(**second);
  constexpr int kTrials = 100;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string id = std::to_string(trial);
    const Direction direction = trial % 2 == 0 ? Direction::In : Direction::Out;
    domain::CheckInCommand d1AtB = scan("D1", "b1-" + id, 0, direction);
    domain::CheckInCommand d2AtB = scan("D2", "b2-" + id, 0, direction);
    d1AtB.deviceId = d2AtB.deviceId = m_kiosk2;
    std::latch start(2);
    std::future<std::vector<absl::StatusOr<domain::CheckInResult>>> atA = std::async(std::launch::async, [&] {
      start.arrive_and_wait();
      return a.checkInTogether({scan("D1", "a1-" + id, 0, direction), scan("D2", "a2-" + id, 0, direction)});
    });
    std::future<std::vector<absl::StatusOr<domain::CheckInResult>>> atB = std::async(std::launch::async, [&] {
      start.arrive_and_wait();
      return b.checkInTogether({d2AtB, d1AtB});
    });
    ASSERT_EQ(atA.wait_for(std::chrono::seconds(60)), std::future_status::ready) << "trial " << trial;
    ASSERT_EQ(atB.wait_for(std::chrono::seconds(60)), std::future_status::ready) << "trial " << trial;
    const std::vector<std::string> here = outcomes(atA.get());
    const std::vector<std::string> there = outcomes(atB.get());
    // Each delegate moves once: one of the two scans of each does, the other finds it done.
    const std::string moved = direction == Direction::In ? "ADMITTED" : "CHECKED_OUT";
    ASSERT_EQ((here[0] == moved) + (there[1] == moved), 1)
        << "trial " << trial << ": D1 " << here[0] << ", " << there[1];
    ASSERT_EQ((here[1] == moved) + (there[0] == moved), 1)
        << "trial " << trial << ": D2 " << here[1] << ", " << there[0];
  }
}

// checkInAsync answers on a store thread once the check-in is logged, never on its caller's
// thread, which it never holds up: here the delegate's row is locked by another transaction.
TEST_P(CheckInThreadsTest, AsyncCheckInsWaitOnAStoreThreadNotOnTheCaller) {
  pqxx::connection locker(m_path);
  pqxx::work lock(locker);
  lock.exec_params("SELECT id FROM delegate WHERE id = $1 FOR UPDATE", idOf("D4"));

  std::mutex mutex;
  std::condition_variable answered;
  std::optional<absl::StatusOr<domain::CheckInResult>> result;
  std::thread::id answeredOn;
  std::future<void> submitted = std::async(std::launch::async, [&] {
    m_store->checkInAsync(scan("D4", "async"), [&](absl::StatusOr<domain::CheckInResult> r) {
      std::lock_guard guard(mutex);
      result = std::move(r);
      answeredOn = std::this_thread::get_id();
      answered.notify_all();
    });
  });
  const bool returned = submitted.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  bool answeredWhileLocked = false;
  {
    std::lock_guard guard(mutex);
    answeredWhileLocked = result.has_value();
  }
  lock.commit();  // Lets the check-in go on, whatever the assertions below find.
  EXPECT_TRUE(returned) << "checkInAsync waited for the locked row";
  EXPECT_FALSE(answeredWhileLocked) << "answered before the check-in could be logged";
  std::unique_lock guard(mutex);
  ASSERT_TRUE(answered.wait_for(guard, std::chrono::seconds(30), [&] { return result.has_value(); }));
  ASSERT_TRUE(result->ok()) << result->status();
  EXPECT_EQ((*result)->decision.outcome, CheckInOutcome::Admitted);
  EXPECT_NE(answeredOn, std::this_thread::get_id());
}

}  // namespace
}  // namespace lanyard::server::storage
