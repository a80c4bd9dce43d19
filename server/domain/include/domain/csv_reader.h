#pragma once

// An RFC 4180 CSV reader over bytes already in memory, as exported by Excel, LibreOffice, pretix
// and Indico.
//
// Accepted input: an optional UTF-8 byte order mark; ',' or ';' as the delimiter, chosen from the
// header line (whichever occurs more often outside quotes; a tie or neither means ','); records
// ended by CRLF, LF or a lone CR; fields quoted with '"' where a doubled quote stands for one
// quote and line breaks are kept as they are. Completely empty lines are skipped. A record may
// have fewer fields than the header (the missing ones are absent, not empty strings) but not more.
//
// Positions in errors and records: "line" is the 1-based physical line of the input (a quoted
// field with line breaks makes a record span several lines), "column" the 1-based field number.
// Every error is INVALID_ARGUMENT with a message such as
// `line 7, column 3: unterminated quoted field`.
//
// Cost: one pass over the input. Fields without doubled quotes are views into the input;
// a record's storage is reused from call to call, so reading allocates only while records grow.

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace lanyard::server::domain {

inline constexpr std::size_t kDefaultMaxCsvFieldBytes = 64 * 1024;
inline constexpr std::size_t kDefaultMaxCsvColumns = 1000;

// How strict a CsvReader is with the records after the header.
struct CsvOptions {
  // Reject fields that are not well-formed UTF-8. The header is always checked. A caller that
  // checks only the fields it uses (and names them better) turns this off.
  bool validateUtf8 = true;
  // Longer fields are an error rather than an unbounded allocation.
  std::size_t maxFieldBytes = kDefaultMaxCsvFieldBytes;
  // A header with more columns is an error: it bounds the memory and the messages of one file.
  std::size_t maxColumns = kDefaultMaxCsvColumns;
  // Errors in records after the header name a column by its trimmed header text, as in
  // `line 7, column "notes": unterminated quoted field`, where the header has a non-empty name
  // for it; otherwise, and always by default, by its number.
  bool nameColumnsByHeader = false;
};

// One record of a CSV file: its fields and where it starts. Reused across CsvReader::next() calls.
class CsvRecord {
 public:
  // 1-based physical line on which the record starts.
  std::int32_t line() const { return m_line; }
  std::size_t size() const { return m_fields.size(); }
  // Field `index` (0-based, < size()), unquoted. Views stay valid until the next call to
  // CsvReader::next() with this record, and only as long as the reader's input bytes live.
  std::string_view field(std::size_t index) const {
    assert(index < m_fields.size());
    return m_fields[index];
  }
  const std::vector<std::string_view>& fields() const { return m_fields; }

 private:
  friend class CsvReader;

  // Where a field's text lives until the record is complete: in the input, or in m_unquoted when
  // doubled quotes had to be collapsed (that buffer may move while the record is read).
  struct Span {
    bool inScratch = false;
    std::size_t offset = 0;
    std::size_t length = 0;
  };

  std::int32_t m_line = 0;
  std::vector<std::string_view> m_fields;
  std::vector<Span> m_spans;
  std::vector<std::int32_t> m_fieldLines;
  std::string m_unquoted;
};

// Reads the records of one CSV file after its header. Not thread-safe; cheap to move. Does not own
// the input: the bytes given to open() must outlive the reader and the records it fills.
class CsvReader {
 public:
  // Strips a UTF-8 BOM, detects the delimiter and reads the header (the first non-empty line).
  // Fails if the input is empty, looks like UTF-16, or the header is malformed, not UTF-8 or has
  // more than options.maxColumns columns.
  static absl::StatusOr<CsvReader> open(std::string_view bytes, CsvOptions options = {});

  char delimiter() const { return m_delimiter; }
  // The header's fields, unquoted but not trimmed.
  const std::vector<std::string>& header() const { return m_header; }
  std::int32_t headerLine() const { return m_headerLine; }

  // Reads the next record into `out`. Returns true if it did, false at the end of input, or an
  // error; after an error the reader is positioned at the end and further calls return false.
  absl::StatusOr<bool> next(CsvRecord& out);

 private:
  CsvReader(std::string_view bytes, CsvOptions options, char delimiter);

  // Reads one record; `maxFields` of 0 means no limit.
  absl::StatusOr<bool> readRecord(CsvRecord& out, std::size_t maxFields, bool validateUtf8);
  absl::Status fail(std::int32_t line, std::size_t column, std::string_view what);

  std::string_view m_bytes;
  CsvOptions m_options;
  char m_delimiter = ',';
  std::size_t m_pos = 0;
  std::int32_t m_line = 1;
  std::int32_t m_headerLine = 0;
  std::vector<std::string> m_header;
};

}  // namespace lanyard::server::domain
