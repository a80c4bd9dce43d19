#include "domain/offline_upload.h"

#include <gtest/gtest.h>

namespace lanyard::server::domain {
namespace {

constexpr TimeUs kMinute = 60LL * 1'000'000;
constexpr TimeUs kScan = 1'778'570'000LL * 1'000'000;  // 2026-05-12, mid-morning in Prague.
constexpr std::int32_t kDay = 20585;

Delegate activeDelegate() {
  Delegate d;
  d.id = 7;
  d.givenName = "Simona";
  d.familyName = "Bieliūnė";
  return d;
}

CheckInFacts factsFor(const Delegate& d) {
  CheckInFacts facts;
  facts.delegate = d;
  return facts;
}

// An entrance (or, with `sessionId`, a session) request the kiosk decided as `kiosk` offline.
CheckInCommand upload(CheckInOutcome kiosk, Direction direction = Direction::In, std::int64_t sessionId = 0) {
  CheckInCommand command;
  command.deviceId = 2;
  command.requestId = "offline-1";
  command.scanTimeUs = kScan;
  command.direction = direction;
  command.sessionId = sessionId;
  command.subject = subject::Badge{7, 1};
  command.offlineOutcome = kiosk;
  return command;
}

// A session from 09:00 to 10:00 (kScan is 09:13 local).
CheckInFacts sessionFacts(std::int32_t capacity, bool registrationRequired, int inside, bool registered) {
  CheckInFacts facts = factsFor(activeDelegate());
  Session s;
  s.id = 3;
  s.startUs = kScan - 13 * kMinute;
  s.endUs = s.startUs + 60 * kMinute;
  s.capacity = capacity;
  s.registrationRequired = registrationRequired;
  facts.session = s;
  facts.insideSession = inside;
  facts.registeredForSession = registered;
  return facts;
}

OfflineSettlement settle(const CheckInCommand& command, const CheckInFacts& facts, TimeUs at = kScan) {
  return settleOfflineUpload(command, facts, CheckInPolicy{}, at, kDay);
}

TEST(OfflineUploadTest, AnAdmissionTheServerAgreesWithHasNoConflict) {
  const OfflineSettlement s = settle(upload(CheckInOutcome::Admitted), factsFor(activeDelegate()));
  EXPECT_EQ(s.logged.outcome, CheckInOutcome::Admitted);
  EXPECT_EQ(s.serverOutcome, CheckInOutcome::Admitted);
  EXPECT_FALSE(s.conflict.has_value());
}

TEST(OfflineUploadTest, AdmittedWhileAlreadyInsideIsKeptAsAdmittedTwiceReferringToTheFirst) {
  CheckInFacts facts = factsFor(activeDelegate());
  facts.latestHere = LoggedCheckIn{41, kScan - 5 * kMinute, "kiosk-1", 0, Direction::In, kDay};
  const OfflineSettlement s = settle(upload(CheckInOutcome::Admitted), facts);
  EXPECT_EQ(s.logged.outcome, CheckInOutcome::Admitted);
  EXPECT_EQ(s.serverOutcome, CheckInOutcome::AlreadyCheckedIn);
  EXPECT_EQ(s.conflict, ConflictKind::AdmittedTwice);
  ASSERT_TRUE(s.earlier.has_value());
  EXPECT_EQ(s.earlier->id, 41);
}

TEST(OfflineUploadTest, WithdrawnCodesKeepTheAdmissionWithAConflict) {
  Delegate cancelled = activeDelegate();
  cancelled.status = RegistrationStatus::Cancelled;
  const OfflineSettlement c = settle(upload(CheckInOutcome::Admitted), factsFor(cancelled));
  EXPECT_EQ(c.logged.outcome, CheckInOutcome::Admitted);
  EXPECT_EQ(c.serverOutcome, CheckInOutcome::Cancelled);
  EXPECT_EQ(c.conflict, ConflictKind::CodeWithdrawn);

  CheckInFacts reissued = factsFor(activeDelegate());
  reissued.codeProblem = CheckInOutcome::SupersededCode;
  const OfflineSettlement r = settle(upload(CheckInOutcome::Admitted), reissued);
  EXPECT_EQ(r.logged.outcome, CheckInOutcome::Admitted);
  EXPECT_EQ(r.conflict, ConflictKind::CodeWithdrawn);
}

TEST(OfflineUploadTest, AnUnknownCodeIsLoggedAsTheServerDecidesWithAConflict) {
  CheckInFacts unknown;
  unknown.codeProblem = CheckInOutcome::UnknownCode;
  const OfflineSettlement s = settle(upload(CheckInOutcome::Admitted), unknown);
  EXPECT_EQ(s.logged.outcome, CheckInOutcome::UnknownCode);  // Nobody to keep inside.
  EXPECT_EQ(s.conflict, ConflictKind::CodeWithdrawn);
}

TEST(OfflineUploadTest, SessionRefusalsBecomeTheirConflictKinds) {
  const CheckInCommand command = upload(CheckInOutcome::Admitted, Direction::In, 3);
  EXPECT_EQ(settle(command, sessionFacts(10, false, 10, false)).conflict, ConflictKind::SessionFull);
  EXPECT_EQ(settle(command, sessionFacts(0, true, 0, false)).conflict, ConflictKind::NotRegistered);
  const OfflineSettlement late = settle(command, sessionFacts(0, false, 0, false), kScan + 3 * 60 * kMinute);
  EXPECT_EQ(late.conflict, ConflictKind::OutsideTimeWindow);
  EXPECT_EQ(late.logged.outcome, CheckInOutcome::Admitted);
}

TEST(OfflineUploadTest, TheTimeWindowIsJudgedAtTheScanTime) {
  const CheckInCommand command = upload(CheckInOutcome::Admitted, Direction::In, 3);
  const OfflineSettlement s = settle(command, sessionFacts(0, false, 0, false), kScan);
  EXPECT_EQ(s.serverOutcome, CheckInOutcome::Admitted);
  EXPECT_FALSE(s.conflict.has_value());
}

TEST(OfflineUploadTest, AKeptSessionAdmissionLeavesTheOtherRoom) {
  CheckInFacts facts = sessionFacts(1, false, 1, false);
  facts.currentOtherSession = 5;
  const OfflineSettlement s = settle(upload(CheckInOutcome::Admitted, Direction::In, 3), facts);
  EXPECT_EQ(s.conflict, ConflictKind::SessionFull);
  EXPECT_EQ(s.logged.leaveSessionId, 5);
}

TEST(OfflineUploadTest, OtherRefusalsNameTheServersOutcome) {
  CheckInCommand command = upload(CheckInOutcome::Admitted);
  command.subject = subject::ByName{7, "wrong", true};
  Delegate d = activeDelegate();
  d.email = "simona@vilnius.example";
  const OfflineSettlement s = settle(command, factsFor(d));
  EXPECT_EQ(s.conflict, ConflictKind::Other);
  EXPECT_EQ(s.logged.outcome, CheckInOutcome::Admitted);
  EXPECT_EQ(conflictReason(ConflictKind::Other, CheckInOutcome::Admitted, s.serverOutcome),
            "Admitted offline; the server would have answered WRONG_PROOF.");
}

TEST(OfflineUploadTest, TheKiosksRefusalStandsWithoutConflict) {
  // The server would admit, but the person was sent to the help desk.
  const OfflineSettlement s = settle(upload(CheckInOutcome::Cancelled), factsFor(activeDelegate()));
  EXPECT_EQ(s.logged.outcome, CheckInOutcome::Cancelled);
  EXPECT_EQ(s.serverOutcome, CheckInOutcome::Admitted);
  EXPECT_FALSE(s.conflict.has_value());
}

TEST(OfflineUploadTest, AnOfflineCheckOutIsKeptLikeAnAdmission) {
  CheckInFacts facts = factsFor(activeDelegate());
  facts.currentOtherSession = 4;
  const OfflineSettlement s = settle(upload(CheckInOutcome::CheckedOut, Direction::Out), facts);
  EXPECT_EQ(s.logged.outcome, CheckInOutcome::CheckedOut);
  EXPECT_EQ(s.serverOutcome, CheckInOutcome::NotCheckedIn);
  EXPECT_EQ(s.conflict, ConflictKind::Other);
  EXPECT_EQ(s.logged.leaveSessionId, 4);
}

TEST(OfflineUploadTest, AKeptEntranceAdmissionAfterAnExitIsAReentry) {
  Delegate cancelled = activeDelegate();
  cancelled.status = RegistrationStatus::Cancelled;
  CheckInFacts facts = factsFor(cancelled);
  facts.latestHere = LoggedCheckIn{40, kScan - kMinute, "kiosk-1", 0, Direction::Out, kDay};
  const OfflineSettlement s = settle(upload(CheckInOutcome::Admitted), facts);
  EXPECT_EQ(s.conflict, ConflictKind::CodeWithdrawn);
  EXPECT_TRUE(s.logged.reentry);
}

TEST(OfflineUploadTest, AnOutcomeMustFitTheDirection) {
  EXPECT_TRUE(checkOfflineOutcome(CheckInOutcome::Admitted, Direction::In).ok());
  EXPECT_TRUE(checkOfflineOutcome(CheckInOutcome::CheckedOut, Direction::Out).ok());
  EXPECT_TRUE(checkOfflineOutcome(CheckInOutcome::SessionFull, Direction::In).ok());
  const absl::Status wrong = checkOfflineOutcome(CheckInOutcome::CheckedOut, Direction::In);
  EXPECT_EQ(wrong.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(wrong.message(), "offline.outcome CHECKED_OUT needs direction DIRECTION_OUT");
  EXPECT_EQ(checkOfflineOutcome(CheckInOutcome::Admitted, Direction::Out).code(), absl::StatusCode::kInvalidArgument);
}

TEST(OfflineUploadTest, ReasonsSayWhatHappenedInWords) {
  EXPECT_EQ(conflictReason(ConflictKind::AdmittedTwice, CheckInOutcome::Admitted, CheckInOutcome::AlreadyCheckedIn),
            "Admitted twice: already admitted by another scan.");
  EXPECT_EQ(conflictReason(ConflictKind::CodeWithdrawn, CheckInOutcome::Admitted, CheckInOutcome::Cancelled),
            "Admitted offline after the registration was cancelled.");
  EXPECT_EQ(conflictReason(ConflictKind::CodeWithdrawn, CheckInOutcome::Admitted, CheckInOutcome::SupersededCode),
            "Admitted offline with a badge replaced by a reissued one.");
  EXPECT_EQ(conflictReason(ConflictKind::SessionFull, CheckInOutcome::Admitted, CheckInOutcome::SessionFull),
            "Admitted offline to a session that was full.");
  EXPECT_EQ(conflictReason(ConflictKind::Other, CheckInOutcome::CheckedOut, CheckInOutcome::NotCheckedIn),
            "Checked out offline; the server would have answered NOT_CHECKED_IN.");
}

}  // namespace
}  // namespace lanyard::server::domain
