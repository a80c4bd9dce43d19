// The lanyard.v1 services' doors through a real in-process server: tokens, roles and the help
// desk's share, malformed requests, event information, health checking and reflection.

#include <gmock/gmock.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include "grpc/health/v1/health.grpc.pb.h"
#include "services_fixture.h"

namespace lanyard::server::rpc {
namespace {

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
