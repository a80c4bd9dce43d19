#pragma once

// How the server settles a check-in a kiosk decided offline and uploads once the server is back
// (docs/api.md, "Offline uploads"). The kiosk's admission or check-out is kept, since the person
// has gone in or out; its refusal stands, since the person went to the help desk. Where the
// server, deciding as the facts now stand at the time of the scan, would have refused what the
// kiosk let through, organisers get a conflict to look at.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/check_in.h"

namespace lanyard::server::domain {

// Why the server disagrees with an admission or check-out a kiosk made offline.
enum class ConflictKind {
  AdmittedTwice = 1,      // Already inside: admitted offline at two kiosks, or offline and online.
  CodeWithdrawn = 2,      // The registration was cancelled, or the badge reissued, or the code is unknown.
  SessionFull = 3,        // The session was at capacity.
  OutsideTimeWindow = 4,  // The scan fell outside the session's time window.
  NotRegistered = 5,      // Not registered for the session.
  Other = 6,              // Any other refusal; the server's outcome says which.
};

std::string_view conflictKindName(ConflictKind kind);  // "ADMITTED_TWICE", ...

// A sentence for organisers, in English: what the kiosk did offline and what the server would
// have answered.
std::string conflictReason(ConflictKind kind, CheckInOutcome kioskOutcome, CheckInOutcome serverOutcome);

// INVALID_ARGUMENT, naming the field, when a kiosk cannot have decided `outcome` for a request
// going `direction`: ADMITTED needs DIRECTION_IN, CHECKED_OUT and NOT_CHECKED_IN need
// DIRECTION_OUT.
absl::Status checkOfflineOutcome(CheckInOutcome outcome, Direction direction);

// What the server makes of one offline upload.
struct OfflineSettlement {
  CheckInDecision logged;                                   // What is logged and answered.
  CheckInOutcome serverOutcome = CheckInOutcome::Admitted;  // The server's own decision.
  std::optional<ConflictKind> conflict;                     // Set where the server would have refused the kiosk's move.
  std::optional<LoggedCheckIn> earlier;                     // For AdmittedTwice: the admission already logged.
};

// Settles `command`, whose offlineOutcome is set: decides it with decideCheckIn at
// `decisionTimeUs` (the scan time, no later than the server's now) on event day `day`, then keeps
// the kiosk's admission or check-out where the delegate is known, with a conflict where the
// server's outcome differs; a kiosk's refusal stands as the kiosk decided it, without conflict.
// A code the server cannot tie to a delegate is logged as the server decides, with a conflict
// when the kiosk let it through. Pure.
OfflineSettlement settleOfflineUpload(const CheckInCommand& command, const CheckInFacts& facts,
                                      const CheckInPolicy& policy, TimeUs decisionTimeUs, std::int32_t day);

}  // namespace lanyard::server::domain
