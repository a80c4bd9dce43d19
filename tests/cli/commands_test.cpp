// `lanyard` commands over lists longer than one page, against a real server on loopback.

#include "cli/commands.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "rpc/server.h"
#include "storage/sqlite_event_store.h"
#include "support/server_fixture.h"
#include "support/test_event.h"

namespace lanyard::cli {
namespace {

namespace domain = lanyard::server::domain;
namespace rpc = lanyard::server::rpc;
namespace storage = lanyard::server::storage;

// More than the 1000 a page holds at most.
constexpr int kBeyondOnePage = 1003;

// Lines of `text` that contain `needle`.
int linesWith(const std::string& text, const std::string& needle) {
  int count = 0;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) count += line.find(needle) != std::string::npos ? 1 : 0;
  return count;
}

class CommandsTest : public lanyard::testing::ServerFixture {
 protected:
  // Imports delegates P1 ... P<count>, all in one transaction.
  void importDelegates(int count) {
    domain::DelegateImport data;
    for (int i = 1; i <= count; ++i) {
      domain::Delegate d;
      d.externalRef = "P" + std::to_string(i);
      d.givenName = "Given";
      d.familyName = "Family" + std::to_string(i);
      d.email = "p" + std::to_string(i) + "@example.org";
      d.category = "delegate";
      data.delegates.push_back(std::move(d));
    }
    ASSERT_TRUE(m_store->importDelegates(std::move(data)).ok());
  }

  // Calls `write(i)` for i in [0, count) from several threads, so that the store commits the
  // writes together rather than one fsync each.
  static void inParallel(int count, const std::function<void(int)>& write) {
    constexpr int kThreads = 16;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = t; i < count; i += kThreads) write(i);
      });
    }
    for (std::thread& thread : threads) thread.join();
  }

  // Logs `count` check-ins of the delegate at the entrance by kiosk-1.
  void checkIns(std::int64_t delegateId, int count) {
    inParallel(count, [&](int i) {
      domain::CheckInCommand command;
      command.deviceId = m_kiosk.id;
      command.requestId = "r" + std::to_string(i);
      command.scanTimeUs = domain::systemClock()();
      command.subject = domain::subject::Badge{delegateId, 1};
      EXPECT_TRUE(m_store->checkIn(command).ok());
    });
  }

  // Records `count` successful prints of the delegate's badge by kiosk-1.
  void prints(std::int64_t delegateId, int count) {
    inParallel(count, [&](int) {
      domain::BadgePrintRecord print;
      print.delegateId = delegateId;
      print.deviceId = m_kiosk.id;
      print.badgeVersion = 1;
      print.success = true;
      EXPECT_TRUE(m_store->recordPrint(print).ok());
    });
  }

  // Runs `lanyard WORDS...` as the admin; returns its exit code.
  int run(const std::vector<std::string>& words, bool json = false) {
    m_out.str("");
    m_err.str("");
    Invocation invocation;
    invocation.channel = m_channel;
    invocation.token = m_adminToken;
    invocation.json = json;
    invocation.out = &m_out;
    invocation.err = &m_err;
    return runCommand(words, invocation);
  }

  std::ostringstream m_out;
  std::ostringstream m_err;
};

TEST_F(CommandsTest, CodesWritesEveryActiveDelegateBeyondOnePage) {
  importDelegates(kBeyondOnePage);
  const std::int64_t cancelled = m_store->delegateByExternalRef("P7")->id;
  ASSERT_TRUE(m_store->cancelDelegate(cancelled).ok());

  ASSERT_EQ(run({"codes"}), 0) << m_err.str();

  const std::string csv = m_out.str();
  EXPECT_EQ(csv.rfind("delegate_id,external_ref,given_name,family_name,email,badge_code\r\n", 0), 0U)
      << csv.substr(0, 200);
  EXPECT_EQ(linesWith(csv, "@example.org,"), kBeyondOnePage - 1) << "every active delegate once";
  EXPECT_EQ(linesWith(csv, ",P7,"), 0) << "the cancelled one is left out";
  EXPECT_EQ(linesWith(csv, ",P1,"), 1);
  EXPECT_EQ(linesWith(csv, "," + std::string("P") + std::to_string(kBeyondOnePage) + ","), 1) << "the last page";
}

TEST_F(CommandsTest, DelegateShowPrintsEveryCheckInAndPrintBeyondOnePage) {
  importDelegates(1);
  const std::int64_t id = m_store->delegateByExternalRef("P1")->id;
  checkIns(id, kBeyondOnePage);
  prints(id, kBeyondOnePage + 1);

  ASSERT_EQ(run({"delegate", "show", std::to_string(id)}), 0) << m_err.str();

  const std::string shown = m_out.str();
  EXPECT_EQ(linesWith(shown, "  entrance in  ADMITTED  kiosk-1"), 1) << shown.substr(0, 2000);
  EXPECT_EQ(linesWith(shown, "  entrance in  ALREADY_CHECKED_IN  kiosk-1"), kBeyondOnePage - 1);
  EXPECT_EQ(linesWith(shown, "  version 1  printed  kiosk-1"), kBeyondOnePage + 1);
}

TEST_F(CommandsTest, DelegateShowJsonIsOneObjectWithTheWholeHistory) {
  importDelegates(1);
  const std::int64_t id = m_store->delegateByExternalRef("P1")->id;
  checkIns(id, kBeyondOnePage);
  prints(id, 2);

  ASSERT_EQ(run({"delegate", "show", std::to_string(id)}, /*json=*/true), 0) << m_err.str();

  google::protobuf::Struct shown;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(m_out.str(), &shown).ok()) << m_out.str().substr(0, 500);
  const auto& fields = shown.fields();
  ASSERT_EQ(fields.count("delegate"), 1U);
  EXPECT_EQ(fields.at("delegate").struct_value().fields().at("external_ref").string_value(), "P1");
  ASSERT_EQ(fields.count("check_ins"), 1U);
  EXPECT_EQ(fields.at("check_ins").list_value().values_size(), kBeyondOnePage);
  ASSERT_EQ(fields.count("prints"), 1U);
  EXPECT_EQ(fields.at("prints").list_value().values_size(), 2);
  EXPECT_EQ(fields.count("next_page_token"), 0U);
}

TEST_F(CommandsTest, TokenListListsEveryDeviceBeyondOnePage) {
  inParallel(kBeyondOnePage,
             [&](int i) { EXPECT_TRUE(m_store->createDevice("door-" + std::to_string(i), domain::Role::Kiosk).ok()); });

  ASSERT_EQ(run({"token", "list"}), 0) << m_err.str();

  const std::string listed = m_out.str();
  EXPECT_EQ(linesWith(listed, "  door-"), kBeyondOnePage);
  EXPECT_EQ(linesWith(listed, "  door-0 "), 1);
  EXPECT_EQ(linesWith(listed, "  door-" + std::to_string(kBeyondOnePage - 1) + " "), 1);
  EXPECT_EQ(linesWith(listed, "  kiosk-1 "), 1);
}

}  // namespace
}  // namespace lanyard::cli
