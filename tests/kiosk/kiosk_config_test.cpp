#include "kiosk_config.h"

#include <gtest/gtest.h>

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>

namespace lanyard::kiosk {
namespace {

const QStringList kKeys = {QStringLiteral("server"), QStringLiteral("token"), QStringLiteral("pdf_dir"),
                           QStringLiteral("fullscreen")};

class KioskConfigTest : public ::testing::Test {
 protected:
  QString write(const QByteArray& text) {
    const QString path = dir.filePath(QStringLiteral("kiosk.conf"));
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
    return path;
  }
  QTemporaryDir dir;
};

TEST_F(KioskConfigTest, ReadsKeysValuesAndSkipsCommentsAndBlanks) {
  const KioskConfig config =
      readKioskConfig(write("# Entrance kiosk 1\n\nserver = 10.0.0.5:50051\n  token=lyd_abc=def \n"
                            "pdf_dir = /var/lib/lanyard/Odznaky ščř\nfullscreen = Yes\n"),
                      kKeys);
  ASSERT_TRUE(config.error.isEmpty()) << qPrintable(config.error);
  EXPECT_EQ(config.values.value(QStringLiteral("server")), QStringLiteral("10.0.0.5:50051"));
  EXPECT_EQ(config.values.value(QStringLiteral("token")), QStringLiteral("lyd_abc=def")) << "only the first = splits";
  EXPECT_EQ(config.values.value(QStringLiteral("pdf_dir")), QStringLiteral("/var/lib/lanyard/Odznaky ščř"));
  EXPECT_TRUE(config.isTrue(QStringLiteral("fullscreen")));
  EXPECT_FALSE(config.isTrue(QStringLiteral("server")));
}

TEST_F(KioskConfigTest, NamesTheLineOfAnUnknownKey) {
  const QString path = write("server = x\nprinter_name = badges\n");
  const KioskConfig config = readKioskConfig(path, kKeys);
  EXPECT_EQ(config.error.left(config.error.indexOf(QLatin1String(" ("))),
            path + QStringLiteral(":2: unknown key \"printer_name\""));
}

TEST_F(KioskConfigTest, NamesTheLineWithoutEquals) {
  const QString path = write("server = x\n\njust words\n");
  EXPECT_EQ(readKioskConfig(path, kKeys).error, path + QStringLiteral(":3: expected `key = value`"));
}

TEST_F(KioskConfigTest, SaysWhenTheFileCannotBeRead) {
  const KioskConfig config = readKioskConfig(dir.filePath(QStringLiteral("missing.conf")), kKeys);
  EXPECT_TRUE(config.error.contains(QStringLiteral("missing.conf: cannot read"))) << qPrintable(config.error);
}

}  // namespace
}  // namespace lanyard::kiosk
