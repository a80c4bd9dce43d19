#include "app/server_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <variant>
#include <vector>

#include "support/temp_dir.h"

namespace lanyard::server::app {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

class ServerOptionsTest : public ::testing::Test {
 protected:
  // Parses `lanyard-server` followed by `arguments`.
  static std::variant<ServerCommand, CommandLineStop> parse(const std::vector<std::string>& arguments) {
    std::vector<std::string> all = {"lanyard-server"};
    all.insert(all.end(), arguments.begin(), arguments.end());
    return parseServerCommandLine(all);
  }

  template <typename Options>
  static Options options(const std::vector<std::string>& arguments) {
    std::variant<ServerCommand, CommandLineStop> parsed = parse(arguments);
    if (const auto* stop = std::get_if<CommandLineStop>(&parsed)) {
      ADD_FAILURE() << "stopped (" << stop->exitCode << "): " << stop->output;
      return {};
    }
    const auto* command = std::get_if<Options>(&std::get<ServerCommand>(parsed));
    if (command == nullptr) {
      ADD_FAILURE() << "another command";
      return {};
    }
    return *command;
  }

  static CommandLineStop stop(const std::vector<std::string>& arguments) {
    std::variant<ServerCommand, CommandLineStop> parsed = parse(arguments);
    if (!std::holds_alternative<CommandLineStop>(parsed)) {
      ADD_FAILURE() << "the command line was accepted";
      return {};
    }
    return std::get<CommandLineStop>(parsed);
  }

  // The usage error `arguments` stop with (exit code 2).
  static std::string error(const std::vector<std::string>& arguments) {
    const CommandLineStop stopped = stop(arguments);
    EXPECT_EQ(stopped.exitCode, 2) << stopped.output;
    return stopped.output;
  }

  std::string writeConfig(const std::string& text) {
    const std::string path = m_dir.file("lanyard.conf");
    std::ofstream(path) << text;
    return path;
  }

