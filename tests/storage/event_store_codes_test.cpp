// The EventStore's codes and devices, on both backends: ticket codes, unknown, forged and reissued
// badges, wrong proofs, prints, device tokens; and opening the SQLite file.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "event_store_fixture.h"
#include "storage/sqlite_event_store.h"

namespace lanyard::server::storage {
namespace {

using domain::CheckInOutcome;
using domain::Delegate;

class CodesTest : public EventStoreTest {};
INSTANTIATE_BACKENDS(CodesTest);
using domain::Direction;

TEST_P(CodesTest, TicketCodeResolvesToTheDelegate) {
  domain::CheckInCommand command = scan("D1", "t");
  command.subject = domain::subject::Ticket{"pretixsecret0001"};
  absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->decision.outcome, CheckInOutcome::Admitted);
  ASSERT_TRUE(result->delegate.has_value());
  EXPECT_EQ(result->delegate->familyName, "Müller");
}

// A kiosk's scanner with Caps Lock on types an imported ticket code in the other case.
TEST_P(CodesTest, ATicketCodeMatchesWhateverItsCase) {
  domain::DelegateImport data;
  data.delegates = {person("D40", "Olena", "Koval", "Lviv")};
  data.delegates[0].externalTicketCode = "AbC123xyzQRS";
  ASSERT_TRUE(m_store->importDelegates(data).ok());

  domain::CheckInCommand command = scan("D1", "caps");
  command.subject = domain::subject::Ticket{"abc123XYZqrs"};
  absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->decision.outcome, CheckInOutcome::Admitted);
  ASSERT_TRUE(result->delegate.has_value());
  EXPECT_EQ(result->delegate->externalRef, "D40");
  absl::StatusOr<Delegate> found = m_store->delegateByTicketCode("ABC123XYZQRS");
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->externalTicketCode, "AbC123xyzQRS") << "stored as imported";

  // Another delegate cannot take the same code in another case, by import or at the desk.
  domain::DelegateImport clash;
  clash.delegates = {person("D41", "Petro", "Koval", "Lviv")};
  clash.delegates[0].externalTicketCode = "abc123xyzqrs";
  absl::StatusOr<domain::ImportSummary> refused = m_store->importDelegates(clash);
  EXPECT_TRUE(absl::IsAlreadyExists(refused.status())) << refused.status();
  EXPECT_NE(refused.status().message().find("\"D41\": the external reference, or the ticket code ignoring case, is "
                                            "already in use"),
            std::string::npos)
      << refused.status();
  Delegate d2 = *m_store->delegate(idOf("D2"));
  d2.externalTicketCode = "ABC123XYZQRS";
  EXPECT_TRUE(absl::IsAlreadyExists(m_store->updateDelegate(d2, d2.version).status()));
}

TEST_P(CodesTest, TellsTheLengthOfTheShortestTicketCode) {
  EXPECT_EQ(m_store->shortestTicketCodeLength().value_or(-1), 16) << "Müller's pretixsecret0001";
  domain::DelegateImport data;
  data.delegates = {person("D40", "Olena", "Koval", "Lviv"), person("D41", "Petro", "Koval", "Lviv")};
  data.delegates[0].externalTicketCode = "Ticket-0009";
  data.delegates[1].externalTicketCode = "Квиток-7";  // Eight characters, fourteen bytes.
  ASSERT_TRUE(m_store->importDelegates(data).ok());
  EXPECT_EQ(m_store->shortestTicketCodeLength().value_or(-1), 8);

  Delegate petro = *m_store->delegate(idOf("D41"));
  petro.externalTicketCode.clear();
  ASSERT_TRUE(m_store->updateDelegate(petro, petro.version).ok());
  EXPECT_EQ(m_store->shortestTicketCodeLength().value_or(-1), 11);
}

TEST_P(CodesTest, UnknownAndForgedCodesAreLogged) {
  domain::CheckInCommand unknown = scan("D1", "u");
  unknown.subject = domain::subject::Ticket{"no-such-ticket"};
  EXPECT_EQ(outcomeOf(unknown), CheckInOutcome::UnknownCode);
  domain::CheckInCommand forged = scan("D1", "f");
  forged.subject = domain::subject::Forged{"AAAA"};
  EXPECT_EQ(outcomeOf(forged), CheckInOutcome::ForgedCode);
  // Both requests are in the log: retrying returns the logged answer.
  absl::StatusOr<domain::CheckInResult> retry = m_store->checkIn(forged);
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->decision.outcome, CheckInOutcome::ForgedCode);
  EXPECT_GT(retry->checkInId, 0);
}

