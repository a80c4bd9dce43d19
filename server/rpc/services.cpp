#include "rpc/services.h"

#include <algorithm>

#include "domain/check_in.h"
#include "domain/delegate_import.h"
#include "domain/search_key.h"
#include "domain/staff_pin.h"
#include "domain/str_cat.h"
#include "domain/text.h"
#include "rpc/convert.h"
#include "rpc/delegate_mask.h"
#include "rpc/malformed_requests.h"
#include "rpc/page_token.h"

namespace lanyard::server::rpc {

namespace {

constexpr std::size_t kMaxRequestIdBytes = 128;
constexpr std::size_t kMaxCodeBytes = 4096;
constexpr std::size_t kMaxQueryBytes = 256;
constexpr std::size_t kMaxProofBytes = 256;
constexpr std::size_t kMaxStaffPinBytes = 64;
constexpr std::size_t kMaxNameBytes = 1000;
constexpr std::size_t kMaxImportPartBytes = 1024 * 1024;
constexpr std::size_t kMaxImportFileBytes = 64 * 1024 * 1024;
constexpr int kKioskSearchLimit = 10;
constexpr int kStaffSearchLimit = 200;

// Returns the gRPC status of a failed absl::Status from the enclosing RPC method.
#define LANYARD_RPC_RETURN_IF_ERROR(expr)                              \
  do {                                                                 \
    const absl::Status lanyard_rpc_status_ = (expr);                   \
    if (!lanyard_rpc_status_.ok()) return toGrpc(lanyard_rpc_status_); \
  } while (false)

#define LANYARD_RPC_ASSIGN_OR_RETURN(lhs, expr) \
  LANYARD_RPC_ASSIGN_OR_RETURN_IMPL(LANYARD_RPC_CONCAT(lanyard_rpc_statusor_, __COUNTER__), lhs, expr)
#define LANYARD_RPC_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                      \
  if (!tmp.ok()) return toGrpc(tmp.status());             \
  lhs = std::move(*tmp)
#define LANYARD_RPC_CONCAT_INNER(a, b) a##b
#define LANYARD_RPC_CONCAT(a, b) LANYARD_RPC_CONCAT_INNER(a, b)

grpc::Status invalid(std::string message) {
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::move(message));
}

// Whether `caller` is staff whose word stands in for a proof of identity: the help desk and admins
// check people in by name without one, and hand out badge codes.
bool staffVouches(const domain::Device& caller) {
  return caller.role == domain::Role::Desk || caller.role == domain::Role::Admin;
}

// The full record, with the badge code for the help desk and admins only.
absl::StatusOr<v1::Delegate> fullRecord(const ServiceContext& context, const domain::Device& caller,
                                        const domain::Delegate& d) {
  std::string code;
  if (staffVouches(caller)) {
    absl::StatusOr<std::string> issued = domain::badgeCodeFor(context.signer, d);
    if (!issued.ok()) return issued.status();
    code = std::move(*issued);
  }
  return toProto(d, code);
}

// Checks the text fields a delegate record may carry: those named in `checked` (all when null),
// and that it has a name and a category.
absl::Status validateDelegate(const v1::Delegate& d, const google::protobuf::FieldMask* checked = nullptr) {
  const auto isChecked = [checked](std::string_view name) {
    return checked == nullptr ||
           std::find(checked->paths().begin(), checked->paths().end(), name) != checked->paths().end();
  };
  const std::pair<const char*, const std::string*> fields[] = {{"given_name", &d.given_name()},
                                                               {"family_name", &d.family_name()},
                                                               {"latin_name", &d.latin_name()},
                                                               {"organisation", &d.organisation()},
                                                               {"city", &d.city()},
                                                               {"country", &d.country()},
                                                               {"category", &d.category()},
                                                               {"email", &d.email()},
                                                               {"language", &d.language()},
                                                               {"external_ref", &d.external_ref()},
                                                               {"external_ticket_code", &d.external_ticket_code()}};
  for (const auto& [name, value] : fields) {
    if (!isChecked(name)) continue;
    if (value->size() > kMaxNameBytes) {
      return absl::InvalidArgumentError(strCat(name, " is longer than ", kMaxNameBytes, " bytes"));
    }
    // The same rule as an import's, in the same words.
    if (const std::optional<std::string> problem = domain::textProblem(*value)) {
      return absl::InvalidArgumentError(strCat(name, ": ", *problem));
    }
  }
  if (isChecked("notes")) {
    if (d.notes().size() > 4 * kMaxNameBytes) {
      return absl::InvalidArgumentError(strCat("notes are longer than ", 4 * kMaxNameBytes, " bytes"));
    }
    if (const std::optional<std::string> problem = domain::textProblem(d.notes(), domain::TextLines::Several)) {
      return absl::InvalidArgumentError(strCat("notes: ", *problem));
    }
  }
  if (domain::trimAscii(d.given_name()).empty() && domain::trimAscii(d.family_name()).empty()) {
    return absl::InvalidArgumentError("a delegate needs a given or a family name");
  }
  if (d.category().empty()) return absl::InvalidArgumentError("a delegate needs a category");
  return absl::OkStatus();
}

// What to print on `d`'s badge. `scannedCode` is the code just scanned when it verified as `d`'s
// current badge: it is the code signing would give, so it is reused (signing takes ~30 us).
absl::StatusOr<v1::BadgeContent> badgeContent(const ServiceContext& context, const domain::Delegate& d,
                                              std::optional<std::string_view> scannedCode) {
  v1::BadgeContent badge;
  badge.set_given_name(d.givenName);
  badge.set_family_name(d.familyName);
  badge.set_affiliation(d.organisation.empty() ? d.city : d.organisation);
  if (scannedCode) {
    badge.set_badge_code(domain::canonicalBadgeCode(*scannedCode));
  } else {
    absl::StatusOr<std::string> code = domain::badgeCodeFor(context.signer, d);
    if (!code.ok()) return code.status();
    badge.set_badge_code(std::move(*code));
  }
  badge.set_badge_version(d.badgeVersion);
  badge.set_latin_name(domain::badgeLatinLine(strCat(d.givenName, " ", d.familyName), d.latinName, d.language));
  return badge;
}

// An import's file as its parts arrived.
struct Upload {
  // The file_name of the first part, or the caller's `unnamed` when it is empty.
  std::string name;
  std::string bytes;
};

// Reads an import's parts (ImportDelegatesRequest or ImportSessionsRequest) into one file. Stops
// at the first part that breaks a rule and returns, naming the file and the part: INVALID_ARGUMENT
// for a part over kMaxImportPartBytes, another file name, a part gRPC could not parse, or an empty
// file; RESOURCE_EXHAUSTED once the parts pass kMaxImportFileBytes; CANCELLED when the client went
// away or its deadline passed. Holds at most kMaxImportFileBytes of the file.
template <typename Part>
absl::StatusOr<Upload> readUpload(grpc::ServerContext& context, grpc::ServerReader<Part>& reader,
                                  std::string_view unnamed) {
  Upload upload;
  std::string firstName;
  takeInvalidUtf8Field();  // One noted by an earlier call on this thread.
  Part part;
  bool ended = false;  // The part marked last came.
  for (int index = 1; reader.Read(&part); ++index) {
    if (ended) {
      return absl::InvalidArgumentError(
          strCat(upload.name, ": part ", index, " of the upload came after the one marked last; nothing was stored"));
    }
    ended = part.last();
    if (index == 1) {
      firstName = part.file_name();
      upload.name = firstName.empty() ? std::string(unnamed) : firstName;
    } else if (!part.file_name().empty() && part.file_name() != firstName) {
      return absl::InvalidArgumentError(strCat(upload.name, ": part ", index, " of the upload names the file \"",
                                               part.file_name(), "\"; nothing was stored"));
    }
    if (part.csv().size() > kMaxImportPartBytes) {
      return absl::InvalidArgumentError(strCat(upload.name, ": part ", index, " of the upload has ", part.csv().size(),
                                               " bytes, more than the ", kMaxImportPartBytes,
                                               " a part may carry; nothing was stored"));
    }
    if (upload.bytes.size() + part.csv().size() > kMaxImportFileBytes) {
      return absl::ResourceExhaustedError(strCat(upload.name, " is larger than ", kMaxImportFileBytes / (1024 * 1024),
                                                 " MiB, the most an import takes; nothing was stored"));
    }
    upload.bytes += part.csv();
  }
  if (upload.name.empty()) upload.name = std::string(unnamed);
  // gRPC reports each of these as the end of the stream.
  if (context.IsCancelled()) {
    return absl::CancelledError(strCat("the upload of ", upload.name, " was cancelled; nothing was stored"));
  }
  if (const std::string field = takeInvalidUtf8Field(); !field.empty()) {
    return absl::InvalidArgumentError(
        strCat("request is not valid protobuf: string field ", field, " holds invalid UTF-8; nothing was stored"));
  }
  if (upload.bytes.empty()) return absl::InvalidArgumentError(strCat("file ", upload.name, " is empty"));
  if (!ended) {
    return absl::InvalidArgumentError(strCat("the upload of ", upload.name, " ended after ", upload.bytes.size(),
                                             " bytes without its last part: it was cut short; nothing was stored"));
  }
  return upload;
}

}  // namespace

