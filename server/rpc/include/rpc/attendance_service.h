#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "live/attendance_hub.h"
#include "rpc/activity_wire.h"
#include "rpc/service_context.h"

namespace lanyard::server::rpc {

// The organisers' live view: the attendance summary and the activity feed, served from the hub.
// WatchAttendance uses gRPC's callback API: a stream holds no thread while it waits, so hundreds
// of watchers cost memory, not threads. One feeder thread of this service turns hub changes into
// writes, in rounds: it is woken once per commit (not once per watcher), gathers for a moment, then
// gives every stream that has no write in flight what is new. The method is registered raw (bytes
// in, bytes out) so that each activity is serialised once for all streams (rpc/activity_wire.h);
// on the wire it is the WatchAttendanceResponse stream the proto declares.
class AttendanceServiceImpl final
    : public v1::AttendanceService::WithRawCallbackMethod_WatchAttendance<v1::AttendanceService::Service> {
 public:
  // Most WatchAttendance streams one device (token) may hold open at once, so that one token
  // cannot take every slot of the hub (HubOptions::maxWatchers); more get RESOURCE_EXHAUSTED.
  static constexpr int kMaxStreamsPerDevice = 20;
  // How long a stream's write may wait for its client to take it before the stream is ended with
  // RESOURCE_EXHAUSTED ("stopped reading") and its hub and device slots are freed.
  static constexpr std::chrono::milliseconds kDefaultStallLimit{60'000};

  AttendanceServiceImpl(ServiceContext context, live::AttendanceHub& hub,
                        std::chrono::milliseconds stallLimit = kDefaultStallLimit);
  // Stops the feeder. The gRPC server must have been shut down and waited for first.
  ~AttendanceServiceImpl() override;
  AttendanceServiceImpl(const AttendanceServiceImpl&) = delete;
  AttendanceServiceImpl& operator=(const AttendanceServiceImpl&) = delete;

  grpc::Status GetAttendanceSummary(grpc::ServerContext* context, const v1::GetAttendanceSummaryRequest* request,
                                    v1::GetAttendanceSummaryResponse* response) override;
  // First a snapshot, then activities as the hub publishes them, at the client's pace: a stream
  // has at most one write in flight, and a client that stops reading falls behind on its own
  // (and later catches up from the log) at no cost to the others. A write its client has not
  // taken within the stall limit ends the stream with RESOURCE_EXHAUSTED, which the client sees
  // after what it had buffered; its slots are free at once. A revoked token ends the stream within
  // half a second.
  // `request` is a serialised WatchAttendanceRequest; each message written is a serialised
  // WatchAttendanceResponse.
  // Conflicts, newest first, and marking one seen (conflicts.cpp).
  grpc::Status ListConflicts(grpc::ServerContext* context, const v1::ListConflictsRequest* request,
                             v1::ListConflictsResponse* response) override;
  grpc::Status MarkConflictSeen(grpc::ServerContext* context, const v1::MarkConflictSeenRequest* request,
                                v1::MarkConflictSeenResponse* response) override;
  grpc::ServerWriteReactor<grpc::ByteBuffer>* WatchAttendance(grpc::CallbackServerContext* context,
                                                              const grpc::ByteBuffer* request) override;

  class WatchReactor;
  class Feeder;
  class StreamSlot;

 private:
  // A slot for one more stream of `device`; RESOURCE_EXHAUSTED when it has kMaxStreamsPerDevice.
  absl::StatusOr<StreamSlot> takeStreamSlot(const domain::Device& device);

  ServiceContext m_context;
  const std::chrono::milliseconds m_stallLimit;
  std::mutex m_streamsMutex;
  std::unordered_map<std::int64_t, int> m_streamsPerDevice;  // Device id -> open streams; no zeros.
  live::AttendanceHub& m_hub;
  std::unique_ptr<ActivityWireCache> m_wire;
  std::unique_ptr<Feeder> m_feeder;
};

// The lanyard.v1 form of a summary and of an activity; times stay UTC, local labels use
// `timeZone`.
v1::AttendanceSummary toProto(const domain::AttendanceSummary& summary, const std::string& timeZone);
void toProto(const domain::Activity& activity, v1::Activity* out);

}  // namespace lanyard::server::rpc
