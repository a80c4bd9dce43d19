#include "live/attendance_hub.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "storage/sqlite_event_store.h"
#include "support/temp_dir.h"
#include "support/test_event.h"

namespace lanyard::server::live {
namespace {

using domain::CheckInOutcome;
using domain::Direction;
using Kind = Watcher::Step::Kind;

// 2026-05-12 09:00 in Prague (07:00 UTC).
constexpr domain::TimeUs kConferenceMorning = 1'778'569'200LL * 1'000'000;
constexpr domain::TimeUs kMinute = 60LL * 1'000'000;

std::chrono::steady_clock::time_point soon() { return std::chrono::steady_clock::now() + std::chrono::seconds(30); }

class AttendanceHubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_path = m_dir.file("event.db");
    ASSERT_TRUE(storage::SqliteEventStore::initialise(m_path, lanyard::testing::testEvent(), clock()).ok());
    openStore();
    m_kiosk = m_store->createDevice("kiosk-1", domain::Role::Kiosk)->device;
    domain::DelegateImport data;
    for (int i = 1; i <= 5; ++i) {
      domain::Delegate d;
      d.externalRef = "D" + std::to_string(i);
      d.givenName = "Delegate";
      d.familyName = std::to_string(i);
      d.category = i == 5 ? "speaker" : "delegate";
      data.delegates.push_back(d);
    }
    ASSERT_TRUE(m_store->importDelegates(data).ok());
    startHub();
  }

  void TearDown() override {
    m_hub.reset();
    m_store.reset();
  }

  domain::Clock clock() {
    return [this] { return m_now.load(); };
  }

  void openStore() {
    absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> store = storage::SqliteEventStore::open(m_path, clock());
    ASSERT_TRUE(store.ok()) << store.status();
    m_store = std::move(*store);
  }

  void startHub(HubOptions options = {}) {
    m_hub.reset();
    absl::StatusOr<std::unique_ptr<AttendanceHub>> hub = AttendanceHub::start(*m_store, clock(), options);
    ASSERT_TRUE(hub.ok()) << hub.status();
    m_hub = std::move(*hub);
  }

  void restart(HubOptions options = {}) {
    m_hub.reset();
    m_store.reset();
    openStore();
    startHub(options);
  }

  std::int64_t idOf(int number) { return m_store->delegateByExternalRef("D" + std::to_string(number))->id; }

  void scan(int number, const std::string& requestId, std::int64_t sessionId = 0, Direction direction = Direction::In) {
    domain::CheckInCommand command;
    command.deviceId = m_kiosk.id;
    command.requestId = requestId;
    command.scanTimeUs = m_now.load();
    command.sessionId = sessionId;
    command.direction = direction;
    command.subject = domain::subject::Badge{idOf(number), 1};
    absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
    ASSERT_TRUE(result.ok()) << result.status();
  }

  // Steps `watcher` until it has handed out everything up to `sequence`; returns the sequence numbers
  // in the order handed out, and counts resyncs.
  std::vector<std::int64_t> drain(Watcher& watcher, std::int64_t sequence, int* resyncs = nullptr) {
    std::vector<std::int64_t> seen;
    while (watcher.position() < sequence) {
      absl::StatusOr<Watcher::Step> step = watcher.next(soon());
      EXPECT_TRUE(step.ok()) << step.status();
      if (!step.ok() || step->kind == Kind::Stopped || step->kind == Kind::Idle) {
        ADD_FAILURE() << "the watcher stalled at " << watcher.position();
        break;
      }
      if (step->kind == Kind::Resync && resyncs != nullptr) ++*resyncs;
      for (const auto& activity : step->activities) seen.push_back(activity->sequence);
    }
    return seen;
  }

  static std::vector<std::int64_t> range(std::int64_t first, std::int64_t last) {
    std::vector<std::int64_t> numbers;
    for (std::int64_t n = first; n <= last; ++n) numbers.push_back(n);
    return numbers;
  }

