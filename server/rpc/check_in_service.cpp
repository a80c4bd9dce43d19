#include "rpc/check_in_service.h"

#include "domain/badge_print.h"
#include "domain/offline_upload.h"
#include "domain/search_key.h"
#include "domain/str_cat.h"
#include "domain/text.h"
#include "rpc/badge_content.h"

namespace lanyard::server::rpc {

namespace {

constexpr std::size_t kMaxRequestIdBytes = 128;
constexpr std::size_t kMaxQueryBytes = 256;
constexpr std::size_t kMaxProofBytes = 256;
constexpr std::size_t kMaxStaffPinBytes = 64;
constexpr int kKioskSearchLimit = 10;
constexpr int kStaffSearchLimit = 200;

}  // namespace

grpc::Status CheckInServiceImpl::ResolveCode(grpc::ServerContext* context, const v1::ResolveCodeRequest* request,
                                             v1::ResolveCodeResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kAnyRole), toGrpc);
  if (domain::trimAscii(request->code()).empty()) return invalid("code is required");
  if (request->code().size() > kMaxCodeBytes) return invalid(strCat("code is longer than ", kMaxCodeBytes, " bytes"));
  LANYARD_ASSIGN_OR_RETURN(const domain::Subject subject, domain::classifyScan(request->code(), m_context.signer),
                           toGrpc);

  // Every refused code is logged, so organisers see every attempt; the store decides again as it
  // logs, and a lookup never admits anyone.
  const auto refuse = [&](v1::CodeStatus status, const char* reason) {
    domain::CheckInCommand command;
    command.deviceId = caller.id;
    LANYARD_ASSIGN_OR_RETURN(const std::string nonce, domain::newToken(), toGrpc);
    command.requestId = strCat("resolve:", nonce);
    command.scanTimeUs = domain::systemClock()();
    command.subject = subject;
    command.lookUp = true;
    LANYARD_RETURN_IF_ERROR(m_context.store.checkIn(command).status(), toGrpc);
    response->set_status(status);
    response->set_reason(reason);
    return grpc::Status::OK;
  };
  absl::StatusOr<domain::Delegate> found = absl::NotFoundError("");
  if (const auto* badge = std::get_if<domain::subject::Badge>(&subject)) {
    found = m_context.store.delegate(badge->delegateId);
    if (found.ok() && found->badgeVersion != badge->badgeVersion) {
      // Whose old badge it is, so that staff can help them to their current one.
      *response->mutable_delegate() = toSummary(*found);
      return refuse(v1::CODE_STATUS_SUPERSEDED,
                    "This badge has been replaced by a newer one. Please use the new badge or see the help desk.");
    }
  } else if (const auto* ticket = std::get_if<domain::subject::Ticket>(&subject)) {
    found = m_context.store.delegateByTicketCode(ticket->code);
  } else {
    return refuse(v1::CODE_STATUS_FORGED, "This code is not valid. Please see the help desk.");
  }
  if (absl::IsNotFound(found.status())) {
    return refuse(v1::CODE_STATUS_UNKNOWN, "This code is not known. Please see the help desk.");
  }
  LANYARD_RETURN_IF_ERROR(found.status(), toGrpc);
  *response->mutable_delegate() = toSummary(*found);
  if (found->status == domain::RegistrationStatus::Cancelled) {
    return refuse(v1::CODE_STATUS_CANCELLED, "This registration has been cancelled. Please see the help desk.");
  }
  response->set_status(v1::CODE_STATUS_VALID);
  return grpc::Status::OK;
}

grpc::ServerUnaryReactor* CheckInServiceImpl::SearchDelegates(grpc::CallbackServerContext* context,
                                                              const v1::SearchDelegatesRequest* request,
                                                              v1::SearchDelegatesResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(search(*context, *request, response));
  return reactor;
}

