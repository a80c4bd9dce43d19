#include "export/export_format.h"

#include <fcntl.h>
#include <unicode/uchar.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <system_error>
#include <utility>

#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::exports {

using domain::EventTimeZone;
using domain::ExportColumn;
using domain::isValidUtf8;
using domain::TimeUs;
using domain::utf8CodePoint;
using domain::utf8SequenceLength;

namespace {

constexpr TimeUs kUsPerSecond = 1'000'000;
constexpr TimeUs kUsPerDay = 86'400 * kUsPerSecond;
constexpr char kReplacementCharacter[] = "\xEF\xBF\xBD";  // U+FFFD in UTF-8.
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kDateTimeNumberFormat = "yyyy-mm-dd hh:mm:ss";
// Excel's limits: characters in a cell, rows in a sheet.
constexpr std::size_t kMaxXlsxCellBytes = 32'767;
constexpr std::uint32_t kMaxXlsxRows = LXW_ROW_MAX;

TimeUs floorDiv(TimeUs value, TimeUs divisor) {
  TimeUs quotient = value / divisor;
  if (value % divisor != 0 && (value < 0) != (divisor < 0)) --quotient;
  return quotient;
}

// Local wall time for a local instant (UTC plus offset). The civil date follows Howard
// Hinnant's civil_from_days.
LocalDateTime fromLocalInstant(TimeUs local) {
  std::int64_t days = floorDiv(local, kUsPerDay);
  const std::int64_t secondOfDay = (local - days * kUsPerDay) / kUsPerSecond;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t dayOfEra = days - era * 146097;
  const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const std::int64_t monthIndex = (5 * dayOfYear + 2) / 153;
  LocalDateTime out;
  out.day = static_cast<int>(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
  out.month = static_cast<int>(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
  out.year = yearOfEra + era * 400 + (out.month <= 2 ? 1 : 0);
  out.hour = static_cast<int>(secondOfDay / 3600);
  out.minute = static_cast<int>(secondOfDay % 3600 / 60);
  out.second = static_cast<int>(secondOfDay % 60);
  return out;
}

void appendTwoDigits(std::string& out, int value) {
  out.push_back(static_cast<char>('0' + value / 10));
  out.push_back(static_cast<char>('0' + value % 10));
}

// "YYYY-MM-DD HH:MM:SS".
void appendLocal(std::string& out, const LocalDateTime& t) {
  if (t.year >= 0 && t.year <= 9999) {
    appendTwoDigits(out, static_cast<int>(t.year / 100));
    appendTwoDigits(out, static_cast<int>(t.year % 100));
  } else {
    out.append(std::to_string(t.year));
  }
  out.push_back('-');
  appendTwoDigits(out, t.month);
  out.push_back('-');
  appendTwoDigits(out, t.day);
  out.push_back(' ');
  appendTwoDigits(out, t.hour);
  out.push_back(':');
  appendTwoDigits(out, t.minute);
  out.push_back(':');
  appendTwoDigits(out, t.second);
}

// A status for a failed system call on a file.
absl::Status fileError(int error, std::string_view what) {
  const std::string message = strCat(what, ": ", std::generic_category().message(error));
  switch (error) {
    case ENOSPC:
    case EDQUOT:
    case ENOMEM:
    case EMFILE:
    case ENFILE:
      return absl::ResourceExhaustedError(message);
    case EACCES:
    case EPERM:
    case ENOENT:
    case ENOTDIR:
    case EROFS:
      return absl::FailedPreconditionError(message);
    default:
      return absl::InternalError(message);
  }
}

// A status for a libxlsxwriter error; `savedErrno` is errno right after the failed call, which
// tells a full disk from other file errors.
absl::Status xlsxError(lxw_error error, int savedErrno, std::string_view what) {
  const std::string message = strCat(what, ": ", lxw_strerror(error));
  switch (error) {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
      return absl::ResourceExhaustedError(message);
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
      if (savedErrno == ENOSPC || savedErrno == EDQUOT) return absl::ResourceExhaustedError(message);
      return absl::InternalError(message);
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
      return absl::ResourceExhaustedError(message);
    default:
      return absl::InternalError(message);
  }
}

}  // namespace

LocalClock::LocalClock(EventTimeZone zone) : m_zone(std::move(zone)) {
  m_days.fill({std::numeric_limits<std::int64_t>::min(), 0});
}

TimeUs LocalClock::offsetAt(TimeUs instant) {
  const std::int64_t day = floorDiv(instant, kUsPerDay);
  CachedDay& slot = m_days[static_cast<std::size_t>(day) % m_days.size()];
  if (slot.day == day) return slot.offsetUs;
  const TimeUs start = day * kUsPerDay;
  const TimeUs offset = m_zone.utcOffsetUs(start);
  if (m_zone.utcOffsetUs(start + kUsPerDay - 1) != offset) return m_zone.utcOffsetUs(instant);
  slot = {day, offset};
  return offset;
}

LocalDateTime LocalClock::toLocal(TimeUs instant) {
  // A client clock can send anything; about 10,000 years either side of 1970 keeps the arithmetic
  // from overflowing (and is shown as the garbage it is).
  constexpr TimeUs kMaxInstantUs = 10'000LL * 366 * kUsPerDay;
  instant = std::clamp(instant, -kMaxInstantUs, kMaxInstantUs);
  return fromLocalInstant(instant + offsetAt(instant));
}

bool looksLikeFormula(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8SequenceLength(text.substr(i));
    if (length == 0) return false;
    const char32_t c = utf8CodePoint(text.substr(i), length);
    i += length;
    switch (c) {
      case U'=':
      case U'+':
      case U'-':
      case U'@':
      case U'\t':
      case U'\r':
      case U'\uFF1D':  // Fullwidth forms, which spreadsheets read as the ASCII ones.
      case U'\uFF0B':
      case U'\uFF0D':
      case U'\uFF20':
        return true;
      default:
        break;
    }
    const auto point = static_cast<UChar32>(c);
    if (!u_isUWhiteSpace(point) && u_charType(point) != U_FORMAT_CHAR) return false;
  }
  return false;
}

std::string_view toValidUtf8(std::string_view text, std::string& scratch) {
  if (isValidUtf8(text)) return text;
  scratch.clear();
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8SequenceLength(text.substr(i));
    if (length == 0) {
      scratch.append(kReplacementCharacter);
      ++i;
    } else {
      scratch.append(text.substr(i, length));
      i += length;
    }
  }
  return scratch;
}

