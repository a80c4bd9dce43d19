// End to end: failover. A PostgreSQL primary with a synchronous streaming standby, the primary
// stopped at once, the standby promoted behind the multi-host address.
#include <gtest/gtest.h>

#include <future>
#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <string>

#include "support/postgres_cluster.h"

namespace lanyard::e2e {
namespace {

using lanyard::testing::multiHostUri;
using lanyard::testing::PostgresCluster;
using lanyard::testing::waitUntil;
using namespace std::chrono_literals;

// The harness the failover test stands on: a commit waits for the synchronous standby, and what
// was committed is there once the standby is promoted behind the multi-host address.
TEST(SynchronousStandbyTest, ACommitWaitsForTheStandbyAndOutlivesThePrimary) {
  PostgresCluster primary;
  const std::unique_ptr<PostgresCluster> standby = PostgresCluster::standbyOf(primary, "standby");
  primary.requireSynchronousStandby("standby");
  const std::string uri = multiHostUri(primary.createDatabase(), {&primary, standby.get()});
  {
    pqxx::connection connection(uri);
    pqxx::nontransaction(connection).exec("CREATE TABLE scan (id INTEGER PRIMARY KEY)");
    pqxx::nontransaction(connection).exec("INSERT INTO scan VALUES (1)");
  }

  // With the standby down, a commit waits for it rather than being acknowledged.
  standby->stopImmediately();
  std::future<void> waiting = std::async(std::launch::async, [&] {
    pqxx::connection connection(uri);
    // Bounds the wait should the test fail before the standby is back.
    pqxx::nontransaction(connection).exec("SET statement_timeout = '60s'");
    pqxx::nontransaction(connection).exec("INSERT INTO scan VALUES (2)");
  });
  waitUntil("a commit waits for the synchronous standby", 30s, [&] {
    return primary.queryValue("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep'") == "1";
  });
  EXPECT_EQ(waiting.wait_for(0s), std::future_status::timeout);
  standby->start();
  ASSERT_EQ(waiting.wait_for(30s), std::future_status::ready);
  waiting.get();

  // The primary lost: no server takes writes until the standby is promoted; then it has both rows.
  primary.stopImmediately();
  EXPECT_THROW(pqxx::connection{uri}, pqxx::broken_connection);
  standby->promote();
  pqxx::connection connection(uri);
  pqxx::nontransaction query(connection);
  EXPECT_EQ(query.exec1("SELECT current_setting('port')")[0].as<int>(), standby->port());
  EXPECT_EQ(query.exec1("SELECT string_agg(id::TEXT, ',' ORDER BY id) FROM scan")[0].as<std::string>(), "1,2");
}

}  // namespace
}  // namespace lanyard::e2e
