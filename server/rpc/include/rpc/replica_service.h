#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "lanyard/v1/replica_service.grpc.pb.h"
#include "live/attendance_hub.h"
#include "live/badge_sealer.h"
#include "rpc/replica_page_cache.h"
#include "rpc/service_context.h"

namespace lanyard::server::rpc {

// The replica feed kiosks keep working from when the server or the network is down
// (proto/lanyard/v1/replica_service.proto). GetReplicaChanges uses gRPC's callback API: a call
// that waits for a change holds no thread. One waker thread of this service serves every waiting
// call: woken by the hub after each commit (and by the badge sealer after each batch), it gathers
// for a moment, then reads each waiting call's changes and answers those that have some, and those
// whose wait is over. The badge sealer starts with the first replica request, so a server whose
// kiosks never ask pays nothing for it.
//
// Answers are built once per page and stamp and sent as the same bytes to every kiosk that asks
// for that page (ReplicaPageCache), so the method takes and gives raw bytes: the request is parsed
// here, and a malformed one is refused as the other methods' interceptor refuses theirs.
class ReplicaServiceImpl final
    : public v1::ReplicaService::WithRawCallbackMethod_GetReplicaChanges<v1::ReplicaService::Service> {
 public:
  static constexpr int kDefaultPageSize = 500;
  static constexpr int kMaxPageSize = 1000;
  static constexpr int kMaxWaitSeconds = 30;
  // How long the waker gathers commits before it serves the waiting calls: one read per call for a
  // burst of check-ins rather than one per commit.
  static constexpr std::chrono::milliseconds kGather{50};
  // The answers kept for kiosks asking for the same page: about 70 pages of 1,000 delegates.
  static constexpr std::size_t kPageCacheBytes = 32 << 20;

  ReplicaServiceImpl(ServiceContext context, live::AttendanceHub& hub, live::SealerOptions sealer = {});
  // Ends waiting calls (UNAVAILABLE), stops the waker and the sealer. The gRPC server must have been
  // shut down and waited for first.
  ~ReplicaServiceImpl() override;
  ReplicaServiceImpl(const ReplicaServiceImpl&) = delete;
  ReplicaServiceImpl& operator=(const ReplicaServiceImpl&) = delete;

  grpc::ServerUnaryReactor* GetReplicaChanges(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                              grpc::ByteBuffer* response) override;

  // Answers every waiting call with UNAVAILABLE at once and lets no call wait from now on: for
  // shutting down, so that a shutdown does not wait for long-polls.
  void stop();

  class WaitingCall;

 private:
  struct Waiting {
    WaitingCall* call;
    domain::ReplicaCursor cursor;
    int pageSize;
    std::chrono::steady_clock::time_point until;
  };

  // The answer for the changes after `cursor`, the store's stamp having been `now` just before: the
  // same bytes for every call at that stamp.
  absl::StatusOr<ReplicaPageCache::Page> answer(const domain::ReplicaCursor& cursor, int pageSize,
                                                const domain::ReplicaStamp& now);
  // Reads the changes after `cursor` and serializes the answer.
  absl::StatusOr<ReplicaPageCache::Page> build(const domain::ReplicaCursor& cursor, int pageSize);
  // A commit or a sealed batch: wakes the waker. Cheap; any thread.
  void noteChange();
  // Starts the sealer unless it runs. Any thread.
  void startSealer();
  // The waiting call `id` is over for the client (cancelled or past its deadline).
  void cancel(std::uint64_t id);
  void wakerLoop();

  ServiceContext m_context;
  live::AttendanceHub& m_hub;
  const live::SealerOptions m_sealerOptions;
  const std::uint32_t m_eventTag;
  ReplicaPageCache m_pages{kPageCacheBytes};

  std::mutex m_sealerMutex;
  std::unique_ptr<live::BadgeSealer> m_sealer;  // Guarded by m_sealerMutex; started on demand.

  std::mutex m_mutex;
  std::condition_variable m_wakeUp;
  std::map<std::uint64_t, Waiting> m_waiting;  // Guarded by m_mutex.
  std::uint64_t m_nextId = 1;                  // Guarded by m_mutex.
  std::uint64_t m_changes = 0;                 // Commits and sealed batches seen. Guarded by m_mutex.
  bool m_stopping = false;                     // Guarded by m_mutex.
  std::thread m_waker;                         // Last: started once everything it uses is there.
};

}  // namespace lanyard::server::rpc
