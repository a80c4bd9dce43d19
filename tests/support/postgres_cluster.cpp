#include "support/postgres_cluster.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace lanyard::testing {

namespace {

constexpr char kBin[] = "/usr/lib/postgresql/15/bin/";

std::string quoted(const std::string& text) { return "'" + text + "'"; }

// A TCP port nothing listens on now. The server uses it only to name its socket file, in a
// directory of its own, so a clash with another process is harmless anyway.
int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const int error = errno;
    ::close(fd);
    throw std::system_error(error, std::generic_category(), "bind 127.0.0.1:0");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace

PostgresCluster::PostgresCluster(EmptyDirectory) : m_port(freePort()) {
  if (::geteuid() == 0) {
    // initdb refuses to run as root: the postgres user runs everything and owns the directory.
    const passwd* postgres = ::getpwnam("postgres");
    if (postgres == nullptr) throw std::runtime_error("running as root, but there is no postgres user to run initdb");
    if (::chown(m_dir.path().c_str(), postgres->pw_uid, postgres->pw_gid) != 0) {
      throw std::system_error(errno, std::generic_category(), "chown postgres " + m_dir.path().string());
    }
  }
}

PostgresCluster::PostgresCluster(Durability durability) : PostgresCluster(EmptyDirectory{}) {
  m_durability = durability;
  const std::string dir = m_dir.path().string();
  run(std::string(kBin) + "initdb --no-sync -A trust -U postgres -E UTF8 --locale=C.UTF-8 -D " + quoted(dir + "/data"));
  start();
}

std::unique_ptr<PostgresCluster> PostgresCluster::standbyOf(const PostgresCluster& primary, std::string_view name) {
  std::unique_ptr<PostgresCluster> standby(new PostgresCluster(EmptyDirectory{}));
  // initdb's trust authentication covers replication connections on the socket, and version 15's
  // defaults stream: wal_level = replica, max_wal_senders = 10, hot_standby = on.
  standby->run(std::string(kBin) + "pg_basebackup --no-sync -R -X stream -U postgres -h " +
               quoted(primary.socketDirectory()) + " -p " + std::to_string(primary.port()) + " -D " +
               quoted(standby->socketDirectory() + "/data"));
  standby->m_settings = " -c cluster_name=" + std::string(name);
  standby->m_databases = primary.m_databases;  // It has the primary's: a promoted one makes new names.
  standby->start();
  return standby;
}

void PostgresCluster::start() {
  const std::string dir = m_dir.path().string();
  // Fast: a commit still waits for a synchronous standby to receive and write it.
  const std::string fsync = m_durability == Durability::Fast ? " -c fsync=off" : "";
  run(std::string(kBin) + "pg_ctl -w -t 60 -D " + quoted(dir + "/data") + " -l " + quoted(dir + "/server.log") +
      " -o \"-k " + quoted(dir) + " -p " + std::to_string(m_port) + " -c listen_addresses=''" + fsync + m_settings +
      "\" start");
  m_running = true;
  // A test process that is killed (a ctest timeout) runs no destructor: a watchdog outside it
  // stops the cluster and removes its directory once the process is gone. Detached, with its
  // output closed, so that neither run() nor ctest waits for it.
  const std::string watched = "/proc/" + std::to_string(::getpid());
  run("setsid sh -c " +
      quoted("while [ -d " + watched + " ]; do sleep 1; done; " + kBin + "pg_ctl -m immediate -D \"" + dir +
             "/data\" stop; rm -rf \"" + dir + "\"") +
      " </dev/null >/dev/null 2>&1 &");
}

PostgresCluster::~PostgresCluster() {
  if (!m_running) return;
  try {
    run(std::string(kBin) + "pg_ctl -w -m fast -D " + quoted(m_dir.path().string() + "/data") + " stop");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "stopping the test's PostgreSQL: %s\n", error.what());
  }
}

