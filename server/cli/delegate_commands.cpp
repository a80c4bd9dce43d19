#include "cli/delegate_commands.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/client_context.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "cli/delegate_export.h"
#include "domain/text.h"
#include "export/export_format.h"
#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"

namespace lanyard::cli {

namespace v1 = lanyard::v1;
namespace domain = lanyard::server::domain;
namespace exports = lanyard::server::exports;

namespace {

// What a kiosk shows of a delegate: "Simona B., Vilnius", or "Simona B." without an affiliation.
std::string shownAs(const v1::DelegateSummary& summary) {
  return summary.affiliation().empty() ? summary.display_name() : summary.display_name() + ", " + summary.affiliation();
}

// The JSON objects of `messages`, merged into one; their fields' names must differ.
google::protobuf::Struct jsonObjectOf(std::initializer_list<const google::protobuf::Message*> messages) {
  google::protobuf::Struct merged;
  for (const google::protobuf::Message* message : messages) {
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    google::protobuf::Struct part;
    (void)google::protobuf::util::MessageToJsonString(*message, &json, options);
    (void)google::protobuf::util::JsonStringToMessage(json, &part);
    for (const auto& [name, value] : part.fields()) (*merged.mutable_fields())[name] = value;
  }
  return merged;
}

const char* statusName(v1::RegistrationStatus status) {
  return status == v1::REGISTRATION_STATUS_CANCELLED ? "cancelled" : "active";
}

void printDelegate(const Invocation& invocation, const v1::Delegate& d) {
  std::ostream& out = *invocation.out;
  out << "#" << d.id() << "  " << d.given_name() << " " << d.family_name() << "\n";
  if (!d.latin_name().empty()) out << "  in Latin:     " << d.latin_name() << "\n";
  out << "  organisation: " << d.organisation() << "\n"
      << "  city:         " << d.city() << (d.country().empty() ? "" : " (" + d.country() + ")") << "\n"
      << "  category:     " << d.category() << "\n"
      << "  e-mail:       " << d.email() << "\n"
      << "  language:     " << d.language() << "\n"
      << "  status:       " << statusName(d.status()) << "\n"
      << "  reference:    " << d.external_ref() << "\n"
      << "  record:       version " << d.version() << "\n";
  if (!d.external_ticket_code().empty()) out << "  ticket code:  " << d.external_ticket_code() << "\n";
  if (!d.notes().empty()) out << "  notes:        " << d.notes() << "\n";
  out << "  badge:        version " << d.badge_version() << "\n";
  if (!d.badge_code().empty()) out << "  badge code:   " << d.badge_code() << "\n";
}

// A fresh request id per invocation; a retry of the same scan from a script should pass
// --request-id explicitly.
std::string newRequestId() {
  std::random_device random;
  std::ostringstream id;
  id << "cli-" << std::hex << random() << random() << random();
  return id.str();
}

std::int64_t nowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

const std::set<std::string>& delegateFieldOptions() {
  static const std::set<std::string> options = {"given",    "family",  "latin-name",  "organisation",
                                                "city",     "country", "category",    "email",
                                                "language", "notes",   "ticket-code", "ref"};
  return options;
}

int runSearch(Invocation& invocation) {
  if (invocation.positional.empty()) return usageError(invocation, "usage: lanyard search TEXT");
  std::string query;
  for (const std::string& word : invocation.positional) query += (query.empty() ? "" : " ") + word;
  v1::SearchDelegatesRequest request;
  request.set_query(query);
  std::int64_t limit = 0;
  if (invocation.options.count("limit") != 0 && !parseId(option(invocation, "limit"), limit)) {
    return usageError(invocation, "--limit must be a positive whole number");
  }
  request.set_limit(static_cast<std::int32_t>(limit));
  auto stub = v1::CheckInService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(30));
  v1::SearchDelegatesResponse response;
  grpc::Status status = stub->SearchDelegates(context.get(), request, &response);
  if (!status.ok()) return reportFailure(invocation, status);
  if (invocation.json) {
    printJson(invocation, response);
    return 0;
  }
  if (response.results().empty()) *invocation.out << "no delegate matches \"" << query << "\"\n";
  for (const v1::SearchResult& result : response.results()) {
    if (result.has_delegate()) {
      const v1::Delegate& d = result.delegate();
      std::string where = d.organisation();
      if (!d.city().empty()) where += where.empty() ? d.city() : " (" + d.city() + ")";
      std::string name = d.given_name().empty() || d.family_name().empty() ? d.given_name() + d.family_name()
                                                                           : d.given_name() + " " + d.family_name();
      if (!d.latin_name().empty()) name += " (" + d.latin_name() + ")";
      *invocation.out << "#" << d.id() << "  " << name << (where.empty() ? "" : " - " + where) << ", " << d.category()
                      << (d.status() == v1::REGISTRATION_STATUS_CANCELLED ? ", CANCELLED" : "") << "\n";
    } else {
      const v1::DelegateSummary& s = result.summary();
      *invocation.out << "#" << s.id() << "  " << shownAs(s) << "\n";
    }
  }
  if (response.more()) *invocation.out << "... and more: type more letters, or raise --limit\n";
  return 0;
}

int runCheckIn(Invocation& invocation) {
  v1::CheckInRequest request;
  request.set_request_id(option(invocation, "request-id", newRequestId()));
  request.set_scan_time_us(nowUs());
  request.set_direction(invocation.options.count("out") != 0 ? v1::DIRECTION_OUT : v1::DIRECTION_IN);
  if (invocation.options.count("session") != 0) {
    std::int64_t session = 0;
    if (!parseId(option(invocation, "session"), session)) {
      return usageError(invocation, "--session must be a session id");
    }
    request.set_session_id(session);
  }
  if (invocation.options.count("delegate") != 0) {
    std::int64_t id = 0;
    if (!parseId(option(invocation, "delegate"), id)) return usageError(invocation, "--delegate must be a delegate id");
    request.mutable_by_name()->set_delegate_id(id);
    request.mutable_by_name()->set_proof(option(invocation, "proof"));
  } else if (invocation.positional.size() == 1) {
    request.set_code(invocation.positional[0]);
  } else {
    return usageError(invocation, "usage: lanyard checkin CODE [--session ID] [--out]");
  }
  v1::GetEventResponse event;
  if (grpc::Status status = useEventTimeZone(invocation, &event); !status.ok()) {
    return reportFailure(invocation, status);
  }
  auto stub = v1::CheckInService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(30));
  v1::CheckInResponse response;
  grpc::Status status = stub->CheckIn(context.get(), request, &response);
  if (!status.ok()) return reportFailure(invocation, status);
  if (invocation.json) {
    printJson(invocation, response);
  } else {
    const std::string outcome = v1::CheckInOutcome_Name(response.outcome()).substr(sizeof("CHECK_IN_OUTCOME_") - 1);
    *invocation.out << outcome << ": " << response.reason() << "\n";
    if (response.has_delegate()) {
      *invocation.out << "  " << shownAs(response.delegate()) << " (" << response.delegate().category() << ")\n";
    }
    if (response.left_session_id() != 0) {
      *invocation.out << "  checked out of session #" << response.left_session_id() << "\n";
    }
    *invocation.out << "  logged as check-in " << response.check_in_id() << " at "
                    << localTime(invocation, response.server_time_us())
                    << (response.badge_printed() ? ", badge already printed" : "") << "\n";
  }
  // The scan was answered; the outcome is data, so the exit status is 0 whatever it is.
  return 0;
}

