#include "bench_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <sstream>

namespace lanyard::bench {

namespace {

double nearestRank(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

std::string jsonString(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string jsonNumber(double value) {
  if (!std::isfinite(value)) return "null";
  std::ostringstream out;
  out << std::setprecision(6) << value;
  return out.str();
}

std::string cell(std::optional<double> value, int precision) {
  if (!value) return "-";
  std::ostringstream out;
  out << std::fixed << std::setprecision(precision) << *value;
  return out.str();
}

}  // namespace

Percentiles percentiles(std::vector<double>& samples) {
  Percentiles p;
  p.count = samples.size();
  if (samples.empty()) return p;
  std::sort(samples.begin(), samples.end());
  p.p50 = nearestRank(samples, 0.50);
  p.p95 = nearestRank(samples, 0.95);
  p.p99 = nearestRank(samples, 0.99);
  p.max = samples.back();
  return p;
}

void ScenarioResult::set(const std::string& key, double value) {
  for (auto& [figure, existing] : figures) {
    if (figure == key) {
      existing = value;
      return;
    }
  }
  figures.emplace_back(key, value);
}

std::optional<double> ScenarioResult::get(const std::string& key) const {
  for (const auto& [figure, value] : figures) {
    if (figure == key) return value;
  }
  return std::nullopt;
}

void printTable(std::ostream& out, const std::vector<ScenarioResult>& results) {
  const std::vector<std::string> header = {"scenario", "throughput/s", "p50 ms",         "p95 ms",
                                           "p99 ms",   "peak RSS MB",  "ratio to limit", "target"};
  std::vector<std::vector<std::string>> rows;
  for (const ScenarioResult& r : results) {
    std::string target = "-";
    if (r.targetMet) target = *r.targetMet ? "met" : "MISSED";
    rows.push_back({r.name, cell(r.get("throughput_per_s"), 0), cell(r.get("p50_ms"), 2), cell(r.get("p95_ms"), 2),
                    cell(r.get("p99_ms"), 2), cell(r.get("peak_rss_mb"), 1), cell(r.ratioToLimit, 2), target});
  }
  std::vector<std::size_t> widths(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    widths[i] = header[i].size();
    for (const auto& row : rows) widths[i] = std::max(widths[i], row[i].size());
  }
  const auto printRow = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i == 0) {
        out << std::left << std::setw(static_cast<int>(widths[i])) << row[i];
      } else {
        out << "  " << std::right << std::setw(static_cast<int>(widths[i])) << row[i];
      }
    }
    out << "\n";
  };
  printRow(header);
  std::size_t total = 0;
  for (const std::size_t w : widths) total += w + 2;
  out << std::string(total - 2, '-') << "\n";
  for (const auto& row : rows) printRow(row);
  out << "\n";
  for (const ScenarioResult& r : results) {
    out << r.name << ":";
    for (const auto& [key, value] : r.figures) out << " " << key << "=" << jsonNumber(value);
    out << "\n";
    if (!r.limit.empty()) out << "  limit: " << r.limit << "\n";
    if (!r.target.empty()) {
      out << "  target: " << r.target << (r.targetMet ? (*r.targetMet ? " (met)" : " (MISSED)") : "") << "\n";
    }
    if (!r.note.empty()) out << "  note: " << r.note << "\n";
  }
}

std::string toJson(const std::vector<ScenarioResult>& results,
                   const std::vector<std::pair<std::string, std::string>>& machine) {
  std::ostringstream out;
  out << "{\n";
  for (const ScenarioResult& r : results) {
    out << "  " << jsonString(r.name) << ": {";
    bool first = true;
    const auto comma = [&] {
      if (!first) out << ", ";
      first = false;
    };
    for (const auto& [key, value] : r.figures) {
      comma();
      out << jsonString(key) << ": " << jsonNumber(value);
    }
    comma();
    out << "\"ratio_to_limit\": " << (r.ratioToLimit ? jsonNumber(*r.ratioToLimit) : "null");
    if (!r.limit.empty()) {
      comma();
      out << "\"limit\": " << jsonString(r.limit);
    }
    if (!r.target.empty()) {
      comma();
      out << "\"target\": " << jsonString(r.target);
    }
    if (r.targetMet) {
      comma();
      out << "\"target_met\": " << (*r.targetMet ? "true" : "false");
    }
    if (!r.note.empty()) {
      comma();
      out << "\"note\": " << jsonString(r.note);
    }
    out << "},\n";
  }
  out << "  \"machine\": {";
  for (std::size_t i = 0; i < machine.size(); ++i) {
    out << (i ? ", " : "") << jsonString(machine[i].first) << ": " << jsonString(machine[i].second);
  }
  out << "}\n}\n";
  return out.str();
}

}  // namespace lanyard::bench
