#include "domain/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lanyard::server::domain {
namespace {

TEST(TextTest, FindsControlCharactersButNotLettersOfAnyScript) {
  EXPECT_FALSE(hasControlCharacter("Simona Bieliūnė, Шевченко, 李小龍, O'Brien"));
  EXPECT_FALSE(hasControlCharacter("\u00A0\u00E9"));  // No-break space and é: C2 A0, C3 A9.
  EXPECT_TRUE(hasControlCharacter("Ada\nLovelace"));
  EXPECT_TRUE(hasControlCharacter("\tAda"));
  EXPECT_TRUE(hasControlCharacter("Ada\x7F"));
  EXPECT_TRUE(hasControlCharacter("Ada\u0085"));  // NEXT LINE, a C1 control.
}

TEST(TextTest, AcceptsAsciiAndMultilingualUtf8) {
  EXPECT_TRUE(isValidUtf8(""));
  EXPECT_TRUE(isValidUtf8("Simona Bieliune, Vilnius"));
  EXPECT_TRUE(isValidUtf8("Dvořák Łukasiewicz Bieliūnė Шевченко Müller"));
  EXPECT_TRUE(isValidUtf8("李小龍 😀"));              // 3- and 4-byte sequences.
  EXPECT_TRUE(isValidUtf8("\xEF\xBF\xBF"));          // U+FFFF, a noncharacter but valid.
  EXPECT_TRUE(isValidUtf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF, the last code point.
  EXPECT_TRUE(isValidUtf8(std::string("a\0b", 3)));  // NUL is valid UTF-8.
}

TEST(TextTest, RejectsOverlongEncodings) {
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));  // '/' in two bytes.
  EXPECT_FALSE(isValidUtf8("\xC1\xBF"));
  EXPECT_FALSE(isValidUtf8("\xE0\x80\xAF"));      // '/' in three bytes.
  EXPECT_FALSE(isValidUtf8("\xE0\x9F\xBF"));      // U+07FF in three bytes.
  EXPECT_FALSE(isValidUtf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes.
}

TEST(TextTest, RejectsSurrogatesAndCodePointsAboveUnicode) {
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // U+D800.
  EXPECT_FALSE(isValidUtf8("\xED\xBF\xBF"));      // U+DFFF.
  EXPECT_TRUE(isValidUtf8("\xED\x9F\xBF"));       // U+D7FF, just below.
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // U+110000.
  EXPECT_FALSE(isValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(isValidUtf8("\xFF"));
}

TEST(TextTest, RejectsTruncatedAndStraySequences) {
  EXPECT_FALSE(isValidUtf8("Dvo\xC5"));   // Cut after the lead byte of ř.
  EXPECT_FALSE(isValidUtf8("\xE2\x82"));  // Two of three bytes of €.
  EXPECT_FALSE(isValidUtf8("abc\x80"));   // Continuation byte without lead.
  EXPECT_FALSE(
      isValidUtf8("\xC5"
                  "a"));  // Lead byte followed by ASCII.
  EXPECT_FALSE(
      isValidUtf8("Dvo\xF8"
                  "ak"));  // Windows-1250 ř.
}

TEST(TextTest, FindsInvalidByteAfterLongAsciiRun) {
  const std::string ascii(1000, 'a');
  EXPECT_TRUE(isValidUtf8(ascii));
  EXPECT_FALSE(isValidUtf8(ascii + "\xC0\xAF" + ascii));
  EXPECT_FALSE(isValidUtf8(ascii.substr(0, 13) + "\x80"));
}

TEST(TextTest, TrimsAsciiWhitespaceOnly) {
  EXPECT_EQ(trimAscii("  Dvořák \t\r\n"), "Dvořák");
  EXPECT_EQ(trimAscii("\v\fx"), "x");
  EXPECT_EQ(trimAscii(" \t "), "");
  EXPECT_EQ(trimAscii(""), "");
  EXPECT_EQ(trimAscii("a b"), "a b");
  EXPECT_EQ(trimAscii("\xC2\xA0x\xC2\xA0"), "\xC2\xA0x\xC2\xA0");  // NBSP is kept.
}

TEST(TextTest, LowersAsciiLettersOnly) {
  EXPECT_EQ(asciiLower("E-Mail ADDRESS"), "e-mail address");
  EXPECT_EQ(asciiLower("ŁUKASIEWICZ"), "Łukasiewicz");  // Ł is not ASCII and stays.
  EXPECT_EQ(asciiLower("Příjmení"), "příjmení");
}

TEST(TextTest, QuotesShortTextForMessages) {
  EXPECT_EQ(quoteForMessage("vip"), "\"vip\"");
  EXPECT_EQ(quoteForMessage(""), "\"\"");
}

TEST(TextTest, CutsLongTextOnCodePointBoundary) {
  // "ř" is two bytes; a cut after 4 bytes of "řřř" must not split the third.
  EXPECT_EQ(quoteForMessage("řřř", 5), "\"řř...\"");
  EXPECT_EQ(quoteForMessage("abcdef", 3), "\"abc...\"");
  EXPECT_TRUE(isValidUtf8(quoteForMessage(std::string(100, 'x') + "Шевченко", 101)));
}

TEST(TextTest, NeverQuotesInvalidUtf8) {
  EXPECT_EQ(quoteForMessage("Dvo\xF8"
                            "ak"),
            "(invalid UTF-8)");
}

TEST(TextTest, ConvertsBetweenStringViewTypes) {
  const std::string text = "Bieliūnė";
  const absl::string_view abslView(text.data(), text.size());
  EXPECT_EQ(abslView.data(), text.data());
  EXPECT_EQ(toStd(abslView), "Bieliūnė");
}

}  // namespace
}  // namespace lanyard::server::domain

