#pragma once

// A real PostgreSQL 15 server for the tests of server/postgres, started in a temporary directory,
// and a streaming-replication standby of it for the failover tests.

#include <chrono>
#include <functional>
#include <initializer_list>
#include <memory>
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
  // Fast: fsync off, for tests (a test's cluster never outlives a crash of its machine). Durable:
  // every commit flushed to disk, as a real database's: for measuring (lanyard-bench).
  enum class Durability { Fast, Durable };

  // Runs initdb and starts the server, returning once it accepts connections (pg_ctl -w, with a
  // deadline). Takes a few seconds.
  explicit PostgresCluster(Durability durability = Durability::Fast);
  // A hot standby of `primary`, which must be running: a copy taken with pg_basebackup -R -X stream
  // into a directory of its own, started on its own socket and port, streaming from the primary
  // under the name `name` (its cluster_name, which the walreceiver gives the primary as its
  // application_name). Returns once it accepts (read-only) connections.
  static std::unique_ptr<PostgresCluster> standbyOf(const PostgresCluster& primary, std::string_view name);
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

  // Makes every commit on this server wait until the standby called `name` has written it to
  // disk (synchronous_standby_names = '"name"', synchronous_commit = on), and returns once the
  // standby streams as the synchronous one (pg_stat_replication), within 30 s or throws. From
  // then on an acknowledged commit survives the loss of this server, and commits hang while that
  // standby is down. `on`, not remote_apply: the promoted standby replays everything it flushed
  // before it takes writes, and nothing reads from a standby.
  void requireSynchronousStandby(std::string_view name);
  // Promotes this standby to a primary (pg_ctl promote -w), returning once it takes writes
  // (pg_is_in_recovery() is false), within 60 s or throws.
  void promote();

  // The directory of the server's Unix socket (libpq's host for it).
  std::string socketDirectory() const { return m_dir.path().string(); }

  int port() const { return m_port; }

  // The first column of the first row of `sql`, run in this server's postgres database (its
  // activity and replication views are there). libpqxx exceptions pass through.
  std::string queryValue(const std::string& sql) const;

 private:
  struct EmptyDirectory {};
  // An empty directory for a server, owned by the postgres user when this process is root.
  explicit PostgresCluster(EmptyDirectory);

  // Runs `command` (a shell command line), as the postgres user when this process is root;
  // throws with its output when it fails.
  void run(const std::string& command) const;
  TempDir m_dir{"pg"};
  int m_port = 0;
  Durability m_durability = Durability::Fast;
  std::string m_settings;  // Extra `-c name=value` options of the server, each with a space before it.
  bool m_running = false;
  int m_databases = 0;
};

// The cluster of this test binary: one per binary, started when a test first asks for it (throws
// as the constructor does when it cannot start) and stopped by a GoogleTest global environment
// after the last test (postgres_cluster_environment.cpp; a binary that calls this links it). Tests
// create their own database on it.
PostgresCluster& postgresCluster();

// Checks `condition` every 10 ms until it holds; throws std::runtime_error saying that `what` did
// not happen within `timeout`. An exception from `condition` counts as "not yet" (a server still
// starting) and is quoted in that error.
void waitUntil(const std::string& what, std::chrono::seconds timeout, const std::function<bool()>& condition);

// The address of `uri` (from uri() or createDatabase() of one of them) on every server of
// `servers`, in that order, with target_session_attrs=read-write: libpq connects to the first
// that takes writes, as Lanyard servers are told to find the primary.
std::string multiHostUri(const std::string& uri, std::initializer_list<const PostgresCluster*> servers);

}  // namespace lanyard::testing
