// lanyard-bench's WatchAttendance scenarios: fan-out (every activity to every watcher, how soon)
// and stalled watchers (check-ins while many watchers read nothing).

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/proto_buffer_reader.h>
#include <grpcpp/support/proto_buffer_writer.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <stdexcept>
#include <thread>

#include "bench.h"
#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "stalled_watchers.h"

namespace lanyard::bench {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// One WatchAttendance stream read asynchronously; its address is its completion queue tag. The
// watchers share the machine's two cores with the server they measure, and parsing every
// activity in full (a delegate's name, organisation, city, the kiosk's name...) was a tenth of
// all the CPU time in a fan-out run. So a message is read as bytes (a generic call) and scanned:
// each activity's sequence number and log time are read and the rest is skipped unparsed. The
// snapshot, once at the start, is parsed in full.
struct WatchStream {
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

}  // namespace

void Bench::fanoutScenario(BenchServer& server, grpc::Channel& admin) {
  const Options& o = m_options;
  const int channelCount = std::max(1, std::min(o.watchers, 16));
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < channelCount; ++i) channels.push_back(server.newChannel());
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs;
  for (const auto& channel : channels) stubs.push_back(std::make_unique<grpc::GenericStub>(channel));
  grpc::ByteBuffer watchRequest;
  bool ownBuffer = false;
  require(grpc::GenericSerialize<grpc::ProtoBufferWriter, v1::WatchAttendanceRequest>(v1::WatchAttendanceRequest(),
                                                                                      &watchRequest, &ownBuffer),
          "serialising WatchAttendanceRequest");

  // The server gives one device at most 20 watch streams (AttendanceServiceImpl::kMaxStreamsPerDevice):
  // the watchers share organiser tokens 20 to a token.
  constexpr int kStreamsPerToken = 20;
  std::vector<std::string> tokens;
  for (int i = 0; i < o.watchers; i += kStreamsPerToken) {
    tokens.push_back(
        server.createToken(admin, v1::ROLE_ORGANISER, "bench-fanout-organiser-" + std::to_string(tokens.size() + 1)));
  }

  grpc::CompletionQueue watchQueue;
  std::vector<std::unique_ptr<WatchStream>> streams;
  std::atomic<int> open{0};
  for (int i = 0; i < o.watchers; ++i) {
    auto stream = std::make_unique<WatchStream>();
    stream->context.AddMetadata("authorization", "Bearer " + tokens[static_cast<std::size_t>(i / kStreamsPerToken)]);
    stream->request = watchRequest;
    stream->call = stubs[static_cast<std::size_t>(i) % stubs.size()]->PrepareCall(
        &stream->context, "/lanyard.v1.AttendanceService/WatchAttendance", &watchQueue);
    stream->call->StartCall(stream.get());
    streams.push_back(std::move(stream));
    open.fetch_add(1);
  }
  std::vector<std::thread> pollers;
  for (int i = 0; i < 2; ++i) {
    pollers.emplace_back([&] {
      void* tag = nullptr;
      bool ok = false;
      while (watchQueue.Next(&tag, &ok)) {
        if (!static_cast<WatchStream*>(tag)->step(ok)) open.fetch_sub(1);
      }
    });
  }
  const auto waitFor = [](const std::function<bool()>& condition, Clock::duration timeout) {
    const Clock::time_point deadline = Clock::now() + timeout;
    while (!condition()) {
      if (Clock::now() > deadline) return false;
      std::this_thread::sleep_for(20ms);  // Polling a benchmark's progress, not synchronising a test.
    }
    return true;
  };
  const bool allOpen = waitFor(
      [&] {
        return std::all_of(streams.begin(), streams.end(),
                           [](const auto& s) { return s->snapshotSequence.load() >= 0; });
      },
      60s);
  if (!allOpen) throw std::runtime_error("not every watcher got its first snapshot within 60 s");

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
  // Room for every latency up front, so that no reader reallocates while it measures. No reader
  // touches latencyMs before the first check-in below.
  for (auto& stream : streams) stream->latencyMs.reserve(static_cast<std::size_t>(total) + 64);
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
  if (!waitFor([&] { return checkInsOk.load() + checkInsFailed.load() == total; }, 60s)) {
    throw std::runtime_error("check-ins still unanswered 60 s after the last was sent");
  }
  auto attendance = v1::AttendanceService::NewStub(std::shared_ptr<grpc::Channel>(&admin, [](grpc::Channel*) {}));
  v1::GetAttendanceSummaryResponse summary;
  require(attendance->GetAttendanceSummary(server.context(m_organiserToken).get(), {}, &summary),
          "GetAttendanceSummary");
  const std::int64_t finalSequence = summary.summary().sequence();
  const bool caughtUp = waitFor(
      [&] {
        return std::all_of(streams.begin(), streams.end(), [&](const auto& s) {
          return s->lastSequence.load() >= finalSequence || s->state == WatchStream::State::Done;
        });
      },
      30s);
  const double drainSeconds = secondsSince(start) - sendSeconds;
  const double serverCpu = cpuSeconds(server.pid()) - serverCpuBefore;
  const double clientCpu = cpuSeconds(::getpid()) - clientCpuBefore;
  const double peakRss = server.peakRssMb();
  for (auto& stream : streams) stream->context.TryCancel();
  waitFor([&] { return open.load() == 0; }, 30s);
  watchQueue.Shutdown();
  for (std::thread& poller : pollers) poller.join();
  checkInQueue.Shutdown();
  answers.join();

