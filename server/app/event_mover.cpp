#include "app/event_mover.h"

#include <memory>
#include <utility>

#include "app/event_database.h"
#include "app/event_tables.h"
#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::app {

namespace {

constexpr ColumnType kInteger = ColumnType::Integer;
constexpr ColumnType kText = ColumnType::Text;
constexpr ColumnType kBytes = ColumnType::Bytes;

// Opens one end of the move; its errors say which end it is.
absl::StatusOr<std::unique_ptr<EventTables>> openEnd(const std::string& db, MoveEnd end) {
  absl::StatusOr<std::unique_ptr<EventTables>> tables =
      backendOf(db) == Backend::Postgres ? openPostgresTables(db, end) : openSqliteTables(db, end);
  if (!tables.ok()) return annotate(tables.status(), end == MoveEnd::Source ? "--from" : "--to");
  return tables;
}

// Copies every row of `table`; returns how many `from` holds in its snapshot and `to` now holds.
absl::StatusOr<MovedCount> moveTable(const MovedTable& table, TableSource& from, TableSink& to,
                                     std::string& eventName) {
  MovedCount count{table.label};
  LANYARD_ASSIGN_OR_RETURN(count.source, from.count(table));
  LANYARD_RETURN_IF_ERROR(from.forEachRow(table, [&](const Row& row) {
    if (table.name == "event") eventName = std::get<std::string>(row[1]);
    return to.insert(table, row);
  }));
  LANYARD_ASSIGN_OR_RETURN(count.target, to.count(table));
  return count;
}

}  // namespace

absl::Status annotate(const absl::Status& status, std::string_view what) {
  return absl::Status(status.code(), strCat(what, ": ", status.message()));
}

std::string columnList(const MovedTable& table) {
  std::string list;
  for (const MovedColumn& column : table.columns) list += strCat(list.empty() ? "" : ", ", column.name);
  return list;
}

std::string rowKey(const MovedTable& table, const Value& first) {
  std::string value = "NULL";
  if (const auto* integer = std::get_if<std::int64_t>(&first)) value = std::to_string(*integer);
  if (const auto* text = std::get_if<std::string>(&first)) value = domain::quoteForMessage(*text);
  return strCat(table.columns[0].name, " ", value);
}

