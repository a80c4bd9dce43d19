// `lanyard delegate export`: what a delegate asking for their data gets, through the real server.

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "domain/badge_code.h"
#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "support/server_fixture.h"

namespace lanyard::cli {
namespace {

namespace fs = std::filesystem;
namespace domain = lanyard::server::domain;
using google::protobuf::Struct;
using google::protobuf::Value;

constexpr char kDelegatesCsv[] =
    "external_ref,given_name,family_name,city,category,email,sessions\n"
    "D1,Antonín,Dvořák,Prague,delegate,antonin@praha.example,S1\n"
    "D2,Тарас,Шевченко,Kyiv,delegate,taras@kyiv.example,\n";

class DelegateExportTest : public lanyard::testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    m_organiserToken = tokenFor("organiser", domain::Role::Organiser);
    domain::Session plenary;
    plenary.externalRef = "S1";
    plenary.title = "Morning plenary";
    plenary.room = "Hall";
    plenary.startUs = domain::systemClock()() + 3'600'000'000LL;
    plenary.endUs = plenary.startUs + 3'600'000'000LL;
    ASSERT_TRUE(m_store->importSessions({plenary}).ok());
    ASSERT_TRUE(importIntoStore(kDelegatesCsv).ok());
    m_checkIn = v1::CheckInService::NewStub(m_channel);
  }

  std::int64_t idOf(const std::string& ref) { return m_store->delegateByExternalRef(ref)->id; }

  std::string codeOf(const std::string& ref) {
    absl::StatusOr<domain::BadgeSigner> signer = domain::signerForEvent(m_store->event());
    EXPECT_TRUE(signer.ok());
    return *domain::badgeCodeFor(*signer, *m_store->delegateByExternalRef(ref));
  }

  // A scan at the entrance by the kiosk; `offline` uploads one the kiosk admitted while offline.
  void scan(const std::string& ref, const std::string& requestId, bool offline = false) {
    v1::CheckInRequest request;
    request.set_request_id(requestId);
    request.set_code(codeOf(ref));
    request.set_direction(v1::DIRECTION_IN);
    request.set_scan_time_us(domain::systemClock()() - (offline ? 1'000'000 : 0));
    if (offline) {
      request.mutable_offline()->set_outcome(v1::CHECK_IN_OUTCOME_ADMITTED);
    }
    v1::CheckInResponse response;
    const grpc::Status status = m_checkIn->CheckIn(as(m_kioskToken).get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // Runs `lanyard delegate export WORDS...` with `token`; returns the exit status.
  int exportDelegate(std::vector<std::string> words, const std::string& token) {
    m_out.str("");
    m_err.str("");
    Invocation call;
    call.channel = m_channel;
    call.token = token;
    call.out = &m_out;
    call.err = &m_err;
    words.insert(words.begin(), {"delegate", "export"});
    return runCommand(words, call);
  }

  static Struct parsed(const std::string& json) {
    Struct document;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &document).ok()) << json;
    return document;
  }

  static std::string readFile(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  }

  std::string m_organiserToken;
  std::unique_ptr<v1::CheckInService::Stub> m_checkIn;
  std::ostringstream m_out;
  std::ostringstream m_err;
};

