#pragma once

#include <grpcpp/client_context.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "lanyard/v1/delegate_service.grpc.pb.h"

namespace lanyard::testing {

// The part size `lanyard import` sends.
inline constexpr std::size_t kImportPartBytes = 1024 * 1024;

// Writes `csv` to an import call as `lanyard import` does: in parts of `partBytes`, the first
// naming the file and the final one marked last (one part for an empty file); stops once the
// server has answered. Returns the
// server's answer.
template <typename Request>
grpc::Status uploadInParts(grpc::ClientWriterInterface<Request>& writer, std::string_view csv,
                           const std::string& fileName, std::size_t partBytes = kImportPartBytes) {
  Request part;
  part.set_file_name(fileName);
  std::size_t offset = 0;
  do {
    const std::size_t size = std::min(partBytes, csv.size() - offset);
    part.set_csv(std::string(csv.substr(offset, size)));
    offset += size;
    part.set_last(offset == csv.size());
    if (!writer.Write(part)) break;
    part.clear_file_name();
  } while (offset < csv.size());
  writer.WritesDone();
  return writer.Finish();
}

// ImportDelegates of `csv`, sent by uploadInParts; `context` carries the token and deadline.
inline grpc::Status importDelegates(v1::DelegateService::StubInterface& stub, grpc::ClientContext& context,
                                    std::string_view csv, const std::string& fileName,
                                    v1::ImportDelegatesResponse* response) {
  return uploadInParts(*stub.ImportDelegates(&context, response), csv, fileName);
}

// ImportSessions of `csv`, sent by uploadInParts.
inline grpc::Status importSessions(v1::DelegateService::StubInterface& stub, grpc::ClientContext& context,
                                   std::string_view csv, const std::string& fileName,
                                   v1::ImportSessionsResponse* response) {
  return uploadInParts(*stub.ImportSessions(&context, response), csv, fileName);
}

}  // namespace lanyard::testing
