// The activity log on both backends: what is logged, in what order, and what an attached listener
// hears; the SQLite schema's own guarantees.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "event_store_fixture.h"
#include "recording_listener.h"
#include "storage/migrations.h"

namespace lanyard::server::storage {
namespace {

using domain::Activity;
using domain::ActivityKind;
using domain::CheckInOutcome;
using domain::Direction;

class ActivityLogTest : public EventStoreTest {
 protected:
  void TearDown() override {
    if (m_store && m_attached) (void)m_store->detachActivityListener(&m_listener);
  }

  void attach() {
    absl::StatusOr<std::int64_t> attached = m_store->attachActivityListener(&m_listener);
    ASSERT_TRUE(attached.ok()) << attached.status();
    m_attached = true;
  }

  std::int64_t addSession(const std::string& ref) { return EventStoreTest::addSession(ref, 0, false); }
  std::vector<Activity> log(std::int64_t after = 0) { return logAfter(*m_store, after); }
  std::int64_t newest() { return newestIn(*m_store); }

  RecordingListener m_listener;
  bool m_attached = false;
};
INSTANTIATE_BACKENDS(ActivityLogTest);

// The SQLite store's writer thread hands each commit over itself.
class SqliteActivityLogTest : public SqliteEventStoreTest {};

TEST_P(ActivityLogTest, CheckInIsLoggedWithItsActivity) {
  const std::int64_t before = newest();
  absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(scan("D1", "r1"));
  ASSERT_TRUE(result.ok()) << result.status();
  const std::vector<Activity> added = log(before);
  ASSERT_EQ(added.size(), 1u);
  const Activity& a = added[0];
  EXPECT_EQ(a.sequence, before + 1);
  EXPECT_EQ(a.kind, ActivityKind::CheckIn);
  EXPECT_EQ(a.timeUs, result->serverTimeUs);
  EXPECT_EQ(a.deviceName, "kiosk-1");
  EXPECT_EQ(a.delegateId, idOf("D1"));
  EXPECT_EQ(a.familyName, "Dvořák");
  EXPECT_EQ(a.checkIn.checkInId, result->checkInId);
  EXPECT_EQ(a.checkIn.outcome, CheckInOutcome::Admitted);
}

TEST_P(ActivityLogTest, EveryKindOfEventIsLoggedInOrder) {
  const std::int64_t before = newest();
  ASSERT_TRUE(m_store->checkIn(scan("D1", "in")).ok());
  domain::CheckInCommand forged = scan("D1", "forged");
  forged.subject = domain::subject::Forged{"AAAA"};
  ASSERT_TRUE(m_store->checkIn(forged).ok());
  domain::BadgePrintRecord print;
  print.delegateId = idOf("D1");
  print.deviceId = m_kiosk;
  print.error = "media-empty";
  ASSERT_TRUE(m_store->recordPrint(print).ok());
  domain::Delegate walkIn;
  walkIn.givenName = "Walk";
  walkIn.familyName = "In";
  walkIn.category = "press";
  absl::StatusOr<domain::Delegate> added = m_store->createDelegate(walkIn, /*allowDuplicate=*/false);
  ASSERT_TRUE(added.ok());
  domain::Delegate corrected = *added;
  corrected.familyName = "Inn";
  absl::StatusOr<domain::Delegate> stored = m_store->updateDelegate(corrected, corrected.version);
  ASSERT_TRUE(stored.ok()) << stored.status();
  ASSERT_TRUE(m_store->updateDelegate(*stored, stored->version).ok());  // Unchanged: nothing to log.
  ASSERT_TRUE(m_store->reissueBadge(added->id).ok());
  ASSERT_TRUE(m_store->cancelDelegate(added->id).ok());
  ASSERT_TRUE(m_store->cancelDelegate(added->id).ok());  // Already cancelled: nothing to log.
  domain::KioskStatusRecord status;
  status.deviceId = m_kiosk;
  status.printerStatus = domain::PrinterStatus::PaperOut;
  status.detail = "media-empty";
  ASSERT_TRUE(m_store->recordKioskStatus(status).ok());
  addSession("S1");

  const std::vector<Activity> logged = log(before);
  std::vector<ActivityKind> kinds;
  for (const Activity& a : logged) kinds.push_back(a.kind);
  EXPECT_EQ(kinds, (std::vector<ActivityKind>{ActivityKind::CheckIn, ActivityKind::CheckIn, ActivityKind::BadgePrint,
                                              ActivityKind::DelegateAdded, ActivityKind::DelegateUpdated,
                                              ActivityKind::BadgeReissued, ActivityKind::DelegateCancelled,
                                              ActivityKind::KioskStatus, ActivityKind::SessionsImported}));
  for (std::size_t i = 0; i < logged.size(); ++i) EXPECT_EQ(logged[i].sequence, before + 1 + static_cast<int>(i));
  EXPECT_EQ(logged[1].checkIn.outcome, CheckInOutcome::ForgedCode);
  EXPECT_EQ(logged[1].delegateId, 0);
  EXPECT_EQ(logged[2].print.error, "media-empty");
  EXPECT_EQ(logged[4].familyName, "Inn") << "names are as they are now";
  EXPECT_FALSE(logged[6].delegateActive);
  EXPECT_EQ(logged[7].kioskStatus.printerStatus, domain::PrinterStatus::PaperOut);
  EXPECT_EQ(logged[8].import.created, 1);
}

TEST_P(ActivityLogTest, DelegateImportIsOneActivityWithItsCounts) {
  const std::vector<Activity> all = log();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().sequence, 1);
  EXPECT_EQ(all.front().kind, ActivityKind::DelegatesImported);
  EXPECT_EQ(all.front().import.created, 8);
}

TEST_P(ActivityLogTest, MovingBetweenSessionsLogsTheAutomaticCheckOutFirst) {
  const std::int64_t plenary = addSession("S1");
  const std::int64_t workshop = addSession("S2");
  ASSERT_TRUE(m_store->checkIn(scan("D1", "p", plenary)).ok());
  const std::int64_t before = newest();
  ASSERT_TRUE(m_store->checkIn(scan("D1", "w", workshop)).ok());
  const std::vector<Activity> moved = log(before);
  ASSERT_EQ(moved.size(), 2u);
  EXPECT_EQ(moved[0].checkIn.sessionId, plenary);
  EXPECT_EQ(moved[0].checkIn.outcome, CheckInOutcome::CheckedOut);
  EXPECT_TRUE(moved[0].checkIn.automatic);
  EXPECT_EQ(moved[1].checkIn.sessionId, workshop);
  EXPECT_FALSE(moved[1].checkIn.automatic);
  EXPECT_EQ(moved[1].checkIn.outcome, CheckInOutcome::Admitted);
  EXPECT_EQ(moved[1].checkIn.leftSessionId, plenary);
  ASSERT_TRUE(m_store->checkIn(scan("D1", "leave", workshop, Direction::Out)).ok());
  EXPECT_FALSE(log(before).back().checkIn.automatic) << "a scanned check-out is not automatic";
}

TEST_P(ActivityLogTest, FailedWorkLeavesNoActivityAndNoGap) {
  const std::int64_t before = newest();
  EXPECT_TRUE(absl::IsNotFound(m_store->checkIn(scan("D1", "nowhere", 999)).status()));
  EXPECT_TRUE(absl::IsNotFound(m_store->cancelDelegate(424242).status()));
  EXPECT_EQ(newest(), before);
  ASSERT_TRUE(m_store->checkIn(scan("D1", "somewhere")).ok());
  EXPECT_EQ(newest(), before + 1);
}

TEST_F(SqliteActivityLogTest, ListenerHearsEachCommitBeforeTheWriterIsAnswered) {
  RecordingListener listener;
  ASSERT_TRUE(m_store->attachActivityListener(&listener).ok());
  ASSERT_TRUE(m_store->checkIn(scan("D1", "a")).ok());
  // No waiting: the store hands the activity over before checkIn() returns.
  std::vector<Activity> heard = listener.activities();
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0].sequence, newestIn(*m_store));
  EXPECT_EQ(heard[0].checkIn.outcome, CheckInOutcome::Admitted);
  ASSERT_TRUE(m_store->detachActivityListener(&listener).ok());
}

