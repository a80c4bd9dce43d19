#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lanyard::server::domain {

// A delegate whose help-desk corrections a delegate import kept over different values in its file.
struct KeptCorrections {
  std::string externalRef;
  std::vector<std::string_view> columns;  // See ImportedDelegate::keptCorrections.
};

// What an import (DelegateStore::importDelegates, SessionStore::importSessions) did.
struct ImportSummary {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int registrations = 0;         // Session registrations recorded that were not there before.
  int registrationsDropped = 0;  // Registrations the file no longer lists (see DelegateImport).
  std::vector<KeptCorrections> keptCorrections;
};

}  // namespace lanyard::server::domain
