#include "rpc/attendance_service.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "domain/event_time.h"
#include "domain/str_cat.h"
#include "domain/thread_name.h"
#include "rpc/convert.h"

namespace lanyard::server::rpc {

namespace {

// How often every watch stream's token is checked again, so a revoked token stops its streams.
constexpr std::chrono::milliseconds kCancelCheck{500};
// How long the feeder gathers wake-ups before writing, so a burst of commits becomes one message
// per stream. Adds at most this much to the delivery latency.
constexpr std::chrono::milliseconds kCoalesce{10};
// Encoded activities kept for the watchers that keep up: a few seconds at 1,000 check-ins a second
// (about 200 bytes each). Watchers further behind encode what they read themselves.
constexpr std::size_t kWireCacheCapacity = 8192;

// "60 s", or "250 ms" when not whole seconds.
std::string describeDuration(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return strCat(duration.count() / 1000, " s");
  return strCat(duration.count(), " ms");
}

}  // namespace

v1::AttendanceSummary toProto(const domain::AttendanceSummary& s, const std::string& timeZone) {
  v1::AttendanceSummary out;
  out.set_sequence(s.sequence);
  out.set_server_time_us(s.asOfUs);
  out.set_time_zone(timeZone);
  out.set_today(domain::formatLocal(s.asOfUs, timeZone).substr(0, 10));
  out.set_registered(s.registered);
  out.set_checked_in(s.checkedIn);
  out.set_inside_now(s.insideNow);
  out.set_no_shows(s.noShows);
  out.set_cancelled(s.cancelled);
  out.set_scans(s.scans);
  out.set_refused_scans(s.refusedScans);
  out.set_forged_scans(s.forgedScans);
  out.set_badges_printed(s.badgesPrinted);
  out.set_print_failures(s.printFailures);
  out.set_conflicts(s.conflicts);
  out.set_unseen_conflicts(s.unseenConflicts);
  for (const domain::CategoryAttendance& c : s.categories) {
    v1::CategoryAttendance* line = out.add_categories();
    line->set_name(c.name);
    line->set_label(c.label);
    line->set_registered(c.registered);
    line->set_checked_in(c.checkedIn);
    line->set_inside_now(c.insideNow);
    line->set_no_shows(c.noShows);
  }
  for (const domain::SessionAttendance& session : s.sessions) {
    v1::SessionAttendance* line = out.add_sessions();
    line->set_session_id(session.session.id);
    line->set_title(session.session.title);
    line->set_room(session.session.room);
    line->set_start_time_us(session.session.startUs);
    line->set_end_time_us(session.session.endUs);
    line->set_capacity(session.session.capacity);
    line->set_registered(session.registered);
    line->set_inside_now(session.insideNow);
    line->set_attended(session.attended);
    line->set_fill_ratio(session.session.capacity > 0
                             ? static_cast<double>(session.insideNow) / static_cast<double>(session.session.capacity)
                             : 0.0);
  }
  for (const domain::ArrivalBucket& bucket : s.arrivals) {
    v1::ArrivalBucket* line = out.add_arrivals();
    line->set_start_time_us(bucket.startUs);
    line->set_local_start(domain::formatLocal(bucket.startUs, timeZone));
    line->set_arrivals(bucket.arrivals);
  }
  for (const domain::KioskAttendance& k : s.kiosks) {
    v1::KioskAttendance* line = out.add_kiosks();
    line->set_device_id(k.deviceId);
    line->set_device_name(k.name);
    line->set_device_role(toProto(k.role));
    line->set_revoked(k.revoked);
    line->set_last_seen_time_us(k.lastSeenUs);
    line->set_scans(k.scans);
    line->set_admitted(k.admitted);
    line->set_prints(k.prints);
    line->set_print_failures(k.printFailures);
    line->set_last_print_error(k.lastPrintError);
    line->set_last_print_error_time_us(k.lastPrintErrorUs);
    line->set_printer_status(toProto(k.printerStatus));
    line->set_printer_detail(k.printerDetail);
    line->set_printer_status_time_us(k.printerStatusUs);
  }
  return out;
}

void toProto(const domain::Activity& a, v1::Activity* out) {
  out->set_sequence(a.sequence);
  out->set_kind(toProto(a.kind));
  out->set_time_us(a.timeUs);
  out->set_device_id(a.deviceId);
  out->set_device_name(a.deviceName);
  if (a.delegateId != 0) {
    v1::ActivityDelegate* d = out->mutable_delegate();
    d->set_id(a.delegateId);
    d->set_given_name(a.givenName);
    d->set_family_name(a.familyName);
    d->set_category(a.category);
    d->set_city(a.city);
    d->set_organisation(a.organisation);
    d->set_status(a.delegateActive ? v1::REGISTRATION_STATUS_ACTIVE : v1::REGISTRATION_STATUS_CANCELLED);
  }
  switch (a.kind) {
    case domain::ActivityKind::CheckIn: {
      v1::CheckInActivity* c = out->mutable_check_in();
      c->set_check_in_id(a.checkIn.checkInId);
      c->set_session_id(a.checkIn.sessionId);
      c->set_direction(rpc::toProto(a.checkIn.direction));
      c->set_outcome(rpc::toProto(a.checkIn.outcome));
      c->set_reentry(a.checkIn.reentry);
      c->set_left_session_id(a.checkIn.leftSessionId);
      c->set_scan_time_us(a.checkIn.scanTimeUs);
      c->set_automatic(a.checkIn.automatic);
      c->set_offline(a.checkIn.offline);
      c->set_conflict_id(a.checkIn.conflictId);
      if (a.checkIn.conflictKind) c->set_conflict_kind(rpc::toProto(*a.checkIn.conflictKind));
      break;
    }
    case domain::ActivityKind::BadgePrint: {
      v1::BadgePrintActivity* p = out->mutable_badge_print();
      p->set_print_id(a.print.printId);
      p->set_success(a.print.success);
      p->set_error(a.print.error);
      p->set_printer(a.print.printer);
      p->set_badge_version(a.print.badgeVersion);
      break;
    }
    case domain::ActivityKind::DelegatesImported:
    case domain::ActivityKind::SessionsImported: {
      v1::ImportRunActivity* i = out->mutable_import_run();
      i->set_created(a.import.created);
      i->set_updated(a.import.updated);
      i->set_unchanged(a.import.unchanged);
      i->set_registrations(a.import.registrations);
      break;
    }
    case domain::ActivityKind::KioskStatus: {
      v1::KioskStatusActivity* k = out->mutable_kiosk_status();
      k->set_printer_status(toProto(a.kioskStatus.printerStatus));
      k->set_detail(a.kioskStatus.detail);
      break;
    }
    case domain::ActivityKind::DelegateAdded:
    case domain::ActivityKind::DelegateUpdated:
    case domain::ActivityKind::DelegateCancelled:
    case domain::ActivityKind::BadgeReissued:
      break;
  }
}

grpc::Status AttendanceServiceImpl::GetAttendanceSummary(grpc::ServerContext* context,
                                                         const v1::GetAttendanceSummaryRequest*,
                                                         v1::GetAttendanceSummaryResponse* response) {
  if (absl::Status allowed = m_context.authorizer.authorize(*context, kReadRoles).status(); !allowed.ok()) {
    return toGrpc(allowed);
  }
  *response->mutable_summary() = toProto(m_hub.summary(), m_context.store.event().timeZone);
  return grpc::Status::OK;
}

// Runs the rounds that feed the streams: woken (cheaply, under the hub's mutex) by each commit and
// by each write that completes, it waits kCoalesce for more, then pumps each ready stream (one with
// no write in flight) once; every kCancelCheck a round pumps every stream, to check its token and
// how long its write has waited. Owns one thread, the only one that starts writes after a stream's
// first. A round costs O(ready streams) and a commit O(1), so a stream whose client has stopped
// reading, its write never completing, costs nothing but the periodic check.
class AttendanceServiceImpl::Feeder {
 public:
  Feeder()
      : m_thread([this] {
          domain::nameThisThread("lanyard-feeder");
          run();
        }) {}
  ~Feeder() {
    {
      std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    m_ready.notify_one();
    m_thread.join();
  }
  Feeder(const Feeder&) = delete;
  Feeder& operator=(const Feeder&) = delete;

  // A new stream, its first write in flight: pumped in periodic rounds from now on, and in every
  // round once it is ready().
  void add(const std::shared_ptr<WatchReactor>& reactor) {
    std::lock_guard lock(m_mutex);
    m_all.push_back(reactor);
  }
  // `reactor` has no write in flight any more: pumps it in the next round, soon.
  void ready(const std::shared_ptr<WatchReactor>& reactor) {
    {
      std::lock_guard lock(m_mutex);
      queueLocked(reactor);
    }
    wake();
  }
  // Asks for a round soon. Cheap: it may be called with the hub's mutex held, and it signals the
  // thread only when no round is pending yet, so a burst of write completions costs one wake-up.
  void wake() {
    {
      std::lock_guard lock(m_mutex);
      if (m_pending) return;
      m_pending = true;
    }
    m_ready.notify_one();
  }

 private:
  void run();
  // Puts `reactor` in the next round's list unless it is there already. Needs m_mutex.
  void queueLocked(const std::shared_ptr<WatchReactor>& reactor);

  std::mutex m_mutex;
  std::condition_variable m_ready;
  bool m_pending = false;                                // A round is wanted.
  std::vector<std::weak_ptr<WatchReactor>> m_all;        // Every stream, for the periodic rounds.
  std::vector<std::weak_ptr<WatchReactor>> m_readyList;  // Streams with no write in flight.
  bool m_stopping = false;
  std::thread m_thread;  // Last: starts once the rest is built.
};

// One open stream of a device, counted against kMaxStreamsPerDevice until destroyed.
class AttendanceServiceImpl::StreamSlot {
 public:
  StreamSlot(AttendanceServiceImpl& service, std::int64_t deviceId) : m_service(&service), m_deviceId(deviceId) {}
  StreamSlot(StreamSlot&& other) noexcept
      : m_service(std::exchange(other.m_service, nullptr)), m_deviceId(other.m_deviceId) {}
  StreamSlot& operator=(StreamSlot&&) = delete;
  ~StreamSlot() {
    if (m_service == nullptr) return;
    std::lock_guard lock(m_service->m_streamsMutex);
    if (--m_service->m_streamsPerDevice[m_deviceId] == 0) m_service->m_streamsPerDevice.erase(m_deviceId);
  }

