// lanyard-bench's WatchAttendance scenarios: fan-out (every activity to every watcher, how soon)
// and stalled watchers (check-ins while many watchers read nothing).

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <stdexcept>
#include <thread>

#include "bench.h"
#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "reading_watchers.h"
#include "stalled_watchers.h"

namespace lanyard::bench {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

void Bench::fanoutScenario(BenchServer& server, grpc::Channel& admin) {
  const Options& o = m_options;
  const int channelCount = std::max(1, std::min(o.watchers, 16));
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < channelCount; ++i) channels.push_back(server.newChannel());
  const std::vector<std::string> tokens = server.watcherTokens(admin, o.watchers, "bench-fanout-organiser");
  ReadingWatchers watchers(channels, tokens, kStreamsPerWatcherToken, o.watchers, 60s);

  // Check-ins at a fixed rate (open loop), answered on their own queue.
  grpc::CompletionQueue checkInQueue;
  auto checkInChannel = server.newChannel();
  auto checkInStub = v1::CheckInService::NewStub(checkInChannel);
  std::vector<double> checkInLatencies;
  std::atomic<std::int64_t> checkInsOk{0};
  std::atomic<std::int64_t> checkInsFailed{0};
  std::thread answers([&] {
    void* tag = nullptr;
    bool ok = false;
    while (checkInQueue.Next(&tag, &ok)) {
      std::unique_ptr<AsyncCall> call(static_cast<AsyncCall*>(tag));
      if (call->succeeded()) {
        ++checkInsOk;
        checkInLatencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - call->started).count());
      } else {
        ++checkInsFailed;
      }
    }
  });
  const double serverCpuBefore = cpuSeconds(server.pid());
  const double clientCpuBefore = cpuSeconds(::getpid());
  const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / o.fanoutRate));
  const std::int64_t total = static_cast<std::int64_t>(o.fanoutRate * o.duration);
  watchers.reserve(static_cast<std::size_t>(total) + 64);
  const Clock::time_point start = Clock::now();
  std::size_t reuse = 0;
  for (std::int64_t i = 0; i < total; ++i) {
    std::this_thread::sleep_until(start + period * i);  // Pacing the load generator.
    const BadgeCode* code = takeCode();
    if (code == nullptr) code = &m_codes[reuse++ % m_codes.size()];  // Logged and fanned out all the same.
    auto call = std::make_unique<UnaryCall<v1::CheckInResponse>>();
    call->context.AddMetadata("authorization",
                              "Bearer " + m_kioskTokens[static_cast<std::size_t>(i) % m_kioskTokens.size()]);
    call->context.set_deadline(std::chrono::system_clock::now() + 30s);
    v1::CheckInRequest request;
    request.set_request_id("fanout-" + std::to_string(i));
    request.set_scan_time_us(nowUs());
    request.set_code(code->code);
    request.set_direction(v1::DIRECTION_IN);
    (void)startUnary(std::move(call), checkInQueue, [&](grpc::ClientContext* context, grpc::CompletionQueue* q) {
      return checkInStub->PrepareAsyncCheckIn(context, request, q);
    }).release();
  }
  const double sendSeconds = secondsSince(start);
  // Once every call is answered, the summary's sequence is the last activity to deliver.
  if (!waitUntil([&] { return checkInsOk.load() + checkInsFailed.load() == total; }, 60s)) {
    throw std::runtime_error("check-ins still unanswered 60 s after the last was sent");
  }
  auto attendance = v1::AttendanceService::NewStub(std::shared_ptr<grpc::Channel>(&admin, [](grpc::Channel*) {}));
  v1::GetAttendanceSummaryResponse summary;
  require(attendance->GetAttendanceSummary(server.context(m_organiserToken).get(), {}, &summary),
          "GetAttendanceSummary");
  const std::int64_t finalSequence = summary.summary().sequence();
  const bool caughtUp = watchers.waitUntilCaughtUp(finalSequence, 30s);
  const double drainSeconds = secondsSince(start) - sendSeconds;
  const double serverCpu = cpuSeconds(server.pid()) - serverCpuBefore;
  const double clientCpu = cpuSeconds(::getpid()) - clientCpuBefore;
  const double peakRss = server.peakRssMb();
  ReadingWatchers::Tally tally = watchers.close(finalSequence);
  checkInQueue.Shutdown();
  answers.join();

  const std::int64_t expected = tally.expected;
  const std::int64_t received = tally.received;
  ScenarioResult r("fanout");
  r.set("watchers", o.watchers);
  r.set("check_in_rate_target_per_s", o.fanoutRate);
  r.set("check_ins", static_cast<double>(checkInsOk.load()));
  r.set("check_ins_failed", static_cast<double>(checkInsFailed.load()));
  r.set("check_in_rate_per_s", static_cast<double>(checkInsOk.load()) / sendSeconds);
  r.set("events_expected", static_cast<double>(expected));
  r.set("events_delivered", static_cast<double>(received));
  r.set("events_missed", static_cast<double>(expected - received));
  r.set("gaps", static_cast<double>(tally.gaps));
  r.set("resyncs", static_cast<double>(tally.resyncs));
  r.set("messages_malformed", static_cast<double>(tally.malformed));
  r.set("streams_failed", tally.failedStreams);
  r.set("drain_seconds", drainSeconds);
  r.set("server_cpu_seconds", serverCpu);
  r.set("client_cpu_seconds", clientCpu);
  r.set("throughput_per_s", static_cast<double>(received) / (sendSeconds + drainSeconds));
  addLatencies(r, tally.latenciesMs);
  r.set("check_in_p99_ms", percentiles(checkInLatencies).p99);
  r.set("peak_rss_mb", peakRss);
  r.ratioToLimit = ratio(static_cast<double>(received), static_cast<double>(expected));
  r.limit = "every event to every watcher: ratio_to_limit = events delivered / (watchers x events logged)";
  r.target = "500 watchers, 1,000 check-ins/s: every watcher gets every event, p99 delivery < 50 ms";
  if (o.watchers >= 500 && o.fanoutRate >= 1000) {
    r.targetMet = expected == received && tally.malformed == 0 && caughtUp && *r.get("p99_ms") < 50.0 &&
                  *r.get("check_in_rate_per_s") >= 0.95 * o.fanoutRate;
  }
  r.note =
      "throughput_per_s = activity deliveries per second over all watchers; latency = from the server logging "
      "the activity (its time_us) to a watcher reading it";
  if (!caughtUp) r.note += "; watchers had not caught up 30 s after the last check-in";
  report(std::move(r));
}

