#include "storage/sqlite_event_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "domain/staff_pin.h"
#include "domain/str_cat.h"
#include "support/temp_dir.h"
#include "support/test_event.h"

namespace lanyard::server::storage {
namespace {

using domain::CheckInOutcome;
using domain::Delegate;
using domain::Direction;

constexpr domain::TimeUs kMinute = 60LL * 1'000'000;
// 2026-05-12 09:00 in Prague (07:00 UTC).
constexpr domain::TimeUs kConferenceMorning = 1'778'569'200LL * 1'000'000;

Delegate person(std::string ref, std::string given, std::string family, std::string city, std::string email = "") {
  Delegate d;
  d.externalRef = std::move(ref);
  d.givenName = std::move(given);
  d.familyName = std::move(family);
  d.city = std::move(city);
  d.organisation = "City of " + d.city;
  d.category = "delegate";
  d.email = std::move(email);
  return d;
}

class SqliteEventStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_path = m_dir.file("event.db");
    absl::StatusOr<std::string> adminToken =
        SqliteEventStore::initialise(m_path, lanyard::testing::testEvent(), clock());
    ASSERT_TRUE(adminToken.ok()) << adminToken.status();
    m_adminToken = *adminToken;
    reopen();

    absl::StatusOr<domain::CreatedDevice> kiosk = m_store->createDevice("kiosk-1", domain::Role::Kiosk);
    ASSERT_TRUE(kiosk.ok()) << kiosk.status();
    m_kiosk = kiosk->device.id;
    absl::StatusOr<domain::CreatedDevice> kiosk2 = m_store->createDevice("kiosk-2", domain::Role::Kiosk);
    ASSERT_TRUE(kiosk2.ok());
    m_kiosk2 = kiosk2->device.id;

    domain::DelegateImport data;
    data.delegates = {
        person("D1", "Antonín", "Dvořák", "Prague", "antonin@praha.example"),
        person("D2", "Anna", "Müller", "Düsseldorf", "anna@duesseldorf.example"),
        person("D3", "Тарас", "Шевченко", "Kyiv", "taras@kyiv.example"),
        person("D4", "Li", "Na", "Milan", "li.na@milan.example"),
        person("D5", "Ignacy", "Łukasiewicz", "Kraków"),
        person("D6", "Simona", "Bieliūnė", "Vilnius", "simona.bieliune@vilnius.example"),
        person("D7", "Lisa", "Lindqvist", "Stockholm"),
        person("D8", "Hans", "Straße", "Berlin"),
    };
    data.delegates[1].externalTicketCode = "pretixsecret0001";
    ASSERT_TRUE(m_store->importDelegates(data).ok());
  }

  domain::Clock clock() {
    return [this] { return m_now.load(); };
  }

  void reopen() {
    m_store.reset();
    absl::StatusOr<std::unique_ptr<SqliteEventStore>> store = SqliteEventStore::open(m_path, clock());
    ASSERT_TRUE(store.ok()) << store.status();
    m_store = std::move(*store);
  }

  std::int64_t idOf(const std::string& ref) {
    absl::StatusOr<Delegate> d = m_store->delegateByExternalRef(ref);
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? d->id : 0;
  }

  domain::CheckInCommand scan(const std::string& ref, const std::string& requestId, std::int64_t sessionId = 0,
                              Direction direction = Direction::In) {
    domain::CheckInCommand command;
    command.deviceId = m_kiosk;
    command.requestId = requestId;
    command.scanTimeUs = m_now.load();
    command.sessionId = sessionId;
    command.direction = direction;
    command.subject = domain::subject::Badge{idOf(ref), 1};
    return command;
  }

  CheckInOutcome outcomeOf(const domain::CheckInCommand& command) {
    absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? result->decision.outcome : CheckInOutcome::UnknownCode;
  }

  std::int64_t addSession(const std::string& ref, std::int32_t capacity, bool registrationRequired) {
    domain::Session s;
    s.externalRef = ref;
    s.title = "Session " + ref;
    s.room = "Room " + ref;
    s.startUs = kConferenceMorning;
    s.endUs = kConferenceMorning + 90 * kMinute;
    s.capacity = capacity;
    s.registrationRequired = registrationRequired;
    EXPECT_TRUE(m_store->importSessions({s}).ok());
    absl::StatusOr<std::vector<domain::SessionOccupancy>> sessions = m_store->listSessions();
    for (const auto& occupancy : *sessions) {
      if (occupancy.session.externalRef == ref) return occupancy.session.id;
    }
    ADD_FAILURE() << "session " << ref << " not stored";
    return 0;
  }

  std::vector<std::string> searchNames(const std::string& query, int limit = 10) {
    absl::StatusOr<std::vector<domain::SearchHit>> hits = m_store->search(query, limit, false);
    EXPECT_TRUE(hits.ok()) << hits.status();
    std::vector<std::string> names;
    if (hits.ok()) {
      for (const auto& hit : *hits) names.push_back(hit.delegate.familyName);
    }
    return names;
  }

  lanyard::testing::TempDir m_dir;  // Declared first: removed after the store closes.
  std::string m_path;
  std::atomic<domain::TimeUs> m_now{kConferenceMorning};
  std::string m_adminToken;
  std::unique_ptr<SqliteEventStore> m_store;
  std::int64_t m_kiosk = 0;
  std::int64_t m_kiosk2 = 0;
};

