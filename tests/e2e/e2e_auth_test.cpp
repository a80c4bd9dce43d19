// End to end: who may call what (admin, kiosk, revoked tokens) and the transport (plaintext only on
// loopback, TLS for the rest), through the real binaries.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "e2e_fixture.h"

namespace lanyard::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// --- Tokens and roles -----------------------------------------------------------------------------

class AuthTest : public EndToEndTest {};

TEST_F(AuthTest, InitPrintsAdminTokenThatServeAccepts) {
  const std::string admin = initEvent();
  EXPECT_EQ(admin.rfind("lyd_", 0), 0U) << admin;
  startServer();

  v1::GetEventResponse event;
  const grpc::Status status = getEvent(admin, &event);

  ASSERT_TRUE(status.ok()) << describe(status);
  EXPECT_EQ(event.name(), kEventName);
  EXPECT_EQ(event.device_role(), v1::ROLE_ADMIN);
  EXPECT_EQ(event.badge_public_key().size(), 32U);
  EXPECT_GT(event.categories_size(), 0);
}

TEST_F(AuthTest, RejectsCallWithoutTokenAsUnauthenticated) {
  startEvent();
  EXPECT_EQ(getEvent("").error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthTest, RejectsGarbageTokenAsUnauthenticated) {
  startEvent();
  EXPECT_EQ(getEvent("lyd_not-a-token-this-server-ever-issued").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // One character off a real token is garbage too.
  std::string altered = m_admin;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(getEvent(altered).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthTest, RejectsKioskTokenOnAdminCallAsPermissionDenied) {
  startEvent();
  const std::string kiosk = createToken("kiosk-entrance-1", v1::ROLE_KIOSK);
  ASSERT_TRUE(getEvent(kiosk).ok()) << "the kiosk token itself must work";

  v1::ListBadgeCodesResponse codes;
  const grpc::Status listCodes = v1::DelegateService::NewStub(channel())->ListBadgeCodes(
      callContext(kiosk).get(), v1::ListBadgeCodesRequest(), &codes);
  v1::CreateTokenRequest request;
  request.set_name("sneaky");
  request.set_role(v1::ROLE_ADMIN);
  v1::CreateTokenResponse created;
  const grpc::Status createToken =
      v1::DeviceService::NewStub(channel())->CreateToken(callContext(kiosk).get(), request, &created);

  EXPECT_EQ(listCodes.error_code(), grpc::StatusCode::PERMISSION_DENIED) << describe(listCodes);
  EXPECT_EQ(createToken.error_code(), grpc::StatusCode::PERMISSION_DENIED) << describe(createToken);
  EXPECT_TRUE(created.token().empty());
}

TEST_F(AuthTest, RevokedTokenFailsOnTheVeryNextCall) {
  startEvent();
  const std::string kiosk = createToken("kiosk-to-revoke", v1::ROLE_KIOSK);
  ASSERT_TRUE(getEvent(kiosk).ok());

  v1::RevokeTokenRequest revoke;
  revoke.set_name("kiosk-to-revoke");
  v1::RevokeTokenResponse revoked;
  ASSERT_TRUE(v1::DeviceService::NewStub(channel())->RevokeToken(callContext(m_admin).get(), revoke, &revoked).ok());
  const grpc::Status next = getEvent(kiosk);

  EXPECT_EQ(next.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(next);
  EXPECT_NE(revoked.device().revoked_time_us(), 0);
  EXPECT_TRUE(getEvent(m_admin).ok()) << "revoking one device must not affect another";
}

// --- Transport security ---------------------------------------------------------------------------

class TransportSecurityTest : public EndToEndTest {
 protected:
  // A self-signed certificate for localhost and 127.0.0.1, made with the openssl command line.
  void makeCertificate() {
    const std::string openssl = LANYARD_OPENSSL_EXECUTABLE;
    if (openssl.empty()) throw std::runtime_error("the openssl command was not found when configuring");
    const CommandResult made =
        runCommand({{openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", file("key.pem").string(), "-out", file("cert.pem").string(), "-days", "2", "-subj",
                     "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"},
                    {},
                    {}},
                   kProcessTimeout);
    if (!made.status.exitedWith(0)) throw std::runtime_error("openssl req failed: " + made.err);
  }

  std::shared_ptr<grpc::ChannelCredentials> trustingOurCertificate() {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = readFile(file("cert.pem"));
    return grpc::SslCredentials(options);
  }
};

TEST_F(TransportSecurityTest, RefusesNonLoopbackListenWithoutTls) {
  initEvent();
  ChildProcess serve(serveOptions(LANYARD_SERVER_BINARY, dbPath(), {"--listen", "0.0.0.0:0"}));

  const std::optional<ExitStatus> status = serve.waitForExit(kProcessTimeout);

  ASSERT_TRUE(status.has_value()) << "serve kept running on 0.0.0.0 without TLS";
  EXPECT_TRUE(status->exited && status->code != 0) << status->describe();
  EXPECT_NE(serve.stderrText().find("TLS"), std::string::npos) << serve.stderrText();
  EXPECT_EQ(serve.stdoutText().find("listening on"), std::string::npos) << serve.stdoutText();
}

TEST_F(TransportSecurityTest, InsecureFlagAllowsNonLoopbackListen) {
  m_admin = initEvent();
  ServerProcess& server = startServer({"--listen", "0.0.0.0:0", "--insecure"});

  const grpc::Status status = getEvent(m_admin);

  EXPECT_GT(server.port(), 0);
  EXPECT_TRUE(status.ok()) << describe(status);
}

TEST_F(TransportSecurityTest, ServesTlsClientsThatTrustItsCertificate) {
  makeCertificate();
  m_admin = initEvent();
  // TLS also lifts the loopback-only rule.
  startServer({"--listen", "0.0.0.0:0", "--tls-cert", file("cert.pem").string(), "--tls-key", file("key.pem").string()},
              trustingOurCertificate());

  v1::GetEventResponse event;
  const grpc::Status status = getEvent(m_admin, &event);

  ASSERT_TRUE(status.ok()) << describe(status);
  EXPECT_EQ(event.name(), kEventName);
}

TEST_F(TransportSecurityTest, PlaintextClientCannotTalkToTlsServer) {
  makeCertificate();
  m_admin = initEvent();
  ServerProcess& server = startServer({"--tls-cert", file("cert.pem").string(), "--tls-key", file("key.pem").string()});
  const auto plaintext = grpc::CreateChannel(server.loopbackAddress(), grpc::InsecureChannelCredentials());

  v1::GetEventResponse event;
  const grpc::Status status =
      v1::EventService::NewStub(plaintext)->GetEvent(callContext(m_admin).get(), v1::GetEventRequest(), &event);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(status);
  EXPECT_TRUE(event.name().empty());
}

TEST_F(TransportSecurityTest, TheCliSuggestsTlsWhenAPlaintextCallFindsATlsServer) {
  makeCertificate();
  m_admin = initEvent();
  startServer({"--tls-cert", file("cert.pem").string(), "--tls-key", file("key.pem").string()},
              trustingOurCertificate());

  const CommandResult plaintext = cli({"event"});
  const CommandResult secure = cli({"--tls", "--ca-cert", file("cert.pem").string(), "event"});

  EXPECT_TRUE(plaintext.status.exitedWith(1)) << plaintext.status.describe();
  EXPECT_NE(plaintext.err.find("If it serves TLS, add --tls"), std::string::npos) << plaintext.err;
  EXPECT_TRUE(secure.status.exitedWith(0)) << secure.status.describe() << "\n" << secure.err;
  EXPECT_NE(secure.out.find(kEventName), std::string::npos) << secure.out;
}

}  // namespace
}  // namespace lanyard::e2e
