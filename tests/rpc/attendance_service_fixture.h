#pragma once

// The fixture the AttendanceService tests share (attendance_service_*_test.cpp): a stream reader
// and a server with delegates to check in.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/kiosk_status_service.grpc.pb.h"
#include "rpc/server.h"
#include "support/all_pages.h"
#include "support/import_upload.h"
#include "support/server_fixture.h"

namespace lanyard::server::rpc {

// Everything one stream delivered, in order.
struct Received {
  std::vector<v1::AttendanceSummary> snapshots;
  std::vector<v1::Activity> activities;
  std::vector<v1::Resync> resyncs;
  std::vector<char> order;  // 's', 'a' (per activity) or 'r'.

  std::vector<std::int64_t> sequences() const {
    std::vector<std::int64_t> numbers;
    for (const v1::Activity& a : activities) numbers.push_back(a.sequence());
    return numbers;
  }
};

// first, first + 1, ..., last.
inline std::vector<std::int64_t> range(std::int64_t first, std::int64_t last) {
  std::vector<std::int64_t> numbers;
  for (std::int64_t n = first; n <= last; ++n) numbers.push_back(n);
  return numbers;
}

// One WatchAttendance call, with a deadline so a test never hangs on it.
class Stream {
 public:
  Stream(v1::AttendanceService::Stub& stub, const std::string& token, std::optional<std::int64_t> after,
         int snapshotIntervalSeconds = 0) {
    m_context.AddMetadata("authorization", "Bearer " + token);
    m_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(90));
    v1::WatchAttendanceRequest request;
    if (after) request.set_after_sequence(*after);
    request.set_snapshot_interval_seconds(snapshotIntervalSeconds);
    m_reader = stub.WatchAttendance(&m_context, request);
  }
  ~Stream() {
    if (m_finished) return;
    m_context.TryCancel();
    (void)m_reader->Finish();
  }

  // Reads one message into `into`; false when the stream ended.
  bool readOne(Received& into) {
    v1::WatchAttendanceResponse event;
    if (!m_reader->Read(&event)) return false;
    switch (event.event_case()) {
      case v1::WatchAttendanceResponse::kSnapshot:
        into.snapshots.push_back(event.snapshot());
        into.order.push_back('s');
        break;
      case v1::WatchAttendanceResponse::kActivities:
        for (const v1::Activity& a : event.activities().activities()) {
          into.activities.push_back(a);
          into.order.push_back('a');
        }
        break;
      case v1::WatchAttendanceResponse::kResync:
        into.resyncs.push_back(event.resync());
        into.order.push_back('r');
        break;
      case v1::WatchAttendanceResponse::EVENT_NOT_SET:
        break;
    }
    return true;
  }

  // Reads until an activity numbered `sequence` (or later) arrived; false if the stream ended.
  bool readThrough(std::int64_t sequence, Received& into) {
    while (into.activities.empty() || into.activities.back().sequence() < sequence) {
      if (!readOne(into)) return false;
    }
    return true;
  }

  // Call once, after a read returned false.
  grpc::Status finish() {
    m_finished = true;
    return m_reader->Finish();
  }
  grpc::ClientContext& context() { return m_context; }

 private:
  grpc::ClientContext m_context;
  std::unique_ptr<grpc::ClientReader<v1::WatchAttendanceResponse>> m_reader;
  bool m_finished = false;
};

