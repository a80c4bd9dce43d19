// AttendanceService's summary through a real in-process server: registrations, kiosks and the
// help desk, a scripted morning's figures, heartbeats.

#include <gtest/gtest.h>

#include <map>
#include <numeric>

#include "attendance_service_fixture.h"
#include "lanyard/v1/device_service.grpc.pb.h"

namespace lanyard::server::rpc {
namespace {

TEST_F(AttendanceServiceTest, AReinstatedDelegateCountsAsRegisteredAgain) {
  const int registered = summary(m_organiserToken).registered();
  v1::CancelDelegateRequest cancel;
  cancel.set_id(idOf("D4"));
  v1::CancelDelegateResponse cancelled;
  ASSERT_TRUE(m_delegates->CancelDelegate(as(m_adminToken).get(), cancel, &cancelled).ok());
  EXPECT_EQ(summary(m_organiserToken).registered(), registered - 1);

  v1::ReinstateDelegateRequest reinstate;
  reinstate.set_id(idOf("D4"));
  v1::ReinstateDelegateResponse reinstated;
  EXPECT_EQ(m_delegates->ReinstateDelegate(as(m_kioskToken).get(), reinstate, &reinstated).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(m_delegates->ReinstateDelegate(as(m_adminToken).get(), reinstate, &reinstated).ok());
  EXPECT_EQ(reinstated.delegate().status(), v1::REGISTRATION_STATUS_ACTIVE);
  const v1::AttendanceSummary after = summary(m_organiserToken);
  EXPECT_EQ(after.registered(), registered);
  EXPECT_EQ(after.cancelled(), 0);
}

// Organisers see which devices are kiosks (with heartbeats and printers) and which are the help
// desk's, and which tokens were revoked, now and after a restart.
TEST_F(AttendanceServiceTest, TheSummaryTellsKiosksFromTheHelpDeskAndMarksRevokedTokens) {
  const std::string desk = m_store->createDevice("help-desk-1", domain::Role::Desk)->token;
  auto devices = v1::DeviceService::NewStub(m_channel);
  v1::CreateTokenRequest create;
  create.set_name("kiosk-2");
  create.set_role(v1::ROLE_KIOSK);
  v1::CreateTokenResponse created;
  ASSERT_TRUE(devices->CreateToken(as(m_adminToken).get(), create, &created).ok());
  v1::CheckInRequest request;
  request.set_request_id("desk-1");
  request.set_scan_time_us(domain::systemClock()());
  request.set_direction(v1::DIRECTION_IN);
  request.set_code(codeOf("D1"));
  v1::CheckInResponse response;
  ASSERT_TRUE(m_checkIn->CheckIn(as(desk).get(), request, &response).ok());
  ASSERT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED) << response.reason();
  v1::RevokeTokenRequest revoke;
  revoke.set_name("kiosk-1");
  v1::RevokeTokenResponse revoked;
  ASSERT_TRUE(devices->RevokeToken(as(m_adminToken).get(), revoke, &revoked).ok());

  const auto describe = [](const v1::AttendanceSummary& s) {
    std::string lines;
    for (const v1::KioskAttendance& k : s.kiosks()) {
      lines += k.device_name() + " " + v1::Role_Name(k.device_role()) + (k.revoked() ? " revoked" : "") + " " +
               std::to_string(k.admitted()) + "; ";
    }
    return lines;
  };
  // By device id. kiosk-1 is listed from the hub's start; kiosk-2, made since, from its creation,
  // before it has called; the help desk's device once it acts.
  EXPECT_EQ(describe(summary(m_organiserToken)),
            "kiosk-1 ROLE_KIOSK revoked 0; help-desk-1 ROLE_DESK 1; kiosk-2 ROLE_KIOSK 0; ");
  restart();
  EXPECT_EQ(describe(summary(m_organiserToken)), "help-desk-1 ROLE_DESK 1; kiosk-2 ROLE_KIOSK 0; ")
      << "a revoked kiosk that did nothing is not listed";
}

TEST_F(AttendanceServiceTest, SummaryAddsUpAScriptedMorning) {
  const std::int64_t plenary = addSession("S1", 0);
  const std::int64_t workshop = addSession("S2", 10);
  checkIn("D1");                                   // Arrival.
  checkIn("D2");                                   // Arrival.
  checkIn("D1");                                   // Already checked in: refused.
  checkIn("D1", 0, v1::DIRECTION_OUT);             // Leaves.
  const v1::CheckInResponse back = checkIn("D1");  // Re-entry: not another arrival.
  EXPECT_TRUE(back.reentry());
  checkIn("D3", plenary);   // Straight into a session.
  checkIn("D3", workshop);  // Moves: checked out of the plenary automatically.
  checkIn("D2", plenary);
  std::string forged = codeOf("D4");
  forged[110] = forged[110] == 'Q' ? 'R' : 'Q';
  checkIn("raw:" + forged);
  v1::RecordBadgePrintRequest print;
  print.set_delegate_id(idOf("D1"));
  print.set_success(true);
  v1::RecordBadgePrintResponse printed;
  ASSERT_TRUE(m_checkIn->RecordBadgePrint(as(m_kioskToken).get(), print, &printed).ok());
  print.set_delegate_id(idOf("D2"));
  print.set_success(false);
  print.set_error("media-empty");
  ASSERT_TRUE(m_checkIn->RecordBadgePrint(as(m_kioskToken).get(), print, &printed).ok());
  v1::CancelDelegateRequest cancel;
  cancel.set_id(idOf("D4"));
  v1::CancelDelegateResponse cancelled;
  ASSERT_TRUE(m_delegates->CancelDelegate(as(m_adminToken).get(), cancel, &cancelled).ok());

  const auto check = [&](const v1::AttendanceSummary& s) {
    EXPECT_EQ(s.registered(), 3);
    EXPECT_EQ(s.cancelled(), 1);
    EXPECT_EQ(s.checked_in(), 3) << "D3 only went to sessions, but came";
    EXPECT_EQ(s.inside_now(), 2);
    EXPECT_EQ(s.no_shows(), 0);
    EXPECT_EQ(s.scans(), 9);
    EXPECT_EQ(s.refused_scans(), 2);
    EXPECT_EQ(s.forged_scans(), 1);
    EXPECT_EQ(s.badges_printed(), 1);
    EXPECT_EQ(s.print_failures(), 1);
    std::map<std::string, v1::CategoryAttendance> categories;
    for (const auto& c : s.categories()) categories[c.name()] = c;
    EXPECT_EQ(categories["delegate"].inside_now(), 1);
    EXPECT_EQ(categories["speaker"].checked_in(), 1);
    EXPECT_EQ(categories["city_official"].checked_in(), 1);
    EXPECT_EQ(categories["city_official"].inside_now(), 0);
    EXPECT_EQ(categories["press"].registered(), 0);
    ASSERT_EQ(s.sessions_size(), 2);
    std::map<std::int64_t, v1::SessionAttendance> sessions;
    for (const auto& line : s.sessions()) sessions[line.session_id()] = line;
    EXPECT_EQ(sessions[plenary].inside_now(), 1);
    EXPECT_EQ(sessions[plenary].attended(), 2);
    EXPECT_EQ(sessions[workshop].inside_now(), 1);
    EXPECT_EQ(sessions[workshop].attended(), 1);
    EXPECT_EQ(sessions[workshop].capacity(), 10);
    EXPECT_DOUBLE_EQ(sessions[workshop].fill_ratio(), 0.1);
    EXPECT_EQ(std::accumulate(s.arrivals().begin(), s.arrivals().end(), 0,
                              [](int sum, const v1::ArrivalBucket& b) { return sum + b.arrivals(); }),
              3)
        << "D1, D2, and D3 straight into a session; not D1's re-entry or D3's move";
    for (const auto& bucket : s.arrivals()) EXPECT_EQ(bucket.local_start().size(), 16u) << bucket.local_start();
    ASSERT_EQ(s.kiosks_size(), 1);
    const v1::KioskAttendance& kiosk = s.kiosks(0);
    EXPECT_EQ(kiosk.device_name(), "kiosk-1");
    EXPECT_EQ(kiosk.scans(), 9);
    EXPECT_EQ(kiosk.admitted(), 6);
    EXPECT_EQ(kiosk.prints(), 1);
    EXPECT_EQ(kiosk.print_failures(), 1);
    EXPECT_EQ(kiosk.last_print_error(), "media-empty");
    EXPECT_NE(kiosk.last_seen_time_us(), 0);
  };
  const v1::AttendanceSummary live = summary(m_organiserToken);
  SCOPED_TRACE("live");
  check(live);
  restart();
  const v1::AttendanceSummary replayed = summary(m_organiserToken);
  SCOPED_TRACE("after a restart");
  check(replayed);
  EXPECT_EQ(replayed.sequence(), live.sequence());
}

TEST_F(AttendanceServiceTest, HeartbeatsChangeTheKioskStatusAndAppearInTheFeed) {
  Stream stream(*m_attendance, m_organiserToken, std::nullopt);
  Received got;
  ASSERT_TRUE(stream.readOne(got));
  const std::int64_t start = got.snapshots[0].sequence();

  v1::HeartbeatRequest beat;
  beat.set_printer_status(v1::PRINTER_STATUS_OK);
  v1::HeartbeatResponse answer;
  ASSERT_TRUE(m_kiosks->Heartbeat(as(m_kioskToken).get(), beat, &answer).ok());
  EXPECT_TRUE(answer.logged());
  EXPECT_GT(answer.interval_seconds(), 0);
  ASSERT_TRUE(m_kiosks->Heartbeat(as(m_kioskToken).get(), beat, &answer).ok());
  EXPECT_FALSE(answer.logged()) << "nothing changed";
  beat.set_printer_status(v1::PRINTER_STATUS_PAPER_OUT);
  beat.set_detail("media-empty");
  ASSERT_TRUE(m_kiosks->Heartbeat(as(m_kioskToken).get(), beat, &answer).ok());
  EXPECT_TRUE(answer.logged());

  ASSERT_TRUE(stream.readThrough(start + 2, got));
  ASSERT_EQ(got.activities.size(), 2u) << "only the logged heartbeats are activities";
  EXPECT_EQ(got.activities[0].kind(), v1::ACTIVITY_KIND_KIOSK_STATUS);
  EXPECT_EQ(got.activities[0].kiosk_status().printer_status(), v1::PRINTER_STATUS_OK);
  EXPECT_EQ(got.activities[1].kiosk_status().printer_status(), v1::PRINTER_STATUS_PAPER_OUT);
  EXPECT_EQ(got.activities[1].kiosk_status().detail(), "media-empty");
  EXPECT_EQ(got.activities[1].device_name(), "kiosk-1");

  const v1::AttendanceSummary s = summary(m_organiserToken);
  ASSERT_EQ(s.kiosks_size(), 1);
  EXPECT_EQ(s.kiosks(0).printer_status(), v1::PRINTER_STATUS_PAPER_OUT);
  EXPECT_EQ(s.kiosks(0).printer_detail(), "media-empty");
  EXPECT_NE(s.kiosks(0).last_seen_time_us(), 0);

  EXPECT_EQ(m_kiosks->Heartbeat(as(m_organiserToken).get(), beat, &answer).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  beat.clear_printer_status();
  EXPECT_EQ(m_kiosks->Heartbeat(as(m_kioskToken).get(), beat, &answer).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace lanyard::server::rpc
