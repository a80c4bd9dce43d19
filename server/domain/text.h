#pragma once

// Small byte-level helpers for UTF-8 text coming from files and requests. None of them allocate
// except where a std::string is returned; all are thread-safe and linear in the input.

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace lanyard::server::domain {

// True if `text` is well-formed UTF-8 (Unicode 15, table 3-7): no overlong forms, no UTF-16
// surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence. The empty string is
// valid. Pure ASCII is checked eight bytes at a time.
bool isValidUtf8(std::string_view text);

// True if UTF-8 `text` holds a control character: a line break, tab or other C0 control, DEL, or
// a C1 control (U+0080..U+009F). Names and the like are one line of printable text.
bool hasControlCharacter(std::string_view text);

// `text` without leading and trailing ASCII whitespace (space, \t, \n, \v, \f, \r). Non-ASCII
// spaces such as U+00A0 are kept. The result views `text`.
std::string_view trimAscii(std::string_view text);

// `text` with A-Z mapped to a-z; every other byte (including all of UTF-8's multi-byte
// sequences) unchanged.
std::string asciiLower(std::string_view text);

// `text` in double quotes for an error message, cut to at most `maxBytes` bytes of content on a
// UTF-8 code point boundary with "..." appended when cut. Invalid UTF-8 is replaced by the word
// (invalid UTF-8) so that a message is always valid UTF-8.
std::string quoteForMessage(std::string_view text, std::size_t maxBytes = 60);

// Debian's abseil is built with its own absl::string_view rather than std::string_view; these
// convert between the two without copying, for StrCat, StrSplit and Status messages.
inline absl::string_view toAbsl(std::string_view text) { return {text.data(), text.size()}; }
inline std::string_view toStd(absl::string_view text) { return {text.data(), text.size()}; }

}  // namespace lanyard::server::domain
