// lanyard-bench's offline drain: kiosks reconnecting at once, each uploading its queue of offline
// scans in order, beside as many online check-ins by as many kiosks, in turns in the same run.

#include <atomic>
#include <stdexcept>

#include "bench.h"
#include "lanyard/v1/attendance_service.grpc.pb.h"

namespace lanyard::bench {

using namespace std::chrono_literals;

namespace {

// One scan in kConflictEvery (5 %) is of a delegate that the kiosk's partner (0 with 1, 2 with 3,
// ...) scanned too, at the same place in its queue (the first, the 21st...): a double admission
// to settle.
constexpr int kConflictEvery = 20;

struct Scan {
  const BadgeCode* code = nullptr;
  bool shared = false;  // The partner kiosk scans the same delegate.
};

// Each kiosk's scans for one turn, in the order it makes them.
struct Queues {
  std::vector<std::vector<Scan>> kiosks;
  std::int64_t shared = 0;  // Delegates scanned by two kiosks.
};

// How many delegates Queues for `kiosks` x `scans` takes.
std::int64_t delegatesFor(int kiosks, int scans) {
  std::int64_t shared = 0;
  for (int k = 1; k < kiosks; k += 2) {
    for (int p = 0; p < scans; ++p) shared += p % kConflictEvery == 0 ? 1 : 0;
  }
  return static_cast<std::int64_t>(kiosks) * scans - shared;
}

// Queues of delegates nobody has checked in yet, taken with `take`.
Queues makeQueues(int kiosks, int scans, const std::function<const BadgeCode*()>& take) {
  Queues q;
  q.kiosks.resize(static_cast<std::size_t>(kiosks));
  for (int k = 0; k < kiosks; ++k) {
    auto& queue = q.kiosks[static_cast<std::size_t>(k)];
    for (int p = 0; p < scans; ++p) {
      if (k % 2 == 1 && p % kConflictEvery == 0) {
        Scan& theirs = q.kiosks[static_cast<std::size_t>(k - 1)][static_cast<std::size_t>(p)];
        theirs.shared = true;
        queue.push_back(theirs);
        ++q.shared;
        continue;
      }
      const BadgeCode* code = take();
      if (code == nullptr) throw std::runtime_error("offline_drain ran out of delegates");
      queue.push_back({code, false});
    }
  }
  return q;
}

struct DrainRun {
  LoadRun load;
  double serverCpuSeconds = 0;
  std::int64_t admitted = 0;
};

// Every kiosk works through its queue at once, one CheckIn at a time: online (scan time now) or
// uploading offline scans (scan times an hour old, in order, `offline{ADMITTED}`).
DrainRun runQueues(const BenchServer& server, Channels& channels, const std::vector<std::string>& tokens,
                   const Queues& q, bool offline, const std::string& tag) {
  const int kiosks = static_cast<int>(q.kiosks.size());
  std::vector<std::atomic<std::size_t>> next(q.kiosks.size());
  std::atomic<std::int64_t> admitted{0};
  const std::int64_t outageStartUs = nowUs() - std::int64_t{3'600'000'000};
  DrainRun run;
  const double cpuBefore = cpuSeconds(server.pid());
  run.load = runLanes(kiosks, [&](int lane, grpc::CompletionQueue& queue) -> std::unique_ptr<AsyncCall> {
    const auto kiosk = static_cast<std::size_t>(lane);
    const std::size_t i = next[kiosk].fetch_add(1);
    if (i >= q.kiosks[kiosk].size()) return nullptr;
    const Scan& scan = q.kiosks[kiosk][i];
    auto call = std::make_unique<UnaryCall<v1::CheckInResponse>>();
    call->lane = lane;
    call->context.AddMetadata("authorization", "Bearer " + tokens[kiosk]);
    call->context.set_deadline(std::chrono::system_clock::now() + 30s);
    // Offline, a shared delegate's second scan is admitted too (the kiosk's admission stands, with
    // a conflict); online it is ALREADY_CHECKED_IN.
    call->check = [&, shared = scan.shared](const v1::CheckInResponse& r) {
      if (r.outcome() == v1::CHECK_IN_OUTCOME_ADMITTED) {
        ++admitted;
        return true;
      }
      return !offline && shared && r.outcome() == v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN;
    };
    v1::CheckInRequest request;
    request.set_request_id(tag + "-" + std::to_string(lane) + "-" + std::to_string(i));
    request.set_code(scan.code->code);
    request.set_direction(v1::DIRECTION_IN);
    if (offline) {
      request.set_scan_time_us(outageStartUs + static_cast<std::int64_t>(i) * 1'000'000);
      request.mutable_offline()->set_outcome(v1::CHECK_IN_OUTCOME_ADMITTED);
    } else {
      request.set_scan_time_us(nowUs());
    }
    auto& stub = *channels.checkIn[kiosk % channels.checkIn.size()];
    return startUnary(std::move(call), queue, [&](grpc::ClientContext* context, grpc::CompletionQueue* cq) {
      return stub.PrepareAsyncCheckIn(context, request, cq);
    });
  });
  run.serverCpuSeconds = cpuSeconds(server.pid()) - cpuBefore;
  run.admitted = admitted.load();
  return run;
}

// The conflicts the server has recorded, from the attendance summary.
std::int64_t conflictsRecorded(const BenchServer& server, const Channels& channels, const std::string& token) {
  auto attendance = v1::AttendanceService::NewStub(channels.channels.front());
  v1::GetAttendanceSummaryResponse summary;
  const grpc::Status status = attendance->GetAttendanceSummary(server.context(token).get(), {}, &summary);
  if (!status.ok()) throw std::runtime_error("GetAttendanceSummary failed: " + status.error_message());
  return summary.summary().conflicts();
}

}  // namespace

void Bench::offlineDrainScenario(BenchServer& server) {
  const Options& o = m_options;
  const int kiosks = o.drainDevices;
  const int scans = o.drainScans;
  // Two turns each way, in the order online, offline, offline, online, so that a drift of the
  // shared cores' speed falls on both alike.
  const std::vector<bool> turns = {false, true, true, false};
  const std::int64_t needed = delegatesFor(kiosks, scans) * static_cast<std::int64_t>(turns.size());
  const std::int64_t left = static_cast<std::int64_t>(m_codes.size()) - static_cast<std::int64_t>(m_nextCode.load());
  if (left < needed) {
    throw std::runtime_error("offline_drain needs " + std::to_string(needed) + " delegates nobody has checked in, " +
                             "and the event has " + std::to_string(left) + " left: raise --n or lower --drain-scans");
  }
  Channels channels(server, kiosks);          // Each kiosk on a connection of its own.
  (void)healthLoad(channels, kiosks, 200ms);  // Warm the connections.
  DrainRun online;
  DrainRun offline;
  std::int64_t shared = 0;
  const std::int64_t conflictsBefore = conflictsRecorded(server, channels, m_organiserToken);
  for (std::size_t t = 0; t < turns.size(); ++t) {
    const Queues queues = makeQueues(kiosks, scans, [this] { return takeCode(); });
    shared += turns[t] ? queues.shared : 0;
    const DrainRun run = runQueues(server, channels, m_kioskTokens, queues, turns[t],
                                   (turns[t] ? "drain-" : "online-") + std::to_string(t));
    DrainRun& sum = turns[t] ? offline : online;
    sum.load.add(run.load);
    sum.serverCpuSeconds += run.serverCpuSeconds;
    sum.admitted += run.admitted;
  }
  const std::int64_t conflicts = conflictsRecorded(server, channels, m_organiserToken) - conflictsBefore;
  const double turnsEach = static_cast<double>(turns.size()) / 2;
  ScenarioResult r("offline_drain");
  r.set("kiosks", kiosks);
  r.set("scans_per_kiosk", scans);
  r.set("shared_delegates_per_drain", static_cast<double>(shared) / turnsEach);
  r.set("drain_seconds", offline.load.seconds / turnsEach);
  r.set("online_seconds", online.load.seconds / turnsEach);
  r.set("throughput_per_s", offline.load.throughputPerSecond());
  r.set("online_throughput_per_s", online.load.throughputPerSecond());
  addLatencies(r, offline.load.latenciesMs);
  r.set("online_p99_ms", percentiles(online.load.latenciesMs).p99);
  r.set("failed", static_cast<double>(offline.load.failed + online.load.failed));
  r.set("uploads_admitted", static_cast<double>(offline.admitted));
  r.set("conflicts", static_cast<double>(conflicts));
  r.set("server_cpu_us_per_upload", microsecondsPerCall(offline.serverCpuSeconds, offline.load.succeeded));
  r.set("server_cpu_us_per_online", microsecondsPerCall(online.serverCpuSeconds, online.load.succeeded));
  r.set("peak_rss_mb", server.peakRssMb());
  r.ratioToLimit = ratio(online.load.seconds, offline.load.seconds);
  r.limit =
      "the same number of online check-ins by as many kiosks, one at a time each, in turns online, offline, "
      "offline, online: ratio_to_limit = online seconds / drain seconds (drain rate / online rate)";
  r.target = "20 kiosks with 1,000 queued scans each drain at least 0.8 as fast as online check-ins";
  if (kiosks >= 20 && scans >= 1'000) {
    r.targetMet =
        r.ratioToLimit.value_or(0) >= 0.8 && offline.load.failed + online.load.failed == 0 && conflicts == shared;
  }
  r.note =
      "each kiosk on its own connection uploads its queue in order, one CheckIn at a time (request_id, the "
      "scan's own time an hour back, offline{ADMITTED}); distinct delegates but for one scan in 20 of a delegate "
      "its partner kiosk scanned too; the online turns check in the same shape of queues with scan times now; "
      "every upload is admitted (the kiosk's admission stands), and conflicts counts those the server recorded: one "
      "per shared delegate (ADMITTED_TWICE), as many as shared_delegates_per_drain times two drains";
  if (offline.load.failed + online.load.failed > 0) {
    r.note += "; first failure: " + offline.load.firstFailure + online.load.firstFailure;
  }
  report(std::move(r));
}

}  // namespace lanyard::bench
