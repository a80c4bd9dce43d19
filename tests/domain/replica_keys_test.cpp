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

TEST(ReplicaKeysTest, SearchTermsComeFromWhatAKioskShowsAndNothingOfTheFamilyName) {
  Delegate d;
  d.givenName = "Antonín";
  d.familyName = "Dvořák";
  d.organisation = "City of Prague";
  d.city = "Praha";
  const ReplicaSearchKeys keys = replicaSearchKeys(d);
  EXPECT_THAT(keys.nameTerms, ElementsAre("antonin"));
  EXPECT_THAT(keys.affiliationTerms, ElementsAre("city", "of", "prague", "praha"));
}

TEST(ReplicaKeysTest, TheKeysDoNotDependOnTheFamilyOrLatinName) {
  Delegate d;
  d.givenName = "Наталія";
  d.familyName = "Щербак";
  d.latinName = "Nataliia Shcherbak";
  d.city = "Kyiv";
  Delegate other = d;
  other.familyName = "Коваленко";
  other.latinName = "Nataliia Kovalenko";
  const ReplicaSearchKeys keys = replicaSearchKeys(d);
  const ReplicaSearchKeys otherKeys = replicaSearchKeys(other);
  EXPECT_EQ(keys.nameTerms, otherKeys.nameTerms);
  EXPECT_EQ(keys.affiliationTerms, otherKeys.affiliationTerms);
  // The given name is found in Latin letters too, as the server's search finds it.
  EXPECT_THAT(keys.nameTerms, Contains("nataliia"));
  EXPECT_THAT(keys.nameTerms, Not(Contains("shcherbak")));
}

}  // namespace
}  // namespace lanyard::server::domain
