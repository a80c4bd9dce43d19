#include "rpc/delegate_service.h"

#include <algorithm>

#include "domain/delegate_import.h"
#include "domain/str_cat.h"
#include "domain/text.h"
#include "rpc/delegate_mask.h"
#include "rpc/malformed_requests.h"
#include "rpc/page_token.h"

namespace lanyard::server::rpc {

namespace {

constexpr std::size_t kMaxImportPartBytes = 1024 * 1024;
constexpr std::size_t kMaxImportFileBytes = 64 * 1024 * 1024;

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

grpc::Status DelegateServiceImpl::GetDelegate(grpc::ServerContext* context, const v1::GetDelegateRequest* request,
                                              v1::GetDelegateResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kDelegateReadRoles),
                           toGrpc);
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
      LANYARD_ASSIGN_OR_RETURN(const domain::Subject subject, domain::classifyScan(request->code(), m_context.signer),
                               toGrpc);
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
  LANYARD_RETURN_IF_ERROR(found.status(), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(*response->mutable_delegate(), fullRecord(m_context, caller, *found), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(const std::vector<std::int64_t> sessionIds, m_context.store.registeredSessionIds(found->id),
                           toGrpc);
  for (std::int64_t id : sessionIds) response->add_registered_session_ids(id);
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::ListCheckIns(grpc::ServerContext* context, const v1::ListCheckInsRequest* request,
                                               v1::ListCheckInsResponse* response) {
  LANYARD_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kDelegateReadRoles).status(), toGrpc);
  if (request->delegate_id() <= 0) return invalid("delegate_id is required");
  LANYARD_ASSIGN_OR_RETURN(
      const PageRequest page,
      PageRequest::parse(strCat("check_ins:", request->delegate_id()), request->page_size(), request->page_token()),
      toGrpc);
  LANYARD_RETURN_IF_ERROR(m_context.store.delegate(request->delegate_id()).status(), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(std::vector<domain::CheckInRecord> checkIns,
                           m_context.store.checkIns(request->delegate_id(), page.storePage()), toGrpc);
  response->set_next_page_token(page.trimToPage(checkIns));
  for (const domain::CheckInRecord& record : checkIns) *response->add_check_ins() = toProto(record);
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::ListBadgePrints(grpc::ServerContext* context,
                                                  const v1::ListBadgePrintsRequest* request,
                                                  v1::ListBadgePrintsResponse* response) {
  LANYARD_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kDelegateReadRoles).status(), toGrpc);
  if (request->delegate_id() <= 0) return invalid("delegate_id is required");
  LANYARD_ASSIGN_OR_RETURN(
      const PageRequest page,
      PageRequest::parse(strCat("badge_prints:", request->delegate_id()), request->page_size(), request->page_token()),
      toGrpc);
  LANYARD_RETURN_IF_ERROR(m_context.store.delegate(request->delegate_id()).status(), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(std::vector<domain::BadgePrintRecord> prints,
                           m_context.store.badgePrints(request->delegate_id(), page.storePage()), toGrpc);
  response->set_next_page_token(page.trimToPage(prints));
  for (const domain::BadgePrintRecord& print : prints) *response->add_prints() = toProto(print);
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::CreateDelegate(grpc::ServerContext* context, const v1::CreateDelegateRequest* request,
                                                 v1::CreateDelegateResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kDeskRoles), toGrpc);
  LANYARD_RETURN_IF_ERROR(validateDelegate(request->delegate()), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(const domain::Delegate stored,
                           m_context.store.createDelegate(fromProto(request->delegate()), request->allow_duplicate()),
                           toGrpc);
  LANYARD_ASSIGN_OR_RETURN(*response->mutable_delegate(), fullRecord(m_context, caller, stored), toGrpc);
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::UpdateDelegate(grpc::ServerContext* context, const v1::UpdateDelegateRequest* request,
                                                 v1::UpdateDelegateResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kDeskRoles), toGrpc);
  const std::int64_t id = request->delegate().id();
  if (id <= 0) return invalid("delegate.id is required");
  if (request->expected_version() <= 0) {
    return invalid("expected_version is required: pass the version GetDelegate returned");
  }
  LANYARD_ASSIGN_OR_RETURN(const google::protobuf::FieldMask mask, editableDelegateMask(request->update_mask()),
                           toGrpc);
  // The masked fields over the record as read now; the store writes it only if the record is
  // still at expected_version, so it never overwrites a change made since.
  LANYARD_ASSIGN_OR_RETURN(const domain::Delegate current, m_context.store.delegate(id), toGrpc);
  const v1::Delegate corrected = applyDelegateMask(toProto(current, ""), request->delegate(), mask);
  LANYARD_RETURN_IF_ERROR(validateDelegate(corrected, &mask), toGrpc);
  if (corrected.external_ref().empty()) {
    return invalid("external_ref cannot be empty: it is the registration system's key for re-imports");
  }
  LANYARD_ASSIGN_OR_RETURN(const domain::Delegate stored,
                           m_context.store.updateDelegate(fromProto(corrected), request->expected_version()), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(*response->mutable_delegate(), fullRecord(m_context, caller, stored), toGrpc);
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::CancelDelegate(grpc::ServerContext* context, const v1::CancelDelegateRequest* request,
                                                 v1::CancelDelegateResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kDeskRoles), toGrpc);
  if (request->id() <= 0) return invalid("id is required");
  LANYARD_ASSIGN_OR_RETURN(const domain::Delegate stored, m_context.store.cancelDelegate(request->id()), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(*response->mutable_delegate(), fullRecord(m_context, caller, stored), toGrpc);
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::ReinstateDelegate(grpc::ServerContext* context,
                                                    const v1::ReinstateDelegateRequest* request,
                                                    v1::ReinstateDelegateResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kDeskRoles), toGrpc);
  if (request->id() <= 0) return invalid("id is required");
  LANYARD_ASSIGN_OR_RETURN(const domain::Delegate stored, m_context.store.reinstateDelegate(request->id()), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(*response->mutable_delegate(), fullRecord(m_context, caller, stored), toGrpc);
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::ReissueBadge(grpc::ServerContext* context, const v1::ReissueBadgeRequest* request,
                                               v1::ReissueBadgeResponse* response) {
  LANYARD_ASSIGN_OR_RETURN(const domain::Device caller, m_context.authorizer.authorize(*context, kDeskRoles), toGrpc);
  if (request->id() <= 0) return invalid("id is required");
  LANYARD_ASSIGN_OR_RETURN(const domain::Delegate stored, m_context.store.reissueBadge(request->id()), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(*response->mutable_delegate(), fullRecord(m_context, caller, stored), toGrpc);
  return grpc::Status::OK;
}

grpc::Status DelegateServiceImpl::ListBadgeCodes(grpc::ServerContext* context, const v1::ListBadgeCodesRequest* request,
                                                 v1::ListBadgeCodesResponse* response) {
  LANYARD_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status(), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(const PageRequest page,
                           PageRequest::parse("badge_codes", request->page_size(), request->page_token()), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(std::vector<domain::Delegate> delegates,
                           m_context.store.listDelegates(/*includeCancelled=*/false, page.storePage()), toGrpc);
  response->set_next_page_token(page.trimToPage(delegates));
  response->mutable_entries()->Reserve(static_cast<int>(delegates.size()));
  // Fields are moved, not copied: the list and the response would otherwise hold every name and
  // address twice.
  for (domain::Delegate& d : delegates) {
    v1::BadgeCodeEntry* entry = response->add_entries();
    LANYARD_ASSIGN_OR_RETURN(*entry->mutable_badge_code(), domain::badgeCodeFor(m_context.signer, d), toGrpc);
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
  LANYARD_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status(), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(const Upload upload, readUpload(*context, *reader, "delegates CSV"), toGrpc);
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
  LANYARD_RETURN_IF_ERROR(m_context.authorizer.authorize(*context, kAdminOnly).status(), toGrpc);
  LANYARD_ASSIGN_OR_RETURN(const Upload upload, readUpload(*context, *reader, "sessions CSV"), toGrpc);
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

}  // namespace lanyard::server::rpc
