#include "storage/write_pipeline.h"

#include <future>

#include "domain/status_macros.h"
#include "domain/thread_name.h"
#include "storage/sqlite_event_store_internal.h"

namespace lanyard::server::storage {

using internal::annotate;

namespace {

// Batches larger than this wait for the next commit; bounds the time one batch holds the lock.
constexpr std::size_t kMaxBatch = 512;
// WAL growth, in pages, after which the checkpointer copies it back into the database file: SQLite's
// own default for its automatic checkpoint.
constexpr int kCheckpointPages = 1000;

}  // namespace

absl::StatusOr<std::unique_ptr<WritePipeline>> WritePipeline::start(std::string path, Database writer,
                                                                    Observer& observer) {
  std::unique_ptr<WritePipeline> pipeline(new WritePipeline(std::move(path), std::move(writer), observer));
  if (pipeline->m_path != ":memory:") {
    LANYARD_ASSIGN_OR_RETURN(Database checkpointer, Database::open(pipeline->m_path));
    pipeline->m_checkpointer = std::make_unique<Database>(std::move(checkpointer));
    // Counted from the last request rather than from the WAL's start: the WAL starts over only when
    // a write begins after a complete checkpoint, which a steady stream of commits rarely allows,
    // and a request after every commit then cost a checkpoint and two more fsyncs each.
    pipeline->m_writer.onWalCommit([raw = pipeline.get(), requestedAt = 0](int walPages) mutable {
      if (walPages < requestedAt) requestedAt = 0;  // The WAL started over.
      if (walPages - requestedAt < kCheckpointPages) return;
      requestedAt = walPages;
      {
        std::lock_guard due(raw->m_checkpointMutex);
        raw->m_checkpointDue = true;
      }
      raw->m_checkpointWanted.notify_one();
    });
    pipeline->m_checkpointerThread = std::thread([raw = pipeline.get()] {
      domain::nameThisThread("lanyard-ckpt");
      raw->checkpointerLoop();
    });
  }
  pipeline->m_replierThread = std::thread([raw = pipeline.get()] {
    domain::nameThisThread("lanyard-replier");
    raw->replierLoop();
  });
  pipeline->m_writerThread = std::thread([raw = pipeline.get()] {
    domain::nameThisThread("lanyard-writer");
    raw->writerLoop();
  });
  return pipeline;
}

WritePipeline::WritePipeline(std::string path, Database writer, Observer& observer)
    : m_path(std::move(path)), m_observer(observer), m_writer(std::move(writer)) {}

WritePipeline::~WritePipeline() {
  {
    std::lock_guard lock(m_writeMutex);
    m_stopping = true;
  }
  m_writeReady.notify_all();
  if (m_writerThread.joinable()) m_writerThread.join();
  {
    std::lock_guard lock(m_replyMutex);
    m_writerDone = true;
  }
  m_replyReady.notify_all();
  if (m_replierThread.joinable()) m_replierThread.join();
  {
    std::lock_guard lock(m_checkpointMutex);
    m_checkpointStopping = true;
  }
  m_checkpointWanted.notify_all();
  if (m_checkpointerThread.joinable()) m_checkpointerThread.join();
}

void WritePipeline::checkpointerLoop() {
  while (true) {
    {
      std::unique_lock lock(m_checkpointMutex);
      m_checkpointWanted.wait(lock, [this] { return m_checkpointStopping || m_checkpointDue; });
      if (m_checkpointStopping) return;  // Closing the last connection checkpoints anyway.
      m_checkpointDue = false;
    }
    // A busy or partial checkpoint is retried after a later commit; the WAL keeps every commit
    // durable meanwhile, so a failure here loses nothing.
    (void)m_checkpointer->checkpointPassive();
    m_checkpointPassed.store(true);
  }
}

absl::Status WritePipeline::write(const Work& work) {
  std::promise<absl::Status> promise;
  std::future<absl::Status> done = promise.get_future();
  writeAsync([&work](Database& db) { return work(db); },
             [&promise](absl::Status status) { promise.set_value(std::move(status)); });
  return done.get();
}

void WritePipeline::writeAsync(Work work, WriteDone done) {
  {
    std::lock_guard lock(m_writeMutex);
    if (!m_stopping) {
      m_writeQueue.push_back(std::make_unique<WriteJob>(WriteJob{std::move(work), std::move(done)}));
      done = nullptr;
    }
  }
  if (done) {
    done(absl::UnavailableError("the server is shutting down"));
    return;
  }
  m_writeReady.notify_one();
}

void WritePipeline::writerLoop() {
  std::vector<std::unique_ptr<WriteJob>> batch;
  std::vector<absl::Status> results;
  while (true) {
    batch.clear();
    {
      std::unique_lock lock(m_writeMutex);
      m_writeReady.wait(lock, [this] { return m_stopping || !m_writeQueue.empty(); });
      if (m_writeQueue.empty()) return;  // Stopping with nothing left to write.
      while (!m_writeQueue.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(m_writeQueue.front()));
        m_writeQueue.pop_front();
      }
    }
    if (m_checkpointPassed.exchange(false)) {
      // Copies back the few pages committed while the checkpointer ran, so that this batch finds
      // the WAL fully checkpointed and writes it from the start again instead of making it longer.
      (void)m_writer.checkpointPassive();
    }
    absl::StatusOr<Transaction> transaction = Transaction::begin(m_writer);
    if (!transaction.ok()) {
      Settled failed;
      for (auto& job : batch) failed.emplace_back(std::move(job), annotate(transaction.status(), "starting a write"));
      reply(std::move(failed));
      continue;
    }
    results.clear();
    for (const auto& job : batch) {
      absl::StatusOr<Savepoint> savepoint = Savepoint::begin(m_writer);
      if (!savepoint.ok()) {
        results.push_back(savepoint.status());
        continue;
      }
      m_observer.jobStarting();
      absl::Status status = job->work(m_writer);
      if (status.ok()) status = savepoint->release();
      if (!status.ok()) m_observer.jobRolledBack();
      results.push_back(status);
    }
    const absl::Status committed = transaction->commit();
    m_observer.batchEnded(m_writer, committed.ok());
    Settled settled;
    settled.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const bool failedCommit = !committed.ok() && results[i].ok();
      settled.emplace_back(std::move(batch[i]), failedCommit ? annotate(committed, "committing") : results[i]);
    }
    reply(std::move(settled));
  }
}