std::span<const MovedTable> movedTables() {
  static const std::vector<MovedTable> kTables = {
      {"event",
       "event",
       "id",
       false,
       {{"id", kInteger},
        {"name", kText},
        {"venue", kText},
        {"time_zone", kText},
        {"start_date", kText},
        {"end_date", kText},
        {"default_language", kText},
        {"signing_seed", kBytes},
        {"public_key", kBytes},
        {"name_check_in_proof", kText},
        {"session_grace_minutes", kInteger},
        {"created_us", kInteger},
        {"staff_pin_hash", kBytes},
        {"search_terms_version", kInteger}}},
      {"category", "categories", "id", true, {{"id", kInteger}, {"name", kText}, {"label", kText}, {"colour", kText}}},
      {"delegate",
       "delegates",
       "id",
       true,
       {{"id", kInteger},
        {"external_ref", kText},
        {"given_name", kText},
        {"family_name", kText},
        {"organisation", kText},
        {"city", kText},
        {"country", kText},
        {"category", kText},
        {"email", kText},
        {"language", kText},
        {"notes", kText},
        {"status", kInteger},
        {"external_ticket_code", kText},
        {"badge_version", kInteger},
        {"created_us", kInteger},
        {"updated_us", kInteger},
        {"corrected_fields", kInteger},
        {"latin_name", kText},
        {"version", kInteger},
        {"changed_seq", kInteger}}},
      {"search_term",
       "search terms",
       "term, delegate_id",
       false,
       {{"term", kText}, {"delegate_id", kInteger}, {"weight", kInteger}}},
      {"session",
       "sessions",
       "id",
       true,
       {{"id", kInteger},
        {"external_ref", kText},
        {"title", kText},
        {"room", kText},
        {"start_us", kInteger},
        {"end_us", kInteger},
        {"capacity", kInteger},
        {"registration_required", kInteger},
        {"changed_seq", kInteger}}},
      {"registration",
       "registrations",
       "session_id, delegate_id",
       false,
       {{"session_id", kInteger}, {"delegate_id", kInteger}}},
      {"device",
       "devices",
       "id",
       true,
       {{"id", kInteger},
        {"name", kText},
        {"role", kInteger},
        {"token_hash", kBytes},
        {"created_us", kInteger},
        {"revoked_us", kInteger}}},
      {"check_in",
       "check-ins",
       "id",
       true,
       {{"id", kInteger},
        {"device_id", kInteger},
        {"request_id", kText},
        {"delegate_id", kInteger},
        {"session_id", kInteger},
        {"direction", kInteger},
        {"outcome", kInteger},
        {"scan_time_us", kInteger},
        {"server_time_us", kInteger},
        {"event_day", kInteger},
        {"scanned_code", ColumnType::TextAsBlob},
        {"previous_id", kInteger},
        {"reentry", kInteger},
        {"left_session_id", kInteger},
        {"offline", kInteger}}},
      {"badge_print",
       "badge prints",
       "id",
       true,
       {{"id", kInteger},
        {"delegate_id", kInteger},
        {"device_id", kInteger},
        {"badge_version", kInteger},
        {"success", kInteger},
        {"error", kText},
        {"printer", kText},
        {"client_time_us", kInteger},
        {"server_time_us", kInteger}}},
      {"kiosk_status",
       "kiosk statuses",
       "id",
       true,
       {{"id", kInteger},
        {"device_id", kInteger},
        {"printer_status", kInteger},
        {"detail", kText},
        {"server_time_us", kInteger}}},
      {"import_run",
       "import runs",
       "id",
       true,
       {{"id", kInteger},
        {"what", kInteger},
        {"created", kInteger},
        {"updated", kInteger},
        {"unchanged", kInteger},
        {"registrations", kInteger},
        {"server_time_us", kInteger}}},
      {"activity",
       "activities",
       "id",
       false,
       {{"id", kInteger},
        {"kind", kInteger},
        {"time_us", kInteger},
        {"device_id", kInteger},
        {"delegate_id", kInteger},
        {"check_in_id", kInteger},
        {"badge_print_id", kInteger},
        {"kiosk_status_id", kInteger},
        {"import_run_id", kInteger}}},
      {"replica_material",
       "replica material",
       "delegate_id",
       false,
       {{"delegate_id", kInteger}, {"name_terms", kText}, {"affiliation_terms", kText}, {"sealed_badge", kBytes}}},
      {"conflict",
       "conflicts",
       "id",
       true,
       {{"id", kInteger},
        {"check_in_id", kInteger},
        {"kind", kInteger},
        {"kiosk_outcome", kInteger},
        {"server_outcome", kInteger},
        {"earlier_check_in_id", kInteger},
        {"seen_device_id", kInteger},
        {"seen_time_us", kInteger}}},
      {"restored_backup",
       "restored backups",
       "id",
       true,
       {{"id", kInteger}, {"restored_us", kInteger}, {"backup_newest_activity", kInteger}}},
  };
  return kTables;
}

absl::StatusOr<MoveReport> moveEvent(const std::string& from, const std::string& to) {
  // The source first: a missing or busy one leaves the target untouched.
  LANYARD_ASSIGN_OR_RETURN(std::unique_ptr<EventTables> source, openEnd(from, MoveEnd::Source));
  LANYARD_ASSIGN_OR_RETURN(std::unique_ptr<EventTables> target, openEnd(to, MoveEnd::Target));
  MoveReport report{"", source->name(), target->name(), {}};
  LANYARD_RETURN_IF_ERROR(source->read([&](TableSource& rows) {
    return target->write([&](TableSink& sink) {
      report.counts.clear();  // The write may run again after a conflict.
      for (const MovedTable& table : movedTables()) {
        LANYARD_ASSIGN_OR_RETURN(const MovedCount count, moveTable(table, rows, sink, report.eventName));
        if (count.target != count.source) {
          return absl::DataLossError(strCat(table.label, ": ", count.source, " rows in ", report.from, " but ",
                                            count.target, " in ", report.to, " after copying them; nothing was moved"));
        }
        report.counts.push_back(count);
      }
      return absl::OkStatus();
    });
  }));
  return report;
}

}  // namespace lanyard::server::app
