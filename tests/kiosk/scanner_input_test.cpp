#include "scanner_input.h"

#include <gtest/gtest.h>

#include <QtTest/QSignalSpy>

namespace lanyard::kiosk {
namespace {

class ScannerInputTest : public ::testing::Test {
 protected:
  ScannerInputTest() {
    scanner.setClock([this] { return now; });
  }

  // Types `text` with `gapMs` between keys, then Enter after another `gapMs`; returns whether
  // the Enter was swallowed.
  bool type(const QString& text, qint64 gapMs) {
    for (const QChar c : text) {
      now += gapMs;
      scanner.handleKey(c.unicode(), QString(c));
    }
    now += gapMs;
    return scanner.handleKey(Qt::Key_Return, QStringLiteral("\r"));
  }

  qint64 now = 1000;
  ScannerInput scanner;
  QSignalSpy scanned{&scanner, &ScannerInput::codeScanned};
};

TEST_F(ScannerInputTest, BurstEndingWithEnterIsAScan) {
  EXPECT_TRUE(type(QStringLiteral("ABCDEF234567"), 3));
  ASSERT_EQ(scanned.count(), 1);
  EXPECT_EQ(scanned[0][0].toString(), QStringLiteral("ABCDEF234567"));
}

TEST_F(ScannerInputTest, PersonTypingIsNotAScan) {
  EXPECT_FALSE(type(QStringLiteral("dvorak"), 180));
  EXPECT_EQ(scanned.count(), 0);
}

TEST_F(ScannerInputTest, ShortBurstIsNotAScan) {
  EXPECT_FALSE(type(QStringLiteral("ab"), 2));
  EXPECT_EQ(scanned.count(), 0);
}

TEST_F(ScannerInputTest, BurstAfterTypingScansOnlyTheBurst) {
  for (const QChar c : QStringLiteral("hello")) {
    now += 200;
    scanner.handleKey(c.unicode(), QString(c));
  }
  now += 500;
  EXPECT_TRUE(type(QStringLiteral("CODE1234"), 4));
  ASSERT_EQ(scanned.count(), 1);
  EXPECT_EQ(scanned[0][0].toString(), QStringLiteral("CODE1234"));
}

TEST_F(ScannerInputTest, SlowEnterAfterBurstIsNotAScan) {
  for (const QChar c : QStringLiteral("ABCDEFGH")) {
    now += 3;
    scanner.handleKey(c.unicode(), QString(c));
  }
  now += 1500;
  EXPECT_FALSE(scanner.handleKey(Qt::Key_Return, QStringLiteral("\r")));
  EXPECT_EQ(scanned.count(), 0);
}

TEST_F(ScannerInputTest, TwoScansInARow) {
  EXPECT_TRUE(type(QStringLiteral("FIRST123"), 2));
  now += 2000;
  EXPECT_TRUE(type(QStringLiteral("SECOND45"), 2));
  ASSERT_EQ(scanned.count(), 2);
  EXPECT_EQ(scanned[1][0].toString(), QStringLiteral("SECOND45"));
}

}  // namespace
}  // namespace lanyard::kiosk
