#include "bench_server.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "support/all_pages.h"
#include "support/import_upload.h"

namespace lanyard::bench {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// The value of the first line of `path` that starts with `prefix`, after its colon.
std::string firstLineOf(const std::string& path, const std::string& prefix) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) {
      const auto colon = line.find(':');
      std::string value = colon == std::string::npos ? line : line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(" \t"));
      return value;
    }
  }
  return "";
}

}  // namespace

void require(const grpc::Status& status, const std::string& what) {
  if (!status.ok()) {
    throw std::runtime_error(what + " failed: gRPC status " + std::to_string(status.error_code()) + ": " +
                             status.error_message());
  }
}

std::int64_t nowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void writeFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

double procStatusKb(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1));
  }
  return -1;
}

namespace {

// utime + stime of a /proc stat file, in seconds.
double statCpuSeconds(const fs::path& file) {
  std::ifstream in(file);
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

}  // namespace

double cpuSeconds(pid_t pid) { return statCpuSeconds("/proc/" + std::to_string(pid) + "/stat"); }

std::map<std::string, ThreadUse> threadUse(pid_t pid) {
  std::map<std::string, ThreadUse> use;
  std::error_code error;
  for (const fs::directory_entry& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", error)) {
    std::ifstream commFile(task.path() / "comm");
    std::string name;
    std::getline(commFile, name);
    ThreadUse& thread = use[name];
    thread.cpuSeconds += statCpuSeconds(task.path() / "stat");
    std::ifstream status(task.path() / "status");
    for (std::string line; std::getline(status, line);) {
      if (line.starts_with("voluntary_ctxt_switches:")) thread.waits += std::stoll(line.substr(line.find(':') + 1));
      if (line.starts_with("nonvoluntary_ctxt_switches:")) {
        thread.preemptions += std::stoll(line.substr(line.find(':') + 1));
      }
    }
  }
  return use;
}

double microsecondsPerCall(double cpuSeconds, std::int64_t calls) {
  return cpuSeconds * 1e6 / static_cast<double>(std::max<std::int64_t>(calls, 1));
}

std::vector<std::pair<std::string, std::string>> machineDescription() {
  const std::string memKb = firstLineOf("/proc/meminfo", "MemTotal");
  return {{"nproc", std::to_string(std::thread::hardware_concurrency())},
          {"cpu", firstLineOf("/proc/cpuinfo", "model name")},
          {"memory", memKb}};
}

std::optional<double> ratio(double numerator, double denominator) {
  if (!(denominator > 0) || !std::isfinite(numerator)) return std::nullopt;
  return numerator / denominator;
}

void addLatencies(ScenarioResult& result, std::vector<double>& latenciesMs) {
  const Percentiles p = percentiles(latenciesMs);
  result.set("p50_ms", p.p50);
  result.set("p95_ms", p.p95);
  result.set("p99_ms", p.p99);
  result.set("max_ms", p.max);
}

double threadCpuSeconds() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

BenchServer::BenchServer(const Options& options, const fs::path& dir, const std::string& name,
                         const std::string& database, bool create, const std::vector<std::string>& initFlags)
    : m_dir(dir / name), m_db(database.empty() ? m_dir / "lanyard.db" : fs::path(database)) {
  fs::create_directories(m_dir);
  if (create) {
    std::vector<std::string> flags = {"--time-zone", "Europe/Prague"};
    flags.insert(flags.end(), initFlags.begin(), initFlags.end());
    m_adminToken = e2e::initEvent(options.serverBinary, db(), "Lanyard bench " + name, flags, kSetupTimeout);
  }
  m_server = std::make_unique<e2e::ServerProcess>(e2e::serveOptions(options.serverBinary, db()));
}

void BenchServer::stop() {
  if (m_server) {
    (void)m_server->terminate();
    m_server.reset();
  }
}

std::shared_ptr<grpc::Channel> BenchServer::newChannel() const {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetMaxReceiveMessageSize(kMaxMessageBytes);
  args.SetMaxSendMessageSize(kMaxMessageBytes);
  auto channel = grpc::CreateCustomChannel(address(), grpc::InsecureChannelCredentials(), args);
  if (!channel->WaitForConnected(std::chrono::system_clock::now() + 10s)) {
    throw std::runtime_error("cannot connect to " + address());
  }
  return channel;
}

std::unique_ptr<grpc::ClientContext> BenchServer::context(const std::string& token,
                                                          std::chrono::seconds timeout) const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + timeout);
  return context;
}

