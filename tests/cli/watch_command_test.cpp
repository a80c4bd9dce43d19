#include "cli/watch_command.h"

#include <google/protobuf/util/json_util.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <regex>
#include <streambuf>

#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "rpc/server.h"
#include "support/all_pages.h"
#include "support/import_upload.h"
#include "support/server_fixture.h"

namespace lanyard::cli {
namespace {

namespace domain = lanyard::server::domain;
namespace rpc = lanyard::server::rpc;

constexpr char kDelegatesCsv[] =
    "external_ref,given_name,family_name,city,category\n"
    "D1,Antonín,Dvořák,Prague,delegate\n"
    "D2,Simona,Bieliūnė,Vilnius,speaker\n"
    "D3,Тарас,Шевченко,Kyiv,city_official\n";

// Output a command writes on one thread while the test reads it on another.
class SharedOutput : public std::streambuf {
 public:
  std::string text() {
    std::lock_guard lock(m_mutex);
    return m_text;
  }
  // Waits until the output contains `needle`; false at the deadline.
  bool waitFor(const std::string& needle, std::chrono::seconds within = std::chrono::seconds(60)) {
    std::unique_lock lock(m_mutex);
    return m_grew.wait_for(lock, within, [&] { return m_text.find(needle) != std::string::npos; });
  }

 protected:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) append(std::string(1, traits_type::to_char_type(c)));
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    append(std::string(s, static_cast<std::size_t>(n)));
    return n;
  }

 private:
  void append(const std::string& more) {
    {
      std::lock_guard lock(m_mutex);
      m_text += more;
    }
    m_grew.notify_all();
  }
  std::mutex m_mutex;
  std::condition_variable m_grew;
  std::string m_text;
};

class WatchCommandTest : public lanyard::testing::ServerFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ServerFixture::SetUp());
    v1::ImportDelegatesResponse response;
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + m_adminToken);
    ASSERT_TRUE(lanyard::testing::importDelegates(*v1::DelegateService::NewStub(m_channel), context, kDelegatesCsv, "",
                                                  &response)
                    .ok());
    v1::ListBadgeCodesResponse codes;
    ASSERT_TRUE(
        lanyard::testing::allPages(v1::ListBadgeCodesRequest(), &codes, [&](const auto& pageRequest, auto* page) {
          grpc::ClientContext codesContext;
          codesContext.AddMetadata("authorization", "Bearer " + m_adminToken);
          return v1::DelegateService::NewStub(m_channel)->ListBadgeCodes(&codesContext, pageRequest, page);
        }).ok());
    for (const auto& entry : codes.entries()) m_codes[entry.external_ref()] = entry.badge_code();
  }

  Invocation invocation(const std::string& token, std::map<std::string, std::string> options = {}) {
    Invocation call;
    call.channel = m_channel;
    call.token = token;
    call.json = options.count("json") != 0;
    call.options = std::move(options);
    call.out = &m_out;
    call.err = &m_err;
    return call;
  }

  void checkIn(const std::string& ref, v1::Direction direction = v1::DIRECTION_IN) {
    v1::CheckInRequest request;
    request.set_request_id("r" + std::to_string(++m_requests));
    request.set_scan_time_us(domain::systemClock()());
    request.set_direction(direction);
    request.set_code(m_codes[ref]);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + m_kioskToken);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    context.set_wait_for_ready(true);  // The channel may still be reconnecting after a restart.
    v1::CheckInResponse response;
    ASSERT_TRUE(v1::CheckInService::NewStub(m_channel)->CheckIn(&context, request, &response).ok());
  }

  static std::vector<std::int64_t> activityNumbers(const std::string& text) {
    static const std::regex kLine(R"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  #(\d+) )");
    std::vector<std::int64_t> numbers;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      std::smatch match;
      if (std::regex_search(line, match, kLine)) numbers.push_back(std::stoll(match[1]));
    }
    return numbers;
  }

  std::map<std::string, std::string> m_codes;
  int m_requests = 0;
  SharedOutput m_outBuffer;
  SharedOutput m_errBuffer;
  std::ostream m_out{&m_outBuffer};
  std::ostream m_err{&m_errBuffer};
};

TEST_F(WatchCommandTest, WatchShowsEachActivityAndResumesAcrossAServerRestart) {
  Invocation call = invocation(m_adminToken, {{"limit", "4"}});
  std::future<int> watching = std::async(std::launch::async, [&] { return runWatch(call); });
  ASSERT_TRUE(m_outBuffer.waitFor("-- ")) << "no snapshot line";
  checkIn("D1");
  ASSERT_TRUE(m_outBuffer.waitFor("Dvořák")) << m_outBuffer.text();

  // Same file, same port: the watch notices, says so, and carries on where it was.
  rpc::ServerOptions samePort = loopback();
  samePort.listen = address();
  stopServer();
  ASSERT_TRUE(m_errBuffer.waitFor("reconnecting...")) << m_errBuffer.text();
  startServer(samePort);
  checkIn("D2");
  checkIn("D3");
  checkIn("D1", v1::DIRECTION_OUT);

  ASSERT_EQ(watching.wait_for(std::chrono::seconds(90)), std::future_status::ready) << m_errBuffer.text();
  EXPECT_EQ(watching.get(), 0);
  const std::string out = m_outBuffer.text();
  const std::vector<std::int64_t> numbers = activityNumbers(out);
  ASSERT_EQ(numbers.size(), 4u) << out;
  for (std::size_t i = 1; i < numbers.size(); ++i) EXPECT_EQ(numbers[i], numbers[0] + static_cast<int>(i)) << out;
  EXPECT_NE(out.find("entrance in   ADMITTED  Antonín Dvořák (delegate, Prague)"), std::string::npos) << out;
  EXPECT_NE(out.find("Тарас Шевченко"), std::string::npos) << out;
  EXPECT_NE(out.find("entrance out  CHECKED_OUT"), std::string::npos) << out;
  EXPECT_NE(m_errBuffer.text().find("reconnected, resuming after #" + std::to_string(numbers[0])), std::string::npos)
      << m_errBuffer.text();
}

