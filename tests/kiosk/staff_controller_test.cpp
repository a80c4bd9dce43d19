#include "staff_controller.h"

#include <gtest/gtest.h>

#include <QtTest/QSignalSpy>

#include "fake_badge_printer.h"
#include "fake_check_in_client.h"
#include "test_support.h"

namespace lanyard::kiosk {

using client::CheckInOutcome;
using client::EventInfo;
using client::Resolution;
using client::StaffBadge;
using client::StaffPinCheck;
namespace {

using testing::FakeBadgePrinter;
using testing::FakeCheckInClient;
using testing::waitUntil;
using Page = StaffController::Page;

StaffBadge tarasBadge(qint64 checkedInTimeUs) {
  StaffBadge badge;
  badge.delegate.id = 7;
  badge.delegate.givenName = QStringLiteral("Тарас");
  badge.delegate.familyInitial = QStringLiteral("Ш.");
  badge.delegate.displayName = QStringLiteral("Тарас Ш.");
  badge.delegate.category = QStringLiteral("city_official");
  badge.badge = {QStringLiteral("Тарас"), QStringLiteral("Шевченко"), QStringLiteral("Kyiv City Council"),
                 QStringLiteral("CODE7"), QStringLiteral("Taras Shevchenko")};
  badge.checkedInTimeUs = checkedInTimeUs;
  badge.notes = QStringLiteral("wheelchair user: step-free route to Hall B");
  return badge;
}

class StaffControllerTest : public ::testing::Test {
 protected:
  StaffControllerTest() : staff(client, printer) {
    event.name = QStringLiteral("Integrating Cities");
    event.timeZone = QStringLiteral("Europe/Prague");
    event.staffMode = true;
    event.categories = {{QStringLiteral("city_official"), QStringLiteral("City official"), QStringLiteral("#1565C0")}};
    staff.setEvent(event);
    staff.setSearchDelayMs(0);
  }

  bool reach(Page page) {
    return waitUntil([&] { return staff.page() == page; });
  }

  void openWith(const QString& pin) {
    staff.open();
    ASSERT_EQ(staff.page(), Page::Pin);
    staff.submitPin(pin);
    ASSERT_TRUE(waitUntil([&] { return !staff.busy(); }));
  }

