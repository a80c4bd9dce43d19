#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "postgres/database.h"

namespace lanyard::server::postgres {

// A fixed number of connections to one database, each lent to one transaction at a time, so
// that a store's callers run their transactions side by side (and PostgreSQL commits them
// together). Thread-safe.
class ConnectionPool {
 public:
  // Opens `size` connections to `uri` (as Database::open).
  static absl::StatusOr<std::unique_ptr<ConnectionPool>> open(std::string_view uri, int size);

  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Database::inTransaction on a free connection, waiting for one if all are lent.
  absl::Status inTransaction(std::string_view purpose, const Database::Work& work,
                             Isolation isolation = Isolation::ReadCommitted);

  // The address as messages name it (Database::address).
  const std::string& address() const { return m_address; }

 private:
  explicit ConnectionPool(std::vector<Database> connections);

  std::string m_address;
  std::mutex m_mutex;
  std::condition_variable m_returned;
  std::vector<Database> m_idle;  // Guarded by m_mutex.
};

}  // namespace lanyard::server::postgres
