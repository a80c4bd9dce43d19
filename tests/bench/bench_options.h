#pragma once

// lanyard-bench's command line: which scenarios to run, how big and for how long.

#include <string>
#include <vector>

#include "async_load.h"

namespace lanyard::bench {

// What to run; parseOptions() reads it from the command line.
struct Options {
  int delegates = 100'000;
  std::vector<int> kiosks = {1, 8, 64, 256};
  int searchConcurrency = 8;
  std::vector<int> searchSizes = {1'000, 10'000};  // Plus `delegates`.
  int watchers = 500;
  int stalledWatchers = 2'000;
  int stalledWindow = 1024;  // Bytes; 0: gRPC's default window, which keeps taking in unread messages.
  int fanoutRate = 1'000;
  double duration = 5;  // Seconds per measured phase.
  int kioskRuns = 10;
  int replicaKiosks = 200;             // Kiosks taking a first copy at once, then long-polling for changes.
  int replicaChanges = 100;            // Changes each long-polling kiosk must receive.
  int drainDevices = 20;               // Kiosks reconnecting at once, and kiosks checking in online.
  int drainScans = 1'000;              // Queued scans each reconnecting kiosk uploads.
  int peakExports = 2;                 // Exports running the whole morning peak, one after another.
  std::vector<std::string> scenarios;  // Empty: all.
  // Where the main event's check-in, search and fan-out run: "sqlite" (the event file), and with
  // "postgresql" again on a PostgreSQL 15 cluster the bench starts, one server and then two.
  std::vector<std::string> backends = {"sqlite"};
  // --scale: the scale curves alone, a fresh event at each of these sizes (scale_scenario.cpp).
  bool scale = false;
  std::vector<int> scaleSizes = {100'000, 300'000, 1'000'000};
  std::string plot;  // Where --scale draws its curves (SVG); none when empty.
  std::string json;
  std::string serverBinary = LANYARD_SERVER_BINARY;
  std::string kioskBinary = LANYARD_KIOSK_BINARY;
  std::string sqlite3Binary = LANYARD_SQLITE3_EXECUTABLE;
  bool quick = false;
  bool keep = false;
};

inline constexpr char kUsage[] =
    "usage: lanyard-bench [--n N] [--kiosks 1,8,64,256] [--search-concurrency C] [--search-sizes 1000,10000]\n"
    "                     [--watchers W] [--stalled W] [--stalled-window BYTES] [--rate CHECKINS_PER_S]\n"
    "                     [--duration SECONDS] [--kiosk-runs R] [--replica-kiosks K] [--replica-changes C]\n"
    "                     [--drain-devices D] [--drain-scans S] [--peak-exports E]\n"
    "                     [--scale [--scale-sizes 100000,300000,1000000] [--plot FILE.svg]]\n"
    "                     [--scenario NAME[,NAME...]] [--backend sqlite|postgresql[,...]] [--json FILE]\n"
    "                     [--server-binary PATH] [--kiosk-binary PATH] [--sqlite3 PATH] [--quick] [--keep]\n";

// The --scenario names: one group of the main event's scenarios each, the morning peak's event,
// then the offline event's (replica_sync, replica_change, offline_drain).
inline constexpr const char* kScenarioNames[] = {"import",       "check_in",     "search",         "fanout",
                                                 "stalled",      "export",       "backup",         "kiosk",
                                                 "morning_peak", "replica_sync", "replica_change", "offline_drain"};

// The options `argv` asks for. --quick (a smoke run: every scenario but the kiosk's, a few seconds
// in all) sets small sizes that later options override; --help prints kUsage and exits. Throws
// std::invalid_argument naming an unknown argument, a missing value or one out of range.
Options parseOptions(int argc, char** argv);

// Whether `scenario` runs: all run unless --scenario names some.
bool wanted(const Options& o, const std::string& scenario);

// Whether --backend names `backend` ("sqlite" or "postgresql").
bool onBackend(const Options& o, const std::string& backend);

// How long each measured phase lasts (--duration).
Clock::duration phase(const Options& o);

}  // namespace lanyard::bench
