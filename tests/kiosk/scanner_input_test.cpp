#include "scanner_input.h"

#include <gtest/gtest.h>

#include <QtGui/QKeyEvent>
#include <QtTest/QSignalSpy>

namespace lanyard::kiosk {
namespace {

// A badge code's alphabet and length class: capitals and the digits 2-7.
const QString kCode = QStringLiteral("AEBZY2345QMW67XYZAAQ");

// XKB keycodes of a US keyboard, as a keyboard-wedge scanner presses them.
constexpr quint32 kShift = 50;
constexpr quint32 kCapsLock = 66;
constexpr quint32 kAltGr = 108;
constexpr quint32 kReturn = 36;
constexpr quint32 kKeypadEnter = 104;
constexpr quint32 kTab = 23;
constexpr quint32 kSpace = 65;

quint32 usKeycode(QChar c) {
  for (quint32 code = 8; code < 256; ++code) {
    if (usKeyboardCharacter(code, c.isUpper()) == c) return code;
  }
  ADD_FAILURE() << "no US key for " << QString(c).toStdString();
  return 0;
}

// What a key gives under each kiosk layout, where that differs from a US keyboard: the text Qt
// reports for the physical key (lower case; upper case with Shift where the layout has one).
QString layoutText(const QString& layout, quint32 keycode, bool shift) {
  static const QHash<QString, QHash<quint32, QString>> kDifferences = {
      {QStringLiteral("de"), {{29, QStringLiteral("z")}, {52, QStringLiteral("y")}}},
      // Czech QWERTZ: the digit row gives letters without Shift, digits with it.
      {QStringLiteral("cz"),
       {{29, QStringLiteral("z")},
        {52, QStringLiteral("y")},
        {11, QStringLiteral("ě")},
        {12, QStringLiteral("š")},
        {13, QStringLiteral("č")},
        {14, QStringLiteral("ř")},
        {15, QStringLiteral("ž")},
        {16, QStringLiteral("ý")}}},
      // French AZERTY: A/Q and Z/W swapped, M moved, digits only with Shift.
      {QStringLiteral("fr"),
       {{24, QStringLiteral("a")},
        {38, QStringLiteral("q")},
        {25, QStringLiteral("z")},
        {52, QStringLiteral("w")},
        {47, QStringLiteral("m")},
        {58, QStringLiteral(",")},
        {11, QStringLiteral("é")},
        {12, QStringLiteral("\"")},
        {13, QStringLiteral("'")},
        {14, QStringLiteral("(")},
        {15, QStringLiteral("-")},
        {16, QStringLiteral("è")}}},
      {QStringLiteral("ua"),
       {{24, QStringLiteral("й")},
        {25, QStringLiteral("ц")},
        {26, QStringLiteral("у")},
        {29, QStringLiteral("н")},
        {38, QStringLiteral("ф")},
        {39, QStringLiteral("і")},
        {52, QStringLiteral("я")},
        {53, QStringLiteral("ч")},
        {56, QStringLiteral("и")},
        {58, QStringLiteral("ь")}}},
  };
  const QString plain = kDifferences.value(layout).value(keycode);
  if (plain.isEmpty()) {
    const QChar us = usKeyboardCharacter(keycode, shift);
    return us.isNull() ? QString() : QString(us);
  }
  // Shift on a layout's digit-row letters gives the digit; on letters, the capital.
  if (shift && keycode >= 10 && keycode <= 19) return QString(usKeyboardCharacter(keycode, false));
  return shift ? plain.toUpper() : plain;
}

// Records the key events that reach it, as a page would see them.
class Page : public QObject {
 public:
  bool event(QEvent* event) override {
    if (event->type() != QEvent::KeyPress && event->type() != QEvent::KeyRelease) return QObject::event(event);
    const auto* key = static_cast<QKeyEvent*>(event);
    keys.append((event->type() == QEvent::KeyPress ? QStringLiteral("+") : QStringLiteral("-")) + key->text());
    if (event->type() == QEvent::KeyPress) typed += key->text();
    return true;
  }
  QStringList keys;
  QString typed;
};

class ScannerInputTest : public ::testing::Test {
 protected:
  ScannerInputTest() {
    scanner.setClock([this] { return clockMs; });
  }

