// lanyard-bench: puts the real lanyard-server beside its limits. See docs/performance.md for
// what each scenario measures and how; bench.h for where each lives.

#include <absl/synchronization/mutex.h>

#include <algorithm>
#include <initializer_list>
#include <iostream>
#include <stdexcept>

#include "bench.h"
#include "lanyard/v1/device_service.grpc.pb.h"

namespace lanyard::bench {

namespace fs = std::filesystem;

int Bench::run() {
  std::cerr << "lanyard-bench: working in " << m_dir.path() << "\n";
  const auto any = [&](std::initializer_list<const char*> scenarios) {
    return std::any_of(scenarios.begin(), scenarios.end(), [&](const char* s) { return wanted(m_options, s); });
  };
  if (m_options.scale) {
    runScaleCurves();
  } else {
    if (onBackend(m_options, "sqlite") &&
        any({"import", "check_in", "search", "fanout", "stalled", "export", "backup", "kiosk"})) {
      runMainEvent();
    }
    if (onBackend(m_options, "postgresql") && any({"import", "check_in", "search", "fanout"})) runPostgresEvent();
    if (onBackend(m_options, "sqlite") && wanted(m_options, "morning_peak")) morningPeakScenario();
    if (any({"replica_sync", "replica_change", "offline_drain"})) runOfflineEvent();
  }
  std::vector<std::pair<std::string, std::string>> machine = machineDescription();
  std::cout << "lanyard-bench: " << m_options.delegates << " delegates, " << machine[0].second << " cores ("
            << machine[1].second << "), " << machine[2].second << " RAM\n\n";
  // In the order of the issue, whatever order they ran in.
  const auto rank = [](const ScenarioResult& r) {
    static const std::vector<std::string> kOrder = {
        "import",       "check_in",     "search",         "fanout",        "stalled",      "export",
        "backup",       "kiosk_first",  "kiosk_scan",     "server",        "morning_peak", "replica_seal",
        "replica_copy", "replica_sync", "replica_change", "offline_drain", "scale"};
    for (std::size_t i = 0; i < kOrder.size(); ++i) {
      if (r.name.rfind(kOrder[i], 0) == 0) return i;
    }
    return kOrder.size();
  };
  std::stable_sort(m_results.begin(), m_results.end(),
                   [&](const ScenarioResult& a, const ScenarioResult& b) { return rank(a) < rank(b); });
  printTable(std::cout, m_results);
  if (!m_options.json.empty()) writeFile(m_options.json, toJson(m_results, machine));
  return 0;
}

void Bench::runMainEvent() {
  const Options& o = m_options;
  const std::vector<GeneratedDelegate> delegates = generateDelegates(o.delegates, kSeed);
  std::cerr << "lanyard-bench: event of " << o.delegates << " delegates\n";
  BenchServer server(o, m_dir.path(), "main");
  auto admin = server.newChannel();
  importScenario(server, *admin, delegates);
  // Kiosk runs, online and offline, check in the last delegates; keep them aside.
  const std::size_t reserved = wanted(o, "kiosk") && !o.quick ? 2 * static_cast<std::size_t>(o.kioskRuns) : 0;
  std::vector<BadgeCode> kioskCodes = prepareCheckIns(server, *admin, reserved);

  if (wanted(o, "check_in")) checkInScenario(server, *admin);
  std::vector<double> searchP99s;
  if (wanted(o, "search")) searchScenario(server, *admin, delegates, &searchP99s);
  if (wanted(o, "fanout")) fanoutScenario(server, *admin);
  if (wanted(o, "stalled")) stalledScenario(server, *admin);
  if (wanted(o, "export")) exportScenario(server, *admin);
  if (wanted(o, "backup")) backupScenario(server);
  if (wanted(o, "kiosk") && !o.quick) {
    m_codes = kioskCodes;
    m_nextCode.store(0);
    kioskScenario(server, *admin);
  }
  ScenarioResult peak("server");
  peak.set("delegates", o.delegates);
  peak.set("peak_rss_mb", server.peakRssMb());
  peak.target = "peak memory under 200 MB at 100,000 delegates and 500 watchers";
  if (o.delegates >= 100'000 && o.watchers >= 500 && wanted(o, "fanout")) {
    peak.targetMet = *peak.get("peak_rss_mb") < 200;
  }
  peak.note = "VmHWM of the lanyard-server process over the whole run (every scenario above on one server)";
  server.stop();
  if (wanted(o, "search")) serverSearchLatency(server, delegates);
  report(std::move(peak));
}

std::vector<BadgeCode> Bench::prepareCheckIns(BenchServer& server, grpc::Channel& admin, std::size_t reserved) {
  const Options& o = m_options;
  m_codes = listBadgeCodes(server, admin);
  m_nextCode.store(0);
  std::vector<BadgeCode> kept;
  if (reserved < m_codes.size()) {
    kept.assign(m_codes.end() - static_cast<std::ptrdiff_t>(reserved), m_codes.end());
    m_codes.resize(m_codes.size() - reserved);
  }
  m_kioskTokens.clear();
  const int kioskTokens = *std::max_element(o.kiosks.begin(), o.kiosks.end());
  for (int i = 0; i < kioskTokens; ++i) {
    m_kioskTokens.push_back(server.createToken(admin, v1::ROLE_KIOSK, "bench-kiosk-" + std::to_string(i + 1)));
  }
  m_organiserToken = server.createToken(admin, v1::ROLE_ORGANISER, "bench-organiser");
  return kept;
}

void Bench::runOfflineEvent() {
  const Options& o = m_options;
  std::cerr << "lanyard-bench: offline kiosks' event of " << o.delegates << " delegates\n";
  BenchServer server(o, m_dir.path(), "offline");
  auto admin = server.newChannel();
  (void)importDelegates(server, *admin, delegatesCsv(generateDelegates(o.delegates, kSeed)), o.delegates);
  m_codes = listBadgeCodes(server, *admin);
  m_nextCode.store(0);
  m_kioskTokens.clear();
  for (int i = 0; i <= std::max(o.replicaKiosks, o.drainDevices); ++i) {
    m_kioskTokens.push_back(server.createToken(*admin, v1::ROLE_KIOSK, "bench-offline-kiosk-" + std::to_string(i + 1)));
  }
  m_organiserToken = server.createToken(*admin, v1::ROLE_ORGANISER, "bench-offline-organiser");
  // The first replica request starts the sealer; the replica scenarios measure a sealed event.
  if (wanted(o, "replica_sync") || wanted(o, "replica_change")) {
    const std::string caughtUp = replicaSealing(server, *admin);
    if (wanted(o, "replica_sync")) replicaSyncScenario(server);
    if (wanted(o, "replica_change")) replicaChangeScenario(server, caughtUp);
  }
  if (wanted(o, "offline_drain")) offlineDrainScenario(server);
}

void Bench::importScenario(BenchServer& server, grpc::Channel& admin, const std::vector<GeneratedDelegate>& delegates) {
  // A file may be at most 64 MiB (about 400,000 delegates): a larger event comes in files of at
  // most kImportPartDelegates, one after another, as an operator would split it.
  constexpr std::size_t kImportPartDelegates = 250'000;
  double seconds = 0;
  int parts = 0;
  for (std::size_t first = 0; first < delegates.size(); first += kImportPartDelegates) {
    const auto end =
        delegates.begin() + static_cast<std::ptrdiff_t>(std::min(first + kImportPartDelegates, delegates.size()));
    const std::vector<GeneratedDelegate> part(delegates.begin() + static_cast<std::ptrdiff_t>(first), end);
    seconds += importDelegates(server, admin, delegatesCsv(part), static_cast<int>(part.size()));
    ++parts;
  }
  if (!wanted(m_options, "import")) return;
  const std::string csv = delegatesCsv(delegates);
  ScenarioResult r("import");
  r.set("delegates", static_cast<double>(delegates.size()));
  r.set("files", parts);
  r.set("seconds", seconds);
  r.set("throughput_per_s", static_cast<double>(delegates.size()) / seconds);
  r.set("peak_rss_mb", server.peakRssMb());
  // The limit: sqlite3's .import of the same file into a fresh database with the same durability.
  const fs::path csvFile = server.dir() / "delegates.csv";
  writeFile(csvFile, csv);
  const fs::path limitDb = server.dir() / "sqlite3-import.db";
  const Clock::time_point start = Clock::now();
  const e2e::CommandResult limit = e2e::runCommand(
      {{m_options.sqlite3Binary, "-cmd", "PRAGMA journal_mode = WAL", "-cmd", "PRAGMA synchronous = FULL",
        limitDb.string(), ".import --csv " + csvFile.string() + " delegate"},
       {},
       {}},
      kSetupTimeout);
  const double limitSeconds = secondsSince(start);
  if (!limit.status.exitedWith(0)) throw std::runtime_error("sqlite3 .import: " + limit.err);
  r.set("limit_seconds", limitSeconds);
  r.ratioToLimit = ratio(seconds, limitSeconds);
  r.limit = "sqlite3 shell .import --csv of the same file (WAL, synchronous=FULL); ratio = our seconds / its seconds";
  r.target = "100,000 delegates under 5 s";
  if (delegates.size() >= 100'000) r.targetMet = seconds < 5.0;
  r.note =
      "ImportDelegates RPC (the path of `lanyard import delegates`): parse, validate, search keys, badge "
      "signing, one transaction per file; over 250,000 delegates, files of 250,000 one after another (an import "
      "takes at most 64 MiB), their seconds summed";
  report(std::move(r));
}

}  // namespace lanyard::bench

int main(int argc, char** argv) {
  // As in the server: Debian's Abseil keeps a deadlock-detection graph for every absl::Mutex, which
  // cost this client about 5 % of its CPU in the search phase, on the cores it shares with the server.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  try {
    lanyard::bench::Bench bench(lanyard::bench::parseOptions(argc, argv));
    return bench.run();
  } catch (const std::invalid_argument& e) {
    std::cerr << "lanyard-bench: " << e.what() << "\n" << lanyard::bench::kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "lanyard-bench: " << e.what() << "\n";
    return 1;
  }
}
