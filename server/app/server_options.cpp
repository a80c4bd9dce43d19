#include "app/server_options.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "app/event_database.h"
#include "domain/event_time.h"
#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::app {

namespace {

using lanyard::strCat;
using Parsed = std::variant<ServerCommand, CommandLineStop>;

constexpr char kUsage[] = R"(Usage:
  lanyard-server init --db DATABASE --event NAME [--venue TEXT] [--time-zone ZONE]
                      [--start-date YYYY-MM-DD] [--end-date YYYY-MM-DD] [--language xx]
                      [--name-proof email_prefix:N|off] [--grace-minutes N]
      Creates the event in a new database and prints `admin token: TOKEN`.
  lanyard-server serve [--config FILE] [--db DATABASE] [--listen HOST:PORT]
                       [--tls-cert FILE --tls-key FILE] [--insecure]
                       [--backup-every DURATION [--backup-dir DIR] [--backup-keep N]]
      Serves the event. Without TLS only loopback addresses are allowed unless --insecure.
      --backup-every (15m, 1h, 90s) backs a SQLite file up while it is served, into DIR
      (default: backups beside the file), keeping the newest N (default 24).
  lanyard-server demo [--db DATABASE] [--listen HOST:PORT] [--demo-dir DIR]
      Creates the demo conference (once) and serves it; prints tokens and sample codes.
  lanyard-server admin-token --db DATABASE --name NAME
      Adds an admin token to the event and prints it, for when every admin token is lost;
      a server of a SQLite file accepts it once restarted.
  lanyard-server migrate --from DATABASE --to DATABASE
      Copies the event, every row with its ids, into an empty database (SQLite to PostgreSQL
      or back), then compares the tables' row counts. Stop every server of --from first.
  lanyard-server backup --db FILE --to FILE
      Copies a SQLite event file, even while it is served, into a new file, and checks the copy.
  lanyard-server restore --from BACKUP --db FILE [--replace-unreadable]
      Checks BACKUP and puts it in place of FILE, which must hold the same event and not be
      served; the replaced file is kept as FILE.replaced-TIME.

DATABASE is a SQLite file's path (one server at a time) or a PostgreSQL database's address,
postgresql://[USER[:PASSWORD]@]HOST[:PORT]/NAME[?PARAMETERS] (several servers at once).
The config file holds `key = value` lines (db, listen, tls_cert, tls_key, insecure,
backup_every, backup_dir, backup_keep); flags win.
SIGTERM or SIGINT shuts down gracefully.
)";

// The options of each command; "insecure" and "help" take no value.
const std::map<std::string, std::set<std::string>> kCommandOptions = {
    {"init",
     {"db", "event", "venue", "time-zone", "start-date", "end-date", "language", "name-proof", "grace-minutes"}},
    {"serve",
     {"config", "db", "listen", "tls-cert", "tls-key", "insecure", "backup-every", "backup-dir", "backup-keep"}},
    {"demo", {"db", "listen", "demo-dir"}},
    {"admin-token", {"db", "name"}},
    {"migrate", {"from", "to"}},
    {"backup", {"db", "to"}},
    {"restore", {"from", "db", "replace-unreadable"}},
};

// Options that take no value.
const std::set<std::string> kSwitches = {"help", "insecure", "replace-unreadable"};

// The config file's keys and the options they stand for.
const std::map<std::string, std::string> kConfigKeys = {{"db", "db"},
                                                        {"listen", "listen"},
                                                        {"tls_cert", "tls-cert"},
                                                        {"tls_key", "tls-key"},
                                                        {"insecure", "insecure"},
                                                        {"backup_every", "backup-every"},
                                                        {"backup_dir", "backup-dir"},
                                                        {"backup_keep", "backup-keep"}};

// Options as --name value pairs (and bare --switches) after the command, each with where it was
// given, for an error about its value.
class Flags {
 public:
  std::string get(const std::string& name, const std::string& fallback = "") const {
    auto found = m_values.find(name);
    return found == m_values.end() ? fallback : found->second.value;
  }
  bool has(const std::string& name) const { return m_values.count(name) != 0; }
  // "--name" on the command line, "FILE:LINE: key" in the config file.
  std::string where(const std::string& name) const { return m_values.at(name).where; }
  void set(const std::string& name, std::string value, std::string where) {
    m_values[name] = Given{std::move(value), std::move(where)};
  }