// --- EventService -------------------------------------------------------------------------------

grpc::Status EventServiceImpl::GetEvent(grpc::ServerContext* context, const v1::GetEventRequest*,
                                        v1::GetEventResponse* response) {
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kAnyRole));
  const domain::Event& event = m_context.store.event();
  response->set_name(event.name);
  response->set_venue(event.venue);
  response->set_time_zone(event.timeZone);
  response->set_start_date(event.startDate);
  response->set_end_date(event.endDate);
  const domain::Ed25519PublicKey& key = m_context.signer.publicKey();
  response->set_badge_public_key(std::string(key.begin(), key.end()));
  for (const domain::Category& category : event.categories) {
    v1::Category* out = response->add_categories();
    out->set_name(category.name);
    out->set_label(category.label);
    out->set_colour(category.colour);
  }
  response->set_default_language(event.defaultLanguage);
  response->set_name_check_in_proof(event.nameCheckInProof.toString());
  response->set_device_name(caller.name);
  response->set_device_role(toProto(caller.role));
  response->set_server_time_us(domain::systemClock()());
  response->set_staff_mode(!m_context.store.staffPinHash().empty());
  response->set_session_grace_minutes(static_cast<std::int32_t>(m_context.store.event().sessionGraceMinutes));
  LANYARD_RPC_ASSIGN_OR_RETURN(const int shortestTicketCode, m_context.store.shortestTicketCodeLength());
  const auto badgeCodeLength = static_cast<int>(domain::kBadgeCodeLength);
  response->set_shortest_code_length(shortestTicketCode > 0 ? std::min(shortestTicketCode, badgeCodeLength)
                                                            : badgeCodeLength);
  return grpc::Status::OK;
}

