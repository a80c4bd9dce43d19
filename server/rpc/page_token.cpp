#include "rpc/page_token.h"

#include <algorithm>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "domain/str_cat.h"

namespace lanyard::server::rpc {

namespace {

// Longer than any token given out ("badge_prints:" and two 19-digit ids, in base64); longer ones
// are refused before decoding.
constexpr std::size_t kMaxTokenBytes = 128;

// The id after which the page starts, from a token that `list` gave out; 0 for any other token.
std::int64_t afterIdOf(std::string_view list, std::string_view token) {
  std::string text;
  if (token.size() > kMaxTokenBytes ||
      !absl::WebSafeBase64Unescape(absl::string_view(token.data(), token.size()), &text)) {
    return 0;
  }
  const std::size_t colon = text.rfind(':');
  std::int64_t afterId = 0;
  if (colon == std::string::npos || std::string_view(text).substr(0, colon) != list ||
      !absl::SimpleAtoi(absl::string_view(text).substr(colon + 1), &afterId)) {
    return 0;
  }
  return std::max<std::int64_t>(afterId, 0);
}

}  // namespace

absl::StatusOr<PageRequest> PageRequest::parse(std::string list, std::int32_t pageSize, std::string_view pageToken) {
  if (pageSize < 0) {
    return absl::InvalidArgumentError(
        strCat("page_size must not be negative (0 asks for the default of ", kDefaultPageSize, ")"));
  }
  const int size = pageSize == 0 ? kDefaultPageSize : std::min(int{pageSize}, kMaxPageSize);
  if (pageToken.empty()) return PageRequest(std::move(list), 0, size);
  const std::int64_t afterId = afterIdOf(list, pageToken);
  if (afterId == 0) return absl::InvalidArgumentError("page_token is not one this list gave out");
  return PageRequest(std::move(list), afterId, size);
}

std::string PageRequest::tokenAfter(std::int64_t lastId) const {
  return absl::WebSafeBase64Escape(strCat(m_list, ":", lastId));
}

}  // namespace lanyard::server::rpc
