#include "domain/search_key.h"

#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_set>
#include <utility>

#include "absl/status/statusor.h"
#include "domain/romanisation_rules.h"
#include "domain/str_cat.h"

namespace lanyard::server::domain {
namespace {

// The folds a word may get. Plain is every word's; German, Ukrainian, Russian and Greek are extra
// index variants. The Latin ones are not for search: they write a name in Latin letters for people
// to read (latinTransliteration()).
enum class Fold : std::size_t {
  Plain,
  German,
  Ukrainian,
  UkrainianNational,
  Russian,
  Greek,
  LatinAny,
  LatinGreek,
  LatinUkrainian,
  LatinRussian,
  LatinBelarusian,
  LatinBulgarian,
  LatinSerbian,
  LatinMacedonian,
};
constexpr std::size_t kFoldCount = 14;

// A fold's ICU transform: rules of Lanyard's own (romanisation_rules.h), if any, then ICU's
// transforms by id.
struct FoldTransform {
  std::string_view name;  // For errors.
  std::string_view rules;
  std::string_view ids;  // "::Any-Latin; ::NFC;"
};

// Indexed by Fold. Any-Latin after a romanisation catches letters it leaves (Russian BGN has no
// rule for the Ukrainian ї); Latin-ASCII then removes the remaining accents. Ukrainian is indexed
// by BGN (Yuliya) and by the national system of its passports (Yuliia); Greek by its passports'
// ELOT 743. The Cyrillic readings drop the primes BGN writes for ь and ъ, as passports do:
// Melnyk, not Melʹnyk.
constexpr std::array<FoldTransform, kFoldCount> kFoldTransforms = {{
    {"plain", "", "::Any-Latin; ::Latin-ASCII; ::Lower;"},
    {"German", "", "::de-ASCII; ::Any-Latin; ::Latin-ASCII; ::Lower;"},
    {"Ukrainian BGN", "", "::Ukrainian-Latin/BGN; ::Any-Latin; ::Latin-ASCII; ::Lower;"},
    {"Ukrainian national", kUkrainianNationalRules, "::Any-Latin; ::Latin-ASCII; ::Lower;"},
    {"Russian BGN", "", "::Russian-Latin/BGN; ::Any-Latin; ::Latin-ASCII; ::Lower;"},
    {"Greek ELOT 743", kGreekPassportRules, "::Any-Latin; ::Latin-ASCII; ::Lower;"},
    {"Latin", "", "::Any-Latin; ::NFC;"},
    {"Greek ELOT 743 in Latin", kGreekPassportRules, "::Any-Latin; ::NFC;"},
    {"Ukrainian national in Latin", kUkrainianNationalRules, "::Any-Latin; ::[\\u02B9\\u02BA] Remove; ::NFC;"},
    {"Russian BGN in Latin", "", "::Russian-Latin/BGN; ::Any-Latin; ::[\\u02B9\\u02BA] Remove; ::NFC;"},
    {"Belarusian BGN in Latin", "", "::Belarusian-Latin/BGN; ::Any-Latin; ::[\\u02B9\\u02BA] Remove; ::NFC;"},
    {"Bulgarian BGN in Latin", "", "::Bulgarian-Latin/BGN; ::Any-Latin; ::[\\u02B9\\u02BA] Remove; ::NFC;"},
    {"Serbian BGN in Latin", "", "::Serbian-Latin/BGN; ::Any-Latin; ::NFC;"},
    {"Macedonian BGN in Latin", "", "::Macedonian-Latin/BGN; ::Any-Latin; ::NFC;"},
}};

// A half-open range of UTF-16 code units in a text.
struct Span {
  std::int32_t start = 0;
  std::int32_t limit = 0;
};

// Converts UTF-8 to UTF-16; invalid bytes become U+FFFD, which separates words. Input beyond
// INT32_MAX bytes, which ICU cannot index, is ignored.
icu::UnicodeString toUnicode(std::string_view utf8) {
  const auto length =
      static_cast<std::int32_t>(std::min<std::size_t>(utf8.size(), static_cast<std::size_t>(INT32_MAX)));
  return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), length));
}

