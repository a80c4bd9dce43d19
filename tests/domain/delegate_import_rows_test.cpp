// parseDelegatesCsv row by row: keys for re-imports, names, categories, languages and other values,
// bad bytes and characters, the file's shape and size.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "delegate_import_fixture.h"
#include "domain/delegate_import.h"
#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// --- Keys for re-imports ----------------------------------------------------------------------

TEST(DelegateImportTest, KeepsSameKeysWhenExportIsResortedOrEdited) {
  // The same pretix order positions exported twice: sorted differently, and with a corrected
  // name in between. Every attendee keeps their key.
  const std::string first = strCat("Order code,Position ID,Attendee name: Given name,Attendee name: Family name\n",
                                   "Q7XKM,1,Simona,Bieliune\n", "Q7XKM,2,Taras,Shevchenko\n", "A3BCD,1,Jan,Dvorak\n");
  const std::string second = strCat("Order code,Position ID,Attendee name: Given name,Attendee name: Family name\n",
                                    "A3BCD,1,Jan,Dvořák\n", "Q7XKM,2,Тарас,Шевченко\n", "Q7XKM,1,Simona,Bieliūnė\n");
  std::map<std::string, std::string> firstFamilyByRef;
  for (const Delegate& delegate : importOrDie(first).delegates) {
    firstFamilyByRef[delegate.externalRef] = delegate.familyName;
  }
  std::map<std::string, std::string> secondFamilyByRef;
  for (const Delegate& delegate : importOrDie(second).delegates) {
    secondFamilyByRef[delegate.externalRef] = delegate.familyName;
  }
  EXPECT_EQ(firstFamilyByRef, (std::map<std::string, std::string>{
                                  {"A3BCD-1", "Dvorak"}, {"Q7XKM-1", "Bieliune"}, {"Q7XKM-2", "Shevchenko"}}));
  EXPECT_EQ(secondFamilyByRef, (std::map<std::string, std::string>{
                                   {"A3BCD-1", "Dvořák"}, {"Q7XKM-1", "Bieliūnė"}, {"Q7XKM-2", "Шевченко"}}));
}

TEST(DelegateImportTest, UsesLowerCasedEmailAsKeyWithoutIdColumn) {
  const DelegateImport import = importOrDie(
      "name,email,city\n"
      "Giulia Rossi,G.Rossi@Comune.Bologna.IT,Bologna\n"
      "Madonna,madonna@example.org,\n");
  ASSERT_EQ(import.delegates.size(), 2u);
  EXPECT_EQ(import.delegates[0].externalRef, "g.rossi@comune.bologna.it");
  EXPECT_EQ(import.delegates[0].email, "G.Rossi@Comune.Bologna.IT");  // Stored as given.
  EXPECT_EQ(import.delegates[0].givenName, "Giulia");
  EXPECT_EQ(import.delegates[0].familyName, "Rossi");
  EXPECT_EQ(import.delegates[1].givenName, "Madonna");  // One word: a given name.
  EXPECT_EQ(import.delegates[1].familyName, "");
}

TEST(DelegateImportTest, RejectsRowWithoutEmailWhenEmailIsTheKey) {
  EXPECT_EQ(importError("name,email\nGiulia Rossi,g.rossi@bologna.it\nPierre Martin,\n"),
            "line 3, column \"email\": missing e-mail address (this file has no id column, so "
            "the e-mail address is the key)");
}

TEST(DelegateImportTest, RejectsDuplicateKeyFromEmailIgnoringCase) {
  EXPECT_EQ(importError("name,email\nA B,x@y.eu\nC D,X@Y.EU\n"),
            "line 3, column \"email\": duplicate external reference \"x@y.eu\" (first on line 2)");
}

TEST(DelegateImportTest, RejectsMissingExternalRef) {
  EXPECT_EQ(importError("external_ref,given_name\nD-1,Jan\n,Eva\n"),
            "line 3, column \"external_ref\": missing external reference");
}