TEST_P(ActivityLogTest, ListenerHearsEachCommit) {
  attach();
  ASSERT_TRUE(m_store->checkIn(scan("D1", "a")).ok());
  ASSERT_TRUE(m_listener.hears(newest()));
  std::vector<Activity> heard = m_listener.activities();
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0].sequence, newest());
  EXPECT_EQ(heard[0].checkIn.outcome, CheckInOutcome::Admitted);
}

TEST_P(ActivityLogTest, ListenerNeverHearsWorkThatRolledBack) {
  attach();
  EXPECT_FALSE(m_store->checkIn(scan("D1", "nowhere", 999)).ok());
  // Heard in order: once the next commit arrives, the failed one would have.
  ASSERT_TRUE(m_store->checkIn(scan("D1", "somewhere")).ok());
  ASSERT_TRUE(m_listener.hears(newest()));
  const std::vector<Activity> heard = m_listener.activities();
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0].checkIn.sessionId, 0);
}

TEST_P(ActivityLogTest, AttachingReturnsTheNewestSequenceAndRefusesASecondListener) {
  const std::int64_t before = newest();
  absl::StatusOr<std::int64_t> attached = m_store->attachActivityListener(&m_listener);
  ASSERT_TRUE(attached.ok()) << attached.status();
  m_attached = true;
  EXPECT_EQ(*attached, before);
  RecordingListener other;
  EXPECT_TRUE(absl::IsFailedPrecondition(m_store->attachActivityListener(&other).status()));
  ASSERT_TRUE(m_store->detachActivityListener(&m_listener).ok());
  m_attached = false;
  ASSERT_TRUE(m_store->checkIn(scan("D2", "unheard")).ok());
  ASSERT_TRUE(m_store->attachActivityListener(&other).ok());
  ASSERT_TRUE(m_store->checkIn(scan("D3", "heard")).ok());
  ASSERT_TRUE(other.hears(newest()));
  EXPECT_EQ(other.activities().size(), 1u);
  EXPECT_TRUE(m_listener.activities().empty()) << "a detached listener hears nothing";
  ASSERT_TRUE(m_store->detachActivityListener(&other).ok());
}

