#include "cli/import_command.h"

#include <grpcpp/client_context.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "domain/str_cat.h"
#include "domain/text.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"

namespace lanyard::cli {

namespace v1 = lanyard::v1;
namespace domain = lanyard::server::domain;

namespace {

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
      return grpc::Status(grpc::StatusCode::CANCELLED, strCat("cannot read ", path, ": ", reason,
                                                              "; the import was cancelled and nothing was stored"));
    }
    part.set_csv(buffer.data(), static_cast<std::size_t>(in.gcount()));
    part.set_last(in.eof());
    if (!writer.Write(part) || part.last()) break;
    part.clear_file_name();
  }
  writer.WritesDone();
  return writer.Finish();
}

}  // namespace

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

}  // namespace lanyard::cli
