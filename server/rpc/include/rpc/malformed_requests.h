#pragma once

#include <grpcpp/support/server_interceptor.h>

#include <string>
#include <string_view>

// Requests protobuf cannot parse: truncated bytes, or a proto3 string field that is not UTF-8.
// gRPC parses a request before any handler or token check runs; on failure it answers INTERNAL
// (synchronous methods) or UNIMPLEMENTED (callback methods) with no message, and protobuf logs a
// line for each. The interceptor below answers INVALID_ARGUMENT saying what was wrong instead, and
// the log limiter keeps such lines from filling the disk.
namespace lanyard::server::rpc {

// Creates, for each call, an interceptor that replaces the status of a call whose request did not
// parse with INVALID_ARGUMENT: "request is not valid protobuf: string field
// lanyard.v1.CheckInRequest.code holds invalid UTF-8", or "...: truncated or malformed bytes for
// METHOD" when protobuf named no field. Only methods with a single request message are affected.
class MalformedRequestInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override;
};

// Routes protobuf's log (to stderr, in protobuf's own format) through a limiter: at most one line
// per 10 seconds, the next printed line counting those left out; FATAL lines always pass. Also
// notes, for the interceptor above, which string field a failed parse on this thread refused.
// Process-wide and idempotent; call before serving.
void limitProtobufLog();

// What was wrong with the request that just failed to parse on this thread, as
// MalformedRequestInterceptorFactory says it: "request is not valid protobuf: ...". For methods that
// parse their request themselves.
std::string malformedRequestMessage(std::string_view method);

// The string field whose invalid UTF-8 failed the last parse on this thread, which is then
// forgotten; empty if none (or if limitProtobufLog was never called). For handlers that read a
// client stream: gRPC ends their stream at a message it cannot parse, on the reading thread.
std::string takeInvalidUtf8Field();

}  // namespace lanyard::server::rpc
