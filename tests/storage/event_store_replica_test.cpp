// The replica feed on both backends: which writes move a row past a replica's cursor, the order
// rows come in, resuming mid-copy, and the sealer's material; on PostgreSQL, sealers at two servers.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "event_store_fixture.h"
#include "recording_listener.h"

namespace lanyard::server::storage {
namespace {

using domain::Delegate;
using domain::ReplicaCursor;
using domain::ReplicaSequence;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

Delegate member(const std::string& ref, const std::string& given, const std::string& family) {
  Delegate d;
  d.externalRef = ref;
  d.givenName = given;
  d.familyName = family;
  d.city = "Prague";
  d.category = "delegate";
  d.email = given + "@example.org";
  return d;
}

// An event of its own: one session, seven delegates (D1-D7, all "Family"), D1 and D2 registered
// for the session, and a kiosk.
class ReplicaTest : public EventStoreTest {
 protected:
  void SetUp() override {
    absl::StatusOr<std::string> adminToken;
    if (backend() == Backend::Sqlite) {
      m_path = m_dir.file("event.db");
      adminToken = SqliteEventStore::initialise(m_path, lanyard::testing::testEvent(), clock());
    } else {
      m_path = lanyard::testing::postgresCluster().createDatabase();
      adminToken = postgres::PostgresEventStore::initialise(m_path, lanyard::testing::testEvent(), clock());
    }
    ASSERT_TRUE(adminToken.ok()) << adminToken.status();
    reopen();
    absl::StatusOr<domain::CreatedDevice> kiosk = m_store->createDevice("kiosk-1", domain::Role::Kiosk);
    ASSERT_TRUE(kiosk.ok());
    m_kiosk = kiosk->device.id;
    domain::Session session;
    session.externalRef = "S1";
    session.title = "Opening";
    session.room = "Hall";
    session.startUs = kConferenceMorning;
    session.endUs = kConferenceMorning + 60 * kMinute;
    ASSERT_TRUE(m_store->importSessions({session}).ok());
    domain::DelegateImport data;
    for (int i = 1; i <= 7; ++i) {
      data.delegates.push_back(member("D" + std::to_string(i), "Given" + std::to_string(i), "Family"));
    }
    data.registrations = {{"S1", "D1", 0}, {"S1", "D2", 0}};
    ASSERT_TRUE(m_store->importDelegates(data).ok());
  }

  std::int64_t idOf(const std::string& ref) { return m_store->delegateByExternalRef(ref).value_or(Delegate{}).id; }

  domain::ReplicaChanges changesAfter(const ReplicaCursor& cursor, int limit = 100) {
    absl::StatusOr<domain::ReplicaChanges> changes = m_store->replicaChanges(cursor, limit);
    EXPECT_TRUE(changes.ok()) << changes.status();
    return changes.value_or(domain::ReplicaChanges{});
  }

  // Reads every page from `cursor` on; returns the cursor at the end.
  ReplicaCursor catchUp(ReplicaCursor cursor) {
    for (int page = 0; page < 100; ++page) {
      domain::ReplicaChanges changes = changesAfter(cursor);
      cursor = changes.next;
      if (changes.caughtUp) return cursor;
    }
    ADD_FAILURE() << "never caught up";
    return cursor;
  }

  // The ids of the delegates changed after `cursor`.
  std::vector<std::int64_t> changedAfter(const ReplicaCursor& cursor) {
    std::vector<std::int64_t> ids;
    for (const domain::ReplicaDelegate& d : changesAfter(cursor).delegates) ids.push_back(d.delegate.id);
    return ids;
  }

  std::int64_t newestActivity() { return newestIn(*m_store); }

  domain::CheckInCommand scan(std::int64_t delegateId, const std::string& requestId, std::int64_t sessionId = 0,
                              domain::Direction direction = domain::Direction::In) {
    domain::CheckInCommand command;
    command.deviceId = m_kiosk;
    command.requestId = requestId;
    command.scanTimeUs = m_now.load();
    command.sessionId = sessionId;
    command.direction = direction;
    command.subject = domain::subject::Badge{delegateId, 1};
    return command;
  }

