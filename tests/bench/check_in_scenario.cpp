// lanyard-bench's check-in scenario: kiosks checking in distinct delegates, beside the health
// check's rate (the transport), bare SQLite inserts (the storage) and the check-in's own work.

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <variant>

#include "bench.h"
#include "domain/badge_code.h"
#include "domain/check_in.h"
#include "live/attendance_hub.h"
#include "storage/sqlite_event_store.h"

namespace lanyard::bench {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// ---------------------------------------------------------------------------------------------
// The storage limit: a bare loop of SQLite inserts with the server's durability settings (WAL,
// synchronous=FULL) committed in batches of `batch`, as the group commit does with `batch` kiosks.

constexpr char kStorageSchemaSql[] =
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
    "CREATE TABLE IF NOT EXISTS check_in (id INTEGER PRIMARY KEY, delegate_id INTEGER NOT NULL, "
    "device_id INTEGER NOT NULL, time_us INTEGER NOT NULL, outcome INTEGER NOT NULL)";
constexpr char kStorageInsertSql[] =
    "INSERT INTO check_in (delegate_id, device_id, time_us, outcome) VALUES (?, ?, ?, 1)";

StorageRun storageLimit(const fs::path& path, int batch, Clock::duration duration) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("sqlite3_open " + path.string());
  const auto check = [&](int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
      throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
    }
  };
  check(sqlite3_exec(db, kStorageSchemaSql, nullptr, nullptr, nullptr), "storage schema");
  sqlite3_stmt* insert = nullptr;
  check(sqlite3_prepare_v2(db, kStorageInsertSql, -1, &insert, nullptr), "prepare insert");
  std::vector<double> commitMs;
  std::int64_t rows = 0;
  const Clock::time_point start = Clock::now();
  while (Clock::now() - start < duration) {
    const Clock::time_point began = Clock::now();
    check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), "begin");
    for (int i = 0; i < batch; ++i) {
      sqlite3_bind_int64(insert, 1, rows % 100'000);
      sqlite3_bind_int64(insert, 2, i);
      sqlite3_bind_int64(insert, 3, nowUs());
      check(sqlite3_step(insert), "insert");
      sqlite3_reset(insert);
      ++rows;
    }
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
    commitMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - began).count());
  }
  const double seconds = secondsSince(start);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  StorageRun run;
  run.rowsPerSecond = static_cast<double>(rows) / seconds;
  run.commitP99Ms = percentiles(commitMs).p99;
  return run;
}

