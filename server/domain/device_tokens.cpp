#include "domain/device_tokens.h"

#include <algorithm>
#include <mutex>
#include <utility>

#include "domain/str_cat.h"

namespace lanyard::server::domain {

void TokenCache::add(const std::string& tokenHash, const Device& device) {
  std::unique_lock lock(m_mutex);
  if (m_dropped.contains(device.id)) return;
  m_byTokenHash[tokenHash] = device;
}

void TokenCache::replace(std::unordered_map<std::string, Device> devices,
                         const std::unordered_map<std::int64_t, TimeUs>& lastSeenUs) {
  std::unique_lock lock(m_mutex);
  for (const auto& [hash, device] : devices) {
    if (device.revokedUs != 0) m_dropped.insert(device.id);
  }
  std::erase_if(devices, [&](const auto& entry) { return m_dropped.contains(entry.second.id); });
  for (auto& [hash, device] : devices) {
    if (const auto found = lastSeenUs.find(device.id); found != lastSeenUs.end()) device.lastSeenUs = found->second;
    // Seen since the load began: this process's own sightings are newer than the log's.
    if (const auto known = m_byTokenHash.find(hash); known != m_byTokenHash.end()) {
      device.lastSeenUs = std::max(device.lastSeenUs, known->second.lastSeenUs);
    }
  }
  m_byTokenHash = std::move(devices);
}

absl::StatusOr<Device> TokenCache::authenticate(const std::string& tokenHash, TimeUs now) {
  // Looking up by the hash reveals nothing useful about the token; the final comparison is
  // constant-time all the same.
  std::unique_lock lock(m_mutex);
  auto found = m_byTokenHash.find(tokenHash);
  if (found == m_byTokenHash.end() || !constantTimeEquals(found->first, tokenHash)) return unknownToken();
  found->second.lastSeenUs = now;
  return found->second;
}

std::optional<Device> TokenCache::drop(std::int64_t id, TimeUs revokedUs) {
  std::unique_lock lock(m_mutex);
  m_dropped.insert(id);
  for (auto it = m_byTokenHash.begin(); it != m_byTokenHash.end(); ++it) {
    if (it->second.id != id) continue;
    Device device = it->second;
    device.revokedUs = revokedUs;
    m_byTokenHash.erase(it);
    return device;
  }
  return std::nullopt;
}

void TokenCache::fillLastSeen(std::vector<Device>& devices) const {
  std::shared_lock lock(m_mutex);
  for (Device& device : devices) {
    for (const auto& [hash, known] : m_byTokenHash) {
      if (known.id == device.id) device.lastSeenUs = known.lastSeenUs;
    }
  }
}

absl::Status unknownToken() { return absl::NotFoundError("unknown or revoked token"); }

absl::Status checkDeviceName(std::string_view name) {
  if (name.empty()) return absl::InvalidArgumentError("a device needs a name");
  return absl::OkStatus();
}

absl::Status deviceNameTaken(std::string_view name, bool revoked) {
  // A revoked device keeps its name: the log still speaks of it.
  return absl::AlreadyExistsError(strCat("a device named \"", name, "\" already exists",
                                         revoked ? " (revoked; its name stays with its log): choose another" : ""));
}

absl::Status noValidDevice(std::optional<std::int64_t> id, std::string_view name) {
  return absl::NotFoundError(id ? strCat("no valid device with id ", *id)
                                : strCat("no valid device named \"", name, "\""));
}

absl::Status lastAdminToken() {
  // Without an admin token nobody could create tokens or import again.
  return absl::FailedPreconditionError(
      "this is the last admin token: create another first (lanyard token create --role admin --name NAME)");
}

}  // namespace lanyard::server::domain
