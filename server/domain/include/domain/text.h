#pragma once

// Small byte-level helpers for UTF-8 text coming from files and requests. None of them allocate
// except where a std::string is returned; all are thread-safe and linear in the input.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace lanyard::server::domain {

// True if `text` is well-formed UTF-8 (Unicode 15, table 3-7): no overlong forms, no UTF-16
// surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence. The empty string is
// valid. Pure ASCII is checked eight bytes at a time.
bool isValidUtf8(std::string_view text);

// Which text a field may hold: one line (names, references) or several (notes).
enum class TextLines { One, Several };

// What makes `text` unfit to store, or nullopt if nothing does. The one rule for every delegate
// and session field, from an import or from the help desk:
// - "invalid UTF-8";
// - "control character U+001B": a C0 control, DEL or a C1 control (U+0080..U+009F); with
//   TextLines::Several, tab, LF and CR are allowed;
// - "invisible control character U+202E": a format character (Unicode category Cf: bidirectional
//   controls, U+200B, U+2060, U+FEFF...), except U+200C ZWNJ and U+200D ZWJ, which Persian, Arabic
//   and Indic names need.
std::optional<std::string> textProblem(std::string_view text, TextLines lines = TextLines::One);

// True if `textProblem(text)` finds one: names and the like are one line of printable text.
bool hasControlCharacter(std::string_view text);

// `text` made safe to write to a terminal: LF, CR LF and tab kept, every other character
// textProblem() refuses written as an escape ("\x1b", "\u202e", a CR alone as "\x0d"), and each
// invalid UTF-8 byte as "\xff".
std::string forTerminal(std::string_view text);

// The length of the UTF-8 sequence `text` begins with (1 to 4), or 0 if it begins with an
// invalid or truncated one.
std::size_t utf8SequenceLength(std::string_view text);

// The code point of the well-formed UTF-8 sequence of `length` bytes (from utf8SequenceLength())
// at the start of `text`.
char32_t utf8CodePoint(std::string_view text, std::size_t length);

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

// How much of a list of names (columns, say) an error or a summary shows.
inline constexpr std::size_t kMaxListedNames = 10;
inline constexpr std::size_t kMaxListedNameBytes = 60;

// `names` for a message: the first kMaxListedNames, each quoted by quoteForMessage() and cut to
// kMaxListedNameBytes, joined by ", ", then " and N more" for the rest; "(none)" when empty.
// At most about 700 bytes however long the list.
std::string listForMessage(std::span<const std::string> names);

// Debian's abseil is built with its own absl::string_view rather than std::string_view; this
// converts an abseil view (a Status message, a StrSplit piece) without copying.
inline std::string_view toStd(absl::string_view text) { return {text.data(), text.size()}; }

}  // namespace lanyard::server::domain
