#pragma once

// Streaming table writers for exports: CSV (RFC 4180) and XLSX (through libxlsxwriter), the files
// behind the domain's TableWriter. Both take a fixed list of columns, then cells row by row, and
// hand the file's bytes to a ByteSink in pieces of at most `chunkBytes`, so a file of any size
// never sits in memory.
//
// CSV, as written here:
// - UTF-8 (invalid byte sequences, which only scanner input can carry, become U+FFFD), with an
//   optional byte order mark; ',' or ';' between fields; every record, the header included, ends
//   with CRLF.
// - A field is quoted when it contains the delimiter, a double quote, CR or LF; a double quote
//   inside is doubled. Line breaks inside a field are kept.
// - Formula neutralisation (OWASP "CSV injection"): a text cell whose first visible character
//   is '=', '+', '-', '@' or their fullwidth forms (U+FF1D, U+FF0B, U+FF0D, U+FF20), or that
//   begins with a tab or a carriage return, gets a leading apostrophe ('), so a spreadsheet shows
//   it as text instead of running it. Whitespace and invisible format characters (a BOM, bidi
//   controls) before it are looked through. The apostrophe is part of the data: a name "=cmd" reads back as
//   "'=cmd". Integer and date-time cells are never changed (they cannot hold such text).
// - Date-times are the event's local time, "YYYY-MM-DD HH:MM:SS"; an absent one is empty.
//
// XLSX, as written here: one sheet; a bold header row frozen in place; an autofilter over the
// header and every data row; text as inline strings (libxlsxwriter's constant_memory mode keeps
// no row in memory and no shared string table), never as formulas, so no neutralisation is
// needed; integers as numbers; date-times as real Excel date-times in the event's local time
// with the number format "yyyy-mm-dd hh:mm:ss". libxlsxwriter assembles the workbook in a
// temporary file, which finish() streams to the sink and then deletes.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/delegate.h"
#include "domain/event_time.h"
#include "domain/table_writer.h"

// `export` is a keyword, hence the plural.
namespace lanyard::server::exports {

// The largest piece of a file a writer hands to its sink at once.
inline constexpr std::size_t kExportChunkBytes = 64 * 1024;

// Receives the bytes of an export file, in order. A non-OK status (a disk full, a client gone)
// stops the writer, which returns that status from then on.
using ByteSink = std::function<absl::Status(std::string_view bytes)>;

// A wall-clock time in the event's zone, to the second.
struct LocalDateTime {
  std::int64_t year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// Converts instants to the event's local wall time (sub-second digits dropped, not rounded),
// remembering the UTC offset of the last few UTC days it met: ICU's offset lookup costs more
// than formatting the rest of a CSV row. A day is remembered only when its first and last
// microsecond have the same offset, i.e. when no DST change falls on it (a zone changes its
// offset at most once a day); on the days the clocks change every instant is looked up. Not
// thread-safe.
class LocalClock {
 public:
  explicit LocalClock(domain::EventTimeZone zone);
  LocalDateTime toLocal(domain::TimeUs instant);

 private:
  // One remembered UTC day.
  struct CachedDay {
    std::int64_t day;  // UTC days since the epoch.
    domain::TimeUs offsetUs;
  };
  domain::TimeUs offsetAt(domain::TimeUs instant);

  domain::EventTimeZone m_zone;
  std::array<CachedDay, 8> m_days;
};

// Whether `text` would get a leading apostrophe in a CSV file (see the top of this file).
bool looksLikeFormula(std::string_view text);

// `text` if it is valid UTF-8; otherwise a copy in `scratch` with each invalid byte replaced by
// U+FFFD, and a view of that copy.
std::string_view toValidUtf8(std::string_view text, std::string& scratch);

// How a CSV file is laid out.
struct CsvFormat {
  char delimiter = ',';  // ',' or ';'.
  bool byteOrderMark = false;
};

// Writes RFC 4180 CSV to a sink; see the top of this file for the exact format. Every CSV file
// Lanyard writes goes through it, for its one formula guard. Memory: one
// buffer of about `chunkBytes` plus the longest row.
class CsvWriter final : public domain::TableWriter {
 public:
  // Writes the BOM (if asked for) and the header line into the buffer; nothing reaches the sink
  // before `chunkBytes` have accumulated or finish() is called. `format.delimiter` must be ','
  // or ';'.
  CsvWriter(std::span<const domain::ExportColumn> columns, CsvFormat format, domain::EventTimeZone timeZone,
            ByteSink sink, std::size_t chunkBytes = kExportChunkBytes);

  void text(std::string_view value) override;
  void integer(std::int64_t value) override;
  void dateTime(std::optional<domain::TimeUs> instant) override;
  absl::Status endRow() override;
  absl::Status finish() override;

 private:
  void beginField();
  void appendField(std::string_view value, bool guardFormula);
  // Hands every complete chunk in the buffer to the sink; with `all`, the rest too.
  absl::Status flush(bool all);

  std::size_t m_columnCount;
  CsvFormat m_format;
  LocalClock m_clock;
  ByteSink m_sink;
  std::size_t m_chunkBytes;
  std::string m_buffer;
  std::string m_scratch;
  std::size_t m_cellsInRow = 0;
  absl::Status m_status;
};

// Where and how an XLSX file is assembled.
struct XlsxOptions {
  std::string sheetName = "Sheet1";  // At most 31 characters, none of []:*?/\ .
  std::string tempDir;               // Empty: the system's temporary directory.
  std::size_t chunkBytes = kExportChunkBytes;
};

// Writes an XLSX workbook through libxlsxwriter to a sink; see the top of this file. Memory: one
// row and one chunk. Disk: the temporary workbook, removed by finish() or the destructor.
class XlsxWriter final : public domain::TableWriter {
 public:
  // Creates the temporary workbook and writes the header row. RESOURCE_EXHAUSTED when the
  // temporary file cannot be created for lack of space, INVALID_ARGUMENT for a bad sheet name,
  // INTERNAL for other libxlsxwriter failures.
  static absl::StatusOr<std::unique_ptr<XlsxWriter>> create(std::span<const domain::ExportColumn> columns,
                                                            const XlsxOptions& options, domain::EventTimeZone timeZone,
                                                            ByteSink sink);
  ~XlsxWriter() override;
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  void text(std::string_view value) override;
  void integer(std::int64_t value) override;
  void dateTime(std::optional<domain::TimeUs> instant) override;
  // RESOURCE_EXHAUSTED past the sheet's 1,048,575 data rows.
  absl::Status endRow() override;
  // Closes the workbook, streams the file to the sink and deletes it.
  absl::Status finish() override;

 private:
  struct Workbook;
  XlsxWriter(std::unique_ptr<Workbook> workbook, std::size_t columnCount, domain::EventTimeZone timeZone, ByteSink sink,
             std::size_t chunkBytes);
  void fail(int error, std::string_view what);

  std::unique_ptr<Workbook> m_workbook;
  std::size_t m_columnCount;
  LocalClock m_clock;
  ByteSink m_sink;
  std::size_t m_chunkBytes;
  std::uint32_t m_row = 1;  // The sheet row being written; row 0 is the header.
  std::uint16_t m_column = 0;
  std::string m_scratch;
  std::string m_cString;
  absl::Status m_status;
};

}  // namespace lanyard::server::exports