// The shared server fixture with four delegates (D1-D4) imported, an organiser token and stubs.
class AttendanceServiceTest : public lanyard::testing::ServerFixture {
 protected:
  static constexpr char kDelegatesCsv[] =
      "external_ref,given_name,family_name,organisation,city,country,category,email,language\n"
      "D1,Antonín,Dvořák,Magistrát hlavního města Prahy,Prague,CZ,delegate,antonin@praha.example,cs\n"
      "D2,Simona,Bieliūnė,City of Vilnius,Vilnius,LT,speaker,simona.bieliune@vilnius.example,lt\n"
      "D3,Тарас,Шевченко,Kyiv City Council,Kyiv,UA,city_official,taras@kyiv.example,uk\n"
      "D4,Marie,Curie,Le Monde,Paris,FR,press,marie@lemonde.example,fr\n";
  static constexpr domain::TimeUs kMinute = 60LL * 1'000'000;

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ServerFixture::SetUp());
    m_organiserToken = tokenFor("organiser", domain::Role::Organiser);
    makeStubs();
    v1::ImportDelegatesResponse response;
    ASSERT_TRUE(lanyard::testing::importDelegates(*m_delegates, *as(m_adminToken), kDelegatesCsv, "", &response).ok());
  }

  void makeStubs() {
    m_attendance = v1::AttendanceService::NewStub(m_channel);
    m_checkIn = v1::CheckInService::NewStub(m_channel);
    m_delegates = v1::DelegateService::NewStub(m_channel);
    m_kiosks = v1::KioskStatusService::NewStub(m_channel);
  }

  // The server and the store closed and opened again on the same file, served with `options`.
  void restart(const ServerOptions& options = loopback()) {
    ServerFixture::restart(options);
    makeStubs();
  }

  std::string codeOf(const std::string& ref) {
    if (m_codes.empty()) {
      v1::ListBadgeCodesResponse codes;
      EXPECT_TRUE(lanyard::testing::allPages(v1::ListBadgeCodesRequest(), &codes, [&](const auto& request, auto* page) {
                    return m_delegates->ListBadgeCodes(as(m_adminToken).get(), request, page);
                  }).ok());
      for (const auto& entry : codes.entries()) m_codes[entry.external_ref()] = entry.badge_code();
    }
    return m_codes[ref];
  }

  std::int64_t idOf(const std::string& ref) { return m_store->delegateByExternalRef(ref)->id; }

  v1::CheckInResponse checkIn(const std::string& ref, std::int64_t sessionId = 0,
                              v1::Direction direction = v1::DIRECTION_IN) {
    v1::CheckInRequest request;
    request.set_request_id("r" + std::to_string(++m_requests));
    request.set_scan_time_us(domain::systemClock()());
    request.set_direction(direction);
    request.set_session_id(sessionId);
    request.set_code(ref.rfind("raw:", 0) == 0 ? ref.substr(4) : codeOf(ref));
    v1::CheckInResponse response;
    const grpc::Status status = m_checkIn->CheckIn(as(m_kioskToken).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  v1::AttendanceSummary summary(const std::string& token) {
    v1::GetAttendanceSummaryResponse response;
    const grpc::Status status = m_attendance->GetAttendanceSummary(as(token).get(), {}, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.summary();
  }

  std::int64_t newest() { return m_server->attendanceHub().sequence(); }

  std::int64_t addSession(const std::string& ref, std::int32_t capacity) {
    const domain::TimeUs now = domain::systemClock()();
    domain::Session s;
    s.externalRef = ref;
    s.title = "Session " + ref;
    s.room = "Room " + ref;
    s.startUs = now - 30 * kMinute;
    s.endUs = now + 60 * kMinute;
    s.capacity = capacity;
    EXPECT_TRUE(m_store->importSessions({s}).ok());
    const absl::StatusOr<std::vector<domain::SessionOccupancy>> sessions = m_store->listSessions();
    EXPECT_TRUE(sessions.ok()) << sessions.status();
    if (!sessions.ok()) return 0;
    for (const auto& occupancy : *sessions) {
      if (occupancy.session.externalRef == ref) return occupancy.session.id;
    }
    return 0;
  }

  std::unique_ptr<v1::AttendanceService::Stub> m_attendance;
  std::unique_ptr<v1::CheckInService::Stub> m_checkIn;
  std::unique_ptr<v1::DelegateService::Stub> m_delegates;
  std::unique_ptr<v1::KioskStatusService::Stub> m_kiosks;
  std::string m_organiserToken;
  std::map<std::string, std::string> m_codes;
  int m_requests = 0;
};

}  // namespace lanyard::server::rpc