TEST(DelegateImportTest, RejectsDuplicateExternalRef) {
  EXPECT_EQ(importError("external_ref,given_name\nD-1,Jan\nD-2,Eva\nD-1,Petr\n"),
            "line 4, column \"external_ref\": duplicate external reference \"D-1\" (first on "
            "line 2)");
}

TEST(DelegateImportTest, RejectsDuplicateTicketCode) {
  EXPECT_EQ(importError("external_ref,given_name,ticket_code\nD-1,Jan,T-9\nD-2,Eva,\nD-3,Petr,T-9\n"),
            "line 4, column \"ticket_code\": duplicate ticket code (first on line 2)");
}

// A scanner with Caps Lock on types a ticket code in the other case; the door must still tell
// whose it is, so two codes differing only in case cannot both be someone's.
TEST(DelegateImportTest, RejectsTicketCodesThatDifferOnlyInCase) {
  EXPECT_EQ(importError("external_ref,given_name,ticket_code\nD-1,Jan,AbC123xyz\nD-2,Eva,abc123XYZ\n"),
            "line 3, column \"ticket_code\": duplicate ticket code (first on line 2; ticket codes match "
            "ignoring case)");
  EXPECT_EQ(
      importOrDie("external_ref,given_name,ticket_code\nD-1,Jan,AbC123xyz\nD-2,Eva,AbC123xyz0\n").delegates.size(), 2U);
}

// --- Names, categories and other values -----------------------------------------------------

TEST(DelegateImportTest, RejectsRowWithoutAnyName) {
  EXPECT_EQ(importError("external_ref,given_name,family_name,email\nD-1,Jan,,\nD-2, , ,x@y.eu\n"),
            "line 3, column \"given_name\": missing name (a given or family name is required)");
}

TEST(DelegateImportTest, AcceptsFamilyNameAlone) {
  const DelegateImport import = importOrDie("external_ref,given_name,family_name\nD-1,,Li\n");
  ASSERT_EQ(import.delegates.size(), 1u);
  EXPECT_EQ(import.delegates[0].familyName, "Li");
}

TEST(DelegateImportTest, MatchesCategoriesIgnoringCaseSpacesAndHyphens) {
  const DelegateImport import = importOrDie(
      "external_ref,given_name,category\n"
      "D-1,A,Speaker\nD-2,B,Invited Guest\nD-3,C,invited-guest\nD-4,D,\n");
  ASSERT_EQ(import.delegates.size(), 4u);
  EXPECT_EQ(import.delegates[0].category, "speaker");
  EXPECT_EQ(import.delegates[1].category, "invited_guest");
  EXPECT_EQ(import.delegates[2].category, "invited_guest");
  EXPECT_EQ(import.delegates[3].category, "delegate");
}

TEST(DelegateImportTest, RejectsUnknownCategoryListingKnownOnes) {
  EXPECT_EQ(importError("external_ref,given_name,category\nD-1,A,speaker\nD-2,B,delegate\n"
                        "D-3,C,speaker\nD-4,D,vip\n"),
            "line 5, column \"category\": unknown category \"vip\" (known: delegate, speaker, "
            "invited_guest)");
}

TEST(DelegateImportTest, UsesDefaultCategoryWithoutCategoryColumn) {
  DelegateImportOptions options;
  options.categories = {"speaker"};
  options.defaultCategory = "participant";
  const DelegateImport import = importOrDie("external_ref,given_name\nD-1,A\n", options);
  ASSERT_EQ(import.delegates.size(), 1u);
  EXPECT_EQ(import.delegates[0].category, "participant");
  EXPECT_EQ(importError("external_ref,given_name,category\nD-1,A,Participant\nD-2,B,x\n", options),
            "line 3, column \"category\": unknown category \"x\" (known: speaker, participant)");
}