TEST_F(DelegateExportTest, WritesEverythingHeldAboutOneDelegateForTheRequestersEyesOnly) {
  ASSERT_NO_FATAL_FAILURE(scan("D1", "d1-in"));
  ASSERT_NO_FATAL_FAILURE(scan("D2", "d2-in"));
  v1::RecordBadgePrintRequest print;
  print.set_delegate_id(idOf("D1"));
  print.set_success(true);
  print.set_printer("badges");
  v1::RecordBadgePrintResponse printed;
  ASSERT_TRUE(m_checkIn->RecordBadgePrint(as(m_kioskToken).get(), print, &printed).ok());

  const std::string id = std::to_string(idOf("D1"));
  const fs::path file = fs::path(eventFile()).parent_path() / "antonin.json";
  ASSERT_EQ(exportDelegate({id, "-o", file.string()}, m_organiserToken), 0) << m_err.str();
  EXPECT_EQ(m_out.str(), "wrote everything held about #" + id + " (1 check-in, 1 badge print, 0 conflicts) to " +
                             file.string() + "\n");
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_FALSE(fs::exists(file.string() + ".part"));

  const Struct document = parsed(readFile(file));
  const auto& fields = document.fields();
  EXPECT_EQ(fields.at("event").string_value(), "Integrating Cities");
  EXPECT_NE(fields.at("about").string_value().find("delegate #" + id + ", as of "), std::string::npos);
  const auto& delegate = fields.at("delegate").struct_value().fields();
  EXPECT_EQ(delegate.at("family_name").string_value(), "Dvořák");
  EXPECT_EQ(delegate.at("email").string_value(), "antonin@praha.example");
  ASSERT_EQ(fields.at("registered_sessions").list_value().values_size(), 1);
  EXPECT_EQ(fields.at("registered_sessions").list_value().values(0).struct_value().fields().at("title").string_value(),
            "Morning plenary");
  ASSERT_EQ(fields.at("check_ins").list_value().values_size(), 1) << "D2's check-in is not D1's";
  EXPECT_EQ(fields.at("check_ins").list_value().values(0).struct_value().fields().at("outcome_code").string_value(),
            "CHECK_IN_OUTCOME_ADMITTED");
  EXPECT_EQ(fields.at("badge_prints").list_value().values_size(), 1);
  EXPECT_EQ(fields.at("conflicts").list_value().values_size(), 0);
  EXPECT_EQ(fields.at("also_held").list_value().values_size(), 4);

  // Without -o, the same document on stdout.
  ASSERT_EQ(exportDelegate({id}, m_organiserToken), 0) << m_err.str();
  EXPECT_EQ(parsed(m_out.str()).fields().at("check_ins").list_value().values_size(), 1);
}

TEST_F(DelegateExportTest, HoldsTheConflictsAboutTheDelegate) {
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D2")).ok());
  ASSERT_NO_FATAL_FAILURE(scan("D2", "d2-offline", /*offline=*/true));
  ASSERT_EQ(exportDelegate({std::to_string(idOf("D2"))}, m_adminToken), 0) << m_err.str();
  const Struct document = parsed(m_out.str());
  ASSERT_EQ(document.fields().at("conflicts").list_value().values_size(), 1);
  EXPECT_EQ(document.fields().at("registered_sessions").list_value().values_size(), 0);
  ASSERT_EQ(exportDelegate({std::to_string(idOf("D1"))}, m_adminToken), 0) << m_err.str();
  EXPECT_EQ(parsed(m_out.str()).fields().at("conflicts").list_value().values_size(), 0);
}

TEST_F(DelegateExportTest, RefusesAKioskAnUnknownDelegateAndAFolder) {
  const fs::path file = fs::path(eventFile()).parent_path() / "export.json";
  EXPECT_EQ(exportDelegate({std::to_string(idOf("D1")), "-o", file.string()}, m_kioskToken), 1);
  EXPECT_NE(m_err.str().find("PERMISSION_DENIED"), std::string::npos) << m_err.str();
  EXPECT_FALSE(fs::exists(file));
  EXPECT_EQ(exportDelegate({"9999", "-o", file.string()}, m_organiserToken), 1);
  EXPECT_NE(m_err.str().find("NOT_FOUND"), std::string::npos) << m_err.str();
  EXPECT_FALSE(fs::exists(file));
  EXPECT_EQ(exportDelegate({"1", "-o", fs::path(eventFile()).parent_path().string()}, m_organiserToken), 2);
  EXPECT_NE(m_err.str().find("is a folder"), std::string::npos) << m_err.str();
  EXPECT_EQ(exportDelegate({}, m_organiserToken), 2);
  EXPECT_NE(m_err.str().find("usage: lanyard delegate export ID [-o FILE]"), std::string::npos) << m_err.str();
}

}  // namespace
}  // namespace lanyard::cli
