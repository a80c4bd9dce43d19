#pragma once

// The fixture the lanyard.v1 service tests share (services_*_test.cpp).

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/device_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"
#include "support/all_pages.h"
#include "support/import_upload.h"
#include "support/server_fixture.h"

namespace lanyard::server::rpc {

inline constexpr char kDelegatesCsv[] =
    "external_ref,given_name,family_name,organisation,city,country,category,email,language\n"
    "D1,Antonín,Dvořák,Magistrát hlavního města Prahy,Prague,CZ,delegate,antonin@praha.example,cs\n"
    "D2,Simona,Bieliūnė,City of Vilnius,Vilnius,LT,speaker,simona.bieliune@vilnius.example,lt\n"
    "D3,Тарас,Шевченко,Kyiv City Council,Kyiv,UA,city_official,taras@kyiv.example,uk\n";

// The shared server fixture with three delegates (D1-D3) imported, an organiser token and a stub
// of each service.
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

}  // namespace lanyard::server::rpc