TEST_F(SqliteEventStoreTest, AdmitsOnceThenSaysWhenAndWhere) {
  EXPECT_EQ(outcomeOf(scan("D1", "a")), CheckInOutcome::Admitted);
  m_now += kMinute;
  absl::StatusOr<domain::CheckInResult> second = m_store->checkIn(scan("D1", "b"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->decision.outcome, CheckInOutcome::AlreadyCheckedIn);
  ASSERT_TRUE(second->decision.previous.has_value());
  EXPECT_EQ(second->decision.previous->deviceName, "kiosk-1");
  EXPECT_EQ(second->decision.previous->serverTimeUs, kConferenceMorning);
}

TEST_F(SqliteEventStoreTest, RetryReturnsTheFirstAnswerAndCountsOnce) {
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

TEST_F(SqliteEventStoreTest, SameRequestIdFromAnotherDeviceIsAnotherRequest) {
  EXPECT_EQ(outcomeOf(scan("D1", "r")), CheckInOutcome::Admitted);
  domain::CheckInCommand other = scan("D1", "r");
  other.deviceId = m_kiosk2;
  EXPECT_EQ(outcomeOf(other), CheckInOutcome::AlreadyCheckedIn);
}

TEST_F(SqliteEventStoreTest, ConcurrentScansOfOneCodeAdmitExactlyOne) {
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

TEST_F(SqliteEventStoreTest, AsyncCheckInsAreAnsweredOnceEachAfterTheyAreDurable) {
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

TEST_F(SqliteEventStoreTest, TheStaffPinSurvivesReopeningAndWrongOnesLockAKioskOutForAWhile) {
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

TEST_F(SqliteEventStoreTest, AcknowledgedCheckInsSurviveReopening) {
  absl::StatusOr<domain::CheckInResult> first = m_store->checkIn(scan("D3", "x"));
  ASSERT_TRUE(first.ok());
  reopen();
  absl::StatusOr<domain::CheckInResult> retry = m_store->checkIn(scan("D3", "x"));
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->checkInId, first->checkInId);
  EXPECT_EQ(outcomeOf(scan("D3", "y")), CheckInOutcome::AlreadyCheckedIn);
}

TEST_F(SqliteEventStoreTest, ExitAndReentryKeepInsideNowRight) {
  EXPECT_EQ(outcomeOf(scan("D1", "in")), CheckInOutcome::Admitted);
  EXPECT_EQ(outcomeOf(scan("D1", "out", 0, Direction::Out)), CheckInOutcome::CheckedOut);
  EXPECT_EQ(outcomeOf(scan("D1", "out-again", 0, Direction::Out)), CheckInOutcome::NotCheckedIn);
  absl::StatusOr<domain::CheckInResult> back = m_store->checkIn(scan("D1", "back"));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->decision.outcome, CheckInOutcome::Admitted);
  EXPECT_TRUE(back->decision.reentry);
}

TEST_F(SqliteEventStoreTest, AdmitsAgainOnTheSecondDay) {
  EXPECT_EQ(outcomeOf(scan("D1", "day1")), CheckInOutcome::Admitted);
  m_now += 24 * 60 * kMinute;
  absl::StatusOr<domain::CheckInResult> day2 = m_store->checkIn(scan("D1", "day2"));
  ASSERT_TRUE(day2.ok());
  EXPECT_EQ(day2->decision.outcome, CheckInOutcome::Admitted);
  EXPECT_FALSE(day2->decision.reentry);
}

TEST_F(SqliteEventStoreTest, EnteringASessionChecksOutOfThePreviousRoom) {
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
TEST_F(SqliteEventStoreTest, LeavingTheVenueLeavesTheRoomAndFreesItsSeat) {
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

TEST_F(SqliteEventStoreTest, SessionCapacityCountsWhoIsInside) {
  const std::int64_t room = addSession("S1", 1, false);
  EXPECT_EQ(outcomeOf(scan("D1", "1", room)), CheckInOutcome::Admitted);
  EXPECT_EQ(outcomeOf(scan("D2", "2", room)), CheckInOutcome::SessionFull);
  EXPECT_EQ(outcomeOf(scan("D1", "3", room, Direction::Out)), CheckInOutcome::CheckedOut);
  EXPECT_EQ(outcomeOf(scan("D2", "4", room)), CheckInOutcome::Admitted);
}

TEST_F(SqliteEventStoreTest, RegistrationRequiredSessionAdmitsOnlyRegisteredDelegates) {
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

TEST_F(SqliteEventStoreTest, SessionDoorRefusesOutsideItsTimeWindow) {
  const std::int64_t room = addSession("S1", 0, false);
  m_now = kConferenceMorning - 60 * kMinute;
  EXPECT_EQ(outcomeOf(scan("D1", "early", room)), CheckInOutcome::OutsideTimeWindow);
  m_now = kConferenceMorning - 10 * kMinute;
  EXPECT_EQ(outcomeOf(scan("D1", "grace", room)), CheckInOutcome::Admitted);
}

TEST_F(SqliteEventStoreTest, UnknownSessionIsNotFound) {
  absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(scan("D1", "x", 999));
  EXPECT_TRUE(absl::IsNotFound(result.status())) << result.status();
}

TEST_F(SqliteEventStoreTest, SearchIgnoresCaseAccentsAndScript) {
  EXPECT_EQ(searchNames("dvorak"), std::vector<std::string>{"Dvořák"});
  EXPECT_EQ(searchNames("DVOŘÁK"), std::vector<std::string>{"Dvořák"});
  EXPECT_EQ(searchNames("muller"), std::vector<std::string>{"Müller"});
  EXPECT_EQ(searchNames("mueller"), std::vector<std::string>{"Müller"});
  EXPECT_EQ(searchNames("shevchenko"), std::vector<std::string>{"Шевченко"});
  EXPECT_EQ(searchNames("lukasiewicz"), std::vector<std::string>{"Łukasiewicz"});
  EXPECT_EQ(searchNames("bieliune"), std::vector<std::string>{"Bieliūnė"});
  EXPECT_EQ(searchNames("strasse"), std::vector<std::string>{"Straße"});
  EXPECT_TRUE(searchNames("nobody").empty());
}

TEST_F(SqliteEventStoreTest, SearchMatchesPrefixesFromTwoLettersBestFirst) {
  const std::vector<std::string> li = searchNames("li");
  ASSERT_GE(li.size(), 2u);
  EXPECT_EQ(li.front(), "Na") << "the exact word \"Li\" must rank before prefixes like Lisa";
  EXPECT_NE(std::find(li.begin(), li.end(), "Lindqvist"), li.end());
  EXPECT_EQ(searchNames("anna mu"), std::vector<std::string>{"Müller"});
  EXPECT_EQ(searchNames("vilni"), std::vector<std::string>{"Bieliūnė"});
  EXPECT_EQ(searchNames("li", 1).size(), 1u);
}

TEST_F(SqliteEventStoreTest, SearchHidesCancelledDelegatesUnlessAsked) {
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D1")).ok());
  EXPECT_TRUE(searchNames("dvorak").empty());
  absl::StatusOr<std::vector<domain::SearchHit>> all = m_store->search("dvorak", 10, true);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

TEST_F(SqliteEventStoreTest, CorrectingANameUpdatesSearch) {
  Delegate d = *m_store->delegate(idOf("D1"));
  d.familyName = "Novák";
  ASSERT_TRUE(m_store->updateDelegate(d, d.version).ok());
  EXPECT_TRUE(searchNames("dvorak").empty());
  EXPECT_EQ(searchNames("novak"), std::vector<std::string>{"Novák"});
}

// "darwish" typed on a Latin keyboard finds the delegate registered as محمد درويش by the Latin
// spelling they gave, as it finds Hussein Darwish.
TEST_F(SqliteEventStoreTest, SearchFindsADelegateByTheirOwnLatinSpelling) {
  domain::DelegateImport data;
  data.delegates = {person("D30", "محمد", "درويش", "Damascus"), person("D31", "Hussein", "Darwish", "Aleppo")};
  data.delegates[0].latinName = "Mohammad Darwish";
  ASSERT_TRUE(m_store->importDelegates(data).ok());
  EXPECT_THAT(searchNames("darwish"), ::testing::UnorderedElementsAre("درويش", "Darwish"));
  EXPECT_EQ(searchNames("mohammad dar"), std::vector<std::string>{"درويش"});
  reopen();
  EXPECT_EQ(searchNames("mohammad"), std::vector<std::string>{"درويش"});
  EXPECT_EQ(m_store->delegate(idOf("D30"))->latinName, "Mohammad Darwish");

  // A spelling corrected at the help desk is found at once, the old one no more, and a re-import
  // of the registration system's old spelling keeps the desk's.
  Delegate corrected = *m_store->delegate(idOf("D30"));
  corrected.latinName = "Muhammad Darwish";
  ASSERT_TRUE(m_store->updateDelegate(corrected, corrected.version).ok());
  EXPECT_EQ(searchNames("muhammad"), std::vector<std::string>{"درويش"});
  EXPECT_TRUE(searchNames("mohammad").empty());
  absl::StatusOr<domain::ImportSummary> again = m_store->importDelegates(data);
  ASSERT_TRUE(again.ok()) << again.status();
  ASSERT_EQ(again->keptCorrections.size(), 1U);
  EXPECT_EQ(again->keptCorrections[0].columns, std::vector<std::string_view>{"latin_name"});
  EXPECT_EQ(m_store->delegate(idOf("D30"))->latinName, "Muhammad Darwish");
}

// Search terms are computed when a delegate is written; a server with new spellings indexed (here
// the Ukrainian passports' "nataliia") computes them again for delegates stored before it.
TEST_F(SqliteEventStoreTest, OpeningAnEventIndexesItsDelegatesAgainWhenTheSearchTermsChanged) {
  domain::DelegateImport data;
  data.delegates = {person("D30", "Наталія", "Щербак", "Lviv")};
  ASSERT_TRUE(m_store->importDelegates(data).ok());
  ASSERT_EQ(searchNames("nataliia shcherbak"), std::vector<std::string>{"Щербак"});
  m_store.reset();
  {
    // As an older Lanyard left it: terms without the passport spelling, and its terms version.
    absl::StatusOr<Database> db = Database::open(m_path);
    ASSERT_TRUE(db.ok()) << db.status();
    ASSERT_TRUE(db->exec("DELETE FROM search_term WHERE term IN ('nataliia', 'shcherbak'); "
                         "UPDATE event SET search_terms_version = 1")
                    .ok());
  }
  reopen();
  EXPECT_EQ(searchNames("nataliia shcherbak"), std::vector<std::string>{"Щербак"});
  EXPECT_EQ(searchNames("dvorak"), std::vector<std::string>{"Dvořák"});
}

TEST_F(SqliteEventStoreTest, AWalkInWhoMayBeRegisteredIsRefusedByEmailOrWholeNameCancelledOrNot) {
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D6")).ok());
  const auto refusal = [this](const Delegate& d) {
    absl::StatusOr<Delegate> added = m_store->createDelegate(d, /*allowDuplicate=*/false);
    EXPECT_TRUE(added.ok() || absl::IsAlreadyExists(added.status())) << added.status();
    return added.ok() ? std::string("added") : std::string(added.status().message());
  };
  EXPECT_EQ(refusal(person("", "Simona", "Bieliune", "")),
            strCat("this may be someone the event already has: #", idOf("D6"),
                   " Simona Bieliūnė (D6, cancelled, same name)"));
  EXPECT_EQ(refusal(person("", "Taras", "Shevchenko", "")),
            strCat("this may be someone the event already has: #", idOf("D3"), " Тарас Шевченко (D3, same name)"));
  EXPECT_THAT(refusal(person("", "Someone", "Else", "", "Anna@Duesseldorf.example")),
              ::testing::EndsWith("Anna Müller (D2, same e-mail)"));
  const std::string both = refusal(person("", "Li", "Na", "", "antonin@praha.example"));
  EXPECT_THAT(both, ::testing::HasSubstr("Antonín Dvořák (D1, same e-mail); #"));
  EXPECT_THAT(both, ::testing::EndsWith("Li Na (D4, same name)"));
  EXPECT_EQ(refusal(person("", "Lisa", "", "")), "added") << "Lisa Lindqvist has another word";
  // Registered with a middle name, or without the second family name the walk-in gives.
  EXPECT_EQ(refusal(person("", "Antonin", "Dvorak", "", "tonda@example.org")),
            strCat("this may be someone the event already has: #", idOf("D1"), " Antonín Dvořák (D1, same name)"));
  EXPECT_EQ(refusal(person("", "Antonín Leopold", "Dvořák", "", "tonda@example.org")),
            strCat("this may be someone the event already has: #", idOf("D1"), " Antonín Dvořák (D1, similar name)"));
  EXPECT_EQ(refusal(person("", "Anna", "Müller-Schmidt", "")),
            strCat("this may be someone the event already has: #", idOf("D2"), " Anna Müller (D2, similar name)"));
  EXPECT_THAT(refusal(person("", "Hans", "Strasse", "")), ::testing::HasSubstr("Straße"));
  EXPECT_TRUE(m_store->createDelegate(person("", "Taras", "Shevchenko", ""), /*allowDuplicate=*/true).ok());
}

TEST_F(SqliteEventStoreTest, SearchFindsWalkInsAtOnceAndEveryoneAfterReopening) {
  Delegate walkIn = person("", "Olena", "Коваленко", "Lviv");
  ASSERT_TRUE(m_store->createDelegate(walkIn, /*allowDuplicate=*/false).ok());
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D8")).ok());
  const std::vector<std::string> queries = {"kovalenko", "olena lviv", "li", "an", "strasse", "d"};
  std::vector<std::vector<std::string>> before;
  for (const std::string& query : queries) before.push_back(searchNames(query));
  EXPECT_EQ(before[0], std::vector<std::string>{"Коваленко"});
  EXPECT_EQ(before[1], std::vector<std::string>{"Коваленко"});
  EXPECT_TRUE(before[4].empty()) << "Straße is cancelled";

  // The index is rebuilt from the file: the same answers, in the same order.
  reopen();
  for (std::size_t i = 0; i < queries.size(); ++i) EXPECT_EQ(searchNames(queries[i]), before[i]) << queries[i];
  absl::StatusOr<std::vector<domain::SearchHit>> cancelled = m_store->search("strasse", 10, true);
  ASSERT_TRUE(cancelled.ok());
  ASSERT_EQ(cancelled->size(), 1u);
  EXPECT_EQ(cancelled->front().delegate.status, domain::RegistrationStatus::Cancelled);
  EXPECT_EQ(cancelled->front().delegate.city, "Berlin");
}

TEST_F(SqliteEventStoreTest, AnImportThatFailsLeavesSearchAsItWas) {
  domain::DelegateImport bad;
  bad.delegates = {person("D1", "Antonín", "Novák", "Prague"), person("D90", "Zdeňka", "Quorum", "Brno")};
  bad.delegates[1].category = "no-such-category";
  EXPECT_FALSE(m_store->importDelegates(bad).ok());
  EXPECT_EQ(searchNames("dvorak"), std::vector<std::string>{"Dvořák"});
  EXPECT_TRUE(searchNames("novak").empty());
  EXPECT_TRUE(searchNames("quorum").empty());
}

TEST_F(SqliteEventStoreTest, ReimportUpdatesByExternalReference) {
  domain::DelegateImport again;
  again.delegates = {person("D1", "Antonín", "Dvořák", "Brno"), person("D99", "New", "Person", "Oslo")};
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->updated, 1);
  EXPECT_EQ(summary->created, 1);
  EXPECT_EQ(m_store->delegate(idOf("D1"))->city, "Brno");
  summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->unchanged, 2);
  EXPECT_EQ(summary->updated, 0);
  EXPECT_EQ(searchNames("brno").size(), 1u);
}

TEST_F(SqliteEventStoreTest, ReimportKeepsTheHelpDesksCorrectionsUntilTheFileAgrees) {
  Delegate corrected = *m_store->delegate(idOf("D5"));
  corrected.familyName = "Łukasiewicz-Nowak";
  corrected.email = "ignacy@krakow.example";
  ASSERT_TRUE(m_store->updateDelegate(corrected, corrected.version).ok());

  // The registration system still has the old spelling and no e-mail, and a new organisation.
  domain::DelegateImport again;
  again.delegates = {person("D5", "Ignacy", "Łukasiewicz", "Kraków")};
  again.delegates[0].organisation = "Kraków City Hall";
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->updated, 1);
  ASSERT_EQ(summary->keptCorrections.size(), 1u);
  EXPECT_EQ(summary->keptCorrections[0].externalRef, "D5");
  EXPECT_EQ(summary->keptCorrections[0].columns, (std::vector<std::string_view>{"family_name", "email"}));
  reopen();
  Delegate stored = *m_store->delegate(idOf("D5"));
  EXPECT_EQ(stored.familyName, "Łukasiewicz-Nowak");
  EXPECT_EQ(stored.email, "ignacy@krakow.example");
  EXPECT_EQ(stored.organisation, "Kraków City Hall") << "a detail nobody corrected follows the file";
  EXPECT_EQ(searchNames("nowak"), std::vector<std::string>{"Łukasiewicz-Nowak"});

  // Once the file carries the corrected name, later changes in the registration system come through.
  again.delegates[0].familyName = "Łukasiewicz-Nowak";
  summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(summary->keptCorrections.size(), 1u);
  EXPECT_EQ(summary->keptCorrections[0].columns, std::vector<std::string_view>{"email"});
  again.delegates[0].familyName = "Nowak";
  summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(m_store->delegate(idOf("D5"))->familyName, "Nowak");
  EXPECT_EQ(m_store->delegate(idOf("D5"))->email, "ignacy@krakow.example");
}

TEST_F(SqliteEventStoreTest, ReimportKeepsACancellationOrReinstatementMadeAtTheHelpDesk) {
  // A double registration: the help desk cancels the second record; the registration system still has it.
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D7")).ok());
  domain::DelegateImport again;
  again.delegates = {person("D7", "Lisa", "Lindqvist", "Stockholm")};
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(summary->keptCorrections.size(), 1u);
  EXPECT_EQ(summary->keptCorrections[0].columns, std::vector<std::string_view>{"status"});
  EXPECT_EQ(m_store->delegate(idOf("D7"))->status, domain::RegistrationStatus::Cancelled);
  EXPECT_EQ(outcomeOf(scan("D7", "cancelled")), CheckInOutcome::Cancelled);

  // Reinstated at the desk, she stays in even though the file now says cancelled.
  absl::StatusOr<Delegate> reinstated = m_store->reinstateDelegate(idOf("D7"));
  ASSERT_TRUE(reinstated.ok()) << reinstated.status();
  EXPECT_EQ(reinstated->status, domain::RegistrationStatus::Active);
  again.delegates[0].status = domain::RegistrationStatus::Cancelled;
  summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(m_store->delegate(idOf("D7"))->status, domain::RegistrationStatus::Active);
  EXPECT_EQ(outcomeOf(scan("D7", "reinstated")), CheckInOutcome::Admitted);
  EXPECT_EQ(searchNames("lindqvist"), std::vector<std::string>{"Lindqvist"});
}

TEST_F(SqliteEventStoreTest, ReimportWithASessionsColumnDropsRegistrationsItNoLongerLists) {
  const std::int64_t morning = addSession("S1", 0, true);
  const std::int64_t afternoon = addSession("S2", 0, true);
  domain::DelegateImport first;
  first.delegates = {person("D1", "Antonín", "Dvořák", "Prague", "antonin@praha.example"),
                     person("D2", "Anna", "Müller", "Düsseldorf", "anna@duesseldorf.example")};
  first.delegates[1].externalTicketCode = "pretixsecret0001";
  first.registrations = {{"S1", "D1"}, {"S1", "D2"}, {"S2", "D2"}};
  first.listsRegistrations = true;
  ASSERT_TRUE(m_store->importDelegates(first).ok());

  // Dvořák moved to the afternoon workshop; Müller is not in this file at all.
  domain::DelegateImport moved;
  moved.delegates = {first.delegates[0]};
  moved.registrations = {{"S2", "D1"}};
  moved.listsRegistrations = true;
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(moved);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->registrations, 1);
  EXPECT_EQ(summary->registrationsDropped, 1);
  EXPECT_EQ(outcomeOf(scan("D1", "1", morning)), CheckInOutcome::NotRegistered);
  EXPECT_EQ(outcomeOf(scan("D1", "2", afternoon)), CheckInOutcome::Admitted);
  EXPECT_EQ(outcomeOf(scan("D2", "3", morning)), CheckInOutcome::Admitted) << "a delegate the file omits keeps hers";

  // A file without a sessions column leaves registrations alone.
  domain::DelegateImport namesOnly;
  namesOnly.delegates = {first.delegates[0]};
  summary = m_store->importDelegates(namesOnly);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->registrationsDropped, 0);
  EXPECT_EQ(*m_store->registeredSessionIds(idOf("D1")), std::vector<std::int64_t>{afternoon});
}

// An import reloads the search index in batches, letting searches in between: every batch must land.
TEST_F(SqliteEventStoreTest, ALargeImportIsSearchableInFullAndRenamesLeaveNoTrace) {
  constexpr int kCount = 4500;
  const auto family = [](int i) { return "Family" + std::to_string(10000 + i); };
  domain::DelegateImport many;
  for (int i = 0; i < kCount; ++i) {
    many.delegates.push_back(person("M" + std::to_string(i), "Given", family(i), "Oslo"));
  }
  ASSERT_TRUE(m_store->importDelegates(many).ok());
  for (const int i : {0, 1999, 2000, 2001, 3999, 4000, kCount - 1}) {
    EXPECT_EQ(searchNames(family(i)), std::vector<std::string>{family(i)}) << i;
  }

  domain::DelegateImport renamed;
  renamed.delegates = {person("M4499", "Given", "Renamed", "Oslo")};
  ASSERT_TRUE(m_store->importDelegates(renamed).ok());
  EXPECT_TRUE(searchNames(family(kCount - 1)).empty());
  EXPECT_EQ(searchNames("renamed"), std::vector<std::string>{"Renamed"});
  reopen();
  EXPECT_TRUE(searchNames(family(kCount - 1)).empty());
  EXPECT_EQ(searchNames(family(0)), std::vector<std::string>{family(0)});
}

TEST_F(SqliteEventStoreTest, ImportIsAllOrNothing) {
  domain::DelegateImport bad;
  bad.delegates = {person("D50", "Good", "Row", "Oslo"), person("D51", "Clashing", "Ticket", "Oslo")};
  bad.delegates[1].externalTicketCode = "pretixsecret0001";  // Already Müller's.
  bad.lines = {2, 7};
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(bad);
  EXPECT_TRUE(absl::IsAlreadyExists(summary.status())) << summary.status();
  // The file's line, as docs/importing.md promises for every import error.
  EXPECT_EQ(summary.status().message().substr(0, 8), "line 7: ") << summary.status();
  EXPECT_NE(summary.status().message().find("D51"), std::string::npos) << summary.status();
  EXPECT_TRUE(absl::IsNotFound(m_store->delegateByExternalRef("D50").status()));
}

TEST_F(SqliteEventStoreTest, ImportRefusesAnUnknownCategory) {
  domain::DelegateImport bad;
  bad.delegates = {person("D60", "Vera", "Important", "Oslo")};
  bad.delegates[0].category = "vip";
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(bad);
  EXPECT_TRUE(absl::IsInvalidArgument(summary.status())) << summary.status();
  EXPECT_NE(summary.status().message().find("vip"), std::string::npos);
}

TEST_F(SqliteEventStoreTest, TicketCodeResolvesToTheDelegate) {
  domain::CheckInCommand command = scan("D1", "t");
  command.subject = domain::subject::Ticket{"pretixsecret0001"};
  absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->decision.outcome, CheckInOutcome::Admitted);
  ASSERT_TRUE(result->delegate.has_value());
  EXPECT_EQ(result->delegate->familyName, "Müller");
}

// A kiosk's scanner with Caps Lock on types an imported ticket code in the other case.
TEST_F(SqliteEventStoreTest, ATicketCodeMatchesWhateverItsCase) {
  domain::DelegateImport data;
  data.delegates = {person("D40", "Olena", "Koval", "Lviv")};
  data.delegates[0].externalTicketCode = "AbC123xyzQRS";
  ASSERT_TRUE(m_store->importDelegates(data).ok());

  domain::CheckInCommand command = scan("D1", "caps");
  command.subject = domain::subject::Ticket{"abc123XYZqrs"};
  absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->decision.outcome, CheckInOutcome::Admitted);
  ASSERT_TRUE(result->delegate.has_value());
  EXPECT_EQ(result->delegate->externalRef, "D40");
  absl::StatusOr<Delegate> found = m_store->delegateByTicketCode("ABC123XYZQRS");
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->externalTicketCode, "AbC123xyzQRS") << "stored as imported";

  // Another delegate cannot take the same code in another case, by import or at the desk.
  domain::DelegateImport clash;
  clash.delegates = {person("D41", "Petro", "Koval", "Lviv")};
  clash.delegates[0].externalTicketCode = "abc123xyzqrs";
  absl::StatusOr<domain::ImportSummary> refused = m_store->importDelegates(clash);
  EXPECT_TRUE(absl::IsAlreadyExists(refused.status())) << refused.status();
  EXPECT_NE(refused.status().message().find("\"D41\": the external reference, or the ticket code ignoring case, is "
                                            "already in use"),
            std::string::npos)
      << refused.status();
  Delegate d2 = *m_store->delegate(idOf("D2"));
  d2.externalTicketCode = "ABC123XYZQRS";
  EXPECT_TRUE(absl::IsAlreadyExists(m_store->updateDelegate(d2, d2.version).status()));
}

