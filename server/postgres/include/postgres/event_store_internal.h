#pragma once

// What PostgresEventStore's files share: the columns a delegate and a session are read from, and
// their row readers. Included by the store's own .cpp files only.

#include <pqxx/row>
#include <string_view>

#include "absl/status/status.h"
#include "domain/delegate.h"

namespace lanyard::server::postgres::internal {

// The columns readDelegate reads, in its order (SQLite's LANYARD_DELEGATE_COLUMNS).
inline constexpr std::string_view kDelegateColumns =
    "id, external_ref, given_name, family_name, organisation, city, country, category, email, language, "
    "notes, status, external_ticket_code, badge_version, corrected_fields, latin_name, version";
// The columns readSession reads, in its order.
inline constexpr std::string_view kSessionColumns =
    "id, external_ref, title, room, start_us, end_us, capacity, registration_required";

// A row whose first columns are kDelegateColumns (or kSessionColumns).
domain::Delegate readDelegate(const pqxx::row& row);
domain::Session readSession(const pqxx::row& row);

// Wraps a storage failure with what was being done.
absl::Status annotate(const absl::Status& status, std::string_view what);

}  // namespace lanyard::server::postgres::internal