int runDelegate(Invocation& invocation) {
  if (invocation.positional.empty()) {
    return usageError(invocation, "usage: lanyard delegate show|export|add|correct|cancel|reinstate|reissue ...");
  }
  const std::string action = invocation.positional[0];
  auto stub = v1::DelegateService::NewStub(invocation.channel);
  const auto needId = [&](std::int64_t& id) {
    return invocation.positional.size() == 2 && parseId(invocation.positional[1], id);
  };
  // Sets the fields given as options; names them, as Delegate field paths, in `given` if not null.
  const auto fill = [&](v1::Delegate& d, google::protobuf::FieldMask* given) {
    const std::tuple<const char*, const char*, std::function<void(const std::string&)>> fields[] = {
        {"given", "given_name", [&](const std::string& v) { d.set_given_name(v); }},
        {"family", "family_name", [&](const std::string& v) { d.set_family_name(v); }},
        {"latin-name", "latin_name", [&](const std::string& v) { d.set_latin_name(v); }},
        {"organisation", "organisation", [&](const std::string& v) { d.set_organisation(v); }},
        {"city", "city", [&](const std::string& v) { d.set_city(v); }},
        {"country", "country", [&](const std::string& v) { d.set_country(v); }},
        {"category", "category", [&](const std::string& v) { d.set_category(v); }},
        {"email", "email", [&](const std::string& v) { d.set_email(v); }},
        {"language", "language", [&](const std::string& v) { d.set_language(v); }},
        {"notes", "notes", [&](const std::string& v) { d.set_notes(v); }},
        {"ticket-code", "external_ticket_code", [&](const std::string& v) { d.set_external_ticket_code(v); }},
        {"ref", "external_ref", [&](const std::string& v) { d.set_external_ref(v); }},
    };
    for (const auto& [name, path, set] : fields) {
      if (invocation.options.count(name) == 0) continue;
      set(option(invocation, name));
      if (given != nullptr) given->add_paths(path);
    }
  };
  const auto finish = [&](const grpc::Status& status, const google::protobuf::Message& response, const v1::Delegate& d,
                          const char* what) {
    if (!status.ok()) return reportFailure(invocation, status);
    if (invocation.json) {
      printJson(invocation, response);
    } else {
      if (what[0] != '\0') *invocation.out << what << "\n";
      printDelegate(invocation, d);
    }
    return 0;
  };

  if (action == "export") {
    std::int64_t id = 0;
    if (invocation.positional.size() < 2 || !parseId(invocation.positional[1], id)) {
      return usageError(invocation, "usage: lanyard delegate export ID [-o FILE]");
    }
    return runDelegateExport(invocation, id);
  }
  if (action == "show") {
    v1::GetDelegateRequest request;
    std::int64_t id = 0;
    if (invocation.options.count("code") != 0) {
      request.set_code(option(invocation, "code"));
    } else if (invocation.options.count("ref") != 0) {
      request.set_external_ref(option(invocation, "ref"));
    } else if (needId(id)) {
      request.set_id(id);
    } else {
      return usageError(invocation, "usage: lanyard delegate show ID | --code CODE | --ref REF");
    }
    v1::GetEventResponse event;
    if (grpc::Status status = useEventTimeZone(invocation, &event); !status.ok()) {
      return reportFailure(invocation, status);
    }
    auto context = contextFor(invocation, std::chrono::seconds(30));
    v1::GetDelegateResponse response;
    grpc::Status status = stub->GetDelegate(context.get(), request, &response);
    if (!status.ok()) return reportFailure(invocation, status);
    v1::ListCheckInsRequest checkInsRequest;
    checkInsRequest.set_delegate_id(response.delegate().id());
    v1::ListCheckInsResponse checkIns;
    status = allPages(invocation, std::chrono::seconds(30), checkInsRequest, &checkIns,
                      [&stub](auto* c, const auto& r, auto* page) { return stub->ListCheckIns(c, r, page); });
    if (!status.ok()) return reportFailure(invocation, status);
    v1::ListBadgePrintsRequest printsRequest;
    printsRequest.set_delegate_id(response.delegate().id());
    v1::ListBadgePrintsResponse prints;
    status = allPages(invocation, std::chrono::seconds(30), printsRequest, &prints,
                      [&stub](auto* c, const auto& r, auto* page) { return stub->ListBadgePrints(c, r, page); });
    if (!status.ok()) return reportFailure(invocation, status);
    if (invocation.json) {
      // One object: the record with its whole history, "check_ins" and "prints".
      printJson(invocation, jsonObjectOf({&response, &checkIns, &prints}));
      return 0;
    }
    printDelegate(invocation, response.delegate());
    *invocation.out << "  sessions registered:";
    for (std::int64_t session : response.registered_session_ids()) *invocation.out << " #" << session;
    if (response.registered_session_ids().empty()) *invocation.out << " none";
    *invocation.out << "\n  check-ins:" << (checkIns.check_ins().empty() ? " none" : "") << "\n";
    for (const v1::CheckInRecord& c : checkIns.check_ins()) {
      *invocation.out << "    " << localTime(invocation, c.server_time_us()) << "  "
                      << (c.session_id() == 0 ? std::string("entrance") : "session #" + std::to_string(c.session_id()))
                      << " " << (c.direction() == v1::DIRECTION_OUT ? "out" : "in") << "  "
                      << v1::CheckInOutcome_Name(c.outcome_code()).substr(sizeof("CHECK_IN_OUTCOME_") - 1) << "  "
                      << c.device_name() << "\n";
    }
    *invocation.out << "  badge prints:" << (prints.prints().empty() ? " none" : "") << "\n";
    for (const v1::BadgePrintRecord& p : prints.prints()) {
      *invocation.out << "    " << localTime(invocation, p.server_time_us()) << "  version " << p.badge_version()
                      << "  " << (p.success() ? "printed" : "failed: " + p.error()) << "  " << p.device_name() << "\n";
    }
    return 0;
  }
  if (action == "add") {
    if (invocation.options.count("category") == 0) {
      return usageError(invocation,
                        "lanyard delegate add needs --category, one of the event's categories (`lanyard event` "
                        "lists them)");
    }
    v1::CreateDelegateRequest request;
    fill(*request.mutable_delegate(), nullptr);
    request.set_allow_duplicate(invocation.options.count("allow-duplicate") != 0);
    auto context = contextFor(invocation, std::chrono::seconds(30));
    v1::CreateDelegateResponse response;
    grpc::Status status = stub->CreateDelegate(context.get(), request, &response);
    if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS && !request.allow_duplicate()) {
      *invocation.err
          << "lanyard: not added: " << status.error_message()
          << "\n  Check that one in instead (`lanyard delegate show ID`), or add anyway with --allow-duplicate.\n";
      return kCallFailed;
    }
    return finish(status, response, response.delegate(), "added:");
  }
  std::int64_t id = 0;
  if (!needId(id)) return usageError(invocation, "usage: lanyard delegate " + action + " ID");
  if (action == "correct") {
    const std::set<std::string>& fields = delegateFieldOptions();
    const bool anyField = std::any_of(invocation.options.begin(), invocation.options.end(),
                                      [&](const auto& option) { return fields.count(option.first) != 0; });
    if (!anyField) {
      return usageError(invocation, "lanyard delegate correct ID needs the fields to change, e.g. --family NAME");
    }
    v1::GetDelegateRequest get;
    get.set_id(id);
    v1::GetDelegateResponse current;
    auto getContext = contextFor(invocation, std::chrono::seconds(30));
    if (grpc::Status status = stub->GetDelegate(getContext.get(), get, &current); !status.ok()) {
      return reportFailure(invocation, status);
    }
    // Only the fields given change, and only if no one changed the delegate since it was read.
    v1::UpdateDelegateRequest request;
    request.mutable_delegate()->set_id(id);
    fill(*request.mutable_delegate(), request.mutable_update_mask());
    request.set_expected_version(current.delegate().version());
    auto context = contextFor(invocation, std::chrono::seconds(30));
    v1::UpdateDelegateResponse response;
    grpc::Status status = stub->UpdateDelegate(context.get(), request, &response);
    if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
      *invocation.err << "lanyard: not corrected: someone else changed delegate #" << id << " while this command ran.\n"
                      << "  See what changed with `lanyard delegate show " << id << "`, then run the command again.\n"
                      << "  (server: " << status.error_message() << ")\n";
      return kCallFailed;
    }
    return finish(status, response, response.delegate(),
                  "corrected (re-imports keep it until the registration file agrees):");
  }
  // An action on one delegate by id, answered with the stored delegate.
  const auto byId = [&]<typename Request, typename Response>(grpc::Status (v1::DelegateService::Stub::*call)(
                                                                 grpc::ClientContext*, const Request&, Response*),
                                                             const char* what) {
    Request request;
    request.set_id(id);
    auto context = contextFor(invocation, std::chrono::seconds(30));
    Response response;
    grpc::Status status = ((*stub).*call)(context.get(), request, &response);
    return finish(status, response, response.delegate(), what);
  };
  if (action == "cancel") {
    return byId(&v1::DelegateService::Stub::CancelDelegate,
                "cancelled (re-imports keep it until the registration file agrees):");
  }
  if (action == "reinstate") {
    return byId(&v1::DelegateService::Stub::ReinstateDelegate,
                "reinstated (re-imports keep it until the registration file agrees):");
  }
  if (action == "reissue") {
    return byId(&v1::DelegateService::Stub::ReissueBadge, "reissued (the old badge code no longer works):");
  }
  return usageError(invocation, "unknown delegate action \"" + action + "\"");
}