 private:
  AttendanceServiceImpl* m_service;  // Null once moved from.
  std::int64_t m_deviceId;
};

absl::StatusOr<AttendanceServiceImpl::StreamSlot> AttendanceServiceImpl::takeStreamSlot(const domain::Device& device) {
  std::lock_guard lock(m_streamsMutex);
  int& open = m_streamsPerDevice[device.id];
  if (open >= kMaxStreamsPerDevice) {
    return absl::ResourceExhaustedError(strCat("device \"", device.name, "\" already has ", kMaxStreamsPerDevice,
                                               " attendance streams open, the most one device may have; close one "
                                               "first"));
  }
  ++open;
  return StreamSlot(*this, device.id);
}

// One WatchAttendance stream. Owns its hub Watcher; keeps itself alive (m_self) from start() until
// gRPC calls OnDone(), and the feeder may hold it a little longer. Every method may run on a
// different thread; m_mutex serialises them, and at most one write is in flight.
class AttendanceServiceImpl::WatchReactor final : public grpc::ServerWriteReactor<grpc::ByteBuffer>,
                                                  public std::enable_shared_from_this<WatchReactor> {
 public:
  WatchReactor(AttendanceServiceImpl& service, grpc::CallbackServerContext* context, StreamSlot slot,
               std::unique_ptr<live::Watcher> watcher, std::chrono::seconds snapshotInterval)
      : m_service(service),
        m_context(context),
        m_slot(std::move(slot)),
        m_watcher(std::move(watcher)),
        m_snapshotInterval(snapshotInterval),
        m_timeZone(service.m_context.store.event().timeZone) {}

  // Registers with the feeder and writes the first snapshot.
  void start() {
    std::unique_lock lock(m_mutex);
    // The snapshot goes first: rounds find a write in flight and leave the rest to the round after
    // its completion.
    m_writing = true;
    v1::WatchAttendanceResponse event;
    *event.mutable_snapshot() = toProto(m_watcher->takeSnapshot(), m_timeZone);
    m_buffer = serializeEvent(event);
    m_lastSnapshot = std::chrono::steady_clock::now();
    m_writeStarted = m_lastSnapshot;
    m_nextAuthorization = m_lastSnapshot + kCancelCheck;
    m_self = shared_from_this();
    m_service.m_feeder->add(m_self);
    lock.unlock();
    StartWrite(&m_buffer);
  }

  // From the feeder: writes what is new unless a write is in flight (the round after its
  // completion continues). With `periodic` (every kCancelCheck), first ends the stream if its
  // write has waited longer than the stall limit or its token no longer may watch. True when the
  // stream is left ready: open, with nothing in flight.
  bool pump(bool periodic) {
    std::unique_lock lock(m_mutex);
    if (m_finished) return false;
    if (m_writing) {
      if (periodic && std::chrono::steady_clock::now() - m_writeStarted > m_service.m_stallLimit) {
        endStalledLocked(lock);
      }
      return false;
    }
    if (periodic && std::chrono::steady_clock::now() >= m_nextAuthorization) {
      m_nextAuthorization = std::chrono::steady_clock::now() + kCancelCheck;
      if (absl::Status allowed = m_service.m_context.authorizer.authorize(*m_context, kReadRoles).status();
          !allowed.ok()) {
        finishLocked(lock, toGrpc(allowed));
        return false;
      }
    }
    return !writeNextLocked(lock);
  }

  void OnWriteDone(bool ok) override {
    std::unique_lock lock(m_mutex);
    m_writing = false;
    m_buffer.Clear();  // Lets go of the shared activities at once.
    if (m_finished) return;
    if (!ok) {
      finishLocked(lock, grpc::Status::CANCELLED);
      return;
    }
    // The next write waits for the feeder's next round, so what arrives meanwhile goes out as one
    // message rather than many.
    lock.unlock();
    m_service.m_feeder->ready(shared_from_this());
  }

  void OnCancel() override {
    std::unique_lock lock(m_mutex);
    if (!m_finished) finishLocked(lock, grpc::Status::CANCELLED);
  }

  void OnDone() override {
    std::shared_ptr<WatchReactor> self;
    {
      std::lock_guard lock(m_mutex);
      m_finished = true;
      m_watcher.reset();  // Leaves the hub.
      m_slot.reset();     // And frees the device's slot.
      self = std::move(m_self);
    }
    // `self` may be the last reference: this reactor goes when it does.
  }

 private:
  // Starts the next write, or finishes the stream: true. Or returns false with nothing to write.
  // Needs m_mutex (unlocked on return).
  bool writeNextLocked(std::unique_lock<std::mutex>& lock) {
    const bool snapshotDue =
        m_snapshotInterval.count() > 0 && std::chrono::steady_clock::now() - m_lastSnapshot >= m_snapshotInterval;
    if (m_pendingSnapshot) {
      bufferSnapshotLocked(std::exchange(m_pendingSnapshot, std::nullopt).value());
      return startWriteLocked(lock);
    }
    absl::StatusOr<live::Watcher::Step> step = m_watcher->poll(/*withSummary=*/snapshotDue);
    if (!step.ok()) {
      finishLocked(lock, toGrpc(step.status()));
      return true;
    }
    switch (step->kind) {
      case live::Watcher::Step::Kind::Stopped:
        finishLocked(lock, grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                        "the server is shutting down; watch again with after_sequence set to the "
                                        "last one seen"));
        return true;
      case live::Watcher::Step::Kind::Idle: {
        // Up to date: a fresh snapshot if activities came since the last one and it is due.
        if (!m_activitiesSinceSnapshot || !snapshotDue) return false;
        std::optional<domain::AttendanceSummary> summary = m_watcher->summaryIfUpToDate();
        if (!summary) return false;
        bufferSnapshotLocked(*summary);
        break;
      }
      case live::Watcher::Step::Kind::Resync: {
        v1::WatchAttendanceResponse event;
        event.mutable_resync()->set_after_sequence(step->resyncAfter);
        event.mutable_resync()->set_reason(
            strCat("this watcher fell more than the server keeps in memory behind; continuing from the log after ",
                   step->resyncAfter));
        m_buffer = serializeEvent(event);
        break;
      }
      case live::Watcher::Step::Kind::Activities: {
        // Watchers that keep up share the message's bytes; see ActivityWireCache.
        m_buffer = m_service.m_wire->batchEvent(step->activities);
        m_activitiesSinceSnapshot = true;
        // Due while activities keep coming: the snapshot as of this batch goes out next.
        m_pendingSnapshot = std::move(step->summary);
        break;
      }
    }
    return startWriteLocked(lock);
  }

