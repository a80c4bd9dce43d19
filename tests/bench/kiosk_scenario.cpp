// lanyard-bench's kiosk scenarios, measured from outside the real lanyard-kiosk: its first frame,
// and a scan's time to the badge PDF, online and with the server stopped.

#include <signal.h>
#include <sys/stat.h>

#include <optional>
#include <regex>
#include <stdexcept>

#include "bench.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "sqlite/sqlite.h"
#include "support/all_pages.h"

namespace lanyard::bench {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// When the badge PDF in `folder` was written, µs since the epoch.
std::optional<std::int64_t> pdfWrittenUs(const fs::path& folder) {
  std::optional<std::int64_t> written;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".pdf") continue;
    struct stat info {};
    if (::stat(entry.path().c_str(), &info) == 0) {
      written = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000 + info.st_mtim.tv_nsec / 1000;
    }
  }
  return written;
}

// The scan time of the newest check-in a kiosk queued offline, from its replica file in `dataDir`.
std::int64_t lastQueuedScanUs(const fs::path& dataDir) {
  for (const auto& entry : fs::directory_iterator(dataDir)) {
    if (entry.path().extension() != ".sqlite") continue;
    auto db = server::storage::Database::open(entry.path().string(), {true, 5000});
    if (!db.ok()) throw std::runtime_error(std::string(db.status().message()));
    auto select = db->prepare("SELECT body FROM upload_queue WHERE kind = 1 ORDER BY seq DESC LIMIT 1");
    if (!select.ok() || !select->step().value_or(false)) break;
    std::smatch match;
    const std::string body = select->columnText(0);
    if (std::regex_search(body, match, std::regex(R"re("scan_time_us":"(\d+)")re"))) return std::stoll(match[1].str());
  }
  throw std::runtime_error("no queued check-in in the kiosk's replica in " + dataDir.string());
}

}  // namespace

void Bench::kioskScenario(BenchServer& server, grpc::Channel& admin) {
  const Options& o = m_options;
  if (o.kioskBinary.empty() || !fs::exists(o.kioskBinary)) {
    std::cerr << "lanyard-bench: no kiosk binary (" << o.kioskBinary << "); skipping the kiosk scenarios\n";
    return;
  }
  const auto kioskArgs = [&](std::vector<std::string> extra) {
    // Every run on one replica, which the offline runs then use.
    std::vector<std::string> argv = {o.kioskBinary,
                                     "--server",
                                     server.address(),
                                     "--token",
                                     m_kioskTokens.front(),
                                     "--data-dir",
                                     (m_dir.path() / "kiosk-data").string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return e2e::ProcessOptions{argv, {{"QT_QPA_PLATFORM", "offscreen"}}, {}};
  };
  std::vector<double> firstFrame;
  for (int i = 0; i < o.kioskRuns; ++i) {
    const fs::path shot = m_dir.path() / ("kiosk-welcome-" + std::to_string(i) + ".png");
    const Clock::time_point start = Clock::now();
    const e2e::CommandResult result = e2e::runCommand(kioskArgs({"--screenshot", shot.string()}), 60s);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!result.status.exitedWith(0) || !fs::exists(shot)) {
      throw std::runtime_error("lanyard-kiosk --screenshot: " + result.status.describe() + "\n" + result.err);
    }
    firstFrame.push_back(ms);
  }
  ScenarioResult frame("kiosk_first_frame");
  frame.set("runs", o.kioskRuns);
  addLatencies(frame, firstFrame);
  frame.target = "first frame within 1.5 s of start";
  frame.targetMet = *frame.get("p99_ms") < 1500.0;
  frame.note =
      "measured from outside: fork/exec to the exit of `lanyard-kiosk --screenshot FILE` under "
      "QT_QPA_PLATFORM=offscreen, which grabs the first frame of the connected welcome page, writes the PNG "
      "and quits; so an upper bound that includes connecting to the server and encoding the PNG";
  report(std::move(frame));

  auto delegates = v1::DelegateService::NewStub(std::shared_ptr<grpc::Channel>(&admin, [](grpc::Channel*) {}));
  std::vector<double> scanToPrint;
  std::vector<double> wholeRun;
  for (int i = 0; i < o.kioskRuns; ++i) {
    const BadgeCode* code = takeCode();
    if (code == nullptr) break;
    const fs::path pdfs = m_dir.path() / ("kiosk-badges-" + std::to_string(i));
    const fs::path shot = m_dir.path() / ("kiosk-done-" + std::to_string(i) + ".png");
    const Clock::time_point start = Clock::now();
    const e2e::CommandResult result =
        e2e::runCommand(kioskArgs({"--pdf-dir", pdfs.string(), "--scan", code->code, "--screenshot-on", "done",
                                   "--screenshot", shot.string()}),
                        60s);
    wholeRun.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!result.status.exitedWith(0)) {
      throw std::runtime_error("lanyard-kiosk --scan: " + result.status.describe() + "\n" + result.err);
    }
    const std::optional<std::int64_t> printedUs = pdfWrittenUs(pdfs);
    v1::ListCheckInsRequest request;
    request.set_delegate_id(code->delegateId);
    v1::ListCheckInsResponse response;
    require(lanyard::testing::allPages(request, &response,
                                       [&](const auto& pageRequest, auto* page) {
                                         return delegates->ListCheckIns(server.context(server.adminToken()).get(),
                                                                        pageRequest, page);
                                       }),
            "ListCheckIns");
    if (!printedUs || response.check_ins().empty()) {
      throw std::runtime_error("the kiosk run left no PDF badge or no check-in for delegate " +
                               std::to_string(code->delegateId));
    }
    const std::int64_t scannedUs = response.check_ins(response.check_ins_size() - 1).scan_time_us();
    scanToPrint.push_back(static_cast<double>(*printedUs - scannedUs) / 1000.0);
  }
  ScenarioResult scan("kiosk_scan_to_print");
  scan.set("runs", static_cast<double>(scanToPrint.size()));
  addLatencies(scan, scanToPrint);
  scan.set("process_p50_ms", percentiles(wholeRun).p50);
  scan.target = "scan to print job under 300 ms at p99";
  scan.targetMet = !scanToPrint.empty() && *scan.get("p99_ms") < 300.0;
  scan.note =
      "measured from outside with a local server: the kiosk's own scan time (CheckInRequest.scan_time_us, "
      "read back with ListCheckIns) to the modification time of the badge PDF it wrote to --pdf-dir (the "
      "print job handed over); --confirm answers the confirmation page at once";
  report(std::move(scan));
  kioskOfflineScenario(server, kioskArgs);
}

