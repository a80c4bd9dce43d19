// The DeviceStore contract, written once and run against SqliteEventStore and PostgresDeviceStore.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "device_store_backends.h"
#include "domain/staff_pin.h"

namespace lanyard::server::postgres {
namespace {

using domain::Device;
using domain::Role;

class DeviceStoreContractTest : public ::testing::TestWithParam<DeviceStoreFactory> {
 protected:
  void SetUp() override {
    m_backend = GetParam()();
    ASSERT_NE(m_backend, nullptr);
  }

  domain::DeviceStore& store() { return m_backend->store(); }

  domain::CreatedDevice create(const std::string& name, Role role = Role::Kiosk) {
    absl::StatusOr<domain::CreatedDevice> created = store().createDevice(name, role);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.value_or(domain::CreatedDevice{});
  }

  std::unique_ptr<DeviceStoreBackend> m_backend;
};

TEST_P(DeviceStoreContractTest, ACreatedDeviceAuthenticatesByItsTokenOnly) {
  m_backend->now += 1'000'000;
  const domain::CreatedDevice kiosk = create("kiosk-1");
  EXPECT_EQ(kiosk.device.name, "kiosk-1");
  EXPECT_EQ(kiosk.device.role, Role::Kiosk);
  EXPECT_EQ(kiosk.device.createdUs, m_backend->now.load());
  EXPECT_GE(kiosk.token.size(), 32U) << "a token too short to be unguessable";

  m_backend->now += 5'000'000;
  const absl::StatusOr<Device> device = store().authenticate(kiosk.token);
  ASSERT_TRUE(device.ok()) << device.status();
  EXPECT_EQ(device->id, kiosk.device.id);
  EXPECT_EQ(device->name, "kiosk-1");
  EXPECT_EQ(device->lastSeenUs, m_backend->now.load());

  const absl::StatusOr<Device> admin = store().authenticate(m_backend->adminToken);
  ASSERT_TRUE(admin.ok()) << admin.status();
  EXPECT_EQ(admin->role, Role::Admin);
  EXPECT_NE(admin->id, kiosk.device.id);
}

TEST_P(DeviceStoreContractTest, AnUnknownTokenIsNotFound) {
  create("kiosk-1");
  const absl::Status unknown = store().authenticate("no-such-token-0123456789abcdef").status();
  EXPECT_TRUE(absl::IsNotFound(unknown)) << unknown;
  EXPECT_EQ(unknown.message(), "unknown or revoked token");
}

TEST_P(DeviceStoreContractTest, ListsDevicesByIdInPages) {
  create("kiosk-1");
  create("kiosk-2");
  create("laptop", Role::Organiser);
  const absl::StatusOr<std::vector<Device>> all = store().listDevices(domain::Page{});
  ASSERT_TRUE(all.ok()) << all.status();
  std::vector<std::string> names;
  for (const Device& device : *all) names.push_back(device.name);
  EXPECT_EQ(names, (std::vector<std::string>{"admin", "kiosk-1", "kiosk-2", "laptop"}));

  const absl::StatusOr<std::vector<Device>> first = store().listDevices(domain::Page{0, 2});
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->size(), 2U);
  const absl::StatusOr<std::vector<Device>> second = store().listDevices(domain::Page{first->back().id, 2});
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->size(), 2U);
  EXPECT_EQ((*second)[0].name, "kiosk-2");
  EXPECT_EQ((*second)[1].name, "laptop");
  const absl::StatusOr<std::vector<Device>> past = store().listDevices(domain::Page{second->back().id, 2});
  ASSERT_TRUE(past.ok()) << past.status();
  EXPECT_TRUE(past->empty());
}

TEST_P(DeviceStoreContractTest, ListingShowsWhenEachDeviceWasLastSeen) {
  const domain::CreatedDevice kiosk = create("kiosk-1");
  m_backend->now += 7'000'000;
  ASSERT_TRUE(store().authenticate(kiosk.token).ok());
  const absl::StatusOr<std::vector<Device>> all = store().listDevices(domain::Page{});
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ((*all)[1].lastSeenUs, m_backend->now.load());
  EXPECT_EQ((*all)[0].lastSeenUs, 0) << "the admin token was not used";
}

