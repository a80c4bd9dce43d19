#include "cli/delegate_export.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"

namespace lanyard::cli {

namespace v1 = lanyard::v1;
using google::protobuf::Struct;
using google::protobuf::Value;

namespace {

constexpr auto kTimeout = std::chrono::seconds(30);

// What else the event holds about a delegate, made from the record above it in the document.
constexpr const char* kDerived[] = {
    "search terms folded from the names, the organisation and the city, for search by name",
    "the activity log's entry for each check-in, print and change of the record, which the live "
    "feed and the dashboards show",
    "in each kiosk's replica of the event: the name as kiosks show it, the affiliation, the category, "
    "entries and exits, the sealed badge and a salted hash of the e-mail address's first letters; no "
    "e-mail address, family name, ticket code or note in the clear",
    "backups of the event file, for as long as they are kept",
};

// `message` as a JSON value, with the proto's field names.
Value jsonOf(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  Value value;
  (void)google::protobuf::util::JsonStringToMessage(json, &value);
  return value;
}

Value textValue(const std::string& text) {
  Value value;
  value.set_string_value(text);
  return value;
}

}  // namespace

int runDelegateExport(Invocation& invocation, std::int64_t id) {
  std::string path;
  const std::vector<std::string>& words = invocation.positional;
  if (words.size() == 4 && words[2] == "-o") {
    path = words[3];
  } else if (words.size() == 2 && invocation.options.count("output") != 0) {
    path = option(invocation, "output");
  } else if (words.size() != 2) {
    return usageError(invocation, "usage: lanyard delegate export ID [-o FILE]");
  }
  std::error_code notChecked;
  if (!path.empty() && std::filesystem::is_directory(path, notChecked)) {
    return usageError(invocation, path + " is a folder: give -o a file name");
  }

  v1::GetEventResponse event;
  if (grpc::Status status = useEventTimeZone(invocation, &event); !status.ok()) {
    return reportFailure(invocation, status);
  }
  auto delegates = v1::DelegateService::NewStub(invocation.channel);
  v1::GetDelegateRequest request;
  request.set_id(id);
  v1::GetDelegateResponse record;
  grpc::Status status = delegates->GetDelegate(contextFor(invocation, kTimeout).get(), request, &record);
  if (!status.ok()) return reportFailure(invocation, status);

  v1::ListCheckInsRequest checkInsRequest;
  checkInsRequest.set_delegate_id(id);
  v1::ListCheckInsResponse checkIns;
  status = allPages(invocation, kTimeout, checkInsRequest, &checkIns,
                    [&](auto* c, const auto& r, auto* page) { return delegates->ListCheckIns(c, r, page); });
  if (!status.ok()) return reportFailure(invocation, status);
  v1::ListBadgePrintsRequest printsRequest;
  printsRequest.set_delegate_id(id);
  v1::ListBadgePrintsResponse prints;
  status = allPages(invocation, kTimeout, printsRequest, &prints,
                    [&](auto* c, const auto& r, auto* page) { return delegates->ListBadgePrints(c, r, page); });
  if (!status.ok()) return reportFailure(invocation, status);
  auto attendance = v1::AttendanceService::NewStub(invocation.channel);
  v1::ListConflictsResponse conflicts;
  status = allPages(invocation, kTimeout, v1::ListConflictsRequest(), &conflicts,
                    [&](auto* c, const auto& r, auto* page) { return attendance->ListConflicts(c, r, page); });
  if (!status.ok()) return reportFailure(invocation, status);
  v1::ListSessionsResponse sessions;
  status = v1::EventService::NewStub(invocation.channel)
               ->ListSessions(contextFor(invocation, kTimeout).get(), v1::ListSessionsRequest(), &sessions);
  if (!status.ok()) return reportFailure(invocation, status);

  const std::int64_t nowUs =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  Struct document;
  auto& fields = *document.mutable_fields();
  fields["about"] =
      textValue("Everything the event \"" + event.name() + "\" holds about delegate #" + std::to_string(id) +
                ", as of " + localTime(invocation, nowUs) + " (" + event.time_zone() + ").");
  fields["event"] = textValue(event.name());
  fields["delegate"] = jsonOf(record.delegate());
  auto& registered = *fields["registered_sessions"].mutable_list_value();
  for (const std::int64_t sessionId : record.registered_session_ids()) {
    for (const v1::Session& session : sessions.sessions()) {
      if (session.id() == sessionId) *registered.add_values() = jsonOf(session);
    }
  }
  auto& checkInList = *fields["check_ins"].mutable_list_value();
  for (const v1::CheckInRecord& checkIn : checkIns.check_ins()) *checkInList.add_values() = jsonOf(checkIn);
  auto& printList = *fields["badge_prints"].mutable_list_value();
  for (const v1::BadgePrintRecord& print : prints.prints()) *printList.add_values() = jsonOf(print);
  int conflictCount = 0;
  auto& conflictList = *fields["conflicts"].mutable_list_value();
  for (const v1::Conflict& conflict : conflicts.conflicts()) {
    if (conflict.delegate().id() != id) continue;
    *conflictList.add_values() = jsonOf(conflict);
    ++conflictCount;
  }
  auto& derived = *fields["also_held"].mutable_list_value();
  for (const char* held : kDerived) *derived.add_values() = textValue(held);

  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(document, &json, options);
  if (path.empty()) {
    *invocation.out << json;
    return 0;
  }
  PrivateFile output(path);
  std::string error = output.open();
  if (error.empty()) {
    output.stream() << json;
    error = output.commit();
  }
  if (!error.empty()) {
    *invocation.err << "lanyard: " << error << "\n";
    return kCallFailed;
  }
  *invocation.out << "wrote everything held about #" << id << " ("
                  << counted(checkIns.check_ins_size(), "check-in", "check-ins") << ", "
                  << counted(prints.prints_size(), "badge print", "badge prints") << ", "
                  << counted(conflictCount, "conflict", "conflicts") << ") to " << path << "\n";
  return 0;
}

}  // namespace lanyard::cli
