// lanyard-bench's search scenario: kiosk searches at several event sizes beside the health
// check's rate, and the search's own time inside the server.

#include <algorithm>
#include <atomic>
#include <functional>
#include <stdexcept>

#include "bench.h"
#include "domain/search_key.h"
#include "storage/sqlite_event_store.h"

namespace lanyard::bench {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Kiosk searches for the queries, in order, `limit` results each (0: the kiosk's default), over as
// many runs as asked.
class SearchLoad {
 public:
  SearchLoad(Channels& channels, std::string token, const std::vector<std::string>& queries, int concurrency,
             int limit = 0)
      : m_channels(channels),
        m_token(std::move(token)),
        m_queries(queries),
        m_concurrency(concurrency),
        m_limit(limit) {}

  LoadRun operator()(Clock::duration duration) {
    return runClosedLoop(m_concurrency, duration, [&](grpc::CompletionQueue& queue) -> std::unique_ptr<AsyncCall> {
      const std::uint64_t i = m_next.fetch_add(1);
      auto& stub = *m_channels.checkIn[i % m_channels.checkIn.size()];
      auto call = std::make_unique<UnaryCall<v1::SearchDelegatesResponse>>();
      call->context.AddMetadata("authorization", "Bearer " + m_token);
      call->context.set_deadline(std::chrono::system_clock::now() + 30s);
      call->check = [this](const v1::SearchDelegatesResponse& r) {
        if (r.results_size() > 0) m_hits.fetch_add(1);
        return true;
      };
      v1::SearchDelegatesRequest request;
      request.set_query(m_queries[i % m_queries.size()]);
      request.set_limit(m_limit);
      return startUnary(std::move(call), queue, [&](grpc::ClientContext* context, grpc::CompletionQueue* q) {
        return stub.PrepareAsyncSearchDelegates(context, request, q);
      });
    });
  }

  // The share of the `run`'s succeeded searches that found someone.
  double hitRate(const LoadRun& run) const {
    return run.succeeded > 0 ? static_cast<double>(m_hits.load()) / static_cast<double>(run.succeeded) : 0;
  }

 private:
  Channels& m_channels;
  const std::string m_token;
  const std::vector<std::string>& m_queries;
  const int m_concurrency;
  const int m_limit;
  std::atomic<std::uint64_t> m_next{0};
  std::atomic<std::int64_t> m_hits{0};
};

// The search's own time, without the transport: the same queries against the same database through
// the server's SqliteEventStore::search, one at a time, in this process (the server is stopped).
struct InProcessSearch {
  Percentiles latency;
  double cpuUsPerSearch = 0;
};

InProcessSearch inProcessSearch(const fs::path& db, const std::vector<std::string>& queries) {
  if (absl::Status keys = server::domain::initSearchKeys(); !keys.ok()) {
    throw std::runtime_error(std::string(keys.message()));
  }
  auto store = server::storage::SqliteEventStore::open(db.string(), server::domain::systemClock());
  if (!store.ok()) throw std::runtime_error("opening " + db.string() + ": " + std::string(store.status().message()));
  std::vector<double> latencies;
  double cpuBefore = 0;
  for (int pass = 0; pass < 2; ++pass) {  // The first pass warms the page cache and ICU.
    latencies.clear();
    cpuBefore = threadCpuSeconds();
    for (const std::string& query : queries) {
      const Clock::time_point start = Clock::now();
      auto hits = (*store)->search(query, 10, /*includeCancelled=*/false);
      latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (!hits.ok()) throw std::runtime_error("search " + query + ": " + std::string(hits.status().message()));
    }
  }
  return {percentiles(latencies), (threadCpuSeconds() - cpuBefore) * 1e6 / static_cast<double>(queries.size())};
}

ScenarioResult searchResult(BenchServer& server, const std::string& kioskToken,
                            const std::vector<GeneratedDelegate>& delegates, const Options& o) {
  const std::vector<std::string> queries = searchQueries(delegates, 5'000, kSeed + 1);
  Channels channels(server, std::min(o.searchConcurrency, 8));
  (void)healthLoad(channels, o.searchConcurrency, 200ms);
  SearchLoad tenResults(channels, kioskToken, queries, o.searchConcurrency);
  // At 100,000, the same searches answering one result each: what the ten-result answer costs on top.
  SearchLoad oneResult(channels, kioskToken, queries, o.searchConcurrency, /*limit=*/1);
  std::vector<std::function<LoadRun(Clock::duration)>> loads = {
      [&](Clock::duration d) { return healthLoad(channels, o.searchConcurrency, d); },
      [&](Clock::duration d) { return tenResults(d); }};
  if (delegates.size() >= 100'000) loads.emplace_back([&](Clock::duration d) { return oneResult(d); });
  std::vector<TurnedLoad> turns = inTurns(server.pid(), phase(o), /*turns=*/5, loads);
  LoadRun& health = turns[0].load;
  LoadRun& search = turns[1].load;
  ScenarioResult r("search_n" + std::to_string(delegates.size()));
  r.set("delegates", static_cast<double>(delegates.size()));
  r.set("concurrency", o.searchConcurrency);
  r.set("searches", static_cast<double>(search.succeeded));
  r.set("failed", static_cast<double>(search.failed));
  r.set("hit_rate", tenResults.hitRate(search));
  r.set("throughput_per_s", search.throughputPerSecond());
  addLatencies(r, search.latenciesMs);
  r.set("peak_rss_mb", server.peakRssMb());
  r.set("health_throughput_per_s", health.throughputPerSecond());
  // CPU per call, client and server together: with both cores busy, throughput follows it.
  r.set("health_cpu_us_per_call", microsecondsPerCall(turns[0].cpuSeconds, health.succeeded));
  r.set("cpu_us_per_search", microsecondsPerCall(turns[1].cpuSeconds, search.succeeded));
  r.ratioToLimit = ratio(search.throughputPerSecond(), health.throughputPerSecond());
  if (turns.size() > 2) {
    const LoadRun& one = turns[2].load;
    r.set("one_result_throughput_per_s", one.throughputPerSecond());
    r.set("one_result_cpu_us_per_search", microsecondsPerCall(turns[2].cpuSeconds, one.succeeded));
    r.set("one_result_ratio_to_limit", ratio(one.throughputPerSecond(), health.throughputPerSecond()).value_or(0));
  }
  r.limit = "grpc.health.v1.Health/Check, " + std::to_string(o.searchConcurrency) + " in flight, same channels";
  r.note =
      "kiosk-token SearchDelegates (10 results) with random prefixes and accent-free spellings; p50..p99 are "
      "seen by the client under load; server_p50_ms/server_p99_ms are SqliteEventStore::search alone on the same "
      "database, one query at a time; ratio_ceiling = health CPU / (health CPU + search_cpu_us), client and server "
      "together per call: the best ratio_to_limit these cores allow even if a search's transport cost no more than "
      "a health check's; one_result_* (at 100,000) are the same searches asking for one result, so the difference "
      "is what the ten-result answer costs";
  if (search.failed > 0) r.note += "; first failure: " + search.firstFailure;
  return r;
}

void finishSearchResult(ScenarioResult& r, const fs::path& db, const std::vector<GeneratedDelegate>& delegates) {
  const std::vector<std::string> queries = searchQueries(delegates, 5'000, kSeed + 1);
  const InProcessSearch inside = inProcessSearch(db, queries);
  r.set("server_p50_ms", inside.latency.p50);
  r.set("server_p99_ms", inside.latency.p99);
  r.set("search_cpu_us", inside.cpuUsPerSearch);
  // Even if a search's transport cost no more than a health check's, each costs its health call
  // plus the search itself: the best ratio these cores allow.
  const double healthCpuUs = r.get("health_cpu_us_per_call").value_or(0);
  r.set("ratio_ceiling", healthCpuUs / (healthCpuUs + inside.cpuUsPerSearch));
  if (delegates.size() >= 100'000) {
    r.target = "at 100,000 delegates: p99 inside the server < 2 ms, throughput >= 60% of the health check's";
    r.targetMet = inside.latency.p99 < 2.0 && r.ratioToLimit.value_or(0) >= 0.6;
  }
}

}  // namespace

void Bench::searchScenario(BenchServer& server, grpc::Channel&, const std::vector<GeneratedDelegate>& delegates,
                           std::vector<double>*) {
  const Options& o = m_options;
  for (const int size : o.searchSizes) {
    if (size >= o.delegates) continue;
    const std::vector<GeneratedDelegate> smaller = generateDelegates(size, kSeed);
    ScenarioResult r;
    fs::path db;
    {
      BenchServer small(o, m_dir.path(), "search-n" + std::to_string(size));
      auto admin = small.newChannel();
      (void)importDelegates(small, *admin, delegatesCsv(smaller), size);
      const std::string token = small.createToken(*admin, v1::ROLE_KIOSK, "bench-search-kiosk");
      r = searchResult(small, token, smaller, o);
      db = small.db();
    }
    finishSearchResult(r, db, smaller);
    report(std::move(r));
  }
  m_mainSearch = searchResult(server, m_kioskTokens.front(), delegates, o);
}

void Bench::serverSearchLatency(BenchServer& server, const std::vector<GeneratedDelegate>& delegates) {
  if (!m_mainSearch) return;
  finishSearchResult(*m_mainSearch, server.db(), delegates);
  report(std::move(*m_mainSearch));
  m_mainSearch.reset();
}

}  // namespace lanyard::bench
