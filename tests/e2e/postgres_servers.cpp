#include "postgres_servers.h"

#include <iostream>

#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/device_service.grpc.pb.h"
#include "support/all_pages.h"
#include "support/import_upload.h"

namespace lanyard::e2e {

std::string numberedDelegatesCsv(int count) {
  std::string csv = "external_ref,given_name,family_name,organisation,city,country,category,email,language\n";
  for (int i = 1; i <= count; ++i) {
    const std::string n = std::to_string(i);
    csv +=
        "E2E-" + n + ",Delegate,Number " + n + ",Stadt Wien,Vienna,AT,city_official,delegate" + n + "@example.org,de\n";
  }
  return csv;
}

void PostgresServersTest::TearDown() {
  if (HasFailure()) {
    for (const ServedDatabase& server : m_servers) {
      std::cerr << "--- lanyard-server (port " << server.process->port() << ") stderr:\n"
                << server.process->process().stderrText() << "---\n";
    }
  }
  m_servers.clear();
}

void PostgresServersTest::initEvent(const std::string& database) {
  m_admin = e2e::initEvent(LANYARD_SERVER_BINARY, database, kEventName, {}, kProcessTimeout);
}

int PostgresServersTest::startServer(const std::string& database) {
  auto process = std::make_unique<ServerProcess>(serveOptions(LANYARD_SERVER_BINARY, database));
  auto channel = grpc::CreateChannel(process->loopbackAddress(), grpc::InsecureChannelCredentials());
  m_servers.push_back({std::move(process), std::move(channel)});
  return static_cast<int>(m_servers.size()) - 1;
}

std::string PostgresServersTest::createToken(int server, const std::string& name, v1::Role role) {
  v1::CreateTokenRequest request;
  request.set_name(name);
  request.set_role(role);
  v1::CreateTokenResponse response;
  require(v1::DeviceService::NewStub(channel(server))->CreateToken(callContext(m_admin).get(), request, &response),
          "CreateToken " + name);
  return response.token();
}

void PostgresServersTest::importDelegates(int server, const std::string& csv) {
  v1::ImportDelegatesResponse response;
  require(lanyard::testing::importDelegates(*v1::DelegateService::NewStub(channel(server)), *callContext(m_admin), csv,
                                            "delegates.csv", &response),
          "ImportDelegates");
}

std::vector<v1::BadgeCodeEntry> PostgresServersTest::badgeCodes(int server) {
  v1::ListBadgeCodesResponse response;
  require(lanyard::testing::allPages(v1::ListBadgeCodesRequest(), &response,
                                     [&](const auto& request, auto* page) {
                                       return v1::DelegateService::NewStub(channel(server))
                                           ->ListBadgeCodes(callContext(m_admin).get(), request, page);
                                     }),
          "ListBadgeCodes");
  return {response.entries().begin(), response.entries().end()};
}

}  // namespace lanyard::e2e
