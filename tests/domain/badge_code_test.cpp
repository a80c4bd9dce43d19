#include "domain/badge_code.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace lanyard::server::domain {
namespace {

using ::testing::Each;
using ::testing::ElementsAreArray;
using ::testing::Eq;
using ::testing::MatchesRegex;

std::vector<std::uint8_t> fromHex(std::string_view hex) {
  std::vector<std::uint8_t> bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return bytes;
}

std::vector<std::uint8_t> bytesOf(std::string_view text) { return {text.begin(), text.end()}; }

// RFC 8032 section 7.1, TEST 1 and TEST 2.
constexpr std::string_view kRfcSeed1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr std::string_view kRfcPublic1 = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr std::string_view kRfcSignature1 =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b"
    "46bd25bf5f0595bbe24655141438e7a100b";
constexpr std::string_view kRfcSeed2 = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
constexpr std::string_view kRfcPublic2 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
constexpr std::string_view kRfcSignature2 =
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11"
    "d8c387b2eaeb4302aeeb00d291612bb0c00";

// The format as the header documents it, built without BadgeSigner::issueBadgeCode().
std::vector<std::uint8_t> payloadBytes(std::uint8_t format, const BadgeClaims& claims) {
  return {format,
          static_cast<std::uint8_t>(claims.eventTag >> 24),
          static_cast<std::uint8_t>(claims.eventTag >> 16),
          static_cast<std::uint8_t>(claims.eventTag >> 8),
          static_cast<std::uint8_t>(claims.eventTag),
          static_cast<std::uint8_t>(claims.delegateId >> 24),
          static_cast<std::uint8_t>(claims.delegateId >> 16),
          static_cast<std::uint8_t>(claims.delegateId >> 8),
          static_cast<std::uint8_t>(claims.delegateId),
          static_cast<std::uint8_t>(claims.badgeVersion >> 8),
          static_cast<std::uint8_t>(claims.badgeVersion)};
}

std::string handMadeCode(const BadgeSigner& signer, std::uint8_t format, const BadgeClaims& claims) {
  std::vector<std::uint8_t> payload = payloadBytes(format, claims);
  std::vector<std::uint8_t> message = bytesOf(kBadgeSignatureContext);
  message.insert(message.end(), payload.begin(), payload.end());
  const absl::StatusOr<Ed25519Signature> signature = signer.sign(message);
  if (!signature.ok()) {
    ADD_FAILURE() << signature.status();
    return "";
  }
  payload.insert(payload.end(), signature->begin(), signature->end());
  return base32Encode(payload);
}

class BadgeCodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const absl::StatusOr<KeyPair> pair = BadgeSigner::generateKeyPair();
    ASSERT_TRUE(pair.ok()) << pair.status();
    m_pair = *pair;
    absl::StatusOr<BadgeSigner> signer = BadgeSigner::fromSeed(m_pair.privateSeed);
    ASSERT_TRUE(signer.ok()) << signer.status();
    m_signer = std::make_unique<BadgeSigner>(*std::move(signer));
    m_claims = {.eventTag = m_signer->eventTag(), .delegateId = 4711, .badgeVersion = 2};
  }

  std::string issue(const BadgeClaims& claims) const {
    const absl::StatusOr<std::string> code = m_signer->issueBadgeCode(claims);
    EXPECT_TRUE(code.ok()) << code.status();
    return code.value_or("");
  }

  // The status checkBadgeCode() gives with the public key, after expecting the signer's check
  // (how the server checks) to give the same answer and claims.
  BadgeCodeStatus statusOf(std::string_view scanned) const {
    const absl::StatusOr<BadgeCodeCheck> check = checkBadgeCode(scanned, m_pair.publicKey);
    EXPECT_TRUE(check.ok()) << check.status();
    const absl::StatusOr<BadgeCodeCheck> signerCheck = checkBadgeCode(scanned, *m_signer);
    EXPECT_TRUE(signerCheck.ok()) << signerCheck.status();
    if (!check.ok() || !signerCheck.ok()) return BadgeCodeStatus::Valid;
    EXPECT_EQ(signerCheck->status, check->status) << scanned.substr(0, 40);
    EXPECT_EQ(signerCheck->claims, check->claims) << scanned.substr(0, 40);
    return check->status;
  }

  KeyPair m_pair;
  std::unique_ptr<BadgeSigner> m_signer;
  BadgeClaims m_claims;
};

