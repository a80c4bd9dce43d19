#pragma once

// Turns the attendee and programme exports of registration systems into domain records, all or
// nothing: the first problem fails the whole file with INVALID_ARGUMENT naming the line and the
// column, e.g. `line 12, column "email": invalid UTF-8`, so nothing half-imported reaches storage.
//
// Columns are found by header name: trimmed, case-insensitive (Unicode case folding), with runs of
// spaces, '-', '_', ':' and '.' treated alike ("Given name" = "given_name", "Attendee name: Given
// name" = "attendee_name_given_name"); other columns are ignored, and where a name occurs twice the
// first column wins. Values are trimmed of ASCII whitespace. Three dialects are understood:
//
// Lanyard's template (canonical names):
//   delegates: external_ref, given_name, family_name, latin_name, organisation, city, country,
//              category, email, language, notes, status, ticket_code, sessions
//   sessions:  external_ref, title, room, start, end, capacity, registration_required
// pretix (Order data > Order positions, and Check-in list CSV exports):
//   "Order code" + "Position ID" -> external_ref "ORDER-POSITION" (the order code alone when the
//   export has no "Position ID" column, as the check-in list has not); "Attendee name", "Attendee
//   name: Given name" / ": Family name" (": Middle name" joins the given name); "Attendee email",
//   falling back to "Email" / "E-mail" (the order's); "Company"; "City"; "Country"; "Secret" or
//   "Ticket secret" -> ticket code; "Status" ("paid" and "pending" -> active, "canceled" and
//   "expired" -> cancelled); "Order locale" -> language; "Order comment" / "Comment" -> notes.
//   "Product" is not a category.
// Indico registrations (CSV export of the registrant list):
//   "ID" -> external_ref, "First Name", "Last Name", "Name", "Email Address", "Affiliation",
//   "Country", "Registration state" ("Completed", "Pending" and "Awaiting payment" -> active,
//   "Withdrawn" and "Rejected" -> cancelled).
// Common English, German and Czech spellings (First name, Vorname, Jméno, Příjmení, Firma,
// Organizace, ...) are accepted too; see the alias tables in delegate_import.cpp and
// delegate_import_sessions.cpp.
//
// Cost: linear in the file; 100,000 delegate rows map in well under a second. Thread-safe (no
// shared state).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/delegate.h"

namespace lanyard::server::domain {

// Limits on one value, in bytes of UTF-8; longer values fail the import.
inline constexpr std::size_t kMaxImportFieldBytes = 1000;
inline constexpr std::size_t kMaxImportNotesBytes = 4000;

// The event settings a delegate import is checked against.
struct DelegateImportOptions {
  // The event's categories, e.g. {"delegate", "speaker", "press"}. A file's category matches one
  // of them ignoring case, and with spaces and '-' equal to '_' ("Press" and "press" match
  // "press"; "Invited Guest" matches "invited_guest"); the configured spelling is stored.
  std::vector<std::string> categories;
  // Used when the file has no category column or the cell is empty. Always accepted, listed in
  // `categories` or not.
  std::string defaultCategory = "delegate";
};

// Everything one delegate file holds, ready for storage to apply in one transaction.
struct DelegateImport {
  // In file order. externalRef is never empty and unique; externalTicketCode is unique
  // ignoring ASCII case where set (storage matches ticket codes so);
  // givenName or familyName is non-empty; status defaults to Active; id is 0.
  std::vector<Delegate> delegates;
  // lines[i] is the file's line of delegates[i], for errors that storage finds ("line 7: ...").
  std::vector<std::int32_t> lines;
  // From the "sessions" column ('|'-separated session external refs), in file order, without
  // repeats per delegate. The session refs are not checked against any session list here.
  std::vector<SessionRegistration> registrations;
  // Whether the file has a "sessions" column: then it lists every delegate's registrations, and
  // a registration it no longer lists is dropped. Without one, registrations stay as they are.
  bool listsRegistrations = false;
  // Header names that are none of the columns above (a misspelt "famly_name", or the many
  // columns of a pretix export Lanyard has no use for), in file order: at most kMaxListedNames
  // (text.h), each cut to kMaxListedNameBytes with "...", then, when there are more, one last
  // entry "and N more".
  std::vector<std::string> ignoredColumns;
};

// Parses a delegate CSV (see the top of this file). The header must have a name column (given,
// family or full name) and a key: external_ref / "ID", pretix's "Order code", or else an e-mail
// column, whose lower-cased value then becomes the external_ref. A full name is split at its last
// space into given and family name when a row has no separate parts; a single word becomes the
// given name. Rows whose fields are all blank are skipped. Errors (INVALID_ARGUMENT, each naming
// line and column): missing required header (listing the headers found), missing name, missing
// key, invalid UTF-8, value too long, unknown category (listing the known ones), unknown status,
// malformed language tag, duplicate external_ref or ticket code (ignoring case) within the file, and every
// CsvReader error.
absl::StatusOr<DelegateImport> parseDelegatesCsv(std::string_view bytes, const DelegateImportOptions& options);

// What re-importing a delegate the event already has comes to.
struct ImportedDelegate {
  Delegate delegate;  // What to store.
  // The template's column names ("family_name", "latin_name", "email", "ticket_code", "status")
  // of the help desk's corrections kept over different values in the file, in column order.
  std::vector<std::string_view> keptCorrections;
};

// Merges a file's row into the stored delegate. A detail the help desk corrected keeps its
// corrected value until the file says the same (then the mark is cleared, and later changes in
// the registration system come through again); every other detail takes the file's value. The
// id, badge version and version are the stored ones.
ImportedDelegate mergeImported(const Delegate& stored, Delegate incoming);

// The DelegateField bits of the details that differ between `before` and `after`.
std::uint32_t changedFields(const Delegate& before, const Delegate& after);

// Parses a session CSV in Lanyard's template. `timeZone` (IANA, e.g. "Europe/Prague") is the
// event's: start/end without an explicit offset are local times there (see event_time.h for the
// forms accepted). Required headers: title, start, end; external_ref is optional but unique when
// given. capacity empty or 0 means unlimited; registration_required accepts yes/no, true/false,
// 1/0 (and ja/nein, ano/ne), empty meaning no. Errors (INVALID_ARGUMENT, naming line and column):
// unknown time zone, missing required header, missing title, date-time that does not parse, end
// not after start, capacity not a whole number from 0 to 2,147,483,647, unknown yes/no value,
// invalid UTF-8, value too long, duplicate external_ref, and every CsvReader error.
absl::StatusOr<std::vector<Session>> parseSessionsCsv(std::string_view bytes, std::string_view timeZone);

}  // namespace lanyard::server::domain
