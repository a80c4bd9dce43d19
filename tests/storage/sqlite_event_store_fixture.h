#pragma once

// The fixture the SqliteEventStore tests share (sqlite_event_store_*_test.cpp).

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "storage/sqlite_event_store.h"
#include "support/temp_dir.h"
#include "support/test_event.h"

namespace lanyard::server::storage {

inline constexpr domain::TimeUs kMinute = 60LL * 1'000'000;
// 2026-05-12 09:00 in Prague (07:00 UTC).
inline constexpr domain::TimeUs kConferenceMorning = 1'778'569'200LL * 1'000'000;

inline domain::Delegate person(std::string ref, std::string given, std::string family, std::string city,
                               std::string email = "") {
  domain::Delegate d;
  d.externalRef = std::move(ref);
  d.givenName = std::move(given);
  d.familyName = std::move(family);
  d.city = std::move(city);
  d.organisation = "City of " + d.city;
  d.category = "delegate";
  d.email = std::move(email);
  return d;
}

// A real event file in a fresh directory with two kiosks and eight delegates (D1-D8, D2 with a
// ticket code), opened on a clock the test moves (m_now, from the conference's first morning).
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
    absl::StatusOr<domain::Delegate> d = m_store->delegateByExternalRef(ref);
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? d->id : 0;
  }

  domain::CheckInCommand scan(const std::string& ref, const std::string& requestId, std::int64_t sessionId = 0,
                              domain::Direction direction = domain::Direction::In) {
    domain::CheckInCommand command;
    command.deviceId = m_kiosk;
    command.requestId = requestId;
    command.scanTimeUs = m_now.load();
    command.sessionId = sessionId;
    command.direction = direction;
    command.subject = domain::subject::Badge{idOf(ref), 1};
    return command;
  }

  domain::CheckInOutcome outcomeOf(const domain::CheckInCommand& command) {
    absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? result->decision.outcome : domain::CheckInOutcome::UnknownCode;
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

}  // namespace lanyard::server::storage
