// The EventStore's offline uploads, on both backends: logged with their scan time, decided at it, the kiosk's
// admissions kept with a conflict where the server disagrees, each counted once; and the conflicts
// listed and marked seen.

#include <gtest/gtest.h>

#include "event_store_fixture.h"
#include "storage/sqlite_event_store.h"

namespace lanyard::server::storage {
namespace {

using domain::CheckInOutcome;
using domain::ConflictKind;
using domain::Direction;

class OfflineTest : public EventStoreTest {
 protected:
  // `ref`'s badge scanned at `scanTimeUs` by `device`, which decided `kiosk` offline.
  domain::CheckInCommand offline(const std::string& ref, const std::string& requestId, domain::TimeUs scanTimeUs,
                                 CheckInOutcome kiosk = CheckInOutcome::Admitted, std::int64_t sessionId = 0,
                                 std::int64_t device = 0) {
    domain::CheckInCommand command = scan(ref, requestId, sessionId);
    command.deviceId = device == 0 ? m_kiosk : device;
    command.scanTimeUs = scanTimeUs;
    command.offlineOutcome = kiosk;
    const bool out = kiosk == CheckInOutcome::CheckedOut || kiosk == CheckInOutcome::NotCheckedIn;
    command.direction = out ? Direction::Out : Direction::In;
    return command;
  }

  domain::CheckInResult checkIn(const domain::CheckInCommand& command) {
    absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : domain::CheckInResult{};
  }

  std::vector<domain::ConflictRecord> conflicts(bool unseenOnly = false) {
    absl::StatusOr<std::vector<domain::ConflictRecord>> all = m_store->listConflicts(unseenOnly, domain::Page{});
    EXPECT_TRUE(all.ok()) << all.status();
    return all.ok() ? *all : std::vector<domain::ConflictRecord>{};
  }

  // Whether `ref` is inside the venue: an entrance exit scan checks out only who is.
  bool insideVenue(const std::string& ref) {
    const bool inside = outcomeOf(scan(ref, "probe-exit-" + ref, 0, Direction::Out)) == CheckInOutcome::CheckedOut;
    return inside;
  }
};
INSTANTIATE_BACKENDS(OfflineTest);

TEST_P(OfflineTest, LogsTheScanTimeAndTheUploadTimeMarkedOffline) {
  const domain::TimeUs scanned = m_now.load();
  m_now += 90 * kMinute;  // The server comes back.
  const domain::CheckInResult result = checkIn(offline("D1", "o1", scanned));
  EXPECT_EQ(result.decision.outcome, CheckInOutcome::Admitted);
  EXPECT_EQ(result.serverTimeUs, m_now.load());
  absl::StatusOr<std::vector<domain::CheckInRecord>> records = m_store->checkIns(idOf("D1"), domain::Page{});
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].scanTimeUs, scanned);
  EXPECT_EQ((*records)[0].serverTimeUs, m_now.load());
  absl::StatusOr<std::vector<domain::Activity>> activities = m_store->activitiesAfter(0, 1000);
  ASSERT_TRUE(activities.ok());
  ASSERT_FALSE(activities->empty());
  EXPECT_TRUE(activities->back().checkIn.offline);
  EXPECT_EQ(activities->back().checkIn.scanTimeUs, scanned);
  EXPECT_TRUE(conflicts().empty());
}

TEST_P(OfflineTest, ASessionScanUploadedAfterTheSessionIsJudgedAtItsScanTime) {
  const std::int64_t session = addSession("S1", 0, false);  // 09:00 to 10:30, door until 10:45.
  const domain::TimeUs scanned = kConferenceMorning + 30 * kMinute;
  m_now = kConferenceMorning + 120 * kMinute;  // 11:00: the door is shut now.
  EXPECT_EQ(outcomeOf(scan("D2", "online-now", session)), CheckInOutcome::OutsideTimeWindow);
  const domain::CheckInResult result = checkIn(offline("D1", "o1", scanned, CheckInOutcome::Admitted, session));
  EXPECT_EQ(result.decision.outcome, CheckInOutcome::Admitted);
  EXPECT_TRUE(conflicts().empty());
}

TEST_P(OfflineTest, AScanTimeAfterNowIsJudgedNow) {
  const std::int64_t session = addSession("S1", 0, false);
  m_now = kConferenceMorning + 30 * kMinute;  // Inside the window; the kiosk's clock is hours ahead.
  const domain::CheckInResult result =
      checkIn(offline("D1", "o1", m_now.load() + 5 * 60 * kMinute, CheckInOutcome::Admitted, session));
  EXPECT_EQ(result.decision.outcome, CheckInOutcome::Admitted);
  EXPECT_TRUE(conflicts().empty());
}

