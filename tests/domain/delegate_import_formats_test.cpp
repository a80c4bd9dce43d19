// parseDelegatesCsv on the files organisers bring: Lanyard's own template (and its German and Czech
// headers), pretix's exports and Indico's registrants.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "delegate_import_fixture.h"
#include "domain/delegate_import.h"
#include "domain/str_cat.h"

namespace lanyard::server::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::StartsWith;

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

}  // namespace
}  // namespace lanyard::server::domain