namespace lanyard::server::domain {
namespace {

TEST(TextProblemTest, NamesTheFirstForbiddenCodePoint) {
  EXPECT_EQ(textProblem("Simona Bieliūnė, Шевченко, 李小龍"), std::nullopt);
  EXPECT_EQ(textProblem("\x1B]0;owned\x07"), "control character U+001B");
  EXPECT_EQ(textProblem("Eve\u202E"), "invisible control character U+202E");
  EXPECT_EQ(textProblem("\uFEFFEve"), "invisible control character U+FEFF");
  EXPECT_EQ(textProblem("Eve\u200E"), "invisible control character U+200E");
  EXPECT_EQ(textProblem("\u0645\u06CC\u200C\u0631\u200D"), std::nullopt);  // ZWNJ and ZWJ.
  EXPECT_EQ(textProblem("ab\xFF"), "invalid UTF-8");
  EXPECT_EQ(textProblem("two\r\nlines\tand a tab", TextLines::Several), std::nullopt);
  EXPECT_EQ(textProblem("two\nlines"), "control character U+000A");
  EXPECT_TRUE(hasControlCharacter("Eve\u2067"));  // What `delegate add` refuses too.
}

TEST(ForTerminalTest, EscapesEverythingThatCouldDriveOrConfuseATerminal) {
  EXPECT_EQ(forTerminal("Simona Bieliūnė\tŠevčenko\n"), "Simona Bieliūnė\tŠevčenko\n");
  EXPECT_EQ(forTerminal("\x1B]0;owned\x07\x1B[31mred\r"), "\\x1b]0;owned\\x07\\x1b[31mred\\x0d");
  EXPECT_EQ(forTerminal("a\xC2\x9B"
                        "b\u202Ec\xFF"),
            "a\\u009bb\\u202ec\\xff");
  EXPECT_EQ(forTerminal("\u0645\u06CC\u200C\u0631"), "\u0645\u06CC\u200C\u0631");
}

TEST(ForTerminalTest, KeepsTheCrLfThatEndsACsvRecordButNotALoneCr) {
  EXPECT_EQ(forTerminal("delegate_id,badge_code\r\n1,AFIGAZ76\r\n"), "delegate_id,badge_code\r\n1,AFIGAZ76\r\n");
  EXPECT_EQ(forTerminal("paid\rPAID\r"), "paid\\x0dPAID\\x0d");
}

TEST(ListForMessageTest, ShowsTenNamesCutShortAndCountsTheRest) {
  EXPECT_EQ(listForMessage(std::vector<std::string>{}), "(none)");
  EXPECT_EQ(listForMessage(std::vector<std::string>{"a", "b"}), "\"a\", \"b\"");
  std::vector<std::string> many(300, std::string(500, 'x'));
  const std::string listed = listForMessage(many);
  EXPECT_EQ(listed.substr(0, 67), "\"" + std::string(60, 'x') + "...\", ");
  EXPECT_TRUE(listed.ends_with("...\" and 290 more")) << listed;
  EXPECT_LT(listed.size(), 800u);
}

}  // namespace
}  // namespace lanyard::server::domain
