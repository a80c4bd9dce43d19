#include "domain/search_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lanyard::server::domain {
namespace {

domain::DelegateSummary summary(std::int64_t id, std::string given, std::string family, std::string city) {
  return {id,
          std::move(given),
          std::move(family),
          "City of " + city,
          std::move(city),
          "delegate",
          "cs",
          domain::RegistrationStatus::Active};
}

// Query tokens spelt one way each, as the words of an ASCII query are.
std::vector<domain::QueryToken> typed(std::initializer_list<const char*> words) {
  std::vector<domain::QueryToken> tokens;
  for (const char* word : words) tokens.push_back({{word}});
  return tokens;
}

std::vector<std::int64_t> ids(const std::vector<domain::SearchHit>& hits) {
  std::vector<std::int64_t> out;
  for (const domain::SearchHit& hit : hits) out.push_back(hit.delegate.id);
  return out;
}

TEST(SearchIndexTest, AnEntryGivesBackItsSummaryWhateverTheFieldLengths) {
  domain::DelegateSummary longFields = summary(4'000'000'000LL, std::string(300, 'a'), "", std::string(70'000, 'b'));
  longFields.status = domain::RegistrationStatus::Cancelled;
  longFields.language = "uk";
  const SearchIndex::Entry entry(longFields, {{"aaa", kSearchWeightName}});
  const domain::DelegateSummary back = entry.summary();
  EXPECT_EQ(entry.id(), 4'000'000'000LL);
  EXPECT_EQ(back.givenName, longFields.givenName);
  EXPECT_EQ(back.familyName, "");
  EXPECT_EQ(back.organisation, longFields.organisation);
  EXPECT_EQ(back.city, longFields.city);
  EXPECT_EQ(back.category, "delegate");
  EXPECT_EQ(back.language, "uk");
  EXPECT_EQ(back.status, domain::RegistrationStatus::Cancelled);
}

TEST(SearchIndexTest, AnySpellingOfATokenFindsAndScores) {
  SearchIndex index;
  index.put({summary(1, "Nataliia", "Shevchenko", "Lviv"),
             {{"nataliia", kSearchWeightName}, {"shevchenko", kSearchWeightName}}});
  index.put({summary(2, "Тарас", "Шевченко", "Kyiv"),
             {{"taras", kSearchWeightName}, {"sevcenko", kSearchWeightName}, {"shevchenko", kSearchWeightName}}});
  index.put({summary(3, "Sevim", "Celik", "Bursa"), {{"sevim", kSearchWeightName}, {"celik", kSearchWeightName}}});
  const std::vector<domain::QueryToken> shevchenko = {{{"sevcenko", "shevchenko"}}};

  EXPECT_EQ(ids(index.search(shevchenko, 10, false)), (std::vector<std::int64_t>{2, 1}))
      << "both spellings found, and the delegate matching both ranks no lower";
  EXPECT_EQ(ids(index.search({{{"sev", "shev"}}, {{"taras"}}}, 10, false)), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(ids(index.search(typed({"sev"}), 10, false)), (std::vector<std::int64_t>{2, 3}));
}

TEST(SearchIndexTest, RanksExactNamesThenNamePrefixesThenAffiliations) {
  SearchIndex index;
  index.put({summary(1, "Lisa", "Berg", "Oslo"), {{"lisa", kSearchWeightName}, {"berg", kSearchWeightName}}});
  index.put({summary(2, "Li", "Na", "Milan"), {{"li", kSearchWeightName}, {"na", kSearchWeightName}}});
  index.put({summary(3, "Jan", "Novak", "Lisbon"), {{"jan", kSearchWeightName}, {"lisbon", kSearchWeightAffiliation}}});
  EXPECT_EQ(ids(index.search(typed({"li"}), 10, false)), (std::vector<std::int64_t>{2, 1, 3}));
  EXPECT_EQ(ids(index.search(typed({"li"}), 1, false)), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(ids(index.search(typed({"li", "na"}), 10, false)), (std::vector<std::int64_t>{2}));
  EXPECT_TRUE(index.search(typed({"li", "nobody"}), 10, false).empty());
}

TEST(SearchIndexTest, ATermNamedTwiceCountsAtItsHighestWeight) {
  SearchIndex index;
  // "Paris" is both the given name and the city.
  index.put(
      {summary(1, "Paris", "Hilton", "Paris"), {{"paris", kSearchWeightAffiliation}, {"paris", kSearchWeightName}}});
  const std::vector<domain::SearchHit> hits = index.search(typed({"paris"}), 10, false);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].score, kSearchWeightName * kSearchExactFactor);
}

TEST(SearchIndexTest, TermsADamagedFileCouldHoldAreLeftOut) {
  SearchIndex index;
  const std::string withNul("zz\0qq", 5);
  index.put({summary(1, "Jan", "Novak", "Brno"),
             {{"two words", kSearchWeightName},
              {withNul, kSearchWeightName},
              {"", kSearchWeightName},
              {"novak", 0},
              {"jan", kSearchWeightName}}});
  EXPECT_EQ(ids(index.search(typed({"jan"}), 10, false)), (std::vector<std::int64_t>{1}));
  const std::vector<domain::SearchHit> novak = index.search(typed({"novak"}), 10, false);
  ASSERT_EQ(novak.size(), 1u) << "an unknown weight counts as an affiliation's";
  EXPECT_EQ(novak[0].score, kSearchWeightAffiliation * kSearchExactFactor);
  EXPECT_TRUE(index.search(typed({"two"}), 10, false).empty());
  EXPECT_TRUE(index.search(typed({"zz"}), 10, false).empty());
}

TEST(SearchIndexTest, PuttingADelegateAgainReplacesItsTermsAndSummary) {
  SearchIndex index;
  index.put({summary(7, "Antonín", "Dvořák", "Prague"), {{"dvorak", kSearchWeightName}}});
  domain::DelegateSummary renamed = summary(7, "Antonín", "Novák", "Prague");
  renamed.status = domain::RegistrationStatus::Cancelled;
  index.put({renamed, {{"novak", kSearchWeightName}}});
  EXPECT_EQ(index.size(), 1u);
  EXPECT_TRUE(index.search(typed({"dvorak"}), 10, true).empty());
  EXPECT_TRUE(index.search(typed({"novak"}), 10, false).empty()) << "cancelled delegates are hidden unless asked";
  const std::vector<domain::SearchHit> hits = index.search(typed({"novak"}), 10, true);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].delegate.familyName, "Novák");
}

