#include "domain/device_tokens.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

namespace lanyard::server::domain {
namespace {

Device kiosk(std::int64_t id) { return Device{id, "kiosk-" + std::to_string(id), Role::Kiosk, 100, 0, 0}; }

TEST(TokenCacheTest, AuthenticatesAKnownHashAndNotesWhenItWasSeen) {
  TokenCache tokens;
  tokens.add("hash-1", kiosk(1));
  const absl::StatusOr<Device> device = tokens.authenticate("hash-1", 500);
  ASSERT_TRUE(device.ok()) << device.status();
  EXPECT_EQ(device->id, 1);
  EXPECT_EQ(device->lastSeenUs, 500);
  EXPECT_TRUE(absl::IsNotFound(tokens.authenticate("hash-2", 500).status()));
}

TEST(TokenCacheTest, ADroppedDeviceIsNeverAddedAgain) {
  TokenCache tokens;
  tokens.add("hash-1", kiosk(1));
  const std::optional<Device> dropped = tokens.drop(1, 900);
  ASSERT_TRUE(dropped.has_value());
  EXPECT_EQ(dropped->revokedUs, 900);
  // A lookup that read the device before its revocation committed comes back late.
  tokens.add("hash-1", kiosk(1));
  EXPECT_TRUE(absl::IsNotFound(tokens.authenticate("hash-1", 1000).status()));
  // Its revocation heard before the device was ever here.
  EXPECT_FALSE(tokens.drop(2, 900).has_value());
  tokens.add("hash-2", kiosk(2));
  EXPECT_TRUE(absl::IsNotFound(tokens.authenticate("hash-2", 1000).status()));
}

TEST(TokenCacheTest, ReplacingKeepsTheValidDevicesAndDropsTheRevokedForGood) {
  TokenCache tokens;
  tokens.add("hash-1", kiosk(1));
  ASSERT_TRUE(tokens.authenticate("hash-1", 700).ok());
  Device revoked = kiosk(2);
  revoked.revokedUs = 600;
  tokens.replace({{"hash-1", kiosk(1)}, {"hash-2", revoked}, {"hash-3", kiosk(3)}}, {{1, 300}, {3, 400}});
  const absl::StatusOr<Device> one = tokens.authenticate("hash-1", 800);
  ASSERT_TRUE(one.ok());
  std::vector<Device> listed = {kiosk(1), kiosk(3)};
  tokens.fillLastSeen(listed);
  EXPECT_EQ(listed[0].lastSeenUs, 800);
  EXPECT_EQ(listed[1].lastSeenUs, 400) << "its latest logged activity";
  EXPECT_TRUE(absl::IsNotFound(tokens.authenticate("hash-2", 800).status()));
  tokens.add("hash-2", kiosk(2));
  EXPECT_TRUE(absl::IsNotFound(tokens.authenticate("hash-2", 800).status())) << "revoked for good";
}

}  // namespace
}  // namespace lanyard::server::domain
