#include "live/attendance_hub.h"

#include <algorithm>
#include <cassert>
#include <utility>

#include "domain/status_macros.h"
#include "domain/str_cat.h"

namespace lanyard::server::live {

namespace {

// Activities read per query when replaying the log at start.
constexpr int kLoadPage = 4096;

}  // namespace

AttendanceHub::AttendanceHub(domain::EventStore& store, domain::Clock clock, HubOptions options,
                             domain::AttendanceModel model)
    : m_store(store), m_clock(std::move(clock)), m_options(options), m_model(std::move(model)) {}

absl::StatusOr<std::unique_ptr<AttendanceHub>> AttendanceHub::start(domain::EventStore& store, domain::Clock clock,
                                                                    HubOptions options) {
  if (options.recentCapacity == 0 || options.maxBatch == 0) {
    return absl::InvalidArgumentError("the hub needs room for at least one recent activity and one per batch");
  }
  LANYARD_ASSIGN_OR_RETURN(domain::EventTimeZone zone, domain::EventTimeZone::create(store.event().timeZone));
  std::unique_ptr<AttendanceHub> hub(new AttendanceHub(
      store, std::move(clock), options,
      domain::AttendanceModel(store.event().categories, std::move(zone), store.event().sessionGraceUs())));
  LANYARD_ASSIGN_OR_RETURN(const std::int64_t attachedAt, store.attachActivityListener(hub.get()));
  hub->m_attached = true;
  LANYARD_RETURN_IF_ERROR(hub->load(attachedAt));
  return hub;
}

AttendanceHub::~AttendanceHub() {
  stopWatchers();
  {
    // Watchers end at their next step once stopped; their owners then let go of them.
    std::unique_lock lock(m_mutex);
    m_watcherGone.wait(lock, [this] { return m_watchers.empty(); });
  }
  if (m_attached) (void)m_store.detachActivityListener(this);
}

absl::Status AttendanceHub::load(std::int64_t attachedAt) {
  // The roster and sessions are read after attaching, so they may already show a change whose
  // activity arrives in m_early; applying it again changes nothing (the model sets state).
  LANYARD_ASSIGN_OR_RETURN(const std::vector<domain::Delegate> delegates,
                           m_store.listDelegates(/*includeCancelled=*/true, domain::Page{}));
  LANYARD_ASSIGN_OR_RETURN(const std::vector<domain::SessionOccupancy> sessions, m_store.listSessions());
  LANYARD_ASSIGN_OR_RETURN(const std::vector<domain::Device> devices, m_store.listDevices(domain::Page{}));
  LANYARD_ASSIGN_OR_RETURN(const domain::ConflictCounts conflicts, m_store.conflictCounts());
  std::vector<domain::RosterEntry> roster;
  roster.reserve(delegates.size());
  for (const domain::Delegate& d : delegates) {
    roster.push_back({d.id, d.category, d.status == domain::RegistrationStatus::Active});
  }
  std::vector<domain::SessionRegistrations> sessionList;
  sessionList.reserve(sessions.size());
  for (const domain::SessionOccupancy& s : sessions) sessionList.push_back({s.session, s.registered});
  {
    std::lock_guard lock(m_mutex);
    m_model.setRoster(roster);
    m_model.setSessions(sessionList);
    for (const domain::Device& device : devices) m_model.addDevice(device);
    m_model.noteConflictsSeen(conflicts.all - conflicts.unseen);
  }
  std::int64_t after = 0;
  while (after < attachedAt) {
    LANYARD_ASSIGN_OR_RETURN(std::vector<domain::Activity> page, m_store.activitiesAfter(after, kLoadPage));
    if (page.empty()) break;
    std::lock_guard lock(m_mutex);
    for (domain::Activity& activity : page) {
      if (activity.sequence > attachedAt) break;
      after = activity.sequence;
      m_model.apply(activity);
      rememberLocked(std::make_shared<const domain::Activity>(std::move(activity)));
    }
    if (page.back().sequence > attachedAt) break;
  }
  std::lock_guard lock(m_mutex);
  for (const domain::CommittedActivities& committed : m_early) applyLocked(committed);
  m_early.clear();
  m_loaded = true;
  notifyChangeLocked();
  m_changed.notify_all();
  return absl::OkStatus();
}

void AttendanceHub::rememberLocked(std::shared_ptr<const domain::Activity> activity) {
  m_recent.push_back(std::move(activity));
  while (m_recent.size() > m_options.recentCapacity) m_recent.pop_front();
}

void AttendanceHub::applyLocked(const domain::CommittedActivities& committed) {
  if (committed.roster) m_model.setRoster(*committed.roster);
  if (committed.sessions) m_model.setSessions(*committed.sessions);
  for (const std::shared_ptr<const domain::Activity>& activity : committed.activities) {
    if (activity->sequence <= m_model.sequence()) continue;  // Read from the log at start already.
    // The store hands out consecutive numbers; the window relies on it.
    assert(m_recent.empty() || activity->sequence == m_recent.back()->sequence + 1);
    m_model.apply(*activity);
    rememberLocked(activity);
  }
}

void AttendanceHub::notifyChangeLocked() {
  for (const auto& [owner, onChange] : m_onChange) onChange();
}

void AttendanceHub::onCommitted(const domain::CommittedActivities& committed) {
  {
    std::lock_guard lock(m_mutex);
    if (!m_loaded) {
      m_early.push_back(committed);
      return;
    }
    applyLocked(committed);
    notifyChangeLocked();
  }
  m_changed.notify_all();
}

domain::AttendanceSummary AttendanceHub::summary() {
  std::lock_guard lock(m_mutex);
  return m_model.summary(m_clock());
}

std::int64_t AttendanceHub::sequence() {
  std::lock_guard lock(m_mutex);
  return m_model.sequence();
}

bool AttendanceHub::noteHeartbeat(const domain::Device& device, domain::PrinterStatus status, std::string_view detail) {
  const domain::TimeUs now = m_clock();
  std::lock_guard lock(m_mutex);
  const bool worthLogging =
      m_model.heartbeatWorthLogging(device.id, status, detail, now, m_options.heartbeatKeepAliveUs);
  m_model.noteSeen(device.id, device.name, device.role, now);
  return worthLogging;
}

void AttendanceHub::noteCreated(const domain::Device& device) {
  std::lock_guard lock(m_mutex);
  m_model.addDevice(device);
}

void AttendanceHub::noteConflictSeen() {
  std::lock_guard lock(m_mutex);
  m_model.noteConflictsSeen(1);
}

void AttendanceHub::noteRevoked(std::int64_t deviceId) {
  std::lock_guard lock(m_mutex);
  m_model.noteRevoked(deviceId);
}

absl::StatusOr<std::unique_ptr<Watcher>> AttendanceHub::watch(std::optional<std::int64_t> afterSequence) {
  if (afterSequence && *afterSequence < 0) return absl::InvalidArgumentError("after_sequence must not be negative");
  if (afterSequence && *afterSequence > sequence()) {
    // Not heard of here yet, but perhaps committed: by another server on the same PostgreSQL
    // database, whose activities reach this hub a few milliseconds later. The watcher then waits
    // for them like for any activity to come.
    LANYARD_ASSIGN_OR_RETURN(const std::int64_t logged, m_store.newestActivitySequence());
    if (*afterSequence > logged) {
      return absl::OutOfRangeError(strCat("after_sequence ", *afterSequence, " is newer than the newest activity, ",
                                          logged, ": this is another or a restored event; watch without it"));
    }
  }
  std::lock_guard lock(m_mutex);
  if (m_stopping) return absl::UnavailableError("the server is shutting down");
  const std::int64_t newest = m_model.sequence();
  if (static_cast<int>(m_watchers.size()) >= m_options.maxWatchers) {
    return absl::ResourceExhaustedError(strCat("too many watchers (", m_options.maxWatchers, ")"));
  }
  const std::int64_t position = afterSequence.value_or(newest);
  const bool inMemory = position == newest || (!m_recent.empty() && position + 1 >= m_recent.front()->sequence);
  std::unique_ptr<Watcher> watcher(new Watcher(*this, position, inMemory, m_model.summary(m_clock())));
  m_watchers.insert(watcher.get());
  return watcher;
}

void AttendanceHub::stopWatchers() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
    notifyChangeLocked();
  }
  m_changed.notify_all();
}