  lanyard::testing::TempDir m_dir;
  std::string m_path;
  std::atomic<domain::TimeUs> m_now{kConferenceMorning};
  std::unique_ptr<storage::SqliteEventStore> m_store;
  std::unique_ptr<AttendanceHub> m_hub;
  domain::Device m_kiosk;
};

TEST_F(AttendanceHubTest, SummaryIncludesACheckInAsSoonAsItIsAnswered) {
  EXPECT_EQ(m_hub->summary().registered, 5);
  EXPECT_EQ(m_hub->summary().checkedIn, 0);
  scan(1, "a");
  const domain::AttendanceSummary s = m_hub->summary();
  EXPECT_EQ(s.checkedIn, 1);
  EXPECT_EQ(s.insideNow, 1);
  EXPECT_EQ(s.sequence, m_hub->sequence());
}

TEST_F(AttendanceHubTest, RebuildsTheSameSummaryFromTheLogAfterARestart) {
  scan(1, "1");
  scan(2, "2");
  scan(1, "3", 0, Direction::Out);
  scan(1, "4");
  ASSERT_TRUE(m_store->cancelDelegate(idOf(4)).ok());
  domain::BadgePrintRecord print;
  print.delegateId = idOf(2);
  print.deviceId = m_kiosk.id;
  print.error = "media-empty";
  ASSERT_TRUE(m_store->recordPrint(print).ok());
  const domain::AttendanceSummary live = m_hub->summary();

  restart();
  const domain::AttendanceSummary replayed = m_hub->summary();
  EXPECT_EQ(replayed.sequence, live.sequence);
  EXPECT_EQ(replayed.registered, 4);
  EXPECT_EQ(replayed.registered, live.registered);
  EXPECT_EQ(replayed.checkedIn, live.checkedIn);
  EXPECT_EQ(replayed.insideNow, 2);
  EXPECT_EQ(replayed.insideNow, live.insideNow);
  EXPECT_EQ(replayed.cancelled, 1);
  EXPECT_EQ(replayed.printFailures, 1);
  ASSERT_EQ(replayed.arrivals.size(), live.arrivals.size());
  EXPECT_EQ(replayed.arrivals[0].arrivals, 2);
  ASSERT_EQ(replayed.kiosks.size(), 1u);
  EXPECT_EQ(replayed.kiosks[0].lastPrintError, "media-empty");
  EXPECT_EQ(replayed.kiosks[0].scans, live.kiosks[0].scans);
}

TEST_F(AttendanceHubTest, WatcherGetsEveryActivityOnceInOrder) {
  absl::StatusOr<std::unique_ptr<Watcher>> watcher = m_hub->watch(std::nullopt);
  ASSERT_TRUE(watcher.ok());
  const std::int64_t start = (*watcher)->snapshot().sequence;
  EXPECT_EQ((*watcher)->position(), start);
  for (int i = 1; i <= 5; ++i) scan(i, "r" + std::to_string(i));
  EXPECT_EQ(drain(**watcher, m_hub->sequence()), range(start + 1, start + 5));
  absl::StatusOr<Watcher::Step> idle = (*watcher)->next(std::chrono::steady_clock::now());
  ASSERT_TRUE(idle.ok());
  EXPECT_EQ(idle->kind, Kind::Idle);
}

TEST_F(AttendanceHubTest, AWatcherHandsItsSnapshotOverAndKeepsNoCopy) {
  scan(1, "r1");
  absl::StatusOr<std::unique_ptr<Watcher>> watcher = m_hub->watch(std::nullopt);
  ASSERT_TRUE(watcher.ok());
  const domain::AttendanceSummary taken = (*watcher)->takeSnapshot();
  EXPECT_EQ(taken.sequence, m_hub->sequence());
  ASSERT_EQ(taken.kiosks.size(), 1u);
  EXPECT_TRUE((*watcher)->snapshot().kiosks.empty());
  EXPECT_TRUE((*watcher)->snapshot().categories.empty());
  EXPECT_EQ((*watcher)->position(), taken.sequence) << "the watcher goes on from where it was";
}