// A consistent copy of a live event file (the server keeps running): SQLite's VACUUM INTO.
void copyEvent(const fs::path& from, const fs::path& to) {
  sqlite3* db = nullptr;
  sqlite3_stmt* vacuum = nullptr;
  int rc = sqlite3_open_v2(from.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, "VACUUM INTO ?", -1, &vacuum, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(vacuum, 1, to.c_str(), -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_step(vacuum);
  const std::string error = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  sqlite3_finalize(vacuum);
  sqlite3_close(db);
  if (rc != SQLITE_DONE) throw std::runtime_error("copying " + from.string() + ": " + error);
}

// What a CheckIn costs the server beyond a call like the health check, measured without gRPC in
// this process: the badge code check (a lookup for a code the server issued, as it did every
// code here through ListBadgeCodes; Ed25519 signing for one it sees first), and the store's rules, log and
// activity row with `inFlight` check-ins submitted at once, each durable and published to the
// live attendance hub as the server's are.
struct CheckInWork {
  double codeCheckCpuUs = 0;       // A code the server holds.
  double codeFirstCheckCpuUs = 0;  // A code it does not hold yet.
  double storeCpuUsPerCheckIn = 0;
  double storeCheckInsPerSecond = 0;
  std::int64_t storeCheckIns = 0;
  std::int64_t storeAdmitted = 0;
};

CheckInWork measureCheckInWork(const fs::path& event, const std::vector<BadgeCode>& codes, int inFlight,
                               Clock::duration duration) {
  auto store = server::storage::SqliteEventStore::open(event.string(), server::domain::systemClock());
  if (!store.ok()) throw std::runtime_error("opening " + event.string() + ": " + std::string(store.status().message()));
  auto hub = server::live::AttendanceHub::start(**store, server::domain::systemClock());
  if (!hub.ok()) throw std::runtime_error("starting the attendance hub: " + std::string(hub.status().message()));
  auto signer = server::domain::signerForEvent((*store)->event());
  if (!signer.ok()) throw std::runtime_error("the event's signer: " + std::string(signer.status().message()));
  CheckInWork work;

  const std::size_t sample = std::min<std::size_t>(codes.size(), 2'000);
  const auto checkSample = [&] {
    const double cpuBefore = threadCpuSeconds();
    for (std::size_t i = 0; i < sample; ++i) {
      auto subject = server::domain::classifyScan(codes[i].code, *signer);
      if (!subject.ok() || !std::holds_alternative<server::domain::subject::Badge>(*subject)) {
        throw std::runtime_error("a bench badge code did not check as a badge: " + codes[i].code);
      }
    }
    return microsecondsPerCall(threadCpuSeconds() - cpuBefore, static_cast<std::int64_t>(sample));
  };
  work.codeFirstCheckCpuUs = checkSample();  // Signed again, then held.
  work.codeCheckCpuUs = checkSample();

  auto device = (*store)->createDevice("bench-check-in-work", server::domain::Role::Kiosk);
  if (!device.ok()) throw std::runtime_error("creating a device: " + std::string(device.status().message()));
  std::mutex mutex;
  std::condition_variable answered;
  std::size_t submitted = 0;
  std::size_t answers = 0;
  const double cpuBefore = cpuSeconds(::getpid());
  const Clock::time_point start = Clock::now();
  while (true) {
    std::unique_lock lock(mutex);
    answered.wait(lock, [&] { return submitted - answers < static_cast<std::size_t>(inFlight); });
    if (Clock::now() - start >= duration || submitted == codes.size()) {
      answered.wait(lock, [&] { return answers == submitted; });
      break;
    }
    const BadgeCode& code = codes[submitted++];
    lock.unlock();
    server::domain::CheckInCommand command;
    command.deviceId = device->device.id;
    command.requestId = "work-" + std::to_string(code.delegateId);
    command.scanTimeUs = nowUs();
    command.direction = server::domain::Direction::In;
    command.subject = server::domain::subject::Badge{code.delegateId, 1};  // A fresh import's first badge.
    (*store)->checkInAsync(std::move(command), [&](absl::StatusOr<server::domain::CheckInResult> result) {
      std::lock_guard answeredLock(mutex);
      if (result.ok() && result->decision.outcome == server::domain::CheckInOutcome::Admitted) ++work.storeAdmitted;
      ++answers;
      answered.notify_all();
    });
  }
  const double seconds = secondsSince(start);
  const double cpu = cpuSeconds(::getpid()) - cpuBefore;
  work.storeCheckIns = static_cast<std::int64_t>(answers);
  work.storeCpuUsPerCheckIn = microsecondsPerCall(cpu, work.storeCheckIns);
  work.storeCheckInsPerSecond = static_cast<double>(answers) / seconds;
  return work;
}

// Where the server's CPU and wake-ups per check-in went, by thread: the write pipeline's writer
// (rules, log, commit), replier (answers) and checkpointer, the attendance feeder, PostgreSQL's
// check-in workers, and the rest (gRPC's threads: receiving, the handler, sending).
void addThreadShares(ScenarioResult& r, const std::map<std::string, ThreadUse>& before,
                     const std::map<std::string, ThreadUse>& after, std::int64_t checkIns) {
  static const std::vector<std::pair<std::string, std::string>> kGroups = {{"lanyard-writer", "writer"},
                                                                           {"lanyard-replier", "replier"},
                                                                           {"lanyard-ckpt", "checkpointer"},
                                                                           {"lanyard-feeder", "feeder"},
                                                                           {"lanyard-pg-ckin", "pg_workers"}};
  std::map<std::string, ThreadUse> groups;
  for (const auto& [name, use] : after) {
    const auto known = std::find_if(kGroups.begin(), kGroups.end(), [&](const auto& g) { return g.first == name; });
    ThreadUse& group = groups[known != kGroups.end() ? known->second : "grpc_and_other"];
    const auto was = before.find(name);
    const ThreadUse earlier = was != before.end() ? was->second : ThreadUse{};
    group.cpuSeconds += use.cpuSeconds - earlier.cpuSeconds;
    group.waits += use.waits - earlier.waits;
    group.preemptions += use.preemptions - earlier.preemptions;
  }
  const double calls = static_cast<double>(std::max<std::int64_t>(checkIns, 1));
  std::int64_t waits = 0;
  for (const auto& [group, use] : groups) {
    r.set("server_cpu_us_" + group, microsecondsPerCall(use.cpuSeconds, checkIns));
    r.set("server_waits_per_check_in_" + group, static_cast<double>(use.waits) / calls);
    waits += use.waits;
  }
  r.set("server_waits_per_check_in", static_cast<double>(waits) / calls);
}

}  // namespace

LoadRun Bench::checkInLoad(Channels& channels, int kiosks, Clock::duration duration, std::atomic<bool>& ranOut) {
  std::atomic<std::size_t> next{0};
  return runClosedLoop(kiosks, duration, [&](grpc::CompletionQueue& queue) -> std::unique_ptr<AsyncCall> {
    const BadgeCode* code = takeCode();
    if (code == nullptr) {
      ranOut = true;
      return nullptr;
    }
    const std::size_t kiosk = next.fetch_add(1) % static_cast<std::size_t>(kiosks);
    auto call = std::make_unique<UnaryCall<v1::CheckInResponse>>();
    call->context.AddMetadata("authorization", "Bearer " + m_kioskTokens[kiosk]);
    call->context.set_deadline(std::chrono::system_clock::now() + 30s);
    call->check = [](const v1::CheckInResponse& r) { return r.outcome() == v1::CHECK_IN_OUTCOME_ADMITTED; };
    v1::CheckInRequest request;
    request.set_request_id("bench-" + std::to_string(code->delegateId));
    request.set_scan_time_us(nowUs());
    request.set_code(code->code);
    request.set_direction(v1::DIRECTION_IN);
    auto& stub = *channels.checkIn[kiosk % channels.checkIn.size()];
    return startUnary(std::move(call), queue, [&](grpc::ClientContext* context, grpc::CompletionQueue* q) {
      return stub.PrepareAsyncCheckIn(context, request, q);
    });
  });
}

void Bench::checkInScenario(BenchServer& server, grpc::Channel&) {
  const Options& o = m_options;
  // The check-in's own work, on a copy taken before any check-in, at the target's concurrency
  // (or the most kiosks of a shorter run).
  constexpr int kTargetKiosks = 64;
  const bool targetRun = std::find(o.kiosks.begin(), o.kiosks.end(), kTargetKiosks) != o.kiosks.end();
  const int workKiosks = targetRun ? kTargetKiosks : *std::max_element(o.kiosks.begin(), o.kiosks.end());
  // Measured in this process on a copy of the event file: on PostgreSQL, not measured.
  std::optional<CheckInWork> work;
  if (!server.onPostgres()) {
    const fs::path copy = server.dir() / "check-in-work.db";
    copyEvent(server.db(), copy);
    work = measureCheckInWork(copy, m_codes, workKiosks, std::min<Clock::duration>(phase(o), 3s));
  }
  for (const int kiosks : o.kiosks) {
    Channels channels(server, std::min(kiosks, 8));
    // Warm the connections, then the check-ins and the transport limit at the same concurrency.
    (void)healthLoad(channels, kiosks, 200ms);
    std::atomic<bool> ranOut{false};
    std::map<std::string, ThreadUse> threadsBefore;
    std::map<std::string, ThreadUse> threadsAfter;
    const auto checkIns = [&](Clock::duration duration) {
      threadsBefore = threadUse(server.pid());
      LoadRun run = checkInLoad(channels, kiosks, duration, ranOut);
      threadsAfter = threadUse(server.pid());
      return run;
    };
    // One turn each: the p99 target is for kiosks in their stride, and every turn would start
    // all of them in the same instant.
    std::vector<TurnedLoad> turns =
        inTurns(server.pid(), phase(o), /*turns=*/1,
                {[&](Clock::duration d) { return healthLoad(channels, kiosks, d); }, checkIns});
    LoadRun& health = turns[0].load;
    LoadRun& run = turns[1].load;
    const StorageRun storage =
        server.onPostgres()
            ? postgresStorageLimit(server.db().string(), kiosks, phase(o))
            : storageLimit(server.dir() / ("storage-c" + std::to_string(kiosks) + ".db"), kiosks, phase(o));

    ScenarioResult r("check_in_c" + std::to_string(kiosks));
    r.set("kiosks", kiosks);
    r.set("check_ins", static_cast<double>(run.succeeded));
    r.set("failed", static_cast<double>(run.failed));
    r.set("throughput_per_s", run.throughputPerSecond());
    addLatencies(r, run.latenciesMs);
    r.set("peak_rss_mb", server.peakRssMb());
    r.set("health_throughput_per_s", health.throughputPerSecond());
    const Percentiles healthLatency = percentiles(health.latenciesMs);
    r.set("health_p99_ms", healthLatency.p99);
    r.set("storage_rows_per_s", storage.rowsPerSecond);
    r.set("storage_commit_p99_ms", storage.commitP99Ms);
    r.set("ratio_to_storage_limit", run.throughputPerSecond() / storage.rowsPerSecond);
    // CPU per call, client and server together: with both cores busy, throughput follows it.
    const double healthCpuUs = microsecondsPerCall(turns[0].cpuSeconds, health.succeeded);
    r.set("health_cpu_us_per_call", healthCpuUs);
    r.set("health_server_cpu_us_per_call", microsecondsPerCall(turns[0].serverCpuSeconds, health.succeeded));
    r.set("cpu_us_per_check_in", microsecondsPerCall(turns[1].cpuSeconds, run.succeeded));
    r.set("server_cpu_us_per_check_in", microsecondsPerCall(turns[1].serverCpuSeconds, run.succeeded));
    if (kiosks == workKiosks) addThreadShares(r, threadsBefore, threadsAfter, run.succeeded);
    if (work && kiosks == workKiosks) {
      r.set("code_check_cpu_us", work->codeCheckCpuUs);
      r.set("code_first_check_cpu_us", work->codeFirstCheckCpuUs);
      r.set("store_cpu_us_per_check_in", work->storeCpuUsPerCheckIn);
      r.set("store_check_ins_per_s", work->storeCheckInsPerSecond);
      // Even if a CheckIn's transport cost no more than a health check's, each costs its health
      // call plus the code check plus the store's work: the best ratio these cores allow.
      r.set("ratio_ceiling", healthCpuUs / (healthCpuUs + work->codeCheckCpuUs + work->storeCpuUsPerCheckIn));
    }
    r.ratioToLimit = ratio(run.throughputPerSecond(), health.throughputPerSecond());
    r.limit = "transport: grpc.health.v1.Health/Check, " + std::to_string(kiosks) +
              " in flight, same channels (ratio_to_limit); storage: " +
              (server.onPostgres()
                   ? "bare PostgreSQL inserts, fsync + synchronous_commit on, " + std::to_string(kiosks) +
                         " connections committing a row each"
                   : "bare SQLite inserts, WAL + synchronous=FULL, " + std::to_string(kiosks) + " per commit") +
              " (ratio_to_storage_limit)";
    if (kiosks == 64 && !server.onPostgres()) {
      r.target = "throughput >= 50% of the health check's at 64 kiosks, every check-in durable, p99 < 20 ms";
      r.targetMet = r.ratioToLimit.value_or(0) >= 0.5 && *r.get("p99_ms") < 20.0 && run.failed == 0;
    }
    if (kiosks == 64 && server.onPostgres()) postgresCheckInTarget(r, run.failed);
    std::string note = "entrance check-ins of distinct delegates, each ADMITTED and acknowledged after its commit";
    if (run.failed > 0) note += "; first failure: " + run.firstFailure;
    if (ranOut) note += "; ran out of delegates before the phase ended";
    if (work && kiosks == workKiosks) {
      note +=
          "; cpu_us_* are client and server together per call; ratio_ceiling = health CPU / (health CPU + "
          "code_check_cpu_us + store_cpu_us_per_check_in), the best ratio_to_limit these cores allow even if a "
          "CheckIn's transport cost no more than a health check's (code check and store measured in this process, "
          "the store on a copy of this event, durable, publishing to a live hub; code_check_cpu_us for codes the "
          "server holds, as it holds every code it issued, code_first_check_cpu_us for one seen first)";
      if (work->storeAdmitted != work->storeCheckIns) {
        note += "; only " + std::to_string(work->storeAdmitted) + " of the store's " +
                std::to_string(work->storeCheckIns) + " check-ins were ADMITTED";
      }
    }
    r.note = note;
    report(std::move(r));
  }
}

}  // namespace lanyard::bench