TEST(DelegateImportTest, NormalisesLanguageTags) {
  const DelegateImport import = importOrDie(
      "external_ref,given_name,language\nD-1,A,CS\nD-2,B,uk-UA\nD-3,C,pt_BR\nD-4,D,de-informal\n"
      "D-5,E,\n");
  ASSERT_EQ(import.delegates.size(), 5u);
  EXPECT_EQ(import.delegates[0].language, "cs");
  EXPECT_EQ(import.delegates[1].language, "uk");
  EXPECT_EQ(import.delegates[2].language, "pt");
  EXPECT_EQ(import.delegates[3].language, "de");
  EXPECT_EQ(import.delegates[4].language, "");
}

TEST(DelegateImportTest, RejectsGarbageLanguage) {
  for (const std::string_view bad : {"English", "c", "12", "cs-", "cs--CZ", "čj", "cs-toolongsubtag"}) {
    EXPECT_THAT(importError(strCat("external_ref,given_name,language\nD-1,A,", bad, "\n")),
                StartsWith("line 2, column \"language\": invalid language"))
        << bad;
  }
}

TEST(DelegateImportTest, RejectsUnknownStatus) {
  EXPECT_EQ(importError("external_ref,given_name,status\nD-1,A,maybe\n"),
            "line 2, column \"status\": unknown status \"maybe\" (expected active or cancelled)");
}

TEST(DelegateImportTest, UpperCasesTwoLetterCountryCodes) {
  const DelegateImport import = importOrDie("external_ref,given_name,country\nD-1,A,lt\nD-2,B,Czechia\n");
  ASSERT_EQ(import.delegates.size(), 2u);
  EXPECT_EQ(import.delegates[0].country, "LT");
  EXPECT_EQ(import.delegates[1].country, "Czechia");
}

TEST(DelegateImportTest, RejectsInvalidUtf8NamingLineAndColumn) {
  std::string csv = "external_ref,given_name,email\n";
  for (int i = 2; i < 12; ++i) {
    absl::StrAppend(&csv, "D-", i, ",Name", i, ",n", i, "@example.org\n");
  }
  absl::StrAppend(&csv, "D-12,Antonín,dvo\xF8\x61k@praha.eu\n");  // Windows-1250 ř.
  EXPECT_EQ(importError(csv), "line 12, column \"email\": invalid UTF-8");
}

TEST(DelegateImportTest, RejectsInvalidUtf8InAnyColumnEvenOneItDoesNotRead) {
  EXPECT_EQ(importError("external_ref,given_name,Custom question\nD-1,Jan,ok\nD-2,Eva,\xFF\xFE\n"),
            "line 3, column \"Custom question\": invalid UTF-8");
  // pretix: the full name is not read when the name parts are there, and is refused all the same.
  std::string csv = "Order code,Position ID,Attendee name,Attendee name: Given name,Attendee name: Family name\n";
  for (int i = 2; i <= 16; ++i) {
    absl::StrAppend(&csv, "ABC", i, ",1,", i == 5 ? "Jan Nov\xE1k" : "Jan Novak", ",Jan,Novak\n");
  }
  EXPECT_EQ(importError(csv), "line 5, column \"Attendee name\": invalid UTF-8");
}

TEST(DelegateImportTest, RefusesTerminalEscapesAndOtherControlCharactersInEveryColumn) {
  EXPECT_EQ(importError("external_ref,given_name,family_name\nD-1,Eve,\x1B]0;owned\x07\n"),
            "line 2, column \"family_name\": control character U+001B");
  EXPECT_EQ(importError("external_ref,given_name,organisation\nD-1,Eve,\x1B[31mRed\n"),
            "line 2, column \"organisation\": control character U+001B");
  EXPECT_EQ(importError(std::string("external_ref,given_name\nD-1,E\0ve\n", 31)),
            "line 2, column \"given_name\": control character U+0000");
  EXPECT_EQ(importError("external_ref,given_name,city\nD-1,Eve,\"Pra\rha\"\n"),
            "line 2, column \"city\": control character U+000D");
  EXPECT_EQ(importError("external_ref,given_name,email\nD-1,Eve,e\xC2\x9B@x.eu\n"),
            "line 2, column \"email\": control character U+009B");
  // Notes may have several lines, but no escapes either.
  EXPECT_EQ(importError("external_ref,given_name,notes\nD-1,Eve,\"step-free\r\nroute\"\n"), "");
  EXPECT_EQ(importError("external_ref,given_name,notes\nD-1,Eve,\x1B[2J\n"),
            "line 2, column \"notes\": control character U+001B");
  EXPECT_EQ(sessionsError("title,start,end\n\x1B]0;x\x07,2026-05-12 09:00,2026-05-12 10:00\n"),
            "line 2, column \"title\": control character U+001B");
}

