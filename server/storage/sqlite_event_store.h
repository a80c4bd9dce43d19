#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/event_store.h"
#include "storage/search_index.h"
#include "storage/sqlite.h"

namespace lanyard::server::storage {

// The EventStore in one SQLite file: a single writer thread that commits concurrent writes
// together (group commit), and a pool of reader connections beside it (WAL).
class SqliteEventStore final : public domain::EventStore {
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

  absl::StatusOr<domain::Device> authenticate(std::string_view token) override;
  absl::StatusOr<domain::CreatedDevice> createDevice(std::string_view name, domain::Role role) override;
  absl::StatusOr<std::vector<domain::Device>> listDevices(domain::Page page) override;
  absl::StatusOr<domain::Device> revokeDevice(std::optional<std::int64_t> id, std::string_view name) override;
  std::string staffPinHash() const override;
  absl::Status setStaffPinHash(std::string hash) override;

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
  absl::StatusOr<std::vector<domain::CheckInRecord>> checkIns(std::int64_t delegateId, domain::Page page) override;
  absl::StatusOr<std::vector<domain::BadgePrintRecord>> badgePrints(std::int64_t delegateId,
                                                                    domain::Page page) override;
  absl::StatusOr<std::vector<std::int64_t>> registeredSessionIds(std::int64_t delegateId) override;

  absl::StatusOr<domain::ImportSummary> importDelegates(domain::DelegateImport data) override;
  absl::StatusOr<domain::ImportSummary> importSessions(const std::vector<domain::Session>& sessions) override;

  absl::StatusOr<std::vector<domain::SearchHit>> search(std::string_view query, int limit,
                                                        bool includeCancelled) override;
  absl::StatusOr<std::vector<domain::SessionOccupancy>> listSessions() override;

  absl::StatusOr<domain::CheckInResult> checkIn(const domain::CheckInCommand& command) override;
  void checkInAsync(domain::CheckInCommand command, CheckInDone done) override;
  absl::StatusOr<domain::BadgePrintRecord> recordPrint(domain::BadgePrintRecord print) override;
  absl::StatusOr<domain::KioskStatusRecord> recordKioskStatus(domain::KioskStatusRecord record) override;

  absl::StatusOr<std::vector<domain::Activity>> activitiesAfter(std::int64_t afterSequence, int limit) override;
  absl::StatusOr<std::int64_t> attachActivityListener(domain::ActivityListener* listener) override;
  absl::Status detachActivityListener(domain::ActivityListener* listener) override;

 private:
  using Work = std::function<absl::Status(Database&)>;
  using WriteDone = std::function<void(absl::Status)>;
  struct WriteJob {
    Work work;
    WriteDone done;
  };
  using Settled = std::vector<std::pair<std::unique_ptr<WriteJob>, absl::Status>>;

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

  SqliteEventStore(std::string path, domain::Clock clock, Database writer);

  // Runs `work` on the writer thread inside a savepoint of a batch transaction and returns once
  // the batch is durably committed. `work`'s failure rolls back only its own savepoint.
  absl::Status write(const Work& work);
  // write() without waiting: `done` gets its result on the replier thread (at once on the caller's,
  // with UNAVAILABLE, once the store is stopping).
  void writeAsync(Work work, WriteDone done);
  // Sets a delegate's status as the help desk's correction, logging `kind` if it changed.
  absl::StatusOr<domain::Delegate> setDelegateStatus(std::int64_t id, domain::RegistrationStatus status,
                                                     domain::ActivityKind kind);
  // ALREADY_EXISTS naming the delegates who may be the person `d` describes (see createDelegate);
  // OK when there are none. Writer thread.
  absl::Status refuseLikelyDuplicates(Database& db, const domain::Delegate& d);
  // The body of a check-in, on the writer thread.
  absl::Status logCheckIn(Database& db, const domain::CheckInCommand& command, domain::CheckInResult& result);
  // Runs `work` on a reader connection (the writer's, for an in-memory database).
  absl::Status read(const Work& work);
  void writerLoop();
  // Answers the writers of committed batches, in commit order, so that waking them does not hold
  // up the writer thread's next batch.
  void replierLoop();
  // Copies the WAL back into the database file on its own connection whenever the writer has
  // let it grow past kCheckpointPages, so no commit waits for a checkpoint.
  void checkpointerLoop();
  // Hands settled jobs to the replier thread. Writer thread only.
  void reply(Settled settled);
  // After a commit: hands what it logged to the listener, if any, then attaches a pending
  // listener. Writer thread only. A failed read leaves the activities for the next commit's turn,
  // so none is skipped or reordered.
  void publishCommitted();
  // After a commit: puts the search entries its writes staged into the index, or reloads the
  // index after an import. Writer thread only.
  void updateSearch();
  // Puts every delegate's entry, read through the writer's connection, into the search index,
  // replacing what it holds for them. Searches may run in between. Writer thread (or open()).
  absl::Status loadSearch();
  void publishLocked();  // Needs m_listenerMutex and a listener.

  ExclusiveLock m_lock;  // First member: destroyed last.
  std::string m_path;
  domain::Clock m_clock;
  domain::Event m_event;
  domain::CheckInPolicy m_policy;
  mutable std::mutex m_staffPinMutex;
  std::string m_staffPinHash;  // Guarded by m_staffPinMutex.

  Database m_writer;
  std::mutex m_writeMutex;
  std::condition_variable m_writeReady;
  std::deque<std::unique_ptr<WriteJob>> m_writeQueue;
  bool m_stopping = false;
  std::thread m_writerThread;
  // Batches whose fate is settled (committed or rolled back), each job with its result.
  std::mutex m_replyMutex;
  std::condition_variable m_replyReady;
  Settled m_replies;         // Guarded by m_replyMutex.
  bool m_writerDone = false;  // Guarded by m_replyMutex.
  std::thread m_replierThread;
  // Absent for an in-memory database, whose writer checkpoints as SQLite does by default.
  std::unique_ptr<Database> m_checkpointer;
  std::mutex m_checkpointMutex;
  std::condition_variable m_checkpointWanted;
  bool m_checkpointDue = false;       // Guarded by m_checkpointMutex.
  bool m_checkpointStopping = false;  // Guarded by m_checkpointMutex.
  // The checkpointer finished a pass since the writer last looked.
  std::atomic<bool> m_checkpointPassed{false};
  std::thread m_checkpointerThread;

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
  SearchIndex m_search;  // Guarded by m_searchMutex.
  // What the current batch did to search, for the index once it commits. Writer thread only.
  std::vector<SearchIndex::Entry> m_searchStaged;
  bool m_searchReloadDue = false;

  std::mutex m_readersMutex;
  std::vector<std::unique_ptr<Database>> m_idleReaders;

  // Devices by token hash: authentication never touches the disk. Updated after each commit.
  std::shared_mutex m_devicesMutex;
  std::unordered_map<std::string, domain::Device> m_devicesByTokenHash;
};

}  // namespace lanyard::server::storage
