// Fuzzes name folding on any bytes: terms, query spellings and folds are [a-z0-9] only; name
// comparison is symmetric; transliteration does not crash. The input is split at its first NUL
// into two names (and the second serves as the language for transliteration).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/search_key.h"
#include "fuzz_check.h"

namespace {

bool isFolded(std::string_view text) {
  for (const char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace domain = lanyard::server::domain;
  static const bool initialised = domain::initSearchKeys().ok();
  FUZZ_CHECK(initialised);

  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\0');
  const std::string_view first = input.substr(0, split);
  const std::string_view second = split == std::string_view::npos ? std::string_view() : input.substr(split + 1);

  for (const std::string& term : domain::searchTerms(first)) FUZZ_CHECK(!term.empty() && isFolded(term));
  for (const domain::QueryToken& token : domain::queryTokens(first)) {
    FUZZ_CHECK(!token.spellings.empty());
    for (const std::string& spelling : token.spellings) FUZZ_CHECK(!spelling.empty() && isFolded(spelling));
  }
  FUZZ_CHECK(isFolded(domain::foldForSearch(first)));
  FUZZ_CHECK(domain::sameName(first, second) == domain::sameName(second, first));
  (void)domain::nameWithin(first, second);
  (void)domain::latinTransliteration(first, second);
  (void)domain::badgeLatinLine(first, second, "uk");
  return 0;
}
