#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "absl/status/statusor.h"
#include "domain/device_store.h"
#include "domain/device_tokens.h"
#include "domain/event.h"
#include "domain/event_store.h"
#include "postgres/database.h"

namespace lanyard::server::postgres {

// The DeviceStore on a PostgreSQL database that several Lanyard servers share: devices by token
// hash in memory, as SqliteEventStore keeps them, kept current with what the other servers do.
// What a server sees of another's changes, and when:
// - A device created elsewhere authenticates here at once: a token unknown in memory is looked
//   up in the database (one query per unknown token) before NOT_FOUND.
// - A device revoked elsewhere stops authenticating here once its NOTIFY arrives, normally within
//   milliseconds of the revoking commit (the NOTIFY is sent in that transaction, so a rolled-back
//   revocation never arrives). While the listening connection is down a revocation cannot arrive:
//   the store reconnects and then reloads every device and the staff PIN from the database.
// - A staff PIN set elsewhere is read here once its NOTIFY arrives, the same way.
// Thread-safe. The listening connection has its own thread, stopped by the destructor.
class PostgresDeviceStore final : public domain::DeviceStore {
 public:
  // Longest the listening thread waits for a notification before it checks whether to stop, and
  // waits before it connects again after losing its connection.
  static constexpr long kListenWaitUs = 200'000;
  static constexpr long kReconnectWaitUs = 1'000'000;

  // Connects to `uri` (as Database::open), migrates the database to the newest schema, starts
  // listening for the other servers' changes and loads the devices and the staff PIN.
  // FAILED_PRECONDITION when the database holds no event; otherwise Database's codes.
  static absl::StatusOr<std::unique_ptr<PostgresDeviceStore>> open(std::string_view uri, domain::Clock clock);

  PostgresDeviceStore(const PostgresDeviceStore&) = delete;
  PostgresDeviceStore& operator=(const PostgresDeviceStore&) = delete;
  ~PostgresDeviceStore() override;

  // From memory; an unknown token costs a query, and UNAVAILABLE when the database cannot answer.
  absl::StatusOr<domain::Device> authenticate(std::string_view token) override;
  absl::StatusOr<domain::CreatedDevice> createDevice(std::string_view name, domain::Role role) override;
  absl::StatusOr<std::vector<domain::Device>> listDevices(domain::Page page) override;
  // Serializable, so that two servers revoking the last two admin tokens at once cannot both succeed.
  absl::StatusOr<domain::Device> revokeDevice(std::optional<std::int64_t> id, std::string_view name) override;
  std::string staffPinHash() const override;
  absl::Status setStaffPinHash(std::string hash) override;

 private:
  struct Listening;

  PostgresDeviceStore(Database db, std::string uri, domain::Clock clock);

  // Connects the listening connection and LISTENs, then reloads devices and staff PIN through it,
  // so that no change committed after the reload began is missed. FAILED_PRECONDITION when the
  // database holds no event; throws libpqxx's exceptions.
  absl::Status connectListening();
  // The listening thread: waits for notifications until the destructor asks it to stop.
  void listen();

  domain::Clock m_clock;
  std::string m_uri;  // As given, password and all: for the listening connection.
  mutable std::mutex m_dbMutex;
  Database m_db;  // Guarded by m_dbMutex, but for address() and toStatus(), which only read.
  domain::TokenCache m_tokens;
  mutable std::mutex m_staffPinMutex;
  std::string m_staffPinHash;  // Guarded by m_staffPinMutex.

  std::unique_ptr<Listening> m_listening;  // Listening thread only, once started.
  std::mutex m_stopMutex;
  std::condition_variable m_stopRequested;
  bool m_stopping = false;  // Guarded by m_stopMutex.
  std::thread m_listener;   // Last member: started last.
};

}  // namespace lanyard::server::postgres
