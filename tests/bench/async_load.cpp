#include "async_load.h"

#include <atomic>
#include <mutex>
#include <thread>

namespace lanyard::bench {

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
      run.succeeded += mine.succeeded;
      run.failed += mine.failed;
      if (run.firstFailure.empty()) run.firstFailure = mine.firstFailure;
      run.latenciesMs.insert(run.latenciesMs.end(), mine.latenciesMs.begin(), mine.latenciesMs.end());
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
