#include "domain/badge_print.h"

#include <gtest/gtest.h>

#include <vector>

namespace lanyard::server::domain {
namespace {

BadgePrintRecord print(std::int32_t badgeVersion, bool success) {
  BadgePrintRecord p;
  p.badgeVersion = badgeVersion;
  p.success = success;
  if (!success) p.error = "paper out";
  return p;
}

TEST(BadgePrintTest, NobodyPrintedWithoutAPrint) { EXPECT_FALSE(badgePrinted(1, {})); }

TEST(BadgePrintTest, ASuccessfulPrintOfTheCurrentBadgeCounts) {
  const std::vector<BadgePrintRecord> prints = {print(1, true)};
  EXPECT_TRUE(badgePrinted(1, prints));
}

TEST(BadgePrintTest, AFailedPrintNeverCounts) {
  const std::vector<BadgePrintRecord> prints = {print(1, false), print(1, false)};
  EXPECT_FALSE(badgePrinted(1, prints));
}

TEST(BadgePrintTest, AReissueSupersedesThePrintsOfEarlierBadges) {
  const std::vector<BadgePrintRecord> prints = {print(1, true), print(2, true)};
  EXPECT_FALSE(badgePrinted(3, prints));
}

TEST(BadgePrintTest, TheReissuedBadgeCountsOnceItPrints) {
  const std::vector<BadgePrintRecord> prints = {print(1, true), print(2, false), print(2, true)};
  EXPECT_TRUE(badgePrinted(2, prints));
}

TEST(BadgePrintTest, AFailureAfterASuccessfulPrintLeavesTheBadgePrinted) {
  const std::vector<BadgePrintRecord> prints = {print(2, true), print(2, false)};
  EXPECT_TRUE(badgePrinted(2, prints));
}

TEST(BadgePrintTest, TheSuccessAndTheVersionMustBeOfOnePrint) {
  const std::vector<BadgePrintRecord> prints = {print(2, false), print(1, true)};
  EXPECT_FALSE(badgePrinted(2, prints));
}

}  // namespace
}  // namespace lanyard::server::domain