// --- CSV -----------------------------------------------------------------------------------------

CsvWriter::CsvWriter(std::span<const ExportColumn> columns, CsvFormat format, EventTimeZone timeZone, ByteSink sink,
                     std::size_t chunkBytes)
    : m_columnCount(columns.size()),
      m_format(format),
      m_clock(std::move(timeZone)),
      m_sink(std::move(sink)),
      m_chunkBytes(chunkBytes) {
  assert(m_format.delimiter == ',' || m_format.delimiter == ';');
  assert(m_chunkBytes > 0);
  m_buffer.reserve(m_chunkBytes + 4096);
  if (m_format.byteOrderMark) m_buffer.append(kByteOrderMark);
  for (const ExportColumn& column : columns) appendField(column.name, /*guardFormula=*/false);
  m_buffer.append("\r\n");
  m_cellsInRow = 0;
}

void CsvWriter::beginField() {
  assert(m_cellsInRow < m_columnCount);
  if (m_cellsInRow++ != 0) m_buffer.push_back(m_format.delimiter);
}

void CsvWriter::appendField(std::string_view value, bool guardFormula) {
  beginField();
  value = toValidUtf8(value, m_scratch);
  const char delimiter = m_format.delimiter;
  bool quoted = false;
  for (const char c : value) {
    if (c == delimiter || c == '"' || c == '\r' || c == '\n') {
      quoted = true;
      break;
    }
  }
  if (quoted) m_buffer.push_back('"');
  if (guardFormula && looksLikeFormula(value)) m_buffer.push_back('\'');
  if (!quoted) {
    m_buffer.append(value);
    return;
  }
  for (std::size_t start = 0;;) {
    const std::size_t quote = value.find('"', start);
    if (quote == std::string_view::npos) {
      m_buffer.append(value.substr(start));
      break;
    }
    m_buffer.append(value.substr(start, quote + 1 - start));
    m_buffer.push_back('"');
    start = quote + 1;
  }
  m_buffer.push_back('"');
}