absl::StatusOr<std::unique_ptr<icu::Transliterator>> createTransliterator(std::string_view icuId) {
  UParseError parseError{};
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> transliterator(
      icu::Transliterator::createInstance(toUnicode(icuId), UTRANS_FORWARD, parseError, error));
  if (U_FAILURE(error) || transliterator == nullptr) {
    return absl::FailedPreconditionError(
        strCat("ICU transform \"", std::string(icuId), "\" is not available: ", u_errorName(error)));
  }
  return transliterator;
}

absl::StatusOr<std::unique_ptr<icu::Transliterator>> createTransliterator(const FoldTransform& fold) {
  UParseError parseError{};
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> transliterator(icu::Transliterator::createFromRules(
      toUnicode(fold.name), toUnicode(strCat(fold.rules, fold.ids)), UTRANS_FORWARD, parseError, error));
  if (U_FAILURE(error) || transliterator == nullptr) {
    return absl::FailedPreconditionError(strCat("ICU transform \"", fold.name,
                                                "\" cannot be created: ", u_errorName(error), " at line ",
                                                parseError.line, ", offset ", parseError.offset));
  }
  return transliterator;
}

// Owns the process's one prototype of each fold transform, from which threads take their copies.
class FoldPrototypes {
 public:
  // Thread-safe; the prototypes are created on the first call (a few milliseconds). Never
  // destroyed, so threads still folding while the process exits find them intact.
  static FoldPrototypes& instance() {
    static auto* const prototypes = new FoldPrototypes();
    return *prototypes;
  }

  // OK, or the error for the first transform that could not be created.
  const absl::Status& status() const { return m_status; }

  // A new copy of `fold`'s transform for the calling thread's exclusive use; null if ICU lacks it.
  std::unique_ptr<icu::Transliterator> clone(Fold fold) {
    const auto& prototype = m_prototypes[static_cast<std::size_t>(fold)];
    if (prototype == nullptr) {
      return nullptr;
    }
    // ICU does not promise that cloning one instance from several threads at once is safe.
    std::lock_guard lock(m_cloneMutex);
    return std::unique_ptr<icu::Transliterator>(prototype->clone());
  }

 private:
  FoldPrototypes() {
    for (std::size_t i = 0; i < kFoldCount; ++i) {
      auto transliterator = createTransliterator(kFoldTransforms[i]);
      if (transliterator.ok()) {
        m_prototypes[i] = *std::move(transliterator);
      } else if (m_status.ok()) {
        m_status = transliterator.status();
      }
    }
  }

  absl::Status m_status;
  std::array<std::unique_ptr<icu::Transliterator>, kFoldCount> m_prototypes;
  std::mutex m_cloneMutex;
};

// The calling thread's own copy of `fold`'s transform, or null if ICU lacks it.
const icu::Transliterator* threadTransliterator(Fold fold) {
  // This thread's copies of the fold transforms, made on first use.
  struct PerThread {
    std::array<std::unique_ptr<icu::Transliterator>, kFoldCount> transliterators;
    std::array<bool, kFoldCount> tried{};
  };
  thread_local PerThread perThread;
  const auto index = static_cast<std::size_t>(fold);
  if (!perThread.tried[index]) {
    perThread.transliterators[index] = FoldPrototypes::instance().clone(fold);
    perThread.tried[index] = true;
  }
  return perThread.transliterators[index].get();
}

bool isWordChar(UChar32 c) { return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0; }

// Characters that join two words into a compound: apostrophes (and the accents typed for them),
// hyphens and the Catalan middle dot.
bool isJoiner(UChar32 c) {
  switch (c) {
    case u'\'':
    case u'`':
    case u'-':
    case 0x00B4:  // ACUTE ACCENT
    case 0x00B7:  // MIDDLE DOT
    case 0x2010:  // HYPHEN
    case 0x2011:  // NON-BREAKING HYPHEN
    case 0x2018:  // LEFT SINGLE QUOTATION MARK
    case 0x2019:  // RIGHT SINGLE QUOTATION MARK
      return true;
    default:
      return false;
  }
}