TEST_F(AttendanceHubTest, WatcherResumingFromLongAgoCatchesUpFromTheLogWithoutResync) {
  HubOptions small;
  small.recentCapacity = 2;
  small.maxBatch = 3;
  restart(small);
  for (int i = 1; i <= 5; ++i) scan(i, "r" + std::to_string(i));
  absl::StatusOr<std::unique_ptr<Watcher>> watcher = m_hub->watch(1);
  ASSERT_TRUE(watcher.ok());
  EXPECT_EQ((*watcher)->snapshot().sequence, m_hub->sequence()) << "the snapshot is of now";
  int resyncs = 0;
  EXPECT_EQ(drain(**watcher, m_hub->sequence(), &resyncs), range(2, m_hub->sequence()));
  EXPECT_EQ(resyncs, 0);
}

TEST_F(AttendanceHubTest, WatcherThatFallsBehindIsResyncedAndMissesNothing) {
  HubOptions small;
  small.recentCapacity = 4;
  small.maxBatch = 3;
  restart(small);
  absl::StatusOr<std::unique_ptr<Watcher>> watcher = m_hub->watch(std::nullopt);
  ASSERT_TRUE(watcher.ok());
  const std::int64_t start = (*watcher)->position();
  for (int round = 0; round < 4; ++round) {
    for (int i = 1; i <= 5; ++i) {
      scan(i, "r" + std::to_string(round) + "-" + std::to_string(i), 0,
           round % 2 == 0 ? Direction::In : Direction::Out);
    }
  }
  EXPECT_EQ(m_hub->stats().slowestPosition, start);
  int resyncs = 0;
  absl::StatusOr<Watcher::Step> first = (*watcher)->next(soon());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->kind, Kind::Resync);
  EXPECT_EQ(first->resyncAfter, start);
  EXPECT_EQ(drain(**watcher, m_hub->sequence(), &resyncs), range(start + 1, m_hub->sequence()));
  EXPECT_EQ(resyncs, 0) << "one resync per fall";
  EXPECT_EQ(m_hub->stats().resyncs, 1);
  scan(1, "later");
  EXPECT_EQ(drain(**watcher, m_hub->sequence()), std::vector<std::int64_t>{m_hub->sequence()});
}