  // One key press and its release, `gapMs` after the last key, as the window gets them.
  void press(quint32 keycode, int qtKey, const QString& text, Qt::KeyboardModifiers modifiers = {},
             bool autoRepeat = false) {
    timeMs += gapMs;
    for (const QEvent::Type type : {QEvent::KeyPress, QEvent::KeyRelease}) {
      QKeyEvent event(type, qtKey, modifiers, keycode, 0, 0, text, autoRepeat);
      event.setTimestamp(quint64(timeMs));
      if (!scanner.handleKeyEvent(&page, event)) QCoreApplication::sendEvent(&page, &event);
    }
  }
  void modifier(quint32 keycode, int qtKey) { press(keycode, qtKey, QString()); }

  // A US-keyboard scanner typing `code` into a kiosk with `layout`: Shift held for each capital.
  void scan(const QString& code, const QString& layout = QStringLiteral("us")) {
    for (const QChar c : code) {
      const quint32 keycode = usKeycode(c);
      const bool shift = c.isUpper();
      if (shift) modifier(kShift, Qt::Key_Shift);
      const QString text = layoutText(layout, keycode, shift);
      press(keycode, text.isEmpty() ? 0 : text.at(0).toUpper().unicode(), text,
            shift ? Qt::ShiftModifier : Qt::NoModifier);
    }
  }
  void enter() { press(kReturn, Qt::Key_Return, QStringLiteral("\r")); }

