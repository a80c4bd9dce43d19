// Fuzzes parseSessionsCsv() in a zone with daylight saving time: any bytes either import as
// sessions that end after they start, or fail with INVALID_ARGUMENT.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/delegate_import.h"
#include "fuzz_check.h"

using lanyard::server::domain::parseSessionsCsv;
using lanyard::server::domain::Session;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<std::vector<Session>> sessions = parseSessionsCsv(bytes, "Europe/Prague");
  if (!sessions.ok()) {
    FUZZ_CHECK(sessions.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  std::set<std::string> refs;
  for (const Session& session : *sessions) {
    FUZZ_CHECK(!session.title.empty());
    FUZZ_CHECK(session.endUs > session.startUs);
    FUZZ_CHECK(session.capacity >= 0);
    FUZZ_CHECK(session.externalRef.empty() || refs.insert(session.externalRef).second);
  }
  return 0;
}
