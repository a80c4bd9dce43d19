#pragma once

#include <google/protobuf/field_mask.pb.h>

#include <span>
#include <string_view>

#include "absl/status/statusor.h"
#include "lanyard/v1/types.pb.h"

// UpdateDelegate's field mask: which Delegate fields a correction may change, and applying one.
namespace lanyard::server::rpc {

// The Delegate fields a correction may change, as FieldMask paths (Delegate's field names), in
// the order of types.proto. Status, badge and version fields change only through their own RPCs.
std::span<const std::string_view> editableDelegatePaths();

// `requested` as the paths to change: an empty mask means every editable path (AIP-134 full
// replacement). INVALID_ARGUMENT naming the first path that is not an editable field, and listing
// those that are.
absl::StatusOr<google::protobuf::FieldMask> editableDelegateMask(const google::protobuf::FieldMask& requested);

// `stored` with the fields of `mask` (an editableDelegateMask) taken from `correction`; every other
// field keeps its stored value, whatever `correction` holds.
v1::Delegate applyDelegateMask(v1::Delegate stored, const v1::Delegate& correction,
                               const google::protobuf::FieldMask& mask);

}  // namespace lanyard::server::rpc
