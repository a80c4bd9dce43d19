// The imports' client-streaming upload through the real server on loopback: parts joined in
// order, the 64 MiB file limit, the token checked before the upload is read, and the small message
// limit every method has now that no request carries a whole file.

#include "support/import_upload.h"

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <string>

#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "rpc/server.h"
#include "storage/sqlite_event_store.h"
#include "support/server_fixture.h"
#include "support/test_event.h"

namespace lanyard::server::rpc {
namespace {

using lanyard::testing::kImportPartBytes;
using lanyard::testing::uploadInParts;

constexpr char kHeader[] = "external_ref,given_name,family_name,city,category,email\n";
constexpr std::size_t kMiB = 1024 * 1024;

// `rows` delegates with names in several scripts, so that parts split multi-byte characters.
std::string delegatesCsv(int rows) {
  std::string csv = kHeader;
  for (int i = 0; i < rows; ++i) {
    const std::string n = std::to_string(i);
    csv += "R" + n + ",Zdeněk" + n + ",Шевченко" + n + ",Brno,delegate,r" + n + "@brno.example\n";
  }
  return csv;
}

class ImportUploadTest : public lanyard::testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    m_delegates = v1::DelegateService::NewStub(m_channel);
  }

  std::size_t storedDelegates() {
    absl::StatusOr<std::vector<domain::Delegate>> delegates =
        m_store->listDelegates(/*includeCancelled=*/true, domain::Page{});
    EXPECT_TRUE(delegates.ok()) << delegates.status();
    return delegates.ok() ? delegates->size() : 0;
  }

  // Writes up to `parts` parts of 1 MiB of `filler` to ImportDelegates as `token`; returns how
  // many the client could write before the server answered, and the answer.
  std::pair<int, grpc::Status> floodImport(const std::string& token, int parts) {
    const std::string filler(kImportPartBytes, 'x');
    auto context = as(token);
    v1::ImportDelegatesResponse response;
    auto writer = m_delegates->ImportDelegates(context.get(), &response);
    v1::ImportDelegatesRequest part;
    part.set_file_name("flood.csv");
    part.set_csv(filler);
    int written = 0;
    while (written < parts) {
      part.set_last(written == parts - 1);
      if (!writer->Write(part)) break;
      ++written;
    }
    writer->WritesDone();
    return {written, writer->Finish()};
  }

  std::unique_ptr<v1::DelegateService::Stub> m_delegates;
};

TEST_F(ImportUploadTest, AFileSentInPartsImportsAsTheWholeFile) {
  const int rows = 25'000;
  const std::string csv = delegatesCsv(rows);
  ASSERT_GT(csv.size(), kMiB + kMiB / 4);

  v1::ImportDelegatesResponse first;
  const grpc::Status status =
      uploadInParts(*m_delegates->ImportDelegates(as(m_adminToken).get(), &first), csv, "big.csv", kImportPartBytes);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(first.created(), rows);

  // The same bytes cut elsewhere, through rows and characters: every delegate reads the same.
  v1::ImportDelegatesResponse again;
  ASSERT_TRUE(uploadInParts(*m_delegates->ImportDelegates(as(m_adminToken).get(), &again), csv, "big.csv", 4099).ok());
  EXPECT_EQ(again.unchanged(), rows);
  EXPECT_EQ(again.created() + again.updated(), 0);

  // The row the first part boundary cut through.
  const std::size_t boundaryRow =
      static_cast<std::size_t>(std::count(csv.begin(), csv.begin() + kImportPartBytes, '\n')) - 1;
  v1::GetDelegateRequest get;
  get.set_external_ref("R" + std::to_string(boundaryRow));
  v1::GetDelegateResponse cut;
  ASSERT_TRUE(m_delegates->GetDelegate(as(m_adminToken).get(), get, &cut).ok());
  EXPECT_EQ(cut.delegate().given_name(), "Zdeněk" + std::to_string(boundaryRow));
  EXPECT_EQ(cut.delegate().family_name(), "Шевченко" + std::to_string(boundaryRow));
}

