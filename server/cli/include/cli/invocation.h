#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "lanyard/v1/event_service.pb.h"
#include "lanyard/v1/types.pb.h"

// What every `lanyard` command gets, and how each reports a failure.
namespace lanyard::cli {

// Exit codes besides 0.
inline constexpr int kCallFailed = 1;  // The server refused or failed, or a file could not be written.
inline constexpr int kUsageError = 2;

// What every command gets: the channel, the caller's token, the output style and its arguments.
struct Invocation {
  std::shared_ptr<grpc::Channel> channel;
  std::string token;
  bool json = false;
  std::vector<std::string> positional;         // After the command words.
  std::map<std::string, std::string> options;  // --name value, and "true" for switches.
  std::ostream* out;
  std::ostream* err;
  // Where times are shown: the event's zone once the command has fetched it (useEventTimeZone).
  absl::TimeZone zone = absl::UTCTimeZone();
};

// The value of --name, or `fallback` when it was not given.
std::string option(const Invocation& invocation, const std::string& name, const std::string& fallback = "");

// Prints `message` and a pointer to --help; returns kUsageError.
int usageError(const Invocation& invocation, const std::string& message);

// A device role's name as `token create --role` takes it, e.g. "desk".
const char* roleName(lanyard::v1::Role role);

// The status code's name, e.g. "PERMISSION_DENIED".
const char* codeName(grpc::StatusCode code);

// UTC microseconds as wall time in `zone`, in strftime-like `format` (absl::FormatTime); "-" for 0.
std::string localTime(std::int64_t timeUs, const absl::TimeZone& zone, const char* format = "%Y-%m-%d %H:%M:%S");
// The same in the invocation's zone.
inline std::string localTime(const Invocation& invocation, std::int64_t timeUs,
                             const char* format = "%Y-%m-%d %H:%M:%S") {
  return localTime(timeUs, invocation.zone, format);
}

// "1 delegate", "2 delegates".
std::string counted(std::int64_t count, const std::string& singular, const std::string& plural);

// What to check when the server could not be reached, for the transport the call used.
std::string unreachableHint(const Invocation& invocation);

// Prints a failed call's code and message; returns kCallFailed.
int reportFailure(const Invocation& invocation, const grpc::Status& status);

// One call's context: the bearer token and a deadline.
std::unique_ptr<grpc::ClientContext> contextFor(const Invocation& invocation, std::chrono::seconds timeout);

// Every page of a list RPC merged into `all`, whose next_page_token is then empty. `call(context,
// request, page)` asks for one page; each page gets a fresh context with `timeout`. Returns the
// first failed page's status.
template <typename Request, typename Response, typename Call>
grpc::Status allPages(const Invocation& invocation, std::chrono::seconds timeout, Request request, Response* all,
                      const Call& call) {
  constexpr int kPageSize = 1000;  // The most the server gives: the fewest round trips.
  all->Clear();
  request.set_page_size(kPageSize);
  do {
    auto context = contextFor(invocation, timeout);
    Response page;
    if (grpc::Status status = call(context.get(), request, &page); !status.ok()) return status;
    request.set_page_token(page.next_page_token());
    all->MergeFrom(page);
  } while (!request.page_token().empty());
  all->clear_next_page_token();
  return grpc::Status::OK;
}

// Prints `message` as indented JSON with the proto's field names.
void printJson(const Invocation& invocation, const google::protobuf::Message& message);

// Fetches the event into `event` and shows times in its zone from now on, as the organisers read
// them. FAILED_PRECONDITION when this machine's time zone data lacks the event's zone.
grpc::Status useEventTimeZone(Invocation& invocation, lanyard::v1::GetEventResponse* event);

// A file of personal data, written as PATH.part beside PATH, readable by its owner only (0600),
// and renamed over PATH only once complete: PATH is whole or as it was. The .part is made anew, so
// that neither a leftover one nor a link in its place lends it another mode or destination; it is
// removed unless committed.
class PrivateFile {
 public:
  explicit PrivateFile(std::string path) : m_path(std::move(path)), m_partPath(m_path + ".part") {}
  PrivateFile(const PrivateFile&) = delete;
  PrivateFile& operator=(const PrivateFile&) = delete;
  ~PrivateFile();

  // Creates the .part; "" or what went wrong ("cannot write PATH.part: ...").
  std::string open();
  // Where to write, once open() succeeded.
  std::ofstream& stream() { return m_stream; }
  // Closes the .part and renames it over PATH; "" or what went wrong.
  std::string commit();
  const std::string& partPath() const { return m_partPath; }

 private:
  std::string m_path;
  std::string m_partPath;
  std::ofstream m_stream;
  bool m_committed = false;
};

// Whether `text` is a whole positive number; if so it is in `out`.
bool parseId(const std::string& text, std::int64_t& out);

}  // namespace lanyard::cli
