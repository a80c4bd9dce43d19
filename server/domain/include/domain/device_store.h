#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/event.h"
#include "domain/page.h"

namespace lanyard::server::domain {

// Where devices are resolved from tokens.
struct CreatedDevice {
  Device device;
  std::string token;  // Shown once; only its hash is stored.
};

// The devices that may call the server, by token, and the event's staff PIN. Thread-safe; fails
// with the codes EventStore lists.
class DeviceStore {
 public:
  virtual ~DeviceStore() = default;

  // Answers from memory: NOT_FOUND for an unknown or revoked token.
  virtual absl::StatusOr<Device> authenticate(std::string_view token) = 0;
  virtual absl::StatusOr<CreatedDevice> createDevice(std::string_view name, Role role) = 0;
  // Devices ordered by id.
  virtual absl::StatusOr<std::vector<Device>> listDevices(Page page) = 0;
  virtual absl::StatusOr<Device> revokeDevice(std::optional<std::int64_t> id, std::string_view name) = 0;

  // The staff PIN as domain::hashStaffPin keeps it; empty for none (kiosks have no staff mode).
  virtual std::string staffPinHash() const = 0;
  virtual absl::Status setStaffPinHash(std::string hash) = 0;
};

}  // namespace lanyard::server::domain
