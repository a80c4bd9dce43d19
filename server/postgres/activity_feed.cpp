// PostgresEventStore: the ActivityFeed, and this server following the activity log that every
// server on the database writes to. The log's ids are the one order (migration 0001,
// take_activity_sequence): activities commit in id order, so whoever has read id N has read every
// id below it, and "the activities after N" is exactly what a follower has not handled yet. The
// NOTIFY each writing transaction sends only wakes the follower; what it reads is the truth. This
// server's own commits wake it the same way: the NOTIFY reaches it a fraction of a millisecond
// after the commit, sooner than the writer could hand it anything, and its read of the log (a
// millisecond or two) is the same either way. After a failover to a synchronous standby the log
// there holds every activity read here before (a commit is seen only once the standby has it), so
// following resumes by sequence on the new primary.

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/notification>
#include <pqxx/result>
#include <pqxx/transaction_base>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "domain/status_macros.h"
#include "domain/str_cat.h"
#include "domain/thread_name.h"
#include "postgres/event_store.h"
#include "postgres/event_store_internal.h"

namespace lanyard::server::postgres {

using domain::Activity;
using domain::ActivityKind;
using domain::CheckInOutcome;
using domain::Direction;

namespace {

// The channel take_activity_sequence NOTIFYs, once per writing transaction, at its commit.
constexpr char kActivityChannel[] = "lanyard_activity";
// How the following thread's connections show in pg_stat_activity.
constexpr char kFollowerApplicationName[] = "lanyard-activity-follower";

// kSelectActivitiesSql joins ten tables: left to itself, PostgreSQL takes longer (10-15 ms) to
// plan it than to run a page of it. Its joins in the order written are the plan to have anyway: a
// range of activity's primary key, then an index lookup per join and activity. The logs grow by
// thousands of rows a minute, faster than their statistics follow: with statistics of a smaller
// log PostgreSQL hashes whole tables for a page of a few rows, so hash and merge joins are ruled
// out too.
constexpr char kJoinInOrderSql[] =
    "SET LOCAL join_collapse_limit = 1; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; "
    "SET LOCAL enable_seqscan = off";
constexpr char kSelectNewestActivitySql[] = "SELECT COALESCE(MAX(id), 0) FROM activity";
// Each activity with what it refers to, as SQLite's (activity_publishing.cpp). Every join is on a
// primary key or a unique column: a lookup per activity (see kJoinInOrderSql).
constexpr char kSelectActivitiesSql[] =
    "SELECT a.id, a.kind, a.time_us, a.device_id, dv.name, a.delegate_id, d.given_name, d.family_name, "
    "d.category, d.city, d.organisation, d.status, "
    "c.id, c.session_id, c.direction, c.outcome, c.event_day, c.reentry, c.left_session_id, c.scan_time_us, "
    "p.id, p.success, p.error, p.printer, p.badge_version, "
    "r.id, r.created, r.updated, r.unchanged, r.registrations, "
    "k.id, k.printer_status, k.detail, "
    "m.id IS NOT NULL, dv.role, c.offline, f.id, f.kind "
    "FROM activity a "
    "LEFT JOIN device dv ON dv.id = a.device_id "
    "LEFT JOIN delegate d ON d.id = a.delegate_id "
    "LEFT JOIN check_in c ON c.id = a.check_in_id "
    // An automatic check-out is logged just before the admission that caused it.
    "LEFT JOIN check_in m ON m.id = c.id + 1 AND c.outcome = 10 AND m.left_session_id = c.session_id "
    "AND m.delegate_id = c.delegate_id "
    "LEFT JOIN conflict f ON f.check_in_id = c.id "
    "LEFT JOIN badge_print p ON p.id = a.badge_print_id "
    "LEFT JOIN import_run r ON r.id = a.import_run_id "
    "LEFT JOIN kiosk_status k ON k.id = a.kiosk_status_id "
    "WHERE a.id > $1 ORDER BY a.id LIMIT $2";
constexpr char kSelectRosterSql[] = "SELECT id, category, status FROM delegate ORDER BY id";
const std::string kSelectSessionRegistrationsSql =
    strCat("SELECT ", internal::kSessionColumns,
           ", (SELECT count(*) FROM registration r WHERE r.session_id = session.id) FROM session "
           "ORDER BY start_us, id");
// Activities the follower reads per query; a longer backlog takes several.
constexpr int kFollowPage = 1024;

// Wakes the following thread: it reads the log whatever the payload.
class Wake final : public pqxx::notification_receiver {
 public:
  explicit Wake(pqxx::connection_base& connection) : pqxx::notification_receiver(connection, kActivityChannel) {}
  void operator()(const std::string& /*payload*/, int /*backendPid*/) override {}
};

// `uri` naming the following thread's connections in pg_stat_activity.
std::string followerAddress(std::string_view uri) {
  return strCat(uri, uri.find('?') == std::string_view::npos ? "?" : "&",
                "application_name=", kFollowerApplicationName);
}

// The activities after `after`, at most `limit`: kSelectActivitiesSql rows.
pqxx::result selectActivities(pqxx::transaction_base& transaction, std::int64_t after, int limit) {
  transaction.exec(kJoinInOrderSql);
  return transaction.exec_params(kSelectActivitiesSql, after, limit);
}

Activity readActivity(const pqxx::row& row) {
  Activity a;
  a.sequence = row[0].as<std::int64_t>();
  a.kind = static_cast<ActivityKind>(row[1].as<int>());
  a.timeUs = row[2].as<domain::TimeUs>();
  a.deviceId = row[3].as<std::int64_t>(0);
  a.deviceName = row[4].as<std::string>(std::string());
  if (a.deviceId != 0) a.deviceRole = static_cast<domain::Role>(row[34].as<int>());
  a.delegateId = row[5].as<std::int64_t>(0);
  a.givenName = row[6].as<std::string>(std::string());
  a.familyName = row[7].as<std::string>(std::string());
  a.category = row[8].as<std::string>(std::string());
  a.city = row[9].as<std::string>(std::string());
  a.organisation = row[10].as<std::string>(std::string());
  a.delegateActive = row[11].as<int>(0) != 2;
  switch (a.kind) {
    case ActivityKind::CheckIn:
      a.checkIn.checkInId = row[12].as<std::int64_t>(0);
      a.checkIn.sessionId = row[13].as<std::int64_t>(0);
      a.checkIn.direction = row[14].as<int>(0) == 2 ? Direction::Out : Direction::In;
      a.checkIn.outcome = static_cast<CheckInOutcome>(row[15].as<int>(0));
      a.checkIn.eventDay = row[16].as<std::int32_t>(0);
      a.checkIn.reentry = row[17].as<int>(0) != 0;
      a.checkIn.leftSessionId = row[18].as<std::int64_t>(0);
      a.checkIn.scanTimeUs = row[19].as<domain::TimeUs>(0);
      a.checkIn.automatic = row[33].as<bool>(false);
      a.checkIn.offline = row[35].as<int>(0) != 0;
      a.checkIn.conflictId = row[36].as<std::int64_t>(0);
      if (a.checkIn.conflictId != 0) a.checkIn.conflictKind = static_cast<domain::ConflictKind>(row[37].as<int>());
      break;
    case ActivityKind::BadgePrint:
      a.print.printId = row[20].as<std::int64_t>(0);
      a.print.success = row[21].as<int>(0) != 0;
      a.print.error = row[22].as<std::string>(std::string());
      a.print.printer = row[23].as<std::string>(std::string());
      a.print.badgeVersion = row[24].as<std::int32_t>(0);
      break;
    case ActivityKind::DelegatesImported:
    case ActivityKind::SessionsImported:
      a.import.importId = row[25].as<std::int64_t>(0);
      a.import.created = row[26].as<int>(0);
      a.import.updated = row[27].as<int>(0);
      a.import.unchanged = row[28].as<int>(0);
      a.import.registrations = row[29].as<int>(0);
      break;
    case ActivityKind::KioskStatus:
      a.kioskStatus.statusId = row[30].as<std::int64_t>(0);
      a.kioskStatus.printerStatus = static_cast<domain::PrinterStatus>(row[31].as<int>(0));
      a.kioskStatus.detail = row[32].as<std::string>(std::string());
      break;
    case ActivityKind::DelegateAdded:
    case ActivityKind::DelegateUpdated:
    case ActivityKind::DelegateCancelled:
    case ActivityKind::BadgeReissued:
      break;
  }
  return a;
}

// One page of the log as the follower reads it, from one snapshot: the roster and the sessions
// are read only when the page holds an import (of delegates; of either).
struct FollowedPage {
  std::vector<std::shared_ptr<const Activity>> activities;
  std::shared_ptr<const std::vector<domain::RosterEntry>> roster;
  std::shared_ptr<const std::vector<domain::SessionRegistrations>> sessions;
};

FollowedPage readPage(pqxx::transaction_base& transaction, std::int64_t after) {
  FollowedPage page;
  bool importedDelegates = false;
  bool importedSessions = false;
  for (const pqxx::row& row : selectActivities(transaction, after, kFollowPage)) {
    Activity activity = readActivity(row);
    importedDelegates |= activity.kind == ActivityKind::DelegatesImported;
    importedSessions |= activity.kind == ActivityKind::SessionsImported;
    page.activities.push_back(std::make_shared<const Activity>(std::move(activity)));
  }
  if (importedDelegates) {
    std::vector<domain::RosterEntry> roster;
    for (const pqxx::row& row : transaction.exec(kSelectRosterSql)) {
      roster.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<int>() != 2});
    }
    page.roster = std::make_shared<const std::vector<domain::RosterEntry>>(std::move(roster));
  }
  if (importedDelegates || importedSessions) {
    std::vector<domain::SessionRegistrations> sessions;
    for (const pqxx::row& row : transaction.exec(kSelectSessionRegistrationsSql)) {
      sessions.push_back({internal::readSession(row), row[8].as<int>()});
    }
    page.sessions = std::make_shared<const std::vector<domain::SessionRegistrations>>(std::move(sessions));
  }
  return page;
}

}  // namespace

