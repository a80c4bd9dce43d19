#pragma once

// What the activity log tests share: a listener that remembers what the store handed it, and the
// log read back.

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <vector>

#include "domain/event_store.h"

namespace lanyard::server::storage {

// Remembers what the store published, as the hub would receive it. Thread-safe.
class RecordingListener final : public domain::ActivityListener {
 public:
  // How long an activity may take to reach the listener: at once on SQLite, normally a few
  // milliseconds on PostgreSQL.
  static constexpr std::chrono::seconds kDeadline{10};

  void onCommitted(const domain::CommittedActivities& committed) override {
    {
      std::lock_guard lock(m_mutex);
      for (const auto& activity : committed.activities) m_activities.push_back(*activity);
      if (committed.roster) m_lastRoster = *committed.roster;
      if (committed.sessions) m_lastSessions = *committed.sessions;
    }
    m_heard.notify_all();
  }

  // Whether activity `sequence`, or a later one, arrives within kDeadline.
  bool hears(std::int64_t sequence) {
    std::unique_lock lock(m_mutex);
    return m_heard.wait_for(lock, kDeadline,
                            [&] { return !m_activities.empty() && m_activities.back().sequence >= sequence; });
  }

  std::vector<domain::Activity> activities() {
    std::lock_guard lock(m_mutex);
    return m_activities;
  }
  std::vector<domain::RosterEntry> lastRoster() {
    std::lock_guard lock(m_mutex);
    return m_lastRoster;
  }
  std::vector<domain::SessionRegistrations> lastSessions() {
    std::lock_guard lock(m_mutex);
    return m_lastSessions;
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_heard;
  std::vector<domain::Activity> m_activities;
  std::vector<domain::RosterEntry> m_lastRoster;
  std::vector<domain::SessionRegistrations> m_lastSessions;
};

// The whole log after `after`.
inline std::vector<domain::Activity> logAfter(domain::EventStore& store, std::int64_t after = 0) {
  absl::StatusOr<std::vector<domain::Activity>> activities = store.activitiesAfter(after, 100'000);
  EXPECT_TRUE(activities.ok()) << activities.status();
  return activities.ok() ? *activities : std::vector<domain::Activity>{};
}

// The newest sequence number in the log; 0 when it is empty.
inline std::int64_t newestIn(domain::EventStore& store) {
  const std::vector<domain::Activity> all = logAfter(store);
  return all.empty() ? 0 : all.back().sequence;
}

}  // namespace lanyard::server::storage
