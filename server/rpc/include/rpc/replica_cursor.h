#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "domain/replica_store.h"

namespace lanyard::server::rpc {

// GetReplicaChanges' cursor, opaque to clients: web-safe base64 of
// "replica1:<event tag>:<session sequence>:<session id>:<delegate sequence>:<delegate id>", the
// event tag being domain::eventTagFor() of the event's key, changed by each restore of the event's
// file (ReplicaServiceImpl). It holds no secret: a forged one reads nothing the caller could not
// read from the start.
std::string encodeReplicaCursor(std::uint32_t eventTag, const domain::ReplicaCursor& cursor);

// The cursor `text` stands for; the start for an empty one. INVALID_ARGUMENT for anything
// encodeReplicaCursor() did not give out; FAILED_PRECONDITION for a cursor of another event or
// from before a restore.
absl::StatusOr<domain::ReplicaCursor> decodeReplicaCursor(std::uint32_t eventTag, std::string_view text);

}  // namespace lanyard::server::rpc