void CsvWriter::text(std::string_view value) { appendField(value, /*guardFormula=*/true); }

void CsvWriter::integer(std::int64_t value) {
  beginField();
  char digits[24];
  const auto [end, error] = std::to_chars(std::begin(digits), std::end(digits), value);
  m_buffer.append(digits, end);
}

void CsvWriter::dateTime(std::optional<TimeUs> instant) {
  beginField();
  if (instant.has_value()) appendLocal(m_buffer, m_clock.toLocal(*instant));
}

absl::Status CsvWriter::endRow() {
  assert(m_cellsInRow == m_columnCount);
  m_cellsInRow = 0;
  m_buffer.append("\r\n");
  ++m_rows;
  return m_buffer.size() >= m_chunkBytes ? flush(/*all=*/false) : m_status;
}

absl::Status CsvWriter::finish() {
  assert(m_cellsInRow == 0);
  return flush(/*all=*/true);
}

absl::Status CsvWriter::flush(bool all) {
  if (!m_status.ok()) return m_status;
  std::size_t sent = 0;
  while (m_buffer.size() - sent >= m_chunkBytes || (all && sent < m_buffer.size())) {
    const std::size_t size = std::min(m_chunkBytes, m_buffer.size() - sent);
    m_status = m_sink(std::string_view(m_buffer).substr(sent, size));
    if (!m_status.ok()) return m_status;
    sent += size;
  }
  m_buffer.erase(0, sent);
  return m_status;
}

// --- XLSX ----------------------------------------------------------------------------------------

// The libxlsxwriter objects and the temporary file they are assembled in.
struct XlsxWriter::Workbook {
  std::string tempDir;  // Must outlive `book`: libxlsxwriter keeps the pointer.
  std::string path;
  int fd = -1;  // Kept open so the finished file can be read after its name is removed.
  lxw_workbook* book = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* headerFormat = nullptr;
  lxw_format* dateTimeFormat = nullptr;

  Workbook() = default;
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  ~Workbook() {
    if (book != nullptr) {
      // An abandoned workbook: libxlsxwriter's free does not close the constant_memory row
      // file (an unlinked temporary file), so close it here or its disk space stays in use.
      if (sheet != nullptr && sheet->optimize_tmpfile != nullptr) {
        std::fclose(sheet->optimize_tmpfile);
        sheet->optimize_tmpfile = nullptr;
      }
      lxw_workbook_free(book);
    }
    removeFile();
  }

  void removeFile() {
    if (fd >= 0) ::close(fd);
    fd = -1;
    if (!path.empty()) ::unlink(path.c_str());
    path.clear();
  }
};

