#include "domain/delegate_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

constexpr TimeUs kUsPerSecond = 1'000'000;
// 2026-05-12 07:00:00 UTC, which is 09:00 summer time in Prague.
constexpr TimeUs kMay12NineInPrague = 1'778'569'200 * kUsPerSecond;

DelegateImportOptions eventOptions() {
  DelegateImportOptions options;
  options.categories = {"delegate", "speaker", "invited_guest"};
  return options;
}

DelegateImport importOrDie(std::string_view csv, const DelegateImportOptions& options = eventOptions()) {
  absl::StatusOr<DelegateImport> result = parseDelegatesCsv(csv, options);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *std::move(result) : DelegateImport{};
}

// The error message of importing `csv`, or "" if it succeeds.
std::string importError(std::string_view csv, const DelegateImportOptions& options = eventOptions()) {
  absl::StatusOr<DelegateImport> result = parseDelegatesCsv(csv, options);
  if (result.ok()) {
    return "";
  }
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(result.status().message());
}

std::string sessionsError(std::string_view csv, std::string_view zone = "Europe/Prague") {
  absl::StatusOr<std::vector<Session>> result = parseSessionsCsv(csv, zone);
  if (result.ok()) {
    return "";
  }
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(result.status().message());
}

std::vector<std::string> refsOf(const DelegateImport& import) {
  std::vector<std::string> refs;
  for (const Delegate& delegate : import.delegates) {
    refs.push_back(delegate.externalRef);
  }
  return refs;
}

// --- Lanyard's own template ---------------------------------------------------------------

constexpr std::string_view kTemplateCsv =
    "external_ref,given_name,family_name,organisation,city,country,category,email,language,"
    "notes,status,ticket_code,sessions\n"
    "D-001,Simona,Bieliūnė,Vilnius City Municipality,Vilnius,LT,speaker,"
    "simona.bieliune@vilnius.lt,lt,,active,TCK-1,S-CHARTER|S-FINAL\n"
    "D-002,Antonín,Dvořák,Magistrát hl. m. Prahy,Praha,CZ,,antonin.dvorak@praha.eu,cs,"
    "\"Wheelchair user; needs step-free route\",,TCK-2,\n"
    "D-003,Olena,Шевченко,Lviv City Council,Lviv,UA,delegate,olena@lviv.ua,uk,,cancelled,,"
    "S-FINAL\n";

TEST(DelegateImportTest, ImportsLanyardTemplate) {
  const DelegateImport import = importOrDie(kTemplateCsv);
  ASSERT_EQ(import.delegates.size(), 3u);

  const Delegate& simona = import.delegates[0];
  EXPECT_EQ(simona.id, 0);
  EXPECT_EQ(simona.externalRef, "D-001");
  EXPECT_EQ(simona.givenName, "Simona");
  EXPECT_EQ(simona.familyName, "Bieliūnė");
  EXPECT_EQ(simona.organisation, "Vilnius City Municipality");
  EXPECT_EQ(simona.city, "Vilnius");
  EXPECT_EQ(simona.country, "LT");
  EXPECT_EQ(simona.category, "speaker");
  EXPECT_EQ(simona.email, "simona.bieliune@vilnius.lt");
  EXPECT_EQ(simona.language, "lt");
  EXPECT_EQ(simona.status, RegistrationStatus::Active);
  EXPECT_EQ(simona.externalTicketCode, "TCK-1");

  const Delegate& antonin = import.delegates[1];
  EXPECT_EQ(antonin.familyName, "Dvořák");
  EXPECT_EQ(antonin.category, "delegate");  // Empty cell -> default.
  EXPECT_EQ(antonin.notes, "Wheelchair user; needs step-free route");
  EXPECT_EQ(antonin.status, RegistrationStatus::Active);  // Empty -> active.

  const Delegate& olena = import.delegates[2];
  EXPECT_EQ(olena.familyName, "Шевченко");
  EXPECT_EQ(olena.language, "uk");
  EXPECT_EQ(olena.status, RegistrationStatus::Cancelled);
  EXPECT_EQ(olena.externalTicketCode, "");

  ASSERT_EQ(import.registrations.size(), 3u);
  EXPECT_EQ(import.registrations[0].delegateRef, "D-001");
  EXPECT_EQ(import.registrations[0].sessionRef, "S-CHARTER");
  EXPECT_EQ(import.registrations[1].sessionRef, "S-FINAL");
  EXPECT_EQ(import.registrations[2].delegateRef, "D-003");
  EXPECT_EQ(import.registrations[2].sessionRef, "S-FINAL");
}

