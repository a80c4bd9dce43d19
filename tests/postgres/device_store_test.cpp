// PostgresDeviceStore beyond the contract: tokens kept as hashes, and two servers on one database.

#include "postgres/device_store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <latch>
#include <pqxx/binarystring>
#include <pqxx/result>
#include <string>
#include <thread>
#include <vector>

#include "device_store_backends.h"
#include "domain/staff_pin.h"

namespace lanyard::server::postgres {
namespace {

using domain::Role;

// How long a change at one server may take to reach the other.
constexpr std::chrono::seconds kDeadline{10};

// Checks `condition` every few milliseconds until it holds or kDeadline passes; whether it held.
bool holdsWithinDeadline(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

// Two Lanyard servers, A and B, on one database.
class TwoServersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_uri = createEventDatabase();
    m_a = openServer();
    m_b = openServer();
    ASSERT_NE(m_a, nullptr);
    ASSERT_NE(m_b, nullptr);
    absl::StatusOr<domain::CreatedDevice> admin = m_a->createDevice("admin", Role::Admin);
    ASSERT_TRUE(admin.ok()) << admin.status();
  }

  std::unique_ptr<PostgresDeviceStore> openServer() {
    absl::StatusOr<std::unique_ptr<PostgresDeviceStore>> store =
        PostgresDeviceStore::open(m_uri, domain::systemClock());
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }

  std::string m_uri;
  std::unique_ptr<PostgresDeviceStore> m_a;
  std::unique_ptr<PostgresDeviceStore> m_b;
};

TEST_F(TwoServersTest, ADeviceCreatedAtOneServerAuthenticatesAtTheOther) {
  const absl::StatusOr<domain::CreatedDevice> kiosk = m_a->createDevice("kiosk-1", Role::Kiosk);
  ASSERT_TRUE(kiosk.ok()) << kiosk.status();
  const absl::StatusOr<domain::Device> atB = m_b->authenticate(kiosk->token);
  ASSERT_TRUE(atB.ok()) << atB.status();
  EXPECT_EQ(atB->id, kiosk->device.id);
  EXPECT_EQ(atB->role, Role::Kiosk);
}

TEST_F(TwoServersTest, ADeviceRevokedAtOneServerIsRefusedAtTheOther) {
  const absl::StatusOr<domain::CreatedDevice> kiosk = m_a->createDevice("kiosk-1", Role::Kiosk);
  ASSERT_TRUE(kiosk.ok()) << kiosk.status();
  ASSERT_TRUE(m_b->authenticate(kiosk->token).ok()) << "B now holds it in memory";
  ASSERT_TRUE(m_a->revokeDevice(kiosk->device.id, "").ok());
  EXPECT_TRUE(holdsWithinDeadline([&] { return absl::IsNotFound(m_b->authenticate(kiosk->token).status()); }))
      << "B still accepts a token revoked at A";
}

TEST_F(TwoServersTest, ARevocationMissedWhileListeningWasDownIsSeenAfterReconnecting) {
  const absl::StatusOr<domain::CreatedDevice> kiosk = m_a->createDevice("kiosk-1", Role::Kiosk);
  ASSERT_TRUE(kiosk.ok()) << kiosk.status();
  ASSERT_TRUE(m_b->authenticate(kiosk->token).ok());
  m_a.reset();  // Only B's connections remain: its store's and its listener's.
  absl::StatusOr<Database> admin = Database::open(m_uri);
  ASSERT_TRUE(admin.ok()) << admin.status();
  // Cuts B's connections, then revokes without a NOTIFY, as if it had been sent while B was away.
  ASSERT_TRUE(exec(*admin,
                   "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                   "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                  .ok());
  ASSERT_TRUE(exec(*admin, "UPDATE device SET revoked_us = 1 WHERE name = 'kiosk-1'").ok());
  EXPECT_TRUE(holdsWithinDeadline([&] { return absl::IsNotFound(m_b->authenticate(kiosk->token).status()); }))
      << "B still accepts a token revoked while it was not listening";
}

TEST_F(TwoServersTest, AStaffPinSetAtOneServerIsReadAtTheOther) {
  const absl::StatusOr<std::string> hash = domain::hashStaffPin("4711", "salt");
  ASSERT_TRUE(hash.ok()) << hash.status();
  ASSERT_TRUE(m_a->setStaffPinHash(*hash).ok());
  EXPECT_TRUE(holdsWithinDeadline([&] { return m_b->staffPinHash() == *hash; })) << "B never saw A's staff PIN";
}

TEST_F(TwoServersTest, TwoServersCannotRevokeTheLastTwoAdminTokensAtOnce) {
  constexpr int kTrials = 20;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string atA = "admin-a-" + std::to_string(trial);
    const std::string atB = "admin-b-" + std::to_string(trial);
    ASSERT_TRUE(m_a->createDevice(atA, Role::Admin).ok());
    ASSERT_TRUE(m_a->createDevice(atB, Role::Admin).ok());
    // Leaves the two new admin tokens the only valid ones.
    const absl::StatusOr<std::vector<domain::Device>> devices = m_a->listDevices(domain::Page{});
    ASSERT_TRUE(devices.ok()) << devices.status();
    for (const domain::Device& device : *devices) {
      if (device.revokedUs == 0 && device.name != atA && device.name != atB) {
        ASSERT_TRUE(m_a->revokeDevice(device.id, "").ok());
      }
    }
    std::latch start(2);
    absl::Status revokedAtA;
    absl::Status revokedAtB;
    std::thread a([&] {
      start.arrive_and_wait();
      revokedAtA = m_a->revokeDevice(std::nullopt, atA).status();
    });
    std::thread b([&] {
      start.arrive_and_wait();
      revokedAtB = m_b->revokeDevice(std::nullopt, atB).status();
    });
    a.join();
    b.join();
    ASSERT_NE(revokedAtA.ok(), revokedAtB.ok())
        << "trial " << trial << ": exactly one revocation may succeed; A: " << revokedAtA << ", B: " << revokedAtB;
    const absl::Status refused = revokedAtA.ok() ? revokedAtB : revokedAtA;
    EXPECT_TRUE(absl::IsFailedPrecondition(refused)) << refused;
  }
}

TEST_F(TwoServersTest, KeepsOnlyTheHashOfATokenInTheDatabase) {
  const absl::StatusOr<domain::CreatedDevice> kiosk = m_a->createDevice("kiosk-1", Role::Kiosk);
  ASSERT_TRUE(kiosk.ok()) << kiosk.status();
  absl::StatusOr<Database> db = Database::open(m_uri);
  ASSERT_TRUE(db.ok()) << db.status();
  std::string stored;
  ASSERT_TRUE(
      db->inTransaction("reading a token hash", [&](pqxx::transaction_base& transaction) {
          stored =
              pqxx::binarystring(transaction.exec1("SELECT token_hash FROM device WHERE name = 'kiosk-1'")[0]).str();
          return absl::OkStatus();
        }).ok());
  EXPECT_EQ(stored, domain::hashToken(kiosk->token).value_or("")) << "the token's SHA-256, as SQLite keeps it";
}

TEST(PostgresDeviceStoreOpenTest, RefusesADatabaseWithoutAnEvent) {
  const absl::StatusOr<std::unique_ptr<PostgresDeviceStore>> store =
      PostgresDeviceStore::open(lanyard::testing::postgresCluster().createDatabase(), domain::systemClock());
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
  EXPECT_NE(store.status().message().find("holds no event"), std::string::npos) << store.status();
}

}  // namespace
}  // namespace lanyard::server::postgres