TEST_P(OfflineTest, AnAdmissionOutsideTheWindowIsKeptWithAConflict) {
  const std::int64_t session = addSession("S1", 0, false);
  const domain::TimeUs scanned = kConferenceMorning + 180 * kMinute;  // 12:00, long over.
  m_now = scanned + 10 * kMinute;
  const domain::CheckInResult result = checkIn(offline("D1", "o1", scanned, CheckInOutcome::Admitted, session));
  EXPECT_EQ(result.decision.outcome, CheckInOutcome::Admitted);
  const std::vector<domain::ConflictRecord> found = conflicts();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::OutsideTimeWindow);
  EXPECT_EQ(found[0].serverOutcome, CheckInOutcome::OutsideTimeWindow);
  EXPECT_EQ(found[0].sessionId, session);
  EXPECT_EQ(found[0].sessionTitle, "Session S1");
}

TEST_P(OfflineTest, DoubleOfflineAdmissionAtTwoKiosksGivesOneConflictInEitherOrder) {
  const domain::TimeUs first = m_now.load();
  const domain::TimeUs second = first + 2 * kMinute;
  m_now += 60 * kMinute;
  // D1: kiosk-1's upload arrives first; D2: kiosk-2's does.
  checkIn(offline("D1", "k1-a", first, CheckInOutcome::Admitted, 0, m_kiosk));
  checkIn(offline("D1", "k2-a", second, CheckInOutcome::Admitted, 0, m_kiosk2));
  checkIn(offline("D2", "k2-b", second, CheckInOutcome::Admitted, 0, m_kiosk2));
  checkIn(offline("D2", "k1-b", first, CheckInOutcome::Admitted, 0, m_kiosk));
  const std::vector<domain::ConflictRecord> found = conflicts();
  ASSERT_EQ(found.size(), 2u);
  for (const domain::ConflictRecord& c : found) {
    EXPECT_EQ(c.kind, ConflictKind::AdmittedTwice);
    EXPECT_EQ(c.kioskOutcome, CheckInOutcome::Admitted);
    EXPECT_EQ(c.serverOutcome, CheckInOutcome::AlreadyCheckedIn);
    EXPECT_NE(c.earlierCheckInId, 0);
    EXPECT_TRUE(c.earlierOffline);
    EXPECT_NE(c.deviceName, c.earlierDeviceName);
  }
  // Newest first: D2's conflict, for kiosk-1's upload, refers to kiosk-2's admission, at its scan time.
  EXPECT_EQ(found[0].delegateId, idOf("D2"));
  EXPECT_EQ(found[0].deviceName, "kiosk-1");
  EXPECT_EQ(found[0].earlierDeviceName, "kiosk-2");
  EXPECT_EQ(found[0].earlierTimeUs, second);
  EXPECT_EQ(found[1].delegateId, idOf("D1"));
  EXPECT_EQ(found[1].deviceName, "kiosk-2");
  EXPECT_EQ(found[1].earlierTimeUs, first);
  EXPECT_TRUE(insideVenue("D1"));
}

TEST_P(OfflineTest, AnOfflineAdmissionAfterAnOnlineOneIsAdmittedTwice) {
  EXPECT_EQ(outcomeOf(scan("D1", "online")), CheckInOutcome::Admitted);
  m_now += 5 * kMinute;
  checkIn(offline("D1", "o1", m_now.load() - kMinute, CheckInOutcome::Admitted, 0, m_kiosk2));
  const std::vector<domain::ConflictRecord> found = conflicts();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::AdmittedTwice);
  EXPECT_FALSE(found[0].earlierOffline);
  EXPECT_EQ(found[0].earlierTimeUs, kConferenceMorning);
}

TEST_P(OfflineTest, AScanAfterAnOfflineAdmissionSaysWhenItWasScanned) {
  const domain::TimeUs scanned = m_now.load();
  m_now += 60 * kMinute;
  checkIn(offline("D1", "o1", scanned, CheckInOutcome::Admitted, 0, m_kiosk2));
  const domain::CheckInResult again = checkIn(scan("D1", "online"));
  EXPECT_EQ(again.decision.outcome, CheckInOutcome::AlreadyCheckedIn);
  ASSERT_TRUE(again.decision.previous.has_value());
  EXPECT_EQ(again.decision.previous->serverTimeUs, scanned);
  EXPECT_EQ(again.decision.previous->deviceName, "kiosk-2");
}