TEST_P(CodesTest, ReissuedBadgeSupersedesTheOldCode) {
  const std::int64_t id = idOf("D1");
  absl::StatusOr<Delegate> reissued = m_store->reissueBadge(id);
  ASSERT_TRUE(reissued.ok());
  EXPECT_EQ(reissued->badgeVersion, 2);
  absl::StatusOr<domain::CheckInResult> old = m_store->checkIn(scan("D1", "old"));
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ(old->decision.outcome, CheckInOutcome::SupersededCode);
  // Logged as theirs, so that the scan log tells who still carries the old badge.
  ASSERT_TRUE(old->delegate.has_value());
  EXPECT_EQ(old->delegate->id, id);
  domain::CheckInCommand fresh = scan("D1", "new");
  fresh.subject = domain::subject::Badge{id, 2};
  EXPECT_EQ(outcomeOf(fresh), CheckInOutcome::Admitted);
  domain::CheckInCommand future = scan("D1", "future");
  future.subject = domain::subject::Badge{id, 3};
  EXPECT_EQ(outcomeOf(future), CheckInOutcome::ForgedCode);
}

TEST_P(CodesTest, WrongProofsAreLoggedAndThrottled) {
  const std::int64_t id = idOf("D6");
  domain::CheckInCommand command = scan("D6", "");
  for (int attempt = 0; attempt < 5; ++attempt) {
    command.requestId = "wrong-" + std::to_string(attempt);
    command.subject = domain::subject::ByName{id, "nope", true};
    EXPECT_EQ(outcomeOf(command), CheckInOutcome::WrongProof) << attempt;
  }
  command.requestId = "right-but-throttled";
  command.subject = domain::subject::ByName{id, "simo", true};
  EXPECT_EQ(outcomeOf(command), CheckInOutcome::ProofThrottled);
  m_now += 16 * kMinute;
  command.requestId = "right-later";
  EXPECT_EQ(outcomeOf(command), CheckInOutcome::Admitted);
}

TEST_P(CodesTest, PrintedBadgeIsReportedUntilReissued) {
  const std::int64_t id = idOf("D1");
  domain::BadgePrintRecord print;
  print.delegateId = id;
  print.deviceId = m_kiosk;
  print.success = true;
  ASSERT_TRUE(m_store->recordPrint(print).ok());
  absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(scan("D1", "a"));
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->badgePrinted);
  ASSERT_TRUE(m_store->reissueBadge(id).ok());
  domain::CheckInCommand fresh = scan("D1", "b", 0, Direction::Out);
  fresh.subject = domain::subject::Badge{id, 2};
  result = m_store->checkIn(fresh);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->badgePrinted);
}

TEST_P(CodesTest, RevokedTokenStopsAuthenticatingAtOnceAndAfterRestart) {
  absl::StatusOr<domain::CreatedDevice> device = m_store->createDevice("laptop", domain::Role::Organiser);
  ASSERT_TRUE(device.ok());
  ASSERT_TRUE(m_store->authenticate(device->token).ok());
  ASSERT_TRUE(m_store->revokeDevice(std::nullopt, "laptop").ok());
  EXPECT_TRUE(absl::IsNotFound(m_store->authenticate(device->token).status()));
  reopen();
  EXPECT_TRUE(absl::IsNotFound(m_store->authenticate(device->token).status()));
  EXPECT_TRUE(m_store->authenticate(m_adminToken).ok());
}

TEST_P(CodesTest, ADevicesLastSeenSurvivesARestart) {
  const domain::TimeUs scannedAt = m_now;
  EXPECT_EQ(outcomeOf(scan("D1", "in")), CheckInOutcome::Admitted);
  m_now += 10 * kMinute;
  reopen();
  absl::StatusOr<std::vector<domain::Device>> devices = m_store->listDevices(domain::Page{});
  ASSERT_TRUE(devices.ok()) << devices.status();
  const auto kiosk = std::find_if(devices->begin(), devices->end(),
                                  [&](const domain::Device& device) { return device.id == m_kiosk; });
  ASSERT_NE(kiosk, devices->end());
  EXPECT_EQ(kiosk->lastSeenUs, scannedAt) << "its latest logged activity";
}

