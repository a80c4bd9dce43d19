#include "async_load.h"

#include <atomic>
#include <mutex>
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

// `concurrency` lanes of calls: each finished call starts its lane's next one until `end` (which
// the calls in flight may pass) or until start() has no more for it.
LoadRun runLoop(int concurrency, Clock::time_point end, const LaneStarter& start, int pollers) {
  grpc::CompletionQueue queue;
  // One guard count held while the first calls start, so the queue cannot be shut down early.
  std::atomic<int> outstanding{1};
  const Clock::time_point begin = Clock::now();
  const auto launch = [&](int lane) {
    std::unique_ptr<AsyncCall> call = start(lane, queue);
    if (!call) return;
    outstanding.fetch_add(1);
    (void)call.release();  // Owned by the queue until its tag comes back.
  };
  const auto release = [&] {
    if (outstanding.fetch_sub(1) == 1) queue.Shutdown();
  };

  std::mutex merge;
  LoadRun run;
  Clock::time_point lastCompletion = begin;
  std::vector<std::thread> threads;
  for (int i = 0; i < pollers; ++i) {
    threads.emplace_back([&] {
      LoadRun mine;
      Clock::time_point myLast = begin;
      void* tag = nullptr;
      bool ok = false;
      while (queue.Next(&tag, &ok)) {
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
        if (now < end) launch(lane);
        release();
      }
      std::lock_guard lock(merge);
      run.add(mine);  // Its seconds are 0: the run's are taken from the last completion below.
      lastCompletion = std::max(lastCompletion, myLast);
    });
  }
  for (int i = 0; i < concurrency; ++i) launch(i);
  release();
  for (std::thread& thread : threads) thread.join();
  run.seconds = std::chrono::duration<double>(lastCompletion - begin).count();
  return run;
}

}  // namespace

LoadRun runClosedLoop(int concurrency, Clock::duration duration, const CallStarter& start, int pollers) {
  return runLoop(
      concurrency, Clock::now() + duration, [&](int, grpc::CompletionQueue& queue) { return start(queue); }, pollers);
}

LoadRun runLanes(int lanes, const LaneStarter& start, int pollers) {
  return runLoop(lanes, Clock::time_point::max(), start, pollers);
}

}  // namespace lanyard::bench
