// The PostgreSQL end of a move: an event database read in one REPEATABLE READ snapshot, or an
// empty one written in one transaction with its triggers disabled.

#include <pqxx/binarystring>
#include <pqxx/prepared_statement>
#include <pqxx/transaction_base>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/event_tables.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "domain/text.h"
#include "postgres/cursor.h"
#include "postgres/database.h"
#include "postgres/migrations.h"

namespace lanyard::server::app {

namespace {

using postgres::Database;

constexpr char kCountEventsSql[] = "SELECT count(*) FROM event";
// Other clients of the database: a server still serving the event would go on writing to it.
constexpr char kOtherConnectionsSql[] =
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
    "AND backend_type = 'client backend'";
// The activities' sequence (migration 0001, take_activity_sequence) continues after the
// activities copied in with their ids.
constexpr char kSetActivitySequenceSql[] =
    "SELECT setval('activity_id', COALESCE(max(id), 0) + 1, false) FROM activity";

std::int64_t countRows(pqxx::transaction_base& transaction, std::string_view table) {
  return transaction.exec1(strCat("SELECT count(*) FROM ", table))[0].as<std::int64_t>();
}

// Bytes as BYTEA's text input: \x and two hex digits a byte.
std::string byteaText(const std::string& bytes) {
  constexpr char kHex[] = "0123456789abcdef";
  std::string text = "\\x";
  text.reserve(2 + 2 * bytes.size());
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    text.push_back(kHex[byte >> 4]);
    text.push_back(kHex[byte & 0xF]);
  }
  return text;
}

// `bytes` as PostgreSQL text can hold it: each NUL or invalid UTF-8 byte (a scanned code SQLite
// kept as it came, cut at a byte count) as U+FFFD, as PostgresEventStore logs a scanned code.
std::string storableText(std::string_view bytes) {
  if (domain::isValidUtf8(bytes) && bytes.find('\0') == std::string_view::npos) return std::string(bytes);
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string text;
  while (!bytes.empty()) {
    const std::size_t length = domain::utf8SequenceLength(bytes);
    const bool storable = length != 0 && bytes.front() != '\0';
    text += storable ? bytes.substr(0, length) : kReplacement;
    bytes.remove_prefix(storable ? length : 1);
  }
  return text;
}

// Each end turns its own libpqxx exceptions into statuses with its own Database (Database::toStatus),
// so that a failure is told of as the source's or the target's, however the two are nested.
class PostgresSource final : public TableSource {
 public:
  PostgresSource(Database& db, pqxx::transaction_base& transaction) : m_db(db), m_transaction(transaction) {}

  absl::StatusOr<std::int64_t> count(const MovedTable& table) override {
    try {
      return countRows(m_transaction, table.name);
    } catch (const std::exception& error) {
      return m_db.toStatus(error, strCat("counting ", table.label));
    }
  }

  absl::Status forEachRow(const MovedTable& table, const std::function<absl::Status(const Row&)>& row) override {
    try {
      // A name of its own each time: the target's work may run again on the same snapshot.
      postgres::Cursor select(m_transaction, strCat("lanyard_move_", ++m_cursors),
                              strCat("SELECT ", columnList(table), " FROM ", table.name, " ORDER BY ", table.orderBy));
      Row values(table.columns.size());
      while (const std::optional<pqxx::row> next = select.next()) {
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
          const pqxx::field field = (*next)[static_cast<pqxx::row::size_type>(i)];
          if (field.is_null()) {
            values[i] = std::monostate();
          } else if (table.columns[i].type == ColumnType::Integer) {
            values[i] = field.as<std::int64_t>();
          } else if (table.columns[i].type == ColumnType::Bytes) {
            values[i] = pqxx::binarystring(field).str();
          } else {
            values[i] = std::string(field.c_str(), field.size());
          }
        }
        LANYARD_RETURN_IF_ERROR(row(values));
      }
      return absl::OkStatus();
    } catch (const std::exception& error) {
      return m_db.toStatus(error, strCat("reading ", table.label));
    }
  }

 private:
  Database& m_db;
  pqxx::transaction_base& m_transaction;
  int m_cursors = 0;  // Cursors declared so far.
};

// Inserts rows a batch at a time, kParametersPerInsert values in one INSERT: one round trip for
// hundreds of rows. A batch is written when full, before another table's rows and before a count.
class PostgresSink final : public TableSink {
 public:
  static constexpr std::size_t kParametersPerInsert = 10'000;

  PostgresSink(Database& db, pqxx::transaction_base& transaction) : m_db(db), m_transaction(transaction) {}

  absl::Status insert(const MovedTable& table, const Row& row) override {
    if (m_table != &table) LANYARD_RETURN_IF_ERROR(flush());
    m_table = &table;
    if (m_rows == 0) m_firstKey = row[0];
    m_lastKey = row[0];
    // Every value as text (NULL as a null pointer): PostgreSQL reads each as its column's type.
    for (std::size_t i = 0; i < row.size(); ++i) {
      std::optional<std::string>& value = m_values.emplace_back();
      if (const auto* integer = std::get_if<std::int64_t>(&row[i])) {
        value = std::to_string(*integer);
      } else if (const auto* text = std::get_if<std::string>(&row[i])) {
        value = table.columns[i].type == ColumnType::Bytes ? byteaText(*text) : storableText(*text);
      }
    }
    ++m_rows;
    return m_values.size() + row.size() > kParametersPerInsert ? flush() : absl::OkStatus();
  }

  absl::StatusOr<std::int64_t> count(const MovedTable& table) override {
    LANYARD_RETURN_IF_ERROR(flush());
    try {
      return countRows(m_transaction, table.name);
    } catch (const std::exception& error) {
      return m_db.toStatus(error, strCat("counting ", table.label));
    }
  }

