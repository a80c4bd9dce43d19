#include "bench_options.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace lanyard::bench {

namespace {

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

std::vector<int> parseList(const std::string& text) {
  std::vector<int> values;
  for (const std::string& item : splitList(text)) values.push_back(std::stoi(item));
  return values;
}

}  // namespace

Options parseOptions(int argc, char** argv) {
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  bool quick = std::find(args.begin(), args.end(), "--quick") != args.end();
  if (quick) {
    // A smoke run: every scenario but the kiosk's, a few seconds in all.
    o.quick = true;
    o.delegates = 2'000;
    o.kiosks = {1, 8};
    o.searchSizes = {};
    o.watchers = 10;
    o.stalledWatchers = 40;
    o.fanoutRate = 200;
    o.duration = 0.3;
    o.kioskRuns = 1;
    o.replicaKiosks = 20;
    o.replicaChanges = 5;
    o.drainScans = 10;
    o.scaleSizes = {1'000, 3'000};
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw std::invalid_argument(arg + " needs a value");
      return args[++i];
    };
    if (arg == "--quick") continue;
    if (arg == "--n") {
      o.delegates = std::stoi(value());
    } else if (arg == "--kiosks") {
      o.kiosks = parseList(value());
    } else if (arg == "--search-concurrency") {
      o.searchConcurrency = std::stoi(value());
    } else if (arg == "--search-sizes") {
      o.searchSizes = parseList(value());
    } else if (arg == "--watchers") {
      o.watchers = std::stoi(value());
    } else if (arg == "--stalled") {
      o.stalledWatchers = std::stoi(value());
    } else if (arg == "--stalled-window") {
      o.stalledWindow = std::stoi(value());
    } else if (arg == "--rate") {
      o.fanoutRate = std::stoi(value());
    } else if (arg == "--duration") {
      o.duration = std::stod(value());
    } else if (arg == "--kiosk-runs") {
      o.kioskRuns = std::stoi(value());
    } else if (arg == "--replica-kiosks") {
      o.replicaKiosks = std::stoi(value());
    } else if (arg == "--replica-changes") {
      o.replicaChanges = std::stoi(value());
    } else if (arg == "--drain-devices") {
      o.drainDevices = std::stoi(value());
    } else if (arg == "--drain-scans") {
      o.drainScans = std::stoi(value());
    } else if (arg == "--peak-exports") {
      o.peakExports = std::stoi(value());
    } else if (arg == "--scale") {
      o.scale = true;
    } else if (arg == "--scale-sizes") {
      o.scaleSizes = parseList(value());
    } else if (arg == "--plot") {
      o.plot = value();
    } else if (arg == "--scenario") {
      o.scenarios = splitList(value());
    } else if (arg == "--backend") {
      o.backends = splitList(value());
    } else if (arg == "--json") {
      o.json = value();
    } else if (arg == "--server-binary") {
      o.serverBinary = value();
    } else if (arg == "--kiosk-binary") {
      o.kioskBinary = value();
    } else if (arg == "--sqlite3") {
      o.sqlite3Binary = value();
    } else if (arg == "--keep") {
      o.keep = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else {
      throw std::invalid_argument("unknown argument " + arg);
    }
  }
  for (const std::string& scenario : o.scenarios) {
    if (std::find(std::begin(kScenarioNames), std::end(kScenarioNames), scenario) == std::end(kScenarioNames)) {
      throw std::invalid_argument("unknown scenario " + scenario);
    }
  }
  for (const std::string& backend : o.backends) {
    if (backend != "sqlite" && backend != "postgresql") {
      throw std::invalid_argument("unknown backend " + backend + " (sqlite or postgresql)");
    }
  }
  if (o.scale) {
    if (o.scaleSizes.size() < 2 || !std::is_sorted(o.scaleSizes.begin(), o.scaleSizes.end()) ||
        o.scaleSizes.front() < 10) {
      throw std::invalid_argument("--scale-sizes needs two sizes or more, rising, each at least 10");
    }
    // Each size's check-in at the target's concurrency, and its search alone.
    o.kiosks = {64};
    o.searchSizes = {};
    o.scenarios = {};
  }
  if (o.backends.empty()) throw std::invalid_argument("--backend needs sqlite, postgresql or both");
  if (o.delegates < 10) throw std::invalid_argument("--n must be at least 10");
  if (o.kiosks.empty() || o.duration <= 0 || o.watchers < 0 || o.stalledWatchers < 0 || o.stalledWindow < 0 ||
      o.fanoutRate <= 0 || o.searchConcurrency <= 0 || o.replicaKiosks <= 0 || o.replicaChanges <= 0 ||
      o.drainDevices <= 0 || o.drainScans <= 0 || o.peakExports < 0) {
    throw std::invalid_argument(
        "--kiosks, --duration, --rate, --search-concurrency, --replica-kiosks, --replica-changes, --drain-devices "
        "and --drain-scans must be positive, --watchers, --stalled, --stalled-window and --peak-exports not negative");
  }
  return o;
}

bool wanted(const Options& o, const std::string& scenario) {
  return o.scenarios.empty() || std::find(o.scenarios.begin(), o.scenarios.end(), scenario) != o.scenarios.end();
}

bool onBackend(const Options& o, const std::string& backend) {
  return std::find(o.backends.begin(), o.backends.end(), backend) != o.backends.end();
}

Clock::duration phase(const Options& o) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.duration));
}

}  // namespace lanyard::bench
