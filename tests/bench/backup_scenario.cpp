// lanyard-bench's backup scenario: `lanyard-server backup` of the served event file beside sqlite3's
// own .backup of it, then `lanyard-server restore` onto a spare path and a server started on it:
// how long an operator waits to have the event back on a spare machine.

#include <limits>
#include <stdexcept>

#include "bench.h"

namespace lanyard::bench {

namespace fs = std::filesystem;

void Bench::backupScenario(BenchServer& server) {
  const fs::path ours = server.dir() / "backup.db";
  const fs::path theirs = server.dir() / "sqlite3-backup.db";
  const auto run = [](const std::vector<std::string>& command, const std::string& what) {
    const e2e::CommandResult done = e2e::runCommand({command, {}, {}}, kSetupTimeout);
    if (!done.status.exitedWith(0)) throw std::runtime_error(what + ": " + done.status.describe() + " " + done.err);
  };
  // The best of three turns, taken in alternation, as for the export.
  constexpr int kTurns = 3;
  double seconds = std::numeric_limits<double>::infinity();
  double limitSeconds = std::numeric_limits<double>::infinity();
  for (int turn = 0; turn < kTurns; ++turn) {
    fs::remove(ours);
    fs::remove(theirs);
    Clock::time_point start = Clock::now();
    run({m_options.serverBinary, "backup", "--db", server.db().string(), "--to", ours.string()},
        "lanyard-server backup");
    seconds = std::min(seconds, secondsSince(start));
    start = Clock::now();
    run({m_options.sqlite3Binary, server.db().string(), ".backup '" + theirs.string() + "'"}, "sqlite3 .backup");
    limitSeconds = std::min(limitSeconds, secondsSince(start));
  }

  const fs::path spare = server.dir() / "spare" / "event.db";
  fs::create_directories(spare.parent_path());
  Clock::time_point start = Clock::now();
  run({m_options.serverBinary, "restore", "--from", ours.string(), "--db", spare.string()}, "lanyard-server restore");
  const double restoreSeconds = secondsSince(start);
  start = Clock::now();
  {
    e2e::ServerProcess served(e2e::serveOptions(m_options.serverBinary, spare), kSetupTimeout);
    const double serveSeconds = secondsSince(start);
    served.terminate();

    ScenarioResult r("backup");
    r.set("bytes", static_cast<double>(fs::file_size(ours)));
    r.set("seconds", seconds);
    r.set("limit_seconds", limitSeconds);
    r.set("restore_seconds", restoreSeconds);
    r.set("serve_seconds", serveSeconds);
    r.set("back_in_service_seconds", restoreSeconds + serveSeconds);
    r.ratioToLimit = ratio(seconds, limitSeconds);
    r.limit =
        "sqlite3's .backup of the same served file; ratio = our seconds / its seconds, each the best of 3 turns "
        "taken in alternation (ours also runs PRAGMA integrity_check on the copy and syncs it)";
    r.note =
        "backup of the main event's file while its server runs; then restore of that backup onto a spare path "
        "(checked, copied, synced) and a server started on it until it listens (search index loaded): "
        "back_in_service_seconds";
    report(std::move(r));
  }
}

}  // namespace lanyard::bench
