#pragma once

#include <grpcpp/server.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "domain/attendee_export.h"
#include "domain/badge_code.h"
#include "domain/event_store.h"
#include "live/attendance_hub.h"
#include "rpc/attendance_service.h"
#include "rpc/auth.h"
#include "rpc/check_in_service.h"
#include "rpc/delegate_service.h"
#include "rpc/device_service.h"
#include "rpc/event_service.h"
#include "rpc/export_service.h"
#include "rpc/kiosk_status_service.h"
#include "rpc/replica_service.h"

namespace lanyard::server::rpc {

struct ServerOptions {
  std::string listen = "127.0.0.1:50051";  // host:port; port 0 picks a free one.
  std::string tlsCertFile;                 // PEM; with tlsKeyFile, serve TLS.
  std::string tlsKeyFile;
  bool insecure = false;        // Allow plaintext on a non-loopback address.
  live::HubOptions attendance;  // The live attendance feed's memory and limits.
  // How long a watch stream's message may wait for its client before the stream is ended.
  std::chrono::milliseconds watchStallLimit = AttendanceServiceImpl::kDefaultStallLimit;
  // Where attendee lists are read from; must outlive the server. Without it ExportService is not
  // offered (tests that do not export).
  domain::ExportSource* exports = nullptr;
};

// Whether `listen` ends in a port gRPC takes as given, 0 to 65535: it would take any other as 0, a
// free port of its choosing. What to ask for otherwise: kListenForm.
bool hasListenPort(const std::string& listen);
inline constexpr char kListenForm[] = "give HOST:PORT with a port from 1 to 65535 (0 picks a free one)";

// Whether every address `listen`'s host resolves to (getaddrinfo: names too, so "localhost" counts)
// is loopback, 127.0.0.0/8 or ::1; false for a host that does not resolve or an empty one. May
// block on the system resolver.
bool isLoopback(const std::string& listen);

// Counts calls in progress, so a shutdown waits for running calls but not for idle connections.
class InFlightCalls {
 public:
  void begin();
  void end();
  // True once no call is in progress; false if `deadline` passed first.
  bool waitUntilIdle(std::chrono::system_clock::time_point deadline);

 private:
  std::mutex m_mutex;
  std::condition_variable m_idle;
  int m_count = 0;
};

// The running gRPC server: the lanyard.v1 services, health checking and reflection.
class LanyardServer {
 public:
  // Starts serving `store`, which must outlive the server, with the live attendance hub attached
  // to it (built from the whole activity log first). INVALID_ARGUMENT for a bad address or TLS
  // files; FAILED_PRECONDITION for plaintext on a non-loopback address without `insecure`, or when
  // another server already serves `store`; UNAVAILABLE if the port is taken.
  static absl::StatusOr<std::unique_ptr<LanyardServer>> start(domain::EventStore& store, const ServerOptions& options);
  ~LanyardServer();

  // The bound port (useful with port 0).
  int port() const { return m_port; }
  // Ends attendance feeds at once (their clients resume elsewhere or later), lets other running
  // calls finish until `deadline`, then stops: anything still running is cancelled and idle
  // connections are closed.
  void shutdown(std::chrono::system_clock::time_point deadline);
  void wait();

  // The live attendance hub the feeds read from.
  live::AttendanceHub& attendanceHub() { return *m_hub; }

 private:
  LanyardServer(domain::EventStore& store, domain::BadgeSigner signer, std::unique_ptr<live::AttendanceHub> hub,
                const ServerOptions& options);

  domain::BadgeSigner m_signer;
  Authorizer m_authorizer;
  std::unique_ptr<live::AttendanceHub> m_hub;  // Before the services that use it: destroyed after them.
  domain::StaffPinGuard m_staffPins;
  EventServiceImpl m_eventService;
  CheckInServiceImpl m_checkInService;
  DelegateServiceImpl m_delegateService;
  DeviceServiceImpl m_deviceService;
  AttendanceServiceImpl m_attendanceService;
  KioskStatusServiceImpl m_kioskStatusService;
  ReplicaServiceImpl m_replicaService;
  std::unique_ptr<ExportServiceImpl> m_exportService;
  InFlightCalls m_inFlight;
  std::unique_ptr<grpc::Server> m_server;
  int m_port = 0;
};

}  // namespace lanyard::server::rpc
