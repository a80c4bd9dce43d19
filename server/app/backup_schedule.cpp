#include "app/backup_schedule.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <utility>

#include "domain/str_cat.h"
#include "domain/thread_name.h"
#include "storage/sqlite_backup.h"

namespace lanyard::server::app {

namespace {

namespace fs = std::filesystem;
using lanyard::strCat;

constexpr char kSuffix[] = ".db";

// "20261208T093000.123Z": now in UTC to the millisecond, so that names sort by time.
std::string utcStampMs() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  const std::size_t length = std::strftime(text, sizeof text, "%Y%m%dT%H%M%S", &utc);
  std::snprintf(text + length, sizeof text - length, ".%03dZ", static_cast<int>(ms));
  return text;
}

}  // namespace

absl::StatusOr<std::unique_ptr<BackupSchedule>> BackupSchedule::start(const std::string& db,
                                                                      BackupScheduleOptions options) {
  if (options.dir.empty()) {
    const fs::path parent = fs::path(db).parent_path();
    options.dir = (parent.empty() ? fs::path(".") : parent) / "backups";
  }
  std::error_code error;
  fs::create_directories(options.dir, error);
  if (!error) fs::permissions(options.dir, fs::perms::owner_all, error);
  if (error) {
    return absl::FailedPreconditionError(
        strCat("cannot make the backup folder ", options.dir.string(), ": ", error.message()));
  }
  if (::access(options.dir.c_str(), W_OK | X_OK) != 0) {
    return absl::FailedPreconditionError(strCat("cannot write into the backup folder ", options.dir.string()));
  }
  std::unique_ptr<BackupSchedule> schedule(new BackupSchedule(db, std::move(options)));
  if (schedule->m_options.every.count() > 0) schedule->m_thread = std::thread([s = schedule.get()] { s->run(); });
  return schedule;
}

BackupSchedule::BackupSchedule(std::string db, BackupScheduleOptions options)
    : m_db(std::move(db)), m_options(std::move(options)), m_prefix(strCat(fs::path(m_db).stem().string(), "-")) {}

BackupSchedule::~BackupSchedule() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

std::vector<fs::path> BackupSchedule::backups() const {
  std::vector<fs::path> found;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(m_options.dir, error)) {
    const std::string name = entry.path().filename().string();
    // Only what the schedule names so: the operator's own files in the folder are left alone.
    if (name.size() > m_prefix.size() + 4 && name.rfind(m_prefix, 0) == 0 &&
        name.compare(name.size() - 4, 4, strCat("Z", kSuffix)) == 0 && entry.is_regular_file(error)) {
      found.push_back(entry.path());
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

absl::StatusOr<fs::path> BackupSchedule::backUpNow() {
  std::lock_guard lock(m_backingUp);
  const fs::path target = m_options.dir / strCat(m_prefix, utcStampMs(), kSuffix);
  const auto started = std::chrono::steady_clock::now();
  absl::StatusOr<storage::EventFileSummary> summary = storage::backupEventFile(m_db, target.string());
  if (!summary.ok()) return summary.status();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Only now that the new one passed its check do older backups go.
  std::vector<fs::path> kept = backups();
  for (std::size_t i = 0; i + m_options.keep < kept.size(); ++i) {
    std::error_code error;
    if (!fs::remove(kept[i], error) && error) {
      std::cerr << "lanyard-server: cannot remove the old backup " << kept[i].string() << ": " << error.message()
                << "\n";
    }
  }
  std::cerr << "lanyard-server: backed up to " << target.string() << " (" << summary->delegates << " delegates, "
            << summary->checkIns << " check-ins, " << summary->bytes / 1024 << " KiB, " << seconds << " s)\n";
  return target;
}

void BackupSchedule::run() {
  domain::nameThisThread("lanyard-backup");
  std::unique_lock lock(m_mutex);
  while (!m_wake.wait_for(lock, m_options.every, [this] { return m_stopping; })) {
    lock.unlock();
    if (absl::StatusOr<fs::path> made = backUpNow(); !made.ok()) {
      std::cerr << "lanyard-server: scheduled backup failed, older backups kept: " << made.status().message() << "\n";
    }
    lock.lock();
  }
}

}  // namespace lanyard::server::app
