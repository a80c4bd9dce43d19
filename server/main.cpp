// lanyard-server: creates an event database and serves it over gRPC. Its command line becomes
// options (app/server_options.h), which a command runs (app/server_commands.h).

#include <malloc.h>
#include <sys/stat.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "app/server_commands.h"
#include "app/server_options.h"

namespace app = lanyard::server::app;

int main(int argc, char** argv) {
  // Before any thread starts, so that only the server's signal thread takes SIGTERM and SIGINT.
  app::blockShutdownSignals();
  // Debian's Abseil is built without NDEBUG, so every absl::Mutex (gRPC takes several per call)
  // kept a lock-order graph for deadlock detection: ~5% of the server's CPU under check-in load.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // glibc gives each new thread that meets a locked arena an arena of its own, up to 8 per core;
  // gRPC's many short-lived threads spread the heap over them and kept ~50 MB more resident at the
  // benchmark's peak (230 MB against 180 MB with one arena per core), at no gain in throughput.
  mallopt(M_ARENA_MAX, static_cast<int>(std::max(1U, std::thread::hardware_concurrency())));
  // The event file holds the badge signing key and people's personal data: what the server
  // creates (the file, its WAL, the demo's token list) is for the server's own user only.
  umask(0077);

  std::variant<app::ServerCommand, app::CommandLineStop> parsed =
      app::parseServerCommandLine(std::vector<std::string>(argv, argv + argc));
  if (const auto* stop = std::get_if<app::CommandLineStop>(&parsed)) {
    (stop->exitCode == 0 ? std::cout : std::cerr) << stop->output;
    return stop->exitCode;
  }
  return app::runServerCommand(std::get<app::ServerCommand>(parsed));
}
