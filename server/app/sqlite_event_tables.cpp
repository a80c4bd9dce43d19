// The SQLite end of a move: an event file read on a read-only connection beside the store that
// holds it, or a new file written in one transaction with its triggers set aside.

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/event_tables.h"
#include "domain/event_store.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "sqlite/sqlite.h"
#include "storage/migrations.h"
#include "storage/sqlite_event_store.h"

namespace lanyard::server::app {

namespace {

using storage::Database;
using storage::Statement;

constexpr char kCountEventsSql[] = "SELECT COUNT(*) FROM event";
// Every trigger: dropped while rows are copied in, made again from its own SQL before the commit.
constexpr char kSelectTriggersSql[] = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name";

absl::Status annotate(const absl::Status& status, std::string_view what) {
  return absl::Status(status.code(), strCat(what, ": ", status.message()));
}

std::string columnList(const MovedTable& table) {
  std::string list;
  for (const MovedColumn& column : table.columns) list += strCat(list.empty() ? "" : ", ", column.name);
  return list;
}

absl::StatusOr<std::int64_t> countRows(Database& db, std::string_view table) {
  LANYARD_ASSIGN_OR_RETURN(Statement select, db.prepare(strCat("SELECT COUNT(*) FROM ", table)));
  LANYARD_ASSIGN_OR_RETURN(const bool row, select.step());
  return row ? select.columnInt(0) : 0;
}

class SqliteSource final : public TableSource {
 public:
  SqliteSource(Database& db, const std::string& name) : m_db(db), m_name(name) {}

  absl::StatusOr<std::int64_t> count(const MovedTable& table) override {
    absl::StatusOr<std::int64_t> rows = countRows(m_db, table.name);
    if (!rows.ok()) return annotate(rows.status(), strCat("counting ", table.label, " in ", m_name));
    return rows;
  }

  absl::Status forEachRow(const MovedTable& table, const std::function<absl::Status(const Row&)>& row) override {
    absl::StatusOr<Statement> select =
        m_db.prepare(strCat("SELECT ", columnList(table), " FROM ", table.name, " ORDER BY ", table.orderBy));
    if (!select.ok()) return annotate(select.status(), strCat("reading ", table.label, " from ", m_name));
    Row values(table.columns.size());
    while (true) {
      absl::StatusOr<bool> more = select->step();
      if (!more.ok()) return annotate(more.status(), strCat("reading ", table.label, " from ", m_name));
      if (!*more) return absl::OkStatus();
      for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const int column = static_cast<int>(i);
        if (select->columnIsNull(column)) {
          values[i] = std::monostate();
        } else if (table.columns[i].type == ColumnType::Integer) {
          values[i] = select->columnInt(column);
        } else {
          values[i] = select->columnText(column);
        }
      }
      LANYARD_RETURN_IF_ERROR(row(values));
    }
  }

 private:
  Database& m_db;
  const std::string& m_name;
};

class SqliteSink final : public TableSink {
 public:
  SqliteSink(Database& db, const std::string& name) : m_db(db), m_name(name) {}

  absl::Status insert(const MovedTable& table, const Row& row) override {
    absl::StatusOr<Statement*> insert = statementFor(table);
    if (!insert.ok()) return annotate(insert.status(), strCat("writing ", table.label, " into ", m_name));
    Statement& statement = **insert;
    statement.reset();
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      const int parameter = static_cast<int>(i) + 1;
      if (const auto* integer = std::get_if<std::int64_t>(&row[i])) {
        statement.bind(parameter, *integer);
      } else if (const auto* text = std::get_if<std::string>(&row[i])) {
        const ColumnType type = table.columns[i].type;
        if (type == ColumnType::Bytes || type == ColumnType::TextAsBlob) {
          statement.bindBlob(parameter, *text);
        } else {
          statement.bind(parameter, std::string_view(*text));
        }
      } else {
        statement.bind(parameter, std::nullopt);
      }
    }
    return annotate(statement.run(), strCat("writing ", table.label, " into ", m_name));
  }

  absl::StatusOr<std::int64_t> count(const MovedTable& table) override {
    absl::StatusOr<std::int64_t> rows = countRows(m_db, table.name);
    if (!rows.ok()) return annotate(rows.status(), strCat("counting ", table.label, " in ", m_name));
    return rows;
  }

 private:
  // The table's INSERT, prepared once per move.
  absl::StatusOr<Statement*> statementFor(const MovedTable& table) {
    auto found = m_inserts.find(table.name);
    if (found != m_inserts.end()) return &found->second;
    std::string parameters;
    for (std::size_t i = 0; i < table.columns.size(); ++i) parameters += i == 0 ? "?" : ", ?";
    LANYARD_ASSIGN_OR_RETURN(
        Statement prepared,
        m_db.prepare(strCat("INSERT INTO ", table.name, " (", columnList(table), ") VALUES (", parameters, ")")));
    return &m_inserts.emplace(table.name, std::move(prepared)).first->second;
  }