absl::StatusOr<std::vector<Activity>> PostgresEventStore::activitiesAfter(std::int64_t afterSequence, int limit) {
  std::vector<Activity> activities;
  if (limit <= 0) return activities;
  LANYARD_RETURN_IF_ERROR(inTransaction("reading the activity log", [&](pqxx::transaction_base& transaction) {
    activities.clear();
    for (const pqxx::row& row : selectActivities(transaction, afterSequence, limit)) {
      activities.push_back(readActivity(row));
    }
    return absl::OkStatus();
  }));
  return activities;
}

absl::StatusOr<std::int64_t> PostgresEventStore::newestActivitySequence() {
  std::int64_t newest = 0;
  LANYARD_RETURN_IF_ERROR(inTransaction("reading the newest activity", [&](pqxx::transaction_base& transaction) {
    newest = transaction.exec1(kSelectNewestActivitySql)[0].as<std::int64_t>();
    return absl::OkStatus();
  }));
  return newest;
}

absl::StatusOr<std::int64_t> PostgresEventStore::attachActivityListener(domain::ActivityListener* listener) {
  if (listener == nullptr) return absl::InvalidArgumentError("no listener to attach");
  // The follower hands on nothing while this holds the mutex, and afterwards only what comes after
  // `newest`, which it has not handed on yet: whoever handed an activity on had read it, so it was
  // committed before `newest` was read.
  std::lock_guard lock(m_listenerMutex);
  if (m_listener != nullptr) {
    return absl::FailedPreconditionError("another activity listener is attached to this event store");
  }
  LANYARD_ASSIGN_OR_RETURN(const std::int64_t newest, newestActivitySequence());
  m_listener = listener;
  m_listenerAfter = newest;
  return newest;
}

