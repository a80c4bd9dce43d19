#include "cli/commands.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "cli/conflicts_command.h"
#include "cli/delegate_commands.h"
#include "cli/event_commands.h"
#include "cli/export_command.h"
#include "cli/import_command.h"
#include "cli/token_command.h"
#include "cli/watch_command.h"
#include "domain/str_cat.h"

namespace lanyard::cli {

namespace {

const char kUsage[] = R"(Usage: lanyard [--server HOST:PORT] [--token TOKEN] [--json] [--tls] [--ca-cert FILE] COMMAND

The server and token may also come from LANYARD_SERVER and LANYARD_TOKEN.

Commands:
  event                                  the event, its categories and this device
  sessions                               sessions with live occupancy
  import delegates FILE                  import delegates from CSV (Lanyard, pretix or Indico headers)
  import sessions FILE                   import sessions from CSV
  search TEXT [--limit N]                accent- and script-insensitive name search
  checkin CODE [--session ID] [--out]    check a badge or ticket code in (or out)
  checkin --delegate ID [--proof TEXT] [--session ID] [--out]
                                         check in a delegate found by name
  delegate show ID | --code CODE | --ref REF
  delegate export ID [-o FILE]           everything held about a delegate, as JSON, for their request
                                         (organiser or admin token; the file is readable by you only)
  delegate add --given NAME --family NAME --category C [--latin-name TEXT] [--email E] [--organisation O]
               [--city C] [--country CC] [--language xx] [--notes TEXT] [--ticket-code CODE] [--ref REF]
               [--allow-duplicate]       without it, refused when the event has the e-mail or name already
                                         --latin-name: the delegate's own spelling of their full name in
                                         Latin letters, searched and printed on the badge beneath a name
                                         in another script
  delegate correct ID [--given NAME] [--family NAME] [--latin-name TEXT] [--organisation O] [--email E] ...
  delegate cancel ID | delegate reinstate ID
  delegate reissue ID                    new badge code; the old one stops working
  codes                                  every active delegate's badge code, as CSV for mailing
  staff-pin [PIN] | --off                set the PIN (4 to 12 digits) that opens kiosks' staff mode (asked
                                         for on standard input when not given), or remove it
  token create --role kiosk|organiser|desk|admin --name NAME
  token list
  token revoke NAME | --id ID
  watch [--after N] [--limit N]          live attendance feed; resumes by itself after a dropped connection
  stats                                  attendance summary: registered, checked in, inside now, sessions, kiosks,
                                         conflicts
  conflicts [--unseen]                   what kiosks admitted offline that the server would have refused, newest
                                         first
  conflicts seen ID                      mark a conflict seen (who and when are recorded)
  export [--format csv|xlsx] [--status all|checked-in|absent] [--session ID] [--category C]
         [--delimiter ';'] [--bom] [--scan-log] -o FILE
                                         attendee list or full scan log; CSV for European Excel with --bom --delimiter ';'

Exit status: 0 on success, 1 when the server refused or failed, 2 for a usage error.
)";

}  // namespace

const char* usage() { return kUsage; }

// Options every command takes.
const std::set<std::string> kGlobalOptions = {"server", "token", "json", "tls", "ca-cert", "help"};
// The options of each command. Any other is a usage error, so that a misspelt filter cannot
// quietly export every attendee.
const std::map<std::string, std::set<std::string>> kCommandOptions = {
    {"event", {}},
    {"sessions", {}},
    {"import", {}},
    {"search", {"limit"}},
    {"checkin", {"session", "out", "delegate", "proof", "request-id"}},
    {"delegate",
     [] {
       std::set<std::string> options = delegateFieldOptions();
       options.insert("code");             // delegate show --code
       options.insert("allow-duplicate");  // delegate add
       options.insert("output");           // delegate export -o
       return options;
     }()},
    {"codes", {}},
    {"token", {"role", "name", "id"}},
    {"staff-pin", {"off"}},
    {"export", {"format", "status", "session", "category", "delimiter", "bom", "scan-log", "output"}},
    {"watch", {"after", "limit"}},
    {"stats", {}},
    {"conflicts", {"unseen"}},
};
const std::set<std::string> kSwitches = {"json",  "tls", "help", "out", "off", "bom", "scan-log", "allow-duplicate",
                                         "unseen"};

bool isOption(const std::string& name) {
  if (kGlobalOptions.count(name) != 0) return true;
  return std::any_of(kCommandOptions.begin(), kCommandOptions.end(),
                     [&](const auto& command) { return command.second.count(name) != 0; });
}

bool isSwitch(const std::string& name) { return kSwitches.count(name) != 0; }

int runCommand(const std::vector<std::string>& words, Invocation& invocation) {
  const std::string& command = words.front();
  invocation.positional.assign(words.begin() + 1, words.end());
  const auto options = kCommandOptions.find(command);
  if (options == kCommandOptions.end()) return usageError(invocation, "unknown command \"" + command + "\"");
  for (const auto& [name, value] : invocation.options) {
    if (kGlobalOptions.count(name) == 0 && options->second.count(name) == 0) {
      return usageError(invocation, strCat("lanyard ", command, " has no option --", name));
    }
  }
  if (command == "event") return runEvent(invocation);
  if (command == "sessions") return runSessions(invocation);
  if (command == "import") return runImport(invocation);
  if (command == "search") return runSearch(invocation);
  if (command == "checkin") return runCheckIn(invocation);
  if (command == "delegate") return runDelegate(invocation);
  if (command == "codes") return runCodes(invocation);
  if (command == "token") return runToken(invocation);
  if (command == "staff-pin") return runStaffPin(invocation);
  if (command == "export") return runExport(invocation);
  if (command == "watch") return runWatch(invocation);
  if (command == "conflicts") return runConflicts(invocation);
  return runStats(invocation);
}

}  // namespace lanyard::cli
