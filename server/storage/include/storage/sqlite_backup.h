#pragma once

// Backups of a SQLite event file, taken while a server serves it, and restoring one in its place.
// A backup is a single file (rollback journal, no WAL beside it) holding the event as one read
// snapshot saw it: every check-in committed before the backup began, none half-written.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace lanyard::server::storage {

// What a checked event file holds: who it is for, and how much.
struct EventFileSummary {
  std::string eventName;
  std::string publicKey;       // The event's raw Ed25519 key: the same event has the same key.
  std::string keyFingerprint;  // The key's first 8 bytes in hex, for people to compare.
  std::int64_t delegates = 0;
  std::int64_t checkIns = 0;
  std::int64_t newestActivity = 0;  // The newest activity's sequence.
  std::int64_t bytes = 0;           // The file's size.
};

// Checks the event file at `path` without changing it: `PRAGMA integrity_check` passes and it
// holds an event. DATA_LOSS names what integrity_check found; FAILED_PRECONDITION a file that is
// not an event file.
absl::StatusOr<EventFileSummary> checkEventFile(const std::string& path);

// Copies the event file `db` into the new file `to` with SQLite's online backup API, in one read
// transaction, while a server may be writing `db`. The copy is written beside `to`, checked with
// checkEventFile() and synced before it takes the name `to`; on any failure no file `to` appears.
// ALREADY_EXISTS when `to` exists, unless `replace` is set.
absl::StatusOr<EventFileSummary> backupEventFile(const std::string& db, const std::string& to, bool replace = false);

// What restoreEventFile() did.
struct RestoreReport {
  EventFileSummary restored;  // The backup, as checked.
  std::string setAside;       // Where the file it replaced went ("" if there was none).
};

// Puts the backup `backup` in place of the event file `db`, which no server may be serving. The
// backup is checked first; an existing `db` must hold the same event (FAILED_PRECONDITION names
// both events otherwise), unless it cannot be read and `replaceUnreadable` is set. The file it
// replaces is kept, with its WAL, as `db`.replaced-YYYYMMDDTHHMMSSZ; nothing is deleted. The
// restored file gets the replaced file's owner, or, restored by root where there was none, its
// folder's owner. The restore is recorded in the file (restored_backup).
absl::StatusOr<RestoreReport> restoreEventFile(const std::string& backup, const std::string& db,
                                               bool replaceUnreadable);

}  // namespace lanyard::server::storage
