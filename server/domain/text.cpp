#include "domain/text.h"

#include <cstdint>
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

bool hasControlCharacter(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7F) return true;
    // U+0080..U+009F are C2 80..C2 9F in UTF-8.
    if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80) {
      return true;
    }
  }
  return false;
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

}  // namespace lanyard::server::domain