void Bench::kioskOfflineScenario(BenchServer& server,
                                 const std::function<e2e::ProcessOptions(std::vector<std::string>)>& kioskArgs) {
  const Options& o = m_options;
  // A kiosk left running until its replica (kioskArgs' --data-dir) holds every delegate with a
  // sealed badge.
  const fs::path dataDir = m_dir.path() / "kiosk-data";
  {
    e2e::ChildProcess kiosk(kioskArgs({"--pdf-dir", (dataDir / "pdf").string()}));
    const std::regex ready("the replica is up to date: (\\d+) delegates, (\\d+) of them with a sealed badge");
    const bool complete = kiosk.waitForStderr(
        [&](const std::string& err) {
          for (auto it = std::sregex_iterator(err.begin(), err.end(), ready); it != std::sregex_iterator(); ++it) {
            if (std::stoll((*it)[2].str()) >= o.delegates) return true;
          }
          return false;
        },
        20min);
    kiosk.sendSignal(SIGTERM);
    kiosk.waitForExit(30s);
    if (!complete)
      throw std::runtime_error("the kiosk's replica never held every sealed badge:\n" + kiosk.stderrText());
  }
  // The server stops answering (as a hung one would): each kiosk run finds no answer within two
  // seconds at its start, decides on its replica and prints.
  ::kill(server.pid(), SIGSTOP);
  std::vector<double> scanToPrint;
  std::string failure;
  for (int i = 0; i < o.kioskRuns && failure.empty(); ++i) {
    const BadgeCode* code = takeCode();
    if (code == nullptr) break;
    const fs::path pdfs = m_dir.path() / ("kiosk-offline-badges-" + std::to_string(i));
    const fs::path shot = m_dir.path() / ("kiosk-offline-done-" + std::to_string(i) + ".png");
    const e2e::CommandResult result =
        e2e::runCommand(kioskArgs({"--pdf-dir", pdfs.string(), "--scan", code->code, "--screenshot-on", "done",
                                   "--screenshot", shot.string()}),
                        60s);
    const std::optional<std::int64_t> printedUs = result.status.exitedWith(0) ? pdfWrittenUs(pdfs) : std::nullopt;
    if (!printedUs) {
      failure = "lanyard-kiosk --scan offline: " + result.status.describe() + "\n" + result.err;
      break;
    }
    scanToPrint.push_back(static_cast<double>(*printedUs - lastQueuedScanUs(dataDir)) / 1000.0);
  }
  ::kill(server.pid(), SIGCONT);
  if (!failure.empty()) throw std::runtime_error(failure);
  ScenarioResult scan("kiosk_offline_scan_to_print");
  scan.set("runs", static_cast<double>(scanToPrint.size()));
  addLatencies(scan, scanToPrint);
  scan.target = "offline scan to print job under 300 ms at p99, as online";
  scan.targetMet = !scanToPrint.empty() && *scan.get("p99_ms") < 300.0;
  scan.note =
      "as kiosk_scan_to_print, with the server stopped (SIGSTOP) after a kiosk's replica held every delegate "
      "sealed: the kiosk decides on its replica (signature, rules, the seal opened with the code); the scan "
      "time is the one it queued for upload";
  report(std::move(scan));
}

}  // namespace lanyard::bench
