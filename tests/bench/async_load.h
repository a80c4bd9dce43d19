#pragma once

// Drives a gRPC server with many calls in flight from one client on grpc::CompletionQueue: a
// closed loop (each finished call starts the next, keeping `concurrency` outstanding), or lanes
// (each a sequence of calls made one at a time, as one kiosk makes them).

#include <google/protobuf/arena.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lanyard::bench {

using Clock = std::chrono::steady_clock;

// One call in flight. Its address is the completion queue tag.
struct AsyncCall {
  virtual ~AsyncCall() = default;
  // True when the call succeeded with the answer the scenario expects.
  virtual bool succeeded() const { return status.ok(); }
  // Why it did not, for the report.
  virtual std::string failure() const { return status.ok() ? "unexpected answer" : status.error_message(); }

  grpc::ClientContext context;
  grpc::Status status;
  Clock::time_point started;
  int lane = 0;  // Its lane in runLanes(), set before the call starts.
};

// A unary call whose answer `check` accepts (any answer when unset). The answer is parsed into an
// arena that starts in the call's own block, as the fan-out's watchers do: the client shares the
// cores with the server it measures, and freeing and reallocating every string of a ten-result
// search answer cost the client about 15 us a call.
template <typename Response>
struct UnaryCall final : AsyncCall {
  static constexpr std::size_t kArenaBlockBytes = 8 * 1024;  // A ten-result answer with room to spare.

  bool succeeded() const override { return status.ok() && (!check || check(*response)); }

  alignas(std::max_align_t) char arenaBlock[kArenaBlockBytes];
  google::protobuf::Arena arena{arenaBlock, kArenaBlockBytes};
  Response* response = google::protobuf::Arena::CreateMessage<Response>(&arena);
  std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader;
  std::function<bool(const Response&)> check;
};

// Starts a unary call made by `prepare` (a stub's PrepareAsyncFoo bound to a request) and asks for
// its completion on `queue`; `call` keeps it alive. Its latency runs from now, or from a `started`
// already set.
template <typename Response, typename Prepare>
std::unique_ptr<AsyncCall> startUnary(std::unique_ptr<UnaryCall<Response>> call, grpc::CompletionQueue& queue,
                                      Prepare&& prepare) {
  if (call->started == Clock::time_point()) call->started = Clock::now();
  call->reader = prepare(&call->context, &queue);
  call->reader->StartCall();
  call->reader->Finish(call->response, &call->status, call.get());
  return call;
}

// Starts the next call on `queue` (its tag the AsyncCall's address), or returns nullptr when there
// is no more work. Called from several threads at once.
using CallStarter = std::function<std::unique_ptr<AsyncCall>(grpc::CompletionQueue& queue)>;

struct LoadRun {
  std::int64_t succeeded = 0;
  std::int64_t failed = 0;
  double seconds = 0;               // From the first start to the last completion.
  std::vector<double> latenciesMs;  // Of succeeded calls.
  std::string firstFailure;
  double throughputPerSecond() const { return seconds > 0 ? static_cast<double>(succeeded) / seconds : 0; }
  // Counts `other`'s calls and time as if they had run in this run.
  void add(const LoadRun& other);
};

// Keeps `concurrency` calls in flight for `duration` (or until `start` runs out of work), then
// waits for the calls in flight. `pollers` threads take completions.
LoadRun runClosedLoop(int concurrency, Clock::duration duration, const CallStarter& start, int pollers = 2);

// Starts lane `lane`'s next call on `queue`, its `lane` set before it starts, or returns nullptr
// when that lane is done. Called from several threads at once, but for one lane only once its
// previous call has completed.
using LaneStarter = std::function<std::unique_ptr<AsyncCall>(int lane, grpc::CompletionQueue& queue)>;

// Runs `lanes` sequences of calls at once, each lane one call at a time and in order (a kiosk
// paging through its copy, a device draining its queue), until every lane is done. A call's
// succeeded() is asked before its lane's next call starts, so its `check` may hand the answer on
// (a next cursor). `seconds` runs from the first start to the last lane's last completion.
LoadRun runLanes(int lanes, const LaneStarter& start, int pollers = 2);

// Starts the call due at `due` on `queue`, its `started` set to `due`, or returns nullptr to stop.
using PacedStarter = std::function<std::unique_ptr<AsyncCall>(grpc::CompletionQueue& queue, Clock::time_point due)>;

// An open loop: starts calls at random moments, `perSecond` on average (a Poisson process, as
// people come to kiosks), for `duration`, whether or not earlier calls have been answered; then
// waits for the calls in flight. A call's latency runs from when it was due, so a load generator
// or server falling behind shows in it. The same `seed` gives the same moments.
LoadRun runPaced(double perSecond, Clock::duration duration, std::uint64_t seed, const PacedStarter& start,
                 int pollers = 1);

}  // namespace lanyard::bench
