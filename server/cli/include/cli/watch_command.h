#pragma once

#include <string>

#include "absl/time/time.h"
#include "cli/commands.h"
#include "lanyard/v1/attendance_service.pb.h"

// `lanyard watch` and `lanyard stats`: the live attendance feed and summary in a terminal.
namespace lanyard::cli {

// `lanyard watch [--after N] [--limit N]`: the attendance feed, one line per activity in the
// event's time zone (JSON Lines with --json), until interrupted or --limit activities were shown.
// A dropped connection or a server restart prints "reconnecting..." on stderr and resumes after
// the last sequence number shown, so no activity is lost or shown twice. Exit status 1 when the
// server refuses (wrong token or role), 2 for a usage error.
int runWatch(Invocation& invocation);

// `lanyard stats [--json]`: the attendance summary.
int runStats(Invocation& invocation);

// One human-readable line for `activity`, its time in `zone`.
std::string formatActivity(const v1::Activity& activity, const absl::TimeZone& zone);

}  // namespace lanyard::cli
