// End to end: `lanyard-server backup` of a served event file under check-in load, the server's own
// scheduled backups, and `lanyard-server restore` of a backup in place of the file.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "e2e_fixture.h"
#include "lanyard/v1/replica_service.grpc.pb.h"

namespace lanyard::e2e {
namespace {

namespace fs = std::filesystem;

const fs::path kDemoDir = fs::path(LANYARD_SOURCE_DIR) / "deploy" / "demo";

// Every check-in's request id in the SQLite file `db`; throws when it cannot read it.
std::set<std::string> loggedRequestIds(const fs::path& db) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(raw);
    throw std::runtime_error("cannot open " + db.string());
  }
  sqlite3_stmt* select = nullptr;
  std::set<std::string> ids;
  if (sqlite3_prepare_v2(raw, "SELECT request_id FROM check_in", -1, &select, nullptr) == SQLITE_OK) {
    while (sqlite3_step(select) == SQLITE_ROW)
      ids.insert(reinterpret_cast<const char*>(sqlite3_column_text(select, 0)));
  }
  sqlite3_finalize(select);
  sqlite3_close(raw);
  return ids;
}

// Kiosks scanning the delegates' codes as fast as the server answers, each call with a new
// request id, remembering which the server acknowledged.
class ScanLoad {
 public:
  ScanLoad(std::shared_ptr<grpc::Channel> channel, std::string token, std::vector<std::string> codes, int kiosks)
      : m_token(std::move(token)), m_codes(std::move(codes)) {
    for (int k = 0; k < kiosks; ++k) {
      m_kiosks.emplace_back([this, channel, k] { scan(*v1::CheckInService::NewStub(channel), k); });
    }
  }
  ~ScanLoad() { stop(); }

  // Waits until the server has acknowledged `count` scans in all; false at the deadline or when
  // a scan failed.
  bool waitForAcknowledged(std::size_t count) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, kProcessTimeout, [&] {
      return !m_error.empty() || m_acknowledged.size() >= count;
    }) && m_error.empty();
  }
  std::set<std::string> acknowledged() {
    std::lock_guard lock(m_mutex);
    return m_acknowledged;
  }
  std::string error() {
    std::lock_guard lock(m_mutex);
    return m_error;
  }
  void stop() {
    m_stopping = true;
    for (std::thread& kiosk : m_kiosks) {
      if (kiosk.joinable()) kiosk.join();
    }
  }

 private:
  void scan(v1::CheckInService::Stub& stub, int kiosk) {
    for (int n = 0; !m_stopping; ++n) {
      const std::string requestId = "k" + std::to_string(kiosk) + "-" + std::to_string(n);
      v1::CheckInRequest request = entranceCheckIn(m_codes[(kiosk * 7919 + n) % m_codes.size()], requestId);
      if (n % 2 == 1) request.set_direction(v1::DIRECTION_OUT);
      v1::CheckInResponse response;
      const grpc::Status status = stub.CheckIn(callContext(m_token).get(), request, &response);
      std::lock_guard lock(m_mutex);
      if (status.ok()) {
        m_acknowledged.insert(requestId);
      } else if (m_error.empty()) {
        m_error = requestId + ": " + describe(status);
      }
      m_changed.notify_all();
      if (!status.ok()) return;
    }
  }

  const std::string m_token;
  const std::vector<std::string> m_codes;
  std::atomic<bool> m_stopping{false};
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::set<std::string> m_acknowledged;
  std::string m_error;
  std::vector<std::thread> m_kiosks;
};

class BackupTest : public EndToEndTest {
 protected:
  // The demo's sessions and delegates, served by m_served; returns their codes and leaves a kiosk token in
  // m_kiosk.
  std::vector<std::string> serveDemoDelegates() {
    m_served = &startEvent();
    m_kiosk = createToken("kiosk-entrance-1", v1::ROLE_KIOSK);
    for (const char* what : {"sessions", "delegates"}) {
      const CommandResult imported = cli({"import", what, (kDemoDir / (std::string(what) + ".csv")).string()});
      if (!imported.status.exitedWith(0)) throw std::runtime_error(std::string("import ") + what + ": " + imported.err);
    }
    std::vector<std::string> codes;
    for (const v1::BadgeCodeEntry& entry : badgeCodes()) codes.push_back(entry.badge_code());
    return codes;
  }