TEST_F(WatchCommandTest, WatchAsAKioskIsRefused) {
  Invocation call = invocation(m_kioskToken);
  EXPECT_EQ(runWatch(call), 1);
  EXPECT_NE(m_errBuffer.text().find("PERMISSION_DENIED"), std::string::npos) << m_errBuffer.text();
}

TEST_F(WatchCommandTest, WatchRejectsABadAfter) {
  Invocation call = invocation(m_adminToken, {{"after", "-3"}});
  EXPECT_EQ(runWatch(call), 2);
}

TEST_F(WatchCommandTest, WatchFromZeroPrintsJsonLines) {
  checkIn("D1");
  Invocation call = invocation(m_adminToken, {{"after", "0"}, {"limit", "2"}, {"json", "true"}});
  ASSERT_EQ(runWatch(call), 0);
  std::istringstream lines(m_outBuffer.text());
  std::string line;
  std::vector<v1::WatchAttendanceResponse> events;
  while (std::getline(lines, line)) {
    v1::WatchAttendanceResponse event;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &event).ok()) << line;
    events.push_back(event);
  }
  ASSERT_EQ(events.size(), 2u) << m_outBuffer.text();
  EXPECT_TRUE(events[0].has_snapshot());
  ASSERT_EQ(events[1].activities().activities_size(), 2);
  EXPECT_EQ(events[1].activities().activities(0).kind(), v1::ACTIVITY_KIND_DELEGATES_IMPORTED);
  EXPECT_EQ(events[1].activities().activities(1).check_in().outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
}

TEST_F(WatchCommandTest, StatsShowsTheSummaryForPeopleAndAsJson) {
  checkIn("D1");
  checkIn("D2");
  Invocation people = invocation(m_adminToken);
  ASSERT_EQ(runStats(people), 0) << m_errBuffer.text();
  const std::string text = m_outBuffer.text();
  EXPECT_NE(text.find("registered         3"), std::string::npos) << text;
  EXPECT_NE(text.find("checked in         2"), std::string::npos) << text;
  EXPECT_NE(text.find("inside now         2"), std::string::npos) << text;
  EXPECT_NE(text.find("kiosk-1"), std::string::npos) << text;
  EXPECT_NE(text.find("(Europe/Prague)"), std::string::npos) << text;

  SharedOutput jsonBuffer;
  std::ostream json(&jsonBuffer);
  Invocation machine = invocation(m_adminToken, {{"json", "true"}});
  machine.out = &json;
  ASSERT_EQ(runStats(machine), 0);
  v1::AttendanceSummary summary;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(jsonBuffer.text(), &summary).ok()) << jsonBuffer.text();
  EXPECT_EQ(summary.checked_in(), 2);
  EXPECT_EQ(summary.no_shows(), 1);
}

TEST(FormatActivityTest, SaysWhoWhereAndWhatInOneLine) {
  absl::TimeZone prague;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Prague", &prague));
  v1::Activity a;
  a.set_sequence(42);
  a.set_kind(v1::ACTIVITY_KIND_CHECK_IN);
  a.set_time_us(1'778'569'200LL * 1'000'000);  // 09:00 in Prague.
  a.set_device_name("kiosk-entrance-1");
  a.mutable_delegate()->set_given_name("Simona");
  a.mutable_delegate()->set_family_name("Bieliūnė");
  a.mutable_delegate()->set_category("speaker");
  a.mutable_delegate()->set_city("Vilnius");
  a.mutable_check_in()->set_session_id(3);
  a.mutable_check_in()->set_direction(v1::DIRECTION_IN);
  a.mutable_check_in()->set_outcome(v1::CHECK_IN_OUTCOME_SESSION_FULL);
  a.mutable_check_in()->set_check_in_id(17);
  EXPECT_EQ(formatActivity(a, prague),
            "2026-05-12 09:00:00  #42  kiosk-entrance-1      session #3 in   SESSION_FULL  "
            "Simona Bieliūnė (speaker, Vilnius)  (check-in 17)");
  v1::Activity print;
  print.set_sequence(43);
  print.set_kind(v1::ACTIVITY_KIND_BADGE_PRINT);
  print.set_time_us(a.time_us());
  print.mutable_badge_print()->set_error("media-empty");
  EXPECT_NE(formatActivity(print, prague).find("badge print FAILED (media-empty)"), std::string::npos);
}

}  // namespace
}  // namespace lanyard::cli