grpc::Status EventServiceImpl::SetStaffPin(grpc::ServerContext* context, const v1::SetStaffPinRequest* request,
                                           v1::SetStaffPinResponse*) {
  LANYARD_RPC_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status());
  const std::string& pin = request->pin();
  if (!pin.empty() && !domain::validStaffPin(pin)) return invalid("a staff PIN is 4 to 12 digits");
  std::string hash;  // Empty: no PIN, no staff mode.
  if (!pin.empty()) {
    LANYARD_RPC_ASSIGN_OR_RETURN(hash, domain::hashStaffPin(pin, m_context.store.event().publicKey));
  }
  LANYARD_RPC_RETURN_IF_ERROR(m_context.store.setStaffPinHash(hash));
  return grpc::Status::OK;
}

grpc::Status EventServiceImpl::ListSessions(grpc::ServerContext* context, const v1::ListSessionsRequest*,
                                            v1::ListSessionsResponse* response) {
  LANYARD_RPC_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAnyRole).status());
  LANYARD_RPC_ASSIGN_OR_RETURN(const std::vector<domain::SessionOccupancy> sessions, m_context.store.listSessions());
  for (const domain::SessionOccupancy& session : sessions) *response->add_sessions() = toProto(session);
  return grpc::Status::OK;
}

