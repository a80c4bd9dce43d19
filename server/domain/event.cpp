#include "domain/event.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <charconv>
#include <chrono>

#include "domain/event_store.h"
#include "domain/str_cat.h"

namespace lanyard::server::domain {

std::vector<Category> defaultCategories() {
  return {
      {"delegate", "Delegate", "#1F6FB2"},
      {"speaker", "Speaker", "#C0392B"},
      {"city_official", "City official", "#6C3483"},
      {"community_representative", "Community representative", "#1E8449"},
      {"press", "Press", "#D68910"},
      {"staff", "Staff", "#2C3E50"},
      {"partner", "Partner", "#117A65"},
  };
}

absl::Status checkCategory(const Event& event, const Delegate& d) {
  for (const Category& category : event.categories) {
    if (category.name == d.category) return absl::OkStatus();
  }
  return absl::InvalidArgumentError(strCat("unknown category \"", d.category, "\""));
}

std::string NameCheckInProof::toString() const { return enabled ? strCat("email_prefix:", emailPrefixLength) : "off"; }

bool NameCheckInProof::parse(std::string_view text, NameCheckInProof& out) {
  if (text == "off") {
    out = NameCheckInProof{false, 0};
    return true;
  }
  constexpr std::string_view kPrefix = "email_prefix:";
  if (text.substr(0, kPrefix.size()) != kPrefix) return false;
  const std::string_view digits = text.substr(kPrefix.size());
  int length = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
  if (error != std::errc() || end != digits.data() + digits.size() || length < 1 || length > 32) return false;
  out = NameCheckInProof{true, length};
  return true;
}

std::string_view roleName(Role role) {
  switch (role) {
    case Role::Kiosk:
      return "kiosk";
    case Role::Organiser:
      return "organiser";
    case Role::Admin:
      return "admin";
    case Role::Desk:
      return "desk";
  }
  return "unknown";
}

bool parseRole(std::string_view text, Role& out) {
  for (Role role : {Role::Kiosk, Role::Organiser, Role::Admin, Role::Desk}) {
    if (text == roleName(role)) {
      out = role;
      return true;
    }
  }
  if (text == "organizer") {
    out = Role::Organiser;
    return true;
  }
  return false;
}

absl::StatusOr<std::string> newToken() {
  unsigned char random[32];
  if (RAND_bytes(random, sizeof random) != 1) {
    return absl::InternalError("cannot make a token: the system random generator (OpenSSL RAND_bytes) failed");
  }
  unsigned char encoded[48];
  const int length = EVP_EncodeBlock(encoded, random, sizeof random);
  std::string token = "lyd_";
  for (int i = 0; i < length; ++i) {
    const char c = static_cast<char>(encoded[i]);
    if (c == '=') break;
    token.push_back(c == '+' ? '-' : c == '/' ? '_' : c);
  }
  return token;
}

absl::StatusOr<std::string> hashToken(std::string_view token) {
  // Fetched once: SHA256() looks the algorithm up in OpenSSL's provider tables on every call, which
  // cost more than hashing a token, and every authenticated call hashes one.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  if (sha256 == nullptr || EVP_Digest(token.data(), token.size(), digest, nullptr, sha256, nullptr) != 1) {
    return absl::InternalError("cannot hash a token: OpenSSL cannot compute SHA-256");
  }
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Clock systemClock() {
  return [] {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
}

}  // namespace lanyard::server::domain
