#include "cli/commands.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/client_context.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

#include "cli/export_command.h"
#include "cli/watch_command.h"
#include "domain/export_format.h"
#include "domain/text.h"
#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/device_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"

namespace lanyard::cli {

namespace v1 = lanyard::v1;
namespace domain = lanyard::server::domain;

namespace {

const char kUsage[] = R"(Usage: lanyard [--server HOST:PORT] [--token TOKEN] [--json] [--tls] [--ca-cert FILE] COMMAND

The server and token may also come from LANYARD_SERVER and LANYARD_TOKEN.

Commands:
  event                                  the event, its categories and this device
  sessions                               sessions with live occupancy
  import delegates FILE                  import delegates from CSV (Lanyard, pretix or Indico headers)
  import sessions FILE                   import sessions from CSV
  search TEXT [--limit N]                accent- and script-insensitive name search
  checkin CODE [--session ID] [--out]    check a badge or ticket code in (or out)
  checkin --delegate ID [--proof TEXT] [--session ID] [--out]
                                         check in a delegate found by name
  delegate show ID | --code CODE | --ref REF
  delegate add --given NAME --family NAME --category C [--latin-name TEXT] [--email E] [--organisation O]
               [--city C] [--country CC] [--language xx] [--notes TEXT] [--ticket-code CODE] [--ref REF]
               [--allow-duplicate]       without it, refused when the event has the e-mail or name already
                                         --latin-name: the delegate's own spelling of their full name in
                                         Latin letters, searched and printed on the badge beneath a name
                                         in another script
  delegate correct ID [--given NAME] [--family NAME] [--latin-name TEXT] [--organisation O] [--email E] ...
  delegate cancel ID | delegate reinstate ID
  delegate reissue ID                    new badge code; the old one stops working
  codes                                  every active delegate's badge code, as CSV for mailing
  staff-pin [PIN] | --off                set the PIN (4 to 12 digits) that opens kiosks' staff mode (asked
                                         for on standard input when not given), or remove it
  token create --role kiosk|organiser|desk|admin --name NAME
  token list
  token revoke NAME | --id ID
  watch [--after N] [--limit N]          live attendance feed; resumes by itself after a dropped connection
  stats                                  attendance summary: registered, checked in, inside now, sessions, kiosks
  export [--format csv|xlsx] [--status all|checked-in|absent] [--session ID] [--category C]
         [--delimiter ';'] [--bom] [--scan-log] -o FILE
                                         attendee list or full scan log; CSV for European Excel with --bom --delimiter ';'

Exit status: 0 on success, 1 when the server refused or failed, 2 for a usage error.
)";

// What a kiosk shows of a delegate: "Simona B., Vilnius", or "Simona B." without an affiliation.
std::string shownAs(const v1::DelegateSummary& summary) {
  return summary.affiliation().empty() ? summary.display_name() : summary.display_name() + ", " + summary.affiliation();
}

// One call's context: the bearer token and a deadline.
std::unique_ptr<grpc::ClientContext> contextFor(const Invocation& invocation, std::chrono::seconds timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + invocation.token);
  context->set_deadline(std::chrono::system_clock::now() + timeout);
  return context;
}

// Every page of a list RPC merged into `all`, whose next_page_token is then empty. `call(context,
// request, page)` asks for one page; each page gets a fresh context with `timeout`. Returns the
// first failed page's status.
template <typename Request, typename Response, typename Call>
grpc::Status allPages(const Invocation& invocation, std::chrono::seconds timeout, Request request, Response* all,
                      const Call& call) {
  constexpr int kPageSize = 1000;  // The most the server gives: the fewest round trips.
  all->Clear();
  request.set_page_size(kPageSize);
  do {
    auto context = contextFor(invocation, timeout);
    Response page;
    if (grpc::Status status = call(context.get(), request, &page); !status.ok()) return status;
    request.set_page_token(page.next_page_token());
    all->MergeFrom(page);
  } while (!request.page_token().empty());
  all->clear_next_page_token();
  return grpc::Status::OK;
}

void printJson(const Invocation& invocation, const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  *invocation.out << json;
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

// Switches the process time zone to the event's, so times print as the organisers read them.
grpc::Status useEventTimeZone(const Invocation& invocation, v1::GetEventResponse* event) {
  auto stub = v1::EventService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(10));
  grpc::Status status = stub->GetEvent(context.get(), v1::GetEventRequest(), event);
  if (status.ok()) {
    setenv("TZ", event->time_zone().c_str(), 1);
    tzset();
  }
  return status;
}

