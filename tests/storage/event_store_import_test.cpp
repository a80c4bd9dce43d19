// The EventStore's imports, on both backends: re-imports by external reference that keep the help
// desk's corrections, all or nothing, large files.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "event_store_fixture.h"
#include "storage/sqlite_event_store.h"

namespace lanyard::server::storage {
namespace {

using domain::CheckInOutcome;
using domain::Delegate;

class ImportTest : public EventStoreTest {};
INSTANTIATE_BACKENDS(ImportTest);

TEST_P(ImportTest, ReimportUpdatesByExternalReference) {
  domain::DelegateImport again;
  again.delegates = {person("D1", "Antonín", "Dvořák", "Brno"), person("D99", "New", "Person", "Oslo")};
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->updated, 1);
  EXPECT_EQ(summary->created, 1);
  EXPECT_EQ(m_store->delegate(idOf("D1"))->city, "Brno");
  summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->unchanged, 2);
  EXPECT_EQ(summary->updated, 0);
  EXPECT_EQ(searchNames("brno").size(), 1u);
}

TEST_P(ImportTest, ReimportKeepsTheHelpDesksCorrectionsUntilTheFileAgrees) {
  Delegate corrected = *m_store->delegate(idOf("D5"));
  corrected.familyName = "Łukasiewicz-Nowak";
  corrected.email = "ignacy@krakow.example";
  ASSERT_TRUE(m_store->updateDelegate(corrected, corrected.version).ok());

  // The registration system still has the old spelling and no e-mail, and a new organisation.
  domain::DelegateImport again;
  again.delegates = {person("D5", "Ignacy", "Łukasiewicz", "Kraków")};
  again.delegates[0].organisation = "Kraków City Hall";
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->updated, 1);
  ASSERT_EQ(summary->keptCorrections.size(), 1u);
  EXPECT_EQ(summary->keptCorrections[0].externalRef, "D5");
  EXPECT_EQ(summary->keptCorrections[0].columns, (std::vector<std::string_view>{"family_name", "email"}));
  reopen();
  Delegate stored = *m_store->delegate(idOf("D5"));
  EXPECT_EQ(stored.familyName, "Łukasiewicz-Nowak");
  EXPECT_EQ(stored.email, "ignacy@krakow.example");
  EXPECT_EQ(stored.organisation, "Kraków City Hall") << "a detail nobody corrected follows the file";
  EXPECT_EQ(searchNames("nowak"), std::vector<std::string>{"Łukasiewicz-Nowak"});

  // Once the file carries the corrected name, later changes in the registration system come through.
  again.delegates[0].familyName = "Łukasiewicz-Nowak";
  summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(summary->keptCorrections.size(), 1u);
  EXPECT_EQ(summary->keptCorrections[0].columns, std::vector<std::string_view>{"email"});
  again.delegates[0].familyName = "Nowak";
  summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(m_store->delegate(idOf("D5"))->familyName, "Nowak");
  EXPECT_EQ(m_store->delegate(idOf("D5"))->email, "ignacy@krakow.example");
}

TEST_P(ImportTest, ReimportKeepsACancellationOrReinstatementMadeAtTheHelpDesk) {
  // A double registration: the help desk cancels the second record; the registration system still has it.
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D7")).ok());
  domain::DelegateImport again;
  again.delegates = {person("D7", "Lisa", "Lindqvist", "Stockholm")};
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(summary->keptCorrections.size(), 1u);
  EXPECT_EQ(summary->keptCorrections[0].columns, std::vector<std::string_view>{"status"});
  EXPECT_EQ(m_store->delegate(idOf("D7"))->status, domain::RegistrationStatus::Cancelled);
  EXPECT_EQ(outcomeOf(scan("D7", "cancelled")), CheckInOutcome::Cancelled);

  // Reinstated at the desk, she stays in even though the file now says cancelled.
  absl::StatusOr<Delegate> reinstated = m_store->reinstateDelegate(idOf("D7"));
  ASSERT_TRUE(reinstated.ok()) << reinstated.status();
  EXPECT_EQ(reinstated->status, domain::RegistrationStatus::Active);
  again.delegates[0].status = domain::RegistrationStatus::Cancelled;
  summary = m_store->importDelegates(again);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(m_store->delegate(idOf("D7"))->status, domain::RegistrationStatus::Active);
  EXPECT_EQ(outcomeOf(scan("D7", "reinstated")), CheckInOutcome::Admitted);
  EXPECT_EQ(searchNames("lindqvist"), std::vector<std::string>{"Lindqvist"});
}

