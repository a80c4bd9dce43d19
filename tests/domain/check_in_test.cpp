#include "domain/check_in.h"

#include <gtest/gtest.h>

namespace lanyard::server::domain {
namespace {

constexpr TimeUs kMinute = 60LL * 1'000'000;
constexpr TimeUs kNow = 1'778'570'000LL * 1'000'000;  // 2026-05-12, mid-morning in Prague.
constexpr std::int32_t kToday = 20585;

Delegate activeDelegate() {
  Delegate d;
  d.id = 7;
  d.givenName = "Simona";
  d.familyName = "Bieliūnė";
  d.email = "Simona.Bieliune@vilnius.example";
  return d;
}

CheckInCommand entranceScan(Direction direction = Direction::In) {
  CheckInCommand command;
  command.deviceId = 1;
  command.requestId = "r1";
  command.scanTimeUs = kNow;
  command.direction = direction;
  command.subject = subject::Badge{7, 1};
  return command;
}

LoggedCheckIn logged(Direction direction, std::int32_t day, std::int64_t sessionId = 0) {
  return LoggedCheckIn{41, kNow - 30 * kMinute, "kiosk-entrance-1", sessionId, direction, day};
}

CheckInFacts factsFor(const Delegate& d) {
  CheckInFacts facts;
  facts.delegate = d;
  return facts;
}

Session workshop(std::int32_t capacity, bool registrationRequired) {
  Session s;
  s.id = 3;
  s.title = "Workshop";
  s.startUs = kNow;
  s.endUs = kNow + 90 * kMinute;
  s.capacity = capacity;
  s.registrationRequired = registrationRequired;
  return s;
}

CheckInDecision decide(const CheckInCommand& command, const CheckInFacts& facts) {
  return decideCheckIn(command, facts, CheckInPolicy{}, kNow, kToday);
}

TEST(CheckInRulesTest, AdmitsFirstEntranceScanOfTheDay) {
  const CheckInDecision decision = decide(entranceScan(), factsFor(activeDelegate()));
  EXPECT_EQ(decision.outcome, CheckInOutcome::Admitted);
  EXPECT_FALSE(decision.reentry);
}

TEST(CheckInRulesTest, ReportsAlreadyCheckedInWithTheEarlierEntry) {
  CheckInFacts facts = factsFor(activeDelegate());
  facts.latestHere = logged(Direction::In, kToday);
  const CheckInDecision decision = decide(entranceScan(), facts);
  EXPECT_EQ(decision.outcome, CheckInOutcome::AlreadyCheckedIn);
  ASSERT_TRUE(decision.previous.has_value());
  EXPECT_EQ(decision.previous->id, 41);
  EXPECT_EQ(decision.previous->deviceName, "kiosk-entrance-1");
}

TEST(CheckInRulesTest, AdmitsAgainOnTheNextEventDay) {
  CheckInFacts facts = factsFor(activeDelegate());
  facts.latestHere = logged(Direction::In, kToday - 1);
  const CheckInDecision decision = decide(entranceScan(), facts);
  EXPECT_EQ(decision.outcome, CheckInOutcome::Admitted);
  EXPECT_FALSE(decision.reentry);
}

TEST(CheckInRulesTest, ReadmitsAfterAnExitTheSameDayAsReentry) {
  CheckInFacts facts = factsFor(activeDelegate());
  facts.latestHere = logged(Direction::Out, kToday);
  const CheckInDecision decision = decide(entranceScan(), facts);
  EXPECT_EQ(decision.outcome, CheckInOutcome::Admitted);
  EXPECT_TRUE(decision.reentry);
}

TEST(CheckInRulesTest, ChecksOutOnlyWhoIsInside) {
  CheckInFacts inside = factsFor(activeDelegate());
  inside.latestHere = logged(Direction::In, kToday);
  EXPECT_EQ(decide(entranceScan(Direction::Out), inside).outcome, CheckInOutcome::CheckedOut);
  EXPECT_EQ(decide(entranceScan(Direction::Out), factsFor(activeDelegate())).outcome, CheckInOutcome::NotCheckedIn);
}

TEST(CheckInRulesTest, RefusesCancelledRegistrationButLetsThemLeave) {
  Delegate cancelled = activeDelegate();
  cancelled.status = RegistrationStatus::Cancelled;
  EXPECT_EQ(decide(entranceScan(), factsFor(cancelled)).outcome, CheckInOutcome::Cancelled);
  CheckInFacts inside = factsFor(cancelled);
  inside.latestHere = logged(Direction::In, kToday);
  EXPECT_EQ(decide(entranceScan(Direction::Out), inside).outcome, CheckInOutcome::CheckedOut);
}

TEST(CheckInRulesTest, PassesCodeProblemsThrough) {
  for (CheckInOutcome problem :
       {CheckInOutcome::UnknownCode, CheckInOutcome::ForgedCode, CheckInOutcome::SupersededCode}) {
    CheckInFacts facts;
    facts.codeProblem = problem;
    EXPECT_EQ(decide(entranceScan(), facts).outcome, problem);
  }
}

TEST(CheckInRulesTest, NameCheckInNeedsTheEmailPrefix) {
  CheckInCommand command = entranceScan();
  command.subject = subject::ByName{7, "simo", true};
  EXPECT_EQ(decide(command, factsFor(activeDelegate())).outcome, CheckInOutcome::Admitted);
  command.subject = subject::ByName{7, " SIMO ", true};
  EXPECT_EQ(decide(command, factsFor(activeDelegate())).outcome, CheckInOutcome::Admitted);
  command.subject = subject::ByName{7, "sima", true};
  EXPECT_EQ(decide(command, factsFor(activeDelegate())).outcome, CheckInOutcome::WrongProof);
  command.subject = subject::ByName{7, "simona.bieliune@vilnius.example", true};
  EXPECT_EQ(decide(command, factsFor(activeDelegate())).outcome, CheckInOutcome::WrongProof);
  command.subject = subject::ByName{7, "", true};
  EXPECT_EQ(decide(command, factsFor(activeDelegate())).outcome, CheckInOutcome::WrongProof);
}

TEST(CheckInRulesTest, AdminNameCheckInNeedsNoProof) {
  CheckInCommand command = entranceScan();
  command.subject = subject::ByName{7, "", false};
  EXPECT_EQ(decide(command, factsFor(activeDelegate())).outcome, CheckInOutcome::Admitted);
}

TEST(CheckInRulesTest, ThrottlesWrongProofsPerDelegateAndPerDevice) {
  CheckInCommand command = entranceScan();
  command.subject = subject::ByName{7, "simo", true};
  const CheckInPolicy policy;
  CheckInFacts facts = factsFor(activeDelegate());
  facts.recentWrongProofsForDelegate = policy.maxWrongProofsPerDelegate;
  EXPECT_EQ(decide(command, facts).outcome, CheckInOutcome::ProofThrottled);
  facts.recentWrongProofsForDelegate = 0;
  facts.recentWrongProofsFromDevice = policy.maxWrongProofsPerDevice;
  EXPECT_EQ(decide(command, facts).outcome, CheckInOutcome::ProofThrottled);
  facts.recentWrongProofsFromDevice = policy.maxWrongProofsPerDevice - 1;
  EXPECT_EQ(decide(command, facts).outcome, CheckInOutcome::Admitted);
}

TEST(CheckInRulesTest, RefusesNameCheckInWhenTheEventTurnedItOff) {
  CheckInCommand command = entranceScan();
  command.subject = subject::ByName{7, "simo", true};
  CheckInPolicy policy;
  policy.nameProof.enabled = false;
  EXPECT_EQ(decideCheckIn(command, factsFor(activeDelegate()), policy, kNow, kToday).outcome,
            CheckInOutcome::NameCheckInDisabled);
}

TEST(CheckInRulesTest, SessionDoorChecksTimeRegistrationAndCapacity) {
  CheckInCommand command = entranceScan();
  command.sessionId = 3;
  CheckInFacts facts = factsFor(activeDelegate());
  facts.session = workshop(2, true);
  EXPECT_EQ(decide(command, facts).outcome, CheckInOutcome::NotRegistered);
  facts.registeredForSession = true;
  facts.insideSession = 2;
  EXPECT_EQ(decide(command, facts).outcome, CheckInOutcome::SessionFull);
  facts.insideSession = 1;
  EXPECT_EQ(decide(command, facts).outcome, CheckInOutcome::Admitted);
}

TEST(CheckInRulesTest, SessionDoorOpensWithinTheGracePeriodOnly) {
  CheckInCommand command = entranceScan();
  command.sessionId = 3;
  CheckInFacts facts = factsFor(activeDelegate());
  const CheckInPolicy policy;
  facts.session = workshop(0, false);
  facts.session->startUs = kNow + policy.sessionGraceUs + kMinute;
  facts.session->endUs = facts.session->startUs + 60 * kMinute;
  EXPECT_EQ(decide(command, facts).outcome, CheckInOutcome::OutsideTimeWindow);
  facts.session->startUs = kNow + policy.sessionGraceUs - kMinute;
  EXPECT_EQ(decide(command, facts).outcome, CheckInOutcome::Admitted);
  facts.session->startUs = kNow - 120 * kMinute;
  facts.session->endUs = kNow - policy.sessionGraceUs - kMinute;
  EXPECT_EQ(decide(command, facts).outcome, CheckInOutcome::OutsideTimeWindow);
}

TEST(CheckInRulesTest, EnteringASessionLeavesThePreviousRoom) {
  CheckInCommand command = entranceScan();
  command.sessionId = 3;
  CheckInFacts facts = factsFor(activeDelegate());
  facts.session = workshop(0, false);
  facts.currentOtherSession = 2;
  const CheckInDecision decision = decide(command, facts);
  EXPECT_EQ(decision.outcome, CheckInOutcome::Admitted);
  EXPECT_EQ(decision.leaveSessionId, 2);
}

TEST(CheckInRulesTest, LeavingTheVenueLeavesTheRoomToo) {
  CheckInCommand command = entranceScan();
  command.direction = Direction::Out;
  CheckInFacts facts = factsFor(activeDelegate());
  facts.latestHere = logged(Direction::In, kToday);
  facts.currentOtherSession = 2;
  const CheckInDecision decision = decide(command, facts);
  EXPECT_EQ(decision.outcome, CheckInOutcome::CheckedOut);
  EXPECT_EQ(decision.leaveSessionId, 2);
}

TEST(CheckInRulesTest, SessionAlreadyCheckedInBeatsFullRoom) {
  CheckInCommand command = entranceScan();
  command.sessionId = 3;
  CheckInFacts facts = factsFor(activeDelegate());
  facts.session = workshop(1, false);
  facts.insideSession = 1;
  facts.latestHere = logged(Direction::In, kToday, 3);
  EXPECT_EQ(decide(command, facts).outcome, CheckInOutcome::AlreadyCheckedIn);
}

TEST(CheckInRulesTest, ReasonSaysWhenAndWhereForAlreadyCheckedIn) {
  CheckInDecision decision;
  decision.outcome = CheckInOutcome::AlreadyCheckedIn;
  decision.previous = LoggedCheckIn{1, kNow, "kiosk-entrance-2", 0, Direction::In, kToday};
  const std::string reason = reasonFor(decision.outcome, decision, "Europe/Prague");
  EXPECT_NE(reason.find("kiosk-entrance-2"), std::string::npos) << reason;
  EXPECT_NE(reason.find("2026-05-12"), std::string::npos) << reason;
}

TEST(CheckInRulesTest, EveryOutcomeHasANameAndAReason) {
  for (int value = 1; value <= 14; ++value) {
    const auto outcome = static_cast<CheckInOutcome>(value);
    EXPECT_NE(outcomeName(outcome), "UNKNOWN") << value;
    EXPECT_FALSE(reasonFor(outcome, CheckInDecision{}, "Europe/Prague").empty()) << value;
  }
}

TEST(ClassifyScanTest, SortsCodesIntoBadgeForgedAndTicket) {
  absl::StatusOr<KeyPair> keys = BadgeSigner::generateKeyPair();
  ASSERT_TRUE(keys.ok());
  absl::StatusOr<BadgeSigner> signer = BadgeSigner::fromSeed(keys->privateSeed);
  ASSERT_TRUE(signer.ok());
  absl::StatusOr<std::string> code = signer->issueBadgeCode({signer->eventTag(), 12, 3});
  ASSERT_TRUE(code.ok());

  absl::StatusOr<Subject> badge = classifyScan(*code + "\r\n", *signer);
  ASSERT_TRUE(badge.ok());
  ASSERT_TRUE(std::holds_alternative<subject::Badge>(*badge));
  EXPECT_EQ(std::get<subject::Badge>(*badge).delegateId, 12);
  EXPECT_EQ(std::get<subject::Badge>(*badge).badgeVersion, 3);

  std::string forged = *code;
  forged[100] = forged[100] == 'A' ? 'B' : 'A';
  absl::StatusOr<Subject> forgedSubject = classifyScan(forged, *signer);
  ASSERT_TRUE(forgedSubject.ok());
  EXPECT_TRUE(std::holds_alternative<subject::Forged>(*forgedSubject));

  absl::StatusOr<Subject> ticket = classifyScan("  bmust3tjk5eq2f8g4vhagckx5fvnvh8m\n", *signer);
  ASSERT_TRUE(ticket.ok());
  ASSERT_TRUE(std::holds_alternative<subject::Ticket>(*ticket));
  EXPECT_EQ(std::get<subject::Ticket>(*ticket).code, "bmust3tjk5eq2f8g4vhagckx5fvnvh8m");
}

}  // namespace
}  // namespace lanyard::server::domain
