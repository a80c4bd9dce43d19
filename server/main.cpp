// lanyard-server: creates an event database and serves it over gRPC.

#include <malloc.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "domain/badge_code.h"
#include "domain/delegate_import.h"
#include "domain/event_time.h"
#include "domain/search_key.h"
#include "domain/staff_pin.h"
#include "domain/str_cat.h"
#include "domain/text.h"
#include "rpc/server.h"
#include "storage/sqlite_event_store.h"
#include "storage/sqlite_export.h"

namespace {

// The demo keeps its kiosk staff PIN in its .tokens file under this name.
constexpr char kDemoStaffPinKey[] = "staff-pin";

using lanyard::strCat;
namespace domain = lanyard::server::domain;
namespace rpc = lanyard::server::rpc;
namespace storage = lanyard::server::storage;

constexpr char kUsage[] = R"(Usage:
  lanyard-server init --db FILE --event NAME [--venue TEXT] [--time-zone ZONE]
                      [--start-date YYYY-MM-DD] [--end-date YYYY-MM-DD] [--language xx]
                      [--name-proof email_prefix:N|off] [--grace-minutes N]
      Creates the event in a new SQLite file and prints `admin token: TOKEN`.
  lanyard-server serve [--config FILE] [--db FILE] [--listen HOST:PORT]
                       [--tls-cert FILE --tls-key FILE] [--insecure]
      Serves the event. Without TLS only loopback addresses are allowed unless --insecure.
  lanyard-server demo [--db FILE] [--listen HOST:PORT] [--demo-dir DIR]
      Creates the demo conference (once) and serves it; prints tokens and sample codes.
  lanyard-server admin-token --db FILE --name NAME
      Adds an admin token to the event file and prints it, for when every admin token is lost;
      a running server accepts it once restarted.

The config file holds `key = value` lines (db, listen, tls_cert, tls_key, insecure); flags win.
SIGTERM or SIGINT shuts down gracefully.
)";

// Flags as --name value pairs (and bare --switches), after the subcommand.
struct Flags {
  std::map<std::string, std::string> values;

  std::string get(const std::string& name, const std::string& fallback = "") const {
    auto found = values.find(name);
    return found == values.end() ? fallback : found->second;
  }
  bool has(const std::string& name) const { return values.count(name) != 0; }
};

// The flags of each command; "insecure" and "help" take no value.
const std::map<std::string, std::set<std::string>> kCommandFlags = {
    {"init",
     {"db", "event", "venue", "time-zone", "start-date", "end-date", "language", "name-proof", "grace-minutes"}},
    {"serve", {"config", "db", "listen", "tls-cert", "tls-key", "insecure"}},
    {"demo", {"db", "listen", "demo-dir"}},
    {"admin-token", {"db", "name"}},
};

absl::StatusOr<Flags> parseFlags(int argc, char** argv, const std::set<std::string>& known) {
  Flags flags;
  const std::string command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h") arg = "--help";
    if (arg.rfind("--", 0) != 0) return absl::InvalidArgumentError(strCat("unexpected argument \"", arg, "\""));
    arg = arg.substr(2);
    const std::string name = arg.substr(0, arg.find('='));
    if (name != "help" && known.count(name) == 0) {
      return absl::InvalidArgumentError(strCat(command, " has no option --", name, " (see lanyard-server --help)"));
    }
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      flags.values[name] = arg.substr(eq + 1);
    } else if (name == "insecure" || name == "help") {
      flags.values[arg] = "true";
    } else if (i + 1 < argc) {
      flags.values[arg] = argv[++i];
    } else {
      return absl::InvalidArgumentError(strCat("--", arg, " needs a value"));
    }
  }
  return flags;
}

// Reads `key = value` lines into flags that were not given on the command line.
absl::Status applyConfig(const std::string& path, Flags& flags) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(strCat("cannot read config file ", path));
  const std::map<std::string, std::string> keys = {
      {"db", "db"}, {"listen", "listen"}, {"tls_cert", "tls-cert"}, {"tls_key", "tls-key"}, {"insecure", "insecure"}};
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string_view text = domain::trimAscii(line);
    if (text.empty() || text.front() == '#') continue;
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) {
      return absl::InvalidArgumentError(strCat(path, ":", number, ": expected `key = value`"));
    }
    const std::string key(domain::trimAscii(text.substr(0, eq)));
    const auto flag = keys.find(key);
    if (flag == keys.end()) return absl::InvalidArgumentError(strCat(path, ":", number, ": unknown key \"", key, "\""));
    if (!flags.has(flag->second)) flags.values[flag->second] = std::string(domain::trimAscii(text.substr(eq + 1)));
  }
  return absl::OkStatus();
}

