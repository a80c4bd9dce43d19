#include "cli/token_command.h"

#include <chrono>
#include <cstdint>
#include <iomanip>
#include <set>
#include <string>

#include "lanyard/v1/device_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"

namespace lanyard::cli {

namespace v1 = lanyard::v1;

int runToken(Invocation& invocation) {
  if (invocation.positional.empty()) return usageError(invocation, "usage: lanyard token create|list|revoke");
  const std::string action = invocation.positional[0];
  auto stub = v1::DeviceService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(30));
  if (action == "create") {
    const std::string role = option(invocation, "role");
    v1::CreateTokenRequest request;
    if (role == "kiosk") {
      request.set_role(v1::ROLE_KIOSK);
    } else if (role == "organiser" || role == "organizer") {
      request.set_role(v1::ROLE_ORGANISER);
    } else if (role == "desk") {
      request.set_role(v1::ROLE_DESK);
    } else if (role == "admin") {
      request.set_role(v1::ROLE_ADMIN);
    } else {
      return usageError(invocation, "--role must be kiosk, organiser, desk or admin");
    }
    request.set_name(option(invocation, "name"));
    if (request.name().empty()) return usageError(invocation, "--name is required");
    v1::CreateTokenResponse response;
    grpc::Status status = stub->CreateToken(context.get(), request, &response);
    if (!status.ok()) return reportFailure(invocation, status);
    if (invocation.json) {
      printJson(invocation, response);
    } else {
      *invocation.out << "device #" << response.device().id() << " " << response.device().name() << " ("
                      << roleName(response.device().role()) << ")\ntoken: " << response.token()
                      << "\n(shown only now: store it in the device's config)\n";
    }
    return 0;
  }
  if (action == "list") {
    v1::GetEventResponse event;
    if (grpc::Status status = useEventTimeZone(invocation, &event); !status.ok()) {
      return reportFailure(invocation, status);
    }
    v1::ListDevicesResponse response;
    grpc::Status status =
        allPages(invocation, std::chrono::seconds(30), v1::ListDevicesRequest(), &response,
                 [&stub](auto* c, const auto& r, auto* page) { return stub->ListDevices(c, r, page); });
    if (!status.ok()) return reportFailure(invocation, status);
    if (invocation.json) {
      printJson(invocation, response);
      return 0;
    }
    for (const v1::Device& d : response.devices()) {
      *invocation.out << "#" << d.id() << "  " << std::left << std::setw(24) << d.name() << std::setw(10)
                      << roleName(d.role())
                      << (d.revoked_time_us() != 0 ? "revoked " + localTime(invocation, d.revoked_time_us())
                                                   : "last seen " + localTime(invocation, d.last_seen_time_us()))
                      << "\n";
    }
    return 0;
  }
  if (action == "revoke") {
    v1::RevokeTokenRequest request;
    std::int64_t id = 0;
    if (invocation.options.count("id") != 0) {
      if (!parseId(option(invocation, "id"), id)) return usageError(invocation, "--id must be a device id");
      request.set_id(id);
    } else if (invocation.positional.size() == 2) {
      request.set_name(invocation.positional[1]);
    } else {
      return usageError(invocation, "usage: lanyard token revoke NAME | --id ID");
    }
    v1::RevokeTokenResponse response;
    grpc::Status status = stub->RevokeToken(context.get(), request, &response);
    if (!status.ok()) return reportFailure(invocation, status);
    if (invocation.json) {
      printJson(invocation, response);
    } else {
      *invocation.out << "revoked device #" << response.device().id() << " " << response.device().name() << "\n";
    }
    return 0;
  }
  return usageError(invocation, "unknown token action \"" + action + "\"");
}

}  // namespace lanyard::cli