TEST(BadgeCodeBase32Test, EncodesRfc4648TestVectorsWithoutPadding) {
  EXPECT_EQ(base32Encode(bytesOf("")), "");
  EXPECT_EQ(base32Encode(bytesOf("f")), "MY");
  EXPECT_EQ(base32Encode(bytesOf("fo")), "MZXQ");
  EXPECT_EQ(base32Encode(bytesOf("foo")), "MZXW6");
  EXPECT_EQ(base32Encode(bytesOf("foob")), "MZXW6YQ");
  EXPECT_EQ(base32Encode(bytesOf("fooba")), "MZXW6YTB");
  EXPECT_EQ(base32Encode(bytesOf("foobar")), "MZXW6YTBOI");
}

TEST(BadgeCodeBase32Test, DecodesRfc4648TestVectors) {
  for (std::string_view text : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    const absl::StatusOr<std::vector<std::uint8_t>> decoded = base32Decode(base32Encode(bytesOf(text)));
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, bytesOf(text));
  }
}

TEST(BadgeCodeBase32Test, RoundTripsEveryByteAtEveryLength) {
  std::vector<std::uint8_t> bytes;
  for (int i = 0; i < 300; ++i) {
    const absl::StatusOr<std::vector<std::uint8_t>> decoded = base32Decode(base32Encode(bytes));
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    ASSERT_EQ(*decoded, bytes);
    bytes.push_back(static_cast<std::uint8_t>(i * 37 + 11));
  }
}

TEST(BadgeCodeBase32Test, RejectsAnythingButItsOwnEncoding) {
  for (std::string_view text : {"mzxw6", "MY======", "MZ1W", "MZ W6", "M", "MZX", "MZXW6Y",
                                "MZ" /* the "f" encoding with non-zero unused bits */}) {
    const absl::StatusOr<std::vector<std::uint8_t>> decoded = base32Decode(text);
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument) << text;
  }
}

TEST(BadgeCodeSignerTest, MatchesRfc8032TestVectors) {
  struct Vector {
    std::string_view seed, publicKey, message, signature;
  };
  for (const Vector& vector :
       {Vector{kRfcSeed1, kRfcPublic1, "", kRfcSignature1}, Vector{kRfcSeed2, kRfcPublic2, "72", kRfcSignature2}}) {
    const absl::StatusOr<BadgeSigner> signer = BadgeSigner::fromSeed(fromHex(vector.seed));
    ASSERT_TRUE(signer.ok()) << signer.status();
    EXPECT_THAT(signer->publicKey(), ElementsAreArray(fromHex(vector.publicKey)));
    const absl::StatusOr<Ed25519Signature> signature = signer->sign(fromHex(vector.message));
    ASSERT_TRUE(signature.ok()) << signature.status();
    EXPECT_THAT(*signature, ElementsAreArray(fromHex(vector.signature)));
  }
}