  // Puts a snapshot of `summary` into m_buffer. Needs m_mutex.
  void bufferSnapshotLocked(const domain::AttendanceSummary& summary) {
    v1::WatchAttendanceResponse event;
    *event.mutable_snapshot() = toProto(summary, m_timeZone);
    m_buffer = serializeEvent(event);
    m_lastSnapshot = std::chrono::steady_clock::now();
    m_activitiesSinceSnapshot = false;
  }

  // Starts writing m_buffer: true. Needs m_mutex (unlocked on return).
  bool startWriteLocked(std::unique_lock<std::mutex>& lock) {
    m_writing = true;
    m_writeStarted = std::chrono::steady_clock::now();
    lock.unlock();
    StartWrite(&m_buffer);
    return true;
  }

  // Ends a stream whose client stopped taking its messages. The status reaches the client only
  // after the messages its transport holds, perhaps never, so the stream leaves the hub and frees
  // its device's slot now rather than in OnDone. Needs m_mutex (unlocked on return).
  void endStalledLocked(std::unique_lock<std::mutex>& lock) {
    m_watcher.reset();
    m_slot.reset();
    finishLocked(lock, grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                    strCat("stopped reading: a message waited more than ",
                                           describeDuration(m_service.m_stallLimit),
                                           " to be taken; watch again with after_sequence set to the last one seen")));
  }

