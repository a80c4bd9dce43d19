#pragma once

// The domain's port for writing a table: what an export says (its columns, then cells row by row),
// not how a file is made of it. The export layer (export/export_format.h) implements it for CSV
// and XLSX files.

#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "domain/delegate.h"

namespace lanyard::server::domain {

// One column of an export: its header text and its width in an XLSX sheet.
struct ExportColumn {
  std::string_view name;
  double width = 16;  // Characters; XLSX only.
};

// Writes a table row by row: exactly one cell call per column, left to right, then endRow().
// Not thread-safe. The cell calls cannot fail; a failure is reported by the next endRow() or
// finish().
class TableWriter {
 public:
  virtual ~TableWriter() = default;

  virtual void text(std::string_view value) = 0;
  virtual void integer(std::int64_t value) = 0;
  // An instant shown in the event's local time; nullopt leaves the cell empty.
  virtual void dateTime(std::optional<TimeUs> instant) = 0;
  virtual absl::Status endRow() = 0;
  // Completes the table and writes out what is left of it. Call once, after the last row.
  virtual absl::Status finish() = 0;

  // Data rows ended so far, the header excluded.
  std::int64_t rows() const { return m_rows; }

 protected:
  std::int64_t m_rows = 0;
};

}  // namespace lanyard::server::domain
