#pragma once

// Dashboards watching: WatchAttendance streams that read every message as it comes, and what each
// received. The fan-out and the morning peak measure with them.

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "async_load.h"

namespace lanyard::bench {

// Holds reading WatchAttendance streams open from construction until close().
class ReadingWatchers {
 public:
  // Opens `count` streams, round robin over `channels`, stream i with `tokens[i / streamsPerToken]`,
  // and waits until each has read its snapshot. Throws when that takes longer than `timeout`.
  ReadingWatchers(const std::vector<std::shared_ptr<grpc::Channel>>& channels, const std::vector<std::string>& tokens,
                  int streamsPerToken, int count, Clock::duration timeout);
  // Closes what close() has not.
  ~ReadingWatchers();
  ReadingWatchers(const ReadingWatchers&) = delete;
  ReadingWatchers& operator=(const ReadingWatchers&) = delete;

  // Room for `activities` latencies per stream, so that no reader reallocates while it measures.
  // Call before the activities start.
  void reserve(std::size_t activities);

  // Waits until every stream has read up to activity `sequence` or has ended; false at `timeout`.
  bool waitUntilCaughtUp(std::int64_t sequence, Clock::duration timeout) const;

  // What the streams received of the activities after each one's snapshot up to `finalSequence`.
  struct Tally {
    std::int64_t expected = 0;
    std::int64_t received = 0;
    std::int64_t gaps = 0;
    std::int64_t resyncs = 0;
    std::int64_t malformed = 0;
    int failedStreams = 0;            // Ended otherwise than by close().
    std::vector<double> latenciesMs;  // From the server logging an activity to a stream reading it.
  };
  // Cancels every stream, waits until each has finished, and counts. Call once.
  Tally close(std::int64_t finalSequence);

  struct Stream;

 private:
  grpc::CompletionQueue m_queue;  // Before the streams: outlives their calls.
  std::vector<std::unique_ptr<Stream>> m_streams;
  std::atomic<int> m_open{0};
  std::vector<std::thread> m_pollers;
  bool m_closed = false;
};

// Waits until `condition` holds, checking every 20 ms (the progress of a benchmark, not a test's
// synchronisation); false at `timeout`.
bool waitUntil(const std::function<bool()>& condition, Clock::duration timeout);

}  // namespace lanyard::bench
