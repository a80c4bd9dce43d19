#include "rpc/service_context.h"

namespace lanyard::server::rpc {

bool staffVouches(const domain::Device& caller) {
  return caller.role == domain::Role::Desk || caller.role == domain::Role::Admin;
}

absl::StatusOr<v1::Delegate> fullRecord(const ServiceContext& context, const domain::Device& caller,
                                        const domain::Delegate& d) {
  std::string code;
  if (staffVouches(caller)) {
    absl::StatusOr<std::string> issued = domain::badgeCodeFor(context.signer, d);
    if (!issued.ok()) return issued.status();
    code = std::move(*issued);
  }
  return toProto(d, code);
}

}  // namespace lanyard::server::rpc