// Delegates registered in Arabic script give their own Latin spelling, which no transliteration
// of letters without vowels could guess.
TEST(DelegateImportTest, ReadsTheDelegatesOwnLatinSpelling) {
  const DelegateImport import = importOrDie(
      "external_ref,given_name,family_name,latin_name\n"
      "D-1,محمد,درويش, Mohammad Darwish \n"
      "D-2,Jan,Novák,\n");
  ASSERT_EQ(import.delegates.size(), 2U);
  EXPECT_EQ(import.delegates[0].latinName, "Mohammad Darwish");
  EXPECT_EQ(import.delegates[1].latinName, "");
  EXPECT_THAT(import.ignoredColumns, IsEmpty());
  EXPECT_EQ(importOrDie("ID,Name,Name in Latin letters\n7,فرشته احمدی,Fereshta Ahmadi\n").delegates[0].latinName,
            "Fereshta Ahmadi");

  EXPECT_EQ(importError("external_ref,given_name,latin_name\nD-1,Hiba,Al-Masri\xff\n"),
            "line 2, column \"latin_name\": invalid UTF-8");
  EXPECT_EQ(importError("external_ref,given_name,latin_name\nD-1,Hiba," + std::string(1001, 'a') + "\n"),
            "line 2, column \"latin_name\": value is longer than 1000 bytes");
}

// The help desk's correction of a Latin spelling is kept over the registration file's, as every
// other corrected detail is, until the file says the same.
TEST(DelegateImportTest, ADeskCorrectedLatinSpellingIsKeptUntilTheFileAgrees) {
  Delegate stored;
  stored.id = 7;
  stored.givenName = "محمد";
  stored.familyName = "درويش";
  stored.latinName = "Mohammad Darwish";
  Delegate fromFile = stored;
  fromFile.id = 0;
  fromFile.latinName = "Mohamed Darwich";
  stored.correctedFields = changedFields(fromFile, stored);
  EXPECT_EQ(stored.correctedFields, static_cast<std::uint32_t>(DelegateField::LatinName));

  const ImportedDelegate kept = mergeImported(stored, fromFile);
  EXPECT_EQ(kept.delegate.latinName, "Mohammad Darwish");
  EXPECT_THAT(kept.keptCorrections, ElementsAre("latin_name"));
  fromFile.latinName = "Mohammad Darwish";
  const ImportedDelegate agreed = mergeImported(stored, fromFile);
  EXPECT_THAT(agreed.keptCorrections, IsEmpty());
  EXPECT_EQ(agreed.delegate.correctedFields, 0U);
}

TEST(DelegateImportTest, NamesTheColumnsItDoesNotReadAndRefusesARepeatedOne) {
  const DelegateImport typo = importOrDie("external_ref,given_name,famly_name,emial,\nX1,Ada,Lovelace,a@b.c,\n");
  EXPECT_THAT(typo.ignoredColumns, ElementsAre("famly_name", "emial"));
  EXPECT_EQ(typo.delegates.at(0).familyName, "");
  EXPECT_THAT(importOrDie(kTemplateCsv).ignoredColumns, IsEmpty());

  EXPECT_EQ(importError("external_ref,given_name,family_name,given_name\nX1,Ada,Lovelace,Augusta\n"),
            "line 1: column \"given_name\" appears twice (columns 2 and 4)");
}