TEST_F(AttendanceHubTest, RefusesAPositionNewerThanTheLog) {
  EXPECT_TRUE(absl::IsOutOfRange(m_hub->watch(m_hub->sequence() + 1).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(m_hub->watch(-1).status()));
  EXPECT_TRUE(m_hub->watch(m_hub->sequence()).ok());
  EXPECT_TRUE(m_hub->watch(0).ok());
}

TEST_F(AttendanceHubTest, StoppingEndsAWaitingWatcher) {
  absl::StatusOr<std::unique_ptr<Watcher>> watcher = m_hub->watch(std::nullopt);
  ASSERT_TRUE(watcher.ok());
  std::future<Kind> waiting = std::async(std::launch::async, [&] {
    absl::StatusOr<Watcher::Step> step = (*watcher)->next(std::chrono::steady_clock::now() + std::chrono::hours(1));
    return step.ok() ? step->kind : Kind::Idle;
  });
  m_hub->stopWatchers();
  ASSERT_EQ(waiting.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_EQ(waiting.get(), Kind::Stopped);
  EXPECT_TRUE(absl::IsUnavailable(m_hub->watch(std::nullopt).status()));
}

TEST_F(AttendanceHubTest, OnChangeHearsEachCommitOnceWhateverTheNumberOfWatchersAndTheStop) {
  std::atomic<int> changes{0};
  m_hub->addOnChange(this, [&changes] { ++changes; });
  std::vector<std::unique_ptr<Watcher>> watchers;
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<std::unique_ptr<Watcher>> watcher = m_hub->watch(std::nullopt);
    ASSERT_TRUE(watcher.ok());
    watchers.push_back(std::move(*watcher));
  }
  // The store tells its listener before it answers the writer, so each count is final on return.
  scan(1, "a");
  EXPECT_EQ(changes.load(), 1);
  scan(2, "b");
  EXPECT_EQ(changes.load(), 2);
  m_hub->stopWatchers();
  EXPECT_EQ(changes.load(), 3);
  m_hub->removeOnChange(this);
  EXPECT_NO_FATAL_FAILURE(scan(3, "c"));
  EXPECT_EQ(changes.load(), 3);
}

TEST_F(AttendanceHubTest, EveryOwnersOnChangeHearsEachCommitUntilRemoved) {
  std::atomic<int> first{0};
  std::atomic<int> second{0};
  int firstOwner = 0;
  int secondOwner = 0;
  m_hub->addOnChange(&firstOwner, [&first] { ++first; });
  m_hub->addOnChange(&secondOwner, [&second] { ++second; });
  scan(1, "a");
  EXPECT_EQ(first.load(), 1);
  EXPECT_EQ(second.load(), 1);
  // Adding again replaces the owner's callback rather than calling it twice.
  m_hub->addOnChange(&firstOwner, [&first] { first += 10; });
  scan(2, "b");
  EXPECT_EQ(first.load(), 11);
  EXPECT_EQ(second.load(), 2);
  m_hub->removeOnChange(&firstOwner);
  scan(3, "c");
  EXPECT_EQ(first.load(), 11);
  EXPECT_EQ(second.load(), 3);
  m_hub->removeOnChange(&secondOwner);
  scan(4, "d");
  EXPECT_EQ(second.load(), 3);
}

TEST_F(AttendanceHubTest, OnlyHeartbeatsThatChangeSomethingOrKeepAliveAreLogged) {
  EXPECT_TRUE(m_hub->noteHeartbeat(m_kiosk, domain::PrinterStatus::Ok, ""));
  domain::KioskStatusRecord record;
  record.deviceId = m_kiosk.id;
  record.printerStatus = domain::PrinterStatus::Ok;
  ASSERT_TRUE(m_store->recordKioskStatus(record).ok());
  m_now += 5'000'000;
  EXPECT_FALSE(m_hub->noteHeartbeat(m_kiosk, domain::PrinterStatus::Ok, ""));
  EXPECT_EQ(m_hub->summary().kiosks.at(0).lastSeenUs, m_now.load()) << "still alive";
  EXPECT_TRUE(m_hub->noteHeartbeat(m_kiosk, domain::PrinterStatus::PaperOut, "media-empty"));
  m_now += kMinute;
  EXPECT_TRUE(m_hub->noteHeartbeat(m_kiosk, domain::PrinterStatus::Ok, "")) << "the keep-alive is due";
}

TEST_F(AttendanceHubTest, OneHubPerStore) {
  absl::StatusOr<std::unique_ptr<AttendanceHub>> second = AttendanceHub::start(*m_store, clock());
  EXPECT_TRUE(absl::IsFailedPrecondition(second.status())) << second.status();
  m_hub.reset();
  second = AttendanceHub::start(*m_store, clock());
  EXPECT_TRUE(second.ok()) << second.status();
}

TEST_F(AttendanceHubTest, ImportsUpdateRegisteredAndSessions) {
  domain::Session s;
  s.externalRef = "S1";
  s.title = "Plenary";
  s.startUs = kConferenceMorning;
  s.endUs = kConferenceMorning + 60 * kMinute;
  s.capacity = 50;
  ASSERT_TRUE(m_store->importSessions({s}).ok());
  domain::DelegateImport data;
  domain::Delegate d;
  d.externalRef = "D6";
  d.givenName = "Six";
  d.category = "press";
  data.delegates.push_back(d);
  data.registrations.push_back({"S1", "D6"});
  ASSERT_TRUE(m_store->importDelegates(data).ok());
  const domain::AttendanceSummary summary = m_hub->summary();
  EXPECT_EQ(summary.registered, 6);
  ASSERT_EQ(summary.sessions.size(), 1u);
  EXPECT_EQ(summary.sessions[0].session.title, "Plenary");
  EXPECT_EQ(summary.sessions[0].registered, 1);
  EXPECT_EQ(summary.sessions[0].session.capacity, 50);
}

}  // namespace
}  // namespace lanyard::server::live
