#pragma once

#include "cli/invocation.h"

// `lanyard event`, `sessions` and `staff-pin`: the event, its sessions and the kiosks' staff PIN.
namespace lanyard::cli {

// Prints the event, its categories and the calling device.
int runEvent(Invocation& invocation);
// Prints the sessions with their live occupancy.
int runSessions(Invocation& invocation);
// Sets the staff PIN (from the command line or standard input) or removes it (--off).
int runStaffPin(Invocation& invocation);

}  // namespace lanyard::cli
