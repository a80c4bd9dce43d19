#include "storage/sqlite_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <utility>
#include <vector>

#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "sqlite/sqlite.h"
#include "storage/migrations.h"

namespace lanyard::server::storage {

namespace {

namespace fs = std::filesystem;
using lanyard::strCat;

constexpr char kSelectEventSql[] = "SELECT name, public_key FROM event WHERE id = 1";
constexpr char kCountDelegatesSql[] = "SELECT COUNT(*) FROM delegate";
constexpr char kCountCheckInsSql[] = "SELECT COUNT(*) FROM check_in";
constexpr char kNewestActivitySql[] = "SELECT COALESCE(MAX(id), 0) FROM activity";
constexpr char kInsertRestoredBackupSql[] =
    "INSERT INTO restored_backup (restored_us, backup_newest_activity) VALUES (?, ?)";
// integrity_check's first problems, enough to say what is wrong.
constexpr char kIntegrityCheckSql[] = "PRAGMA integrity_check(5)";

absl::Status errnoStatus(std::string_view what, const std::string& path) {
  const int error = errno;
  return absl::Status(
      error == ENOSPC || error == EDQUOT ? absl::StatusCode::kResourceExhausted : absl::StatusCode::kFailedPrecondition,
      strCat(what, " ", path, ": ", std::strerror(error)));
}

// Makes what was written to `path` (a file, or a folder's entries) durable.
absl::Status syncPath(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errnoStatus("cannot open", path);
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced ? absl::OkStatus() : errnoStatus("cannot sync", path);
}

std::string folderOf(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

absl::StatusOr<std::int64_t> readCount(Database& db, const char* sql) {
  LANYARD_ASSIGN_OR_RETURN(Statement select, db.prepare(sql));
  LANYARD_ASSIGN_OR_RETURN(bool row, select.step());
  return row ? select.columnInt(0) : 0;
}

// The event in `db` and how much it holds; FAILED_PRECONDITION names `path` when it is no event
// file.
absl::StatusOr<EventFileSummary> readSummary(Database& db, const std::string& path) {
  EventFileSummary summary;
  absl::StatusOr<Statement> select = db.prepare(kSelectEventSql);
  if (!select.ok()) {
    return absl::FailedPreconditionError(
        strCat(path, " is not a Lanyard event file (", select.status().message(), ")"));
  }
  LANYARD_ASSIGN_OR_RETURN(bool row, select->step());
  if (!row) return absl::FailedPreconditionError(strCat(path, " holds no event"));
  summary.eventName = select->columnText(0);
  summary.publicKey = select->columnText(1);
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < summary.publicKey.size() && i < 8; ++i) {
    const auto byte = static_cast<unsigned char>(summary.publicKey[i]);
    summary.keyFingerprint += kHex[byte >> 4];
    summary.keyFingerprint += kHex[byte & 15];
  }
  LANYARD_ASSIGN_OR_RETURN(summary.delegates, readCount(db, kCountDelegatesSql));
  LANYARD_ASSIGN_OR_RETURN(summary.checkIns, readCount(db, kCountCheckInsSql));
  LANYARD_ASSIGN_OR_RETURN(summary.newestActivity, readCount(db, kNewestActivitySql));
  std::error_code sizeError;
  summary.bytes = static_cast<std::int64_t>(fs::file_size(path, sizeError));
  return summary;
}

absl::StatusOr<Database> openExisting(const std::string& path) {
  std::error_code error;
  if (!fs::exists(path, error)) return absl::NotFoundError(strCat(path, " does not exist"));
  Database::Options options;
  options.readOnly = true;
  return Database::open(path, options);
}

// "20261208T093000Z": now in UTC, for file names that sort by time.
std::string utcStamp() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

// An flock(2) on the event file, the one every SqliteEventStore holds while it is open.
class FileLock {
 public:
  FileLock() = default;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock() {
    if (m_fd >= 0) ::close(m_fd);
  }
  absl::Status lock(const std::string& path) {
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) return errnoStatus("cannot open", path);
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
      return absl::FailedPreconditionError(
          strCat(path, " is in use by a running lanyard-server; stop it first (systemctl stop lanyard-server)"));
    }
    return absl::OkStatus();
  }
  int fd() const { return m_fd; }

