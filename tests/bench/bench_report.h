#pragma once

// Figures of a benchmark run: latency percentiles, one result per scenario, and the two ways they
// are shown (an aligned table for people, JSON for tools).

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace lanyard::bench {

// Percentiles of a set of latencies in milliseconds, by nearest rank. Sorts `samples`.
struct Percentiles {
  double p50 = 0;
  double p95 = 0;
  double p99 = 0;
  double max = 0;
  std::size_t count = 0;
};
Percentiles percentiles(std::vector<double>& samples);

// One scenario's figures. `figures` keeps insertion order; the table shows the common ones and the
// JSON holds them all.
struct ScenarioResult {
  explicit ScenarioResult(std::string scenario = "") : name(std::move(scenario)) {}

  std::string name;  // e.g. "check_in_c64"; the JSON key.
  std::vector<std::pair<std::string, double>> figures;
  std::optional<double> ratioToLimit;  // Headline figure over the same figure of its limit.
  std::string limit;                   // What the limit is, e.g. "grpc.health.v1 Check, 64 in flight".
  std::string target;                  // The target, in words; empty when the scenario has none.
  std::optional<bool> targetMet;
  std::string note;  // Anything a reader needs to interpret the figures.

  void set(const std::string& key, double value);
  std::optional<double> get(const std::string& key) const;
};

// Prints the results as an aligned table, then each result's limit, target and note.
void printTable(std::ostream& out, const std::vector<ScenarioResult>& results);

// The results as one JSON object keyed by scenario name. Numbers are finite (NaN becomes null).
std::string toJson(const std::vector<ScenarioResult>& results,
                   const std::vector<std::pair<std::string, std::string>>& machine);

}  // namespace lanyard::bench