TEST_P(OfflineTest, ACancelledDelegateAdmittedOfflineStaysInsideWithAConflict) {
  const domain::TimeUs scanned = m_now.load();
  m_now += kMinute;
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D3")).ok());
  m_now += 30 * kMinute;
  const domain::CheckInResult result = checkIn(offline("D3", "o1", scanned));
  EXPECT_EQ(result.decision.outcome, CheckInOutcome::Admitted);
  const std::vector<domain::ConflictRecord> found = conflicts();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::CodeWithdrawn);
  EXPECT_EQ(found[0].serverOutcome, CheckInOutcome::Cancelled);
  EXPECT_EQ(found[0].givenName, "Тарас");
  EXPECT_TRUE(insideVenue("D3"));
}

TEST_P(OfflineTest, AReissuedBadgeAdmittedOfflineIsKeptWithAConflict) {
  const std::int64_t id = idOf("D4");
  ASSERT_TRUE(m_store->reissueBadge(id).ok());
  const domain::CheckInResult result = checkIn(offline("D4", "o1", m_now.load()));  // Version 1, now stale.
  EXPECT_EQ(result.decision.outcome, CheckInOutcome::Admitted);
  const std::vector<domain::ConflictRecord> found = conflicts();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::CodeWithdrawn);
  EXPECT_EQ(found[0].serverOutcome, CheckInOutcome::SupersededCode);
  EXPECT_EQ(found[0].delegateId, id);
}

TEST_P(OfflineTest, AFullSessionAndAMissingRegistrationAreConflicts) {
  const std::int64_t full = addSession("S1", 1, false);
  const std::int64_t closed = addSession("S2", 0, true);
  m_now += 10 * kMinute;
  EXPECT_EQ(outcomeOf(scan("D1", "online", full)), CheckInOutcome::Admitted);
  checkIn(offline("D2", "o1", m_now.load(), CheckInOutcome::Admitted, full));
  checkIn(offline("D3", "o2", m_now.load(), CheckInOutcome::Admitted, closed));
  const std::vector<domain::ConflictRecord> found = conflicts();
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].kind, ConflictKind::NotRegistered);
  EXPECT_EQ(found[1].kind, ConflictKind::SessionFull);
  absl::StatusOr<std::vector<domain::SessionOccupancy>> sessions = m_store->listSessions();
  ASSERT_TRUE(sessions.ok());
  for (const domain::SessionOccupancy& s : *sessions) {
    EXPECT_EQ(s.insideNow, 2 - (s.session.id == closed ? 1 : 0)) << s.session.title;  // Over capacity: 2 of 1.
  }
}

TEST_P(OfflineTest, TheKiosksRefusalStandsAsLogged) {
  const domain::CheckInResult result = checkIn(offline("D1", "o1", m_now.load(), CheckInOutcome::Cancelled));
  EXPECT_EQ(result.decision.outcome, CheckInOutcome::Cancelled);
  EXPECT_TRUE(conflicts().empty());
  EXPECT_FALSE(insideVenue("D1"));  // Sent to the help desk: not let in.
}

TEST_P(OfflineTest, AnOfflineCheckOutIsKeptLikeAnAdmission) {
  const std::int64_t session = addSession("S1", 0, false);
  EXPECT_EQ(outcomeOf(scan("D1", "in-room", session)), CheckInOutcome::Admitted);
  // kiosk-2 let D1 out of the venue offline; the server never saw them come in at the entrance.
  const domain::CheckInResult result =
      checkIn(offline("D1", "o1", m_now.load(), CheckInOutcome::CheckedOut, 0, m_kiosk2));
  EXPECT_EQ(result.decision.outcome, CheckInOutcome::CheckedOut);
  EXPECT_EQ(result.decision.leaveSessionId, session);  // Leaving the venue leaves the room too.
  const std::vector<domain::ConflictRecord> found = conflicts();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::Other);
  EXPECT_EQ(found[0].serverOutcome, CheckInOutcome::NotCheckedIn);
  absl::StatusOr<std::vector<domain::SessionOccupancy>> sessions = m_store->listSessions();
  ASSERT_TRUE(sessions.ok());
  EXPECT_EQ(sessions->front().insideNow, 0);
}

