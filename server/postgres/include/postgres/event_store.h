#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "domain/event_store.h"
#include "domain/search_index.h"
#include "postgres/connection_pool.h"
#include "postgres/device_store.h"

namespace lanyard::server::postgres {

// The EventStore on a PostgreSQL database that several Lanyard servers share, each with its own
// PostgresEventStore. Transactions run side by side on a pool of connections; PostgreSQL's
// locks and constraints decide between concurrent writers, here and at the other servers:
// - One admission among concurrent scans of one code: a check-in locks its delegate's row
//   (SELECT ... FOR UPDATE) before it reads their moves, so the second waits for the first to
//   commit and then reads its admission.
// - A session's last seat taken once: an entry to a session with a capacity also locks the
//   session's row (after the delegate's) before it counts who is inside.
// - A retried request counted once: the UNIQUE (device_id, request_id) of check_in. A second
//   insert waits for the first transaction and fails once it commits; the retry then answers
//   with the first result.
// - One order of activities: the activity log's ids are taken under the activity lock, the last
//   lock of the writing transaction, held to its end (migration 0001, take_activity_sequence).
//   Check-ins, prints and heartbeats log their activities as they commit, so it is held for the
//   commit alone; checkInAsync's threads log the check-ins queued meanwhile in one transaction
//   (checkInTogether), so that a busy entrance waits for it once per batch, not per check-in.
// - Replica material from several servers' sealers: each write takes the activity lock before it
//   takes the next changed sequence, and skips a delegate whose material another server stored
//   meanwhile (replica.cpp).
// - One correction among concurrent ones from the same version: the delegate's row lock, taken
//   before the version is read. One import, or walk-in, at a time: a transaction-level advisory
//   lock taken before any row lock (internal::lockBulkWrites), so that a second import of a file
//   finds what the first added and walk-ins are numbered one after another.
// What this server holds in memory (the devices' tokens, the search index, the listener's place
// in the activity log) follows what the other servers write, woken by NOTIFY. A thread of the
// store follows the activity log (activity_feed.cpp): it hands the attached ActivityListener
// every server's activities, in order, normally within milliseconds of their commit, and keeps
// the search index current with the other servers' changes.
// Its member functions are defined one file per aggregate, as SqliteEventStore's are:
// event_store.cpp (opening, the event, the devices), delegates.cpp, imports.cpp, search.cpp,
// check_in_log.cpp (and the sessions), conflicts.cpp, activity_feed.cpp, replica.cpp.
class PostgresEventStore final : public domain::EventStore {
 public:
  // Connections each store keeps to the database, beside its device store's two.
  static constexpr int kPoolSize = 8;

  // Creates the event in the empty database at `uri` (migrating it first) and an "admin" device.
  // Returns the admin token. ALREADY_EXISTS when the database already holds an event.
  static absl::StatusOr<std::string> initialise(std::string_view uri, const domain::Event& event,
                                                const domain::Clock& clock);

  // Connects to an initialised database, migrating it to the newest schema (one server at a time:
  // migrations.h). Any number of servers may hold it open at once. FAILED_PRECONDITION when it
  // holds no event or was written by a newer Lanyard; UNAVAILABLE when no server named in `uri`
  // accepts the connection.
  static absl::StatusOr<std::unique_ptr<PostgresEventStore>> open(std::string_view uri, domain::Clock clock);

  PostgresEventStore(const PostgresEventStore&) = delete;
  PostgresEventStore& operator=(const PostgresEventStore&) = delete;
  ~PostgresEventStore() override;

  const domain::Event& event() const override { return m_event; }

  // DeviceStore: PostgresDeviceStore's (event_store.cpp).
  absl::StatusOr<domain::Device> authenticate(std::string_view token) override;
  absl::StatusOr<domain::CreatedDevice> createDevice(std::string_view name, domain::Role role) override;
  absl::StatusOr<std::vector<domain::Device>> listDevices(domain::Page page) override;
  absl::StatusOr<domain::Device> revokeDevice(std::optional<std::int64_t> id, std::string_view name) override;
  std::string staffPinHash() const override;
  absl::Status setStaffPinHash(std::string hash) override;