  lanyard::testing::TempDir m_dir;
};

TEST_F(ServerOptionsTest, InitReadsEveryOption) {
  const InitOptions o =
      options<InitOptions>({"init", "--db", "event.db", "--event", "Cities", "--venue", "City Hall", "--time-zone",
                            "Europe/Vilnius", "--start-date", "2026-05-12", "--end-date=2026-05-14", "--language", "lt",
                            "--name-proof", "email_prefix:6", "--grace-minutes", "30"});
  EXPECT_EQ(o.db, "event.db");
  EXPECT_EQ(o.event.name, "Cities");
  EXPECT_EQ(o.event.venue, "City Hall");
  EXPECT_EQ(o.event.timeZone, "Europe/Vilnius");
  EXPECT_EQ(o.event.startDate, "2026-05-12");
  EXPECT_EQ(o.event.endDate, "2026-05-14");
  EXPECT_EQ(o.event.defaultLanguage, "lt");
  EXPECT_TRUE(o.event.nameCheckInProof.enabled);
  EXPECT_EQ(o.event.nameCheckInProof.emailPrefixLength, 6);
  EXPECT_EQ(o.event.sessionGraceMinutes, 30);
  EXPECT_TRUE(o.event.signingSeed.empty()) << "keys are made with the file, not by parsing";
}

TEST_F(ServerOptionsTest, InitDefaultsToPragueEnglishAOneDayEventAndFifteenMinutesGrace) {
  const InitOptions o =
      options<InitOptions>({"init", "--db", "event.db", "--event", "Cities", "--start-date", "2026-05-12"});
  EXPECT_EQ(o.event.timeZone, "Europe/Prague");
  EXPECT_EQ(o.event.defaultLanguage, "en");
  EXPECT_EQ(o.event.endDate, "2026-05-12");
  EXPECT_EQ(o.event.nameCheckInProof.toString(), "email_prefix:4");
  EXPECT_EQ(o.event.sessionGraceMinutes, 15);
  EXPECT_FALSE(options<InitOptions>({"init", "--db", "e.db", "--event", "E", "--name-proof", "off"})
                   .event.nameCheckInProof.enabled);
}

TEST_F(ServerOptionsTest, InitWithoutDbOrEventSaysSoAndShowsTheUsage) {
  for (const std::vector<std::string>& arguments :
       {std::vector<std::string>{"init", "--event", "Cities"}, std::vector<std::string>{"init", "--db", "e.db"}}) {
    const std::string output = error(arguments);
    EXPECT_THAT(output, StartsWith("lanyard-server init: --db and --event are required\n\nUsage:"));
  }
}

TEST_F(ServerOptionsTest, ABadGraceIsNamed) {
  for (const std::string grace : {"", "-1", "1441", "99999", "15m", "ten"}) {
    EXPECT_EQ(error({"init", "--db", "e.db", "--event", "E", "--grace-minutes=" + grace}),
              "lanyard-server: --grace-minutes must be a whole number of minutes from 0 to 1440\n")
        << grace;
  }
  EXPECT_EQ(options<InitOptions>({"init", "--db", "e.db", "--event", "E", "--grace-minutes", "1440"})
                .event.sessionGraceMinutes,
            1440);
}

TEST_F(ServerOptionsTest, ABadNameProofIsNamed) {
  EXPECT_EQ(error({"init", "--db", "e.db", "--event", "E", "--name-proof", "email_prefix:40"}),
            "lanyard-server: --name-proof must be email_prefix:N (N from 1 to 32) or off\n");
}

TEST_F(ServerOptionsTest, AnUnknownTimeZoneIsNamed) {
  EXPECT_THAT(error({"init", "--db", "e.db", "--event", "E", "--time-zone", "Europe/Atlantis"}),
              StartsWith("lanyard-server: --time-zone: unknown time zone \"Europe/Atlantis\""));
}

TEST_F(ServerOptionsTest, ABadDateIsNamed) {
  EXPECT_THAT(error({"init", "--db", "e.db", "--event", "E", "--start-date", "12.5.2026"}),
              StartsWith("lanyard-server: --start-date 12.5.2026 is not a date YYYY-MM-DD"));
  EXPECT_THAT(error({"init", "--db", "e.db", "--event", "E", "--start-date", "2026-05-12", "--end-date", "2026-02-30"}),
              StartsWith("lanyard-server: --end-date 2026-02-30 is not a date YYYY-MM-DD ("));
  EXPECT_EQ(error({"init", "--db", "e.db", "--event", "E", "--start-date", "2026-05-12", "--end-date", "2026-05-11"}),
            "lanyard-server: --end-date 2026-05-11 is before --start-date 2026-05-12\n");
}

TEST_F(ServerOptionsTest, AnOptionOfAnotherCommandIsNamedWithTheCommand) {
  EXPECT_EQ(error({"serve", "--db", "e.db", "--event", "E"}),
            "lanyard-server: serve has no option --event (see lanyard-server --help)\n");
}

TEST_F(ServerOptionsTest, AnOptionWithoutItsValueIsNamed) {
  EXPECT_EQ(error({"admin-token", "--name", "laptop", "--db"}), "lanyard-server: --db needs a value\n");
}

TEST_F(ServerOptionsTest, AnArgumentThatIsNoOptionIsQuoted) {
  EXPECT_EQ(error({"serve", "event.db"}), "lanyard-server: unexpected argument \"event.db\"\n");
}

TEST_F(ServerOptionsTest, AnUnknownCommandIsNamedAndTheUsageShown) {
  EXPECT_THAT(error({"start"}), StartsWith("lanyard-server: unknown command \"start\"\n\nUsage:"));
  EXPECT_THAT(error({}), StartsWith("Usage:"));
}

TEST_F(ServerOptionsTest, HelpIsAskedForByItselfOrAfterACommand) {
  for (const std::vector<std::string>& arguments :
       {std::vector<std::string>{"--help"}, std::vector<std::string>{"-h"}, std::vector<std::string>{"serve", "-h"},
        std::vector<std::string>{"init", "--db", "e.db", "--help"}}) {
    const CommandLineStop stopped = stop(arguments);
    EXPECT_EQ(stopped.exitCode, 0) << arguments.back();
    EXPECT_THAT(stopped.output, StartsWith("Usage:"));
    EXPECT_THAT(stopped.output, HasSubstr("lanyard-server admin-token --db DATABASE --name NAME"));
    EXPECT_THAT(stopped.output, HasSubstr("lanyard-server migrate --from DATABASE --to DATABASE"));
  }
}

TEST_F(ServerOptionsTest, TheHelpSaysADatabaseIsAFileOrAPostgresAddress) {
  const std::string help = stop({"--help"}).output;
  EXPECT_THAT(help, HasSubstr("DATABASE is a SQLite file's path"));
  EXPECT_THAT(help, HasSubstr("postgresql://[USER[:PASSWORD]@]HOST[:PORT]/NAME"));
  EXPECT_THAT(help, HasSubstr("Stop every server of --from first."));
}

TEST_F(ServerOptionsTest, ServeTakesListenAndTlsFromTheCommandLine) {
  const ServeOptions o = options<ServeOptions>(
      {"serve", "--db", "e.db", "--listen", "0.0.0.0:50443", "--tls-cert", "c.pem", "--tls-key", "k.pem"});
  EXPECT_EQ(o.db, "e.db");
  EXPECT_EQ(o.server.listen, "0.0.0.0:50443");
  EXPECT_EQ(o.server.tlsCertFile, "c.pem");
  EXPECT_EQ(o.server.tlsKeyFile, "k.pem");
  EXPECT_FALSE(o.server.insecure);
  EXPECT_EQ(options<ServeOptions>({"serve", "--db", "e.db"}).server.listen, rpc::ServerOptions().listen);
}

TEST_F(ServerOptionsTest, EveryCommandTakesAPostgresAddressAsItsDatabase) {
  const std::string address = "postgresql://lanyard:secret@db1:5432,db2:5432/cities?target_session_attrs=read-write";
  EXPECT_EQ(options<InitOptions>({"init", "--db", address, "--event", "Cities"}).db, address);
  EXPECT_EQ(options<ServeOptions>({"serve", "--db", address}).db, address);
  EXPECT_EQ(options<ServeOptions>({"serve", "--config", writeConfig("db = " + address + "\n")}).db, address);
  EXPECT_EQ(options<DemoOptions>({"demo", "--db", address}).db, address);
  EXPECT_EQ(options<AdminTokenOptions>({"admin-token", "--db", address, "--name", "rescue"}).db, address);
}

TEST_F(ServerOptionsTest, InsecureIsASwitchThatAlsoTakesYesOrNo) {
  EXPECT_TRUE(options<ServeOptions>({"serve", "--db", "e.db", "--insecure"}).server.insecure);
  EXPECT_TRUE(options<ServeOptions>({"serve", "--db", "e.db", "--insecure=yes"}).server.insecure);
  EXPECT_FALSE(options<ServeOptions>({"serve", "--db", "e.db", "--insecure=false"}).server.insecure);
  EXPECT_EQ(error({"serve", "--db", "e.db", "--insecure=maybe"}),
            "lanyard-server: --insecure must be yes or no (or true/false, 1/0), not \"maybe\"\n");
}

TEST_F(ServerOptionsTest, AListenAddressWithoutAPortIsNamed) {
  EXPECT_EQ(error({"serve", "--db", "e.db", "--listen", "127.0.0.1"}),
            "lanyard-server: --listen 127.0.0.1: give HOST:PORT with a port from 1 to 65535 (0 picks a free one)\n");
  EXPECT_THAT(error({"demo", "--listen", "127.0.0.1:65536"}), StartsWith("lanyard-server: --listen 127.0.0.1:65536: "));
  EXPECT_EQ(options<ServeOptions>({"serve", "--db", "e.db", "--listen", "[::1]:0"}).server.listen, "[::1]:0");
}

TEST_F(ServerOptionsTest, ServeNeedsADbFromTheCommandLineOrTheConfigFile) {
  EXPECT_THAT(error({"serve", "--listen", "127.0.0.1:0"}),
              StartsWith("lanyard-server serve: --db is required\n\nUsage:"));
  const std::string config = writeConfig("listen = 127.0.0.1:0\n");
  EXPECT_THAT(error({"serve", "--config", config}), StartsWith("lanyard-server serve: --db is required"));
}

TEST_F(ServerOptionsTest, ServeReadsTheConfigFile) {
  const std::string config = writeConfig(
      "# The venue's server.\n"
      "\n"
      "db = /var/lib/lanyard/event.db\n"
      "  listen=0.0.0.0:50051  \n"
      "tls_cert = /etc/lanyard/tls/server.crt\n"
      "tls_key = /etc/lanyard/tls/server.key\n"
      "insecure = no\n");
  const ServeOptions o = options<ServeOptions>({"serve", "--config", config});
  EXPECT_EQ(o.db, "/var/lib/lanyard/event.db");
  EXPECT_EQ(o.server.listen, "0.0.0.0:50051");
  EXPECT_EQ(o.server.tlsCertFile, "/etc/lanyard/tls/server.crt");
  EXPECT_EQ(o.server.tlsKeyFile, "/etc/lanyard/tls/server.key");
  EXPECT_FALSE(o.server.insecure);
}

TEST_F(ServerOptionsTest, OptionsOnTheCommandLineWinOverTheConfigFile) {
  const std::string config = writeConfig("db = config.db\nlisten = 0.0.0.0:50051\ninsecure = yes\n");
  const ServeOptions o =
      options<ServeOptions>({"serve", "--listen", "127.0.0.1:0", "--config", config, "--insecure=no"});
  EXPECT_EQ(o.db, "config.db");
  EXPECT_EQ(o.server.listen, "127.0.0.1:0");
  EXPECT_FALSE(o.server.insecure);
}

TEST_F(ServerOptionsTest, OfAKeyGivenTwiceInTheConfigFileTheFirstCounts) {
  const std::string config = writeConfig("db = first.db\ndb = second.db\n");
  EXPECT_EQ(options<ServeOptions>({"serve", "--config", config}).db, "first.db");
}

TEST_F(ServerOptionsTest, AConfigLineThatIsNoSettingIsNamedByFileAndLine) {
  const std::string config = writeConfig("db = e.db\n\nlisten 127.0.0.1:0\n");
  EXPECT_EQ(error({"serve", "--config", config}), "lanyard-server: " + config + ":3: expected `key = value`\n");
}

TEST_F(ServerOptionsTest, AnUnknownConfigKeyIsNamedByFileAndLine) {
  const std::string config = writeConfig("db = e.db\ntls-cert = c.pem\n");
  EXPECT_EQ(error({"serve", "--config", config}), "lanyard-server: " + config + ":2: unknown key \"tls-cert\"\n");
}

TEST_F(ServerOptionsTest, ABadConfigValueIsNamedByFileLineAndKey) {
  std::string config = writeConfig("db = e.db\n# TLS terminates at the proxy.\ninsecure = on\n");
  EXPECT_EQ(error({"serve", "--config", config}),
            "lanyard-server: " + config + ":3: insecure must be yes or no (or true/false, 1/0), not \"on\"\n");
  config = writeConfig("db = e.db\nlisten = 0.0.0.0\n");
  EXPECT_EQ(error({"serve", "--config", config}),
            "lanyard-server: " + config +
                ":2: listen 0.0.0.0: give HOST:PORT with a port from 1 to 65535 (0 picks a free one)\n");
}

TEST_F(ServerOptionsTest, AConfigFileThatCannotBeReadIsNamed) {
  const std::string missing = m_dir.file("missing.conf");
  EXPECT_EQ(error({"serve", "--config", missing}), "lanyard-server: cannot read config file " + missing + "\n");
}

TEST_F(ServerOptionsTest, DemoServesItsOwnFileFromTheDemoFolderByDefault) {
  const DemoOptions o = options<DemoOptions>({"demo"});
  EXPECT_EQ(o.db, "lanyard-demo.db");
  EXPECT_THAT(o.demoDir.string(), EndsWith("deploy/demo"));
  EXPECT_EQ(o.server.listen, rpc::ServerOptions().listen);
  const DemoOptions given =
      options<DemoOptions>({"demo", "--db", "d.db", "--demo-dir", "/srv/demo", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(given.db, "d.db");
  EXPECT_EQ(given.demoDir, "/srv/demo");
  EXPECT_EQ(given.server.listen, "127.0.0.1:0");
}

TEST_F(ServerOptionsTest, AdminTokenNeedsTheFileAndAName) {
  const AdminTokenOptions o = options<AdminTokenOptions>({"admin-token", "--db", "e.db", "--name", "rescue"});
  EXPECT_EQ(o.db, "e.db");
  EXPECT_EQ(o.name, "rescue");
  EXPECT_THAT(error({"admin-token", "--db", "e.db"}),
              StartsWith("lanyard-server admin-token: --db and --name are required\n\nUsage:"));
}

TEST_F(ServerOptionsTest, MigrateTakesWhereFromAndWhereTo) {
  const MigrateOptions o =
      options<MigrateOptions>({"migrate", "--from", "event.db", "--to", "postgresql://lanyard@db/cities"});
  EXPECT_EQ(o.from, "event.db");
  EXPECT_EQ(o.to, "postgresql://lanyard@db/cities");
  EXPECT_EQ(options<MigrateOptions>({"migrate", "--from=postgres://db/cities", "--to=back.db"}).to, "back.db");
}

TEST_F(ServerOptionsTest, MigrateNeedsBothDatabases) {
  EXPECT_THAT(error({"migrate", "--from", "event.db"}),
              StartsWith("lanyard-server migrate: --from and --to are required\n\nUsage:"));
  EXPECT_THAT(error({"migrate", "--to", "postgresql://db/cities"}),
              StartsWith("lanyard-server migrate: --from and --to are required"));
  EXPECT_EQ(error({"migrate", "--from", "event.db", "--to", "back.db", "--db", "x.db"}),
            "lanyard-server: migrate has no option --db (see lanyard-server --help)\n");
}

TEST_F(ServerOptionsTest, MigrateRefusesToMoveADatabaseOntoItself) {
  EXPECT_EQ(error({"migrate", "--from", "event.db", "--to", "event.db"}),
            "lanyard-server: migrate: --from and --to name the same database\n");
}

TEST_F(ServerOptionsTest, ServeSchedulesBackupsFromTheConfigFile) {
  const std::string config = writeConfig(
      "db = /var/lib/lanyard/event.db\nbackup_every = 15m\nbackup_dir = /var/lib/lanyard/backups\n"
      "backup_keep = 96\n");
  const ServeOptions o = options<ServeOptions>({"serve", "--config", config});
  EXPECT_EQ(o.backups.every, std::chrono::minutes(15));
  EXPECT_EQ(o.backups.dir, "/var/lib/lanyard/backups");
  EXPECT_EQ(o.backups.keep, 96);
  EXPECT_EQ(options<ServeOptions>({"serve", "--db", "e.db", "--backup-every", "1h"}).backups.every,
            std::chrono::hours(1));
  EXPECT_EQ(options<ServeOptions>({"serve", "--db", "e.db", "--backup-every=90s"}).backups.keep, 24);
  EXPECT_EQ(options<ServeOptions>({"serve", "--db", "e.db"}).backups.every.count(), 0) << "none unless asked for";
}

TEST_F(ServerOptionsTest, ABadBackupScheduleIsNamed) {
  for (const char* every : {"15", "m", "0m", "15 min", "-5m", "1d"}) {
    EXPECT_EQ(error({"serve", "--db", "e.db", "--backup-every", every}),
              std::string("lanyard-server: --backup-every must be a duration such as 90s, 15m or 1h, not \"") + every +
                  "\"\n");
  }
  EXPECT_EQ(error({"serve", "--db", "e.db", "--backup-every", "1h", "--backup-keep", "0"}),
            "lanyard-server: --backup-keep must be a whole number from 1 to 10000, not \"0\"\n");
  EXPECT_EQ(error({"serve", "--db", "e.db", "--backup-keep", "5"}),
            "lanyard-server: --backup-keep needs backup_every too\n");
  EXPECT_THAT(error({"serve", "--db", "postgresql://db/cities", "--backup-every", "1h"}),
              HasSubstr("scheduled backups are for a SQLite file"));
}

TEST_F(ServerOptionsTest, BackupAndRestoreNameTheirFiles) {
  const BackupOptions backup = options<BackupOptions>({"backup", "--db", "event.db", "--to", "copy.db"});
  EXPECT_EQ(backup.db, "event.db");
  EXPECT_EQ(backup.to, "copy.db");
  const RestoreOptions restore = options<RestoreOptions>({"restore", "--from", "copy.db", "--db", "event.db"});
  EXPECT_EQ(restore.from, "copy.db");
  EXPECT_EQ(restore.db, "event.db");
  EXPECT_FALSE(restore.replaceUnreadable);
  EXPECT_TRUE(
      options<RestoreOptions>({"restore", "--from", "c.db", "--db", "e.db", "--replace-unreadable"}).replaceUnreadable);
  EXPECT_THAT(error({"backup", "--db", "event.db"}), StartsWith("lanyard-server backup: --db and --to are required"));
  EXPECT_THAT(error({"restore", "--db", "event.db"}),
              StartsWith("lanyard-server restore: --from and --db are required"));
  EXPECT_EQ(error({"backup", "--db", "event.db", "--to", "event.db"}),
            "lanyard-server: backup: --db and --to name the same file\n");
  EXPECT_THAT(error({"backup", "--db", "postgresql://db/cities", "--to", "x.db"}),
              HasSubstr("back it up with PostgreSQL's own tools"));
}

}  // namespace
}  // namespace lanyard::server::app