bool parseId(const std::string& text, std::int64_t& out) {
  try {
    std::size_t used = 0;
    out = std::stoll(text, &used);
    return used == text.size() && out > 0;
  } catch (const std::exception&) {
    return false;
  }
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

int runEvent(Invocation& invocation) {
  v1::GetEventResponse event;
  grpc::Status status = useEventTimeZone(invocation, &event);
  if (!status.ok()) return reportFailure(invocation, status);
  if (invocation.json) {
    printJson(invocation, event);
    return 0;
  }
  std::ostream& out = *invocation.out;
  out << event.name() << "\n  venue:     " << event.venue() << "\n  dates:     " << event.start_date() << " to "
      << event.end_date() << " (" << event.time_zone() << ")\n  language:  " << event.default_language()
      << "\n  name check-in proof: " << event.name_check_in_proof()
      << "\n  kiosk staff mode: " << (event.staff_mode() ? "on (a staff PIN is set)" : "off (no staff PIN)")
      << "\n  categories:";
  for (const v1::Category& category : event.categories()) out << " " << category.name();
  out << "\n  this device: " << event.device_name() << " (" << roleName(event.device_role()) << ")\n";
  return 0;
}

int runSessions(Invocation& invocation) {
  v1::GetEventResponse event;
  if (grpc::Status status = useEventTimeZone(invocation, &event); !status.ok()) {
    return reportFailure(invocation, status);
  }
  auto stub = v1::EventService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(30));
  v1::ListSessionsResponse response;
  grpc::Status status = stub->ListSessions(context.get(), v1::ListSessionsRequest(), &response);
  if (!status.ok()) return reportFailure(invocation, status);
  if (invocation.json) {
    printJson(invocation, response);
    return 0;
  }
  for (const v1::Session& s : response.sessions()) {
    *invocation.out << "#" << s.id() << "  " << localTime(s.start_time_us()).substr(0, 16) << " - "
                    << localTime(s.end_time_us()).substr(11, 5) << "  " << s.title() << "\n      " << s.room()
                    << ", inside " << s.inside_now() << "/"
                    << (s.capacity() == 0 ? "unlimited" : std::to_string(s.capacity()))
                    << (s.registration_required()
                            ? ", registration required (" + std::to_string(s.registered()) + " registered)"
                            : "")
                    << "\n";
  }
  return 0;
}

// Sends the file `in` (read from `path`) to an import call in parts of 1 MiB, the first naming the
// file and the final one marked last, and returns the server's answer. Stops sending once the
// server has answered (a refused file). A read error cancels the call, so that the server stores
// nothing, and is returned as CANCELLED.
template <typename Request>
grpc::Status uploadFile(std::istream& in, const std::string& path, const std::string& fileName,
                        grpc::ClientContext& context, grpc::ClientWriter<Request>& writer) {
  constexpr std::size_t kPartBytes = 1024 * 1024;
  std::string buffer(kPartBytes, '\0');
  Request part;
  part.set_file_name(fileName);
  for (;;) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.bad()) {
      const std::string reason = std::strerror(errno);
      context.TryCancel();
      writer.Finish();
      return grpc::Status(grpc::StatusCode::CANCELLED,
                          "cannot read " + path + ": " + reason + "; the import was cancelled and nothing was stored");
    }
    part.set_csv(buffer.data(), static_cast<std::size_t>(in.gcount()));
    part.set_last(in.eof());
    if (!writer.Write(part) || part.last()) break;
    part.clear_file_name();
  }
  writer.WritesDone();
  return writer.Finish();
}

