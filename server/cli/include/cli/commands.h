#pragma once

#include <string>
#include <vector>

#include "cli/invocation.h"

// The `lanyard` CLI's commands: each is a gRPC call and a printer for its answer.
namespace lanyard::cli {

// Runs `words` (e.g. {"token", "create"}); returns the process exit code: 0 on success, 1 when
// the server refused or failed, 2 for a usage error.
int runCommand(const std::vector<std::string>& words, Invocation& invocation);

// The command list for --help.
const char* usage();

// Whether `--name` is an option of some command or of every command.
bool isOption(const std::string& name);
// Whether `--name` takes no value.
bool isSwitch(const std::string& name);

}  // namespace lanyard::cli
