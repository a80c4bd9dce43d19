#include "domain/search_key.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace lanyard::server::domain {
namespace {

using ::testing::Contains;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

// What storage does with the terms: some spelling of every typed token must be a prefix of some
// stored term.
bool finds(std::string_view typed, std::string_view stored) {
  const std::vector<std::string> terms = searchTerms(stored);
  const std::vector<QueryToken> tokens = queryTokens(typed);
  if (tokens.empty()) {
    return false;
  }
  return std::all_of(tokens.begin(), tokens.end(), [&](const QueryToken& token) {
    return std::any_of(token.spellings.begin(), token.spellings.end(), [&](const std::string& spelling) {
      return std::any_of(terms.begin(), terms.end(),
                         [&](const std::string& term) { return term.starts_with(spelling); });
    });
  });
}

// Every spelling of each token of `query`.
std::vector<std::vector<std::string>> spellings(std::string_view query) {
  std::vector<std::vector<std::string>> out;
  for (const QueryToken& token : queryTokens(query)) out.push_back(token.spellings);
  return out;
}

// The plain fold of each token of `query`.
std::vector<std::string> folds(std::string_view query) {
  std::vector<std::string> out;
  for (const QueryToken& token : queryTokens(query)) out.push_back(token.spellings.front());
  return out;
}

class SearchKeyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(initSearchKeys().ok()) << initSearchKeys(); }
};

TEST_F(SearchKeyTest, IgnoresCaseAndAccents) {
  EXPECT_TRUE(finds("dvorak", "Dvořák"));
  EXPECT_TRUE(finds("DVORAK", "Antonín Dvořák"));
  EXPECT_TRUE(finds("lukasiewicz", "Łukasiewicz"));
  EXPECT_TRUE(finds("strasse", "Straße"));
  EXPECT_TRUE(finds("bieliune", "Simona Bieliūnė"));
  EXPECT_TRUE(finds("Bieliūnė", "Simona Bieliune"));
  EXPECT_TRUE(finds("dusseldorf", "Düsseldorf"));
}

TEST_F(SearchKeyTest, FindsUmlautsSpelledEitherWay) {
  EXPECT_TRUE(finds("muller", "Müller"));
  EXPECT_TRUE(finds("mueller", "Müller"));
  EXPECT_TRUE(finds("Müller", "Müller"));
  EXPECT_TRUE(finds("mueller", "Mu\u0308ller"));  // Decomposed ü.
  EXPECT_THAT(searchTerms("Müller"), ElementsAre("mueller", "muller"));
  EXPECT_THAT(folds("Müller"), ElementsAre("muller"));
  EXPECT_THAT(folds("mueller"), ElementsAre("mueller"));
}

TEST_F(SearchKeyTest, GermanFoldOnlyForWordsWithUmlauts) {
  EXPECT_THAT(searchTerms("Zoë Ærø Straße"), UnorderedElementsAre("zoe", "aero", "strasse"));
}

TEST_F(SearchKeyTest, CyrillicQueryFindsANameRegisteredInLatinLetters) {
  EXPECT_TRUE(finds("Шевченко", "Nataliia Shevchenko"));
  EXPECT_TRUE(finds("Наталі", "Nataliia Shevchenko"));
  EXPECT_TRUE(finds("Щербаков", "Shcherbakov"));
  EXPECT_FALSE(finds("Шевченко", "Taras Shevchuk"));
  EXPECT_THAT(spellings("Шевченко Li"), ElementsAre(ElementsAre("sevcenko", "shevchenko"), ElementsAre("li")));
  EXPECT_THAT(spellings("Шевченко шевченко"), ElementsAre(ElementsAre("sevcenko", "shevchenko")));
}