int runCodes(Invocation& invocation) {
  auto stub = v1::DelegateService::NewStub(invocation.channel);
  v1::ListBadgeCodesResponse response;
  grpc::Status status =
      allPages(invocation, std::chrono::seconds(60), v1::ListBadgeCodesRequest(), &response,
               [&stub](auto* c, const auto& r, auto* page) { return stub->ListBadgeCodes(c, r, page); });
  if (!status.ok()) return reportFailure(invocation, status);
  if (invocation.json) {
    printJson(invocation, response);
    return 0;
  }
  // The export's writer, for its formula guard: this file is opened in spreadsheets to mail from.
  static constexpr domain::ExportColumn kColumns[] = {{"delegate_id"}, {"external_ref"}, {"given_name"},
                                                      {"family_name"}, {"email"},        {"badge_code"}};
  absl::StatusOr<domain::EventTimeZone> utc = domain::EventTimeZone::create("UTC");  // No times in this file.
  if (!utc.ok()) return reportFailure(invocation, grpc::Status(grpc::StatusCode::INTERNAL, utc.status().ToString()));
  std::ostream& out = *invocation.out;
  exports::CsvWriter writer(kColumns, exports::CsvFormat{}, *std::move(utc), [&out](std::string_view bytes) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return out ? absl::OkStatus() : absl::UnavailableError("cannot write the output");
  });
  absl::Status written;
  for (const v1::BadgeCodeEntry& e : response.entries()) {
    writer.integer(e.delegate_id());
    for (const std::string* text :
         {&e.external_ref(), &e.given_name(), &e.family_name(), &e.email(), &e.badge_code()}) {
      writer.text(*text);
    }
    if (written = writer.endRow(); !written.ok()) break;
  }
  if (written.ok()) written = writer.finish();
  if (!written.ok()) {
    *invocation.err << "lanyard: " << written.message() << "\n";
    return kCallFailed;
  }
  return 0;
}

}  // namespace lanyard::cli
