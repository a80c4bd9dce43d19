#pragma once

#include <set>
#include <string>

#include "cli/invocation.h"

// `lanyard search`, `checkin`, `delegate ...` and `codes`: finding, checking in and correcting
// delegates, and their badge codes for mailing.
namespace lanyard::cli {

// The options of `delegate add` and `delegate correct` that set a field. (A function, not a global:
// commands.cpp builds its own tables from it while globals are being initialised.)
const std::set<std::string>& delegateFieldOptions();

// Searches names as a kiosk or the help desk does.
int runSearch(Invocation& invocation);
// Checks a code, or a delegate found by name, in or out.
int runCheckIn(Invocation& invocation);
// delegate show|export|add|correct|cancel|reinstate|reissue.
int runDelegate(Invocation& invocation);
// Every active delegate's badge code as CSV, for mailing.
int runCodes(Invocation& invocation);

}  // namespace lanyard::cli