  // Ends the stream with `status`. Needs m_mutex (unlocked on return).
  void finishLocked(std::unique_lock<std::mutex>& lock, const grpc::Status& status) {
    m_finished = true;
    lock.unlock();
    Finish(status);
  }

  AttendanceServiceImpl& m_service;
  grpc::CallbackServerContext* const m_context;
  std::mutex m_mutex;
  std::optional<StreamSlot> m_slot;          // Reset in OnDone.
  std::unique_ptr<live::Watcher> m_watcher;  // Reset in OnDone.
  const std::chrono::seconds m_snapshotInterval;
  const std::string m_timeZone;
  grpc::ByteBuffer m_buffer;  // The message in flight; changed only while no write is in flight.
  bool m_writing = false;
  bool m_finished = false;  // Finish() called: no more writes.
  bool m_activitiesSinceSnapshot = false;
  std::chrono::steady_clock::time_point m_lastSnapshot;
  // A snapshot taken with the activities in flight, written after them.
  std::optional<domain::AttendanceSummary> m_pendingSnapshot;
  std::chrono::steady_clock::time_point m_nextAuthorization;
  std::chrono::steady_clock::time_point m_writeStarted;  // Of the write in flight, if any.
  std::shared_ptr<WatchReactor> m_self;
  bool m_queued = false;  // In the feeder's ready list; guarded by the feeder's mutex.
  friend class Feeder;
};

