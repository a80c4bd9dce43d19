// Offline uploads through a real server on loopback: CheckIn with `offline` validated, settled
// and counted once, conflicts listed and marked seen through AttendanceService, and a badge print
// made offline recorded with its own time.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "domain/event_time.h"
#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "services_fixture.h"
#include "support/test_event.h"

namespace lanyard::server::rpc {
namespace {

constexpr domain::TimeUs kMinute = 60LL * 1'000'000;
constexpr int kMaxStepsAgo = 60;

// An instant `stepsAgo` steps before now, still today in the test event's time zone: the summary
// counts as inside only admissions of the event's current day. A step is a minute, or less just
// after midnight there.
domain::TimeUs earlierToday(int stepsAgo) {
  const domain::TimeUs now = domain::systemClock()();
  const absl::StatusOr<domain::EventTimeZone> zone = domain::EventTimeZone::create(testing::testEvent().timeZone);
  EXPECT_TRUE(zone.ok()) << zone.status();
  constexpr domain::TimeUs kDay = 24 * 60 * kMinute;
  const domain::TimeUs sinceMidnight = zone.ok() ? (now + zone->utcOffsetUs(now)) % kDay : kDay;
  EXPECT_LE(stepsAgo, kMaxStepsAgo);
  return now - stepsAgo * std::min(kMinute, sinceMidnight / (kMaxStepsAgo + 1));
}

class OfflineUploadTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    if (HasFatalFailure()) return;
    m_kiosk2Token = tokenFor("kiosk-2", domain::Role::Kiosk);
    m_attendance = v1::AttendanceService::NewStub(m_channel);
    // Cancelled delegates' codes are not listed: read them all while everyone is active.
    for (const char* ref : {"D1", "D2", "D3"}) m_codes[ref] = badgeCodeOf(ref);
  }

  // `ref`'s badge, scanned `stepsAgo` steps ago today (earlierToday) by a kiosk that decided
  // `outcome` offline.
  v1::CheckInRequest upload(const std::string& ref, const std::string& requestId, int stepsAgo,
                            v1::CheckInOutcome outcome = v1::CHECK_IN_OUTCOME_ADMITTED) {
    v1::CheckInRequest request = scanRequest(m_codes.at(ref), requestId);
    request.set_scan_time_us(earlierToday(stepsAgo));
    request.mutable_offline()->set_outcome(outcome);
    return request;
  }

