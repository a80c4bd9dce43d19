// DelegateService through a real in-process server: names on badges, reprints, resolving codes,
// imports, reissues, walk-ins and their possible duplicates, unknown ids and clashes.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services_fixture.h"

namespace lanyard::server::rpc {
namespace {

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

}  // namespace
}  // namespace lanyard::server::rpc
