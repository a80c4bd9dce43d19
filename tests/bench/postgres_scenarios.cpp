// lanyard-bench on PostgreSQL (--backend postgresql): the main event's import, check-in, search
// and fan-out on a PostgreSQL 15 cluster the bench starts (durable: fsync and synchronous_commit
// on), the bare-insert storage limit on the same cluster, and check-ins at two servers on one
// database beside one server's.

#include <algorithm>
#include <atomic>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/transaction>
#include <stdexcept>
#include <thread>

#include "bench.h"
#include "support/postgres_cluster.h"

namespace lanyard::bench {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr char kStorageSchemaSql[] =
    "CREATE TABLE IF NOT EXISTS bench_check_in (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
    "delegate_id BIGINT NOT NULL, device_id BIGINT NOT NULL, time_us BIGINT NOT NULL, outcome INTEGER NOT NULL)";
constexpr char kStorageInsertSql[] =
    "INSERT INTO bench_check_in (delegate_id, device_id, time_us, outcome) VALUES ($1, $2, $3, 1)";

// Where the check-in target at 64 kiosks stands against SQLite's.
constexpr double kShareOfSqlite = 0.7;
constexpr double kP99Ms = 25;
constexpr double kTwoServersGain = 1.5;

}  // namespace

StorageRun postgresStorageLimit(const std::string& uri, int connections, Clock::duration duration) {
  {
    pqxx::connection schema(uri);
    pqxx::nontransaction(schema).exec(kStorageSchemaSql);
  }
  std::vector<std::vector<double>> commitMs(static_cast<std::size_t>(connections));
  std::atomic<std::int64_t> rows{0};
  std::atomic<bool> failed{false};
  std::string failure;
  std::mutex failureMutex;
  std::vector<std::thread> threads;
  const Clock::time_point start = Clock::now();
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      try {
        pqxx::connection connection(uri);
        while (Clock::now() - start < duration && !failed) {
          const Clock::time_point began = Clock::now();
          pqxx::work insert(connection);
          insert.exec_params(kStorageInsertSql, rows.load() % 100'000, c, nowUs());
          insert.commit();
          commitMs[static_cast<std::size_t>(c)].push_back(
              std::chrono::duration<double, std::milli>(Clock::now() - began).count());
          rows.fetch_add(1);
        }
      } catch (const std::exception& error) {
        std::lock_guard lock(failureMutex);
        failure = error.what();
        failed = true;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  if (failed) throw std::runtime_error("the PostgreSQL storage limit: " + failure);
  const double seconds = secondsSince(start);
  std::vector<double> all;
  for (const std::vector<double>& some : commitMs) all.insert(all.end(), some.begin(), some.end());
  StorageRun run;
  run.rowsPerSecond = static_cast<double>(rows.load()) / seconds;
  run.commitP99Ms = percentiles(all).p99;
  return run;
}

void Bench::runPostgresEvent() {
  const Options& o = m_options;
  std::cerr << "lanyard-bench: event of " << o.delegates << " delegates on PostgreSQL\n";
  lanyard::testing::PostgresCluster cluster(lanyard::testing::PostgresCluster::Durability::Durable);
  const std::string database = cluster.createDatabase();
  m_resultSuffix = "_postgresql";
  const std::vector<GeneratedDelegate> delegates = generateDelegates(o.delegates, kSeed);
  {
    BenchServer server(o, m_dir.path(), "postgresql", database);
    auto admin = server.newChannel();
    importScenario(server, *admin, delegates);
    (void)prepareCheckIns(server, *admin, 0);
    if (wanted(o, "check_in")) {
      checkInScenario(server, *admin);
      twoServersScenario(server);
    }
    if (wanted(o, "search")) {
      // The event's own size only; the server-side latency is measured on SQLite's file.
      Options mainOnly = o;
      mainOnly.searchSizes.clear();
      std::swap(m_options, mainOnly);
      searchScenario(server, *admin, delegates, nullptr);
      std::swap(m_options, mainOnly);
      m_mainSearch->note += "; on PostgreSQL: server_p*_ms not measured (the search index is the same in memory)";
      report(std::move(*m_mainSearch));
      m_mainSearch.reset();
    }
    if (wanted(o, "fanout")) fanoutScenario(server, *admin);
    server.stop();
  }
  m_resultSuffix.clear();
}

void Bench::twoServersScenario(BenchServer& first) {
  const Options& o = m_options;
  // As many kiosks as the run's largest check-in phase (64 by default): one token each.
  const int kiosks = static_cast<int>(m_kioskTokens.size());
  BenchServer second(o, m_dir.path(), "postgresql-2", first.db().string(), /*create=*/false);
  std::atomic<bool> ranOut{false};
  // Kiosk i at server i % 2, over four connections to each.
  Channels one(first, 8);
  Channels both(first, 4);
  Channels other(second, 4);
  for (std::size_t i = 0; i < other.checkIn.size(); ++i) {
    both.checkIn.insert(both.checkIn.begin() + static_cast<std::ptrdiff_t>(2 * i + 1), std::move(other.checkIn[i]));
  }
  (void)healthLoad(one, kiosks, 200ms);
  (void)healthLoad(other, kiosks, 200ms);
  const double firstCpuBefore = cpuSeconds(first.pid());
  const double secondCpuBefore = cpuSeconds(second.pid());
  std::vector<TurnedLoad> turns = inTurns(first.pid(), phase(o), /*turns=*/3,
                                          {[&](Clock::duration d) { return checkInLoad(one, kiosks, d, ranOut); },
                                           [&](Clock::duration d) { return checkInLoad(both, kiosks, d, ranOut); }});
  const LoadRun& single = turns[0].load;
  const LoadRun& pair = turns[1].load;
  ScenarioResult r("check_in_two_servers");
  r.set("kiosks", kiosks);
  r.set("one_server_throughput_per_s", single.throughputPerSecond());
  r.set("throughput_per_s", pair.throughputPerSecond());
  r.set("failed", static_cast<double>(single.failed + pair.failed));
  std::vector<double> latencies = pair.latenciesMs;
  addLatencies(r, latencies);
  r.set("first_server_cpu_s", cpuSeconds(first.pid()) - firstCpuBefore);
  r.set("second_server_cpu_s", cpuSeconds(second.pid()) - secondCpuBefore);
  r.ratioToLimit = ratio(pair.throughputPerSecond(), single.throughputPerSecond());
  r.limit = "one server on the same database, the same kiosks, in turns with the two (ratio_to_limit)";
  r.target = "two servers >= 1.5 x one server's check-in throughput when the cores allow it";
  if (std::thread::hardware_concurrency() > 2) {
    r.targetMet = r.ratioToLimit.value_or(0) >= kTwoServersGain && pair.failed == 0;
  }
  r.note =
      "kiosks alternating between two lanyard-server processes on one PostgreSQL database; every check-in "
      "ADMITTED and acknowledged after its commit. Every commit that logs activities takes the event's "
      "activity lock, so they commit one at a time whatever the servers; with 2 cores, the two "
      "servers, PostgreSQL and the load generator share them (target not judged there)";
  if (pair.failed > 0) r.note += "; first failure: " + pair.firstFailure;
  if (ranOut) r.note += "; ran out of delegates before the phase ended";
  report(std::move(r));
  second.stop();
}

void Bench::postgresCheckInTarget(ScenarioResult& r, std::int64_t failed) const {
  r.target = "PostgreSQL check-in throughput >= 0.7 of SQLite's at 64 kiosks (same run), p99 < 25 ms";
  const auto sqlite = std::find_if(m_results.begin(), m_results.end(),
                                   [](const ScenarioResult& other) { return other.name == "check_in_c64"; });
  if (sqlite == m_results.end()) return;  // Judged only beside SQLite's (--backend sqlite,postgresql).
  const double share = r.get("throughput_per_s").value_or(0) / sqlite->get("throughput_per_s").value_or(1);
  r.set("share_of_sqlite", share);
  r.targetMet = share >= kShareOfSqlite && r.get("p99_ms").value_or(kP99Ms) < kP99Ms && failed == 0;
}

}  // namespace lanyard::bench
