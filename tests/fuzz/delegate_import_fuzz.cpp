// Fuzzes parseDelegatesCsv(): any bytes either import as delegates that keep the documented
// invariants, or fail with INVALID_ARGUMENT.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "domain/delegate_import.h"
#include "fuzz_check.h"

using lanyard::server::domain::DelegateImport;
using lanyard::server::domain::DelegateImportOptions;
using lanyard::server::domain::parseDelegatesCsv;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static const DelegateImportOptions options{.categories = {"delegate", "speaker", "press", "invited_guest"}};
  const absl::StatusOr<DelegateImport> imported = parseDelegatesCsv(bytes, options);
  if (!imported.ok()) {
    FUZZ_CHECK(imported.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  FUZZ_CHECK(imported->lines.size() == imported->delegates.size());
  std::set<std::string> refs;
  std::set<std::string> ticketCodes;
  for (const auto& delegate : imported->delegates) {
    FUZZ_CHECK(!delegate.externalRef.empty());
    FUZZ_CHECK(refs.insert(delegate.externalRef).second);
    FUZZ_CHECK(!delegate.givenName.empty() || !delegate.familyName.empty());
    FUZZ_CHECK(delegate.id == 0);
    if (!delegate.externalTicketCode.empty()) {
      FUZZ_CHECK(ticketCodes.insert(absl::AsciiStrToLower(delegate.externalTicketCode)).second);
    }
  }
  return 0;
}
