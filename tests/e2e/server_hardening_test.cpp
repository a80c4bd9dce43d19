// End to end: the real lanyard-server and lanyard binaries against hostile or careless use:
// plaintext on a name that only looks like loopback, malformed requests and their log, and the
// mode of exported files.

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <future>
#include <string>

#include "e2e_fixture.h"

namespace lanyard::e2e {
namespace {

namespace fs = std::filesystem;

class ServerHardeningTest : public EndToEndTest {};

TEST_F(ServerHardeningTest, RefusesPlaintextOnANameThatMerelyBeginsWith127) {
  initEvent();
  ChildProcess serve(serveOptions(LANYARD_SERVER_BINARY, dbPath(), {"--listen", "127.venue.lan:0"}));

  const std::optional<ExitStatus> status = serve.waitForExit(kProcessTimeout);

  ASSERT_TRUE(status.has_value()) << "serve kept running on 127.venue.lan without TLS";
  EXPECT_TRUE(status->exited && status->code != 0) << status->describe();
  EXPECT_NE(serve.stderrText().find("without TLS"), std::string::npos) << serve.stderrText();
}

TEST_F(ServerHardeningTest, MalformedRequestsAreInvalidArgumentAndBarelyLogged) {
  initEvent();
  ServerProcess& server = startServer();
  auto channel = grpc::CreateChannel(server.loopbackAddress(), grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  // ResolveCodeRequest.code (field 1) holding bytes that are not UTF-8.
  const std::string payload = std::string("\x0a\x03", 2) + "a\x80\xff";

  int invalidArgument = 0;
  std::string lastMessage;
  for (int i = 0; i < 1000; ++i) {
    grpc::Slice slice(payload.data(), payload.size());
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, "/lanyard.v1.CheckInService/ResolveCode", grpc::StubOptions(), &request, &response,
                   [&done](grpc::Status status) { done.set_value(std::move(status)); });
    const grpc::Status status = done.get_future().get();
    if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) ++invalidArgument;
    lastMessage = status.error_message();
  }
  // Everything the server wrote is read once it has exited.
  const std::optional<ExitStatus> exit = server.terminate();

  EXPECT_EQ(invalidArgument, 1000) << lastMessage;
  EXPECT_EQ(lastMessage,
            "request is not valid protobuf: string field lanyard.v1.ResolveCodeRequest.code holds invalid UTF-8");
  ASSERT_TRUE(exit.has_value());
  const std::string log = server.process().stderrText();
  std::size_t protobufLines = 0;
  for (std::size_t at = log.find("[libprotobuf"); at != std::string::npos; at = log.find("[libprotobuf", at + 1)) {
    ++protobufLines;
  }
  EXPECT_GE(protobufLines, 1u) << log;                  // The first is told...
  EXPECT_LE(protobufLines, 3u) << log.substr(0, 2000);  // ...the rest counted, not repeated.
}

TEST_F(ServerHardeningTest, ExportedFilesAreReadableByTheirOwnerOnly) {
  startEvent();
  const fs::path exported = file("attendees.csv");

  const CommandResult run = cli({"export", "-o", exported.string()});

  ASSERT_TRUE(run.status.exitedWith(0)) << run.status.describe() << "\n" << run.out << run.err;
  const auto mode = fs::status(exported).permissions() & fs::perms::all;
  EXPECT_EQ(static_cast<int>(mode), 0600) << "mode " << std::oct << static_cast<int>(mode);
}

}  // namespace
}  // namespace lanyard::e2e