 private:
  struct Given {
    std::string value;
    std::string where;
  };
  std::map<std::string, Given> m_values;
};

CommandLineStop usageError(absl::string_view message) {
  return CommandLineStop{2, strCat("lanyard-server: ", message, "\n")};
}

// A command run without an option it needs; `what` is "--db is", "--db and --event are"...
CommandLineStop missing(std::string_view command, std::string_view what) {
  return CommandLineStop{2, strCat("lanyard-server ", command, ": ", what, " required\n\n", kUsage)};
}

absl::StatusOr<Flags> parseFlags(const std::vector<std::string>& arguments, const std::set<std::string>& known) {
  Flags flags;
  const std::string& command = arguments[1];
  for (std::size_t i = 2; i < arguments.size(); ++i) {
    std::string arg = arguments[i];
    if (arg == "-h") arg = "--help";
    if (arg.rfind("--", 0) != 0) return absl::InvalidArgumentError(strCat("unexpected argument \"", arg, "\""));
    arg = arg.substr(2);
    const std::string name = arg.substr(0, arg.find('='));
    if (name != "help" && known.count(name) == 0) {
      return absl::InvalidArgumentError(strCat(command, " has no option --", name, " (see lanyard-server --help)"));
    }
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      flags.set(name, arg.substr(eq + 1), "--" + name);
    } else if (kSwitches.count(name) != 0) {
      flags.set(name, "true", "--" + name);
    } else if (i + 1 < arguments.size()) {
      flags.set(name, arguments[++i], "--" + name);
    } else {
      return absl::InvalidArgumentError(strCat("--", arg, " needs a value"));
    }
  }
  return flags;
}

// Reads `key = value` lines into flags that were not given on the command line; of a key given
// twice, the first line counts.
absl::Status applyConfig(const std::string& path, Flags& flags) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(strCat("cannot read config file ", path));
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string_view text = domain::trimAscii(line);
    if (text.empty() || text.front() == '#') continue;
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) {
      return absl::InvalidArgumentError(strCat(path, ":", number, ": expected `key = value`"));
    }
    const std::string key(domain::trimAscii(text.substr(0, eq)));
    const auto flag = kConfigKeys.find(key);
    if (flag == kConfigKeys.end()) {
      return absl::InvalidArgumentError(strCat(path, ":", number, ": unknown key \"", key, "\""));
    }
    if (!flags.has(flag->second)) {
      flags.set(flag->second, std::string(domain::trimAscii(text.substr(eq + 1))),
                strCat(path, ":", number, ": ", key));
    }
  }
  return absl::OkStatus();
}

// A yes/no option: true, yes or 1; false, no or 0; false when not given.
absl::StatusOr<bool> readSwitch(const Flags& flags, const std::string& name) {
  if (!flags.has(name)) return false;
  const std::string value = flags.get(name);
  if (value == "true" || value == "yes" || value == "1") return true;
  if (value == "false" || value == "no" || value == "0") return false;
  return absl::InvalidArgumentError(
      strCat(flags.where(name), " must be yes or no (or true/false, 1/0), not \"", value, "\""));
}

// A whole number from `min` to `max`, as `--name` (or the config key) gives it.
absl::StatusOr<int> readWholeNumber(const Flags& flags, const std::string& name, int min, int max) {
  const std::string value = flags.get(name);
  if (value.empty() || value.size() > 9 ||
      !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c) != 0; }) ||
      std::stoi(value) < min || std::stoi(value) > max) {
    return absl::InvalidArgumentError(
        strCat(flags.where(name), " must be a whole number from ", min, " to ", max, ", not \"", value, "\""));
  }
  return std::stoi(value);
}

