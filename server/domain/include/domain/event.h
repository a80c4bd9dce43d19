#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/delegate.h"

namespace lanyard::server::domain {

// A kind of delegate with its badge label and colour.
struct Category {
  std::string name;    // Stable key used in imports, e.g. "city_official".
  std::string label;   // Shown on badges, e.g. "City official".
  std::string colour;  // "#RRGGBB".
};

// The categories a new event starts with; organisers may configure others at init.
std::vector<Category> defaultCategories();

// How a kiosk proves that a delegate found by name is the person at the kiosk.
struct NameCheckInProof {
  bool enabled = true;
  int emailPrefixLength = 4;  // The first N characters of the registered e-mail address.

  // "email_prefix:4" or "off"; the inverse of parse().
  std::string toString() const;
  static bool parse(std::string_view text, NameCheckInProof& out);
};

// The event a database holds: one event per SQLite file.
struct Event {
  std::string name;
  std::string venue;
  std::string timeZone;   // IANA, e.g. "Europe/Prague".
  std::string startDate;  // Local "YYYY-MM-DD".
  std::string endDate;    // Local "YYYY-MM-DD".
  std::string defaultLanguage = "en";
  std::string signingSeed;  // 32 raw bytes, Ed25519 private seed. Never leaves the server.
  std::string publicKey;    // 32 raw bytes.
  std::vector<Category> categories;
  NameCheckInProof nameCheckInProof;
  std::int64_t sessionGraceMinutes = 15;  // A session door admits this long before start and after end.
  std::int64_t restores = 0;              // How many times a backup was restored in place of the event's file.

  TimeUs sessionGraceUs() const { return sessionGraceMinutes * 60 * 1'000'000; }
};

// INVALID_ARGUMENT (`unknown category "vip"`) unless `d`'s category is one of `event`'s.
absl::Status checkCategory(const Event& event, const Delegate& d);

// What a device token may do; see the access table in docs/access.md. Desk is the help desk: walk-ins,
// corrections, cancellations, reissued badges and check-ins it vouches for, and nothing else.
enum class Role { Kiosk = 1, Organiser = 2, Admin = 3, Desk = 4 };

std::string_view roleName(Role role);
bool parseRole(std::string_view text, Role& out);

// A device holding a bearer token (a kiosk, a session door, an organiser's laptop, the help desk's
// laptop, the admin CLI).
struct Device {
  std::int64_t id = 0;
  std::string name;
  Role role = Role::Kiosk;
  TimeUs createdUs = 0;
  TimeUs revokedUs = 0;  // 0 while the token is valid.
  TimeUs lastSeenUs = 0;
};

// A new random bearer token ("lyd_" + 43 base64url characters, 256 bits). INTERNAL if the system
// random generator fails.
absl::StatusOr<std::string> newToken();
// SHA-256 of a token: all that is stored. INTERNAL if OpenSSL cannot compute SHA-256.
absl::StatusOr<std::string> hashToken(std::string_view token);
// Constant-time equality of two byte strings of any length.
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace lanyard::server::domain
