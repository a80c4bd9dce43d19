#include "sqlite/sqlite.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>

#include "domain/str_cat.h"

namespace lanyard::server::storage {

absl::Status statusFromSqlite(int resultCode, std::string_view context, std::string_view message) {
  const std::string text = strCat(context, ": ", message);
  switch (resultCode) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return absl::OkStatus();
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return absl::AlreadyExistsError(text);
    case SQLITE_BUSY:
    case SQLITE_BUSY_SNAPSHOT:
    case SQLITE_BUSY_TIMEOUT:
    case SQLITE_LOCKED:
      return absl::UnavailableError(text);
    case SQLITE_FULL:
    case SQLITE_IOERR_NOMEM:
    case SQLITE_NOMEM:
    case SQLITE_TOOBIG:
      return absl::ResourceExhaustedError(text);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(text);
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
    case SQLITE_CANTOPEN:
      return absl::FailedPreconditionError(text);
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
    case SQLITE_MISUSE:
      return absl::InternalError(text);
    default:
      break;
  }
  switch (resultCode & 0xff) {
    case SQLITE_CONSTRAINT:
      return absl::FailedPreconditionError(text);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
      return absl::UnavailableError(text);
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
      return absl::FailedPreconditionError(text);
    case SQLITE_CORRUPT:
      return absl::DataLossError(text);
    default:
      return absl::InternalError(text);
  }
}

namespace {

absl::Status lastError(sqlite3* db, int resultCode, std::string_view context) {
  return statusFromSqlite(resultCode, context, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(resultCode));
}

// Why this process could not write the database at `path`, if it could not. SQLite would open a
// write-protected file read-only without a word and fail each write; and in WAL mode it writes
// a log beside the file, so the folder must be writable too.
std::optional<std::string> writeAccessProblem(const std::string& path) {
  const std::string folder = std::filesystem::path(path).parent_path().string();
  const std::string who = strCat("this user (uid ", geteuid(), ") may not ");
  if (access(path.c_str(), F_OK) == 0 && access(path.c_str(), W_OK) != 0) {
    return strCat(who, "write the file (", std::strerror(errno), "); give it to the user the server runs as");
  }
  if (access(folder.empty() ? "." : folder.c_str(), W_OK) != 0) {
    return strCat(who, "create files in its folder, where SQLite keeps its write-ahead log (", std::strerror(errno),
                  "); give the folder to the user the server runs as");
  }
  return std::nullopt;
}

}  // namespace

Statement::Statement(Statement&& other) noexcept
    : m_statement(std::exchange(other.m_statement, nullptr)), m_db(other.m_db), m_bindError(other.m_bindError) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(m_statement);
    m_statement = std::exchange(other.m_statement, nullptr);
    m_db = other.m_db;
    m_bindError = other.m_bindError;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(m_statement); }

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(m_statement, index, value);
  if (rc != SQLITE_OK && m_bindError == 0) m_bindError = rc;
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  const int rc = sqlite3_bind_text64(m_statement, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && m_bindError == 0) m_bindError = rc;
  return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
  const int rc = sqlite3_bind_null(m_statement, index);
  if (rc != SQLITE_OK && m_bindError == 0) m_bindError = rc;
  return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes) {
  const int rc = sqlite3_bind_blob64(m_statement, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && m_bindError == 0) m_bindError = rc;
  return *this;
}

absl::StatusOr<bool> Statement::step() {
  if (m_bindError != 0) {
    return lastError(m_db, m_bindError, strCat("binding ", sqlite3_sql(m_statement)));
  }
  const int rc = sqlite3_step(m_statement);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return lastError(m_db, sqlite3_extended_errcode(m_db), "running statement");
}

absl::Status Statement::run() {
  while (true) {
    absl::StatusOr<bool> row = step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

void Statement::reset() {
  sqlite3_reset(m_statement);
  sqlite3_clear_bindings(m_statement);
  m_bindError = 0;
}

std::int64_t Statement::columnInt(int index) const { return sqlite3_column_int64(m_statement, index); }

std::string Statement::columnText(int index) const { return std::string(columnTextView(index)); }

std::string_view Statement::columnTextView(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, index));
  if (text == nullptr) return {};
  return {text, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, index))};
}

bool Statement::columnIsNull(int index) const { return sqlite3_column_type(m_statement, index) == SQLITE_NULL; }