absl::Status PostgresEventStore::detachActivityListener(domain::ActivityListener* listener) {
  std::lock_guard lock(m_listenerMutex);
  if (m_listener != listener) return absl::NotFoundError("that activity listener is not attached");
  m_listener = nullptr;
  return absl::OkStatus();
}

absl::Status PostgresEventStore::loadSearchAndFollow(std::string_view uri) {
  // Read before the load: the activities after it are handled again, and a refresh of what the
  // load already holds changes nothing.
  LANYARD_RETURN_IF_ERROR(inTransaction("reading the newest activity", [&](pqxx::transaction_base& transaction) {
    m_followed = transaction.exec1(kSelectNewestActivitySql)[0].as<std::int64_t>();
    return absl::OkStatus();
  }));
  LANYARD_RETURN_IF_ERROR(loadSearch());
  m_follower = std::thread([this, address = followerAddress(uri)] { follow(address); });
  return absl::OkStatus();
}

void PostgresEventStore::stopFollowing() {
  {
    std::lock_guard lock(m_followMutex);
    m_stopFollowing = true;
  }
  m_stopFollowingRequested.notify_all();
  if (m_follower.joinable()) m_follower.join();
}

void PostgresEventStore::follow(const std::string& uri) {
  domain::nameThisThread("lanyard-pg-feed");
  std::optional<Database> reader;
  std::unique_ptr<pqxx::connection> listening;
  std::unique_ptr<Wake> wake;  // Declared after `listening`: goes first.
  bool failing = false;        // Since the last failure logged; the next success is logged too.
  const auto failed = [&](const absl::Status& status) {
    if (!failing) std::fprintf(stderr, "activity follower: %s; trying again\n", status.ToString().c_str());
    failing = true;
  };
  long waitUs = 0;
  while (true) {
    {
      std::unique_lock lock(m_followMutex);
      if (m_stopFollowingRequested.wait_for(lock, std::chrono::microseconds(waitUs),
                                            [this] { return m_stopFollowing; })) {
        return;
      }
    }
    waitUs = kListenWaitUs;  // Unless all goes well.
    if (!reader) {
      absl::StatusOr<Database> opened = Database::open(uri);
      if (!opened.ok()) {
        failed(opened.status());
        continue;
      }
      reader = std::move(*opened);
    }
    try {
      if (listening == nullptr) {
        // LISTENs before reading, so that nothing committed after the read goes unnoticed.
        listening = std::make_unique<pqxx::connection>(uri);
        wake = std::make_unique<Wake>(*listening);
      }
    } catch (const std::exception& error) {
      listening.reset();
      failed(reader->toStatus(error, "listening for activities"));
      continue;
    }
    // Lost connections connect again by themselves at the next read (Database).
    if (const absl::Status followed = followUp(*reader); !followed.ok()) {
      failed(followed);
      continue;
    }
    if (failing) std::fprintf(stderr, "activity follower: following the activity log again\n");
    failing = false;
    try {
      listening->await_notification(0, kListenWaitUs);
      // libpqxx would connect again by itself, but unnoticed: connect anew, then read.
      if (!listening->is_open()) throw pqxx::broken_connection("the listening connection was lost");
      waitUs = 0;
    } catch (const std::exception& error) {
      wake.reset();
      listening.reset();
      failed(reader->toStatus(error, "listening for activities"));
    }
  }
}