void AttendanceHub::addOnChange(const void* owner, std::function<void()> onChange) {
  std::lock_guard lock(m_mutex);
  std::erase_if(m_onChange, [owner](const auto& entry) { return entry.first == owner; });
  m_onChange.emplace_back(owner, std::move(onChange));
}

void AttendanceHub::removeOnChange(const void* owner) {
  std::lock_guard lock(m_mutex);
  std::erase_if(m_onChange, [owner](const auto& entry) { return entry.first == owner; });
}

AttendanceHub::Stats AttendanceHub::stats() {
  std::lock_guard lock(m_mutex);
  Stats stats{static_cast<int>(m_watchers.size()), m_resyncs, m_model.sequence(),
              m_recent.empty() ? 0 : m_recent.front()->sequence, m_model.sequence()};
  for (const Watcher* watcher : m_watchers) {
    stats.slowestPosition = std::min(stats.slowestPosition, watcher->m_position);
  }
  return stats;
}

Watcher::Watcher(AttendanceHub& hub, std::int64_t position, bool inMemory, domain::AttendanceSummary snapshot)
    : m_hub(hub), m_position(position), m_inMemory(inMemory), m_snapshot(std::move(snapshot)) {}

Watcher::~Watcher() {
  {
    std::lock_guard lock(m_hub.m_mutex);
    m_hub.m_watchers.erase(this);
  }
  m_hub.m_watcherGone.notify_all();
}