TEST_F(SqliteEventStoreTest, TellsTheLengthOfTheShortestTicketCode) {
  EXPECT_EQ(m_store->shortestTicketCodeLength().value_or(-1), 16) << "Müller's pretixsecret0001";
  domain::DelegateImport data;
  data.delegates = {person("D40", "Olena", "Koval", "Lviv"), person("D41", "Petro", "Koval", "Lviv")};
  data.delegates[0].externalTicketCode = "Ticket-0009";
  data.delegates[1].externalTicketCode = "Квиток-7";  // Eight characters, fourteen bytes.
  ASSERT_TRUE(m_store->importDelegates(data).ok());
  EXPECT_EQ(m_store->shortestTicketCodeLength().value_or(-1), 8);

  Delegate petro = *m_store->delegate(idOf("D41"));
  petro.externalTicketCode.clear();
  ASSERT_TRUE(m_store->updateDelegate(petro, petro.version).ok());
  EXPECT_EQ(m_store->shortestTicketCodeLength().value_or(-1), 11);
}

TEST_F(SqliteEventStoreTest, UnknownAndForgedCodesAreLogged) {
  domain::CheckInCommand unknown = scan("D1", "u");
  unknown.subject = domain::subject::Ticket{"no-such-ticket"};
  EXPECT_EQ(outcomeOf(unknown), CheckInOutcome::UnknownCode);
  domain::CheckInCommand forged = scan("D1", "f");
  forged.subject = domain::subject::Forged{"AAAA"};
  EXPECT_EQ(outcomeOf(forged), CheckInOutcome::ForgedCode);
  // Both requests are in the log: retrying returns the logged answer.
  absl::StatusOr<domain::CheckInResult> retry = m_store->checkIn(forged);
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->decision.outcome, CheckInOutcome::ForgedCode);
  EXPECT_GT(retry->checkInId, 0);
}