  v1::CheckInResponse checkIn(const v1::CheckInRequest& request, const std::string& token) {
    v1::CheckInResponse response;
    const grpc::Status status = m_checkIn->CheckIn(as(token).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  v1::ListConflictsResponse conflicts(const std::string& token, bool unseenOnly = false) {
    v1::ListConflictsRequest request;
    request.set_unseen_only(unseenOnly);
    v1::ListConflictsResponse response;
    const grpc::Status status = m_attendance->ListConflicts(as(token).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  v1::AttendanceSummary summary() {
    v1::GetAttendanceSummaryResponse response;
    EXPECT_TRUE(m_attendance->GetAttendanceSummary(as(m_organiserToken).get(), {}, &response).ok());
    return response.summary();
  }

  std::int64_t idOf(const std::string& ref) {
    absl::StatusOr<domain::Delegate> d = m_store->delegateByExternalRef(ref);
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? d->id : 0;
  }

  void cancel(const std::string& ref) {
    v1::CancelDelegateRequest request;
    request.set_id(idOf(ref));
    v1::CancelDelegateResponse response;
    ASSERT_TRUE(m_delegates->CancelDelegate(as(m_adminToken).get(), request, &response).ok());
  }

  std::string m_kiosk2Token;
  std::map<std::string, std::string> m_codes;  // External ref -> badge code.
  std::unique_ptr<v1::AttendanceService::Stub> m_attendance;
};

TEST_F(OfflineUploadTest, AnUploadNeedsTheKiosksOutcomeFittingItsDirection) {
  v1::CheckInResponse response;
  grpc::Status status;
  v1::CheckInRequest unspecified = upload("D1", "u1", 5, v1::CHECK_IN_OUTCOME_UNSPECIFIED);
  status = m_checkIn->CheckIn(as(m_kioskToken).get(), unspecified, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "offline.outcome is required: the outcome the kiosk decided and showed");

  v1::CheckInRequest unknown = upload("D1", "u2", 5, static_cast<v1::CheckInOutcome>(99));
  status = m_checkIn->CheckIn(as(m_kioskToken).get(), unknown, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "offline.outcome 99 is not a CheckInOutcome this server knows");

  v1::CheckInRequest wrongWay = upload("D1", "u3", 5, v1::CHECK_IN_OUTCOME_CHECKED_OUT);
  status = m_checkIn->CheckIn(as(m_kioskToken).get(), wrongWay, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "offline.outcome CHECKED_OUT needs direction DIRECTION_OUT");
  EXPECT_EQ(summary().scans(), 0) << "nothing logged";
}

TEST_F(OfflineUploadTest, DoubleOfflineAdmissionAtTwoKiosksIsOneConflictInEitherOrder) {
  // D1: kiosk-1 (scanned first) uploads first; D2: kiosk-2 (scanned second) uploads first.
  EXPECT_EQ(checkIn(upload("D1", "a", 30), m_kioskToken).outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(checkIn(upload("D1", "b", 20), m_kiosk2Token).outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(checkIn(upload("D2", "c", 20), m_kiosk2Token).outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(checkIn(upload("D2", "d", 30), m_kioskToken).outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);

  const v1::ListConflictsResponse found = conflicts(m_organiserToken);
  EXPECT_EQ(found.total(), 2);
  EXPECT_EQ(found.unseen(), 2);
  ASSERT_EQ(found.conflicts_size(), 2);
  EXPECT_EQ(found.conflicts(0).delegate().family_name(), "Bieliūnė");
  EXPECT_EQ(found.conflicts(0).device_name(), "kiosk-1");
  EXPECT_EQ(found.conflicts(0).earlier_device_name(), "kiosk-2");
  EXPECT_EQ(found.conflicts(1).delegate().family_name(), "Dvořák");
  EXPECT_EQ(found.conflicts(1).device_name(), "kiosk-2");
  EXPECT_EQ(found.conflicts(1).earlier_device_name(), "kiosk-1");
  for (const v1::Conflict& c : found.conflicts()) {
    EXPECT_EQ(c.kind(), v1::CONFLICT_KIND_ADMITTED_TWICE);
    EXPECT_EQ(c.reason(), "Admitted twice: already admitted by another scan.");
    EXPECT_TRUE(c.earlier_offline());
    EXPECT_LT(c.scan_time_us(), c.upload_time_us());
  }
  const v1::AttendanceSummary s = summary();
  EXPECT_EQ(s.inside_now(), 2);
  EXPECT_EQ(s.conflicts(), 2);
  EXPECT_EQ(s.unseen_conflicts(), 2);
}

TEST_F(OfflineUploadTest, ACancelledDelegatesOfflineAdmissionKeepsThemInsideWithAConflict) {
  ASSERT_NO_FATAL_FAILURE(cancel("D3"));
  const v1::CheckInResponse response = checkIn(upload("D3", "o1", 10), m_kioskToken);
  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(summary().inside_now(), 1);
  const v1::ListConflictsResponse found = conflicts(m_organiserToken);
  ASSERT_EQ(found.conflicts_size(), 1);
  EXPECT_EQ(found.conflicts(0).kind(), v1::CONFLICT_KIND_CODE_WITHDRAWN);
  EXPECT_EQ(found.conflicts(0).kiosk_outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(found.conflicts(0).server_outcome(), v1::CHECK_IN_OUTCOME_CANCELLED);
  EXPECT_EQ(found.conflicts(0).reason(), "Admitted offline after the registration was cancelled.");
  EXPECT_EQ(found.conflicts(0).delegate().given_name(), "Тарас");
}

TEST_F(OfflineUploadTest, ASessionScanIsJudgedAtItsScanTime) {
  // A session that ended two hours ago; the kiosk scanned during it.
  const domain::TimeUs now = domain::systemClock()();
  domain::Session session;
  session.externalRef = "S1";
  session.title = "Morning plenary";
  session.room = "Hall";
  session.startUs = now - 240 * kMinute;
  session.endUs = now - 120 * kMinute;
  ASSERT_TRUE(m_store->importSessions({session}).ok());
  const std::int64_t sessionId = m_store->listSessions()->front().session.id;

  v1::CheckInRequest online = scanRequest(badgeCodeOf("D2"), "online");
  online.set_session_id(sessionId);
  EXPECT_EQ(checkIn(online, m_kioskToken).outcome(), v1::CHECK_IN_OUTCOME_OUTSIDE_TIME_WINDOW);
  v1::CheckInRequest during = upload("D1", "during", 0);
  during.set_scan_time_us(now - 180 * kMinute);  // Session scans count whatever the day.
  during.set_session_id(sessionId);
  EXPECT_EQ(checkIn(during, m_kioskToken).outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  v1::CheckInRequest after = upload("D3", "after", 0);
  after.set_scan_time_us(now - 60 * kMinute);
  after.set_session_id(sessionId);
  EXPECT_EQ(checkIn(after, m_kioskToken).outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);

  const v1::ListConflictsResponse found = conflicts(m_organiserToken);
  ASSERT_EQ(found.conflicts_size(), 1) << "only the scan after the session";
  EXPECT_EQ(found.conflicts(0).kind(), v1::CONFLICT_KIND_OUTSIDE_TIME_WINDOW);
  EXPECT_EQ(found.conflicts(0).session_title(), "Morning plenary");
  EXPECT_EQ(found.conflicts(0).delegate().id(), idOf("D3"));
}

TEST_F(OfflineUploadTest, TheKiosksRefusalStands) {
  const v1::CheckInResponse response = checkIn(upload("D1", "r1", 5, v1::CHECK_IN_OUTCOME_CANCELLED), m_kioskToken);
  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_CANCELLED);
  EXPECT_EQ(conflicts(m_organiserToken).total(), 0);
  EXPECT_EQ(summary().inside_now(), 0);
}

TEST_F(OfflineUploadTest, ConflictsAreMarkedSeenByOrganisersOnly) {
  ASSERT_NO_FATAL_FAILURE(cancel("D1"));
  checkIn(upload("D1", "o1", 10), m_kioskToken);
  const std::int64_t id = conflicts(m_organiserToken).conflicts(0).conflict_id();

  v1::MarkConflictSeenRequest request;
  request.set_conflict_id(id);
  v1::MarkConflictSeenResponse response;
  EXPECT_EQ(m_attendance->MarkConflictSeen(as(m_kioskToken).get(), request, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListConflictsResponse ignored;
  EXPECT_EQ(m_attendance->ListConflicts(as(m_kioskToken).get(), {}, &ignored).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(m_attendance->MarkConflictSeen(as(m_organiserToken).get(), request, &response).ok());
  EXPECT_EQ(response.conflict().seen_by(), "organiser");
  EXPECT_GT(response.conflict().seen_time_us(), 0);

  const v1::ListConflictsResponse after = conflicts(m_organiserToken);
  EXPECT_EQ(after.total(), 1);
  EXPECT_EQ(after.unseen(), 0);
  EXPECT_EQ(conflicts(m_organiserToken, /*unseenOnly=*/true).conflicts_size(), 0);
  EXPECT_EQ(summary().unseen_conflicts(), 0);
  EXPECT_EQ(summary().conflicts(), 1);

  request.set_conflict_id(id + 100);
  grpc::Status status = m_attendance->MarkConflictSeen(as(m_adminToken).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "conflict " + std::to_string(id + 100) + " not found");
  request.set_conflict_id(0);
  status = m_attendance->MarkConflictSeen(as(m_adminToken).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(OfflineUploadTest, TheSummaryCountsSeenConflictsAfterARestart) {
  for (const char* ref : {"D1", "D2"}) {
    ASSERT_NO_FATAL_FAILURE(cancel(ref));
    checkIn(upload(ref, std::string("o-") + ref, 10), m_kioskToken);
  }
  v1::MarkConflictSeenRequest request;
  request.set_conflict_id(conflicts(m_organiserToken).conflicts(0).conflict_id());
  v1::MarkConflictSeenResponse response;
  ASSERT_TRUE(m_attendance->MarkConflictSeen(as(m_organiserToken).get(), request, &response).ok());
  ASSERT_NO_FATAL_FAILURE(restart());
  m_attendance = v1::AttendanceService::NewStub(m_channel);
  const v1::AttendanceSummary s = summary();
  EXPECT_EQ(s.conflicts(), 2);
  EXPECT_EQ(s.unseen_conflicts(), 1);
}

TEST_F(OfflineUploadTest, ConflictsPageNewestFirst) {
  for (const char* ref : {"D1", "D2", "D3"}) {
    ASSERT_NO_FATAL_FAILURE(cancel(ref));
    checkIn(upload(ref, std::string("o-") + ref, 10), m_kioskToken);
  }
  v1::ListConflictsRequest request;
  request.set_page_size(2);
  v1::ListConflictsResponse first;
  ASSERT_TRUE(m_attendance->ListConflicts(as(m_organiserToken).get(), request, &first).ok());
  ASSERT_EQ(first.conflicts_size(), 2);
  EXPECT_EQ(first.conflicts(0).delegate().id(), idOf("D3"));
  EXPECT_EQ(first.total(), 3);
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  v1::ListConflictsResponse second;
  ASSERT_TRUE(m_attendance->ListConflicts(as(m_organiserToken).get(), request, &second).ok());
  ASSERT_EQ(second.conflicts_size(), 1);
  EXPECT_EQ(second.conflicts(0).delegate().id(), idOf("D1"));
  EXPECT_TRUE(second.next_page_token().empty());
  request.set_unseen_only(true);  // Another list: its token is refused.
  EXPECT_EQ(m_attendance->ListConflicts(as(m_organiserToken).get(), request, &second).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(OfflineUploadTest, ARetriedUploadCountsOnce) {
  ASSERT_NO_FATAL_FAILURE(cancel("D1"));
  const v1::CheckInRequest request = upload("D1", "same", 10);
  const v1::CheckInResponse first = checkIn(request, m_kioskToken);
  const v1::CheckInResponse retry = checkIn(request, m_kioskToken);
  EXPECT_EQ(retry.check_in_id(), first.check_in_id());
  EXPECT_EQ(retry.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(conflicts(m_organiserToken).total(), 1);
  EXPECT_EQ(summary().scans(), 1);
}

TEST_F(OfflineUploadTest, ABadgePrintMadeOfflineKeepsItsOwnTime) {
  const domain::TimeUs printedAt = domain::systemClock()() - 45 * kMinute;
  v1::RecordBadgePrintRequest print;
  print.set_delegate_id(idOf("D2"));
  print.set_success(true);
  print.set_printer("label");
  print.set_client_time_us(printedAt);
  v1::RecordBadgePrintResponse printed;
  ASSERT_TRUE(m_checkIn->RecordBadgePrint(as(m_kioskToken).get(), print, &printed).ok());
  absl::StatusOr<std::vector<domain::BadgePrintRecord>> prints = m_store->badgePrints(idOf("D2"), domain::Page{});
  ASSERT_TRUE(prints.ok());
  ASSERT_EQ(prints->size(), 1u);
  EXPECT_EQ(prints->front().clientTimeUs, printedAt);
  EXPECT_GT(prints->front().serverTimeUs, printedAt);
  EXPECT_EQ(summary().badges_printed(), 1);
}

// A clock the writer reads while it logs a check-in, which a test can hold still: the server has
// the request but commits only once released.
class HeldClock {
 public:
  domain::TimeUs operator()() {
    std::unique_lock lock(m_mutex);
    m_released.wait(lock, [this] { return !m_holding; });
    return domain::systemClock()();
  }
  void hold() {
    std::lock_guard lock(m_mutex);
    m_holding = true;
  }
  void release() {
    {
      std::lock_guard lock(m_mutex);
      m_holding = false;
    }
    m_released.notify_all();
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_released;
  bool m_holding = false;
};

TEST_F(OfflineUploadTest, AnUploadWhoseFirstAttemptTimedOutAfterTheServerCommittedCountsOnce) {
  ASSERT_NO_FATAL_FAILURE(cancel("D1"));
  // Serve the same file from a store whose clock the test holds.
  auto clock = std::make_shared<HeldClock>();
  stopServer();
  absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> store =
      storage::SqliteEventStore::open(eventFile(), [clock] { return (*clock)(); });
  ASSERT_TRUE(store.ok()) << store.status();
  m_store = std::move(*store);
  ASSERT_NO_FATAL_FAILURE(startServer(loopback()));
  m_checkIn = v1::CheckInService::NewStub(m_channel);
  m_attendance = v1::AttendanceService::NewStub(m_channel);
  const v1::CheckInRequest request = upload("D1", "timed-out", 10);

  clock->hold();
  auto shortDeadline = as(m_kioskToken);
  shortDeadline->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(300));
  v1::CheckInResponse lost;
  EXPECT_EQ(m_checkIn->CheckIn(shortDeadline.get(), request, &lost).error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  clock->release();
  // The server goes on and commits the request the kiosk gave up waiting for.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (m_store->checkIns(idOf("D1"), domain::Page{})->empty()) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the first attempt was never logged";
    std::this_thread::yield();
  }

  const v1::CheckInResponse retry = checkIn(request, m_kioskToken);
  EXPECT_EQ(retry.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(m_store->checkIns(idOf("D1"), domain::Page{})->size(), 1u);
  EXPECT_EQ(conflicts(m_organiserToken).total(), 1);
  EXPECT_EQ(retry.check_in_id(), m_store->checkIns(idOf("D1"), domain::Page{})->front().id);
}

}  // namespace
}  // namespace lanyard::server::rpc