  // DelegateStore (delegates.cpp; importDelegates in imports.cpp, search in search.cpp).
  absl::StatusOr<domain::Delegate> delegate(std::int64_t id) override;
  absl::StatusOr<domain::Delegate> delegateByExternalRef(std::string_view externalRef) override;
  absl::StatusOr<domain::Delegate> delegateByTicketCode(std::string_view code) override;
  absl::StatusOr<int> shortestTicketCodeLength() override;
  absl::StatusOr<domain::Delegate> createDelegate(domain::Delegate delegate, bool allowDuplicate) override;
  absl::StatusOr<domain::Delegate> updateDelegate(const domain::Delegate& delegate,
                                                  std::int64_t expectedVersion) override;
  absl::StatusOr<domain::Delegate> cancelDelegate(std::int64_t id) override;
  absl::StatusOr<domain::Delegate> reinstateDelegate(std::int64_t id) override;
  absl::StatusOr<domain::Delegate> reissueBadge(std::int64_t id) override;
  absl::StatusOr<std::vector<domain::Delegate>> listDelegates(bool includeCancelled, domain::Page page) override;
  absl::StatusOr<std::vector<std::int64_t>> registeredSessionIds(std::int64_t delegateId) override;
  absl::StatusOr<domain::ImportSummary> importDelegates(domain::DelegateImport data) override;
  absl::StatusOr<std::vector<domain::SearchHit>> search(std::string_view query, int limit,
                                                        bool includeCancelled) override;

  // SessionStore (importSessions in imports.cpp, listSessions in check_in_log.cpp).
  absl::StatusOr<std::vector<domain::SessionOccupancy>> listSessions() override;
  absl::StatusOr<domain::ImportSummary> importSessions(const std::vector<domain::Session>& sessions) override;

  // CheckInLog (check_in_log.cpp).
  absl::StatusOr<domain::CheckInResult> checkIn(const domain::CheckInCommand& command) override;
  void checkInAsync(domain::CheckInCommand command, CheckInDone done) override;
  // What checkIn answers to each of `commands`, each decided on what those before it logged, in
  // one transaction: one commit, and one wait for the activity lock, for them all (checkInAsync's
  // threads take queued check-ins so). Should that transaction fail (a request logged meanwhile
  // at another server, a lost connection), each runs again on its own, so that each gets its own
  // answer.
  std::vector<absl::StatusOr<domain::CheckInResult>> checkInTogether(
      const std::vector<domain::CheckInCommand>& commands);
  absl::StatusOr<domain::BadgePrintRecord> recordPrint(domain::BadgePrintRecord print) override;
  absl::StatusOr<domain::KioskStatusRecord> recordKioskStatus(domain::KioskStatusRecord record) override;
  absl::StatusOr<std::vector<domain::CheckInRecord>> checkIns(std::int64_t delegateId, domain::Page page) override;
  absl::StatusOr<std::vector<domain::BadgePrintRecord>> badgePrints(std::int64_t delegateId,
                                                                    domain::Page page) override;

  // ConflictLog (conflicts.cpp).
  absl::StatusOr<std::vector<domain::ConflictRecord>> listConflicts(bool unseenOnly, domain::Page page) override;
  absl::StatusOr<domain::ConflictCounts> conflictCounts() override;
  absl::StatusOr<SeenMark> markConflictSeen(std::int64_t id, std::int64_t deviceId) override;

  // ActivityFeed (activity_feed.cpp).
  absl::StatusOr<std::vector<domain::Activity>> activitiesAfter(std::int64_t afterSequence, int limit) override;
  absl::StatusOr<std::int64_t> newestActivitySequence() override;
  absl::StatusOr<std::int64_t> attachActivityListener(domain::ActivityListener* listener) override;
  absl::Status detachActivityListener(domain::ActivityListener* listener) override;