TEST_F(SearchKeyTest, FindsCyrillicByEachTransliteration) {
  EXPECT_TRUE(finds("shevchenko", "Шевченко"));
  EXPECT_TRUE(finds("sevcenko", "Шевченко"));
  EXPECT_TRUE(finds("Шевченко", "Тарас Шевченко"));
  EXPECT_TRUE(finds("taras shev", "Тарас Шевченко"));
  EXPECT_THAT(searchTerms("Шевченко"), ElementsAre("sevcenko", "shevchenko"));
  // Ukrainian BGN for Ukrainian letters, Russian BGN for Russian names.
  EXPECT_TRUE(finds("yuliya", "Юлія"));
  EXPECT_TRUE(finds("yevhen", "Євген"));
  EXPECT_TRUE(finds("shcherbakov", "Щербаков"));
  EXPECT_TRUE(finds("yelkin", "Ёлкин"));
}

// Ukrainians registered in Latin letters are spelt as their passports spell them (the national
// system of 2010) or, by older documents and habit, as BGN does: either finds the Cyrillic name.
TEST_F(SearchKeyTest, FindsUkrainianByThePassportSpellingAndByBgn) {
  EXPECT_TRUE(finds("nataliia", "Наталія Щербак"));
  EXPECT_TRUE(finds("nataliya", "Наталія Щербак"));
  EXPECT_TRUE(finds("natalia", "Наталія Щербак")) << "the plain fold";
  EXPECT_TRUE(finds("yurii", "Юрій"));
  EXPECT_TRUE(finds("yuriy", "Юрій"));
  EXPECT_TRUE(finds("serhii oleksii", "Сергій Олексій"));
  EXPECT_TRUE(finds("zghurskyi", "Згурський"));
  EXPECT_TRUE(finds("mariana", "Мар’яна"));
  EXPECT_THAT(searchTerms("Наталія"), IsSupersetOf({"nataliia", "nataliya"}));
  // What the desk types in Cyrillic finds a delegate registered with the passport spelling.
  EXPECT_TRUE(finds("Наталія", "Nataliia Shcherbak"));
  EXPECT_TRUE(finds("Юрій Згурський", "Yurii Zghurskyi"));
  EXPECT_TRUE(finds("Євгенія", "Yevheniia Melnyk"));
  EXPECT_FALSE(finds("Наталія", "Natalka Shcherbak"));
}

// Greek names are usually registered in Latin letters as Greek passports spell them (ELOT 743):
// Vasileiou and Panagiotis, where the letter-for-letter fold gives "basileiou" and "panagiotes".
TEST_F(SearchKeyTest, FindsGreekAsPassportsSpellIt) {
  EXPECT_TRUE(finds("vasileiou", "Ευαγγελία Βασιλείου"));
  EXPECT_TRUE(finds("panagiotis", "Παναγιώτης"));
  EXPECT_TRUE(finds("sofia", "Σοφία"));
  EXPECT_TRUE(finds("sophia", "Σοφία"));
  EXPECT_TRUE(finds("Βασιλ", "Evangelia Vasileiou"));
  EXPECT_FALSE(finds("Βασιλείου", "Evangelia Vasilakis"));
  EXPECT_THAT(searchTerms("Παναγιώτης"), ElementsAre("panagiotes", "panagiotis"));
  EXPECT_THAT(spellings("Σοφία Li"), ElementsAre(ElementsAre("sophia", "sofia"), ElementsAre("li")));
  EXPECT_TRUE(finds("mpampis", "Μπάμπης"));
  EXPECT_TRUE(finds("Μπάμπης", "Mpampis Georgiou"));
  EXPECT_TRUE(finds("gkikas", "Γκίκας"));
}

TEST_F(SearchKeyTest, ShortNamesMatch) {
  EXPECT_TRUE(finds("li", "Li"));
  EXPECT_TRUE(finds("l", "Li"));
  EXPECT_TRUE(finds("li", "李小龍"));
  EXPECT_FALSE(finds("li", "Dvořák"));
  EXPECT_FALSE(finds("lin", "Li"));
}

TEST_F(SearchKeyTest, HanFoldGivesEachSyllableAndTheWhole) {
  EXPECT_THAT(searchTerms("李小龍"), UnorderedElementsAre("li", "xiao", "long", "lixiaolong"));
  EXPECT_THAT(folds("李小龍"), ElementsAre("li", "xiao", "long"));
}

