#include "rpc/auth.h"

#include <grpcpp/server_context.h>
#include <grpcpp/test/server_context_test_spouse.h>
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/device_store.h"

namespace lanyard::server::rpc {
namespace {

// Knows a fixed set of tokens, or fails every lookup with `failure`; records what it was asked.
// The Authorizer needs nothing of the store but authenticate(), so nothing else is faked.
class FakeDeviceStore final : public domain::DeviceStore {
 public:
  absl::StatusOr<domain::Device> authenticate(std::string_view token) override {
    asked.emplace_back(token);
    if (!failure.ok()) return failure;
    const auto found = devices.find(std::string(token));
    if (found == devices.end()) return absl::NotFoundError("unknown or revoked token");
    return found->second;
  }
  absl::StatusOr<domain::CreatedDevice> createDevice(std::string_view, domain::Role) override { return unused(); }
  absl::StatusOr<std::vector<domain::Device>> listDevices(domain::Page) override { return unused(); }
  absl::StatusOr<domain::Device> revokeDevice(std::optional<std::int64_t>, std::string_view) override {
    return unused();
  }
  std::string staffPinHash() const override { return {}; }
  absl::Status setStaffPinHash(std::string) override { return unused(); }

  std::map<std::string, domain::Device> devices;
  absl::Status failure;
  std::vector<std::string> asked;

 private:
  static absl::Status unused() { return absl::UnimplementedError("not used by the Authorizer"); }
};

class AuthorizerTest : public ::testing::Test {
 protected:
  AuthorizerTest() { m_devices.devices["kiosk-token"] = domain::Device{7, "door-1", domain::Role::Kiosk, 0, 0, 0}; }

  // Authorizes a call that carries `authorization` metadata (none when nullopt).
  absl::StatusOr<domain::Device> authorize(std::optional<std::string> authorization,
                                           std::initializer_list<domain::Role> allowed) {
    grpc::ServerContext context;
    grpc::testing::ServerContextTestSpouse spouse(&context);
    if (authorization) spouse.AddClientMetadata("authorization", *authorization);
    return m_authorizer.authorize(context, allowed);
  }

  FakeDeviceStore m_devices;
  Authorizer m_authorizer{m_devices};
};

TEST_F(AuthorizerTest, ResolvesTheBearerTokenToItsDevice) {
  const absl::StatusOr<domain::Device> device = authorize("Bearer kiosk-token", kScanRoles);
  ASSERT_TRUE(device.ok()) << device.status();
  EXPECT_EQ(device->id, 7);
  EXPECT_EQ(device->name, "door-1");
  EXPECT_EQ(m_devices.asked, std::vector<std::string>{"kiosk-token"});
}

TEST_F(AuthorizerTest, RefusesACallWithoutMetadataWithoutAskingTheStore) {
  const absl::StatusOr<domain::Device> device = authorize(std::nullopt, kAnyRole);
  EXPECT_EQ(device.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(m_devices.asked.empty());
}

TEST_F(AuthorizerTest, RefusesAnotherSchemeWithoutAskingTheStore) {
  const absl::StatusOr<domain::Device> device = authorize("Basic kiosk-token", kAnyRole);
  EXPECT_EQ(device.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(m_devices.asked.empty());
}

TEST_F(AuthorizerTest, TurnsAnUnknownTokenIntoUnauthenticated) {
  const absl::StatusOr<domain::Device> device = authorize("Bearer forged", kAnyRole);
  EXPECT_EQ(device.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(m_devices.asked, std::vector<std::string>{"forged"});
}

TEST_F(AuthorizerTest, RefusesARoleThatMayNotMakeTheCall) {
  const absl::StatusOr<domain::Device> device = authorize("Bearer kiosk-token", kAdminOnly);
  EXPECT_EQ(device.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(device.status().message(), "a kiosk token may not make this call");
}

// A store that cannot answer is not a bad token: the caller should retry, not re-enrol.
TEST_F(AuthorizerTest, PassesOnAStoreFailureAsItIs) {
  m_devices.failure = absl::UnavailableError("database is busy");
  const absl::StatusOr<domain::Device> device = authorize("Bearer kiosk-token", kAnyRole);
  EXPECT_EQ(device.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace lanyard::server::rpc
