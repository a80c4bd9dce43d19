#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sqlite/sqlite.h"

namespace lanyard::server::storage {

// The machinery under SqliteEventStore: a writer thread that runs queued writes in batches, each
// batch one transaction and one fsync (group commit); a replier thread that answers their writers
// in commit order; a checkpointer thread that copies the WAL back into the database file so that
// no commit waits for it; and a pool of read-only connections beside them (WAL). It knows nothing
// of the event's tables: its owner is told of each job and batch on the writer thread (Observer).
class WritePipeline {
 public:
  using Work = std::function<absl::Status(Database&)>;
  using WriteDone = std::function<void(absl::Status)>;

  // What the pipeline's owner keeps beside the database and must roll back or publish with it.
  // Called on the writer thread only, one call at a time.
  class Observer {
   public:
    virtual ~Observer() = default;
    // Before each job of a batch runs.
    virtual void jobStarting() = 0;
    // The job that last started failed, and its savepoint is rolled back.
    virtual void jobRolledBack() = 0;
    // After the batch's transaction ended (`committed` false when it was rolled back as a whole),
    // before any of its writers is answered.
    virtual void batchEnded(Database& writer, bool committed) = 0;
  };

  // Takes over `writer`, the one read-write connection of the database at `path`, and starts the
  // threads. `observer` must outlive the pipeline. Fails when the checkpointer's connection does not
  // open.
  static absl::StatusOr<std::unique_ptr<WritePipeline>> start(std::string path, Database writer, Observer& observer);

  // Runs every write queued so far and answers its writer, then stops the threads.
  ~WritePipeline();

  WritePipeline(const WritePipeline&) = delete;
  WritePipeline& operator=(const WritePipeline&) = delete;

  // Runs `work` on the writer thread inside a savepoint of a batch transaction and returns once
  // the batch is durably committed. `work`'s failure rolls back only its own savepoint.
  absl::Status write(const Work& work);
  // write() without waiting: `done` gets its result on the replier thread (at once on the caller's,
  // with UNAVAILABLE, once the pipeline is stopping).
  void writeAsync(Work work, WriteDone done);
  // Runs `work` on a reader connection (the writer's, through write(), for an in-memory database).
  absl::Status read(const Work& work);

 private:
  struct WriteJob {
    Work work;
    WriteDone done;
  };
  using Settled = std::vector<std::pair<std::unique_ptr<WriteJob>, absl::Status>>;

  WritePipeline(std::string path, Database writer, Observer& observer);

  void writerLoop();
  // Answers the writers of committed batches, in commit order, so that waking them does not hold
  // up the writer thread's next batch.
  void replierLoop();
  // Copies the WAL back into the database file on its own connection whenever the writer has
  // let it grow past kCheckpointPages, so no commit waits for a checkpoint.
  void checkpointerLoop();
  // Hands settled jobs to the replier thread. Writer thread only.
  void reply(Settled settled);

  std::string m_path;
  Observer& m_observer;

  Database m_writer;
  std::mutex m_writeMutex;
  std::condition_variable m_writeReady;
  std::deque<std::unique_ptr<WriteJob>> m_writeQueue;  // Guarded by m_writeMutex.
  bool m_stopping = false;                             // Guarded by m_writeMutex.
  std::thread m_writerThread;
  // Batches whose fate is settled (committed or rolled back), each job with its result.
  std::mutex m_replyMutex;
  std::condition_variable m_replyReady;
  Settled m_replies;          // Guarded by m_replyMutex.
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

  std::mutex m_readersMutex;
  std::vector<std::unique_ptr<Database>> m_idleReaders;  // Guarded by m_readersMutex.
};

}  // namespace lanyard::server::storage
