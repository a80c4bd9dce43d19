#include "rpc/replica_service.h"

#include <google/protobuf/arena.h>
#include <grpc/slice.h>
#include <grpcpp/support/byte_buffer.h>

#include <algorithm>
#include <vector>

#include "domain/replica_keys.h"
#include "domain/str_cat.h"
#include "rpc/badge_content.h"
#include "rpc/malformed_requests.h"
#include "rpc/replica_cursor.h"

namespace lanyard::server::rpc {

namespace {

// The event's tag in replica cursors: its badge codes' tag, changed by each restore of its file, so
// that a cursor from before a restore, which may have seen changes the backup lacks, is refused.
std::uint32_t cursorTagOf(const domain::Event& event) {
  domain::Ed25519PublicKey key{};
  std::copy_n(event.publicKey.begin(), std::min(event.publicKey.size(), key.size()), key.begin());
  return domain::eventTagFor(key) ^ static_cast<std::uint32_t>(event.restores * 0x9E3779B9ULL);
}

void toProto(const domain::Event& event, v1::ReplicaEvent* out) {
  out->set_name(event.name);
  out->set_time_zone(event.timeZone);
  out->set_badge_public_key(event.publicKey);
  const domain::ReplicaSalt salt = domain::replicaSalt(event.publicKey);
  out->set_replica_salt(std::string(salt.begin(), salt.end()));
  out->set_name_check_in_proof(event.nameCheckInProof.toString());
  out->set_session_grace_minutes(static_cast<std::int32_t>(event.sessionGraceMinutes));
}

// What a kiosk may hold of a delegate: the summary, hashes and the sealed badge; never the e-mail
// address, the family name, the Latin name, the ticket code or the notes. Moves the row's search
// terms and sealed badge into `out`.
void toProto(domain::ReplicaDelegate& row, const domain::ReplicaSalt& salt, v1::ReplicaDelegate* out) {
  const domain::Delegate& d = row.delegate;
  toSummary(domain::summaryOf(d), out->mutable_summary());
  out->set_status(d.status == domain::RegistrationStatus::Cancelled ? v1::REGISTRATION_STATUS_CANCELLED
                                                                    : v1::REGISTRATION_STATUS_ACTIVE);
  out->set_badge_version(d.badgeVersion);
  if (!d.externalTicketCode.empty()) out->add_ticket_code_hashes(domain::ticketCodeHash(salt, d.externalTicketCode));
  out->mutable_session_ids()->Add(row.sessionIds.begin(), row.sessionIds.end());
  v1::ReplicaCheckInState* checkIn = out->mutable_check_in();
  if (const std::optional<domain::LoggedCheckIn>& move = row.checkIn.latestEntranceMove) {
    v1::ReplicaMove* entrance = checkIn->mutable_entrance();
    entrance->set_direction(rpc::toProto(move->direction));
    entrance->set_time_us(move->serverTimeUs);
    entrance->set_device_name(move->deviceName);
    entrance->set_event_day(move->eventDay);
  }
  checkIn->set_inside_session_id(row.checkIn.insideSessionId);
  checkIn->set_badge_printed(row.checkIn.badgePrinted);
  if (row.material) {
    domain::ReplicaSearchKeys& keys = row.material->searchKeys;
    v1::ReplicaSearchKeys* keysOut = out->mutable_search_keys();
    for (std::string& term : keys.nameTerms) keysOut->add_name_terms(std::move(term));
    for (std::string& term : keys.affiliationTerms) keysOut->add_affiliation_terms(std::move(term));
    out->set_sealed_badge(std::move(row.material->sealedBadge));
  }
}

// `message`'s bytes in a slice of their own, written once.
grpc::Slice serialized(const google::protobuf::MessageLite& message) {
  const std::size_t size = message.ByteSizeLong();
  grpc_slice slice = grpc_slice_malloc(size);
  message.SerializeWithCachedSizesToArray(GRPC_SLICE_START_PTR(slice));
  return {slice, grpc::Slice::STEAL_REF};
}

void send(const ReplicaPageCache::Page& page, grpc::ByteBuffer& response) {
  grpc::Slice bytes = page.bytes;
  response = grpc::ByteBuffer(&bytes, 1);
}

}  // namespace

// A call waiting for a change. The service's waiting list points at it until the call is
// answered; whoever takes it off the list (the waker, a cancellation, stop()) answers it, and gRPC
// deletes it once answered.
class ReplicaServiceImpl::WaitingCall final : public grpc::ServerUnaryReactor {
 public:
  WaitingCall(ReplicaServiceImpl& service, grpc::ByteBuffer* response) : m_service(service), m_response(response) {}

  void setId(std::uint64_t id) { m_id = id; }
  grpc::ByteBuffer& response() { return *m_response; }