TEST(DelegateImportTest, RefusesInvisibleFormatCharactersButKeepsJoinersNamesNeed) {
  std::string csv = "external_ref,given_name,family_name\n";
  for (int i = 2; i < 7; ++i) absl::StrAppend(&csv, "D-", i, ",Name,Family\n");
  EXPECT_EQ(importError(csv + "D-7,Eve,\u202Eevil\n"),
            "line 7, column \"family_name\": invisible control character U+202E");
  EXPECT_EQ(importError(csv + "D-7,\u2066Eve\u2069,X\n"),
            "line 7, column \"given_name\": invisible control character U+2066");
  EXPECT_EQ(importError(csv + "D-7,Eve\u200F,X\n"),
            "line 7, column \"given_name\": invisible control character U+200F");
  EXPECT_EQ(importError(csv + "D-7,Eve\u200B,X\n"),
            "line 7, column \"given_name\": invisible control character U+200B");
  // ZWNJ in Persian (می‌خواهم) and ZWJ in Malayalam are parts of real names.
  const DelegateImport ok = importOrDie(
      "external_ref,given_name,family_name\nD-1,\u0645\u06CC\u200C\u0631\u0627,"
      "\u0D28\u0D4D\u200D\n");
  ASSERT_EQ(ok.delegates.size(), 1u);
  EXPECT_EQ(ok.delegates[0].givenName, "\u0645\u06CC\u200C\u0631\u0627");
}

TEST(DelegateImportTest, RemembersTheLineOfEveryDelegate) {
  const DelegateImport import =
      importOrDie("external_ref,given_name,notes\nD-1,Jan,\nD-2,Eva,\"two\nlines\"\n\nD-3,Ola,\n");
  EXPECT_THAT(import.lines, ElementsAre(2, 3, 6));
}

TEST(DelegateImportTest, RejectsOverlongValues) {
  const std::string longName(kMaxImportFieldBytes + 1, 'a');
  EXPECT_EQ(importError(strCat("external_ref,given_name,family_name\nD-1,A,", longName, "\n")),
            "line 2, column \"family_name\": value is longer than 1000 bytes");
  const std::string notes(kMaxImportNotesBytes, 'n');
  EXPECT_EQ(importError(strCat("external_ref,given_name,notes\nD-1,A,", notes, "\n")), "");
  EXPECT_EQ(importError(strCat("external_ref,given_name,notes\nD-1,A,", notes, "x\n")),
            "line 2, column \"notes\": value is longer than 4000 bytes");
}

TEST(DelegateImportTest, RejectsFileWithoutNameColumnListingFoundHeaders) {
  EXPECT_EQ(importError("external_ref;email;City\nD-1;a@b.eu;Praha\n"),
            "line 1: missing required column: a name (given_name and/or family_name, or a full "
            "name such as \"name\" or pretix's \"Attendee name\"); found: \"external_ref\", "
            "\"email\", \"City\"");
}

TEST(DelegateImportTest, BoundsTheColumnsListedInErrorsAndSummaries) {
  std::string header = "given_name";
  for (int i = 1; i <= 300; ++i) absl::StrAppend(&header, ",Question ", i, ": ", std::string(200, 'q'));
  const std::string error = importError(header + "\nJan\n");
  EXPECT_THAT(error, StartsWith("line 1: missing required column: a key"));
  EXPECT_THAT(error, HasSubstr("\"Question 1: qqq"));
  EXPECT_THAT(error, testing::EndsWith("...\" and 291 more"));
  EXPECT_LT(error.size(), 1000u);

  const DelegateImport import = importOrDie("external_ref," + header + "\nD-1,Jan\n");
  ASSERT_EQ(import.ignoredColumns.size(), kMaxListedNames + 1);
  EXPECT_EQ(import.ignoredColumns.front(), "Question 1: " + std::string(kMaxListedNameBytes - 12, 'q') + "...");
  EXPECT_EQ(import.ignoredColumns.back(), "and 290 more");
}

