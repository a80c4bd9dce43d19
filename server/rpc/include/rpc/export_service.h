#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "domain/attendee_export.h"
#include "export/export_format.h"
#include "lanyard/v1/export_service.grpc.pb.h"
#include "rpc/service_context.h"

namespace lanyard::server::rpc {

// What one export call came to, for the server's log and for tests.
struct ExportReport {
  std::string method;      // "ExportAttendees" or "ExportScanLog".
  std::string deviceName;  // The caller; empty when authorisation failed.
  std::int64_t rows = 0;   // Data rows written (all of them only when `status` is OK).
  std::int64_t bytes = 0;  // File bytes sent.
  absl::Status status;
};

// How the export service runs exports.
struct ExportServiceOptions {
  // Exports running at once; one more is RESOURCE_EXHAUSTED, so a burst of big exports cannot
  // starve check-ins of the server's two cores.
  int maxConcurrentExports = 2;
  // Where XLSX files are assembled; empty means the system's temporary directory.
  std::string tempDir;
  // Largest ExportChunk.data.
  std::size_t chunkBytes = exports::kExportChunkBytes;
  // Called once at the end of every export call, on the call's gRPC thread. Optional.
  std::function<void(const ExportReport&)> onFinished;
};

// Attendee lists and the scan log as CSV or XLSX files streamed in chunks: checks the caller's
// role (organiser, admin), validates the request, runs the export from the ExportSource through
// a TableWriter into the gRPC stream, and stops as soon as the client cancels.
//
// Each export runs on a thread of its own that hands chunks to the call's gRPC thread through a
// queue of at most 8 chunks, so the database is read while gRPC waits for the client's
// flow-control window; memory per export stays at about 9 chunks. Thread-safe: gRPC may run
// several calls at once, up to maxConcurrentExports of them exports. Storage errors keep their
// codes (UNAVAILABLE for a busy database, RESOURCE_EXHAUSTED for a full disk...).
class ExportServiceImpl final : public v1::ExportService::Service {
 public:
  // `source` must outlive the service.
  ExportServiceImpl(ServiceContext context, domain::ExportSource& source, ExportServiceOptions options = {});

  grpc::Status ExportAttendees(grpc::ServerContext* context, const v1::ExportAttendeesRequest* request,
                               grpc::ServerWriter<v1::ExportAttendeesResponse>* writer) override;
  grpc::Status ExportScanLog(grpc::ServerContext* context, const v1::ExportScanLogRequest* request,
                             grpc::ServerWriter<v1::ExportScanLogResponse>* writer) override;

  // Sends one chunk of the file to the client; false once the stream is broken. It may take the
  // chunk's contents, but gives them back.
  using ChunkSink = std::function<bool(v1::ExportChunk&)>;

 private:
  // Runs one authorised, validated export: `write` fills the table writer it is given.
  using WriteRows = std::function<absl::StatusOr<std::int64_t>(domain::TableWriter&, const domain::ExportCheckpoint&)>;
  struct Plan;
  absl::Status run(grpc::ServerContext& context, const ChunkSink& send, const Plan& plan, const WriteRows& write,
                   ExportReport& outcome);
  // Hands `outcome` to onFinished and returns its status for gRPC.
  grpc::Status conclude(const ExportReport& outcome) const;

  ServiceContext m_context;
  domain::ExportSource& m_source;
  ExportServiceOptions m_options;
  std::atomic<int> m_running{0};
};

}  // namespace lanyard::server::rpc
