#pragma once

// A real PostgreSQL 15 server for the tests of server/postgres, started in a temporary directory.

#include <string>
#include <string_view>

#include "support/temp_dir.h"

namespace lanyard::testing {

// A throwaway PostgreSQL cluster: initdb and pg_ctl from /usr/lib/postgresql/15/bin in a new
// temporary directory, listening only on a Unix socket in that directory (port chosen free), with
// trust authentication. Run as root (CI), every command runs as the `postgres` system user, which
// owns the directory. The destructor stops the server and removes the directory. Failures throw
// std::runtime_error with the command and the end of its output.
class PostgresCluster {
 public:
  // Runs initdb and starts the server, returning once it accepts connections (pg_ctl -w, with a
  // deadline). Takes a few seconds.
  PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;
  ~PostgresCluster();

  // The postgresql:// address of `database` on this cluster, as user postgres (with `password`
  // when not empty: trust authentication ignores it).
  std::string uri(std::string_view database, std::string_view password = "") const;

  // Creates a new, empty database (from template0) and returns its address, with `password` as
  // uri() puts it. Thread-safe.
  std::string createDatabase(std::string_view password = "");

  // Stops the server at once (pg_ctl stop -m immediate), as a crash would.
  void stopImmediately();
  // Starts the stopped server again on the same socket, returning once it accepts connections.
  void start();

  // The directory of the server's Unix socket (libpq's host for it).
  std::string socketDirectory() const { return m_dir.path().string(); }

  int port() const { return m_port; }

 private:
  // Runs `command` (a shell command line), as the postgres user when this process is root;
  // throws with its output when it fails.
  void run(const std::string& command) const;

  TempDir m_dir{"pg"};
  int m_port = 0;
  bool m_running = false;
  int m_databases = 0;
};

// The cluster of this test binary: one per binary, started when a test first asks for it (throws
// as the constructor does when it cannot start) and stopped by a GoogleTest global environment
// after the last test. Tests create their own database on it.
PostgresCluster& postgresCluster();

}  // namespace lanyard::testing