TEST_P(ActivityLogTest, ImportsHandTheListenerTheRosterAndSessions) {
  attach();
  domain::DelegateImport data;
  domain::Delegate d;
  d.externalRef = "D9";
  d.givenName = "Nine";
  d.category = "speaker";
  data.delegates.push_back(d);
  ASSERT_TRUE(m_store->importDelegates(data).ok());
  ASSERT_TRUE(m_listener.hears(newest()));
  const std::vector<domain::RosterEntry> roster = m_listener.lastRoster();
  ASSERT_EQ(roster.size(), 9u);
  EXPECT_EQ(roster.back().category, "speaker");
  addSession("S7");
  ASSERT_TRUE(m_listener.hears(newest()));
  const std::vector<domain::SessionRegistrations> sessions = m_listener.lastSessions();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].session.title, "Session S7");
}

TEST_P(ActivityLogTest, ConcurrentCheckInsAreNumberedInCommitOrderWithoutGaps) {
  attach();
  const std::int64_t before = newest();
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        domain::CheckInCommand command = scan("D1", "");
        command.requestId = "t" + std::to_string(t) + "-" + std::to_string(i);
        command.direction = i % 2 == 0 ? Direction::In : Direction::Out;
        if (!m_store->checkIn(command).ok()) ++failed;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_EQ(failed, 0);
  const std::vector<Activity> logged = log(before);
  ASSERT_EQ(logged.size(), static_cast<std::size_t>(kThreads * kEach));
  ASSERT_TRUE(m_listener.hears(logged.back().sequence));
  const std::vector<Activity> heard = m_listener.activities();
  ASSERT_EQ(heard.size(), logged.size());
  for (std::size_t i = 0; i < logged.size(); ++i) {
    EXPECT_EQ(logged[i].sequence, before + 1 + static_cast<std::int64_t>(i));
    EXPECT_EQ(heard[i].sequence, logged[i].sequence);
    EXPECT_EQ(heard[i].checkIn.checkInId, logged[i].checkIn.checkInId);
  }
}

TEST_P(ActivityLogTest, TheLogSurvivesReopening) {
  ASSERT_TRUE(m_store->checkIn(scan("D1", "x")).ok());
  const std::vector<Activity> before = log();
  reopen();
  const std::vector<Activity> after = log();
  ASSERT_EQ(after.size(), before.size());
  EXPECT_EQ(after.back().sequence, before.back().sequence);
  EXPECT_EQ(after.back().checkIn.checkInId, before.back().checkIn.checkInId);
}

// Schema-level guarantees, on a bare migrated database.
class ActivitySchemaTest : public ::testing::Test {
 protected:
  void exec(const std::string& sql) { ASSERT_TRUE(m_db.exec(sql).ok()) << sql; }
  std::int64_t count(const std::string& sql) {
    absl::StatusOr<Statement> statement = m_db.prepare(sql);
    EXPECT_TRUE(statement.ok());
    EXPECT_TRUE(*statement->step());
    return statement->columnInt(0);
  }
  void seedSchemaOne() {
    exec(
        "INSERT INTO category (name, label, colour) VALUES ('delegate', 'Delegate', '#000000');"
        "INSERT INTO device (name, role, token_hash, created_us) VALUES ('k', 1, x'00', 0);"
        "INSERT INTO delegate (external_ref, given_name, family_name, organisation, city, country, category, email, "
        "language, notes, status, badge_version, created_us, updated_us) "
        "VALUES ('D1', 'A', 'B', '', '', '', 'delegate', '', '', '', 1, 1, 0, 0);");
  }
  void checkIn(int serverTime, const std::string& requestId) {
    exec(
        "INSERT INTO check_in (device_id, request_id, delegate_id, direction, outcome, scan_time_us, server_time_us, "
        "event_day, reentry) VALUES (1, '" +
        requestId + "', 1, 1, 1, 0, " + std::to_string(serverTime) + ", 0, 0)");
  }