void AttendanceServiceImpl::Feeder::queueLocked(const std::shared_ptr<WatchReactor>& reactor) {
  if (reactor->m_queued) return;
  reactor->m_queued = true;
  m_readyList.push_back(reactor);
}

void AttendanceServiceImpl::Feeder::run() {
  std::vector<std::shared_ptr<WatchReactor>> round;
  std::vector<std::shared_ptr<WatchReactor>> stillReady;
  auto nextCheck = std::chrono::steady_clock::now() + kCancelCheck;
  while (true) {
    bool periodic = false;
    {
      std::unique_lock lock(m_mutex);
      m_ready.wait_until(lock, nextCheck, [this] { return m_stopping || m_pending; });
      if (m_stopping) return;
      if (m_pending) {
        // Gather what else arrives for a moment: fewer, larger writes cost every stream less.
        m_ready.wait_for(lock, kCoalesce, [this] { return m_stopping; });
        if (m_stopping) return;
      }
      m_pending = false;
      const auto now = std::chrono::steady_clock::now();
      if (now >= nextCheck) {
        periodic = true;
        nextCheck = now + kCancelCheck;
      }
      for (const std::weak_ptr<WatchReactor>& weak : m_readyList) {
        std::shared_ptr<WatchReactor> reactor = weak.lock();
        if (!reactor) continue;
        reactor->m_queued = false;
        if (!periodic) round.push_back(std::move(reactor));
      }
      m_readyList.clear();
      if (periodic) {
        std::erase_if(m_all, [&round](const std::weak_ptr<WatchReactor>& weak) {
          std::shared_ptr<WatchReactor> reactor = weak.lock();
          if (!reactor) return true;
          round.push_back(std::move(reactor));
          return false;
        });
      }
    }
    for (const std::shared_ptr<WatchReactor>& reactor : round) {
      if (reactor->pump(periodic)) stillReady.push_back(reactor);
    }
    if (!stillReady.empty()) {
      std::lock_guard lock(m_mutex);
      for (const std::shared_ptr<WatchReactor>& reactor : stillReady) queueLocked(reactor);
    }
    // Outside every lock: this may be a finished stream's last reference.
    round.clear();
    stillReady.clear();
  }
}

