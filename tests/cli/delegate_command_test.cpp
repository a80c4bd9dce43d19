#include <grpcpp/create_channel.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "domain/delegate_import.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "rpc/server.h"
#include "storage/sqlite_event_store.h"
#include "support/server_fixture.h"
#include "support/test_event.h"

// `lanyard delegate correct` and `show` against the real server.
namespace lanyard::cli {
namespace {

namespace domain = lanyard::server::domain;
namespace rpc = lanyard::server::rpc;
namespace storage = lanyard::server::storage;

constexpr char kDelegatesCsv[] =
    "external_ref,given_name,family_name,city,category,email\n"
    "D1,Antonín,Dvořák,Prague,delegate,antonin@praha.example\n";

// Passes GetDelegate and UpdateDelegate on to the real server, keeping the last UpdateDelegate
// request; after each GetDelegate it runs `afterGet`, which stands for another help desk acting
// between the command's read and its correction.
class DelegateProxy final : public v1::DelegateService::Service {
 public:
  explicit DelegateProxy(std::shared_ptr<grpc::Channel> server) : m_server(v1::DelegateService::NewStub(server)) {}

  grpc::Status GetDelegate(grpc::ServerContext* context, const v1::GetDelegateRequest* request,
                           v1::GetDelegateResponse* response) override {
    auto forward = forwarded(*context);
    const grpc::Status status = m_server->GetDelegate(forward.get(), *request, response);
    if (afterGet) afterGet();
    return status;
  }

  grpc::Status UpdateDelegate(grpc::ServerContext* context, const v1::UpdateDelegateRequest* request,
                              v1::UpdateDelegateResponse* response) override {
    {
      std::lock_guard lock(m_mutex);
      m_lastUpdate = *request;
    }
    auto forward = forwarded(*context);
    return m_server->UpdateDelegate(forward.get(), *request, response);
  }

  v1::UpdateDelegateRequest lastUpdate() {
    std::lock_guard lock(m_mutex);
    return m_lastUpdate;
  }

  std::function<void()> afterGet;

 private:
  static std::unique_ptr<grpc::ClientContext> forwarded(const grpc::ServerContext& context) {
    auto forward = std::make_unique<grpc::ClientContext>();
    for (const auto& [key, value] : context.client_metadata()) {
      if (key == "authorization") forward->AddMetadata("authorization", std::string(value.data(), value.size()));
    }
    forward->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return forward;
  }

  std::unique_ptr<v1::DelegateService::Stub> m_server;
  std::mutex m_mutex;
  v1::UpdateDelegateRequest m_lastUpdate;
};

class DelegateCommandTest : public lanyard::testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    m_deskToken = tokenFor("help-desk-1", domain::Role::Desk);
    ASSERT_TRUE(importIntoStore(kDelegatesCsv).ok());
    m_id = m_store->delegateByExternalRef("D1")->id;

    m_proxy = std::make_unique<DelegateProxy>(m_channel);
    int port = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(m_proxy.get());
    m_proxyServer = builder.BuildAndStart();
    ASSERT_NE(m_proxyServer, nullptr);
    m_proxyChannel = grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials());
  }

  void TearDown() override {
    if (m_proxyServer != nullptr) m_proxyServer->Shutdown();
    ServerFixture::TearDown();
  }

  // Runs `lanyard delegate WORDS...` with `options` through `channel`; returns the exit status.
  int delegate(std::shared_ptr<grpc::Channel> channel, std::vector<std::string> words,
               std::map<std::string, std::string> options = {}) {
    m_out.str("");
    m_err.str("");
    Invocation call;
    call.channel = std::move(channel);
    call.token = m_deskToken;
    call.options = std::move(options);
    call.out = &m_out;
    call.err = &m_err;
    words.insert(words.begin(), "delegate");
    return runCommand(words, call);
  }

  std::unique_ptr<DelegateProxy> m_proxy;
  std::unique_ptr<grpc::Server> m_proxyServer;
  std::shared_ptr<grpc::Channel> m_proxyChannel;
  std::string m_deskToken;
  std::int64_t m_id = 0;
  std::ostringstream m_out;
  std::ostringstream m_err;
};

TEST_F(DelegateCommandTest, CorrectSendsOnlyTheGivenFieldsWithTheVersionItRead) {
  const std::string id = std::to_string(m_id);
  ASSERT_EQ(delegate(m_proxyChannel, {"correct", id}, {{"family", "Dvořáková"}, {"city", "Brno"}}), 0) << m_err.str();

  const v1::UpdateDelegateRequest sent = m_proxy->lastUpdate();
  EXPECT_EQ(sent.update_mask().paths_size(), 2);
  EXPECT_EQ(std::set<std::string>(sent.update_mask().paths().begin(), sent.update_mask().paths().end()),
            (std::set<std::string>{"family_name", "city"}));
  EXPECT_EQ(sent.delegate().id(), m_id);
  EXPECT_EQ(sent.delegate().family_name(), "Dvořáková");
  EXPECT_EQ(sent.delegate().email(), "") << "fields not given are not sent";
  EXPECT_EQ(sent.expected_version(), 1);
  EXPECT_NE(m_out.str().find("record:       version 2"), std::string::npos) << m_out.str();

  const domain::Delegate stored = *m_store->delegate(m_id);
  EXPECT_EQ(stored.familyName, "Dvořáková");
  EXPECT_EQ(stored.city, "Brno");
  EXPECT_EQ(stored.email, "antonin@praha.example");
  EXPECT_EQ(stored.version, 2);
}

TEST_F(DelegateCommandTest, ShowPrintsTheRecordVersion) {
  ASSERT_TRUE(m_store->reissueBadge(m_id).ok());
  ASSERT_EQ(delegate(m_channel, {"show", std::to_string(m_id)}), 0) << m_err.str();
  EXPECT_NE(m_out.str().find("  record:       version 2\n"), std::string::npos) << m_out.str();
  EXPECT_NE(m_out.str().find("  badge:        version 2\n"), std::string::npos) << m_out.str();
}

TEST_F(DelegateCommandTest, CorrectSaysPlainlyWhenSomeoneElseChangedTheDelegateMeanwhile) {
  // Another help desk cancels the registration between the command's read and its correction.
  m_proxy->afterGet = [this] { ASSERT_TRUE(m_store->cancelDelegate(m_id).ok()); };
  const std::string id = std::to_string(m_id);
  EXPECT_EQ(delegate(m_proxyChannel, {"correct", id}, {{"family", "Dvořáková"}}), 1);

  EXPECT_NE(m_err.str().find("lanyard: not corrected: someone else changed delegate #" + id +
                             " while this command ran.\n  See what changed with `lanyard delegate show " + id +
                             "`, then run the command again.\n"),
            std::string::npos)
      << m_err.str();
  EXPECT_NE(m_err.str().find("was changed since version 1 (it is at version 2)"), std::string::npos) << m_err.str();
  EXPECT_EQ(m_store->delegate(m_id)->familyName, "Dvořák");
}

}  // namespace
}  // namespace lanyard::cli
