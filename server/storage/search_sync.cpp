// Keeps SqliteEventStore's in-memory search index in step with the delegate table: the terms each
// write stores and stages, the index loaded whole at open, the staged entries put in after each
// commit (an import's too), and the searches that read it.

#include <algorithm>
#include <mutex>
#include <shared_mutex>

#include "domain/search_key.h"
#include "domain/status_macros.h"
#include "storage/sqlite_event_store.h"
#include "storage/sqlite_event_store_internal.h"

namespace lanyard::server::storage {

using domain::Delegate;
using domain::RegistrationStatus;

namespace {

// Entries put into the search index at a time while it is loaded or takes an import's: small
// enough that a search waits for one batch at most (milliseconds), not for them all.
constexpr std::size_t kSearchLoadBatch = 2000;

constexpr char kDeleteAllReplicaMaterialSql[] = "DELETE FROM replica_material";
constexpr char kUpdateSearchTermsVersionSql[] = "UPDATE event SET search_terms_version = ? WHERE id = 1";
constexpr char kDeleteSearchTermsSql[] = "DELETE FROM search_term WHERE delegate_id = ?";
constexpr char kInsertSearchTermSql[] =
    "INSERT INTO search_term (term, delegate_id, weight) VALUES (?, ?, ?) "
    "ON CONFLICT (term, delegate_id) DO UPDATE SET weight = MAX(weight, excluded.weight)";
// What the search index holds of every delegate: one row per search term (one with NULLs for a
// delegate without any), grouped by delegate.
constexpr char kSelectSearchEntriesSql[] =
    "SELECT d.id, d.given_name, d.family_name, d.organisation, d.city, d.category, d.language, d.status, t.term, "
    "t.weight FROM delegate d LEFT JOIN search_term t ON t.delegate_id = d.id ORDER BY d.id";

}  // namespace

namespace internal {

void SearchWrites::stage(const Delegate& d, const std::vector<domain::SearchTerm>& terms) {
  if (m_staged != nullptr) m_staged->emplace_back(domain::summaryOf(d), terms);
}

absl::Status writeSearchTerms(Database& db, std::int64_t id, const std::vector<domain::SearchTerm>& terms,
                              bool replacing) {
  if (replacing) {
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement remove, db.cached(kDeleteSearchTermsSql));
    LANYARD_RETURN_IF_ERROR(remove->bind(1, id).run());
  }
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement insert, db.cached(kInsertSearchTermSql));
  for (const domain::SearchTerm& term : terms) {
    insert->reset();
    LANYARD_RETURN_IF_ERROR(insert->bind(1, term.text).bind(2, id).bind(3, std::int64_t{term.weight}).run());
  }
  return absl::OkStatus();
}

absl::Status refreshSearchTerms(Database& db, std::int64_t storedVersion) {
  if (storedVersion == domain::kSearchTermsVersion) return absl::OkStatus();
  LANYARD_ASSIGN_OR_RETURN(Transaction transaction, Transaction::begin(db));
  {
    SearchWrites search(nullptr);
    LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectDelegatesSql));
    bindPage(select->bind(1, std::int64_t{1}), 2, domain::Page{});
    while (true) {
      LANYARD_ASSIGN_OR_RETURN(const bool row, select->step());
      if (!row) break;
      const Delegate d = readDelegate(*select);
      LANYARD_RETURN_IF_ERROR(writeSearchTerms(db, d.id, search.termsOf(d), /*replacing=*/true));
    }
  }
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement update, db.cached(kUpdateSearchTermsVersionSql));
  LANYARD_RETURN_IF_ERROR(update->bind(1, std::int64_t{domain::kSearchTermsVersion}).run());
  // Replicas' search keys are folded like the terms: the sealer prepares every delegate's again.
  LANYARD_RETURN_IF_ERROR(db.exec(kDeleteAllReplicaMaterialSql));
  return transaction.commit();
}

}  // namespace internal

absl::Status SqliteEventStore::loadSearch(Database& db) {
  LANYARD_ASSIGN_OR_RETURN(ScopedStatement select, db.cached(kSelectSearchEntriesSql));
  std::vector<domain::SearchIndex::Entry> entries;
  entries.reserve(kSearchLoadBatch);
  const auto putEntries = [&] {
    std::unique_lock lock(m_searchMutex);
    for (domain::SearchIndex::Entry& entry : entries) m_search.put(std::move(entry));
    entries.clear();
  };
  domain::DelegateSummary delegate;
  std::vector<domain::SearchTerm> terms;
  bool started = false;
  while (true) {
    LANYARD_ASSIGN_OR_RETURN(const bool row, select->step());
    if (started && (!row || select->columnInt(0) != delegate.id)) {
      entries.emplace_back(delegate, terms);
      terms.clear();
      started = false;
    }
    if (entries.size() == kSearchLoadBatch || !row) putEntries();
    if (!row) return absl::OkStatus();
    if (!started) {
      delegate = {select->columnInt(0),
                  select->columnText(1),
                  select->columnText(2),
                  select->columnText(3),
                  select->columnText(4),
                  select->columnText(5),
                  select->columnText(6),
                  select->columnInt(7) == 2 ? RegistrationStatus::Cancelled : RegistrationStatus::Active};
      started = true;
    }
    if (!select->columnIsNull(8)) terms.push_back({select->columnText(8), static_cast<int>(select->columnInt(9))});
  }
}

void SqliteEventStore::updateSearch() {
  // A batch of entries at a time: searches go on in between, finding an import's entries as they
  // come in.
  for (std::size_t first = 0; first < m_searchStaged.size(); first += kSearchLoadBatch) {
    std::unique_lock lock(m_searchMutex);
    if (first == 0) m_search.reserve(m_search.size() + m_searchStaged.size());
    const std::size_t end = std::min(first + kSearchLoadBatch, m_searchStaged.size());
    for (std::size_t i = first; i < end; ++i) m_search.put(std::move(m_searchStaged[i]));
  }
  // A large batch's capacity is not kept for the next check-in's.
  m_searchStaged = std::vector<domain::SearchIndex::Entry>();
}

absl::StatusOr<std::vector<domain::SearchHit>> SqliteEventStore::search(std::string_view query, int limit,
                                                                        bool includeCancelled) {
  const std::vector<domain::QueryToken> tokens = domain::queryTokens(query);
  std::shared_lock lock(m_searchMutex);
  return m_search.search(tokens, limit, includeCancelled);
}

}  // namespace lanyard::server::storage
