#pragma once

#include <cstdint>

#include "cli/invocation.h"

// `lanyard delegate export ID [-o FILE]`: everything the event holds about one delegate, as one
// JSON document, for a delegate who asks what is held about them (the GDPR's right of access).
namespace lanyard::cli {

// Writes the document for delegate `id` to -o FILE (0600) or, without -o, to stdout. Needs an
// organiser's or an admin's token: the document includes the conflicts about the delegate.
int runDelegateExport(Invocation& invocation, std::int64_t id);

}  // namespace lanyard::cli
