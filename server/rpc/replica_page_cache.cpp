#include "rpc/replica_page_cache.h"

#include <tuple>
#include <utility>

namespace lanyard::server::rpc {

namespace {

// Both parts of a stamp only grow, so a stamp read later is never before one read earlier.
bool before(const domain::ReplicaStamp& a, const domain::ReplicaStamp& b) {
  return std::tie(a.newestSequence, a.activitySequence) < std::tie(b.newestSequence, b.activitySequence);
}

}  // namespace

bool ReplicaPageCache::KeyOrder::operator()(const Key& a, const Key& b) const {
  const auto tied = [](const Key& key) {
    const domain::ReplicaCursor& c = key.cursor;
    return std::tie(c.sessions.sequence, c.sessions.id, c.delegates.sequence, c.delegates.id, key.pageSize);
  };
  return tied(a) < tied(b);
}

ReplicaPageCache::ReplicaPageCache(std::size_t maxBytes) : m_maxBytes(maxBytes) {}

absl::StatusOr<ReplicaPageCache::Page> ReplicaPageCache::answer(const Key& key, const domain::ReplicaStamp& now,
                                                                const Build& build) {
  std::shared_ptr<Flight> flight;
  {
    std::unique_lock lock(m_mutex);
    moveTo(now);
    const auto kept = m_pages.find(key);
    if (kept != m_pages.end() && !before(kept->second.page.stamp, now)) {
      m_recent.splice(m_recent.begin(), m_recent, kept->second.recent);
      ++m_shared;
      return kept->second.page;
    }
    if (const auto running = m_flights.find(key); running != m_flights.end()) {
      const std::shared_ptr<Flight> other = running->second;
      ++m_waiting;
      m_built.wait(lock, [&] { return other->done; });
      --m_waiting;
      if (other->result.ok() && !before(other->result->stamp, now)) {
        ++m_shared;
        return other->result;
      }
    }
    // Another call may have started a build for `key` while this one waited; two builds of a page
    // are harmless, and the later one is kept.
    flight = std::make_shared<Flight>();
    m_flights[key] = flight;
  }
  absl::StatusOr<Page> page = build();
  std::lock_guard lock(m_mutex);
  if (page.ok()) keep(key, *page);
  flight->result = page;
  flight->done = true;
  if (const auto running = m_flights.find(key); running != m_flights.end() && running->second == flight) {
    m_flights.erase(running);
  }
  m_built.notify_all();
  return page;
}

void ReplicaPageCache::moveTo(const domain::ReplicaStamp& now) {
  if (!before(m_newest, now)) return;
  m_newest = now;
  for (auto entry = m_pages.begin(); entry != m_pages.end();) {
    const auto next = std::next(entry);
    if (before(entry->second.page.stamp, now)) forget(entry);
    entry = next;
  }
}

void ReplicaPageCache::keep(const Key& key, const Page& page) {
  moveTo(page.stamp);
  if (before(page.stamp, m_newest) || page.bytes.size() > m_maxBytes) return;
  if (const auto old = m_pages.find(key); old != m_pages.end()) forget(old);
  m_recent.push_front(key);
  m_pages.emplace(key, Entry{page, m_recent.begin()});
  m_bytes += page.bytes.size();
  while (m_bytes > m_maxBytes) forget(m_pages.find(m_recent.back()));
}

void ReplicaPageCache::forget(std::map<Key, Entry, KeyOrder>::iterator entry) {
  m_bytes -= entry->second.page.bytes.size();
  m_recent.erase(entry->second.recent);
  m_pages.erase(entry);
}

std::size_t ReplicaPageCache::pages() const {
  std::lock_guard lock(m_mutex);
  return m_pages.size();
}

std::uint64_t ReplicaPageCache::shared() const {
  std::lock_guard lock(m_mutex);
  return m_shared;
}

std::size_t ReplicaPageCache::waiting() const {
  std::lock_guard lock(m_mutex);
  return m_waiting;
}

}  // namespace lanyard::server::rpc
