#pragma once

#include "cli/invocation.h"

// `lanyard token create|list|revoke`: device tokens.
namespace lanyard::cli {

// Creates, lists or revokes device tokens.
int runToken(Invocation& invocation);

}  // namespace lanyard::cli
