// ReplicaService over the real server on loopback: the first copy, changes after it, long-polls,
// access, cursors, and what the replica never carries in the clear.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <set>

#include "domain/badge_seal.h"
#include "domain/check_in.h"
#include "domain/search_key.h"
#include "lanyard/v1/check_in_service.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"
#include "lanyard/v1/replica_service.grpc.pb.h"
#include "rpc/replica_cursor.h"
#include "support/server_fixture.h"

namespace lanyard::server::rpc {
namespace {

using ::testing::ElementsAreArray;

// Family names of five letters or more, so that finding one in the response bytes is no accident.
constexpr char kDelegatesCsv[] =
    "external_ref,given_name,family_name,latin_name,organisation,city,country,category,email,language,ticket_code\n"
    "D1,Antonín,Dvořák,,Magistrát hlavního města Prahy,Prague,CZ,delegate,antonin.dvorak@praha.example,cs,"
    "PRETIX-aaaa-1111\n"
    "D2,Simona,Bieliūnė,,City of Vilnius,Vilnius,LT,speaker,simona.bieliune@vilnius.example,lt,\n"
    "D3,Тарас,Шевченко,Taras Shevchenko,Kyiv City Council,Kyiv,UA,city_official,taras.shevchenko@kyiv.example,uk,\n"
    "D4,Jürgen,Oberhauser,,Stadt Wien,Vienna,AT,delegate,j.oberhauser@wien.example,de,pretix-bbbb-2222\n"
    "D5,Lisa,Lindqvist,,Stockholms stad,Stockholm,SE,delegate,lisa.lindqvist@stockholm.example,sv,\n";

class ReplicaServiceTest : public lanyard::testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(importIntoStore(kDelegatesCsv).ok());
    m_replica = v1::ReplicaService::NewStub(m_channel);
  }

  grpc::Status call(const std::string& token, const v1::GetReplicaChangesRequest& request,
                    v1::GetReplicaChangesResponse& response) {
    return m_replica->GetReplicaChanges(as(token).get(), request, &response);
  }

