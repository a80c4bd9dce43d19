#include "rpc/auth.h"

#include <algorithm>

#include "domain/str_cat.h"

namespace lanyard::server::rpc {

absl::StatusOr<domain::Device> Authorizer::authorize(const grpc::ServerContextBase& context,
                                                     std::initializer_list<domain::Role> allowed) const {
  const auto& metadata = context.client_metadata();
  const auto header = metadata.find("authorization");
  if (header == metadata.end()) {
    return absl::UnauthenticatedError("missing `authorization: Bearer TOKEN` metadata");
  }
  const std::string_view value(header->second.data(), header->second.size());
  constexpr std::string_view kScheme = "Bearer ";
  if (value.size() <= kScheme.size() || value.substr(0, kScheme.size()) != kScheme) {
    return absl::UnauthenticatedError("the authorization metadata must be `Bearer TOKEN`");
  }
  absl::StatusOr<domain::Device> device = m_devices.authenticate(value.substr(kScheme.size()));
  if (absl::IsNotFound(device.status())) return absl::UnauthenticatedError("unknown or revoked token");
  if (!device.ok()) return device.status();
  if (std::find(allowed.begin(), allowed.end(), device->role) == allowed.end()) {
    const bool vowel = device->role == domain::Role::Organiser || device->role == domain::Role::Admin;
    return absl::PermissionDeniedError(
        strCat(vowel ? "an " : "a ", domain::roleName(device->role), " token may not make this call"));
  }
  return device;
}

}  // namespace lanyard::server::rpc
