// The EventStore's check-ins, on both backends: once per delegate, idempotent retries, durable and
// concurrent, exits and re-entries, session doors, the staff PIN; and SQLite's WAL under a steady
// stream of them.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "domain/staff_pin.h"
#include "event_store_fixture.h"
#include "storage/sqlite_event_store.h"

namespace lanyard::server::storage {
namespace {

using domain::CheckInOutcome;
using domain::Direction;

class CheckInTest : public EventStoreTest {};
INSTANTIATE_BACKENDS(CheckInTest);

TEST_P(CheckInTest, AdmitsOnceThenSaysWhenAndWhere) {
  EXPECT_EQ(outcomeOf(scan("D1", "a")), CheckInOutcome::Admitted);
  m_now += kMinute;
  absl::StatusOr<domain::CheckInResult> second = m_store->checkIn(scan("D1", "b"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->decision.outcome, CheckInOutcome::AlreadyCheckedIn);
  ASSERT_TRUE(second->decision.previous.has_value());
  EXPECT_EQ(second->decision.previous->deviceName, "kiosk-1");
  EXPECT_EQ(second->decision.previous->serverTimeUs, kConferenceMorning);
}

TEST_P(CheckInTest, RetryReturnsTheFirstAnswerAndCountsOnce) {
  absl::StatusOr<domain::CheckInResult> first = m_store->checkIn(scan("D1", "same"));
  ASSERT_TRUE(first.ok());
  m_now += kMinute;
  absl::StatusOr<domain::CheckInResult> retry = m_store->checkIn(scan("D1", "same"));
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->decision.outcome, CheckInOutcome::Admitted);
  EXPECT_EQ(retry->checkInId, first->checkInId);
  EXPECT_EQ(retry->serverTimeUs, first->serverTimeUs);
  absl::StatusOr<std::vector<domain::CheckInRecord>> checkIns = m_store->checkIns(idOf("D1"), domain::Page{});
  ASSERT_TRUE(checkIns.ok());
  EXPECT_EQ(checkIns->size(), 1u);
}

TEST_P(CheckInTest, SameRequestIdFromAnotherDeviceIsAnotherRequest) {
  EXPECT_EQ(outcomeOf(scan("D1", "r")), CheckInOutcome::Admitted);
  domain::CheckInCommand other = scan("D1", "r");
  other.deviceId = m_kiosk2;
  EXPECT_EQ(outcomeOf(other), CheckInOutcome::AlreadyCheckedIn);
}

TEST_P(CheckInTest, ConcurrentScansOfOneCodeAdmitExactlyOne) {
  constexpr int kThreads = 16;
  std::atomic<int> admitted{0};
  std::atomic<int> already{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  const domain::CheckInCommand base = scan("D2", "");
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      domain::CheckInCommand command = base;
      command.requestId = "concurrent-" + std::to_string(i);
      command.deviceId = i % 2 == 0 ? m_kiosk : m_kiosk2;
      absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
      if (!result.ok()) {
        ++failed;
      } else if (result->decision.outcome == CheckInOutcome::Admitted) {
        ++admitted;
      } else if (result->decision.outcome == CheckInOutcome::AlreadyCheckedIn) {
        ++already;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(admitted, 1);
  EXPECT_EQ(already, kThreads - 1);
}

TEST_P(CheckInTest, AsyncCheckInsAreAnsweredOnceEachAfterTheyAreDurable) {
  // Submitted from one thread without waiting, as the CheckIn RPC does: one scan admits D2 and
  // the others find it already checked in, each answered exactly once.
  constexpr int kScans = 40;
  std::mutex mutex;
  std::condition_variable answered;
  std::vector<std::optional<absl::StatusOr<domain::CheckInResult>>> results(kScans);
  int answers = 0;
  for (int i = 0; i < kScans; ++i) {
    m_store->checkInAsync(scan("D2", "async-" + std::to_string(i)), [&, i](absl::StatusOr<domain::CheckInResult> r) {
      std::lock_guard lock(mutex);
      EXPECT_FALSE(results[i].has_value()) << "scan " << i << " was answered twice";
      results[i] = std::move(r);
      ++answers;
      answered.notify_all();
    });
  }
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(answered.wait_for(lock, std::chrono::seconds(30), [&] { return answers >= kScans; }));
  }
  int admitted = 0;
  for (const auto& result : results) {
    ASSERT_TRUE(result.has_value() && result->ok()) << (result ? result->status() : absl::UnknownError("none"));
    ASSERT_TRUE((*result)->delegate.has_value());
    EXPECT_EQ((*result)->delegate->externalRef, "D2");
    if ((*result)->decision.outcome == CheckInOutcome::Admitted) ++admitted;
  }
  EXPECT_EQ(admitted, 1);

  // A retry after reopening gets the first answer back: each was logged before it was given.
  reopen();
  for (int i = 0; i < kScans; ++i) {
    absl::StatusOr<domain::CheckInResult> retry = m_store->checkIn(scan("D2", "async-" + std::to_string(i)));
    ASSERT_TRUE(retry.ok()) << retry.status();
    EXPECT_EQ(retry->checkInId, (*results[i])->checkInId) << "scan " << i;
  }
}

TEST_F(SqliteEventStoreTest, ASteadyStreamOfCheckInsDoesNotMakeTheWalEverLonger) {
  // A few scans always in flight, as at a busy entrance: commits follow each other closely, and
  // the WAL must still start over after checkpoints instead of growing with every commit.
  constexpr int kScans = 3000;
  constexpr int kInFlight = 4;
  constexpr std::uintmax_t kPageBytes = 4096;  // SQLite's default page size.
  std::mutex mutex;
  std::condition_variable answered;
  int submitted = 0;
  int answers = 0;
  int failures = 0;
  while (true) {
    std::unique_lock lock(mutex);
    if (!answered.wait_for(lock, std::chrono::seconds(30), [&] {
          return answers == kScans || (submitted < kScans && submitted - answers < kInFlight);
        })) {
      lock.unlock();
      m_store.reset();  // Answers what is still queued while the callbacks' state is alive.
      FAIL() << answers << " of " << submitted << " scans answered after 30 s";
    }
    if (answers == kScans) break;
    const int i = submitted++;
    lock.unlock();
    m_store->checkInAsync(scan(i % 2 == 0 ? "D1" : "D2", "steady-" + std::to_string(i)),
                          [&](absl::StatusOr<domain::CheckInResult> r) {
                            std::lock_guard answeredLock(mutex);
                            if (!r.ok()) ++failures;
                            ++answers;
                            answered.notify_all();
                          });
  }
  EXPECT_EQ(failures, 0);
  // Every scan was logged: the WAL saw far more pages than it may hold (the checkpointer starts
  // at 1,000). A WAL file never shrinks, so its size now is the most it ever held.
  const std::uintmax_t walPages = std::filesystem::file_size(m_path + "-wal") / kPageBytes;
  EXPECT_LT(walPages, 3000U);
}

TEST_P(CheckInTest, TheStaffPinSurvivesReopeningAndWrongOnesLockAKioskOutForAWhile) {
  EXPECT_TRUE(m_store->staffPinHash().empty());
  ASSERT_TRUE(m_store->setStaffPinHash(*domain::hashStaffPin("2468", m_store->event().publicKey)).ok());
  reopen();
  domain::StaffPinGuard guard(*m_store, clock());
  EXPECT_TRUE(guard.check(m_kiosk, "2468").ok());
  for (int i = 0; i < domain::StaffPinGuard::kMaxWrongPins; ++i) {
    m_now += kMinute;
    EXPECT_TRUE(absl::IsPermissionDenied(guard.check(m_kiosk, "8642")));
  }
  const absl::Status locked = guard.check(m_kiosk, "2468");
  EXPECT_TRUE(absl::IsResourceExhausted(locked)) << locked;
  EXPECT_NE(locked.message().find("11 minutes"), std::string_view::npos)
      << locked << ": the first miss was 4 minutes ago";
  EXPECT_TRUE(guard.check(m_kiosk2, "2468").ok()) << "another kiosk is not locked out";
  // Once the first wrong PIN is older than the window, one more try is allowed.
  m_now += domain::StaffPinGuard::kLockoutWindowUs - 4 * kMinute;
  EXPECT_TRUE(guard.check(m_kiosk, "2468").ok());

  ASSERT_TRUE(m_store->setStaffPinHash("").ok());
  reopen();
  domain::StaffPinGuard after(*m_store, clock());
  EXPECT_TRUE(absl::IsFailedPrecondition(after.check(m_kiosk, "2468")));
}

TEST_P(CheckInTest, AcknowledgedCheckInsSurviveReopening) {
  absl::StatusOr<domain::CheckInResult> first = m_store->checkIn(scan("D3", "x"));
  ASSERT_TRUE(first.ok());
  reopen();
  absl::StatusOr<domain::CheckInResult> retry = m_store->checkIn(scan("D3", "x"));
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->checkInId, first->checkInId);
  EXPECT_EQ(outcomeOf(scan("D3", "y")), CheckInOutcome::AlreadyCheckedIn);
}

TEST_P(CheckInTest, ExitAndReentryKeepInsideNowRight) {
  EXPECT_EQ(outcomeOf(scan("D1", "in")), CheckInOutcome::Admitted);
  EXPECT_EQ(outcomeOf(scan("D1", "out", 0, Direction::Out)), CheckInOutcome::CheckedOut);
  EXPECT_EQ(outcomeOf(scan("D1", "out-again", 0, Direction::Out)), CheckInOutcome::NotCheckedIn);
  absl::StatusOr<domain::CheckInResult> back = m_store->checkIn(scan("D1", "back"));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->decision.outcome, CheckInOutcome::Admitted);
  EXPECT_TRUE(back->decision.reentry);
}

TEST_P(CheckInTest, AdmitsAgainOnTheSecondDay) {
  EXPECT_EQ(outcomeOf(scan("D1", "day1")), CheckInOutcome::Admitted);
  m_now += 24 * 60 * kMinute;
  absl::StatusOr<domain::CheckInResult> day2 = m_store->checkIn(scan("D1", "day2"));
  ASSERT_TRUE(day2.ok());
  EXPECT_EQ(day2->decision.outcome, CheckInOutcome::Admitted);
  EXPECT_FALSE(day2->decision.reentry);
}

TEST_P(CheckInTest, EnteringASessionChecksOutOfThePreviousRoom) {
  const std::int64_t plenary = addSession("S1", 0, false);
  const std::int64_t workshop = addSession("S2", 0, false);
  EXPECT_EQ(outcomeOf(scan("D1", "p", plenary)), CheckInOutcome::Admitted);
  absl::StatusOr<domain::CheckInResult> moved = m_store->checkIn(scan("D1", "w", workshop));
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->decision.outcome, CheckInOutcome::Admitted);
  EXPECT_EQ(moved->decision.leaveSessionId, plenary);
  absl::StatusOr<std::vector<domain::SessionOccupancy>> sessions = m_store->listSessions();
  ASSERT_TRUE(sessions.ok());
  for (const auto& occupancy : *sessions) {
    EXPECT_EQ(occupancy.insideNow, occupancy.session.id == workshop ? 1 : 0) << occupancy.session.title;
  }
}

