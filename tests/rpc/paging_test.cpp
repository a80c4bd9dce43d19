// The list RPCs' paging (AIP-158) through a real server on loopback over a real SQLite file.

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/device_service.grpc.pb.h"
#include "rpc/server.h"
#include "storage/sqlite_event_store.h"
#include "support/import_upload.h"
#include "support/server_fixture.h"
#include "support/test_event.h"

namespace lanyard::server::rpc {
namespace {

constexpr char kForeignToken[] = "page_token is not one this list gave out";

class PagingTest : public lanyard::testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    m_delegates = v1::DelegateService::NewStub(m_channel);
    m_devices = v1::DeviceService::NewStub(m_channel);
  }

  // Imports delegates P<first> ... P<first + count - 1>; returns their ids in that order.
  std::vector<std::int64_t> importDelegates(int first, int count) {
    std::string csv = "external_ref,given_name,family_name,category\n";
    for (int i = first; i < first + count; ++i) {
      csv += "P" + std::to_string(i) + ",Given,Family" + std::to_string(i) + ",delegate\n";
    }
    v1::ImportDelegatesResponse response;
    const grpc::Status status =
        lanyard::testing::importDelegates(*m_delegates, *as(m_adminToken), csv, "paging.csv", &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::int64_t> ids;
    for (int i = first; i < first + count; ++i) {
      absl::StatusOr<domain::Delegate> d = m_store->delegateByExternalRef("P" + std::to_string(i));
      EXPECT_TRUE(d.ok()) << d.status();
      ids.push_back(d.ok() ? d->id : 0);
    }
    return ids;
  }

  // Logs a check-in of the delegate at the entrance by kiosk-1; returns its id.
  std::int64_t checkIn(std::int64_t delegateId) {
    domain::CheckInCommand command;
    command.deviceId = m_kiosk.id;
    command.requestId = "r" + std::to_string(++m_requests);
    command.scanTimeUs = domain::systemClock()();
    command.subject = domain::subject::Badge{delegateId, 1};
    absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? result->checkInId : 0;
  }

  // Records a successful print of the delegate's badge by kiosk-1; returns its id.
  std::int64_t recordPrint(std::int64_t delegateId) {
    domain::BadgePrintRecord print;
    print.delegateId = delegateId;
    print.deviceId = m_kiosk.id;
    print.deviceName = m_kiosk.name;
    print.badgeVersion = 1;
    print.success = true;
    absl::StatusOr<domain::BadgePrintRecord> stored = m_store->recordPrint(print);
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.ok() ? stored->id : 0;
  }

  // Every page of a list from `request` on, as `call(request, page)` answers; at most 50 pages.
  template <typename Response, typename Request, typename Call>
  static std::vector<Response> pagesOf(Request request, const Call& call) {
    std::vector<Response> pages;
    do {
      Response page;
      const grpc::Status status = call(request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      request.set_page_token(page.next_page_token());
      pages.push_back(std::move(page));
    } while (!request.page_token().empty() && pages.size() < 50);
    return pages;
  }

  std::vector<v1::ListBadgeCodesResponse> codePages(v1::ListBadgeCodesRequest request) {
    return pagesOf<v1::ListBadgeCodesResponse>(request, [&](const auto& r, auto* page) {
      return m_delegates->ListBadgeCodes(as(m_adminToken).get(), r, page);
    });
  }

  v1::ListCheckInsResponse checkInsPage(std::int64_t delegateId, int pageSize, const std::string& token = "") {
    v1::ListCheckInsRequest request;
    request.set_delegate_id(delegateId);
    request.set_page_size(pageSize);
    request.set_page_token(token);
    v1::ListCheckInsResponse response;
    const grpc::Status status = m_delegates->ListCheckIns(as(m_adminToken).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // Each page's size (`sizeOf(page)`), and whether the page says another follows.
  template <typename Response, typename SizeOf>
  static std::vector<std::pair<int, bool>> shapeOf(const std::vector<Response>& pages, const SizeOf& sizeOf) {
    std::vector<std::pair<int, bool>> shape;
    for (const Response& page : pages) shape.emplace_back(sizeOf(page), !page.next_page_token().empty());
    return shape;
  }

  std::unique_ptr<v1::DelegateService::Stub> m_delegates;
  std::unique_ptr<v1::DeviceService::Stub> m_devices;
  int m_requests = 0;
};

using Shape = std::vector<std::pair<int, bool>>;

TEST_F(PagingTest, ListBadgeCodesPagesThroughEveryActiveDelegateOnceInIdOrder) {
  std::vector<std::int64_t> active = importDelegates(1, 24);
  v1::CancelDelegateRequest cancel;
  cancel.set_id(active[4]);
  v1::CancelDelegateResponse cancelled;
  ASSERT_TRUE(m_delegates->CancelDelegate(as(m_adminToken).get(), cancel, &cancelled).ok());
  active.erase(active.begin() + 4);

  v1::ListBadgeCodesRequest request;
  request.set_page_size(5);
  const std::vector<v1::ListBadgeCodesResponse> pages = codePages(request);

  EXPECT_EQ(shapeOf(pages, [](const auto& page) { return page.entries_size(); }),
            (Shape{{5, true}, {5, true}, {5, true}, {5, true}, {3, false}}));
  std::vector<std::int64_t> listed;
  for (const auto& page : pages) {
    for (const v1::BadgeCodeEntry& entry : page.entries()) {
      listed.push_back(entry.delegate_id());
      EXPECT_FALSE(entry.badge_code().empty());
    }
  }
  EXPECT_EQ(listed, active) << "every active delegate once, in id order; the cancelled one left out";
}

TEST_F(PagingTest, ListDevicesEndsOnAFullLastPageWithoutAnEmptyOneAfterIt) {
  for (int i = 2; i <= 8; ++i) {
    ASSERT_TRUE(m_store->createDevice("kiosk-" + std::to_string(i), domain::Role::Kiosk).ok());
  }
  const absl::StatusOr<std::vector<domain::Device>> devices = m_store->listDevices(domain::Page{});
  ASSERT_TRUE(devices.ok()) << devices.status();
  std::vector<std::int64_t> expected;
  for (const domain::Device& device : *devices) expected.push_back(device.id);
  ASSERT_EQ(expected.size(), 9U) << "admin, kiosk-1 and seven more";

  v1::ListDevicesRequest request;
  request.set_page_size(3);
  const std::vector<v1::ListDevicesResponse> pages = pagesOf<v1::ListDevicesResponse>(
      request, [&](const auto& r, auto* page) { return m_devices->ListDevices(as(m_adminToken).get(), r, page); });

  EXPECT_EQ(shapeOf(pages, [](const auto& page) { return page.devices_size(); }),
            (Shape{{3, true}, {3, true}, {3, false}}));
  std::vector<std::int64_t> listed;
  for (const auto& page : pages) {
    for (const v1::Device& device : page.devices()) listed.push_back(device.id());
  }
  EXPECT_EQ(listed, expected);
}

TEST_F(PagingTest, ListCheckInsPagesThroughOneDelegatesCheckInsOldestFirst) {
  const std::vector<std::int64_t> ids = importDelegates(1, 2);
  std::vector<std::int64_t> expected;
  for (int i = 0; i < 7; ++i) {
    expected.push_back(checkIn(ids[0]));
    if (i % 3 == 0) checkIn(ids[1]);  // Another delegate's, in between.
  }

  v1::ListCheckInsRequest request;
  request.set_delegate_id(ids[0]);
  request.set_page_size(3);
  const std::vector<v1::ListCheckInsResponse> pages = pagesOf<v1::ListCheckInsResponse>(
      request, [&](const auto& r, auto* page) { return m_delegates->ListCheckIns(as(m_adminToken).get(), r, page); });

  EXPECT_EQ(shapeOf(pages, [](const auto& page) { return page.check_ins_size(); }),
            (Shape{{3, true}, {3, true}, {1, false}}));
  std::vector<std::int64_t> listed;
  for (const auto& page : pages) {
    for (const v1::CheckInRecord& record : page.check_ins()) {
      listed.push_back(record.id());
      EXPECT_EQ(record.device_name(), "kiosk-1");
    }
  }
  EXPECT_EQ(listed, expected);
  EXPECT_EQ(pages[0].check_ins(0).outcome_code(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(pages[0].check_ins(1).outcome_code(), v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN);
}

TEST_F(PagingTest, ListBadgePrintsPagesThroughOneDelegatesPrintsOldestFirst) {
  const std::vector<std::int64_t> ids = importDelegates(1, 2);
  std::vector<std::int64_t> expected;
  for (int i = 0; i < 5; ++i) {
    expected.push_back(recordPrint(ids[0]));
    if (i == 2) recordPrint(ids[1]);
  }

  v1::ListBadgePrintsRequest request;
  request.set_delegate_id(ids[0]);
  request.set_page_size(2);
  const std::vector<v1::ListBadgePrintsResponse> pages = pagesOf<v1::ListBadgePrintsResponse>(
      request,
      [&](const auto& r, auto* page) { return m_delegates->ListBadgePrints(as(m_adminToken).get(), r, page); });

  EXPECT_EQ(shapeOf(pages, [](const auto& page) { return page.prints_size(); }),
            (Shape{{2, true}, {2, true}, {1, false}}));
  std::vector<std::int64_t> listed;
  for (const auto& page : pages) {
    for (const v1::BadgePrintRecord& print : page.prints()) {
      listed.push_back(print.id());
      EXPECT_TRUE(print.success());
      EXPECT_EQ(print.badge_version(), 1);
    }
  }
  EXPECT_EQ(listed, expected);
}

TEST_F(PagingTest, PageSizeZeroIsTheDefaultOfAHundredAndAboveAThousandIsAThousand) {
  importDelegates(1, 1001);

  v1::ListBadgeCodesRequest request;
  v1::ListBadgeCodesResponse byDefault;
  ASSERT_TRUE(m_delegates->ListBadgeCodes(as(m_adminToken).get(), request, &byDefault).ok());
  request.set_page_size(5000);
  v1::ListBadgeCodesResponse capped;
  ASSERT_TRUE(m_delegates->ListBadgeCodes(as(m_adminToken).get(), request, &capped).ok());
  request.set_page_token(capped.next_page_token());
  v1::ListBadgeCodesResponse rest;
  ASSERT_TRUE(m_delegates->ListBadgeCodes(as(m_adminToken).get(), request, &rest).ok());

  EXPECT_EQ(byDefault.entries_size(), 100);
  EXPECT_FALSE(byDefault.next_page_token().empty());
  EXPECT_EQ(capped.entries_size(), 1000);
  EXPECT_FALSE(capped.next_page_token().empty());
  ASSERT_EQ(rest.entries_size(), 1);
  EXPECT_EQ(rest.entries(0).external_ref(), "P1001");
  EXPECT_TRUE(rest.next_page_token().empty());
}

TEST_F(PagingTest, ANegativePageSizeIsRefusedByEveryList) {
  const std::int64_t delegate = importDelegates(1, 1)[0];
  const std::string expected = "page_size must not be negative (0 asks for the default of 100)";
  const auto refused = [&](const grpc::Status& status) {
    return status.error_code() == grpc::StatusCode::INVALID_ARGUMENT && status.error_message() == expected;
  };

  v1::ListBadgeCodesRequest codes;
  codes.set_page_size(-1);
  v1::ListBadgeCodesResponse codesPage;
  EXPECT_TRUE(refused(m_delegates->ListBadgeCodes(as(m_adminToken).get(), codes, &codesPage)));
  v1::ListDevicesRequest devices;
  devices.set_page_size(-1);
  v1::ListDevicesResponse devicesPage;
  EXPECT_TRUE(refused(m_devices->ListDevices(as(m_adminToken).get(), devices, &devicesPage)));
  v1::ListCheckInsRequest checkIns;
  checkIns.set_delegate_id(delegate);
  checkIns.set_page_size(-1);
  v1::ListCheckInsResponse checkInsPage;
  EXPECT_TRUE(refused(m_delegates->ListCheckIns(as(m_adminToken).get(), checkIns, &checkInsPage)));
  v1::ListBadgePrintsRequest prints;
  prints.set_delegate_id(delegate);
  prints.set_page_size(-1);
  v1::ListBadgePrintsResponse printsPage;
  EXPECT_TRUE(refused(m_delegates->ListBadgePrints(as(m_adminToken).get(), prints, &printsPage)));
}

TEST_F(PagingTest, AForgedTokenIsRefused) {
  importDelegates(1, 3);
  for (const std::string& forged :
       {std::string("not a token"), absl::WebSafeBase64Escape("badge_codes"), absl::WebSafeBase64Escape("badge_codes:"),
        absl::WebSafeBase64Escape("badge_codes:two"), absl::WebSafeBase64Escape("badge_codes:-2"),
        absl::WebSafeBase64Escape("badge_codes:2x"), std::string(300, 'A')}) {
    v1::ListBadgeCodesRequest request;
    request.set_page_token(forged);
    v1::ListBadgeCodesResponse response;
    const grpc::Status status = m_delegates->ListBadgeCodes(as(m_adminToken).get(), request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << forged;
    EXPECT_EQ(status.error_message(), kForeignToken) << forged;
  }
}

TEST_F(PagingTest, ATokenOfAnotherListIsRefused) {
  ASSERT_TRUE(m_store->createDevice("kiosk-2", domain::Role::Kiosk).ok());
  const std::int64_t delegate = importDelegates(1, 3)[0];
  checkIn(delegate);
  checkIn(delegate);
  v1::ListDevicesRequest devices;
  devices.set_page_size(1);
  v1::ListDevicesResponse devicesPage;
  ASSERT_TRUE(m_devices->ListDevices(as(m_adminToken).get(), devices, &devicesPage).ok());
  ASSERT_FALSE(devicesPage.next_page_token().empty());
  const std::string checkInsToken = checkInsPage(delegate, 1).next_page_token();
  ASSERT_FALSE(checkInsToken.empty());

  v1::ListBadgeCodesRequest codes;
  codes.set_page_token(devicesPage.next_page_token());
  v1::ListBadgeCodesResponse codesPage;
  const grpc::Status devicesTokenForCodes = m_delegates->ListBadgeCodes(as(m_adminToken).get(), codes, &codesPage);
  v1::ListBadgePrintsRequest prints;
  prints.set_delegate_id(delegate);
  prints.set_page_token(checkInsToken);
  v1::ListBadgePrintsResponse printsPage;
  const grpc::Status checkInsTokenForPrints = m_delegates->ListBadgePrints(as(m_adminToken).get(), prints, &printsPage);

  EXPECT_EQ(devicesTokenForCodes.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(devicesTokenForCodes.error_message(), kForeignToken);
  EXPECT_EQ(checkInsTokenForPrints.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(checkInsTokenForPrints.error_message(), kForeignToken);
}

TEST_F(PagingTest, ACheckInsTokenOfOneDelegateIsRefusedForAnother) {
  // The first's id is a prefix of the eleventh's and twelfth's (1, 11, 12), and so is its list's name.
  const std::vector<std::int64_t> ids = importDelegates(1, 12);
  ASSERT_EQ(std::to_string(ids[10]).rfind(std::to_string(ids[0]), 0), 0U);
  for (const std::int64_t id : {ids[0], ids[10]}) {
    checkIn(id);
    checkIn(id);
  }
  const std::string firstsToken = checkInsPage(ids[0], 1).next_page_token();
  const std::string eleventhsToken = checkInsPage(ids[10], 1).next_page_token();
  ASSERT_FALSE(firstsToken.empty());
  ASSERT_FALSE(eleventhsToken.empty());

  for (const auto& [token, delegate] :
       {std::pair{firstsToken, ids[10]}, std::pair{eleventhsToken, ids[0]}, std::pair{firstsToken, ids[11]}}) {
    v1::ListCheckInsRequest request;
    request.set_delegate_id(delegate);
    request.set_page_token(token);
    v1::ListCheckInsResponse response;
    const grpc::Status status = m_delegates->ListCheckIns(as(m_adminToken).get(), request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << "delegate " << delegate;
    EXPECT_EQ(status.error_message(), kForeignToken);
  }
  EXPECT_EQ(checkInsPage(ids[0], 1, firstsToken).check_ins_size(), 1) << "for its own delegate it reads on";
}

TEST_F(PagingTest, ItemsAddedBetweenPagesComeOnLaterPagesWithoutDuplicates) {
  const std::vector<std::int64_t> first = importDelegates(1, 4);
  v1::ListBadgeCodesRequest request;
  request.set_page_size(3);
  v1::ListBadgeCodesResponse page1;
  ASSERT_TRUE(m_delegates->ListBadgeCodes(as(m_adminToken).get(), request, &page1).ok());
  const std::vector<std::int64_t> added = importDelegates(5, 3);
  request.set_page_token(page1.next_page_token());
  const std::vector<v1::ListBadgeCodesResponse> rest = codePages(request);

  std::vector<std::int64_t> listed;
  for (const v1::BadgeCodeEntry& entry : page1.entries()) listed.push_back(entry.delegate_id());
  for (const auto& page : rest) {
    for (const v1::BadgeCodeEntry& entry : page.entries()) listed.push_back(entry.delegate_id());
  }
  std::vector<std::int64_t> expected = first;
  expected.insert(expected.end(), added.begin(), added.end());
  EXPECT_EQ(listed, expected);

  const std::int64_t delegate = first[0];
  std::vector<std::int64_t> checkIns = {checkIn(delegate), checkIn(delegate), checkIn(delegate)};
  const v1::ListCheckInsResponse checkIns1 = checkInsPage(delegate, 2);
  checkIns.push_back(checkIn(delegate));
  checkIns.push_back(checkIn(delegate));
  const v1::ListCheckInsResponse checkIns2 = checkInsPage(delegate, 2, checkIns1.next_page_token());
  const v1::ListCheckInsResponse checkIns3 = checkInsPage(delegate, 2, checkIns2.next_page_token());
  std::vector<std::int64_t> listedCheckIns;
  for (const auto* page : {&checkIns1, &checkIns2, &checkIns3}) {
    for (const v1::CheckInRecord& record : page->check_ins()) listedCheckIns.push_back(record.id());
  }
  EXPECT_EQ(listedCheckIns, checkIns);
  EXPECT_TRUE(checkIns3.next_page_token().empty());
}

TEST_F(PagingTest, HistoryListsNeedAKnownDelegateAndAStaffRole) {
  const std::int64_t delegate = importDelegates(1, 1)[0];
  v1::ListCheckInsRequest checkIns;
  v1::ListCheckInsResponse checkInsPage;
  EXPECT_EQ(m_delegates->ListCheckIns(as(m_adminToken).get(), checkIns, &checkInsPage).error_message(),
            "delegate_id is required");
  checkIns.set_delegate_id(delegate + 1000);
  EXPECT_EQ(m_delegates->ListCheckIns(as(m_adminToken).get(), checkIns, &checkInsPage).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ListBadgePrintsRequest prints;
  prints.set_delegate_id(delegate + 1000);
  v1::ListBadgePrintsResponse printsPage;
  EXPECT_EQ(m_delegates->ListBadgePrints(as(m_adminToken).get(), prints, &printsPage).error_code(),
            grpc::StatusCode::NOT_FOUND);

  checkIns.set_delegate_id(delegate);
  prints.set_delegate_id(delegate);
  EXPECT_EQ(m_delegates->ListCheckIns(as(m_kioskToken).get(), checkIns, &checkInsPage).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(m_delegates->ListBadgePrints(as(m_kioskToken).get(), prints, &printsPage).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  const std::string organiser = m_store->createDevice("organiser", domain::Role::Organiser)->token;
  EXPECT_TRUE(m_delegates->ListCheckIns(as(organiser).get(), checkIns, &checkInsPage).ok());
  EXPECT_TRUE(m_delegates->ListBadgePrints(as(organiser).get(), prints, &printsPage).ok());
}

}  // namespace
}  // namespace lanyard::server::rpc