  // ReplicaStore (replica.cpp).
  absl::StatusOr<domain::ReplicaChanges> replicaChanges(const domain::ReplicaCursor& after, int limit) override;
  absl::StatusOr<domain::ReplicaStamp> replicaStamp() override;
  absl::StatusOr<std::vector<domain::Delegate>> delegatesAwaitingMaterial(std::int64_t afterId, int limit) override;
  absl::StatusOr<int> storeReplicaMaterial(const std::vector<domain::PreparedMaterial>& prepared) override;

 private:
  PostgresEventStore(domain::Clock clock, domain::Event event, std::unique_ptr<PostgresDeviceStore> devices,
                     std::unique_ptr<ConnectionPool> pool);

  // A transaction on one of the pool's connections: ConnectionPool::inTransaction.
  absl::Status inTransaction(std::string_view purpose, const Database::Work& work,
                             Isolation isolation = Isolation::ReadCommitted) {
    return m_pool->inTransaction(purpose, work, isolation);
  }

  // --- Delegates, imports and search (delegates.cpp, imports.cpp, search.cpp) ---
  // The search index follows the delegate table: this server's own writes put their delegates'
  // entries into it before their callers are answered (read-your-writes); other servers' writes
  // reach it through the two functions below, called by the activity follower. Each reads the
  // entries from the database and puts them in one refresh at a time (m_searchRefreshMutex), so
  // an entry read later is never overwritten by one read earlier: the index ends at the newest
  // committed state of every delegate it was asked about. Searches go on in between.
  // Both fail as the store does (UNAVAILABLE without the database), leaving the index as it was
  // or partly refreshed; a later refresh or load puts it right.

  // Loads every delegate's search entry into the index, replacing what it holds for them, a
  // batch at a time. open(), and after an import (here or, heard of through the activity log, at
  // another server). First brings the stored search terms up to this binary's
  // domain::kSearchTermsVersion if an older Lanyard wrote them (once after an upgrade: a fold of
  // every delegate's names, about a second per 50,000 delegates). Costs a read of every
  // delegate's entry.
  absl::Status loadSearch();
  // Reads the search entries of `delegateIds` (any number; unknown ids are skipped) and puts them
  // into the index: after this server's own write, and for the activities of other servers'
  // writes (kinds 3 to 6).
  absl::Status refreshSearch(const std::vector<std::int64_t>& delegateIds);
  // refreshSearch for this server's own write, which has committed: a failed refresh is logged,
  // not returned, since the write stands (the next refresh or load of the entry puts it right).
  void refreshSearchAfterWrite(const std::vector<std::int64_t>& delegateIds);
  // Sets a delegate's status at the help desk, logging `kind` if it changed.
  absl::StatusOr<domain::Delegate> setDelegateStatus(std::int64_t id, domain::RegistrationStatus status,
                                                     domain::ActivityKind kind);
  // ALREADY_EXISTS naming the delegates who may be the person `d` describes (see createDelegate);
  // OK when there are none. Namesakes come from this server's search index.
  absl::Status refuseLikelyDuplicates(pqxx::transaction_base& transaction, const domain::Delegate& d);

  // --- Check-ins (check_in_log.cpp, conflicts.cpp) ---
  // Threads that run checkInAsync's requests: fewer than the pool's connections, so that other
  // calls always find one.
  static constexpr int kCheckInThreads = 6;
  // The most queued check-ins one of those threads logs in one transaction.
  static constexpr std::size_t kMaxCheckInsPerTransaction = 16;

  // Runs checkInAsync's requests on threads of its own, first come first served: each thread takes
  // what is queued (up to kMaxCheckInsPerTransaction) to checkInTogether. The destructor answers
  // every request queued before it began (once durable), then joins; submit() answers UNAVAILABLE
  // at once from then on.
  class CheckInWorkers {
   public:
    CheckInWorkers(PostgresEventStore& store, int threads);
    CheckInWorkers(const CheckInWorkers&) = delete;
    CheckInWorkers& operator=(const CheckInWorkers&) = delete;
    ~CheckInWorkers();