// --- CheckInService -----------------------------------------------------------------------------

grpc::Status CheckInServiceImpl::ResolveCode(grpc::ServerContext* context, const v1::ResolveCodeRequest* request,
                                             v1::ResolveCodeResponse* response) {
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kAnyRole));
  if (domain::trimAscii(request->code()).empty()) return invalid("code is required");
  if (request->code().size() > kMaxCodeBytes) return invalid(strCat("code is longer than ", kMaxCodeBytes, " bytes"));
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Subject subject, domain::classifyScan(request->code(), m_context.signer));

  // Every refused code is logged, so organisers see every attempt; the store decides again as it
  // logs, and a lookup never admits anyone.
  const auto refuse = [&](v1::CodeStatus status, const char* reason) {
    domain::CheckInCommand command;
    command.deviceId = caller.id;
    LANYARD_RPC_ASSIGN_OR_RETURN(const std::string nonce, domain::newToken());
    command.requestId = strCat("resolve:", nonce);
    command.scanTimeUs = domain::systemClock()();
    command.subject = subject;
    command.lookUp = true;
    LANYARD_RPC_RETURN_IF_ERROR(m_context.store.checkIn(command).status());
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
  LANYARD_RPC_RETURN_IF_ERROR(found.status());
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
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(context, kAnyRole));
  if (request.query().size() > kMaxQueryBytes) {
    return invalid(strCat("query is longer than ", kMaxQueryBytes, " bytes"));
  }
  if (request.limit() < 0) return invalid("limit must not be negative");
  const bool kiosk = caller.role == domain::Role::Kiosk;
  const int cap = kiosk ? kKioskSearchLimit : kStaffSearchLimit;
  const int limit = std::min(request.limit() == 0 ? kKioskSearchLimit : request.limit(), cap);
  // One hit beyond the limit tells whether there are more.
  LANYARD_RPC_ASSIGN_OR_RETURN(std::vector<domain::SearchHit> hits,
                               m_context.store.search(request.query(), limit + 1, /*includeCancelled=*/!kiosk));
  if (hits.size() > static_cast<std::size_t>(limit)) {
    hits.resize(static_cast<std::size_t>(limit));
    response->set_more(true);
  }
  for (domain::SearchHit& hit : hits) {
    v1::SearchResult* result = response->add_results();
    const std::int64_t id = hit.delegate.id;
    toSummary(std::move(hit.delegate), result->mutable_summary());
    if (!kiosk) {
      LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Delegate d, m_context.store.delegate(id));
      LANYARD_RPC_ASSIGN_OR_RETURN(*result->mutable_delegate(), fullRecord(m_context, caller, d));
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
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(context, kCheckInRoles));
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
      LANYARD_RPC_ASSIGN_OR_RETURN(command->subject, domain::classifyScan(request.code(), m_context.signer));
      break;
    }
    case v1::CheckInRequest::kByName: {
      if (request.by_name().delegate_id() <= 0) return invalid("by_name.delegate_id is required");
      if (request.by_name().proof().size() > kMaxProofBytes) {
        return invalid(strCat("by_name.proof is longer than ", kMaxProofBytes, " bytes"));
      }
      bool vouchedFor = staffVouches(caller);
      if (!vouchedFor && !request.staff_pin().empty()) {
        LANYARD_RPC_RETURN_IF_ERROR(m_staffPins.check(caller.id, request.staff_pin()));
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
    LANYARD_RPC_ASSIGN_OR_RETURN(
        *response->mutable_badge(),
        badgeContent(m_context, d, current ? std::optional<std::string_view>(request.code()) : std::nullopt));
  }
  return grpc::Status::OK;
}

