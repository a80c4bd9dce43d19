#pragma once

// What the end-to-end tests on PostgreSQL share: a new database of the test binary's cluster for
// each test, lanyard-server run to completion, and the rows of a SQLite file to compare.

#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "e2e_fixture.h"
#include "support/postgres_cluster.h"

namespace lanyard::e2e {

// The databases' password, which the cluster's trust authentication ignores: no output may show it.
inline constexpr char kPostgresPassword[] = "s3cret-e2e";

// The demo conference's files: the seed data an organiser imports.
inline const std::filesystem::path kDemoDir = std::filesystem::path(LANYARD_SOURCE_DIR) / "deploy" / "demo";

// Each test's event lives in m_database: a new PostgreSQL database unless the test names another.
class PostgresEndToEndTest : public EndToEndTest {
 protected:
  std::string database() const override { return m_database; }

  // A new, empty database of the binary's cluster, its address with kPostgresPassword.
  static std::string newDatabase() { return lanyard::testing::postgresCluster().createDatabase(kPostgresPassword); }

  std::string m_database = newDatabase();
};

// Every row of every table of the SQLite file `path`, by table, each row as its values quoted (a
// BLOB and text of the same bytes differ), in the order of all its columns. Throws when it
// cannot read the file.
inline std::map<std::string, std::vector<std::string>> sqliteRows(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path.string());
  }
  const auto query = [&](const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      const std::string error = sqlite3_errmsg(db);
      sqlite3_close(db);
      throw std::runtime_error(path.string() + ": " + error + " in " + sql);
    }
    std::vector<std::string> rows;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)),
                        static_cast<std::size_t>(sqlite3_column_bytes(statement, 0)));
    }
    sqlite3_finalize(statement);
    return rows;
  };
  std::map<std::string, std::vector<std::string>> rows;
  for (const std::string& table :
       query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
    std::string values;
    std::string order;
    for (const std::string& column : query("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid")) {
      values += (values.empty() ? "quote(" : " || ',' || quote(") + column + ")";
      order += (order.empty() ? "" : ", ") + column;
    }
    rows[table] = query("SELECT " + values + " FROM " + table + " ORDER BY " + order);
  }
  sqlite3_close(db);
  return rows;
}

}  // namespace lanyard::e2e