    void submit(domain::CheckInCommand command, CheckInDone done);

   private:
    struct Queued {
      domain::CheckInCommand command;
      CheckInDone done;
    };
    void work();

    PostgresEventStore& m_store;
    std::mutex m_mutex;
    std::condition_variable m_queued;
    std::deque<Queued> m_queue;  // Guarded by m_mutex.
    bool m_stopping = false;     // Guarded by m_mutex.
    std::vector<std::thread> m_threads;
  };

  // Decides `command` from facts read once its delegate's row is locked, and logs it, in
  // `transaction`; a request already logged gets its first answer instead. Fails with a status
  // (not an exception) only before it writes. Runs again from the start when
  // Database::inTransaction retries.
  absl::Status logCheckIn(pqxx::transaction_base& transaction, const domain::CheckInCommand& command,
                          domain::CheckInResult& result);
  // Puts the logged answer to `command`'s (device, request id) into `result` (reset first); false
  // when that request is not logged.
  absl::StatusOr<bool> answerLoggedRequest(pqxx::transaction_base& transaction, const domain::CheckInCommand& command,
                                           domain::CheckInResult& result);

  domain::Clock m_clock;
  domain::Event m_event;
  domain::CheckInPolicy m_policy;
  std::unique_ptr<PostgresDeviceStore> m_devices;
  std::unique_ptr<ConnectionPool> m_pool;
  // Declared after the pool and what checkIn reads: destroyed, its threads stopped, before them.
  CheckInWorkers m_checkInWorkers{*this, kCheckInThreads};

  // Delegates, imports and search (delegates.cpp, imports.cpp, search.cpp).
  std::mutex m_searchRefreshMutex;  // Held by loadSearch and refreshSearch from read to put.
  std::shared_mutex m_searchMutex;
  domain::SearchIndex m_search;  // Guarded by m_searchMutex.

  // --- Following the activity log (activity_feed.cpp) ---
  // Longest the following thread waits for a notification before it reads the log anyway, and
  // waits before it tries again after a failure (a lost or refused connection).
  static constexpr long kListenWaitUs = 200'000;

  // Loads the search index, then starts the following thread from the newest activity committed
  // before the load: open() calls it once, `uri` as given to open().
  absl::Status loadSearchAndFollow(std::string_view uri);
  // Stops the following thread and waits for it (at most about kListenWaitUs): the destructor
  // calls it before anything the thread uses goes.
  void stopFollowing();
  // The following thread: its own two connections to `uri`, one LISTENing on lanyard_activity,
  // one reading the log after m_followed, on every notification and every kListenWaitUs.
  void follow(const std::string& uri);
  // Reads the activities after m_followed, in pages, and hands each page to the listener and the
  // search index. Following thread only.
  absl::Status followUp(Database& reader);
  // Refreshes the search entries of the help desk's changes among `activities`, or the whole
  // index after a delegate import that wrote delegates. Following thread only.
  void keepSearchCurrent(const std::vector<std::shared_ptr<const domain::Activity>>& activities);

  std::mutex m_listenerMutex;                      // Held while the listener is called.
  domain::ActivityListener* m_listener = nullptr;  // Guarded by m_listenerMutex.
  std::int64_t m_listenerAfter = 0;  // It hears the activities after this one. Guarded by m_listenerMutex.
  std::int64_t m_followed = 0;       // The last activity handed on. Following thread only.
  bool m_searchReloadDue = false;    // A refresh of the index failed. Following thread only.
  std::mutex m_followMutex;
  std::condition_variable m_stopFollowingRequested;
  bool m_stopFollowing = false;  // Guarded by m_followMutex.
  std::thread m_follower;
};

}  // namespace lanyard::server::postgres
