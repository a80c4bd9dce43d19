// End to end: the server's life: acknowledged check-ins survive SIGKILL, a newer database is
// refused, the event file is its owner's, SIGTERM stops it cleanly.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "e2e_fixture.h"

namespace lanyard::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

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

void setSqliteUserVersion(const fs::path& db, int version) {
  execSql(db, "PRAGMA user_version = " + std::to_string(version));
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
  ChildProcess serve(serveOptions(LANYARD_SERVER_BINARY, dbPath()));

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

}  // namespace
}  // namespace lanyard::e2e