// Calls visit(parts) for each compound word of `text` in order. `parts` holds the compound's
// words between joiners (at least one); the compound spans parts.front().start to
// parts.back().limit.
template <typename Visit>
void forEachCompound(const icu::UnicodeString& text, Visit&& visit) {
  const std::int32_t length = text.length();
  std::vector<Span> parts;
  std::int32_t i = 0;
  while (i < length) {
    UChar32 c = text.char32At(i);
    if (!isWordChar(c)) {
      i += U16_LENGTH(c);
      continue;
    }
    parts.clear();
    std::int32_t partStart = i;
    while (true) {
      while (i < length && isWordChar(c = text.char32At(i))) {
        i += U16_LENGTH(c);
      }
      parts.push_back({partStart, i});
      if (i + 1 < length && isJoiner(text.char32At(i)) && isWordChar(text.char32At(i + 1))) {
        partStart = ++i;  // Joiners are all single code units.
        continue;
      }
      break;
    }
    visit(parts);
  }
}

bool isAscii(const icu::UnicodeString& text, Span span) {
  for (std::int32_t i = span.start; i < span.limit; ++i) {
    if (text.charAt(i) > 0x7F) {
      return false;
    }
  }
  return true;
}

bool hasUmlaut(const icu::UnicodeString& text, Span span) {
  for (std::int32_t i = span.start; i < span.limit; ++i) {
    switch (text.charAt(i)) {
      case 0x00C4:  // Ä
      case 0x00D6:  // Ö
      case 0x00DC:  // Ü
      case 0x00E4:  // ä
      case 0x00F6:  // ö
      case 0x00FC:  // ü
      case 0x0308:  // COMBINING DIAERESIS, as in a decomposed ü
        return true;
      default:
        break;
    }
  }
  return false;
}

bool hasScript(const icu::UnicodeString& text, Span span, UScriptCode script) {
  for (std::int32_t i = span.start; i < span.limit;) {
    const UChar32 c = text.char32At(i);
    UErrorCode error = U_ZERO_ERROR;
    if (uscript_getScript(c, &error) == script) {
      return true;
    }
    i += U16_LENGTH(c);
  }
  return false;
}

// The romanisations a word written in Cyrillic or Greek is also indexed and looked for under: how
// the same name is usually spelt when registered in Latin letters.
std::vector<Fold> romanisationFolds(const icu::UnicodeString& text, Span span) {
  if (hasScript(text, span, USCRIPT_CYRILLIC)) return {Fold::Ukrainian, Fold::UkrainianNational, Fold::Russian};
  if (hasScript(text, span, USCRIPT_GREEK)) return {Fold::Greek};
  return {};
}

