// AttendanceServiceImpl's conflict calls: the conflicts offline uploads recorded, listed newest
// first, and marked seen.

#include "domain/event_time.h"
#include "domain/str_cat.h"
#include "rpc/attendance_service.h"
#include "rpc/page_token.h"

namespace lanyard::server::rpc {

namespace {

v1::Conflict toProto(const domain::ConflictRecord& c) {
  v1::Conflict out;
  out.set_conflict_id(c.id);
  out.set_kind(rpc::toProto(c.kind));
  out.set_reason(domain::conflictReason(c.kind, c.kioskOutcome, c.serverOutcome));
  out.set_kiosk_outcome(rpc::toProto(c.kioskOutcome));
  out.set_server_outcome(rpc::toProto(c.serverOutcome));
  out.set_check_in_id(c.checkInId);
  out.set_device_name(c.deviceName);
  out.set_scan_time_us(c.scanTimeUs);
  out.set_upload_time_us(c.uploadTimeUs);
  out.set_session_id(c.sessionId);
  out.set_session_title(c.sessionTitle);
  if (c.delegateId != 0) {
    v1::ActivityDelegate* d = out.mutable_delegate();
    d->set_id(c.delegateId);
    d->set_given_name(c.givenName);
    d->set_family_name(c.familyName);
  }
  out.set_earlier_check_in_id(c.earlierCheckInId);
  out.set_earlier_device_name(c.earlierDeviceName);
  out.set_earlier_time_us(c.earlierTimeUs);
  out.set_earlier_offline(c.earlierOffline);
  out.set_seen_time_us(c.seenTimeUs);
  out.set_seen_by(c.seenByDeviceName);
  return out;
}

}  // namespace

grpc::Status AttendanceServiceImpl::ListConflicts(grpc::ServerContext* context, const v1::ListConflictsRequest* request,
                                                  v1::ListConflictsResponse* response) {
  LANYARD_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kReadRoles).status(), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(const PageRequest page,
                           PageRequest::parse(request->unseen_only() ? "conflicts:unseen" : "conflicts",
                                              request->page_size(), request->page_token()),
                           toGrpc);
  LANYARD_ASSIGN_OR_RETURN(std::vector<domain::ConflictRecord> conflicts,
                           m_context.store.listConflicts(request->unseen_only(), page.storePage()), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(const domain::ConflictCounts counts, m_context.store.conflictCounts(), toGrpc);
  response->set_next_page_token(page.trimToPage(conflicts));
  for (const domain::ConflictRecord& conflict : conflicts) *response->add_conflicts() = toProto(conflict);
  response->set_total(counts.all);
  response->set_unseen(counts.unseen);
  return grpc::Status::OK;
}

grpc::Status AttendanceServiceImpl::MarkConflictSeen(grpc::ServerContext* context,
                                                     const v1::MarkConflictSeenRequest* request,
                                                     v1::MarkConflictSeenResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kReadRoles), toGrpc);
  if (request->conflict_id() <= 0) return invalid("conflict_id is required (a conflict's id, above 0)");
  LANYARD_ASSIGN_OR_RETURN(const domain::ConflictLog::SeenMark mark,
                           m_context.store.markConflictSeen(request->conflict_id(), caller.id), toGrpc);
  if (mark.newly) m_hub.noteConflictSeen();
  *response->mutable_conflict() = toProto(mark.conflict);
  return grpc::Status::OK;
}

}  // namespace lanyard::server::rpc