  domain::BadgePrintRecord print(std::int64_t delegateId, bool success) {
    domain::BadgePrintRecord record;
    record.delegateId = delegateId;
    record.deviceId = m_kiosk;
    record.success = success;
    absl::StatusOr<domain::BadgePrintRecord> printed = m_store->recordPrint(record);
    EXPECT_TRUE(printed.ok()) << printed.status();
    return printed.value_or(record);
  }

  static domain::PreparedMaterial materialFor(const Delegate& d, const std::string& seal) {
    domain::PreparedMaterial prepared;
    prepared.delegateId = d.id;
    prepared.version = d.version;
    prepared.material.searchKeys.nameTerms = {"given"};
    prepared.material.searchKeys.affiliationTerms = {"prague"};
    prepared.material.sealedBadge = seal;
    return prepared;
  }
};
INSTANTIATE_BACKENDS(ReplicaTest);

TEST_P(ReplicaTest, AFirstCopyInPagesHoldsEveryRowOnceInChangeOrder) {
  ReplicaCursor cursor;
  std::vector<std::int64_t> delegates;
  std::vector<std::int64_t> sessions;
  std::vector<std::int64_t> sequences;
  int pages = 0;
  for (; pages < 20; ++pages) {
    domain::ReplicaChanges changes = changesAfter(cursor, 3);
    EXPECT_LE(changes.sessions.size() + changes.delegates.size(), 3U);
    for (const auto& s : changes.sessions) sessions.push_back(s.session.id);
    for (const auto& d : changes.delegates) {
      delegates.push_back(d.delegate.id);
      sequences.push_back(d.changedSequence);
    }
    cursor = changes.next;
    if (changes.caughtUp) break;
  }
  EXPECT_EQ(pages, 2) << "8 rows in pages of 3";
  EXPECT_EQ(sessions.size(), 1U);
  ASSERT_EQ(delegates.size(), 7U);
  EXPECT_TRUE(std::is_sorted(delegates.begin(), delegates.end()));
  EXPECT_EQ(std::set<std::int64_t>(delegates.begin(), delegates.end()).size(), 7U);
  // The import's rows carry the import's activity, the newest.
  for (std::int64_t sequence : sequences) EXPECT_EQ(sequence, ReplicaSequence::ofActivity(newestActivity()));

  const domain::ReplicaChanges after = changesAfter(cursor);
  EXPECT_THAT(after.delegates, IsEmpty());
  EXPECT_THAT(after.sessions, IsEmpty());
  EXPECT_TRUE(after.caughtUp);
  EXPECT_EQ(after.next, cursor);
}

TEST_P(ReplicaTest, EveryWriteAReplicaSeesMovesItsRowPastTheCursorToItsActivity) {
  const std::int64_t d1 = idOf("D1");
  const std::int64_t d2 = idOf("D2");
  const std::int64_t d3 = idOf("D3");
  ReplicaCursor cursor = catchUp({});
  const auto expectOnly = [&](std::int64_t id, const char* what) {
    const domain::ReplicaChanges changes = changesAfter(cursor);
    ASSERT_EQ(changes.delegates.size(), 1U) << what;
    EXPECT_EQ(changes.delegates[0].delegate.id, id) << what;
    EXPECT_EQ(changes.delegates[0].changedSequence, ReplicaSequence::ofActivity(newestActivity())) << what;
    cursor = changes.next;
  };

  ASSERT_EQ(outcomeOf(scan(d1, "in")), domain::CheckInOutcome::Admitted);
  expectOnly(d1, "an admission");
  ASSERT_EQ(outcomeOf(scan(d1, "out", 0, domain::Direction::Out)), domain::CheckInOutcome::CheckedOut);
  expectOnly(d1, "a check-out");
  print(d2, true);
  expectOnly(d2, "a badge printed");
  ASSERT_TRUE(m_store->cancelDelegate(d3).ok());
  expectOnly(d3, "a cancellation");
  ASSERT_TRUE(m_store->reinstateDelegate(d3).ok());
  expectOnly(d3, "a reinstatement");
  ASSERT_TRUE(m_store->reissueBadge(d2).ok());
  expectOnly(d2, "a reissue");
  Delegate corrected = m_store->delegate(d1).value();
  corrected.city = "Brno";
  ASSERT_TRUE(m_store->updateDelegate(corrected, corrected.version).ok());
  expectOnly(d1, "a correction");
  absl::StatusOr<Delegate> walkIn = m_store->createDelegate(member("", "Walk", "In"), false);
  ASSERT_TRUE(walkIn.ok()) << walkIn.status();
  expectOnly(walkIn->id, "a walk-in");

  // An import moves the rows it changes, and those whose registrations it changes, to its run.
  domain::DelegateImport data;
  for (int i = 1; i <= 7; ++i) {
    data.delegates.push_back(member("D" + std::to_string(i), "Given" + std::to_string(i), "Family"));
  }
  data.delegates[4].city = "Ostrava";                       // D5 changes.
  data.registrations = {{"S1", "D1", 0}, {"S1", "D3", 0}};  // D3 registers, D2 is dropped.
  data.listsRegistrations = true;
  // D1's file row still says Prague: the correction to Brno is kept, the row unchanged.
  ASSERT_TRUE(m_store->importDelegates(data).ok());
  domain::ReplicaChanges imported = changesAfter(cursor);
  std::vector<std::int64_t> ids;
  for (const auto& d : imported.delegates) {
    ids.push_back(d.delegate.id);
    EXPECT_EQ(d.changedSequence, ReplicaSequence::ofActivity(newestActivity()));
  }
  EXPECT_THAT(ids, ElementsAre(d2, d3, idOf("D5")));
  EXPECT_THAT(imported.delegates[0].sessionIds, IsEmpty());
  EXPECT_EQ(imported.delegates[1].sessionIds.size(), 1U);
  cursor = imported.next;

  // A session import moves its sessions.
  absl::StatusOr<std::vector<domain::SessionOccupancy>> sessions = m_store->listSessions();
  ASSERT_TRUE(sessions.ok());
  domain::Session moved = sessions->front().session;
  moved.capacity = 40;
  ASSERT_TRUE(m_store->importSessions({moved}).ok());
  const domain::ReplicaChanges sessionChanges = changesAfter(cursor);
  ASSERT_EQ(sessionChanges.sessions.size(), 1U);
  EXPECT_EQ(sessionChanges.sessions[0].session.capacity, 40);
  EXPECT_EQ(sessionChanges.sessions[0].changedSequence, ReplicaSequence::ofActivity(newestActivity()));
  EXPECT_THAT(sessionChanges.delegates, IsEmpty());
}

TEST_P(ReplicaTest, WritesThatChangeNothingAReplicaHoldsMoveNoRow) {
  const std::int64_t d1 = idOf("D1");
  ASSERT_EQ(outcomeOf(scan(d1, "in")), domain::CheckInOutcome::Admitted);
  const ReplicaCursor cursor = catchUp({});
  EXPECT_EQ(outcomeOf(scan(d1, "again")), domain::CheckInOutcome::AlreadyCheckedIn);
  print(d1, false);
  domain::KioskStatusRecord heartbeat;
  heartbeat.deviceId = m_kiosk;
  heartbeat.printerStatus = domain::PrinterStatus::Ok;
  ASSERT_TRUE(m_store->recordKioskStatus(heartbeat).ok());
  domain::DelegateImport same;
  for (int i = 1; i <= 7; ++i) {
    same.delegates.push_back(member("D" + std::to_string(i), "Given" + std::to_string(i), "Family"));
  }
  ASSERT_TRUE(m_store->importDelegates(same).ok());
  EXPECT_THAT(changedAfter(cursor), IsEmpty());
}

TEST_P(ReplicaTest, ACopyResumesFromItsCursorAndGetsRowsChangedMeanwhileAgain) {
  const domain::ReplicaChanges first = changesAfter({}, 4);  // The session and D1 to D3.
  ASSERT_FALSE(first.caughtUp);
  ASSERT_EQ(first.delegates.size(), 3U);
  const ReplicaCursor stored = first.next;
  // While the copy is halfway: a delegate it has and one it has not yet got change.
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D2")).ok());
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D6")).ok());
  reopen();  // The kiosk, or the server, restarted in between.

  std::vector<std::int64_t> rest;
  ReplicaCursor cursor = stored;
  for (int page = 0; page < 10; ++page) {
    const domain::ReplicaChanges changes = changesAfter(cursor, 2);
    for (const auto& d : changes.delegates) {
      rest.push_back(d.delegate.id);
      if (d.delegate.id == idOf("D2") || d.delegate.id == idOf("D6")) {
        EXPECT_EQ(d.delegate.status, domain::RegistrationStatus::Cancelled);
      }
    }
    cursor = changes.next;
    if (changes.caughtUp) break;
  }
  // D4, D5 and D7 as imported, then D2 and D6 in the order they changed.
  EXPECT_THAT(rest, ElementsAre(idOf("D4"), idOf("D5"), idOf("D7"), idOf("D2"), idOf("D6")));
}

TEST_P(ReplicaTest, ARowHoldsTheDelegatesOwnCheckInStateAsTheRulesReadIt) {
  const std::int64_t d1 = idOf("D1");
  const std::int64_t session = changesAfter({}).sessions.at(0).session.id;
  ASSERT_EQ(outcomeOf(scan(d1, "in")), domain::CheckInOutcome::Admitted);
  ASSERT_EQ(outcomeOf(scan(d1, "talk", session)), domain::CheckInOutcome::Admitted);
  print(d1, true);
  const domain::ReplicaChanges changes = changesAfter({});
  const auto row = std::find_if(changes.delegates.begin(), changes.delegates.end(),
                                [&](const domain::ReplicaDelegate& d) { return d.delegate.id == d1; });
  ASSERT_NE(row, changes.delegates.end());
  ASSERT_TRUE(row->checkIn.latestEntranceMove.has_value());
  EXPECT_EQ(row->checkIn.latestEntranceMove->direction, domain::Direction::In);
  EXPECT_EQ(row->checkIn.latestEntranceMove->deviceName, "kiosk-1");
  EXPECT_EQ(row->checkIn.insideSessionId, session);
  EXPECT_TRUE(row->checkIn.badgePrinted);
  EXPECT_THAT(row->sessionIds, ElementsAre(session));

  ASSERT_TRUE(m_store->reissueBadge(d1).ok());
  const domain::ReplicaChanges reissued = changesAfter(changes.next);
  ASSERT_EQ(reissued.delegates.size(), 1U);
  EXPECT_FALSE(reissued.delegates[0].checkIn.badgePrinted) << "the new badge is not printed yet";
}

// A page's state is read for all its delegates at once: each row gets its own delegate's.
TEST_P(ReplicaTest, EachRowOfAPageHoldsItsOwnDelegatesState) {
  const std::int64_t d1 = idOf("D1");
  const std::int64_t d2 = idOf("D2");
  const std::int64_t d3 = idOf("D3");
  const std::int64_t d4 = idOf("D4");
  const std::int64_t session = changesAfter({}).sessions.at(0).session.id;
  ASSERT_EQ(outcomeOf(scan(d1, "d1-in")), domain::CheckInOutcome::Admitted);
  ASSERT_EQ(outcomeOf(scan(d1, "d1-talk", session)), domain::CheckInOutcome::Admitted);
  ASSERT_EQ(outcomeOf(scan(d2, "d2-in")), domain::CheckInOutcome::Admitted);
  ASSERT_EQ(outcomeOf(scan(d2, "d2-talk", session)), domain::CheckInOutcome::Admitted);
  m_now += kMinute;
  ASSERT_EQ(outcomeOf(scan(d2, "d2-talk-out", session, domain::Direction::Out)), domain::CheckInOutcome::CheckedOut);
  ASSERT_EQ(outcomeOf(scan(d2, "d2-out", 0, domain::Direction::Out)), domain::CheckInOutcome::CheckedOut);
  print(d3, true);
  print(d4, false);

  std::map<std::int64_t, domain::ReplicaDelegate> rows;
  for (domain::ReplicaDelegate& row : changesAfter({}).delegates) rows.emplace(row.delegate.id, std::move(row));
  ASSERT_EQ(rows.size(), 7U);
  const domain::ReplicaCheckIn& one = rows[d1].checkIn;
  ASSERT_TRUE(one.latestEntranceMove.has_value());
  EXPECT_EQ(one.latestEntranceMove->direction, domain::Direction::In);
  EXPECT_EQ(one.insideSessionId, session);
  EXPECT_FALSE(one.badgePrinted);
  EXPECT_THAT(rows[d1].sessionIds, ElementsAre(session));
  const domain::ReplicaCheckIn& two = rows[d2].checkIn;
  ASSERT_TRUE(two.latestEntranceMove.has_value());
  EXPECT_EQ(two.latestEntranceMove->direction, domain::Direction::Out);
  EXPECT_EQ(two.latestEntranceMove->serverTimeUs, kConferenceMorning + kMinute);
  EXPECT_EQ(two.insideSessionId, 0) << "left the talk";
  EXPECT_THAT(rows[d2].sessionIds, ElementsAre(session));
  for (const std::int64_t id : {d3, d4, idOf("D5"), idOf("D6"), idOf("D7")}) {
    EXPECT_FALSE(rows[id].checkIn.latestEntranceMove.has_value()) << id;
    EXPECT_EQ(rows[id].checkIn.insideSessionId, 0) << id;
    EXPECT_THAT(rows[id].sessionIds, IsEmpty()) << id;
    EXPECT_EQ(rows[id].checkIn.badgePrinted, id == d3) << id;
  }
}

TEST_P(ReplicaTest, MaterialIsKeptOnlyForTheRecordItWasPreparedFrom) {
  const ReplicaCursor cursor = catchUp({});
  absl::StatusOr<std::vector<Delegate>> awaiting = m_store->delegatesAwaitingMaterial(0, 100);
  ASSERT_TRUE(awaiting.ok()) << awaiting.status();
  ASSERT_EQ(awaiting->size(), 7U);
  const Delegate d1 = awaiting->at(0);
  const Delegate d2 = awaiting->at(1);
  Delegate stale = d2;
  ASSERT_TRUE(m_store->cancelDelegate(d2.id).ok());  // After the sealer read it.
  const ReplicaCursor afterCancel = catchUp(cursor);

  absl::StatusOr<int> stored =
      m_store->storeReplicaMaterial({materialFor(d1, std::string("seal\0one", 8)), materialFor(stale, "x")});
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(*stored, 1) << "D2 changed since it was read";
  const domain::ReplicaChanges sealed = changesAfter(afterCancel);
  ASSERT_EQ(sealed.delegates.size(), 1U);
  const domain::ReplicaDelegate& row = sealed.delegates[0];
  EXPECT_EQ(row.delegate.id, d1.id);
  EXPECT_GT(row.changedSequence, ReplicaSequence::ofActivity(newestActivity())) << "no activity, yet later";
  ASSERT_TRUE(row.material.has_value());
  EXPECT_EQ(row.material->sealedBadge, std::string("seal\0one", 8));
  EXPECT_THAT(row.material->searchKeys.nameTerms, ElementsAre("given"));
  EXPECT_THAT(row.material->searchKeys.affiliationTerms, ElementsAre("prague"));
  EXPECT_EQ(m_store->delegatesAwaitingMaterial(0, 100)->front().id, d2.id);

  // A check-in after the sealer's write still comes after it.
  ASSERT_EQ(outcomeOf(scan(d1.id, "in")), domain::CheckInOutcome::Admitted);
  const domain::ReplicaChanges checkedIn = changesAfter(sealed.next);
  ASSERT_EQ(checkedIn.delegates.size(), 1U);
  EXPECT_TRUE(checkedIn.delegates[0].material.has_value()) << "a check-in keeps the material";

  // A correction of what the seal holds drops it, and the row comes again without it.
  Delegate corrected = m_store->delegate(d1.id).value();
  corrected.familyName = "Novák";
  ASSERT_TRUE(m_store->updateDelegate(corrected, corrected.version).ok());
  const domain::ReplicaChanges renamed = changesAfter(checkedIn.next);
  ASSERT_EQ(renamed.delegates.size(), 1U);
  EXPECT_FALSE(renamed.delegates[0].material.has_value());
  EXPECT_EQ(m_store->delegatesAwaitingMaterial(0, 1)->front().id, d1.id);
}

TEST_P(ReplicaTest, ACursorAheadOfTheEventFileIsRefused) {
  ReplicaCursor ahead = catchUp({});
  ahead.delegates.sequence += ReplicaSequence::ofActivity(1000);
  EXPECT_TRUE(absl::IsFailedPrecondition(m_store->replicaChanges(ahead, 10).status()));
}

// Two servers on one database, each with its own badge sealer (PostgreSQL).
class TwoServerReplicaTest : public ReplicaTest {
 protected:
  // Seals each delegate of `delegates` whose index is `first` plus a multiple of `step`, one
  // write each, at `store`; returns how many it stored.
  static int sealEach(domain::EventStore& store, const std::vector<Delegate>& delegates, std::size_t first,
                      std::size_t step) {
    int stored = 0;
    for (std::size_t i = first; i < delegates.size(); i += step) {
      absl::StatusOr<int> one = store.storeReplicaMaterial({materialFor(delegates[i], "seal")});
      EXPECT_TRUE(one.ok()) << one.status();
      stored += one.value_or(0);
    }
    return stored;
  }
};
INSTANTIATE_TEST_SUITE_P(Postgres, TwoServerReplicaTest, ::testing::Values(Backend::Postgres), backendName);

// Two sealers reading the same newest sequence would give their rows the same one: a replica that
// read the first's rows would then never get the second's below its cursor, and the stamp would
// not move for the second commit.
TEST_P(TwoServerReplicaTest, EachSealersWriteTakesItsOwnSequenceAfterEveryOther) {
  domain::DelegateImport more;
  for (int i = 1; i <= 193; ++i) more.delegates.push_back(member("E" + std::to_string(i), "Extra", "Family"));
  ASSERT_TRUE(m_store->importDelegates(more).ok());
  absl::StatusOr<std::unique_ptr<domain::EventStore>> other = openStore();
  ASSERT_TRUE(other.ok()) << other.status();
  const absl::StatusOr<std::vector<Delegate>> awaiting = m_store->delegatesAwaitingMaterial(0, 1000);
  ASSERT_TRUE(awaiting.ok()) << awaiting.status();
  ASSERT_EQ(awaiting->size(), 200U);
  const ReplicaCursor cursor = catchUp({});

  int storedHere = 0;
  int storedThere = 0;
  std::thread there([&] { storedThere = sealEach(**other, *awaiting, 1, 2); });
  storedHere = sealEach(*m_store, *awaiting, 0, 2);
  there.join();
  EXPECT_EQ(storedHere + storedThere, 200);

  const domain::ReplicaChanges sealed = changesAfter(cursor, 1000);
  ASSERT_EQ(sealed.delegates.size(), 200U);
  std::set<std::int64_t> sequences;
  for (const domain::ReplicaDelegate& row : sealed.delegates) {
    EXPECT_TRUE(row.material.has_value()) << row.delegate.id;
    sequences.insert(row.changedSequence);
  }
  EXPECT_EQ(sequences.size(), 200U) << "one sequence per write";
  const absl::StatusOr<domain::ReplicaStamp> stamp = (*other)->replicaStamp();
  ASSERT_TRUE(stamp.ok()) << stamp.status();
  EXPECT_EQ(*stamp, sealed.stamp);
  EXPECT_EQ(stamp->newestSequence, *sequences.rbegin());
}

TEST_P(TwoServerReplicaTest, MaterialAnotherServerStoredMeanwhileIsNotStoredAgain) {
  absl::StatusOr<std::unique_ptr<domain::EventStore>> other = openStore();
  ASSERT_TRUE(other.ok()) << other.status();
  const Delegate d1 = m_store->delegatesAwaitingMaterial(0, 1).value().at(0);
  const ReplicaCursor cursor = catchUp({});
  ASSERT_EQ((*other)->storeReplicaMaterial({materialFor(d1, "there")}).value_or(-1), 1);
  const ReplicaCursor sealed = catchUp(cursor);
  EXPECT_EQ(m_store->storeReplicaMaterial({materialFor(d1, "here")}).value_or(-1), 0);
  EXPECT_THAT(changedAfter(sealed), IsEmpty()) << "the row moves once";
  const domain::ReplicaChanges row = changesAfter(cursor);
  ASSERT_EQ(row.delegates.size(), 1U);
  ASSERT_TRUE(row.delegates[0].material.has_value());
  EXPECT_EQ(row.delegates[0].material->sealedBadge, "there");
}

}  // namespace
}  // namespace lanyard::server::storage
