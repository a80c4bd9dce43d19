#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/event_store.h"

namespace lanyard::server::rpc {

inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 1000;

// One list request's page (AIP-158): its page_size and page_token, read as what to ask the store
// for, and the next_page_token of what the store gave. Tokens are opaque to clients: web-safe
// base64 of "<list>:<last id on the page>", where the list names the RPC's list and what the
// request is bound to ("devices", "check_ins:42"). So a token is accepted only by the list, and for
// the delegate, that gave it out; it holds no secret, and a forged one reads nothing the caller
// could not read from the first page on.
class PageRequest {
 public:
  // The page asked for: page size 0 is kDefaultPageSize, above kMaxPageSize is kMaxPageSize.
  // INVALID_ARGUMENT for a negative page size, or a page token that `list` did not give out.
  static absl::StatusOr<PageRequest> parse(std::string list, std::int32_t pageSize, std::string_view pageToken);

  // What to read from the store: the page and one item beyond it, which tells whether another
  // page follows.
  domain::Page storePage() const { return {m_afterId, m_size + 1}; }

  // Cuts `items`, read with storePage() and ordered by their `id`, to the page; returns the
  // response's next_page_token: empty when no item follows the page.
  template <typename Item>
  std::string trimToPage(std::vector<Item>& items) const {
    if (items.size() <= static_cast<std::size_t>(m_size)) return {};
    items.erase(items.begin() + m_size, items.end());
    return tokenAfter(items.back().id);
  }

 private:
  PageRequest(std::string list, std::int64_t afterId, int size)
      : m_list(std::move(list)), m_afterId(afterId), m_size(size) {}
  std::string tokenAfter(std::int64_t lastId) const;

  std::string m_list;
  std::int64_t m_afterId;
  int m_size;
};

}  // namespace lanyard::server::rpc
