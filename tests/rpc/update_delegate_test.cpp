#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <latch>
#include <thread>

#include "domain/delegate_import.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "rpc/server.h"
#include "storage/sqlite_event_store.h"
#include "support/server_fixture.h"
#include "support/test_event.h"

// UpdateDelegate's field mask and version check, through the real server on loopback.
namespace lanyard::server::rpc {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kDelegatesCsv[] =
    "external_ref,given_name,family_name,organisation,city,country,category,email,language\n"
    "D1,Antonín,Dvořák,Magistrát hlavního města Prahy,Prague,CZ,delegate,antonin@praha.example,cs\n"
    "D2,Simona,Bieliūnė,City of Vilnius,Vilnius,LT,speaker,simona.bieliune@vilnius.example,lt\n";

class UpdateDelegateTest : public lanyard::testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    m_deskToken = tokenFor("help-desk-1", domain::Role::Desk);
    m_delegates = v1::DelegateService::NewStub(m_channel);
    // Imports go straight to the store: this file tests corrections, not the import RPC.
    const absl::StatusOr<domain::ImportSummary> imported = importIntoStore(kDelegatesCsv);
    ASSERT_TRUE(imported.ok()) << imported.status();
  }

  std::unique_ptr<grpc::ClientContext> desk() const { return as(m_deskToken); }

  v1::Delegate get(const std::string& externalRef) {
    v1::GetDelegateRequest request;
    request.set_external_ref(externalRef);
    v1::GetDelegateResponse response;
    const grpc::Status status = m_delegates->GetDelegate(desk().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.delegate();
  }

  grpc::Status update(const v1::UpdateDelegateRequest& request, v1::UpdateDelegateResponse* response = nullptr) {
    v1::UpdateDelegateResponse ignored;
    return m_delegates->UpdateDelegate(desk().get(), request, response != nullptr ? response : &ignored);
  }

  // A correction of `d` from its version, changing `paths` to the values `d` holds.
  static v1::UpdateDelegateRequest correction(const v1::Delegate& d, std::initializer_list<const char*> paths) {
    v1::UpdateDelegateRequest request;
    *request.mutable_delegate() = d;
    for (const char* path : paths) request.mutable_update_mask()->add_paths(path);
    request.set_expected_version(d.version());
    return request;
  }

  std::unique_ptr<v1::DelegateService::Stub> m_delegates;
  std::string m_deskToken;
};

TEST_F(UpdateDelegateTest, ChangesOnlyTheFieldsTheMaskNames) {
  const v1::Delegate stored = get("D1");
  ASSERT_EQ(stored.version(), 1);
  v1::Delegate changed = stored;
  changed.set_family_name("Dvořáková");
  changed.set_email("someone.else@example.org");  // Not in the mask: ignored.
  changed.set_city("");                           // Not in the mask: ignored.
  v1::UpdateDelegateResponse response;
  ASSERT_TRUE(update(correction(changed, {"family_name"}), &response).ok());

  EXPECT_EQ(response.delegate().family_name(), "Dvořáková");
  EXPECT_EQ(response.delegate().email(), "antonin@praha.example");
  EXPECT_EQ(response.delegate().city(), "Prague");
  EXPECT_EQ(response.delegate().version(), 2);
  const v1::Delegate after = get("D1");
  EXPECT_EQ(after.family_name(), "Dvořáková");
  EXPECT_EQ(after.email(), "antonin@praha.example");
  EXPECT_EQ(after.city(), "Prague");
  EXPECT_EQ(after.version(), 2);
}

TEST_F(UpdateDelegateTest, AMaskedFieldLeftEmptyIsCleared) {
  v1::Delegate changed = get("D1");
  v1::UpdateDelegateRequest request;
  request.mutable_delegate()->set_id(changed.id());
  request.mutable_update_mask()->add_paths("organisation");
  request.set_expected_version(changed.version());
  ASSERT_TRUE(update(request).ok());
  EXPECT_EQ(get("D1").organisation(), "");
  EXPECT_EQ(get("D1").family_name(), "Dvořák");
}

