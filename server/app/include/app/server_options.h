#pragma once

// lanyard-server's command line: which command to run and its options, from the arguments over
// the config file (serve --config) over the defaults, checked before anything starts.

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "app/backup_schedule.h"
#include "domain/event.h"
#include "rpc/server.h"

namespace lanyard::server::app {

// Each command's `db` is the event's database: a SQLite file's path, or a postgresql:// address
// (app/event_database.h).

// `init`: create an event in a new database.
struct InitOptions {
  std::string db;
  // The event as given: name, venue, time zone, dates, language, name proof and grace minutes.
  // Its signing keys and categories are made with the file.
  domain::Event event;
};

// `serve`: serve an event.
struct ServeOptions {
  std::string db;
  rpc::ServerOptions server;      // Where to listen, TLS and --insecure; the rest default.
  BackupScheduleOptions backups;  // A SQLite file's scheduled backups; none by default.
};

// `demo`: create the demo event once, then serve it.
struct DemoOptions {
  std::string db;
  std::filesystem::path demoDir;  // Holds the demo's sessions.csv and delegates.csv.
  rpc::ServerOptions server;      // Where to listen; the rest default.
};

// `admin-token`: add an admin token to an event.
struct AdminTokenOptions {
  std::string db;
  std::string name;  // The new token's device name.
};

// `migrate`: copy the event in one database into another, empty one.
struct MigrateOptions {
  std::string from;
  std::string to;
};

// `backup`: copy a SQLite event file, served or not, into a new file.
struct BackupOptions {
  std::string db;
  std::string to;
};

// `restore`: put a backup in place of a SQLite event file no server is serving.
struct RestoreOptions {
  std::string from;
  std::string db;
  bool replaceUnreadable = false;  // Replace a file whose event cannot be read to compare.
};

using ServerCommand = std::variant<InitOptions, ServeOptions, DemoOptions, AdminTokenOptions, MigrateOptions,
                                   BackupOptions, RestoreOptions>;

// Why no command is to run: the help was asked for, or the command line or config file is wrong.
struct CommandLineStop {
  int exitCode = 2;  // 0 for the help, 2 for a usage error.
  // What to print, whole: for 0 the help, on stdout; otherwise the error (followed by the usage
  // when it helps), on stderr.
  std::string output;
};

// Parses lanyard-server's arguments (arguments[0] is the program) and, for serve, the config file
// they name: reads that file and nothing else. A stop's error names the option, or the config
// file's FILE:LINE and key, that is wrong.
std::variant<ServerCommand, CommandLineStop> parseServerCommandLine(const std::vector<std::string>& arguments);

}  // namespace lanyard::server::app
