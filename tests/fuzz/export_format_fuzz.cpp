// Fuzzes the CSV export writer by round trip: rows of arbitrary text, integers and instants are
// written with CsvWriter and read back with CsvReader, which must give every text cell back as
// written (invalid UTF-8 replaced, a formula guarded by its apostrophe) and every other cell in
// its documented form.
//
// Input: one byte of format flags, 8 bytes of an instant, 8 of an integer, then text cells
// separated by NUL bytes, three to a row.

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "domain/csv_reader.h"
#include "domain/event_time.h"
#include "export/export_format.h"
#include "fuzz_check.h"

namespace domain = lanyard::server::domain;
namespace exports = lanyard::server::exports;

namespace {

constexpr std::array<domain::ExportColumn, 5> kColumns = {{{"first"}, {"second"}, {"third"}, {"count"}, {"at"}}};

template <typename T>
T take(std::string_view& input) {
  T value{};
  if (input.size() < sizeof value) {
    input = {};
    return value;
  }
  std::memcpy(&value, input.data(), sizeof value);
  input.remove_prefix(sizeof value);
  return value;
}

std::vector<std::string_view> splitAtNul(std::string_view input) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t nul = input.find('\0', start);
    parts.push_back(input.substr(start, nul == std::string_view::npos ? std::string_view::npos : nul - start));
    if (nul == std::string_view::npos) return parts;
    start = nul + 1;
  }
}

std::string expectedText(std::string_view cell) {
  std::string scratch;
  const std::string_view valid = exports::toValidUtf8(cell, scratch);
  return std::string(exports::looksLikeFormula(valid) ? "'" : "") + std::string(valid);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const domain::EventTimeZone zone = *domain::EventTimeZone::create("Europe/Prague");
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto flags = take<std::uint8_t>(input);
  const auto instant = take<std::int64_t>(input);
  const auto integer = take<std::int64_t>(input);
  const exports::CsvFormat format{.delimiter = (flags & 1) != 0 ? ';' : ',', .byteOrderMark = (flags & 2) != 0};
  const std::vector<std::string_view> cells = splitAtNul(input);

  std::string file;
  exports::CsvWriter writer(
      kColumns, format, zone,
      [&file](std::string_view bytes) {
        file.append(bytes);
        return absl::OkStatus();
      },
      /*chunkBytes=*/64);
  const std::size_t rows = cells.size() / 3;
  for (std::size_t row = 0; row < rows; ++row) {
    for (std::size_t column = 0; column < 3; ++column) writer.text(cells[row * 3 + column]);
    writer.integer(integer);
    writer.dateTime(row % 2 == 0 ? std::optional<domain::TimeUs>(instant) : std::nullopt);
    FUZZ_CHECK(writer.endRow().ok());
  }
  FUZZ_CHECK(writer.finish().ok());

  absl::StatusOr<domain::CsvReader> reader = domain::CsvReader::open(file, {.maxFieldBytes = file.size()});
  FUZZ_CHECK(reader.ok());
  FUZZ_CHECK(reader->delimiter() == format.delimiter);
  FUZZ_CHECK(reader->header().size() == kColumns.size());
  domain::CsvRecord record;
  std::string dateTime;
  for (std::size_t row = 0; row < rows; ++row) {
    const absl::StatusOr<bool> more = reader->next(record);
    FUZZ_CHECK(more.ok() && *more);
    FUZZ_CHECK(record.size() == kColumns.size());
    for (std::size_t column = 0; column < 3; ++column) {
      FUZZ_CHECK(record.field(column) == expectedText(cells[row * 3 + column]));
    }
    const std::string_view count = record.field(3);
    std::int64_t readInteger = 0;
    const auto parsed = std::from_chars(count.data(), count.data() + count.size(), readInteger);
    FUZZ_CHECK(parsed.ec == std::errc() && parsed.ptr == count.data() + count.size() && readInteger == integer);
    if (row % 2 == 0) {
      FUZZ_CHECK(!record.field(4).empty());
      if (row == 0) dateTime = std::string(record.field(4));
      FUZZ_CHECK(record.field(4) == dateTime);
    } else {
      FUZZ_CHECK(record.field(4).empty());
    }
  }
  const absl::StatusOr<bool> more = reader->next(record);
  FUZZ_CHECK(more.ok() && !*more);
  return 0;
}
