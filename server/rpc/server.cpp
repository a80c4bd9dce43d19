#include "rpc/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/support/server_interceptor.h>
#include <netdb.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "domain/str_cat.h"
#include "rpc/malformed_requests.h"

namespace lanyard::server::rpc {

namespace {

// The largest request message, for every method and checked before any token: imports stream
// their files in parts of at most 1 MiB, and every other request is small. gRPC's default, made
// explicit.
constexpr int kMaxMessageBytes = 4 * 1024 * 1024;
// Synchronous handlers block while their check-in commits. gRPC's default keeps only 2 idle
// threads and ends every other one when its call returns, so under load it created ~350 threads a
// second; keeping up to this many idle threads serves each call on a thread that already exists.
constexpr int kMaxIdleHandlerThreads = 128;

absl::StatusOr<std::string> readFile(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(strCat("cannot read the ", what, " file ", path));
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// Counts a call from its start to its end: gRPC creates one interceptor per call and destroys
// it when the call is over.
class CallCounter final : public grpc::experimental::Interceptor {
 public:
  explicit CallCounter(InFlightCalls& calls) : m_calls(calls) { m_calls.begin(); }
  ~CallCounter() override { m_calls.end(); }
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override { methods->Proceed(); }

 private:
  InFlightCalls& m_calls;
};

class CallCounterFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit CallCounterFactory(InFlightCalls& calls) : m_calls(calls) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo*) override {
    return new CallCounter(m_calls);
  }

 private:
  InFlightCalls& m_calls;
};

}  // namespace

void InFlightCalls::begin() {
  std::lock_guard lock(m_mutex);
  ++m_count;
}

void InFlightCalls::end() {
  std::lock_guard lock(m_mutex);
  if (--m_count == 0) m_idle.notify_all();
}

bool InFlightCalls::waitUntilIdle(std::chrono::system_clock::time_point deadline) {
  std::unique_lock lock(m_mutex);
  return m_idle.wait_until(lock, deadline, [this] { return m_count == 0; });
}

bool hasListenPort(const std::string& listen) {
  const auto colon = listen.rfind(':');
  const std::string port = colon == std::string::npos ? "" : listen.substr(colon + 1);
  return !port.empty() && port.size() <= 5 &&
         std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c) != 0; }) &&
         std::stoi(port) <= 65535;
}

bool isLoopback(const std::string& listen) {
  std::string host = listen;
  if (const auto colon = host.rfind(':'); colon != std::string::npos) host.resize(colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) return false;  // gRPC binds every interface.
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) return false;
  bool loopback = found != nullptr;
  for (const addrinfo* address = found; address != nullptr; address = address->ai_next) {
    if (address->ai_family == AF_INET) {
      const in_addr& ip = reinterpret_cast<const sockaddr_in*>(address->ai_addr)->sin_addr;
      loopback = loopback && (ntohl(ip.s_addr) >> 24) == 127;
    } else if (address->ai_family == AF_INET6) {
      const in6_addr& ip = reinterpret_cast<const sockaddr_in6*>(address->ai_addr)->sin6_addr;
      loopback = loopback && (IN6_IS_ADDR_LOOPBACK(&ip) || (IN6_IS_ADDR_V4MAPPED(&ip) && ip.s6_addr[12] == 127));
    } else {
      loopback = false;
    }
  }
  freeaddrinfo(found);
  return loopback;
}

LanyardServer::LanyardServer(domain::EventStore& store, domain::BadgeSigner signer,
                             std::unique_ptr<live::AttendanceHub> hub, const ServerOptions& options)
    : m_signer(std::move(signer)),
      m_authorizer(store),
      m_hub(std::move(hub)),
      m_staffPins(store, domain::systemClock()),
      m_eventService({store, m_authorizer, m_signer}),
      m_checkInService({store, m_authorizer, m_signer}, m_staffPins),
      m_delegateService({store, m_authorizer, m_signer}),
      m_deviceService({store, m_authorizer, m_signer}, *m_hub),
      m_attendanceService({store, m_authorizer, m_signer}, *m_hub, options.watchStallLimit),
      m_kioskStatusService({store, m_authorizer, m_signer}, *m_hub),
      m_replicaService({store, m_authorizer, m_signer}, *m_hub) {}