  // Every page from `cursor` on, as a kiosk takes them; the last response's cursor in `cursor`.
  std::vector<v1::GetReplicaChangesResponse> copy(std::string& cursor, int pageSize = 2) {
    std::vector<v1::GetReplicaChangesResponse> pages;
    for (int page = 0; page < 100; ++page) {
      v1::GetReplicaChangesRequest request;
      request.set_cursor(cursor);
      request.set_page_size(pageSize);
      v1::GetReplicaChangesResponse response;
      const grpc::Status status = call(m_kioskToken, request, response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      cursor = response.next_cursor();
      pages.push_back(response);
      if (response.caught_up()) return pages;
    }
    ADD_FAILURE() << "never caught up";
    return pages;
  }

  // Each delegate's latest row from `pages`, by id.
  static std::map<std::int64_t, v1::ReplicaDelegate> latestRows(
      const std::vector<v1::GetReplicaChangesResponse>& pages) {
    std::map<std::int64_t, v1::ReplicaDelegate> rows;
    for (const auto& page : pages) {
      for (const v1::ReplicaDelegate& d : page.delegates()) rows[d.summary().id()] = d;
    }
    return rows;
  }

  // A kiosk's replica once the sealer has sealed every delegate: long-polls until it has.
  std::map<std::int64_t, v1::ReplicaDelegate> sealedReplica(std::vector<v1::GetReplicaChangesResponse>& pages) {
    std::string cursor;
    std::map<std::int64_t, v1::ReplicaDelegate> rows;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      v1::GetReplicaChangesRequest request;
      request.set_cursor(cursor);
      request.set_wait_seconds(5);
      v1::GetReplicaChangesResponse response;
      const grpc::Status status = call(m_kioskToken, request, response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      cursor = response.next_cursor();
      pages.push_back(response);
      for (const v1::ReplicaDelegate& d : response.delegates()) rows[d.summary().id()] = d;
      const bool allSealed = rows.size() == 5 && std::all_of(rows.begin(), rows.end(), [](const auto& row) {
                               return !row.second.sealed_badge().empty();
                             });
      if (allSealed) return rows;
    }
    ADD_FAILURE() << "the sealer did not seal every delegate in time";
    return rows;
  }

  // A cursor after which nothing is pending: every delegate sealed, and the sealer idle, so that
  // only what a test changes comes next.
  std::string quietCursor() {
    std::vector<v1::GetReplicaChangesResponse> pages;
    sealedReplica(pages);
    std::string cursor = pages.empty() ? std::string() : pages.back().next_cursor();
    copy(cursor);
    return cursor;
  }

  std::int64_t idOf(const std::string& ref) { return m_store->delegateByExternalRef(ref).value().id; }

  std::unique_ptr<v1::ReplicaService::Stub> m_replica;
};

TEST_F(ReplicaServiceTest, AFirstCopyInPagesIsTheRoster) {
  std::string cursor;
  const std::vector<v1::GetReplicaChangesResponse> pages = copy(cursor);
  EXPECT_GE(pages.size(), 3U) << "5 delegates in pages of 2";
  std::vector<std::int64_t> ids;
  for (const auto& page : pages) {
    EXPECT_LE(page.delegates_size(), 2);
    for (const auto& d : page.delegates()) ids.push_back(d.summary().id());
  }
  std::vector<std::int64_t> roster;
  const std::vector<domain::Delegate> delegates = m_store->listDelegates(true, domain::Page{}).value();
  for (const domain::Delegate& d : delegates) roster.push_back(d.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_THAT(ids, ElementsAreArray(roster));

  const v1::ReplicaEvent& event = pages.front().event();
  EXPECT_EQ(event.name(), m_store->event().name);
  EXPECT_EQ(event.time_zone(), "Europe/Prague");
  EXPECT_EQ(event.badge_public_key(), m_store->event().publicKey);
  const domain::ReplicaSalt salt = domain::replicaSalt(m_store->event().publicKey);
  EXPECT_EQ(event.replica_salt(), std::string(salt.begin(), salt.end()));
  EXPECT_EQ(event.name_check_in_proof(), "email_prefix:4");

  const std::map<std::int64_t, v1::ReplicaDelegate> rows = latestRows(pages);
  const v1::ReplicaDelegate& simona = rows.at(idOf("D2"));
  EXPECT_EQ(simona.summary().given_name(), "Simona");
  EXPECT_EQ(simona.summary().family_initial(), "B.");
  EXPECT_EQ(simona.summary().affiliation(), "Vilnius");
  EXPECT_EQ(simona.status(), v1::REGISTRATION_STATUS_ACTIVE);
  EXPECT_EQ(simona.badge_version(), 1);
  const v1::ReplicaDelegate& antonin = rows.at(idOf("D1"));
  ASSERT_EQ(antonin.ticket_code_hashes_size(), 1);
  EXPECT_EQ(antonin.ticket_code_hashes(0), domain::ticketCodeHash(salt, "pretix-AAAA-1111"));
}

TEST_F(ReplicaServiceTest, AChangeAfterTheCopyArrivesInTheNextCall) {
  std::string cursor;
  copy(cursor);
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D4")).ok());
  const std::vector<v1::GetReplicaChangesResponse> next = copy(cursor);
  const std::map<std::int64_t, v1::ReplicaDelegate> rows = latestRows(next);
  ASSERT_EQ(rows.count(idOf("D4")), 1U);
  EXPECT_EQ(rows.at(idOf("D4")).status(), v1::REGISTRATION_STATUS_CANCELLED);
  EXPECT_GT(next.back().sequence(), 0);
}

// Pages are built once and shared between kiosks asking for the same one (ReplicaPageCache): never
// after a commit has changed what the page would hold.
TEST_F(ReplicaServiceTest, AKioskAskingForAPageAnotherTookGetsItAsItNowStands) {
  const std::string cursor = quietCursor();
  // Changes that leave the seals alone, so that the sealer changes nothing meanwhile.
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D1")).ok());
  ASSERT_TRUE(m_store->cancelDelegate(idOf("D2")).ok());
  v1::GetReplicaChangesRequest request;
  request.set_cursor(cursor);
  request.set_page_size(1);
  v1::GetReplicaChangesResponse first;
  ASSERT_TRUE(call(m_kioskToken, request, first).ok());
  ASSERT_EQ(first.delegates_size(), 1);
  EXPECT_EQ(first.delegates(0).summary().id(), idOf("D1"));
  v1::GetReplicaChangesResponse again;
  ASSERT_TRUE(call(m_kioskToken, request, again).ok());
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString()) << "nothing committed between the two";

  // D1 changes again: it moves after D2, and the page after `cursor` is now D2's.
  ASSERT_TRUE(m_store->reinstateDelegate(idOf("D1")).ok());
  v1::GetReplicaChangesResponse after;
  ASSERT_TRUE(call(m_kioskToken, request, after).ok());
  ASSERT_EQ(after.delegates_size(), 1);
  EXPECT_EQ(after.delegates(0).summary().id(), idOf("D2"));
  EXPECT_GT(after.sequence(), first.sequence());
}

TEST_F(ReplicaServiceTest, ALongPollAnswersOnceAChangeIsCommitted) {
  const std::string cursor = quietCursor();
  v1::GetReplicaChangesRequest request;
  request.set_cursor(cursor);
  request.set_wait_seconds(30);
  std::future<std::pair<grpc::Status, v1::GetReplicaChangesResponse>> waiting = std::async(std::launch::async, [&] {
    v1::GetReplicaChangesResponse response;
    grpc::Status status = call(m_kioskToken, request, response);
    return std::make_pair(status, response);
  });
  // Nothing has changed: the call waits.
  ASSERT_EQ(waiting.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  const auto committed = std::chrono::steady_clock::now();
  ASSERT_TRUE(m_store->reissueBadge(idOf("D5")).ok());
  ASSERT_EQ(waiting.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  const auto answered = std::chrono::steady_clock::now() - committed;
  const auto [status, response] = waiting.get();
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.delegates_size(), 1);
  EXPECT_EQ(response.delegates(0).summary().id(), idOf("D5"));
  EXPECT_EQ(response.delegates(0).badge_version(), 2);
  EXPECT_LT(answered, std::chrono::seconds(1)) << "a change reaches a waiting kiosk within a second";
}

TEST_F(ReplicaServiceTest, ALongPollWithNothingNewEndsEmptyWhenItsWaitIsOver) {
  const std::string cursor = quietCursor();
  v1::GetReplicaChangesRequest request;
  request.set_cursor(cursor);
  request.set_wait_seconds(1);
  v1::GetReplicaChangesResponse response;
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(call(m_kioskToken, request, response).ok());
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took, std::chrono::milliseconds(900));
  EXPECT_LT(took, std::chrono::seconds(10));
  EXPECT_EQ(response.delegates_size(), 0);
  EXPECT_TRUE(response.caught_up());
  EXPECT_EQ(response.next_cursor(), cursor);
}

TEST_F(ReplicaServiceTest, AShutdownEndsWaitingCallsAtOnce) {
  const std::string cursor = quietCursor();
  v1::GetReplicaChangesRequest request;
  request.set_cursor(cursor);
  request.set_wait_seconds(30);
  std::future<grpc::Status> waiting = std::async(std::launch::async, [&] {
    v1::GetReplicaChangesResponse response;
    return call(m_kioskToken, request, response);
  });
  ASSERT_EQ(waiting.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  const auto start = std::chrono::steady_clock::now();
  m_server->shutdown(std::chrono::system_clock::now() + std::chrono::seconds(20));
  ASSERT_EQ(waiting.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(waiting.get().error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST_F(ReplicaServiceTest, OnlyKioskAndAdminTokensGetTheReplica) {
  v1::GetReplicaChangesRequest request;
  v1::GetReplicaChangesResponse response;
  EXPECT_TRUE(call(m_kioskToken, request, response).ok());
  EXPECT_TRUE(call(m_adminToken, request, response).ok());
  EXPECT_EQ(call(tokenFor("organiser", domain::Role::Organiser), request, response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(call(tokenFor("desk", domain::Role::Desk), request, response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(call("", request, response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(ReplicaServiceTest, ABadCursorOrLimitIsRefusedSayingWhat) {
  v1::GetReplicaChangesResponse response;
  for (const std::string& cursor : {std::string("garbled"), std::string("cmVwbGljYTE6MTo="),
                                    encodeReplicaCursor(1, {}) + "A", std::string(500, 'A')}) {
    v1::GetReplicaChangesRequest request;
    request.set_cursor(cursor);
    const grpc::Status status = call(m_kioskToken, request, response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << cursor;
    EXPECT_NE(status.error_message().find("cursor"), std::string::npos) << status.error_message();
  }
  v1::GetReplicaChangesRequest otherEvent;
  otherEvent.set_cursor(encodeReplicaCursor(12345, {}));
  EXPECT_EQ(call(m_kioskToken, otherEvent, response).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  v1::GetReplicaChangesRequest negative;
  negative.set_page_size(-1);
  EXPECT_EQ(call(m_kioskToken, negative, response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  negative.set_page_size(0);
  negative.set_wait_seconds(-1);
  EXPECT_EQ(call(m_kioskToken, negative, response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// The promise: a replica holds no e-mail address and no full family name in the clear,
// nor a ticket code; the sealed badge opens with the delegate's code or proof, and only with those.
TEST_F(ReplicaServiceTest, NoResponseCarriesAnEmailAFamilyNameOrATicketCodeButTheSealOpensForItsHolder) {
  std::vector<v1::GetReplicaChangesResponse> pages;
  const std::map<std::int64_t, v1::ReplicaDelegate> rows = sealedReplica(pages);
  ASSERT_EQ(rows.size(), 5U);
  std::string bytes;
  for (const auto& page : pages) bytes += page.SerializeAsString();
  const std::vector<domain::Delegate> delegates = m_store->listDelegates(true, domain::Page{}).value();
  for (const domain::Delegate& d : delegates) {
    std::vector<std::string> secrets = {d.email, d.familyName, domain::foldForSearch(d.familyName)};
    if (!d.externalTicketCode.empty()) secrets.push_back(d.externalTicketCode);
    if (!d.latinName.empty()) secrets.push_back(d.latinName);
    for (const std::string& term : domain::searchTerms(d.familyName)) secrets.push_back(term);
    for (const std::string& secret : secrets) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << "the replica carries \"" << secret << "\"";
    }
  }

  // The sealed badge of Antonín opens with his badge code, his ticket code and his proof.
  const domain::Delegate antonin = m_store->delegate(idOf("D1")).value();
  const v1::ReplicaDelegate& row = rows.at(antonin.id);
  EXPECT_TRUE(row.has_search_keys());
  const std::string badgeCode = domain::badgeCodeFor(domain::signerForEvent(m_store->event()).value(), antonin).value();
  const auto openedWith = [&](absl::StatusOr<std::string> opened) {
    v1::BadgeContent badge;
    EXPECT_TRUE(opened.ok()) << opened.status();
    EXPECT_TRUE(badge.ParseFromString(opened.value_or("")));
    return badge;
  };
  const v1::BadgeContent byCode = openedWith(domain::openBadgeSealWithCode(row.sealed_badge(), antonin.id, badgeCode));
  EXPECT_EQ(byCode.family_name(), "Dvořák");
  EXPECT_EQ(byCode.given_name(), "Antonín");
  EXPECT_EQ(byCode.badge_code(), badgeCode);
  EXPECT_EQ(byCode.badge_version(), 1);
  EXPECT_EQ(openedWith(domain::openBadgeSealWithCode(row.sealed_badge(), antonin.id, "pretix-aaaa-1111")).family_name(),
            "Dvořák");
  const std::string proof = domain::typedProof(m_store->event().nameCheckInProof, "ANTO");
  EXPECT_EQ(openedWith(domain::openBadgeSealWithProof(row.sealed_badge(), antonin.id, proof)).family_name(), "Dvořák");
  EXPECT_TRUE(absl::IsPermissionDenied(
      domain::openBadgeSealWithProof(row.sealed_badge(), antonin.id, domain::typedProof({}, "simo")).status()));
  EXPECT_TRUE(absl::IsPermissionDenied(
      domain::openBadgeSealWithCode(row.sealed_badge(), antonin.id, "pretix-bbbb-2222").status()));

  // Offline search finds the delegate by what a kiosk shows, never by the family name.
  EXPECT_THAT(row.search_keys().name_terms(), ::testing::ElementsAre("antonin"));
}

TEST_F(ReplicaServiceTest, AReissueDropsTheSealUntilTheNewCodeIsSealed) {
  std::string next = quietCursor();
  ASSERT_TRUE(m_store->reissueBadge(idOf("D2")).ok());
  const std::map<std::int64_t, v1::ReplicaDelegate> rows = latestRows(copy(next));
  ASSERT_EQ(rows.count(idOf("D2")), 1U);
  // Sent at once without the seal of the superseded code; the sealer's new one comes later.
  const v1::ReplicaDelegate& reissued = rows.at(idOf("D2"));
  EXPECT_EQ(reissued.badge_version(), 2);
  if (!reissued.sealed_badge().empty()) {
    const domain::Delegate simona = m_store->delegate(idOf("D2")).value();
    const std::string newCode = domain::badgeCodeFor(domain::signerForEvent(m_store->event()).value(), simona).value();
    EXPECT_TRUE(domain::openBadgeSealWithCode(reissued.sealed_badge(), simona.id, newCode).ok());
  }
}

}  // namespace
}  // namespace lanyard::server::rpc