absl::StatusOr<Watcher::Step> Watcher::next(std::chrono::steady_clock::time_point deadline, bool withSummary) {
  Step step;
  {
    std::unique_lock lock(m_hub.m_mutex);
    while (true) {
      if (m_hub.m_stopping) {
        step.kind = Step::Kind::Stopped;
        return step;
      }
      if (m_position < m_hub.m_model.sequence()) break;
      if (deadline <= std::chrono::steady_clock::now()) {
        step.kind = Step::Kind::Idle;
        return step;
      }
      if (m_hub.m_changed.wait_until(lock, deadline) == std::cv_status::timeout &&
          m_position >= m_hub.m_model.sequence() && !m_hub.m_stopping) {
        step.kind = Step::Kind::Idle;
        return step;
      }
    }
    const std::deque<std::shared_ptr<const domain::Activity>>& recent = m_hub.m_recent;
    if (!recent.empty() && m_position + 1 >= recent.front()->sequence) {
      // The window holds consecutive sequence numbers, so the next one is at a known offset.
      auto from = recent.begin() + static_cast<std::ptrdiff_t>(m_position + 1 - recent.front()->sequence);
      const auto count = std::min<std::size_t>(m_hub.m_options.maxBatch, static_cast<std::size_t>(recent.end() - from));
      step.kind = Step::Kind::Activities;
      step.activities.assign(from, from + static_cast<std::ptrdiff_t>(count));
      m_position = step.activities.back()->sequence;
      m_inMemory = true;
      if (withSummary && m_position == m_hub.m_model.sequence()) step.summary = m_hub.m_model.summary(m_hub.m_clock());
      return step;
    }
    if (m_inMemory) {
      m_inMemory = false;
      ++m_hub.m_resyncs;
      step.kind = Step::Kind::Resync;
      step.resyncAfter = m_position;
      return step;
    }
  }
  // Behind the window: this watcher reads the log itself, without holding up anyone else.
  LANYARD_ASSIGN_OR_RETURN(std::vector<domain::Activity> page,
                           m_hub.m_store.activitiesAfter(m_position, static_cast<int>(m_hub.m_options.maxBatch)));
  if (page.empty()) return absl::InternalError(strCat("the activity log has nothing after ", m_position));
  step.kind = Step::Kind::Activities;
  step.activities.reserve(page.size());
  for (domain::Activity& activity : page) {
    step.activities.push_back(std::make_shared<const domain::Activity>(std::move(activity)));
  }
  std::lock_guard lock(m_hub.m_mutex);
  m_position = step.activities.back()->sequence;
  return step;
}

std::optional<domain::AttendanceSummary> Watcher::summaryIfUpToDate() {
  std::lock_guard lock(m_hub.m_mutex);
  if (m_position != m_hub.m_model.sequence()) return std::nullopt;
  return m_hub.m_model.summary(m_hub.m_clock());
}

}  // namespace lanyard::server::live