  // Writes the rows inserted since the last batch.
  absl::Status flush() {
    if (m_rows == 0) return absl::OkStatus();
    const MovedTable& table = *m_table;
    const std::string rows =
        strCat(rowKey(table, m_firstKey), m_rows == 1 ? "" : strCat(" to ", rowKey(table, m_lastKey)));
    std::string sql = strCat("INSERT INTO ", table.name, " (", columnList(table), ") VALUES ");
    std::vector<const char*> parameters;
    parameters.reserve(m_values.size());
    for (std::size_t i = 0; i < m_values.size(); ++i) {
      const std::size_t column = i % table.columns.size();
      sql += strCat(column == 0 ? (i == 0 ? "($" : "), ($") : ", $", i + 1);
      parameters.push_back(m_values[i] ? m_values[i]->c_str() : nullptr);
    }
    sql += ")";
    m_rows = 0;
    try {
      m_transaction.exec_params(sql, pqxx::prepare::make_dynamic_params(parameters));
      m_values.clear();
      return absl::OkStatus();
    } catch (const std::exception& error) {
      m_values.clear();
      return m_db.toStatus(error, strCat("writing ", table.label, " (rows ", rows, ")"));
    }
  }

 private:
  Database& m_db;
  pqxx::transaction_base& m_transaction;
  // The batch: its table, rows, the keys of its first and last, and every value row after row.
  const MovedTable* m_table = nullptr;
  std::size_t m_rows = 0;
  Value m_firstKey;
  Value m_lastKey;
  std::vector<std::optional<std::string>> m_values;
};

class PostgresEventTables final : public EventTables {
 public:
  explicit PostgresEventTables(Database db) : m_db(std::move(db)) {}

  const std::string& name() const override { return m_db.address(); }

  absl::Status read(const std::function<absl::Status(TableSource&)>& work) override {
    return m_db.inTransaction(
        "reading the event to move",
        [&](pqxx::transaction_base& transaction) {
          transaction.exec("SET TRANSACTION READ ONLY");
          PostgresSource source(m_db, transaction);
          return work(source);
        },
        postgres::Isolation::RepeatableRead);
  }

  absl::Status write(const std::function<absl::Status(TableSink&)>& work) override {
    return m_db.inTransaction("moving the event in", [&](pqxx::transaction_base& transaction) {
      if (transaction.exec1(kCountEventsSql)[0].as<std::int64_t>() != 0) return alreadyHoldsAnEvent();
      // The triggers would log each copied check-in, print and import as a new activity. Disabled
      // only inside this transaction: no other client sees them so.
      for (const MovedTable& table : movedTables()) {
        transaction.exec(strCat("ALTER TABLE ", table.name, " DISABLE TRIGGER USER"));
      }
      PostgresSink sink(m_db, transaction);
      LANYARD_RETURN_IF_ERROR(work(sink));
      LANYARD_RETURN_IF_ERROR(sink.flush());
      for (const MovedTable& table : movedTables()) {
        transaction.exec(strCat("ALTER TABLE ", table.name, " ENABLE TRIGGER USER"));
        if (table.identity) {
          transaction.exec(strCat("SELECT setval(pg_get_serial_sequence('", table.name,
                                  "', 'id'), COALESCE(max(id), 0) + 1, false) FROM ", table.name));
        }
      }
      transaction.exec(kSetActivitySequenceSql);
      return absl::OkStatus();
    });
  }

  absl::Status alreadyHoldsAnEvent() const {
    return absl::AlreadyExistsError(
        strCat("the database ", m_db.address(), " already holds an event; an event moves only into an empty database"));
  }

  Database& db() { return m_db; }

 private:
  Database m_db;
};

}  // namespace

absl::StatusOr<std::unique_ptr<EventTables>> openPostgresTables(const std::string& uri, MoveEnd end) {
  LANYARD_ASSIGN_OR_RETURN(Database db, Database::open(uri));
  auto tables = std::make_unique<PostgresEventTables>(std::move(db));
  Database& opened = tables->db();
  if (end == MoveEnd::Source) {
    LANYARD_RETURN_IF_ERROR(postgres::migrate(opened));
    LANYARD_RETURN_IF_ERROR(
        opened.inTransaction("checking the event to move", [&](pqxx::transaction_base& transaction) {
          if (transaction.exec1(kCountEventsSql)[0].as<std::int64_t>() != 1) {
            return absl::FailedPreconditionError(strCat("the database ", opened.address(), " holds no event"));
          }
          if (const auto others = transaction.exec1(kOtherConnectionsSql)[0].as<std::int64_t>(); others != 0) {
            return absl::FailedPreconditionError(
                strCat("the database ", opened.address(), " has ", others,
                       " other client connections: stop every lanyard-server of the event before moving it"));
          }
          return absl::OkStatus();
        }));
    return tables;
  }
  // Checked before migrating, so that a database holding an event is left as it was.
  LANYARD_ASSIGN_OR_RETURN(const int version, postgres::schemaVersion(opened));
  if (version > 0) {
    bool holdsEvent = false;
    LANYARD_RETURN_IF_ERROR(
        opened.inTransaction("checking the database to move into", [&](pqxx::transaction_base& transaction) {
          holdsEvent = transaction.exec1(kCountEventsSql)[0].as<std::int64_t>() != 0;
          return absl::OkStatus();
        }));
    if (holdsEvent) return tables->alreadyHoldsAnEvent();
  }
  LANYARD_RETURN_IF_ERROR(postgres::migrate(opened));
  return tables;
}

}  // namespace lanyard::server::app