TEST_F(UpdateDelegateTest, AnEmptyMaskReplacesEveryEditableField) {
  const v1::Delegate stored = get("D1");
  v1::Delegate replacement;
  replacement.set_id(stored.id());
  replacement.set_given_name("Antonin");
  replacement.set_family_name("Dvorak");
  replacement.set_latin_name("Antonin Dvorak");
  replacement.set_city("Brno");
  replacement.set_country("CZ");
  replacement.set_category("speaker");
  replacement.set_language("en");
  replacement.set_notes("needs a step-free route");
  replacement.set_external_ref("D1-new");
  replacement.set_external_ticket_code("TICKET-0001");
  // Not editable here: ignored.
  replacement.set_status(v1::REGISTRATION_STATUS_CANCELLED);
  replacement.set_badge_version(7);
  replacement.set_version(99);
  v1::UpdateDelegateRequest request;
  *request.mutable_delegate() = replacement;
  request.set_expected_version(stored.version());
  v1::UpdateDelegateResponse response;
  ASSERT_TRUE(update(request, &response).ok());

  const v1::Delegate after = get("D1-new");
  EXPECT_EQ(after.id(), stored.id());
  EXPECT_EQ(after.given_name(), "Antonin");
  EXPECT_EQ(after.family_name(), "Dvorak");
  EXPECT_EQ(after.latin_name(), "Antonin Dvorak");
  EXPECT_EQ(after.organisation(), "") << "left out of a full replacement: cleared";
  EXPECT_EQ(after.email(), "");
  EXPECT_EQ(after.city(), "Brno");
  EXPECT_EQ(after.category(), "speaker");
  EXPECT_EQ(after.language(), "en");
  EXPECT_EQ(after.notes(), "needs a step-free route");
  EXPECT_EQ(after.external_ticket_code(), "TICKET-0001");
  EXPECT_EQ(after.status(), v1::REGISTRATION_STATUS_ACTIVE);
  EXPECT_EQ(after.badge_version(), 1);
  EXPECT_EQ(after.version(), 2);
  EXPECT_EQ(response.delegate().version(), 2);
}

TEST_F(UpdateDelegateTest, RefusesAPathThatIsNotAnEditableField) {
  const v1::Delegate stored = get("D1");
  for (const char* path : {"status", "badge_code", "badge_version", "id", "version", "nope", "family_name.x"}) {
    v1::Delegate changed = stored;
    changed.set_family_name("Novák");
    const grpc::Status status = update(correction(changed, {"family_name", path}));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << path;
    EXPECT_THAT(status.error_message(), HasSubstr(std::string("\"") + path + "\" is not a field")) << path;
    EXPECT_THAT(status.error_message(), HasSubstr("given_name, family_name, latin_name")) << path;
  }
  EXPECT_EQ(get("D1").family_name(), "Dvořák");
  EXPECT_EQ(get("D1").version(), 1);
}

TEST_F(UpdateDelegateTest, RefusesACorrectionWithoutTheVersionItWasMadeFrom) {
  v1::Delegate changed = get("D1");
  changed.set_family_name("Novák");
  v1::UpdateDelegateRequest request = correction(changed, {"family_name"});
  request.clear_expected_version();
  const grpc::Status status = update(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "expected_version is required: pass the version GetDelegate returned");
  EXPECT_EQ(get("D1").family_name(), "Dvořák");
}

TEST_F(UpdateDelegateTest, KeepsTheTextRulesForMaskedFields) {
  v1::Delegate changed = get("D1");
  changed.set_family_name("Dvo\x01rák");
  grpc::Status status = update(correction(changed, {"family_name"}));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("family_name: "));
  changed = get("D1");
  changed.set_given_name("");
  changed.set_family_name(" ");
  status = update(correction(changed, {"given_name", "family_name"}));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "a delegate needs a given or a family name");
  changed = get("D1");
  changed.set_external_ref("");
  status = update(correction(changed, {"external_ref"}));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("external_ref cannot be empty"));
  EXPECT_EQ(get("D1").version(), 1);
}

TEST_F(UpdateDelegateTest, AStaleVersionIsAFailedPreconditionAndWritesNothing) {
  v1::Delegate changed = get("D1");
  v1::CancelDelegateRequest cancel;
  cancel.set_id(changed.id());
  v1::CancelDelegateResponse cancelled;
  ASSERT_TRUE(m_delegates->CancelDelegate(desk().get(), cancel, &cancelled).ok());
  ASSERT_EQ(cancelled.delegate().version(), 2);

  changed.set_family_name("Novák");
  const grpc::Status status = update(correction(changed, {"family_name"}));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "delegate " + std::to_string(changed.id()) +
                                        " was changed since version 1 (it is at version 2): read it again and "
                                        "reapply the correction");
  const v1::Delegate after = get("D1");
  EXPECT_EQ(after.family_name(), "Dvořák");
  EXPECT_EQ(after.version(), 2);
}