  qint64 timeMs = 100000;  // The key events' own timestamps.
  qint64 gapMs = 3;
  qint64 clockMs = 0;  // The event loop's clock: only for events without a timestamp.
  Page page;
  ScannerInput scanner;
  QSignalSpy scanned{&scanner, &ScannerInput::codeScanned};
  QSignalSpy reading{&scanner, &ScannerInput::readingChanged};
};

TEST_F(ScannerInputTest, ShiftedCapitalsAndEnterAreAScan) {
  scan(kCode);
  enter();
  ASSERT_EQ(scanned.count(), 1);
  EXPECT_EQ(scanned[0][0].toString(), kCode);
  EXPECT_TRUE(page.typed.isEmpty()) << "no key of a scan types into the page: " << page.typed.toStdString();
}

TEST_F(ScannerInputTest, EveryKioskLayoutReadsTheSameCode) {
  for (const QString& layout :
       {QStringLiteral("de"), QStringLiteral("cz"), QStringLiteral("fr"), QStringLiteral("ua")}) {
    scanned.clear();
    timeMs += 1000;
    scan(kCode, layout);
    enter();
    ASSERT_EQ(scanned.count(), 1) << layout.toStdString();
    EXPECT_EQ(scanned[0][0].toString(), kCode) << layout.toStdString();
  }
  EXPECT_TRUE(page.typed.isEmpty());
}

TEST_F(ScannerInputTest, CapsLockAndAltGrDoNotBreakTheBurst) {
  modifier(kCapsLock, Qt::Key_CapsLock);
  scan(kCode.left(8));
  modifier(kAltGr, Qt::Key_AltGr);
  scan(kCode.mid(8));
  enter();
  ASSERT_EQ(scanned.count(), 1);
  EXPECT_EQ(scanned[0][0].toString(), kCode);
}

TEST_F(ScannerInputTest, PrefixAndSuffixTheScannerAddsAreDropped) {
  press(kTab, Qt::Key_Tab, QStringLiteral("\t"));
  press(kSpace, Qt::Key_Space, QStringLiteral(" "));
  scan(kCode);
  press(kSpace, Qt::Key_Space, QStringLiteral(" "));
  press(kTab, Qt::Key_Tab, QStringLiteral("\t"));
  press(kKeypadEnter, Qt::Key_Enter, QStringLiteral("\r"));
  ASSERT_EQ(scanned.count(), 1);
  EXPECT_EQ(scanned[0][0].toString(), kCode);
  EXPECT_TRUE(page.typed.isEmpty()) << page.typed.toStdString();
}

TEST_F(ScannerInputTest, LeadingEnterAndKeypadEnterSuffix) {
  enter();
  scan(kCode);
  press(kKeypadEnter, Qt::Key_Enter, QStringLiteral("\r"));
  ASSERT_EQ(scanned.count(), 1);
  EXPECT_EQ(scanned[0][0].toString(), kCode);
  EXPECT_TRUE(page.typed.isEmpty());
}

// X11 reports a key released and pressed again at the same instant as an auto-repeat: a scanner's
// doubled letters, typed within one millisecond.
TEST_F(ScannerInputTest, DoubledLettersFlaggedAsAutoRepeatCount) {
  const QString code = QStringLiteral("AHC3XSGWAAAAA4IAAGRV");
  for (qsizetype i = 0; i < code.size(); ++i) {
    const QChar c = code.at(i);
    const bool repeated = i > 0 && code.at(i - 1) == c;
    if (repeated) gapMs = 0;
    press(usKeycode(c), c.unicode(), QString(c), c.isUpper() ? Qt::ShiftModifier : Qt::NoModifier, repeated);
    gapMs = 3;
  }
  enter();
  ASSERT_EQ(scanned.count(), 1);
  EXPECT_EQ(scanned[0][0].toString(), code);
}

TEST_F(ScannerInputTest, BurstIsTimedByTheEventsOwnTimestamps) {
  // The event loop got to the keys late and all at once: their timestamps still say 3 ms apart.
  scan(kCode);
  clockMs += 5000;
  enter();
  ASSERT_EQ(scanned.count(), 1);

  // Keys the loop delivers together but that were pressed 200 ms apart are a person's.
  scanned.clear();
  gapMs = 200;
  scan(QStringLiteral("dvorak"));
  enter();
  scanner.finishBurst();
  EXPECT_EQ(scanned.count(), 0);
  EXPECT_EQ(page.typed, QStringLiteral("dvorak\r"));
}

TEST_F(ScannerInputTest, PersonTypingReachesThePageInOrder) {
  gapMs = 180;
  scan(QStringLiteral("Dvo"));
  scanner.finishBurst();  // The event loop's silence timer.
  EXPECT_EQ(scanned.count(), 0);
  EXPECT_EQ(page.typed, QStringLiteral("Dvo"));
  EXPECT_EQ(page.keys,
            (QStringList{QStringLiteral("+"), QStringLiteral("-"), QStringLiteral("+D"), QStringLiteral("-D"),
                         QStringLiteral("+v"), QStringLiteral("-v"), QStringLiteral("+o"), QStringLiteral("-o")}));
}

TEST_F(ScannerInputTest, AFewQuickKeysAndEnterAreAPerson) {
  scan(QStringLiteral("li"));
  enter();
  EXPECT_EQ(scanned.count(), 0);
  EXPECT_EQ(page.typed, QStringLiteral("li\r"));
}

TEST_F(ScannerInputTest, BurstWithoutEnterIsAScanOnceTheKeysStop) {
  scan(kCode);
  EXPECT_EQ(scanned.count(), 0);
  ASSERT_TRUE(scanned.wait(2000)) << "the silence timer ends the burst";
  EXPECT_EQ(scanned[0][0].toString(), kCode);
  EXPECT_TRUE(page.typed.isEmpty());
}

TEST_F(ScannerInputTest, ReadingFromTheFirstKeysUntilTheScanEnds) {
  scan(kCode.left(ScannerInput::kMinScanLength - 1));
  EXPECT_FALSE(scanner.reading());
  scan(kCode.mid(ScannerInput::kMinScanLength - 1, 1));
  EXPECT_TRUE(scanner.reading());
  ASSERT_EQ(reading.count(), 1);
  scan(kCode.mid(ScannerInput::kMinScanLength));
  enter();
  EXPECT_FALSE(scanner.reading());
  EXPECT_EQ(reading.count(), 2);
}

TEST_F(ScannerInputTest, TwoScansInARow) {
  scan(QStringLiteral("FIRST234"));
  enter();
  scan(QStringLiteral("SECOND45"));
  enter();
  ASSERT_EQ(scanned.count(), 2);
  EXPECT_EQ(scanned[1][0].toString(), QStringLiteral("SECOND45"));
}

TEST_F(ScannerInputTest, BurstAfterTypingScansOnlyTheBurst) {
  gapMs = 200;
  scan(QStringLiteral("hello"));
  gapMs = 3;
  timeMs += 500;
  scan(kCode);
  enter();
  ASSERT_EQ(scanned.count(), 1);
  EXPECT_EQ(scanned[0][0].toString(), kCode);
  EXPECT_EQ(page.typed, QStringLiteral("hello"));
}

TEST_F(ScannerInputTest, SyntheticKeysWithoutTimestampsUseTheClock) {
  for (const QChar c : kCode) {
    QKeyEvent event(QEvent::KeyPress, c.unicode(), Qt::NoModifier, QString(c));
    EXPECT_TRUE(scanner.handleKeyEvent(&page, event));
  }
  QKeyEvent enterKey(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier, QStringLiteral("\r"));
  EXPECT_TRUE(scanner.handleKeyEvent(&page, enterKey));
  ASSERT_EQ(scanned.count(), 1);
  EXPECT_EQ(scanned[0][0].toString(), kCode);
}

}  // namespace
}  // namespace lanyard::kiosk
