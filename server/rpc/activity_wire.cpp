#include "rpc/activity_wire.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include <string>
#include <vector>

#include "rpc/attendance_service.h"

namespace lanyard::server::rpc {

namespace {

using google::protobuf::internal::WireFormatLite;

// The tag of a length-delimited field: (number << 3) | LENGTH_DELIMITED.
std::uint32_t lengthDelimitedTag(int fieldNumber) {
  return WireFormatLite::MakeTag(fieldNumber, WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
}

// Appends the tag and the length of a length-delimited field of `length` bytes.
void appendFieldHeader(std::string& out, int fieldNumber, std::size_t length) {
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.WriteVarint32(lengthDelimitedTag(fieldNumber));
  coded.WriteVarint64(length);
}

}  // namespace

grpc::Slice encodeActivity(const domain::Activity& activity) {
  v1::Activity message;
  toProto(activity, &message);
  std::string bytes;
  appendFieldHeader(bytes, v1::ActivityBatch::kActivitiesFieldNumber, message.ByteSizeLong());
  message.AppendToString(&bytes);
  return grpc::Slice(bytes);
}

grpc::Slice activityBatchEvent(std::span<const grpc::Slice> pieces) {
  std::size_t length = 0;
  for (const grpc::Slice& piece : pieces) length += piece.size();
  std::string bytes;
  appendFieldHeader(bytes, v1::WatchAttendanceResponse::kActivitiesFieldNumber, length);
  bytes.reserve(bytes.size() + length);
  for (const grpc::Slice& piece : pieces) bytes.append(reinterpret_cast<const char*>(piece.begin()), piece.size());
  return grpc::Slice(bytes);
}

grpc::ByteBuffer serializeEvent(const v1::WatchAttendanceResponse& event) {
  grpc::Slice slice(event.SerializeAsString());
  return grpc::ByteBuffer(&slice, 1);
}

ActivityWireCache::ActivityWireCache(std::size_t capacity) : m_capacity(capacity) {}

grpc::Slice ActivityWireCache::get(const domain::Activity& activity) {
  {
    std::lock_guard lock(m_mutex);
    const std::int64_t end = m_first + static_cast<std::int64_t>(m_pieces.size());
    if (!m_pieces.empty() && activity.sequence >= m_first && activity.sequence < end) {
      ++m_stats.hits;
      return m_pieces[static_cast<std::size_t>(activity.sequence - m_first)];
    }
  }
  // Encoded without the lock: a watcher catching up from the log does not hold up the others.
  grpc::Slice piece = encodeActivity(activity);
  std::lock_guard lock(m_mutex);
  ++m_stats.encoded;
  if (m_capacity == 0) return piece;
  const std::int64_t end = m_first + static_cast<std::int64_t>(m_pieces.size());
  if (m_pieces.empty() || activity.sequence > end) {
    // Nothing kept yet, or a jump past what is kept: start again from here.
    m_pieces.clear();
    m_first = activity.sequence;
    m_pieces.push_back(piece);
  } else if (activity.sequence == end) {
    m_pieces.push_back(piece);
    if (m_pieces.size() > m_capacity) {
      m_pieces.pop_front();
      ++m_first;
    }
  }
  return piece;
}

grpc::ByteBuffer ActivityWireCache::batchEvent(std::span<const std::shared_ptr<const domain::Activity>> activities) {
  const std::int64_t first = activities.front()->sequence;
  const std::int64_t last = activities.back()->sequence;
  {
    std::lock_guard lock(m_mutex);
    for (const Batch& batch : m_batches) {
      if (batch.first == first && batch.last == last) {
        ++m_stats.batchesShared;
        return grpc::ByteBuffer(&batch.event, 1);
      }
    }
  }
  std::vector<grpc::Slice> pieces;
  pieces.reserve(activities.size());
  for (const std::shared_ptr<const domain::Activity>& activity : activities) pieces.push_back(get(*activity));
  const grpc::Slice event = activityBatchEvent(pieces);
  std::lock_guard lock(m_mutex);
  ++m_stats.batchesBuilt;
  m_batches.push_back({first, last, event});
  if (m_batches.size() > kRecentBatches) m_batches.pop_front();
  return grpc::ByteBuffer(&event, 1);
}

ActivityWireCache::Stats ActivityWireCache::stats() {
  std::lock_guard lock(m_mutex);
  Stats stats = m_stats;
  stats.kept = m_pieces.size();
  return stats;
}

}  // namespace lanyard::server::rpc
