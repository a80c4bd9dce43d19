#include "e2e_fixture.h"

#include <sqlite3.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "support/all_pages.h"
#include "support/import_upload.h"

namespace lanyard::e2e {

namespace fs = std::filesystem;

std::string describe(const grpc::Status& status) {
  return "gRPC status " + std::to_string(status.error_code()) + ": " + status.error_message();
}

void require(const grpc::Status& status, const std::string& what) {
  if (!status.ok()) throw std::runtime_error(what + " failed: " + describe(status));
}

void writeFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::int64_t nowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::unique_ptr<grpc::ClientContext> callContext(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  return context;
}

v1::CheckInRequest entranceCheckIn(const std::string& code, const std::string& requestId) {
  v1::CheckInRequest request;
  request.set_request_id(requestId);
  request.set_scan_time_us(nowUs());
  request.set_code(code);
  request.set_direction(v1::DIRECTION_IN);
  return request;
}

int entranceAdmissions(const v1::ListCheckInsResponse& history) {
  int count = 0;
  for (const v1::CheckInRecord& record : history.check_ins()) {
    if (record.session_id() == 0 && record.direction() == v1::DIRECTION_IN &&
        record.outcome_code() == v1::CHECK_IN_OUTCOME_ADMITTED) {
      ++count;
    }
  }
  return count;
}

void execSql(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  const int opened = sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr);
  const int executed = opened == SQLITE_OK ? sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, nullptr) : opened;
  const std::string error = handle != nullptr ? sqlite3_errmsg(handle) : "out of memory";
  sqlite3_close(handle);
  if (executed != SQLITE_OK) throw std::runtime_error(db.string() + ": " + error + " in " + sql);
}

EndToEndTest::EndToEndTest() {
  if (std::getenv("LANYARD_E2E_KEEP_TMP") != nullptr) m_dir.keep();
}

void EndToEndTest::TearDown() {
  if (HasFailure()) {
    for (const auto& server : m_servers) {
      std::cerr << "--- lanyard-server (port " << server->port() << ") stderr:\n"
                << server->process().stderrText() << "---\n";
    }
  }
  m_servers.clear();  // Kills whatever is still running before its directory goes.
}

std::string EndToEndTest::initEvent(const std::vector<std::string>& extra) {
  return e2e::initEvent(LANYARD_SERVER_BINARY, database(), kEventName, extra, kProcessTimeout);
}

ServerProcess& EndToEndTest::startServer(const std::vector<std::string>& extra,
                                         std::shared_ptr<grpc::ChannelCredentials> credentials) {
  m_servers.push_back(std::make_unique<ServerProcess>(serveOptions(LANYARD_SERVER_BINARY, database(), extra)));
  ServerProcess& server = *m_servers.back();
  m_channel =
      grpc::CreateChannel(server.loopbackAddress(), credentials ? credentials : grpc::InsecureChannelCredentials());
  return server;
}

ServerProcess& EndToEndTest::startEvent(const std::vector<std::string>& initOptions) {
  m_admin = initEvent(initOptions);
  return startServer();
}

grpc::Status EndToEndTest::getEvent(const std::string& token, v1::GetEventResponse* response) {
  v1::GetEventResponse ignored;
  return v1::EventService::NewStub(m_channel)->GetEvent(callContext(token).get(), v1::GetEventRequest(),
                                                        response != nullptr ? response : &ignored);
}

std::string EndToEndTest::createToken(const std::string& name, v1::Role role) {
  v1::CreateTokenRequest request;
  request.set_name(name);
  request.set_role(role);
  v1::CreateTokenResponse response;
  require(v1::DeviceService::NewStub(m_channel)->CreateToken(callContext(m_admin).get(), request, &response),
          "CreateToken " + name);
  return response.token();
}

void EndToEndTest::importDelegates(const std::string& csv) {
  v1::ImportDelegatesResponse response;
  require(lanyard::testing::importDelegates(*v1::DelegateService::NewStub(m_channel), *callContext(m_admin), csv,
                                            "fixture.csv", &response),
          "ImportDelegates");
}

std::vector<v1::BadgeCodeEntry> EndToEndTest::badgeCodes() {
  v1::ListBadgeCodesResponse response;
  require(lanyard::testing::allPages(v1::ListBadgeCodesRequest(), &response,
                                     [&](const auto& request, auto* page) {
                                       return v1::DelegateService::NewStub(m_channel)->ListBadgeCodes(
                                           callContext(m_admin).get(), request, page);
                                     }),
          "ListBadgeCodes");
  return {response.entries().begin(), response.entries().end()};
}

v1::BadgeCodeEntry EndToEndTest::badgeCodeOf(const std::string& externalRef) {
  for (const v1::BadgeCodeEntry& entry : badgeCodes()) {
    if (entry.external_ref() == externalRef) return entry;
  }
  throw std::runtime_error("no badge code for " + externalRef);
}

v1::GetDelegateResponse EndToEndTest::getDelegate(std::int64_t id) {
  v1::GetDelegateRequest request;
  request.set_id(id);
  v1::GetDelegateResponse response;
  require(v1::DelegateService::NewStub(m_channel)->GetDelegate(callContext(m_admin).get(), request, &response),
          "GetDelegate " + std::to_string(id));
  return response;
}

v1::ListCheckInsResponse EndToEndTest::checkInsOf(std::int64_t id) {
  v1::ListCheckInsRequest request;
  request.set_delegate_id(id);
  v1::ListCheckInsResponse response;
  require(lanyard::testing::allPages(request, &response,
                                     [&](const auto& pageRequest, auto* page) {
                                       return v1::DelegateService::NewStub(m_channel)->ListCheckIns(
                                           callContext(m_admin).get(), pageRequest, page);
                                     }),
          "ListCheckIns " + std::to_string(id));
  return response;
}

v1::GetDelegateResponse EndToEndTest::getDelegateByRef(const std::string& externalRef) {
  v1::GetDelegateRequest request;
  request.set_external_ref(externalRef);
  v1::GetDelegateResponse response;
  require(v1::DelegateService::NewStub(m_channel)->GetDelegate(callContext(m_admin).get(), request, &response),
          "GetDelegate " + externalRef);
  return response;
}

v1::SearchDelegatesResponse EndToEndTest::search(const std::string& query) {
  v1::SearchDelegatesRequest request;
  request.set_query(query);
  request.set_limit(50);
  v1::SearchDelegatesResponse response;
  require(v1::CheckInService::NewStub(m_channel)->SearchDelegates(callContext(m_admin).get(), request, &response),
          "SearchDelegates " + query);
  return response;
}

grpc::Status EndToEndTest::checkIn(const std::string& token, const v1::CheckInRequest& request,
                                   v1::CheckInResponse* response) {
  return v1::CheckInService::NewStub(m_channel)->CheckIn(callContext(token).get(), request, response);
}

CommandResult EndToEndTest::cli(const std::vector<std::string>& args, std::map<std::string, std::string> env,
                                const fs::path& stdinFile) {
  if (!m_servers.empty()) env.try_emplace("LANYARD_SERVER", m_servers.back()->loopbackAddress());
  if (!m_admin.empty()) env.try_emplace("LANYARD_TOKEN", m_admin);
  std::vector<std::string> argv = {LANYARD_CLI_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return runCommand({argv, env, {}, stdinFile}, kProcessTimeout);
}

}  // namespace lanyard::e2e
