#pragma once

#include "cli/invocation.h"

// `lanyard import delegates|sessions FILE`: uploads a registration export.
namespace lanyard::cli {

// Uploads FILE as a client stream and prints what the import did.
int runImport(Invocation& invocation);

}  // namespace lanyard::cli