bool isAsciiAlnum(char16_t c) { return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'); }

// Appends to `pieces` the [a-z0-9] words of `folded`: white space ends a word, upper-case ASCII is
// lowered, anything else is dropped.
void appendPieces(const icu::UnicodeString& folded, Span span, std::vector<std::string>& pieces) {
  std::string piece;
  for (std::int32_t i = span.start; i < span.limit; ++i) {
    char16_t c = folded.charAt(i);
    if (c >= u'A' && c <= u'Z') {
      c = static_cast<char16_t>(c - u'A' + u'a');
    }
    if (isAsciiAlnum(c)) {
      piece.push_back(static_cast<char>(c));
    } else if (u_isUWhiteSpace(c) && !piece.empty()) {
      pieces.push_back(std::move(piece));
      piece.clear();
    }
  }
  if (!piece.empty()) {
    pieces.push_back(std::move(piece));
  }
}

// The words `fold` makes of the word `span` of `text`: usually one, several where a script's
// transliteration adds spaces (Han), none where nothing has an ASCII fold.
std::vector<std::string> foldWord(const icu::UnicodeString& text, Span span, Fold fold) {
  std::vector<std::string> pieces;
  const icu::Transliterator* transliterator = nullptr;
  if (!isAscii(text, span)) {
    transliterator = threadTransliterator(fold);
  }
  if (transliterator == nullptr) {
    // ASCII needs no transform (it would only lower it). Without the transform, the plain fold
    // keeps what ASCII there is and a variant adds nothing.
    if (fold == Fold::Plain || isAscii(text, span)) {
      appendPieces(text, span, pieces);
    }
    return pieces;
  }
  icu::UnicodeString word(text, span.start, span.limit - span.start);
  transliterator->transliterate(word);
  appendPieces(word, {0, word.length()}, pieces);
  return pieces;
}

// Appends the terms of the word `span` of `text` for `fold`: each word of the fold and, when there
// are several, all of them joined.
void appendFoldTerms(const icu::UnicodeString& text, Span span, Fold fold, std::vector<std::string>& terms) {
  std::vector<std::string> pieces = foldWord(text, span, fold);
  if (pieces.size() > 1) {
    std::string joined;
    for (const std::string& piece : pieces) {
      joined += piece;
    }
    terms.push_back(std::move(joined));
  }
  for (std::string& piece : pieces) {
    terms.push_back(std::move(piece));
  }
}

void appendWordTerms(const icu::UnicodeString& text, Span span, std::vector<std::string>& terms) {
  appendFoldTerms(text, span, Fold::Plain, terms);
  if (isAscii(text, span)) {
    return;
  }
  if (hasUmlaut(text, span)) {
    appendFoldTerms(text, span, Fold::German, terms);
  }
  for (const Fold fold : romanisationFolds(text, span)) {
    appendFoldTerms(text, span, fold, terms);
  }
}

// The script of the first letter of `text` outside the Latin script; USCRIPT_LATIN if none is.
UScriptCode firstScriptBesideLatin(const icu::UnicodeString& text) {
  for (std::int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (!u_isalpha(c)) continue;
    UErrorCode error = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &error);
    if (U_SUCCESS(error) && script != USCRIPT_LATIN && script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
      return script;
    }
  }
  return USCRIPT_LATIN;
}

// A Cyrillic alphabet: its language, its romanisation, and lower-case letters that tell a name
// in it from one in the alphabets after it in kCyrillicAlphabets.
struct CyrillicAlphabet {
  std::string_view language;
  Fold romanisation;
  std::u16string_view letters;
};

constexpr std::array<CyrillicAlphabet, 6> kCyrillicAlphabets = {{
    {"be", Fold::LatinBelarusian, u"ў"},
    {"uk", Fold::LatinUkrainian, u"ґєії"},
    {"sr", Fold::LatinSerbian, u"ђћ"},
    {"mk", Fold::LatinMacedonian, u"ѓќѕјљњџ"},
    {"bg", Fold::LatinBulgarian, u""},
    {"ru", Fold::LatinRussian, u""},
}};

// How to romanise a Cyrillic name: as its holder's language does when that is written in Cyrillic,
// else as the alphabet its letters show, else as Russian. A Ukrainian registered with Polish as
// their language still reads "Yevheniya", not the letter-for-letter "Êvgeníâ".
Fold cyrillicRomanisation(const icu::UnicodeString& name, std::string_view language) {
  const std::string_view primary = language.substr(0, language.find('-'));
  for (const CyrillicAlphabet& alphabet : kCyrillicAlphabets) {
    if (alphabet.language == primary) return alphabet.romanisation;
  }
  icu::UnicodeString lower(name);
  lower.toLower(icu::Locale::getRoot());
  for (const CyrillicAlphabet& alphabet : kCyrillicAlphabets) {
    for (const char16_t letter : alphabet.letters) {
      if (lower.indexOf(letter) >= 0) return alphabet.romanisation;
    }
  }
  return Fold::LatinRussian;
}

}  // namespace

absl::Status initSearchKeys() { return FoldPrototypes::instance().status(); }

absl::Status checkTransliterator(std::string_view icuId) { return createTransliterator(icuId).status(); }

