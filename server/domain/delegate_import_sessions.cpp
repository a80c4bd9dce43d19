// parseSessionsCsv (declared in delegate_import.h): sessions in Lanyard's template.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/csv_reader.h"
#include "domain/delegate_import.h"
#include "domain/delegate_import_table.h"
#include "domain/event_time.h"
#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::domain {

namespace {

using import_table::Cell;
using import_table::cellError;
using import_table::Columns;
using import_table::lookUp;
using import_table::Row;

// Header aliases, written as normalizeHeader() leaves them (see delegate_import.cpp).
constexpr std::string_view kSessionRefHeaders[] = {"external_ref", "external_id", "ref",
                                                   "reference",    "id",          "session_id"};
constexpr std::string_view kTitleHeaders[] = {"title", "session_title", "name", "session", "titel", "název", "nazev"};
constexpr std::string_view kRoomHeaders[] = {"room", "location", "venue", "raum", "místnost", "sál"};
constexpr std::string_view kStartHeaders[] = {"start",      "start_time", "starts", "begin",
                                              "start_date", "beginn",     "von",    "začátek"};
constexpr std::string_view kEndHeaders[] = {"end", "end_time", "ends", "finish", "end_date", "ende", "bis", "konec"};
constexpr std::string_view kCapacityHeaders[] = {"capacity", "max_attendees", "places",
                                                 "seats",    "kapazität",     "kapacita"};
constexpr std::string_view kRegistrationRequiredHeaders[] = {"registration_required", "requires_registration",
                                                             "registration", "anmeldung_erforderlich", "registrace"};

constexpr std::pair<std::string_view, bool> kYesNo[] = {
    {"", false},   {"no", false}, {"n", false},   {"false", false}, {"0", false}, {"nein", false}, {"ne", false},
    {"yes", true}, {"y", true},   {"true", true}, {"1", true},      {"ja", true}, {"ano", true},   {"x", true},
};

std::optional<std::int32_t> parseCapacity(std::string_view text) {
  if (text.empty()) {
    return 0;
  }
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
    if (value > std::numeric_limits<std::int32_t>::max()) {
      return std::nullopt;
    }
  }
  return static_cast<std::int32_t>(value);
}

}  // namespace

absl::StatusOr<std::vector<Session>> parseSessionsCsv(std::string_view bytes, std::string_view timeZone) {
  absl::StatusOr<EventTimeZone> zone = EventTimeZone::create(timeZone);
  if (!zone.ok()) {
    return zone.status();
  }
  absl::StatusOr<CsvReader> reader = CsvReader::open(bytes, CsvOptions{.nameColumnsByHeader = true});
  if (!reader.ok()) {
    return reader.status();
  }
  const Columns header(reader->header(), reader->headerLine());
  const std::vector<std::size_t> refColumns = header.find(kSessionRefHeaders);
  const std::vector<std::size_t> titleColumns = header.find(kTitleHeaders);
  const std::vector<std::size_t> roomColumns = header.find(kRoomHeaders);
  const std::vector<std::size_t> startColumns = header.find(kStartHeaders);
  const std::vector<std::size_t> endColumns = header.find(kEndHeaders);
  const std::vector<std::size_t> capacityColumns = header.find(kCapacityHeaders);
  const std::vector<std::size_t> requiredColumns = header.find(kRegistrationRequiredHeaders);
  if (titleColumns.empty()) {
    return header.missing("title");
  }
  if (startColumns.empty()) {
    return header.missing("start");
  }
  if (endColumns.empty()) {
    return header.missing("end");
  }

  std::vector<Session> sessions;
  std::unordered_map<std::string, std::int32_t> refLines;
  CsvRecord record;
  for (;;) {
    absl::StatusOr<bool> more = reader->next(record);
    if (!more.ok()) {
      return more.status();
    }
    if (!*more) {
      break;
    }
    Row row(record, header);
    if (row.isBlank()) {
      continue;
    }
    Session& session = sessions.emplace_back();
    const Cell ref = row.get(refColumns);
    session.externalRef.assign(ref.text);
    const Cell title = row.get(titleColumns);
    if (title.text.empty()) {
      row.fail(title.column, "missing title");
    }
    session.title.assign(title.text);
    session.room.assign(row.get(roomColumns).text);

    const Cell start = row.get(startColumns);
    const Cell end = row.get(endColumns);
    for (const auto& [cell, out] : {std::pair{&start, &session.startUs}, {&end, &session.endUs}}) {
      if (!row.status().ok()) {
        break;
      }
      if (cell->text.empty()) {
        row.fail(cell->column, "missing date and time");
      } else if (absl::StatusOr<TimeUs> time = zone->parseLocalDateTime(cell->text); time.ok()) {
        *out = *time;
      } else {
        row.fail(cell->column, toStd(time.status().message()));
      }
    }
    if (row.status().ok() && session.endUs <= session.startUs) {
      row.fail(end.column, strCat("the end (", zone->formatLocal(session.endUs), ") is not after the start (",
                                  zone->formatLocal(session.startUs), ")"));
    }

    const Cell capacity = row.get(capacityColumns);
    if (std::optional<std::int32_t> places = parseCapacity(capacity.text)) {
      session.capacity = *places;
    } else {
      row.fail(capacity.column, strCat("capacity ", quoteForMessage(capacity.text),
                                       " is not a whole number from 0 to 2147483647 (empty or 0 means "
                                       "unlimited)"));
    }

    const Cell required = row.get(requiredColumns);
    if (std::optional<bool> yes = lookUp(kYesNo, required.text)) {
      session.registrationRequired = *yes;
    } else {
      row.fail(required.column,
               strCat(quoteForMessage(required.text), " is not yes or no (also accepted: true/false, 1/0, empty)"));
    }
    if (!row.status().ok()) {
      return row.status();
    }

    if (!ref.text.empty()) {
      if (auto [it, inserted] = refLines.emplace(ref.text, row.line()); !inserted) {
        return cellError(
            row.line(), header.name(ref.column),
            strCat("duplicate external reference ", quoteForMessage(ref.text), " (first on line ", it->second, ")"));
      }
    }
  }
  return sessions;
}

}  // namespace lanyard::server::domain