grpc::Status CheckInServiceImpl::search(const grpc::ServerContextBase& context,
                                        const v1::SearchDelegatesRequest& request,
                                        v1::SearchDelegatesResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(context, kAnyRole), toGrpc);
  if (request.query().size() > kMaxQueryBytes) {
    return invalid(strCat("query is longer than ", kMaxQueryBytes, " bytes"));
  }
  if (request.limit() < 0) return invalid("limit must not be negative");
  const bool kiosk = caller.role == domain::Role::Kiosk;
  const int cap = kiosk ? kKioskSearchLimit : kStaffSearchLimit;
  const int limit = std::min(request.limit() == 0 ? kKioskSearchLimit : request.limit(), cap);
  // One hit beyond the limit tells whether there are more.
  LANYARD_ASSIGN_OR_RETURN(std::vector<domain::SearchHit> hits,
                           m_context.store.search(request.query(), limit + 1, /*includeCancelled=*/!kiosk), toGrpc);
  if (hits.size() > static_cast<std::size_t>(limit)) {
    hits.resize(static_cast<std::size_t>(limit));
    response->set_more(true);
  }
  for (domain::SearchHit& hit : hits) {
    v1::SearchResult* result = response->add_results();
    const std::int64_t id = hit.delegate.id;
    toSummary(std::move(hit.delegate), result->mutable_summary());
    if (!kiosk) {
      LANYARD_ASSIGN_OR_RETURN(const domain::Delegate d, m_context.store.delegate(id), toGrpc);
      LANYARD_ASSIGN_OR_RETURN(*result->mutable_delegate(), fullRecord(m_context, caller, d), toGrpc);
    }
  }
  return grpc::Status::OK;
}

grpc::ServerUnaryReactor* CheckInServiceImpl::CheckIn(grpc::CallbackServerContext* context,
                                                      const v1::CheckInRequest* request,
                                                      v1::CheckInResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  domain::CheckInCommand command;
  if (const grpc::Status refused = checkInCommand(*context, *request, &command); !refused.ok()) {
    reactor->Finish(refused);
    return reactor;
  }
  // A scanned code that is the delegate's current one is handed back on the badge as it is.
  std::optional<domain::subject::Badge> scanned;
  if (const auto* badge = std::get_if<domain::subject::Badge>(&command.subject)) scanned = *badge;
  m_context.store.checkInAsync(
      std::move(command), [this, reactor, request, response, scanned](absl::StatusOr<domain::CheckInResult> result) {
        reactor->Finish(result.ok() ? respond(*request, scanned, *result, response) : toGrpc(result.status()));
      });
  return reactor;
}

