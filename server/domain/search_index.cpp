#include "domain/search_index.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "absl/container/flat_hash_set.h"

namespace lanyard::server::domain {

namespace {

void insertSorted(std::vector<std::int64_t>& ids, std::int64_t id) {
  // Imports add ids in increasing order, so this is nearly always an append.
  if (ids.empty() || ids.back() < id) {
    ids.push_back(id);
    return;
  }
  const auto at = std::lower_bound(ids.begin(), ids.end(), id);
  if (at == ids.end() || *at != id) ids.insert(at, id);
}

void eraseSorted(std::vector<std::int64_t>& ids, std::int64_t id) {
  const auto at = std::lower_bound(ids.begin(), ids.end(), id);
  if (at != ids.end() && *at == id) ids.erase(at);
}

// A summary's packed fields, in their order in an entry.
template <typename Summary>
auto packedFields(Summary& s) {
  return std::array{&s.givenName, &s.familyName, &s.organisation, &s.city, &s.category, &s.language};
}

}  // namespace

std::vector<SearchTerm> SearchTermFolder::termsOf(const Delegate& d) {
  std::vector<SearchTerm> terms;
  const auto add = [&](const std::string& text, int weight) {
    auto folded = m_memo.find(text);
    if (folded == m_memo.end()) folded = m_memo.emplace(text, searchTerms(text)).first;
    for (const std::string& term : folded->second) terms.push_back({term, weight});
  };
  add(d.givenName, kSearchWeightName);
  add(d.familyName, kSearchWeightName);
  add(d.latinName, kSearchWeightName);
  add(d.organisation, kSearchWeightAffiliation);
  add(d.city, kSearchWeightAffiliation);
  return terms;
}

SearchIndex::Entry::Entry(const DelegateSummary& delegate, const std::vector<SearchTerm>& terms) {
  // A text named twice keeps its highest weight, as the search_term table does. A text outside
  // [a-z0-9], which searchTerms() never makes but a damaged file could hold, could never match a
  // query token and would break the packing below, so it is left out.
  std::vector<const SearchTerm*> unique;
  unique.reserve(terms.size());
  for (const SearchTerm& term : terms) {
    const bool plain = !term.text.empty() && std::all_of(term.text.begin(), term.text.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    });
    if (plain) unique.push_back(&term);
  }
  std::sort(unique.begin(), unique.end(), [](const SearchTerm* a, const SearchTerm* b) {
    return a->text != b->text ? a->text < b->text : a->weight > b->weight;
  });
  unique.erase(std::unique(unique.begin(), unique.end(), [](auto* a, auto* b) { return a->text == b->text; }),
               unique.end());

  std::string data(sizeof(std::int64_t), '\0');
  std::memcpy(data.data(), &delegate.id, sizeof(std::int64_t));
  data += delegate.status == domain::RegistrationStatus::Active ? 'A' : 'C';
  for (const std::string* field : packedFields(delegate)) {
    for (std::size_t length = field->size();; length >>= 7) {
      data += static_cast<char>((length & 0x7f) | (length > 0x7f ? 0x80 : 0));
      if (length <= 0x7f) break;
    }
    data += *field;
  }
  for (const SearchTerm* term : unique) {
    data += static_cast<char>(term->weight == kSearchWeightName ? kSearchWeightName : kSearchWeightAffiliation);
    data += term->text;
    data += ' ';
  }
  m_data = std::make_unique_for_overwrite<char[]>(data.size() + 1);
  std::memcpy(m_data.get(), data.c_str(), data.size() + 1);
}

std::int64_t SearchIndex::Entry::id() const {
  std::int64_t id = 0;
  std::memcpy(&id, m_data.get(), sizeof id);
  return id;
}

bool SearchIndex::Entry::active() const { return m_data[sizeof(std::int64_t)] == 'A'; }

template <typename F>
std::size_t SearchIndex::Entry::walkFields(F field) const {
  const auto* bytes = reinterpret_cast<const unsigned char*>(m_data.get());
  std::size_t at = sizeof(std::int64_t) + 1;
  for (std::size_t i = 0; i < kFields; ++i) {
    std::size_t length = 0;
    for (int shift = 0;; shift += 7) {
      const unsigned char byte = bytes[at++];
      length |= static_cast<std::size_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) break;
    }
    field(std::string_view(m_data.get() + at, length));
    at += length;
  }
  return at;
}

template <typename F>
void SearchIndex::Entry::forEachTerm(F f) const {
  const char* at = m_data.get() + walkFields([](std::string_view) {});
  while (*at != '\0') {
    const int weight = static_cast<unsigned char>(*at++);
    const char* end = std::strchr(at, ' ');
    f(std::string_view(at, static_cast<std::size_t>(end - at)), weight);
    at = end + 1;
  }
}

std::string_view SearchIndex::Entry::packedTerms() const {
  const char* start = m_data.get() + walkFields([](std::string_view) {});
  return {start, std::strlen(start)};
}

