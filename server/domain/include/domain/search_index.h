#pragma once

// The delegate search, held in memory. The search_term table is the record of every delegate's
// search terms; this index mirrors it together with what a result shows of each delegate, so a
// kiosk's search costs microseconds instead of two queries per candidate. Each store loads it when
// it opens the event and applies each write to it once the write has committed.
//
// Not thread-safe: the store guards it with a shared mutex.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/container/flat_hash_map.h"
#include "domain/delegate.h"
#include "domain/delegate_store.h"
#include "domain/search_key.h"

namespace lanyard::server::domain {

// A match on a name counts three times one on the organisation or city; an exact word counts
// twice a prefix. So "Li" the name beats "Lisa", and both beat the organisation "MA 17".
inline constexpr int kSearchWeightName = 3;
inline constexpr int kSearchWeightAffiliation = 1;
inline constexpr int kSearchExactFactor = 2;
// A search examines at most this many candidates, so a two-letter query on a large event answers
// in bounded time; candidates come best-first, so only the tail of a huge tier is cut.
inline constexpr int kMaxSearchCandidates = 1000;

// One search term of a delegate, as the search_term table stores it.
struct SearchTerm {
  std::string text;  // From searchTerms(): non-empty, [a-z0-9] only.
  int weight = 0;    // kSearchWeightName or kSearchWeightAffiliation.
};

// A delegate's search terms (the search_term table's rows), each field's text folded once: imports
// repeat organisations, cities and common names, and folding through ICU costs microseconds a word.
class SearchTermFolder {
 public:
  std::vector<SearchTerm> termsOf(const Delegate& d);

 private:
  absl::flat_hash_map<std::string, std::vector<std::string>> m_memo;
};

class SearchIndex {
 public:
  // One delegate as the index holds it: id, summary and terms packed into one allocation. With
  // the postings, 100,000 delegates take about 25 MB.
  class Entry {
   public:
    // `terms` may name a text more than once; its highest weight counts.
    Entry(const DelegateSummary& delegate, const std::vector<SearchTerm>& terms);

    std::int64_t id() const;
    DelegateSummary summary() const;

   private:
    friend class SearchIndex;
    static constexpr std::size_t kFields = 6;  // given, family, organisation, city, category, language

    bool active() const;
    // Where the terms begin in m_data; each field's text is passed to `field` on the way.
    template <typename F>
    std::size_t walkFields(F field) const;
    // Calls f(text, weight) for each term.
    template <typename F>
    void forEachTerm(F f) const;
    // The terms as packed, for comparing two entries' terms.
    std::string_view packedTerms() const;

    // The id (8 bytes), the status (1), each field as its length (LEB128) and its text, then per
    // term its weight byte, its text and ' ', and a final '\0'.
    std::unique_ptr<char[]> m_data;
  };

  // Adds the delegate or replaces what the index holds under its id. Replacing an entry with the
  // same terms (a cancellation, a re-imported delegate whose names did not change) leaves the
  // postings alone: moving an id out of and back into a posting list that most of the event
  // shares, a city's, costs a copy of the whole list.
  void put(Entry entry);
  void reserve(std::size_t delegates) { m_entries.reserve(delegates); }
  std::size_t size() const { return m_entries.size(); }

  // The delegates matching every one of `tokens` (queryTokens()) by prefix, best first,
  // at most `limit`; cancelled delegates only when asked. Candidates come from the longest token
  // (each of its spellings),
  // tier by tier from the best kind of match down: exact name word, name prefix, exact
  // organisation or city word, prefix; each is then scored against every token, and the search
  // stops once `limit` delegates are found or kMaxSearchCandidates have been examined.
  std::vector<SearchHit> search(const std::vector<QueryToken>& tokens, int limit, bool includeCancelled) const;

 private:
  // The delegates with one term, in id order, by the weight the term has for them.
  struct Postings {
    std::vector<std::int64_t> name;
    std::vector<std::int64_t> affiliation;
    std::vector<std::int64_t>& forWeight(int weight) { return weight == kSearchWeightName ? name : affiliation; }
    const std::vector<std::int64_t>& forWeight(int weight) const {
      return weight == kSearchWeightName ? name : affiliation;
    }
  };

  // search() without the final ordering by score: the hits in the order found.
  void collect(const std::vector<QueryToken>& tokens, int limit, bool includeCancelled,
               std::vector<SearchHit>& hits) const;
  void addPostings(const Entry& entry);
  void removePostings(const Entry& entry);
  // A delegate's score: for every token its best term (under any spelling), summed; 0 if some
  // token matches nothing.
  static int score(const Entry& entry, const std::vector<QueryToken>& tokens);

  absl::flat_hash_map<std::int64_t, Entry> m_entries;
  absl::btree_map<std::string, Postings, std::less<>> m_postings;
};

}  // namespace lanyard::server::domain