  Database& m_db;
  const std::string& m_name;
  std::unordered_map<std::string_view, Statement> m_inserts;
};

class SqliteEventTables final : public EventTables {
 public:
  SqliteEventTables(std::string path, std::unique_ptr<storage::SqliteEventStore> held, bool createdFile)
      : m_path(std::move(path)), m_held(std::move(held)), m_createdFile(createdFile) {}

  // Closes the file; removes it if this opening created it and no event was committed into it.
  ~SqliteEventTables() override {
    m_db.reset();
    if (!m_createdFile || m_committed) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(m_path + suffix, ignored);
  }

  // Opens the connection: read-only beside the held store for a source, read-write for a target.
  absl::Status connect(bool readOnly) {
    LANYARD_ASSIGN_OR_RETURN(Database db, Database::open(m_path, Database::Options{.readOnly = readOnly}));
    m_db.emplace(std::move(db));
    return absl::OkStatus();
  }

  Database& db() { return *m_db; }

  const std::string& name() const override { return m_path; }

  absl::Status read(const std::function<absl::Status(TableSource&)>& work) override {
    LANYARD_RETURN_IF_ERROR(annotate(m_db->exec("BEGIN"), strCat("reading ", m_path)));
    SqliteSource source(*m_db, m_path);
    absl::Status status = work(source);
    (void)m_db->exec("ROLLBACK");  // Nothing was written: the read ends.
    return status;
  }

  absl::Status write(const std::function<absl::Status(TableSink&)>& work) override {
    absl::StatusOr<storage::Transaction> transaction = storage::Transaction::begin(*m_db);
    if (!transaction.ok()) return annotate(transaction.status(), strCat("writing ", m_path));
    LANYARD_ASSIGN_OR_RETURN(const std::int64_t events, countRows(*m_db, "event"));
    if (events != 0) return alreadyHoldsAnEvent();
    std::vector<std::pair<std::string, std::string>> triggers;
    {
      LANYARD_ASSIGN_OR_RETURN(Statement select, m_db->prepare(kSelectTriggersSql));
      while (true) {
        LANYARD_ASSIGN_OR_RETURN(const bool row, select.step());
        if (!row) break;
        triggers.emplace_back(select.columnText(0), select.columnText(1));
      }
    }
    for (const auto& [trigger, sql] : triggers) LANYARD_RETURN_IF_ERROR(m_db->exec(strCat("DROP TRIGGER ", trigger)));
    {
      SqliteSink sink(*m_db, m_path);
      LANYARD_RETURN_IF_ERROR(work(sink));
    }
    for (const auto& [trigger, sql] : triggers) LANYARD_RETURN_IF_ERROR(m_db->exec(sql));
    LANYARD_RETURN_IF_ERROR(annotate(transaction->commit(), strCat("writing ", m_path)));
    m_committed = true;
    return absl::OkStatus();
  }

  absl::Status alreadyHoldsAnEvent() const {
    return absl::AlreadyExistsError(
        strCat(m_path, " already holds an event; an event moves only into a new file or an empty database"));
  }

 private:
  std::string m_path;
  std::unique_ptr<storage::SqliteEventStore> m_held;  // A source's store, holding its file.
  std::optional<Database> m_db;                       // Closed before m_held.
  bool m_createdFile;
  bool m_committed = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<EventTables>> openSqliteTables(const std::string& path, MoveEnd end) {
  const bool exists = std::filesystem::exists(path);
  if (end == MoveEnd::Source) {
    if (!exists) return absl::NotFoundError(strCat(path, " does not exist"));
    // Migrates the file, refuses one without an event, and holds it as a server would.
    LANYARD_ASSIGN_OR_RETURN(std::unique_ptr<storage::SqliteEventStore> store,
                             storage::SqliteEventStore::open(path, domain::systemClock()));
    auto tables = std::make_unique<SqliteEventTables>(path, std::move(store), /*createdFile=*/false);
    LANYARD_RETURN_IF_ERROR(tables->connect(/*readOnly=*/true));
    return tables;
  }
  auto tables = std::make_unique<SqliteEventTables>(path, nullptr, /*createdFile=*/!exists);
  LANYARD_RETURN_IF_ERROR(tables->connect(/*readOnly=*/false));
  LANYARD_ASSIGN_OR_RETURN(const int version, storage::schemaVersion(tables->db()));
  // Checked before migrating, so that a file holding an event is left as it was.
  if (version > 0) {
    LANYARD_ASSIGN_OR_RETURN(const std::int64_t events, countRows(tables->db(), "event"));
    if (events != 0) return tables->alreadyHoldsAnEvent();
  }
  LANYARD_RETURN_IF_ERROR(annotate(storage::migrate(tables->db()), strCat("preparing ", path)));
  return tables;
}

}  // namespace lanyard::server::app
