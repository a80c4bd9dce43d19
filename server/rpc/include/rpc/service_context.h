#pragma once

// The lanyard.v1 services each check the caller's role, validate the request, call the EventStore
// and translate the answer; no business rules live in them. This is what they share: their
// context, the limits on request fields several of them read, and the status macros they return
// through (LANYARD_RETURN_IF_ERROR(expr, toGrpc)).

#include <grpcpp/support/status.h>

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "domain/badge_code.h"
#include "domain/delegate.h"
#include "domain/event_store.h"
#include "domain/status_macros.h"
#include "lanyard/v1/types.pb.h"
#include "rpc/auth.h"
#include "rpc/convert.h"

namespace lanyard::server::rpc {

// What every service needs: the store, the authorizer and the event's badge signer.
struct ServiceContext {
  domain::EventStore& store;
  const Authorizer& authorizer;
  const domain::BadgeSigner& signer;
};

// Longest scanned or typed code, and longest name-like field, a request may carry.
inline constexpr std::size_t kMaxCodeBytes = 4096;
inline constexpr std::size_t kMaxNameBytes = 1000;

// INVALID_ARGUMENT with `message`.
inline grpc::Status invalid(const std::string& message) {
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, message);
}

// Whether `caller` is staff whose word stands in for a proof of identity: the help desk and admins
// check people in by name without one, and hand out badge codes.
bool staffVouches(const domain::Device& caller);

// The full record, with the badge code for the help desk and admins only.
absl::StatusOr<v1::Delegate> fullRecord(const ServiceContext& context, const domain::Device& caller,
                                        const domain::Delegate& d);

}  // namespace lanyard::server::rpc
