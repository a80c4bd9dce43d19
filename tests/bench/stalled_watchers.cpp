#include "stalled_watchers.h"

#include <stdexcept>

#include "lanyard/v1/attendance_service.pb.h"

namespace lanyard::bench {

struct StalledWatchers::Stream {
  enum class State { Starting, SendingRequest, ReadingSnapshot, Stalled, Finishing, Done };

  grpc::ClientContext context;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call;
  grpc::ByteBuffer request;
  grpc::ByteBuffer snapshot;
  grpc::Status status;
  State state = State::Starting;
};

grpc::ChannelArguments StalledWatchers::channelArguments(int windowBytes) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  if (windowBytes > 0) {
    args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
    args.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, windowBytes);
  }
  return args;
}

StalledWatchers::StalledWatchers(const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                                 const std::vector<std::string>& tokens, int streamsPerToken, int count,
                                 std::chrono::steady_clock::duration timeout)
    : m_poller([this] { poll(); }) {
  v1::WatchAttendanceRequest request;
  std::string bytes = request.SerializeAsString();
  const grpc::Slice slice(bytes);
  const grpc::ByteBuffer requestBuffer(&slice, 1);
  {
    std::lock_guard lock(m_mutex);
    for (int i = 0; i < count; ++i) {
      auto stream = std::make_unique<Stream>();
      stream->context.AddMetadata("authorization",
                                  "Bearer " + tokens.at(static_cast<std::size_t>(i / streamsPerToken)));
      stream->request = requestBuffer;
      grpc::GenericStub stub(channels[static_cast<std::size_t>(i) % channels.size()]);
      stream->call = stub.PrepareCall(&stream->context, "/lanyard.v1.AttendanceService/WatchAttendance", &m_queue);
      stream->call->StartCall(stream.get());
      m_streams.push_back(std::move(stream));
      ++m_open;
    }
  }
  std::unique_lock lock(m_mutex);
  const bool ready = m_changed.wait_for(lock, timeout, [&] { return m_snapshots + (count - m_open) == count; });
  if (!ready || m_open != count) {
    const std::string failure = "stalled watchers: " + std::to_string(m_snapshots) + " of " + std::to_string(count) +
                                " streams read their snapshot in time, " + std::to_string(count - m_open) + " ended";
    lock.unlock();
    close();
    throw std::runtime_error(failure);
  }
}

StalledWatchers::~StalledWatchers() { close(); }

void StalledWatchers::close() {
  if (!m_poller.joinable()) return;
  {
    std::lock_guard lock(m_mutex);
    m_closing = true;
    for (const std::unique_ptr<Stream>& stream : m_streams) {
      stream->context.TryCancel();
      // A stalled stream has no operation in flight to fail: finish it here.
      if (stream->state == Stream::State::Stalled) {
        stream->state = Stream::State::Finishing;
        stream->call->Finish(&stream->status, stream.get());
      }
    }
  }
  {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_open == 0; });
  }
  m_queue.Shutdown();
  m_poller.join();
}

void StalledWatchers::poll() {
  void* tag = nullptr;
  bool ok = false;
  while (m_queue.Next(&tag, &ok)) {
    std::lock_guard lock(m_mutex);
    stepLocked(*static_cast<Stream*>(tag), ok);
    m_changed.notify_all();
  }
}

void StalledWatchers::stepLocked(Stream& stream, bool ok) {
  using State = Stream::State;
  if (!ok && stream.state != State::Finishing) {
    stream.state = State::Finishing;
    stream.call->Finish(&stream.status, &stream);
    return;
  }
  switch (stream.state) {
    case State::Starting:
      stream.state = State::SendingRequest;
      stream.call->WriteLast(stream.request, grpc::WriteOptions(), &stream);
      return;
    case State::SendingRequest:
      stream.state = State::ReadingSnapshot;
      stream.call->Read(&stream.snapshot, &stream);
      return;
    case State::ReadingSnapshot:
      ++m_snapshots;
      stream.snapshot.Clear();
      if (m_closing) {
        stream.state = State::Finishing;
        stream.call->Finish(&stream.status, &stream);
      } else {
        stream.state = State::Stalled;  // And never reads again.
      }
      return;
    case State::Finishing:
      stream.state = State::Done;
      --m_open;
      return;
    case State::Stalled:
    case State::Done:
      return;
  }
}

}  // namespace lanyard::bench
