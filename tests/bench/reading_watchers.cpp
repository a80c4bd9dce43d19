#include "reading_watchers.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/proto_buffer_reader.h>
#include <grpcpp/support/proto_buffer_writer.h>

#include <algorithm>
#include <stdexcept>

#include "bench_server.h"
#include "lanyard/v1/attendance_service.pb.h"

namespace lanyard::bench {

using namespace std::chrono_literals;

// One WatchAttendance stream read asynchronously; its address is its completion queue tag. The
// watchers share the machine's two cores with the server they measure, and parsing every
// activity in full (a delegate's name, organisation, city, the kiosk's name...) was a tenth of
// all the CPU time in a fan-out run. So a message is read as bytes (a generic call) and scanned:
// each activity's sequence number and log time are read and the rest is skipped unparsed. The
// snapshot, once at the start, is parsed in full.
struct ReadingWatchers::Stream {
  enum class State { Starting, SendingRequest, Reading, Finishing, Done };

  grpc::ClientContext context;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call;
  grpc::ByteBuffer request;
  grpc::ByteBuffer message;  // The message being read.
  grpc::Status status;
  State state = State::Starting;
  std::atomic<std::int64_t> snapshotSequence{-1};
  std::atomic<std::int64_t> lastSequence{-1};
  std::int64_t received = 0;
  std::int64_t gaps = 0;
  std::int64_t resyncs = 0;
  std::int64_t malformed = 0;
  std::vector<float> latencyMs;  // Server log time to this client's read, per activity.

  // Handles a completion; false once the stream is over.
  bool step(bool ok) {
    if (!ok && (state == State::Starting || state == State::SendingRequest || state == State::Reading)) {
      state = State::Finishing;
      call->Finish(&status, this);
      return true;
    }
    switch (state) {
      case State::Starting:
        state = State::SendingRequest;
        call->WriteLast(request, grpc::WriteOptions(), this);
        return true;
      case State::Reading:
        if (!take()) ++malformed;
        message.Clear();
        [[fallthrough]];
      case State::SendingRequest:
        state = State::Reading;
        call->Read(&message, this);
        return true;
      case State::Finishing:
        state = State::Done;
        return false;
      case State::Done:
        return false;
    }
    return false;
  }

  // Takes in `message` (a v1::WatchAttendanceResponse); false when it does not parse.
  bool take() {
    grpc::ProtoBufferReader bytes(&message);
    google::protobuf::io::CodedInputStream in(&bytes);
    using google::protobuf::internal::WireFormatLite;
    const std::int64_t now = nowUs();
    while (const std::uint32_t tag = in.ReadTag()) {
      const int field = WireFormatLite::GetTagFieldNumber(tag);
      if (field == v1::WatchAttendanceResponse::kSnapshotFieldNumber && snapshotSequence.load() < 0) {
        v1::AttendanceSummary snapshot;
        std::uint32_t size = 0;
        if (!in.ReadVarint32(&size)) return false;
        const auto limit = in.PushLimit(static_cast<int>(size));
        if (!snapshot.MergePartialFromCodedStream(&in) || !in.ConsumedEntireMessage()) return false;
        in.PopLimit(limit);
        snapshotSequence.store(snapshot.sequence());
        lastSequence.store(snapshot.sequence());
      } else if (field == v1::WatchAttendanceResponse::kActivitiesFieldNumber) {
        if (!takeActivities(in, now)) return false;
      } else {
        if (field == v1::WatchAttendanceResponse::kResyncFieldNumber) ++resyncs;
        if (!WireFormatLite::SkipField(&in, tag)) return false;
      }
    }
    return in.ConsumedEntireMessage();
  }