std::vector<std::string> searchTerms(std::string_view text) {
  const icu::UnicodeString unicode = toUnicode(text);
  std::vector<std::string> terms;
  forEachCompound(unicode, [&](const std::vector<Span>& parts) {
    appendWordTerms(unicode, {parts.front().start, parts.back().limit}, terms);
    if (parts.size() > 1) {
      for (const Span& part : parts) {
        appendWordTerms(unicode, part, terms);
      }
    }
  });
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

std::vector<QueryToken> queryTokens(std::string_view query) {
  const icu::UnicodeString unicode = toUnicode(query);
  std::vector<QueryToken> tokens;
  std::unordered_set<std::string> seen;
  forEachCompound(unicode, [&](const std::vector<Span>& parts) {
    for (const Span& part : parts) {
      std::vector<std::string> plain = foldWord(unicode, part, Fold::Plain);
      const std::vector<Fold> romanisations = romanisationFolds(unicode, part);
      if (plain.size() == 1 && !romanisations.empty()) {
        if (!seen.insert(plain.front()).second) continue;
        QueryToken token{{std::move(plain.front())}};
        for (const Fold fold : romanisations) {
          std::vector<std::string> romanised = foldWord(unicode, part, fold);
          if (romanised.size() == 1 &&
              std::find(token.spellings.begin(), token.spellings.end(), romanised.front()) == token.spellings.end()) {
            token.spellings.push_back(std::move(romanised.front()));
          }
        }
        tokens.push_back(std::move(token));
        continue;
      }
      for (std::string& piece : plain) {
        if (seen.insert(piece).second) tokens.push_back({{std::move(piece)}});
      }
    }
  });
  return tokens;
}

namespace {

// Whether every word of `query` is, in one of its spellings, a whole term of `name`.
bool everyWordIsATermOf(const std::vector<QueryToken>& query, std::string_view name) {
  const std::vector<std::string> terms = searchTerms(name);  // Sorted.
  return std::all_of(query.begin(), query.end(), [&terms](const QueryToken& token) {
    return std::any_of(token.spellings.begin(), token.spellings.end(), [&terms](const std::string& spelling) {
      return std::binary_search(terms.begin(), terms.end(), spelling);
    });
  });
}

}  // namespace

bool sameName(std::string_view a, std::string_view b) {
  const std::vector<QueryToken> wordsOfA = queryTokens(a);
  const std::vector<QueryToken> wordsOfB = queryTokens(b);
  // One way suffices: a query spells Müller "muller" only, and "Mueller" is a term of Müller.
  return !wordsOfA.empty() && wordsOfA.size() == wordsOfB.size() &&
         (everyWordIsATermOf(wordsOfA, b) || everyWordIsATermOf(wordsOfB, a));
}

bool nameWithin(std::string_view name, std::string_view longer) {
  const std::vector<QueryToken> words = queryTokens(name);
  return words.size() >= 2 && words.size() < queryTokens(longer).size() && everyWordIsATermOf(words, longer);
}

std::string foldForSearch(std::string_view text) {
  const icu::UnicodeString unicode = toUnicode(text);
  std::string folded;
  forEachCompound(unicode, [&](const std::vector<Span>& parts) {
    for (const Span& part : parts) {
      for (const std::string& piece : foldWord(unicode, part, Fold::Plain)) {
        folded += piece;
      }
    }
  });
  return folded;
}

std::string badgeLatinLine(std::string_view name, std::string_view latinName, std::string_view language) {
  if (firstScriptBesideLatin(toUnicode(name)) == USCRIPT_LATIN) return {};
  return latinName.empty() ? latinTransliteration(name, language) : std::string(latinName);
}

std::string latinTransliteration(std::string_view name, std::string_view language) {
  const icu::UnicodeString unicode = toUnicode(name);
  Fold fold = Fold::LatinAny;
  switch (firstScriptBesideLatin(unicode)) {
    // Latin needs no second line. These scripts leave most vowels unwritten, so their letters in
    // Latin ("mḥmd" for محمد) tell a reader nothing of how the name is said.
    case USCRIPT_LATIN:
    case USCRIPT_ARABIC:
    case USCRIPT_HEBREW:
    case USCRIPT_SYRIAC:
      return {};
    case USCRIPT_CYRILLIC:
      fold = cyrillicRomanisation(unicode, language);
      break;
    case USCRIPT_GREEK:
      fold = Fold::LatinGreek;
      break;
    default:
      break;
  }
  const icu::Transliterator* transliterator = threadTransliterator(fold);
  if (transliterator == nullptr) return {};
  icu::UnicodeString latinName(unicode);
  transliterator->transliterate(latinName);
  std::string out;
  latinName.toUTF8String(out);
  return out;
}

}  // namespace lanyard::server::domain
