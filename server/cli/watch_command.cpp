#include "cli/watch_command.h"

#include <google/protobuf/util/json_util.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <iomanip>
#include <optional>
#include <sstream>
#include <thread>

#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"

namespace lanyard::cli {

namespace v1 = lanyard::v1;

namespace {

constexpr std::chrono::seconds kFirstRetry{1};
constexpr std::chrono::seconds kLongestRetry{5};
constexpr std::chrono::milliseconds kShortestPause{250};
// A kiosk not heard from for longer is silent, and its last printer status stale (as on the dashboard).
constexpr std::int64_t kSilentAfterUs = 2LL * 60 * 1'000'000;

// Errors that another attempt will not fix: the watch gives up on them.
bool isFinal(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAUTHENTICATED || code == grpc::StatusCode::PERMISSION_DENIED ||
         code == grpc::StatusCode::INVALID_ARGUMENT || code == grpc::StatusCode::OUT_OF_RANGE ||
         code == grpc::StatusCode::UNIMPLEMENTED;
}

void authorise(grpc::ClientContext& context, const Invocation& invocation) {
  context.AddMetadata("authorization", "Bearer " + invocation.token);
}

std::optional<std::int64_t> parseCount(const Invocation& invocation, const std::string& name, std::int64_t least,
                                       bool& bad) {
  const auto found = invocation.options.find(name);
  if (found == invocation.options.end()) return std::nullopt;
  try {
    std::size_t used = 0;
    const std::int64_t value = std::stoll(found->second, &used);
    if (used == found->second.size() && value >= least) return value;
  } catch (const std::exception&) {
  }
  bad = true;
  return std::nullopt;
}

// What those not checked in are called: still expected until the event's last day is over (by the
// summary's local date; never without an end date), no-shows after. As on the dashboard.
std::string absentLabel(const v1::AttendanceSummary& s, const v1::GetEventResponse& event) {
  return !event.end_date().empty() && s.today() > event.end_date() ? "no-shows" : "not yet arrived";
}

std::string jsonLine(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

std::string enumTail(const std::string& name, std::string_view prefix) {
  return name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
}

std::string who(const v1::Activity& a) {
  if (!a.has_delegate()) return "";
  const v1::ActivityDelegate& d = a.delegate();
  std::string text = d.given_name() + " " + d.family_name() + " (" + d.category();
  const std::string& from = d.city().empty() ? d.organisation() : d.city();
  if (!from.empty()) text += ", " + from;
  text += ")";
  if (d.status() == v1::REGISTRATION_STATUS_CANCELLED) text += " [cancelled]";
  return text;
}

std::string place(std::int64_t sessionId) {
  return sessionId == 0 ? std::string("entrance") : "session #" + std::to_string(sessionId);
}

std::string headline(const v1::AttendanceSummary& s, const v1::GetEventResponse& event) {
  std::ostringstream out;
  out << s.registered() << " registered, " << s.checked_in() << " checked in, " << s.inside_now() << " inside now, "
      << s.no_shows() << " " << absentLabel(s, event);
  return out.str();
}

// Waits before another attempt: `retryIn` when the server answered with an error, or until the
// channel connects again (at most `retryIn`) when the server could not be reached or went away.
void waitBeforeRetry(grpc::Channel& channel, const grpc::Status& failure, std::chrono::seconds retryIn) {
  if (failure.error_code() != grpc::StatusCode::UNAVAILABLE &&
      channel.GetState(/*try_to_connect=*/false) == GRPC_CHANNEL_READY) {
    std::this_thread::sleep_for(retryIn);
    return;
  }
  // A server shutting down still looks connected for a moment.
  std::this_thread::sleep_for(kShortestPause);
  // Our own pace, not the channel's: it would otherwise wait up to minutes between attempts.
  grpc::experimental::ChannelResetConnectionBackoff(&channel);
  (void)channel.WaitForConnected(std::chrono::system_clock::now() + retryIn);
}

}  // namespace

std::string formatActivity(const v1::Activity& a, const absl::TimeZone& zone) {
  std::ostringstream line;
  line << localTime(a.time_us(), zone) << "  #" << a.sequence() << "  " << std::left << std::setw(20)
       << (a.device_name().empty() ? "-" : a.device_name()) << "  ";
  const std::string delegate = who(a);
  switch (a.kind()) {
    case v1::ACTIVITY_KIND_CHECK_IN: {
      const v1::CheckInActivity& c = a.check_in();
      line << place(c.session_id()) << (c.direction() == v1::DIRECTION_OUT ? " out  " : " in   ")
           << enumTail(v1::CheckInOutcome_Name(c.outcome()), "CHECK_IN_OUTCOME_") << "  "
           << (delegate.empty() ? "(no delegate: the code matched nobody)" : delegate);
      if (c.reentry()) line << ", re-entry";
      if (c.automatic()) line << ", automatic (entered another session)";
      if (c.left_session_id() != 0) line << ", left session #" << c.left_session_id();
      if (c.offline()) line << ", offline (scanned " << localTime(c.scan_time_us(), zone) << ")";
      if (c.conflict_id() != 0) line << ", conflict #" << c.conflict_id();
      // The number `lanyard checkin` reports; #N at the start is the feed's own sequence.
      if (c.check_in_id() != 0) line << "  (check-in " << c.check_in_id() << ")";
      break;
    }
    case v1::ACTIVITY_KIND_BADGE_PRINT:
      if (a.badge_print().success()) {
        line << "badge printed  " << delegate;
      } else {
        line << "badge print FAILED (" << a.badge_print().error() << ")  " << delegate;
      }
      break;
    case v1::ACTIVITY_KIND_DELEGATE_ADDED:
      line << "walk-in added  " << delegate;
      break;
    case v1::ACTIVITY_KIND_DELEGATE_UPDATED:
      line << "details corrected  " << delegate;
      break;
    case v1::ACTIVITY_KIND_DELEGATE_CANCELLED:
      line << "registration cancelled  " << delegate;
      break;
    case v1::ACTIVITY_KIND_BADGE_REISSUED:
      line << "badge reissued  " << delegate;
      break;
    case v1::ACTIVITY_KIND_DELEGATES_IMPORTED:
      line << "delegates imported: " << a.import_run().created() << " created, " << a.import_run().updated()
           << " updated, " << a.import_run().unchanged() << " unchanged, " << a.import_run().registrations()
           << " session registrations";
      break;
    case v1::ACTIVITY_KIND_SESSIONS_IMPORTED:
      line << "sessions imported: " << a.import_run().created() << " created, " << a.import_run().updated()
           << " updated";
      break;
    case v1::ACTIVITY_KIND_KIOSK_STATUS:
      line << "printer " << enumTail(v1::PrinterStatus_Name(a.kiosk_status().printer_status()), "PRINTER_STATUS_");
      if (!a.kiosk_status().detail().empty()) line << " (" << a.kiosk_status().detail() << ")";
      break;
    default:
      line << v1::ActivityKind_Name(a.kind());
      break;
  }
  return line.str();
}

int runWatch(Invocation& invocation) {
  bool bad = false;
  std::optional<std::int64_t> last = parseCount(invocation, "after", 0, bad);
  if (bad) return usageError(invocation, "--after must be a sequence number (0 or more)");
  const std::optional<std::int64_t> limit = parseCount(invocation, "limit", 1, bad);
  if (bad) return usageError(invocation, "--limit must be a positive whole number");
  if (!invocation.positional.empty()) return usageError(invocation, "usage: lanyard watch [--after N] [--limit N]");

  auto stub = v1::AttendanceService::NewStub(invocation.channel);
  std::ostream& out = *invocation.out;
  std::int64_t shown = 0;
  v1::GetEventResponse eventInfo;
  bool timeZoneSet = false;
  bool reconnecting = false;
  auto retryIn = kFirstRetry;
  while (true) {
    grpc::Status status;
    if (!timeZoneSet) {
      status = useEventTimeZone(invocation, &eventInfo);
      timeZoneSet = status.ok();
    }
    if (timeZoneSet) {
      grpc::ClientContext context;
      authorise(context, invocation);
      v1::WatchAttendanceRequest request;
      if (last) request.set_after_sequence(*last);
      std::unique_ptr<grpc::ClientReader<v1::WatchAttendanceResponse>> reader =
          stub->WatchAttendance(&context, request);
      v1::WatchAttendanceResponse event;
      while (reader->Read(&event)) {
        if (reconnecting) {
          *invocation.err << "lanyard: reconnected" << (last ? ", resuming after #" + std::to_string(*last) : "")
                          << "\n";
          reconnecting = false;
        }
        retryIn = kFirstRetry;
        if (invocation.json) out << jsonLine(event) << "\n";
        switch (event.event_case()) {
          case v1::WatchAttendanceResponse::kSnapshot:
            // Activities shown so far are what to resume after; before any, the snapshot is.
            if (!last) last = event.snapshot().sequence();
            if (!invocation.json) {
              out << "-- " << localTime(invocation, event.snapshot().server_time_us()) << "  at #"
                  << event.snapshot().sequence() << ": " << headline(event.snapshot(), eventInfo) << "\n";
            }
            break;
          case v1::WatchAttendanceResponse::kResync:
            if (!invocation.json) {
              out << "-- fell behind; catching up from the server's log after #" << event.resync().after_sequence()
                  << "\n";
            }
            break;
          case v1::WatchAttendanceResponse::kActivities:
            for (const v1::Activity& activity : event.activities().activities()) {
              if (!invocation.json) out << formatActivity(activity, invocation.zone) << "\n";
              last = activity.sequence();
              if (limit && ++shown >= *limit) {
                out.flush();
                context.TryCancel();
                (void)reader->Finish();
                return 0;
              }
            }
            break;
          case v1::WatchAttendanceResponse::EVENT_NOT_SET:
            break;
        }
        out.flush();
      }
      status = reader->Finish();
    }
    if (isFinal(status.error_code())) return reportFailure(invocation, status);
    if (!reconnecting) {
      *invocation.err << "lanyard: reconnecting... (" << codeName(status.error_code()) << ": " << status.error_message()
                      << ")\n";
      reconnecting = true;
    }
    waitBeforeRetry(*invocation.channel, status, retryIn);
    retryIn = std::min<std::chrono::seconds>(retryIn * 2, kLongestRetry);
  }
}

int runStats(Invocation& invocation) {
  if (!invocation.positional.empty()) return usageError(invocation, "usage: lanyard stats [--json]");
  v1::GetEventResponse event;
  if (grpc::Status status = useEventTimeZone(invocation, &event); !status.ok()) {
    return reportFailure(invocation, status);
  }
  auto stub = v1::AttendanceService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(30));
  v1::GetAttendanceSummaryResponse response;
  grpc::Status status = stub->GetAttendanceSummary(context.get(), v1::GetAttendanceSummaryRequest(), &response);
  if (!status.ok()) return reportFailure(invocation, status);
  const v1::AttendanceSummary& s = response.summary();
  std::ostream& out = *invocation.out;
  if (invocation.json) {
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.preserve_proto_field_names = true;
    options.always_print_primitive_fields = true;
    (void)google::protobuf::util::MessageToJsonString(s, &json, options);
    out << json;
    return 0;
  }
  const std::string absent = absentLabel(s, event);
  const auto count = [&out](const std::string& label, std::int32_t value) -> std::ostream& {
    return out << "  " << std::left << std::setw(16) << label << std::right << std::setw(4) << value;
  };
  out << "Attendance at " << localTime(invocation, s.server_time_us(), "%Y-%m-%d %H:%M") << " (" << s.time_zone()
      << "), up to #" << s.sequence() << "\n";
  count("registered", s.registered()) << "\n";
  count("checked in", s.checked_in()) << "\n";
  count("inside now", s.inside_now()) << "   (today, " << s.today() << ")\n";
  count(absent, s.no_shows()) << "\n";
  count("cancelled", s.cancelled()) << "\n";
  out << "  scans " << s.scans() << " (" << s.refused_scans() << " refused, " << s.forged_scans()
      << " forged); badges printed " << s.badges_printed() << ", print failures " << s.print_failures() << "\n";
  out << "  conflicts " << s.conflicts() << " (" << s.unseen_conflicts() << " unseen; see lanyard conflicts)\n";
  const int absentWidth = static_cast<int>(absent.size()) + 2;
  out << "\nCategories                  registered  checked in  inside now" << std::setw(absentWidth) << absent << "\n";
  for (const v1::CategoryAttendance& c : s.categories()) {
    out << "  " << std::left << std::setw(26) << c.label() << std::right << std::setw(10) << c.registered()
        << std::setw(12) << c.checked_in() << std::setw(12) << c.inside_now() << std::setw(absentWidth) << c.no_shows()
        << "\n";
  }
  if (!s.sessions().empty()) out << "\nSessions\n";
  for (const v1::SessionAttendance& session : s.sessions()) {
    out << "  #" << session.session_id() << "  " << localTime(invocation, session.start_time_us(), "%m-%d %H:%M") << "-"
        << localTime(invocation, session.end_time_us(), "%H:%M") << "  " << session.title() << " (" << session.room()
        << "): inside " << session.inside_now();
    if (session.capacity() > 0) {
      out << "/" << session.capacity() << " (" << std::lround(session.fill_ratio() * 100.0) << "% full)";
    }
    out << ", attended " << session.attended();
    if (session.registered() > 0) out << ", registered " << session.registered();
    out << "\n";
  }
  if (!s.arrivals().empty()) out << "\nArrivals per 15 minutes\n";
  int busiest = 1;
  for (const v1::ArrivalBucket& bucket : s.arrivals()) busiest = std::max(busiest, bucket.arrivals());
  for (const v1::ArrivalBucket& bucket : s.arrivals()) {
    const int bar = std::max(1, bucket.arrivals() * 40 / busiest);
    out << "  " << bucket.local_start() << std::right << std::setw(6) << bucket.arrivals() << "  "
        << std::string(static_cast<std::size_t>(bar), '#') << "\n";
  }
  if (!s.kiosks().empty()) out << "\nKiosks\n";
  for (const v1::KioskAttendance& k : s.kiosks()) {
    const bool kiosk = k.device_role() == v1::ROLE_KIOSK;
    const bool silent = k.last_seen_time_us() != 0 && s.server_time_us() - k.last_seen_time_us() > kSilentAfterUs;
    const std::string name = kiosk ? k.device_name() : k.device_name() + " (" + roleName(k.device_role()) + ")";
    std::string seen = " not connected yet";
    if (k.last_seen_time_us() != 0) {
      seen = (silent && kiosk && !k.revoked() ? " silent, last seen " : " last seen ") +
             localTime(invocation, k.last_seen_time_us(), "%H:%M:%S");
    }
    out << "  " << std::left << std::setw(22) << name << seen << ", scans " << k.scans() << ", admitted "
        << k.admitted();
    const char* revoked = k.revoked() ? ", token revoked\n" : "\n";
    if (!kiosk) {
      out << revoked;
      continue;
    }
    out << ", printed " << k.prints();
    if (k.print_failures() > 0) {
      out << ", " << k.print_failures() << " failed (last: " << k.last_print_error() << " at "
          << localTime(invocation, k.last_print_error_time_us(), "%H:%M") << ")";
    }
    if (silent) {
      out << ", printer unknown";  // What it reported before it went silent is stale.
    } else if (k.printer_status() == v1::PRINTER_STATUS_UNSPECIFIED) {
      out << ", printer not reported yet";
    } else {
      out << ", printer " << enumTail(v1::PrinterStatus_Name(k.printer_status()), "PRINTER_STATUS_");
      if (!k.printer_detail().empty()) out << " (" << k.printer_detail() << ")";
    }
    out << revoked;
  }
  return 0;
}

}  // namespace lanyard::cli
