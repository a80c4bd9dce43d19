#pragma once

// The served SQLite file's backups, taken on a thread of their own while the server runs:
// every `every`, a checked backup (storage/sqlite_backup.h) into `dir` as
// STEM-YYYYMMDDTHHMMSSZ.db, after which only the newest `keep` of them are kept. A backup that
// fails its check replaces nothing; the failure is logged and the next turn tries again.

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"

namespace lanyard::server::app {

struct BackupScheduleOptions {
  std::chrono::seconds every{0};  // 0: no scheduled backups.
  std::filesystem::path dir;      // Empty: a folder "backups" beside the event file.
  int keep = 24;
};

class BackupSchedule {
 public:
  // Starts the schedule for the SQLite file `db`, creating `options.dir` (mode 0700) if needed.
  // FAILED_PRECONDITION when the folder cannot be made or written.
  static absl::StatusOr<std::unique_ptr<BackupSchedule>> start(const std::string& db, BackupScheduleOptions options);

  // Stops the schedule, after the backup in progress if there is one.
  ~BackupSchedule();
  BackupSchedule(const BackupSchedule&) = delete;
  BackupSchedule& operator=(const BackupSchedule&) = delete;

  // The folder the backups go to.
  const std::filesystem::path& dir() const { return m_options.dir; }

  // Takes one backup now and prunes the older ones; returns the new backup's path.
  absl::StatusOr<std::filesystem::path> backUpNow();

  // The backups in the folder, oldest first.
  std::vector<std::filesystem::path> backups() const;

 private:
  BackupSchedule(std::string db, BackupScheduleOptions options);
  void run();

  const std::string m_db;
  const BackupScheduleOptions m_options;
  const std::string m_prefix;  // The event file's stem and "-".
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::mutex m_backingUp;  // One backup at a time: the schedule's, or backUpNow()'s.
  std::thread m_thread;
};

}  // namespace lanyard::server::app