LanyardServer::~LanyardServer() {
  m_hub->stopWatchers();
  m_replicaService.stop();
  if (m_server) {
    m_server->Shutdown(std::chrono::system_clock::now());
    m_server->Wait();
  }
}

absl::StatusOr<std::unique_ptr<LanyardServer>> LanyardServer::start(domain::EventStore& store,
                                                                    const ServerOptions& options) {
  if (!hasListenPort(options.listen)) {
    return absl::InvalidArgumentError(strCat("--listen ", options.listen, ": ", kListenForm));
  }
  absl::StatusOr<domain::BadgeSigner> signer = domain::signerForEvent(store.event());
  if (!signer.ok()) return signer.status();

  std::shared_ptr<grpc::ServerCredentials> credentials;
  const bool tls = !options.tlsCertFile.empty() || !options.tlsKeyFile.empty();
  if (tls) {
    if (options.tlsCertFile.empty() || options.tlsKeyFile.empty()) {
      return absl::InvalidArgumentError("TLS needs both a certificate (--tls-cert) and a key (--tls-key)");
    }
    absl::StatusOr<std::string> cert = readFile(options.tlsCertFile, "TLS certificate");
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = readFile(options.tlsKeyFile, "TLS key");
    if (!key.ok()) return key.status();
    grpc::SslServerCredentialsOptions ssl;
    ssl.pem_key_cert_pairs.push_back({*key, *cert});
    credentials = grpc::SslServerCredentials(ssl);
  } else if (!isLoopback(options.listen) && !options.insecure) {
    return absl::FailedPreconditionError(
        strCat("refusing to serve ", options.listen,
               " without TLS: it does not resolve to loopback addresses only (127.0.0.0/8, ::1), so tokens "
               "would cross the network in clear text. Give --tls-cert and --tls-key, or --insecure on a "
               "network you trust"));
  } else {
    credentials = grpc::InsecureServerCredentials();
  }

  absl::StatusOr<std::unique_ptr<live::AttendanceHub>> hub =
      live::AttendanceHub::start(store, domain::systemClock(), options.attendance);
  if (!hub.ok()) return hub.status();
  std::unique_ptr<LanyardServer> server(new LanyardServer(store, std::move(*signer), std::move(*hub), options));
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, credentials, &server->m_port);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  // Without this gRPC binds with SO_REUSEPORT, and a second server on a taken port would start
  // silently and share the kiosks' calls with the first.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, kMaxIdleHandlerThreads);
  builder.RegisterService(&server->m_eventService);
  builder.RegisterService(&server->m_checkInService);
  builder.RegisterService(&server->m_delegateService);
  builder.RegisterService(&server->m_deviceService);
  builder.RegisterService(&server->m_attendanceService);
  builder.RegisterService(&server->m_kioskStatusService);
  builder.RegisterService(&server->m_replicaService);
  if (options.exports != nullptr) {
    server->m_exportService = std::make_unique<ExportServiceImpl>(
        ServiceContext{store, server->m_authorizer, server->m_signer}, *options.exports);
    builder.RegisterService(server->m_exportService.get());
  }
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<CallCounterFactory>(server->m_inFlight));
  interceptors.push_back(std::make_unique<MalformedRequestInterceptorFactory>());
  limitProtobufLog();
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  server->m_server = builder.BuildAndStart();
  if (!server->m_server || server->m_port == 0) {
    server->m_server.reset();
    return absl::UnavailableError(
        strCat("cannot listen on ", options.listen, ": the address is invalid or the port is in use"));
  }
  return server;
}

void LanyardServer::shutdown(std::chrono::system_clock::time_point deadline) {
  if (!m_server) return;
  // Feeds never finish by themselves, and long-polls wait: end them first, or every shutdown would
  // wait until deadline.
  m_hub->stopWatchers();
  m_replicaService.stop();
  // grpc::Server::Shutdown(deadline) would also wait for idle clients to hang up, which C++
  // clients do not do until the deadline; so wait for the calls only, then stop at once.
  m_inFlight.waitUntilIdle(deadline);
  m_server->Shutdown(std::chrono::system_clock::now());
}

void LanyardServer::wait() {
  if (m_server) m_server->Wait();
}

}  // namespace lanyard::server::rpc
