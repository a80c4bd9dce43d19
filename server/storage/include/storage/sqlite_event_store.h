#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/device_tokens.h"
#include "domain/event_store.h"
#include "domain/search_index.h"
#include "sqlite/sqlite.h"
#include "storage/write_pipeline.h"

namespace lanyard::server::storage {

// The EventStore in one SQLite file: a single writer thread that commits concurrent writes
// together (group commit), and a pool of reader connections beside it (WAL); see WritePipeline.
// Its member functions are defined one file per aggregate: sqlite_devices.cpp,
// sqlite_delegates.cpp, sqlite_imports.cpp, sqlite_check_in_log.cpp, sqlite_conflicts.cpp, sqlite_replica.cpp; the
// search index and the activity listener are kept up to date after each commit by search_sync.cpp and
// activity_publishing.cpp.
class SqliteEventStore final : public domain::EventStore, private WritePipeline::Observer {
 public:
  // Creates the event in a new or empty database at `path` and an "admin" device.
  // Returns the admin token. ALREADY_EXISTS when the file already holds an event.
  static absl::StatusOr<std::string> initialise(const std::string& path, const domain::Event& event,
                                                const domain::Clock& clock);

  // Opens an initialised database, migrating it to the newest schema, and holds it exclusively
  // until destroyed: two servers on one file would each trust their own token cache.
  // FAILED_PRECONDITION when it holds no event, was written by a newer Lanyard, or another
  // process holds it.
  static absl::StatusOr<std::unique_ptr<SqliteEventStore>> open(const std::string& path, domain::Clock clock);

  ~SqliteEventStore() override;

  const domain::Event& event() const override { return m_event; }

  // DeviceStore (sqlite_devices.cpp).
  absl::StatusOr<domain::Device> authenticate(std::string_view token) override;
  absl::StatusOr<domain::CreatedDevice> createDevice(std::string_view name, domain::Role role) override;
  absl::StatusOr<std::vector<domain::Device>> listDevices(domain::Page page) override;
  absl::StatusOr<domain::Device> revokeDevice(std::optional<std::int64_t> id, std::string_view name) override;
  std::string staffPinHash() const override;
  absl::Status setStaffPinHash(std::string hash) override;

  // DelegateStore (sqlite_delegates.cpp; importDelegates in sqlite_imports.cpp, search in search_sync.cpp).
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

  // SessionStore (importSessions in sqlite_imports.cpp, listSessions in sqlite_check_in_log.cpp).
  absl::StatusOr<std::vector<domain::SessionOccupancy>> listSessions() override;
  absl::StatusOr<domain::ImportSummary> importSessions(const std::vector<domain::Session>& sessions) override;

  // CheckInLog (sqlite_check_in_log.cpp).
  absl::StatusOr<domain::CheckInResult> checkIn(const domain::CheckInCommand& command) override;
  void checkInAsync(domain::CheckInCommand command, CheckInDone done) override;
  absl::StatusOr<domain::BadgePrintRecord> recordPrint(domain::BadgePrintRecord print) override;
  absl::StatusOr<domain::KioskStatusRecord> recordKioskStatus(domain::KioskStatusRecord record) override;
  absl::StatusOr<std::vector<domain::CheckInRecord>> checkIns(std::int64_t delegateId, domain::Page page) override;
  absl::StatusOr<std::vector<domain::BadgePrintRecord>> badgePrints(std::int64_t delegateId,
                                                                    domain::Page page) override;

  // ConflictLog (sqlite_conflicts.cpp).
  absl::StatusOr<std::vector<domain::ConflictRecord>> listConflicts(bool unseenOnly, domain::Page page) override;
  absl::StatusOr<domain::ConflictCounts> conflictCounts() override;
  absl::StatusOr<SeenMark> markConflictSeen(std::int64_t id, std::int64_t deviceId) override;

  // ActivityFeed (activity_publishing.cpp).
  absl::StatusOr<std::vector<domain::Activity>> activitiesAfter(std::int64_t afterSequence, int limit) override;
  absl::StatusOr<std::int64_t> newestActivitySequence() override;
  absl::StatusOr<std::int64_t> attachActivityListener(domain::ActivityListener* listener) override;
  absl::Status detachActivityListener(domain::ActivityListener* listener) override;

