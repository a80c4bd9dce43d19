// lanyard-server's commands: init, serve, demo, admin-token, migrate, backup and restore.

#include "app/server_commands.h"

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/backup_schedule.h"
#include "app/event_database.h"
#include "app/event_mover.h"
#include "domain/badge_code.h"
#include "domain/delegate_import.h"
#include "domain/event_time.h"
#include "domain/search_key.h"
#include "domain/staff_pin.h"
#include "domain/str_cat.h"
#include "storage/sqlite_backup.h"

namespace lanyard::server::app {

namespace {

using lanyard::strCat;

// The demo keeps its kiosk staff PIN in its .tokens file under this name.
constexpr char kDemoStaffPinKey[] = "staff-pin";

// Prints `status` as lanyard-server's error; returns the exit code: 2 for invalid input, else 1.
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

// Creates `event` (as the options give it) in the new database `db`, with new signing keys and,
// unless it has some, the default categories; returns the first admin token.
absl::StatusOr<std::string> createEvent(const std::string& db, domain::Event event) {
  absl::StatusOr<domain::KeyPair> keys = domain::BadgeSigner::generateKeyPair();
  if (!keys.ok()) return keys.status();
  event.signingSeed.assign(keys->privateSeed.begin(), keys->privateSeed.end());
  event.publicKey.assign(keys->publicKey.begin(), keys->publicKey.end());
  if (event.categories.empty()) event.categories = domain::defaultCategories();
  return initialiseEvent(db, event, domain::systemClock());
}

// Each command: its exit code, as runServerCommand() says.
int run(const InitOptions& options) {
  absl::StatusOr<std::string> token = createEvent(options.db, options.event);
  if (!token.ok()) return fail(token.status());
  std::cout << "created event \"" << options.event.name << "\" in " << shownDatabase(options.db) << "\n";
  std::cout << "admin token: " << *token << std::endl;
  return 0;
}

int run(const AdminTokenOptions& options) {
  absl::StatusOr<std::unique_ptr<domain::EventStore>> store = openEventStore(options.db, domain::systemClock());
  if (!store.ok()) return fail(store.status());
  absl::StatusOr<domain::CreatedDevice> created = (*store)->createDevice(options.name, domain::Role::Admin);
  if (!created.ok()) return fail(created.status());
  std::cout << "admin token: " << created->token << std::endl;
  // Servers on PostgreSQL look a token they do not know up in the database.
  std::cout << (backendOf(options.db) == Backend::Postgres ? "running servers of the event accept it now"
                                                           : "a running lanyard-server accepts it once restarted")
            << std::endl;
  return 0;
}

// SIGTERM and SIGINT.
sigset_t shutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

// Waits on a thread of its own for SIGTERM or SIGINT (which blockShutdownSignals() keeps from every
// other thread) and shuts `server` down when one arrives.
std::thread shutdownOnSignal(rpc::LanyardServer& server) {
  const sigset_t signals = shutdownSignals();
  return std::thread([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    std::cerr << "lanyard-server: signal " << received << ", shutting down\n";
    server.shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  });
}

// Serves the event in `db` until SIGTERM or SIGINT stops the server, backing it up as `backups`
// says; `announce`, when set, runs once the server listens, with its store and bound port.
int serve(const std::string& db, const rpc::ServerOptions& options, const BackupScheduleOptions& backups,
          const std::function<void(domain::EventStore&, int port)>& announce) {
  absl::StatusOr<std::unique_ptr<domain::EventStore>> store = openEventStore(db, domain::systemClock());
  if (!store.ok()) return fail(store.status());
  // Opened after the store, whose opening migrates the schema the export queries read.
  absl::StatusOr<std::unique_ptr<domain::ExportSource>> exports = openExportSource(db);
  if (!exports.ok()) return fail(exports.status());
  rpc::ServerOptions withExports = options;
  withExports.exports = exports->get();
  absl::StatusOr<std::unique_ptr<rpc::LanyardServer>> server = rpc::LanyardServer::start(**store, withExports);
  if (!server.ok()) return fail(server.status());
  std::unique_ptr<BackupSchedule> schedule;
  if (backups.every.count() > 0) {
    absl::StatusOr<std::unique_ptr<BackupSchedule>> started = BackupSchedule::start(db, backups);
    if (!started.ok()) return fail(started.status());
    schedule = *std::move(started);
    std::cerr << "lanyard-server: backing up every " << backups.every.count() << " s into " << schedule->dir().string()
              << ", keeping " << backups.keep << "\n";
  }
  std::thread signals = shutdownOnSignal(**server);
  if (announce) announce(**store, (*server)->port());
  std::string host = options.listen.substr(0, options.listen.rfind(':'));
  std::cout << "listening on " << host << ":" << (*server)->port() << std::endl;
  (*server)->wait();
  signals.join();
  std::cerr << "lanyard-server: stopped\n";
  return 0;
}

int run(const ServeOptions& options) { return serve(options.db, options.server, options.backups, nullptr); }

// Where the demo keeps its tokens: beside a SQLite file; in the working directory for PostgreSQL.
std::filesystem::path demoTokensFile(const std::string& db) {
  return backendOf(db) == Backend::Postgres ? std::filesystem::path("lanyard-demo.tokens")
                                            : std::filesystem::path(db + ".tokens");
}

// Creates the demo event from deploy/demo once; returns the device tokens (kept in
// demoTokensFile(db), since a token is shown only once).
absl::StatusOr<std::map<std::string, std::string>> prepareDemo(const std::string& db,
                                                               const std::filesystem::path& demoDir) {
  const std::filesystem::path tokensFile = demoTokensFile(db);
  std::map<std::string, std::string> tokens;
  domain::Event event;
  event.name = "Integrating Cities Conference 2026";
  event.venue = "Prague City Hall, Mariánské náměstí 2, Prague";
  event.timeZone = "Europe/Prague";
  event.startDate = "2026-05-12";
  event.endDate = "2026-05-13";
  event.defaultLanguage = "en";
  absl::StatusOr<std::string> adminToken = createEvent(db, event);
  if (adminToken.status().code() == absl::StatusCode::kAlreadyExists) {
    // Created by an earlier run, whose tokens are kept.
    std::ifstream in(tokensFile);
    if (!in) {
      return absl::FailedPreconditionError(strCat(shownDatabase(db), " already holds an event but ",
                                                  tokensFile.string(), " does not exist: use a new database (or ",
                                                  "delete both) to recreate the demo"));
    }
    std::string name, token;
    while (in >> name >> token) tokens[name] = token;
    return tokens;
  }
  if (!adminToken.ok()) return adminToken.status();
  tokens["admin"] = *adminToken;

  absl::StatusOr<std::unique_ptr<domain::EventStore>> store = openEventStore(db, domain::systemClock());
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
  if (restricted) {
    return absl::PermissionDeniedError(strCat("cannot restrict ", tokensFile.string(), ": ", restricted.message()));
  }
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

int run(const DemoOptions& options) {
  absl::StatusOr<std::map<std::string, std::string>> tokens = prepareDemo(options.db, options.demoDir);
  if (!tokens.ok()) return fail(tokens.status());
  return serve(options.db, options.server, BackupScheduleOptions{},
               [&](domain::EventStore& store, int port) { announceDemo(*tokens, store, port); });
}

int run(const MigrateOptions& options) {
  absl::StatusOr<MoveReport> moved = moveEvent(options.from, options.to);
  if (!moved.ok()) return fail(moved.status());
  std::cout << "moved the event \"" << moved->eventName << "\" from " << moved->from << " to " << moved->to
            << "; rows in each:\n";
  for (const MovedCount& count : moved->counts) {
    std::cout << "  " << count.label << " " << count.source << " = " << count.target << "\n";
  }
  std::cout << std::flush;
  return 0;
}

// "the event "NAME" (key 1a2b…): 1234 delegates, 5678 check-ins, newest activity 9012".
std::string describe(const storage::EventFileSummary& summary) {
  return strCat("the event \"", summary.eventName, "\" (key ", summary.keyFingerprint, "): ", summary.delegates,
                " delegates, ", summary.checkIns, " check-ins, newest activity ", summary.newestActivity);
}

int run(const BackupOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  absl::StatusOr<storage::EventFileSummary> summary = storage::backupEventFile(options.db, options.to);
  if (!summary.ok()) return fail(summary.status());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "backed up " << describe(*summary) << "\n  to " << options.to << " (" << summary->bytes / 1024
            << " KiB, checked, " << seconds << " s)" << std::endl;
  return 0;
}

int run(const RestoreOptions& options) {
  absl::StatusOr<storage::RestoreReport> report =
      storage::restoreEventFile(options.from, options.db, options.replaceUnreadable);
  if (!report.ok()) return fail(report.status());
  std::cout << "restored " << describe(report->restored) << "\n  from " << options.from << " to " << options.db << "\n";
  if (!report->setAside.empty()) std::cout << "  the file it replaced is kept as " << report->setAside << "\n";
  std::cout << "Check-ins made after the backup was taken are not in it. Start the server; kiosks upload what "
               "they admitted offline."
            << std::endl;
  return 0;
}

}  // namespace

void blockShutdownSignals() {
  const sigset_t signals = shutdownSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

int runServerCommand(const ServerCommand& command) {
  if (absl::Status status = domain::initSearchKeys(); !status.ok()) return fail(status);
  return std::visit([](const auto& options) { return run(options); }, command);
}

}  // namespace lanyard::server::app