grpc::Status CheckInServiceImpl::EnterStaffMode(grpc::ServerContext* context, const v1::EnterStaffModeRequest* request,
                                                v1::EnterStaffModeResponse* response) {
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kScanRoles));
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
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kScanRoles));
  if (request->delegate_id() <= 0) return invalid("delegate_id is required");
  if (request->staff_pin().size() > kMaxStaffPinBytes) {
    return invalid(strCat("staff_pin is longer than ", kMaxStaffPinBytes, " bytes"));
  }
  if (caller.role != domain::Role::Admin) {
    LANYARD_RPC_RETURN_IF_ERROR(m_staffPins.check(caller.id, request->staff_pin()));
  }
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Delegate d, m_context.store.delegate(request->delegate_id()));
  if (d.status == domain::RegistrationStatus::Cancelled) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                        strCat("delegate ", d.id, "'s registration is cancelled: no badge"));
  }
  LANYARD_RPC_ASSIGN_OR_RETURN(const std::vector<domain::CheckInRecord> checkIns,
                               m_context.store.checkIns(d.id, domain::Page{}));
  LANYARD_RPC_ASSIGN_OR_RETURN(const std::vector<domain::BadgePrintRecord> prints,
                               m_context.store.badgePrints(d.id, domain::Page{}));
  *response->mutable_delegate() = toSummary(d);
  LANYARD_RPC_ASSIGN_OR_RETURN(*response->mutable_badge(), badgeContent(m_context, d, std::nullopt));
  for (const domain::CheckInRecord& record : checkIns) {
    if (record.sessionId == 0 && record.direction == domain::Direction::In &&
        record.outcome == domain::CheckInOutcome::Admitted) {
      response->set_checked_in_time_us(record.serverTimeUs);
      break;
    }
  }
  response->set_badge_printed(std::any_of(prints.begin(), prints.end(), [&d](const auto& print) {
    return print.success && print.badgeVersion == d.badgeVersion;
  }));
  response->set_notes(d.notes);
  return grpc::Status::OK;
}

grpc::Status CheckInServiceImpl::RecordBadgePrint(grpc::ServerContext* context,
                                                  const v1::RecordBadgePrintRequest* request,
                                                  v1::RecordBadgePrintResponse* response) {
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kScanRoles));
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
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::BadgePrintRecord stored, m_context.store.recordPrint(print));
  response->set_print_id(stored.id);
  return grpc::Status::OK;
}

// --- DelegateService ----------------------------------------------------------------------------