  void OnCancel() override { m_service.cancel(m_id); }
  void OnDone() override { delete this; }

 private:
  ReplicaServiceImpl& m_service;
  grpc::ByteBuffer* m_response;
  std::uint64_t m_id = 0;
};

ReplicaServiceImpl::ReplicaServiceImpl(ServiceContext context, live::AttendanceHub& hub, live::SealerOptions sealer)
    : m_context(context),
      m_hub(hub),
      m_sealerOptions(sealer),
      m_eventTag(cursorTagOf(context.store.event())),
      m_waker([this] { wakerLoop(); }) {
  m_hub.addOnChange(this, [this] {
    // On the store's writer thread, under the hub's lock: only flags and notifications.
    noteChange();
    if (std::unique_lock lock(m_sealerMutex, std::try_to_lock); lock.owns_lock() && m_sealer) m_sealer->wake();
  });
}

ReplicaServiceImpl::~ReplicaServiceImpl() {
  m_hub.removeOnChange(this);
  stop();
  m_waker.join();
  std::lock_guard lock(m_sealerMutex);
  m_sealer.reset();
}

void ReplicaServiceImpl::startSealer() {
  std::lock_guard lock(m_sealerMutex);
  if (m_sealer) return;
  const domain::BadgeSigner& signer = m_context.signer;
  absl::StatusOr<std::unique_ptr<live::BadgeSealer>> sealer = live::BadgeSealer::start(
      m_context.store, m_context.store.event(),
      [&signer](const domain::Delegate& d, const std::string& code) -> absl::StatusOr<std::string> {
        absl::StatusOr<v1::BadgeContent> badge = badgeContent(signer, d, code);
        if (!badge.ok()) return badge.status();
        return badge->SerializeAsString();
      },
      [this] { noteChange(); }, m_sealerOptions);
  if (sealer.ok()) m_sealer = std::move(*sealer);
}

void ReplicaServiceImpl::noteChange() {
  {
    std::lock_guard lock(m_mutex);
    ++m_changes;
  }
  m_wakeUp.notify_all();
}

absl::StatusOr<ReplicaPageCache::Page> ReplicaServiceImpl::answer(const domain::ReplicaCursor& cursor, int pageSize,
                                                                  const domain::ReplicaStamp& now) {
  return m_pages.answer({cursor, pageSize}, now, [&] { return build(cursor, pageSize); });
}

absl::StatusOr<ReplicaPageCache::Page> ReplicaServiceImpl::build(const domain::ReplicaCursor& cursor, int pageSize) {
  absl::StatusOr<domain::ReplicaChanges> changes = m_context.store.replicaChanges(cursor, pageSize);
  if (!changes.ok()) return changes.status();
  const domain::Event& event = m_context.store.event();
  google::protobuf::Arena arena;
  auto& response = *google::protobuf::Arena::CreateMessage<v1::GetReplicaChangesResponse>(&arena);
  toProto(event, response.mutable_event());
  for (const domain::ReplicaSession& row : changes->sessions) {
    *response.add_sessions()->mutable_session() = rpc::toProto(domain::SessionOccupancy{row.session, 0, 0});
  }
  const domain::ReplicaSalt salt = domain::replicaSalt(event.publicKey);
  response.mutable_delegates()->Reserve(static_cast<int>(changes->delegates.size()));
  for (domain::ReplicaDelegate& row : changes->delegates) toProto(row, salt, response.add_delegates());
  response.set_next_cursor(encodeReplicaCursor(m_eventTag, changes->next));
  response.set_caught_up(changes->caughtUp);
  response.set_sequence(changes->stamp.activitySequence);
  return ReplicaPageCache::Page{serialized(response), changes->stamp,
                                response.sessions_size() > 0 || response.delegates_size() > 0};
}

grpc::ServerUnaryReactor* ReplicaServiceImpl::GetReplicaChanges(grpc::CallbackServerContext* context,
                                                                const grpc::ByteBuffer* requestBytes,
                                                                grpc::ByteBuffer* response) {
  const auto finish = [context](const grpc::Status& status) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(status);
    return reactor;
  };
  // Parsed before the token is checked, as gRPC parses the other methods' requests.
  v1::GetReplicaChangesRequest request;
  grpc::ByteBuffer requestCopy(*requestBytes);  // Shares the slices; the reader consumes its buffer.
  if (!grpc::SerializationTraits<v1::GetReplicaChangesRequest>::Deserialize(&requestCopy, &request).ok()) {
    return finish(invalid(malformedRequestMessage("/lanyard.v1.ReplicaService/GetReplicaChanges")));
  }
  const absl::StatusOr<domain::Device> caller = m_context.authorizer.authorize(*context, kScanRoles);
  if (!caller.ok()) return finish(toGrpc(caller.status()));
  if (request.page_size() < 0) {
    return finish(invalid(strCat("page_size must not be negative (0 asks for the default of ", kDefaultPageSize, ")")));
  }
  if (request.wait_seconds() < 0) return finish(invalid("wait_seconds must not be negative (0 answers at once)"));
  const int pageSize = request.page_size() == 0 ? kDefaultPageSize : std::min(request.page_size(), kMaxPageSize);
  const int waitSeconds = std::min(request.wait_seconds(), kMaxWaitSeconds);
  const absl::StatusOr<domain::ReplicaCursor> cursor = decodeReplicaCursor(m_eventTag, request.cursor());
  if (!cursor.ok()) return finish(toGrpc(cursor.status()));
  startSealer();