std::string PostgresCluster::uri(std::string_view database, std::string_view password) const {
  std::string user = "postgres";
  if (!password.empty()) user += ":" + std::string(password);
  return "postgresql://" + user + "@/" + std::string(database) + "?host=" + m_dir.path().string() +
         "&port=" + std::to_string(m_port);
}

std::string PostgresCluster::createDatabase(std::string_view password) {
  static std::mutex mutex;
  std::string name;
  {
    const std::lock_guard lock(mutex);
    name = "test_" + std::to_string(++m_databases);
  }
  pqxx::connection connection(uri("postgres"));
  pqxx::nontransaction(connection).exec("CREATE DATABASE " + name + " TEMPLATE template0");
  return uri(name, password);
}

void PostgresCluster::stopImmediately() {
  run(std::string(kBin) + "pg_ctl -w -m immediate -D " + quoted(m_dir.path().string() + "/data") + " stop");
  m_running = false;
}

void PostgresCluster::requireSynchronousStandby(std::string_view name) {
  {
    pqxx::connection connection(uri("postgres"));
    pqxx::nontransaction transaction(connection);
    transaction.exec("ALTER SYSTEM SET synchronous_standby_names = " +
                     transaction.quote("\"" + std::string(name) + "\""));
    transaction.exec("ALTER SYSTEM SET synchronous_commit = 'on'");
    transaction.exec("SELECT pg_reload_conf()");
  }
  const std::string syncState = "SELECT count(*) FROM pg_stat_replication WHERE application_name = '" +
                                std::string(name) + "' AND state = 'streaming' AND sync_state = 'sync'";
  waitUntil("standby " + std::string(name) + " streams as the synchronous standby", std::chrono::seconds(30),
            [&] { return queryValue(syncState) == "1"; });
}

void PostgresCluster::promote() {
  run(std::string(kBin) + "pg_ctl promote -w -t 60 -D " + quoted(m_dir.path().string() + "/data"));
  waitUntil("the promoted standby takes writes", std::chrono::seconds(60),
            [&] { return queryValue("SELECT pg_is_in_recovery()") == "f"; });
}

std::string PostgresCluster::queryValue(const std::string& sql) const {
  pqxx::connection connection(uri("postgres"));
  return pqxx::nontransaction(connection).exec1(sql)[0].as<std::string>();
}

void PostgresCluster::run(const std::string& command) const {
  const std::string line = (::geteuid() == 0 ? "runuser -u postgres -- " : "") + command + " 2>&1";
  FILE* pipe = ::popen(line.c_str(), "r");
  if (pipe == nullptr) throw std::system_error(errno, std::generic_category(), "popen " + line);
  std::string output;
  char buffer[4096];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, got);
  const int status = ::pclose(pipe);
  if (status != 0) {
    constexpr std::size_t kShown = 2000;
    if (output.size() > kShown) output = "..." + output.substr(output.size() - kShown);
    throw std::runtime_error(line + " failed (status " + std::to_string(status) + "):\n" + output);
  }
}

void waitUntil(const std::string& what, std::chrono::seconds timeout, const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string lastError;
  for (;;) {
    try {
      if (condition()) return;
    } catch (const std::exception& error) {
      lastError = error.what();
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("not within " + std::to_string(timeout.count()) + " s: " + what +
                               (lastError.empty() ? "" : " (last error: " + lastError + ")"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::string multiHostUri(const std::string& uri, std::initializer_list<const PostgresCluster*> servers) {
  std::string hosts;
  std::string ports;
  for (const PostgresCluster* server : servers) {
    hosts += (hosts.empty() ? "" : ",") + server->socketDirectory();
    ports += (ports.empty() ? "" : ",") + std::to_string(server->port());
  }
  // uri() ends with ?host=DIR&port=PORT: the rest is user, password and database.
  return uri.substr(0, uri.find("?host=")) + "?host=" + hosts + "&port=" + ports + "&target_session_attrs=read-write";
}

}  // namespace lanyard::testing
