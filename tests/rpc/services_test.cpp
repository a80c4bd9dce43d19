#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "grpc/health/v1/health.grpc.pb.h"
#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/device_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"
#include "rpc/server.h"
#include "storage/sqlite_event_store.h"
#include "support/all_pages.h"
#include "support/import_upload.h"
#include "support/server_fixture.h"
#include "support/test_event.h"

namespace lanyard::server::rpc {
namespace {

constexpr char kDelegatesCsv[] =
    "external_ref,given_name,family_name,organisation,city,country,category,email,language\n"
    "D1,Antonín,Dvořák,Magistrát hlavního města Prahy,Prague,CZ,delegate,antonin@praha.example,cs\n"
    "D2,Simona,Bieliūnė,City of Vilnius,Vilnius,LT,speaker,simona.bieliune@vilnius.example,lt\n"
    "D3,Тарас,Шевченко,Kyiv City Council,Kyiv,UA,city_official,taras@kyiv.example,uk\n";

class ServicesTest : public lanyard::testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    m_organiserToken = tokenFor("organiser", domain::Role::Organiser);
    m_checkIn = v1::CheckInService::NewStub(m_channel);
    m_delegates = v1::DelegateService::NewStub(m_channel);
    m_devices = v1::DeviceService::NewStub(m_channel);
    m_events = v1::EventService::NewStub(m_channel);

    v1::ImportDelegatesResponse response;
    ASSERT_TRUE(importDelegates(m_adminToken, kDelegatesCsv, &response).ok());
  }

  grpc::Status importDelegates(const std::string& token, std::string_view csv, v1::ImportDelegatesResponse* response,
                               const std::string& fileName = "") {
    return lanyard::testing::importDelegates(*m_delegates, *as(token), csv, fileName, response);
  }

  std::string badgeCodeOf(const std::string& externalRef) {
    v1::ListBadgeCodesResponse codes;
    EXPECT_TRUE(lanyard::testing::allPages(v1::ListBadgeCodesRequest(), &codes, [&](const auto& request, auto* page) {
                  return m_delegates->ListBadgeCodes(as(m_adminToken).get(), request, page);
                }).ok());
    for (const auto& entry : codes.entries()) {
      if (entry.external_ref() == externalRef) return entry.badge_code();
    }
    ADD_FAILURE() << "no code for " << externalRef;
    return {};
  }

