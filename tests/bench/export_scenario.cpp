// lanyard-bench's export scenario: ExportAttendees to a file beside sqlite3 -csv of the same table.

#include <fstream>
#include <limits>
#include <stdexcept>

#include "bench.h"
#include "lanyard/v1/export_service.grpc.pb.h"

namespace lanyard::bench {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

void Bench::exportScenario(BenchServer& server, grpc::Channel& admin) {
  auto stub = v1::ExportService::NewStub(std::shared_ptr<grpc::Channel>(&admin, [](grpc::Channel*) {}));
  const fs::path ours = server.dir() / "export.csv";
  v1::ExportAttendeesRequest request;
  request.set_format(v1::EXPORT_FORMAT_CSV);
  std::int64_t rows = 0;
  const auto exportOnce = [&] {
    std::ofstream out(ours, std::ios::binary);
    auto context = server.context(m_organiserToken);
    auto reader = stub->ExportAttendees(context.get(), request);
    v1::ExportAttendeesResponse response;
    while (reader->Read(&response)) {
      out << response.chunk().data();
      if (response.chunk().last()) rows = response.chunk().row_count();
    }
    require(reader->Finish(), "ExportAttendees");
    if (!out.flush()) throw std::runtime_error("cannot write " + ours.string());
  };
  const fs::path theirs = server.dir() / "sqlite3-export.csv";
  const std::string query =
      "SELECT id, external_ref, given_name, family_name, organisation, city, country, category, email, language, "
      "status FROM delegate ORDER BY id";
  const auto limitOnce = [&] {
    const e2e::CommandResult limit =
        e2e::runCommand({{"/bin/sh", "-c", "exec \"$0\" -csv -header \"$1\" \"$2\" > \"$3\"", m_options.sqlite3Binary,
                          server.db().string(), query, theirs.string()},
                         {},
                         {}},
                        kSetupTimeout);
    if (!limit.status.exitedWith(0)) throw std::runtime_error("sqlite3 -csv: " + limit.err);
  };
  // Each takes a fraction of a second, where one slow moment of a shared machine shows: the best
  // of three turns, the two taking turns.
  constexpr int kTurns = 3;
  double seconds = std::numeric_limits<double>::infinity();
  double limitSeconds = std::numeric_limits<double>::infinity();
  for (int turn = 0; turn < kTurns; ++turn) {
    Clock::time_point start = Clock::now();
    exportOnce();
    seconds = std::min(seconds, secondsSince(start));
    start = Clock::now();
    limitOnce();
    limitSeconds = std::min(limitSeconds, secondsSince(start));
  }
  ScenarioResult r("export");
  r.set("rows", static_cast<double>(rows));
  r.set("seconds", seconds);
  r.set("bytes", static_cast<double>(fs::file_size(ours)));
  r.set("throughput_per_s", static_cast<double>(rows) / seconds);
  r.set("peak_rss_mb", server.peakRssMb());
  r.set("limit_seconds", limitSeconds);
  r.set("limit_bytes", static_cast<double>(fs::file_size(theirs)));
  r.ratioToLimit = ratio(seconds, limitSeconds);
  r.limit =
      "sqlite3 -csv -header of the delegate table's columns to a file; ratio = our seconds / its seconds, "
      "each the best of 3 turns taken in alternation";
  r.target = "CSV export of 100,000 delegates within 1.5x sqlite3 -csv";
  if (rows >= 100'000) r.targetMet = r.ratioToLimit.value_or(99) <= 1.5;
  r.note =
      "ExportAttendees (all delegates, CSV) streamed to a file by an organiser client; the export also joins "
      "each delegate's first check-in, kiosk and badge print";
  report(std::move(r));
}

}  // namespace lanyard::bench
