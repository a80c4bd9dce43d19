#include "postgres/connection_pool.h"

#include <utility>

#include "domain/status_macros.h"
#include "domain/str_cat.h"

namespace lanyard::server::postgres {

absl::StatusOr<std::unique_ptr<ConnectionPool>> ConnectionPool::open(std::string_view uri, int size) {
  if (size < 1) return absl::InvalidArgumentError(strCat("a connection pool needs a connection, not ", size));
  std::vector<Database> connections;
  connections.reserve(static_cast<std::size_t>(size));
  for (int i = 0; i < size; ++i) {
    LANYARD_ASSIGN_OR_RETURN(Database db, Database::open(uri));
    connections.push_back(std::move(db));
  }
  return std::unique_ptr<ConnectionPool>(new ConnectionPool(std::move(connections)));
}

ConnectionPool::ConnectionPool(std::vector<Database> connections)
    : m_address(connections.front().address()), m_idle(std::move(connections)) {}

absl::Status ConnectionPool::inTransaction(std::string_view purpose, const Database::Work& work, Isolation isolation) {
  std::unique_lock lock(m_mutex);
  m_returned.wait(lock, [this] { return !m_idle.empty(); });
  Database db = std::move(m_idle.back());
  m_idle.pop_back();
  lock.unlock();
  absl::Status status = db.inTransaction(purpose, work, isolation);
  lock.lock();
  m_idle.push_back(std::move(db));
  lock.unlock();
  m_returned.notify_one();
  return status;
}

}  // namespace lanyard::server::postgres