int fail(const absl::Status& status) {
  std::cerr << "lanyard-server: " << status.message() << "\n";
  return status.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
}

absl::StatusOr<std::string> readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(strCat("cannot read ", path.string()));
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

absl::StatusOr<std::string> initialise(const std::string& db, domain::Event event) {
  if (!domain::isValidTimeZone(event.timeZone)) {
    return absl::InvalidArgumentError(
        strCat("unknown time zone \"", event.timeZone, "\" (use an IANA name such as Europe/Prague)"));
  }
  // Dates are YYYY-MM-DD; noon is never skipped by a change of clocks.
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
  absl::StatusOr<domain::KeyPair> keys = domain::BadgeSigner::generateKeyPair();
  if (!keys.ok()) return keys.status();
  event.signingSeed.assign(keys->privateSeed.begin(), keys->privateSeed.end());
  event.publicKey.assign(keys->publicKey.begin(), keys->publicKey.end());
  if (event.categories.empty()) event.categories = domain::defaultCategories();
  return storage::SqliteEventStore::initialise(db, event, domain::systemClock());
}

int runInit(const Flags& flags) {
  if (!flags.has("db") || !flags.has("event")) {
    std::cerr << "lanyard-server init: --db and --event are required\n\n" << kUsage;
    return 2;
  }
  domain::Event event;
  event.name = flags.get("event");
  event.venue = flags.get("venue");
  event.timeZone = flags.get("time-zone", "Europe/Prague");
  event.startDate = flags.get("start-date");
  event.endDate = flags.get("end-date", event.startDate);
  event.defaultLanguage = flags.get("language", "en");
  if (!domain::NameCheckInProof::parse(flags.get("name-proof", "email_prefix:4"), event.nameCheckInProof)) {
    return fail(absl::InvalidArgumentError("--name-proof must be email_prefix:N (N from 1 to 32) or off"));
  }
  const std::string grace = flags.get("grace-minutes", "15");
  if (grace.empty() || grace.size() > 4 ||
      !std::all_of(grace.begin(), grace.end(), [](unsigned char c) { return std::isdigit(c) != 0; }) ||
      std::stoi(grace) > 24 * 60) {
    return fail(absl::InvalidArgumentError("--grace-minutes must be a whole number of minutes from 0 to 1440"));
  }
  event.sessionGraceMinutes = std::stoi(grace);
  absl::StatusOr<std::string> token = initialise(flags.get("db"), event);
  if (!token.ok()) return fail(token.status());
  std::cout << "created event \"" << event.name << "\" in " << flags.get("db") << "\n";
  std::cout << "admin token: " << *token << std::endl;
  return 0;
}

int runAdminToken(const Flags& flags) {
  if (!flags.has("db") || !flags.has("name")) {
    std::cerr << "lanyard-server admin-token: --db and --name are required\n\n" << kUsage;
    return 2;
  }
  if (!std::filesystem::exists(flags.get("db"))) {
    return fail(absl::NotFoundError(strCat(flags.get("db"), " does not exist (lanyard-server init creates it)")));
  }
  absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> store =
      storage::SqliteEventStore::open(flags.get("db"), domain::systemClock());
  if (!store.ok()) return fail(store.status());
  absl::StatusOr<domain::CreatedDevice> created = (*store)->createDevice(flags.get("name"), domain::Role::Admin);
  if (!created.ok()) return fail(created.status());
  std::cout << "admin token: " << created->token << std::endl;
  std::cout << "a running lanyard-server accepts it once restarted" << std::endl;
  return 0;
}

// Blocks SIGTERM and SIGINT in every thread and shuts `server` down when one arrives.
std::thread shutdownOnSignal(rpc::LanyardServer& server) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return std::thread([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    std::cerr << "lanyard-server: signal " << received << ", shutting down\n";
    server.shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  });
}

void blockShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

int serve(const std::string& db, const rpc::ServerOptions& options,
          const std::function<void(domain::EventStore&, int port)>& announce) {
  absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> store =
      storage::SqliteEventStore::open(db, domain::systemClock());
  if (!store.ok()) return fail(store.status());
  // Opened after the store, whose opening migrates the schema the export queries read.
  absl::StatusOr<std::unique_ptr<storage::SqliteExportSource>> exports = storage::SqliteExportSource::open(db);
  if (!exports.ok()) return fail(exports.status());
  rpc::ServerOptions withExports = options;
  withExports.exports = exports->get();
  absl::StatusOr<std::unique_ptr<rpc::LanyardServer>> server = rpc::LanyardServer::start(**store, withExports);
  if (!server.ok()) return fail(server.status());
  std::thread signals = shutdownOnSignal(**server);
  if (announce) announce(**store, (*server)->port());
  std::string host = options.listen.substr(0, options.listen.rfind(':'));
  std::cout << "listening on " << host << ":" << (*server)->port() << std::endl;
  (*server)->wait();
  signals.join();
  std::cerr << "lanyard-server: stopped\n";
  return 0;
}

