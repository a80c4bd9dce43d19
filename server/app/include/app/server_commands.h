#pragma once

// lanyard-server's commands, run from their parsed options: each composes storage and rpc.

#include "app/server_options.h"

namespace lanyard::server::app {

// Blocks SIGTERM and SIGINT in the calling thread and in the threads it starts afterwards, so
// that only a serving command's own signal thread receives them. Call first in main(), before
// any thread starts.
void blockShutdownSignals();

// Runs `command` to its end, writing what it made (tokens, the demo's codes, "listening on") to
// stdout and its errors to stderr. serve and demo return once SIGTERM or SIGINT has stopped the
// server. Returns the process's exit code: 0; 2 for invalid input found only now (the server's
// TLS files, say); 1 for any other failure.
int runServerCommand(const ServerCommand& command);

}  // namespace lanyard::server::app