  std::int64_t expected = 0;
  std::int64_t received = 0;
  std::int64_t gaps = 0;
  std::int64_t resyncs = 0;
  std::int64_t malformed = 0;
  int failedStreams = 0;
  std::vector<double> latencies;
  for (const auto& stream : streams) {
    expected += finalSequence - stream->snapshotSequence.load();
    received += std::min(stream->received, finalSequence - stream->snapshotSequence.load());
    gaps += stream->gaps;
    resyncs += stream->resyncs;
    malformed += stream->malformed;
    if (stream->status.error_code() != grpc::StatusCode::CANCELLED) ++failedStreams;
    latencies.insert(latencies.end(), stream->latencyMs.begin(), stream->latencyMs.end());
  }
  ScenarioResult r("fanout");
  r.set("watchers", o.watchers);
  r.set("check_in_rate_target_per_s", o.fanoutRate);
  r.set("check_ins", static_cast<double>(checkInsOk.load()));
  r.set("check_ins_failed", static_cast<double>(checkInsFailed.load()));
  r.set("check_in_rate_per_s", static_cast<double>(checkInsOk.load()) / sendSeconds);
  r.set("events_expected", static_cast<double>(expected));
  r.set("events_delivered", static_cast<double>(received));
  r.set("events_missed", static_cast<double>(expected - received));
  r.set("gaps", static_cast<double>(gaps));
  r.set("resyncs", static_cast<double>(resyncs));
  r.set("messages_malformed", static_cast<double>(malformed));
  r.set("streams_failed", failedStreams);
  r.set("drain_seconds", drainSeconds);
  r.set("server_cpu_seconds", serverCpu);
  r.set("client_cpu_seconds", clientCpu);
  r.set("throughput_per_s", static_cast<double>(received) / (sendSeconds + drainSeconds));
  addLatencies(r, latencies);
  r.set("check_in_p99_ms", percentiles(checkInLatencies).p99);
  r.set("peak_rss_mb", peakRss);
  r.ratioToLimit = ratio(static_cast<double>(received), static_cast<double>(expected));
  r.limit = "every event to every watcher: ratio_to_limit = events delivered / (watchers x events logged)";
  r.target = "500 watchers, 1,000 check-ins/s: every watcher gets every event, p99 delivery < 50 ms";
  if (o.watchers >= 500 && o.fanoutRate >= 1000) {
    r.targetMet = expected == received && malformed == 0 && caughtUp && *r.get("p99_ms") < 50.0 &&
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
  constexpr int kStreamsPerToken = 20;  // AttendanceServiceImpl::kMaxStreamsPerDevice.
  std::vector<std::string> tokens;
  for (int i = 0; i < o.stalledWatchers; i += kStreamsPerToken) {
    tokens.push_back(
        server.createToken(admin, v1::ROLE_ORGANISER, "bench-stalled-organiser-" + std::to_string(tokens.size() + 1)));
  }
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
      StalledWatchers stalled(watchChannels, tokens, kStreamsPerToken, o.stalledWatchers, 60s);
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