TEST(DelegateImportTest, MatchesHeadersIgnoringCaseSeparatorsAndOrder) {
  const DelegateImport import = importOrDie(
      "\xEF\xBB\xBF E-Mail ;Family-Name;GIVEN NAME;External_Ref\r\n"
      "  jan.novak@brno.cz ;  Novák ;Jan;  B-7 \r\n");
  ASSERT_EQ(import.delegates.size(), 1u);
  EXPECT_EQ(import.delegates[0].externalRef, "B-7");
  EXPECT_EQ(import.delegates[0].givenName, "Jan");
  EXPECT_EQ(import.delegates[0].familyName, "Novák");
  EXPECT_EQ(import.delegates[0].email, "jan.novak@brno.cz");
}

TEST(DelegateImportTest, AcceptsGermanAndCzechHeaders) {
  const DelegateImport german = importOrDie(
      "ID;Vorname;Nachname;E-Mail;Firma;Stadt\n"
      "17;Jürgen;Müller;j.mueller@duesseldorf.de;Landeshauptstadt Düsseldorf;Düsseldorf\n");
  ASSERT_EQ(german.delegates.size(), 1u);
  EXPECT_EQ(german.delegates[0].externalRef, "17");
  EXPECT_EQ(german.delegates[0].givenName, "Jürgen");
  EXPECT_EQ(german.delegates[0].organisation, "Landeshauptstadt Düsseldorf");
  EXPECT_EQ(german.delegates[0].city, "Düsseldorf");

  // Upper-case non-ASCII headers are folded too ("PŘÍJMENÍ" = "Příjmení").
  const DelegateImport czech = importOrDie(
      "Jméno;PŘÍJMENÍ;E-mail;Organizace;Město\n"
      "Tereza;Černá;Tereza.Cerna@Praha.eu;Magistrát hl. m. Prahy;Praha\n");
  ASSERT_EQ(czech.delegates.size(), 1u);
  EXPECT_EQ(czech.delegates[0].givenName, "Tereza");
  EXPECT_EQ(czech.delegates[0].familyName, "Černá");
  EXPECT_EQ(czech.delegates[0].externalRef, "tereza.cerna@praha.eu");
  EXPECT_EQ(czech.delegates[0].city, "Praha");
}

// --- pretix ---------------------------------------------------------------------------------

// Header of pretix's "Order data" export, sheet "Order positions" (src/pretix/base/exporters/
// orderlist.py, iterate_positions), for an event with the given/family name scheme.
constexpr std::string_view kPretixPositionsHeader =
    "Event slug,Order code,Position ID,Status,Email,Phone number,Order date,Order time,Product,"
    "Variation,Price,Tax rate,Tax rule,Tax value,Attendee name,Attendee name: Given name,"
    "Attendee name: Family name,Attendee email,Company,Address,ZIP code,City,Country,State,"
    "Voucher,Pseudonymization ID,Ticket secret,Seat ID,Seat name,Seat zone,Seat row,Seat number,"
    "Blocked,Valid from,Valid until,Order comment,Follow-up date,Company,Invoice address name,"
    "Invoice address name: Given name,Invoice address name: Family name,Invoice address street,"
    "Invoice address ZIP code,Invoice address city,Invoice address country,Invoice address state,"
    "VAT ID,Sales channel,Order locale,E-mail address verified,External customer ID,"
    "Payment providers\n";

std::string pretixPositionsCsv() {
  return strCat(kPretixPositionsHeader,
                // Two attendees in one order, one of them with their own e-mail address.
                "integrating-cities,Q7XKM,1,paid,europe@vilnius.lt,,2026-03-02,10:14:03,Speaker ticket,,0.00,"
                "0.00,,0.00,Simona Bieliūnė,Simona,Bieliūnė,simona.bieliune@vilnius.lt,"
                "Vilnius City Municipality,Konstitucijos pr. 3,09601,Vilnius,LT,,,K9XWPL,"
                "tdmruoekvkpbv1nzarwjpx5nvas7q5jv,,,,,,,,,,,Vilniaus miesto savivaldybė,Invoice Person,"
                "Invoice,Person,,,,,,,web,lt,Yes,,banktransfer\n"
                "integrating-cities,Q7XKM,2,canceled,europe@vilnius.lt,,2026-03-02,10:14:03,Delegate,,"
                "120.00,0.00,,0.00,Тарас Шевченко,Тарас,Шевченко,,Lviv City Council,,,Lviv,UA,,,PX4Q2L,"
                "8vjkgjbsn3b2yx5xk2gn8uyqq3ceyg4b,,,,,,,,,\"Needs Ukrainian interpreter\",,"
                "Vilniaus miesto savivaldybė,,,,,,,,,,web,uk,Yes,,banktransfer\n"
                "integrating-cities,A3BCD,1,expired,jan.dvorak@praha.eu,,2026-03-05,08:00:00,Delegate,,"
                "120.00,0.00,,0.00,Jan Dvořák,Jan,Dvořák,,,,,Praha,CZ,,,ZZ81KA,"
                "aaaabbbbccccddddeeeeffffgggghhhh,,,,,,,,,,,,,,,,,,,,,web,cs,No,,\n");
}