TEST_F(SearchKeyTest, ArabicFoldsToPlainAscii) {
  EXPECT_THAT(searchTerms("محمد"), ElementsAre("mhmd"));
  // Any-Latin gives "ʿbd alrḥmn"; the modifier letter ʿ has no ASCII fold and is dropped.
  EXPECT_THAT(searchTerms("عبد الرحمن"), UnorderedElementsAre("bd", "alrhmn"));
  EXPECT_THAT(searchTerms("ʿAlī"), ElementsAre("ali"));
  EXPECT_TRUE(finds("mhmd", "محمد"));
}

TEST_F(SearchKeyTest, IndexesCompoundsWholeAndByPart) {
  EXPECT_THAT(searchTerms("O'Brien"), UnorderedElementsAre("obrien", "o", "brien"));
  EXPECT_THAT(searchTerms("Jean\u2011Pierre"), UnorderedElementsAre("jeanpierre", "jean", "pierre"));
  EXPECT_TRUE(finds("obrien", "O’Brien"));
  EXPECT_TRUE(finds("o'brien", "O’Brien"));
  EXPECT_TRUE(finds("jean-pierre", "Jean-Pierre Dupont"));
  EXPECT_TRUE(finds("pierre", "Jean-Pierre Dupont"));
  // The Ukrainian apostrophe keeps я word-initial for BGN inside the compound.
  EXPECT_TRUE(finds("maryana", "Мар’яна"));
}

TEST_F(SearchKeyTest, MixedScriptNames) {
  EXPECT_THAT(
      searchTerms("Olena Шевченко-Müller, Kyiv/Київ"),
      IsSupersetOf({"olena", "shevchenko", "sevcenko", "muller", "mueller", "kyiv", "kiiv", "shevchenkomuller"}));
  EXPECT_THAT(searchTerms("Dvořák李"), Contains("dvorakli"));
  EXPECT_TRUE(finds("shevchenko mueller", "Olena Шевченко-Müller"));
}

TEST_F(SearchKeyTest, QueryTokensSplitAtSeparatorsInTypedOrderWithoutRepeats) {
  EXPECT_THAT(folds("  Jean-Pierre,  DVOŘÁK\t"), ElementsAre("jean", "pierre", "dvorak"));
  EXPECT_THAT(folds("a.b/c;d e"), ElementsAre("a", "b", "c", "d", "e"));
  EXPECT_THAT(folds("li Li LI"), ElementsAre("li"));
  EXPECT_THAT(folds("Room 101"), ElementsAre("room", "101"));
}

TEST_F(SearchKeyTest, FoldForSearchJoinsThePlainFold) {
  EXPECT_EQ(foldForSearch("Dvořák"), "dvorak");
  EXPECT_EQ(foldForSearch("Jean-Pierre Dupont"), "jeanpierredupont");
  EXPECT_EQ(foldForSearch("Шевченко"), "sevcenko");
  EXPECT_EQ(foldForSearch("!?"), "");
}

TEST_F(SearchKeyTest, TermsAreDistinctSortedAsciiLettersAndDigits) {
  for (const char* text : {"Dvořák", "Łukasiewicz", "Müller Müller", "Тарас Шевченко", "عبد الرحمن", "李小龍",
                           "Ελληνικά", "नमस्ते", "Nguyễn Thị Minh Khai", "Ǆuro Đorđević", "😀 Émile #1 ™"}) {
    SCOPED_TRACE(text);
    const std::vector<std::string> terms = searchTerms(text);
    EXPECT_THAT(terms, Not(IsEmpty()));
    EXPECT_THAT(terms, Each(MatchesRegex("[a-z0-9]+")));
    EXPECT_TRUE(std::is_sorted(terms.begin(), terms.end()));
    EXPECT_EQ(std::adjacent_find(terms.begin(), terms.end()), terms.end());
    EXPECT_THAT(folds(text), Each(MatchesRegex("[a-z0-9]+")));
  }
}

TEST_F(SearchKeyTest, EmptyAndSeparatorOnlyInputGiveNothing) {
  EXPECT_THAT(searchTerms(""), IsEmpty());
  EXPECT_THAT(folds(""), IsEmpty());
  EXPECT_EQ(foldForSearch(""), "");
  EXPECT_THAT(searchTerms(" ,-'./ \t\r\n"), IsEmpty());
  EXPECT_THAT(folds("--"), IsEmpty());
  EXPECT_THAT(folds("😀 ™ ©"), IsEmpty());
}

