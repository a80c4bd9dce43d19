#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "absl/status/statusor.h"
#include "domain/badge_code.h"
#include "domain/delegate.h"
#include "domain/event.h"

namespace lanyard::server::domain {

// What a check-in request came to. Only Admitted and CheckedOut change who is inside.
enum class CheckInOutcome {
  Admitted = 1,
  AlreadyCheckedIn = 2,
  Cancelled = 3,
  NotRegistered = 4,
  SessionFull = 5,
  OutsideTimeWindow = 6,
  UnknownCode = 7,
  ForgedCode = 8,
  SupersededCode = 9,
  CheckedOut = 10,
  NotCheckedIn = 11,
  WrongProof = 12,
  ProofThrottled = 13,
  NameCheckInDisabled = 14,
};

std::string_view outcomeName(CheckInOutcome outcome);  // "ADMITTED", ...
bool movesPeople(CheckInOutcome outcome);              // Admitted or CheckedOut.
// UnknownCode, ForgedCode, SupersededCode or Cancelled: refused whoever scans it, wherever.
bool refusesTheCode(CheckInOutcome outcome);

enum class Direction { In = 1, Out = 2 };

// Who a request is about, once the scanned text has been classified.
namespace subject {
// A Lanyard badge code whose signature verified.
struct Badge {
  std::int64_t delegateId;
  std::int32_t badgeVersion;
};
// Text that was not a Lanyard code: maybe an imported ticket code.
struct Ticket {
  std::string code;
};
// Shaped like a Lanyard code, but the signature does not verify.
struct Forged {
  std::string code;
};
// A delegate found by name, with the proof the person typed. Admin devices need no proof.
struct ByName {
  std::int64_t delegateId;
  std::string proof;
  bool proofRequired;
};
}  // namespace subject
using Subject = std::variant<subject::Badge, subject::Ticket, subject::Forged, subject::ByName>;

// What scanned text is: a verified Lanyard badge code, a forged one, or perhaps an imported
// ticket code. INTERNAL only when the crypto library fails.
absl::StatusOr<Subject> classifyScan(std::string_view scanned, const BadgeSigner& signer);

// A check-in or check-out request, after authentication.
struct CheckInCommand {
  std::int64_t deviceId = 0;
  std::string requestId;       // The client's nonce: (deviceId, requestId) identifies the request.
  TimeUs scanTimeUs = 0;       // The client's clock; kept, not trusted for decisions.
  std::int64_t sessionId = 0;  // 0 = the venue entrance.
  Direction direction = Direction::In;
  Subject subject;
  // A code looked up before its holder confirms (ResolveCode): logged only when the code itself
  // is refused (refusesTheCode), so that the scan log has every refused scan; never admits.
  bool lookUp = false;
  // For a request a kiosk decided offline and uploads now: what it decided (domain/offline_upload.h).
  std::optional<CheckInOutcome> offlineOutcome;
};

// A logged check-in an outcome refers to (the entry that makes a delegate "already checked in").
struct LoggedCheckIn {
  std::int64_t id = 0;
  TimeUs serverTimeUs = 0;  // When it happened: the server's time, or an offline upload's scan time.
  std::string deviceName;
  std::int64_t sessionId = 0;
  Direction direction = Direction::In;
  std::int32_t eventDay = 0;
};

// Everything the rules need to know, read inside the same write transaction that logs the result.
struct CheckInFacts {
  // Set once the subject resolved to a delegate.
  std::optional<Delegate> delegate;
  // For a badge or ticket subject that did not resolve: unknown / forged / superseded.
  std::optional<CheckInOutcome> codeProblem;
  // Wrong name proofs in the throttle window.
  int recentWrongProofsForDelegate = 0;
  int recentWrongProofsFromDevice = 0;
  // The delegate's latest entry or exit at the place of the request.
  std::optional<LoggedCheckIn> latestHere;
  // For a session request.
  std::optional<Session> session;
  bool registeredForSession = false;
  int insideSession = 0;  // People inside the session now.
  // For a session request, another session the delegate is inside; for an entrance exit, any.
  // 0 if none.
  std::int64_t currentOtherSession = 0;
};

// Rules that vary per event.
struct CheckInPolicy {
  NameCheckInProof nameProof;
  TimeUs sessionGraceUs = 15LL * 60 * 1'000'000;
  int maxWrongProofsPerDelegate = 5;
  int maxWrongProofsPerDevice = 10;
  TimeUs wrongProofWindowUs = 15LL * 60 * 1'000'000;
};

// The decision for one request.
struct CheckInDecision {
  CheckInOutcome outcome = CheckInOutcome::UnknownCode;
  std::optional<LoggedCheckIn> previous;  // For AlreadyCheckedIn.
  bool reentry = false;                   // An entrance admission after an exit the same day.
  std::int64_t leaveSessionId = 0;        // Check the delegate out of this session first (a move
                                          // to another room, or leaving the venue).
};

// Applies the check-in rules. Pure: the caller supplies the facts and logs the decision.
// `nowUs` is the server's time and `today` its event-local day number.
CheckInDecision decideCheckIn(const CheckInCommand& command, const CheckInFacts& facts, const CheckInPolicy& policy,
                              TimeUs nowUs, std::int32_t today);

// Whether `proof` matches the delegate's e-mail under `rule` (case-insensitive, whitespace ignored):
// enabled, an e-mail on record, and typedProof(rule, proof) == expectedProof(rule, email).
bool proofMatches(const NameCheckInProof& rule, std::string_view email, std::string_view proof);
// The proof a delegate with `email` must type, as compared: its first emailPrefixLength characters
// that are not white space, in lower case.
std::string expectedProof(const NameCheckInProof& rule, std::string_view email);
// What a delegate typed, as compared: like expectedProof() but one character longer, so that typing
// more than the prefix never matches.
std::string typedProof(const NameCheckInProof& rule, std::string_view proof);

// A sentence a person can read for an outcome, in English.
std::string reasonFor(CheckInOutcome outcome, const CheckInDecision& decision, std::string_view eventTimeZone);

}  // namespace lanyard::server::domain
