#pragma once

// Watchers that stop reading: WatchAttendance streams that read their first message (the
// snapshot) and then never call Read again. On channels with a small receive window this is a
// dashboard that has stopped taking in anything: once the window is full, the server's writes to
// the stream stop completing. With gRPC's default window, which grows with the measured
// bandwidth, the client's transport keeps taking in what the server sends (megabytes per stream)
// and the server sees a watcher that reads.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lanyard::bench {

// Holds stalled WatchAttendance streams open from construction to destruction.
class StalledWatchers {
 public:
  // Opens `count` streams, round robin over `channels`, stream i with `tokens[i / streamsPerToken]`,
  // and waits until each has read its snapshot. Throws when that takes longer than `timeout`.
  StalledWatchers(const std::vector<std::shared_ptr<grpc::Channel>>& channels, const std::vector<std::string>& tokens,
                  int streamsPerToken, int count, std::chrono::steady_clock::duration timeout);
  // Cancels every stream still open and waits until each has finished.
  ~StalledWatchers();
  StalledWatchers(const StalledWatchers&) = delete;
  StalledWatchers& operator=(const StalledWatchers&) = delete;

  // Channel arguments for the stalled streams' channels: a receive window of `windowBytes` that
  // does not grow, or gRPC's default when 0.
  static grpc::ChannelArguments channelArguments(int windowBytes);

  struct Stream;

 private:
  // Cancels every stream, waits until each has finished, and stops the poller. Idempotent.
  void close();
  // Takes completions until the queue shuts down.
  void poll();
  // Handles one completion of `stream`. Needs m_mutex.
  void stepLocked(Stream& stream, bool ok);

  grpc::CompletionQueue m_queue;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<std::unique_ptr<Stream>> m_streams;
  int m_snapshots = 0;  // Streams that have read their snapshot.
  int m_open = 0;       // Streams not yet finished.
  bool m_closing = false;
  std::thread m_poller;  // Last: starts once the rest is built.
};

}  // namespace lanyard::bench
