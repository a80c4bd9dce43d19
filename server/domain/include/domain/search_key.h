#pragma once

// Name search that ignores case, accents and script: "dvorak" finds Dvořák, "shevchenko" finds
// Шевченко, "mueller" finds Müller. Text is folded to terms of ASCII letters and digits through
// ICU transliterators; storage keeps the terms of each delegate and prefix-matches query tokens
// against them.
//
// Words are runs of letters, marks and digits. Apostrophes, hyphens and middle dots between two
// such runs join them into one compound word ("O'Brien", "Jean-Pierre", "Мар'яна"); everything else
// (spaces, commas, slashes, dots, symbols, invalid UTF-8) separates words.
//
// Threading: every function here may be called from any number of threads at once. Each thread
// builds its own copy of the ICU transforms on first use (about a millisecond, once per thread);
// after that, folding a typical non-ASCII name costs a few microseconds and an ASCII one less.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace lanyard::server::domain {

// Creates the ICU transforms the functions below need and reports whether this ICU build has them.
// Call once at startup and refuse to start on error: without the transforms every word folds to
// its ASCII letters and digits only (Dvořák to "dvok"), so search would silently miss names.
// Fails with FAILED_PRECONDITION naming the missing transform. Thread-safe; every call returns the
// result of the first.
absl::Status initSearchKeys();

// Returns OK if ICU can create the transform `icuId` (e.g. "Ukrainian-Latin/BGN"), else
// FAILED_PRECONDITION naming it and ICU's error.
absl::Status checkTransliterator(std::string_view icuId);

// The index terms to store for `text` (a given name, family name, organisation or city), for
// prefix matching against queryTokens(). Each term is non-empty, only [a-z0-9], and appears once;
// the terms are sorted. For every word the terms include:
//  - its plain fold (Any-Latin; Latin-ASCII; Lower): Dvořák -> "dvorak", Шевченко -> "sevcenko";
//  - the German fold when the word has ä, ö or ü: Müller -> "mueller" beside "muller";
//  - when the word has Cyrillic letters, the Ukrainian and Russian BGN folds ("shevchenko",
//    Наталія -> "nataliya") and the Ukrainian national system's, as Ukrainian passports spell
//    names (Наталія -> "nataliia"; see romanisation_rules.h);
//  - the ELOT 743 fold of Greek passports when it has Greek letters: Βασιλείου -> "vasileiou"
//    beside "basileiou", Μπάμπης -> "mpampis";
//  - for a compound word, the fold of the whole and of each part: "obrien", "o", "brien";
//  - when a fold yields several words (Han: 李小龍 -> "li xiao long"), each of them and all of
//    them joined.
// Characters left without an ASCII fold (such as the modifier letter ʿ in Arabic transliteration)
// are dropped. Cost is linear in the length of `text`.
std::vector<std::string> searchTerms(std::string_view text);

// One word of what a user typed, as the spellings that may match it: a delegate matches the token
// if one of their terms starts with one of its spellings.
struct QueryToken {
  // The word's plain fold first; for a Cyrillic word also its Ukrainian BGN, Ukrainian national
  // and Russian BGN folds, for a Greek one its ELOT 743 fold, where they differ, so that "Шевченко" finds a delegate
  // registered as "Shevchenko" as well as one registered in Cyrillic. Never empty; each non-empty
  // and only [a-z0-9].
  std::vector<std::string> spellings;
};

// The tokens of what a user typed, for prefix matching against stored searchTerms(): one per
// word, compounds split into their parts ("Jean-Pierre" -> "jean", "pierre"), in typed order,
// without repeats of a plain fold. "Müller" gives "muller" and "mueller" stays "mueller";
// searchTerms() stores both for Müller.
std::vector<QueryToken> queryTokens(std::string_view query);

// The plain fold of `text` as one string of [a-z0-9]: "Dvořák" -> "dvorak", "Jean-Pierre" ->
// "jeanpierre", "Шевченко" -> "sevcenko". Separators and characters without an ASCII fold are
// dropped. Useful as a sort or comparison key.
std::string foldForSearch(std::string_view text);

// Whether two full names are the same words in any order, ignoring case, accents, script and
// hyphens: "Antonín Dvořák" = "DVORAK Antonin", "Тарас Шевченко" = "Taras Shevchenko",
// "Jean-Pierre Roux" = "Jean Pierre Roux"; "Anna Müller" != "Anna". For telling a walk-in who may
// already be registered under another spelling.
bool sameName(std::string_view a, std::string_view b);

// Whether `longer` is `name` with words added, `name` having two words or more, compared as
// sameName() compares: "Jan Novák" is within "Jan Novák-Svoboda" and "Jan Petr Novák"; "Anna" is
// within nothing. For walk-ins registered with a middle or a second family name.
bool nameWithin(std::string_view name, std::string_view longer);

// `name` in Latin letters when it is written in another script, for printing beneath it, as the
// holder's passport would write it where Lanyard knows how: "Тарас Шевченко" -> "Taras
// Shevchenko", "Наталія Щербак" -> "Nataliia Shcherbak", "Ευαγγελία Βασιλείου" -> "Evangelia
// Vasileiou", "李小龍" -> "lǐ xiǎo lóng". Cyrillic follows the romanisation of `language` when that
// is written in Cyrillic (uk, ru, be, bg, sr, mk), else of the alphabet the name's letters show
// (Є is Ukrainian), else Russian's: Ukrainian by its national system of 2010, the others by BGN
// without the primes for ь and ъ. Greek follows ELOT 743, without accents, as Greek passports.
// Other scripts keep ICU's accents. Empty when `name` has no letters outside the Latin script
// (nothing to add), and for Arabic, Hebrew and Syriac, whose letters without their unwritten
// vowels ("mḥmd") would tell a reader nothing: a delegate's own Latin spelling (latin_name) is
// what helps there.
std::string latinTransliteration(std::string_view name, std::string_view language);

// The Latin line to print beneath `name` on a badge: the delegate's own Latin spelling
// `latinName` when they gave one, else latinTransliteration(name, language). Empty when `name`
// has no letters outside the Latin script: "Jürgen Müller" needs no second spelling.
std::string badgeLatinLine(std::string_view name, std::string_view latinName, std::string_view language);

// Bumped whenever searchTerms() gives some text other terms than before (a new fold): storage then
// computes every delegate's stored terms again when it opens an event.
inline constexpr int kSearchTermsVersion = 2;

}  // namespace lanyard::server::domain
