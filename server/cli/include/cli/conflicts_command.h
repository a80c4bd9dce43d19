#pragma once

#include "cli/invocation.h"

// `lanyard conflicts`: what kiosks' offline uploads recorded where the server disagreed.
namespace lanyard::cli {

// `lanyard conflicts [--unseen] [--json]`: every conflict, newest first, with the counts;
// `lanyard conflicts seen ID`: marks one seen. Exit status 1 when the server refuses (an unknown
// id, a wrong token or role), 2 for a usage error (a bad id).
int runConflicts(Invocation& invocation);

}  // namespace lanyard::cli