grpc::Status CheckInServiceImpl::checkInCommand(const grpc::ServerContextBase& context,
                                                const v1::CheckInRequest& request, domain::CheckInCommand* command) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(context, kCheckInRoles), toGrpc);
  if (request.request_id().empty()) return invalid("request_id is required");
  if (request.request_id().size() > kMaxRequestIdBytes) {
    return invalid(strCat("request_id is longer than ", kMaxRequestIdBytes, " bytes"));
  }
  if (request.scan_time_us() <= 0) return invalid("scan_time_us is required (UTC microseconds since the epoch)");
  if (request.direction() != v1::DIRECTION_IN && request.direction() != v1::DIRECTION_OUT) {
    return invalid("direction is required: DIRECTION_IN or DIRECTION_OUT");
  }
  if (request.session_id() < 0) return invalid("session_id must not be negative");
  if (request.staff_pin().size() > kMaxStaffPinBytes) {
    return invalid(strCat("staff_pin is longer than ", kMaxStaffPinBytes, " bytes"));
  }
  if (request.has_offline()) {
    const std::optional<domain::CheckInOutcome> outcome = fromProto(request.offline().outcome());
    if (request.offline().outcome() == v1::CHECK_IN_OUTCOME_UNSPECIFIED) {
      return invalid("offline.outcome is required: the outcome the kiosk decided and showed");
    }
    if (!outcome) {
      return invalid(strCat("offline.outcome ", static_cast<int>(request.offline().outcome()),
                            " is not a CheckInOutcome this server knows"));
    }
    LANYARD_RETURN_IF_ERROR(domain::checkOfflineOutcome(*outcome, fromProto(request.direction())), toGrpc);
    command->offlineOutcome = outcome;
  }

  command->deviceId = caller.id;
  command->requestId = request.request_id();
  command->scanTimeUs = request.scan_time_us();
  command->sessionId = request.session_id();
  command->direction = fromProto(request.direction());
  switch (request.subject_case()) {
    case v1::CheckInRequest::kCode: {
      if (domain::trimAscii(request.code()).empty()) return invalid("code is empty");
      if (request.code().size() > kMaxCodeBytes) {
        return invalid(strCat("code is longer than ", kMaxCodeBytes, " bytes"));
      }
      LANYARD_ASSIGN_OR_RETURN(command->subject, domain::classifyScan(request.code(), m_context.signer), toGrpc);
      break;
    }
    case v1::CheckInRequest::kByName: {
      if (request.by_name().delegate_id() <= 0) return invalid("by_name.delegate_id is required");
      if (request.by_name().proof().size() > kMaxProofBytes) {
        return invalid(strCat("by_name.proof is longer than ", kMaxProofBytes, " bytes"));
      }
      bool vouchedFor = staffVouches(caller);
      if (!vouchedFor && !request.staff_pin().empty()) {
        LANYARD_RETURN_IF_ERROR(m_staffPins.check(caller.id, request.staff_pin()), toGrpc);
        vouchedFor = true;
      }
      command->subject =
          domain::subject::ByName{request.by_name().delegate_id(), request.by_name().proof(), !vouchedFor};
      break;
    }
    case v1::CheckInRequest::SUBJECT_NOT_SET:
      return invalid("a code or by_name is required");
  }
  return grpc::Status::OK;
}

grpc::Status CheckInServiceImpl::respond(const v1::CheckInRequest& request,
                                         const std::optional<domain::subject::Badge>& scanned,
                                         const domain::CheckInResult& result, v1::CheckInResponse* response) {
  const domain::CheckInOutcome outcome = result.decision.outcome;
  // Someone checked in without a badge (by staff, or at a session door) gets their first one at
  // the entrance: the code or proof was checked just as for an admission.
  const bool firstBadge = outcome == domain::CheckInOutcome::AlreadyCheckedIn && request.session_id() == 0 &&
                          result.delegate && !result.badgePrinted;
  response->set_outcome(toProto(outcome));
  response->set_reason(firstBadge ? "Already checked in, without a badge yet: here it is."
                                  : domain::reasonFor(outcome, result.decision, m_context.store.event().timeZone));
  if (result.delegate) *response->mutable_delegate() = toSummary(*result.delegate);
  if (result.decision.previous) {
    v1::PreviousCheckIn* previous = response->mutable_previous();
    previous->set_time_us(result.decision.previous->serverTimeUs);
    previous->set_device_name(result.decision.previous->deviceName);
    previous->set_session_id(result.decision.previous->sessionId);
  }
  response->set_check_in_id(result.checkInId);
  response->set_server_time_us(result.serverTimeUs);
  response->set_reentry(result.decision.reentry);
  response->set_left_session_id(result.decision.leaveSessionId);
  response->set_badge_printed(result.badgePrinted);
  if ((outcome == domain::CheckInOutcome::Admitted && result.delegate) || firstBadge) {
    const domain::Delegate& d = *result.delegate;
    const bool current = scanned && scanned->delegateId == d.id && scanned->badgeVersion == d.badgeVersion;
    LANYARD_ASSIGN_OR_RETURN(
        *response->mutable_badge(),
        badgeContent(m_context.signer, d, current ? std::optional<std::string_view>(request.code()) : std::nullopt),
        toGrpc);
  }
  return grpc::Status::OK;
}