TEST(DelegateImportTest, ImportsPretixOrderPositionsExport) {
  const DelegateImport import = importOrDie(pretixPositionsCsv());
  ASSERT_EQ(import.delegates.size(), 3u);
  EXPECT_THAT(refsOf(import), ElementsAre("Q7XKM-1", "Q7XKM-2", "A3BCD-1"));

  const Delegate& simona = import.delegates[0];
  EXPECT_EQ(simona.givenName, "Simona");
  EXPECT_EQ(simona.familyName, "Bieliūnė");
  EXPECT_EQ(simona.email, "simona.bieliune@vilnius.lt");        // The attendee's, not the order's.
  EXPECT_EQ(simona.organisation, "Vilnius City Municipality");  // First "Company" column.
  EXPECT_EQ(simona.city, "Vilnius");
  EXPECT_EQ(simona.country, "LT");
  EXPECT_EQ(simona.externalTicketCode, "tdmruoekvkpbv1nzarwjpx5nvas7q5jv");
  EXPECT_EQ(simona.language, "lt");
  EXPECT_EQ(simona.status, RegistrationStatus::Active);
  EXPECT_EQ(simona.category, "delegate");  // "Speaker ticket" is a product, not a category.

  const Delegate& taras = import.delegates[1];
  EXPECT_EQ(taras.givenName, "Тарас");
  EXPECT_EQ(taras.familyName, "Шевченко");
  EXPECT_EQ(taras.email, "europe@vilnius.lt");  // No attendee e-mail: the order's.
  EXPECT_EQ(taras.status, RegistrationStatus::Cancelled);
  EXPECT_EQ(taras.notes, "Needs Ukrainian interpreter");
  EXPECT_EQ(taras.language, "uk");

  EXPECT_EQ(import.delegates[2].status, RegistrationStatus::Cancelled);  // "expired".
  EXPECT_TRUE(import.registrations.empty());
}

// Header of pretix's "Check-in list" CSV export with "Include QR-code secret" and pending orders
// (src/pretix/plugins/checkinlists/exporters.py, CSVCheckinList.iterate_list).
constexpr std::string_view kPretixCheckInListHeader =
    "Order code,Attendee name,Attendee name: Given name,Attendee name: Family name,Product,Price,"
    "Checked in,Checked out,Automatically checked in,Paid,Secret,E-mail,Phone number,Company,"
    "Voucher code,Order date,Order time,Requires special attention,Comment,Seat ID,Seat name,"
    "Seat zone,Seat row,Seat number,Blocked,Valid from,Valid until,Address,ZIP code,City,Country,"
    "State\n";