TEST_P(OfflineTest, ARetriedUploadCountsOnce) {
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D1")).ok());
  const domain::CheckInResult first = checkIn(offline("D1", "o1", m_now.load()));
  m_now += kMinute;
  const domain::CheckInResult retry = checkIn(offline("D1", "o1", m_now.load()));
  EXPECT_EQ(retry.checkInId, first.checkInId);
  EXPECT_EQ(retry.decision.outcome, CheckInOutcome::Admitted);
  EXPECT_EQ(retry.serverTimeUs, first.serverTimeUs);
  absl::StatusOr<std::vector<domain::CheckInRecord>> records = m_store->checkIns(idOf("D1"), domain::Page{});
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(records->size(), 1u);
  EXPECT_EQ(conflicts().size(), 1u);
}

TEST_P(OfflineTest, UploadedWrongProofsDoNotThrottleTheKioskNow) {
  const domain::CheckInPolicy policy;
  for (int i = 0; i <= policy.maxWrongProofsPerDevice; ++i) {
    domain::CheckInCommand typed =
        offline("D6", "wrong-" + std::to_string(i), m_now.load() - 50 * kMinute, CheckInOutcome::WrongProof);
    typed.subject = domain::subject::ByName{idOf("D6"), "nope", true};
    EXPECT_EQ(checkIn(typed).decision.outcome, CheckInOutcome::WrongProof);
  }
  domain::CheckInCommand now = scan("D6", "right");
  now.subject = domain::subject::ByName{idOf("D6"), "simo", true};
  EXPECT_EQ(outcomeOf(now), CheckInOutcome::Admitted);
}

TEST_P(OfflineTest, ConflictsAreMarkedSeenOnceAndCounted) {
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D1")).ok());
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D2")).ok());
  checkIn(offline("D1", "o1", m_now.load()));
  checkIn(offline("D2", "o2", m_now.load()));
  const std::vector<domain::ConflictRecord> all = conflicts();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_GT(all[0].id, all[1].id);  // Newest first.

  m_now += kMinute;
  absl::StatusOr<domain::CreatedDevice> organiser = m_store->createDevice("organiser-laptop", domain::Role::Organiser);
  ASSERT_TRUE(organiser.ok());
  absl::StatusOr<domain::ConflictLog::SeenMark> mark = m_store->markConflictSeen(all[1].id, organiser->device.id);
  ASSERT_TRUE(mark.ok()) << mark.status();
  EXPECT_TRUE(mark->newly);
  EXPECT_EQ(mark->conflict.seenTimeUs, m_now.load());
  EXPECT_EQ(mark->conflict.seenByDeviceName, "organiser-laptop");

  m_now += kMinute;
  absl::StatusOr<domain::ConflictLog::SeenMark> again = m_store->markConflictSeen(all[1].id, m_kiosk);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->newly);
  EXPECT_EQ(again->conflict.seenByDeviceName, "organiser-laptop");  // The first marking stays.
  EXPECT_EQ(again->conflict.seenTimeUs, m_now.load() - kMinute);

  absl::StatusOr<domain::ConflictCounts> counts = m_store->conflictCounts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->all, 2);
  EXPECT_EQ(counts->unseen, 1);
  const std::vector<domain::ConflictRecord> unseen = conflicts(/*unseenOnly=*/true);
  ASSERT_EQ(unseen.size(), 1u);
  EXPECT_EQ(unseen[0].id, all[0].id);
  EXPECT_TRUE(absl::IsNotFound(m_store->markConflictSeen(9999, m_kiosk).status()));
}

TEST_P(OfflineTest, ConflictsPageFromTheNewest) {
  for (const char* ref : {"D1", "D2", "D3"}) {
    ASSERT_TRUE(m_store->cancelDelegate(idOf(ref)).ok());
    checkIn(offline(ref, std::string("o-") + ref, m_now.load()));
  }
  absl::StatusOr<std::vector<domain::ConflictRecord>> first = m_store->listConflicts(false, domain::Page{0, 2});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 2u);
  absl::StatusOr<std::vector<domain::ConflictRecord>> rest =
      m_store->listConflicts(false, domain::Page{first->back().id, 2});
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ(rest->front().delegateId, idOf("D1"));
  EXPECT_LT(rest->front().id, first->back().id);
}

TEST_P(OfflineTest, ConflictsSurviveAReopen) {
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D1")).ok());
  checkIn(offline("D1", "o1", m_now.load()));
  reopen();
  EXPECT_EQ(conflicts().size(), 1u);
}

}  // namespace
}  // namespace lanyard::server::storage
