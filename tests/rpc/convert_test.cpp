#include "rpc/convert.h"

#include <gtest/gtest.h>

#include <string>

namespace lanyard::server::rpc {
namespace {

domain::DelegateSummary summary(std::string given, std::string family) {
  return {42,
          std::move(given),
          std::move(family),
          "Prague City Hall",
          "Praha",
          "speaker",
          "cs",
          domain::RegistrationStatus::Active};
}

TEST(ToSummaryTest, ShowsTheGivenNameAndTheFamilyInitial) {
  const v1::DelegateSummary out = toSummary(summary("Simona", "Bartošová"));
  EXPECT_EQ(out.id(), 42);
  EXPECT_EQ(out.given_name(), "Simona");
  EXPECT_EQ(out.family_initial(), "B.");
  EXPECT_EQ(out.display_name(), "Simona B.");
  EXPECT_EQ(out.affiliation(), "Praha");
  EXPECT_EQ(out.organisation(), "Prague City Hall");
  EXPECT_EQ(out.category(), "speaker");
  EXPECT_EQ(out.language(), "cs");
}

TEST(ToSummaryTest, TheInitialIsAWholeCharacterInAnyScript) {
  EXPECT_EQ(toSummary(summary("Jiří", "Šťastný")).display_name(), "Jiří Š.");
  EXPECT_EQ(toSummary(summary("Тарас", "Шевченко")).family_initial(), "Ш.");
  EXPECT_EQ(toSummary(summary("Ζωή", "Παπαδοπούλου")).family_initial(), "Π.");
  EXPECT_EQ(toSummary(summary("美咲", "佐藤")).family_initial(), "佐.");
  // Outside the Basic Multilingual Plane: four bytes in UTF-8.
  EXPECT_EQ(toSummary(summary("Yuki", "𠮷田")).family_initial(), "𠮷.");
}

TEST(ToSummaryTest, MissingNamesLeaveNoStrayPunctuation) {
  const v1::DelegateSummary noFamily = toSummary(summary("Madonna", ""));
  EXPECT_EQ(noFamily.family_initial(), "");
  EXPECT_EQ(noFamily.display_name(), "Madonna");
  EXPECT_EQ(toSummary(summary("", "Novák")).display_name(), "N.");
}

TEST(ToSummaryTest, AFamilyNameThatIsNotUtf8GetsTheReplacementCharacter) {
  EXPECT_EQ(toSummary(summary("Jan", "\xC5")).family_initial(), "\uFFFD.");
  EXPECT_EQ(toSummary(summary("Jan", "\xFFNovak")).family_initial(), "\uFFFD.");
}

TEST(ToSummaryTest, TheAffiliationIsTheOrganisationWhenNoCityIsKnown) {
  domain::DelegateSummary d = summary("Simona", "Bartošová");
  d.city.clear();
  EXPECT_EQ(toSummary(d).affiliation(), "Prague City Hall");
}

}  // namespace
}  // namespace lanyard::server::rpc