grpc::Status DelegateServiceImpl::GetDelegate(grpc::ServerContext* context, const v1::GetDelegateRequest* request,
                                              v1::GetDelegateResponse* response) {
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller,
                               m_context.authorizer.authorize(*context, kDelegateReadRoles));
  absl::StatusOr<domain::Delegate> found = absl::NotFoundError("");
  switch (request->key_case()) {
    case v1::GetDelegateRequest::kId:
      found = m_context.store.delegate(request->id());
      break;
    case v1::GetDelegateRequest::kExternalRef:
      found = m_context.store.delegateByExternalRef(request->external_ref());
      break;
    case v1::GetDelegateRequest::kCode: {
      if (request->code().size() > kMaxCodeBytes) {
        return invalid(strCat("code is longer than ", kMaxCodeBytes, " bytes"));
      }
      LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Subject subject,
                                   domain::classifyScan(request->code(), m_context.signer));
      if (const auto* badge = std::get_if<domain::subject::Badge>(&subject)) {
        found = m_context.store.delegate(badge->delegateId);
      } else if (const auto* ticket = std::get_if<domain::subject::Ticket>(&subject)) {
        found = m_context.store.delegateByTicketCode(ticket->code);
      } else {
        return grpc::Status(grpc::StatusCode::NOT_FOUND, "the code's signature does not verify: it is forged");
      }
      break;
    }
    case v1::GetDelegateRequest::KEY_NOT_SET:
      return invalid("an id, code or external_ref is required");
  }
  LANYARD_RPC_RETURN_IF_ERROR(found.status());
  LANYARD_RPC_ASSIGN_OR_RETURN(*response->mutable_delegate(), fullRecord(m_context, caller, *found));
  LANYARD_RPC_ASSIGN_OR_RETURN(const std::vector<std::int64_t> sessionIds,
                               m_context.store.registeredSessionIds(found->id));
  for (std::int64_t id : sessionIds) response->add_registered_session_ids(id);
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::ListCheckIns(grpc::ServerContext* context, const v1::ListCheckInsRequest* request,
                                               v1::ListCheckInsResponse* response) {
  LANYARD_RPC_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kDelegateReadRoles).status());
  if (request->delegate_id() <= 0) return invalid("delegate_id is required");
  LANYARD_RPC_ASSIGN_OR_RETURN(const PageRequest page, PageRequest::parse(strCat("check_ins:", request->delegate_id()),
                                                                          request->page_size(), request->page_token()));
  LANYARD_RPC_RETURN_IF_ERROR(m_context.store.delegate(request->delegate_id()).status());
  LANYARD_RPC_ASSIGN_OR_RETURN(std::vector<domain::CheckInRecord> checkIns,
                               m_context.store.checkIns(request->delegate_id(), page.storePage()));
  response->set_next_page_token(page.trimToPage(checkIns));
  for (const domain::CheckInRecord& record : checkIns) *response->add_check_ins() = toProto(record);
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::ListBadgePrints(grpc::ServerContext* context,
                                                  const v1::ListBadgePrintsRequest* request,
                                                  v1::ListBadgePrintsResponse* response) {
  LANYARD_RPC_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kDelegateReadRoles).status());
  if (request->delegate_id() <= 0) return invalid("delegate_id is required");
  LANYARD_RPC_ASSIGN_OR_RETURN(
      const PageRequest page,
      PageRequest::parse(strCat("badge_prints:", request->delegate_id()), request->page_size(), request->page_token()));
  LANYARD_RPC_RETURN_IF_ERROR(m_context.store.delegate(request->delegate_id()).status());
  LANYARD_RPC_ASSIGN_OR_RETURN(std::vector<domain::BadgePrintRecord> prints,
                               m_context.store.badgePrints(request->delegate_id(), page.storePage()));
  response->set_next_page_token(page.trimToPage(prints));
  for (const domain::BadgePrintRecord& print : prints) *response->add_prints() = toProto(print);
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::CreateDelegate(grpc::ServerContext* context, const v1::CreateDelegateRequest* request,
                                                 v1::CreateDelegateResponse* response) {
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kDeskRoles));
  LANYARD_RPC_RETURN_IF_ERROR(validateDelegate(request->delegate()));
  LANYARD_RPC_ASSIGN_OR_RETURN(
      const domain::Delegate stored,
      m_context.store.createDelegate(fromProto(request->delegate()), request->allow_duplicate()));
  LANYARD_RPC_ASSIGN_OR_RETURN(*response->mutable_delegate(), fullRecord(m_context, caller, stored));
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::UpdateDelegate(grpc::ServerContext* context, const v1::UpdateDelegateRequest* request,
                                                 v1::UpdateDelegateResponse* response) {
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kDeskRoles));
  const std::int64_t id = request->delegate().id();
  if (id <= 0) return invalid("delegate.id is required");
  if (request->expected_version() <= 0) {
    return invalid("expected_version is required: pass the version GetDelegate returned");
  }
  LANYARD_RPC_ASSIGN_OR_RETURN(const google::protobuf::FieldMask mask, editableDelegateMask(request->update_mask()));
  // The masked fields over the record as read now; the store writes it only if the record is
  // still at expected_version, so it never overwrites a change made since.
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Delegate current, m_context.store.delegate(id));
  const v1::Delegate corrected = applyDelegateMask(toProto(current, ""), request->delegate(), mask);
  LANYARD_RPC_RETURN_IF_ERROR(validateDelegate(corrected, &mask));
  if (corrected.external_ref().empty()) {
    return invalid("external_ref cannot be empty: it is the registration system's key for re-imports");
  }
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Delegate stored,
                               m_context.store.updateDelegate(fromProto(corrected), request->expected_version()));
  LANYARD_RPC_ASSIGN_OR_RETURN(*response->mutable_delegate(), fullRecord(m_context, caller, stored));
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::CancelDelegate(grpc::ServerContext* context, const v1::CancelDelegateRequest* request,
                                                 v1::CancelDelegateResponse* response) {
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kDeskRoles));
  if (request->id() <= 0) return invalid("id is required");
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Delegate stored, m_context.store.cancelDelegate(request->id()));
  LANYARD_RPC_ASSIGN_OR_RETURN(*response->mutable_delegate(), fullRecord(m_context, caller, stored));
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::ReinstateDelegate(grpc::ServerContext* context,
                                                    const v1::ReinstateDelegateRequest* request,
                                                    v1::ReinstateDelegateResponse* response) {
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kDeskRoles));
  if (request->id() <= 0) return invalid("id is required");
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Delegate stored, m_context.store.reinstateDelegate(request->id()));
  LANYARD_RPC_ASSIGN_OR_RETURN(*response->mutable_delegate(), fullRecord(m_context, caller, stored));
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::ReissueBadge(grpc::ServerContext* context, const v1::ReissueBadgeRequest* request,
                                               v1::ReissueBadgeResponse* response) {
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kDeskRoles));
  if (request->id() <= 0) return invalid("id is required");
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Delegate stored, m_context.store.reissueBadge(request->id()));
  LANYARD_RPC_ASSIGN_OR_RETURN(*response->mutable_delegate(), fullRecord(m_context, caller, stored));
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::ListBadgeCodes(grpc::ServerContext* context, const v1::ListBadgeCodesRequest* request,
                                                 v1::ListBadgeCodesResponse* response) {
  LANYARD_RPC_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status());
  LANYARD_RPC_ASSIGN_OR_RETURN(const PageRequest page,
                               PageRequest::parse("badge_codes", request->page_size(), request->page_token()));
  LANYARD_RPC_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates,
                               m_context.store.listDelegates(/*includeCancelled=*/false, page.storePage()));
  response->set_next_page_token(page.trimToPage(delegates));
  response->mutable_entries()->Reserve(static_cast<int>(delegates.size()));
  // Fields are moved, not copied: the list and the response would otherwise hold every name and
  // address twice.
  for (domain::Delegate& d : delegates) {
    v1::BadgeCodeEntry* entry = response->add_entries();
    LANYARD_RPC_ASSIGN_OR_RETURN(*entry->mutable_badge_code(), domain::badgeCodeFor(m_context.signer, d));
    entry->set_delegate_id(d.id);
    entry->set_external_ref(std::move(d.externalRef));
    entry->set_given_name(std::move(d.givenName));
    entry->set_family_name(std::move(d.familyName));
    entry->set_email(std::move(d.email));
    d = domain::Delegate{};
  }
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::ImportDelegates(grpc::ServerContext* context,
                                                  grpc::ServerReader<v1::ImportDelegatesRequest>* reader,
                                                  v1::ImportDelegatesResponse* response) {
  LANYARD_RPC_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status());
  LANYARD_RPC_ASSIGN_OR_RETURN(const Upload upload, readUpload(*context, *reader, "delegates CSV"));
  domain::DelegateImportOptions options;
  for (const domain::Category& category : m_context.store.event().categories) {
    options.categories.push_back(category.name);
  }
  const std::string& file = upload.name;
  absl::StatusOr<domain::DelegateImport> parsed = domain::parseDelegatesCsv(upload.bytes, options);
  if (!parsed.ok()) return invalid(strCat(file, ": ", parsed.status().message()));
  for (std::string& name : parsed->ignoredColumns) response->add_ignored_columns(std::move(name));
  absl::StatusOr<domain::ImportSummary> summary = m_context.store.importDelegates(std::move(*parsed));
  if (!summary.ok()) {
    return toGrpc(absl::Status(summary.status().code(), strCat(file, ": ", summary.status().message())));
  }
  response->set_created(summary->created);
  response->set_updated(summary->updated);
  response->set_registrations(summary->registrations);
  response->set_unchanged(summary->unchanged);
  response->set_registrations_dropped(summary->registrationsDropped);
  for (const domain::KeptCorrections& kept : summary->keptCorrections) {
    v1::KeptCorrections* out = response->add_kept_corrections();
    out->set_external_ref(kept.externalRef);
    for (const std::string_view column : kept.columns) out->add_columns(std::string(column));
  }
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::ImportSessions(grpc::ServerContext* context,
                                                 grpc::ServerReader<v1::ImportSessionsRequest>* reader,
                                                 v1::ImportSessionsResponse* response) {
  LANYARD_RPC_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status());
  LANYARD_RPC_ASSIGN_OR_RETURN(const Upload upload, readUpload(*context, *reader, "sessions CSV"));
  const std::string& file = upload.name;
  absl::StatusOr<std::vector<domain::Session>> parsed =
      domain::parseSessionsCsv(upload.bytes, m_context.store.event().timeZone);
  if (!parsed.ok()) return invalid(strCat(file, ": ", parsed.status().message()));
  absl::StatusOr<domain::ImportSummary> summary = m_context.store.importSessions(*parsed);
  if (!summary.ok()) {
    return toGrpc(absl::Status(summary.status().code(), strCat(file, ": ", summary.status().message())));
  }
  response->set_created(summary->created);
  response->set_updated(summary->updated);
  return grpc::Status::OK;
}