TEST_F(SqliteEventStoreTest, ReissuedBadgeSupersedesTheOldCode) {
  const std::int64_t id = idOf("D1");
  absl::StatusOr<Delegate> reissued = m_store->reissueBadge(id);
  ASSERT_TRUE(reissued.ok());
  EXPECT_EQ(reissued->badgeVersion, 2);
  absl::StatusOr<domain::CheckInResult> old = m_store->checkIn(scan("D1", "old"));
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ(old->decision.outcome, CheckInOutcome::SupersededCode);
  // Logged as theirs, so that the scan log tells who still carries the old badge.
  ASSERT_TRUE(old->delegate.has_value());
  EXPECT_EQ(old->delegate->id, id);
  domain::CheckInCommand fresh = scan("D1", "new");
  fresh.subject = domain::subject::Badge{id, 2};
  EXPECT_EQ(outcomeOf(fresh), CheckInOutcome::Admitted);
  domain::CheckInCommand future = scan("D1", "future");
  future.subject = domain::subject::Badge{id, 3};
  EXPECT_EQ(outcomeOf(future), CheckInOutcome::ForgedCode);
}

TEST_F(SqliteEventStoreTest, WrongProofsAreLoggedAndThrottled) {
  const std::int64_t id = idOf("D6");
  domain::CheckInCommand command = scan("D6", "");
  for (int attempt = 0; attempt < 5; ++attempt) {
    command.requestId = "wrong-" + std::to_string(attempt);
    command.subject = domain::subject::ByName{id, "nope", true};
    EXPECT_EQ(outcomeOf(command), CheckInOutcome::WrongProof) << attempt;
  }
  command.requestId = "right-but-throttled";
  command.subject = domain::subject::ByName{id, "simo", true};
  EXPECT_EQ(outcomeOf(command), CheckInOutcome::ProofThrottled);
  m_now += 16 * kMinute;
  command.requestId = "right-later";
  EXPECT_EQ(outcomeOf(command), CheckInOutcome::Admitted);
}

