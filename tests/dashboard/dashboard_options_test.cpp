#include "dashboard_options.h"

#include <gtest/gtest.h>

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>

namespace lanyard::dashboard {
namespace {

class DashboardOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    qunsetenv("LANYARD_SERVER");
    qunsetenv("LANYARD_TOKEN");
  }

  // Parses the dashboard's arguments after --server and --token.
  static std::variant<DashboardOptions, app::StartupStop> parse(const QStringList& arguments) {
    return parseDashboardOptions(QStringList{QStringLiteral("lanyard-dashboard"), QStringLiteral("--server"),
                                             QStringLiteral("127.0.0.1:50051"), QStringLiteral("--token"),
                                             QStringLiteral("lyd_organiser")} +
                                 arguments);
  }
};

TEST_F(DashboardOptionsTest, ReadsEverySetting) {
  QTemporaryDir dir;
  const QString ca = dir.filePath(QStringLiteral("ca.pem"));
  QFile file(ca);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("-----BEGIN CERTIFICATE-----\n");
  file.close();
  const auto parsed = parse({"--ca-cert", ca, "--fullscreen", "--size", "1920x1080", "--screenshot", "wall.png"});
  ASSERT_TRUE(std::holds_alternative<DashboardOptions>(parsed))
      << qPrintable(std::get<app::StartupStop>(parsed).message);
  const DashboardOptions& o = std::get<DashboardOptions>(parsed);
  EXPECT_EQ(o.connection.address, QStringLiteral("127.0.0.1:50051"));
  EXPECT_EQ(o.connection.token, QStringLiteral("lyd_organiser"));
  EXPECT_TRUE(o.connection.tls) << "a CA certificate means TLS";
  EXPECT_EQ(o.connection.caCertificatesPem, QByteArray("-----BEGIN CERTIFICATE-----\n"));
  EXPECT_TRUE(o.fullscreen);
  EXPECT_EQ(o.windowSize, QSize(1920, 1080));
  EXPECT_FALSE(o.selfTest);
  EXPECT_EQ(o.screenshotFile, QStringLiteral("wall.png"));
}

TEST_F(DashboardOptionsTest, DefaultsToAPlainConnectionAnd1600x900) {
  const auto parsed = parse({"--self-test"});
  ASSERT_TRUE(std::holds_alternative<DashboardOptions>(parsed));
  const DashboardOptions& o = std::get<DashboardOptions>(parsed);
  EXPECT_FALSE(o.connection.tls);
  EXPECT_EQ(o.windowSize, QSize(1600, 900));
  EXPECT_TRUE(o.selfTest);
}

TEST_F(DashboardOptionsTest, ABadValueNamesItsOption) {
  for (const QString& size : {QStringLiteral("big"), QStringLiteral("300x200"), QStringLiteral("1920x")}) {
    const auto parsed = parse({"--size", size});
    ASSERT_TRUE(std::holds_alternative<app::StartupStop>(parsed)) << qPrintable(size);
    EXPECT_EQ(std::get<app::StartupStop>(parsed).message, QStringLiteral("--size: WIDTHxHEIGHT, at least 320x240"));
    EXPECT_EQ(std::get<app::StartupStop>(parsed).exitStatus, 2);
  }
  const auto ca = parse({"--ca-cert", "/nonexistent/ca.pem"});
  ASSERT_TRUE(std::holds_alternative<app::StartupStop>(ca));
  EXPECT_TRUE(
      std::get<app::StartupStop>(ca).message.startsWith(QStringLiteral("--ca-cert: cannot read /nonexistent/ca.pem: ")))
      << qPrintable(std::get<app::StartupStop>(ca).message);
}

TEST_F(DashboardOptionsTest, ServerAndTokenAreRequired) {
  qputenv("LANYARD_SERVER", "10.0.0.5:50051");
  const auto parsed = parseDashboardOptions({QStringLiteral("lanyard-dashboard")});
  ASSERT_TRUE(std::holds_alternative<app::StartupStop>(parsed));
  EXPECT_EQ(std::get<app::StartupStop>(parsed).message,
            QStringLiteral("--server and --token are required (or LANYARD_SERVER and LANYARD_TOKEN)"));
  qputenv("LANYARD_TOKEN", "lyd_env");
  const auto fromEnvironment = parseDashboardOptions({QStringLiteral("lanyard-dashboard")});
  ASSERT_TRUE(std::holds_alternative<DashboardOptions>(fromEnvironment));
  EXPECT_EQ(std::get<DashboardOptions>(fromEnvironment).connection.token, QStringLiteral("lyd_env"));
  qunsetenv("LANYARD_SERVER");
  qunsetenv("LANYARD_TOKEN");
}

}  // namespace
}  // namespace lanyard::dashboard