 private:
  int m_fd = -1;
};

// Renames `from` to `to` if `from` exists.
absl::Status renameIfPresent(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) == 0 || errno == ENOENT) return absl::OkStatus();
  return errnoStatus(strCat("cannot rename to ", to, ":"), from);
}

}  // namespace

absl::StatusOr<EventFileSummary> checkEventFile(const std::string& path) {
  LANYARD_ASSIGN_OR_RETURN(Database db, openExisting(path));
  absl::StatusOr<Statement> check = db.prepare(kIntegrityCheckSql);
  if (!check.ok()) return absl::DataLossError(strCat(path, " is not a readable database: ", check.status().message()));
  std::string problems;
  while (true) {
    absl::StatusOr<bool> row = check->step();
    if (!row.ok()) return absl::DataLossError(strCat(path, " is not a readable database: ", row.status().message()));
    if (!*row) break;
    const std::string line = check->columnText(0);
    if (line != "ok") problems += strCat(problems.empty() ? "" : "; ", line);
  }
  if (!problems.empty()) return absl::DataLossError(strCat(path, " fails SQLite's integrity check: ", problems));
  return readSummary(db, path);
}

absl::StatusOr<EventFileSummary> backupEventFile(const std::string& db, const std::string& to, bool replace) {
  std::error_code error;
  if (!replace && fs::exists(to, error)) {
    return absl::AlreadyExistsError(strCat(to, " already exists: name a new file for the backup"));
  }
  const std::string partial = to + ".partial";
  fs::remove(partial, error);
  fs::remove(partial + "-journal", error);
  absl::StatusOr<EventFileSummary> copied = [&]() -> absl::StatusOr<EventFileSummary> {
    LANYARD_ASSIGN_OR_RETURN(Database source, openExisting(db));
    Database::Options options;
    options.wal = false;
    LANYARD_ASSIGN_OR_RETURN(Database target, Database::open(partial, options));
    // One step copies every page inside one read transaction of the source: a WAL snapshot that
    // the server's writes after it do not change.
    sqlite3_backup* backup = sqlite3_backup_init(target.handle(), "main", source.handle(), "main");
    if (backup == nullptr) {
      return statusFromSqlite(sqlite3_errcode(target.handle()), strCat("backing up ", db, " into ", partial),
                              sqlite3_errmsg(target.handle()));
    }
    const int stepped = sqlite3_backup_step(backup, -1);
    const int finished = sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE) {
      return statusFromSqlite(stepped, strCat("backing up ", db, " into ", partial), sqlite3_errstr(stepped));
    }
    if (finished != SQLITE_OK) {
      return statusFromSqlite(finished, strCat("backing up ", db, " into ", partial), sqlite3_errmsg(target.handle()));
    }
    // The copied header asks for WAL, as the served file does; a backup is one file.
    LANYARD_RETURN_IF_ERROR(target.exec("PRAGMA journal_mode = DELETE"));
    return EventFileSummary{};
  }();
  if (copied.ok()) copied = checkEventFile(partial);
  if (copied.ok()) {
    if (absl::Status synced = syncPath(partial); !synced.ok()) copied = synced;
  }
  if (copied.ok() && std::rename(partial.c_str(), to.c_str()) != 0) {
    copied = errnoStatus(strCat("cannot rename to ", to, ":"), partial);
  }
  if (!copied.ok()) {
    fs::remove(partial, error);
    fs::remove(partial + "-journal", error);
    return copied;
  }
  LANYARD_RETURN_IF_ERROR(syncPath(folderOf(to)));
  return copied;
}