TEST(DelegateImportTest, RefusesAFileWithMoreThanAThousandColumns) {
  std::string header = "external_ref,given_name";
  for (int i = 3; i <= 1001; ++i) absl::StrAppend(&header, ",c", i);
  EXPECT_EQ(importError(header + "\nD-1,Jan\n"),
            "line 1, column 1001: more than 1000 columns, the most a file may have");
  header.resize(header.rfind(','));
  EXPECT_EQ(importError(header + "\nD-1,Jan\n"), "");
}

TEST(DelegateImportTest, RejectsFileWithoutAnyKeyColumn) {
  EXPECT_THAT(importError("given_name,family_name\nJan,Novák\n"),
              StartsWith("line 1: missing required column: a key (external_ref"));
}

TEST(DelegateImportTest, PassesOnCsvErrorsWithPosition) {
  EXPECT_EQ(importError("external_ref,given_name,notes\nD-1,A,\"open\nD-2,B,x\n"),
            "line 2, column \"notes\": unterminated quoted field");
  EXPECT_EQ(importError("external_ref,given_name\nD-1,A,extra\n"),
            "line 2, column 3: the record has more fields than the header's 2");
}

TEST(DelegateImportTest, SkipsBlankRowsAndTrimsValues) {
  const DelegateImport import = importOrDie(
      "external_ref;given_name;family_name;city\n"
      ";;;\n"
      " D-1 ;\t Jan ; Novák  ;  Brno \n"
      " ; ; ; \n");
  ASSERT_EQ(import.delegates.size(), 1u);
  EXPECT_EQ(import.delegates[0].externalRef, "D-1");
  EXPECT_EQ(import.delegates[0].givenName, "Jan");
  EXPECT_EQ(import.delegates[0].familyName, "Novák");
  EXPECT_EQ(import.delegates[0].city, "Brno");
}

TEST(DelegateImportTest, SplitsSessionRefsWithoutRepeats) {
  const DelegateImport import = importOrDie("external_ref,given_name,sessions\nD-1,A, S-1 || S-2 |S-1|\nD-2,B,\n");
  ASSERT_EQ(import.registrations.size(), 2u);
  EXPECT_EQ(import.registrations[0].sessionRef, "S-1");
  EXPECT_EQ(import.registrations[1].sessionRef, "S-2");
  EXPECT_EQ(import.registrations[1].delegateRef, "D-1");
  EXPECT_TRUE(import.listsRegistrations);
  EXPECT_FALSE(importOrDie("external_ref,given_name\nD-1,A\n").listsRegistrations);
}

TEST(DelegateImportTest, MapsHundredThousandRowsAndRegistrations) {
  std::string csv =
      "external_ref,given_name,family_name,organisation,city,country,category,email,language,"
      "status,ticket_code,sessions\n";
  for (int i = 0; i < 100000; ++i) {
    absl::StrAppend(&csv, "D-", i, ",Simona,Bieliūnė,\"Vilnius City, Municipality\",Vilnius,LT,",
                    i % 10 == 0 ? "Speaker" : "delegate", ",simona", i, "@vilnius.lt,lt,active,", "TCK-", i,
                    ",S-1|S-2\n");
  }
  absl::StatusOr<DelegateImport> import = parseDelegatesCsv(csv, eventOptions());
  ASSERT_TRUE(import.ok()) << import.status();
  EXPECT_EQ(import->delegates.size(), 100000u);
  EXPECT_EQ(import->registrations.size(), 200000u);
  EXPECT_EQ(import->delegates.back().externalRef, "D-99999");
  EXPECT_EQ(import->delegates[10].category, "speaker");
}

}  // namespace
}  // namespace lanyard::server::domain