absl::StatusOr<Database> Database::open(const std::string& path, const Options& options) {
  // SQLite's memory statistics take one process-wide mutex on every allocation, where readers on
  // several threads then queue; Lanyard never reads them. Only possible before SQLite starts.
  static const int memoryStatisticsOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memoryStatisticsOff;
  if (!options.readOnly) {
    if (std::optional<std::string> problem = writeAccessProblem(path)) {
      return absl::FailedPreconditionError(strCat("opening database ", path, ": ", *problem));
    }
  }
  sqlite3* raw = nullptr;
  const int flags =
      (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(raw, path);
  if (rc != SQLITE_OK) {
    return lastError(raw, rc, strCat("opening database ", path));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busyTimeoutMs);
  // WAL lets readers run beside the single writer; FULL syncs the WAL on every commit, so an
  // acknowledged check-in survives power loss. The writer's larger cache (16 MiB; 32 cost
  // the memory target once search moved into memory) keeps a big import from spilling pages to
  // the WAL and back. No connection maps the file: each mapping counted every
  // page it touched in the server's resident set again (up to 256 MiB per connection), and the
  // kernel's page cache serves the reads just as well.
  const std::string pragmas = options.readOnly ? "PRAGMA foreign_keys = ON; PRAGMA query_only = ON;"
                                               : strCat(options.wal ? "PRAGMA journal_mode = WAL; " : "",
                                                        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                                                        "PRAGMA cache_size = -16384; PRAGMA journal_size_limit = ",
                                                        kWalSizeLimitBytes, ";");
  if (absl::Status status = db.exec(pragmas); !status.ok()) {
    return absl::Status(status.code(), strCat("opening database ", path, ": ", status.message()));
  }
  return db;
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)),
      m_path(std::move(other.m_path)),
      m_cache(std::move(other.m_cache)),
      m_walCommitted(std::move(other.m_walCommitted)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    m_cache.clear();
    sqlite3_close_v2(m_db);
    m_db = std::exchange(other.m_db, nullptr);
    m_path = std::move(other.m_path);
    m_cache = std::move(other.m_cache);
    m_walCommitted = std::move(other.m_walCommitted);
  }
  return *this;
}

Database::~Database() {
  m_cache.clear();
  sqlite3_close_v2(m_db);
}

absl::StatusOr<ScopedStatement> Database::cached(const char* sql) {
  auto found = m_cache.find(sql);
  if (found == m_cache.end()) {
    absl::StatusOr<Statement> statement = prepare(sql);
    if (!statement.ok()) return statement.status();
    found = m_cache.emplace(sql, std::move(*statement)).first;
  }
  return ScopedStatement(&found->second);
}

absl::StatusOr<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const int rc =
      sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (rc != SQLITE_OK) {
    return lastError(m_db, rc, strCat("preparing `", sql.substr(0, 60), "`"));
  }
  return Statement(raw, m_db);
}

absl::Status Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    absl::Status status = statusFromSqlite(sqlite3_extended_errcode(m_db), strCat("running `", sql.substr(0, 60), "`"),
                                           message != nullptr ? message : sqlite3_errstr(rc));
    sqlite3_free(message);
    return status;
  }
  return absl::OkStatus();
}

void Database::onWalCommit(std::function<void(int walPages)> committed) {
  m_walCommitted = std::make_unique<std::function<void(int)>>(std::move(committed));
  sqlite3_wal_hook(
      m_db,
      [](void* hook, sqlite3*, const char*, int pages) {
        (*static_cast<std::function<void(int)>*>(hook))(pages);
        return SQLITE_OK;
      },
      m_walCommitted.get());
}

absl::Status Database::checkpointPassive() {
  const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (rc != SQLITE_OK) return lastError(m_db, rc, "checkpointing the WAL");
  return absl::OkStatus();
}

void Database::releaseCache() { sqlite3_db_release_memory(m_db); }

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }

int Database::changes() const { return sqlite3_changes(m_db); }

absl::StatusOr<Transaction> Transaction::begin(Database& db) {
  if (absl::Status status = db.exec("BEGIN IMMEDIATE"); !status.ok()) return status;
  return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Transaction::~Transaction() {
  if (m_db != nullptr) (void)m_db->exec("ROLLBACK");
}

absl::Status Transaction::commit() {
  absl::Status status = m_db->exec("COMMIT");
  if (status.ok()) m_db = nullptr;
  return status;
}

// A savepoint opens and closes around every write of a batch: prepared once per connection.
constexpr char kSavepointSql[] = "SAVEPOINT step";
constexpr char kReleaseSql[] = "RELEASE step";

absl::StatusOr<Savepoint> Savepoint::begin(Database& db) {
  absl::StatusOr<ScopedStatement> savepoint = db.cached(kSavepointSql);
  if (!savepoint.ok()) return savepoint.status();
  if (absl::Status status = (*savepoint)->run(); !status.ok()) return status;
  return Savepoint(&db);
}

Savepoint::Savepoint(Savepoint&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Savepoint::~Savepoint() {
  if (m_db != nullptr) (void)m_db->exec("ROLLBACK TO step; RELEASE step");
}

absl::Status Savepoint::release() {
  absl::StatusOr<ScopedStatement> release = m_db->cached(kReleaseSql);
  if (!release.ok()) return release.status();
  absl::Status status = (*release)->run();
  if (status.ok()) m_db = nullptr;
  return status;
}

}  // namespace lanyard::server::storage
