// lanyard-bench's morning peak: one server at an event's busiest minute, every kind of client at
// once, each at its own rate. See docs/performance.md, "Morning peak".

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

#include "bench.h"
#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"
#include "lanyard/v1/export_service.grpc.pb.h"
#include "reading_watchers.h"
#include "support/import_upload.h"

namespace lanyard::bench {

using namespace std::chrono_literals;

namespace {

// The clients, and how often each acts on average (a Poisson process each). Faster than a real
// morning on purpose: a self-service kiosk printing badges takes a person every 15-30 s, so 200 of
// them admit 7-13 a second; here they scan 100 a second, the whole event through the doors in 17
// minutes. A session door scans every second; a searching kiosk sends a search every half second,
// one per letter typed.
constexpr int kEntranceKiosks = 200;
constexpr double kEntranceScansPerKioskPerS = 0.5;
constexpr double kRepeatScanShare = 0.05;  // Entrance scans of someone already inside.
constexpr int kSessionDoors = 50;
constexpr double kSessionScansPerDoorPerS = 1.0;
constexpr int kSessions = 10;
constexpr int kSearchKiosks = 30;
constexpr double kSearchesPerKioskPerS = 2.0;
constexpr int kDashboards = 20;
// Delegates inside before the minute starts, whom the session doors scan.
constexpr double kInsideShare = 0.1;
constexpr double kTargetP99Ms = 50;

// `count` sessions open for the next hours, in the event's CSV template (times in UTC).
std::string sessionsCsv(int count) {
  const auto local = [](std::int64_t offsetS) {
    const std::time_t at = std::time(nullptr) + offsetS;
    std::tm utc{};
    gmtime_r(&at, &utc);
    char text[32];
    (void)std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
    return std::string(text);
  };
  std::string csv = "external_ref,title,room,start,end,capacity,registration_required\n";
  for (int i = 1; i <= count; ++i) {
    csv += "peak-" + std::to_string(i) + ",Workshop " + std::to_string(i) + ",Room " + std::to_string(i) + "," +
           local(-3600) + "," + local(4 * 3600) + ",0,no\n";
  }
  return csv;
}

std::vector<std::int64_t> importSessions(const BenchServer& server, grpc::Channel& admin, int count) {
  auto delegates = v1::DelegateService::NewStub(std::shared_ptr<grpc::Channel>(&admin, [](grpc::Channel*) {}));
  v1::ImportSessionsResponse imported;
  require(lanyard::testing::importSessions(*delegates, *server.context(server.adminToken()), sessionsCsv(count),
                                           "bench-sessions.csv", &imported),
          "ImportSessions");
  auto events = v1::EventService::NewStub(std::shared_ptr<grpc::Channel>(&admin, [](grpc::Channel*) {}));
  v1::ListSessionsResponse sessions;
  require(events->ListSessions(server.context(server.adminToken()).get(), {}, &sessions), "ListSessions");
  std::vector<std::int64_t> ids;
  for (const v1::Session& s : sessions.sessions()) ids.push_back(s.id());
  if (static_cast<int>(ids.size()) != count) {
    throw std::runtime_error("ImportSessions left " + std::to_string(ids.size()) + " of " + std::to_string(count));
  }
  return ids;
}

// One kind of call in the minute, and how its calls went.
struct CallKind {
  std::string name;
  LoadRun run;
};

// A CheckIn of `code` at `sessionId` (0: the entrance) that must end in `expected`.
std::unique_ptr<AsyncCall> startCheckIn(v1::CheckInService::Stub& stub, grpc::CompletionQueue& queue,
                                        Clock::time_point due, const std::string& token, const std::string& requestId,
                                        const std::string& code, std::int64_t sessionId, v1::CheckInOutcome expected) {
  auto call = std::make_unique<UnaryCall<v1::CheckInResponse>>();
  call->started = due;
  call->context.AddMetadata("authorization", "Bearer " + token);
  call->context.set_deadline(std::chrono::system_clock::now() + 30s);
  call->check = [expected](const v1::CheckInResponse& r) { return r.outcome() == expected; };
  v1::CheckInRequest request;
  request.set_request_id(requestId);
  request.set_scan_time_us(nowUs());
  request.set_code(code);
  request.set_session_id(sessionId);
  request.set_direction(v1::DIRECTION_IN);
  return startUnary(std::move(call), queue, [&](grpc::ClientContext* context, grpc::CompletionQueue* q) {
    return stub.PrepareAsyncCheckIn(context, request, q);
  });
}

// Exports of every delegate as CSV, one after another until `end`: how long each took.
struct ExportLoop {
  std::vector<double> seconds;
  std::int64_t rows = 0;
  std::string failure;
};

ExportLoop exportUntil(const BenchServer& server, const std::string& token, Clock::time_point end) {
  auto channel = server.newChannel();
  auto stub = v1::ExportService::NewStub(channel);
  ExportLoop loop;
  while (Clock::now() < end && loop.failure.empty()) {
    const Clock::time_point start = Clock::now();
    auto context = server.context(token);
    v1::ExportAttendeesRequest request;
    request.set_format(v1::EXPORT_FORMAT_CSV);
    auto reader = stub->ExportAttendees(context.get(), request);
    v1::ExportAttendeesResponse response;
    while (reader->Read(&response)) {
      if (response.chunk().last()) loop.rows += response.chunk().row_count();
    }
    const grpc::Status status = reader->Finish();
    if (!status.ok()) loop.failure = status.error_message();
    loop.seconds.push_back(secondsSince(start));
  }
  return loop;
}

}  // namespace

void Bench::morningPeakScenario() {
  const Options& o = m_options;
  std::cerr << "lanyard-bench: morning peak at an event of " << o.delegates << " delegates\n";
  BenchServer server(o, m_dir.path(), "morning-peak");
  auto admin = server.newChannel();
  const std::vector<std::int64_t> sessions = importSessions(server, *admin, kSessions);
  const std::vector<GeneratedDelegate> delegates = generateDelegates(o.delegates, kSeed);
  (void)importDelegates(server, *admin, delegatesCsv(delegates), o.delegates);
  const std::vector<std::string> queries = searchQueries(delegates, 5'000, kSeed + 2);

  // The delegates inside already (checked in as fast as the server goes, before the minute), and
  // those still to come.
  m_codes = listBadgeCodes(server, *admin);
  m_nextCode.store(0);
  m_kioskTokens = server.createTokens(*admin, v1::ROLE_KIOSK, kEntranceKiosks, "peak-entrance");
  const auto insideCount = static_cast<std::size_t>(kInsideShare * static_cast<double>(m_codes.size()));
  const std::vector<BadgeCode> inside(m_codes.begin(), m_codes.begin() + static_cast<std::ptrdiff_t>(insideCount));
  {
    const std::vector<BadgeCode> all = std::exchange(m_codes, inside);
    Channels channels(server, 8);
    std::atomic<bool> ranOut{false};
    const LoadRun arrived = checkInLoad(channels, 64, 10min, ranOut);
    if (arrived.failed > 0) throw std::runtime_error("morning peak: checking in: " + arrived.firstFailure);
    m_codes.assign(all.begin() + static_cast<std::ptrdiff_t>(insideCount), all.end());
    m_nextCode.store(0);
  }
  const std::vector<std::string> doorTokens = server.createTokens(*admin, v1::ROLE_KIOSK, kSessionDoors, "peak-door");
  const std::vector<std::string> searchTokens =
      server.createTokens(*admin, v1::ROLE_KIOSK, kSearchKiosks, "peak-search");
  const std::vector<std::string> exportTokens =
      server.createTokens(*admin, v1::ROLE_ORGANISER, o.peakExports, "peak-export");
  const std::vector<std::string> dashboardTokens = server.watcherTokens(*admin, kDashboards, "peak-dashboard");
  std::vector<std::shared_ptr<grpc::Channel>> dashboardChannels;
  for (int i = 0; i < 4; ++i) dashboardChannels.push_back(server.newChannel());
  ReadingWatchers dashboards(dashboardChannels, dashboardTokens, kStreamsPerWatcherToken, kDashboards, 60s);
  const Clock::duration minute = o.quick ? phase(o) : std::chrono::duration_cast<Clock::duration>(60s);
  dashboards.reserve(static_cast<std::size_t>(
      (kEntranceKiosks * kEntranceScansPerKioskPerS + kSessionDoors * kSessionScansPerDoorPerS) * 2 *
      std::chrono::duration<double>(minute).count()));

  Channels channels(server, 8);
  (void)healthLoad(channels, 64, 200ms);  // Warm the connections.
  std::atomic<std::uint64_t> next{0};
  const auto stubFor = [&](std::uint64_t i) -> v1::CheckInService::Stub& {
    return *channels.checkIn[i % channels.checkIn.size()];
  };
  // Entrance: people arriving, and now and then someone inside scanning again.
  std::atomic<std::size_t> repeats{0};
  const auto entrance = [&](grpc::CompletionQueue& queue, Clock::time_point due) -> std::unique_ptr<AsyncCall> {
    const std::uint64_t i = next.fetch_add(1);
    const std::string& token = m_kioskTokens[i % m_kioskTokens.size()];
    const std::string requestId = "peak-entrance-" + std::to_string(i);
    if (static_cast<double>(i % 1000) < kRepeatScanShare * 1000) {
      const BadgeCode& again = inside[repeats.fetch_add(1) % inside.size()];
      return startCheckIn(stubFor(i), queue, due, token, requestId, again.code, 0,
                          v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN);
    }
    const BadgeCode* code = takeCode();
    if (code == nullptr) return nullptr;
    return startCheckIn(stubFor(i), queue, due, token, requestId, code->code, 0, v1::CHECK_IN_OUTCOME_ADMITTED);
  };
  // Session doors: people inside going to a workshop, each once.
  std::atomic<std::size_t> nextInside{0};
  const auto door = [&](grpc::CompletionQueue& queue, Clock::time_point due) -> std::unique_ptr<AsyncCall> {
    const std::uint64_t i = next.fetch_add(1);
    const std::size_t who = nextInside.fetch_add(1);
    if (who >= inside.size()) return nullptr;
    const std::size_t doorIndex = who % doorTokens.size();
    return startCheckIn(stubFor(i), queue, due, doorTokens[doorIndex], "peak-door-" + std::to_string(who),
                        inside[who].code, sessions[doorIndex % sessions.size()], v1::CHECK_IN_OUTCOME_ADMITTED);
  };
  const auto search = [&](grpc::CompletionQueue& queue, Clock::time_point due) -> std::unique_ptr<AsyncCall> {
    const std::uint64_t i = next.fetch_add(1);
    auto call = std::make_unique<UnaryCall<v1::SearchDelegatesResponse>>();
    call->started = due;
    call->context.AddMetadata("authorization", "Bearer " + searchTokens[i % searchTokens.size()]);
    call->context.set_deadline(std::chrono::system_clock::now() + 30s);
    v1::SearchDelegatesRequest request;
    request.set_query(queries[i % queries.size()]);
    return startUnary(std::move(call), queue, [&](grpc::ClientContext* context, grpc::CompletionQueue* q) {
      return stubFor(i).PrepareAsyncSearchDelegates(context, request, q);
    });
  };

  const double serverCpuBefore = cpuSeconds(server.pid());
  const double clientCpuBefore = cpuSeconds(::getpid());
  const Clock::time_point start = Clock::now();
  std::vector<CallKind> kinds = {{"entrance", {}}, {"session_door", {}}, {"search", {}}};
  std::vector<ExportLoop> exports(static_cast<std::size_t>(o.peakExports));
  std::vector<std::thread> clients;
  clients.emplace_back(
      [&] { kinds[0].run = runPaced(kEntranceKiosks * kEntranceScansPerKioskPerS, minute, kSeed, entrance); });
  clients.emplace_back(
      [&] { kinds[1].run = runPaced(kSessionDoors * kSessionScansPerDoorPerS, minute, kSeed + 1, door); });
  clients.emplace_back(
      [&] { kinds[2].run = runPaced(kSearchKiosks * kSearchesPerKioskPerS, minute, kSeed + 2, search); });
  for (int i = 0; i < o.peakExports; ++i) {
    clients.emplace_back([&, i] {
      exports[static_cast<std::size_t>(i)] =
          exportUntil(server, exportTokens[static_cast<std::size_t>(i)], start + minute);
    });
  }
  for (std::thread& client : clients) client.join();
  const double seconds = secondsSince(start);
  const double serverCpu = cpuSeconds(server.pid()) - serverCpuBefore;
  const double clientCpu = cpuSeconds(::getpid()) - clientCpuBefore;

  auto attendance = v1::AttendanceService::NewStub(admin);
  v1::GetAttendanceSummaryResponse summary;
  require(attendance->GetAttendanceSummary(server.context(server.adminToken()).get(), {}, &summary),
          "GetAttendanceSummary");
  const std::int64_t finalSequence = summary.summary().sequence();
  const bool caughtUp = dashboards.waitUntilCaughtUp(finalSequence, 30s);
  ReadingWatchers::Tally watched = dashboards.close(finalSequence);

  ScenarioResult r("morning_peak");
  r.set("delegates", static_cast<double>(o.delegates));
  r.set("seconds", seconds);
  std::int64_t calls = 0;
  std::int64_t failed = 0;
  double worstP99 = 0;
  std::string failures;
  for (CallKind& kind : kinds) {
    calls += kind.run.succeeded;
    failed += kind.run.failed;
    r.set(kind.name + "_per_s", static_cast<double>(kind.run.succeeded) / seconds);
    r.set(kind.name + "_failed", static_cast<double>(kind.run.failed));
    const Percentiles p = percentiles(kind.run.latenciesMs);
    r.set(kind.name + "_p50_ms", p.p50);
    r.set(kind.name + "_p99_ms", p.p99);
    worstP99 = std::max(worstP99, p.p99);
    if (kind.run.failed > 0) failures += "; " + kind.name + ": " + kind.run.firstFailure;
  }
  std::vector<double> exportSeconds;
  std::int64_t exportRows = 0;
  for (const ExportLoop& e : exports) {
    exportSeconds.insert(exportSeconds.end(), e.seconds.begin(), e.seconds.end());
    exportRows += e.rows;
    if (!e.failure.empty()) {
      ++failed;
      failures += "; export: " + e.failure;
    }
  }
  r.set("exports", static_cast<double>(exportSeconds.size()));
  r.set("export_rows", static_cast<double>(exportRows));
  const Percentiles exportTimes = percentiles(exportSeconds);
  r.set("export_p50_s", exportTimes.p50);
  r.set("export_max_s", exportTimes.max);
  r.set("dashboards", kDashboards);
  r.set("dashboard_events_expected", static_cast<double>(watched.expected));
  r.set("dashboard_events_missed", static_cast<double>(watched.expected - watched.received));
  r.set("dashboard_gaps", static_cast<double>(watched.gaps));
  const Percentiles delivery = percentiles(watched.latenciesMs);
  r.set("dashboard_p50_ms", delivery.p50);
  r.set("dashboard_p99_ms", delivery.p99);
  worstP99 = std::max(worstP99, delivery.p99);
  r.set("throughput_per_s", static_cast<double>(calls) / seconds);
  r.set("p99_ms", worstP99);
  r.set("server_cpu_seconds", serverCpu);
  r.set("client_cpu_seconds", clientCpu);
  const double cores = std::max(1U, std::thread::hardware_concurrency());
  r.set("server_cpu_share", serverCpu / (seconds * cores));
  r.set("peak_rss_mb", server.peakRssMb());
  r.target = "every call type's p99 < 50 ms (dashboards: log to screen), no error, no activity missed";
  r.targetMet = worstP99 < kTargetP99Ms && failed == 0 && watched.failedStreams == 0 &&
                watched.received == watched.expected && watched.gaps == 0 && caughtUp;
  r.note = std::to_string(kEntranceKiosks) + " entrance kiosks (a scan every " +
           std::to_string(static_cast<int>(1000 / kEntranceScansPerKioskPerS)) + " ms each on average, 5 % of them " +
           "of someone inside), " + std::to_string(kSessionDoors) + " session doors (every " +
           std::to_string(static_cast<int>(1000 / kSessionScansPerDoorPerS)) + " ms, " + std::to_string(kSessions) +
           " sessions), " + std::to_string(kSearchKiosks) + " search kiosks (every " +
           std::to_string(static_cast<int>(1000 / kSearchesPerKioskPerS)) +
           " ms), each a Poisson process, latency from when each call was due; " + std::to_string(kDashboards) +
           " dashboards watching; " + std::to_string(o.peakExports) +
           " CSV exports of every delegate, one after another, the whole time; " +
           "server_cpu_share = server CPU / (seconds x cores); p99_ms is the worst call type's";
  if (!caughtUp) r.note += "; dashboards had not caught up 30 s after the minute";
  r.note += failures;
  report(std::move(r));
  server.stop();
}

}  // namespace lanyard::bench