  // One page of the replica feed after `cursor`, as the kiosk asks for it.
  grpc::Status replicaChanges(const std::string& cursor, v1::GetReplicaChangesResponse* response) {
    v1::GetReplicaChangesRequest request;
    request.set_cursor(cursor);
    return v1::ReplicaService::NewStub(channel())->GetReplicaChanges(callContext(m_kiosk).get(), request, response);
  }

  // Stops m_served with SIGTERM; true once it has exited by itself.
  bool stopServer() {
    const std::optional<ExitStatus> exit = m_served->terminate();
    return exit && exit->exitedWith(0);
  }

  ServerProcess* m_served = nullptr;
  std::string m_kiosk;
};

TEST_F(BackupTest, ABackupUnderLoadRestoresEveryCheckInAcknowledgedBeforeItBegan) {
  const std::vector<std::string> codes = serveDemoDelegates();
  ASSERT_GT(codes.size(), 100u);
  v1::GetReplicaChangesResponse firstPage;
  ASSERT_TRUE(replicaChanges("", &firstPage).ok());
  const std::string cursorBefore = firstPage.next_cursor();
  ScanLoad load(channel(), m_kiosk, codes, 4);
  ASSERT_TRUE(load.waitForAcknowledged(300)) << load.error();

  const std::set<std::string> acknowledgedBefore = load.acknowledged();
  const CommandResult backup = server({"backup", "--db", dbPath().string(), "--to", file("backup.db").string()});
  ASSERT_TRUE(backup.status.exitedWith(0)) << backup.status.describe() << "\n" << backup.err;
  EXPECT_NE(backup.out.find("backed up the event \"Integrating Cities E2E\""), std::string::npos) << backup.out;
  // The load goes on after the backup: the backup is a snapshot, not the end of the file.
  ASSERT_TRUE(load.waitForAcknowledged(acknowledgedBefore.size() + 300)) << load.error();
  load.stop();
  const std::set<std::string> all = load.acknowledged();
  EXPECT_FALSE(fs::exists(file("backup.db-wal"))) << "a backup is one file";

  // The machine fails: the file's last check-ins are in its WAL.
  ASSERT_TRUE(m_served->kill().has_value());
  ASSERT_TRUE(fs::exists(dbPath().string() + "-wal"));
  const CommandResult restored = server({"restore", "--from", file("backup.db").string(), "--db", dbPath().string()});
  ASSERT_TRUE(restored.status.exitedWith(0)) << restored.status.describe() << "\n" << restored.err;

  const std::set<std::string> inRestored = loggedRequestIds(dbPath());
  for (const std::string& id : acknowledgedBefore)
    EXPECT_EQ(inRestored.count(id), 1u) << id << " was acknowledged before the backup";
  EXPECT_LT(inRestored.size(), all.size()) << "scans acknowledged after the backup began are not in it";
  for (const std::string& id : inRestored)
    EXPECT_EQ(all.count(id), 1u) << id << " in the backup was never acknowledged";

  // The replaced file is kept whole, its WAL beside it, with every scan the server acknowledged.
  const std::string keptLine = "the file it replaced is kept as ";
  const std::size_t kept = restored.out.find(keptLine);
  ASSERT_NE(kept, std::string::npos) << restored.out;
  const fs::path setAside =
      restored.out.substr(kept + keptLine.size(), restored.out.find('\n', kept) - kept - keptLine.size());
  EXPECT_TRUE(fs::exists(setAside.string() + "-wal"));
  EXPECT_EQ(loggedRequestIds(setAside), all);

  // The restored file serves: the event, the same kiosks, and a scan. A kiosk's replica cursor
  // from before the restore may hold changes the backup lacks: the kiosk must copy the event again.
  startServer();
  v1::GetReplicaChangesResponse copy;
  EXPECT_EQ(replicaChanges(cursorBefore, &copy).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(replicaChanges("", &copy).ok());
  v1::CheckInResponse response;
  ASSERT_TRUE(checkIn(m_kiosk, entranceCheckIn(codes.front(), "after-restore"), &response).ok());
  const CommandResult stats = cli({"stats"});
  EXPECT_TRUE(stats.status.exitedWith(0)) << stats.err;
}

TEST_F(BackupTest, RestoreRefusesAServedFileAndAnotherEventsBackup) {
  serveDemoDelegates();
  ASSERT_TRUE(server({"backup", "--db", dbPath().string(), "--to", file("ours.db").string()}).status.exitedWith(0));
  const CommandResult served = server({"restore", "--from", file("ours.db").string(), "--db", dbPath().string()});
  EXPECT_TRUE(served.status.exitedWith(1)) << served.status.describe();
  EXPECT_NE(served.err.find("is in use by a running lanyard-server; stop it first"), std::string::npos) << served.err;

  const CommandResult again = server({"backup", "--db", dbPath().string(), "--to", file("ours.db").string()});
  EXPECT_TRUE(again.status.exitedWith(1));
  EXPECT_NE(again.err.find("ours.db already exists"), std::string::npos) << again.err;

  const fs::path other = file("other.db");
  e2e::initEvent(LANYARD_SERVER_BINARY, other, "Another Event");
  ASSERT_TRUE(stopServer());
  const CommandResult wrong = server({"restore", "--from", other.string(), "--db", dbPath().string()});
  EXPECT_TRUE(wrong.status.exitedWith(1)) << wrong.status.describe();
  EXPECT_NE(wrong.err.find("is a backup of the event \"Another Event\""), std::string::npos) << wrong.err;
  EXPECT_NE(wrong.err.find("holds the event \"Integrating Cities E2E\""), std::string::npos) << wrong.err;
  EXPECT_FALSE(fs::exists(dbPath().string() + ".restoring"));
}

TEST_F(BackupTest, TheServerBacksUpOnItsOwnAndKeepsTheNewest) {
  initEvent();
  ServerProcess& served = startServer({"--backup-every", "1s", "--backup-keep", "2"});
  const std::regex kBackedUp(R"(backed up to (\S+) \()");
  const auto backupsLogged = [&](const std::string& text) {
    return std::distance(std::sregex_iterator(text.begin(), text.end(), kBackedUp), std::sregex_iterator());
  };
  ASSERT_TRUE(
      served.process().waitForStderr([&](const std::string& err) { return backupsLogged(err) >= 3; }, kProcessTimeout))
      << served.process().stderrText();
  ASSERT_TRUE(served.terminate().has_value());  // After the backup in progress, if any.

  const std::string err = served.process().stderrText();
  EXPECT_NE(err.find("backing up every 1 s into " + file("backups").string() + ", keeping 2"), std::string::npos)
      << err;
  std::vector<std::string> logged;
  for (auto it = std::sregex_iterator(err.begin(), err.end(), kBackedUp); it != std::sregex_iterator(); ++it) {
    logged.push_back((*it)[1].str());
  }
  std::set<std::string> inFolder;
  for (const fs::directory_entry& entry : fs::directory_iterator(file("backups"))) {
    inFolder.insert(entry.path().string());
  }
  EXPECT_EQ(inFolder, (std::set<std::string>{logged[logged.size() - 2], logged.back()}));
  for (const std::string& backup : inFolder) {
    const CommandResult check =
        server({"restore", "--from", backup, "--db", file("spare-" + fs::path(backup).filename().string()).string()});
    EXPECT_TRUE(check.status.exitedWith(0)) << check.err;
  }
}

}  // namespace
}  // namespace lanyard::e2e