// --backup-every, --backup-dir and --backup-keep (or their config keys) into `backups`. A
// duration is a whole number of seconds, minutes or hours: 90s, 15m, 1h.
absl::Status readBackupSchedule(const Flags& flags, const std::string& db, BackupScheduleOptions& backups) {
  if (!flags.has("backup-every")) {
    for (const char* name : {"backup-dir", "backup-keep"}) {
      if (flags.has(name)) return absl::InvalidArgumentError(strCat(flags.where(name), " needs backup_every too"));
    }
    return absl::OkStatus();
  }
  if (backendOf(db) == Backend::Postgres) {
    return absl::InvalidArgumentError(strCat(flags.where("backup-every"),
                                             ": scheduled backups are for a SQLite file; back a PostgreSQL "
                                             "database up with PostgreSQL's own tools (docs/operations.md)"));
  }
  const std::string every = flags.get("backup-every");
  const std::size_t digits = every.find_first_not_of("0123456789");
  const std::string unit = digits == std::string::npos ? "" : every.substr(digits);
  const int scale = unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : 0;
  if (digits == 0 || digits > 6 || scale == 0 || std::stoll(every.substr(0, digits)) == 0) {
    return absl::InvalidArgumentError(
        strCat(flags.where("backup-every"), " must be a duration such as 90s, 15m or 1h, not \"", every, "\""));
  }
  backups.every = std::chrono::seconds(std::stoll(every.substr(0, digits)) * scale);
  backups.dir = flags.get("backup-dir");
  if (flags.has("backup-keep")) {
    absl::StatusOr<int> keep = readWholeNumber(flags, "backup-keep", 1, 10000);
    if (!keep.ok()) return keep.status();
    backups.keep = *keep;
  }
  return absl::OkStatus();
}

// --listen (or the config's listen) into `server`, checked as the server will read it.
absl::Status readListen(const Flags& flags, rpc::ServerOptions& server) {
  if (!flags.has("listen")) return absl::OkStatus();
  server.listen = flags.get("listen");
  if (rpc::hasListenPort(server.listen)) return absl::OkStatus();
  return absl::InvalidArgumentError(strCat(flags.where("listen"), " ", server.listen, ": ", rpc::kListenForm));
}

// The event's time zone and dates (YYYY-MM-DD, noon of which is never skipped by a change of
// clocks), and that it does not end before it starts.
absl::Status checkEventCalendar(const domain::Event& event) {
  if (!domain::isValidTimeZone(event.timeZone)) {
    return absl::InvalidArgumentError(
        strCat("--time-zone: unknown time zone \"", event.timeZone, "\" (use an IANA name such as Europe/Prague)"));
  }
  for (const auto& [flag, date] :
       {std::pair{"--start-date", event.startDate}, std::pair{"--end-date", event.endDate}}) {
    if (date.empty()) continue;
    const bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-';
    absl::StatusOr<domain::TimeUs> noon = domain::parseLocalDateTime(date + " 12:00", event.timeZone);
    if (!shaped || !noon.ok()) {
      return absl::InvalidArgumentError(strCat(flag, " ", date, " is not a date YYYY-MM-DD",
                                               noon.ok() ? "" : strCat(" (", noon.status().message(), ")")));
    }
  }
  if (!event.startDate.empty() && event.endDate < event.startDate) {
    return absl::InvalidArgumentError(
        strCat("--end-date ", event.endDate, " is before --start-date ", event.startDate));
  }
  return absl::OkStatus();
}

Parsed parseInit(const Flags& flags) {
  if (!flags.has("db") || !flags.has("event")) return missing("init", "--db and --event are");
  InitOptions options;
  options.db = flags.get("db");
  domain::Event& event = options.event;
  event.name = flags.get("event");
  event.venue = flags.get("venue");
  event.timeZone = flags.get("time-zone", "Europe/Prague");
  event.startDate = flags.get("start-date");
  event.endDate = flags.get("end-date", event.startDate);
  event.defaultLanguage = flags.get("language", "en");
  if (!domain::NameCheckInProof::parse(flags.get("name-proof", "email_prefix:4"), event.nameCheckInProof)) {
    return usageError("--name-proof must be email_prefix:N (N from 1 to 32) or off");
  }
  const std::string grace = flags.get("grace-minutes", "15");
  if (grace.empty() || grace.size() > 4 ||
      !std::all_of(grace.begin(), grace.end(), [](unsigned char c) { return std::isdigit(c) != 0; }) ||
      std::stoi(grace) > 24 * 60) {
    return usageError("--grace-minutes must be a whole number of minutes from 0 to 1440");
  }
  event.sessionGraceMinutes = std::stoi(grace);
  if (absl::Status status = checkEventCalendar(event); !status.ok()) return usageError(status.message());
  return options;
}