grpc::Status CheckInServiceImpl::EnterStaffMode(grpc::ServerContext* context, const v1::EnterStaffModeRequest* request,
                                                v1::EnterStaffModeResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kScanRoles), toGrpc);
  if (request->staff_pin().size() > kMaxStaffPinBytes) {
    return invalid(strCat("staff_pin is longer than ", kMaxStaffPinBytes, " bytes"));
  }
  const absl::Status checked = m_staffPins.check(caller.id, request->staff_pin());
  response->set_reason(std::string(checked.message()));
  switch (checked.code()) {
    case absl::StatusCode::kOk:
      response->set_result(v1::STAFF_PIN_CHECK_ACCEPTED);
      return grpc::Status::OK;
    case absl::StatusCode::kPermissionDenied:
      response->set_result(v1::STAFF_PIN_CHECK_WRONG);
      return grpc::Status::OK;
    case absl::StatusCode::kResourceExhausted:
      response->set_result(v1::STAFF_PIN_CHECK_LOCKED_OUT);
      return grpc::Status::OK;
    case absl::StatusCode::kFailedPrecondition:
      response->set_result(v1::STAFF_PIN_CHECK_STAFF_MODE_OFF);
      return grpc::Status::OK;
    default:
      return toGrpc(checked);
  }
}

grpc::Status CheckInServiceImpl::GetBadge(grpc::ServerContext* context, const v1::GetBadgeRequest* request,
                                          v1::GetBadgeResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kScanRoles), toGrpc);
  if (request->delegate_id() <= 0) return invalid("delegate_id is required");
  if (request->staff_pin().size() > kMaxStaffPinBytes) {
    return invalid(strCat("staff_pin is longer than ", kMaxStaffPinBytes, " bytes"));
  }
  if (caller.role != domain::Role::Admin) {
    LANYARD_RETURN_IF_ERROR(m_staffPins.check(caller.id, request->staff_pin()), toGrpc);
  }
  LANYARD_ASSIGN_OR_RETURN(const domain::Delegate d, m_context.store.delegate(request->delegate_id()), toGrpc);
  if (d.status == domain::RegistrationStatus::Cancelled) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                        strCat("delegate ", d.id, "'s registration is cancelled: no badge"));
  }
  LANYARD_ASSIGN_OR_RETURN(const std::vector<domain::CheckInRecord> checkIns,
                           m_context.store.checkIns(d.id, domain::Page{}), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(const std::vector<domain::BadgePrintRecord> prints,
                           m_context.store.badgePrints(d.id, domain::Page{}), toGrpc);
  *response->mutable_delegate() = toSummary(d);
  LANYARD_ASSIGN_OR_RETURN(*response->mutable_badge(), badgeContent(m_context.signer, d, std::nullopt), toGrpc);
  for (const domain::CheckInRecord& record : checkIns) {
    if (record.sessionId == 0 && record.direction == domain::Direction::In &&
        record.outcome == domain::CheckInOutcome::Admitted) {
      response->set_checked_in_time_us(record.serverTimeUs);
      break;
    }
  }
  response->set_badge_printed(domain::badgePrinted(d.badgeVersion, prints));
  response->set_notes(d.notes);
  return grpc::Status::OK;
}

grpc::Status CheckInServiceImpl::RecordBadgePrint(grpc::ServerContext* context,
                                                  const v1::RecordBadgePrintRequest* request,
                                                  v1::RecordBadgePrintResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kScanRoles), toGrpc);
  if (request->delegate_id() <= 0) return invalid("delegate_id is required");
  if (!request->success() && request->error().empty()) return invalid("a failed print needs the printer's error");
  if (request->error().size() > kMaxNameBytes || request->printer().size() > kMaxNameBytes) {
    return invalid(strCat("error and printer must be at most ", kMaxNameBytes, " bytes"));
  }
  domain::BadgePrintRecord print;
  print.delegateId = request->delegate_id();
  print.deviceId = caller.id;
  print.deviceName = caller.name;
  print.success = request->success();
  print.error = request->error();
  print.printer = request->printer();
  print.clientTimeUs = request->client_time_us();
  LANYARD_ASSIGN_OR_RETURN(const domain::BadgePrintRecord stored, m_context.store.recordPrint(print), toGrpc);
  response->set_print_id(stored.id);
  return grpc::Status::OK;
}

}  // namespace lanyard::server::rpc
