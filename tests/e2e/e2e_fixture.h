#pragma once

// The end-to-end tests' fixture: the real lanyard-server and lanyard binaries, run as child
// processes on 127.0.0.1 port 0 in a fresh temporary directory per test, driven through the
// generated C++ stubs and the CLI. Every e2e test file derives its test classes from EndToEndTest.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/device_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"
#include "server_process.h"
#include "support/temp_dir.h"

namespace lanyard::e2e {

inline constexpr auto kCallTimeout = std::chrono::seconds(10);
inline constexpr auto kProcessTimeout = std::chrono::seconds(30);
inline constexpr char kEventName[] = "Integrating Cities E2E";

// Three delegates whose names need folding to be found, in Lanyard's template, without sessions.
inline constexpr char kDelegatesOnlyCsv[] =
    "external_ref,given_name,family_name,organisation,city,country,category,email,language\n"
    "E2E-1,Antonín,Dvořák,Magistrát hlavního města Prahy,Prague,CZ,city_official,antonin.dvorak@example.org,cs\n"
    "E2E-2,Тарас,Шевченко,Kyiv City Council,Kyiv,UA,community_representative,taras.shevchenko@example.org,uk\n"
    "E2E-3,Jürgen,Müller,Stadt Düsseldorf,Düsseldorf,DE,speaker,juergen.mueller@example.org,de\n";

// "gRPC status CODE: MESSAGE", for assertion messages.
std::string describe(const grpc::Status& status);
// Throws when a call the test depends on (not the behaviour under test) fails.
void require(const grpc::Status& status, const std::string& what);

void writeFile(const std::filesystem::path& path, const std::string& content);
std::string readFile(const std::filesystem::path& path);
// Now, UTC, microseconds since the epoch.
std::int64_t nowUs();

// A call context with a deadline and, unless `token` is empty, `authorization: Bearer TOKEN`.
std::unique_ptr<grpc::ClientContext> callContext(const std::string& token);
// A scan of `code` at the venue entrance, now.
v1::CheckInRequest entranceCheckIn(const std::string& code, const std::string& requestId);
// Rows of the delegate's history that let them in at the venue entrance.
int entranceAdmissions(const v1::ListCheckInsResponse& history);

// Runs `sql` on the database file of a stopped server; throws when it fails.
void execSql(const std::filesystem::path& db, const std::string& sql);

// One event per test: a fresh temporary directory with the database, the servers started on it
// (killed at the end of the test whatever happens) and a channel to the latest one. The directory
// stays on disk when LANYARD_E2E_KEEP_TMP is set.
class EndToEndTest : public ::testing::Test {
 protected:
  EndToEndTest();
  void TearDown() override;

  std::filesystem::path file(const std::string& name) const { return m_dir.path() / name; }
  std::filesystem::path dbPath() const { return file("lanyard.db"); }
  // The event's database that initEvent() and startServer() name: dbPath() unless a test class
  // chooses another (a PostgreSQL address).
  virtual std::string database() const { return dbPath().string(); }

  // `lanyard-server init` on database() with `extra` options; returns the admin token it prints.
  std::string initEvent(const std::vector<std::string>& extra = {});

  // `lanyard-server serve` on database(), listening on 127.0.0.1:0 unless `extra` says otherwise;
  // connects channel() to it with `credentials` (plaintext by default).
  ServerProcess& startServer(const std::vector<std::string>& extra = {},
                             std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr);

  // A new event (`initOptions` for `lanyard-server init`) served on 127.0.0.1:0, with m_admin
  // holding its admin token.
  ServerProcess& startEvent(const std::vector<std::string>& initOptions = {});

  std::shared_ptr<grpc::Channel> channel() const { return m_channel; }
  // Where the latest server listens, as "127.0.0.1:PORT".
  std::string address() const { return m_servers.back()->loopbackAddress(); }

  grpc::Status getEvent(const std::string& token, v1::GetEventResponse* response = nullptr);
  std::string createToken(const std::string& name, v1::Role role);
  void importDelegates(const std::string& csv);
  std::vector<v1::BadgeCodeEntry> badgeCodes();
  v1::BadgeCodeEntry badgeCodeOf(const std::string& externalRef);
  v1::GetDelegateResponse getDelegate(std::int64_t id);
  // The delegate's check-ins, every page.
  v1::ListCheckInsResponse checkInsOf(std::int64_t id);
  v1::GetDelegateResponse getDelegateByRef(const std::string& externalRef);
  v1::SearchDelegatesResponse search(const std::string& query);
  grpc::Status checkIn(const std::string& token, const v1::CheckInRequest& request, v1::CheckInResponse* response);

  // `lanyard-server ARGS...` to completion (init, backup, restore, migrate...).
  static CommandResult server(std::vector<std::string> args) {
    args.insert(args.begin(), LANYARD_SERVER_BINARY);
    return runCommand({args, {}, {}}, kProcessTimeout);
  }

  // Runs the lanyard CLI against the latest server with the admin token from LANYARD_SERVER and
  // LANYARD_TOKEN; `env` adds or overrides variables.
  CommandResult cli(const std::vector<std::string>& args, std::map<std::string, std::string> env = {},
                    const std::filesystem::path& stdinFile = {});

  std::string m_admin;

 private:
  lanyard::testing::TempDir m_dir{"e2e"};  // Declared first: removed after the servers are killed.
  std::vector<std::unique_ptr<ServerProcess>> m_servers;
  std::shared_ptr<grpc::Channel> m_channel;
};

}  // namespace lanyard::e2e
