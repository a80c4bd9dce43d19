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
  std::string scenario;  // Empty: all.
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
    "                     [--duration SECONDS] [--kiosk-runs R]\n"
    "                     [--scenario import|check_in|search|fanout|stalled|export|kiosk] [--json FILE]\n"
    "                     [--server-binary PATH] [--kiosk-binary PATH] [--sqlite3 PATH] [--quick] [--keep]\n";

// The options `argv` asks for. --quick (a smoke run: every scenario but the kiosk's, a few seconds
// in all) sets small sizes that later options override; --help prints kUsage and exits. Throws
// std::invalid_argument naming an unknown argument, a missing value or one out of range.
Options parseOptions(int argc, char** argv);

// Whether `scenario` runs: all run unless --scenario names one.
bool wanted(const Options& o, const std::string& scenario);

// How long each measured phase lasts (--duration).
Clock::duration phase(const Options& o);

}  // namespace lanyard::bench
