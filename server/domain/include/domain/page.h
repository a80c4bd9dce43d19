#pragma once

#include <cstdint>
#include <limits>

namespace lanyard::server::domain {

// Which part of a list ordered by id to read: the items with an id above `afterId`, at most `limit`
// of them. The default is the whole list. Reading page after page this way (keyset paging) never
// skips or repeats an item, however the list changes in between.
struct Page {
  std::int64_t afterId = 0;
  int limit = std::numeric_limits<int>::max();
};

}  // namespace lanyard::server::domain