TEST_F(SearchKeyTest, InvalidUtf8SeparatesWords) {
  EXPECT_THAT(searchTerms("Dvo\xff\xfe\xc5\x99\xc3\xa1k"), UnorderedElementsAre("dvo", "rak"));
  EXPECT_THAT(folds("M\xc3\xbcller\xc3"), ElementsAre("muller"));  // Truncated sequence.
  EXPECT_THAT(folds("\xed\xa0\x80"), IsEmpty());                   // An encoded surrogate.
  EXPECT_THAT(searchTerms(std::string_view("Li\0Wang", 7)), UnorderedElementsAre("li", "wang"));
}

TEST_F(SearchKeyTest, HandlesVeryLongInput) {
  std::string manyWords;
  while (manyWords.size() < 100'000) {
    manyWords += "Dvořák Шевченко-Müller 李小龍, ";
  }
  EXPECT_THAT(searchTerms(manyWords),
              UnorderedElementsAre("dvorak", "sevcenko", "shevchenko", "muller", "mueller", "sevcenkomuller",
                                   "shevchenkomuller", "sevcenkomueller", "li", "xiao", "long", "lixiaolong"));
  EXPECT_THAT(folds(manyWords), ElementsAre("dvorak", "sevcenko", "muller", "li", "xiao", "long"));

  std::string oneWord;
  while (oneWord.size() < 100'000) {
    oneWord += "Шевченко";
  }
  const std::vector<std::string> terms = searchTerms(oneWord);
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_TRUE(terms[0].starts_with("sevcenkosevcenko"));
  EXPECT_TRUE(terms[1].starts_with("shevchenkoshevchenko"));
  EXPECT_EQ(foldForSearch(std::string(100'000, 'A')), std::string(100'000, 'a'));
}

TEST_F(SearchKeyTest, ThreadsFoldingAtOnceGetTheSameResults) {
  const std::vector<std::string> names = {"Dvořák",          "Łukasiewicz",    "Müller",   "Straße",
                                          "Simona Bieliūnė", "Тарас Шевченко", "Щербаков", "عبد الرحمن",
                                          "李小龍",          "O'Brien",        "Βασιλείου"};
  std::vector<std::vector<std::string>> expectedTerms;
  std::vector<std::vector<std::vector<std::string>>> expectedTokens;
  for (const std::string& name : names) {
    expectedTerms.push_back(searchTerms(name));
    expectedTokens.push_back(spellings(name));
  }

  constexpr std::size_t kThreads = 8;
  constexpr int kRounds = 200;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        for (std::size_t i = 0; i < names.size(); ++i) {
          if (searchTerms(names[i]) != expectedTerms[i] || spellings(names[i]) != expectedTokens[i]) {
            ++mismatches[t];
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_THAT(mismatches, Each(0));
}

TEST_F(SearchKeyTest, ReportsMissingTransform) {
  EXPECT_TRUE(checkTransliterator("Ukrainian-Latin/BGN").ok());
  EXPECT_TRUE(checkTransliterator("Any-Latin; Latin-ASCII; Lower").ok());

  const absl::Status missing = checkTransliterator("Klingon-Latin/BGN");
  EXPECT_EQ(missing.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(missing.message()), HasSubstr("Klingon-Latin/BGN"));
}

}  // namespace
}  // namespace lanyard::server::domain

namespace lanyard::server::domain {
namespace {

TEST(SameNameTest, IgnoresOrderCaseAccentsScriptAndHyphens) {
  EXPECT_TRUE(sameName("Antonín Dvořák", "DVORAK Antonin"));
  EXPECT_TRUE(sameName("Тарас Шевченко", "Taras Shevchenko"));
  EXPECT_TRUE(sameName("Taras Shevchenko", "Тарас Шевченко"));
  EXPECT_TRUE(sameName("Jean-Pierre Roux", "Jean Pierre Roux"));
  EXPECT_TRUE(sameName("Anna Müller", "Anna Mueller"));
}

TEST(SameNameTest, DifferentOrMissingWordsAreDifferentNames) {
  EXPECT_FALSE(sameName("Anna Müller", "Anna"));
  EXPECT_FALSE(sameName("Anna", "Anna Müller"));
  EXPECT_FALSE(sameName("Anna Müller", "Anna Müllerová"));
  EXPECT_FALSE(sameName("Jan Novák", "Jana Nováková"));
  EXPECT_FALSE(sameName("", ""));
}

TEST(NameWithinTest, ANameWithWordsAddedHoldsIt) {
  EXPECT_TRUE(nameWithin("Jan Novák", "Jan Novák-Svoboda"));
  EXPECT_TRUE(nameWithin("Jan Novák", "Jan Petr Novák"));
  EXPECT_TRUE(nameWithin("NOVAK Jan", "Jan Petr Novák"));
  EXPECT_TRUE(nameWithin("Taras Shevchenko", "Тарас Григорович Шевченко"));
}

TEST(NameWithinTest, OneWordOrTheSameWordsOrOtherWordsAreNotWithin) {
  EXPECT_FALSE(nameWithin("Anna", "Anna Müller")) << "a given name alone says too little";
  EXPECT_FALSE(nameWithin("Jan Novák", "Jan Novák")) << "that is sameName()";
  EXPECT_FALSE(nameWithin("Jan Petr Novák", "Jan Novák")) << "the other way round";
  EXPECT_FALSE(nameWithin("Jan Novák", "Jana Nováková Svobodová"));
  EXPECT_FALSE(nameWithin("", "Jan Novák"));
}

TEST(LatinTransliterationTest, WritesOtherScriptsInLatinLetters) {
  EXPECT_EQ(latinTransliteration("Тарас Шевченко", "uk"), "Taras Shevchenko");
  EXPECT_EQ(latinTransliteration("Иван Петров", "ru"), "Ivan Petrov");
  EXPECT_EQ(latinTransliteration("Ђорђе Јовановић", "sr"), "Đorđe Jovanović");
  EXPECT_EQ(latinTransliteration("李小龍", ""), "lǐ xiǎo lóng");
}

// The Latin line on a badge should match the delegate's passport, so that it reads as the name
// they are known by in Latin letters: Ukrainian by the national system of 2010 (Cabinet of
// Ministers resolution 55), not BGN's Nataliya and Yuriy.
TEST(LatinTransliterationTest, UkrainianAsUkrainianPassportsWriteIt) {
  EXPECT_EQ(latinTransliteration("Наталія Щербак", "uk"), "Nataliia Shcherbak");
  EXPECT_EQ(latinTransliteration("Юрій Згурський", "uk"), "Yurii Zghurskyi");
  EXPECT_EQ(latinTransliteration("Сергій Олексійович", "uk"), "Serhii Oleksiiovych");
  EXPECT_EQ(latinTransliteration("Олексій Ковальчук", "uk"), "Oleksii Kovalchuk");
  // Є, Ї, Й, Ю, Я begin a word as Ye, Yi, Y, Yu, Ya and are ie, i, i, iu, ia within one.
  EXPECT_EQ(latinTransliteration("Євгенія Їжакевич", "uk"), "Yevheniia Yizhakevych");
  EXPECT_EQ(latinTransliteration("Йосип Юрченко Яна", "uk"), "Yosyp Yurchenko Yana");
  EXPECT_EQ(latinTransliteration("Андрій Соловйов Київ Любов", "uk"), "Andrii Soloviov Kyiv Liubov");
  // зг is zgh (zh is ж); ґ is g; the soft sign and the apostrophe are dropped.
  EXPECT_EQ(latinTransliteration("Розгон Ґалаґан", "uk"), "Rozghon Galagan");
  EXPECT_EQ(latinTransliteration("Мар'яна Ковальська", "uk"), "Mariana Kovalska");
  EXPECT_EQ(latinTransliteration("Мар’яна Знам’янська", "uk"), "Mariana Znamianska");
  // Capitals stay capitals, whole words in capitals too.
  EXPECT_EQ(latinTransliteration("ЩЕРБАК Наталія", "uk"), "SHCHERBAK Nataliia");
  EXPECT_EQ(latinTransliteration("ЮЛІЯ ЧОРНОВОЛ", "uk"), "YULIIA CHORNOVOL");
}

// Greek passports write ELOT 743 without accents: μπ is mp and γκ is gk wherever they stand.
TEST(LatinTransliterationTest, GreekAsGreekPassportsWriteIt) {
  EXPECT_EQ(latinTransliteration("Ευαγγελία Βασιλείου", "el"), "Evangelia Vasileiou");
  EXPECT_EQ(latinTransliteration("Παναγιώτης Παπαδάκης", "en"), "Panagiotis Papadakis");
  EXPECT_EQ(latinTransliteration("Ευθύμιος Αυγερινός", "el"), "Efthymios Avgerinos");
  EXPECT_EQ(latinTransliteration("Μπάμπης Γκίκας", "el"), "Mpampis Gkikas");
  EXPECT_EQ(latinTransliteration("Ντόρα Χατζηδάκη", "el"), "Ntora Chatzidaki");
  EXPECT_EQ(latinTransliteration("ΘΕΟΔΩΡΟΣ Ψαρράς", "el"), "THEODOROS Psarras");
}

// Passports leave out the primes BGN writes for the soft and hard signs.
TEST(LatinTransliterationTest, CyrillicWithoutSignMarks) {
  EXPECT_EQ(latinTransliteration("Олександр Ковальчук", "uk"), "Oleksandr Kovalchuk");
  EXPECT_EQ(latinTransliteration("Наталья Подъячева", "ru"), "Natalya Podyacheva");
}

// A delegate's language is the one they want the kiosk in, not always their name's.
TEST(LatinTransliterationTest, CyrillicReadsAsTheAlphabetItsLettersShow) {
  EXPECT_EQ(latinTransliteration("Євгенія Мельник", "pl"), "Yevheniia Melnyk");
  EXPECT_EQ(latinTransliteration("Сергій Лисенко", "en"), "Serhii Lysenko");
  EXPECT_EQ(latinTransliteration("Ђорђе Ћирић", "de"), "Đorđe Ćirić");
  EXPECT_EQ(latinTransliteration("Наталья Иванова", "fi"), "Natalya Ivanova");
  EXPECT_EQ(latinTransliteration("Наталья Иванова", ""), "Natalya Ivanova");
}

// Without the unwritten vowels, "mḥmd" helps no reader: the badge shows the name as written.
TEST(LatinTransliterationTest, NoneForScriptsThatLeaveOutVowels) {
  EXPECT_EQ(latinTransliteration("محمد درويش", "ar"), "");
  EXPECT_EQ(latinTransliteration("فرشته احمدی", "fa"), "");
  EXPECT_EQ(latinTransliteration("דוד לוי", "he"), "");
}

// A delegate's own Latin spelling is what their badge prints beneath a name in another script.
TEST(BadgeLatinLineTest, TheDelegatesOwnSpellingComesFirst) {
  EXPECT_EQ(badgeLatinLine("محمد درويش", "Mohammad Darwish", "ar"), "Mohammad Darwish");
  EXPECT_EQ(badgeLatinLine("Наталія Щербак", "Natalia Shcherbak", "uk"), "Natalia Shcherbak");
  EXPECT_EQ(badgeLatinLine("Наталія Щербак", "", "uk"), "Nataliia Shcherbak");
  EXPECT_EQ(badgeLatinLine("محمد درويش", "", "ar"), "");
  EXPECT_EQ(badgeLatinLine("Jürgen Müller", "Juergen Mueller", "de"), "") << "already in Latin letters";
}

TEST(LatinTransliterationTest, LatinNamesNeedNone) {
  EXPECT_EQ(latinTransliteration("Jana Křížková", "cs"), "");
  EXPECT_EQ(latinTransliteration("Bärbel O'Neill-Lange", "de"), "");
  EXPECT_EQ(latinTransliteration("", "uk"), "");
}

}  // namespace
}  // namespace lanyard::server::domain