// --- DeviceService ------------------------------------------------------------------------------

grpc::Status DeviceServiceImpl::CreateToken(grpc::ServerContext* context, const v1::CreateTokenRequest* request,
                                            v1::CreateTokenResponse* response) {
  LANYARD_RPC_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status());
  domain::Role role;
  if (!fromProto(request->role(), role))
    return invalid("role is required: ROLE_KIOSK, ROLE_ORGANISER, ROLE_DESK or ROLE_ADMIN");
  if (domain::trimAscii(request->name()).empty()) return invalid("name is required");
  if (request->name().size() > 100) return invalid("name is longer than 100 bytes");
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::CreatedDevice created,
                               m_context.store.createDevice(domain::trimAscii(request->name()), role));
  m_hub.noteCreated(created.device);
  *response->mutable_device() = toProto(created.device);
  response->set_token(created.token);
  return grpc::Status::OK;
}

grpc::Status DeviceServiceImpl::ListDevices(grpc::ServerContext* context, const v1::ListDevicesRequest* request,
                                            v1::ListDevicesResponse* response) {
  LANYARD_RPC_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status());
  LANYARD_RPC_ASSIGN_OR_RETURN(const PageRequest page,
                               PageRequest::parse("devices", request->page_size(), request->page_token()));
  LANYARD_RPC_ASSIGN_OR_RETURN(std::vector<domain::Device> devices, m_context.store.listDevices(page.storePage()));
  response->set_next_page_token(page.trimToPage(devices));
  for (const domain::Device& device : devices) *response->add_devices() = toProto(device);
  return grpc::Status::OK;
}

grpc::Status DeviceServiceImpl::RevokeToken(grpc::ServerContext* context, const v1::RevokeTokenRequest* request,
                                            v1::RevokeTokenResponse* response) {
  LANYARD_RPC_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status());
  std::optional<std::int64_t> id;
  std::string name;
  switch (request->key_case()) {
    case v1::RevokeTokenRequest::kId:
      id = request->id();
      break;
    case v1::RevokeTokenRequest::kName:
      name = request->name();
      break;
    case v1::RevokeTokenRequest::KEY_NOT_SET:
      return invalid("an id or name is required");
  }
  LANYARD_RPC_ASSIGN_OR_RETURN(const domain::Device revoked, m_context.store.revokeDevice(id, name));
  m_hub.noteRevoked(revoked.id);
  *response->mutable_device() = toProto(revoked);
  return grpc::Status::OK;
}

}  // namespace lanyard::server::rpc