TEST(DelegateImportTest, ImportsPretixCheckInList) {
  const DelegateImport import =
      importOrDie(strCat(kPretixCheckInListHeader,
                         "LK3PQ,Jan Łukasiewicz,Jan,Łukasiewicz,Delegate,120.00,,,No,Yes,"
                         "k2v9gq7tq5mhzdyd3n3s6bsn2wz7n5gd,jan.lukasiewicz@um.warszawa.pl,,Urząd m.st. Warszawy,,"
                         "2026-03-01,12:00:00,No,,,,,,,,,,,,Warszawa,PL,\n"
                         "M8RTV,Giulia Rossi,Giulia,Rossi,Delegate,120.00,,,No,No,"
                         "q3ckq9ux2c5fz7vnx4e8hb3z9tt4n5yb,g.rossi@comune.bologna.it,,Comune di Bologna,,"
                         "2026-03-04,09:30:00,No,,,,,,,,,,,,Bologna,IT,\n"));
  ASSERT_EQ(import.delegates.size(), 2u);
  EXPECT_THAT(refsOf(import), ElementsAre("LK3PQ", "M8RTV"));
  EXPECT_EQ(import.delegates[0].familyName, "Łukasiewicz");
  EXPECT_EQ(import.delegates[0].externalTicketCode, "k2v9gq7tq5mhzdyd3n3s6bsn2wz7n5gd");
  EXPECT_EQ(import.delegates[0].email, "jan.lukasiewicz@um.warszawa.pl");
  EXPECT_EQ(import.delegates[0].organisation, "Urząd m.st. Warszawy");
  EXPECT_EQ(import.delegates[1].city, "Bologna");
  EXPECT_EQ(import.delegates[1].category, "delegate");
}

TEST(DelegateImportTest, ExplainsPretixCheckInListWithTwoTicketsInOneOrder) {
  const std::string error =
      importError(strCat(kPretixCheckInListHeader,
                         "LK3PQ,Jan Łukasiewicz,Jan,Łukasiewicz,Delegate,120.00,,,No,Yes,secret-1\n"
                         "LK3PQ,Anna Nowak,Anna,Nowak,Delegate,120.00,,,No,Yes,secret-2\n"));
  EXPECT_THAT(error, StartsWith("line 3, column \"Order code\": duplicate external reference "
                                "\"LK3PQ\" (first on line 2); this pretix export has no "
                                "\"Position ID\" column"));
}

TEST(DelegateImportTest, SplitsPretixFullNameWhenNoNameParts) {
  const DelegateImport import = importOrDie(
      "Order code,Attendee name,Secret,E-mail\n"
      "R2D2X,Maria del Carmen Ruiz,s3cr3t,maria@example.org\n");
  ASSERT_EQ(import.delegates.size(), 1u);
  EXPECT_EQ(import.delegates[0].givenName, "Maria del Carmen");
  EXPECT_EQ(import.delegates[0].familyName, "Ruiz");
}

TEST(DelegateImportTest, JoinsPretixMiddleNameToGivenName) {
  const DelegateImport import = importOrDie(
      "Order code,Position ID,Attendee name,Attendee name: Given name,"
      "Attendee name: Middle name,Attendee name: Family name\n"
      "X1Y2Z,1,Anna Maria Nowak,Anna,Maria,Nowak\n");
  ASSERT_EQ(import.delegates.size(), 1u);
  EXPECT_EQ(import.delegates[0].givenName, "Anna Maria");
  EXPECT_EQ(import.delegates[0].familyName, "Nowak");
}

// --- Indico ---------------------------------------------------------------------------------

// Indico's registrant list CSV export (indico/modules/events/registration/util.py,
// generate_spreadsheet_from_registrations): "ID", "Name", the form's personal data fields by
// title (PersonalDataType: "First Name", "Last Name", "Email Address", "Affiliation", "Country"...)
// and the chosen static columns such as "Registration date" and "Registration state".
constexpr std::string_view kIndicoCsv =
    "ID,Name,First Name,Last Name,Email Address,Affiliation,Country,Position,Registration date,"
    "Registration state,Checked in\n"
    "1,Jan Dvořák,Jan,Dvořák,jan.dvorak@praha.eu,Magistrát hl. m. Prahy,Czechia,Deputy Mayor,"
    "2026-02-10 10:20:11.123456+01:00,Completed,False\n"
    "2,Olena Шевченко,Olena,Шевченко,olena@lviv.ua,Lviv City Council,Ukraine,,"
    "2026-02-11 09:00:00+01:00,Withdrawn,False\n"
    "4,Rasa Bieliūnė,Rasa,Bieliūnė,rasa@vilnius.lt,,Lithuania,,2026-02-12 09:00:00+01:00,"
    "Awaiting payment,False\n"
    "7,Pierre Martin,Pierre,Martin,p.martin@grenoble.fr,Ville de Grenoble,France,,"
    "2026-02-13 09:00:00+01:00,Rejected,False\n";

