#include "app/event_database.h"

#include <gtest/gtest.h>

namespace lanyard::server::app {
namespace {

TEST(EventDatabaseTest, APostgresAddressNamesPostgresAndAnythingElseAFile) {
  EXPECT_EQ(backendOf("postgresql://lanyard@db1:5432,db2:5432/cities?target_session_attrs=read-write"),
            Backend::Postgres);
  EXPECT_EQ(backendOf("postgres://lanyard@/cities?host=/run/postgresql"), Backend::Postgres);
  EXPECT_EQ(backendOf("event.db"), Backend::Sqlite);
  EXPECT_EQ(backendOf("/var/lib/lanyard/postgresql://event.db"), Backend::Sqlite);
  EXPECT_EQ(backendOf("./postgresql://event.db"), Backend::Sqlite) << "a path that only looks like one";
  EXPECT_EQ(backendOf("POSTGRESQL://db/cities"), Backend::Sqlite) << "as libpq, the scheme in lower case only";
}

TEST(EventDatabaseTest, MessagesNameAPostgresAddressWithoutItsPasswords) {
  EXPECT_EQ(shownDatabase("postgresql://lanyard:s3cret@db1/cities"), "postgresql://lanyard:***@db1/cities");
  EXPECT_EQ(shownDatabase("postgres://db1/cities?user=lanyard&password=s3cret&sslmode=require"),
            "postgres://db1/cities?user=lanyard&password=***&sslmode=require");
  EXPECT_EQ(shownDatabase("/srv/lanyard/lanyard:s3cret@event.db"), "/srv/lanyard/lanyard:s3cret@event.db")
      << "a file's path is shown as given";
}

}  // namespace
}  // namespace lanyard::server::app
