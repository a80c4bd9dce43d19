// lanyard-microbench: Google Benchmark micro-benchmarks of the server's hot pieces: badge code
// signing and verification, the token hash every authenticated call computes, search-key
// normalisation, the search index and the CSV parser.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "bench_data.h"
#include "domain/badge_code.h"
#include "domain/csv_reader.h"
#include "domain/delegate_import.h"
#include "domain/event.h"
#include "domain/search_index.h"
#include "domain/search_key.h"
#include "lanyard/v1/check_in_service.pb.h"
#include "rpc/convert.h"
#include "rpc/pooled_arena_allocator.h"

namespace lanyard::bench {
namespace {

namespace domain = lanyard::server::domain;

domain::BadgeSigner testSigner() {
  auto pair = domain::BadgeSigner::generateKeyPair();
  if (!pair.ok()) std::abort();
  auto signer = domain::BadgeSigner::fromSeed(pair->privateSeed);
  if (!signer.ok()) std::abort();
  return *signer;
}

void BM_IssueBadgeCode(benchmark::State& state) {
  const domain::BadgeSigner signer = testSigner();
  std::uint32_t id = 1;
  for (auto _ : state) {
    auto code = signer.issueBadgeCode({signer.eventTag(), id++, 1});
    benchmark::DoNotOptimize(code);
  }
}
BENCHMARK(BM_IssueBadgeCode);

// Verifying with the public key, as anything without the private key checks a code.
void BM_CheckBadgeCode(benchmark::State& state) {
  const domain::BadgeSigner signer = testSigner();
  const std::string code = *signer.issueBadgeCode({signer.eventTag(), 42, 1});
  for (auto _ : state) {
    auto check = domain::checkBadgeCode(code, signer.publicKey());
    if (!check.ok() || check->status != domain::BadgeCodeStatus::Valid) state.SkipWithError("code did not verify");
    benchmark::DoNotOptimize(check);
  }
}
BENCHMARK(BM_CheckBadgeCode);

// Checking by signing again, as the server checks every scan.
void BM_CheckBadgeCodeWithSigner(benchmark::State& state) {
  const domain::BadgeSigner signer = testSigner();
  const std::string code = *signer.issueBadgeCode({signer.eventTag(), 42, 1});
  for (auto _ : state) {
    auto check = domain::checkBadgeCode(code, signer);
    if (!check.ok() || check->status != domain::BadgeCodeStatus::Valid) state.SkipWithError("code did not check");
    benchmark::DoNotOptimize(check);
  }
}
BENCHMARK(BM_CheckBadgeCodeWithSigner);

void BM_CheckForgedBadgeCode(benchmark::State& state) {
  const domain::BadgeSigner signer = testSigner();
  std::string code = *signer.issueBadgeCode({signer.eventTag(), 42, 1});
  code.at(60) = code.at(60) == 'A' ? 'B' : 'A';
  for (auto _ : state) {
    auto check = domain::checkBadgeCode(code, signer);
    if (!check.ok() || check->status != domain::BadgeCodeStatus::Forged) state.SkipWithError("forgery not caught");
    benchmark::DoNotOptimize(check);
  }
}
BENCHMARK(BM_CheckForgedBadgeCode);

// Every authenticated call hashes its bearer token to find the device.
void BM_HashToken(benchmark::State& state) {
  const std::string token = *domain::newToken();
  for (auto _ : state) {
    auto hash = domain::hashToken(token);
    benchmark::DoNotOptimize(hash);
  }
}
BENCHMARK(BM_HashToken);

// Search terms of names in many scripts, as an import computes them for every delegate.
void BM_SearchTerms(benchmark::State& state) {
  const std::vector<GeneratedDelegate> delegates = generateDelegates(1'000, 7);
  std::size_t i = 0;
  for (auto _ : state) {
    const GeneratedDelegate& d = delegates[i++ % delegates.size()];
    benchmark::DoNotOptimize(domain::searchTerms(d.familyName));
  }
}
BENCHMARK(BM_SearchTerms);

void BM_SearchTermsAscii(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(domain::searchTerms("Lambert"));
}
BENCHMARK(BM_SearchTermsAscii);

// A query typed at a kiosk.
void BM_QueryTokens(benchmark::State& state) {
  const std::vector<std::string> queries = searchQueries(generateDelegates(1'000, 7), 1'000, 8);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(domain::queryTokens(queries[i++ % queries.size()]));
}
BENCHMARK(BM_QueryTokens);

void BM_QueryTokensCyrillic(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(domain::queryTokens("Шевченко"));
}
BENCHMARK(BM_QueryTokensCyrillic);

// One kiosk search (ten results) in an index of state.range(0) generated delegates, with the
// queries lanyard-bench sends: whole accent-free names and their first letters.
void BM_SearchIndex(benchmark::State& state) {
  const std::vector<GeneratedDelegate> delegates = generateDelegates(static_cast<int>(state.range(0)), 7);
  server::domain::SearchIndex index;
  std::int64_t id = 0;
  for (const GeneratedDelegate& d : delegates) {
    std::vector<server::domain::SearchTerm> terms;
    const auto add = [&](const std::string& text, int weight) {
      for (std::string& term : domain::searchTerms(text)) terms.push_back({std::move(term), weight});
    };
    add(d.givenName, server::domain::kSearchWeightName);
    add(d.familyName, server::domain::kSearchWeightName);
    add(d.organisation, server::domain::kSearchWeightAffiliation);
    add(d.city, server::domain::kSearchWeightAffiliation);
    index.put({{++id, d.givenName, d.familyName, d.organisation, d.city, "delegate", "en",
                domain::RegistrationStatus::Active},
               terms});
  }
  std::vector<std::vector<domain::QueryToken>> queries;
  for (const std::string& query : searchQueries(delegates, 1000, 11)) queries.push_back(domain::queryTokens(query));
  std::size_t next = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(index.search(queries[next], 10, false));
    next = (next + 1) % queries.size();
  }
}
BENCHMARK(BM_SearchIndex)->Arg(1'000)->Arg(100'000);

// A kiosk search's ten hits as the server answers them and the kiosk reads them: the
// SearchDelegates response built from the hits on the server's pooled arena, serialised, and
// parsed again.
void BM_SearchAnswer(benchmark::State& state) {
  const std::vector<GeneratedDelegate> delegates = generateDelegates(10, 7);
  std::vector<domain::SearchHit> hits;
  std::int64_t id = 0;
  for (const GeneratedDelegate& d : delegates) {
    hits.push_back({{++id, d.givenName, d.familyName, d.organisation, d.city, "delegate", "en",
                     domain::RegistrationStatus::Active},
                    1});
  }
  server::rpc::PooledArenaAllocator<v1::SearchDelegatesRequest, v1::SearchDelegatesResponse> messages;
  std::string wire;
  for (auto _ : state) {
    std::vector<domain::SearchHit> answer = hits;  // search() hands the server fresh hits.
    auto* call = messages.AllocateMessages();
    for (domain::SearchHit& hit : answer) {
      server::rpc::toSummary(std::move(hit.delegate), call->response()->add_results()->mutable_summary());
    }
    call->response()->SerializeToString(&wire);
    call->Release();
    v1::SearchDelegatesResponse parsed;
    benchmark::DoNotOptimize(parsed.ParseFromString(wire));
  }
  state.counters["bytes"] = static_cast<double>(wire.size());
}
BENCHMARK(BM_SearchAnswer);

// The CSV reader alone over a delegates.csv of state.range(0) rows; bytes per second.
void BM_CsvReader(benchmark::State& state) {
  const std::string csv = delegatesCsv(generateDelegates(static_cast<int>(state.range(0)), 7));
  for (auto _ : state) {
    auto reader = domain::CsvReader::open(csv);
    if (!reader.ok()) state.SkipWithError("CSV did not open");
    domain::CsvRecord record;
    std::size_t records = 0;
    while (true) {
      auto more = reader->next(record);
      if (!more.ok() || !*more) break;
      ++records;
    }
    benchmark::DoNotOptimize(records);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(csv.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_CsvReader)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// Parsing and validating a whole delegate import (the CSV reader plus every field's checks).
void BM_ParseDelegatesCsv(benchmark::State& state) {
  const std::string csv = delegatesCsv(generateDelegates(static_cast<int>(state.range(0)), 7));
  domain::DelegateImportOptions options;
  for (const domain::Category& category : domain::defaultCategories()) options.categories.push_back(category.name);
  for (auto _ : state) {
    auto parsed = domain::parseDelegatesCsv(csv, options);
    if (!parsed.ok()) state.SkipWithError(std::string(parsed.status().message()).c_str());
    benchmark::DoNotOptimize(parsed);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_ParseDelegatesCsv)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace lanyard::bench

int main(int argc, char** argv) {
  if (const absl::Status keys = lanyard::server::domain::initSearchKeys(); !keys.ok()) {
    std::cerr << "lanyard-microbench: " << keys.message() << "\n";
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
