// lanyard-bench's replica scenarios: the badge sealer's first pass, many kiosks taking a first copy
// of the replica at once beside the same data streamed by ExportAttendees, and a change reaching
// every long-polling kiosk.

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/proto_buffer_reader.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_set>

#include "bench.h"
#include "lanyard/v1/export_service.grpc.pb.h"
#include "lanyard/v1/replica_service.grpc.pb.h"

namespace lanyard::bench {

using namespace std::chrono_literals;

namespace {

constexpr char kReplicaMethod[] = "/lanyard.v1.ReplicaService/GetReplicaChanges";
constexpr int kPageSize = 1000;  // The most the server sends in a page, as a kiosk asks.
constexpr int kWaitSeconds = 30;

// What a kiosk needs of one GetReplicaChanges page during a first copy, read from the raw bytes:
// 200 kiosks parsing 100,000 delegates each into messages would take the cores the server is
// measured on, and a kiosk that stores nothing needs only the cursor and the end.
struct PageScan {
  std::string nextCursor;
  bool caughtUp = false;
  std::int64_t delegates = 0;
  std::int64_t sessions = 0;
};

// Reads `page` (a serialised v1::GetReplicaChangesResponse); false when it does not parse.
bool scanPage(grpc::ByteBuffer& page, PageScan& scan) {
  using google::protobuf::internal::WireFormatLite;
  grpc::ProtoBufferReader bytes(&page);
  google::protobuf::io::CodedInputStream in(&bytes);
  while (const std::uint32_t tag = in.ReadTag()) {
    const int field = WireFormatLite::GetTagFieldNumber(tag);
    if (field == v1::GetReplicaChangesResponse::kNextCursorFieldNumber) {
      if (!WireFormatLite::ReadString(&in, &scan.nextCursor)) return false;
      continue;
    }
    if (field == v1::GetReplicaChangesResponse::kCaughtUpFieldNumber) {
      if (!WireFormatLite::ReadPrimitive<bool, WireFormatLite::TYPE_BOOL>(&in, &scan.caughtUp)) return false;
      continue;
    }
    if (field == v1::GetReplicaChangesResponse::kDelegatesFieldNumber) ++scan.delegates;
    if (field == v1::GetReplicaChangesResponse::kSessionsFieldNumber) ++scan.sessions;
    if (!WireFormatLite::SkipField(&in, tag)) return false;
  }
  return in.ConsumedEntireMessage();
}

// A GetReplicaChanges call whose answer stays bytes; `take` reads it (see runLanes()).
struct RawReplicaCall final : AsyncCall {
  bool succeeded() const override { return status.ok() && take(response); }