TEST_F(SqliteEventStoreTest, PrintedBadgeIsReportedUntilReissued) {
  const std::int64_t id = idOf("D1");
  domain::BadgePrintRecord print;
  print.delegateId = id;
  print.deviceId = m_kiosk;
  print.success = true;
  ASSERT_TRUE(m_store->recordPrint(print).ok());
  absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(scan("D1", "a"));
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->badgePrinted);
  ASSERT_TRUE(m_store->reissueBadge(id).ok());
  domain::CheckInCommand fresh = scan("D1", "b", 0, Direction::Out);
  fresh.subject = domain::subject::Badge{id, 2};
  result = m_store->checkIn(fresh);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->badgePrinted);
}

TEST_F(SqliteEventStoreTest, RevokedTokenStopsAuthenticatingAtOnceAndAfterRestart) {
  absl::StatusOr<domain::CreatedDevice> device = m_store->createDevice("laptop", domain::Role::Organiser);
  ASSERT_TRUE(device.ok());
  ASSERT_TRUE(m_store->authenticate(device->token).ok());
  ASSERT_TRUE(m_store->revokeDevice(std::nullopt, "laptop").ok());
  EXPECT_TRUE(absl::IsNotFound(m_store->authenticate(device->token).status()));
  reopen();
  EXPECT_TRUE(absl::IsNotFound(m_store->authenticate(device->token).status()));
  EXPECT_TRUE(m_store->authenticate(m_adminToken).ok());
}