// Someone who leaves the venue is no longer in the workshop; its seat is free for the next person.
TEST_P(CheckInTest, LeavingTheVenueLeavesTheRoomAndFreesItsSeat) {
  const std::int64_t room = addSession("S1", 1, false);
  EXPECT_EQ(outcomeOf(scan("D1", "in")), CheckInOutcome::Admitted);
  EXPECT_EQ(outcomeOf(scan("D1", "room", room)), CheckInOutcome::Admitted);
  EXPECT_EQ(outcomeOf(scan("D2", "full", room)), CheckInOutcome::SessionFull);

  absl::StatusOr<domain::CheckInResult> left = m_store->checkIn(scan("D1", "out", 0, Direction::Out));

  ASSERT_TRUE(left.ok()) << left.status();
  EXPECT_EQ(left->decision.outcome, CheckInOutcome::CheckedOut);
  EXPECT_EQ(left->decision.leaveSessionId, room);
  EXPECT_EQ(outcomeOf(scan("D2", "seat", room)), CheckInOutcome::Admitted);
  EXPECT_EQ(outcomeOf(scan("D1", "out-again", 0, Direction::Out)), CheckInOutcome::NotCheckedIn);
}

TEST_P(CheckInTest, SessionCapacityCountsWhoIsInside) {
  const std::int64_t room = addSession("S1", 1, false);
  EXPECT_EQ(outcomeOf(scan("D1", "1", room)), CheckInOutcome::Admitted);
  EXPECT_EQ(outcomeOf(scan("D2", "2", room)), CheckInOutcome::SessionFull);
  EXPECT_EQ(outcomeOf(scan("D1", "3", room, Direction::Out)), CheckInOutcome::CheckedOut);
  EXPECT_EQ(outcomeOf(scan("D2", "4", room)), CheckInOutcome::Admitted);
}