absl::Status PostgresEventStore::followUp(Database& reader) {
  while (true) {
    FollowedPage page;
    LANYARD_RETURN_IF_ERROR(reader.inTransaction(
        "following the activity log",
        [&](pqxx::transaction_base& transaction) {
          page = readPage(transaction, m_followed);
          return absl::OkStatus();
        },
        Isolation::RepeatableRead));
    if (page.activities.empty()) break;
    {
      std::lock_guard lock(m_listenerMutex);
      if (m_listener != nullptr && page.activities.back()->sequence > m_listenerAfter) {
        domain::CommittedActivities committed;
        bool importedDelegates = false;
        bool importedSessions = false;
        for (const std::shared_ptr<const Activity>& activity : page.activities) {
          if (activity->sequence <= m_listenerAfter) continue;
          importedDelegates |= activity->kind == ActivityKind::DelegatesImported;
          importedSessions |= activity->kind == ActivityKind::SessionsImported;
          committed.activities.push_back(activity);
        }
        if (importedDelegates) committed.roster = page.roster;
        if (importedDelegates || importedSessions) committed.sessions = page.sessions;
        m_listener->onCommitted(committed);
      }
    }
    m_followed = page.activities.back()->sequence;
    keepSearchCurrent(page.activities);
    if (page.activities.size() < static_cast<std::size_t>(kFollowPage)) break;
  }
  if (!m_searchReloadDue) return absl::OkStatus();
  absl::Status loaded = loadSearch();
  m_searchReloadDue = !loaded.ok();
  return loaded;
}

void PostgresEventStore::keepSearchCurrent(const std::vector<std::shared_ptr<const Activity>>& activities) {
  if (m_searchReloadDue) return;  // A reload follows.
  std::vector<std::int64_t> changed;
  std::unordered_set<std::int64_t> seen;
  for (const std::shared_ptr<const Activity>& activity : activities) {
    switch (activity->kind) {
      case ActivityKind::DelegateAdded:
      case ActivityKind::DelegateUpdated:
      case ActivityKind::DelegateCancelled:
      case ActivityKind::BadgeReissued:
        if (seen.insert(activity->delegateId).second) changed.push_back(activity->delegateId);
        break;
      case ActivityKind::DelegatesImported:
        // Which delegates it wrote is not logged: the whole index is read again, unless it wrote
        // none (an unchanged file, or registrations only: the index holds none).
        if (activity->import.created + activity->import.updated > 0) {
          m_searchReloadDue = true;
          return;
        }
        break;
      default:  // Check-ins, prints, heartbeats and sessions are not in the index.
        break;
    }
  }
  // A failed refresh leaves the index as it was, so the whole of it is loaded again.
  if (!changed.empty() && !refreshSearch(changed).ok()) m_searchReloadDue = true;
}

}  // namespace lanyard::server::postgres