TEST_F(SqliteEventStoreTest, ADevicesLastSeenSurvivesARestart) {
  const domain::TimeUs scannedAt = m_now;
  EXPECT_EQ(outcomeOf(scan("D1", "in")), CheckInOutcome::Admitted);
  m_now += 10 * kMinute;
  reopen();
  absl::StatusOr<std::vector<domain::Device>> devices = m_store->listDevices(domain::Page{});
  ASSERT_TRUE(devices.ok()) << devices.status();
  const auto kiosk = std::find_if(devices->begin(), devices->end(),
                                  [&](const domain::Device& device) { return device.id == m_kiosk; });
  ASSERT_NE(kiosk, devices->end());
  EXPECT_EQ(kiosk->lastSeenUs, scannedAt) << "its latest logged activity";
}

TEST_F(SqliteEventStoreTest, ANameInUseIsRefusedAndARevokedOneSaysSo) {
  ASSERT_TRUE(m_store->createDevice("kiosk-spare", domain::Role::Kiosk).ok());
  const absl::Status taken = m_store->createDevice("kiosk-spare", domain::Role::Kiosk).status();
  EXPECT_TRUE(absl::IsAlreadyExists(taken)) << taken;
  EXPECT_EQ(taken.message(), "a device named \"kiosk-spare\" already exists");
  ASSERT_TRUE(m_store->revokeDevice(std::nullopt, "kiosk-spare").ok());
  const absl::Status revoked = m_store->createDevice("kiosk-spare", domain::Role::Kiosk).status();
  EXPECT_TRUE(absl::IsAlreadyExists(revoked)) << revoked;
  EXPECT_NE(revoked.message().find("(revoked; its name stays with its log): choose another"), std::string::npos)
      << revoked;
}