int runImport(Invocation& invocation) {
  if (invocation.positional.size() != 2 ||
      (invocation.positional[0] != "delegates" && invocation.positional[0] != "sessions")) {
    return usageError(invocation, "usage: lanyard import delegates|sessions FILE");
  }
  const std::string& path = invocation.positional[1];
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return usageError(invocation, path + " is a folder, not a CSV file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return usageError(invocation, "cannot read " + path + ": " + std::strerror(errno));
  const std::string fileName = path.substr(path.find_last_of('/') + 1);
  auto stub = v1::DelegateService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(600));
  if (invocation.positional[0] == "delegates") {
    v1::ImportDelegatesResponse response;
    grpc::Status status = uploadFile(in, path, fileName, *context, *stub->ImportDelegates(context.get(), &response));
    if (!status.ok()) return reportFailure(invocation, status);
    if (invocation.json) {
      printJson(invocation, response);
    } else {
      *invocation.out << "imported " << fileName << ": " << counted(response.created(), "delegate", "delegates")
                      << " created, " << response.updated() << " updated, " << response.unchanged() << " unchanged, "
                      << counted(response.registrations(), "session registration", "session registrations") << " added";
      if (response.registrations_dropped() > 0) {
        *invocation.out << ", " << response.registrations_dropped() << " dropped (no longer in the file)";
      }
      *invocation.out << "\n";
      if (response.kept_corrections_size() > 0) {
        *invocation.out << "kept the help desk's corrections of "
                        << counted(response.kept_corrections_size(), "delegate", "delegates")
                        << " where the file differs:\n";
        for (const v1::KeptCorrections& kept : response.kept_corrections()) {
          *invocation.out << "  " << kept.external_ref() << ":";
          for (int i = 0; i < kept.columns_size(); ++i) *invocation.out << (i > 0 ? ", " : " ") << kept.columns(i);
          *invocation.out << "\n";
        }
      }
      if (response.ignored_columns_size() > 0) {
        // A long list ends with "and N more" after the first domain::kMaxListedNames names.
        std::vector<std::string> names(response.ignored_columns().begin(), response.ignored_columns().end());
        std::size_t more = 0;
        if (names.size() > domain::kMaxListedNames && std::sscanf(names.back().c_str(), "and %zu more", &more) == 1) {
          names.pop_back();
        }
        *invocation.out << "not read: " << counted(static_cast<std::int64_t>(names.size() + more), "column", "columns")
                        << " Lanyard does not know (check for a misspelling):";
        for (const std::string& name : names) *invocation.out << " \"" << name << "\"";
        if (more > 0) *invocation.out << " and " << more << " more";
        *invocation.out << "\n";
      }
    }
    return 0;
  }
  v1::ImportSessionsResponse response;
  grpc::Status status = uploadFile(in, path, fileName, *context, *stub->ImportSessions(context.get(), &response));
  if (!status.ok()) return reportFailure(invocation, status);
  if (invocation.json) {
    printJson(invocation, response);
  } else {
    *invocation.out << "imported " << fileName << ": " << counted(response.created(), "session", "sessions")
                    << " created, " << response.updated() << " updated\n";
  }
  return 0;
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
    if (!parseId(option(invocation, "session"), session))
      return usageError(invocation, "--session must be a session id");
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
                    << localTime(response.server_time_us())
                    << (response.badge_printed() ? ", badge already printed" : "") << "\n";
  }
  // The scan was answered; the outcome is data, so the exit status is 0 whatever it is.
  return 0;
}

// The options of `delegate add` and `delegate correct` that set a field.
const std::set<std::string> kDelegateFields = {"given",    "family",  "latin-name",  "organisation",
                                               "city",     "country", "category",    "email",
                                               "language", "notes",   "ticket-code", "ref"};