absl::StatusOr<std::unique_ptr<XlsxWriter>> XlsxWriter::create(std::span<const ExportColumn> columns,
                                                               const XlsxOptions& options, EventTimeZone timeZone,
                                                               ByteSink sink) {
  assert(!columns.empty() && columns.size() <= LXW_COL_MAX);
  assert(options.chunkBytes > 0);
  auto workbook = std::make_unique<Workbook>();
  if (!options.tempDir.empty()) {
    workbook->tempDir = options.tempDir;
  } else {
    std::error_code error;
    workbook->tempDir = std::filesystem::temp_directory_path(error).string();
    if (error) workbook->tempDir = "/tmp";
  }
  std::string path = workbook->tempDir + "/lanyard-export-XXXXXX.xlsx";
  const int fd = ::mkstemps(path.data(), 5);
  if (fd < 0) return fileError(errno, strCat("creating a temporary XLSX file in ", workbook->tempDir));
  workbook->fd = fd;
  workbook->path = std::move(path);

  lxw_workbook_options lxwOptions{};
  lxwOptions.constant_memory = LXW_TRUE;
  lxwOptions.tmpdir = workbook->tempDir.data();
  lxwOptions.use_zip64 = LXW_FALSE;
  workbook->book = workbook_new_opt(workbook->path.c_str(), &lxwOptions);
  if (workbook->book == nullptr) return absl::ResourceExhaustedError("creating an XLSX workbook: out of memory");
  workbook->sheet = workbook_add_worksheet(workbook->book, options.sheetName.c_str());
  if (workbook->sheet == nullptr) {
    return absl::InvalidArgumentError(strCat("\"", options.sheetName, "\" cannot name an XLSX sheet"));
  }
  workbook->headerFormat = workbook_add_format(workbook->book);
  format_set_bold(workbook->headerFormat);
  workbook->dateTimeFormat = workbook_add_format(workbook->book);
  format_set_num_format(workbook->dateTimeFormat, std::string(kDateTimeNumberFormat).c_str());

  lxw_worksheet* sheet = workbook->sheet;
  worksheet_freeze_panes(sheet, 1, 0);
  std::string name;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto column = static_cast<lxw_col_t>(i);
    worksheet_set_column(sheet, column, column, columns[i].width, nullptr);
    name.assign(columns[i].name);
    if (const lxw_error error = worksheet_write_string(sheet, 0, column, name.c_str(), workbook->headerFormat);
        error != LXW_NO_ERROR) {
      return xlsxError(error, errno, "writing the XLSX header");
    }
  }
  const std::size_t chunkBytes = options.chunkBytes;
  return std::unique_ptr<XlsxWriter>(
      new XlsxWriter(std::move(workbook), columns.size(), std::move(timeZone), std::move(sink), chunkBytes));
}

XlsxWriter::XlsxWriter(std::unique_ptr<Workbook> workbook, std::size_t columnCount, EventTimeZone timeZone,
                       ByteSink sink, std::size_t chunkBytes)
    : m_workbook(std::move(workbook)),
      m_columnCount(columnCount),
      m_clock(std::move(timeZone)),
      m_sink(std::move(sink)),
      m_chunkBytes(chunkBytes) {}

XlsxWriter::~XlsxWriter() = default;

void XlsxWriter::fail(int error, std::string_view what) {
  if (m_status.ok()) m_status = xlsxError(static_cast<lxw_error>(error), errno, what);
}

void XlsxWriter::text(std::string_view value) {
  assert(m_column < m_columnCount);
  const lxw_col_t column = m_column++;
  if (!m_status.ok() || m_row >= kMaxXlsxRows) return;
  value = toValidUtf8(value, m_scratch);
  if (value.empty()) return;
  if (value.size() > kMaxXlsxCellBytes) {
    // Cut on a code point boundary: bytes 10xxxxxx continue a code point.
    std::size_t size = kMaxXlsxCellBytes;
    while (size > 0 && (static_cast<unsigned char>(value[size]) & 0xC0) == 0x80) --size;
    value = value.substr(0, size);
  }
  // libxlsxwriter takes C strings: a NUL (valid UTF-8, not valid XML) would end the text early.
  m_cString.assign(value);
  for (char& c : m_cString) {
    if (c == '\0') c = '?';
  }
  if (const lxw_error error = worksheet_write_string(m_workbook->sheet, m_row, column, m_cString.c_str(), nullptr);
      error != LXW_NO_ERROR) {
    fail(error, "writing an XLSX cell");
  }
}