TEST(SearchIndexTest, PuttingADelegateAgainWithTheSameTermsReplacesItsSummary) {
  SearchIndex index;
  index.put({summary(3, "Jana", "Nováková", "Brno"), {{"novakova", kSearchWeightName}}});
  index.put({summary(7, "Eva", "Nováková", "Brno"), {{"novakova", kSearchWeightName}}});
  domain::DelegateSummary cancelled = summary(3, "Jana", "Nováková", "Ostrava");
  cancelled.status = domain::RegistrationStatus::Cancelled;
  index.put({cancelled, {{"novakova", kSearchWeightName}}});
  EXPECT_EQ(ids(index.search(typed({"novakova"}), 10, false)), std::vector<std::int64_t>({7}));
  const std::vector<domain::SearchHit> hits = index.search(typed({"novakova"}), 10, true);
  ASSERT_EQ(ids(hits), std::vector<std::int64_t>({3, 7}));
  EXPECT_EQ(hits[0].delegate.city, "Ostrava");
}

TEST(SearchIndexTest, ExaminesABoundedNumberOfCandidates) {
  SearchIndex index;
  // A thousand and more Annas, and past them the one Anna Zed.
  for (int id = 1; id <= kMaxSearchCandidates + 10; ++id) {
    index.put({summary(id, "Anna", "X", "Y"), {{"anna", kSearchWeightName}}});
  }
  index.put({summary(5000, "Anna", "Zed", "Y"), {{"anna", kSearchWeightName}, {"zed", kSearchWeightName}}});
  EXPECT_TRUE(index.search(typed({"anna", "ze"}), 10, false).empty()) << "the match lies past the candidate bound";
  EXPECT_EQ(ids(index.search(typed({"an", "zed"}), 10, false)), (std::vector<std::int64_t>{5000}))
      << "the longest token anchors the candidates";
}

}  // namespace
}  // namespace lanyard::server::domain
