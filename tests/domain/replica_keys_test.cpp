#include "domain/replica_keys.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/search_key.h"

namespace lanyard::server::domain {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

bool holds(const std::vector<std::uint64_t>& hashes, std::uint64_t hash) {
  return std::find(hashes.begin(), hashes.end(), hash) != hashes.end();
}

TEST(ReplicaKeysTest, EachEventHasItsOwnSalt) {
  EXPECT_EQ(replicaSalt(std::string(32, 'a')), replicaSalt(std::string(32, 'a')));
  EXPECT_NE(replicaSalt(std::string(32, 'a')), replicaSalt(std::string(32, 'b')));
}

TEST(ReplicaKeysTest, ATicketCodeHashesAsAScannerTypesItInAnyCase) {
  const ReplicaSalt salt = replicaSalt("key");
  EXPECT_EQ(ticketCodeHash(salt, "pretix-Secret-1"), ticketCodeHash(salt, " PRETIX-SECRET-1\r\n"));
  EXPECT_NE(ticketCodeHash(salt, "pretix-Secret-1"), ticketCodeHash(salt, "pretix-Secret-2"));
  EXPECT_NE(ticketCodeHash(salt, "pretix-Secret-1"), ticketCodeHash(replicaSalt("other"), "pretix-Secret-1"));
  EXPECT_EQ(ticketCodeHash(salt, "x").size(), 32U);
  EXPECT_EQ(ticketCodeHash(salt, "pretix-Secret-1").find("pretix"), std::string::npos);
}

TEST(ReplicaKeysTest, AFamilyNameIsFoundByItsPrefixesWithoutBeingInTheClear) {
  Delegate d;
  d.givenName = "Antonín";
  d.familyName = "Dvořák";
  d.organisation = "City of Prague";
  d.city = "Praha";
  const ReplicaSalt salt = replicaSalt("key");
  const ReplicaSearchKeys keys = replicaSearchKeys(d, salt);
  EXPECT_THAT(keys.nameTerms, ElementsAre("antonin"));
  EXPECT_THAT(keys.affiliationTerms, ElementsAre("city", "of", "prague", "praha"));
  EXPECT_THAT(keys.nameTerms, Not(Contains("dvorak")));
  EXPECT_THAT(keys.affiliationTerms, Not(Contains("dvorak")));
  // What a kiosk hashes of a typed query's spellings (queryTokens) finds the delegate as the
  // server's prefix match does: every prefix, and the whole word as exact.
  for (std::string_view prefix : {"d", "dv", "dvo", "dvorak"}) {
    EXPECT_TRUE(holds(keys.hiddenNamePrefixes, hiddenNameHash(salt, prefix))) << prefix;
  }
  EXPECT_TRUE(holds(keys.hiddenNameTerms, hiddenNameHash(salt, queryTokens("Dvořák")[0].spellings[0])));
  EXPECT_FALSE(holds(keys.hiddenNameTerms, hiddenNameHash(salt, "dvo")));
  EXPECT_FALSE(holds(keys.hiddenNamePrefixes, hiddenNameHash(salt, "dvorakova")));
  EXPECT_FALSE(holds(keys.hiddenNamePrefixes, hiddenNameHash(replicaSalt("other"), "dvorak")));
  EXPECT_TRUE(std::is_sorted(keys.hiddenNamePrefixes.begin(), keys.hiddenNamePrefixes.end()));
}

TEST(ReplicaKeysTest, EveryFoldOfACyrillicFamilyNameAndTheLatinNameIsHidden) {
  Delegate d;
  d.givenName = "Наталія";
  d.familyName = "Щербак";
  d.latinName = "Nataliia Shcherbak";
  const ReplicaSalt salt = replicaSalt("key");
  const ReplicaSearchKeys keys = replicaSearchKeys(d, salt);
  for (const std::string& term : searchTerms(d.familyName)) {
    EXPECT_TRUE(holds(keys.hiddenNameTerms, hiddenNameHash(salt, term))) << term;
  }
  EXPECT_TRUE(holds(keys.hiddenNameTerms, hiddenNameHash(salt, "shcherbak")));
  EXPECT_TRUE(holds(keys.hiddenNamePrefixes, hiddenNameHash(salt, "shch")));
  EXPECT_THAT(keys.nameTerms, Contains("nataliia"));
}

}  // namespace
}  // namespace lanyard::server::domain