  mutable grpc::ByteBuffer response;
  std::unique_ptr<grpc::ClientAsyncResponseReader<grpc::ByteBuffer>> reader;
  std::function<bool(grpc::ByteBuffer&)> take;
};

grpc::ByteBuffer serialise(const google::protobuf::Message& message) {
  grpc::Slice slice(message.SerializeAsString());
  return grpc::ByteBuffer(&slice, 1);
}

// One kiosk's first copy: where it is and what it has counted.
struct KioskCopy {
  std::string cursor;
  bool caughtUp = false;
  bool broken = false;  // A call failed or a page did not parse: the lane stops.
  std::int64_t bytes = 0;
  std::int64_t delegates = 0;
};

struct CopyRun {
  LoadRun load;
  double serverCpuSeconds = 0;
  double clientCpuSeconds = 0;  // This process: the kiosks' side of the copies.
  std::vector<KioskCopy> kiosks;
};

// `count` kiosks (tokens[i], stubs[i % size]) each taking a first copy from an empty cursor, one
// page at a time, until caught up.
CopyRun firstCopies(pid_t server, std::vector<std::unique_ptr<grpc::GenericStub>>& stubs,
                    const std::vector<std::string>& tokens, int count) {
  CopyRun run;
  run.kiosks.resize(static_cast<std::size_t>(count));
  const double cpuBefore = cpuSeconds(server);
  const double clientCpuBefore = cpuSeconds(::getpid());
  run.load = runLanes(count, [&](int lane, grpc::CompletionQueue& queue) -> std::unique_ptr<AsyncCall> {
    KioskCopy& kiosk = run.kiosks[static_cast<std::size_t>(lane)];
    if (kiosk.caughtUp || kiosk.broken) return nullptr;
    auto call = std::make_unique<RawReplicaCall>();
    call->lane = lane;
    call->context.AddMetadata("authorization", "Bearer " + tokens[static_cast<std::size_t>(lane)]);
    call->context.set_deadline(std::chrono::system_clock::now() + 120s);
    // Broken unless the answer comes and parses: the lane's next start sees it.
    kiosk.broken = true;
    call->take = [&kiosk](grpc::ByteBuffer& page) {
      PageScan scan;
      const std::size_t bytes = page.Length();
      if (!scanPage(page, scan)) return false;
      kiosk.broken = false;
      kiosk.bytes += static_cast<std::int64_t>(bytes);
      kiosk.delegates += scan.delegates;
      kiosk.cursor = std::move(scan.nextCursor);
      kiosk.caughtUp = scan.caughtUp;
      return true;
    };
    v1::GetReplicaChangesRequest request;
    request.set_cursor(kiosk.cursor);
    request.set_page_size(kPageSize);
    call->started = Clock::now();
    call->reader = stubs[static_cast<std::size_t>(lane) % stubs.size()]->PrepareUnaryCall(
        &call->context, kReplicaMethod, serialise(request), &queue);
    call->reader->StartCall();
    call->reader->Finish(&call->response, &call->status, call.get());
    return call;
  });
  run.serverCpuSeconds = cpuSeconds(server) - cpuBefore;
  run.clientCpuSeconds = cpuSeconds(::getpid()) - clientCpuBefore;
  return run;
}

// `count` ExportAttendees CSV streams of every delegate, `inFlight` at a time, each read to its
// end; what they sent and how long it took.
struct ExportRun {
  double seconds = 0;
  double serverCpuSeconds = 0;
  std::int64_t bytes = 0;  // Of one export: message bytes, as the kiosks' are counted.
  std::int64_t rows = 0;
};

ExportRun exports(const BenchServer& server, const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                  const std::string& token, int count, int inFlight) {
  ExportRun run;
  std::atomic<int> next{0};
  std::mutex mutex;
  std::string failure;
  const double cpuBefore = cpuSeconds(server.pid());
  const Clock::time_point start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < inFlight; ++t) {
    threads.emplace_back([&, t] {
      auto stub = v1::ExportService::NewStub(channels[static_cast<std::size_t>(t) % channels.size()]);
      v1::ExportAttendeesRequest request;
      request.set_format(v1::EXPORT_FORMAT_CSV);
      while (next.fetch_add(1) < count) {
        auto context = server.context(token);
        auto reader = stub->ExportAttendees(context.get(), request);
        v1::ExportAttendeesResponse response;
        std::int64_t bytes = 0;
        std::int64_t rows = 0;
        while (reader->Read(&response)) {
          bytes += static_cast<std::int64_t>(response.ByteSizeLong());
          if (response.chunk().last()) rows = response.chunk().row_count();
        }
        const grpc::Status status = reader->Finish();
        std::lock_guard lock(mutex);
        if (!status.ok() && failure.empty()) failure = status.error_message();
        run.bytes = bytes;
        run.rows = rows;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  run.seconds = secondsSince(start);
  run.serverCpuSeconds = cpuSeconds(server.pid()) - cpuBefore;
  if (!failure.empty()) throw std::runtime_error("ExportAttendees failed: " + failure);
  return run;
}

}  // namespace

std::string Bench::replicaSealing(BenchServer& server, grpc::Channel& admin) {
  auto stub = v1::ReplicaService::NewStub(std::shared_ptr<grpc::Channel>(&admin, [](grpc::Channel*) {}));
  const std::size_t delegates = m_codes.size();
  // The sealer's documented pace is 2.5 ms of one core a delegate; give it four times that.
  const auto limit = std::max<Clock::duration>(120s, std::chrono::milliseconds(10) * static_cast<int>(delegates));
  std::unordered_set<std::int64_t> sealed;
  std::string cursor;
  std::int64_t pages = 0;
  const double cpuBefore = cpuSeconds(server.pid());
  const Clock::time_point start = Clock::now();
  while (true) {
    if (Clock::now() - start > limit) {
      throw std::runtime_error("the badge sealer had sealed " + std::to_string(sealed.size()) + " of " +
                               std::to_string(delegates) + " delegates after " + std::to_string(secondsSince(start)) +
                               " s");
    }
    v1::GetReplicaChangesRequest request;
    request.set_cursor(cursor);
    request.set_page_size(kPageSize);
    request.set_wait_seconds(kWaitSeconds);
    v1::GetReplicaChangesResponse response;
    require(stub->GetReplicaChanges(server.context(m_kioskTokens.front(), 60s).get(), request, &response),
            "GetReplicaChanges");
    ++pages;
    for (const v1::ReplicaDelegate& d : response.delegates()) {
      if (!d.sealed_badge().empty()) sealed.insert(d.summary().id());
    }
    cursor = response.next_cursor();
    if (response.caught_up() && sealed.size() == delegates) break;
  }
  const double seconds = secondsSince(start);
  const double serverCpu = cpuSeconds(server.pid()) - cpuBefore;
  ScenarioResult r("replica_seal");
  r.set("delegates", static_cast<double>(delegates));
  r.set("seconds", seconds);
  r.set("throughput_per_s", static_cast<double>(delegates) / seconds);
  r.set("server_cpu_seconds", serverCpu);
  r.set("server_cpu_ms_per_delegate", serverCpu * 1000.0 / static_cast<double>(delegates));
  r.set("pages", static_cast<double>(pages));
  r.note =
      "the badge sealer's first pass (search keys and a sealed badge per delegate, with scrypt N = 2^10 where the "
      "event asks for the name check-in proof, one low-priority thread), from the first replica request until one "
      "client long-polling the feed holds every "
      "delegate with a sealed badge; the replica scenarios start after it";
  report(std::move(r));
  return cursor;
}

void Bench::replicaSyncScenario(BenchServer& server) {
  const Options& o = m_options;
  const int kiosks = o.replicaKiosks;
  // Each kiosk on a connection of its own, as separate devices are.
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs;
  for (int i = 0; i < kiosks; ++i) {
    channels.push_back(server.newChannel());
    stubs.push_back(std::make_unique<grpc::GenericStub>(channels.back()));
  }
  // The limit: ExportAttendees streams the same delegates as CSV, as fast as the server lets
  // exports run (ExportServiceOptions::maxConcurrentExports, 2). One kiosk beside one export,
  // then every kiosk at once beside as many exports.
  constexpr int kExportsAtOnce = 2;
  const CopyRun one = firstCopies(server.pid(), stubs, m_kioskTokens, 1);
  const ExportRun oneExport = exports(server, channels, m_organiserToken, 1, 1);
  CopyRun all = firstCopies(server.pid(), stubs, m_kioskTokens, kiosks);
  const ExportRun allExports = exports(server, channels, m_organiserToken, kiosks, kExportsAtOnce);

  std::int64_t bytes = 0;
  std::int64_t fewestRows = all.kiosks.front().delegates;
  int incomplete = 0;
  for (const KioskCopy& kiosk : all.kiosks) {
    bytes += kiosk.bytes;
    fewestRows = std::min(fewestRows, kiosk.delegates);
    if (!kiosk.caughtUp) ++incomplete;
  }
  const double bytesPerKiosk = static_cast<double>(bytes) / kiosks;
  ScenarioResult r("replica_sync");
  r.set("kiosks", kiosks);
  r.set("delegates", static_cast<double>(m_codes.size()));
  r.set("seconds", all.load.seconds);
  r.set("kiosks_incomplete", incomplete);
  r.set("fewest_delegates_per_kiosk", static_cast<double>(fewestRows));
  r.set("pages_per_kiosk", static_cast<double>(all.load.succeeded) / kiosks);
  r.set("failed", static_cast<double>(all.load.failed));
  r.set("throughput_per_s", static_cast<double>(m_codes.size()) * kiosks / all.load.seconds);
  addLatencies(r, all.load.latenciesMs);
  r.set("bytes_per_kiosk", bytesPerKiosk);
  r.set("server_cpu_seconds", all.serverCpuSeconds);
  r.set("client_cpu_seconds", all.clientCpuSeconds);
  r.set("peak_rss_mb", server.peakRssMb());
  r.set("limit_seconds", allExports.seconds);
  r.set("limit_bytes", static_cast<double>(allExports.bytes));
  r.set("limit_server_cpu_seconds", allExports.serverCpuSeconds);
  r.set("bytes_ratio", bytesPerKiosk / static_cast<double>(allExports.bytes));
  r.set("server_cpu_ratio", all.serverCpuSeconds / allExports.serverCpuSeconds);
  r.set("one_kiosk_seconds", one.load.seconds);
  r.set("one_export_seconds", oneExport.seconds);
  r.set("one_ratio", one.load.seconds / oneExport.seconds);
  r.ratioToLimit = ratio(all.load.seconds, allExports.seconds);
  r.limit = "ExportAttendees CSV of every delegate, once per kiosk, " + std::to_string(kExportsAtOnce) +
            " at a time (the server's most), read to the end: ratio_to_limit = our seconds / its seconds; "
            "bytes_ratio and server_cpu_ratio the same way; one_ratio = one kiosk alone / one export alone";
  r.target = "200 kiosks take a first copy of 100,000 delegates in under 60 s";
  if (kiosks >= 200 && m_codes.size() >= 100'000) r.targetMet = all.load.seconds < 60.0 && incomplete == 0;
  r.note =
      "every kiosk at once, each on its own connection paging GetReplicaChanges (page_size 1000) from an empty "
      "cursor, one call at a time, until caught_up, every delegate already sealed; bytes are response message "
      "bytes, counted, not stored; p*_ms are per page";
  if (all.load.failed > 0) r.note += "; first failure: " + all.load.firstFailure;
  report(std::move(r));
}

void Bench::replicaFirstCopyScenario(BenchServer& server) {
  std::vector<std::shared_ptr<grpc::Channel>> channels = {server.newChannel()};
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs;
  stubs.push_back(std::make_unique<grpc::GenericStub>(channels.front()));
  const CopyRun copy = firstCopies(server.pid(), stubs, m_kioskTokens, 1);
  const ExportRun oneExport = exports(server, channels, m_organiserToken, 1, 1);
  const KioskCopy& kiosk = copy.kiosks.front();
  ScenarioResult r("replica_copy");
  r.set("delegates", static_cast<double>(kiosk.delegates));
  r.set("seconds", copy.load.seconds);
  r.set("throughput_per_s", static_cast<double>(kiosk.delegates) / copy.load.seconds);
  r.set("bytes", static_cast<double>(kiosk.bytes));
  r.set("failed", static_cast<double>(copy.load.failed));
  r.set("server_cpu_seconds", copy.serverCpuSeconds);
  r.set("peak_rss_mb", server.peakRssMb());
  r.set("limit_seconds", oneExport.seconds);
  r.ratioToLimit = ratio(copy.load.seconds, oneExport.seconds);
  r.limit = "one ExportAttendees CSV of every delegate, read to the end; ratio = our seconds / its seconds";
  r.note =
      "one kiosk paging GetReplicaChanges (page_size 1000) from an empty cursor until caught_up, every "
      "delegate already sealed";
  if (!kiosk.caughtUp) r.note += "; the kiosk did not catch up";
  if (copy.load.failed > 0) r.note += "; first failure: " + copy.load.firstFailure;
  report(std::move(r));
}

// ---------------------------------------------------------------------------------------------
// A change reaching every long-polling kiosk

namespace {

// One long-polling kiosk: its cursor and the last change it has counted.
struct PollingKiosk {
  std::string cursor;
  std::int64_t counted = -1;  // Index of the last change whose row it has received.
};

}  // namespace

void Bench::replicaChangeScenario(BenchServer& server, const std::string& caughtUpCursor) {
  const Options& o = m_options;
  const int kiosks = o.replicaKiosks;
  std::vector<std::unique_ptr<v1::ReplicaService::Stub>> stubs;
  for (int i = 0; i < kiosks; ++i) stubs.push_back(v1::ReplicaService::NewStub(server.newChannel()));
  std::vector<PollingKiosk> state(static_cast<std::size_t>(kiosks), PollingKiosk{caughtUpCursor});

  // The change being watched for: the delegate whose row must reach every kiosk.
  std::atomic<std::int64_t> changeIndex{-1};
  std::atomic<std::int64_t> changedDelegate{0};
  std::atomic<int> receipts{0};
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::vector<double> latenciesMs;  // Guarded by mutex; measured changes only.
  std::atomic<std::int64_t> responses{0};

  const LaneStarter poll = [&](int lane, grpc::CompletionQueue& queue) -> std::unique_ptr<AsyncCall> {
    if (stopping.load()) return nullptr;
    PollingKiosk& kiosk = state[static_cast<std::size_t>(lane)];
    auto call = std::make_unique<UnaryCall<v1::GetReplicaChangesResponse>>();
    call->lane = lane;
    call->context.AddMetadata("authorization", "Bearer " + m_kioskTokens[static_cast<std::size_t>(lane)]);
    call->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(kWaitSeconds + 15));
    call->check = [&](const v1::GetReplicaChangesResponse& page) {
      const std::int64_t now = nowUs();
      ++responses;
      if (!page.next_cursor().empty()) kiosk.cursor = page.next_cursor();
      const std::int64_t index = changeIndex.load();
      if (kiosk.counted == index) return true;
      for (const v1::ReplicaDelegate& d : page.delegates()) {
        if (d.summary().id() != changedDelegate.load()) continue;
        kiosk.counted = index;
        if (index >= 1 && index <= o.replicaChanges) {
          std::lock_guard lock(mutex);
          latenciesMs.push_back(static_cast<double>(now - d.check_in().entrance().time_us()) / 1000.0);
        }
        ++receipts;
      }
      return true;
    };
    v1::GetReplicaChangesRequest request;
    request.set_cursor(kiosk.cursor);
    request.set_page_size(kPageSize);
    request.set_wait_seconds(kWaitSeconds);
    auto& stub = *stubs[static_cast<std::size_t>(lane)];
    return startUnary(std::move(call), queue, [&](grpc::ClientContext* context, grpc::CompletionQueue* q) {
      return stub.PrepareAsyncGetReplicaChanges(context, request, q);
    });
  };
  LoadRun polls;
  std::thread lanes([&] { polls = runLanes(kiosks, poll); });

  // Each change is a delegate checked in at the entrance by another kiosk; the row's entrance
  // move carries the server's log time, a moment before the commit.
  auto checkIn = v1::CheckInService::NewStub(server.newChannel());
  const auto change = [&](std::int64_t index) {
    const BadgeCode* code = takeCode();
    if (code == nullptr) throw std::runtime_error("replica_change ran out of delegates to check in");
    receipts.store(0);
    changedDelegate.store(code->delegateId);
    changeIndex.store(index);
    v1::CheckInRequest request;
    request.set_request_id("replica-change-" + std::to_string(index));
    request.set_scan_time_us(nowUs());
    request.set_code(code->code);
    request.set_direction(v1::DIRECTION_IN);
    v1::CheckInResponse response;
    require(checkIn->CheckIn(server.context(m_kioskTokens.back(), 30s).get(), request, &response), "CheckIn");
    if (response.outcome() != v1::CHECK_IN_OUTCOME_ADMITTED) {
      throw std::runtime_error("replica_change: a check-in was not admitted: " + response.reason());
    }
  };
  // Polling a benchmark's progress, not synchronising a test.
  const auto allReceived = [&](Clock::duration timeout) {
    const Clock::time_point deadline = Clock::now() + timeout;
    while (receipts.load() < kiosks) {
      if (Clock::now() > deadline) return false;
      std::this_thread::sleep_for(2ms);
    }
    return true;
  };
  // Change 0 warms every kiosk up (its first long-poll is in place or on its way); unmeasured.
  change(0);
  if (!allReceived(60s)) throw std::runtime_error("not every kiosk received the first change within 60 s");
  int missed = 0;
  constexpr auto kPeriod = 200ms;
  const Clock::time_point start = Clock::now();
  for (int i = 1; i <= o.replicaChanges; ++i) {
    std::this_thread::sleep_until(start + kPeriod * i);  // Pacing the changes.
    change(i);
    if (!allReceived(10s)) missed += kiosks - receipts.load();
  }
  // One more change answers every waiting poll; no kiosk polls again.
  stopping.store(true);
  change(o.replicaChanges + 1);
  lanes.join();

  ScenarioResult r("replica_change");
  r.set("kiosks", kiosks);
  r.set("changes", o.replicaChanges);
  r.set("receipts", static_cast<double>(latenciesMs.size()));
  r.set("receipts_missed", missed);
  r.set("polls", static_cast<double>(responses.load()));
  r.set("polls_failed", static_cast<double>(polls.failed));
  addLatencies(r, latenciesMs);
  r.set("peak_rss_mb", server.peakRssMb());
  r.target = "a change reaches each of 200 long-polling kiosks, p99 under 1 s";
  if (kiosks >= 200) r.targetMet = *r.get("p99_ms") < 1000.0 && missed == 0 && polls.failed == 0;
  r.note =
      "each kiosk caught up and long-polling (wait_seconds 30, its cursor kept, on its own connection); a change "
      "is a delegate checked in at the entrance by another kiosk, one every 200 ms once every kiosk has the "
      "last; latency = from the server's log time of the check-in (its entrance move's time_us, before the "
      "commit) to a kiosk reading the row; the server gathers commits for 50 ms before it answers";
  if (polls.failed > 0) r.note += "; first failure: " + polls.firstFailure;
  report(std::move(r));
}

}  // namespace lanyard::bench