int runServe(Flags flags) {
  if (flags.has("config")) {
    if (absl::Status status = applyConfig(flags.get("config"), flags); !status.ok()) return fail(status);
  }
  if (!flags.has("db")) {
    std::cerr << "lanyard-server serve: --db is required\n\n" << kUsage;
    return 2;
  }
  if (!std::filesystem::exists(flags.get("db"))) {
    return fail(
        absl::NotFoundError(strCat(flags.get("db"), " does not exist; create it with `lanyard-server init --db ",
                                   flags.get("db"), " --event NAME`")));
  }
  rpc::ServerOptions options;
  options.listen = flags.get("listen", options.listen);
  options.tlsCertFile = flags.get("tls-cert");
  options.tlsKeyFile = flags.get("tls-key");
  const std::string insecure = flags.get("insecure", "false");
  options.insecure = insecure == "true" || insecure == "yes" || insecure == "1";
  return serve(flags.get("db"), options, nullptr);
}

// Creates the demo event from deploy/demo once; returns the device tokens (kept beside the db,
// since a token is shown only once).
absl::StatusOr<std::map<std::string, std::string>> prepareDemo(const std::string& db,
                                                               const std::filesystem::path& demoDir) {
  const std::filesystem::path tokensFile = db + ".tokens";
  std::map<std::string, std::string> tokens;
  if (std::filesystem::exists(db) && std::filesystem::exists(tokensFile)) {
    std::ifstream in(tokensFile);
    std::string name, token;
    while (in >> name >> token) tokens[name] = token;
    return tokens;
  }
  if (std::filesystem::exists(db)) {
    return absl::FailedPreconditionError(
        strCat(db, " exists but ", tokensFile.string(), " does not: delete both to recreate the demo"));
  }
  domain::Event event;
  event.name = "Integrating Cities Conference 2026";
  event.venue = "Prague City Hall, Mariánské náměstí 2, Prague";
  event.timeZone = "Europe/Prague";
  event.startDate = "2026-05-12";
  event.endDate = "2026-05-13";
  event.defaultLanguage = "en";
  absl::StatusOr<std::string> adminToken = initialise(db, event);
  if (!adminToken.ok()) return adminToken.status();
  tokens["admin"] = *adminToken;

  absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> store =
      storage::SqliteEventStore::open(db, domain::systemClock());
  if (!store.ok()) return store.status();
  absl::StatusOr<std::string> sessionsCsv = readFile(demoDir / "sessions.csv");
  if (!sessionsCsv.ok()) return sessionsCsv.status();
  absl::StatusOr<std::vector<domain::Session>> sessions = domain::parseSessionsCsv(*sessionsCsv, event.timeZone);
  if (!sessions.ok()) return absl::InvalidArgumentError(strCat("sessions.csv: ", sessions.status().message()));
  if (absl::Status status = (*store)->importSessions(*sessions).status(); !status.ok()) return status;

  absl::StatusOr<std::string> delegatesCsv = readFile(demoDir / "delegates.csv");
  if (!delegatesCsv.ok()) return delegatesCsv.status();
  domain::DelegateImportOptions options;
  for (const domain::Category& category : (*store)->event().categories) options.categories.push_back(category.name);
  absl::StatusOr<domain::DelegateImport> delegates = domain::parseDelegatesCsv(*delegatesCsv, options);
  if (!delegates.ok()) return absl::InvalidArgumentError(strCat("delegates.csv: ", delegates.status().message()));
  if (absl::Status status = (*store)->importDelegates(std::move(*delegates)).status(); !status.ok()) return status;

  for (const auto& [name, role] :
       {std::pair{"kiosk-entrance-1", domain::Role::Kiosk}, std::pair{"kiosk-entrance-2", domain::Role::Kiosk},
        std::pair{"organiser", domain::Role::Organiser}, std::pair{"help-desk", domain::Role::Desk}}) {
    absl::StatusOr<domain::CreatedDevice> device = (*store)->createDevice(name, role);
    if (!device.ok()) return device.status();
    tokens[name] = device->token;
  }
  // Six random digits; kept beside the tokens so that a restarted demo shows it again.
  std::random_device random;
  std::string staffPin;
  for (int i = 0; i < 6; ++i) staffPin.push_back(static_cast<char>('0' + random() % 10));
  const absl::StatusOr<std::string> staffPinHash = domain::hashStaffPin(staffPin, (*store)->event().publicKey);
  if (!staffPinHash.ok()) return staffPinHash.status();
  if (absl::Status status = (*store)->setStaffPinHash(*staffPinHash); !status.ok()) return status;
  tokens[kDemoStaffPinKey] = staffPin;
  std::ofstream out(tokensFile);
  // Tokens are passwords: for the owner's eyes only, like an SSH key.
  std::error_code restricted;
  std::filesystem::permissions(tokensFile, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               restricted);
  if (restricted)
    return absl::PermissionDeniedError(strCat("cannot restrict ", tokensFile.string(), ": ", restricted.message()));
  for (const auto& [name, token] : tokens) out << name << " " << token << "\n";
  out.close();
  if (!out) return absl::ResourceExhaustedError(strCat("cannot write ", tokensFile.string()));
  return tokens;
}

