#pragma once

// What every lanyard-bench scenario stands on: the real lanyard-server under test, its channels
// and calls, the closed-loop loads that compare it with its limits, and the process figures (CPU,
// memory) they report.

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "async_load.h"
#include "bench_options.h"
#include "bench_report.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/device_service.grpc.pb.h"
#include "server_process.h"

namespace lanyard::bench {

inline constexpr std::uint64_t kSeed = 20261126;
inline constexpr auto kSetupTimeout = std::chrono::seconds(120);
inline constexpr int kMaxMessageBytes = 256 * 1024 * 1024;
// The most WatchAttendance streams the server gives one device (AttendanceServiceImpl::kMaxStreamsPerDevice).
inline constexpr int kStreamsPerWatcherToken = 20;

// Throws std::runtime_error when a call the benchmark depends on fails.
void require(const grpc::Status& status, const std::string& what);
// Now, UTC, microseconds since the epoch.
std::int64_t nowUs();
double secondsSince(Clock::time_point start);
// Writes `content` to `path`; throws when it cannot.
void writeFile(const std::filesystem::path& path, const std::string& content);
// A /proc/PID/status figure in kB (VmHWM: peak resident set), or -1.
double procStatusKb(pid_t pid, const std::string& field);
// CPU seconds (user + system) a process has used: /proc/PID/stat, or this process's own.
double cpuSeconds(pid_t pid);
// CPU seconds this thread has used.
double threadCpuSeconds();
// What a process's threads have used so far, summed by thread name (/proc/PID/task): CPU seconds
// and context switches, voluntary (the thread waited: a hand-off to it needs a wake-up) and not.
struct ThreadUse {
  double cpuSeconds = 0;
  std::int64_t waits = 0;
  std::int64_t preemptions = 0;
};
std::map<std::string, ThreadUse> threadUse(pid_t pid);
double microsecondsPerCall(double cpuSeconds, std::int64_t calls);
// nproc, cpu and memory of this machine, for the report.
std::vector<std::pair<std::string, std::string>> machineDescription();
// The limit's figure over ours (or ours over the limit's for times), NaN-free.
std::optional<double> ratio(double numerator, double denominator);
// Sets the p50/p95/p99/max_ms figures of `result` (sorts `latenciesMs`).
void addLatencies(ScenarioResult& result, std::vector<double>& latenciesMs);

// The server under test, working in its own folder (`dir`/`name`) and served on 127.0.0.1:0 from
// construction until stop() or destruction: a fresh event in the SQLite file lanyard.db there, or
// with `database` (a postgresql:// address) in that database, created there unless `create` is
// false (another server on the event a first one created); `initFlags` go to its init. Throws
// std::runtime_error when init or serve fails.
class BenchServer {
 public:
  BenchServer(const Options& options, const std::filesystem::path& dir, const std::string& name,
              const std::string& database = "", bool create = true, const std::vector<std::string>& initFlags = {});
  ~BenchServer() { stop(); }

  // Sends SIGTERM and waits for the exit; idempotent.
  void stop();

  // The event file, or the PostgreSQL database's address.
  const std::filesystem::path& db() const { return m_db; }
  bool onPostgres() const { return m_db.string().starts_with("postgresql://"); }
  const std::filesystem::path& dir() const { return m_dir; }
  const std::string& adminToken() const { return m_adminToken; }
  std::string address() const { return m_server->loopbackAddress(); }
  pid_t pid() const { return m_server->process().pid(); }
  double peakRssMb() const { return procStatusKb(pid(), "VmHWM") / 1024.0; }

  // A channel of its own TCP connection (a local subchannel pool), like a separate device.
  std::shared_ptr<grpc::Channel> newChannel() const;

  // A call context with `token` as the bearer and a deadline `timeout` away.
  std::unique_ptr<grpc::ClientContext> context(const std::string& token,
                                               std::chrono::seconds timeout = std::chrono::seconds(120)) const;

  // A new device token with `role`, made by the admin over `channel`.
  std::string createToken(grpc::Channel& channel, v1::Role role, const std::string& name) const;

  // `count` new tokens with `role`, named `name`-1, `name`-2...
  std::vector<std::string> createTokens(grpc::Channel& channel, v1::Role role, int count,
                                        const std::string& name) const;

  // Organiser tokens for `streams` WatchAttendance streams, kStreamsPerWatcherToken to a token,
  // named `name`-1, `name`-2...
  std::vector<std::string> watcherTokens(grpc::Channel& channel, int streams, const std::string& name) const;

 private:
  std::filesystem::path m_dir;
  std::filesystem::path m_db;
  std::string m_adminToken;  // Empty for a server that did not create its event.
  std::unique_ptr<e2e::ServerProcess> m_server;
};

// Imports `csv` through the admin path (DelegateService.ImportDelegates, what `lanyard import
// delegates` calls); returns the seconds it took. Throws unless it created `expected` delegates.
double importDelegates(const BenchServer& server, grpc::Channel& channel, const std::string& csv, int expected);

struct BadgeCode {
  std::int64_t delegateId = 0;
  std::string code;
};

// Every delegate's current badge code, every page.
std::vector<BadgeCode> listBadgeCodes(const BenchServer& server, grpc::Channel& channel);

// `count` channels to the server, each of its own connection, with their stubs. Loads use them
// round robin.
struct Channels {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::vector<std::unique_ptr<v1::CheckInService::Stub>> checkIn;
  std::vector<std::unique_ptr<grpc::health::v1::Health::Stub>> health;

  Channels(const BenchServer& server, int count);
};

// A storage limit: bare durable inserts of check-in-like rows, as fast as the database takes them.
struct StorageRun {
  double rowsPerSecond = 0;
  double commitP99Ms = 0;
};

// The storage limit on PostgreSQL at `uri`: `connections` connections each inserting and
// committing one row at a time, as each kiosk's check-in commits on its own (postgres_scenarios.cpp).
StorageRun postgresStorageLimit(const std::string& uri, int connections, Clock::duration duration);

// The transport limit: the same server's standard health check, called the same way.
LoadRun healthLoad(Channels& channels, int concurrency, Clock::duration duration);

// A load measured in turns (below), with the CPU spent on it.
struct TurnedLoad {
  LoadRun load;
  double cpuSeconds = 0;  // Client and server together.
  double serverCpuSeconds = 0;
};

// Runs each load for one turn after another, `turns` times round, each turn a turns-th of
// `duration`. The cores are shared, and a slow spell lasting a few seconds would otherwise fall on
// a load and not on the limit it is compared with (the health check's rate alone moves by half
// between runs). Each turn starts its calls at once, so many in flight make a burst per turn.
std::vector<TurnedLoad> inTurns(pid_t server, Clock::duration duration, int turns,
                                const std::vector<std::function<LoadRun(Clock::duration)>>& loads);

}  // namespace lanyard::bench