  v1::CheckInRequest scanRequest(const std::string& code, const std::string& requestId) {
    v1::CheckInRequest request;
    request.set_request_id(requestId);
    request.set_scan_time_us(1'778'569'200'000'000);
    request.set_direction(v1::DIRECTION_IN);
    request.set_code(code);
    return request;
  }

  grpc::StatusCode checkInStatus(const v1::CheckInRequest& request, const std::string& token,
                                 v1::CheckInResponse* response = nullptr) {
    v1::CheckInResponse ignored;
    return m_checkIn->CheckIn(as(token).get(), request, response != nullptr ? response : &ignored).error_code();
  }

  std::unique_ptr<v1::CheckInService::Stub> m_checkIn;
  std::unique_ptr<v1::DelegateService::Stub> m_delegates;
  std::unique_ptr<v1::DeviceService::Stub> m_devices;
  std::unique_ptr<v1::EventService::Stub> m_events;
  std::string m_organiserToken;
};

TEST_F(ServicesTest, MissingOrUnknownTokenIsUnauthenticated) {
  v1::GetEventResponse response;
  EXPECT_EQ(m_events->GetEvent(as("").get(), {}, &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(m_events->GetEvent(as("lyd_not-a-token").get(), {}, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  grpc::ClientContext basic;
  basic.AddMetadata("authorization", "Basic " + m_adminToken);
  EXPECT_EQ(m_events->GetEvent(&basic, {}, &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(m_events->GetEvent(as(m_kioskToken).get(), {}, &response).ok());
}

TEST_F(ServicesTest, WrongRoleIsPermissionDenied) {
  v1::ImportDelegatesResponse imported;
  EXPECT_EQ(importDelegates(m_kioskToken, kDelegatesCsv, &imported).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(importDelegates(m_organiserToken, kDelegatesCsv, &imported).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(checkInStatus(scanRequest(badgeCodeOf("D1"), "r"), m_organiserToken), grpc::StatusCode::PERMISSION_DENIED);
  v1::GetDelegateRequest get;
  get.set_id(1);
  v1::GetDelegateResponse delegate;
  EXPECT_EQ(m_delegates->GetDelegate(as(m_kioskToken).get(), get, &delegate).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(m_delegates->GetDelegate(as(m_organiserToken).get(), get, &delegate).ok());
  v1::CreateTokenRequest token;
  token.set_name("x");
  token.set_role(v1::ROLE_ADMIN);
  v1::CreateTokenResponse created;
  EXPECT_EQ(m_devices->CreateToken(as(m_organiserToken).get(), token, &created).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// The help desk handles the exceptions (walk-ins, corrections, cancellations, lost badges,
// codes that will not scan) with a token of its own, and may do nothing an admin keeps for itself.
TEST_F(ServicesTest, TheHelpDeskHandlesExceptionsAndNothingElse) {
  v1::CreateTokenRequest token;
  token.set_name("help-desk-1");
  token.set_role(v1::ROLE_DESK);
  v1::CreateTokenResponse desk;
  ASSERT_TRUE(m_devices->CreateToken(as(m_adminToken).get(), token, &desk).ok());
  EXPECT_EQ(desk.device().role(), v1::ROLE_DESK);
  v1::GetEventResponse event;
  ASSERT_TRUE(m_events->GetEvent(as(desk.token()).get(), {}, &event).ok());
  EXPECT_EQ(event.device_role(), v1::ROLE_DESK);

  v1::SearchDelegatesRequest search;
  search.set_query("dvorak");
  v1::SearchDelegatesResponse found;
  ASSERT_TRUE(m_checkIn->SearchDelegates(as(desk.token()).get(), search, &found).ok());
  ASSERT_EQ(found.results_size(), 1);
  EXPECT_EQ(found.results(0).delegate().email(), "antonin@praha.example");
  EXPECT_EQ(found.results(0).delegate().badge_code(), badgeCodeOf("D1"));

  v1::CreateDelegateRequest create;
  create.mutable_delegate()->set_given_name("Walk");
  create.mutable_delegate()->set_family_name("Inn");
  create.mutable_delegate()->set_category("delegate");
  v1::CreateDelegateResponse created;
  ASSERT_TRUE(m_delegates->CreateDelegate(as(desk.token()).get(), create, &created).ok());
  EXPECT_FALSE(created.delegate().badge_code().empty());
  v1::UpdateDelegateRequest correct;
  *correct.mutable_delegate() = created.delegate();
  correct.mutable_delegate()->set_family_name("In");
  correct.set_expected_version(created.delegate().version());
  v1::UpdateDelegateResponse corrected;
  ASSERT_TRUE(m_delegates->UpdateDelegate(as(desk.token()).get(), correct, &corrected).ok());
  EXPECT_EQ(corrected.delegate().family_name(), "In");

  // The desk vouches for whom it checks in by name: no proof, no staff PIN.
  v1::CheckInRequest byName = scanRequest("", "desk-1");
  byName.mutable_by_name()->set_delegate_id(created.delegate().id());
  v1::CheckInResponse admitted;
  ASSERT_EQ(checkInStatus(byName, desk.token(), &admitted), grpc::StatusCode::OK);
  EXPECT_EQ(admitted.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED) << admitted.reason();
  ASSERT_EQ(checkInStatus(scanRequest(badgeCodeOf("D2"), "desk-2"), desk.token(), &admitted), grpc::StatusCode::OK);
  EXPECT_EQ(admitted.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED) << admitted.reason();

  v1::ReissueBadgeRequest reissue;
  reissue.set_id(created.delegate().id());
  v1::ReissueBadgeResponse reissued;
  ASSERT_TRUE(m_delegates->ReissueBadge(as(desk.token()).get(), reissue, &reissued).ok());
  EXPECT_NE(reissued.delegate().badge_code(), created.delegate().badge_code());
  v1::CancelDelegateRequest cancel;
  cancel.set_id(created.delegate().id());
  v1::CancelDelegateResponse cancelled;
  ASSERT_TRUE(m_delegates->CancelDelegate(as(desk.token()).get(), cancel, &cancelled).ok());
  v1::ReinstateDelegateRequest reinstate;
  reinstate.set_id(created.delegate().id());
  v1::ReinstateDelegateResponse reinstated;
  ASSERT_TRUE(m_delegates->ReinstateDelegate(as(desk.token()).get(), reinstate, &reinstated).ok());
  EXPECT_EQ(reinstated.delegate().status(), v1::REGISTRATION_STATUS_ACTIVE);
  v1::ListCheckInsRequest listCheckIns;
  listCheckIns.set_delegate_id(created.delegate().id());
  v1::ListCheckInsResponse history;
  ASSERT_TRUE(m_delegates->ListCheckIns(as(desk.token()).get(), listCheckIns, &history).ok());
  ASSERT_EQ(history.check_ins_size(), 1);
  EXPECT_EQ(history.check_ins(0).device_name(), "help-desk-1");
  EXPECT_EQ(history.check_ins(0).outcome_code(), v1::CHECK_IN_OUTCOME_ADMITTED);

  const auto refused = [](const grpc::Status& status) {
    return status.error_code() == grpc::StatusCode::PERMISSION_DENIED &&
           status.error_message() == "a desk token may not make this call";
  };
  v1::ImportDelegatesResponse imported;
  EXPECT_TRUE(refused(importDelegates(desk.token(), kDelegatesCsv, &imported)));
  v1::ListBadgeCodesResponse codes;
  EXPECT_TRUE(refused(m_delegates->ListBadgeCodes(as(desk.token()).get(), {}, &codes)));
  token.set_name("another");
  token.set_role(v1::ROLE_ADMIN);
  v1::CreateTokenResponse another;
  EXPECT_TRUE(refused(m_devices->CreateToken(as(desk.token()).get(), token, &another)));
  v1::SetStaffPinRequest pin;
  pin.set_pin("2468");
  v1::SetStaffPinResponse pinSet;
  EXPECT_TRUE(refused(m_events->SetStaffPin(as(desk.token()).get(), pin, &pinSet)));
  v1::GetBadgeRequest badge;
  badge.set_delegate_id(1);
  v1::GetBadgeResponse badgeResponse;
  EXPECT_TRUE(refused(m_checkIn->GetBadge(as(desk.token()).get(), badge, &badgeResponse)));
  auto attendance = v1::AttendanceService::NewStub(m_channel);
  v1::GetAttendanceSummaryResponse summary;
  EXPECT_TRUE(refused(attendance->GetAttendanceSummary(as(desk.token()).get(), {}, &summary)));
}

TEST_F(ServicesTest, RevokedTokenStopsWorkingAtOnce) {
  v1::RevokeTokenRequest revoke;
  revoke.set_name("kiosk-1");
  v1::RevokeTokenResponse revoked;
  ASSERT_TRUE(m_devices->RevokeToken(as(m_adminToken).get(), revoke, &revoked).ok());
  EXPECT_NE(revoked.device().revoked_time_us(), 0);
  v1::GetEventResponse response;
  EXPECT_EQ(m_events->GetEvent(as(m_kioskToken).get(), {}, &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(ServicesTest, MalformedCheckInIsInvalidArgument) {
  const std::string code = badgeCodeOf("D1");
  v1::CheckInRequest noRequestId = scanRequest(code, "");
  EXPECT_EQ(checkInStatus(noRequestId, m_kioskToken), grpc::StatusCode::INVALID_ARGUMENT);
  v1::CheckInRequest noDirection = scanRequest(code, "r");
  noDirection.clear_direction();
  EXPECT_EQ(checkInStatus(noDirection, m_kioskToken), grpc::StatusCode::INVALID_ARGUMENT);
  v1::CheckInRequest noSubject = scanRequest(code, "r");
  noSubject.clear_code();
  EXPECT_EQ(checkInStatus(noSubject, m_kioskToken), grpc::StatusCode::INVALID_ARGUMENT);
  v1::CheckInRequest noScanTime = scanRequest(code, "r");
  noScanTime.clear_scan_time_us();
  EXPECT_EQ(checkInStatus(noScanTime, m_kioskToken), grpc::StatusCode::INVALID_ARGUMENT);
  v1::CheckInRequest huge = scanRequest(std::string(100'000, 'A'), "r");
  EXPECT_EQ(checkInStatus(huge, m_kioskToken), grpc::StatusCode::INVALID_ARGUMENT);
  v1::CheckInRequest unknownSession = scanRequest(code, "r");
  unknownSession.set_session_id(999);
  EXPECT_EQ(checkInStatus(unknownSession, m_kioskToken), grpc::StatusCode::NOT_FOUND);
}

// Checked in by staff or at a session door, never printed: the entrance kiosk prints the first badge.
TEST_F(ServicesTest, AnEntranceScanBringsTheFirstBadgeOfSomeoneCheckedInWithoutOne) {
  const std::string code = badgeCodeOf("D2");
  v1::CheckInResponse response;
  ASSERT_EQ(checkInStatus(scanRequest(code, "desk"), m_adminToken, &response), grpc::StatusCode::OK);
  ASSERT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);

  ASSERT_EQ(checkInStatus(scanRequest(code, "kiosk"), m_kioskToken, &response), grpc::StatusCode::OK);

  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN);
  EXPECT_FALSE(response.badge_printed());
  EXPECT_EQ(response.badge().family_name(), "Bieliūnė");
  EXPECT_EQ(response.badge().badge_code(), code);
  EXPECT_EQ(response.reason(), "Already checked in, without a badge yet: here it is.");
}

TEST_F(ServicesTest, ScanOutcomesAreDataNotErrors) {
  const std::string code = badgeCodeOf("D2");
  v1::CheckInResponse response;
  ASSERT_EQ(checkInStatus(scanRequest(code, "1"), m_kioskToken, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(response.delegate().display_name(), "Simona B.");
  EXPECT_EQ(response.delegate().affiliation(), "Vilnius");
  EXPECT_EQ(response.delegate().language(), "lt");
  EXPECT_FALSE(response.badge_printed());
  EXPECT_EQ(response.badge().family_name(), "Bieliūnė");
  EXPECT_EQ(response.badge().affiliation(), "City of Vilnius");
  EXPECT_EQ(response.badge().badge_code(), code);
  v1::RecordBadgePrintRequest print;
  print.set_delegate_id(response.delegate().id());
  print.set_success(true);
  v1::RecordBadgePrintResponse printed;
  ASSERT_TRUE(m_checkIn->RecordBadgePrint(as(m_kioskToken).get(), print, &printed).ok());

  ASSERT_EQ(checkInStatus(scanRequest(code, "2"), m_kioskToken, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN);
  EXPECT_EQ(response.previous().device_name(), "kiosk-1");
  EXPECT_NE(response.reason().find("kiosk-1"), std::string::npos) << response.reason();
  EXPECT_TRUE(response.badge_printed());
  EXPECT_FALSE(response.has_badge()) << "a second badge is the help desk's";

  ASSERT_EQ(checkInStatus(scanRequest("not a code at all", "3"), m_kioskToken, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_UNKNOWN_CODE);

  std::string forged = code;
  forged[110] = forged[110] == 'Q' ? 'R' : 'Q';
  ASSERT_EQ(checkInStatus(scanRequest(forged, "4"), m_kioskToken, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_FORGED_CODE);
  EXPECT_FALSE(response.has_delegate());
}

TEST_F(ServicesTest, RetryReturnsTheFirstAnswer) {
  const std::string code = badgeCodeOf("D1");
  v1::CheckInResponse first;
  v1::CheckInResponse retry;
  ASSERT_EQ(checkInStatus(scanRequest(code, "same"), m_kioskToken, &first), grpc::StatusCode::OK);
  ASSERT_EQ(checkInStatus(scanRequest(code, "same"), m_kioskToken, &retry), grpc::StatusCode::OK);
  EXPECT_EQ(retry.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(retry.check_in_id(), first.check_in_id());
}

TEST_F(ServicesTest, KioskSearchSeesAtMostTenMinimalResults) {
  std::string csv = "external_ref,given_name,family_name,city,email\n";
  for (int i = 0; i < 15; ++i)
    csv += "N" + std::to_string(i) + ",Jan,Novák,Brno,jan" + std::to_string(i) + "@brno.example\n";
  v1::ImportDelegatesResponse imported;
  ASSERT_TRUE(importDelegates(m_adminToken, csv, &imported).ok());

  v1::SearchDelegatesRequest request;
  request.set_query("novak");
  request.set_limit(50);
  v1::SearchDelegatesResponse response;
  ASSERT_TRUE(m_checkIn->SearchDelegates(as(m_kioskToken).get(), request, &response).ok());
  ASSERT_EQ(response.results_size(), 10);
  for (const v1::SearchResult& result : response.results()) {
    EXPECT_EQ(result.summary().display_name(), "Jan N.");
    EXPECT_FALSE(result.has_delegate()) << "a kiosk must not receive full records";
  }
  ASSERT_TRUE(m_checkIn->SearchDelegates(as(m_organiserToken).get(), request, &response).ok());
  EXPECT_EQ(response.results_size(), 15);
  EXPECT_EQ(response.results(0).delegate().family_name(), "Novák");
  EXPECT_TRUE(response.results(0).delegate().badge_code().empty()) << "badge codes are for admins only";
}

// A kiosk shows ten names at most; it tells the delegate to type more letters when there are more.
TEST_F(ServicesTest, SearchSaysWhenMoreMatchThanItReturns) {
  std::string csv = "external_ref,given_name,family_name,city,email\n";
  for (int i = 0; i < 11; ++i)
    csv += "N" + std::to_string(i) + ",Jan,Novák,Brno,jan" + std::to_string(i) + "@brno.example\n";
  v1::ImportDelegatesResponse imported;
  ASSERT_TRUE(importDelegates(m_adminToken, csv, &imported).ok());
  const auto search = [&](const std::string& token, const std::string& query, int limit) {
    v1::SearchDelegatesRequest request;
    request.set_query(query);
    request.set_limit(limit);
    v1::SearchDelegatesResponse response;
    EXPECT_TRUE(m_checkIn->SearchDelegates(as(token).get(), request, &response).ok());
    return response;
  };

  v1::SearchDelegatesResponse kiosk = search(m_kioskToken, "novak", 0);
  EXPECT_EQ(kiosk.results_size(), 10);
  EXPECT_TRUE(kiosk.more()) << "eleven match";
  v1::SearchDelegatesResponse all = search(m_organiserToken, "novak", 11);
  EXPECT_EQ(all.results_size(), 11);
  EXPECT_FALSE(all.more()) << "exactly the limit";
  v1::SearchDelegatesResponse first = search(m_organiserToken, "novak", 1);
  EXPECT_EQ(first.results_size(), 1);
  EXPECT_TRUE(first.more());
  v1::SearchDelegatesResponse one = search(m_kioskToken, "dvorak", 0);
  EXPECT_EQ(one.results_size(), 1);
  EXPECT_FALSE(one.more());
}

TEST_F(ServicesTest, SearchFindsCyrillicNamesFromLatinSpelling) {
  v1::SearchDelegatesRequest request;
  request.set_query("shevchenko");
  v1::SearchDelegatesResponse response;
  ASSERT_TRUE(m_checkIn->SearchDelegates(as(m_kioskToken).get(), request, &response).ok());
  ASSERT_EQ(response.results_size(), 1);
  EXPECT_EQ(response.results(0).summary().display_name(), "Тарас Ш.");
}

TEST_F(ServicesTest, KioskNameCheckInNeedsTheProof) {
  v1::SearchDelegatesRequest search;
  search.set_query("bieliune");
  v1::SearchDelegatesResponse found;
  ASSERT_TRUE(m_checkIn->SearchDelegates(as(m_kioskToken).get(), search, &found).ok());
  ASSERT_EQ(found.results_size(), 1);
  v1::CheckInRequest request = scanRequest("", "name-1");
  request.mutable_by_name()->set_delegate_id(found.results(0).summary().id());
  request.mutable_by_name()->set_proof("xxxx");
  v1::CheckInResponse response;
  ASSERT_EQ(checkInStatus(request, m_kioskToken, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_WRONG_PROOF);
  request.set_request_id("name-2");
  request.mutable_by_name()->set_proof("SIMO");
  ASSERT_EQ(checkInStatus(request, m_kioskToken, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
}

TEST_F(ServicesTest, StaffModeNeedsTheStaffPinAnAdminSet) {
  v1::EnterStaffModeRequest enter;
  enter.set_staff_pin("2468");
  v1::EnterStaffModeResponse entered;
  ASSERT_TRUE(m_checkIn->EnterStaffMode(as(m_kioskToken).get(), enter, &entered).ok());
  EXPECT_EQ(entered.result(), v1::STAFF_PIN_CHECK_STAFF_MODE_OFF) << "no staff PIN yet: no staff mode";
  v1::GetEventResponse event;
  ASSERT_TRUE(m_events->GetEvent(as(m_kioskToken).get(), {}, &event).ok());
  EXPECT_FALSE(event.staff_mode());

  v1::SetStaffPinRequest set;
  set.set_pin("2468");
  v1::SetStaffPinResponse done;
  EXPECT_EQ(m_events->SetStaffPin(as(m_kioskToken).get(), set, &done).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(m_events->SetStaffPin(as(m_organiserToken).get(), set, &done).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  set.set_pin("24a8");
  EXPECT_EQ(m_events->SetStaffPin(as(m_adminToken).get(), set, &done).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  set.set_pin("2468");
  ASSERT_TRUE(m_events->SetStaffPin(as(m_adminToken).get(), set, &done).ok());
  ASSERT_TRUE(m_events->GetEvent(as(m_kioskToken).get(), {}, &event).ok());
  EXPECT_TRUE(event.staff_mode());

  ASSERT_TRUE(m_checkIn->EnterStaffMode(as(m_kioskToken).get(), enter, &entered).ok());
  EXPECT_EQ(entered.result(), v1::STAFF_PIN_CHECK_ACCEPTED);
  enter.set_staff_pin("1357");
  ASSERT_TRUE(m_checkIn->EnterStaffMode(as(m_kioskToken).get(), enter, &entered).ok());
  EXPECT_EQ(entered.result(), v1::STAFF_PIN_CHECK_WRONG);
  EXPECT_EQ(m_checkIn->EnterStaffMode(as(m_organiserToken).get(), enter, &entered).error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "organisers do not run kiosks";

  set.clear_pin();
  ASSERT_TRUE(m_events->SetStaffPin(as(m_adminToken).get(), set, &done).ok());
  enter.set_staff_pin("2468");
  ASSERT_TRUE(m_checkIn->EnterStaffMode(as(m_kioskToken).get(), enter, &entered).ok());
  EXPECT_EQ(entered.result(), v1::STAFF_PIN_CHECK_STAFF_MODE_OFF) << "removing the PIN turns staff mode off";
}

TEST_F(ServicesTest, TooManyWrongStaffPinsLockTheKioskOut) {
  v1::SetStaffPinRequest set;
  set.set_pin("2468");
  v1::SetStaffPinResponse done;
  ASSERT_TRUE(m_events->SetStaffPin(as(m_adminToken).get(), set, &done).ok());
  v1::EnterStaffModeRequest enter;
  v1::EnterStaffModeResponse entered;
  enter.set_staff_pin("0000");
  for (int i = 0; i < domain::StaffPinGuard::kMaxWrongPins; ++i) {
    ASSERT_TRUE(m_checkIn->EnterStaffMode(as(m_kioskToken).get(), enter, &entered).ok());
    EXPECT_EQ(entered.result(), v1::STAFF_PIN_CHECK_WRONG);
  }
  enter.set_staff_pin("2468");
  ASSERT_TRUE(m_checkIn->EnterStaffMode(as(m_kioskToken).get(), enter, &entered).ok());
  EXPECT_EQ(entered.result(), v1::STAFF_PIN_CHECK_LOCKED_OUT) << "locked out, right PIN or not";
  EXPECT_NE(entered.reason().find("15 minutes"), std::string::npos) << entered.reason();
  v1::GetBadgeRequest badge;
  badge.set_delegate_id(1);
  badge.set_staff_pin("2468");
  v1::GetBadgeResponse got;
  EXPECT_EQ(m_checkIn->GetBadge(as(m_kioskToken).get(), badge, &got).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << "the lock-out holds for every staff call";
  const std::string otherKiosk = m_store->createDevice("kiosk-2", domain::Role::Kiosk)->token;
  ASSERT_TRUE(m_checkIn->EnterStaffMode(as(otherKiosk).get(), enter, &entered).ok());
  EXPECT_EQ(entered.result(), v1::STAFF_PIN_CHECK_ACCEPTED) << "the lock-out is per kiosk";
}

TEST_F(ServicesTest, ADelegateNameWithALineBreakIsRefused) {
  v1::CreateDelegateRequest create;
  create.mutable_delegate()->set_given_name("Walk\nIn");
  create.mutable_delegate()->set_category("delegate");
  v1::CreateDelegateResponse created;
  const grpc::Status status = m_delegates->CreateDelegate(as(m_adminToken).get(), create, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "given_name: control character U+000A");

  create.mutable_delegate()->set_given_name("محمد");
  create.mutable_delegate()->set_latin_name("Mohammad\tDarwish");
  EXPECT_EQ(m_delegates->CreateDelegate(as(m_adminToken).get(), create, &created).error_message(),
            "latin_name: control character U+0009");
  create.mutable_delegate()->set_latin_name("Darwish\u202e");
  EXPECT_EQ(m_delegates->CreateDelegate(as(m_adminToken).get(), create, &created).error_message(),
            "latin_name: invisible control character U+202E")
      << "the same rule and words as an import's";
  create.mutable_delegate()->set_latin_name("Mohammad Darwish");
  create.mutable_delegate()->set_notes("Wheelchair\nuser \x1b]0;pwned\x07");
  EXPECT_EQ(m_delegates->CreateDelegate(as(m_adminToken).get(), create, &created).error_message(),
            "notes: control character U+001B")
      << "notes may have lines, not terminal escapes";
  create.mutable_delegate()->set_notes("");
  create.mutable_delegate()->set_latin_name(std::string(1001, 'a'));
  EXPECT_EQ(m_delegates->CreateDelegate(as(m_adminToken).get(), create, &created).error_message(),
            "latin_name is longer than 1000 bytes");
}

// A delegate registered in Arabic script gets the Latin spelling they gave on their badge, and is
// found by it; a Ukrainian without one gets their name as their passport spells it.
TEST_F(ServicesTest, TheBadgesLatinLineIsTheDelegatesOwnSpellingElseTheirPassports) {
  v1::ImportDelegatesResponse imported;
  ASSERT_TRUE(importDelegates(m_adminToken,
                              "external_ref,given_name,family_name,latin_name,email,language\n"
                              "A1,محمد,درويش,Mohammad Darwish,mohammad@example.org,ar\n"
                              "U1,Наталія,Щербак,,nataliia@example.org,uk\n",
                              &imported)
                  .ok());

  v1::CheckInResponse arabic;
  ASSERT_EQ(checkInStatus(scanRequest(badgeCodeOf("A1"), "a1"), m_kioskToken, &arabic), grpc::StatusCode::OK);
  ASSERT_EQ(arabic.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(arabic.badge().given_name(), "محمد");
  EXPECT_EQ(arabic.badge().latin_name(), "Mohammad Darwish");
  v1::CheckInResponse ukrainian;
  ASSERT_EQ(checkInStatus(scanRequest(badgeCodeOf("U1"), "u1"), m_kioskToken, &ukrainian), grpc::StatusCode::OK);
  EXPECT_EQ(ukrainian.badge().latin_name(), "Nataliia Shcherbak");

  v1::SearchDelegatesRequest search;
  search.set_query("darwish");
  v1::SearchDelegatesResponse found;
  ASSERT_TRUE(m_checkIn->SearchDelegates(as(m_kioskToken).get(), search, &found).ok());
  ASSERT_EQ(found.results_size(), 1);
  EXPECT_EQ(found.results(0).summary().display_name(), "محمد د.");
  ASSERT_TRUE(m_checkIn->SearchDelegates(as(m_organiserToken).get(), search, &found).ok());
  ASSERT_EQ(found.results_size(), 1);
  EXPECT_EQ(found.results(0).delegate().latin_name(), "Mohammad Darwish");

  // Corrected at the help desk, the new spelling is what the next badge prints.
  v1::UpdateDelegateRequest update;
  *update.mutable_delegate() = found.results(0).delegate();
  update.mutable_delegate()->set_latin_name("Muhammad Darwish");
  update.set_expected_version(found.results(0).delegate().version());
  v1::UpdateDelegateResponse updated;
  ASSERT_TRUE(m_delegates->UpdateDelegate(as(m_adminToken).get(), update, &updated).ok());
  EXPECT_EQ(updated.delegate().latin_name(), "Muhammad Darwish");
  v1::GetBadgeRequest badge;
  badge.set_delegate_id(updated.delegate().id());
  v1::GetBadgeResponse reprint;
  ASSERT_TRUE(m_checkIn->GetBadge(as(m_adminToken).get(), badge, &reprint).ok());
  EXPECT_EQ(reprint.badge().latin_name(), "Muhammad Darwish");
}

TEST_F(ServicesTest, StaffCheckInAWalkInByNameWithoutTheProof) {
  v1::SetStaffPinRequest set;
  set.set_pin("2468");
  v1::SetStaffPinResponse done;
  ASSERT_TRUE(m_events->SetStaffPin(as(m_adminToken).get(), set, &done).ok());
  v1::CreateDelegateRequest create;
  create.mutable_delegate()->set_given_name("Walk");
  create.mutable_delegate()->set_family_name("In");
  create.mutable_delegate()->set_category("delegate");
  v1::CreateDelegateResponse created;
  ASSERT_TRUE(m_delegates->CreateDelegate(as(m_adminToken).get(), create, &created).ok());

  v1::CheckInRequest request = scanRequest("", "walk-in-1");
  request.mutable_by_name()->set_delegate_id(created.delegate().id());
  request.set_staff_pin("1111");
  EXPECT_EQ(checkInStatus(request, m_kioskToken), grpc::StatusCode::PERMISSION_DENIED);
  request.set_staff_pin("2468");
  v1::CheckInResponse response;
  ASSERT_EQ(checkInStatus(request, m_kioskToken, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED) << response.reason();
  EXPECT_EQ(response.badge().family_name(), "In");
  EXPECT_FALSE(response.badge().badge_code().empty());
}

TEST_F(ServicesTest, GetBadgeGivesStaffTheBadgeToPrintAgain) {
  v1::SetStaffPinRequest set;
  set.set_pin("2468");
  v1::SetStaffPinResponse done;
  ASSERT_TRUE(m_events->SetStaffPin(as(m_adminToken).get(), set, &done).ok());
  const std::string code = badgeCodeOf("D3");
  v1::GetDelegateRequest get;
  get.set_external_ref("D3");
  v1::GetDelegateResponse stored;
  ASSERT_TRUE(m_delegates->GetDelegate(as(m_adminToken).get(), get, &stored).ok());
  v1::UpdateDelegateRequest update;
  *update.mutable_delegate() = stored.delegate();
  update.mutable_delegate()->set_notes("wheelchair user: step-free route to Hall B");
  update.set_expected_version(stored.delegate().version());
  v1::UpdateDelegateResponse updated;
  ASSERT_TRUE(m_delegates->UpdateDelegate(as(m_adminToken).get(), update, &updated).ok());
  v1::CheckInResponse admitted;
  ASSERT_EQ(checkInStatus(scanRequest(code, "scan-1"), m_kioskToken, &admitted), grpc::StatusCode::OK);
  ASSERT_EQ(admitted.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);

  v1::GetBadgeRequest request;
  request.set_delegate_id(admitted.delegate().id());
  v1::GetBadgeResponse response;
  EXPECT_EQ(m_checkIn->GetBadge(as(m_kioskToken).get(), request, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "a kiosk needs the staff PIN";
  EXPECT_EQ(m_checkIn->GetBadge(as(m_organiserToken).get(), request, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  request.set_staff_pin("2468");
  ASSERT_TRUE(m_checkIn->GetBadge(as(m_kioskToken).get(), request, &response).ok());
  EXPECT_EQ(response.badge().family_name(), "Шевченко");
  EXPECT_EQ(response.badge().latin_name(), "Taras Shevchenko");
  EXPECT_EQ(response.badge().badge_code(), admitted.badge().badge_code());
  EXPECT_EQ(response.delegate().display_name(), "Тарас Ш.");
  EXPECT_EQ(response.checked_in_time_us(), admitted.server_time_us());
  EXPECT_FALSE(response.badge_printed());
  EXPECT_EQ(response.notes(), "wheelchair user: step-free route to Hall B") << "for the help desk";

  v1::RecordBadgePrintRequest print;
  print.set_delegate_id(admitted.delegate().id());
  print.set_success(true);
  print.set_printer("pdf:/tmp");
  v1::RecordBadgePrintResponse printed;
  ASSERT_TRUE(m_checkIn->RecordBadgePrint(as(m_kioskToken).get(), print, &printed).ok());
  ASSERT_TRUE(m_checkIn->GetBadge(as(m_kioskToken).get(), request, &response).ok());
  EXPECT_TRUE(response.badge_printed());

  v1::CancelDelegateRequest cancel;
  cancel.set_id(admitted.delegate().id());
  v1::CancelDelegateResponse cancelled;
  ASSERT_TRUE(m_delegates->CancelDelegate(as(m_adminToken).get(), cancel, &cancelled).ok());
  EXPECT_EQ(m_checkIn->GetBadge(as(m_kioskToken).get(), request, &response).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION)
      << "no badge for a cancelled registration";
  request.set_delegate_id(999999);
  EXPECT_EQ(m_checkIn->GetBadge(as(m_adminToken).get(), request, &response).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ServicesTest, ResolveCodeTellsWhoWithoutCheckingIn) {
  v1::ResolveCodeRequest request;
  request.set_code(badgeCodeOf("D3"));
  v1::ResolveCodeResponse response;
  ASSERT_TRUE(m_checkIn->ResolveCode(as(m_kioskToken).get(), request, &response).ok());
  EXPECT_EQ(response.status(), v1::CODE_STATUS_VALID);
  EXPECT_EQ(response.delegate().given_name(), "Тарас");
  request.set_code("nothing-like-it");
  ASSERT_TRUE(m_checkIn->ResolveCode(as(m_kioskToken).get(), request, &response).ok());
  EXPECT_EQ(response.status(), v1::CODE_STATUS_UNKNOWN);
  // Still not checked in.
  v1::CheckInResponse checkIn;
  ASSERT_EQ(checkInStatus(scanRequest(badgeCodeOf("D3"), "x"), m_kioskToken, &checkIn), grpc::StatusCode::OK);
  EXPECT_EQ(checkIn.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
}

TEST_F(ServicesTest, ResolveCodeLogsEveryRefusedCodeAndNoValidOne) {
  const auto resolve = [&](const std::string& code) {
    v1::ResolveCodeRequest request;
    request.set_code(code);
    v1::ResolveCodeResponse response;
    EXPECT_TRUE(m_checkIn->ResolveCode(as(m_kioskToken).get(), request, &response).ok());
    return response.status();
  };
  const auto loggedScans = [&] {
    std::vector<domain::CheckInOutcome> outcomes;
    absl::StatusOr<std::vector<domain::Activity>> activities = m_store->activitiesAfter(0, 1000);
    EXPECT_TRUE(activities.ok()) << activities.status();
    for (const domain::Activity& a : *activities) {
      if (a.kind == domain::ActivityKind::CheckIn) outcomes.push_back(a.checkIn.outcome);
    }
    return outcomes;
  };
  const std::string cancelledCode = badgeCodeOf("D2");
  v1::CancelDelegateRequest cancel;
  cancel.set_id(m_store->delegateByExternalRef("D2")->id);
  v1::CancelDelegateResponse cancelled;
  ASSERT_TRUE(m_delegates->CancelDelegate(as(m_adminToken).get(), cancel, &cancelled).ok());

  EXPECT_EQ(resolve(badgeCodeOf("D3")), v1::CODE_STATUS_VALID);
  EXPECT_EQ(resolve("nothing-like-it"), v1::CODE_STATUS_UNKNOWN);
  EXPECT_EQ(resolve(cancelledCode), v1::CODE_STATUS_CANCELLED);

  EXPECT_THAT(loggedScans(),
              ::testing::ElementsAre(domain::CheckInOutcome::UnknownCode, domain::CheckInOutcome::Cancelled));
}

TEST_F(ServicesTest, BadImportNamesLineAndColumnAndImportsNothing) {
  v1::ImportDelegatesResponse response;
  const grpc::Status status = importDelegates(m_adminToken,
                                              "external_ref,given_name,family_name,category\n"
                                              "X1,Ada,Lovelace,delegate\n"
                                              "X2,Vera,Important,vip\n",
                                              &response, "attendees.csv");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("attendees.csv"), std::string::npos) << status.error_message();
  EXPECT_NE(status.error_message().find("line 3"), std::string::npos) << status.error_message();
  v1::GetDelegateRequest get;
  get.set_external_ref("X1");
  v1::GetDelegateResponse delegate;
  EXPECT_EQ(m_delegates->GetDelegate(as(m_adminToken).get(), get, &delegate).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ServicesTest, ReissueMakesTheOldCodeSuperseded) {
  const std::string oldCode = badgeCodeOf("D1");
  v1::ReissueBadgeRequest reissue;
  reissue.set_id(m_store->delegateByExternalRef("D1")->id);
  v1::ReissueBadgeResponse reissued;
  ASSERT_TRUE(m_delegates->ReissueBadge(as(m_adminToken).get(), reissue, &reissued).ok());
  EXPECT_NE(reissued.delegate().badge_code(), oldCode);
  v1::CheckInResponse response;
  ASSERT_EQ(checkInStatus(scanRequest(oldCode, "old"), m_kioskToken, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_SUPERSEDED_CODE);
  EXPECT_EQ(response.delegate().id(), reissue.id()) << "whose old badge it is";
  v1::ResolveCodeRequest resolve;
  resolve.set_code(oldCode);
  v1::ResolveCodeResponse resolved;
  ASSERT_TRUE(m_checkIn->ResolveCode(as(m_kioskToken).get(), resolve, &resolved).ok());
  EXPECT_EQ(resolved.status(), v1::CODE_STATUS_SUPERSEDED);
  EXPECT_EQ(resolved.delegate().id(), reissue.id()) << "so that staff can help them to their new badge";
  ASSERT_EQ(checkInStatus(scanRequest(reissued.delegate().badge_code(), "new"), m_kioskToken, &response),
            grpc::StatusCode::OK);
  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
}

TEST_F(ServicesTest, WalkInGetsAReferenceAndABadgeCode) {
  v1::CreateDelegateRequest request;
  request.mutable_delegate()->set_given_name("Walk");
  request.mutable_delegate()->set_family_name("In");
  request.mutable_delegate()->set_category("press");
  v1::CreateDelegateResponse response;
  ASSERT_TRUE(m_delegates->CreateDelegate(as(m_adminToken).get(), request, &response).ok());
  EXPECT_EQ(response.delegate().external_ref(), "walkin-1");
  EXPECT_FALSE(response.delegate().badge_code().empty());
  request.mutable_delegate()->set_category("vip");
  EXPECT_EQ(m_delegates->CreateDelegate(as(m_adminToken).get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.mutable_delegate()->set_category("press");
  request.mutable_delegate()->set_given_name("");
  request.mutable_delegate()->set_family_name("");
  EXPECT_EQ(m_delegates->CreateDelegate(as(m_adminToken).get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServicesTest, AWalkInWhoMayBeRegisteredAlreadyIsRefusedUntilConfirmed) {
  v1::CreateDelegateRequest request;
  request.mutable_delegate()->set_given_name("Taras");
  request.mutable_delegate()->set_family_name("Shevchenko");
  request.mutable_delegate()->set_category("delegate");
  v1::CreateDelegateResponse response;
  grpc::Status status = m_delegates->CreateDelegate(as(m_adminToken).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("Тарас Шевченко (D3, same name)"));

  request.mutable_delegate()->set_given_name("Toni");
  request.mutable_delegate()->set_family_name("Dvorak");
  request.mutable_delegate()->set_email("ANTONIN@praha.example");
  status = m_delegates->CreateDelegate(as(m_adminToken).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("Antonín Dvořák (D1, same e-mail)"));

  request.set_allow_duplicate(true);
  ASSERT_TRUE(m_delegates->CreateDelegate(as(m_adminToken).get(), request, &response).ok());
  EXPECT_EQ(response.delegate().family_name(), "Dvorak");

  request.set_allow_duplicate(false);
  request.mutable_delegate()->set_given_name("Taras");
  request.mutable_delegate()->set_email("");
  EXPECT_TRUE(m_delegates->CreateDelegate(as(m_adminToken).get(), request, &response).ok())
      << "Taras Dvorak shares a word with Taras Shevchenko and Toni Dvorak, not a name";
}

TEST_F(ServicesTest, UnknownIdsAreNotFoundAndClashesAlreadyExist) {
  v1::GetDelegateRequest get;
  get.set_id(424242);
  v1::GetDelegateResponse delegate;
  EXPECT_EQ(m_delegates->GetDelegate(as(m_adminToken).get(), get, &delegate).error_code(), grpc::StatusCode::NOT_FOUND);
  v1::CreateTokenRequest token;
  token.set_name("kiosk-1");
  token.set_role(v1::ROLE_KIOSK);
  v1::CreateTokenResponse created;
  EXPECT_EQ(m_devices->CreateToken(as(m_adminToken).get(), token, &created).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  token.clear_role();
  token.set_name("kiosk-9");
  EXPECT_EQ(m_devices->CreateToken(as(m_adminToken).get(), token, &created).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServicesTest, EventInfoCarriesTheBadgePublicKey) {
  v1::GetEventResponse event;
  ASSERT_TRUE(m_events->GetEvent(as(m_kioskToken).get(), {}, &event).ok());
  EXPECT_EQ(event.time_zone(), "Europe/Prague");
  EXPECT_EQ(event.badge_public_key(), m_store->event().publicKey);
  EXPECT_EQ(event.device_name(), "kiosk-1");
  EXPECT_EQ(event.device_role(), v1::ROLE_KIOSK);
  EXPECT_EQ(event.name_check_in_proof(), "email_prefix:4");
  EXPECT_EQ(event.session_grace_minutes(), m_store->event().sessionGraceMinutes);
  EXPECT_EQ(event.categories_size(), 7);
}

// A kiosk treats a scan shorter than any code of the event as a fragment (a scanner that lost
// characters) rather than asking the server about it.
TEST_F(ServicesTest, EventInfoTellsTheLengthOfTheShortestCode) {
  v1::GetEventResponse event;
  ASSERT_TRUE(m_events->GetEvent(as(m_kioskToken).get(), {}, &event).ok());
  EXPECT_EQ(event.shortest_code_length(), 120) << "no ticket codes: Lanyard's own badge codes";

  v1::ImportDelegatesResponse imported;
  ASSERT_TRUE(importDelegates(m_adminToken,
                              "external_ref,given_name,family_name,email,ticket_code\n"
                              "P1,Olena,Koval,olena@lviv.example,bmust3tjk5eq2f8g4vhagckx5fvnvh8m\n"
                              "P2,Petro,Koval,petro@lviv.example,T-000042\n",
                              &imported)
                  .ok());
  ASSERT_TRUE(m_events->GetEvent(as(m_kioskToken).get(), {}, &event).ok());
  EXPECT_EQ(event.shortest_code_length(), 8);
}

// A kiosk's scanner with Caps Lock on types a ticket code in the other case.
TEST_F(ServicesTest, AnImportedTicketCodeChecksInWhateverTheCaseItIsScannedIn) {
  v1::ImportDelegatesResponse imported;
  ASSERT_TRUE(importDelegates(m_adminToken,
                              "external_ref,given_name,family_name,email,ticket_code\n"
                              "P1,Olena,Koval,olena@lviv.example,AbC123xyzQRS789\n",
                              &imported)
                  .ok());

  v1::ResolveCodeRequest resolve;
  resolve.set_code("ABC123XYZQRS789");
  v1::ResolveCodeResponse resolved;
  ASSERT_TRUE(m_checkIn->ResolveCode(as(m_kioskToken).get(), resolve, &resolved).ok());
  EXPECT_EQ(resolved.status(), v1::CODE_STATUS_VALID);
  v1::CheckInResponse response;
  ASSERT_EQ(checkInStatus(scanRequest("abc123XYZqrs789\r\n", "caps-lock"), m_kioskToken, &response),
            grpc::StatusCode::OK);
  EXPECT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(response.delegate().display_name(), "Olena K.");
}

TEST_F(ServicesTest, HealthCheckServes) {
  auto health = grpc::health::v1::Health::NewStub(m_channel);
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(&context, request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(ServicesTest, ReflectionListsTheLanyardServices) {
  // A hand-encoded grpc.reflection.v1alpha.ServerReflectionRequest{list_services: ""}: linking
  // generated reflection stubs here would clash with those inside grpc++_reflection.
  const char request[] = {0x3a, 0x00};
  grpc::Slice slice(request, sizeof request);
  grpc::ByteBuffer requestBuffer(&slice, 1);
  grpc::GenericStub stub(m_channel);
  grpc::CompletionQueue queue;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  auto call = stub.PrepareCall(&context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &queue);
  void* tag = nullptr;
  bool ok = false;
  const auto step = [&](int expected) {
    ASSERT_TRUE(queue.Next(&tag, &ok));
    ASSERT_EQ(tag, reinterpret_cast<void*>(static_cast<std::intptr_t>(expected)));
    ASSERT_TRUE(ok);
  };
  call->StartCall(reinterpret_cast<void*>(1));
  step(1);
  call->Write(requestBuffer, reinterpret_cast<void*>(2));
  step(2);
  grpc::ByteBuffer responseBuffer;
  call->Read(&responseBuffer, reinterpret_cast<void*>(3));
  step(3);
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(responseBuffer.Dump(&slices).ok());
  std::string response;
  for (const grpc::Slice& part : slices) response.append(reinterpret_cast<const char*>(part.begin()), part.size());
  for (const char* service : {"lanyard.v1.CheckInService", "lanyard.v1.DelegateService", "lanyard.v1.DeviceService",
                              "lanyard.v1.EventService", "grpc.health.v1.Health"}) {
    EXPECT_NE(response.find(service), std::string::npos) << service;
  }
  call->WritesDone(reinterpret_cast<void*>(4));
  step(4);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  step(5);
  EXPECT_TRUE(status.ok()) << status.error_message();
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
}

}  // namespace
}  // namespace lanyard::server::rpc