TEST_P(CodesTest, ANameInUseIsRefusedAndARevokedOneSaysSo) {
  ASSERT_TRUE(m_store->createDevice("kiosk-spare", domain::Role::Kiosk).ok());
  const absl::Status taken = m_store->createDevice("kiosk-spare", domain::Role::Kiosk).status();
  EXPECT_TRUE(absl::IsAlreadyExists(taken)) << taken;
  EXPECT_EQ(taken.message(), "a device named \"kiosk-spare\" already exists");
  ASSERT_TRUE(m_store->revokeDevice(std::nullopt, "kiosk-spare").ok());
  const absl::Status revoked = m_store->createDevice("kiosk-spare", domain::Role::Kiosk).status();
  EXPECT_TRUE(absl::IsAlreadyExists(revoked)) << revoked;
  EXPECT_NE(revoked.message().find("(revoked; its name stays with its log): choose another"), std::string::npos)
      << revoked;
}

TEST_P(CodesTest, LastAdminTokenCannotBeRevoked) {
  const absl::StatusOr<domain::Device> admin = m_store->authenticate(m_adminToken);
  ASSERT_TRUE(admin.ok()) << admin.status();

  const absl::StatusOr<domain::Device> refused = m_store->revokeDevice(admin->id, "");
  EXPECT_TRUE(absl::IsFailedPrecondition(refused.status())) << refused.status();
  EXPECT_TRUE(m_store->authenticate(m_adminToken).ok()) << "the refused revocation changed nothing";

  ASSERT_TRUE(m_store->createDevice("second-admin", domain::Role::Admin).ok());
  EXPECT_TRUE(m_store->revokeDevice(admin->id, "").ok()) << "another admin token remains";
  EXPECT_TRUE(absl::IsNotFound(m_store->authenticate(m_adminToken).status()));
}

TEST_P(CodesTest, DeviceNamesAreUnique) {
  absl::StatusOr<domain::CreatedDevice> clash = m_store->createDevice("kiosk-1", domain::Role::Kiosk);
  EXPECT_TRUE(absl::IsAlreadyExists(clash.status())) << clash.status();
}

TEST_P(CodesTest, InitialisingTwiceIsRefused) {
  domain::Event event = m_store->event();
  absl::StatusOr<std::string> again = backend() == Backend::Sqlite
                                          ? SqliteEventStore::initialise(m_path, event, clock())
                                          : postgres::PostgresEventStore::initialise(m_path, event, clock());
  EXPECT_TRUE(absl::IsAlreadyExists(again.status())) << again.status();
}

TEST_F(SqliteEventStoreTest, ASecondProcessCannotOpenTheSameFile) {
  absl::StatusOr<std::unique_ptr<SqliteEventStore>> second = SqliteEventStore::open(m_path, clock());
  EXPECT_TRUE(absl::IsFailedPrecondition(second.status())) << second.status();
  EXPECT_NE(second.status().message().find("in use"), std::string::npos) << second.status();
  m_store.reset();
  second = SqliteEventStore::open(m_path, clock());
  EXPECT_TRUE(second.ok()) << second.status();
}

TEST(SqliteEventStoreOpenTest, RefusesADatabaseWithoutAnEvent) {
  const lanyard::testing::TempDir dir;
  const std::string path = dir.file("empty.db");
  absl::StatusOr<std::unique_ptr<SqliteEventStore>> store = SqliteEventStore::open(path, domain::systemClock());
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
  EXPECT_NE(store.status().message().find("lanyard-server init"), std::string::npos);
  ASSERT_TRUE(Database::open(path).ok());  // An empty SQLite file: no event in it.
  store = SqliteEventStore::open(path, domain::systemClock());
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
  EXPECT_NE(store.status().message().find("holds no event"), std::string::npos) << store.status();
}

}  // namespace
}  // namespace lanyard::server::storage