absl::StatusOr<RestoreReport> restoreEventFile(const std::string& backup, const std::string& db,
                                               bool replaceUnreadable) {
  RestoreReport report;
  absl::StatusOr<EventFileSummary> checked = checkEventFile(backup);
  if (!checked.ok()) return absl::Status(checked.status().code(), strCat("backup ", checked.status().message()));
  report.restored = *std::move(checked);

  std::error_code error;
  const bool replacing = fs::exists(db, error);
  FileLock lock;
  struct stat owner {};
  if (replacing) {
    LANYARD_RETURN_IF_ERROR(lock.lock(db));
    if (::fstat(lock.fd(), &owner) != 0) return errnoStatus("cannot read the owner of", db);
    absl::StatusOr<EventFileSummary> current = [&]() -> absl::StatusOr<EventFileSummary> {
      LANYARD_ASSIGN_OR_RETURN(Database open, openExisting(db));
      return readSummary(open, db);
    }();
    if (!current.ok() && !replaceUnreadable) {
      return absl::FailedPreconditionError(
          strCat("cannot read the event in ", db, " (", current.status().message(),
                 ") to check that the backup is of the same event; add --replace-unreadable to replace it anyway"));
    }
    if (current.ok() && current->publicKey != report.restored.publicKey) {
      return absl::FailedPreconditionError(strCat(backup, " is a backup of the event \"", report.restored.eventName,
                                                  "\" (key ", report.restored.keyFingerprint, "), but ", db,
                                                  " holds the event \"", current->eventName, "\" (key ",
                                                  current->keyFingerprint, "): restore a backup of this event"));
    }
  }

  const std::string restoring = db + ".restoring";
  fs::copy_file(backup, restoring, fs::copy_options::overwrite_existing, error);
  if (error) {
    fs::remove(restoring, error);
    return absl::Status(error == std::errc::no_space_on_device ? absl::StatusCode::kResourceExhausted
                                                               : absl::StatusCode::kFailedPrecondition,
                        strCat("cannot copy ", backup, " to ", restoring, ": ", error.message()));
  }
  // Kiosks' replica cursors from before this restore are refused from now on (0013_restored_backups.sql).
  absl::Status recorded = [&]() -> absl::Status {
    Database::Options options;
    options.wal = false;
    LANYARD_ASSIGN_OR_RETURN(Database copy, Database::open(restoring, options));
    LANYARD_RETURN_IF_ERROR(migrate(copy));
    LANYARD_ASSIGN_OR_RETURN(Statement insert, copy.prepare(kInsertRestoredBackupSql));
    const auto now =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch());
    return insert.bind(1, static_cast<std::int64_t>(now.count())).bind(2, report.restored.newestActivity).run();
  }();
  if (!recorded.ok()) {
    fs::remove(restoring, error);
    return absl::Status(recorded.code(), strCat("cannot record the restore in ", restoring, ": ", recorded.message()));
  }
  // The server's user must own the file it serves, whoever restores it: the replaced file's owner,
  // or on a spare machine the owner of the folder (root restoring into /var/lib/lanyard).
  if (!replacing && ::geteuid() == 0 && ::stat(folderOf(db).c_str(), &owner) != 0) {
    const absl::Status status = errnoStatus("cannot read the owner of", folderOf(db));
    fs::remove(restoring, error);
    return status;
  }
  if ((replacing || ::geteuid() == 0) && ::chown(restoring.c_str(), owner.st_uid, owner.st_gid) != 0) {
    const absl::Status status = errnoStatus("cannot give the restored file the owner of", db);
    fs::remove(restoring, error);
    return status;
  }
  if (absl::Status synced = syncPath(restoring); !synced.ok()) {
    fs::remove(restoring, error);
    return synced;
  }
  if (replacing) {
    report.setAside = strCat(db, ".replaced-", utcStamp());
    // The file and its WAL move together or not at all: a WAL left beside the restored file would
    // be replayed into it.
    std::vector<std::pair<std::string, std::string>> moved;  // Newest first, to be undone in order.
    for (const char* suffix : {"", "-wal", "-shm"}) {
      const std::string from = db + suffix;
      const std::string to = report.setAside + suffix;
      if (absl::Status status = renameIfPresent(from, to); !status.ok()) {
        for (const auto& [back, aside] : moved) {
          std::rename(aside.c_str(), back.c_str());
        }
        fs::remove(restoring, error);
        return status;
      }
      moved.emplace(moved.begin(), from, to);
    }
  }
  if (std::rename(restoring.c_str(), db.c_str()) != 0) {
    return errnoStatus(strCat("cannot rename to ", db, ":"), restoring);
  }
  LANYARD_RETURN_IF_ERROR(syncPath(folderOf(db)));
  return report;
}

}  // namespace lanyard::server::storage
