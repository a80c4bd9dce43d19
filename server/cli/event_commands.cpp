#include "cli/event_commands.h"

#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <string>

#include "lanyard/v1/event_service.grpc.pb.h"

namespace lanyard::cli {

namespace v1 = lanyard::v1;

namespace {

// Turns a terminal's echo off until destroyed; does nothing when standard input is no terminal.
class EchoOff {
 public:
  EchoOff() {
    if (::tcgetattr(STDIN_FILENO, &m_saved) != 0) return;
    termios quiet = m_saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    m_active = ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
  }
  ~EchoOff() {
    if (m_active) ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios m_saved{};
  bool m_active = false;
};

// The new staff PIN from standard input, so it shows neither on screen nor in the shell's history:
// asked for twice without echo on a terminal, one line otherwise (a pipe or a file). Empty when
// none was given or the two entries differ, after saying so.
std::string readNewStaffPin(const Invocation& invocation) {
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  const auto ask = [&](const char* prompt) {
    if (terminal) *invocation.err << prompt << std::flush;
    std::string line;
    {
      const EchoOff quiet;
      std::getline(std::cin, line);
    }
    if (terminal) *invocation.err << "\n";
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  };
  std::string pin = ask("New staff PIN (4 to 12 digits): ");
  if (pin.empty()) {
    *invocation.err << "lanyard: no staff PIN given on standard input\n";
    return {};
  }
  if (terminal && ask("The same PIN again: ") != pin) {
    *invocation.err << "lanyard: the two PINs differ; nothing changed\n";
    return {};
  }
  return pin;
}

}  // namespace

int runEvent(Invocation& invocation) {
  v1::GetEventResponse event;
  grpc::Status status = useEventTimeZone(invocation, &event);
  if (!status.ok()) return reportFailure(invocation, status);
  if (invocation.json) {
    printJson(invocation, event);
    return 0;
  }
  std::ostream& out = *invocation.out;
  out << event.name() << "\n  venue:     " << event.venue() << "\n  dates:     " << event.start_date() << " to "
      << event.end_date() << " (" << event.time_zone() << ")\n  language:  " << event.default_language()
      << "\n  name check-in proof: " << event.name_check_in_proof()
      << "\n  kiosk staff mode: " << (event.staff_mode() ? "on (a staff PIN is set)" : "off (no staff PIN)")
      << "\n  categories:";
  for (const v1::Category& category : event.categories()) out << " " << category.name();
  out << "\n  this device: " << event.device_name() << " (" << roleName(event.device_role()) << ")\n";
  return 0;
}

int runSessions(Invocation& invocation) {
  v1::GetEventResponse event;
  if (grpc::Status status = useEventTimeZone(invocation, &event); !status.ok()) {
    return reportFailure(invocation, status);
  }
  auto stub = v1::EventService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(30));
  v1::ListSessionsResponse response;
  grpc::Status status = stub->ListSessions(context.get(), v1::ListSessionsRequest(), &response);
  if (!status.ok()) return reportFailure(invocation, status);
  if (invocation.json) {
    printJson(invocation, response);
    return 0;
  }
  for (const v1::Session& s : response.sessions()) {
    *invocation.out << "#" << s.id() << "  " << localTime(invocation, s.start_time_us()).substr(0, 16) << " - "
                    << localTime(invocation, s.end_time_us()).substr(11, 5) << "  " << s.title() << "\n      "
                    << s.room() << ", inside " << s.inside_now() << "/"
                    << (s.capacity() == 0 ? "unlimited" : std::to_string(s.capacity()))
                    << (s.registration_required()
                            ? ", registration required (" + std::to_string(s.registered()) + " registered)"
                            : "")
                    << "\n";
  }
  return 0;
}

int runStaffPin(Invocation& invocation) {
  const bool off = invocation.options.count("off") != 0;
  if (invocation.positional.size() > 1 || (off && !invocation.positional.empty())) {
    return usageError(invocation, "usage: lanyard staff-pin [PIN] | --off");
  }
  v1::SetStaffPinRequest request;
  if (!off) {
    const std::string pin = invocation.positional.empty() ? readNewStaffPin(invocation) : invocation.positional[0];
    if (pin.empty()) return 2;
    request.set_pin(pin);
  }
  auto stub = v1::EventService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(30));
  v1::SetStaffPinResponse response;
  grpc::Status status = stub->SetStaffPin(context.get(), request, &response);
  if (!status.ok()) return reportFailure(invocation, status);
  if (invocation.json) {
    printJson(invocation, response);
  } else {
    *invocation.out << (off ? "staff PIN removed: kiosks have no staff mode\n"
                            : "staff PIN set: kiosks open their staff mode with it\n");
  }
  return 0;
}

}  // namespace lanyard::cli
