#pragma once

// What PostgresEventStore's files share: the columns a delegate and a session are read from, and
// their row readers. Included by the store's own .cpp files only.

#include <cstdint>
#include <pqxx/row>
#include <pqxx/transaction_base>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/check_in.h"
#include "domain/delegate.h"
#include "domain/search_index.h"

namespace lanyard::server::postgres::internal {

// The columns readLoggedCheckIn reads, of `check_in c JOIN device d ON d.id = c.device_id`: a
// logged check-in as domain::LoggedCheckIn holds it. When it happened: the server's time, or for
// an offline upload the time of its scan.
#define LANYARD_LOGGED_CHECK_IN_COLUMNS                                                                  \
  "c.id, CASE c.offline WHEN 1 THEN LEAST(c.scan_time_us, c.server_time_us) ELSE c.server_time_us END, " \
  "d.name, c.session_id, c.direction, c.event_day"
// A row with LANYARD_LOGGED_CHECK_IN_COLUMNS from column `first` on (check_in_log.cpp).
domain::LoggedCheckIn readLoggedCheckIn(const pqxx::row& row, int first = 0);

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

// --- Delegates, imports and search (delegates.cpp, imports.cpp, search.cpp) ---

// The delegate with `id`, its row locked (FOR UPDATE) until the transaction ends when `lock`:
// a write for a delegate takes this lock first (PostgresEventStore's lock order). NOT_FOUND
// ("delegate 7 not found") when there is none.
absl::StatusOr<domain::Delegate> loadDelegateById(pqxx::transaction_base& transaction, std::int64_t id, bool lock);

// Waits for, and holds until the transaction ends, the lock of the writes that add delegates or
// sessions by external reference or rewrite many delegates (imports, walk-ins, a refresh of the
// search terms), on any server: of two imports of one file at once, the second then finds what
// the first added instead of clashing with it, and two walk-ins get different numbers. Taken
// before any row lock.
void lockBulkWrites(pqxx::transaction_base& transaction);

// A PostgreSQL array literal ("{1,2,3}", "{\"a\",\"b\"}") of `values`, for a parameter cast to
// bigint[], integer[] or text[]: arrays are sent as one parameter, never spliced into SQL.
std::string sqlArray(const std::vector<std::int64_t>& values);
std::string sqlArray(const std::vector<int>& values);
std::string sqlArray(const std::vector<std::string>& values);

// The search_term rows one transaction writes, computed by one SearchTermFolder and sent in
// batches of many rows a statement (search.cpp). Not thread-safe; lives inside the transaction.
class SearchTermWrites {
 public:
  explicit SearchTermWrites(pqxx::transaction_base& transaction) : m_transaction(transaction) {}

  // Stores `d`'s search terms (d.id set), replacing those stored when `replacing` (false for a
  // delegate inserted by this transaction). Sent by the next flush at the latest.
  void write(const domain::Delegate& d, bool replacing);
  // Sends every pending write. Call before the transaction commits.
  void flush();

 private:
  pqxx::transaction_base& m_transaction;
  domain::SearchTermFolder m_folder;
  std::vector<std::int64_t> m_replaced;        // Delegates whose stored terms go first.
  std::unordered_set<std::int64_t> m_pending;  // Delegates with rows below.
  std::vector<std::string> m_terms;
  std::vector<std::int64_t> m_delegateIds;
  std::vector<int> m_weights;
};

// Inserts `d` (status, category, details as given; badge version and version 1) and its search
// terms; returns its id. ALREADY_EXISTS naming its reference when its external reference or its
// ticket code (ignoring ASCII case) is another delegate's; the transaction is then unusable.
absl::StatusOr<std::int64_t> insertDelegate(pqxx::transaction_base& transaction, const domain::Delegate& d,
                                            domain::TimeUs now, SearchTermWrites& terms);
// Inserts `delegates` as insertDelegate does, in one statement (an import's many); returns their
// ids in order. Their external references must differ. On a clash, inserts none and returns
// ALREADY_EXISTS without naming the delegate (insertDelegate, one at a time, does); the
// transaction stays usable.
absl::StatusOr<std::vector<std::int64_t>> insertDelegates(pqxx::transaction_base& transaction,
                                                          const std::vector<const domain::Delegate*>& delegates,
                                                          domain::TimeUs now, SearchTermWrites& terms);
// Writes `d` over `previous` (the same delegate as stored, its row locked by this transaction),
// bumps its version, rewrites its search terms if what they are made of changed, and drops its
// replica material if what that is made of changed. Returns false, writing nothing, when nothing
// changed: re-importing an unchanged export rewrites no rows. ALREADY_EXISTS as insertDelegate.
absl::StatusOr<bool> updateDelegateRow(pqxx::transaction_base& transaction, const domain::Delegate& d,
                                       const domain::Delegate& previous, domain::TimeUs now, SearchTermWrites& terms);
// Deletes a delegate's replica material: the calling write changed what it was made from.
void dropReplicaMaterial(pqxx::transaction_base& transaction, std::int64_t delegateId);

}  // namespace lanyard::server::postgres::internal
