#pragma once

// What the end-to-end tests of several servers on one PostgreSQL database share: the event
// initialised on a postgresql:// address, real lanyard-server processes serving it, a channel to
// each, and the admin's calls the tests set up with.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "e2e_fixture.h"
#include "server_process.h"

namespace lanyard::e2e {

// `count` delegates E2E-1... with plain names, in Lanyard's CSV template, without sessions.
std::string numberedDelegatesCsv(int count);

// A real lanyard-server serving the database at a postgresql:// address, and a channel to it.
struct ServedDatabase {
  std::unique_ptr<ServerProcess> process;
  std::shared_ptr<grpc::Channel> channel;
};

// One event on a PostgreSQL database that several lanyard-server processes serve. The servers
// are killed at the end of the test; on failure their stderr is printed.
class PostgresServersTest : public ::testing::Test {
 protected:
  void TearDown() override;

  // `lanyard-server init --db DATABASE`; keeps the admin token in m_admin.
  void initEvent(const std::string& database);
  // `lanyard-server serve --db DATABASE` on 127.0.0.1:0; returns its index in m_servers.
  int startServer(const std::string& database);
  std::shared_ptr<grpc::Channel> channel(int server) const { return m_servers.at(server).channel; }

  // The admin's calls, at `server`.
  std::string createToken(int server, const std::string& name, v1::Role role);
  void importDelegates(int server, const std::string& csv);
  // Every active delegate's badge code, every page.
  std::vector<v1::BadgeCodeEntry> badgeCodes(int server);

  std::string m_admin;
  std::vector<ServedDatabase> m_servers;
};

}  // namespace lanyard::e2e
