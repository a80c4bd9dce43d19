// Fuzzes CsvReader: any bytes either read as records within the header's width and the limits,
// or fail with INVALID_ARGUMENT; never a crash, a read outside the input or unbounded memory.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/csv_reader.h"
#include "fuzz_check.h"

namespace {

using lanyard::server::domain::CsvOptions;
using lanyard::server::domain::CsvReader;
using lanyard::server::domain::CsvRecord;

void readAll(std::string_view bytes, const CsvOptions& options) {
  absl::StatusOr<CsvReader> reader = CsvReader::open(bytes, options);
  if (!reader.ok()) {
    FUZZ_CHECK(reader.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  FUZZ_CHECK(reader->delimiter() == ',' || reader->delimiter() == ';');
  FUZZ_CHECK(!reader->header().empty() && reader->header().size() <= options.maxColumns);
  CsvRecord record;
  std::int32_t lastLine = reader->headerLine();
  while (true) {
    const absl::StatusOr<bool> more = reader->next(record);
    if (!more.ok()) {
      FUZZ_CHECK(more.status().code() == absl::StatusCode::kInvalidArgument);
      FUZZ_CHECK(!*reader->next(record));  // Positioned at the end after an error.
      return;
    }
    if (!*more) return;
    FUZZ_CHECK(record.line() > lastLine);
    lastLine = record.line();
    FUZZ_CHECK(record.size() <= reader->header().size());
    for (const std::string_view field : record.fields()) FUZZ_CHECK(field.size() <= options.maxFieldBytes);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  readAll(bytes, CsvOptions{});
  // Tight limits and the other error wording, so that inputs of fuzzing size reach them.
  readAll(bytes, CsvOptions{.validateUtf8 = false, .maxFieldBytes = 16, .maxColumns = 4, .nameColumnsByHeader = true});
  return 0;
}
