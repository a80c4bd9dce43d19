#pragma once

// The lanyard.v1 services each check the caller's role, validate the request, call the EventStore
// and translate the answer; no business rules live in them. This is what they share: their
// context, the limits on request fields several of them read, and the helpers that turn absl
// statuses into the RPC's answer.

#include <grpcpp/support/status.h>

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "domain/badge_code.h"
#include "domain/delegate.h"
#include "domain/event_store.h"
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

// Returns the gRPC status of a failed absl::Status from the enclosing RPC method.
#define LANYARD_RPC_RETURN_IF_ERROR(expr)                              \
  do {                                                                 \
    const absl::Status lanyard_rpc_status_ = (expr);                   \
    if (!lanyard_rpc_status_.ok()) return toGrpc(lanyard_rpc_status_); \
  } while (false)

// Moves the value of an absl::StatusOr into `lhs`, or returns its gRPC status from the enclosing
// RPC method.
#define LANYARD_RPC_ASSIGN_OR_RETURN(lhs, expr) \
  LANYARD_RPC_ASSIGN_OR_RETURN_IMPL(LANYARD_RPC_CONCAT(lanyard_rpc_statusor_, __COUNTER__), lhs, expr)
#define LANYARD_RPC_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                      \
  if (!tmp.ok()) return toGrpc(tmp.status());             \
  lhs = std::move(*tmp)
#define LANYARD_RPC_CONCAT_INNER(a, b) a##b
#define LANYARD_RPC_CONCAT(a, b) LANYARD_RPC_CONCAT_INNER(a, b)

// INVALID_ARGUMENT with `message`.
inline grpc::Status invalid(std::string message) {
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::move(message));
}

// Whether `caller` is staff whose word stands in for a proof of identity: the help desk and admins
// check people in by name without one, and hand out badge codes.
bool staffVouches(const domain::Device& caller);

// The full record, with the badge code for the help desk and admins only.
absl::StatusOr<v1::Delegate> fullRecord(const ServiceContext& context, const domain::Device& caller,
                                        const domain::Delegate& d);

}  // namespace lanyard::server::rpc
