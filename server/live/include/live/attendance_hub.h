#pragma once

// The live side of attendance: one hub fed by the store after each commit, keeping the summary up
// to date and the latest activities in memory, and any number of watchers reading from it at their
// own pace. Plain C++ and threads: no gRPC, no SQL (the log is read through domain::EventStore).

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/activity.h"
#include "domain/attendance.h"
#include "domain/event_store.h"

namespace lanyard::server::live {

struct HubOptions {
  // Latest activities kept in memory. A watcher further behind than this catches up from the log
  // (and is told so). About 600 bytes each, so the default takes about 10 MB and holds 16 s of
  // 1,000 check-ins a second, hours of a real entrance.
  std::size_t recentCapacity = 16384;
  // Most activities one watcher step hands out (one stream message).
  std::size_t maxBatch = 256;
  // Most watchers at once; more get RESOURCE_EXHAUSTED.
  int maxWatchers = 2000;
  // A heartbeat that changes nothing is logged only when the last logged one is this old.
  domain::TimeUs heartbeatKeepAliveUs = 60LL * 1'000'000;
};

class Watcher;

// Keeps the attendance summary and the latest activities, fed by the store after each commit, and
// hands them to watchers. Publishing costs O(1) per activity and O(watchers) per commit: the
// store's writer thread appends to a bounded window in memory and wakes the watchers (a condition
// variable for those blocked in next(), a cheap callback for those that poll()), and each watcher
// reads from the window on its own time; one that falls out of the window reads the log. So a slow
// watcher never slows check-ins down. Thread-safe.
class AttendanceHub final : public domain::ActivityListener {
 public:
  // Attaches to `store` (which must outlive the hub) and builds the summary from its roster,
  // sessions, devices and whole activity log. Fails with the store's error, or
  // FAILED_PRECONDITION when another listener is attached to the store.
  static absl::StatusOr<std::unique_ptr<AttendanceHub>> start(domain::EventStore& store, domain::Clock clock,
                                                              HubOptions options = {});
  // Detaches from the store. Every Watcher must be gone by then.
  ~AttendanceHub() override;
  AttendanceHub(const AttendanceHub&) = delete;
  AttendanceHub& operator=(const AttendanceHub&) = delete;

  // From the store's writer thread; see domain::ActivityListener.
  void onCommitted(const domain::CommittedActivities& committed) override;

  // The summary now: O(categories + sessions + arrival buckets + kiosks).
  domain::AttendanceSummary summary();
  // The newest sequence number the summary includes.
  std::int64_t sequence();

  // Notes that `device` is alive with this printer status. True when the heartbeat should be
  // logged (domain::AttendanceModel::heartbeatWorthLogging); the caller then logs it.
  bool noteHeartbeat(const domain::Device& device, domain::PrinterStatus status, std::string_view detail);
  // Token changes are not activities: the hub reads the devices from the store when it starts, and
  // the device service tells it of changes as they happen.
  // Notes a device just made: a kiosk is listed, not yet seen, before it first calls.
  void noteCreated(const domain::Device& device);
  // Notes that `deviceId`'s token was revoked: the summary marks it from now on.
  void noteRevoked(std::int64_t deviceId);
  // Notes that a conflict was just marked seen (ConflictLog::markConflictSeen said `newly`).
  void noteConflictSeen();

  // A new watcher positioned after `afterSequence`, or after the newest activity when absent.
  // OUT_OF_RANGE when afterSequence is newer than the store's log (it may be newer than the hub's:
  // an activity another server committed, on its way here), INVALID_ARGUMENT when negative,
  // RESOURCE_EXHAUSTED past maxWatchers, UNAVAILABLE after stopWatchers().
  absl::StatusOr<std::unique_ptr<Watcher>> watch(std::optional<std::int64_t> afterSequence);
  // Ends every watcher (their next() says Stopped) and refuses new ones: for shutting down.
  void stopWatchers();

  // Calls `onChange` once after every commit the hub receives and when the hub stops, so watchers
  // that poll() need no thread of their own: one call whatever the number of watchers. It runs on
  // the publishing thread (the store's writer) with the hub's mutex held, so it must be cheap and
  // must not call into the hub or destroy a Watcher. Each `owner` (any address that identifies the
  // listener, such as the object that registers it) has one callback: adding again replaces it.
  void addOnChange(const void* owner, std::function<void()> onChange);
  // Removes `owner`'s callback; once this returns, it is not called again.
  void removeOnChange(const void* owner);

