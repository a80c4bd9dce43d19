// The delegate store with several servers on one PostgreSQL database (openStore()): what one
// writes, the other reads and finds by search once its follower has heard of it; concurrent
// corrections, walk-ins and imports at two servers.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <set>
#include <thread>

#include "event_store_fixture.h"
#include "support/postgres_cluster.h"

namespace lanyard::server::storage {
namespace {

using domain::Delegate;

// SQLite refuses a second store on its file: these run on PostgreSQL only.
class DelegateServersTest : public EventStoreTest {
 protected:
  void SetUp() override {
    EventStoreTest::SetUp();
    if (HasFatalFailure()) return;
    absl::StatusOr<std::unique_ptr<domain::EventStore>> other = openStore();
    ASSERT_TRUE(other.ok()) << other.status();
    m_other = std::move(*other);
  }

  // Runs `atFirst` on this test's store and `atOther` on the other server's, from two threads let
  // go at once.
  template <typename A, typename B>
  void atOnce(A atFirst, B atOther) {
    std::latch start(2);
    std::thread other([&] {
      start.arrive_and_wait();
      atOther(*m_other);
    });
    start.arrive_and_wait();
    atFirst(*m_store);
    other.join();
  }

  // The family names the other server's search finds for `query`, sorted (cancelled delegates too
  // when `includeCancelled`).
  std::vector<std::string> namesAtOther(const std::string& query, bool includeCancelled = false) {
    absl::StatusOr<std::vector<domain::SearchHit>> hits = m_other->search(query, 10, includeCancelled);
    std::vector<std::string> names;
    if (hits.ok()) {
      for (const domain::SearchHit& hit : *hits) names.push_back(hit.delegate.familyName);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  // Waits until the other server's search finds `names` (sorted) for `query`, as its follower
  // brings its index up to date.
  void awaitAtOther(const std::string& query, const std::vector<std::string>& names, bool includeCancelled = false) {
    EXPECT_NO_THROW(lanyard::testing::waitUntil("the other server's search finds what \"" + query + "\" should",
                                                std::chrono::seconds(10),
                                                [&] { return namesAtOther(query, includeCancelled) == names; }))
        << "it found " << ::testing::PrintToString(namesAtOther(query, includeCancelled));
  }

  std::unique_ptr<domain::EventStore> m_other;  // A second server on the same database.
};

INSTANTIATE_TEST_SUITE_P(Postgres, DelegateServersTest, ::testing::Values(Backend::Postgres), backendName);

TEST_P(DelegateServersTest, AWalkInAddedAtOneServerIsFoundByIdAtTheOther) {
  absl::StatusOr<Delegate> added = m_store->createDelegate(person("", "Olena", "Koval", "Lviv"), false);
  ASSERT_TRUE(added.ok()) << added.status();
  absl::StatusOr<Delegate> there = m_other->delegate(added->id);
  ASSERT_TRUE(there.ok()) << there.status();
  EXPECT_EQ(there->familyName, "Koval");
  EXPECT_EQ(there->externalRef, added->externalRef);
  EXPECT_EQ(m_other->delegateByExternalRef(added->externalRef)->id, added->id);
  EXPECT_EQ(searchNames("koval"), std::vector<std::string>{"Koval"}) << "at once where it was added";
}

TEST_P(DelegateServersTest, AnImportAtOneServerIsFoundBySearchAtTheOther) {
  domain::DelegateImport data;
  data.delegates = {person("D90", "Zdeňka", "Quorum", "Brno"), person("D91", "Ivo", "Quintet", "Brno")};
  ASSERT_TRUE(m_store->importDelegates(data).ok());
  awaitAtOther("brno", {"Quintet", "Quorum"});

  data.delegates[0].familyName = "Novotná";
  ASSERT_TRUE(m_store->importDelegates(data).ok());
  awaitAtOther("novotna", {"Novotná"});
  EXPECT_TRUE(namesAtOther("quorum").empty()) << "the old name is gone with the new one";
}

TEST_P(DelegateServersTest, WalkInsCorrectionsAndCancellationsAtOneServerReachTheOthersSearch) {
  ASSERT_TRUE(m_store->createDelegate(person("", "Olena", "Коваленко", "Lviv"), false).ok());
  awaitAtOther("kovalenko", {"Коваленко"});

  Delegate d = *m_store->delegate(idOf("D1"));
  d.familyName = "Novák";
  ASSERT_TRUE(m_store->updateDelegate(d, d.version).ok());
  awaitAtOther("novak", {"Novák"});
  EXPECT_TRUE(namesAtOther("dvorak").empty());

  ASSERT_TRUE(m_store->cancelDelegate(idOf("D8")).ok());
  awaitAtOther("strasse", {});
  EXPECT_EQ(namesAtOther("strasse", /*includeCancelled=*/true), std::vector<std::string>{"Straße"});
  ASSERT_TRUE(m_store->reinstateDelegate(idOf("D8")).ok());
  awaitAtOther("strasse", {"Straße"});
}

TEST_P(DelegateServersTest, OfTwoCorrectionsFromOneVersionAtTwoServersExactlyOneIsWritten) {
  constexpr int kTrials = 20;
  const std::int64_t id = idOf("D4");
  for (int trial = 0; trial < kTrials; ++trial) {
    const Delegate read = *m_store->delegate(id);
    Delegate first = read;
    first.city = "Milan " + std::to_string(trial);
    Delegate second = read;
    second.city = "Turin " + std::to_string(trial);
    absl::StatusOr<Delegate> firstResult;
    absl::StatusOr<Delegate> secondResult;
    atOnce([&](domain::EventStore& store) { firstResult = store.updateDelegate(first, read.version); },
           [&](domain::EventStore& store) { secondResult = store.updateDelegate(second, read.version); });

    ASSERT_NE(firstResult.ok(), secondResult.ok())
        << trial << ": " << firstResult.status() << " / " << secondResult.status();
    const absl::StatusOr<Delegate>& lost = firstResult.ok() ? secondResult : firstResult;
    EXPECT_TRUE(absl::IsFailedPrecondition(lost.status())) << lost.status();
    const Delegate& won = firstResult.ok() ? *firstResult : *secondResult;
    const Delegate stored = *m_other->delegate(id);
    EXPECT_EQ(stored.version, read.version + 1) << trial;
    EXPECT_EQ(stored.city, won.city) << trial;
  }
}

TEST_P(DelegateServersTest, WalkInsAddedAtTwoServersAtOnceGetTheirOwnReferences) {
  constexpr int kTrials = 10;
  std::set<std::string> refs;
  for (int trial = 0; trial < kTrials; ++trial) {
    absl::StatusOr<Delegate> first;
    absl::StatusOr<Delegate> second;
    atOnce(
        [&](domain::EventStore& store) { first = store.createDelegate(person("", "Petro", "Koval", "Lviv"), true); },
        [&](domain::EventStore& store) { second = store.createDelegate(person("", "Oksana", "Bily", "Kyiv"), true); });
    ASSERT_TRUE(first.ok()) << trial << ": " << first.status();
    ASSERT_TRUE(second.ok()) << trial << ": " << second.status();
    refs.insert(first->externalRef);
    refs.insert(second->externalRef);
  }
  EXPECT_EQ(refs.size(), 2U * kTrials);
  EXPECT_EQ(*refs.begin(), "walkin-1");
  EXPECT_TRUE(refs.contains("walkin-20"));
}

// An import run at two servers at once (an organiser's double click, two laptops): the second
// waits for the first and finds its delegates, instead of clashing with them.
TEST_P(DelegateServersTest, OneFileImportedAtTwoServersAtOnceAddsEachDelegateOnce) {
  domain::DelegateImport data;
  for (int i = 0; i < 300; ++i) data.delegates.push_back(person("N" + std::to_string(i), "New", "Person", "Oslo"));
  absl::StatusOr<domain::ImportSummary> first;
  absl::StatusOr<domain::ImportSummary> second;
  atOnce([&](domain::EventStore& store) { first = store.importDelegates(data); },
         [&](domain::EventStore& store) { second = store.importDelegates(data); });
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(first->created + second->created, 300);
  EXPECT_EQ(first->unchanged + second->unchanged, 300);
  absl::StatusOr<std::vector<Delegate>> all = m_other->listDelegates(true, domain::Page{});
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), 308U) << "the fixture's eight and the file's 300";
}

}  // namespace
}  // namespace lanyard::server::storage