TEST(BadgeCodeSignerTest, RejectsSeedsOfTheWrongSize) {
  EXPECT_EQ(BadgeSigner::fromSeed(std::vector<std::uint8_t>(31)).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(BadgeSigner::fromSeed(std::vector<std::uint8_t>(64)).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(BadgeSigner::fromSeed({}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(BadgeCodeSignerTest, GeneratesDistinctUsableKeyPairs) {
  const absl::StatusOr<KeyPair> first = BadgeSigner::generateKeyPair();
  const absl::StatusOr<KeyPair> second = BadgeSigner::generateKeyPair();
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->privateSeed, second->privateSeed);
  EXPECT_NE(first->publicKey, second->publicKey);
  const absl::StatusOr<BadgeSigner> signer = BadgeSigner::fromSeed(first->privateSeed);
  ASSERT_TRUE(signer.ok());
  EXPECT_EQ(signer->publicKey(), first->publicKey);
}

TEST(BadgeCodeKnownAnswerTest, MatchesAnIndependentlyComputedCode) {
  // Computed with the openssl command line (pkeyutl -sign -rawin) and Python's base64.b32encode
  // from the documented format, for the RFC 8032 TEST 1 key.
  const absl::StatusOr<BadgeSigner> signer = BadgeSigner::fromSeed(fromHex(kRfcSeed1));
  ASSERT_TRUE(signer.ok());
  EXPECT_EQ(signer->eventTag(), 0x21fe31dfU);  // sha256sum of the public key starts 21fe31df.
  EXPECT_EQ(eventTagFor(signer->publicKey()), 0x21fe31dfU);
  constexpr std::string_view kExpected =
      "AEQ74MO7AAAAAKQAANAWS7YDRMVFAMJQ4YR6UU3JGXA5TA3CMQIN3KWA7GZODSZ2UKLASMNZ5MSFWFRVAU3HUVGJB7UV"
      "JAWG2W2SXHL7TER6B7JBFRQTGLAN";
  const absl::StatusOr<std::string> code =
      signer->issueBadgeCode({.eventTag = 0x21fe31dfU, .delegateId = 42, .badgeVersion = 3});
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, kExpected);

  const absl::StatusOr<BadgeCodeCheck> check = checkBadgeCode(kExpected, signer->publicKey());
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->status, BadgeCodeStatus::Valid);
  EXPECT_EQ(check->claims, (BadgeClaims{.eventTag = 0x21fe31dfU, .delegateId = 42, .badgeVersion = 3}));
}

TEST_F(BadgeCodeTest, RoundTripsClaims) {
  for (const BadgeClaims& claims :
       {m_claims, BadgeClaims{.eventTag = m_signer->eventTag(), .delegateId = 0, .badgeVersion = 0},
        BadgeClaims{.eventTag = m_signer->eventTag(),
        .delegateId = std::numeric_limits<std::uint32_t>::max(),
        .badgeVersion = std::numeric_limits<std::uint16_t>::max()}}) {
    const std::string code = issue(claims);
    const absl::StatusOr<BadgeCodeCheck> check = checkBadgeCode(code, m_pair.publicKey);
    ASSERT_TRUE(check.ok()) << check.status();
    EXPECT_EQ(check->status, BadgeCodeStatus::Valid);
    EXPECT_EQ(check->claims, claims);
  }
}

TEST_F(BadgeCodeTest, CanonicalFormOfAValidScanIsTheIssuedCode) {
  const std::string code = issue(m_claims);
  std::string scanned = code;
  for (char& c : scanned) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  scanned = " " + scanned + "\r\n";
  ASSERT_EQ(statusOf(scanned), BadgeCodeStatus::Valid);
  EXPECT_EQ(canonicalBadgeCode(scanned), code);
  // Signing is deterministic: issuing again gives the same text.
  EXPECT_EQ(issue(m_claims), code);
}

TEST_F(BadgeCodeTest, UsesOnlyQrAlphanumericCharacters) {
  const std::string code = issue(m_claims);
  EXPECT_EQ(code.size(), kBadgeCodeLength);
  EXPECT_THAT(code, MatchesRegex("[A-Z2-7]+"));
  constexpr std::string_view kQrAlphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  EXPECT_EQ(code.find_first_not_of(kQrAlphanumeric), std::string::npos);
}

TEST_F(BadgeCodeTest, NoSingleCharacterChangeIsValid) {
  const std::string code = issue(m_claims);
  int forged = 0;
  int notBadges = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    for (const char replacement : std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")) {
      if (replacement == code[i]) {
        continue;
      }
      std::string changed = code;
      changed[i] = replacement;
      const BadgeCodeStatus status = statusOf(changed);
      ASSERT_NE(status, BadgeCodeStatus::Valid) << changed;
      ++(status == BadgeCodeStatus::Forged ? forged : notBadges);
    }
  }
  EXPECT_GT(forged, 0);
  EXPECT_GT(notBadges, 0);  // Changes to the format byte.
}

// The server's signer holds what it issued or found genuine, and checks those codes by lookup;
// a forged code never joins them, however many are scanned.
TEST_F(BadgeCodeTest, HoldsTheCodesItIssuedOrFoundGenuineAndNeverAForgery) {
  ASSERT_EQ(m_signer->codesHeld(), 0U);
  // Issued elsewhere (another server process with the event's key): genuine, not held here yet.
  const absl::StatusOr<BadgeSigner> elsewhere = BadgeSigner::fromSeed(m_pair.privateSeed);
  ASSERT_TRUE(elsewhere.ok());
  const absl::StatusOr<std::string> code = elsewhere->issueBadgeCode(m_claims);
  ASSERT_TRUE(code.ok());
  std::string forgedSignature = *code;
  forgedSignature.back() = forgedSignature.back() == 'A' ? 'Q' : 'A';  // The signature's last bits.
  BadgeClaims otherDelegate = m_claims;
  otherDelegate.delegateId = 4712;
  // Another delegate's claims (the first 85 of the payload's 88 bits; the rest are equal), this
  // code's signature.
  const std::string forgedClaims =
      handMadeCode(*m_signer, kBadgeCodeFormat, otherDelegate).substr(0, 17) + code->substr(17);

  EXPECT_EQ(statusOf(forgedSignature), BadgeCodeStatus::Forged);
  EXPECT_EQ(statusOf(forgedClaims), BadgeCodeStatus::Forged);
  EXPECT_EQ(m_signer->codesHeld(), 0U) << "a forgery was held";
  EXPECT_EQ(statusOf(*code), BadgeCodeStatus::Valid);
  EXPECT_EQ(m_signer->codesHeld(), 1U);
  // Now checked against the held signature: the same answers.
  EXPECT_EQ(statusOf(*code), BadgeCodeStatus::Valid);
  EXPECT_EQ(statusOf(forgedSignature), BadgeCodeStatus::Forged);
  EXPECT_EQ(m_signer->codesHeld(), 1U);
  // Issuing holds too, once per delegate and version.
  EXPECT_EQ(issue(otherDelegate), issue(otherDelegate));
  EXPECT_EQ(m_signer->codesHeld(), 2U);
}

TEST_F(BadgeCodeTest, CodeSignedByAnotherKeyIsForged) {
  const absl::StatusOr<KeyPair> otherPair = BadgeSigner::generateKeyPair();
  ASSERT_TRUE(otherPair.ok());
  const absl::StatusOr<BadgeSigner> other = BadgeSigner::fromSeed(otherPair->privateSeed);
  ASSERT_TRUE(other.ok());

  // Another event's genuine code.
  const absl::StatusOr<std::string> otherEventCode =
      other->issueBadgeCode({.eventTag = other->eventTag(), .delegateId = 4711, .badgeVersion = 2});
  ASSERT_TRUE(otherEventCode.ok());
  EXPECT_EQ(statusOf(*otherEventCode), BadgeCodeStatus::Forged);

  // This event's tag, signed with the other key: only the signature gives it away.
  EXPECT_EQ(statusOf(handMadeCode(*other, kBadgeCodeFormat, m_claims)), BadgeCodeStatus::Forged);
}

TEST_F(BadgeCodeTest, HandMadeCodeFollowsTheDocumentedFormat) {
  const std::string code = handMadeCode(*m_signer, kBadgeCodeFormat, m_claims);
  EXPECT_EQ(code, issue(m_claims));
  EXPECT_EQ(statusOf(code), BadgeCodeStatus::Valid);
}

TEST_F(BadgeCodeTest, WrongEventTagIsForgedEvenWhenSignedByTheEventKey) {
  BadgeClaims claims = m_claims;
  claims.eventTag ^= 1U;
  EXPECT_EQ(statusOf(handMadeCode(*m_signer, kBadgeCodeFormat, claims)), BadgeCodeStatus::Forged);
}

TEST_F(BadgeCodeTest, RefusesToIssueForAnotherEventTag) {
  BadgeClaims claims = m_claims;
  claims.eventTag += 1;
  EXPECT_EQ(m_signer->issueBadgeCode(claims).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(BadgeCodeTest, UnknownFormatIsNotABadgeCode) {
  EXPECT_EQ(statusOf(handMadeCode(*m_signer, 2, m_claims)), BadgeCodeStatus::NotABadgeCode);
  EXPECT_EQ(statusOf(std::string(kBadgeCodeLength, 'A')), BadgeCodeStatus::NotABadgeCode);
}

TEST_F(BadgeCodeTest, ZeroSignatureIsForged) {
  std::vector<std::uint8_t> bytes = payloadBytes(kBadgeCodeFormat, m_claims);
  bytes.resize(bytes.size() + 64, 0);
  EXPECT_EQ(statusOf(base32Encode(bytes)), BadgeCodeStatus::Forged);
}

TEST_F(BadgeCodeTest, AcceptsLowerCaseAndSurroundingWhitespace) {
  const std::string code = issue(m_claims);
  std::string lower = code;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  EXPECT_EQ(statusOf(lower), BadgeCodeStatus::Valid);
  EXPECT_EQ(statusOf(" \t" + code + "\r\n"), BadgeCodeStatus::Valid);
  EXPECT_EQ(statusOf(code + "\n"), BadgeCodeStatus::Valid);

  const absl::StatusOr<BadgeCodeCheck> check = checkBadgeCode(lower + "\r\n", m_pair.publicKey);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->claims, m_claims);
}

TEST_F(BadgeCodeTest, GarbageIsNotABadgeCode) {
  const std::string code = issue(m_claims);
  const std::string inner = code.substr(0, 60) + " " + code.substr(60);
  const std::string withPadding = code + "====";
  const std::string digits(kBadgeCodeLength, '1');
  const std::string huge(10 * 1024, 'A');
  const std::string hugeWithCodeInside = code + std::string(10 * 1024, ' ') + code;
  for (std::string_view scanned :
       {std::string_view(""), std::string_view("   \r\n"), std::string_view("hello"),
        std::string_view("tuh8xw5cksnm8ewpbdbdwkhmzqm2wgfz"),  // A pretix-style secret.
        std::string_view(code).substr(1), std::string_view(inner), std::string_view(withPadding),
        std::string_view(digits), std::string_view(huge), std::string_view(hugeWithCodeInside),
        std::string_view(code.c_str(), code.size() - 1), std::string_view("\0\xff\xfe", 3)}) {
    EXPECT_EQ(statusOf(scanned), BadgeCodeStatus::NotABadgeCode) << scanned.substr(0, 40);
  }
}

TEST_F(BadgeCodeTest, ChecksFromManyThreadsAtOnce) {
  std::vector<std::string> codes;
  for (std::uint32_t id = 1; id <= 8; ++id) {
    codes.push_back(issue({.eventTag = m_signer->eventTag(), .delegateId = id, .badgeVersion = 1}));
  }
  std::vector<int> validCounts(codes.size(), 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < codes.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        const absl::StatusOr<BadgeCodeCheck> check =
            t % 2 == 0 ? checkBadgeCode(codes[t], m_pair.publicKey) : checkBadgeCode(codes[t], *m_signer);
        if (check.ok() && check->status == BadgeCodeStatus::Valid && check->claims.delegateId == t + 1) {
          ++validCounts[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_THAT(validCounts, Each(Eq(50)));
}

}  // namespace
}  // namespace lanyard::server::domain
