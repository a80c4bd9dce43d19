#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/event.h"

namespace lanyard::server::domain {

// The valid devices of an event by the hash of their token, kept in memory by a DeviceStore so
// that authentication never touches the database. Thread-safe. A device dropped as revoked is
// never added again: a revocation is final, so a store that reads a device from the database
// while another thread hears of its revocation keeps it out whichever comes first.
class TokenCache {
 public:
  // Keeps `device` under `tokenHash` (domain::hashToken's), unless it was dropped.
  void add(const std::string& tokenHash, const Device& device);
  // Replaces the whole cache with `devices` by token hash (a store's load, or its reload after it
  // may have missed news): the valid ones are kept, the revoked ones dropped. `lastSeenUs` gives
  // each device's latest logged activity by id.
  void replace(std::unordered_map<std::string, Device> devices,
               const std::unordered_map<std::int64_t, TimeUs>& lastSeenUs);

  // The device holding the token with `tokenHash`, seen at `now`; NOT_FOUND (unknownToken())
  // when it is not here. The comparison of the hash is constant-time.
  absl::StatusOr<Device> authenticate(const std::string& tokenHash, TimeUs now);

  // Drops device `id` for good, revoked at `revokedUs`; the device as it was, if it was here.
  std::optional<Device> drop(std::int64_t id, TimeUs revokedUs);

  // Sets the lastSeenUs of each of `devices` that is here.
  void fillLastSeen(std::vector<Device>& devices) const;

 private:
  mutable std::shared_mutex m_mutex;
  std::unordered_map<std::string, Device> m_byTokenHash;  // Guarded by m_mutex.
  std::unordered_set<std::int64_t> m_dropped;             // Guarded by m_mutex.
};

// What every DeviceStore answers, worded once.
// NOT_FOUND for a token no valid device holds.
absl::Status unknownToken();
// INVALID_ARGUMENT unless `name` is a valid device name.
absl::Status checkDeviceName(std::string_view name);
// ALREADY_EXISTS for a new device named as an existing one, `revoked` or not.
absl::Status deviceNameTaken(std::string_view name, bool revoked);
// NOT_FOUND for a revocation of device `id` (or, without one, named `name`) that matched no valid device.
absl::Status noValidDevice(std::optional<std::int64_t> id, std::string_view name);
// FAILED_PRECONDITION for revoking the last valid admin token.
absl::Status lastAdminToken();

}  // namespace lanyard::server::domain