TEST_P(DeviceStoreContractTest, RevokesByIdAndByName) {
  const domain::CreatedDevice kiosk = create("kiosk-1");
  const domain::CreatedDevice laptop = create("laptop", Role::Organiser);
  m_backend->now += 60'000'000;

  const absl::StatusOr<Device> byId = store().revokeDevice(kiosk.device.id, "");
  ASSERT_TRUE(byId.ok()) << byId.status();
  EXPECT_EQ(byId->name, "kiosk-1");
  EXPECT_EQ(byId->revokedUs, m_backend->now.load());
  EXPECT_TRUE(absl::IsNotFound(store().authenticate(kiosk.token).status()));

  const absl::StatusOr<Device> byName = store().revokeDevice(std::nullopt, "laptop");
  ASSERT_TRUE(byName.ok()) << byName.status();
  EXPECT_EQ(byName->id, laptop.device.id);
  EXPECT_TRUE(absl::IsNotFound(store().authenticate(laptop.token).status()));

  const absl::StatusOr<std::vector<Device>> all = store().listDevices(domain::Page{});
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 3U);
  EXPECT_EQ((*all)[1].revokedUs, m_backend->now.load()) << "listed with when it was revoked";
  EXPECT_EQ((*all)[0].revokedUs, 0);

  const absl::Status again = store().revokeDevice(kiosk.device.id, "").status();
  EXPECT_TRUE(absl::IsNotFound(again)) << again;
  EXPECT_EQ(again.message(), "no valid device with id " + std::to_string(kiosk.device.id));
  const absl::Status unknown = store().revokeDevice(std::nullopt, "nobody").status();
  EXPECT_TRUE(absl::IsNotFound(unknown)) << unknown;
  EXPECT_EQ(unknown.message(), "no valid device named \"nobody\"");
}

TEST_P(DeviceStoreContractTest, TheLastAdminTokenCannotBeRevoked) {
  const absl::StatusOr<Device> admin = store().authenticate(m_backend->adminToken);
  ASSERT_TRUE(admin.ok()) << admin.status();
  const absl::Status refused = store().revokeDevice(admin->id, "").status();
  EXPECT_TRUE(absl::IsFailedPrecondition(refused)) << refused;
  EXPECT_NE(refused.message().find("last admin token"), std::string::npos) << refused;
  EXPECT_TRUE(store().authenticate(m_backend->adminToken).ok()) << "the refused revocation changed nothing";

  create("second-admin", Role::Admin);
  EXPECT_TRUE(store().revokeDevice(std::nullopt, "admin").ok()) << "another admin token remains";
  EXPECT_TRUE(absl::IsNotFound(store().authenticate(m_backend->adminToken).status()));
}

TEST_P(DeviceStoreContractTest, ANameInUseIsRefusedAndARevokedOneSaysSo) {
  const absl::Status empty = store().createDevice("", Role::Kiosk).status();
  EXPECT_TRUE(absl::IsInvalidArgument(empty)) << empty;
  EXPECT_EQ(empty.message(), "a device needs a name");

  create("kiosk-spare");
  const absl::Status taken = store().createDevice("kiosk-spare", Role::Kiosk).status();
  EXPECT_TRUE(absl::IsAlreadyExists(taken)) << taken;
  EXPECT_EQ(taken.message(), "a device named \"kiosk-spare\" already exists");
  ASSERT_TRUE(store().revokeDevice(std::nullopt, "kiosk-spare").ok());
  const absl::Status revoked = store().createDevice("kiosk-spare", Role::Kiosk).status();
  EXPECT_TRUE(absl::IsAlreadyExists(revoked)) << revoked;
  EXPECT_EQ(revoked.message(),
            "a device named \"kiosk-spare\" already exists (revoked; its name stays with its log): choose another");
}

TEST_P(DeviceStoreContractTest, KeepsTheStaffPinHashItIsGiven) {
  EXPECT_EQ(store().staffPinHash(), "") << "no staff PIN until one is set";
  const absl::StatusOr<std::string> hash = domain::hashStaffPin("4711", "salt");
  ASSERT_TRUE(hash.ok()) << hash.status();
  ASSERT_TRUE(store().setStaffPinHash(*hash).ok());
  EXPECT_EQ(store().staffPinHash(), *hash);
  ASSERT_TRUE(store().setStaffPinHash("").ok());
  EXPECT_EQ(store().staffPinHash(), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, DeviceStoreContractTest,
                         ::testing::Values(&SqliteBackend::create, &PostgresBackend::create),
                         [](const ::testing::TestParamInfo<DeviceStoreFactory>& backend) {
                           return backend.index == 0 ? std::string("Sqlite") : std::string("Postgres");
                         });

}  // namespace
}  // namespace lanyard::server::postgres
