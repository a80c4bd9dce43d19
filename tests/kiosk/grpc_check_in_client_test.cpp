// The real GrpcCheckInClient against a real `lanyard-server demo` on 127.0.0.1:0: what the kiosk's
// calls turn the server's answers into.

#include "grpc_check_in_client.h"

#include <gtest/gtest.h>

#include <QtCore/QDateTime>
#include <QtCore/QTemporaryDir>
#include <fstream>
#include <optional>

#include "server_process.h"
#include "test_support.h"

namespace lanyard::client {
namespace {

using kiosk::testing::waitUntil;

constexpr int kDeadlineMs = 20000;

class GrpcCheckInClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    const std::string db = dir.filePath(QStringLiteral("demo.db")).toStdString();
    server = std::make_unique<e2e::ServerProcess>(
        e2e::ProcessOptions{{LANYARD_SERVER_BINARY, "demo", "--db", db, "--listen", "127.0.0.1:0"}, {}, {}});
    std::ifstream tokens(db + ".tokens");
    std::string name, value;
    while (tokens >> name >> value) {
      if (name == "kiosk-entrance-1") kioskToken = value;
    }
    ASSERT_FALSE(kioskToken.empty()) << "no kiosk-entrance-1 token in " << db << ".tokens";
    ConnectionOptions options;
    options.address = QString::fromStdString(server->loopbackAddress());
    options.token = QString::fromStdString(kioskToken);
    client = std::make_unique<GrpcCheckInClient>(options);
  }

  template <typename T, typename Call>
  Reply<T> await(Call call) {
    return kiosk::testing::awaitReply<T>(call, kDeadlineMs);
  }

  QTemporaryDir dir;
  std::unique_ptr<e2e::ServerProcess> server;
  std::string kioskToken;
  std::unique_ptr<GrpcCheckInClient> client;
};

// The demo's imported ticket codes are pretix secrets of 32 characters, shorter than badge codes.
TEST_F(GrpcCheckInClientTest, TheEventTellsTheShortestCodeLength) {
  const Reply<EventInfo> event =
      await<EventInfo>([&](QObject* context, auto done) { client->getEvent(context, done); });
  ASSERT_TRUE(event.ok()) << event.error->message.toStdString();
  EXPECT_EQ(event.value.shortestCodeLength, 32);
}

// The demo has two people named Jan Novák.
TEST_F(GrpcCheckInClientTest, ASearchSaysWhetherMoreMatchThanItReturns) {
  const Reply<SearchResult> first = await<SearchResult>(
      [&](QObject* context, auto done) { client->searchDelegates(QStringLiteral("jan novak"), 1, context, done); });
  ASSERT_TRUE(first.ok()) << first.error->message.toStdString();
  ASSERT_EQ(first.value.matches.size(), 1);
  EXPECT_EQ(first.value.matches.constFirst().displayName, QStringLiteral("Jan N."));
  EXPECT_TRUE(first.value.more);

  const Reply<SearchResult> both = await<SearchResult>(
      [&](QObject* context, auto done) { client->searchDelegates(QStringLiteral("jan novak"), 10, context, done); });
  ASSERT_TRUE(both.ok()) << both.error->message.toStdString();
  EXPECT_EQ(both.value.matches.size(), 2);
  EXPECT_FALSE(both.value.more);
}

// Typed from a Latin keyboard, "darwish" finds the demo's محمد درويش by the Latin spelling he gave,
// and his badge carries it beneath his name.
TEST_F(GrpcCheckInClientTest, ABadgeCarriesTheDelegatesOwnLatinSpelling) {
  const Reply<SearchResult> found = await<SearchResult>(
      [&](QObject* context, auto done) { client->searchDelegates(QStringLiteral("darwish"), 10, context, done); });
  ASSERT_TRUE(found.ok()) << found.error->message.toStdString();
  qint64 id = 0;
  for (const DelegateSummary& match : found.value.matches) {
    if (match.givenName == QStringLiteral("محمد")) id = match.id;
  }
  ASSERT_NE(id, 0) << "محمد درويش not found by \"darwish\"";

  CheckInRequest request;
  request.requestId = QStringLiteral("latin-name-1");
  request.scanTimeUs = QDateTime::currentMSecsSinceEpoch() * 1000;
  request.delegateId = id;
  request.proof = QStringLiteral("moha");  // The first letters of mohammad.darwish@example.org.
  const Reply<CheckInResult> result =
      await<CheckInResult>([&](QObject* context, auto done) { client->checkIn(request, context, done); });
  ASSERT_TRUE(result.ok()) << result.error->message.toStdString();
  ASSERT_EQ(result.value.outcome, CheckInOutcome::Admitted);
  ASSERT_TRUE(result.value.badge.has_value());
  EXPECT_EQ(result.value.badge->familyName, QStringLiteral("درويش"));
  EXPECT_EQ(result.value.badge->latinName, QStringLiteral("Mohammad Darwish"));
}

}  // namespace
}  // namespace lanyard::client