void WritePipeline::reply(Settled settled) {
  {
    std::lock_guard lock(m_replyMutex);
    if (m_replies.empty()) {
      m_replies = std::move(settled);
    } else {
      m_replies.insert(m_replies.end(), std::make_move_iterator(settled.begin()),
                       std::make_move_iterator(settled.end()));
    }
  }
  m_replyReady.notify_one();
}

void WritePipeline::replierLoop() {
  Settled answering;
  while (true) {
    {
      std::unique_lock lock(m_replyMutex);
      m_replyReady.wait(lock, [this] { return m_writerDone || !m_replies.empty(); });
      if (m_replies.empty()) return;  // The writer has stopped and everyone is answered.
      answering.swap(m_replies);
    }
    for (auto& [job, status] : answering) job->done(std::move(status));
    answering.clear();
  }
}

absl::Status WritePipeline::read(const Work& work) {
  if (m_path == ":memory:") return write(work);
  std::unique_ptr<Database> reader;
  {
    std::lock_guard lock(m_readersMutex);
    if (!m_idleReaders.empty()) {
      reader = std::move(m_idleReaders.back());
      m_idleReaders.pop_back();
    }
  }
  if (!reader) {
    LANYARD_ASSIGN_OR_RETURN(Database opened, Database::open(m_path, Database::Options{.readOnly = true}));
    reader = std::make_unique<Database>(std::move(opened));
  }
  absl::Status status = work(*reader);
  std::lock_guard lock(m_readersMutex);
  m_idleReaders.push_back(std::move(reader));
  return status;
}

}  // namespace lanyard::server::storage