  Database m_db = *Database::open(":memory:");
};

TEST_F(ActivitySchemaTest, LogTablesAreAppendOnly) {
  ASSERT_TRUE(migrate(m_db).ok());
  seedSchemaOne();
  checkIn(1, "r");
  exec("INSERT INTO kiosk_status (device_id, printer_status, detail, server_time_us) VALUES (1, 1, '', 2)");
  exec(
      "INSERT INTO import_run (what, created, updated, unchanged, registrations, server_time_us) "
      "VALUES (1, 1, 0, 0, 0, 3)");
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity"), 3);
  for (const char* table : {"activity", "kiosk_status", "import_run"}) {
    const absl::Status update = m_db.exec(std::string("UPDATE ") + table + " SET id = id + 100");
    EXPECT_FALSE(update.ok()) << table;
    EXPECT_NE(update.message().find("append-only"), std::string::npos) << update;
    EXPECT_FALSE(m_db.exec(std::string("DELETE FROM ") + table).ok()) << table;
  }
}

TEST_F(ActivitySchemaTest, MigrationLogsWhatSchemaOneAlreadyHeldInTimeOrder) {
  ASSERT_TRUE(migrate(m_db, knownMigrations().first(1)).ok());
  seedSchemaOne();
  checkIn(30, "late");
  checkIn(10, "early");
  exec(
      "INSERT INTO badge_print (delegate_id, device_id, badge_version, success, error, printer, client_time_us, "
      "server_time_us) VALUES (1, 1, 1, 1, '', 'p', 0, 20)");
  ASSERT_TRUE(migrate(m_db).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity"), 3);
  EXPECT_EQ(count("SELECT check_in_id FROM activity WHERE id = 1"), 2) << "the earliest first";
  EXPECT_EQ(count("SELECT kind FROM activity WHERE id = 2"), 2);
  EXPECT_EQ(count("SELECT check_in_id FROM activity WHERE id = 3"), 1);
  checkIn(40, "after-migration");
  EXPECT_EQ(count("SELECT check_in_id FROM activity WHERE id = 4"), 3) << "new rows get theirs from the trigger";
}

TEST_F(ActivitySchemaTest, RebuildingTheActivityTableKeepsTheLogAndItsGuarantees) {
  ASSERT_TRUE(migrate(m_db, knownMigrations().first(3)).ok());
  seedSchemaOne();
  checkIn(10, "before");
  exec("INSERT INTO kiosk_status (device_id, printer_status, detail, server_time_us) VALUES (1, 1, '', 20)");
  ASSERT_TRUE(migrate(m_db).ok());
  ASSERT_GE(knownMigrations().size(), 4U);

  EXPECT_EQ(count("SELECT COUNT(*) FROM activity"), 2);
  EXPECT_EQ(count("SELECT check_in_id FROM activity WHERE id = 1"), 1);
  EXPECT_EQ(count("SELECT kiosk_status_id FROM activity WHERE id = 2"), 1);
  checkIn(30, "after");
  EXPECT_EQ(count("SELECT check_in_id FROM activity WHERE id = 3"), 2) << "the triggers were made again";
  // Still at most one activity per log row, and still append-only.
  EXPECT_FALSE(m_db.exec("INSERT INTO activity (kind, time_us, check_in_id) VALUES (1, 0, 2)").ok());
  EXPECT_FALSE(m_db.exec("INSERT INTO activity (kind, time_us, kiosk_status_id) VALUES (9, 0, 1)").ok());
  EXPECT_TRUE(m_db.exec("INSERT INTO activity (kind, time_us, delegate_id) VALUES (3, 0, 1)").ok());
  EXPECT_TRUE(m_db.exec("INSERT INTO activity (kind, time_us, delegate_id) VALUES (3, 0, 1)").ok())
      << "rows that refer to no log row are not limited";
  EXPECT_FALSE(m_db.exec("DELETE FROM activity").ok());
}

}  // namespace
}  // namespace lanyard::server::storage