  // ReplicaStore (sqlite_replica.cpp).
  absl::StatusOr<domain::ReplicaChanges> replicaChanges(const domain::ReplicaCursor& after, int limit) override;
  absl::StatusOr<domain::ReplicaStamp> replicaStamp() override;
  absl::StatusOr<std::vector<domain::Delegate>> delegatesAwaitingMaterial(std::int64_t afterId, int limit) override;
  absl::StatusOr<int> storeReplicaMaterial(const std::vector<domain::PreparedMaterial>& prepared) override;

 private:
  using Work = WritePipeline::Work;

  // An open descriptor of the database file holding an flock(2); closed last, after every
  // SQLite connection, because closing any descriptor of the file drops SQLite's own locks.
  class ExclusiveLock {
   public:
    explicit ExclusiveLock(int fd = -1) : m_fd(fd) {}
    ExclusiveLock(ExclusiveLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    ExclusiveLock& operator=(ExclusiveLock&& other) noexcept;
    ExclusiveLock(const ExclusiveLock&) = delete;
    ExclusiveLock& operator=(const ExclusiveLock&) = delete;
    ~ExclusiveLock();

   private:
    int m_fd;
  };

  SqliteEventStore(domain::Clock clock, domain::Event event, std::string staffPinHash);

  // See WritePipeline::write, writeAsync and read.
  absl::Status write(const Work& work) { return m_pipeline->write(work); }
  void writeAsync(Work work, WritePipeline::WriteDone done) {
    m_pipeline->writeAsync(std::move(work), std::move(done));
  }
  absl::Status read(const Work& work) { return m_pipeline->read(work); }

  // WritePipeline::Observer: rolls back a failed job's staged search entries; after a commit,
  // brings the search index and the listener up to date.
  void jobStarting() override;
  void jobRolledBack() override;
  void batchEnded(Database& writer, bool committed) override;

  // Fills the token cache with the valid devices and when each was last seen. open() only.
  absl::Status loadDevices(Database& db);
  // Sets a delegate's status as the help desk's correction, logging `kind` if it changed.
  absl::StatusOr<domain::Delegate> setDelegateStatus(std::int64_t id, domain::RegistrationStatus status,
                                                     domain::ActivityKind kind);
  // ALREADY_EXISTS naming the delegates who may be the person `d` describes (see createDelegate);
  // OK when there are none. Writer thread.
  absl::Status refuseLikelyDuplicates(Database& db, const domain::Delegate& d);
  // The body of a check-in, on the writer thread.
  absl::Status logCheckIn(Database& db, const domain::CheckInCommand& command, domain::CheckInResult& result);
  // After a commit: hands what it logged to the listener, if any, then attaches a pending
  // listener. Writer thread only. A failed read leaves the activities for the next commit's turn,
  // so none is skipped or reordered.
  void publishCommitted(Database& writer);
  void publishLocked(Database& writer);  // Needs m_listenerMutex and a listener.
  // After a commit: puts the search entries its writes staged into the index. Writer thread only.
  void updateSearch();
  // Puts every delegate's entry, read through `db`, into the search index. open() only.
  absl::Status loadSearch(Database& db);

  ExclusiveLock m_lock;  // First member: destroyed last.
  domain::Clock m_clock;
  domain::Event m_event;
  domain::CheckInPolicy m_policy;
  mutable std::mutex m_staffPinMutex;
  std::string m_staffPinHash;  // Guarded by m_staffPinMutex.

  // An attach waiting for its batch to commit; writer thread only.
  struct PendingAttach {
    domain::ActivityListener* listener;
    absl::StatusOr<std::int64_t>* result;
  };
  std::optional<PendingAttach> m_pendingAttach;
  // Who hears of committed activities, and the newest sequence number handed to them.
  std::mutex m_listenerMutex;
  domain::ActivityListener* m_listener = nullptr;  // Guarded by m_listenerMutex.
  std::int64_t m_publishedSequence = 0;            // Guarded by m_listenerMutex.

  // Searches never touch the disk either. Updated after each commit.
  std::shared_mutex m_searchMutex;
  domain::SearchIndex m_search;  // Guarded by m_searchMutex.
  // What the current batch did to search, for the index once it commits. Writer thread only.
  std::vector<domain::SearchIndex::Entry> m_searchStaged;
  std::size_t m_searchStagedBeforeJob = 0;  // Where the running job's entries start.
  bool m_importInBatch = false;             // The current batch imports delegates.

  // Devices by token hash: authentication never touches the disk. Updated after each commit.
  domain::TokenCache m_tokens;

  // Last member: stopped first, while everything its threads call on is still there.
  std::unique_ptr<WritePipeline> m_pipeline;
};

}  // namespace lanyard::server::storage
