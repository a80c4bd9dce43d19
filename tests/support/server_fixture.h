#pragma once

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "domain/delegate_import.h"
#include "rpc/server.h"
#include "storage/sqlite_event_store.h"
#include "support/temp_dir.h"
#include "support/test_event.h"

namespace lanyard::testing {

// What the rpc and CLI tests start from: a real event file in a fresh directory, the real server
// over it on 127.0.0.1:0 and a channel to it, with the admin token and a kiosk device. A test
// class derives from it and, in its own SetUp, calls ServerFixture::SetUp() first. Tests that
// restart the server (same file, other options) use restart(), or stopServer() and startServer().
class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::string> admin =
        server::storage::SqliteEventStore::initialise(eventFile(), testEvent(), server::domain::systemClock());
    ASSERT_TRUE(admin.ok()) << admin.status();
    m_adminToken = *admin;
    ASSERT_NO_FATAL_FAILURE(openStore());
    absl::StatusOr<server::domain::CreatedDevice> kiosk = m_store->createDevice("kiosk-1", server::domain::Role::Kiosk);
    ASSERT_TRUE(kiosk.ok()) << kiosk.status();
    m_kiosk = kiosk->device;
    m_kioskToken = kiosk->token;
    ASSERT_NO_FATAL_FAILURE(startServer(loopback()));
  }

  void TearDown() override { stopServer(); }

  // Server options for 127.0.0.1:0, what SetUp() serves with.
  static server::rpc::ServerOptions loopback() {
    server::rpc::ServerOptions options;
    options.listen = "127.0.0.1:0";
    return options;
  }

  // The event file the store and the server use.
  std::string eventFile() const { return m_dir.file("event.db"); }
  // Where the server listens: "127.0.0.1:PORT".
  std::string address() const { return "127.0.0.1:" + std::to_string(m_server->port()); }

  // Closes the server, then the store.
  void stopServer() {
    m_server.reset();
    m_store.reset();
  }

  // Opens the store on eventFile() again if it is closed and serves it with `options`. m_channel
  // is replaced only when the address changed, so a client holding it reconnects by itself.
  void startServer(const server::rpc::ServerOptions& options) {
    if (!m_store) {
      ASSERT_NO_FATAL_FAILURE(openStore());
    }
    absl::StatusOr<std::unique_ptr<server::rpc::LanyardServer>> started =
        server::rpc::LanyardServer::start(*m_store, options);
    ASSERT_TRUE(started.ok()) << started.status();
    m_server = std::move(*started);
    if (m_channelAddress != address()) {
      m_channelAddress = address();
      m_channel = grpc::CreateChannel(m_channelAddress, grpc::InsecureChannelCredentials());
    }
  }

  // stopServer() then startServer(options): what a restart of lanyard-server does.
  void restart(const server::rpc::ServerOptions& options = loopback()) {
    stopServer();
    startServer(options);
  }

  // The token of a new device `name` with `role`.
  std::string tokenFor(const std::string& name, server::domain::Role role) {
    absl::StatusOr<server::domain::CreatedDevice> created = m_store->createDevice(name, role);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->token : std::string();
  }

  // Imports `csv` (any header the importer reads) straight into the store, without the RPC: for
  // tests of something else than importing.
  absl::StatusOr<server::domain::ImportSummary> importIntoStore(std::string_view csv) {
    server::domain::DelegateImportOptions options;
    for (const server::domain::Category& category : m_store->event().categories) {
      options.categories.push_back(category.name);
    }
    absl::StatusOr<server::domain::DelegateImport> parsed = server::domain::parseDelegatesCsv(csv, options);
    if (!parsed.ok()) return parsed.status();
    return m_store->importDelegates(std::move(*parsed));
  }

  // A call's context: `token` as the bearer (none when empty) and a 60 s deadline.
  static std::unique_ptr<grpc::ClientContext> as(const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    return context;
  }

  TempDir m_dir;  // Declared first: removed after the store closes.
  std::unique_ptr<server::storage::SqliteEventStore> m_store;
  std::unique_ptr<server::rpc::LanyardServer> m_server;
  std::shared_ptr<grpc::Channel> m_channel;
  std::string m_adminToken;
  server::domain::Device m_kiosk;
  std::string m_kioskToken;

 private:
  void openStore() {
    absl::StatusOr<std::unique_ptr<server::storage::SqliteEventStore>> store =
        server::storage::SqliteEventStore::open(eventFile(), server::domain::systemClock());
    ASSERT_TRUE(store.ok()) << store.status();
    m_store = std::move(*store);
  }

  std::string m_channelAddress;  // Where m_channel connects.
};

}  // namespace lanyard::testing