  struct Stats {
    int watchers = 0;
    std::int64_t resyncs = 0;          // Times a watcher fell out of the window, since start.
    std::int64_t sequence = 0;         // Newest activity.
    std::int64_t oldestRecent = 0;     // Oldest activity in memory (0 when none).
    std::int64_t slowestPosition = 0;  // The furthest-behind watcher's position (sequence when none).
  };
  Stats stats();

 private:
  friend class Watcher;
  AttendanceHub(domain::EventStore& store, domain::Clock clock, HubOptions options, domain::AttendanceModel model);

  absl::Status load(std::int64_t attachedAt);
  // Applies a commit to the model and the window. Needs m_mutex.
  void applyLocked(const domain::CommittedActivities& committed);
  void rememberLocked(std::shared_ptr<const domain::Activity> activity);
  // Calls the onChange callback, if any. Needs m_mutex.
  void notifyChangeLocked();

  domain::EventStore& m_store;
  domain::Clock m_clock;
  const HubOptions m_options;
  bool m_attached = false;

  std::mutex m_mutex;
  std::condition_variable m_changed;  // A commit arrived, or the hub is stopping.
  std::condition_variable m_watcherGone;
  bool m_loaded = false;  // Until load() is done, commits wait in m_early.
  std::vector<domain::CommittedActivities> m_early;
  domain::AttendanceModel m_model;
  std::deque<std::shared_ptr<const domain::Activity>> m_recent;  // Consecutive, oldest first.
  bool m_stopping = false;
  std::unordered_set<Watcher*> m_watchers;
  std::vector<std::pair<const void*, std::function<void()>>> m_onChange;  // By owner.
  std::int64_t m_resyncs = 0;
};

// One client's place in the feed. next() hands out, in sequence order and exactly once, every
// activity after the position it started from: from the hub's memory while it keeps up, from the
// log when it fell behind or resumed from long ago. Either block in next() on a thread of its own,
// or poll() whenever the hub's onChange callback says there may be news. Use from one thread at a time;
// the hub must outlive it.
class Watcher {
 public:
  struct Step {
    enum class Kind {
      Activities,  // `activities` holds the next consecutive activities.
      Resync,      // Fell out of the hub's memory; activities continue after `resyncAfter`, from the log.
      Idle,        // Nothing new before the deadline.
      Stopped,     // The hub is shutting down.
    };
    Kind kind = Kind::Idle;
    std::vector<std::shared_ptr<const domain::Activity>> activities;
    std::int64_t resyncAfter = 0;
    // When asked for: the summary just after the last of `activities`, taken with them, when that
    // is the newest activity the hub has.
    std::optional<domain::AttendanceSummary> summary;
  };

  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // The summary when the watcher was created; it includes everything up to snapshot().sequence,
  // which may be past the watcher's position when it resumed from an older one.
  const domain::AttendanceSummary& snapshot() const { return m_snapshot; }
  // Hands the snapshot over and leaves snapshot() empty: a summary lists every kiosk, tens of
  // kilobytes that a watcher would otherwise keep for its whole life.
  domain::AttendanceSummary takeSnapshot() { return std::exchange(m_snapshot, {}); }
  // The last sequence number handed out (or the starting position).
  std::int64_t position() const { return m_position; }

  // Blocks until there is something to hand out or `deadline` passes. Fails only when reading the
  // log fails (the store's error); the watcher may try again. `withSummary` asks for Step::summary:
  // a fresh snapshot that counts exactly the activities handed out, even while more keep coming.
  absl::StatusOr<Step> next(std::chrono::steady_clock::time_point deadline, bool withSummary = false);
  // next() without waiting: Idle when there is nothing to hand out now.
  absl::StatusOr<Step> poll(bool withSummary = false) {
    return next(std::chrono::steady_clock::time_point{}, withSummary);
  }

  // The summary now, when everything it includes has been handed out; nullopt otherwise.
  std::optional<domain::AttendanceSummary> summaryIfUpToDate();

 private:
  friend class AttendanceHub;
  Watcher(AttendanceHub& hub, std::int64_t position, bool inMemory, domain::AttendanceSummary snapshot);

  AttendanceHub& m_hub;
  std::int64_t m_position;  // Written under the hub's mutex.
  bool m_inMemory;          // Served from memory since the last catch-up: falling out of it is a resync.
  domain::AttendanceSummary m_snapshot;
};

}  // namespace lanyard::server::live