TEST(DelegateImportTest, ImportsIndicoRegistrants) {
  const DelegateImport import = importOrDie(kIndicoCsv);
  ASSERT_EQ(import.delegates.size(), 4u);
  EXPECT_THAT(refsOf(import), ElementsAre("1", "2", "4", "7"));
  EXPECT_EQ(import.delegates[0].givenName, "Jan");
  EXPECT_EQ(import.delegates[0].familyName, "Dvořák");
  EXPECT_EQ(import.delegates[0].email, "jan.dvorak@praha.eu");
  EXPECT_EQ(import.delegates[0].organisation, "Magistrát hl. m. Prahy");
  EXPECT_EQ(import.delegates[0].country, "Czechia");
  EXPECT_EQ(import.delegates[0].status, RegistrationStatus::Active);
  EXPECT_EQ(import.delegates[1].familyName, "Шевченко");
  EXPECT_EQ(import.delegates[1].status, RegistrationStatus::Cancelled);
  EXPECT_EQ(import.delegates[2].status, RegistrationStatus::Active);
  EXPECT_EQ(import.delegates[3].status, RegistrationStatus::Cancelled);
}

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

// --- Sessions -------------------------------------------------------------------------------

constexpr std::string_view kSessionsCsv =
    "external_ref,title,room,start,end,capacity,registration_required\n"
    "S-CHARTER,Signing of the Integrating Cities Charter,Main Hall,2026-05-12 09:00,"
    "2026-05-12 10:30,,no\n"
    "S-FINAL,Final partner meeting,Room 2.14,12.05.2026 14:00,12.05.2026 16:00,40,yes\n"
    "S-REMOTE,Remote keynote,Online,2026-05-13T07:00:00Z,2026-05-13T10:00:00+02:00,0,\n";

TEST(DelegateImportSessionsTest, ImportsSessionsInEventTime) {
  absl::StatusOr<std::vector<Session>> sessions = parseSessionsCsv(kSessionsCsv, "Europe/Prague");
  ASSERT_TRUE(sessions.ok()) << sessions.status();
  ASSERT_EQ(sessions->size(), 3u);
  const Session& charter = (*sessions)[0];
  EXPECT_EQ(charter.externalRef, "S-CHARTER");
  EXPECT_EQ(charter.title, "Signing of the Integrating Cities Charter");
  EXPECT_EQ(charter.room, "Main Hall");
  EXPECT_EQ(charter.startUs, kMay12NineInPrague);
  EXPECT_EQ(charter.endUs, kMay12NineInPrague + 90 * 60 * kUsPerSecond);
  EXPECT_EQ(charter.capacity, 0);
  EXPECT_FALSE(charter.registrationRequired);
  EXPECT_EQ(charter.id, 0);

  const Session& meeting = (*sessions)[1];
  EXPECT_EQ(meeting.startUs, kMay12NineInPrague + 5 * 3600 * kUsPerSecond);
  EXPECT_EQ(meeting.capacity, 40);
  EXPECT_TRUE(meeting.registrationRequired);

  const Session& remote = (*sessions)[2];
  EXPECT_EQ(remote.startUs, kMay12NineInPrague + 24 * 3600 * kUsPerSecond);
  EXPECT_EQ(remote.endUs, remote.startUs + 3600 * kUsPerSecond);  // Offsets win over the zone.
}

TEST(DelegateImportSessionsTest, RejectsEndNotAfterStart) {
  EXPECT_EQ(sessionsError("title,start,end\nA,2026-05-12 10:00,2026-05-12 09:00\n"),
            "line 2, column \"end\": the end (2026-05-12 09:00) is not after the start "
            "(2026-05-12 10:00)");
  EXPECT_THAT(sessionsError("title,start,end\nA,2026-05-12 09:00,2026-05-12T07:00:00Z\n"),
              HasSubstr("is not after the start"));
}