TEST_F(ImportUploadTest, SessionsAreSentInPartsToo) {
  const std::string csv =
      "external_ref,title,room,start,end,capacity,registration_required\n"
      "S-CHARTER,Signing of the Integrating Cities Charter,Main Hall,2026-05-12 09:00,2026-05-12 10:30,,no\n"
      "S-FINAL,Final partner meeting,Room 2.14,12.05.2026 14:00,12.05.2026 16:00,40,yes\n";
  v1::ImportSessionsResponse response;
  const grpc::Status status =
      uploadInParts(*m_delegates->ImportSessions(as(m_adminToken).get(), &response), csv, "sessions.csv", 10);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.created(), 2);
}

TEST_F(ImportUploadTest, AFileOver64MiBIsRefusedOnceItPassesTheLimitAndNothingIsStored) {
  const auto [written, status] = floodImport(m_adminToken, 96);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(status.error_message(), "flood.csv is larger than 64 MiB, the most an import takes; nothing was stored");
  EXPECT_GE(written, 64);
  EXPECT_LT(written, 96) << "the server read on past the limit";
  EXPECT_EQ(storedDelegates(), 0U);
}

TEST_F(ImportUploadTest, AFileOfExactly64MiBIsRead) {
  // Refused by the import's own parser for its content, not for its size.
  const auto [written, status] = floodImport(m_adminToken, 64);

  EXPECT_EQ(written, 64);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("flood.csv: line 1", 0), 0U) << status.error_message();
}

