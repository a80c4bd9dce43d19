#pragma once

// Child processes for the end-to-end tests: the real lanyard-server and lanyard binaries run with
// their output captured, every wait bounded by a deadline, and nothing left running afterwards.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace lanyard::e2e {

using Clock = std::chrono::steady_clock;

// How a child process ended.
struct ExitStatus {
  bool exited = false;  // True for a normal exit with `code`; false when `signal` killed it.
  int code = -1;
  int signal = 0;

  bool exitedWith(int expected) const { return exited && code == expected; }
  // "exit 1" or "killed by signal 9", for assertion messages.
  std::string describe() const;
};

// What to run.
struct ProcessOptions {
  // argv[0] is the executable's path; PATH is not searched.
  std::vector<std::string> argv;
  // Variables set for the child on top of this process's environment, which it inherits minus
  // every LANYARD_* variable (so a developer's shell cannot leak a server or token into a test).
  std::map<std::string, std::string> env;
  // Working directory; empty means this process's.
  std::filesystem::path workingDirectory;
  // The file the child reads as standard input; empty means /dev/null.
  std::filesystem::path stdinFile = {};
};

// A running child process with stdout and stderr captured in memory and stdin from a file or
// /dev/null.
//
// The child is killed (SIGKILL) and reaped by the destructor if it is still running, so a failed
// assertion never leaves a process behind; it also gets SIGKILL if the thread that started it
// dies (PR_SET_PDEATHSIG), so start children from the test's own thread, never from a worker
// thread that exits first. Methods may be called from any thread.
class ChildProcess {
 public:
  // Starts the child. Throws std::runtime_error if it cannot be started or exec fails.
  explicit ChildProcess(const ProcessOptions& options);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return m_pid; }

  // Sends `signal` (SIGTERM, SIGKILL...) unless the child has already been reaped.
  void sendSignal(int signal);

  // Waits until the child has exited, at most `timeout`; nullopt if it is still running then.
  // Once it has exited, also waits for its output to be read to the end.
  std::optional<ExitStatus> waitForExit(Clock::duration timeout);

  // Waits until `matches(stdout so far)` is true, stdout is closed (the child exited) or
  // `timeout` passes; returns whether it matched.
  bool waitForStdout(const std::function<bool(const std::string&)>& matches, Clock::duration timeout);
  // The same for stderr.
  bool waitForStderr(const std::function<bool(const std::string&)>& matches, Clock::duration timeout);

  // Everything read so far.
  std::string stdoutText() const;
  std::string stderrText() const;

 private:
  struct Stream {
    int fd = -1;
    std::string text;
    bool closed = false;
    std::thread reader;
  };

  void readUntilClosed(Stream& stream);
  bool waitFor(const Stream& stream, const std::function<bool(const std::string&)>& matches, Clock::duration timeout);
  // Reaps the child if it has exited within `timeout`; true when it has been reaped.
  bool reap(Clock::duration timeout);

  pid_t m_pid = -1;
  int m_pidFd = -1;  // pidfd_open() of the child, or -1 where the kernel has none.
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  Stream m_stdout;
  Stream m_stderr;
  std::optional<ExitStatus> m_exit;  // Set once reaped.
};

// The result of a command run to completion.
struct CommandResult {
  ExitStatus status;
  std::string out;
  std::string err;
};

// Runs a command to completion. If it has not finished after `timeout` it is killed and the
// result says so (signal 9) with whatever it printed.
CommandResult runCommand(const ProcessOptions& options, Clock::duration timeout = std::chrono::seconds(30));

// Runs `SERVER init --db DB --event NAME EXTRA...` (a new event file) to completion and returns the
// admin token it prints. Throws std::runtime_error with the command's status and output when it
// fails or prints no token.
std::string initEvent(const std::string& serverBinary, const std::filesystem::path& db, const std::string& eventName,
                      const std::vector<std::string>& extra = {}, Clock::duration timeout = std::chrono::seconds(30));

// What runs `SERVER serve --db DB EXTRA...`: on 127.0.0.1:0 unless EXTRA has a --listen of its own.
ProcessOptions serveOptions(const std::string& serverBinary, const std::filesystem::path& db,
                            const std::vector<std::string>& extra = {});

// A lanyard-server (`serve` or `demo`) running as a child process, ready once it has printed
// `listening on HOST:PORT`.
class ServerProcess {
 public:
  // Starts the server and waits up to `timeout` for its listening line. Throws std::runtime_error
  // (with the server's stderr) if it exits or stays silent instead; the child is killed then.
  ServerProcess(const ProcessOptions& options, Clock::duration timeout = std::chrono::seconds(20));

  int port() const { return m_port; }
  // "127.0.0.1:PORT": where a client on this machine connects, whatever address it listens on.
  std::string loopbackAddress() const;
  ChildProcess& process() { return *m_process; }

  // Sends SIGTERM and waits up to `timeout` for the exit.
  std::optional<ExitStatus> terminate(Clock::duration timeout = std::chrono::seconds(15));
  // Sends SIGKILL and waits for the exit.
  std::optional<ExitStatus> kill(Clock::duration timeout = std::chrono::seconds(15));

 private:
  std::unique_ptr<ChildProcess> m_process;
  int m_port = 0;
};

}  // namespace lanyard::e2e
