#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "domain/activity.h"
#include "domain/check_in.h"
#include "domain/event.h"
#include "domain/event_store.h"
#include "lanyard/v1/attendance_service.pb.h"
#include "lanyard/v1/check_in_service.pb.h"
#include "lanyard/v1/delegate_service.pb.h"
#include "lanyard/v1/device_service.pb.h"
#include "lanyard/v1/kiosk_status_service.pb.h"
#include "lanyard/v1/types.pb.h"

// Translation between the domain and lanyard.v1 messages, and of errors to gRPC status codes.
namespace lanyard::server::rpc {

// The gRPC status for a domain status, code for code, message kept.
grpc::Status toGrpc(const absl::Status& status);

v1::Role toProto(domain::Role role);
bool fromProto(v1::Role role, domain::Role& out);
domain::Direction fromProto(v1::Direction direction);
v1::Direction toProto(domain::Direction direction);
v1::CheckInOutcome toProto(domain::CheckInOutcome outcome);
// The domain outcome for `outcome`; nullopt for UNSPECIFIED and values this server does not know.
std::optional<domain::CheckInOutcome> fromProto(v1::CheckInOutcome outcome);
v1::ConflictKind toProto(domain::ConflictKind kind);
v1::PrinterStatus toProto(domain::PrinterStatus status);
// UNSPECIFIED (or a value this build does not know) becomes Unknown.
domain::PrinterStatus fromProto(v1::PrinterStatus status);
v1::ActivityKind toProto(domain::ActivityKind kind);

// The full record; `badgeCode` is filled in only when given (admin tokens).
v1::Delegate toProto(const domain::Delegate& delegate, const std::string& badgeCode);
// What a kiosk may see: "Simona B., Vilnius".
v1::DelegateSummary toSummary(const domain::Delegate& delegate);
v1::DelegateSummary toSummary(domain::DelegateSummary delegate);
// The same, written into `out` (on its arena, if it has one).
void toSummary(domain::DelegateSummary delegate, v1::DelegateSummary* out);
// A delegate from a request; id, status and badge fields are left to the caller.
domain::Delegate fromProto(const v1::Delegate& delegate);
v1::Session toProto(const domain::SessionOccupancy& session);
v1::Device toProto(const domain::Device& device);
v1::CheckInRecord toProto(const domain::CheckInRecord& record);
v1::BadgePrintRecord toProto(const domain::BadgePrintRecord& print);

}  // namespace lanyard::server::rpc
