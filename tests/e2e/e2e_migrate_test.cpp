// End to end: lanyard-server migrate moves a served event from its SQLite file to PostgreSQL, where
// the next server carries on with the same kiosks, history and ids, and back to a new file.
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <regex>
#include <string>
#include <vector>

#include "lanyard/v1/kiosk_status_service.grpc.pb.h"
#include "postgres_e2e_fixture.h"

namespace lanyard::e2e {
namespace {

namespace fs = std::filesystem;

// The tables' counts as `migrate` prints them: "  delegates 340 = 340" lines.
std::vector<std::string> countLines(const std::string& out) {
  std::vector<std::string> lines;
  static const std::regex kCount(R"(\n  ([a-z -]+ \d+ = \d+))");
  for (auto it = std::sregex_iterator(out.begin(), out.end(), kCount); it != std::sregex_iterator(); ++it) {
    lines.push_back((*it)[1].str());
  }
  return lines;
}

std::int64_t tablesIn(const std::string& uri) {
  pqxx::connection connection(uri);
  pqxx::nontransaction query(connection);
  return query.exec1("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0].as<std::int64_t>();
}

// The event starts in its SQLite file; m_postgres is where it moves.
class MigrateTest : public PostgresEndToEndTest {
 protected:
  MigrateTest() { m_database = dbPath().string(); }

  CommandResult migrate(const std::string& from, const std::string& to) {
    return server({"migrate", "--from", from, "--to", to});
  }

  v1::CheckInResponse scan(const std::string& token, v1::CheckInRequest request) {
    v1::CheckInResponse response;
    require(checkIn(token, request, &response), "CheckIn " + request.request_id());
    return response;
  }

  // A served event with what moves: the demo's sessions and delegates with their registrations, a
  // kiosk, admissions at the entrance and at a session, an exit, a forged code, a print, a
  // heartbeat and an offline admission of a cancelled delegate (a conflict). Returns the kiosk's
  // token; the server is stopped again.
  std::string fillAndStop() {
    ServerProcess& served = startEvent();
    m_kiosk = createToken("kiosk-entrance-1", v1::ROLE_KIOSK);
    for (const char* what : {"sessions", "delegates"}) {
      const CommandResult imported = cli({"import", what, (kDemoDir / (std::string(what) + ".csv")).string()});
      if (!imported.status.exitedWith(0)) throw std::runtime_error(std::string("import ") + what + ": " + imported.err);
    }

    const v1::BadgeCodeEntry simona = badgeCodeOf("ICC-0001");  // Registered for ICC-S08.
    m_simona = simona.delegate_id();
    EXPECT_EQ(scan(m_kiosk, entranceCheckIn(simona.badge_code(), "r1")).outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
    v1::CheckInRequest out = entranceCheckIn(simona.badge_code(), "r2");
    out.set_direction(v1::DIRECTION_OUT);
    EXPECT_EQ(scan(m_kiosk, out).outcome(), v1::CHECK_IN_OUTCOME_CHECKED_OUT);
    EXPECT_EQ(scan(m_kiosk, entranceCheckIn(simona.badge_code(), "r3")).outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
    EXPECT_EQ(scan(m_kiosk, entranceCheckIn("not-a-badge-code", "r4")).outcome(), v1::CHECK_IN_OUTCOME_UNKNOWN_CODE);

    v1::RecordBadgePrintRequest print;
    print.set_delegate_id(m_simona);
    print.set_success(true);
    print.set_client_time_us(nowUs());
    print.set_printer("BadgePDF");
    v1::RecordBadgePrintResponse printed;
    require(v1::CheckInService::NewStub(channel())->RecordBadgePrint(callContext(m_kiosk).get(), print, &printed),
            "RecordBadgePrint");
    v1::HeartbeatRequest heartbeat;
    heartbeat.set_printer_status(v1::PRINTER_STATUS_OK);
    v1::HeartbeatResponse beat;
    require(v1::KioskStatusService::NewStub(channel())->Heartbeat(callContext(m_kiosk).get(), heartbeat, &beat),
            "Heartbeat");

    const v1::BadgeCodeEntry sophie = badgeCodeOf("ICC-0002");
    EXPECT_TRUE(cli({"delegate", "cancel", std::to_string(sophie.delegate_id())}).status.exitedWith(0));
    v1::CheckInRequest offline = entranceCheckIn(sophie.badge_code(), "r5");
    offline.mutable_offline()->set_outcome(v1::CHECK_IN_OUTCOME_ADMITTED);
    EXPECT_EQ(scan(m_kiosk, offline).outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
    m_history = checkInsOf(m_simona).SerializeAsString();
    EXPECT_TRUE(served.terminate().has_value());
    return m_kiosk;
  }

  std::string m_postgres = newDatabase();
  std::string m_kiosk;
  std::int64_t m_simona = 0;
  std::string m_history;  // Simona's check-ins before the move, serialised.
};

TEST_F(MigrateTest, AnEventMovesToPostgresServesThereAndMovesBackUnchanged) {
  fillAndStop();
  const auto before = sqliteRows(dbPath());

  const CommandResult there = migrate(dbPath().string(), m_postgres);
  ASSERT_TRUE(there.status.exitedWith(0)) << there.status.describe() << "\n" << there.err;
  EXPECT_NE(there.out.find("moved the event \"" + std::string(kEventName) + "\" from " + dbPath().string() +
                           " to postgresql://postgres:***@/"),
            std::string::npos)
      << there.out;
  EXPECT_EQ(there.out.find(kPostgresPassword), std::string::npos) << there.out;
  const std::vector<std::string> counts = countLines(there.out);
  ASSERT_EQ(counts.size(), before.size()) << there.out;
  EXPECT_EQ(counts[2], "delegates 340 = 340");
  EXPECT_EQ(counts[7], "check-ins 5 = 5");
  EXPECT_EQ(counts[13], "conflicts 1 = 1");

  // Served from PostgreSQL: the kiosk's old token, the history and the conflict are there.
  m_database = m_postgres;
  ServerProcess& served = startServer();
  EXPECT_TRUE(getEvent(m_kiosk).ok()) << "the kiosk's token moved with its hash";
  EXPECT_EQ(checkInsOf(m_simona).SerializeAsString(), m_history);
  const CommandResult conflicts = cli({"conflicts"});
  EXPECT_NE(conflicts.out.find("Lambert"), std::string::npos) << conflicts.out << conflicts.err;
  ASSERT_TRUE(served.terminate().has_value());

  const fs::path back = file("back.db");
  const CommandResult home = migrate(m_postgres, back.string());
  ASSERT_TRUE(home.status.exitedWith(0)) << home.status.describe() << "\n" << home.err;
  EXPECT_EQ(countLines(home.out), counts);
  const auto after = sqliteRows(back);
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [table, rows] : before) EXPECT_EQ(after.at(table), rows) << table;

  // The next check-in on PostgreSQL takes the next id, after the moved ones.
  startServer();
  const v1::CheckInResponse next = scan(m_kiosk, entranceCheckIn(badgeCodeOf("ICC-0003").badge_code(), "r6"));
  EXPECT_EQ(next.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(next.check_in_id(), 6);
}

TEST_F(MigrateTest, ATargetThatHoldsAnEventIsRefusedAndKeepsItsEvent) {
  fillAndStop();
  const CommandResult init = server({"init", "--db", m_postgres, "--event", "Another Event"});
  ASSERT_TRUE(init.status.exitedWith(0)) << init.err;
  const CommandResult refused = migrate(dbPath().string(), m_postgres);
  EXPECT_TRUE(refused.status.exitedWith(1)) << refused.status.describe();
  EXPECT_NE(refused.err.find("lanyard-server: --to: the database postgresql://postgres:***@/"), std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("already holds an event"), std::string::npos) << refused.err;
  EXPECT_TRUE(refused.out.empty()) << refused.out;

  m_database = m_postgres;
  startServer();
  std::smatch token;
  ASSERT_TRUE(std::regex_search(init.out, token, std::regex(R"(admin token: (\S+))")));
  m_admin = token[1].str();
  v1::GetEventResponse event;
  ASSERT_TRUE(getEvent(m_admin, &event).ok());
  EXPECT_EQ(event.name(), "Another Event");
  EXPECT_TRUE(badgeCodes().empty());
}

TEST_F(MigrateTest, AMissingSourceOrAnUnreachableTargetIsNamedAndNothingIsWritten) {
  const fs::path missing = file("missing.db");
  const CommandResult fromNothing = migrate(missing.string(), m_postgres);
  EXPECT_TRUE(fromNothing.status.exitedWith(1)) << fromNothing.status.describe();
  EXPECT_EQ(fromNothing.err, "lanyard-server: --from: " + missing.string() + " does not exist\n");
  EXPECT_EQ(tablesIn(m_postgres), 0) << "the target is not even migrated";

  fillAndStop();
  const auto before = sqliteRows(dbPath());
  const std::string unreachable =
      "postgresql://lanyard:" + std::string(kPostgresPassword) + "@/cities?host=" + file("").string() + "&port=1";
  const CommandResult toNowhere = migrate(dbPath().string(), unreachable);
  EXPECT_TRUE(toNowhere.status.exitedWith(1)) << toNowhere.status.describe();
  EXPECT_NE(toNowhere.err.find("--to: connecting on postgresql://lanyard:***@/cities"), std::string::npos)
      << toNowhere.err;
  EXPECT_EQ(toNowhere.err.find(kPostgresPassword), std::string::npos) << toNowhere.err;
  EXPECT_EQ(sqliteRows(dbPath()), before);

  const CommandResult intoFile = migrate(unreachable, file("back.db").string());
  EXPECT_TRUE(intoFile.status.exitedWith(1)) << intoFile.status.describe();
  EXPECT_FALSE(fs::exists(file("back.db")));
}

TEST_F(MigrateTest, AServedSourceIsRefused) {
  fillAndStop();
  ServerProcess& served = startServer();
  const CommandResult refused = migrate(dbPath().string(), m_postgres);
  EXPECT_TRUE(refused.status.exitedWith(1)) << refused.status.describe();
  EXPECT_NE(refused.err.find("is in use by another Lanyard process"), std::string::npos) << refused.err;
  EXPECT_EQ(tablesIn(m_postgres), 0);
  ASSERT_TRUE(served.terminate().has_value());

  ASSERT_TRUE(migrate(dbPath().string(), m_postgres).status.exitedWith(0));
  m_database = m_postgres;
  startServer();
  const CommandResult back = migrate(m_postgres, file("back.db").string());
  EXPECT_TRUE(back.status.exitedWith(1)) << back.status.describe();
  EXPECT_NE(back.err.find("other client connections: stop every lanyard-server of the event"), std::string::npos)
      << back.err;
  EXPECT_FALSE(fs::exists(file("back.db")));
}

}  // namespace
}  // namespace lanyard::e2e
