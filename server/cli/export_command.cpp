#include "cli/export_command.h"

#include <grpcpp/client_context.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <system_error>
#include <vector>

#include "lanyard/v1/export_service.grpc.pb.h"

namespace lanyard::cli {

namespace v1 = lanyard::v1;

namespace {

// A 100,000-row export takes seconds; this only stops a call that hangs.
constexpr auto kExportTimeout = std::chrono::minutes(30);

constexpr char kExportUsage[] =
    "  export [--format csv|xlsx] [--status all|checked-in|absent] [--session ID] [--category C]\n"
    "         [--delimiter ';'] [--bom] -o FILE     attendee list as CSV or XLSX (organiser, admin)\n"
    "  export --scan-log [--format csv|xlsx] [--delimiter ';'] [--bom] -o FILE\n"
    "                                         every scan, forged and refused ones included\n";

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A switch such as --bom: absent, or given without a value ("true" from the option parser).
bool readSwitch(const Invocation& invocation, const std::string& name, bool& out, std::string& error) {
  const auto found = invocation.options.find(name);
  out = found != invocation.options.end();
  if (out && found->second != "true") {
    error = "--" + name + " takes no value (got \"" + found->second + "\")";
    return false;
  }
  return true;
}

std::string jsonString(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// The request, read from the command line.
struct ExportArguments {
  std::string path;
  bool scanLog = false;
  v1::ExportAttendeesRequest attendees;
  v1::ExportScanLogRequest scans;
};

// Fills `out` from the command line; returns an error message for a usage error, else "".
std::string parseArguments(const Invocation& invocation, ExportArguments& out) {
  const std::vector<std::string>& words = invocation.positional;
  if (words.size() == 2 && words[0] == "-o") {
    out.path = words[1];
  } else if (words.empty() && invocation.options.count("output") != 0) {
    out.path = option(invocation, "output");
  } else {
    return "usage: lanyard export [--format csv|xlsx] [--status all|checked-in|absent] [--session ID] "
           "[--category C] [--delimiter ';'] [--bom] [--scan-log] -o FILE";
  }
  if (out.path.empty()) return "-o needs a file name";
  std::error_code notChecked;
  if (std::filesystem::is_directory(out.path, notChecked)) return out.path + " is a folder: give -o a file name";

  std::string error;
  bool bom = false;
  if (!readSwitch(invocation, "bom", bom, error) || !readSwitch(invocation, "scan-log", out.scanLog, error)) {
    return error;
  }

  v1::ExportFormat format = v1::EXPORT_FORMAT_CSV;
  const std::string formatName = option(invocation, "format", endsWith(out.path, ".xlsx") ? "xlsx" : "csv");
  if (formatName == "xlsx") {
    format = v1::EXPORT_FORMAT_XLSX;
  } else if (formatName != "csv") {
    return "--format must be csv or xlsx";
  }

  // A file named .csv or .xlsx must hold that format, or the program it opens in will not read it.
  for (const auto& [extension, name] : {std::pair{".csv", "csv"}, std::pair{".xlsx", "xlsx"}}) {
    if (endsWith(out.path, extension) && formatName != name) {
      return "-o " + out.path + " ends in " + extension + ", but --format is " + formatName;
    }
  }
  if (format == v1::EXPORT_FORMAT_XLSX) {
    for (const char* csvOnly : {"delimiter", "bom"}) {
      if (invocation.options.count(csvOnly) != 0) return std::string("--") + csvOnly + " applies to CSV, not to XLSX";
    }
  }

  v1::CsvOptions csv;
  const std::string delimiter = option(invocation, "delimiter", ",");
  if (delimiter != "," && delimiter != ";") return "--delimiter must be ',' or ';'";
  csv.set_delimiter(delimiter);
  csv.set_byte_order_mark(bom);

  if (out.scanLog) {
    for (const char* attendeeOnly : {"status", "session", "category"}) {
      if (invocation.options.count(attendeeOnly) != 0) {
        return std::string("--") + attendeeOnly + " applies to attendee lists, not to --scan-log";
      }
    }
    out.scans.set_format(format);
    *out.scans.mutable_csv() = csv;
    return "";
  }

  out.attendees.set_format(format);
  *out.attendees.mutable_csv() = csv;
  const std::string status = option(invocation, "status", "all");
  if (status == "all") {
    out.attendees.set_attendance(v1::ATTENDANCE_FILTER_ALL);
  } else if (status == "checked-in") {
    out.attendees.set_attendance(v1::ATTENDANCE_FILTER_CHECKED_IN);
  } else if (status == "absent") {
    out.attendees.set_attendance(v1::ATTENDANCE_FILTER_ABSENT);
  } else {
    return "--status must be all, checked-in or absent";
  }
  if (invocation.options.count("session") != 0) {
    std::int64_t session = 0;
    try {
      std::size_t used = 0;
      const std::string text = option(invocation, "session");
      session = std::stoll(text, &used);
      if (used != text.size() || session <= 0) return "--session must be a session id";
    } catch (const std::exception&) {
      return "--session must be a session id";
    }
    out.attendees.set_session_id(session);
  }
  out.attendees.set_category(option(invocation, "category"));
  return "";
}

// What an export stream delivered into the file.
struct Received {
  grpc::Status status;
  bool complete = false;  // The last chunk came.
  bool writeFailed = false;
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
};

// Writes each chunk's data to `file` until the stream ends; cancels the call if the file fails.
template <typename Response>
Received receive(grpc::ClientReader<Response>& reader, grpc::ClientContext& context, std::ofstream& file) {
  Received got;
  Response response;
  while (reader.Read(&response)) {
    const v1::ExportChunk& chunk = response.chunk();
    file.write(chunk.data().data(), static_cast<std::streamsize>(chunk.data().size()));
    if (!file) {
      got.writeFailed = true;
      context.TryCancel();
      break;
    }
    got.bytes += static_cast<std::int64_t>(chunk.data().size());
    if (chunk.last()) {
      got.complete = true;
      got.rows = chunk.row_count();
    }
  }
  got.status = reader.Finish();
  return got;
}

}  // namespace

const char* exportUsage() { return kExportUsage; }

int runExport(Invocation& invocation) {
  ExportArguments arguments;
  if (const std::string error = parseArguments(invocation, arguments); !error.empty()) {
    return usageError(invocation, error);
  }
  const auto failWith = [&](const std::string& message) {
    *invocation.err << "lanyard: " << message << "\n";
    return kCallFailed;
  };
  // Names and e-mails: the file is for its owner's eyes only, like the server's own files.
  PrivateFile output(arguments.path);
  if (const std::string error = output.open(); !error.empty()) return failWith(error);
  std::ofstream& file = output.stream();

  auto stub = v1::ExportService::NewStub(invocation.channel);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + invocation.token);
  context.set_deadline(std::chrono::system_clock::now() + kExportTimeout);
  const Received got = arguments.scanLog
                           ? receive(*stub->ExportScanLog(&context, arguments.scans), context, file)
                           : receive(*stub->ExportAttendees(&context, arguments.attendees), context, file);
  const grpc::Status& status = got.status;
  const std::int64_t rows = got.rows;
  const std::int64_t bytes = got.bytes;
  if (got.writeFailed) {
    const std::error_code error(errno, std::generic_category());
    return failWith("cannot write " + output.partPath() + ": " + error.message() + "; nothing was saved");
  }
  if (!status.ok()) {
    std::string message = std::string(codeName(status.error_code())) + ": " + status.error_message();
    if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
      message += "\n" + unreachableHint(invocation);
    }
    return failWith(message);
  }
  if (!got.complete) return failWith("the server ended the export without its last chunk; nothing was saved");
  if (const std::string error = output.commit(); !error.empty()) return failWith(error);

  if (invocation.json) {
    *invocation.out << "{\n  \"file\": " << jsonString(arguments.path) << ",\n  \"rows\": " << rows
                    << ",\n  \"bytes\": " << bytes << "\n}\n";
  } else {
    *invocation.out << "wrote " << rows << (rows == 1 ? " row" : " rows") << " to " << arguments.path << " (" << bytes
                    << " bytes)\n";
  }
  return 0;
}

}  // namespace lanyard::cli