void announceDemo(const std::map<std::string, std::string>& tokens, domain::EventStore& store, int port) {
  absl::StatusOr<domain::BadgeSigner> signer = domain::signerForEvent(store.event());
  std::cout << "\nDemo: " << store.event().name << " (" << store.event().startDate << " to " << store.event().endDate
            << ", " << store.event().timeZone << ")\n\nTokens:\n";
  // The .tokens file keeps what the demo created; a token revoked since then is marked so.
  std::set<std::string> revoked;
  if (absl::StatusOr<std::vector<domain::Device>> devices = store.listDevices(domain::Page{}); devices.ok()) {
    for (const domain::Device& device : *devices) {
      if (device.revokedUs != 0) revoked.insert(device.name);
    }
  }
  for (const auto& [name, token] : tokens) {
    if (name == kDemoStaffPinKey) continue;
    std::cout << "  " << name << ": " << token << (revoked.count(name) != 0 ? " (revoked)" : "") << "\n";
  }
  if (tokens.count(kDemoStaffPinKey) != 0) {
    std::cout << "\nKiosk staff PIN (reprints, walk-ins): " << tokens.at(kDemoStaffPinKey) << "\n";
  }
  std::cout << "\nSample badge codes:\n";
  absl::StatusOr<std::vector<domain::Delegate>> delegates =
      store.listDelegates(/*includeCancelled=*/false, domain::Page{});
  std::string firstCode;
  if (delegates.ok() && signer.ok()) {
    for (std::size_t i = 0; i < delegates->size() && i < 5; ++i) {
      const domain::Delegate& d = (*delegates)[i * 37 % delegates->size()];
      absl::StatusOr<std::string> code = domain::badgeCodeFor(*signer, d);
      if (!code.ok()) continue;
      if (firstCode.empty()) firstCode = *code;
      std::cout << "  " << d.givenName << " " << d.familyName << " (" << d.city << "): " << *code << "\n";
    }
  }
  const std::string server = strCat("127.0.0.1:", port);
  std::cout << "\nTry next (in another terminal):\n"
            << "  export LANYARD_SERVER=" << server << " LANYARD_TOKEN=" << tokens.at("admin") << "\n"
            << "  build/server/lanyard search dvorak\n"
            << "  build/server/lanyard search shevchenko\n"
            << "  build/server/lanyard search darwish\n"
            << "  build/server/lanyard checkin " << firstCode << "\n"
            << "  build/server/lanyard delegate show --code " << firstCode << "\n"
            << "  build/server/lanyard token list\n\n";
}

int runDemo(const Flags& flags) {
  const std::string db = flags.get("db", "lanyard-demo.db");
  const std::filesystem::path demoDir = flags.get("demo-dir", LANYARD_DEMO_DIR);
  absl::StatusOr<std::map<std::string, std::string>> tokens = prepareDemo(db, demoDir);
  if (!tokens.ok()) return fail(tokens.status());
  rpc::ServerOptions options;
  options.listen = flags.get("listen", options.listen);
  return serve(db, options, [&](domain::EventStore& store, int port) { announceDemo(*tokens, store, port); });
}

}  // namespace

int main(int argc, char** argv) {
  blockShutdownSignals();
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
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  if (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::cout << kUsage;
    return 0;
  }
  if (absl::Status status = domain::initSearchKeys(); !status.ok()) return fail(status);
  const std::string command = argv[1];
  const auto known = kCommandFlags.find(command);
  if (known == kCommandFlags.end()) {
    std::cerr << "lanyard-server: unknown command \"" << command << "\"\n\n" << kUsage;
    return 2;
  }
  absl::StatusOr<Flags> flags = parseFlags(argc, argv, known->second);
  if (!flags.ok()) return fail(flags.status());
  if (flags->has("help")) {
    std::cout << kUsage;
    return 0;
  }
  if (command == "init") return runInit(*flags);
  if (command == "serve") return runServe(*flags);
  if (command == "demo") return runDemo(*flags);
  return runAdminToken(*flags);
}