  EventInfo event;
  FakeCheckInClient client;
  FakeBadgePrinter printer;
  StaffController staff;
};

TEST_F(StaffControllerTest, OnlyAnEventWithAStaffPinOffersStaffMode) {
  QSignalSpy available(&staff, &StaffController::availableChanged);
  event.staffMode = false;
  staff.setEvent(event);
  EXPECT_FALSE(staff.available());
  EXPECT_EQ(available.count(), 1);
  staff.open();
  EXPECT_FALSE(staff.active()) << "no PIN page without a staff PIN";
}

TEST_F(StaffControllerTest, TheServerJudgesThePinAndTheKioskSaysWhy) {
  client.staffPinCheck.value = StaffPinCheck::Wrong;
  openWith(QStringLiteral("0000"));
  EXPECT_EQ(staff.page(), Page::Pin);
  EXPECT_EQ(staff.messageKey(), QStringLiteral("wrong_pin"));
  client.staffPinCheck.value = StaffPinCheck::LockedOut;
  staff.submitPin(QStringLiteral("1234"));
  ASSERT_TRUE(waitUntil([&] { return staff.messageKey() == QStringLiteral("locked_out"); }));
  client.staffPinCheck.error = FakeCheckInClient::unreachable();
  staff.submitPin(QStringLiteral("1234"));
  ASSERT_TRUE(waitUntil([&] { return staff.messageKey() == QStringLiteral("unreachable"); }));
  client.staffPinCheck = {std::nullopt, StaffPinCheck::Accepted};
  staff.submitPin(QStringLiteral("2468"));
  ASSERT_TRUE(reach(Page::Home));
  EXPECT_EQ(client.staffPins, (QList<QString>{"0000", "1234", "1234", "2468"}));
}

TEST_F(StaffControllerTest, ReprintsTheBadgeOfSomeoneAlreadyCheckedInWithoutCheckingInAgain) {
  openWith(QStringLiteral("2468"));
  client.searchResults.value.matches = {tarasBadge(1).delegate};
  client.searchResults.value.matches[0].organisation = QStringLiteral("Kyiv City Council");
  client.staffBadge.value = tarasBadge(1'778'569'200'000'000);
  client.staffBadge.value.badgePrinted = true;
  staff.search(QStringLiteral("taras"));
  ASSERT_TRUE(waitUntil([&] { return staff.searchResults()->rowCount() == 1; }));
  const SearchResultModel& results = *staff.searchResults();
  EXPECT_EQ(results.data(results.index(0), SearchResultModel::OrganisationRole).toString(),
            QStringLiteral("Kyiv City Council"))
      << "staff see the organisation, which the self-service search keeps to itself";
  staff.choose(7);
  ASSERT_TRUE(reach(Page::Person));
  EXPECT_EQ(client.badgeRequests.constLast(), (std::pair<qint64, QString>{7, QStringLiteral("2468")}))
      << "every staff call carries the PIN";
  EXPECT_EQ(staff.personName(), QStringLiteral("Тарас Шевченко"));
  EXPECT_EQ(staff.personLatinName(), QStringLiteral("Taras Shevchenko"));
  EXPECT_EQ(staff.categoryLabel(), QStringLiteral("City official"));
  EXPECT_TRUE(staff.badgePrinted());
  EXPECT_FALSE(staff.checkedInAt().isEmpty());

  staff.printBadge();
  ASSERT_TRUE(reach(Page::Printed));
  EXPECT_TRUE(client.checkIns.isEmpty()) << "a reprint is not a check-in";
  ASSERT_EQ(printer.printed.size(), 1);
  EXPECT_EQ(printer.printed.constFirst().familyName, QStringLiteral("Шевченко"));
  EXPECT_EQ(printer.printed.constFirst().latinName, QStringLiteral("Taras Shevchenko"));
  EXPECT_EQ(printer.printed.constFirst().badgeCode, QStringLiteral("CODE7"));
  EXPECT_EQ(printer.printed.constFirst().categoryLabel, QStringLiteral("City official"));
  ASSERT_TRUE(waitUntil([&] { return client.prints.size() == 1; }));
  EXPECT_TRUE(client.prints.constFirst().success);
  EXPECT_EQ(client.prints.constFirst().printer, QStringLiteral("fake-printer"));
}

TEST_F(StaffControllerTest, DatesAreWrittenTheWayTheKiosksLanguageWritesThem) {
  openWith(QStringLiteral("2468"));
  client.staffBadge.value = tarasBadge(1'778'608'740'000'000);  // 12 May 2026, 19:59 in Prague.
  staff.choose(7);
  ASSERT_TRUE(reach(Page::Person));
  // The kiosk's English is British, at a European event: day first, 24-hour.
  EXPECT_EQ(staff.checkedInAt().toStdString(), "12/05/2026 19:59");
  QSignalSpy changed(&staff, &StaffController::personChanged);
  staff.setLanguage(QStringLiteral("de"));
  EXPECT_EQ(changed.count(), 1) << "the page shows the date again";
  EXPECT_EQ(staff.checkedInAt().toStdString(), "12.05.26 19:59");
  staff.setLanguage(QStringLiteral("uk"));
  EXPECT_EQ(staff.checkedInAt().toStdString(), "12.05.26 19:59");
  staff.setLanguage(QStringLiteral("lt"));
  EXPECT_EQ(staff.checkedInAt().toStdString(), "2026-05-12 19:59");
}

TEST_F(StaffControllerTest, AWalkInIsCheckedInOnTheStaffsWordThenPrinted) {
  openWith(QStringLiteral("2468"));
  client.staffBadge.value = tarasBadge(0);
  staff.choose(7);
  ASSERT_TRUE(reach(Page::Person));
  EXPECT_TRUE(staff.checkedInAt().isEmpty());
  client.checkInResult.value.outcome = CheckInOutcome::Admitted;
  client.checkInResult.value.badge = tarasBadge(0).badge;
  staff.printBadge();
  ASSERT_TRUE(reach(Page::Printed));
  ASSERT_EQ(client.checkIns.size(), 1);
  EXPECT_EQ(client.checkIns.constFirst().delegateId, 7);
  EXPECT_EQ(client.checkIns.constFirst().staffPin, QStringLiteral("2468"));
  EXPECT_TRUE(client.checkIns.constFirst().proof.isEmpty());
  EXPECT_FALSE(client.checkIns.constFirst().requestId.isEmpty());
  EXPECT_EQ(printer.printed.size(), 1);
  EXPECT_FALSE(staff.checkedInAt().isEmpty());
}

TEST_F(StaffControllerTest, ACancelledRegistrationGetsNoBadge) {
  openWith(QStringLiteral("2468"));
  client.staffBadge.value = tarasBadge(0);
  staff.choose(7);
  ASSERT_TRUE(reach(Page::Person));
  client.checkInResult.value.outcome = CheckInOutcome::Cancelled;
  staff.printBadge();
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(staff.messageKey(), QStringLiteral("cancelled"));
  EXPECT_TRUE(printer.printed.isEmpty());
}

TEST_F(StaffControllerTest, AFailedPrintIsRecordedAndSaidSo) {
  openWith(QStringLiteral("2468"));
  client.staffBadge.value = tarasBadge(1);
  staff.choose(7);
  ASSERT_TRUE(reach(Page::Person));
  printer.result = {false, QStringLiteral("media-empty"), QStringLiteral("fake")};
  staff.printBadge();
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(staff.messageKey(), QStringLiteral("print_failed"));
  ASSERT_TRUE(waitUntil([&] { return client.prints.size() == 1; }));
  EXPECT_FALSE(client.prints.constFirst().success);
  EXPECT_EQ(client.prints.constFirst().error, QStringLiteral("media-empty"));
  staff.back();
  EXPECT_EQ(staff.page(), Page::Home);
}

TEST_F(StaffControllerTest, AScannedCodeFindsTheDelegate) {
  openWith(QStringLiteral("2468"));
  client.resolution.value.status = Resolution::Status::Valid;
  client.resolution.value.delegate = tarasBadge(1).delegate;
  client.staffBadge.value = tarasBadge(1);
  staff.submitCode(QStringLiteral(" CODE7 "));
  ASSERT_TRUE(reach(Page::Person));
  EXPECT_EQ(client.resolvedCodes.constLast(), QStringLiteral("CODE7"));
  EXPECT_EQ(client.badgeRequests.constLast().first, 7);
  EXPECT_FALSE(staff.scannedOldBadge());
  EXPECT_EQ(staff.personNotes(), QStringLiteral("wheelchair user: step-free route to Hall B"));

  // A replaced badge still says whose it is: staff see the person, and that the badge is old.
  client.resolution.value.status = Resolution::Status::Superseded;
  staff.back();
  staff.submitCode(QStringLiteral("OLDCODE7"));
  ASSERT_TRUE(reach(Page::Person));
  EXPECT_EQ(client.resolvedCodes.constLast(), QStringLiteral("OLDCODE7"));
  EXPECT_TRUE(staff.scannedOldBadge());

  client.resolution.value = {Resolution::Status::Forged, std::nullopt};
  staff.submitCode(QStringLiteral("FORGED"));
  ASSERT_TRUE(reach(Page::Problem));
  EXPECT_EQ(staff.messageKey(), QStringLiteral("unknown_code"));
}

TEST_F(StaffControllerTest, LeavingOrIdlingForgetsThePinAndThePerson) {
  openWith(QStringLiteral("2468"));
  client.staffBadge.value = tarasBadge(1);
  staff.choose(7);
  ASSERT_TRUE(reach(Page::Person));
  staff.setIdleTimeoutMs(50);  // Shortened only now, so that it cannot fire before Person.
  ASSERT_TRUE(reach(Page::Closed)) << "idle: staff mode closes by itself";
  EXPECT_TRUE(staff.personName().isEmpty());
  // Opening again asks for the PIN again, and a staff call without it would carry none.
  staff.open();
  EXPECT_EQ(staff.page(), Page::Pin);
  staff.close();
  EXPECT_FALSE(staff.active());
}

TEST_F(StaffControllerTest, RepliesForAStepLeftBehindAreDropped) {
  openWith(QStringLiteral("2468"));
  client.staffBadge.value = tarasBadge(1);
  staff.choose(7);
  staff.close();
  // The fake answers in call order: once the new PIN's answer is in, the old badge's has come and
  // gone, and must not have shown anyone.
  openWith(QStringLiteral("2468"));
  EXPECT_EQ(staff.page(), Page::Home);
  EXPECT_TRUE(staff.personName().isEmpty());
}

}  // namespace
}  // namespace lanyard::kiosk