void XlsxWriter::integer(std::int64_t value) {
  assert(m_column < m_columnCount);
  const lxw_col_t column = m_column++;
  if (!m_status.ok() || m_row >= kMaxXlsxRows) return;
  if (const lxw_error error =
          worksheet_write_number(m_workbook->sheet, m_row, column, static_cast<double>(value), nullptr);
      error != LXW_NO_ERROR) {
    fail(error, "writing an XLSX cell");
  }
}

void XlsxWriter::dateTime(std::optional<TimeUs> instant) {
  assert(m_column < m_columnCount);
  const lxw_col_t column = m_column++;
  if (!m_status.ok() || m_row >= kMaxXlsxRows || !instant.has_value()) return;
  const LocalDateTime local = m_clock.toLocal(*instant);
  lxw_error error = LXW_NO_ERROR;
  if (local.year >= 1900 && local.year <= 9999) {
    lxw_datetime value{static_cast<int>(local.year),     local.month, local.day, local.hour, local.minute,
                       static_cast<double>(local.second)};
    error = worksheet_write_datetime(m_workbook->sheet, m_row, column, &value, m_workbook->dateTimeFormat);
  } else {
    // Excel has no date-time outside 1900-9999 (a client clock far off): keep it as text.
    m_cString.clear();
    appendLocal(m_cString, local);
    error = worksheet_write_string(m_workbook->sheet, m_row, column, m_cString.c_str(), nullptr);
  }
  if (error != LXW_NO_ERROR) fail(error, "writing an XLSX cell");
}

absl::Status XlsxWriter::endRow() {
  assert(m_column == m_columnCount);
  m_column = 0;
  if (!m_status.ok()) return m_status;
  if (m_row >= kMaxXlsxRows) {
    m_status = absl::ResourceExhaustedError(
        strCat("an XLSX sheet holds at most ", kMaxXlsxRows - 1, " rows after its header: export CSV instead"));
    return m_status;
  }
  ++m_row;
  ++m_rows;
  return m_status;
}

absl::Status XlsxWriter::finish() {
  assert(m_column == 0);
  if (!m_status.ok()) return m_status;
  Workbook& workbook = *m_workbook;
  if (workbook.book == nullptr) return absl::FailedPreconditionError("the XLSX file was already finished");
  const auto lastColumn = static_cast<lxw_col_t>(m_columnCount - 1);
  if (const lxw_error error = worksheet_autofilter(workbook.sheet, 0, 0, m_row - 1, lastColumn);
      error != LXW_NO_ERROR) {
    m_status = xlsxError(error, errno, "adding the XLSX autofilter");
    return m_status;
  }
  errno = 0;
  const lxw_error closed = workbook_close(workbook.book);  // Frees the workbook whatever the result.
  const int closeErrno = errno;
  workbook.book = nullptr;
  workbook.sheet = nullptr;
  if (closed != LXW_NO_ERROR) {
    m_status = xlsxError(closed, closeErrno, "writing the XLSX file");
    return m_status;
  }
  // Read the file back through the descriptor kept open, so its name can go at once.
  const int fd = std::exchange(workbook.fd, -1);
  workbook.removeFile();
  if (::lseek(fd, 0, SEEK_SET) != 0) {
    m_status = fileError(errno, "reading the XLSX file");
    ::close(fd);
    return m_status;
  }
  std::string chunk(m_chunkBytes, '\0');
  while (m_status.ok()) {
    const ssize_t got = ::read(fd, chunk.data(), chunk.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      m_status = fileError(errno, "reading the XLSX file");
    } else if (got == 0) {
      break;
    } else {
      m_status = m_sink(std::string_view(chunk.data(), static_cast<std::size_t>(got)));
    }
  }
  ::close(fd);
  return m_status;
}

}  // namespace lanyard::server::exports
