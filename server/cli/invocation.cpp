#include "cli/invocation.h"

#include <fcntl.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <filesystem>
#include <ostream>
#include <sstream>

#include "lanyard/v1/event_service.grpc.pb.h"
#include "lanyard/v1/types.pb.h"

namespace lanyard::cli {

std::string option(const Invocation& invocation, const std::string& name, const std::string& fallback) {
  auto found = invocation.options.find(name);
  return found == invocation.options.end() ? fallback : found->second;
}

int usageError(const Invocation& invocation, const std::string& message) {
  *invocation.err << "lanyard: " << message << "\n(see lanyard --help)\n";
  return kUsageError;
}

const char* roleName(lanyard::v1::Role role) {
  switch (role) {
    case lanyard::v1::ROLE_KIOSK:
      return "kiosk";
    case lanyard::v1::ROLE_ORGANISER:
      return "organiser";
    case lanyard::v1::ROLE_DESK:
      return "desk";
    case lanyard::v1::ROLE_ADMIN:
      return "admin";
    default:
      return "?";
  }
}

const char* codeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "ERROR";
  }
}

std::string localTime(std::int64_t timeUs, const absl::TimeZone& zone, const char* format) {
  if (timeUs == 0) return "-";
  return absl::FormatTime(format, absl::FromUnixMicros(timeUs), zone);
}

std::string counted(std::int64_t count, const std::string& singular, const std::string& plural) {
  return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

std::string unreachableHint(const Invocation& invocation) {
  // A plaintext call to a TLS server, and a TLS call to a plaintext one, fail as "unavailable" too.
  if (invocation.options.count("tls") != 0 || invocation.options.count("ca-cert") != 0) {
    return "lanyard: is lanyard-server running and reachable at that address, serving TLS with a certificate "
           "for that name from a CA you trust (--ca-cert FILE)?";
  }
  return "lanyard: is lanyard-server running and reachable at that address? If it serves TLS, add --tls (and "
         "--ca-cert FILE when your own CA signed its certificate).";
}

int reportFailure(const Invocation& invocation, const grpc::Status& status) {
  *invocation.err << "lanyard: " << codeName(status.error_code()) << ": " << status.error_message() << "\n";
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) *invocation.err << unreachableHint(invocation) << "\n";
  return kCallFailed;
}

std::unique_ptr<grpc::ClientContext> contextFor(const Invocation& invocation, std::chrono::seconds timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + invocation.token);
  context->set_deadline(std::chrono::system_clock::now() + timeout);
  return context;
}

void printJson(const Invocation& invocation, const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  *invocation.out << json;
}

grpc::Status useEventTimeZone(Invocation& invocation, lanyard::v1::GetEventResponse* event) {
  auto stub = lanyard::v1::EventService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(10));
  grpc::Status status = stub->GetEvent(context.get(), lanyard::v1::GetEventRequest(), event);
  if (!status.ok()) return status;
  if (!absl::LoadTimeZone(event->time_zone(), &invocation.zone)) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                        "this machine's time zone data has no \"" + event->time_zone() +
                            "\", the event's time zone (install or update tzdata)");
  }
  return grpc::Status::OK;
}

PrivateFile::~PrivateFile() {
  if (m_committed) return;
  m_stream.close();
  std::error_code ignored;
  std::filesystem::remove(m_partPath, ignored);
}

std::string PrivateFile::open() {
  std::error_code ignored;
  std::filesystem::remove(m_partPath, ignored);
  const int created = ::open(m_partPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (created < 0) {
    const std::error_code error(errno, std::generic_category());
    return "cannot write " + m_partPath + ": " + error.message();
  }
  ::close(created);
  m_stream.open(m_partPath, std::ios::binary | std::ios::trunc);
  if (!m_stream) {
    const std::error_code error(errno, std::generic_category());
    return "cannot write " + m_partPath + ": " + error.message();
  }
  return "";
}

std::string PrivateFile::commit() {
  m_stream.close();
  if (!m_stream) return "cannot finish writing " + m_partPath;
  std::error_code renamed;
  std::filesystem::rename(m_partPath, m_path, renamed);
  if (renamed) return "cannot rename " + m_partPath + " to " + m_path + ": " + renamed.message();
  m_committed = true;
  return "";
}

bool parseId(const std::string& text, std::int64_t& out) {
  try {
    std::size_t used = 0;
    out = std::stoll(text, &used);
    return used == text.size() && out > 0;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace lanyard::cli
