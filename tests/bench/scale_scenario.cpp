// lanyard-bench --scale: the main event's scenarios again at each --scale-sizes size, each on a
// fresh event, then how every figure grows with the event, as a table and a plot.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "bench.h"

namespace lanyard::bench {

namespace {

// One figure across the sizes: the result it comes from and its key there.
struct Curve {
  std::string label;
  std::string result;  // Without the size's suffix.
  std::string key;     // "ratio_to_limit" reads ScenarioResult::ratioToLimit.
  bool judgedLinear;   // Whether growth worse than linear misses the target.
};

const std::vector<Curve>& curves() {
  static const std::vector<Curve> kCurves = {
      {"import seconds", "import", "seconds", true},
      {"search p99 (client)", "search", "p99_ms", true},
      {"search p99 (in the server)", "search", "server_p99_ms", true},
      {"check-in CPU per call", "check_in_c64", "server_cpu_us_per_check_in", true},
      {"export seconds", "export", "seconds", true},
      {"sealing seconds", "replica_seal", "seconds", true},
      {"first copy seconds", "replica_copy", "seconds", true},
      {"server peak memory", "server", "peak_rss_mb", true},
      {"check-in ratio to health", "check_in_c64", "ratio_to_limit", false},
      {"search ratio to health", "search", "ratio_to_limit", false},
      {"export ratio to sqlite3", "export", "ratio_to_limit", false},
  };
  return kCurves;
}

std::string suffix(int size) { return "_scale_n" + std::to_string(size); }

// The name of `result`'s row at `size`: the search's rows are named for their size too.
std::string rowName(const std::string& result, int size) {
  return (result == "search" ? "search_n" + std::to_string(size) : result) + suffix(size);
}

std::optional<double> figure(const std::vector<ScenarioResult>& results, const std::string& name,
                             const std::string& key) {
  for (const ScenarioResult& r : results) {
    if (r.name != name) continue;
    return key == "ratio_to_limit" ? r.ratioToLimit : r.get(key);
  }
  return std::nullopt;
}

std::string fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// Three significant digits.
std::string brief(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

// The curves as an SVG line chart, log-log: each figure over its value at the smallest size, with
// a dashed line for linear growth and one for none.
std::string plotSvg(const std::vector<int>& sizes,
                    const std::vector<std::pair<std::string, std::vector<double>>>& lines, const std::string& title) {
  constexpr double kWidth = 860;
  constexpr double kHeight = 460;
  constexpr double kLeft = 70;
  constexpr double kRight = 600;
  constexpr double kTop = 40;
  constexpr double kBottom = 400;
  static const char* const kColours[] = {"#1f77b4", "#d62728", "#ff7f0e", "#2ca02c", "#9467bd",
                                         "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};
  const double x0 = std::log10(sizes.front());
  const double x1 = std::log10(sizes.back());
  double yMin = 1;
  double yMax = static_cast<double>(sizes.back()) / sizes.front();
  for (const auto& [label, values] : lines) {
    for (const double v : values) {
      if (v > 0) {
        yMin = std::min(yMin, v);
        yMax = std::max(yMax, v);
      }
    }
  }
  const double l0 = std::floor(std::log10(yMin) * 2) / 2;
  const double l1 = std::ceil(std::log10(yMax) * 2) / 2;
  const auto x = [&](double size) { return kLeft + (std::log10(size) - x0) / (x1 - x0) * (kRight - kLeft); };
  const auto y = [&](double value) { return kBottom - (std::log10(value) - l0) / (l1 - l0) * (kBottom - kTop); };
  std::ostringstream svg;
  svg << R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" << kWidth << R"(" height=")" << kHeight
      << R"(" font-family="sans-serif" font-size="12">)"
      << "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << kLeft << "\" y=\"22\" font-size=\"14\">" << title << "</text>\n";
  for (double l = l0; l <= l1 + 1e-9; l += 0.5) {
    const double value = std::pow(10, l);
    svg << "<line x1=\"" << kLeft << "\" x2=\"" << kRight << "\" y1=\"" << y(value) << "\" y2=\"" << y(value)
        << "\" stroke=\"#ddd\"/>\n<text x=\"" << kLeft - 6 << "\" y=\"" << y(value) + 4 << "\" text-anchor=\"end\">"
        << fixed(value, value < 1 ? 2 : (value < 10 ? 1 : 0)) << "x</text>\n";
  }
  for (const int size : sizes) {
    svg << "<line x1=\"" << x(size) << "\" x2=\"" << x(size) << "\" y1=\"" << kTop << "\" y2=\"" << kBottom
        << "\" stroke=\"#ddd\"/>\n<text x=\"" << x(size) << "\" y=\"" << kBottom + 18 << "\" text-anchor=\"middle\">"
        << (size >= 1'000'000 ? fixed(size / 1e6, 1) + "M" : fixed(size / 1e3, 0) + "k") << "</text>\n";
  }
  svg << "<text x=\"" << (kLeft + kRight) / 2 << "\" y=\"" << kBottom + 38
      << "\" text-anchor=\"middle\">delegates (log)</text>\n"
      << "<text transform=\"translate(16," << (kTop + kBottom) / 2
      << ") rotate(-90)\" text-anchor=\"middle\">figure / its value at " << sizes.front() << " (log)</text>\n";
  const auto polyline = [&](const std::vector<double>& values, const std::string& style) {
    svg << "<polyline fill=\"none\" " << style << " points=\"";
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      if (values[i] > 0) svg << x(sizes[i]) << "," << y(values[i]) << " ";
    }
    svg << "\"/>\n";
  };
  std::vector<double> linear;
  for (const int size : sizes) linear.push_back(static_cast<double>(size) / sizes.front());
  polyline(linear, R"(stroke="#888" stroke-dasharray="6,4" stroke-width="1.5")");
  polyline(std::vector<double>(sizes.size(), 1.0), R"(stroke="#888" stroke-dasharray="2,3" stroke-width="1.5")");
  double legendY = kTop;
  const auto legend = [&](const std::string& label, const std::string& style) {
    svg << "<line x1=\"" << kRight + 20 << "\" x2=\"" << kRight + 50 << "\" y1=\"" << legendY << "\" y2=\"" << legendY
        << "\" " << style << "/>\n<text x=\"" << kRight + 56 << "\" y=\"" << legendY + 4 << "\">" << label
        << "</text>\n";
    legendY += 20;
  };
  legend("linear growth", R"(stroke="#888" stroke-dasharray="6,4" stroke-width="1.5")");
  legend("no growth", R"(stroke="#888" stroke-dasharray="2,3" stroke-width="1.5")");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string style = std::string("stroke=\"") + kColours[i % std::size(kColours)] + "\" stroke-width=\"2\"";
    polyline(lines[i].second, style);
    for (std::size_t j = 0; j < sizes.size(); ++j) {
      if (lines[i].second[j] <= 0) continue;
      svg << "<circle cx=\"" << x(sizes[j]) << "\" cy=\"" << y(lines[i].second[j]) << "\" r=\"3\" fill=\""
          << kColours[i % std::size(kColours)] << "\"/>\n";
    }
    legend(lines[i].first, style);
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace

void Bench::runScaleCurves() {
  const Options& o = m_options;
  for (const int size : o.scaleSizes) {
    std::cerr << "lanyard-bench: scale, an event of " << size << " delegates\n";
    m_resultSuffix = suffix(size);
    const std::vector<GeneratedDelegate> delegates = generateDelegates(size, kSeed);
    // Without the name check-in proof: its scrypt costs the sealer 2.8 ms of CPU a delegate
    // (replica_seal in the default run), 47 minutes of one core at a million.
    BenchServer server(o, m_dir.path(), "scale-n" + std::to_string(size), "", true, {"--name-proof", "off"});
    auto admin = server.newChannel();
    importScenario(server, *admin, delegates);
    (void)prepareCheckIns(server, *admin, 0);
    checkInScenario(server, *admin);
    searchScenario(server, *admin, delegates, nullptr);
    exportScenario(server, *admin);
    (void)replicaSealing(server, *admin);
    replicaFirstCopyScenario(server);
    ScenarioResult peak("server");
    peak.set("delegates", size);
    peak.set("peak_rss_mb", server.peakRssMb());
    peak.note = "VmHWM of the lanyard-server process over the whole run at this size";
    report(std::move(peak));
    server.stop();
    serverSearchLatency(server, delegates);
    // The default run's targets are for its own sizes; the scale targets are judged below.
    for (ScenarioResult& r : m_results) {
      if (!r.name.ends_with(m_resultSuffix)) continue;
      r.target.clear();
      r.targetMet.reset();
    }
  }
  m_resultSuffix.clear();

  // Growth: how a figure changes from the smallest size to the largest, as an exponent of the
  // size (1: linear, 0: not at all).
  const int smallest = o.scaleSizes.front();
  const int largest = o.scaleSizes.back();
  const double sizeRatio = static_cast<double>(largest) / smallest;
  ScenarioResult growth("scale");
  growth.set("smallest", smallest);
  growth.set("largest", largest);
  bool linearOrBetter = true;
  std::vector<std::pair<std::string, std::vector<double>>> lines;
  std::string growthNote;
  for (const Curve& c : curves()) {
    std::vector<double> values;
    for (const int size : o.scaleSizes) values.push_back(figure(m_results, rowName(c.result, size), c.key).value_or(0));
    if (values.front() <= 0 || values.back() <= 0) continue;
    const double exponent = std::log(values.back() / values.front()) / std::log(sizeRatio);
    growth.set(c.result + "_" + c.key + "_growth", exponent);
    // A tenth over linear is within these machines' run-to-run spread.
    if (c.judgedLinear && exponent > 1.1) linearOrBetter = false;
    if (c.judgedLinear) {
      std::vector<double> relative;
      for (const double v : values) relative.push_back(v > 0 ? v / values.front() : 0);
      lines.emplace_back(c.label, std::move(relative));
    }
    growthNote += (growthNote.empty() ? "" : "; ") + c.label + " " + brief(values.front()) + " -> " +
                  brief(values.back()) + " (exponent " + fixed(exponent, 2) + ")";
  }
  const double importSeconds = figure(m_results, rowName("import", largest), "seconds").value_or(1e9);
  const double searchP99 = figure(m_results, rowName("search", largest), "p99_ms").value_or(1e9);
  const double peakMb = figure(m_results, rowName("server", largest), "peak_rss_mb").value_or(1e9);
  const double exportRatio = figure(m_results, rowName("export", largest), "ratio_to_limit").value_or(1e9);
  growth.target =
      "at 1,000,000: import < 60 s, search p99 < 5 ms, server peak memory < 1.5 GB, export within 1.5x sqlite3 "
      "-csv; every time and memory figure growing linearly or better (exponent <= 1.1)";
  if (largest >= 1'000'000) {
    growth.targetMet = importSeconds < 60 && searchP99 < 5 && peakMb < 1536 && exportRatio <= 1.5 && linearOrBetter;
  }
  growth.note = "growth from " + std::to_string(smallest) + " to " + std::to_string(largest) +
                " delegates, exponent = log(figure ratio) / log(size ratio): " + growthNote +
                ". Each size on a fresh event without the name check-in proof";
  report(std::move(growth));
  if (!o.plot.empty()) {
    writeFile(o.plot, plotSvg(o.scaleSizes, lines,
                              "lanyard-bench --scale: growth with the event (" + std::to_string(smallest) + " to " +
                                  std::to_string(largest) + " delegates)"));
    std::cerr << "lanyard-bench: curves drawn in " << o.plot << "\n";
  }
}

}  // namespace lanyard::bench
