#include "domain/csv_reader.h"

#include <utility>

#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::domain {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool isLineBreak(char c) { return c == '\n' || c == '\r'; }

// The delimiter of the first non-empty line of `bytes`: ';' if it occurs more often than ','
// outside quotes, else ','.
char detectDelimiter(std::string_view bytes) {
  std::size_t pos = 0;
  while (pos < bytes.size() && isLineBreak(bytes[pos])) {
    ++pos;
  }
  std::size_t commas = 0;
  std::size_t semicolons = 0;
  bool quoted = false;
  for (; pos < bytes.size(); ++pos) {
    const char c = bytes[pos];
    if (c == '"') {
      quoted = !quoted;  // A doubled quote toggles twice, which is right.
    } else if (!quoted) {
      if (isLineBreak(c)) {
        break;
      }
      if (c == ',') {
        ++commas;
      } else if (c == ';') {
        ++semicolons;
      }
    }
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace

CsvReader::CsvReader(std::string_view bytes, CsvOptions options, char delimiter)
    : m_bytes(bytes), m_options(options), m_delimiter(delimiter) {}

absl::StatusOr<CsvReader> CsvReader::open(std::string_view bytes, CsvOptions options) {
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    return absl::InvalidArgumentError("line 1: the file is UTF-16 text; save it as \"CSV UTF-8\" instead");
  }
  if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    bytes.remove_prefix(kUtf8Bom.size());
  }
  CsvReader reader(bytes, options, detectDelimiter(bytes));
  CsvRecord header;
  absl::StatusOr<bool> read = reader.readRecord(header, 0, true);
  if (!read.ok()) {
    return read.status();
  }
  if (!*read) {
    return absl::InvalidArgumentError("the file is empty: no header line");
  }
  reader.m_headerLine = header.line();
  reader.m_header.assign(header.fields().begin(), header.fields().end());
  return reader;
}

absl::StatusOr<bool> CsvReader::next(CsvRecord& out) {
  return readRecord(out, m_header.size(), m_options.validateUtf8);
}

absl::Status CsvReader::fail(std::int32_t line, std::size_t column, std::string_view what) {
  m_pos = m_bytes.size();
  if (m_options.nameColumnsByHeader && column >= 1 && column <= m_header.size()) {
    if (const std::string_view name = trimAscii(m_header[column - 1]); !name.empty()) {
      return absl::InvalidArgumentError(strCat("line ", line, ", column \"", name, "\": ", what));
    }
  }
  return absl::InvalidArgumentError(strCat("line ", line, ", column ", column, ": ", what));
}

absl::StatusOr<bool> CsvReader::readRecord(CsvRecord& out, std::size_t maxFields, bool validateUtf8) {
  const std::string_view bytes = m_bytes;
  const std::size_t size = bytes.size();
  const auto consumeLineBreak = [&] {
    if (bytes[m_pos] == '\r' && m_pos + 1 < size && bytes[m_pos + 1] == '\n') {
      ++m_pos;
    }
    ++m_pos;
    ++m_line;
  };

  while (m_pos < size && isLineBreak(bytes[m_pos])) {
    consumeLineBreak();
  }
  if (m_pos >= size) {
    return false;
  }

  out.m_line = m_line;
  out.m_fields.clear();
  out.m_spans.clear();
  out.m_fieldLines.clear();
  out.m_unquoted.clear();

  for (;;) {
    const std::size_t column = out.m_spans.size() + 1;
    if (maxFields != 0 && column > maxFields) {
      return fail(m_line, column, strCat("the record has more fields than the header's ", maxFields));
    }
    if (column > m_options.maxColumns) {
      return fail(m_line, column, strCat("more than ", m_options.maxColumns, " columns, the most a file may have"));
    }
    const std::int32_t fieldLine = m_line;
    CsvRecord::Span span;
    if (m_pos < size && bytes[m_pos] == '"') {
      ++m_pos;
      std::size_t start = m_pos;
      bool copying = false;
      std::size_t scratchStart = 0;
      for (;;) {
        if (m_pos >= size) {
          return fail(fieldLine, column, "unterminated quoted field");
        }
        const char c = bytes[m_pos];
        if (c == '"') {
          if (m_pos + 1 < size && bytes[m_pos + 1] == '"') {
            if (!copying) {
              copying = true;
              scratchStart = out.m_unquoted.size();
            }
            out.m_unquoted.append(bytes.substr(start, m_pos + 1 - start));
            m_pos += 2;
            start = m_pos;
            continue;
          }
          if (copying) {
            out.m_unquoted.append(bytes.substr(start, m_pos - start));
            span = {true, scratchStart, out.m_unquoted.size() - scratchStart};
          } else {
            span = {false, start, m_pos - start};
          }
          ++m_pos;
          break;
        }
        if (c == '\n' || (c == '\r' && !(m_pos + 1 < size && bytes[m_pos + 1] == '\n'))) {
          ++m_line;
        }
        ++m_pos;
      }
      if (m_pos < size && bytes[m_pos] != m_delimiter && !isLineBreak(bytes[m_pos])) {
        return fail(m_line, column, "unexpected character after the closing quote");
      }
    } else {
      const std::size_t start = m_pos;
      while (m_pos < size) {
        const char c = bytes[m_pos];
        if (c == m_delimiter || isLineBreak(c)) {
          break;
        }
        if (c == '"') {
          return fail(m_line, column,
                      "quote inside an unquoted field (quote the whole field and double the "
                      "quotes inside it)");
        }
        ++m_pos;
      }
      span = {false, start, m_pos - start};
    }
    if (span.length > m_options.maxFieldBytes) {
      return fail(fieldLine, column, strCat("field is longer than the limit of ", m_options.maxFieldBytes, " bytes"));
    }
    out.m_spans.push_back(span);
    out.m_fieldLines.push_back(fieldLine);
    if (m_pos < size && bytes[m_pos] == m_delimiter) {
      ++m_pos;
      continue;
    }
    if (m_pos < size) {
      consumeLineBreak();
    }
    break;
  }

  for (const CsvRecord::Span& span : out.m_spans) {
    const std::string_view source = span.inScratch ? std::string_view(out.m_unquoted) : bytes;
    out.m_fields.push_back(source.substr(span.offset, span.length));
  }
  if (validateUtf8) {
    for (std::size_t i = 0; i < out.m_fields.size(); ++i) {
      if (!isValidUtf8(out.m_fields[i])) {
        return fail(out.m_fieldLines[i], i + 1, "invalid UTF-8");
      }
    }
  }
  return true;
}

}  // namespace lanyard::server::domain
