#pragma once

#include <concepts>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

// Debian's abseil is built with its own absl::string_view, so absl::StrCat does not take
// std::string_view. This is the small subset of StrCat the server needs.
namespace lanyard {

namespace str_cat_internal {
inline void append(std::string& out, std::string_view piece) { out.append(piece); }
inline void append(std::string& out, absl::string_view piece) { out.append(piece.data(), piece.size()); }
inline void append(std::string& out, const char* piece) { out.append(piece); }
inline void append(std::string& out, const std::string& piece) { out.append(piece); }
inline void append(std::string& out, char piece) { out.push_back(piece); }
template <std::integral T>
requires(!std::same_as<T, char> && !std::same_as<T, bool>) void append(std::string& out, T value) {
  out.append(std::to_string(value));
}
}  // namespace str_cat_internal

// Concatenates strings, string views, characters and integers.
template <typename... Pieces>
std::string strCat(const Pieces&... pieces) {
  std::string out;
  (str_cat_internal::append(out, pieces), ...);
  return out;
}

}  // namespace lanyard