TEST_F(ImportUploadTest, CallersWithoutTheAdminTokenAreRefusedBeforeTheUploadIsRead) {
  const auto [anonymousParts, anonymous] = floodImport("", 96);
  EXPECT_EQ(anonymous.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_LT(anonymousParts, 64) << "the server read the upload";

  const auto [kioskParts, kiosk] = floodImport(m_kioskToken, 96);
  EXPECT_EQ(kiosk.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_LT(kioskParts, 64) << "the server read the upload";

  v1::ImportDelegatesResponse response;
  EXPECT_EQ(lanyard::testing::importDelegates(*m_delegates, *as(m_kioskToken), delegatesCsv(3), "d.csv", &response)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(storedDelegates(), 0U);
}

TEST_F(ImportUploadTest, AnyOtherRequestOver4MiBIsRefusedBeforeItsTokenIsRead) {
  v1::SearchDelegatesRequest request;
  request.set_query(std::string(5 * kMiB, 'a'));
  v1::SearchDelegatesResponse response;
  const grpc::Status status = v1::CheckInService::NewStub(m_channel)->SearchDelegates(as("").get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
}

TEST_F(ImportUploadTest, AnEmptyUploadIsRefusedByName) {
  v1::ImportDelegatesResponse response;
  const grpc::Status named =
      lanyard::testing::importDelegates(*m_delegates, *as(m_adminToken), "", "empty.csv", &response);
  EXPECT_EQ(named.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(named.error_message(), "file empty.csv is empty");

  auto context = as(m_adminToken);
  auto writer = m_delegates->ImportDelegates(context.get(), &response);
  writer->WritesDone();
  const grpc::Status none = writer->Finish();
  EXPECT_EQ(none.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(none.error_message(), "file delegates CSV is empty");
}

TEST_F(ImportUploadTest, APartNamingAnotherFileIsRefusedAndNothingIsStored) {
  auto context = as(m_adminToken);
  v1::ImportDelegatesResponse response;
  auto writer = m_delegates->ImportDelegates(context.get(), &response);
  v1::ImportDelegatesRequest part;
  part.set_file_name("march.csv");
  part.set_csv(delegatesCsv(2));
  ASSERT_TRUE(writer->Write(part));
  part.set_csv("R9,Eva,Nováková,Brno,delegate,eva@brno.example\n");
  part.set_file_name("march.csv");  // The same name again is fine.
  writer->Write(part);
  part.set_file_name("april.csv");
  writer->Write(part);
  writer->WritesDone();
  const grpc::Status status = writer->Finish();

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "march.csv: part 3 of the upload names the file \"april.csv\"; nothing was stored");
  EXPECT_EQ(storedDelegates(), 0U);
}

TEST_F(ImportUploadTest, APartOver1MiBIsRefused) {
  const std::string csv = delegatesCsv(25'000);
  v1::ImportDelegatesResponse response;
  const grpc::Status status =
      uploadInParts(*m_delegates->ImportDelegates(as(m_adminToken).get(), &response), csv, "big.csv", kMiB + 1);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "big.csv: part 1 of the upload has 1048577 bytes, more than the 1048576 a part may carry; nothing was "
            "stored");
  EXPECT_EQ(storedDelegates(), 0U);
}

// A stream that breaks off (a part gRPC cannot parse reads as the end) must not import what came.
TEST_F(ImportUploadTest, AnUploadEndingWithoutItsLastPartIsRefusedAndNothingIsStored) {
  auto context = as(m_adminToken);
  v1::ImportDelegatesResponse response;
  auto writer = m_delegates->ImportDelegates(context.get(), &response);
  v1::ImportDelegatesRequest part;
  part.set_file_name("march.csv");
  part.set_csv(delegatesCsv(2));
  ASSERT_TRUE(writer->Write(part));
  writer->WritesDone();
  const grpc::Status status = writer->Finish();

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "the upload of march.csv ended after " + std::to_string(delegatesCsv(2).size()) +
                                        " bytes without its last part: it was cut short; nothing was stored");
  EXPECT_EQ(storedDelegates(), 0U);
}

TEST_F(ImportUploadTest, APartAfterTheLastIsRefused) {
  auto context = as(m_adminToken);
  v1::ImportDelegatesResponse response;
  auto writer = m_delegates->ImportDelegates(context.get(), &response);
  v1::ImportDelegatesRequest part;
  part.set_file_name("march.csv");
  part.set_csv(delegatesCsv(2));
  part.set_last(true);
  ASSERT_TRUE(writer->Write(part));
  part.set_csv("R9,Eva,Nováková,Brno,delegate,eva@brno.example\n");
  writer->Write(part);
  writer->WritesDone();
  const grpc::Status status = writer->Finish();

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "march.csv: part 2 of the upload came after the one marked last; nothing was stored");
  EXPECT_EQ(storedDelegates(), 0U);
}

// gRPC ends a client stream at a message it cannot parse; the rows before it are not imported.
TEST_F(ImportUploadTest, APartThatIsNotValidProtobufIsRefusedAndNothingIsStored) {
  auto context = as(m_adminToken);
  v1::ImportDelegatesResponse response;
  auto writer = m_delegates->ImportDelegates(context.get(), &response);
  v1::ImportDelegatesRequest part;
  part.set_file_name("march.csv");
  part.set_csv(delegatesCsv(2));
  ASSERT_TRUE(writer->Write(part));
  part.set_file_name("m\xE4rz.csv");  // Latin-1, not UTF-8.
  part.set_csv("R9,Eva,Nováková,Brno,delegate,eva@brno.example\n");
  writer->Write(part);
  writer->WritesDone();
  const grpc::Status status = writer->Finish();

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "request is not valid protobuf: string field lanyard.v1.ImportDelegatesRequest.file_name holds invalid "
            "UTF-8; nothing was stored");
  EXPECT_EQ(storedDelegates(), 0U);
}

TEST_F(ImportUploadTest, AnUploadCancelledPartWayStoresNothing) {
  const std::string csv = delegatesCsv(100'000);
  auto context = as(m_adminToken);
  v1::ImportDelegatesResponse response;
  auto writer = m_delegates->ImportDelegates(context.get(), &response);
  v1::ImportDelegatesRequest part;
  part.set_file_name("partial.csv");
  // Whole rows only: a prefix the server read would import on its own.
  std::size_t offset = 0;
  while (offset + kImportPartBytes < csv.size()) {
    const std::size_t end = csv.rfind('\n', offset + kImportPartBytes - 1) + 1;
    part.set_csv(csv.substr(offset, end - offset));
    ASSERT_TRUE(writer->Write(part));
    part.clear_file_name();
    offset = end;
  }
  context->TryCancel();
  EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::CANCELLED);

  // Shutting down waits for the import's call to end.
  m_server->shutdown(std::chrono::system_clock::now() + std::chrono::seconds(30));
  EXPECT_EQ(storedDelegates(), 0U);
}

}  // namespace
}  // namespace lanyard::server::rpc
