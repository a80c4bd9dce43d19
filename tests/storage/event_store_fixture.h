#pragma once

// The fixture the EventStore tests share: the same tests on SQLite and on PostgreSQL.

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "postgres/event_store.h"
#include "storage/sqlite_event_store.h"
#include "support/postgres_cluster.h"
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

enum class Backend { Sqlite, Postgres };

// Names the instantiations' tests "Sqlite/..." and "Postgres/...": tests/CMakeLists.txt runs the
// latter apart, on one cluster (lanyard_backend_test).
inline std::string backendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

// A real event with two kiosks and eight delegates (D1-D8, D2 with a ticket code), opened on a
// clock the test moves (m_now, from the conference's first morning): a file in a fresh directory
// (SQLite), or a fresh database of the test binary's cluster (PostgreSQL). Tests of both run as
// EventStoreTest (TEST_P), instantiated for both by INSTANTIATE_BACKENDS; tests of the SQLite file
// itself as SqliteEventStoreTest (TEST_F).
class EventStoreFixture : public ::testing::Test {
 protected:
  virtual Backend backend() const = 0;

  void SetUp() override {
    absl::StatusOr<std::string> adminToken;
    if (backend() == Backend::Sqlite) {
      m_path = m_dir.file("event.db");
      adminToken = SqliteEventStore::initialise(m_path, lanyard::testing::testEvent(), clock());
    } else {
      m_path = lanyard::testing::postgresCluster().createDatabase();
      adminToken = postgres::PostgresEventStore::initialise(m_path, lanyard::testing::testEvent(), clock());
    }
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

  // Another store on the same event: for PostgreSQL, another server on the database (SQLite
  // refuses a second store on its file).
  absl::StatusOr<std::unique_ptr<domain::EventStore>> openStore() {
    if (backend() == Backend::Sqlite) {
      absl::StatusOr<std::unique_ptr<SqliteEventStore>> store = SqliteEventStore::open(m_path, clock());
      if (!store.ok()) return store.status();
      return std::unique_ptr<domain::EventStore>(std::move(*store));
    }
    absl::StatusOr<std::unique_ptr<postgres::PostgresEventStore>> store =
        postgres::PostgresEventStore::open(m_path, clock());
    if (!store.ok()) return store.status();
    return std::unique_ptr<domain::EventStore>(std::move(*store));
  }

  void reopen() {
    m_store.reset();
    absl::StatusOr<std::unique_ptr<domain::EventStore>> store = openStore();
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
  std::string m_path;               // The event file, or the PostgreSQL database's address.
  std::atomic<domain::TimeUs> m_now{kConferenceMorning};
  std::string m_adminToken;
  std::unique_ptr<domain::EventStore> m_store;
  std::int64_t m_kiosk = 0;
  std::int64_t m_kiosk2 = 0;
};

class EventStoreTest : public EventStoreFixture, public ::testing::WithParamInterface<Backend> {
 protected:
  Backend backend() const override { return GetParam(); }
};

class SqliteEventStoreTest : public EventStoreFixture {
 protected:
  Backend backend() const override { return Backend::Sqlite; }
};

// Runs a file's EventStoreTest cases on both backends.
#define INSTANTIATE_BACKENDS(Fixture)                                                                           \
  INSTANTIATE_TEST_SUITE_P(Sqlite, Fixture, ::testing::Values(::lanyard::server::storage::Backend::Sqlite),     \
                           ::lanyard::server::storage::backendName);                                            \
  INSTANTIATE_TEST_SUITE_P(Postgres, Fixture, ::testing::Values(::lanyard::server::storage::Backend::Postgres), \
                           ::lanyard::server::storage::backendName)

// Runs a file's EventStoreTest cases of PostgreSQL's own on it alone.
#define INSTANTIATE_POSTGRES_ONLY(Fixture)                                                                      \
  INSTANTIATE_TEST_SUITE_P(Postgres, Fixture, ::testing::Values(::lanyard::server::storage::Backend::Postgres), \
                           ::lanyard::server::storage::backendName)

}  // namespace lanyard::server::storage
