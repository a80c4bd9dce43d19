#pragma once

// lanyard-bench: puts the real lanyard-server beside its limits. Bench runs the scenarios, one
// group per file (lanyard_bench.cpp: the run, the two events and the import; check_in_scenario.cpp,
// search_scenario.cpp, watch_scenarios.cpp (fan-out and stalled watchers), export_scenario.cpp,
// kiosk_scenario.cpp; morning_peak_scenario.cpp on an event of its own; on the offline kiosks' event,
// replica_scenarios.cpp (sealing, first copies, changes) and offline_drain_scenario.cpp). What each measures and how:
// docs/performance.md.

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstddef>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "async_load.h"
#include "bench_data.h"
#include "bench_options.h"
#include "bench_report.h"
#include "bench_server.h"
#include "support/temp_dir.h"

namespace lanyard::bench {

// The benchmark: its options, working directory, the delegates' badge codes and kiosk tokens the
// scenarios share, and their results.
class Bench {
 public:
  // Works in a new temporary directory, removed at the end unless --keep.
  explicit Bench(Options options) : m_options(std::move(options)) {
    if (m_options.keep) m_dir.keep();
  }

  // Runs the scenarios asked for and prints (and with --json writes) their figures; 0 when done.
  // Throws std::runtime_error when a step the figures depend on fails.
  int run();

 private:
  // One event of --n delegates serves every scenario but the smaller searches (lanyard_bench.cpp).
  void runMainEvent();
  // After the import: every delegate's badge code (but the last `reserved`, returned), a token for
  // each of the most --kiosks and an organiser token.
  std::vector<BadgeCode> prepareCheckIns(BenchServer& server, grpc::Channel& admin, std::size_t reserved);
  // --backend postgresql: the main event again on a PostgreSQL cluster the bench starts, for the
  // import, check-in, search and fan-out scenarios, then check-ins at two servers on the database;
  // each result's name ends in _postgresql (postgres_scenarios.cpp).
  void runPostgresEvent();
  void twoServersScenario(BenchServer& first);
  // The PostgreSQL check-in target at 64 kiosks, against SQLite's figure of the same run.
  void postgresCheckInTarget(ScenarioResult& r, std::int64_t failed) const;
  void importScenario(BenchServer& server, grpc::Channel& admin, const std::vector<GeneratedDelegate>& delegates);
  // One scenario group each, in <group>_scenario.cpp.
  void checkInScenario(BenchServer& server, grpc::Channel& admin);
  void searchScenario(BenchServer& server, grpc::Channel& admin, const std::vector<GeneratedDelegate>& delegates,
                      std::vector<double>* searchP99s);
  void fanoutScenario(BenchServer& server, grpc::Channel& admin);
  void stalledScenario(BenchServer& server, grpc::Channel& admin);
  void exportScenario(BenchServer& server, grpc::Channel& admin);
  void backupScenario(BenchServer& server);
  void kioskScenario(BenchServer& server, grpc::Channel& admin);
  void kioskOfflineScenario(BenchServer& server,
                            const std::function<e2e::ProcessOptions(std::vector<std::string>)>& kioskArgs);
  void serverSearchLatency(BenchServer& server, const std::vector<GeneratedDelegate>& delegates);
  // --scale: the main event's import, check-in at 64 kiosks, search, export, sealing and one
  // kiosk's first copy at each size, their growth, and a plot (scale_scenario.cpp).
  void runScaleCurves();
  // An event of --n delegates at its busiest minute: entrance kiosks, session doors, searching
  // kiosks, dashboards and exports at once (morning_peak_scenario.cpp).
  void morningPeakScenario();
  // The offline kiosks' event: a server of its own with --n delegates, for the replica scenarios
  // and the offline drain, after the main event's server has stopped (lanyard_bench.cpp).
  void runOfflineEvent();
  // Waits until the badge sealer has prepared every delegate, and reports how long it took
  // (replica_seal); returns the cursor of a replica caught up with every delegate sealed.
  std::string replicaSealing(BenchServer& server, grpc::Channel& admin);
  // One scenario each, in replica_scenarios.cpp and offline_drain_scenario.cpp; m_kioskTokens
  // holds one more token than --replica-kiosks and --drain-devices.
  void replicaSyncScenario(BenchServer& server);
  // One kiosk's first copy beside one export (replica_copy), for the scale curves.
  void replicaFirstCopyScenario(BenchServer& server);
  void replicaChangeScenario(BenchServer& server, const std::string& caughtUpCursor);
  void offlineDrainScenario(BenchServer& server);
  // Kiosks checking in distinct delegates as fast as the server answers: `kiosks` calls in flight
  // over `channels`, kiosk i with the i-th kiosk token; each must be ADMITTED. Sets `ranOut` when
  // the delegates run out before `duration` does.
  LoadRun checkInLoad(Channels& channels, int kiosks, Clock::duration duration, std::atomic<bool>& ranOut);

  // A delegate nobody has checked in yet, or nullptr when they ran out. Thread-safe.
  const BadgeCode* takeCode() {
    const std::size_t i = m_nextCode.fetch_add(1);
    return i < m_codes.size() ? &m_codes[i] : nullptr;
  }

  void report(ScenarioResult result) {
    result.name += m_resultSuffix;
    std::cerr << "  " << result.name << " done\n";
    m_results.push_back(std::move(result));
  }

  Options m_options;
  lanyard::testing::TempDir m_dir{"bench"};
  std::vector<ScenarioResult> m_results;
  std::vector<BadgeCode> m_codes;
  std::atomic<std::size_t> m_nextCode{0};
  std::vector<std::string> m_kioskTokens;
  std::string m_organiserToken;
  std::optional<ScenarioResult> m_mainSearch;  // Finished once the main server has stopped.
  std::string m_resultSuffix;                  // Of the results of the backend running now.
};

}  // namespace lanyard::bench
