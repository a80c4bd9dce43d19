// CheckInService through a real in-process server: scans and their outcomes, retries, kiosk
// search, staff mode and its PIN, ticket codes.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services_fixture.h"

namespace lanyard::server::rpc {
namespace {

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
  for (int i = 0; i < 15; ++i) {
    csv += "N" + std::to_string(i) + ",Jan,Novák,Brno,jan" + std::to_string(i) + "@brno.example\n";
  }
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
  for (int i = 0; i < 11; ++i) {
    csv += "N" + std::to_string(i) + ",Jan,Novák,Brno,jan" + std::to_string(i) + "@brno.example\n";
  }
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

}  // namespace
}  // namespace lanyard::server::rpc
