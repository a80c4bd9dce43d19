#include "live/badge_sealer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "domain/check_in.h"
#include "storage/sqlite_event_store.h"
#include "support/temp_dir.h"
#include "support/test_event.h"

namespace lanyard::server::live {
namespace {

// Cheap scrypt: these tests are about what is sealed and when, not its cost.
constexpr domain::ScryptCost kCheap{4, 1, 1};

domain::Delegate person(const std::string& ref, const std::string& given, const std::string& family,
                        const std::string& email) {
  domain::Delegate d;
  d.externalRef = ref;
  d.givenName = given;
  d.familyName = family;
  d.city = "Prague";
  d.category = "delegate";
  d.email = email;
  return d;
}

class BadgeSealerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = m_dir.file("event.db");
    ASSERT_TRUE(storage::SqliteEventStore::initialise(path, lanyard::testing::testEvent(), domain::systemClock()).ok());
    absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> store =
        storage::SqliteEventStore::open(path, domain::systemClock());
    ASSERT_TRUE(store.ok()) << store.status();
    m_store = std::move(*store);
    domain::DelegateImport data;
    data.delegates = {person("D1", "Antonín", "Dvořák", "antonin@praha.example"),
                      person("D2", "Simona", "Bieliūnė", "")};
    data.delegates[0].externalTicketCode = "pretix-0001";
    ASSERT_TRUE(m_store->importDelegates(data).ok());
  }

  void startSealer() {
    SealerOptions options;
    options.cost = kCheap;
    absl::StatusOr<std::unique_ptr<BadgeSealer>> sealer = BadgeSealer::start(
        *m_store, m_store->event(),
        [](const domain::Delegate& d, const std::string& code) -> absl::StatusOr<std::string> {
          return d.givenName + " " + d.familyName + " " + code;
        },
        [this] {
          {
            std::lock_guard lock(m_mutex);
            ++m_batches;
          }
          m_stored.notify_all();
        },
        options);
    ASSERT_TRUE(sealer.ok()) << sealer.status();
    m_sealer = std::move(*sealer);
  }

  // Waits until no delegate awaits material; false if that takes more than 30 s.
  bool allSealed() {
    std::unique_lock lock(m_mutex);
    return m_stored.wait_until(lock, std::chrono::steady_clock::now() + std::chrono::seconds(30), [this] {
      absl::StatusOr<std::vector<domain::Delegate>> awaiting = m_store->delegatesAwaitingMaterial(0, 10);
      return awaiting.ok() && awaiting->empty();
    });
  }

  domain::ReplicaDelegate rowOf(std::int64_t id) {
    const domain::ReplicaChanges changes = m_store->replicaChanges({}, 100).value();
    for (const domain::ReplicaDelegate& row : changes.delegates) {
      if (row.delegate.id == id) return row;
    }
    ADD_FAILURE() << "no row for delegate " << id;
    return {};
  }

  std::string badgeCodeOf(const domain::Delegate& d) {
    return domain::badgeCodeFor(domain::signerForEvent(m_store->event()).value(), d).value();
  }

  lanyard::testing::TempDir m_dir;
  std::unique_ptr<storage::SqliteEventStore> m_store;
  std::mutex m_mutex;
  std::condition_variable m_stored;
  int m_batches = 0;  // Guarded by m_mutex.
  std::unique_ptr<BadgeSealer> m_sealer;
};

TEST_F(BadgeSealerTest, SealsEveryDelegateForTheirCodesAndProof) {
  startSealer();
  ASSERT_TRUE(allSealed());
  const domain::Delegate antonin = m_store->delegateByExternalRef("D1").value();
  const domain::ReplicaDelegate row = rowOf(antonin.id);
  ASSERT_TRUE(row.material.has_value());
  const std::string seal = row.material->sealedBadge;
  const std::string expected = "Antonín Dvořák " + badgeCodeOf(antonin);
  EXPECT_EQ(domain::openBadgeSealWithCode(seal, antonin.id, badgeCodeOf(antonin)).value_or(""), expected);
  EXPECT_EQ(domain::openBadgeSealWithCode(seal, antonin.id, "PRETIX-0001").value_or(""), expected);
  const domain::NameCheckInProof rule = m_store->event().nameCheckInProof;
  EXPECT_EQ(domain::openBadgeSealWithProof(seal, antonin.id, domain::typedProof(rule, "Anto")).value_or(""), expected);
  EXPECT_EQ(row.material->searchKeys.nameTerms, std::vector<std::string>{"antonin"});

  // Without an e-mail address there is no proof to open it with; the badge code still does.
  const domain::Delegate simona = m_store->delegateByExternalRef("D2").value();
  const std::string simonaSeal = rowOf(simona.id).material.value().sealedBadge;
  EXPECT_TRUE(absl::IsPermissionDenied(domain::openBadgeSealWithProof(simonaSeal, simona.id, "simo").status()));
  EXPECT_TRUE(domain::openBadgeSealWithCode(simonaSeal, simona.id, badgeCodeOf(simona)).ok());
}

TEST_F(BadgeSealerTest, SealsAgainWhenWokenAfterWhatTheBadgeSaysChanged) {
  startSealer();
  ASSERT_TRUE(allSealed());
  domain::Delegate antonin = m_store->delegateByExternalRef("D1").value();
  antonin.familyName = "Novák";
  ASSERT_TRUE(m_store->updateDelegate(antonin, antonin.version).ok());
  EXPECT_FALSE(rowOf(antonin.id).material.has_value());
  m_sealer->wake();
  ASSERT_TRUE(allSealed());
  const domain::ReplicaDelegate row = rowOf(antonin.id);
  ASSERT_TRUE(row.material.has_value());
  EXPECT_EQ(domain::openBadgeSealWithCode(row.material->sealedBadge, antonin.id, badgeCodeOf(antonin)).value_or(""),
            "Antonín Novák " + badgeCodeOf(antonin));
}

TEST_F(BadgeSealerTest, StopsPromptlyWhileIdle) {
  startSealer();
  ASSERT_TRUE(allSealed());
  const auto start = std::chrono::steady_clock::now();
  m_sealer.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)) << "not the 30 s recheck";
}

}  // namespace
}  // namespace lanyard::server::live
