#pragma once

// The wire form of the activity feed, built once per activity and shared by every watch stream.

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <span>

#include "domain/activity.h"
#include "lanyard/v1/attendance_service.pb.h"

namespace lanyard::server::rpc {

// One activity serialised as an element of ActivityBatch.activities: the field's tag, the length
// and the lanyard.v1.Activity message. The slice is reference-counted and immutable, so any number
// of streams can send it without copying it. Costs one toProto and one serialisation.
grpc::Slice encodeActivity(const domain::Activity& activity);

// The lanyard.v1.WatchAttendanceResponse whose `activities` batch holds `pieces` (each from
// encodeActivity), in order, as one slice.
grpc::Slice activityBatchEvent(std::span<const grpc::Slice> pieces);

// `event` serialised, as one slice.
grpc::ByteBuffer serializeEvent(const v1::WatchAttendanceResponse& event);

// Remembers the encoded form of the latest activities, so that the watchers that keep up, who all
// send the same activities, serialise each one once between them. Holds the last `capacity`
// consecutive sequence numbers it was asked for; older ones, and ones a watcher catching up from
// the log asks for, are encoded on the spot and not kept. Thread-safe.
class ActivityWireCache {
 public:
  explicit ActivityWireCache(std::size_t capacity);

  // The encoded `activity` (a shared reference): from memory when it is there, otherwise encoded
  // now, and kept when it follows the newest one kept (or nothing newer is kept).
  grpc::Slice get(const domain::Activity& activity);

  // The WatchAttendanceResponse batch of `activities` (consecutive, oldest first) as one slice, shared by
  // every caller that asks for the same run: in a round the watchers that keep up all ask for the
  // same activities, and gRPC sends a buffer of one slice for far less than one of a slice per
  // activity. Remembers the last kRecentBatches runs. `activities` must not be empty.
  grpc::ByteBuffer batchEvent(std::span<const std::shared_ptr<const domain::Activity>> activities);

  struct Stats {
    std::int64_t hits = 0;
    std::int64_t encoded = 0;
    std::size_t kept = 0;
    std::int64_t batchesBuilt = 0;
    std::int64_t batchesShared = 0;
  };
  Stats stats();

 private:
  static constexpr std::size_t kRecentBatches = 4;
  struct Batch {
    std::int64_t first = 0;  // Sequence numbers of the run's first and last activity.
    std::int64_t last = 0;
    grpc::Slice event;
  };

  const std::size_t m_capacity;
  std::mutex m_mutex;
  std::int64_t m_first = 0;          // Sequence number of m_pieces.front().
  std::deque<grpc::Slice> m_pieces;  // Consecutive sequence numbers from m_first.
  std::deque<Batch> m_batches;       // Newest last.
  Stats m_stats;
};

}  // namespace lanyard::server::rpc
