#pragma once

// Generated delegates for the benchmark: deterministic, in many scripts, with the spellings a
// person without the right keyboard would type to find them.

#include <cstdint>
#include <string>
#include <vector>

namespace lanyard::bench {

// One generated delegate, in Lanyard's delegates.csv template.
struct GeneratedDelegate {
  std::string externalRef;
  std::string givenName;   // In the delegate's own script.
  std::string familyName;  // In the delegate's own script.
  std::string givenAscii;  // How someone would type the given name on a plain keyboard.
  std::string familyAscii;
  std::string organisation;
  std::string city;
  std::string country;
  std::string language;
  std::string email;
};

// `count` delegates from `seed`: the same arguments always give the same delegates. Names come
// from Czech, Polish, German, Lithuanian, French, Ukrainian (Cyrillic), Greek, Arabic, Turkish,
// Hungarian and Spanish pools, with organisations and cities to match.
std::vector<GeneratedDelegate> generateDelegates(int count, std::uint64_t seed);

// The delegates as a delegates.csv file (header included).
std::string delegatesCsv(const std::vector<GeneratedDelegate>& delegates);

// Search queries a kiosk user would type for these delegates, `count` of them from `seed`: half are
// accent-free spellings of whole given or family names ("dvorak", "shevchenko"), half are their
// first two to five letters.
std::vector<std::string> searchQueries(const std::vector<GeneratedDelegate>& delegates, int count, std::uint64_t seed);

}  // namespace lanyard::bench