int runDelegate(Invocation& invocation) {
  if (invocation.positional.empty())
    return usageError(invocation, "usage: lanyard delegate show|add|correct|cancel|reinstate|reissue ...");
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
      *invocation.out << "    " << localTime(c.server_time_us()) << "  "
                      << (c.session_id() == 0 ? std::string("entrance") : "session #" + std::to_string(c.session_id()))
                      << " " << (c.direction() == v1::DIRECTION_OUT ? "out" : "in") << "  "
                      << v1::CheckInOutcome_Name(c.outcome_code()).substr(sizeof("CHECK_IN_OUTCOME_") - 1) << "  "
                      << c.device_name() << "\n";
    }
    *invocation.out << "  badge prints:" << (prints.prints().empty() ? " none" : "") << "\n";
    for (const v1::BadgePrintRecord& p : prints.prints()) {
      *invocation.out << "    " << localTime(p.server_time_us()) << "  version " << p.badge_version() << "  "
                      << (p.success() ? "printed" : "failed: " + p.error()) << "  " << p.device_name() << "\n";
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
    const bool anyField = std::any_of(invocation.options.begin(), invocation.options.end(),
                                      [](const auto& option) { return kDelegateFields.count(option.first) != 0; });
    if (!anyField)
      return usageError(invocation, "lanyard delegate correct ID needs the fields to change, e.g. --family NAME");
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
  domain::CsvWriter writer(kColumns, domain::CsvFormat{}, *std::move(utc), [&out](std::string_view bytes) {
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

// Turns a terminal's echo off until destroyed; does nothing when standard input is no terminal.
class EchoOff {
 public:
  EchoOff() {
    if (::tcgetattr(STDIN_FILENO, &m_saved) != 0) return;
    termios quiet = m_saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    m_active = ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
  }
  ~EchoOff() {
    if (m_active) ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios m_saved{};
  bool m_active = false;
};

// The new staff PIN from standard input, so it shows neither on screen nor in the shell's history:
// asked for twice without echo on a terminal, one line otherwise (a pipe or a file). Empty when
// none was given or the two entries differ, after saying so.
std::string readNewStaffPin(const Invocation& invocation) {
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  const auto ask = [&](const char* prompt) {
    if (terminal) *invocation.err << prompt << std::flush;
    std::string line;
    {
      const EchoOff quiet;
      std::getline(std::cin, line);
    }
    if (terminal) *invocation.err << "\n";
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  };
  std::string pin = ask("New staff PIN (4 to 12 digits): ");
  if (pin.empty()) {
    *invocation.err << "lanyard: no staff PIN given on standard input\n";
    return {};
  }
  if (terminal && ask("The same PIN again: ") != pin) {
    *invocation.err << "lanyard: the two PINs differ; nothing changed\n";
    return {};
  }
  return pin;
}

int runStaffPin(Invocation& invocation) {
  const bool off = invocation.options.count("off") != 0;
  if (invocation.positional.size() > 1 || (off && !invocation.positional.empty())) {
    return usageError(invocation, "usage: lanyard staff-pin [PIN] | --off");
  }
  v1::SetStaffPinRequest request;
  if (!off) {
    const std::string pin = invocation.positional.empty() ? readNewStaffPin(invocation) : invocation.positional[0];
    if (pin.empty()) return 2;
    request.set_pin(pin);
  }
  auto stub = v1::EventService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(30));
  v1::SetStaffPinResponse response;
  grpc::Status status = stub->SetStaffPin(context.get(), request, &response);
  if (!status.ok()) return reportFailure(invocation, status);
  if (invocation.json) {
    printJson(invocation, response);
  } else {
    *invocation.out << (off ? "staff PIN removed: kiosks have no staff mode\n"
                            : "staff PIN set: kiosks open their staff mode with it\n");
  }
  return 0;
}

int runToken(Invocation& invocation) {
  if (invocation.positional.empty()) return usageError(invocation, "usage: lanyard token create|list|revoke");
  const std::string action = invocation.positional[0];
  auto stub = v1::DeviceService::NewStub(invocation.channel);
  auto context = contextFor(invocation, std::chrono::seconds(30));
  if (action == "create") {
    const std::string role = option(invocation, "role");
    v1::CreateTokenRequest request;
    if (role == "kiosk") {
      request.set_role(v1::ROLE_KIOSK);
    } else if (role == "organiser" || role == "organizer") {
      request.set_role(v1::ROLE_ORGANISER);
    } else if (role == "desk") {
      request.set_role(v1::ROLE_DESK);
    } else if (role == "admin") {
      request.set_role(v1::ROLE_ADMIN);
    } else {
      return usageError(invocation, "--role must be kiosk, organiser, desk or admin");
    }
    request.set_name(option(invocation, "name"));
    if (request.name().empty()) return usageError(invocation, "--name is required");
    v1::CreateTokenResponse response;
    grpc::Status status = stub->CreateToken(context.get(), request, &response);
    if (!status.ok()) return reportFailure(invocation, status);
    if (invocation.json) {
      printJson(invocation, response);
    } else {
      *invocation.out << "device #" << response.device().id() << " " << response.device().name() << " ("
                      << roleName(response.device().role()) << ")\ntoken: " << response.token()
                      << "\n(shown only now: store it in the device's config)\n";
    }
    return 0;
  }
  if (action == "list") {
    v1::GetEventResponse event;
    if (grpc::Status status = useEventTimeZone(invocation, &event); !status.ok()) {
      return reportFailure(invocation, status);
    }
    v1::ListDevicesResponse response;
    grpc::Status status =
        allPages(invocation, std::chrono::seconds(30), v1::ListDevicesRequest(), &response,
                 [&stub](auto* c, const auto& r, auto* page) { return stub->ListDevices(c, r, page); });
    if (!status.ok()) return reportFailure(invocation, status);
    if (invocation.json) {
      printJson(invocation, response);
      return 0;
    }
    for (const v1::Device& d : response.devices()) {
      *invocation.out << "#" << d.id() << "  " << std::left << std::setw(24) << d.name() << std::setw(10)
                      << roleName(d.role())
                      << (d.revoked_time_us() != 0 ? "revoked " + localTime(d.revoked_time_us())
                                                   : "last seen " + localTime(d.last_seen_time_us()))
                      << "\n";
    }
    return 0;
  }
  if (action == "revoke") {
    v1::RevokeTokenRequest request;
    std::int64_t id = 0;
    if (invocation.options.count("id") != 0) {
      if (!parseId(option(invocation, "id"), id)) return usageError(invocation, "--id must be a device id");
      request.set_id(id);
    } else if (invocation.positional.size() == 2) {
      request.set_name(invocation.positional[1]);
    } else {
      return usageError(invocation, "usage: lanyard token revoke NAME | --id ID");
    }
    v1::RevokeTokenResponse response;
    grpc::Status status = stub->RevokeToken(context.get(), request, &response);
    if (!status.ok()) return reportFailure(invocation, status);
    if (invocation.json) {
      printJson(invocation, response);
    } else {
      *invocation.out << "revoked device #" << response.device().id() << " " << response.device().name() << "\n";
    }
    return 0;
  }
  return usageError(invocation, "unknown token action \"" + action + "\"");
}

}  // namespace

const char* usage() { return kUsage; }

// Options every command takes.
const std::set<std::string> kGlobalOptions = {"server", "token", "json", "tls", "ca-cert", "help"};
// The options of each command. Any other is a usage error, so that a misspelt filter cannot
// quietly export every attendee.
const std::map<std::string, std::set<std::string>> kCommandOptions = {
    {"event", {}},
    {"sessions", {}},
    {"import", {}},
    {"search", {"limit"}},
    {"checkin", {"session", "out", "delegate", "proof", "request-id"}},
    {"delegate",
     [] {
       std::set<std::string> options = kDelegateFields;
       options.insert("code");             // delegate show --code
       options.insert("allow-duplicate");  // delegate add
       return options;
     }()},
    {"codes", {}},
    {"token", {"role", "name", "id"}},
    {"staff-pin", {"off"}},
    {"export", {"format", "status", "session", "category", "delimiter", "bom", "scan-log", "output"}},
    {"watch", {"after", "limit"}},
    {"stats", {}},
};
const std::set<std::string> kSwitches = {"json", "tls", "help", "out", "off", "bom", "scan-log", "allow-duplicate"};

bool isOption(const std::string& name) {
  if (kGlobalOptions.count(name) != 0) return true;
  return std::any_of(kCommandOptions.begin(), kCommandOptions.end(),
                     [&](const auto& command) { return command.second.count(name) != 0; });
}

bool isSwitch(const std::string& name) { return kSwitches.count(name) != 0; }

int runCommand(const std::vector<std::string>& words, Invocation& invocation) {
  const std::string& command = words.front();
  invocation.positional.assign(words.begin() + 1, words.end());
  const auto options = kCommandOptions.find(command);
  if (options == kCommandOptions.end()) return usageError(invocation, "unknown command \"" + command + "\"");
  for (const auto& [name, value] : invocation.options) {
    if (kGlobalOptions.count(name) == 0 && options->second.count(name) == 0) {
      return usageError(invocation, "lanyard " + command + " has no option --" + name);
    }
  }
  if (command == "event") return runEvent(invocation);
  if (command == "sessions") return runSessions(invocation);
  if (command == "import") return runImport(invocation);
  if (command == "search") return runSearch(invocation);
  if (command == "checkin") return runCheckIn(invocation);
  if (command == "delegate") return runDelegate(invocation);
  if (command == "codes") return runCodes(invocation);
  if (command == "token") return runToken(invocation);
  if (command == "staff-pin") return runStaffPin(invocation);
  if (command == "export") return runExport(invocation);
  if (command == "watch") return runWatch(invocation);
  return runStats(invocation);
}

}  // namespace lanyard::cli
