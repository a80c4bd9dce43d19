#include "rpc/malformed_requests.h"

#include <google/protobuf/stubs/logging.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <utility>

#include "domain/str_cat.h"

namespace lanyard::server::rpc {

namespace {

constexpr auto kProtobufLogInterval = std::chrono::seconds(10);

// The string field the last failed parse on this thread refused, from protobuf's log line; empty
// if none. Set by the log handler and read by the interceptor, both on the thread that parses the
// request (gRPC runs the POST_RECV_MESSAGE hook right after parsing, on the same thread).
thread_local std::string lastInvalidUtf8Field;

// The field named in protobuf's "String field 'lanyard.v1.X.y' contains invalid UTF-8 data when
// parsing a protocol buffer. ..." line; empty for any other line.
std::string invalidUtf8FieldIn(const std::string& message) {
  constexpr std::string_view kPrefix = "String field '";
  if (message.rfind(kPrefix, 0) != 0 || message.find("invalid UTF-8 data when parsing") == std::string::npos) {
    return {};
  }
  const std::size_t end = message.find('\'', kPrefix.size());
  return end == std::string::npos ? std::string() : message.substr(kPrefix.size(), end - kPrefix.size());
}

void limitedProtobufLog(google::protobuf::LogLevel level, const char* filename, int line, const std::string& message) {
  if (std::string field = invalidUtf8FieldIn(message); !field.empty()) lastInvalidUtf8Field = std::move(field);

  static std::mutex mutex;
  static std::chrono::steady_clock::time_point nextLine;
  static long suppressed = 0;
  static const char* const kLevelNames[] = {"INFO", "WARNING", "ERROR", "FATAL"};
  std::string left;
  {
    std::lock_guard lock(mutex);
    const auto now = std::chrono::steady_clock::now();
    if (level != google::protobuf::LOGLEVEL_FATAL && now < nextLine) {
      ++suppressed;
      return;
    }
    nextLine = now + kProtobufLogInterval;
    if (suppressed > 0) left = strCat(" (", suppressed, " more protobuf log lines were left out before this one)");
    suppressed = 0;
  }
  std::fprintf(stderr, "[libprotobuf %s %s:%d] %s%s\n", kLevelNames[level], filename, line, message.c_str(),
               left.c_str());
  std::fflush(stderr);
}

// See MalformedRequestInterceptorFactory.
class MalformedRequestInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit MalformedRequestInterceptor(const char* method) : m_method(method) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      // gRPC hands on no message when parsing failed, and the handler does not run.
      if (methods->GetRecvMessage() == nullptr) m_problem = malformedRequestMessage(m_method);
      lastInvalidUtf8Field.clear();
    }
    if (!m_problem.empty() && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      methods->ModifySendStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, m_problem));
    }
    methods->Proceed();
  }

 private:
  const char* m_method;
  std::string m_problem;  // Empty while the request parsed.
};

}  // namespace

grpc::experimental::Interceptor* MalformedRequestInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  // Streams read their messages one by one, and their end reads as "no message" too.
  using Type = grpc::experimental::ServerRpcInfo::Type;
  if (info->type() != Type::UNARY && info->type() != Type::SERVER_STREAMING) return nullptr;
  return new MalformedRequestInterceptor(info->method());
}

void limitProtobufLog() {
  static std::once_flag once;
  std::call_once(once, [] { google::protobuf::SetLogHandler(&limitedProtobufLog); });
}

std::string malformedRequestMessage(std::string_view method) {
  const std::string field = takeInvalidUtf8Field();
  return field.empty() ? strCat("request is not valid protobuf: truncated or malformed bytes for ", method)
                       : strCat("request is not valid protobuf: string field ", field, " holds invalid UTF-8");
}

std::string takeInvalidUtf8Field() { return std::exchange(lastInvalidUtf8Field, std::string()); }

}  // namespace lanyard::server::rpc
