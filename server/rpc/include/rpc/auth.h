#pragma once

#include <grpcpp/server_context.h>

#include <initializer_list>

#include "absl/status/statusor.h"
#include "domain/device_store.h"
#include "domain/event.h"

namespace lanyard::server::rpc {

// Decides who is calling from the `authorization: Bearer TOKEN` metadata and whether their role
// may make the call.
class Authorizer {
 public:
  explicit Authorizer(domain::DeviceStore& devices) : m_devices(devices) {}

  // The calling device. UNAUTHENTICATED when the header is missing or malformed or the token is
  // unknown or revoked; PERMISSION_DENIED when the device's role is not in `allowed`.
  // Takes any server context: the synchronous API's and the callback API's alike.
  absl::StatusOr<domain::Device> authorize(const grpc::ServerContextBase& context,
                                           std::initializer_list<domain::Role> allowed) const;

 private:
  domain::DeviceStore& m_devices;
};

// Roles for each kind of call; see the access table in docs/access.md.
inline constexpr std::initializer_list<domain::Role> kAnyRole = {domain::Role::Kiosk, domain::Role::Organiser,
                                                                 domain::Role::Desk, domain::Role::Admin};
// What kiosk devices do: staff mode, badges, prints, heartbeats.
inline constexpr std::initializer_list<domain::Role> kScanRoles = {domain::Role::Kiosk, domain::Role::Admin};
inline constexpr std::initializer_list<domain::Role> kCheckInRoles = {domain::Role::Kiosk, domain::Role::Desk,
                                                                      domain::Role::Admin};
// The live view and exports.
inline constexpr std::initializer_list<domain::Role> kReadRoles = {domain::Role::Organiser, domain::Role::Admin};
// One delegate's full record and history.
inline constexpr std::initializer_list<domain::Role> kDelegateReadRoles = {domain::Role::Organiser, domain::Role::Desk,
                                                                           domain::Role::Admin};
// Walk-ins, corrections, cancellations, reissued badges.
inline constexpr std::initializer_list<domain::Role> kDeskRoles = {domain::Role::Desk, domain::Role::Admin};
inline constexpr std::initializer_list<domain::Role> kAdminOnly = {domain::Role::Admin};

}  // namespace lanyard::server::rpc
