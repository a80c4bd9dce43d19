#pragma once

// What SqliteEventStore's files share: row readers, query helpers, the SQL more than one of them
// binds, and the search work of a write. Included by the store's own .cpp files (and by
// write_pipeline.cpp, for annotate) only.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/check_in.h"
#include "domain/delegate.h"
#include "domain/event.h"
#include "domain/page.h"
#include "domain/search_index.h"
#include "domain/str_cat.h"
#include "sqlite/sqlite.h"

namespace lanyard::server::storage::internal {

#define LANYARD_DELEGATE_COLUMNS                                                                        \
  "id, external_ref, given_name, family_name, organisation, city, country, category, email, language, " \
  "notes, status, external_ticket_code, badge_version, corrected_fields, latin_name, version"
inline constexpr char kSelectDelegateByRefSql[] =
    "SELECT " LANYARD_DELEGATE_COLUMNS " FROM delegate WHERE external_ref = ?";
// Ticket codes match ignoring ASCII case, through the NOCASE unique index (migration 8).
inline constexpr char kSelectDelegateByTicketSql[] =
    "SELECT " LANYARD_DELEGATE_COLUMNS " FROM delegate WHERE external_ticket_code = ? COLLATE NOCASE";
inline constexpr char kSelectDelegatesSql[] =
    "SELECT " LANYARD_DELEGATE_COLUMNS " FROM delegate WHERE (status = 1 OR ?) AND id > ? ORDER BY id LIMIT ?";
inline constexpr char kSelectSessionsSql[] =
    "SELECT id, external_ref, title, room, start_us, end_us, capacity, registration_required, "
    "(SELECT COUNT(*) FROM registration r WHERE r.session_id = session.id) FROM session ORDER BY start_us, id";

// Wraps a storage failure with what was being done.
absl::Status annotate(const absl::Status& status, std::string_view what);

// Binds `page` to a paged SELECT's "id > ?" at `afterIndex` and its "LIMIT ?" right after it.
Statement& bindPage(Statement& select, int afterIndex, domain::Page page);

// Runs a single-row query; NOT_FOUND names `what` when there is no row.
template <typename T, typename Reader>
absl::StatusOr<T> queryOne(Statement& statement, std::string_view what, Reader reader) {
  absl::StatusOr<bool> row = statement.step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::NotFoundError(strCat(what, " not found"));
  return reader(statement);
}

// The first column of the first row of `sql` as bound by `bind`; 0 when there is no row.
absl::StatusOr<std::int64_t> queryInt(Database& db, const char* sql, const std::function<void(Statement&)>& bind);

// A row of LANYARD_DELEGATE_COLUMNS.
domain::Delegate readDelegate(const Statement& row);
// The delegate `sql` (one of the kSelectDelegateBy...Sql) finds for `key`; NOT_FOUND names `what`.
absl::StatusOr<domain::Delegate> loadDelegate(Database& db, const char* sql, std::string_view key,
                                              std::string_view what);
absl::StatusOr<domain::Delegate> loadDelegateById(Database& db, std::int64_t id);
// The first eight columns of a kSelectSessionsSql row.
domain::Session readSession(const Statement& row);

// One write's search work: each delegate's terms (domain::SearchTermFolder), and the search index
// entry of every delegate written, staged for the index once the write has committed.
class SearchWrites {
 public:
  // Entries are staged in `staged`, or nowhere when it is null (the terms refreshed at open,
  // before the index is loaded).
  explicit SearchWrites(std::vector<domain::SearchIndex::Entry>* staged) : m_staged(staged) {}

  // `d`'s search terms as the search_term table stores them.
  std::vector<domain::SearchTerm> termsOf(const domain::Delegate& d) { return m_folder.termsOf(d); }

  void stage(const domain::Delegate& d, const std::vector<domain::SearchTerm>& terms);

 private:
  domain::SearchTermFolder m_folder;
  std::vector<domain::SearchIndex::Entry>* m_staged;
};

// Replaces the delegate's search terms; `replacing` is false for a delegate that has none yet.
absl::Status writeSearchTerms(Database& db, std::int64_t id, const std::vector<domain::SearchTerm>& terms,
                              bool replacing);

// Computes every delegate's search terms again, in one transaction, when those stored are of an
// older domain::kSearchTermsVersion than this binary's. Costs a fold of every delegate's names,
// about a second per 50,000 delegates, once after an upgrade; nothing otherwise.
absl::Status refreshSearchTerms(Database& db, std::int64_t storedVersion);

// Inserts `d` with its search terms; returns its id. ALREADY_EXISTS for a clash of external
// reference or ticket code.
absl::StatusOr<std::int64_t> insertDelegate(Database& db, const domain::Delegate& d, domain::TimeUs now,
                                            SearchWrites& search);
// Writes `d` over `previous` (the same delegate as stored) and bumps its version. Returns false,
// writing nothing, when nothing changed: re-importing an unchanged export rewrites no rows.
absl::StatusOr<bool> updateDelegateRow(Database& db, const domain::Delegate& d, const domain::Delegate& previous,
                                       domain::TimeUs now, SearchWrites& search);

// The check-in log as the rules read it (sqlite_check_in_log.cpp): a logged check-in; whether `d`
// has a badge of their current version printed; the session other than `exceptSessionId` the
// delegate is inside now, or 0; the delegate's latest entry or exit at `sessionId` (0: the
// entrance), if any.
absl::StatusOr<domain::LoggedCheckIn> loadLoggedCheckIn(Database& db, std::int64_t id);
absl::StatusOr<bool> badgePrinted(Database& db, const domain::Delegate& d);
absl::StatusOr<std::int64_t> sessionInside(Database& db, std::int64_t delegateId, std::int64_t exceptSessionId);
absl::StatusOr<std::optional<domain::LoggedCheckIn>> latestMove(Database& db, std::int64_t delegateId,
                                                                std::int64_t sessionId);

// The replica feed's bookkeeping (sqlite_replica.cpp). Sets the changed sequence of the delegates
// or sessions `ids` to that of the newest activity, which the calling write has just logged.
absl::Status markDelegatesChanged(Database& db, const std::vector<std::int64_t>& ids);
absl::Status markSessionsChanged(Database& db, const std::vector<std::int64_t>& ids);
// Deletes a delegate's replica material: the calling write changed what it was made from.
absl::Status dropReplicaMaterial(Database& db, std::int64_t delegateId);

// Inserts a valid device; ALREADY_EXISTS when the name is taken.
absl::Status insertDevice(Database& db, std::string_view name, domain::Role role, std::string_view tokenHash,
                          domain::TimeUs now);

}  // namespace lanyard::server::storage::internal
