#include "async_load.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <random>
#include <thread>

namespace lanyard::bench {

void LoadRun::add(const LoadRun& other) {
  succeeded += other.succeeded;
  failed += other.failed;
  seconds += other.seconds;
  latenciesMs.insert(latenciesMs.end(), other.latenciesMs.begin(), other.latenciesMs.end());
  if (firstFailure.empty()) firstFailure = other.firstFailure;
}

namespace {

// Calls in flight on one queue, answered by `pollers` threads, counted into one LoadRun. The
// queue shuts down once every call started has completed and finish() has been called.
class InFlight {
 public:
  // After each completion, `next` may start a call for the completed call's lane.
  InFlight(int pollers, std::function<void(InFlight& self, int lane, Clock::time_point now)> next)
      : m_next(std::move(next)) {
    for (int i = 0; i < pollers; ++i) m_threads.emplace_back([this] { poll(); });
  }

  grpc::CompletionQueue& queue() { return m_queue; }

  // Starts the call `start` makes (none when it returns nullptr) and owns it until its tag comes
  // back. Counted first: the call may complete before `start` returns.
  void start(const std::function<std::unique_ptr<AsyncCall>()>& start) {
    m_outstanding.fetch_add(1);
    std::unique_ptr<AsyncCall> call = start();
    if (call) {
      (void)call.release();
    } else {
      release();
    }
  }

  // No call starts but from completions now; waits until the last has completed.
  LoadRun finish() {
    release();
    for (std::thread& thread : m_threads) thread.join();
    m_run.seconds = std::chrono::duration<double>(m_lastCompletion - m_begin).count();
    return std::move(m_run);
  }

 private:
  void release() {
    if (m_outstanding.fetch_sub(1) == 1) m_queue.Shutdown();
  }

  void poll() {
    LoadRun mine;
    Clock::time_point myLast = m_begin;
    void* tag = nullptr;
    bool ok = false;
    while (m_queue.Next(&tag, &ok)) {
      std::unique_ptr<AsyncCall> call(static_cast<AsyncCall*>(tag));
      const Clock::time_point now = Clock::now();
      myLast = now;
      if (call->succeeded()) {
        ++mine.succeeded;
        mine.latenciesMs.push_back(std::chrono::duration<double, std::milli>(now - call->started).count());
      } else {
        if (mine.failed++ == 0) mine.firstFailure = call->failure();
      }
      const int lane = call->lane;
      call.reset();
      m_next(*this, lane, now);
      release();
    }
    std::lock_guard lock(m_merge);
    m_run.add(mine);  // Its seconds are 0: the run's are taken from the last completion.
    m_lastCompletion = std::max(m_lastCompletion, myLast);
  }

  grpc::CompletionQueue m_queue;
  // One guard count held until finish(), so the queue cannot shut down while calls still start.
  std::atomic<int> m_outstanding{1};
  const Clock::time_point m_begin = Clock::now();
  std::function<void(InFlight&, int, Clock::time_point)> m_next;
  std::mutex m_merge;
  LoadRun m_run;
  Clock::time_point m_lastCompletion = m_begin;
  std::vector<std::thread> m_threads;  // Last: they start once the rest is built.
};

// `concurrency` lanes of calls: each finished call starts its lane's next one until `end` (which
// the calls in flight may pass) or until start() has no more for it.
LoadRun runLoop(int concurrency, Clock::time_point end, const LaneStarter& start, int pollers) {
  InFlight calls(pollers, [&](InFlight& self, int lane, Clock::time_point now) {
    if (now < end) self.start([&] { return start(lane, self.queue()); });
  });
  for (int i = 0; i < concurrency; ++i) calls.start([&] { return start(i, calls.queue()); });
  return calls.finish();
}

}  // namespace

LoadRun runClosedLoop(int concurrency, Clock::duration duration, const CallStarter& start, int pollers) {
  return runLoop(
      concurrency, Clock::now() + duration, [&](int, grpc::CompletionQueue& queue) { return start(queue); }, pollers);
}

LoadRun runLanes(int lanes, const LaneStarter& start, int pollers) {
  return runLoop(lanes, Clock::time_point::max(), start, pollers);
}

LoadRun runPaced(double perSecond, Clock::duration duration, std::uint64_t seed, const PacedStarter& start,
                 int pollers) {
  InFlight calls(pollers, [](InFlight&, int, Clock::time_point) {});
  std::mt19937_64 random(seed);
  std::exponential_distribution<double> gapSeconds(perSecond);
  const Clock::time_point end = Clock::now() + duration;
  Clock::time_point due = Clock::now();
  while (true) {
    due += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(gapSeconds(random)));
    if (due >= end) break;
    std::this_thread::sleep_until(due);  // Pacing the load, not synchronising.
    bool started = false;
    calls.start([&] {
      std::unique_ptr<AsyncCall> call = start(calls.queue(), due);
      started = call != nullptr;
      return call;
    });
    if (!started) break;
  }
  return calls.finish();
}

}  // namespace lanyard::bench