// ---------------------------------------------------------------------------------------------
// Stalled watchers

void Bench::stalledScenario(BenchServer& server, grpc::Channel& admin) {
  const Options& o = m_options;
  // The check-in target's concurrency, or as many kiosks as this run has tokens for.
  const int kiosks = std::min(64, static_cast<int>(m_kioskTokens.size()));
  const int turns = o.quick ? 1 : 3;
  const std::vector<std::string> tokens = server.watcherTokens(admin, o.stalledWatchers, "bench-stalled-organiser");
  std::vector<std::shared_ptr<grpc::Channel>> watchChannels;
  for (int i = 0; i < std::max(1, std::min(o.stalledWatchers, 16)); ++i) {
    grpc::ChannelArguments args = StalledWatchers::channelArguments(o.stalledWindow);
    auto channel = grpc::CreateCustomChannel(server.address(), grpc::InsecureChannelCredentials(), args);
    if (!channel->WaitForConnected(std::chrono::system_clock::now() + 10s)) {
      throw std::runtime_error("cannot connect to " + server.address());
    }
    watchChannels.push_back(std::move(channel));
  }
  Channels channels(server, std::min(kiosks, 8));
  (void)healthLoad(channels, kiosks, 200ms);  // Warm the connections.

  // Turns without and with the stalled watchers, alternately (see inTurns): each "with" turn opens
  // them first, lets the check-ins run long enough to fill their receive windows, and closes them
  // after.
  std::atomic<bool> ranOut{false};
  const Clock::duration turn = phase(o) / turns;
  LoadRun without;
  LoadRun with;
  double serverCpuWithout = 0;
  double serverCpuWith = 0;
  double rssBefore = procStatusKb(server.pid(), "VmRSS") / 1024.0;
  double rssWith = 0;
  for (int i = 0; i < turns; ++i) {
    double cpuBefore = cpuSeconds(server.pid());
    without.add(checkInLoad(channels, kiosks, turn, ranOut));
    serverCpuWithout += cpuSeconds(server.pid()) - cpuBefore;
    {
      StalledWatchers stalled(watchChannels, tokens, kStreamsPerWatcherToken, o.stalledWatchers, 60s);
      (void)checkInLoad(channels, kiosks, std::min<Clock::duration>(turn / 2, 1s), ranOut);  // Fills their windows.
      cpuBefore = cpuSeconds(server.pid());
      with.add(checkInLoad(channels, kiosks, turn, ranOut));
      serverCpuWith += cpuSeconds(server.pid()) - cpuBefore;
      rssWith = std::max(rssWith, procStatusKb(server.pid(), "VmRSS") / 1024.0);
    }
  }

  ScenarioResult r("stalled");
  r.set("stalled_watchers", o.stalledWatchers);
  r.set("kiosks", kiosks);
  r.set("check_in_rate_per_s", with.throughputPerSecond());
  r.set("check_in_rate_without_per_s", without.throughputPerSecond());
  std::vector<double> latencies = with.latenciesMs;
  addLatencies(r, latencies);
  latencies = without.latenciesMs;
  const Percentiles p = percentiles(latencies);
  r.set("p50_without_ms", p.p50);
  r.set("p99_without_ms", p.p99);
  r.set("failed", static_cast<double>(with.failed + without.failed));
  r.set("server_cpu_us_per_check_in", microsecondsPerCall(serverCpuWith, with.succeeded));
  r.set("server_cpu_us_per_check_in_without", microsecondsPerCall(serverCpuWithout, without.succeeded));
  r.set("rss_before_mb", rssBefore);
  r.set("rss_with_mb", rssWith);
  r.set("peak_rss_mb", server.peakRssMb());
  r.ratioToLimit = ratio(with.throughputPerSecond(), without.throughputPerSecond());
  r.limit =
      "the same check-ins without the stalled watchers, in alternate turns: ratio_to_limit = rate with / rate "
      "without";
  r.target = "2,000 stalled watchers: check-in rate >= 90% of the rate without them, p99 within 1.5x";
  if (o.stalledWatchers >= 2'000) {
    r.targetMet = r.ratioToLimit.value_or(0) >= 0.9 && *r.get("p99_ms") <= 1.5 * p.p99 && with.failed == 0;
  }
  r.set("stalled_window_bytes", o.stalledWindow);
  r.note = std::to_string(kiosks) + " kiosks checking in as fast as answered, " + std::to_string(turns) +
           " turns each way; a stalled watcher reads its snapshot and then nothing";
  r.note += o.stalledWindow > 0
                ? " and its client's receive window (stalled_window_bytes) does not grow"
                : " but its client's transport keeps taking in messages (gRPC's default window): to the server it is "
                  "a watcher that reads";
  if (with.failed + without.failed > 0) r.note += "; first failure: " + with.firstFailure + without.firstFailure;
  if (ranOut) r.note += "; ran out of delegates before the phase ended";
  report(std::move(r));
}

}  // namespace lanyard::bench
