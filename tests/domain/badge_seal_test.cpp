#include "domain/badge_seal.h"

#include <gtest/gtest.h>

#include <chrono>

#include "domain/check_in.h"

namespace lanyard::server::domain {
namespace {

constexpr std::int64_t kDelegate = 42;
constexpr std::string_view kBadge = "Simona|Bieliūnė|Vilnius|BADGECODE";
const std::string kBadgeCode(120, 'A');

NameCheckInProof fourLetters() { return NameCheckInProof{true, 4}; }

std::string sealed(std::vector<std::string> codes = {kBadgeCode, "pretix-Secret-1"}) {
  const std::string proof = expectedProof(fourLetters(), "Simona.Bieliune@vilnius.example");
  absl::StatusOr<std::string> seal = sealBadge(kDelegate, kBadge, codes, proof);
  EXPECT_TRUE(seal.ok()) << seal.status();
  return seal.value_or("");
}

TEST(BadgeSealTest, OpensWithEachCodeItWasSealedForAsAScannerTypesIt) {
  const std::string seal = sealed();
  EXPECT_EQ(openBadgeSealWithCode(seal, kDelegate, kBadgeCode).value_or(""), kBadge);
  EXPECT_EQ(openBadgeSealWithCode(seal, kDelegate, "pretix-Secret-1").value_or(""), kBadge);
  // A scanner's CR LF, and Caps Lock: ticket codes match ignoring case.
  EXPECT_EQ(openBadgeSealWithCode(seal, kDelegate, " PRETIX-SECRET-1\r\n").value_or(""), kBadge);
}

TEST(BadgeSealTest, OpensWithTheProofNormalisedAsTheServerComparesIt) {
  const std::string seal = sealed();
  EXPECT_EQ(openBadgeSealWithProof(seal, kDelegate, typedProof(fourLetters(), "SIMO")).value_or(""), kBadge);
  EXPECT_EQ(openBadgeSealWithProof(seal, kDelegate, typedProof(fourLetters(), " s i m o ")).value_or(""), kBadge);
}

TEST(BadgeSealTest, AWrongCodeOrProofIsRefusedWithAStatus) {
  const std::string seal = sealed();
  EXPECT_TRUE(absl::IsPermissionDenied(openBadgeSealWithCode(seal, kDelegate, "pretix-secret-2").status()));
  EXPECT_TRUE(absl::IsPermissionDenied(openBadgeSealWithCode(seal, kDelegate, "").status()));
  EXPECT_TRUE(
      absl::IsPermissionDenied(openBadgeSealWithProof(seal, kDelegate, typedProof(fourLetters(), "simon")).status()))
      << "more than the prefix is not the proof";
  EXPECT_TRUE(
      absl::IsPermissionDenied(openBadgeSealWithProof(seal, kDelegate, typedProof(fourLetters(), "anna")).status()));
}

TEST(BadgeSealTest, ASealWithoutAProofDoesNotOpenWithOne) {
  absl::StatusOr<std::string> seal = sealBadge(kDelegate, kBadge, {kBadgeCode}, std::nullopt);
  ASSERT_TRUE(seal.ok()) << seal.status();
  EXPECT_TRUE(absl::IsPermissionDenied(openBadgeSealWithProof(*seal, kDelegate, "simo").status()));
  EXPECT_EQ(openBadgeSealWithCode(*seal, kDelegate, kBadgeCode).value_or(""), kBadge);
}

TEST(BadgeSealTest, EveryAlteredByteIsDataLossOrARefusalNeverTheBadge) {
  const std::string seal = sealed();
  for (std::size_t i = 0; i < seal.size(); ++i) {
    std::string altered = seal;
    altered[i] = static_cast<char>(altered[i] ^ 0x01);
    const absl::StatusOr<std::string> opened = openBadgeSealWithCode(altered, kDelegate, kBadgeCode);
    ASSERT_FALSE(opened.ok()) << "byte " << i;
    EXPECT_TRUE(absl::IsDataLoss(opened.status()) || absl::IsPermissionDenied(opened.status()))
        << "byte " << i << ": " << opened.status();
  }
  EXPECT_TRUE(absl::IsDataLoss(openBadgeSealWithCode(seal.substr(0, seal.size() - 1), kDelegate, kBadgeCode).status()));
  EXPECT_TRUE(absl::IsDataLoss(openBadgeSealWithCode("", kDelegate, kBadgeCode).status()));
  EXPECT_TRUE(absl::IsDataLoss(openBadgeSealWithCode(seal.substr(0, 30), kDelegate, kBadgeCode).status()));
}

TEST(BadgeSealTest, TheBadgeCiphertextAlteredIsDataLoss) {
  std::string seal = sealed();
  seal[seal.size() - 20] = static_cast<char>(seal[seal.size() - 20] ^ 0x80);
  EXPECT_TRUE(absl::IsDataLoss(openBadgeSealWithCode(seal, kDelegate, kBadgeCode).status()));
}

TEST(BadgeSealTest, ASealMovedToAnotherDelegateOpensForNobody) {
  const std::string seal = sealed();
  EXPECT_FALSE(openBadgeSealWithCode(seal, kDelegate + 1, kBadgeCode).ok());
  EXPECT_FALSE(openBadgeSealWithProof(seal, kDelegate + 1, "simo").ok());
}

TEST(BadgeSealTest, ACraftedCostIsRefusedBeforeScrypt) {
  std::string seal = sealed();
  seal[1] = static_cast<char>(40);  // 2^40 blocks.
  EXPECT_TRUE(absl::IsDataLoss(openBadgeSealWithProof(seal, kDelegate, "simo").status()));
}

TEST(BadgeSealTest, NothingToOpenItWithIsRefused) {
  EXPECT_TRUE(absl::IsInvalidArgument(sealBadge(kDelegate, kBadge, {}, std::nullopt).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(sealBadge(kDelegate, kBadge, {" "}, "").status()));
}

TEST(BadgeSealTest, TwoSealsOfOneBadgeShareNoBytesOfCiphertext) {
  const std::string a = sealed();
  const std::string b = sealed();
  EXPECT_EQ(a.size(), b.size());
  EXPECT_NE(a.substr(4), b.substr(4));
  EXPECT_EQ(a.find("Simona"), std::string::npos);
  EXPECT_EQ(a.find("BADGECODE"), std::string::npos);
}

// The proof's cost stays within what a kiosk and the background sealer can pay: a few
// milliseconds (generous bound: these cores are shared).
TEST(BadgeSealTest, SealingCostsMillisecondsNotMore) {
  const auto start = std::chrono::steady_clock::now();
  constexpr int kSeals = 20;
  for (int i = 0; i < kSeals; ++i) ASSERT_FALSE(sealed().empty());
  const auto perSeal = (std::chrono::steady_clock::now() - start) / kSeals;
  std::cout << "one seal: " << std::chrono::duration<double, std::milli>(perSeal).count() << " ms\n";
  EXPECT_LT(perSeal, std::chrono::milliseconds(50));
}

}  // namespace
}  // namespace lanyard::server::domain
