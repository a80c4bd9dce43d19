#include "cli/conflicts_command.h"

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

#include "lanyard/v1/attendance_service.grpc.pb.h"

namespace lanyard::cli {

namespace v1 = lanyard::v1;

namespace {

std::string place(const v1::Conflict& c) {
  return c.session_id() == 0 ? std::string("the entrance")
                             : "session #" + std::to_string(c.session_id()) + " " + c.session_title();
}

// Two or three lines for one conflict, times in the event's zone.
void printConflict(const Invocation& invocation, const v1::Conflict& c, std::ostream& out) {
  const std::string who = c.has_delegate() ? c.delegate().given_name() + " " + c.delegate().family_name() +
                                                 " (delegate " + std::to_string(c.delegate().id()) + ")"
                                           : std::string("(no delegate: the code matched nobody)");
  out << "#" << c.conflict_id() << "  " << (c.seen_time_us() == 0 ? "UNSEEN" : "seen  ") << "  "
      << localTime(invocation, c.scan_time_us()) << "  " << who << " at " << place(c) << " by " << c.device_name()
      << "\n      " << c.reason() << "\n";
  if (c.earlier_check_in_id() != 0) {
    out << "      also admitted " << localTime(invocation, c.earlier_time_us()) << " by " << c.earlier_device_name()
        << (c.earlier_offline() ? " (offline)" : "") << "\n";
  }
  out << "      uploaded " << localTime(invocation, c.upload_time_us());
  if (c.seen_time_us() != 0) {
    out << "; seen " << localTime(invocation, c.seen_time_us()) << " by " << c.seen_by();
  }
  out << "\n";
}

int markSeen(Invocation& invocation) {
  std::int64_t id = 0;
  if (invocation.positional.size() != 2) return usageError(invocation, "usage: lanyard conflicts seen ID");
  if (!parseId(invocation.positional[1], id)) {
    return usageError(invocation,
                      "conflict id must be a whole number above 0, not \"" + invocation.positional[1] + "\"");
  }
  v1::GetEventResponse event;
  if (grpc::Status status = useEventTimeZone(invocation, &event); !status.ok()) {
    return reportFailure(invocation, status);
  }
  auto stub = v1::AttendanceService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(30));
  v1::MarkConflictSeenRequest request;
  request.set_conflict_id(id);
  v1::MarkConflictSeenResponse response;
  if (grpc::Status status = stub->MarkConflictSeen(context.get(), request, &response); !status.ok()) {
    return reportFailure(invocation, status);
  }
  if (invocation.json) {
    printJson(invocation, response);
    return 0;
  }
  const v1::Conflict& c = response.conflict();
  *invocation.out << "conflict #" << c.conflict_id() << " seen by " << c.seen_by() << " at "
                  << localTime(invocation, c.seen_time_us()) << "\n";
  return 0;
}

}  // namespace

int runConflicts(Invocation& invocation) {
  if (!invocation.positional.empty() && invocation.positional[0] == "seen") return markSeen(invocation);
  if (!invocation.positional.empty()) {
    return usageError(invocation, "usage: lanyard conflicts [--unseen] | lanyard conflicts seen ID");
  }
  v1::GetEventResponse event;
  if (grpc::Status status = useEventTimeZone(invocation, &event); !status.ok()) {
    return reportFailure(invocation, status);
  }
  auto stub = v1::AttendanceService::NewStub(invocation.channel);
  v1::ListConflictsRequest request;
  request.set_unseen_only(invocation.options.count("unseen") != 0);
  v1::ListConflictsResponse response;
  grpc::Status status =
      allPages(invocation, std::chrono::seconds(30), request, &response,
               [&stub](auto* c, const auto& r, auto* page) { return stub->ListConflicts(c, r, page); });
  if (!status.ok()) return reportFailure(invocation, status);
  if (invocation.json) {
    printJson(invocation, response);
    return 0;
  }
  std::ostream& out = *invocation.out;
  out << "Conflicts from offline uploads: " << response.total() << " (" << response.unseen() << " unseen)\n";
  for (const v1::Conflict& c : response.conflicts()) printConflict(invocation, c, out);
  return 0;
}

}  // namespace lanyard::cli
