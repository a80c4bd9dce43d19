// The server as a whole, through a real in-process server: what every call meets before its
// handler (malformed requests and their log) and the rules of `start`.
#include "rpc/server.h"

#include <fcntl.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include "lanyard/v1/check_in_service.grpc.pb.h"
#define OPENSSL_SUPPRESS_DEPRECATED  // RAND_set_rand_method: the seam for a failing generator.
#include <openssl/rand.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <future>
#include <sstream>

#include "support/server_fixture.h"

namespace lanyard::server::rpc {
namespace {

// Sends fd 2 to a file while alive; `text()` reads what was written so far.
class StderrCapture {
 public:
  explicit StderrCapture(std::string path) : m_path(std::move(path)) {
    std::fflush(stderr);
    m_saved = dup(STDERR_FILENO);
    const int file = open(m_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    EXPECT_GE(file, 0) << "cannot open " << m_path;
    dup2(file, STDERR_FILENO);
    close(file);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  ~StderrCapture() { restore(); }

  void restore() {
    if (m_saved < 0) return;
    std::fflush(stderr);
    dup2(m_saved, STDERR_FILENO);
    close(m_saved);
    m_saved = -1;
  }
  std::string text() const {
    std::ifstream in(m_path);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  }

 private:
  std::string m_path;
  int m_saved = -1;
};

// While alive, OpenSSL's RAND_bytes fails, as it does when the system has no entropy to give.
// RAND_set_rand_method is deprecated in OpenSSL 3 but still consulted by RAND_bytes.
class FailingRandomGenerator {
 public:
  FailingRandomGenerator() : m_saved(RAND_get_rand_method()) { RAND_set_rand_method(&kFailing); }
  FailingRandomGenerator(const FailingRandomGenerator&) = delete;
  FailingRandomGenerator& operator=(const FailingRandomGenerator&) = delete;
  ~FailingRandomGenerator() { RAND_set_rand_method(m_saved); }

 private:
  static int fail(unsigned char*, int) { return 0; }
  static int status() { return 0; }
  static constexpr RAND_METHOD kFailing = {nullptr, &fail, nullptr, nullptr, &fail, &status};
  const RAND_METHOD* m_saved;
};

// The whole server on 127.0.0.1:0 (the shared fixture), called with raw bytes.
class ServerTest : public lanyard::testing::ServerFixture {
 protected:
  // Calls `method` with `payload` as the request's bytes, unauthenticated.
  grpc::Status callRaw(const std::string& method, const std::string& payload) {
    grpc::Slice slice(payload.data(), payload.size());
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    std::promise<grpc::Status> done;
    grpc::GenericStub(m_channel).UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                                           [&done](grpc::Status status) { done.set_value(std::move(status)); });
    return done.get_future().get();
  }
};

// Field 1, length-delimited, holding bytes that are not UTF-8 (a lone continuation byte and 0xFF).
const std::string kInvalidUtf8Field1 = std::string("\x0a\x04", 2) + "ab\x80\xff";

TEST_F(ServerTest, InvalidUtf8InASyncMethodsRequestIsInvalidArgument) {
  const grpc::Status status = callRaw("/lanyard.v1.CheckInService/ResolveCode", kInvalidUtf8Field1);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message(),
            "request is not valid protobuf: string field lanyard.v1.ResolveCodeRequest.code holds invalid UTF-8");
}

TEST_F(ServerTest, InvalidUtf8InACallbackMethodsRequestIsInvalidArgument) {
  const grpc::Status search = callRaw("/lanyard.v1.CheckInService/SearchDelegates", kInvalidUtf8Field1);
  // CheckInRequest's field 3 is the scanned code.
  const grpc::Status checkIn = callRaw("/lanyard.v1.CheckInService/CheckIn", std::string("\x1a\x02\xc3\x28", 4));

  EXPECT_EQ(search.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << search.error_message();
  EXPECT_EQ(search.error_message(),
            "request is not valid protobuf: string field lanyard.v1.SearchDelegatesRequest.query holds invalid UTF-8");
  EXPECT_EQ(checkIn.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << checkIn.error_message();
  EXPECT_EQ(checkIn.error_message(),
            "request is not valid protobuf: string field lanyard.v1.CheckInRequest.code holds invalid UTF-8");
}

// The replica feed parses its own requests (it answers with bytes built once for many kiosks), and
// says what was wrong as the other methods do.
TEST_F(ServerTest, AMalformedRequestToARawBytesMethodIsInvalidArgumentToo) {
  const std::string method = "/lanyard.v1.ReplicaService/GetReplicaChanges";
  const grpc::Status notUtf8 = callRaw(method, kInvalidUtf8Field1);
  // Field 1 announces 9 bytes and brings 3.
  const grpc::Status truncated = callRaw(method, std::string("\x0a\x09", 2) + "abc");

  EXPECT_EQ(notUtf8.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << notUtf8.error_message();
  EXPECT_EQ(notUtf8.error_message(),
            "request is not valid protobuf: string field lanyard.v1.GetReplicaChangesRequest.cursor holds invalid "
            "UTF-8");
  EXPECT_EQ(truncated.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << truncated.error_message();
  EXPECT_EQ(truncated.error_message(), "request is not valid protobuf: truncated or malformed bytes for " + method);
}

TEST_F(ServerTest, TruncatedRequestIsInvalidArgument) {
  // Field 1 announces 10 bytes and brings 2.
  const grpc::Status status = callRaw("/lanyard.v1.CheckInService/ResolveCode", std::string("\x0a\x0a"
                                                                                            "ab",
                                                                                            4));

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(status.error_message(),
            "request is not valid protobuf: truncated or malformed bytes for /lanyard.v1.CheckInService/ResolveCode");
}

TEST_F(ServerTest, ManyMalformedRequestsLogOnlyAFewLines) {
  StderrCapture captured(m_dir.file("stderr.txt"));
  for (int i = 0; i < 1000; ++i) {
    const char* method = i % 2 == 0 ? "/lanyard.v1.CheckInService/ResolveCode" : "/lanyard.v1.CheckInService/CheckIn";
    ASSERT_EQ(callRaw(method, kInvalidUtf8Field1).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  }
  captured.restore();

  const std::string log = captured.text();
  EXPECT_LE(std::count(log.begin(), log.end(), '\n'), 3) << log.substr(0, 2000);
}

TEST(TokenTest, AFailingRandomGeneratorIsAnInternalError) {
  const FailingRandomGenerator failing;

  const absl::StatusOr<std::string> token = domain::newToken();

  EXPECT_EQ(token.status().code(), absl::StatusCode::kInternal) << token.status();
  EXPECT_NE(token.status().message().find("random generator"), std::string_view::npos) << token.status();
}

TEST_F(ServerTest, AFailingRandomGeneratorIsInternalOnTheWireNotACrash) {
  auto checkIn = v1::CheckInService::NewStub(m_channel);
  v1::ResolveCodeRequest request;
  request.set_code("NO-SUCH-TICKET");  // Refused codes are logged under a fresh random request id.
  v1::ResolveCodeResponse response;
  grpc::Status status;
  {
    const FailingRandomGenerator failing;
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + m_adminToken);
    status = checkIn->ResolveCode(&context, request, &response);
  }

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL) << status.error_message();
  EXPECT_EQ(status.error_message(), "cannot make a token: the system random generator (OpenSSL RAND_bytes) failed");
  grpc::ClientContext again;
  again.AddMetadata("authorization", "Bearer " + m_adminToken);
  EXPECT_TRUE(checkIn->ResolveCode(&again, request, &response).ok());
}

TEST(ServerOptionsTest, LoopbackMeansEveryResolvedAddressIsLoopback) {
  EXPECT_TRUE(isLoopback("127.0.0.1:50051"));
  EXPECT_TRUE(isLoopback("127.1.2.3:50051"));
  EXPECT_TRUE(isLoopback("localhost:0"));
  EXPECT_TRUE(isLoopback("[::1]:50051"));
  EXPECT_FALSE(isLoopback("0.0.0.0:50051"));
  EXPECT_FALSE(isLoopback("10.0.0.1:50051"));
  EXPECT_FALSE(isLoopback("192.168.1.10:50051"));
  EXPECT_FALSE(isLoopback("[::]:50051"));
  EXPECT_FALSE(isLoopback(":50051"));
  // A name is judged by what it resolves to, not by how it begins; this one does not resolve here.
  EXPECT_FALSE(isLoopback("127.venue.lan:50051"));
}

TEST_F(ServerTest, RefusesPlaintextOnANameThatIsNotLoopback) {
  m_server.reset();  // Only one server may serve the store.
  ServerOptions options;
  options.listen = "127.venue.lan:0";

  const absl::StatusOr<std::unique_ptr<LanyardServer>> server = LanyardServer::start(*m_store, options);

  EXPECT_EQ(server.status().code(), absl::StatusCode::kFailedPrecondition) << server.status();
  EXPECT_NE(server.status().message().find("without TLS"), std::string_view::npos) << server.status();
}

}  // namespace
}  // namespace lanyard::server::rpc
