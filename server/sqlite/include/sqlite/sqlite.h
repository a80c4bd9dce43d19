#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace lanyard::server::storage {

// Maps an SQLite result code to a Status, code for code (BUSY -> UNAVAILABLE, FULL ->
// RESOURCE_EXHAUSTED, CONSTRAINT_UNIQUE -> ALREADY_EXISTS, CORRUPT -> DATA_LOSS, ...).
// `context` says what was being done; the SQLite message is appended.
absl::Status statusFromSqlite(int resultCode, std::string_view context, std::string_view message);

// A prepared statement. Move-only; finalised on destruction. Not thread-safe.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds by 1-based index. Text is copied (SQLITE_TRANSIENT).
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::nullopt_t);
  Statement& bindBlob(int index, std::string_view bytes);

  // Advances: true for a row, false when done; anything else is an error.
  absl::StatusOr<bool> step();
  // Runs to completion, for statements that return no rows.
  absl::Status run();
  // Resets for re-execution and clears bindings.
  void reset();

  std::int64_t columnInt(int index) const;
  std::string columnText(int index) const;
  std::string_view columnTextView(int index) const;  // Valid until the next step or reset.
  bool columnIsNull(int index) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* statement, sqlite3* db) : m_statement(statement), m_db(db) {}
  sqlite3_stmt* m_statement = nullptr;
  sqlite3* m_db = nullptr;
  int m_bindError = 0;  // First failed bind, reported by the next step().
};

// A borrowed cached statement, reset (ending its read) when the borrow ends. Move-only.
class ScopedStatement {
 public:
  explicit ScopedStatement(Statement* statement) : m_statement(statement) {}
  ScopedStatement(ScopedStatement&& other) noexcept : m_statement(std::exchange(other.m_statement, nullptr)) {}
  ScopedStatement& operator=(ScopedStatement&&) = delete;
  ScopedStatement(const ScopedStatement&) = delete;
  ScopedStatement& operator=(const ScopedStatement&) = delete;
  ~ScopedStatement() {
    if (m_statement != nullptr) m_statement->reset();
  }
  Statement* operator->() const { return m_statement; }
  Statement& operator*() const { return *m_statement; }

 private:
  Statement* m_statement;
};

// The size a WAL file is cut back to when it starts over after a checkpoint. A large import
// grows it far beyond; without a limit it kept that size on disk for good.
inline constexpr std::int64_t kWalSizeLimitBytes = 16 * 1024 * 1024;

// One SQLite connection. Move-only; closed on destruction. Use from one thread at a time.
class Database {
 public:
  struct Options {
    bool readOnly = false;
    int busyTimeoutMs = 5000;
    // False keeps the file's journal mode: a backup is copied into a new file page by page, and
    // its copy keeps a rollback journal.
    bool wal = true;
  };

  // Opens (creating unless read-only) the file at `path` (":memory:" for tests) with WAL,
  // synchronous=FULL, the WAL size limit, foreign keys on and a busy timeout. Fails with a
  // message naming the path.
  static absl::StatusOr<Database> open(const std::string& path, const Options& options);
  static absl::StatusOr<Database> open(const std::string& path) { return open(path, Options{}); }

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  absl::StatusOr<Statement> prepare(std::string_view sql);
  // A statement prepared once per connection and kept; reset when the returned borrow ends.
  // `sql` must have static storage (a kFooSql constant): its address is the cache key.
  absl::StatusOr<ScopedStatement> cached(const char* sql);
  // Runs one or more statements that take no parameters (schema, BEGIN, COMMIT).
  absl::Status exec(std::string_view sql);
  // Calls `committed` with the WAL's size in pages after each commit on this connection, in
  // place of SQLite's automatic checkpoint (which would run inside the committing call).
  void onWalCommit(std::function<void(int walPages)> committed);
  // Copies what it can of the WAL into the database file without waiting for any lock.
  absl::Status checkpointPassive();
  // Frees the pages this connection caches that no statement is using.
  void releaseCache();
  std::int64_t lastInsertId() const;
  int changes() const;
  const std::string& path() const { return m_path; }
  sqlite3* handle() const { return m_db; }

 private:
  Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
  sqlite3* m_db = nullptr;
  std::string m_path;
  std::unordered_map<const char*, Statement> m_cache;
  std::unique_ptr<std::function<void(int)>> m_walCommitted;  // Stable address: SQLite holds it.
};

// A write transaction: BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless committed.
class Transaction {
 public:
  static absl::StatusOr<Transaction> begin(Database& db);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  absl::Status commit();

 private:
  explicit Transaction(Database* db) : m_db(db) {}
  Database* m_db = nullptr;
};

// A savepoint inside a transaction: rolled back to (and released) on destruction unless released.
class Savepoint {
 public:
  static absl::StatusOr<Savepoint> begin(Database& db);
  Savepoint(Savepoint&& other) noexcept;
  Savepoint& operator=(Savepoint&&) = delete;
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  ~Savepoint();

  absl::Status release();

 private:
  explicit Savepoint(Database* db) : m_db(db) {}
  Database* m_db = nullptr;
};

}  // namespace lanyard::server::storage
