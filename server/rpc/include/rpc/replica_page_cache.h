#pragma once

#include <grpcpp/support/slice.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>

#include "absl/status/statusor.h"
#include "domain/replica_store.h"

namespace lanyard::server::rpc {

// Whole answers of the replica feed, serialized once and handed to every kiosk that asks for the
// same page: kiosks taking their first copy at once, or long-polling from the same cursor, ask for
// the same pages, and reading and building a page costs the server many times what sending its
// bytes does. A page read at a ReplicaStamp is the answer for as long as the store's stamp is that
// one (replica_store.h: every commit that changes a row of the feed moves it on); a page of an
// older stamp is never handed out. Thread-safe.
class ReplicaPageCache {
 public:
  struct Key {
    domain::ReplicaCursor cursor;
    int pageSize = 0;
  };
  // One answer: its serialized bytes (shared, never copied) and the stamp of the snapshot it was
  // read from.
  struct Page {
    grpc::Slice bytes;
    domain::ReplicaStamp stamp;
    bool hasRows = false;
  };
  using Build = std::function<absl::StatusOr<Page>()>;

  // Keeps at most `maxBytes` of pages, the least recently asked for going first.
  explicit ReplicaPageCache(std::size_t maxBytes);

  // The answer for `key`, the store's stamp having been `now` just before: a kept page read at
  // `now` or later; else the page another call is building for `key`, waited for, if it was read
  // at `now` or later; else build(), run here and kept. A failed build is handed to its caller only.
  absl::StatusOr<Page> answer(const Key& key, const domain::ReplicaStamp& now, const Build& build);

  // Pages kept; answers that came from a kept page or another call's build; calls waiting for
  // another call's build now.
  std::size_t pages() const;
  std::uint64_t shared() const;
  std::size_t waiting() const;

 private:
  struct KeyOrder {
    bool operator()(const Key& a, const Key& b) const;
  };
  struct Entry {
    Page page;
    std::list<Key>::iterator recent;
  };
  struct Flight {
    bool done = false;
    absl::StatusOr<Page> result = absl::UnknownError("not built yet");
  };

  // Forgets every page older than `now` and remembers `now` as the newest stamp seen. Under m_mutex.
  void moveTo(const domain::ReplicaStamp& now);
  // Keeps `page` unless it is older than the newest stamp seen, evicting the least recent pages
  // beyond m_maxBytes. Under m_mutex.
  void keep(const Key& key, const Page& page);
  void forget(std::map<Key, Entry, KeyOrder>::iterator entry);

  const std::size_t m_maxBytes;
  mutable std::mutex m_mutex;
  std::condition_variable m_built;
  domain::ReplicaStamp m_newest;                               // Guarded by m_mutex.
  std::map<Key, Entry, KeyOrder> m_pages;                      // Guarded by m_mutex.
  std::list<Key> m_recent;                                     // Most recent first. Guarded by m_mutex.
  std::size_t m_bytes = 0;                                     // Guarded by m_mutex.
  std::map<Key, std::shared_ptr<Flight>, KeyOrder> m_flights;  // Builds running. Guarded by m_mutex.
  std::uint64_t m_shared = 0;                                  // Guarded by m_mutex.
  std::size_t m_waiting = 0;                                   // Guarded by m_mutex.
};

}  // namespace lanyard::server::rpc