TEST(DelegateImportSessionsTest, RejectsUnparseableDateNamingTheProblem) {
  EXPECT_EQ(sessionsError("title,start,end\nA,2026-05-12 09:00,2026-05-12 10:00\n"
                          "B,2026-13-45 25:99,2026-05-12 10:00\n"),
            "line 3, column \"start\": \"2026-13-45 25:99\": month 13 is not between 1 and 12");
  EXPECT_EQ(sessionsError("title,start,end\nA,2026-03-29 02:30,2026-03-29 04:00\n"),
            "line 2, column \"start\": \"2026-03-29 02:30\": this local time does not exist in "
            "Europe/Prague (the clocks go forward then)");
  EXPECT_EQ(sessionsError("title,start,end\nA,2026-05-12 09:00,\n"), "line 2, column \"end\": missing date and time");
}

TEST(DelegateImportSessionsTest, RejectsBadCapacity) {
  for (const std::string_view bad : {"-5", "ten", "1.5", "2147483648"}) {
    EXPECT_THAT(sessionsError(strCat("title,start,end,capacity\nA,2026-05-12 09:00,"
                                     "2026-05-12 10:00,",
                                     bad, "\n")),
                StartsWith(strCat("line 2, column \"capacity\": capacity \"", bad,
                                  "\" is not a whole number from 0 to 2147483647")))
        << bad;
  }
}

TEST(DelegateImportSessionsTest, ReadsYesNoSpellings) {
  absl::StatusOr<std::vector<Session>> sessions = parseSessionsCsv(
      "title,start,end,Registration Required\n"
      "A,2026-05-12 09:00,2026-05-12 10:00,TRUE\n"
      "B,2026-05-12 09:00,2026-05-12 10:00,1\n"
      "C,2026-05-12 09:00,2026-05-12 10:00,ano\n"
      "D,2026-05-12 09:00,2026-05-12 10:00,false\n",
      "Europe/Prague");
  ASSERT_TRUE(sessions.ok()) << sessions.status();
  ASSERT_EQ(sessions->size(), 4u);
  EXPECT_TRUE((*sessions)[0].registrationRequired);
  EXPECT_TRUE((*sessions)[1].registrationRequired);
  EXPECT_TRUE((*sessions)[2].registrationRequired);
  EXPECT_FALSE((*sessions)[3].registrationRequired);
  EXPECT_EQ(sessionsError("title,start,end,registration_required\n"
                          "A,2026-05-12 09:00,2026-05-12 10:00,maybe\n"),
            "line 2, column \"registration_required\": \"maybe\" is not yes or no (also "
            "accepted: true/false, 1/0, empty)");
}

TEST(DelegateImportSessionsTest, RejectsDuplicateRefAndMissingTitle) {
  EXPECT_EQ(sessionsError("external_ref,title,start,end\n"
                          "S-1,A,2026-05-12 09:00,2026-05-12 10:00\n"
                          "S-1,B,2026-05-12 11:00,2026-05-12 12:00\n"),
            "line 3, column \"external_ref\": duplicate external reference \"S-1\" (first on "
            "line 2)");
  EXPECT_EQ(sessionsError("title,start,end\n,2026-05-12 09:00,2026-05-12 10:00\n"),
            "line 2, column \"title\": missing title");
}

TEST(DelegateImportSessionsTest, RejectsMissingHeaderAndUnknownZone) {
  EXPECT_EQ(sessionsError("title,begins,end\nA,2026-05-12 09:00,2026-05-12 10:00\n"),
            "line 1: missing required column: start; found: \"title\", \"begins\", \"end\"");
  EXPECT_THAT(sessionsError(kSessionsCsv, "Europe/Pargue"), HasSubstr("unknown time zone"));
}

TEST(DelegateImportSessionsTest, RejectsInvalidUtf8InTitle) {
  EXPECT_EQ(sessionsError("title;room;start;end\nZáv\xECre\xE8n\xE9;A;2026-05-12 09:00;"
                          "2026-05-12 10:00\n"),
            "line 2, column \"title\": invalid UTF-8");
}

}  // namespace
}  // namespace lanyard::server::domain
