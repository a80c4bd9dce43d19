// The EventStore's search, on both backends: folded case, accents and scripts, prefixes, own Latin
// spellings, walk-ins and the duplicates they may be.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/transaction_base>

#include "domain/str_cat.h"
#include "event_store_fixture.h"
#include "storage/sqlite_event_store.h"

namespace lanyard::server::storage {
namespace {

using domain::Delegate;

class SearchTest : public EventStoreTest {
 protected:
  // Runs `sql` on the event's database, beside the store.
  absl::Status execSql(const std::string& sql) {
    if (backend() == Backend::Sqlite) {
      absl::StatusOr<Database> db = Database::open(m_path);
      return db.ok() ? db->exec(sql) : db.status();
    }
    absl::StatusOr<postgres::Database> db = postgres::Database::open(m_path);
    if (!db.ok()) return db.status();
    return db->inTransaction("changing the event behind the store", [&](pqxx::transaction_base& transaction) {
      transaction.exec(sql);
      return absl::OkStatus();
    });
  }
};
INSTANTIATE_BACKENDS(SearchTest);

TEST_P(SearchTest, SearchIgnoresCaseAccentsAndScript) {
  EXPECT_EQ(searchNames("dvorak"), std::vector<std::string>{"Dvořák"});
  EXPECT_EQ(searchNames("DVOŘÁK"), std::vector<std::string>{"Dvořák"});
  EXPECT_EQ(searchNames("muller"), std::vector<std::string>{"Müller"});
  EXPECT_EQ(searchNames("mueller"), std::vector<std::string>{"Müller"});
  EXPECT_EQ(searchNames("shevchenko"), std::vector<std::string>{"Шевченко"});
  EXPECT_EQ(searchNames("lukasiewicz"), std::vector<std::string>{"Łukasiewicz"});
  EXPECT_EQ(searchNames("bieliune"), std::vector<std::string>{"Bieliūnė"});
  EXPECT_EQ(searchNames("strasse"), std::vector<std::string>{"Straße"});
  EXPECT_TRUE(searchNames("nobody").empty());
}

TEST_P(SearchTest, SearchMatchesPrefixesFromTwoLettersBestFirst) {
  const std::vector<std::string> li = searchNames("li");
  ASSERT_GE(li.size(), 2u);
  EXPECT_EQ(li.front(), "Na") << "the exact word \"Li\" must rank before prefixes like Lisa";
  EXPECT_NE(std::find(li.begin(), li.end(), "Lindqvist"), li.end());
  EXPECT_EQ(searchNames("anna mu"), std::vector<std::string>{"Müller"});
  EXPECT_EQ(searchNames("vilni"), std::vector<std::string>{"Bieliūnė"});
  EXPECT_EQ(searchNames("li", 1).size(), 1u);
}

TEST_P(SearchTest, SearchHidesCancelledDelegatesUnlessAsked) {
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D1")).ok());
  EXPECT_TRUE(searchNames("dvorak").empty());
  absl::StatusOr<std::vector<domain::SearchHit>> all = m_store->search("dvorak", 10, true);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

TEST_P(SearchTest, CorrectingANameUpdatesSearch) {
  Delegate d = *m_store->delegate(idOf("D1"));
  d.familyName = "Novák";
  ASSERT_TRUE(m_store->updateDelegate(d, d.version).ok());
  EXPECT_TRUE(searchNames("dvorak").empty());
  EXPECT_EQ(searchNames("novak"), std::vector<std::string>{"Novák"});
}

// "darwish" typed on a Latin keyboard finds the delegate registered as محمد درويش by the Latin
// spelling they gave, as it finds Hussein Darwish.
TEST_P(SearchTest, SearchFindsADelegateByTheirOwnLatinSpelling) {
  domain::DelegateImport data;
  data.delegates = {person("D30", "محمد", "درويش", "Damascus"), person("D31", "Hussein", "Darwish", "Aleppo")};
  data.delegates[0].latinName = "Mohammad Darwish";
  ASSERT_TRUE(m_store->importDelegates(data).ok());
  EXPECT_THAT(searchNames("darwish"), ::testing::UnorderedElementsAre("درويش", "Darwish"));
  EXPECT_EQ(searchNames("mohammad dar"), std::vector<std::string>{"درويش"});
  reopen();
  EXPECT_EQ(searchNames("mohammad"), std::vector<std::string>{"درويش"});
  EXPECT_EQ(m_store->delegate(idOf("D30"))->latinName, "Mohammad Darwish");

  // A spelling corrected at the help desk is found at once, the old one no more, and a re-import
  // of the registration system's old spelling keeps the desk's.
  Delegate corrected = *m_store->delegate(idOf("D30"));
  corrected.latinName = "Muhammad Darwish";
  ASSERT_TRUE(m_store->updateDelegate(corrected, corrected.version).ok());
  EXPECT_EQ(searchNames("muhammad"), std::vector<std::string>{"درويش"});
  EXPECT_TRUE(searchNames("mohammad").empty());
  absl::StatusOr<domain::ImportSummary> again = m_store->importDelegates(data);
  ASSERT_TRUE(again.ok()) << again.status();
  ASSERT_EQ(again->keptCorrections.size(), 1U);
  EXPECT_EQ(again->keptCorrections[0].columns, std::vector<std::string_view>{"latin_name"});
  EXPECT_EQ(m_store->delegate(idOf("D30"))->latinName, "Muhammad Darwish");
}

// Search terms are computed when a delegate is written; a server with new spellings indexed (here
// the Ukrainian passports' "nataliia") computes them again for delegates stored before it.
TEST_P(SearchTest, OpeningAnEventIndexesItsDelegatesAgainWhenTheSearchTermsChanged) {
  domain::DelegateImport data;
  data.delegates = {person("D30", "Наталія", "Щербак", "Lviv")};
  ASSERT_TRUE(m_store->importDelegates(data).ok());
  ASSERT_EQ(searchNames("nataliia shcherbak"), std::vector<std::string>{"Щербак"});
  m_store.reset();
  // As an older Lanyard left it: terms without the passport spelling, and its terms version.
  ASSERT_TRUE(execSql("DELETE FROM search_term WHERE term IN ('nataliia', 'shcherbak'); "
                      "UPDATE event SET search_terms_version = 1")
                  .ok());
  reopen();
  EXPECT_EQ(searchNames("nataliia shcherbak"), std::vector<std::string>{"Щербак"});
  EXPECT_EQ(searchNames("dvorak"), std::vector<std::string>{"Dvořák"});
}

TEST_P(SearchTest, AWalkInWhoMayBeRegisteredIsRefusedByEmailOrWholeNameCancelledOrNot) {
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D6")).ok());
  const auto refusal = [this](const Delegate& d) {
    absl::StatusOr<Delegate> added = m_store->createDelegate(d, /*allowDuplicate=*/false);
    EXPECT_TRUE(added.ok() || absl::IsAlreadyExists(added.status())) << added.status();
    return added.ok() ? std::string("added") : std::string(added.status().message());
  };
  EXPECT_EQ(refusal(person("", "Simona", "Bieliune", "")),
            strCat("this may be someone the event already has: #", idOf("D6"),
                   " Simona Bieliūnė (D6, cancelled, same name)"));
  EXPECT_EQ(refusal(person("", "Taras", "Shevchenko", "")),
            strCat("this may be someone the event already has: #", idOf("D3"), " Тарас Шевченко (D3, same name)"));
  EXPECT_THAT(refusal(person("", "Someone", "Else", "", "Anna@Duesseldorf.example")),
              ::testing::EndsWith("Anna Müller (D2, same e-mail)"));
  const std::string both = refusal(person("", "Li", "Na", "", "antonin@praha.example"));
  EXPECT_THAT(both, ::testing::HasSubstr("Antonín Dvořák (D1, same e-mail); #"));
  EXPECT_THAT(both, ::testing::EndsWith("Li Na (D4, same name)"));
  EXPECT_EQ(refusal(person("", "Lisa", "", "")), "added") << "Lisa Lindqvist has another word";
  // Registered with a middle name, or without the second family name the walk-in gives.
  EXPECT_EQ(refusal(person("", "Antonin", "Dvorak", "", "tonda@example.org")),
            strCat("this may be someone the event already has: #", idOf("D1"), " Antonín Dvořák (D1, same name)"));
  EXPECT_EQ(refusal(person("", "Antonín Leopold", "Dvořák", "", "tonda@example.org")),
            strCat("this may be someone the event already has: #", idOf("D1"), " Antonín Dvořák (D1, similar name)"));
  EXPECT_EQ(refusal(person("", "Anna", "Müller-Schmidt", "")),
            strCat("this may be someone the event already has: #", idOf("D2"), " Anna Müller (D2, similar name)"));
  EXPECT_THAT(refusal(person("", "Hans", "Strasse", "")), ::testing::HasSubstr("Straße"));
  EXPECT_TRUE(m_store->createDelegate(person("", "Taras", "Shevchenko", ""), /*allowDuplicate=*/true).ok());
}

TEST_P(SearchTest, SearchFindsWalkInsAtOnceAndEveryoneAfterReopening) {
  Delegate walkIn = person("", "Olena", "Коваленко", "Lviv");
  ASSERT_TRUE(m_store->createDelegate(walkIn, /*allowDuplicate=*/false).ok());
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D8")).ok());
  const std::vector<std::string> queries = {"kovalenko", "olena lviv", "li", "an", "strasse", "d"};
  std::vector<std::vector<std::string>> before;
  for (const std::string& query : queries) before.push_back(searchNames(query));
  EXPECT_EQ(before[0], std::vector<std::string>{"Коваленко"});
  EXPECT_EQ(before[1], std::vector<std::string>{"Коваленко"});
  EXPECT_TRUE(before[4].empty()) << "Straße is cancelled";

  // The index is rebuilt from the file: the same answers, in the same order.
  reopen();
  for (std::size_t i = 0; i < queries.size(); ++i) EXPECT_EQ(searchNames(queries[i]), before[i]) << queries[i];
  absl::StatusOr<std::vector<domain::SearchHit>> cancelled = m_store->search("strasse", 10, true);
  ASSERT_TRUE(cancelled.ok());
  ASSERT_EQ(cancelled->size(), 1u);
  EXPECT_EQ(cancelled->front().delegate.status, domain::RegistrationStatus::Cancelled);
  EXPECT_EQ(cancelled->front().delegate.city, "Berlin");
}

TEST_P(SearchTest, AnImportThatFailsLeavesSearchAsItWas) {
  domain::DelegateImport bad;
  bad.delegates = {person("D1", "Antonín", "Novák", "Prague"), person("D90", "Zdeňka", "Quorum", "Brno")};
  bad.delegates[1].category = "no-such-category";
  EXPECT_FALSE(m_store->importDelegates(bad).ok());
  EXPECT_EQ(searchNames("dvorak"), std::vector<std::string>{"Dvořák"});
  EXPECT_TRUE(searchNames("novak").empty());
  EXPECT_TRUE(searchNames("quorum").empty());
}

}  // namespace
}  // namespace lanyard::server::storage