  std::uint64_t changesBefore = 0;
  {
    std::lock_guard lock(m_mutex);
    changesBefore = m_changes;
  }
  const absl::StatusOr<domain::ReplicaStamp> now = m_context.store.replicaStamp();
  if (!now.ok()) return finish(toGrpc(now.status()));
  const absl::StatusOr<ReplicaPageCache::Page> page = answer(*cursor, pageSize, *now);
  if (!page.ok()) return finish(toGrpc(page.status()));
  if (waitSeconds == 0 || page->hasRows) {
    send(*page, *response);
    return finish(grpc::Status::OK);
  }
  auto* call = new WaitingCall(*this, response);
  std::lock_guard lock(m_mutex);
  if (m_stopping) {
    call->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
    return call;
  }
  const std::uint64_t id = m_nextId++;
  call->setId(id);
  m_waiting.emplace(
      id, Waiting{call, *cursor, pageSize, std::chrono::steady_clock::now() + std::chrono::seconds(waitSeconds)});
  // The waker sleeps until the earliest wait ends, which may now be this one's; and a change
  // committed between the read and now woke nobody for this call.
  if (m_changes != changesBefore) ++m_changes;
  m_wakeUp.notify_all();
  return call;
}

void ReplicaServiceImpl::cancel(std::uint64_t id) {
  WaitingCall* call = nullptr;
  {
    std::lock_guard lock(m_mutex);
    const auto waiting = m_waiting.find(id);
    if (waiting == m_waiting.end()) return;  // Answered already.
    call = waiting->second.call;
    m_waiting.erase(waiting);
  }
  call->Finish(grpc::Status::CANCELLED);
}

void ReplicaServiceImpl::stop() {
  std::map<std::uint64_t, Waiting> waiting;
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
    waiting.swap(m_waiting);
  }
  m_wakeUp.notify_all();
  for (auto& [id, entry] : waiting) {
    entry.call->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
  }
}

void ReplicaServiceImpl::wakerLoop() {
  std::uint64_t served = 0;  // m_changes when the waiting calls were last read for a change.
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    const auto now = std::chrono::steady_clock::now();
    auto until = now + std::chrono::seconds(kMaxWaitSeconds);
    for (const auto& [id, entry] : m_waiting) until = std::min(until, entry.until);
    const bool changed = m_changes != served && !m_waiting.empty();
    const bool due = !m_waiting.empty() && until <= now;
    if (!changed && !due) {
      m_wakeUp.wait_until(lock, until);
      continue;
    }
    if (changed) {
      // Gather: one read per waiting call for a burst of commits.
      m_wakeUp.wait_for(lock, kGather, [this] { return m_stopping; });
      if (m_stopping) break;
      served = m_changes;
    }
    std::vector<std::pair<std::uint64_t, Waiting>> turn;
    const auto turnStart = std::chrono::steady_clock::now();
    for (const auto& [id, entry] : m_waiting) {
      if (changed || entry.until <= turnStart) turn.emplace_back(id, entry);
    }
    lock.unlock();
    // One stamp for the turn: a commit after it wakes the waker for another turn.
    const absl::StatusOr<domain::ReplicaStamp> stamp = m_context.store.replicaStamp();
    for (auto& [id, entry] : turn) {
      const absl::StatusOr<ReplicaPageCache::Page> page = stamp.ok()
                                                              ? answer(entry.cursor, entry.pageSize, *stamp)
                                                              : absl::StatusOr<ReplicaPageCache::Page>(stamp.status());
      const bool over = entry.until <= std::chrono::steady_clock::now();
      if (page.ok() && !over && !page->hasRows) continue;
      {
        std::lock_guard taken(m_mutex);
        if (m_waiting.erase(id) == 0) continue;  // Cancelled meanwhile, or stopping.
      }
      if (!page.ok()) {
        entry.call->Finish(toGrpc(page.status()));
        continue;
      }
      send(*page, entry.call->response());
      entry.call->Finish(grpc::Status::OK);
    }
    lock.lock();
  }
}

}  // namespace lanyard::server::rpc
