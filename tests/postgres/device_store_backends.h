#pragma once

// The DeviceStores the contract tests run against, each on a fresh event holding one "admin"
// device (as `lanyard-server init` leaves it): SqliteEventStore on a real file in a temporary
// directory, PostgresDeviceStore on a fresh database of the test binary's cluster.

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "domain/device_store.h"
#include "fresh_database.h"
#include "postgres/device_store.h"
#include "postgres/migrations.h"
#include "storage/sqlite_event_store.h"
#include "support/postgres_cluster.h"
#include "support/temp_dir.h"
#include "support/test_event.h"

namespace lanyard::server::postgres {

// 2026-05-12 09:00 in Prague (07:00 UTC).
inline constexpr domain::TimeUs kConferenceMorning = 1'778'569'200LL * 1'000'000;

// A store under test, the admin token of its event and the clock it runs on.
struct DeviceStoreBackend {
  virtual ~DeviceStoreBackend() = default;
  virtual domain::DeviceStore& store() = 0;
  std::string adminToken;
  std::atomic<domain::TimeUs> now{kConferenceMorning};
  domain::Clock clock() {
    return [this] { return now.load(); };
  }
};

// Creates a fresh backend; failures are GoogleTest failures and a null result.
using DeviceStoreFactory = std::unique_ptr<DeviceStoreBackend> (*)();

class SqliteBackend final : public DeviceStoreBackend {
 public:
  static std::unique_ptr<DeviceStoreBackend> create() {
    auto backend = std::make_unique<SqliteBackend>();
    const std::string path = backend->m_dir.file("event.db");
    absl::StatusOr<std::string> token =
        storage::SqliteEventStore::initialise(path, lanyard::testing::testEvent(), backend->clock());
    EXPECT_TRUE(token.ok()) << token.status();
    if (!token.ok()) return nullptr;
    backend->adminToken = *token;
    absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> store =
        storage::SqliteEventStore::open(path, backend->clock());
    EXPECT_TRUE(store.ok()) << store.status();
    if (!store.ok()) return nullptr;
    backend->m_store = std::move(*store);
    return backend;
  }
  domain::DeviceStore& store() override { return *m_store; }

 private:
  lanyard::testing::TempDir m_dir{"devices"};
  std::unique_ptr<storage::SqliteEventStore> m_store;
};

// A migrated database of the binary's cluster holding an event; its address.
inline std::string createEventDatabase() {
  const std::string uri = lanyard::testing::postgresCluster().createDatabase();
  absl::StatusOr<Database> db = Database::open(uri);
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return uri;
  const absl::Status migrated = migrate(*db);
  EXPECT_TRUE(migrated.ok()) << migrated;
  const absl::Status inserted = exec(*db, kInsertTestEventSql, "creating the test event");
  EXPECT_TRUE(inserted.ok()) << inserted;
  return uri;
}

class PostgresBackend final : public DeviceStoreBackend {
 public:
  static std::unique_ptr<DeviceStoreBackend> create() {
    auto backend = std::make_unique<PostgresBackend>();
    absl::StatusOr<std::unique_ptr<PostgresDeviceStore>> store =
        PostgresDeviceStore::open(createEventDatabase(), backend->clock());
    EXPECT_TRUE(store.ok()) << store.status();
    if (!store.ok()) return nullptr;
    backend->m_store = std::move(*store);
    absl::StatusOr<domain::CreatedDevice> admin = backend->m_store->createDevice("admin", domain::Role::Admin);
    EXPECT_TRUE(admin.ok()) << admin.status();
    if (!admin.ok()) return nullptr;
    backend->adminToken = admin->token;
    return backend;
  }
  domain::DeviceStore& store() override { return *m_store; }

 private:
  std::unique_ptr<PostgresDeviceStore> m_store;
};

}  // namespace lanyard::server::postgres