TEST_P(CheckInTest, RegistrationRequiredSessionAdmitsOnlyRegisteredDelegates) {
  const std::int64_t room = addSession("S9", 0, true);
  domain::DelegateImport registration;
  registration.delegates = {person("D6", "Simona", "Bieliūnė", "Vilnius", "simona.bieliune@vilnius.example")};
  registration.registrations = {{"S9", "D6"}};
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(registration);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->registrations, 1);
  EXPECT_EQ(outcomeOf(scan("D1", "1", room)), CheckInOutcome::NotRegistered);
  EXPECT_EQ(outcomeOf(scan("D6", "2", room)), CheckInOutcome::Admitted);
}

TEST_P(CheckInTest, SessionDoorRefusesOutsideItsTimeWindow) {
  const std::int64_t room = addSession("S1", 0, false);
  m_now = kConferenceMorning - 60 * kMinute;
  EXPECT_EQ(outcomeOf(scan("D1", "early", room)), CheckInOutcome::OutsideTimeWindow);
  m_now = kConferenceMorning - 10 * kMinute;
  EXPECT_EQ(outcomeOf(scan("D1", "grace", room)), CheckInOutcome::Admitted);
}

// Text that is neither a Lanyard code nor a ticket code is logged as unknown whatever its bytes, as
// much of it as the log keeps (256 bytes): PostgreSQL's text holds neither NUL nor invalid UTF-8,
// and a cut must not split a character.
TEST_P(CheckInTest, AnUnknownCodeIsLoggedWhateverItsBytes) {
  const std::string codes[] = {std::string("pretix\0secret", 13), "\xff\xfe not UTF-8", std::string(300, 'x'),
                               std::string(255, 'x') + "\xc3\xa9"};
  std::int64_t previousId = 0;
  for (const std::string& code : codes) {
    domain::CheckInCommand command = scan("D1", "code-" + std::to_string(previousId));
    command.subject = domain::subject::Ticket{code};
    absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->decision.outcome, CheckInOutcome::UnknownCode);
    EXPECT_GT(result->checkInId, previousId) << "logged";
    previousId = result->checkInId;
  }
}

TEST_P(CheckInTest, UnknownSessionIsNotFound) {
  absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(scan("D1", "x", 999));
  EXPECT_TRUE(absl::IsNotFound(result.status())) << result.status();
}

}  // namespace
}  // namespace lanyard::server::storage
