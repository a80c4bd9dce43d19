#pragma once

#include <grpcpp/channel.h>

#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

// The `lanyard` CLI's commands: each is a gRPC call and a printer for its answer.
namespace lanyard::cli {

// What every command gets: the channel, the caller's token, the output style and its arguments.
struct Invocation {
  std::shared_ptr<grpc::Channel> channel;
  std::string token;
  bool json = false;
  std::vector<std::string> positional;          // After the command words.
  std::map<std::string, std::string> options;  // --name value, and "true" for switches.
  std::ostream* out;
  std::ostream* err;
};

// Runs `words` (e.g. {"token", "create"}); returns the process exit code: 0 on success, 1 when
// the server refused or failed, 2 for a usage error.
int runCommand(const std::vector<std::string>& words, Invocation& invocation);

// The command list for --help.
const char* usage();

}  // namespace lanyard::cli