TEST_F(SqliteEventStoreTest, LastAdminTokenCannotBeRevoked) {
  const absl::StatusOr<domain::Device> admin = m_store->authenticate(m_adminToken);
  ASSERT_TRUE(admin.ok()) << admin.status();

  const absl::StatusOr<domain::Device> refused = m_store->revokeDevice(admin->id, "");
  EXPECT_TRUE(absl::IsFailedPrecondition(refused.status())) << refused.status();
  EXPECT_TRUE(m_store->authenticate(m_adminToken).ok()) << "the refused revocation changed nothing";

  ASSERT_TRUE(m_store->createDevice("second-admin", domain::Role::Admin).ok());
  EXPECT_TRUE(m_store->revokeDevice(admin->id, "").ok()) << "another admin token remains";
  EXPECT_TRUE(absl::IsNotFound(m_store->authenticate(m_adminToken).status()));
}

TEST_F(SqliteEventStoreTest, DeviceNamesAreUnique) {
  absl::StatusOr<domain::CreatedDevice> clash = m_store->createDevice("kiosk-1", domain::Role::Kiosk);
  EXPECT_TRUE(absl::IsAlreadyExists(clash.status())) << clash.status();
}

TEST_F(SqliteEventStoreTest, InitialisingTwiceIsRefused) {
  domain::Event event = m_store->event();
  absl::StatusOr<std::string> again = SqliteEventStore::initialise(m_path, event, clock());
  EXPECT_TRUE(absl::IsAlreadyExists(again.status())) << again.status();
}