TEST_P(ImportTest, ReimportWithASessionsColumnDropsRegistrationsItNoLongerLists) {
  const std::int64_t morning = addSession("S1", 0, true);
  const std::int64_t afternoon = addSession("S2", 0, true);
  domain::DelegateImport first;
  first.delegates = {person("D1", "Antonín", "Dvořák", "Prague", "antonin@praha.example"),
                     person("D2", "Anna", "Müller", "Düsseldorf", "anna@duesseldorf.example")};
  first.delegates[1].externalTicketCode = "pretixsecret0001";
  first.registrations = {{"S1", "D1"}, {"S1", "D2"}, {"S2", "D2"}};
  first.listsRegistrations = true;
  ASSERT_TRUE(m_store->importDelegates(first).ok());

  // Dvořák moved to the afternoon workshop; Müller is not in this file at all.
  domain::DelegateImport moved;
  moved.delegates = {first.delegates[0]};
  moved.registrations = {{"S2", "D1"}};
  moved.listsRegistrations = true;
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(moved);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->registrations, 1);
  EXPECT_EQ(summary->registrationsDropped, 1);
  EXPECT_EQ(outcomeOf(scan("D1", "1", morning)), CheckInOutcome::NotRegistered);
  EXPECT_EQ(outcomeOf(scan("D1", "2", afternoon)), CheckInOutcome::Admitted);
  EXPECT_EQ(outcomeOf(scan("D2", "3", morning)), CheckInOutcome::Admitted) << "a delegate the file omits keeps hers";

  // A file without a sessions column leaves registrations alone.
  domain::DelegateImport namesOnly;
  namesOnly.delegates = {first.delegates[0]};
  summary = m_store->importDelegates(namesOnly);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->registrationsDropped, 0);
  EXPECT_EQ(*m_store->registeredSessionIds(idOf("D1")), std::vector<std::int64_t>{afternoon});
}

// An import reloads the search index in batches, letting searches in between: every batch must land.
TEST_P(ImportTest, ALargeImportIsSearchableInFullAndRenamesLeaveNoTrace) {
  constexpr int kCount = 4500;
  const auto family = [](int i) { return "Family" + std::to_string(10000 + i); };
  domain::DelegateImport many;
  for (int i = 0; i < kCount; ++i) {
    many.delegates.push_back(person("M" + std::to_string(i), "Given", family(i), "Oslo"));
  }
  ASSERT_TRUE(m_store->importDelegates(many).ok());
  for (const int i : {0, 1999, 2000, 2001, 3999, 4000, kCount - 1}) {
    EXPECT_EQ(searchNames(family(i)), std::vector<std::string>{family(i)}) << i;
  }

  domain::DelegateImport renamed;
  renamed.delegates = {person("M4499", "Given", "Renamed", "Oslo")};
  ASSERT_TRUE(m_store->importDelegates(renamed).ok());
  EXPECT_TRUE(searchNames(family(kCount - 1)).empty());
  EXPECT_EQ(searchNames("renamed"), std::vector<std::string>{"Renamed"});
  reopen();
  EXPECT_TRUE(searchNames(family(kCount - 1)).empty());
  EXPECT_EQ(searchNames(family(0)), std::vector<std::string>{family(0)});
}

TEST_P(ImportTest, ImportIsAllOrNothing) {
  domain::DelegateImport bad;
  bad.delegates = {person("D50", "Good", "Row", "Oslo"), person("D51", "Clashing", "Ticket", "Oslo")};
  bad.delegates[1].externalTicketCode = "pretixsecret0001";  // Already Müller's.
  bad.lines = {2, 7};
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(bad);
  EXPECT_TRUE(absl::IsAlreadyExists(summary.status())) << summary.status();
  // The file's line, as docs/importing.md promises for every import error.
  EXPECT_EQ(summary.status().message().substr(0, 8), "line 7: ") << summary.status();
  EXPECT_NE(summary.status().message().find("D51"), std::string::npos) << summary.status();
  EXPECT_TRUE(absl::IsNotFound(m_store->delegateByExternalRef("D50").status()));
}

TEST_P(ImportTest, ImportRefusesAnUnknownCategory) {
  domain::DelegateImport bad;
  bad.delegates = {person("D60", "Vera", "Important", "Oslo")};
  bad.delegates[0].category = "vip";
  absl::StatusOr<domain::ImportSummary> summary = m_store->importDelegates(bad);
  EXPECT_TRUE(absl::IsInvalidArgument(summary.status())) << summary.status();
  EXPECT_NE(summary.status().message().find("vip"), std::string::npos);
}

}  // namespace
}  // namespace lanyard::server::storage
