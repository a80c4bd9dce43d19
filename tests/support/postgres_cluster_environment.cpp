// The test binary's one PostgreSQL cluster (postgresCluster()), kept by a GoogleTest environment.

#include <gtest/gtest.h>

#include <memory>
#include <mutex>

#include "support/postgres_cluster.h"

namespace lanyard::testing {

namespace {

// The binary's one cluster: started by the first test that asks for it (a binary whose tests all
// run on SQLite starts none), stopped after the last test.
class PostgresEnvironment : public ::testing::Environment {
 public:
  PostgresCluster& cluster() {
    std::lock_guard lock(m_mutex);
    if (!m_cluster) m_cluster = std::make_unique<PostgresCluster>();
    return *m_cluster;
  }
  void TearDown() override {
    std::lock_guard lock(m_mutex);
    m_cluster.reset();
  }

 private:
  std::mutex m_mutex;
  std::unique_ptr<PostgresCluster> m_cluster;  // Guarded by m_mutex.
};

PostgresEnvironment* const environment = [] {
  auto* created = new PostgresEnvironment;
  ::testing::AddGlobalTestEnvironment(created);  // GoogleTest owns it.
  return created;
}();

}  // namespace

PostgresCluster& postgresCluster() { return environment->cluster(); }

}  // namespace lanyard::testing