// Ends a stream at once with `status`, for refusals before any watcher exists.
class FinishedWatch final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  explicit FinishedWatch(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

AttendanceServiceImpl::AttendanceServiceImpl(ServiceContext context, live::AttendanceHub& hub,
                                             std::chrono::milliseconds stallLimit)
    : m_context(context),
      m_stallLimit(stallLimit),
      m_hub(hub),
      m_wire(std::make_unique<ActivityWireCache>(kWireCacheCapacity)),
      m_feeder(std::make_unique<Feeder>()) {
  m_hub.addOnChange(this, [feeder = m_feeder.get()] { feeder->wake(); });
}

AttendanceServiceImpl::~AttendanceServiceImpl() { m_hub.removeOnChange(this); }

grpc::ServerWriteReactor<grpc::ByteBuffer>* AttendanceServiceImpl::WatchAttendance(grpc::CallbackServerContext* context,
                                                                                   const grpc::ByteBuffer* rawRequest) {
  const absl::StatusOr<domain::Device> caller = m_context.authorizer.authorize(*context, kReadRoles);
  if (!caller.ok()) return new FinishedWatch(toGrpc(caller.status()));
  v1::WatchAttendanceRequest request;
  grpc::ByteBuffer requestBytes(*rawRequest);  // Deserialize consumes its buffer; this copy shares the bytes.
  if (!grpc::SerializationTraits<v1::WatchAttendanceRequest>::Deserialize(&requestBytes, &request).ok()) {
    return new FinishedWatch(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "not a WatchAttendanceRequest"));
  }
  if (request.snapshot_interval_seconds() < 0) {
    return new FinishedWatch(
        grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "snapshot_interval_seconds must not be negative"));
  }
  std::optional<std::int64_t> after;
  if (request.has_after_sequence()) after = request.after_sequence();
  absl::StatusOr<StreamSlot> slot = takeStreamSlot(*caller);
  if (!slot.ok()) return new FinishedWatch(toGrpc(slot.status()));
  absl::StatusOr<std::unique_ptr<live::Watcher>> watcher = m_hub.watch(after);
  if (!watcher.ok()) return new FinishedWatch(toGrpc(watcher.status()));
  auto reactor = std::make_shared<WatchReactor>(*this, context, std::move(*slot), std::move(*watcher),
                                                std::chrono::seconds(request.snapshot_interval_seconds()));
  reactor->start();
  return reactor.get();
}

}  // namespace lanyard::server::rpc
