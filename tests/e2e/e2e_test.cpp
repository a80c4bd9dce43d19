// End-to-end tests: the real lanyard-server and lanyard binaries, run as child processes on
// 127.0.0.1 port 0 in a fresh temporary directory per test, driven through the generated C++
// stubs, the CLI and an independent Node.js client.

#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <latch>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/device_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"
#include "lanyard/v1/kiosk_status_service.grpc.pb.h"
#include "server_process.h"
#include "support/all_pages.h"
#include "support/import_upload.h"

namespace lanyard::e2e {
namespace {

namespace fs = std::filesystem;
namespace v1 = lanyard::v1;
using namespace std::chrono_literals;

constexpr auto kCallTimeout = 10s;
constexpr auto kProcessTimeout = 30s;
constexpr char kEventName[] = "Integrating Cities E2E";

// Two sessions and three delegates whose names need folding to be found, in Lanyard's template,
// with a byte order mark as Excel writes it.
constexpr char kSessionsCsv[] =
    "external_ref,title,room,start,end,capacity,registration_required\n"
    "E2E-S1,Signing of the Charter of Integrating Cities,Main Hall,2026-05-12 09:30,2026-05-12 10:30,100,no\n"
    "E2E-S2,Final partner meeting,Room 2.14,2026-05-12 11:00,2026-05-12 12:00,20,yes\n";
constexpr char kDelegatesCsv[] =
    "\xEF\xBB\xBF"
    "external_ref,given_name,family_name,organisation,city,country,category,email,language,sessions\n"
    "E2E-1,Antonín,Dvořák,Magistrát hlavního města Prahy,Prague,CZ,city_official,antonin.dvorak@example.org,cs,"
    "E2E-S1|E2E-S2\n"
    "E2E-2,Тарас,Шевченко,Kyiv City Council,Kyiv,UA,community_representative,taras.shevchenko@example.org,uk,"
    "E2E-S1\n"
    "E2E-3,Jürgen,Müller,Stadt Düsseldorf,Düsseldorf,DE,speaker,juergen.mueller@example.org,de,\n";
// kDelegatesCsv without the sessions column, for tests that import no sessions.
constexpr char kDelegatesOnlyCsv[] =
    "external_ref,given_name,family_name,organisation,city,country,category,email,language\n"
    "E2E-1,Antonín,Dvořák,Magistrát hlavního města Prahy,Prague,CZ,city_official,antonin.dvorak@example.org,cs\n"
    "E2E-2,Тарас,Шевченко,Kyiv City Council,Kyiv,UA,community_representative,taras.shevchenko@example.org,uk\n"
    "E2E-3,Jürgen,Müller,Stadt Düsseldorf,Düsseldorf,DE,speaker,juergen.mueller@example.org,de\n";

std::string describe(const grpc::Status& status) {
  return "gRPC status " + std::to_string(status.error_code()) + ": " + status.error_message();
}

// Throws when a call the test depends on (not the behaviour under test) fails.
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

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

std::int64_t nowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A call context with a deadline and, unless `token` is empty, `authorization: Bearer TOKEN`.
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

// Rows of the delegate's history that let them in at the venue entrance.
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

// The same code with one character of its Ed25519 signature changed. Codes are 120 base32
// characters of which the first 18 carry the 11-byte header; character 60 lies in the signature.
std::string forgeSignature(std::string code) {
  code.at(60) = code.at(60) == 'A' ? 'B' : 'A';
  return code;
}

int sqliteUserVersion(const fs::path& db) {
  sqlite3* handle = nullptr;
  int version = -1;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(handle, "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      version = sqlite3_column_int(statement, 0);
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(handle);
  return version;
}

// Runs `sql` on the database file of a stopped server.
void execSql(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  const int opened = sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr);
  const int executed = opened == SQLITE_OK ? sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, nullptr) : opened;
  const std::string error = handle != nullptr ? sqlite3_errmsg(handle) : "out of memory";
  sqlite3_close(handle);
  if (executed != SQLITE_OK) throw std::runtime_error(db.string() + ": " + error + " in " + sql);
}

void setSqliteUserVersion(const fs::path& db, int version) {
  execSql(db, "PRAGMA user_version = " + std::to_string(version));
}

// One event per test: a fresh temporary directory with the database, the servers started on it
// (killed at the end of the test whatever happens) and a channel to the latest one.
class EndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "lanyard-e2e-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_dir = pattern;
  }

  void TearDown() override {
    if (HasFailure()) {
      for (const auto& server : m_servers) {
        std::cerr << "--- lanyard-server (port " << server->port() << ") stderr:\n"
                  << server->process().stderrText() << "---\n";
      }
    }
    m_servers.clear();  // Kills whatever is still running before its directory goes.
    std::error_code ignored;
    if (std::getenv("LANYARD_E2E_KEEP_TMP") == nullptr) fs::remove_all(m_dir, ignored);
  }

  fs::path file(const std::string& name) const { return m_dir / name; }
  fs::path dbPath() const { return file("lanyard.db"); }

  // `lanyard-server init` on dbPath() with `extra` options; returns the admin token it prints.
  std::string initEvent(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv = {LANYARD_SERVER_BINARY, "init", "--db", dbPath().string(), "--event", kEventName};
    argv.insert(argv.end(), extra.begin(), extra.end());
    const CommandResult init = runCommand({argv, {}, {}}, kProcessTimeout);
    std::smatch match;
    static const std::regex kTokenLine(R"(admin token: (\S+))");
    if (!init.status.exitedWith(0) || !std::regex_search(init.out, match, kTokenLine)) {
      throw std::runtime_error("lanyard-server init: " + init.status.describe() + "\n" + init.out + init.err);
    }
    return match[1].str();
  }

  // `lanyard-server serve` on dbPath(), listening on 127.0.0.1:0 unless `extra` says otherwise;
  // connects channel() to it with `credentials` (plaintext by default).
  ServerProcess& startServer(const std::vector<std::string>& extra = {},
                             std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr) {
    std::vector<std::string> argv = {LANYARD_SERVER_BINARY, "serve", "--db", dbPath().string()};
    bool listen = false;
    for (const std::string& arg : extra) listen = listen || arg == "--listen";
    if (!listen) argv.insert(argv.end(), {"--listen", "127.0.0.1:0"});
    argv.insert(argv.end(), extra.begin(), extra.end());
    m_servers.push_back(std::make_unique<ServerProcess>(ProcessOptions{argv, {}, {}}));
    ServerProcess& server = *m_servers.back();
    m_channel =
        grpc::CreateChannel(server.loopbackAddress(), credentials ? credentials : grpc::InsecureChannelCredentials());
    return server;
  }

  // A new event (`initOptions` for `lanyard-server init`) served on 127.0.0.1:0, with m_admin
  // holding its admin token.
  ServerProcess& startEvent(const std::vector<std::string>& initOptions = {}) {
    m_admin = initEvent(initOptions);
    return startServer();
  }

  std::shared_ptr<grpc::Channel> channel() const { return m_channel; }
  // Where the latest server listens, as "127.0.0.1:PORT".
  std::string address() const { return m_servers.back()->loopbackAddress(); }

  grpc::Status getEvent(const std::string& token, v1::GetEventResponse* response = nullptr) {
    v1::GetEventResponse ignored;
    return v1::EventService::NewStub(m_channel)->GetEvent(callContext(token).get(), v1::GetEventRequest(),
                                                          response != nullptr ? response : &ignored);
  }

  std::string createToken(const std::string& name, v1::Role role) {
    v1::CreateTokenRequest request;
    request.set_name(name);
    request.set_role(role);
    v1::CreateTokenResponse response;
    require(v1::DeviceService::NewStub(m_channel)->CreateToken(callContext(m_admin).get(), request, &response),
            "CreateToken " + name);
    return response.token();
  }

  void importDelegates(const std::string& csv) {
    v1::ImportDelegatesResponse response;
    require(lanyard::testing::importDelegates(*v1::DelegateService::NewStub(m_channel), *callContext(m_admin), csv,
                                              "fixture.csv", &response),
            "ImportDelegates");
  }

  std::vector<v1::BadgeCodeEntry> badgeCodes() {
    v1::ListBadgeCodesResponse response;
    require(lanyard::testing::allPages(v1::ListBadgeCodesRequest(), &response,
                                       [&](const auto& request, auto* page) {
                                         return v1::DelegateService::NewStub(m_channel)->ListBadgeCodes(
                                             callContext(m_admin).get(), request, page);
                                       }),
            "ListBadgeCodes");
    return {response.entries().begin(), response.entries().end()};
  }

  v1::BadgeCodeEntry badgeCodeOf(const std::string& externalRef) {
    for (const v1::BadgeCodeEntry& entry : badgeCodes()) {
      if (entry.external_ref() == externalRef) return entry;
    }
    throw std::runtime_error("no badge code for " + externalRef);
  }

  v1::GetDelegateResponse getDelegate(std::int64_t id) {
    v1::GetDelegateRequest request;
    request.set_id(id);
    v1::GetDelegateResponse response;
    require(v1::DelegateService::NewStub(m_channel)->GetDelegate(callContext(m_admin).get(), request, &response),
            "GetDelegate " + std::to_string(id));
    return response;
  }

  // The delegate's check-ins, every page.
  v1::ListCheckInsResponse checkInsOf(std::int64_t id) {
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

  v1::GetDelegateResponse getDelegateByRef(const std::string& externalRef) {
    v1::GetDelegateRequest request;
    request.set_external_ref(externalRef);
    v1::GetDelegateResponse response;
    require(v1::DelegateService::NewStub(m_channel)->GetDelegate(callContext(m_admin).get(), request, &response),
            "GetDelegate " + externalRef);
    return response;
  }

  v1::SearchDelegatesResponse search(const std::string& query) {
    v1::SearchDelegatesRequest request;
    request.set_query(query);
    request.set_limit(50);
    v1::SearchDelegatesResponse response;
    require(v1::CheckInService::NewStub(m_channel)->SearchDelegates(callContext(m_admin).get(), request, &response),
            "SearchDelegates " + query);
    return response;
  }

  grpc::Status checkIn(const std::string& token, const v1::CheckInRequest& request, v1::CheckInResponse* response) {
    return v1::CheckInService::NewStub(m_channel)->CheckIn(callContext(token).get(), request, response);
  }

  // Runs the lanyard CLI against the latest server with the admin token from LANYARD_SERVER and
  // LANYARD_TOKEN; `env` adds or overrides variables.
  CommandResult cli(const std::vector<std::string>& args, std::map<std::string, std::string> env = {},
                    const fs::path& stdinFile = {}) {
    if (!m_servers.empty()) env.try_emplace("LANYARD_SERVER", m_servers.back()->loopbackAddress());
    if (!m_admin.empty()) env.try_emplace("LANYARD_TOKEN", m_admin);
    std::vector<std::string> argv = {LANYARD_CLI_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return runCommand({argv, env, {}, stdinFile}, kProcessTimeout);
  }

  std::string m_admin;

 private:
  fs::path m_dir;
  std::vector<std::unique_ptr<ServerProcess>> m_servers;
  std::shared_ptr<grpc::Channel> m_channel;
};

// --- Tokens and roles -----------------------------------------------------------------------------

class AuthTest : public EndToEndTest {};

TEST_F(AuthTest, InitPrintsAdminTokenThatServeAccepts) {
  const std::string admin = initEvent();
  EXPECT_EQ(admin.rfind("lyd_", 0), 0U) << admin;
  startServer();

  v1::GetEventResponse event;
  const grpc::Status status = getEvent(admin, &event);

  ASSERT_TRUE(status.ok()) << describe(status);
  EXPECT_EQ(event.name(), kEventName);
  EXPECT_EQ(event.device_role(), v1::ROLE_ADMIN);
  EXPECT_EQ(event.badge_public_key().size(), 32U);
  EXPECT_GT(event.categories_size(), 0);
}

TEST_F(AuthTest, RejectsCallWithoutTokenAsUnauthenticated) {
  startEvent();
  EXPECT_EQ(getEvent("").error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthTest, RejectsGarbageTokenAsUnauthenticated) {
  startEvent();
  EXPECT_EQ(getEvent("lyd_not-a-token-this-server-ever-issued").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // One character off a real token is garbage too.
  std::string altered = m_admin;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(getEvent(altered).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthTest, RejectsKioskTokenOnAdminCallAsPermissionDenied) {
  startEvent();
  const std::string kiosk = createToken("kiosk-entrance-1", v1::ROLE_KIOSK);
  ASSERT_TRUE(getEvent(kiosk).ok()) << "the kiosk token itself must work";

  v1::ListBadgeCodesResponse codes;
  const grpc::Status listCodes = v1::DelegateService::NewStub(channel())->ListBadgeCodes(
      callContext(kiosk).get(), v1::ListBadgeCodesRequest(), &codes);
  v1::CreateTokenRequest request;
  request.set_name("sneaky");
  request.set_role(v1::ROLE_ADMIN);
  v1::CreateTokenResponse created;
  const grpc::Status createToken =
      v1::DeviceService::NewStub(channel())->CreateToken(callContext(kiosk).get(), request, &created);

  EXPECT_EQ(listCodes.error_code(), grpc::StatusCode::PERMISSION_DENIED) << describe(listCodes);
  EXPECT_EQ(createToken.error_code(), grpc::StatusCode::PERMISSION_DENIED) << describe(createToken);
  EXPECT_TRUE(created.token().empty());
}

TEST_F(AuthTest, RevokedTokenFailsOnTheVeryNextCall) {
  startEvent();
  const std::string kiosk = createToken("kiosk-to-revoke", v1::ROLE_KIOSK);
  ASSERT_TRUE(getEvent(kiosk).ok());

  v1::RevokeTokenRequest revoke;
  revoke.set_name("kiosk-to-revoke");
  v1::RevokeTokenResponse revoked;
  ASSERT_TRUE(v1::DeviceService::NewStub(channel())->RevokeToken(callContext(m_admin).get(), revoke, &revoked).ok());
  const grpc::Status next = getEvent(kiosk);

  EXPECT_EQ(next.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(next);
  EXPECT_NE(revoked.device().revoked_time_us(), 0);
  EXPECT_TRUE(getEvent(m_admin).ok()) << "revoking one device must not affect another";
}

// --- Transport security ---------------------------------------------------------------------------

class TransportSecurityTest : public EndToEndTest {
 protected:
  // A self-signed certificate for localhost and 127.0.0.1, made with the openssl command line.
  void makeCertificate() {
    const std::string openssl = LANYARD_OPENSSL_EXECUTABLE;
    if (openssl.empty()) throw std::runtime_error("the openssl command was not found when configuring");
    const CommandResult made =
        runCommand({{openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", file("key.pem").string(), "-out", file("cert.pem").string(), "-days", "2", "-subj",
                     "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"},
                    {},
                    {}},
                   kProcessTimeout);
    if (!made.status.exitedWith(0)) throw std::runtime_error("openssl req failed: " + made.err);
  }

  std::shared_ptr<grpc::ChannelCredentials> trustingOurCertificate() {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = readFile(file("cert.pem"));
    return grpc::SslCredentials(options);
  }
};

TEST_F(TransportSecurityTest, RefusesNonLoopbackListenWithoutTls) {
  initEvent();
  ChildProcess serve({{LANYARD_SERVER_BINARY, "serve", "--db", dbPath().string(), "--listen", "0.0.0.0:0"}, {}, {}});

  const std::optional<ExitStatus> status = serve.waitForExit(kProcessTimeout);

  ASSERT_TRUE(status.has_value()) << "serve kept running on 0.0.0.0 without TLS";
  EXPECT_TRUE(status->exited && status->code != 0) << status->describe();
  EXPECT_NE(serve.stderrText().find("TLS"), std::string::npos) << serve.stderrText();
  EXPECT_EQ(serve.stdoutText().find("listening on"), std::string::npos) << serve.stdoutText();
}

TEST_F(TransportSecurityTest, InsecureFlagAllowsNonLoopbackListen) {
  m_admin = initEvent();
  ServerProcess& server = startServer({"--listen", "0.0.0.0:0", "--insecure"});

  const grpc::Status status = getEvent(m_admin);

  EXPECT_GT(server.port(), 0);
  EXPECT_TRUE(status.ok()) << describe(status);
}

TEST_F(TransportSecurityTest, ServesTlsClientsThatTrustItsCertificate) {
  makeCertificate();
  m_admin = initEvent();
  // TLS also lifts the loopback-only rule.
  startServer({"--listen", "0.0.0.0:0", "--tls-cert", file("cert.pem").string(), "--tls-key", file("key.pem").string()},
              trustingOurCertificate());

  v1::GetEventResponse event;
  const grpc::Status status = getEvent(m_admin, &event);

  ASSERT_TRUE(status.ok()) << describe(status);
  EXPECT_EQ(event.name(), kEventName);
}

TEST_F(TransportSecurityTest, PlaintextClientCannotTalkToTlsServer) {
  makeCertificate();
  m_admin = initEvent();
  ServerProcess& server = startServer({"--tls-cert", file("cert.pem").string(), "--tls-key", file("key.pem").string()});
  const auto plaintext = grpc::CreateChannel(server.loopbackAddress(), grpc::InsecureChannelCredentials());

  v1::GetEventResponse event;
  const grpc::Status status =
      v1::EventService::NewStub(plaintext)->GetEvent(callContext(m_admin).get(), v1::GetEventRequest(), &event);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(status);
  EXPECT_TRUE(event.name().empty());
}

TEST_F(TransportSecurityTest, TheCliSuggestsTlsWhenAPlaintextCallFindsATlsServer) {
  makeCertificate();
  m_admin = initEvent();
  startServer({"--tls-cert", file("cert.pem").string(), "--tls-key", file("key.pem").string()},
              trustingOurCertificate());

  const CommandResult plaintext = cli({"event"});
  const CommandResult secure = cli({"--tls", "--ca-cert", file("cert.pem").string(), "event"});

  EXPECT_TRUE(plaintext.status.exitedWith(1)) << plaintext.status.describe();
  EXPECT_NE(plaintext.err.find("If it serves TLS, add --tls"), std::string::npos) << plaintext.err;
  EXPECT_TRUE(secure.status.exitedWith(0)) << secure.status.describe() << "\n" << secure.err;
  EXPECT_NE(secure.out.find(kEventName), std::string::npos) << secure.out;
}

// --- Import through the CLI -----------------------------------------------------------------------

class ImportTest : public EndToEndTest {
 protected:
  // Imports kDelegatesOnlyCsv and returns the number of active delegates.
  std::size_t importBaseline() {
    importDelegates(kDelegatesOnlyCsv);
    return badgeCodes().size();
  }

  // Checks that nothing of the rejected file reached the database.
  void expectNothingImported(std::size_t delegatesBefore) {
    EXPECT_EQ(badgeCodes().size(), delegatesBefore);
    EXPECT_EQ(search("zzyzx").results_size(), 0) << "a new delegate from the rejected file was imported";
    EXPECT_EQ(getDelegateByRef("E2E-1").delegate().given_name(), "Antonín")
        << "an update from the rejected file was applied";
  }
};

TEST_F(ImportTest, CliImportsDelegatesAndSessionsWithNonAsciiNames) {
  startEvent();
  writeFile(file("sessions.csv"), kSessionsCsv);
  writeFile(file("delegates.csv"), kDelegatesCsv);

  const CommandResult sessions = cli({"import", "sessions", file("sessions.csv").string()});
  const CommandResult delegates = cli({"import", "delegates", file("delegates.csv").string()});

  ASSERT_TRUE(sessions.status.exitedWith(0)) << sessions.status.describe() << "\n" << sessions.err;
  ASSERT_TRUE(delegates.status.exitedWith(0)) << delegates.status.describe() << "\n" << delegates.err;
  EXPECT_NE(sessions.out.find("2 sessions created"), std::string::npos) << sessions.out;
  EXPECT_NE(delegates.out.find("3 delegates created"), std::string::npos) << delegates.out;
  EXPECT_NE(delegates.out.find("3 session registrations"), std::string::npos) << delegates.out;
  for (const auto& [query, family] : std::vector<std::pair<std::string, std::string>>{
           {"dvorak", "Dvořák"}, {"shevchenko", "Шевченко"}, {"muller", "Müller"}, {"Шевченко", "Шевченко"}}) {
    const v1::SearchDelegatesResponse found = search(query);
    ASSERT_GE(found.results_size(), 1) << query;
    EXPECT_EQ(found.results(0).delegate().family_name(), family) << query;
  }
  const v1::GetDelegateResponse dvorak = getDelegateByRef("E2E-1");
  EXPECT_EQ(dvorak.delegate().given_name(), "Antonín");
  EXPECT_EQ(dvorak.delegate().organisation(), "Magistrát hlavního města Prahy");
  EXPECT_EQ(dvorak.registered_session_ids_size(), 2);
}

TEST_F(ImportTest, CliReimportKeepsDeskCorrectionsAndDropsRegistrationsTheFileNoLongerLists) {
  startEvent();
  writeFile(file("sessions.csv"), kSessionsCsv);
  writeFile(file("delegates.csv"), kDelegatesCsv);
  ASSERT_TRUE(cli({"import", "sessions", file("sessions.csv").string()}).status.exitedWith(0));
  ASSERT_TRUE(cli({"import", "delegates", file("delegates.csv").string()}).status.exitedWith(0));
  const std::string id = std::to_string(getDelegateByRef("E2E-3").delegate().id());
  const CommandResult corrected = cli({"delegate", "correct", id, "--given", "Jürgen Karl"});
  ASSERT_TRUE(corrected.status.exitedWith(0)) << corrected.err;
  EXPECT_NE(corrected.out.find("re-imports keep it"), std::string::npos) << corrected.out;

  // The registration system's next export: Müller still "Jürgen", Dvořák no longer at the partner meeting.
  std::string next = kDelegatesCsv;
  next.replace(next.find("E2E-S1|E2E-S2"), 13, "E2E-S1");
  writeFile(file("delegates-day2.csv"), next);
  const CommandResult reimport = cli({"import", "delegates", file("delegates-day2.csv").string()});

  ASSERT_TRUE(reimport.status.exitedWith(0)) << reimport.status.describe() << "\n" << reimport.err;
  EXPECT_NE(reimport.out.find("session registrations added, 1 dropped (no longer in the file)"), std::string::npos)
      << reimport.out;
  EXPECT_NE(reimport.out.find("kept the help desk's corrections of 1 delegate"), std::string::npos) << reimport.out;
  EXPECT_NE(reimport.out.find("E2E-3: given_name"), std::string::npos) << reimport.out;
  EXPECT_EQ(getDelegateByRef("E2E-3").delegate().given_name(), "Jürgen Karl");
  EXPECT_EQ(getDelegateByRef("E2E-1").registered_session_ids_size(), 1);
}

TEST_F(ImportTest, CliRejectsInvalidUtf8WithLineNumberAndImportsNothing) {
  startEvent();
  const std::size_t before = importBaseline();
  // Line 2 would update E2E-1, line 4 would add a delegate; line 3 is Latin-1, not UTF-8.
  writeFile(file("bad.csv"),
            "external_ref,given_name,family_name,category,email\n"
            "E2E-1,Changed,Dvořák,city_official,antonin.dvorak@example.org\n"
            "E2E-9,J\xFCrgen,M\xFCller,delegate,j@example.org\n"
            "E2E-10,Zzyzx,Quux,delegate,zzyzx@example.org\n");

  const CommandResult result = cli({"import", "delegates", file("bad.csv").string()});

  EXPECT_TRUE(result.status.exitedWith(1)) << result.status.describe();
  EXPECT_NE(result.err.find("line 3"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("UTF-8"), std::string::npos) << result.err;
  expectNothingImported(before);
}

TEST_F(ImportTest, CliRejectsUnknownCategoryWithLineNumberAndImportsNothing) {
  startEvent();
  const std::size_t before = importBaseline();
  writeFile(file("bad.csv"),
            "external_ref,given_name,family_name,category,email\n"
            "E2E-1,Changed,Dvořák,city_official,antonin.dvorak@example.org\n"
            "E2E-10,Zzyzx,Quux,delegate,zzyzx@example.org\n"
            "E2E-11,Ada,Astronaut,astronaut,ada@example.org\n");

  const CommandResult result = cli({"import", "delegates", file("bad.csv").string()});

  EXPECT_TRUE(result.status.exitedWith(1)) << result.status.describe();
  EXPECT_NE(result.err.find("line 4"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("astronaut"), std::string::npos) << result.err;
  expectNothingImported(before);
}

// --- The demo -------------------------------------------------------------------------------------

class DemoTest : public EndToEndTest {};

TEST_F(DemoTest, KeepsItsTokensFileToItsOwnerAndMarksARevokedTokenOnRestart) {
  const std::string db = file("demo.db").string();
  const ProcessOptions demo{{LANYARD_SERVER_BINARY, "demo", "--db", db, "--listen", "127.0.0.1:0"}, {}, {}};
  std::map<std::string, std::string> tokens;
  {
    ServerProcess first(demo);
    EXPECT_EQ(fs::status(db + ".tokens").permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    std::ifstream in(db + ".tokens");
    std::string name, token;
    while (in >> name >> token) tokens[name] = token;
    ASSERT_EQ(tokens.count("organiser"), 1U);
    auto channel = grpc::CreateChannel(first.loopbackAddress(), grpc::InsecureChannelCredentials());
    v1::RevokeTokenRequest revoke;
    revoke.set_name("organiser");
    v1::RevokeTokenResponse revoked;
    require(v1::DeviceService::NewStub(channel)->RevokeToken(callContext(tokens["admin"]).get(), revoke, &revoked),
            "RevokeToken");
    ASSERT_TRUE(first.terminate().has_value());
  }

  ServerProcess again(demo);
  ASSERT_TRUE(again.process().waitForStdout(
      [](const std::string& out) { return out.find("Try next") != std::string::npos; }, 10s));
  const std::string out = again.process().stdoutText();
  EXPECT_NE(out.find("organiser: " + tokens["organiser"] + " (revoked)"), std::string::npos) << out;
  EXPECT_NE(out.find("admin: " + tokens["admin"] + "\n"), std::string::npos) << out;
}

// --- The lanyard CLI ------------------------------------------------------------------------------

class CliTest : public EndToEndTest {};

TEST_F(CliTest, StaffPinIsReadFromStandardInputSoItStaysOffTheCommandLine) {
  startEvent();
  const std::string kiosk = createToken("kiosk-entrance-1", v1::ROLE_KIOSK);
  const auto tryPin = [&](const std::string& pin) {
    v1::EnterStaffModeRequest request;
    request.set_staff_pin(pin);
    v1::EnterStaffModeResponse response;
    require(v1::CheckInService::NewStub(channel())->EnterStaffMode(callContext(kiosk).get(), request, &response),
            "EnterStaffMode");
    return response.result();
  };

  const CommandResult none = cli({"staff-pin"});  // Standard input is empty.
  EXPECT_TRUE(none.status.exitedWith(2)) << none.status.describe();
  EXPECT_NE(none.err.find("no staff PIN given on standard input"), std::string::npos) << none.err;
  EXPECT_EQ(tryPin("482913"), v1::STAFF_PIN_CHECK_STAFF_MODE_OFF);

  writeFile(file("pin.txt"), "482913\n");
  const CommandResult set = cli({"staff-pin"}, {}, file("pin.txt"));
  ASSERT_TRUE(set.status.exitedWith(0)) << set.status.describe() << "\n" << set.err;
  EXPECT_NE(set.out.find("staff PIN set"), std::string::npos) << set.out;
  EXPECT_EQ(tryPin("482913"), v1::STAFF_PIN_CHECK_ACCEPTED);
  EXPECT_EQ(tryPin("000000"), v1::STAFF_PIN_CHECK_WRONG);

  writeFile(file("bad-pin.txt"), "48-29\n");
  const CommandResult bad = cli({"staff-pin"}, {}, file("bad-pin.txt"));
  EXPECT_TRUE(bad.status.exitedWith(1)) << bad.status.describe();
  EXPECT_FALSE(bad.err.empty());
  EXPECT_EQ(tryPin("482913"), v1::STAFF_PIN_CHECK_ACCEPTED) << "a refused PIN changes nothing";
}

TEST_F(CliTest, SearchJsonParsesAndFindsDelegateTypedWithoutAccents) {
  startEvent();
  importDelegates(kDelegatesOnlyCsv);

  const CommandResult result = cli({"search", "dvorak", "--json"});

  ASSERT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;
  v1::SearchDelegatesResponse parsed;
  const auto status = google::protobuf::util::JsonStringToMessage(result.out, &parsed);
  ASSERT_TRUE(status.ok()) << status.ToString() << "\n" << result.out;
  ASSERT_EQ(parsed.results_size(), 1) << result.out;
  EXPECT_EQ(parsed.results(0).delegate().family_name(), "Dvořák");
  EXPECT_EQ(parsed.results(0).delegate().external_ref(), "E2E-1");
}

TEST_F(CliTest, SearchSaysWhenMoreMatchThanItShows) {
  startEvent();
  importDelegates(
      "external_ref,given_name,family_name,city,email\n"
      "N1,Jan,Novák,Prague,jan.novak@praha.example\n"
      "N2,Jan,Novák,Brno,jan.novak@brno.example\n"
      "N3,Jana,Nováková,Ostrava,jana.novakova@ostrava.example\n");

  const CommandResult some = cli({"search", "novak", "--limit", "2"});
  const CommandResult all = cli({"search", "novak"});

  ASSERT_TRUE(some.status.exitedWith(0)) << some.status.describe() << "\n" << some.err;
  EXPECT_EQ(std::count(some.out.begin(), some.out.end(), '#'), 2) << some.out;
  EXPECT_NE(some.out.find("\n... and more: type more letters, or raise --limit\n"), std::string::npos) << some.out;
  ASSERT_TRUE(all.status.exitedWith(0)) << all.status.describe() << "\n" << all.err;
  EXPECT_EQ(std::count(all.out.begin(), all.out.end(), '#'), 3) << all.out;
  EXPECT_EQ(all.out.find("and more"), std::string::npos) << all.out;
}

TEST_F(CliTest, CheckInTwiceAdmitsThenReportsAlreadyCheckedIn) {
  startEvent();
  importDelegates(kDelegatesOnlyCsv);
  const v1::BadgeCodeEntry dvorak = badgeCodeOf("E2E-1");

  // The first through flags, which must win over a stale environment; the second through the
  // environment alone.
  const CommandResult admitted = cli({"--server", address(), "--token", m_admin, "checkin", dvorak.badge_code()},
                                     {{"LANYARD_SERVER", "stale.invalid:50051"}, {"LANYARD_TOKEN", "lyd_stale"}});
  const CommandResult again = cli({"checkin", dvorak.badge_code()});

  EXPECT_TRUE(admitted.status.exitedWith(0)) << admitted.status.describe() << "\n" << admitted.err;
  EXPECT_EQ(admitted.out.rfind("ADMITTED:", 0), 0U) << admitted.out;
  EXPECT_NE(admitted.out.find("\n  Antonín D., Prague (city_official)\n"), std::string::npos) << admitted.out;
  EXPECT_TRUE(again.status.exitedWith(0)) << again.status.describe() << "\n" << again.err;
  EXPECT_EQ(again.out.rfind("ALREADY_CHECKED_IN:", 0), 0U) << again.out;
  EXPECT_EQ(entranceAdmissions(checkInsOf(dvorak.delegate_id())), 1);
}

TEST_F(CliTest, AWalkInWithoutCityOrOrganisationIsShownByNameAlone) {
  startEvent();
  const CommandResult added =
      cli({"delegate", "add", "--given", "Olha", "--family", "Walkin", "--category", "delegate"});
  ASSERT_TRUE(added.status.exitedWith(0)) << added.status.describe() << "\n" << added.err;
  std::smatch id;
  ASSERT_TRUE(std::regex_search(added.out, id, std::regex(R"(#(\d+))"))) << added.out;

  const CommandResult admitted = cli({"checkin", "--delegate", id[1].str()});

  EXPECT_TRUE(admitted.status.exitedWith(0)) << admitted.status.describe() << "\n" << admitted.err;
  EXPECT_NE(admitted.out.find("\n  Olha W. (delegate)\n"), std::string::npos) << admitted.out;
}

// The help desk records how a delegate registered in Arabic script spells their name in Latin
// letters; staff at a Latin keyboard then find them by it.
TEST_F(CliTest, ADelegatesOwnLatinSpellingIsAddedCorrectedAndFound) {
  startEvent();
  const CommandResult added = cli({"delegate", "add", "--given", "محمد", "--family", "درويش", "--latin-name",
                                   "Mohamad Darwish", "--category", "delegate"});
  ASSERT_TRUE(added.status.exitedWith(0)) << added.status.describe() << "\n" << added.err;
  EXPECT_NE(added.out.find("\n  in Latin:     Mohamad Darwish\n"), std::string::npos) << added.out;
  std::smatch id;
  ASSERT_TRUE(std::regex_search(added.out, id, std::regex(R"(#(\d+))"))) << added.out;

  const CommandResult corrected = cli({"delegate", "correct", id[1].str(), "--latin-name", "Mohammad Darwish"});
  ASSERT_TRUE(corrected.status.exitedWith(0)) << corrected.status.describe() << "\n" << corrected.err;
  EXPECT_NE(corrected.out.find("\n  in Latin:     Mohammad Darwish\n"), std::string::npos) << corrected.out;
  EXPECT_EQ(getDelegate(std::stoll(id[1].str())).delegate().latin_name(), "Mohammad Darwish");

  const CommandResult found = cli({"search", "darwish"});
  ASSERT_TRUE(found.status.exitedWith(0)) << found.status.describe() << "\n" << found.err;
  EXPECT_NE(found.out.find("  محمد درويش (Mohammad Darwish), delegate\n"), std::string::npos) << found.out;
  EXPECT_EQ(cli({"search", "mohamad"}).out.find("درويش"), std::string::npos) << "the old spelling is gone";
}

TEST_F(CliTest, AddingSomeoneTheEventHasAlreadyNeedsAllowDuplicate) {
  startEvent();
  const std::vector<std::string> add = {"delegate", "add",    "--given",    "Olha",
                                        "--family", "Walkin", "--category", "delegate"};
  ASSERT_TRUE(cli(add).status.exitedWith(0));

  const CommandResult again = cli(add);

  EXPECT_TRUE(again.status.exitedWith(1)) << again.status.describe();
  EXPECT_NE(again.err.find("not added: this may be someone the event already has: #"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("Olha Walkin (walkin-1, same name)"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("--allow-duplicate"), std::string::npos) << again.err;
  std::vector<std::string> anyway = add;
  anyway.push_back("--allow-duplicate");
  const CommandResult added = cli(anyway);
  EXPECT_TRUE(added.status.exitedWith(0)) << added.err;
  EXPECT_NE(added.out.find("walkin-2"), std::string::npos) << added.out;
}

TEST_F(CliTest, TheHelpDeskWorksWithATokenOfItsOwnThatCannotImportOrMakeTokens) {
  startEvent();
  const CommandResult made = cli({"token", "create", "--role", "desk", "--name", "help-desk-1"});
  ASSERT_TRUE(made.status.exitedWith(0)) << made.err;
  EXPECT_NE(made.out.find(" help-desk-1 (desk)\n"), std::string::npos) << made.out;
  const std::size_t at = made.out.find("token: ");
  ASSERT_NE(at, std::string::npos) << made.out;
  const std::string desk = made.out.substr(at + 7, made.out.find('\n', at) - at - 7);
  const std::map<std::string, std::string> asDesk = {{"LANYARD_TOKEN", desk}};

  const CommandResult added =
      cli({"delegate", "add", "--given", "Olha", "--family", "Walkin", "--category", "delegate"}, asDesk);
  ASSERT_TRUE(added.status.exitedWith(0)) << added.err;
  const std::size_t hash = added.out.find('#');
  ASSERT_NE(hash, std::string::npos) << added.out;
  const std::string id = added.out.substr(hash + 1, added.out.find(' ', hash) - hash - 1);
  EXPECT_NE(added.out.find("badge code:"), std::string::npos) << "the desk hands the walk-in a code\n" << added.out;
  const CommandResult checkedIn = cli({"checkin", "--delegate", id}, asDesk);
  EXPECT_TRUE(checkedIn.status.exitedWith(0)) << checkedIn.err;
  EXPECT_EQ(checkedIn.out.rfind("ADMITTED:", 0), 0U) << checkedIn.out;
  // Organisers see the desk's check-ins as the desk's, with no printer to report.
  const CommandResult stats = cli({"stats"});
  const std::size_t line = stats.out.find("\n  help-desk-1 (desk)");
  ASSERT_NE(line, std::string::npos) << stats.out;
  const std::string deskLine = stats.out.substr(line + 1, stats.out.find('\n', line + 1) - line - 1);
  EXPECT_NE(deskLine.find("scans 1, admitted 1"), std::string::npos) << deskLine;
  EXPECT_EQ(deskLine.find("printer"), std::string::npos) << deskLine;

  const fs::path csv = file("delegates.csv");
  writeFile(csv, kDelegatesOnlyCsv);
  const CommandResult import = cli({"import", "delegates", csv.string()}, asDesk);
  EXPECT_TRUE(import.status.exitedWith(1)) << import.status.describe();
  EXPECT_NE(import.err.find("a desk token may not make this call"), std::string::npos) << import.err;
  const CommandResult token = cli({"token", "create", "--role", "admin", "--name", "mine"}, asDesk);
  EXPECT_TRUE(token.status.exitedWith(1)) << token.status.describe();
  EXPECT_NE(token.err.find("a desk token may not make this call"), std::string::npos) << token.err;
}

// Organisers setting up kiosks see which have not reached the server yet.
TEST_F(CliTest, AKioskIsListedAsNotConnectedFromTheMomentItsTokenIsMade) {
  startEvent();
  const CommandResult made = cli({"token", "create", "--role", "kiosk", "--name", "kiosk-hall-b"});
  ASSERT_TRUE(made.status.exitedWith(0)) << made.err;
  const CommandResult stats = cli({"stats"});
  ASSERT_TRUE(stats.status.exitedWith(0)) << stats.err;
  const std::size_t line = stats.out.find("\n  kiosk-hall-b ");
  ASSERT_NE(line, std::string::npos) << stats.out;
  const std::string kioskLine = stats.out.substr(line + 1, stats.out.find('\n', line + 1) - line - 1);
  EXPECT_NE(kioskLine.find(" not connected yet, scans 0, admitted 0"), std::string::npos) << kioskLine;
}

// What a kiosk reported before it went silent is stale: stats says its printer is unknown until
// it is heard from again.
TEST_F(CliTest, StatsSaysASilentKiosksPrinterIsUnknownUntilItSpeaksAgain) {
  ServerProcess& server = startEvent();
  const std::string kiosk = createToken("kiosk-hall-b", v1::ROLE_KIOSK);
  ASSERT_TRUE(server.terminate().has_value());
  // Its last heartbeat, paper out, was ten minutes ago.
  execSql(dbPath(),
          "INSERT INTO kiosk_status (device_id, printer_status, detail, server_time_us) "
          "SELECT id, 2, 'media-empty', " +
              std::to_string(nowUs() - 600'000'000LL) + " FROM device WHERE name = 'kiosk-hall-b'");
  startServer();
  const auto kioskLine = [this] {
    const CommandResult stats = cli({"stats"});
    EXPECT_TRUE(stats.status.exitedWith(0)) << stats.err;
    const std::size_t line = stats.out.find("\n  kiosk-hall-b ");
    EXPECT_NE(line, std::string::npos) << stats.out;
    return line == std::string::npos ? std::string()
                                     : stats.out.substr(line + 1, stats.out.find('\n', line + 1) - line - 1);
  };

  const std::string silent = kioskLine();
  EXPECT_NE(silent.find(" silent, last seen "), std::string::npos) << silent;
  EXPECT_NE(silent.find(", printer unknown"), std::string::npos) << silent;
  EXPECT_EQ(silent.find("PAPER_OUT"), std::string::npos) << silent;
  EXPECT_EQ(silent.find("media-empty"), std::string::npos) << silent;

  v1::HeartbeatRequest heartbeat;
  heartbeat.set_printer_status(v1::PRINTER_STATUS_OFFLINE);
  heartbeat.set_detail("queue stopped");
  v1::HeartbeatResponse answer;
  require(v1::KioskStatusService::NewStub(channel())->Heartbeat(callContext(kiosk).get(), heartbeat, &answer),
          "Heartbeat");
  const std::string heard = kioskLine();
  EXPECT_EQ(heard.find("silent"), std::string::npos) << heard;
  EXPECT_NE(heard.find(", printer OFFLINE (queue stopped)"), std::string::npos) << heard;
}

// Those not checked in are expected until the event's last day is over, no-shows after it.
TEST_F(CliTest, StatsCallsThoseNotCheckedInNotYetArrivedDuringTheEvent) {
  startEvent({"--start-date", "2026-05-12", "--end-date", "2099-12-31"});
  importDelegates(kDelegatesOnlyCsv);
  const CommandResult stats = cli({"stats"});
  ASSERT_TRUE(stats.status.exitedWith(0)) << stats.err;
  EXPECT_NE(stats.out.find("\n  not yet arrived    3\n"), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("inside now  not yet arrived\n"), std::string::npos) << stats.out;
  EXPECT_EQ(stats.out.find("no-shows"), std::string::npos) << stats.out;
}

TEST_F(CliTest, StatsCallsThoseNotCheckedInNoShowsAfterTheLastDay) {
  startEvent({"--start-date", "2020-01-01", "--end-date", "2020-01-02"});
  importDelegates(kDelegatesOnlyCsv);
  const CommandResult stats = cli({"stats"});
  ASSERT_TRUE(stats.status.exitedWith(0)) << stats.err;
  EXPECT_NE(stats.out.find("\n  no-shows           3\n"), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("inside now  no-shows\n"), std::string::npos) << stats.out;
  EXPECT_EQ(stats.out.find("not yet arrived"), std::string::npos) << stats.out;
}

TEST_F(CliTest, ExitsWithUsageErrorWithoutServer) {
  // No server started: the CLI gets neither --server nor LANYARD_SERVER.
  const CommandResult result = cli({"--token", "lyd_whatever", "event"});

  EXPECT_TRUE(result.status.exitedWith(2)) << result.status.describe();
  EXPECT_NE(result.err.find("no server"), std::string::npos) << result.err;
}

TEST_F(CliTest, MisspeltOptionIsAUsageErrorNotAnExportOfEveryone) {
  startEvent();
  importDelegates(kDelegatesOnlyCsv);
  const fs::path out = file("absent.csv");

  const CommandResult typo = cli({"export", "--stauts", "absent", "-o", out.string()});
  const CommandResult wrongCommand = cli({"stats", "--limit", "3"});
  const CommandResult noPort = cli({"--server", "127.0.0.1", "stats"});
  const CommandResult noCategory = cli({"delegate", "add", "--given", "Olha", "--family", "Walkin"});

  EXPECT_TRUE(typo.status.exitedWith(2)) << typo.status.describe();
  EXPECT_NE(typo.err.find("unknown option --stauts"), std::string::npos) << typo.err;
  EXPECT_FALSE(fs::exists(out)) << "nothing is exported on a usage error";
  EXPECT_TRUE(wrongCommand.status.exitedWith(2)) << wrongCommand.status.describe();
  EXPECT_NE(wrongCommand.err.find("lanyard stats has no option --limit"), std::string::npos) << wrongCommand.err;
  EXPECT_TRUE(noPort.status.exitedWith(2)) << noPort.status.describe();
  EXPECT_NE(noPort.err.find("has no port"), std::string::npos) << noPort.err;
  EXPECT_TRUE(noCategory.status.exitedWith(2)) << noCategory.status.describe();
  EXPECT_NE(noCategory.err.find("needs --category"), std::string::npos) << noCategory.err;
}

TEST_F(CliTest, ExitsWithOneWhenServerRefuses) {
  startEvent();
  const std::string kiosk = createToken("kiosk-entrance-1", v1::ROLE_KIOSK);

  const CommandResult result = cli({"codes"}, {{"LANYARD_TOKEN", kiosk}});

  EXPECT_TRUE(result.status.exitedWith(1)) << result.status.describe();
  EXPECT_NE(result.err.find("PERMISSION_DENIED"), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find("E2E-"), std::string::npos);
}

// --- Check-in -------------------------------------------------------------------------------------

class CheckInTest : public EndToEndTest {};

TEST_F(CheckInTest, ConcurrentDuplicateScansFromTwoKiosksAdmitExactlyOnce) {
  startEvent();
  importDelegates(kDelegatesOnlyCsv);
  const v1::BadgeCodeEntry dvorak = badgeCodeOf("E2E-1");
  const std::string kiosks[2] = {createToken("kiosk-entrance-1", v1::ROLE_KIOSK),
                                 createToken("kiosk-entrance-2", v1::ROLE_KIOSK)};
  // One connection per device, as two kiosks have, both up before the scans start.
  std::shared_ptr<grpc::Channel> channels[2];
  for (int device = 0; device < 2; ++device) {
    grpc::ChannelArguments arguments;
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    channels[device] = grpc::CreateCustomChannel(address(), grpc::InsecureChannelCredentials(), arguments);
    v1::GetEventResponse event;
    ASSERT_TRUE(v1::EventService::NewStub(channels[device])
                    ->GetEvent(callContext(kiosks[device]).get(), v1::GetEventRequest(), &event)
                    .ok());
    ASSERT_EQ(event.device_name(), device == 0 ? "kiosk-entrance-1" : "kiosk-entrance-2");
  }
  constexpr int kScansPerDevice = 8;
  constexpr int kScans = 2 * kScansPerDevice;
  std::vector<grpc::Status> statuses(kScans);
  std::vector<v1::CheckInResponse> responses(kScans);
  std::latch start(kScans);
  std::vector<std::thread> scanners;
  for (int i = 0; i < kScans; ++i) {
    scanners.emplace_back([&, i] {
      const int device = i % 2;
      auto stub = v1::CheckInService::NewStub(channels[device]);
      const v1::CheckInRequest request = entranceCheckIn(dvorak.badge_code(), "dup-" + std::to_string(i));
      auto context = callContext(kiosks[device]);
      start.arrive_and_wait();
      statuses[i] = stub->CheckIn(context.get(), request, &responses[i]);
    });
  }
  for (std::thread& scanner : scanners) scanner.join();

  std::map<v1::CheckInOutcome, int> outcomes;
  std::set<std::int64_t> previousTimes;
  std::string admittedBy;
  for (int i = 0; i < kScans; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << describe(statuses[i]);
    ++outcomes[responses[i].outcome()];
    if (responses[i].outcome() == v1::CHECK_IN_OUTCOME_ADMITTED) {
      admittedBy = i % 2 == 0 ? "kiosk-entrance-1" : "kiosk-entrance-2";
    }
    if (responses[i].outcome() == v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN) {
      previousTimes.insert(responses[i].previous().time_us());
    }
  }
  EXPECT_EQ(outcomes[v1::CHECK_IN_OUTCOME_ADMITTED], 1);
  EXPECT_EQ(outcomes[v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN], kScans - 1);
  EXPECT_EQ(previousTimes.size(), 1U) << "every refusal must point at the one admission";
  for (int i = 0; i < kScans; ++i) {
    if (responses[i].outcome() == v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN) {
      EXPECT_EQ(responses[i].previous().device_name(), admittedBy);
    }
  }
  const v1::ListCheckInsResponse history = checkInsOf(dvorak.delegate_id());
  EXPECT_EQ(entranceAdmissions(history), 1);
  EXPECT_EQ(history.check_ins_size(), kScans) << "every scan is logged";
}

TEST_F(CheckInTest, ForgedCodeIsRefusedAndAdmitsNobody) {
  startEvent();
  importDelegates(kDelegatesOnlyCsv);
  const v1::BadgeCodeEntry dvorak = badgeCodeOf("E2E-1");
  const std::string kiosk = createToken("kiosk-entrance-1", v1::ROLE_KIOSK);

  v1::CheckInResponse forged;
  const grpc::Status status = checkIn(kiosk, entranceCheckIn(forgeSignature(dvorak.badge_code()), "forged-1"), &forged);

  ASSERT_TRUE(status.ok()) << describe(status);
  EXPECT_EQ(forged.outcome(), v1::CHECK_IN_OUTCOME_FORGED_CODE) << forged.reason();
  EXPECT_FALSE(forged.has_delegate());
  EXPECT_EQ(entranceAdmissions(checkInsOf(dvorak.delegate_id())), 0);
  v1::CheckInResponse genuine;
  ASSERT_TRUE(checkIn(kiosk, entranceCheckIn(dvorak.badge_code(), "genuine-1"), &genuine).ok());
  EXPECT_EQ(genuine.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED) << "the forgery must not have used up the badge";
}

TEST_F(CheckInTest, ReissuedBadgeSupersedesOldCodeAndNewCodeAdmits) {
  startEvent();
  importDelegates(kDelegatesOnlyCsv);
  const v1::BadgeCodeEntry before = badgeCodeOf("E2E-2");
  const std::string kiosk = createToken("kiosk-entrance-1", v1::ROLE_KIOSK);

  const CommandResult reissue = cli({"delegate", "reissue", std::to_string(before.delegate_id()), "--json"});
  ASSERT_TRUE(reissue.status.exitedWith(0)) << reissue.status.describe() << "\n" << reissue.err;
  v1::ReissueBadgeResponse reissued;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(reissue.out, &reissued).ok()) << reissue.out;
  const std::string newCode = badgeCodeOf("E2E-2").badge_code();
  v1::CheckInResponse old;
  ASSERT_TRUE(checkIn(kiosk, entranceCheckIn(before.badge_code(), "old-code"), &old).ok());
  v1::CheckInResponse fresh;
  ASSERT_TRUE(checkIn(kiosk, entranceCheckIn(newCode, "new-code"), &fresh).ok());

  EXPECT_NE(newCode, before.badge_code());
  EXPECT_EQ(reissued.delegate().badge_code(), newCode);
  EXPECT_EQ(reissued.delegate().badge_version(), 2);
  EXPECT_EQ(old.outcome(), v1::CHECK_IN_OUTCOME_SUPERSEDED_CODE) << old.reason();
  EXPECT_EQ(fresh.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED) << fresh.reason();
  EXPECT_EQ(fresh.delegate().id(), before.delegate_id());
}

// --- Crash safety ---------------------------------------------------------------------------------

class CrashSafetyTest : public EndToEndTest {};

TEST_F(CrashSafetyTest, AcknowledgedCheckInsSurviveSigkillAndRetriesAreIdempotent) {
  constexpr int kDelegates = 200;
  constexpr int kThreads = 4;
  constexpr int kKillAfterAcks = 50;
  ServerProcess& first = startEvent();
  std::string csv = "external_ref,given_name,family_name,category,email\n";
  for (int i = 0; i < kDelegates; ++i) {
    const std::string n = std::to_string(i);
    csv += "CRASH-" + n + ",Given" + n + ",Family" + n + ",delegate,d" + n + "@example.org\n";
  }
  importDelegates(csv);
  const std::vector<v1::BadgeCodeEntry> codes = badgeCodes();
  ASSERT_EQ(codes.size(), static_cast<std::size_t>(kDelegates));
  const std::string kiosks[2] = {createToken("kiosk-entrance-1", v1::ROLE_KIOSK),
                                 createToken("kiosk-entrance-2", v1::ROLE_KIOSK)};

  enum class State { NotSent, InFlight, Acknowledged, Failed };
  struct Attempt {
    State state = State::NotSent;
    int device = 0;
    std::string requestId;
    v1::CheckInResponse response;
  };
  std::vector<Attempt> attempts(kDelegates);
  std::mutex mutex;
  std::condition_variable progress;
  int acknowledged = 0;
  int threadsDone = 0;
  std::atomic<int> next{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kThreads; ++t) {
    clients.emplace_back([&, t] {
      auto stub = v1::CheckInService::NewStub(channel());
      for (int i = next++; i < kDelegates; i = next++) {
        const v1::CheckInRequest request = entranceCheckIn(codes[i].badge_code(), "crash-" + std::to_string(i));
        {
          std::lock_guard lock(mutex);
          attempts[i] = {State::InFlight, t % 2, request.request_id(), {}};
        }
        v1::CheckInResponse response;
        const grpc::Status status = stub->CheckIn(callContext(kiosks[t % 2]).get(), request, &response);
        std::lock_guard lock(mutex);
        if (!status.ok()) {
          attempts[i].state = State::Failed;  // Perhaps committed, perhaps not: unknown.
          break;
        }
        attempts[i].state = State::Acknowledged;
        attempts[i].response = response;
        ++acknowledged;
        progress.notify_all();
      }
      std::lock_guard lock(mutex);
      ++threadsDone;
      progress.notify_all();
    });
  }
  {
    std::unique_lock lock(mutex);
    progress.wait_for(lock, 30s, [&] { return acknowledged >= kKillAfterAcks || threadsDone == kThreads; });
  }
  const std::optional<ExitStatus> killed = first.kill();
  for (std::thread& client : clients) client.join();

  ASSERT_TRUE(killed.has_value());
  EXPECT_EQ(killed->signal, SIGKILL) << killed->describe();
  ASSERT_GE(acknowledged, kKillAfterAcks);
  ASSERT_LT(acknowledged, kDelegates) << "the stream finished before the kill: nothing was tested mid-stream";
  for (const Attempt& attempt : attempts) {
    if (attempt.state == State::Acknowledged) {
      ASSERT_EQ(attempt.response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED) << attempt.requestId;
    }
  }

  startServer();
  for (int i = 0; i < kDelegates; ++i) {
    const Attempt& attempt = attempts[i];
    if (attempt.state == State::Acknowledged || attempt.state == State::Failed) {
      v1::CheckInResponse retry;
      const grpc::Status status =
          checkIn(kiosks[attempt.device], entranceCheckIn(codes[i].badge_code(), attempt.requestId), &retry);
      ASSERT_TRUE(status.ok()) << attempt.requestId << ": " << describe(status);
      EXPECT_EQ(retry.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED) << attempt.requestId;
      if (attempt.state == State::Acknowledged) {
        EXPECT_EQ(retry.check_in_id(), attempt.response.check_in_id()) << attempt.requestId;
        EXPECT_EQ(retry.server_time_us(), attempt.response.server_time_us()) << attempt.requestId;
      }
    }
    const int expected = attempt.state == State::NotSent ? 0 : 1;
    EXPECT_EQ(entranceAdmissions(checkInsOf(codes[i].delegate_id())), expected)
        << codes[i].external_ref() << " (request " << attempt.requestId << ")";
  }
}

// --- Schema and lifecycle -------------------------------------------------------------------------

class SchemaTest : public EndToEndTest {};

TEST_F(SchemaTest, RefusesDatabaseWrittenByNewerLanyard) {
  initEvent();
  setSqliteUserVersion(dbPath(), 999);
  ChildProcess serve({{LANYARD_SERVER_BINARY, "serve", "--db", dbPath().string(), "--listen", "127.0.0.1:0"}, {}, {}});

  const std::optional<ExitStatus> status = serve.waitForExit(kProcessTimeout);

  ASSERT_TRUE(status.has_value()) << "serve kept running on a database from the future";
  EXPECT_TRUE(status->exited && status->code != 0) << status->describe();
  EXPECT_NE(serve.stderrText().find("newer Lanyard"), std::string::npos) << serve.stderrText();
  EXPECT_EQ(sqliteUserVersion(dbPath()), 999) << "the server must leave a newer database alone";
}

// The event file holds the badge signing key and personal data.
TEST_F(SchemaTest, InitKeepsTheEventFileToItsOwner) {
  initEvent();
  EXPECT_EQ(fs::status(dbPath()).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
}

class ShutdownTest : public EndToEndTest {};

TEST_F(ShutdownTest, SigtermExitsZeroWithinDeadline) {
  ServerProcess& server = startEvent();
  ASSERT_TRUE(getEvent(m_admin).ok());

  const std::optional<ExitStatus> status = server.terminate(10s);

  ASSERT_TRUE(status.has_value()) << "still running 10 s after SIGTERM";
  EXPECT_TRUE(status->exitedWith(0)) << status->describe();
  EXPECT_FALSE(getEvent(m_admin).ok()) << "nothing may answer after shutdown";
}

// --- An independent client ------------------------------------------------------------------------

class NodeClientTest : public EndToEndTest {};

TEST_F(NodeClientTest, ChecksInThroughGrpcJsWithBearerToken) {
  const std::string node = LANYARD_NODE_EXECUTABLE;
  if (node.empty() || !fs::exists(node)) {
    GTEST_SKIP() << "node was not found when configuring: the Node client test needs Node.js 20";
  }
  const fs::path clientDir = fs::path(LANYARD_SOURCE_DIR) / "tests/e2e/node";
  ASSERT_TRUE(fs::exists(clientDir / "node_modules/@grpc/grpc-js"))
      << "the Node client's packages are missing: run `npm ci --prefix tests/e2e/node`";
  startEvent();
  importDelegates(kDelegatesOnlyCsv);
  const v1::BadgeCodeEntry muller = badgeCodeOf("E2E-3");
  const std::string kiosk = createToken("node-kiosk", v1::ROLE_KIOSK);

  const CommandResult result = runCommand(
      {{node, (clientDir / "check_in.mjs").string(), "--server", address(), "--token", kiosk, muller.badge_code()},
       {},
       {}},
      kProcessTimeout);

  ASSERT_TRUE(result.status.exitedWith(0)) << result.status.describe() << "\n" << result.err;
  EXPECT_EQ(firstLine(result.out), "CHECK_IN_OUTCOME_ADMITTED") << result.out;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(result.out, match, std::regex(R"(check_in_id: (\d+))"))) << result.out;
  const v1::ListCheckInsResponse history = checkInsOf(muller.delegate_id());
  ASSERT_EQ(entranceAdmissions(history), 1);
  for (const v1::CheckInRecord& record : history.check_ins()) {
    if (record.outcome_code() != v1::CHECK_IN_OUTCOME_ADMITTED) continue;
    EXPECT_EQ(record.id(), std::stoll(match[1].str())) << "the server logged another check-in than it answered";
    EXPECT_EQ(record.device_name(), "node-kiosk");
  }
}

}  // namespace
}  // namespace lanyard::e2e