TEST_F(UpdateDelegateTest, OfTwoCorrectionsFromTheSameVersionExactlyOneIsWritten) {
  constexpr int kRounds = 20;
  for (int round = 0; round < kRounds; ++round) {
    const v1::Delegate stored = get("D2");
    v1::Delegate first = stored;
    first.set_family_name("First " + std::to_string(round));
    v1::Delegate second = stored;
    second.set_family_name("Second " + std::to_string(round));
    std::latch start(2);
    grpc::Status statuses[2];
    const auto correct = [&](int which, const v1::Delegate& d) {
      const v1::UpdateDelegateRequest request = correction(d, {"family_name"});
      start.arrive_and_wait();
      statuses[which] = update(request);
    };
    std::thread a(correct, 0, first);
    std::thread b(correct, 1, second);
    a.join();
    b.join();

    const int ok = (statuses[0].ok() ? 1 : 0) + (statuses[1].ok() ? 1 : 0);
    ASSERT_EQ(ok, 1) << "round " << round << ": " << statuses[0].error_message() << " / "
                     << statuses[1].error_message();
    const grpc::Status& refused = statuses[0].ok() ? statuses[1] : statuses[0];
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << refused.error_message();
    const v1::Delegate after = get("D2");
    EXPECT_EQ(after.family_name(), (statuses[0].ok() ? first : second).family_name());
    EXPECT_EQ(after.version(), stored.version() + 1);
  }
}

TEST_F(UpdateDelegateTest, EveryChangeToTheRecordBumpsItsVersion) {
  const std::int64_t id = get("D1").id();
  v1::CancelDelegateRequest cancel;
  cancel.set_id(id);
  v1::CancelDelegateResponse cancelled;
  ASSERT_TRUE(m_delegates->CancelDelegate(desk().get(), cancel, &cancelled).ok());
  EXPECT_EQ(cancelled.delegate().version(), 2);
  ASSERT_TRUE(m_delegates->CancelDelegate(desk().get(), cancel, &cancelled).ok());
  EXPECT_EQ(cancelled.delegate().version(), 2) << "already cancelled: nothing changed";

  v1::ReinstateDelegateRequest reinstate;
  reinstate.set_id(id);
  v1::ReinstateDelegateResponse reinstated;
  ASSERT_TRUE(m_delegates->ReinstateDelegate(desk().get(), reinstate, &reinstated).ok());
  EXPECT_EQ(reinstated.delegate().version(), 3);

  v1::ReissueBadgeRequest reissue;
  reissue.set_id(id);
  v1::ReissueBadgeResponse reissued;
  ASSERT_TRUE(m_delegates->ReissueBadge(desk().get(), reissue, &reissued).ok());
  EXPECT_EQ(reissued.delegate().version(), 4);

  const std::string moved =
      "external_ref,given_name,family_name,organisation,city,country,category,email,language\n"
      "D1,Antonín,Dvořák,Magistrát hlavního města Prahy,Brno,CZ,delegate,antonin@praha.example,cs\n";
  absl::StatusOr<domain::ImportSummary> imported = importIntoStore(moved);
  ASSERT_TRUE(imported.ok()) << imported.status();
  ASSERT_EQ(imported->updated, 1);
  EXPECT_EQ(get("D1").version(), 5);
  imported = importIntoStore(moved);
  ASSERT_TRUE(imported.ok()) << imported.status();
  ASSERT_EQ(imported->unchanged, 1);
  EXPECT_EQ(get("D1").version(), 5) << "an import that changes nothing leaves the version";

  const v1::Delegate same = get("D1");
  v1::UpdateDelegateResponse response;
  ASSERT_TRUE(update(correction(same, {"family_name", "city"}), &response).ok());
  EXPECT_EQ(response.delegate().version(), 5) << "a correction that changes nothing leaves the version";
  v1::Delegate changed = same;
  changed.set_notes("interpreter booked");
  ASSERT_TRUE(update(correction(changed, {"notes"}), &response).ok());
  EXPECT_EQ(response.delegate().version(), 6);
  EXPECT_EQ(get("D1").version(), 6);
}

TEST_F(UpdateDelegateTest, AReimportKeepsOnlyTheMaskedFieldsThatChanged) {
  v1::Delegate changed = get("D2");
  changed.set_family_name("Bieliūnienė");   // Masked and changed: a correction.
  changed.set_email("simona@example.org");  // Changed but not masked: not written.
  v1::UpdateDelegateRequest request = correction(changed, {"family_name", "city"});  // City as stored.
  ASSERT_TRUE(update(request).ok());

  // The registration system has moved her and still has the old name and another e-mail.
  const absl::StatusOr<domain::ImportSummary> imported = importIntoStore(
      "external_ref,given_name,family_name,organisation,city,country,category,email,language\n"
      "D2,Simona,Bieliūnė,City of Vilnius,Kaunas,LT,speaker,simona@vilnius.example,lt\n");
  ASSERT_TRUE(imported.ok()) << imported.status();
  ASSERT_EQ(imported->keptCorrections.size(), 1u);
  EXPECT_EQ(imported->keptCorrections[0].externalRef, "D2");
  EXPECT_THAT(imported->keptCorrections[0].columns, ElementsAre("family_name"));
  const v1::Delegate after = get("D2");
  EXPECT_EQ(after.family_name(), "Bieliūnienė");
  EXPECT_EQ(after.city(), "Kaunas");
  EXPECT_EQ(after.email(), "simona@vilnius.example");
}

}  // namespace
}  // namespace lanyard::server::rpc
