#pragma once

// What the CLI writes passes through here, so that no name, note or server message can drive the
// terminal it lands on (retitle it with ESC ] 0; ... BEL, recolour it with ESC [ 31 m, move the
// cursor, reverse the text with U+202E).

#include <streambuf>
#include <string>

namespace lanyard::cli {

// A stream buffer that hands text to another, made safe by domain::forTerminal() (line breaks and
// tabs kept, other control and invisible format characters written as escapes such as "\x1b").
// Text is passed on at each line break, flush and at destruction; a UTF-8 sequence is never
// split. Does not own `target`. Not thread-safe, like the streams it serves.
class TerminalSafeBuffer final : public std::streambuf {
 public:
  explicit TerminalSafeBuffer(std::streambuf* target) : m_target(target) {}
  ~TerminalSafeBuffer() override;
  TerminalSafeBuffer(const TerminalSafeBuffer&) = delete;
  TerminalSafeBuffer& operator=(const TerminalSafeBuffer&) = delete;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* text, std::streamsize count) override;
  int sync() override;

 private:
  // Passes on what is pending, but for a trailing incomplete UTF-8 sequence unless `all`.
  int pass(bool all);

  std::streambuf* m_target;
  std::string m_pending;
};

// Routes std::cout and std::cerr through TerminalSafeBuffers until destroyed.
class TerminalSafeStandardStreams {
 public:
  TerminalSafeStandardStreams();
  ~TerminalSafeStandardStreams();
  TerminalSafeStandardStreams(const TerminalSafeStandardStreams&) = delete;
  TerminalSafeStandardStreams& operator=(const TerminalSafeStandardStreams&) = delete;

 private:
  std::streambuf* m_out;
  std::streambuf* m_err;
  TerminalSafeBuffer m_safeOut;
  TerminalSafeBuffer m_safeErr;
};

}  // namespace lanyard::cli
