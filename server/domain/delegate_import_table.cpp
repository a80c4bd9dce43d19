#include "domain/delegate_import_table.h"

#include <unicode/unistr.h>

#include <cstring>

#include "domain/str_cat.h"

namespace lanyard::server::domain::import_table {

namespace {

bool isHeaderSeparator(char c) { return c == ' ' || c == '_' || c == '-' || c == ':' || c == '.' || c == '\t'; }

// `name` cut to kMaxListedNameBytes on a code point boundary, with "..." when cut.
std::string cutForSummary(std::string_view name) {
  if (name.size() <= kMaxListedNameBytes) return std::string(name);
  std::size_t cut = kMaxListedNameBytes;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0U) == 0x80U) --cut;
  return strCat(name.substr(0, cut), "...");
}

}  // namespace

std::string normalizeHeader(std::string_view name) {
  std::string folded;
  bool ascii = true;
  for (const char c : name) {
    ascii = ascii && static_cast<unsigned char>(c) < 0x80U;
  }
  if (ascii) {
    folded = asciiLower(name);
  } else {
    icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())))
        .foldCase()
        .toUTF8String(folded);
  }
  std::string result;
  result.reserve(folded.size());
  bool pendingSeparator = false;
  for (const char c : folded) {
    if (isHeaderSeparator(c)) {
      pendingSeparator = !result.empty();
      continue;
    }
    if (pendingSeparator) {
      result.push_back('_');
      pendingSeparator = false;
    }
    result.push_back(c);
  }
  return result;
}

absl::Status cellError(std::int32_t line, std::string_view column, std::string_view what) {
  return absl::InvalidArgumentError(strCat("line ", line, ", column \"", column, "\": ", what));
}

Columns::Columns(const std::vector<std::string>& header, std::int32_t headerLine) : m_headerLine(headerLine) {
  for (const std::string& name : header) {
    m_names.emplace_back(trimAscii(name));
    m_normalized.push_back(normalizeHeader(m_names.back()));
  }
}

std::vector<std::size_t> Columns::find(std::span<const std::string_view> aliases) const {
  std::vector<std::size_t> found;
  for (const std::string_view alias : aliases) {
    for (std::size_t i = 0; i < m_normalized.size(); ++i) {
      if (m_normalized[i] == alias) {
        m_known.resize(m_normalized.size());
        m_known[i] = true;
        bool seen = false;
        for (const std::size_t index : found) {
          seen = seen || index == i;
        }
        if (!seen) {
          found.push_back(i);
        }
        break;
      }
    }
  }
  return found;
}

std::vector<std::string> Columns::unknownNames() const {
  std::vector<std::string> names;
  std::size_t unknown = 0;
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    if (m_names[i].empty() || (i < m_known.size() && m_known[i])) continue;
    if (++unknown <= kMaxListedNames) names.push_back(cutForSummary(m_names[i]));
  }
  if (unknown > kMaxListedNames) names.push_back(strCat("and ", unknown - kMaxListedNames, " more"));
  return names;
}

absl::Status Columns::repeatedKnownColumn() const {
  for (std::size_t i = 0; i < m_known.size(); ++i) {
    if (!m_known[i]) continue;
    for (std::size_t j = i + 1; j < m_normalized.size(); ++j) {
      if (m_normalized[j] == m_normalized[i]) {
        return absl::InvalidArgumentError(strCat("line ", m_headerLine, ": column ", quoteForMessage(m_names[i], 40),
                                                 " appears twice (columns ", i + 1, " and ", j + 1, ")"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status Columns::missing(std::string_view what) const {
  return absl::InvalidArgumentError(
      strCat("line ", m_headerLine, ": missing required column: ", what, "; found: ", listForMessage(m_names)));
}

bool equalsIgnoringCase(std::string_view text, std::string_view key) {
  if (text.size() != key.size()) {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (foldAscii(text[i]) != key[i]) {
      return false;
    }
  }
  return true;
}

std::size_t expectedRecords(std::string_view bytes) {
  constexpr std::size_t kMaxReserve = 200'000;
  std::size_t lines = 1;
  const char* next = bytes.data();
  const char* const end = bytes.data() + bytes.size();
  while (lines < kMaxReserve &&
         (next = static_cast<const char*>(std::memchr(next, '\n', static_cast<std::size_t>(end - next)))) != nullptr) {
    ++lines;
    ++next;
  }
  return lines;
}

}  // namespace lanyard::server::domain::import_table
