#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <pqxx/connection>
#include <pqxx/result>
#include <pqxx/transaction_base>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace lanyard::server::postgres {

// How far a transaction is isolated from concurrent ones (PostgreSQL's levels).
enum class Isolation { ReadCommitted, RepeatableRead, Serializable };

// One connection to a PostgreSQL database, and the one place where libpqxx's exceptions become
// absl::Status. Not thread-safe: a thread that needs the database opens its own (or borrows one
// from a pool). After a lost connection, the next transaction connects again (libpqxx's own
// reactivation), so a server that comes back, or a standby promoted behind a multi-host address,
// is used without reopening.
class Database {
 public:
  // Times inTransaction runs its work while the server reports a serialization failure or a
  // deadlock (SQLSTATE 40001, 40P01), before it gives up with UNAVAILABLE.
  static constexpr int kMaxAttempts = 5;

  // Connects to `uri`, a postgresql:// (or postgres://) address that libpq takes as it is:
  // several host:port pairs, target_session_attrs, sslmode and the rest pass through untouched.
  // INVALID_ARGUMENT for an address that is not such a URI, UNAVAILABLE when no server named in
  // it accepts the connection. No message names the address's password.
  static absl::StatusOr<Database> open(std::string_view uri);

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  // The address with its password replaced by ***: how messages name the database.
  const std::string& address() const { return m_address; }

  // Work done inside a transaction. Returning an error rolls the transaction back. It may run
  // more than once (see inTransaction), so it must not change anything outside the transaction
  // before it returns; libpqxx exceptions it lets through are mapped by toStatus.
  using Work = std::function<absl::Status(pqxx::transaction_base&)>;

  // Runs `work` in a new transaction at `isolation` and commits it if `work` returns OK. On a
  // serialization failure or deadlock, at any statement or at the commit, the transaction is
  // rolled back and `work` runs again in a new one, up to kMaxAttempts in all. `purpose` says
  // what the work does ("recording a check-in"): every error message starts with it and names
  // the database. A connection lost while committing gives UNAVAILABLE, and the commit may or
  // may not have happened: the caller retries with what makes a retry harmless (a request id).
  absl::Status inTransaction(std::string_view purpose, const Work& work,
                             Isolation isolation = Isolation::ReadCommitted);

  // The status for a libpqxx (or other) exception thrown while doing `purpose`, with the codes
  // of the domain's EventStore contract: unique violation (23505) ALREADY_EXISTS; other integrity
  // violations (class 23) and bad values (class 22) INVALID_ARGUMENT; a lost or refused connection
  // (class 08, a server shutting down 57P01-57P03, too many connections 53300) and a transaction
  // still conflicting after every attempt (40001, 40P01) UNAVAILABLE; disk full (53100) or out of
  // memory (53200) RESOURCE_EXHAUSTED; corruption (XX001, XX002) DATA_LOSS; anything else INTERNAL.
  absl::Status toStatus(const std::exception& error, std::string_view purpose) const;

 private:
  Database(std::unique_ptr<pqxx::connection> connection, std::string address, std::vector<std::string> secrets);

  // `text` with every secret of the address replaced by ***.
  std::string redact(std::string text) const;

  std::unique_ptr<pqxx::connection> m_connection;
  std::string m_address;
  std::vector<std::string> m_secrets;
};

// A statement PostgreSQL parses and plans once per connection instead of at every run, for the
// statements each check-in runs: at a busy entrance, parsing and planning them took a third of the
// database's CPU. Its name is unique in the program.
struct PreparedStatement {
  std::string_view name;
  std::string_view sql;
};

// Runs `statement` with `args` in `transaction`, preparing it on the transaction's connection the
// first time it runs there (and again after a reconnection: libpqxx does).
template <typename... Args>
pqxx::result execPrepared(pqxx::transaction_base& transaction, const PreparedStatement& statement, Args&&... args) {
  const std::string name(statement.name);
  transaction.conn().prepare(name, std::string(statement.sql));
  return transaction.exec_prepared(name, std::forward<Args>(args)...);
}

// A postgresql:// (or postgres://) address as messages name it, without connecting: its passwords
// replaced by ***, as Database::address() gives it.
std::string shownAddress(std::string_view uri);

}  // namespace lanyard::server::postgres
