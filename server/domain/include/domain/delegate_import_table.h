#pragma once

// The machinery the delegate and session imports share (delegate_import.cpp,
// delegate_import_sessions.cpp): a file's header searchable by alias, its records read value by
// value with the checks every imported value gets, and duplicates across records. Internal to the
// import: delegate_import.h is its interface.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "domain/csv_reader.h"
#include "domain/delegate.h"
#include "domain/delegate_import.h"
#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::domain::import_table {

// Case-folds `name` (ICU full case folding for non-ASCII) and turns runs of spaces, '_', '-', ':',
// '.' and tabs into one '_': the form the alias tables are written in.
std::string normalizeHeader(std::string_view name);

// INVALID_ARGUMENT `line L, column "C": what`.
absl::Status cellError(std::int32_t line, std::string_view column, std::string_view what);

// The header of one file, searchable by alias.
class Columns {
 public:
  Columns(const std::vector<std::string>& header, std::int32_t headerLine);

  // Indices of the columns named by `aliases`, best first; for each alias only its first column.
  // Marks them as known (see unknownNames()).
  std::vector<std::size_t> find(std::span<const std::string_view> aliases) const;

  // The non-empty names of the columns no find() so far has asked for, in file order, as
  // DelegateImport::ignoredColumns lists them (bounded).
  std::vector<std::string> unknownNames() const;

  // An error for a known column named twice: which of the two is meant cannot be told.
  absl::Status repeatedKnownColumn() const;

  const std::string& name(std::size_t index) const { return m_names[index]; }

  // An error for a missing column, listing (some of) the columns found.
  absl::Status missing(std::string_view what) const;

 private:
  std::int32_t m_headerLine;
  std::vector<std::string> m_names;
  std::vector<std::string> m_normalized;
  mutable std::vector<bool> m_known;  // By column; what find() has been asked for.
};

// A trimmed value and the column it came from.
struct Cell {
  std::string_view text;
  std::size_t column = 0;
};

// One record, with values looked up by candidate columns and checked as they are read. The first
// failed check is kept (later reads then return empty cells), so a caller reads all the values it
// needs and looks at status() once.
class Row {
 public:
  Row(const CsvRecord& record, const Columns& columns) : m_record(record), m_columns(columns) {}

  std::int32_t line() const { return m_record.line(); }
  const absl::Status& status() const { return m_status; }

  bool isBlank() const {
    for (const std::string_view field : m_record.fields()) {
      if (!trimAscii(field).empty()) {
        return false;
      }
    }
    return true;
  }

  // The first non-empty value among `candidates` (or the empty first one), checked by
  // textProblem() (the rule `delegate add` applies too) and against `maxBytes`. With no candidates
  // the cell is empty and its column meaningless.
  Cell get(const std::vector<std::size_t>& candidates, std::size_t maxBytes = kMaxImportFieldBytes,
           TextLines lines = TextLines::One) {
    if (candidates.empty() || !m_status.ok()) {
      return Cell{};
    }
    Cell cell{value(candidates.front()), candidates.front()};
    for (std::size_t i = 1; i < candidates.size() && cell.text.empty(); ++i) {
      cell = Cell{value(candidates[i]), candidates[i]};
    }
    if (std::optional<std::string> problem = textProblem(cell.text, lines)) {
      fail(cell.column, *problem);
      return Cell{};
    }
    if (cell.text.size() > maxBytes) {
      fail(cell.column, strCat("value is longer than ", maxBytes, " bytes"));
      return Cell{};
    }
    return cell;
  }

  // Records an error about `column` unless one is recorded already.
  void fail(std::size_t column, std::string_view what) {
    if (m_status.ok()) {
      m_status = cellError(line(), m_columns.name(column), what);
    }
  }

 private:
  std::string_view value(std::size_t column) const {
    return column < m_record.size() ? trimAscii(m_record.field(column)) : std::string_view();
  }

  const CsvRecord& m_record;
  const Columns& m_columns;
  absl::Status m_status;
};

inline char foldAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// True if `text` equals the lower-case `key` ignoring ASCII case.
bool equalsIgnoringCase(std::string_view text, std::string_view key);

// The value paired with `text` (compared ignoring ASCII case) in `table`.
template <typename T, std::size_t N>
std::optional<T> lookUp(const std::pair<std::string_view, T> (&table)[N], std::string_view text) {
  for (const auto& [key, value] : table) {
    if (equalsIgnoringCase(text, key)) {
      return value;
    }
  }
  return std::nullopt;
}

// Finds, for each delegate added, an earlier one with the same value of one field, compared
// exactly or ignoring ASCII case. Hashes the strings where they are stored (no copies), by index,
// so the vector may grow meanwhile.
class DuplicateFinder {
 public:
  enum class Compare { Exactly, IgnoringAsciiCase };

  DuplicateFinder(const std::vector<Delegate>& delegates, std::string Delegate::*field, std::size_t expected,
                  Compare compare = Compare::Exactly)
      : m_seen(expected, Hash{&delegates, field, compare}, Equal{&delegates, field, compare}) {}

  // Registers delegates[index]; returns the index of an earlier delegate with the same value.
  std::optional<std::size_t> add(std::size_t index) {
    auto [it, inserted] = m_seen.insert(index);
    return inserted ? std::nullopt : std::optional(*it);
  }

 private:
  // Hashes the field of the delegate at an index.
  struct Hash {
    const std::vector<Delegate>* delegates;
    std::string Delegate::*field;
    Compare compare;
    std::size_t operator()(std::size_t index) const {
      const std::string& value = (*delegates)[index].*field;
      if (compare == Compare::Exactly) return std::hash<std::string_view>{}(value);
      std::size_t hash = 14695981039346656037ULL;  // FNV-1a over the folded bytes.
      for (const char c : value) hash = (hash ^ static_cast<unsigned char>(foldAscii(c))) * 1099511628211ULL;
      return hash;
    }
  };
  // Compares the field of the delegates at two indices.
  struct Equal {
    const std::vector<Delegate>* delegates;
    std::string Delegate::*field;
    Compare compare;
    bool operator()(std::size_t a, std::size_t b) const {
      const std::string& first = (*delegates)[a].*field;
      const std::string& second = (*delegates)[b].*field;
      if (compare == Compare::Exactly) return first == second;
      return first.size() == second.size() && std::equal(first.begin(), first.end(), second.begin(),
                                                         [](char x, char y) { return foldAscii(x) == foldAscii(y); });
    }
  };

  std::unordered_set<std::size_t, Hash, Equal> m_seen;
};

// How many records to make room for: the line count of `bytes` (an upper bound for LF and CRLF
// files), capped so that a file of empty lines cannot make us reserve gigabytes.
std::size_t expectedRecords(std::string_view bytes);

}  // namespace lanyard::server::domain::import_table
