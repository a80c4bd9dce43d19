// The store's paged lists (domain::Page), on both backends: the items after an id, at most a limit
// of them, in id order.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "event_store_fixture.h"
#include "postgres/event_store.h"
#include "storage/sqlite_event_store.h"
#include "support/postgres_cluster.h"
#include "support/temp_dir.h"
#include "support/test_event.h"

namespace lanyard::server::storage {
namespace {

template <typename Item>
std::vector<std::int64_t> idsOf(const absl::StatusOr<std::vector<Item>>& items) {
  EXPECT_TRUE(items.ok()) << items.status();
  std::vector<std::int64_t> ids;
  if (items.ok()) {
    for (const Item& item : *items) ids.push_back(item.id);
  }
  return ids;
}

// An event with one kiosk and six delegates (D1-D6), on the backend of the test's parameter.
class EventStorePagesTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::Sqlite) {
      const std::string path = m_dir.file("event.db");
      ASSERT_TRUE(SqliteEventStore::initialise(path, lanyard::testing::testEvent(), domain::systemClock()).ok());
      absl::StatusOr<std::unique_ptr<SqliteEventStore>> store = SqliteEventStore::open(path, domain::systemClock());
      ASSERT_TRUE(store.ok()) << store.status();
      m_store = std::move(*store);
    } else {
      const std::string uri = lanyard::testing::postgresCluster().createDatabase();
      ASSERT_TRUE(
          postgres::PostgresEventStore::initialise(uri, lanyard::testing::testEvent(), domain::systemClock()).ok());
      absl::StatusOr<std::unique_ptr<postgres::PostgresEventStore>> store =
          postgres::PostgresEventStore::open(uri, domain::systemClock());
      ASSERT_TRUE(store.ok()) << store.status();
      m_store = std::move(*store);
    }
    absl::StatusOr<domain::CreatedDevice> kiosk = m_store->createDevice("kiosk-1", domain::Role::Kiosk);
    ASSERT_TRUE(kiosk.ok()) << kiosk.status();
    m_kiosk = kiosk->device;

    domain::DelegateImport data;
    for (int i = 1; i <= 6; ++i) {
      domain::Delegate d;
      d.externalRef = "D" + std::to_string(i);
      d.givenName = "Given";
      d.familyName = "Family" + std::to_string(i);
      d.category = "delegate";
      data.delegates.push_back(d);
    }
    ASSERT_TRUE(m_store->importDelegates(data).ok());
    for (int i = 1; i <= 6; ++i) m_ids.push_back(m_store->delegateByExternalRef("D" + std::to_string(i))->id);
  }

  std::int64_t checkIn(std::int64_t delegateId) {
    domain::CheckInCommand command;
    command.deviceId = m_kiosk.id;
    command.requestId = "r" + std::to_string(++m_requests);
    command.scanTimeUs = domain::systemClock()();
    command.subject = domain::subject::Badge{delegateId, 1};
    absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? result->checkInId : 0;
  }

  std::int64_t recordPrint(std::int64_t delegateId) {
    domain::BadgePrintRecord print;
    print.delegateId = delegateId;
    print.deviceId = m_kiosk.id;
    print.success = true;
    print.badgeVersion = 1;
    absl::StatusOr<domain::BadgePrintRecord> stored = m_store->recordPrint(print);
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.ok() ? stored->id : 0;
  }

  lanyard::testing::TempDir m_dir;  // Declared first: removed after the store closes.
  std::unique_ptr<domain::EventStore> m_store;
  domain::Device m_kiosk;
  std::vector<std::int64_t> m_ids;  // D1 ... D6.
  int m_requests = 0;
};

INSTANTIATE_BACKENDS(EventStorePagesTest);

TEST_P(EventStorePagesTest, ListDelegatesReadsAfterAnIdUpToALimit) {
  ASSERT_TRUE(m_store->cancelDelegate(m_ids[2]).ok());

  EXPECT_EQ(idsOf(m_store->listDelegates(false, domain::Page{})),
            (std::vector<std::int64_t>{m_ids[0], m_ids[1], m_ids[3], m_ids[4], m_ids[5]}));
  EXPECT_EQ(idsOf(m_store->listDelegates(false, {m_ids[1], 2})), (std::vector<std::int64_t>{m_ids[3], m_ids[4]}))
      << "the cancelled one is skipped, not counted";
  EXPECT_EQ(idsOf(m_store->listDelegates(true, {m_ids[1], 2})), (std::vector<std::int64_t>{m_ids[2], m_ids[3]}));
  EXPECT_TRUE(idsOf(m_store->listDelegates(true, {m_ids[5], 10})).empty());
}

TEST_P(EventStorePagesTest, ListDevicesReadsAfterAnIdUpToALimit) {
  const std::vector<std::int64_t> all = idsOf(m_store->listDevices(domain::Page{}));
  ASSERT_EQ(all.size(), 2U) << "admin and kiosk-1";
  const std::int64_t added = m_store->createDevice("kiosk-2", domain::Role::Kiosk)->device.id;

  EXPECT_EQ(idsOf(m_store->listDevices({all[0], 1})), std::vector<std::int64_t>{all[1]});
  EXPECT_EQ(idsOf(m_store->listDevices({all[1], 5})), std::vector<std::int64_t>{added});
}

TEST_P(EventStorePagesTest, CheckInsAndPrintsAreOneDelegatesAfterAnIdUpToALimit) {
  std::vector<std::int64_t> checkIns;
  std::vector<std::int64_t> prints;
  for (int i = 0; i < 4; ++i) {
    checkIns.push_back(checkIn(m_ids[0]));
    prints.push_back(recordPrint(m_ids[0]));
    checkIn(m_ids[1]);
    recordPrint(m_ids[1]);
  }

  EXPECT_EQ(idsOf(m_store->checkIns(m_ids[0], domain::Page{})), checkIns);
  EXPECT_EQ(idsOf(m_store->checkIns(m_ids[0], {checkIns[0], 2})),
            (std::vector<std::int64_t>{checkIns[1], checkIns[2]}));
  EXPECT_TRUE(idsOf(m_store->checkIns(m_ids[0], {checkIns[3], 2})).empty());
  EXPECT_EQ(idsOf(m_store->badgePrints(m_ids[0], domain::Page{})), prints);
  EXPECT_EQ(idsOf(m_store->badgePrints(m_ids[0], {prints[1], 5})), (std::vector<std::int64_t>{prints[2], prints[3]}));
  const absl::StatusOr<std::vector<domain::BadgePrintRecord>> first = m_store->badgePrints(m_ids[0], {0, 1});
  ASSERT_TRUE(first.ok() && first->size() == 1U);
  EXPECT_EQ((*first)[0].deviceName, "kiosk-1");
  EXPECT_EQ((*first)[0].delegateId, m_ids[0]);
  EXPECT_TRUE(idsOf(m_store->checkIns(m_ids[5], domain::Page{})).empty());
}

}  // namespace
}  // namespace lanyard::server::storage