TEST_F(SqliteEventStoreTest, ASecondProcessCannotOpenTheSameFile) {
  absl::StatusOr<std::unique_ptr<SqliteEventStore>> second = SqliteEventStore::open(m_path, clock());
  EXPECT_TRUE(absl::IsFailedPrecondition(second.status())) << second.status();
  EXPECT_NE(second.status().message().find("in use"), std::string::npos) << second.status();
  m_store.reset();
  second = SqliteEventStore::open(m_path, clock());
  EXPECT_TRUE(second.ok()) << second.status();
}

TEST(SqliteEventStoreOpenTest, RefusesADatabaseWithoutAnEvent) {
  const lanyard::testing::TempDir dir;
  const std::string path = dir.file("empty.db");
  absl::StatusOr<std::unique_ptr<SqliteEventStore>> store = SqliteEventStore::open(path, domain::systemClock());
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
  EXPECT_NE(store.status().message().find("lanyard-server init"), std::string::npos);
  ASSERT_TRUE(Database::open(path).ok());  // An empty SQLite file: no event in it.
  store = SqliteEventStore::open(path, domain::systemClock());
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
  EXPECT_NE(store.status().message().find("holds no event"), std::string::npos) << store.status();
}

}  // namespace
}  // namespace lanyard::server::storage
