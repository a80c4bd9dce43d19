#include "domain/text.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace lanyard::server::domain {

namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

bool isAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

bool isContinuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

// Length of the well-formed UTF-8 sequence starting at text[i], or 0 if there is none.
std::size_t sequenceLength(std::string_view text, std::size_t i) {
  const auto byteAt = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byteAt(i);
  const std::size_t left = text.size() - i;
  if (lead < 0x80U) {
    return 1;
  }
  if (lead >= 0xC2U && lead <= 0xDFU) {
    return left >= 2 && isContinuation(byteAt(i + 1)) ? 2 : 0;
  }
  if (lead >= 0xE0U && lead <= 0xEFU) {
    if (left < 3) {
      return 0;
    }
    const unsigned char second = byteAt(i + 1);
    // E0 needs A0..BF (no overlongs); ED needs 80..9F (no surrogates).
    const unsigned char low = lead == 0xE0U ? 0xA0U : 0x80U;
    const unsigned char high = lead == 0xEDU ? 0x9FU : 0xBFU;
    if (second < low || second > high || !isContinuation(byteAt(i + 2))) {
      return 0;
    }
    return 3;
  }
  if (lead >= 0xF0U && lead <= 0xF4U) {
    if (left < 4) {
      return 0;
    }
    const unsigned char second = byteAt(i + 1);
    // F0 needs 90..BF (no overlongs); F4 needs 80..8F (nothing above U+10FFFF).
    const unsigned char low = lead == 0xF0U ? 0x90U : 0x80U;
    const unsigned char high = lead == 0xF4U ? 0x8FU : 0xBFU;
    if (second < low || second > high || !isContinuation(byteAt(i + 2)) || !isContinuation(byteAt(i + 3))) {
      return 0;
    }
    return 4;
  }
  return 0;  // 80..C1 (stray continuation or overlong lead) and F5..FF.
}

}  // namespace

std::size_t utf8SequenceLength(std::string_view text) { return text.empty() ? 0 : sequenceLength(text, 0); }

char32_t utf8CodePoint(std::string_view text, std::size_t length) {
  const auto byteAt = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[k])); };
  if (length == 1) return byteAt(0);
  char32_t c = byteAt(0) & (length == 2 ? 0x1FU : length == 3 ? 0x0FU : 0x07U);
  for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (byteAt(k) & 0x3FU);
  return c;
}

namespace {

bool isControl(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

// A Unicode format character (Cf) other than ZWNJ and ZWJ.
bool isInvisibleControl(char32_t c) {
  return c != 0x200C && c != 0x200D && u_charType(static_cast<UChar32>(c)) == U_FORMAT_CHAR;
}

std::string codePointName(char32_t c) {
  char name[16];
  std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(c));
  return name;
}

}  // namespace

std::optional<std::string> textProblem(std::string_view text, TextLines lines) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = sequenceLength(text, i);
    if (length == 0) return "invalid UTF-8";
    const char32_t c = utf8CodePoint(text.substr(i), length);
    i += length;
    if (isControl(c)) {
      if (lines == TextLines::Several && (c == '\t' || c == '\n' || c == '\r')) continue;
      return "control character " + codePointName(c);
    }
    if (c >= 0xA0 && isInvisibleControl(c)) return "invisible control character " + codePointName(c);
  }
  return std::nullopt;
}

bool hasControlCharacter(std::string_view text) { return textProblem(text).has_value(); }

std::string forTerminal(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  char escape[16];
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = sequenceLength(text, i);
    if (length == 0) {
      std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(text[i])));
      result.append(escape);
      ++i;
      continue;
    }
    const char32_t c = utf8CodePoint(text.substr(i), length);
    // CR LF ends a CSV record (RFC 4180); a CR alone could overwrite the line it is on.
    const bool lineEnd = c == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    if ((isControl(c) && c != '\n' && c != '\t' && !lineEnd) || (c >= 0xA0 && isInvisibleControl(c))) {
      std::snprintf(escape, sizeof escape, c < 0x80 ? "\\x%02x" : "\\u%04x", static_cast<unsigned>(c));
      result.append(escape);
    } else {
      result.append(text.substr(i, length));
    }
    i += length;
  }
  return result;
}

bool isValidUtf8(std::string_view text) {
  std::size_t i = 0;
  const std::size_t size = text.size();
  while (i < size) {
    if (size - i >= 8) {
      std::uint64_t chunk;
      std::memcpy(&chunk, text.data() + i, sizeof chunk);
      if ((chunk & kHighBits) == 0) {
        i += 8;
        continue;
      }
    }
    const std::size_t length = sequenceLength(text, i);
    if (length == 0) {
      return false;
    }
    i += length;
  }
  return true;
}

std::string_view trimAscii(std::string_view text) {
  while (!text.empty() && isAsciiSpace(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && isAsciiSpace(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

std::string asciiLower(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return result;
}

std::string quoteForMessage(std::string_view text, std::size_t maxBytes) {
  if (!isValidUtf8(text)) {
    return "(invalid UTF-8)";
  }
  std::string result = "\"";
  if (text.size() <= maxBytes) {
    result.append(text);
  } else {
    std::size_t cut = maxBytes;
    while (cut > 0 && isContinuation(static_cast<unsigned char>(text[cut]))) {
      --cut;
    }
    result.append(text.substr(0, cut));
    result.append("...");
  }
  result.push_back('"');
  return result;
}

std::string listForMessage(std::span<const std::string> names) {
  if (names.empty()) return "(none)";
  std::string result;
  const std::size_t shown = std::min(names.size(), kMaxListedNames);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) result.append(", ");
    result.append(quoteForMessage(names[i], kMaxListedNameBytes));
  }
  if (names.size() > shown) {
    result.append(" and ").append(std::to_string(names.size() - shown)).append(" more");
  }
  return result;
}

}  // namespace lanyard::server::domain
