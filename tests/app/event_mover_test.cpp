#include "app/event_mover.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "app/event_tables.h"
#include "domain/staff_pin.h"
#include "domain/status_macros.h"
#include "postgres/event_store.h"
#include "sqlite/sqlite.h"
#include "storage/sqlite_backup.h"
#include "storage/sqlite_event_store.h"
#include "support/postgres_cluster.h"
#include "support/temp_dir.h"
#include "support/test_event.h"

namespace lanyard::server::app {
namespace {

using domain::CheckInOutcome;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Rows = std::map<std::string, std::vector<std::string>>;

constexpr domain::TimeUs kMinute = 60LL * 1'000'000;
// 2026-05-12 09:00 in Prague (07:00 UTC).
constexpr domain::TimeUs kConferenceMorning = 1'778'569'200LL * 1'000'000;

domain::Delegate person(std::string ref, std::string given, std::string family) {
  domain::Delegate d;
  d.externalRef = std::move(ref);
  d.givenName = std::move(given);
  d.familyName = std::move(family);
  d.city = "Prague";
  d.organisation = "City of Prague";
  d.category = "delegate";
  d.email = d.externalRef + "@example.org";
  return d;
}

// Runs `sql` on a SQLite file and returns its rows, each one text column.
std::vector<std::string> sqliteQuery(const std::string& path, const std::string& sql) {
  absl::StatusOr<storage::Database> db = storage::Database::open(path, storage::Database::Options{.readOnly = true});
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return {};
  absl::StatusOr<storage::Statement> select = db->prepare(sql);
  EXPECT_TRUE(select.ok()) << select.status() << " in " << sql;
  std::vector<std::string> rows;
  while (select.ok()) {
    absl::StatusOr<bool> row = select->step();
    EXPECT_TRUE(row.ok()) << row.status();
    if (!row.ok() || !*row) break;
    rows.push_back(select->columnText(0));
  }
  return rows;
}

// Every row of every table of a SQLite file, each row as its values quoted (so a BLOB and text of
// the same bytes differ), by table name: what the schema holds, whatever movedTables() says.
Rows sqliteRows(const std::string& path) {
  Rows rows;
  for (const std::string& table :
       sqliteQuery(path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
    std::string values;
    std::string order;
    for (const std::string& column :
         sqliteQuery(path, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid")) {
      values += (values.empty() ? "quote(" : " || ',' || quote(") + column + ")";
      order += (order.empty() ? "" : ", ") + column;
    }
    rows[table] = sqliteQuery(path, "SELECT " + values + " FROM " + table + " ORDER BY " + order);
  }
  return rows;
}

pqxx::result pgQuery(const std::string& uri, const std::string& sql) {
  pqxx::connection connection(uri);
  pqxx::work work(connection);
  pqxx::result result = work.exec(sql);
  work.commit();
  return result;
}

std::int64_t pgCount(const std::string& uri, const std::string& table) {
  return pgQuery(uri, "SELECT count(*) FROM " + table)[0][0].as<std::int64_t>();
}

// An event file with a morning of every kind of row: delegates with registrations and a ticket
// code, a session, admissions at the entrance and the session, an exit, a forged code, an offline
// admission of a cancelled delegate (a conflict, marked seen), prints, a reissued badge, a
// heartbeat, a revoked device, the staff PIN, a delegate's replica material and a restore from a
// backup.
class EventMoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_sqlite = m_dir.file("event.db");
    const auto clock = [this] { return m_now.load(); };
    ASSERT_TRUE(storage::SqliteEventStore::initialise(m_sqlite, lanyard::testing::testEvent(), clock).ok());
    absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> store = storage::SqliteEventStore::open(m_sqlite, clock);
    ASSERT_TRUE(store.ok()) << store.status();
    fill(**store);
    store->reset();
    // A restore from a backup, which the file records.
    ASSERT_TRUE(storage::backupEventFile(m_sqlite, m_dir.file("backup.db")).ok());
    ASSERT_TRUE(storage::restoreEventFile(m_dir.file("backup.db"), m_sqlite, false).ok());
  }

  void fill(domain::EventStore& store) {
    absl::StatusOr<domain::CreatedDevice> kiosk = store.createDevice("kiosk-1", domain::Role::Kiosk);
    ASSERT_TRUE(kiosk.ok());
    m_kioskToken = kiosk->token;
    ASSERT_TRUE(store.createDevice("old-kiosk", domain::Role::Kiosk).ok());
    ASSERT_TRUE(store.revokeDevice(std::nullopt, "old-kiosk").ok());
    absl::StatusOr<std::string> pin = domain::hashStaffPin("246810", store.event().publicKey);
    ASSERT_TRUE(pin.ok());
    ASSERT_TRUE(store.setStaffPinHash(*pin).ok());

    domain::Session session;
    session.externalRef = "S1";
    session.title = "Signing of the Charter";
    session.room = "Hall";
    session.startUs = kConferenceMorning;
    session.endUs = kConferenceMorning + 90 * kMinute;
    ASSERT_TRUE(store.importSessions({session}).ok());
    const std::int64_t sessionId = store.listSessions()->front().session.id;
    domain::DelegateImport data;
    data.delegates = {person("D1", "Antonín", "Dvořák"), person("D2", "Anna", "Müller"),
                      person("D3", "Тарас", "Шевченко"), person("D4", "Li", "Na")};
    data.delegates[0].externalTicketCode = "pretix-secret-0001";
    data.registrations = {{"S1", "D2"}, {"S1", "D3"}};
    ASSERT_TRUE(store.importDelegates(data).ok());
    const auto id = [&](const std::string& ref) { return store.delegateByExternalRef(ref)->id; };

    int request = 0;
    const auto scan = [&](domain::CheckInCommand command, CheckInOutcome expected) {
      m_now += kMinute;
      command.deviceId = kiosk->device.id;
      command.requestId = "r" + std::to_string(++request);
      command.scanTimeUs = m_now.load();
      absl::StatusOr<domain::CheckInResult> result = store.checkIn(command);
      ASSERT_TRUE(result.ok()) << result.status();
      EXPECT_EQ(result->decision.outcome, expected) << command.requestId;
    };
    domain::CheckInCommand command;
    command.subject = domain::subject::Badge{id("D1"), 1};
    scan(command, CheckInOutcome::Admitted);
    command.direction = domain::Direction::Out;
    scan(command, CheckInOutcome::CheckedOut);
    command = {};
    command.subject = domain::subject::Badge{id("D2"), 1};
    command.sessionId = sessionId;
    scan(command, CheckInOutcome::Admitted);
    command = {};
    command.subject = domain::subject::Forged{"FORGED-ř-CODE"};
    scan(command, CheckInOutcome::ForgedCode);
    ASSERT_TRUE(store.cancelDelegate(id("D3")).ok());
    command = {};
    command.subject = domain::subject::Badge{id("D3"), 1};
    command.offlineOutcome = CheckInOutcome::Admitted;
    scan(command, CheckInOutcome::Admitted);
    absl::StatusOr<std::vector<domain::ConflictRecord>> conflicts = store.listConflicts(false, domain::Page{});
    ASSERT_TRUE(conflicts.ok() && conflicts->size() == 1) << conflicts.status();
    ASSERT_TRUE(store.markConflictSeen(conflicts->front().id, kiosk->device.id).ok());

    domain::BadgePrintRecord print;
    print.delegateId = id("D1");
    print.deviceId = kiosk->device.id;
    print.success = true;
    print.printer = "label";
    ASSERT_TRUE(store.recordPrint(print).ok());
    ASSERT_TRUE(store.reissueBadge(id("D4")).ok());
    domain::KioskStatusRecord status;
    status.deviceId = kiosk->device.id;
    status.printerStatus = domain::PrinterStatus::Ok;
    ASSERT_TRUE(store.recordKioskStatus(status).ok());
    absl::StatusOr<std::vector<domain::Delegate>> awaiting = store.delegatesAwaitingMaterial(0, 1);
    ASSERT_TRUE(awaiting.ok() && !awaiting->empty());
    domain::PreparedMaterial material;
    material.delegateId = awaiting->front().id;
    material.version = awaiting->front().version;
    material.material.searchKeys.nameTerms = {"antonin"};
    material.material.searchKeys.affiliationTerms = {"prague"};
    material.material.sealedBadge = std::string("seal\0\xff", 6);
    ASSERT_EQ(store.storeReplicaMaterial({material}).value_or(0), 1);
  }

  // A new database of the test cluster, its address with a password (which trust ignores), so
  // that messages can be checked for it.
  static std::string newDatabase() { return lanyard::testing::postgresCluster().createDatabase("s3cret"); }

  // moveEvent, expected to succeed.
  MoveReport move(const std::string& from, const std::string& to) {
    absl::StatusOr<MoveReport> report = moveEvent(from, to);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.value_or(MoveReport{});
  }

  lanyard::testing::TempDir m_dir;
  std::string m_sqlite;
  std::atomic<domain::TimeUs> m_now{kConferenceMorning};
  std::string m_kioskToken;
};

TEST_F(EventMoverTest, SqliteToPostgresAndBackKeepsEveryRowOfEveryTable) {
  const std::string postgres = newDatabase();
  const MoveReport there = move(m_sqlite, postgres);
  const std::string back = m_dir.file("back.db");
  const MoveReport home = move(postgres, back);

  const Rows before = sqliteRows(m_sqlite);
  const Rows after = sqliteRows(back);
  ASSERT_EQ(before.size(), after.size());
  for (const auto& [table, rows] : before) {
    EXPECT_THAT(rows, Not(IsEmpty())) << table << ": the test fills every table";
    EXPECT_EQ(after.at(table), rows) << table;
  }
  EXPECT_EQ(there.eventName, "Integrating Cities");
  ASSERT_EQ(there.counts.size(), movedTables().size());
  for (std::size_t i = 0; i < there.counts.size(); ++i) {
    EXPECT_EQ(there.counts[i].source, there.counts[i].target) << there.counts[i].label;
    EXPECT_EQ(there.counts[i].source, static_cast<std::int64_t>(before.at(std::string(movedTables()[i].name)).size()))
        << there.counts[i].label;
    EXPECT_EQ(home.counts[i].target, there.counts[i].target) << home.counts[i].label;
  }
}

TEST_F(EventMoverTest, TheReportNamesEachTableAndThePostgresAddressWithoutItsPassword) {
  const std::string postgres = newDatabase();
  const MoveReport report = move(m_sqlite, postgres);
  EXPECT_EQ(report.from, m_sqlite);
  EXPECT_THAT(report.to, HasSubstr("postgres:***@"));
  EXPECT_THAT(report.to, Not(HasSubstr("s3cret")));
  ASSERT_GE(report.counts.size(), 8u);
  EXPECT_EQ(report.counts[2].label, "delegates");
  EXPECT_EQ(report.counts[2].source, 4);
  EXPECT_EQ(report.counts[7].label, "check-ins");
  EXPECT_EQ(report.counts[7].target, 5);
}

TEST_F(EventMoverTest, PostgresCarriesOnAfterTheMovedIdsAndActivities) {
  const std::string postgres = newDatabase();
  move(m_sqlite, postgres);
  const std::int64_t lastActivity = pgQuery(postgres, "SELECT max(id) FROM activity")[0][0].as<std::int64_t>();
  // A heartbeat logged now: its activity comes from the trigger, enabled again, next in order.
  pgQuery(postgres,
          "INSERT INTO kiosk_status (device_id, printer_status, detail, server_time_us) VALUES (2, 1, '', 0)");
  EXPECT_EQ(pgQuery(postgres, "SELECT max(id) FROM activity")[0][0].as<std::int64_t>(), lastActivity + 1);
  EXPECT_EQ(pgCount(postgres, "activity"), static_cast<std::int64_t>(sqliteRows(m_sqlite).at("activity").size()) + 1);
  const std::int64_t lastDevice = pgQuery(postgres, "SELECT max(id) FROM device")[0][0].as<std::int64_t>();

  absl::StatusOr<std::unique_ptr<postgres::PostgresEventStore>> store =
      postgres::PostgresEventStore::open(postgres, domain::systemClock());
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<domain::CreatedDevice> created = (*store)->createDevice("kiosk-2", domain::Role::Kiosk);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->device.id, lastDevice + 1);
}

TEST_F(EventMoverTest, TokensThePinAndTheSigningKeysStillHoldOnPostgres) {
  const domain::Event event = storage::SqliteEventStore::open(m_sqlite, domain::systemClock()).value()->event();
  const std::string postgres = newDatabase();
  move(m_sqlite, postgres);
  absl::StatusOr<std::unique_ptr<postgres::PostgresEventStore>> store =
      postgres::PostgresEventStore::open(postgres, domain::systemClock());
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<domain::Device> kiosk = (*store)->authenticate(m_kioskToken);
  ASSERT_TRUE(kiosk.ok()) << kiosk.status();
  EXPECT_EQ(kiosk->name, "kiosk-1");
  EXPECT_EQ((*store)->staffPinHash(), domain::hashStaffPin("246810", event.publicKey).value());
  EXPECT_EQ((*store)->event().signingSeed, event.signingSeed);
  EXPECT_EQ((*store)->event().publicKey, event.publicKey);
}

TEST_F(EventMoverTest, ATargetThatHoldsAnEventIsRefusedAndLeftAsItWas) {
  const std::string postgres = newDatabase();
  move(m_sqlite, postgres);
  const std::int64_t activities = pgCount(postgres, "activity");
  absl::StatusOr<MoveReport> again = moveEvent(m_sqlite, postgres);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(again.status().message(), HasSubstr("--to: the database postgresql://postgres:***@"));
  EXPECT_THAT(again.status().message(), HasSubstr("already holds an event"));
  EXPECT_EQ(pgCount(postgres, "activity"), activities);

  const std::string other = m_dir.file("other.db");
  ASSERT_TRUE(storage::SqliteEventStore::initialise(other, lanyard::testing::testEvent(), domain::systemClock()).ok());
  const Rows before = sqliteRows(other);
  absl::StatusOr<MoveReport> ontoFile = moveEvent(postgres, other);
  EXPECT_EQ(ontoFile.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ontoFile.status().message(),
            "--to: " + other + " already holds an event; an event moves only into a new file or an empty database");
  EXPECT_EQ(sqliteRows(other), before);
}

TEST_F(EventMoverTest, AMissingSourceFileIsRefusedBeforeTheTargetIsTouched) {
  const std::string postgres = newDatabase();
  const std::string missing = m_dir.file("missing.db");
  absl::StatusOr<MoveReport> moved = moveEvent(missing, postgres);
  EXPECT_EQ(moved.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(moved.status().message(), "--from: " + missing + " does not exist");
  EXPECT_FALSE(std::filesystem::exists(missing));
  EXPECT_EQ(pgQuery(postgres, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0][0].as<int>(), 0)
      << "not even migrated";
}

TEST_F(EventMoverTest, AnUnreachableTargetIsNamedAndNothingIsWritten) {
  const Rows before = sqliteRows(m_sqlite);
  const std::string unreachable = "postgresql://lanyard:s3cret@/cities?host=" + m_dir.path().string() + "&port=1";
  absl::StatusOr<MoveReport> moved = moveEvent(m_sqlite, unreachable);
  EXPECT_EQ(moved.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(moved.status().message(), HasSubstr("--to: connecting on postgresql://lanyard:***@/cities?host="));
  EXPECT_THAT(moved.status().message(), Not(HasSubstr("s3cret")));
  EXPECT_EQ(sqliteRows(m_sqlite), before);

  const std::string back = m_dir.file("back.db");
  moved = moveEvent(unreachable, back);
  EXPECT_EQ(moved.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(moved.status().message(), HasSubstr("--from: connecting on postgresql://lanyard:***@"));
  EXPECT_FALSE(std::filesystem::exists(back));
}

TEST_F(EventMoverTest, ASourceStillServedIsRefused) {
  {
    absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> served =
        storage::SqliteEventStore::open(m_sqlite, domain::systemClock());
    ASSERT_TRUE(served.ok());
    absl::StatusOr<MoveReport> moved = moveEvent(m_sqlite, m_dir.file("copy.db"));
    EXPECT_EQ(moved.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(moved.status().message(), HasSubstr("--from: " + m_sqlite + " is in use by another Lanyard process"));
    EXPECT_FALSE(std::filesystem::exists(m_dir.file("copy.db")));
  }
  const std::string postgres = newDatabase();
  move(m_sqlite, postgres);
  absl::StatusOr<std::unique_ptr<postgres::PostgresEventStore>> served =
      postgres::PostgresEventStore::open(postgres, domain::systemClock());
  ASSERT_TRUE(served.ok()) << served.status();
  absl::StatusOr<MoveReport> moved = moveEvent(postgres, m_dir.file("copy.db"));
  EXPECT_EQ(moved.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(moved.status().message(), HasSubstr("other client connections: stop every lanyard-server of the event"));
  served->reset();
  EXPECT_TRUE(moveEvent(postgres, m_dir.file("copy.db")).ok());
}

TEST_F(EventMoverTest, ASourceWithoutAnEventIsRefused) {
  absl::StatusOr<MoveReport> moved = moveEvent(newDatabase(), m_dir.file("copy.db"));
  EXPECT_EQ(moved.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(moved.status().message(), HasSubstr("holds no event"));
  EXPECT_FALSE(std::filesystem::exists(m_dir.file("copy.db")));
}

// A failed write keeps nothing: on PostgreSQL its transaction rolls back; a SQLite file the
// opening created goes again.
TEST_F(EventMoverTest, AFailedWriteLeavesNoRowAndNoNewFile) {
  const std::string postgres = newDatabase();
  const std::string file = m_dir.file("new.db");
  for (const std::string& target : {postgres, file}) {
    absl::StatusOr<std::unique_ptr<EventTables>> tables =
        target == file ? openSqliteTables(target, MoveEnd::Target) : openPostgresTables(target, MoveEnd::Target);
    ASSERT_TRUE(tables.ok()) << tables.status();
    const MovedTable& category = movedTables()[1];
    const absl::Status written = (*tables)->write([&](TableSink& sink) {
      EXPECT_TRUE(
          sink.insert(category, {std::int64_t{1}, std::string("press"), std::string("Press"), std::string("#000000")})
              .ok());
      EXPECT_EQ(sink.count(category).value_or(0), 1);
      return absl::CancelledError("stopped by the test");
    });
    EXPECT_EQ(written.code(), absl::StatusCode::kCancelled);
    if (target == postgres) {
      EXPECT_EQ(pgCount(postgres, "category"), 0);
    }
  }
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_FALSE(std::filesystem::exists(file + "-wal"));
}

TEST_F(EventMoverTest, AScannedCodePostgresCannotHoldMovesWithReplacementCharacters) {
  {
    absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> store =
        storage::SqliteEventStore::open(m_sqlite, domain::systemClock());
    ASSERT_TRUE(store.ok());
    domain::CheckInCommand forged;
    forged.deviceId = (*store)->authenticate(m_kioskToken)->id;
    forged.requestId = "forged-bytes";
    forged.scanTimeUs = kConferenceMorning;
    forged.subject =
        domain::subject::Forged{std::string("\xff\xfe"
                                            "CODE\0\xc3",
                                            8)};
    ASSERT_EQ((*store)->checkIn(forged).value().decision.outcome, CheckInOutcome::ForgedCode);
  }
  const std::string postgres = newDatabase();
  move(m_sqlite, postgres);
  EXPECT_EQ(
      pgQuery(postgres, "SELECT scanned_code FROM check_in WHERE request_id = 'forged-bytes'")[0][0].as<std::string>(),
      "\uFFFD\uFFFDCODE\uFFFD\uFFFD");
  EXPECT_EQ(pgCount(postgres, "check_in"), 6);
}

// A row the target refuses fails the move, named by its key (on PostgreSQL, the keys of its batch).
TEST_F(EventMoverTest, ARefusedRowIsNamedByItsKey) {
  const std::string postgres = newDatabase();
  const std::string file = m_dir.file("new.db");
  const MovedTable& category = movedTables()[1];
  const auto named = [&](std::int64_t id, const std::string& name) {
    return Row{id, name, std::string("Label"), std::string("#000000")};
  };
  for (const std::string& target : {postgres, file}) {
    absl::StatusOr<std::unique_ptr<EventTables>> tables =
        target == file ? openSqliteTables(target, MoveEnd::Target) : openPostgresTables(target, MoveEnd::Target);
    ASSERT_TRUE(tables.ok()) << tables.status();
    const absl::Status written = (*tables)->write([&](TableSink& sink) {
      for (const Row& row : {named(1, "press"), named(2, "media"), named(2, "staff")}) {
        LANYARD_RETURN_IF_ERROR(sink.insert(category, row));
      }
      return sink.count(category).status();
    });
    EXPECT_EQ(written.code(), absl::StatusCode::kAlreadyExists) << written;
    const std::string expected =
        target == file ? "writing categories (row id 2) into " + file : "writing categories (rows id 1 to id 2) on ";
    EXPECT_THAT(written.message(), HasSubstr(expected)) << written;
  }
}

// Tables of many rows move in batches, each row once.
TEST_F(EventMoverTest, ManyRowsMoveThereAndBackInBatches) {
  {
    absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> store =
        storage::SqliteEventStore::open(m_sqlite, domain::systemClock());
    ASSERT_TRUE(store.ok());
    domain::DelegateImport data;
    for (int i = 0; i < 1'200; ++i) {
      data.delegates.push_back(person("M" + std::to_string(i), "Given", "Family" + std::to_string(i)));
    }
    ASSERT_TRUE((*store)->importDelegates(data).ok());
  }
  const std::string postgres = newDatabase();
  const MoveReport there = move(m_sqlite, postgres);
  EXPECT_EQ(there.counts[2].target, 1'204);
  const std::string back = m_dir.file("back.db");
  move(postgres, back);
  EXPECT_EQ(sqliteRows(back), sqliteRows(m_sqlite));
}

// A column added to either schema must be moved too: this fails until movedTables() has it.
TEST_F(EventMoverTest, TheMovedTablesAreEveryTableAndColumnOfBothSchemas) {
  std::map<std::string, std::set<std::string>> moved;
  for (const MovedTable& table : movedTables()) {
    for (const MovedColumn& column : table.columns) moved[std::string(table.name)].insert(std::string(column.name));
  }
  std::map<std::string, std::set<std::string>> sqlite;
  for (const std::string& table :
       sqliteQuery(m_sqlite, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
    for (const std::string& column : sqliteQuery(m_sqlite, "SELECT name FROM pragma_table_info('" + table + "')")) {
      sqlite[table].insert(column);
    }
  }
  EXPECT_EQ(sqlite, moved);

  const std::string postgres = newDatabase();
  ASSERT_TRUE(openPostgresTables(postgres, MoveEnd::Target).ok());  // Migrates it.
  std::map<std::string, std::set<std::string>> inPostgres;
  for (const pqxx::row& row : pgQuery(postgres,
                                      "SELECT table_name, column_name FROM information_schema.columns "
                                      "WHERE table_schema = current_schema() AND table_name <> 'schema_version'")) {
    inPostgres[row[0].as<std::string>()].insert(row[1].as<std::string>());
  }
  EXPECT_EQ(inPostgres, moved);
}

}  // namespace
}  // namespace lanyard::server::app
