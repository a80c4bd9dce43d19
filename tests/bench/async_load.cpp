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

LoadRun runClosedLoop(int concurrency, Clock::duration duration, const CallStarter& start, int pollers) {
  grpc::CompletionQueue queue;
  // One guard count held while the first calls start, so the queue cannot be shut down early.
  std::atomic<int> outstanding{1};
  const Clock::time_point begin = Clock::now();
  const Clock::time_point end = begin + duration;
  const auto launch = [&] {
    std::unique_ptr<AsyncCall> call = start(queue);
    if (!call) return false;
    outstanding.fetch_add(1);
    (void)call.release();  // Owned by the queue until its tag comes back.
    return true;
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
        call.reset();
        if (now < end) launch();
        release();
      }
      std::lock_guard lock(merge);
      run.add(mine);  // Its seconds are 0: the run's are taken from the last completion below.
      lastCompletion = std::max(lastCompletion, myLast);
    });
  }
  for (int i = 0; i < concurrency; ++i) {
    if (!launch()) break;
  }
  release();
  for (std::thread& thread : threads) thread.join();
  run.seconds = std::chrono::duration<double>(lastCompletion - begin).count();
  return run;
}

}  // namespace lanyard::bench
