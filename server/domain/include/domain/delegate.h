#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lanyard::server::domain {

// Times are UTC microseconds since the Unix epoch throughout the server.
using TimeUs = std::int64_t;

enum class RegistrationStatus { Active, Cancelled };

// One person registered for the event, as the registration system and the help desk know them.
struct Delegate {
  std::int64_t id = 0;  // 0 until stored.
  std::string givenName;
  std::string familyName;
  // The delegate's own spelling of their full name in Latin letters ("Mohammad Darwish" for
  // محمد درويش); empty if they gave none. Searched like the name, and printed on the badge beneath
  // a name in another script instead of a transliteration.
  std::string latinName;
  std::string organisation;
  std::string city;
  std::string country;   // ISO 3166-1 alpha-2 where known, else free text.
  std::string category;  // One of the event's configured categories, e.g. "delegate".
  std::string email;
  std::string language;  // BCP 47 tag such as "cs" or "uk"; empty means the event default.
  std::string notes;     // For staff only (accessibility needs); never shown on a kiosk.
  RegistrationStatus status = RegistrationStatus::Active;
  std::string externalRef;         // The registration system's id; the key for re-imports.
  std::string externalTicketCode;  // The registration system's ticket secret (pretix, Indico...).
  std::int32_t badgeVersion = 1;   // Bumped by a reissue; older badge codes stop working.
  // The stored record's version: 1 when created, one more with every change to the row (see
  // EventStore::updateDelegate); 0 until stored.
  std::int64_t version = 0;
  // DelegateField bits of the details the help desk corrected: re-imports keep them (see
  // mergeImported in delegate_import.h).
  std::uint32_t correctedFields = 0;
};

// The details a registration file and the help desk both set, one bit each.
enum class DelegateField : std::uint32_t {
  GivenName = 1U << 0,
  FamilyName = 1U << 1,
  Organisation = 1U << 2,
  City = 1U << 3,
  Country = 1U << 4,
  Category = 1U << 5,
  Email = 1U << 6,
  Language = 1U << 7,
  Notes = 1U << 8,
  TicketCode = 1U << 9,
  Status = 1U << 10,  // Cancelled or reinstated at the help desk.
  LatinName = 1U << 11,
};

// What a search result shows of a delegate: enough for people to recognise themselves, nothing
// a kiosk must not show.
struct DelegateSummary {
  std::int64_t id = 0;
  std::string givenName;
  std::string familyName;
  std::string organisation;
  std::string city;
  std::string category;
  std::string language;
  RegistrationStatus status = RegistrationStatus::Active;
};

inline DelegateSummary summaryOf(const Delegate& d) {
  return {d.id, d.givenName, d.familyName, d.organisation, d.city, d.category, d.language, d.status};
}

// One programme item held in one room.
struct Session {
  std::int64_t id = 0;
  std::string externalRef;  // Optional key for re-imports.
  std::string title;
  std::string room;
  TimeUs startUs = 0;
  TimeUs endUs = 0;
  std::int32_t capacity = 0;  // 0 means unlimited.
  bool registrationRequired = false;
};

// A delegate's registration for a session, by the external references used in imports.
struct SessionRegistration {
  std::string sessionRef;
  std::string delegateRef;
  std::int32_t line = 0;  // Where the import file names it, for errors; 0 if not from a file.
};

}  // namespace lanyard::server::domain
