// PostgresEventStore's search: the search terms each write stores, the in-memory index loaded
// whole at open (and after imports) and refreshed for the delegates each write changes, and the
// searches that read it.

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <pqxx/result>
#include <shared_mutex>
#include <unordered_map>

#include "domain/search_key.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "postgres/event_store.h"
#include "postgres/event_store_internal.h"

namespace lanyard::server::postgres {

using domain::Delegate;
using domain::RegistrationStatus;

namespace {

// Delegates read at a time into the search index, and search_term rows written a statement: small
// enough that a search waits for one batch at most (milliseconds), not for the whole load.
constexpr std::size_t kSearchBatch = 2000;

constexpr char kSelectSearchTermsVersionSql[] = "SELECT search_terms_version FROM event WHERE id = 1";
constexpr char kUpdateSearchTermsVersionSql[] = "UPDATE event SET search_terms_version = $1 WHERE id = 1";
constexpr char kDeleteAllReplicaMaterialSql[] = "DELETE FROM replica_material";
constexpr char kDeleteSearchTermsSql[] = "DELETE FROM search_term WHERE delegate_id = ANY($1::bigint[])";
constexpr char kInsertSearchTermsSql[] =
    "INSERT INTO search_term (term, delegate_id, weight) "
    "SELECT * FROM unnest($1::text[], $2::bigint[], $3::integer[])";
// What the search index holds of delegates: their summaries, the delegates after an id a page at
// a time, or those listed in an array,
#define LANYARD_SEARCH_SUMMARY \
  "SELECT id, given_name, family_name, organisation, city, category, language, status FROM delegate "
constexpr char kSelectSearchPageSql[] = LANYARD_SEARCH_SUMMARY "WHERE id > $1 ORDER BY id LIMIT $2";
constexpr char kSelectSearchSummariesSql[] = LANYARD_SEARCH_SUMMARY "WHERE id = ANY($1::bigint[]) ORDER BY id";
// and their terms, read apart in the same snapshot: the planner joins delegates to the whole
// search_term table unless it has statistics of it, which a large import leaves stale.
constexpr char kSelectSearchTermsSql[] =
    "SELECT delegate_id, term, weight FROM search_term WHERE delegate_id = ANY($1::bigint[]) ORDER BY delegate_id";
// Every delegate after an id, a page at a time, locked: the refresh of the stored terms.
const std::string kLockDelegatesPageSql =
    strCat("SELECT ", internal::kDelegateColumns, " FROM delegate WHERE id > $1 ORDER BY id LIMIT $2 FOR UPDATE");

// A LANYARD_SEARCH_SUMMARY row.
domain::DelegateSummary readSummary(const pqxx::row& row) {
  domain::DelegateSummary d;
  d.id = row[0].as<std::int64_t>();
  d.givenName = row[1].as<std::string>();
  d.familyName = row[2].as<std::string>();
  d.organisation = row[3].as<std::string>();
  d.city = row[4].as<std::string>();
  d.category = row[5].as<std::string>();
  d.language = row[6].as<std::string>();
  d.status = row[7].as<int>() == 2 ? RegistrationStatus::Cancelled : RegistrationStatus::Active;
  return d;
}

// The search index entries of `summaries` (LANYARD_SEARCH_SUMMARY rows in id order), with their
// terms read through `transaction`.
std::vector<domain::SearchIndex::Entry> readEntries(pqxx::transaction_base& transaction,
                                                    const pqxx::result& summaries) {
  std::vector<std::int64_t> ids;
  for (const pqxx::row& row : summaries) ids.push_back(row[0].as<std::int64_t>());
  const pqxx::result terms = transaction.exec_params(kSelectSearchTermsSql, internal::sqlArray(ids));
  std::vector<domain::SearchIndex::Entry> entries;
  pqxx::result::size_type next = 0;  // The first row of `terms` not yet taken.
  for (const pqxx::row& row : summaries) {
    const domain::DelegateSummary delegate = readSummary(row);
    std::vector<domain::SearchTerm> delegateTerms;
    for (; next < terms.size() && terms[next][0].as<std::int64_t>() == delegate.id; ++next) {
      delegateTerms.push_back({terms[next][1].as<std::string>(), terms[next][2].as<int>()});
    }
    entries.emplace_back(delegate, delegateTerms);
  }
  return entries;
}

// Computes every delegate's search terms again, in one transaction, when those stored are of an
// older domain::kSearchTermsVersion than this binary's. Locks every delegate, a page at a time,
// before writing their terms, and the event row last.
absl::Status refreshSearchTerms(pqxx::transaction_base& transaction) {
  if (transaction.exec1(kSelectSearchTermsVersionSql)[0].as<int>() == domain::kSearchTermsVersion) {
    return absl::OkStatus();
  }
  internal::lockBulkWrites(transaction);
  // Another server may have refreshed them while this one waited for the lock.
  if (transaction.exec1(kSelectSearchTermsVersionSql)[0].as<int>() == domain::kSearchTermsVersion) {
    return absl::OkStatus();
  }
  internal::SearchTermWrites terms(transaction);
  for (std::int64_t after = 0;;) {
    const pqxx::result page = transaction.exec_params(kLockDelegatesPageSql, after, kSearchBatch);
    for (const pqxx::row& row : page) terms.write(internal::readDelegate(row), /*replacing=*/true);
    if (page.size() < kSearchBatch) break;
    after = page[page.size() - 1][0].as<std::int64_t>();
  }
  terms.flush();
  // Replicas' search keys are folded like the terms: the sealer prepares every delegate's again.
  transaction.exec(kDeleteAllReplicaMaterialSql);
  transaction.exec_params(kUpdateSearchTermsVersionSql, domain::kSearchTermsVersion);
  return absl::OkStatus();
}

}  // namespace

namespace internal {

void SearchTermWrites::write(const Delegate& d, bool replacing) {
  if (m_pending.contains(d.id)) flush();  // Its first rows go before they are replaced.
  if (replacing) m_replaced.push_back(d.id);
  // A text may come once per field; the table holds it once, at its highest weight.
  std::unordered_map<std::string, int> weights;
  for (domain::SearchTerm& term : m_folder.termsOf(d)) {
    int& weight = weights[std::move(term.text)];
    weight = std::max(weight, term.weight);
  }
  for (auto& [text, weight] : weights) {
    m_terms.push_back(text);
    m_delegateIds.push_back(d.id);
    m_weights.push_back(weight);
  }
  m_pending.insert(d.id);
  if (m_terms.size() >= kSearchBatch || m_replaced.size() >= kSearchBatch) flush();
}

void SearchTermWrites::flush() {
  if (!m_replaced.empty()) m_transaction.exec_params(kDeleteSearchTermsSql, sqlArray(m_replaced));
  if (!m_terms.empty()) {
    m_transaction.exec_params(kInsertSearchTermsSql, sqlArray(m_terms), sqlArray(m_delegateIds), sqlArray(m_weights));
  }
  m_replaced.clear();
  m_pending.clear();
  m_terms.clear();
  m_delegateIds.clear();
  m_weights.clear();
}

}  // namespace internal

absl::Status PostgresEventStore::loadSearch() {
  std::lock_guard refreshing(m_searchRefreshMutex);
  LANYARD_RETURN_IF_ERROR(inTransaction("refreshing the stored search terms", refreshSearchTerms));
  for (std::int64_t after = 0;;) {
    std::vector<domain::SearchIndex::Entry> entries;
    LANYARD_RETURN_IF_ERROR(inTransaction(
        "loading the search index",
        [&](pqxx::transaction_base& transaction) {
          entries = readEntries(transaction, transaction.exec_params(kSelectSearchPageSql, after, kSearchBatch));
          return absl::OkStatus();
        },
        Isolation::RepeatableRead));
    if (entries.empty()) return absl::OkStatus();
    after = entries.back().id();
    const bool last = entries.size() < kSearchBatch;
    {
      std::unique_lock lock(m_searchMutex);
      for (domain::SearchIndex::Entry& entry : entries) m_search.put(std::move(entry));
    }
    if (last) return absl::OkStatus();
  }
}

absl::Status PostgresEventStore::refreshSearch(const std::vector<std::int64_t>& delegateIds) {
  std::lock_guard refreshing(m_searchRefreshMutex);
  for (std::size_t start = 0; start < delegateIds.size(); start += kSearchBatch) {
    const std::vector<std::int64_t> batch(
        delegateIds.begin() + static_cast<std::ptrdiff_t>(start),
        delegateIds.begin() + static_cast<std::ptrdiff_t>(std::min(start + kSearchBatch, delegateIds.size())));
    std::vector<domain::SearchIndex::Entry> entries;
    LANYARD_RETURN_IF_ERROR(inTransaction(
        "refreshing the search index",
        [&](pqxx::transaction_base& transaction) {
          entries =
              readEntries(transaction, transaction.exec_params(kSelectSearchSummariesSql, internal::sqlArray(batch)));
          return absl::OkStatus();
        },
        Isolation::RepeatableRead));
    std::unique_lock lock(m_searchMutex);
    for (domain::SearchIndex::Entry& entry : entries) m_search.put(std::move(entry));
  }
  return absl::OkStatus();
}

void PostgresEventStore::refreshSearchAfterWrite(const std::vector<std::int64_t>& delegateIds) {
  const absl::Status refreshed = refreshSearch(delegateIds);
  if (!refreshed.ok()) std::fprintf(stderr, "search index: %s\n", refreshed.ToString().c_str());
}

absl::StatusOr<std::vector<domain::SearchHit>> PostgresEventStore::search(std::string_view query, int limit,
                                                                          bool includeCancelled) {
  const std::vector<domain::QueryToken> tokens = domain::queryTokens(query);
  std::shared_lock lock(m_searchMutex);
  return m_search.search(tokens, limit, includeCancelled);
}

}  // namespace lanyard::server::postgres
