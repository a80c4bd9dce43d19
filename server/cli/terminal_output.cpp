#include "cli/terminal_output.h"

#include <iostream>

#include "domain/text.h"

namespace lanyard::cli {

namespace {

// How long the pending text may grow without a line break before it is passed on.
constexpr std::size_t kMaxPendingBytes = 64 * 1024;

// Where the complete UTF-8 sequences of `text` end: before a trailing lead byte whose sequence
// is still incomplete, else at its end.
std::size_t completeUpTo(const std::string& text) {
  for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
    const auto byte = static_cast<unsigned char>(text[text.size() - back]);
    if ((byte & 0xC0U) == 0x80U) continue;  // A continuation byte: look further back.
    const std::size_t needed = byte >= 0xF0U ? 4 : byte >= 0xE0U ? 3 : byte >= 0xC0U ? 2 : 1;
    return needed > back ? text.size() - back : text.size();
  }
  return text.size();
}

}  // namespace

TerminalSafeBuffer::~TerminalSafeBuffer() { pass(/*all=*/true); }

TerminalSafeBuffer::int_type TerminalSafeBuffer::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return sync() == 0 ? traits_type::not_eof(c) : c;
  m_pending.push_back(traits_type::to_char_type(c));
  if ((c == '\n' || m_pending.size() >= kMaxPendingBytes) && pass(/*all=*/false) != 0) return traits_type::eof();
  return c;
}

std::streamsize TerminalSafeBuffer::xsputn(const char* text, std::streamsize count) {
  m_pending.append(text, static_cast<std::size_t>(count));
  if (m_pending.find('\n') != std::string::npos || m_pending.size() >= kMaxPendingBytes) {
    if (pass(/*all=*/false) != 0) return 0;
  }
  return count;
}

int TerminalSafeBuffer::sync() {
  if (pass(/*all=*/false) != 0) return -1;
  return m_target->pubsync();
}

int TerminalSafeBuffer::pass(bool all) {
  const std::size_t end = all ? m_pending.size() : completeUpTo(m_pending);
  if (end == 0) return 0;
  const std::string safe = server::domain::forTerminal(std::string_view(m_pending).substr(0, end));
  m_pending.erase(0, end);
  const auto size = static_cast<std::streamsize>(safe.size());
  return m_target->sputn(safe.data(), size) == size ? 0 : -1;
}

TerminalSafeStandardStreams::TerminalSafeStandardStreams()
    : m_out(std::cout.rdbuf()), m_err(std::cerr.rdbuf()), m_safeOut(m_out), m_safeErr(m_err) {
  std::cout.rdbuf(&m_safeOut);
  std::cerr.rdbuf(&m_safeErr);
}

TerminalSafeStandardStreams::~TerminalSafeStandardStreams() {
  std::cout.flush();
  std::cerr.flush();
  std::cout.rdbuf(m_out);
  std::cerr.rdbuf(m_err);
}

}  // namespace lanyard::cli