  // Reads an ActivityBatch: each activity's sequence and time_us, nothing else.
  bool takeActivities(google::protobuf::io::CodedInputStream& in, std::int64_t now) {
    using google::protobuf::internal::WireFormatLite;
    std::uint32_t size = 0;
    if (!in.ReadVarint32(&size)) return false;
    const auto batchLimit = in.PushLimit(static_cast<int>(size));
    std::int64_t last = lastSequence.load();
    while (const std::uint32_t tag = in.ReadTag()) {
      if (WireFormatLite::GetTagFieldNumber(tag) != v1::ActivityBatch::kActivitiesFieldNumber) {
        if (!WireFormatLite::SkipField(&in, tag)) return false;
        continue;
      }
      if (!in.ReadVarint32(&size)) return false;
      const auto activityLimit = in.PushLimit(static_cast<int>(size));
      std::uint64_t sequence = 0;
      std::uint64_t timeUs = 0;
      while (const std::uint32_t inner = in.ReadTag()) {
        const int field = WireFormatLite::GetTagFieldNumber(inner);
        const bool varint = WireFormatLite::GetTagWireType(inner) == WireFormatLite::WIRETYPE_VARINT;
        if (varint && field == v1::Activity::kSequenceFieldNumber) {
          if (!in.ReadVarint64(&sequence)) return false;
        } else if (varint && field == v1::Activity::kTimeUsFieldNumber) {
          if (!in.ReadVarint64(&timeUs)) return false;
        } else if (!WireFormatLite::SkipField(&in, inner)) {
          return false;
        }
      }
      if (!in.ConsumedEntireMessage()) return false;
      in.PopLimit(activityLimit);
      const auto seq = static_cast<std::int64_t>(sequence);
      if (seq <= last) continue;
      if (seq != last + 1) ++gaps;
      last = seq;
      ++received;
      latencyMs.push_back(static_cast<float>(static_cast<double>(now - static_cast<std::int64_t>(timeUs)) / 1000.0));
    }
    lastSequence.store(last);
    if (!in.ConsumedEntireMessage()) return false;
    in.PopLimit(batchLimit);
    return true;
  }
};

ReadingWatchers::ReadingWatchers(const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                                 const std::vector<std::string>& tokens, int streamsPerToken, int count,
                                 Clock::duration timeout) {
  grpc::ByteBuffer request;
  bool ownBuffer = false;
  require(grpc::GenericSerialize<grpc::ProtoBufferWriter, v1::WatchAttendanceRequest>(v1::WatchAttendanceRequest(),
                                                                                      &request, &ownBuffer),
          "serialising WatchAttendanceRequest");
  std::vector<grpc::GenericStub> stubs;
  for (const auto& channel : channels) stubs.emplace_back(channel);
  for (int i = 0; i < count; ++i) {
    auto stream = std::make_unique<Stream>();
    stream->context.AddMetadata("authorization", "Bearer " + tokens.at(static_cast<std::size_t>(i / streamsPerToken)));
    stream->request = request;
    stream->call = stubs[static_cast<std::size_t>(i) % stubs.size()].PrepareCall(
        &stream->context, "/lanyard.v1.AttendanceService/WatchAttendance", &m_queue);
    stream->call->StartCall(stream.get());
    m_streams.push_back(std::move(stream));
    m_open.fetch_add(1);
  }
  for (int i = 0; i < 2; ++i) {
    m_pollers.emplace_back([this] {
      void* tag = nullptr;
      bool ok = false;
      while (m_queue.Next(&tag, &ok)) {
        if (!static_cast<Stream*>(tag)->step(ok)) m_open.fetch_sub(1);
      }
    });
  }
  const bool allOpen = waitUntil(
      [&] {
        return std::all_of(m_streams.begin(), m_streams.end(),
                           [](const auto& s) { return s->snapshotSequence.load() >= 0; });
      },
      timeout);
  if (!allOpen) {
    (void)close(0);
    throw std::runtime_error("not every watcher got its first snapshot in time");
  }
}

ReadingWatchers::~ReadingWatchers() {
  if (!m_closed) (void)close(0);
}

void ReadingWatchers::reserve(std::size_t activities) {
  for (auto& stream : m_streams) stream->latencyMs.reserve(activities);
}

bool ReadingWatchers::waitUntilCaughtUp(std::int64_t sequence, Clock::duration timeout) const {
  return waitUntil(
      [&] {
        return std::all_of(m_streams.begin(), m_streams.end(), [&](const auto& s) {
          return s->lastSequence.load() >= sequence || s->state == Stream::State::Done;
        });
      },
      timeout);
}

ReadingWatchers::Tally ReadingWatchers::close(std::int64_t finalSequence) {
  m_closed = true;
  for (auto& stream : m_streams) stream->context.TryCancel();
  (void)waitUntil([&] { return m_open.load() == 0; }, 30s);
  m_queue.Shutdown();
  for (std::thread& poller : m_pollers) poller.join();
  Tally tally;
  for (const auto& stream : m_streams) {
    const std::int64_t expected = std::max<std::int64_t>(0, finalSequence - stream->snapshotSequence.load());
    tally.expected += expected;
    tally.received += std::min(stream->received, expected);
    tally.gaps += stream->gaps;
    tally.resyncs += stream->resyncs;
    tally.malformed += stream->malformed;
    if (stream->status.error_code() != grpc::StatusCode::CANCELLED) ++tally.failedStreams;
    tally.latenciesMs.insert(tally.latenciesMs.end(), stream->latencyMs.begin(), stream->latencyMs.end());
  }
  return tally;
}

bool waitUntil(const std::function<bool()>& condition, Clock::duration timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  while (!condition()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(20ms);  // Polling a benchmark's progress, not synchronising a test.
  }
  return true;
}

}  // namespace lanyard::bench