Parsed parseServe(Flags flags) {
  if (flags.has("config")) {
    if (absl::Status status = applyConfig(flags.get("config"), flags); !status.ok()) {
      return usageError(status.message());
    }
  }
  if (!flags.has("db")) return missing("serve", "--db is");
  ServeOptions options;
  options.db = flags.get("db");
  if (absl::Status status = readListen(flags, options.server); !status.ok()) return usageError(status.message());
  options.server.tlsCertFile = flags.get("tls-cert");
  options.server.tlsKeyFile = flags.get("tls-key");
  absl::StatusOr<bool> insecure = readSwitch(flags, "insecure");
  if (!insecure.ok()) return usageError(insecure.status().message());
  options.server.insecure = *insecure;
  if (absl::Status status = readBackupSchedule(flags, options.db, options.backups); !status.ok()) {
    return usageError(status.message());
  }
  return options;
}

// The demo's CSV files as installed beside the binary (PREFIX/share/lanyard/demo, as the
// lanyard-server package puts them), else the source tree's deploy/demo it was built from.
std::filesystem::path defaultDemoDir() {
  std::error_code error;
  const std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", error);
  std::filesystem::path installed = binary.parent_path().parent_path() / "share" / "lanyard" / "demo";
  if (!error && std::filesystem::exists(installed / "delegates.csv", error)) return installed;
  return LANYARD_DEMO_DIR;
}

Parsed parseDemo(const Flags& flags) {
  DemoOptions options;
  options.db = flags.get("db", "lanyard-demo.db");
  options.demoDir = flags.has("demo-dir") ? std::filesystem::path(flags.get("demo-dir")) : defaultDemoDir();
  if (absl::Status status = readListen(flags, options.server); !status.ok()) return usageError(status.message());
  return options;
}

Parsed parseAdminToken(const Flags& flags) {
  if (!flags.has("db") || !flags.has("name")) return missing("admin-token", "--db and --name are");
  return AdminTokenOptions{flags.get("db"), flags.get("name")};
}

Parsed parseMigrate(const Flags& flags) {
  if (!flags.has("from") || !flags.has("to")) return missing("migrate", "--from and --to are");
  MigrateOptions options{flags.get("from"), flags.get("to")};
  if (options.from == options.to) return usageError("migrate: --from and --to name the same database");
  return options;
}

Parsed parseBackup(const Flags& flags) {
  if (!flags.has("db") || !flags.has("to")) return missing("backup", "--db and --to are");
  BackupOptions options{flags.get("db"), flags.get("to")};
  if (backendOf(options.db) == Backend::Postgres) {
    return usageError(
        "backup: --db is a PostgreSQL database; back it up with PostgreSQL's own tools "
        "(docs/operations.md)");
  }
  if (options.db == options.to) return usageError("backup: --db and --to name the same file");
  return options;
}

Parsed parseRestore(const Flags& flags) {
  if (!flags.has("from") || !flags.has("db")) return missing("restore", "--from and --db are");
  RestoreOptions options{flags.get("from"), flags.get("db")};
  if (backendOf(options.db) == Backend::Postgres) {
    return usageError(
        "restore: --db is a PostgreSQL database; restore it with PostgreSQL's own tools "
        "(docs/operations.md)");
  }
  if (options.from == options.db) return usageError("restore: --from and --db name the same file");
  absl::StatusOr<bool> replace = readSwitch(flags, "replace-unreadable");
  if (!replace.ok()) return usageError(replace.status().message());
  options.replaceUnreadable = *replace;
  return options;
}

}  // namespace

std::variant<ServerCommand, CommandLineStop> parseServerCommandLine(const std::vector<std::string>& arguments) {
  if (arguments.size() < 2) return CommandLineStop{2, kUsage};
  const std::string& command = arguments[1];
  if (command == "--help" || command == "-h") return CommandLineStop{0, kUsage};
  const auto known = kCommandOptions.find(command);
  if (known == kCommandOptions.end()) {
    return CommandLineStop{2, strCat("lanyard-server: unknown command \"", command, "\"\n\n", kUsage)};
  }
  absl::StatusOr<Flags> flags = parseFlags(arguments, known->second);
  if (!flags.ok()) return usageError(flags.status().message());
  if (flags->has("help")) return CommandLineStop{0, kUsage};
  if (command == "init") return parseInit(*flags);
  if (command == "serve") return parseServe(*std::move(flags));
  if (command == "demo") return parseDemo(*flags);
  if (command == "migrate") return parseMigrate(*flags);
  if (command == "backup") return parseBackup(*flags);
  if (command == "restore") return parseRestore(*flags);
  return parseAdminToken(*flags);
}

}  // namespace lanyard::server::app