std::string BenchServer::createToken(grpc::Channel& channel, v1::Role role, const std::string& name) const {
  auto stub = v1::DeviceService::NewStub(std::shared_ptr<grpc::Channel>(&channel, [](grpc::Channel*) {}));
  v1::CreateTokenRequest request;
  request.set_name(name);
  request.set_role(role);
  v1::CreateTokenResponse response;
  require(stub->CreateToken(context(m_adminToken).get(), request, &response), "CreateToken " + name);
  return response.token();
}

std::vector<std::string> BenchServer::createTokens(grpc::Channel& channel, v1::Role role, int count,
                                                   const std::string& name) const {
  std::vector<std::string> tokens;
  for (int i = 0; i < count; ++i) tokens.push_back(createToken(channel, role, name + "-" + std::to_string(i + 1)));
  return tokens;
}

std::vector<std::string> BenchServer::watcherTokens(grpc::Channel& channel, int streams,
                                                    const std::string& name) const {
  return createTokens(channel, v1::ROLE_ORGANISER, (streams + kStreamsPerWatcherToken - 1) / kStreamsPerWatcherToken,
                      name);
}

double importDelegates(const BenchServer& server, grpc::Channel& channel, const std::string& csv, int expected) {
  auto stub = v1::DelegateService::NewStub(std::shared_ptr<grpc::Channel>(&channel, [](grpc::Channel*) {}));
  v1::ImportDelegatesResponse response;
  const Clock::time_point start = Clock::now();
  require(lanyard::testing::importDelegates(*stub, *server.context(server.adminToken()), csv, "bench-delegates.csv",
                                            &response),
          "ImportDelegates");
  const double seconds = secondsSince(start);
  if (response.created() != expected) {
    throw std::runtime_error("ImportDelegates created " + std::to_string(response.created()) + " of " +
                             std::to_string(expected));
  }
  return seconds;
}

std::vector<BadgeCode> listBadgeCodes(const BenchServer& server, grpc::Channel& channel) {
  auto stub = v1::DelegateService::NewStub(std::shared_ptr<grpc::Channel>(&channel, [](grpc::Channel*) {}));
  v1::ListBadgeCodesResponse response;
  require(lanyard::testing::allPages(v1::ListBadgeCodesRequest(), &response,
                                     [&](const auto& request, auto* page) {
                                       return stub->ListBadgeCodes(server.context(server.adminToken()).get(), request,
                                                                   page);
                                     }),
          "ListBadgeCodes");
  std::vector<BadgeCode> codes;
  for (const v1::BadgeCodeEntry& entry : response.entries()) codes.push_back({entry.delegate_id(), entry.badge_code()});
  return codes;
}

Channels::Channels(const BenchServer& server, int count) {
  for (int i = 0; i < count; ++i) {
    channels.push_back(server.newChannel());
    checkIn.push_back(v1::CheckInService::NewStub(channels.back()));
    health.push_back(grpc::health::v1::Health::NewStub(channels.back()));
  }
}

LoadRun healthLoad(Channels& channels, int concurrency, Clock::duration duration) {
  std::atomic<std::uint64_t> counter{0};
  return runClosedLoop(concurrency, duration, [&](grpc::CompletionQueue& queue) -> std::unique_ptr<AsyncCall> {
    const std::uint64_t i = counter.fetch_add(1);
    auto& stub = *channels.health[i % channels.health.size()];
    auto call = std::make_unique<UnaryCall<grpc::health::v1::HealthCheckResponse>>();
    call->context.set_deadline(std::chrono::system_clock::now() + 30s);
    call->check = [](const grpc::health::v1::HealthCheckResponse& r) {
      return r.status() == grpc::health::v1::HealthCheckResponse::SERVING;
    };
    grpc::health::v1::HealthCheckRequest request;
    return startUnary(std::move(call), queue, [&](grpc::ClientContext* context, grpc::CompletionQueue* q) {
      return stub.PrepareAsyncCheck(context, request, q);
    });
  });
}

std::vector<TurnedLoad> inTurns(pid_t server, Clock::duration duration, int turns,
                                const std::vector<std::function<LoadRun(Clock::duration)>>& loads) {
  std::vector<TurnedLoad> measured(loads.size());
  for (int turn = 0; turn < turns; ++turn) {
    for (std::size_t i = 0; i < loads.size(); ++i) {
      const double serverCpuBefore = cpuSeconds(server);
      const double clientCpuBefore = cpuSeconds(::getpid());
      measured[i].load.add(loads[i](duration / turns));
      const double serverCpu = cpuSeconds(server) - serverCpuBefore;
      measured[i].serverCpuSeconds += serverCpu;
      measured[i].cpuSeconds += serverCpu + cpuSeconds(::getpid()) - clientCpuBefore;
    }
  }
  return measured;
}

}  // namespace lanyard::bench