DelegateSummary SearchIndex::Entry::summary() const {
  DelegateSummary summary;
  summary.id = id();
  summary.status = active() ? domain::RegistrationStatus::Active : domain::RegistrationStatus::Cancelled;
  const auto fields = packedFields(summary);
  static_assert(fields.size() == kFields);
  std::size_t next = 0;
  walkFields([&](std::string_view text) { fields[next++]->assign(text); });
  return summary;
}

void SearchIndex::put(Entry entry) {
  const auto existing = m_entries.find(entry.id());
  if (existing != m_entries.end()) {
    if (existing->second.packedTerms() == entry.packedTerms()) {
      existing->second = std::move(entry);
      return;
    }
    removePostings(existing->second);
    existing->second = std::move(entry);
    addPostings(existing->second);
  } else {
    addPostings(m_entries.emplace(entry.id(), std::move(entry)).first->second);
  }
}

void SearchIndex::addPostings(const Entry& entry) {
  entry.forEachTerm([&](std::string_view text, int weight) {
    auto postings = m_postings.find(text);
    if (postings == m_postings.end()) postings = m_postings.emplace(std::string(text), Postings{}).first;
    insertSorted(postings->second.forWeight(weight), entry.id());
  });
}

void SearchIndex::removePostings(const Entry& entry) {
  entry.forEachTerm([&](std::string_view text, int weight) {
    const auto postings = m_postings.find(text);
    if (postings == m_postings.end()) return;
    eraseSorted(postings->second.forWeight(weight), entry.id());
    if (postings->second.name.empty() && postings->second.affiliation.empty()) m_postings.erase(postings);
  });
}

int SearchIndex::score(const Entry& entry, const std::vector<QueryToken>& tokens) {
  // Queries have a handful of tokens; more than this many score as if the rest were absent.
  constexpr std::size_t kMaxTokens = 16;
  std::array<int, kMaxTokens> best{};
  const std::size_t count = std::min(tokens.size(), kMaxTokens);
  entry.forEachTerm([&](std::string_view term, int weight) {
    for (std::size_t t = 0; t < count; ++t) {
      for (const std::string& spelling : tokens[t].spellings) {
        if (!term.starts_with(spelling)) continue;
        best[t] = std::max(best[t], weight * (term.size() == spelling.size() ? kSearchExactFactor : 1));
      }
    }
  });
  int total = 0;
  for (std::size_t t = 0; t < count; ++t) {
    if (best[t] == 0) return 0;
    total += best[t];
  }
  return total;
}

std::vector<SearchHit> SearchIndex::search(const std::vector<QueryToken>& tokens, int limit,
                                           bool includeCancelled) const {
  std::vector<SearchHit> hits;
  if (tokens.empty() || limit <= 0) return hits;
  collect(tokens, limit, includeCancelled, hits);
  std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  return hits;
}

void SearchIndex::collect(const std::vector<QueryToken>& tokens, int limit, bool includeCancelled,
                          std::vector<SearchHit>& hits) const {
  // The longest plain fold is the most selective.
  const QueryToken& anchor = *std::max_element(tokens.begin(), tokens.end(), [](const auto& a, const auto& b) {
    return a.spellings.front().size() < b.spellings.front().size();
  });
  absl::flat_hash_set<std::int64_t> seen;
  seen.reserve(32);  // Most searches examine fewer: one small allocation instead of several.
  hits.reserve(static_cast<std::size_t>(std::min(limit, kMaxSearchCandidates)));
  int examined = 0;
  // False once the search has found or examined enough.
  const auto consider = [&](std::int64_t id) {
    if (!seen.insert(id).second) return true;
    ++examined;
    const Entry& entry = m_entries.at(id);
    const int points = score(entry, tokens);
    if (points > 0 && (includeCancelled || entry.active())) {
      hits.push_back({entry.summary(), points});
    }
    return static_cast<int>(hits.size()) < limit && examined < kMaxSearchCandidates;
  };
  for (const int weight : {kSearchWeightName, kSearchWeightAffiliation}) {
    // Exact words first, then longer words with a spelling as prefix, each in term then id order.
    for (const std::string& spelling : anchor.spellings) {
      const auto exact = m_postings.find(spelling);
      if (exact == m_postings.end()) continue;
      for (const std::int64_t id : exact->second.forWeight(weight)) {
        if (!consider(id)) return;
      }
    }
    for (const std::string& spelling : anchor.spellings) {
      const std::string upper = spelling + "{";  // Terms are [a-z0-9] and '{' sorts after 'z'.
      for (auto it = m_postings.upper_bound(spelling); it != m_postings.end() && it->first < upper; ++it) {
        for (const std::int64_t id : it->second.forWeight(weight)) {
          if (!consider(id)) return;
        }
      }
    }
  }
}

}  // namespace lanyard::server::domain
