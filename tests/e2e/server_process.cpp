#include "server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <regex>
#include <stdexcept>

extern char** environ;

namespace lanyard::e2e {

namespace {

std::string errnoText(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

int millisecondsUntil(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1'000'000));
}

void closeFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// The child's environment: ours without LANYARD_*, then `extra`.
std::vector<std::string> childEnvironment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const std::string name = text.substr(0, text.find('='));
    if (name.rfind("LANYARD_", 0) == 0 || extra.count(name) != 0) continue;
    env.push_back(text);
  }
  for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (std::string& s : strings) result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}

ExitStatus decode(int status) {
  ExitStatus result;
  if (WIFEXITED(status)) {
    result.exited = true;
    result.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

}  // namespace

std::string ExitStatus::describe() const {
  return exited ? "exit " + std::to_string(code) : "killed by signal " + std::to_string(signal);
}

ChildProcess::ChildProcess(const ProcessOptions& options) {
  if (options.argv.empty()) throw std::invalid_argument("ChildProcess needs argv[0]");
  // Everything the child needs is prepared before fork(): between fork() and exec() a child of a
  // multi-threaded process may only make async-signal-safe calls.
  std::vector<std::string> argvStrings = options.argv;
  std::vector<std::string> envStrings = childEnvironment(options.env);
  std::vector<char*> argv = pointers(argvStrings);
  std::vector<char*> envp = pointers(envStrings);
  const std::string directory = options.workingDirectory.string();

  int out[2], err[2], execError[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error(errnoText("pipe2"));
  if (::pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error(errnoText("pipe2"));
  if (::pipe2(execError, O_CLOEXEC) != 0) throw std::runtime_error(errnoText("pipe2"));
  const std::string input = options.stdinFile.empty() ? "/dev/null" : options.stdinFile.string();
  const int stdinFd = ::open(input.c_str(), O_RDONLY | O_CLOEXEC);
  if (stdinFd < 0) throw std::runtime_error(errnoText(("open " + input).c_str()));
  const pid_t parent = ::getpid();

  m_pid = ::fork();
  if (m_pid < 0) throw std::runtime_error(errnoText("fork"));
  if (m_pid == 0) {
    // Die with the test, whatever way it ends.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::dup2(stdinFd, STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    if (!directory.empty() && ::chdir(directory.c_str()) != 0) {
      const int error = errno;
      (void)!::write(execError[1], &error, sizeof error);
      ::_exit(127);
    }
    ::execve(argv[0], argv.data(), envp.data());
    const int error = errno;
    (void)!::write(execError[1], &error, sizeof error);
    ::_exit(127);
  }

  ::close(stdinFd);
  ::close(out[1]);
  ::close(err[1]);
  ::close(execError[1]);
  int childErrno = 0;
  ssize_t got;
  do {
    got = ::read(execError[0], &childErrno, sizeof childErrno);
  } while (got < 0 && errno == EINTR);
  ::close(execError[0]);
  if (got > 0) {
    ::close(out[0]);
    ::close(err[0]);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    throw std::runtime_error("cannot run " + options.argv[0] + ": " + std::strerror(childErrno));
  }

  m_pidFd = static_cast<int>(::syscall(SYS_pidfd_open, m_pid, 0));
  m_stdout.fd = out[0];
  m_stderr.fd = err[0];
  m_stdout.reader = std::thread([this] { readUntilClosed(m_stdout); });
  m_stderr.reader = std::thread([this] { readUntilClosed(m_stderr); });
}

ChildProcess::~ChildProcess() {
  if (m_pid > 0) {
    if (!reap(Clock::duration::zero())) {
      ::kill(m_pid, SIGKILL);
      reap(std::chrono::seconds(30));
    }
  }
  // The pipes close when the child is gone (our children do not fork).
  for (Stream* stream : {&m_stdout, &m_stderr}) {
    if (stream->reader.joinable()) stream->reader.join();
    closeFd(stream->fd);
  }
  closeFd(m_pidFd);
}

void ChildProcess::readUntilClosed(Stream& stream) {
  char buffer[4096];
  while (true) {
    const ssize_t got = ::read(stream.fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    std::lock_guard lock(m_mutex);
    if (got <= 0) {
      stream.closed = true;
      m_changed.notify_all();
      return;
    }
    stream.text.append(buffer, static_cast<std::size_t>(got));
    m_changed.notify_all();
  }
}

bool ChildProcess::reap(Clock::duration timeout) {
  {
    std::lock_guard lock(m_mutex);
    if (m_exit) return true;
  }
  const Clock::time_point deadline = Clock::now() + timeout;
  int status = 0;
  if (m_pidFd >= 0) {
    pollfd ready{m_pidFd, POLLIN, 0};
    int polled;
    do {
      polled = ::poll(&ready, 1, millisecondsUntil(deadline));
    } while (polled < 0 && errno == EINTR);
    if (polled <= 0) return false;
    if (::waitpid(m_pid, &status, 0) != m_pid) return false;
  } else {
    // No pidfd (a kernel before 5.3): check for the exit every 2 ms until the deadline.
    while (::waitpid(m_pid, &status, WNOHANG) == 0) {
      if (Clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  std::lock_guard lock(m_mutex);
  m_exit = decode(status);
  m_changed.notify_all();
  return true;
}

void ChildProcess::sendSignal(int signal) {
  std::lock_guard lock(m_mutex);
  if (!m_exit && m_pid > 0) ::kill(m_pid, signal);
}

std::optional<ExitStatus> ChildProcess::waitForExit(Clock::duration timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  if (!reap(timeout)) return std::nullopt;
  std::unique_lock lock(m_mutex);
  m_changed.wait_until(lock, deadline + std::chrono::seconds(5), [this] { return m_stdout.closed && m_stderr.closed; });
  return m_exit;
}

bool ChildProcess::waitFor(const Stream& stream, const std::function<bool(const std::string&)>& matches,
                           Clock::duration timeout) {
  std::unique_lock lock(m_mutex);
  m_changed.wait_for(lock, timeout, [&] { return matches(stream.text) || stream.closed; });
  return matches(stream.text);
}

bool ChildProcess::waitForStdout(const std::function<bool(const std::string&)>& matches, Clock::duration timeout) {
  return waitFor(m_stdout, matches, timeout);
}

bool ChildProcess::waitForStderr(const std::function<bool(const std::string&)>& matches, Clock::duration timeout) {
  return waitFor(m_stderr, matches, timeout);
}

std::string ChildProcess::stdoutText() const {
  std::lock_guard lock(m_mutex);
  return m_stdout.text;
}

std::string ChildProcess::stderrText() const {
  std::lock_guard lock(m_mutex);
  return m_stderr.text;
}

CommandResult runCommand(const ProcessOptions& options, Clock::duration timeout) {
  ChildProcess child(options);
  std::optional<ExitStatus> status = child.waitForExit(timeout);
  if (!status) {
    child.sendSignal(SIGKILL);
    status = child.waitForExit(std::chrono::seconds(30));
  }
  return {status.value_or(ExitStatus{}), child.stdoutText(), child.stderrText()};
}

std::string initEvent(const std::string& serverBinary, const std::filesystem::path& db, const std::string& eventName,
                      const std::vector<std::string>& extra, Clock::duration timeout) {
  std::vector<std::string> argv = {serverBinary, "init", "--db", db.string(), "--event", eventName};
  argv.insert(argv.end(), extra.begin(), extra.end());
  const CommandResult init = runCommand({argv, {}, {}}, timeout);
  std::smatch match;
  static const std::regex kTokenLine(R"(admin token: (\S+))");
  if (!init.status.exitedWith(0) || !std::regex_search(init.out, match, kTokenLine)) {
    throw std::runtime_error("lanyard-server init: " + init.status.describe() + "\n" + init.out + init.err);
  }
  return match[1].str();
}

ProcessOptions serveOptions(const std::string& serverBinary, const std::filesystem::path& db,
                            const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {serverBinary, "serve", "--db", db.string()};
  if (std::find(extra.begin(), extra.end(), "--listen") == extra.end()) {
    argv.insert(argv.end(), {"--listen", "127.0.0.1:0"});
  }
  argv.insert(argv.end(), extra.begin(), extra.end());
  return {argv, {}, {}};
}

namespace {

const std::regex kListeningLine(R"((?:^|\n)listening on (\S+):(\d+)\r?\n)");

}  // namespace

ServerProcess::ServerProcess(const ProcessOptions& options, Clock::duration timeout)
    : m_process(std::make_unique<ChildProcess>(options)) {
  const auto listening = [](const std::string& text) { return std::regex_search(text, kListeningLine); };
  if (!m_process->waitForStdout(listening, timeout)) {
    m_process->sendSignal(SIGKILL);
    const std::optional<ExitStatus> status = m_process->waitForExit(std::chrono::seconds(30));
    throw std::runtime_error("lanyard-server did not print `listening on HOST:PORT` (" +
                             (status ? status->describe() : std::string("still running")) + ")\nstdout:\n" +
                             m_process->stdoutText() + "\nstderr:\n" + m_process->stderrText());
  }
  std::smatch match;
  const std::string out = m_process->stdoutText();
  std::regex_search(out, match, kListeningLine);
  m_port = std::stoi(match[2].str());
}

std::string ServerProcess::loopbackAddress() const { return "127.0.0.1:" + std::to_string(m_port); }

std::optional<ExitStatus> ServerProcess::terminate(Clock::duration timeout) {
  m_process->sendSignal(SIGTERM);
  return m_process->waitForExit(timeout);
}

std::optional<ExitStatus> ServerProcess::kill(Clock::duration timeout) {
  m_process->sendSignal(SIGKILL);
  return m_process->waitForExit(timeout);
}

}  // namespace lanyard::e2e
