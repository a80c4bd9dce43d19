#include "rpc/export_service.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <utility>
#include <vector>

#include "domain/event_time.h"
#include "domain/str_cat.h"
#include "domain/thread_name.h"
#include "rpc/auth.h"
#include "rpc/convert.h"

namespace lanyard::server::rpc {

namespace {

constexpr std::size_t kMaxCategoryBytes = 1000;
// Chunks an export may have ready ahead of the client: with 64 KiB chunks, 512 KiB per export.
constexpr std::size_t kChunksAhead = 8;
constexpr char kCsvContentType[] = "text/csv; charset=utf-8";
constexpr char kXlsxContentType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Writes each chunk as the `chunk` of a Response, swapped in and out rather than copied.
template <typename Response>
ExportServiceImpl::ChunkSink sinkFor(grpc::ServerWriter<Response>& writer) {
  return [&writer, response = Response()](v1::ExportChunk& chunk) mutable {
    response.mutable_chunk()->Swap(&chunk);
    const bool written = writer.Write(response);
    response.mutable_chunk()->Swap(&chunk);
    return written;
  };
}

// Sends a file's bytes as ExportChunk messages: the first carries the file's name and type.
class ChunkStream {
 public:
  ChunkStream(grpc::ServerContext& context, const ExportServiceImpl::ChunkSink& sink, const std::string& fileName,
              const std::string& contentType)
      : m_context(context), m_sink(sink) {
    m_chunk.set_file_name(fileName);
    m_chunk.set_content_type(contentType);
  }

  // CANCELLED once the client has cancelled or gone away; blocks while the client is slow to
  // read (gRPC flow control), which is what bounds the server's memory.
  absl::Status send(std::string_view bytes) {
    if (m_context.IsCancelled()) return cancelled();
    m_chunk.set_data(bytes.data(), bytes.size());  // Reuses the message's buffer.
    if (!write()) return cancelled();
    m_bytes += static_cast<std::int64_t>(bytes.size());
    return absl::OkStatus();
  }

  // The closing chunk: no data, the row count and `last`.
  absl::Status finish(std::int64_t rows) {
    if (m_context.IsCancelled()) return cancelled();
    m_chunk.clear_data();
    m_chunk.set_row_count(rows);
    m_chunk.set_last(true);
    if (!write()) return cancelled();
    return absl::OkStatus();
  }

  std::int64_t bytes() const { return m_bytes; }

 private:
  static absl::Status cancelled() { return absl::CancelledError("the client cancelled the export or went away"); }

  bool write() {
    const bool written = m_sink(m_chunk);
    m_chunk.clear_file_name();
    m_chunk.clear_content_type();
    return written;
  }

  grpc::ServerContext& m_context;
  const ExportServiceImpl::ChunkSink& m_sink;
  v1::ExportChunk m_chunk;
  std::int64_t m_bytes = 0;
};

// Hands file chunks from the thread that runs an export to the gRPC thread that sends them, at
// most `capacity` at a time. Reading the database and formatting go on while gRPC waits for the
// client's flow-control window, yet memory stays bounded. Chunk buffers go back and forth rather
// than being freed: freeing on one thread what another allocated makes glibc return memory to
// the kernel and fault it back in for every chunk. A side is woken only when it waits, as a
// wake-up costs a system call. One producer, one consumer.
class ChunkPipe {
 public:
  explicit ChunkPipe(std::size_t capacity) : m_capacity(capacity) {}

  // Producer: queues a copy of `bytes`, blocking while the pipe is full. CANCELLED once the
  // consumer has stopped.
  absl::Status push(std::string_view bytes) {
    std::unique_lock lock(m_mutex);
    if (m_chunks.size() >= m_capacity && !m_stopped) {
      m_producerWaits = true;
      m_notFull.wait(lock, [this] { return m_chunks.size() < m_capacity || m_stopped; });
      m_producerWaits = false;
    }
    if (m_stopped) return absl::CancelledError("the client cancelled the export or went away");
    std::string buffer;
    if (!m_spare.empty()) {
      buffer = std::move(m_spare.back());
      m_spare.pop_back();
    }
    buffer.assign(bytes);
    m_chunks.push_back(std::move(buffer));
    if (m_consumerWaits) m_notEmpty.notify_one();
    return absl::OkStatus();
  }

  // Producer: nothing more will come.
  void close() {
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_notEmpty.notify_one();
  }

  // Consumer: swaps the next chunk into `chunk` (whose old buffer is kept for reuse), blocking
  // until there is one; false once the producer has closed the pipe and every chunk was taken.
  bool pop(std::string& chunk) {
    std::unique_lock lock(m_mutex);
    if (m_chunks.empty() && !m_closed) {
      m_consumerWaits = true;
      m_notEmpty.wait(lock, [this] { return !m_chunks.empty() || m_closed; });
      m_consumerWaits = false;
    }
    if (m_chunks.empty()) return false;
    m_spare.push_back(std::move(chunk));
    chunk = std::move(m_chunks.front());
    m_chunks.pop_front();
    if (m_producerWaits) m_notFull.notify_one();
    return true;
  }

  // Consumer: takes no more chunks; the producer's next push fails.
  void stop() {
    std::lock_guard lock(m_mutex);
    m_stopped = true;
    m_chunks.clear();
    m_notFull.notify_one();
  }

  bool stopped() {
    std::lock_guard lock(m_mutex);
    return m_stopped;
  }

 private:
  const std::size_t m_capacity;
  std::mutex m_mutex;
  std::condition_variable m_notEmpty;
  std::condition_variable m_notFull;
  std::deque<std::string> m_chunks;  // Guarded by m_mutex, as is everything below.
  std::vector<std::string> m_spare;  // Emptied buffers, at most capacity + 1.
  bool m_producerWaits = false;
  bool m_consumerWaits = false;
  bool m_closed = false;
  bool m_stopped = false;
};

// Holds one of the service's export slots until destroyed.
class ExportSlot {
 public:
  explicit ExportSlot(std::atomic<int>& running) : m_running(running) {}
  ExportSlot(const ExportSlot&) = delete;
  ExportSlot& operator=(const ExportSlot&) = delete;
  ~ExportSlot() { m_running.fetch_sub(1); }

 private:
  std::atomic<int>& m_running;
};

absl::StatusOr<exports::CsvFormat> csvFormat(const v1::CsvOptions& options) {
  exports::CsvFormat format;
  if (options.delimiter() == ";") {
    format.delimiter = ';';
  } else if (!options.delimiter().empty() && options.delimiter() != ",") {
    return absl::InvalidArgumentError("csv.delimiter must be \",\" or \";\"");
  }
  format.byteOrderMark = options.byte_order_mark();
  return format;
}

absl::StatusOr<bool> isXlsx(v1::ExportFormat format) {
  switch (format) {
    case v1::EXPORT_FORMAT_UNSPECIFIED:
    case v1::EXPORT_FORMAT_CSV:
      return false;
    case v1::EXPORT_FORMAT_XLSX:
      return true;
    default:
      return absl::InvalidArgumentError("format must be EXPORT_FORMAT_CSV or EXPORT_FORMAT_XLSX");
  }
}

absl::StatusOr<domain::Attendance> attendance(v1::AttendanceFilter filter) {
  switch (filter) {
    case v1::ATTENDANCE_FILTER_UNSPECIFIED:
    case v1::ATTENDANCE_FILTER_ALL:
      return domain::Attendance::All;
    case v1::ATTENDANCE_FILTER_CHECKED_IN:
      return domain::Attendance::CheckedIn;
    case v1::ATTENDANCE_FILTER_ABSENT:
      return domain::Attendance::Absent;
    default:
      return absl::InvalidArgumentError(
          "attendance must be ATTENDANCE_FILTER_ALL, ATTENDANCE_FILTER_CHECKED_IN or ATTENDANCE_FILTER_ABSENT");
  }
}

// "attendees-session-4-speaker-checked-in"; the category only when it is plain enough for a
// file name.
std::string attendeesFileStem(const domain::AttendeeFilter& filter) {
  std::string stem = "attendees";
  if (filter.sessionId != 0) stem += strCat("-session-", filter.sessionId);
  const bool plainCategory =
      !filter.category.empty() && filter.category.size() <= 40 &&
      filter.category.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
          std::string::npos;
  if (plainCategory) stem += "-" + filter.category;
  if (filter.attendance == domain::Attendance::CheckedIn) stem += "-checked-in";
  if (filter.attendance == domain::Attendance::Absent) stem += "-absent";
  return stem;
}

}  // namespace

// One export, decided from the request before anything is written.
struct ExportServiceImpl::Plan {
  bool xlsx = false;
  exports::CsvFormat csv;
  std::span<const domain::ExportColumn> columns;
  std::string fileStem;
  std::string sheetName;
};

ExportServiceImpl::ExportServiceImpl(ServiceContext context, domain::ExportSource& source, ExportServiceOptions options)
    : m_context(context), m_source(source), m_options(std::move(options)) {}

grpc::Status ExportServiceImpl::ExportAttendees(grpc::ServerContext* context, const v1::ExportAttendeesRequest* request,
                                                grpc::ServerWriter<v1::ExportAttendeesResponse>* writer) {
  ExportReport outcome;
  outcome.method = "ExportAttendees";
  absl::StatusOr<domain::Device> caller = m_context.authorizer.authorize(*context, kReadRoles);
  if (!caller.ok()) {
    outcome.status = caller.status();
    return conclude(outcome);
  }
  outcome.deviceName = caller->name;

  Plan plan;
  domain::AttendeeFilter filter;
  absl::Status valid = [&]() -> absl::Status {
    absl::StatusOr<bool> xlsx = isXlsx(request->format());
    if (!xlsx.ok()) return xlsx.status();
    plan.xlsx = *xlsx;
    absl::StatusOr<exports::CsvFormat> csv = csvFormat(request->csv());
    if (!csv.ok()) return csv.status();
    plan.csv = *csv;
    absl::StatusOr<domain::Attendance> which = attendance(request->attendance());
    if (!which.ok()) return which.status();
    filter.attendance = *which;
    if (request->session_id() < 0) return absl::InvalidArgumentError("session_id must not be negative");
    filter.sessionId = request->session_id();
    if (request->category().size() > kMaxCategoryBytes) {
      return absl::InvalidArgumentError(strCat("category is longer than ", kMaxCategoryBytes, " bytes"));
    }
    filter.category = request->category();
    // Like an unknown session, an unknown category is a mistake, not an empty list.
    const std::vector<domain::Category>& categories = m_context.store.event().categories;
    if (!filter.category.empty() && std::none_of(categories.begin(), categories.end(), [&](const domain::Category& c) {
          return c.name == filter.category;
        })) {
      std::string known;
      for (const domain::Category& c : categories) known += (known.empty() ? "" : ", ") + c.name;
      return absl::NotFoundError(strCat("no category \"", filter.category, "\"; the event has ", known));
    }
    return absl::OkStatus();
  }();
  if (!valid.ok()) {
    outcome.status = valid;
    return conclude(outcome);
  }
  plan.columns = domain::attendeeColumns(filter.sessionId != 0);
  plan.fileStem = attendeesFileStem(filter);
  plan.sheetName = "Attendees";
  outcome.status = run(
      *context, sinkFor(*writer), plan,
      [&](domain::TableWriter& table, const domain::ExportCheckpoint& checkpoint) {
        return domain::writeAttendees(m_source, filter, table, checkpoint);
      },
      outcome);
  return conclude(outcome);
}

grpc::Status ExportServiceImpl::ExportScanLog(grpc::ServerContext* context, const v1::ExportScanLogRequest* request,
                                              grpc::ServerWriter<v1::ExportScanLogResponse>* writer) {
  ExportReport outcome;
  outcome.method = "ExportScanLog";
  absl::StatusOr<domain::Device> caller = m_context.authorizer.authorize(*context, kReadRoles);
  if (!caller.ok()) {
    outcome.status = caller.status();
    return conclude(outcome);
  }
  outcome.deviceName = caller->name;

  Plan plan;
  absl::StatusOr<bool> xlsx = isXlsx(request->format());
  absl::StatusOr<exports::CsvFormat> csv = csvFormat(request->csv());
  if (!xlsx.ok() || !csv.ok()) {
    outcome.status = !xlsx.ok() ? xlsx.status() : csv.status();
    return conclude(outcome);
  }
  plan.xlsx = *xlsx;
  plan.csv = *csv;
  plan.columns = domain::scanLogColumns();
  plan.fileStem = "scan-log";
  plan.sheetName = "Scan log";
  outcome.status = run(
      *context, sinkFor(*writer), plan,
      [&](domain::TableWriter& table, const domain::ExportCheckpoint& checkpoint) {
        return domain::writeScanLog(m_source, table, checkpoint);
      },
      outcome);
  return conclude(outcome);
}

absl::Status ExportServiceImpl::run(grpc::ServerContext& context, const ChunkSink& send, const Plan& plan,
                                    const WriteRows& write, ExportReport& outcome) {
  if (m_running.fetch_add(1) >= m_options.maxConcurrentExports) {
    m_running.fetch_sub(1);
    return absl::ResourceExhaustedError(
        strCat("already running ", m_options.maxConcurrentExports, " exports; try again when one has finished"));
  }
  const ExportSlot slot(m_running);

  absl::StatusOr<domain::EventTimeZone> zone = domain::EventTimeZone::create(m_context.store.event().timeZone);
  if (!zone.ok()) {
    return absl::FailedPreconditionError(strCat("the event's time zone is not usable: ", zone.status().message()));
  }
  ChunkStream stream(context, send, plan.fileStem + (plan.xlsx ? ".xlsx" : ".csv"),
                     plan.xlsx ? kXlsxContentType : kCsvContentType);
  ChunkPipe pipe(kChunksAhead);
  exports::ByteSink sink = [&pipe](std::string_view bytes) { return pipe.push(bytes); };
  std::unique_ptr<domain::TableWriter> table;
  if (plan.xlsx) {
    exports::XlsxOptions options;
    options.sheetName = plan.sheetName;
    options.tempDir = m_options.tempDir;
    options.chunkBytes = m_options.chunkBytes;
    absl::StatusOr<std::unique_ptr<exports::XlsxWriter>> xlsx =
        exports::XlsxWriter::create(plan.columns, options, *zone, std::move(sink));
    if (!xlsx.ok()) return xlsx.status();
    table = std::move(*xlsx);
  } else {
    table = std::make_unique<exports::CsvWriter>(plan.columns, plan.csv, *zone, std::move(sink), m_options.chunkBytes);
  }
  const domain::ExportCheckpoint checkpoint = [&context, &pipe]() {
    return pipe.stopped() || context.IsCancelled() ? absl::CancelledError("the client cancelled the export")
                                                   : absl::OkStatus();
  };

  // The export runs on a thread of its own and this gRPC thread sends what it produces.
  absl::StatusOr<std::int64_t> rows = absl::InternalError("the export did not run");
  std::thread producer([&] {
    domain::nameThisThread("lanyard-export");
    rows = write(*table, checkpoint);
    pipe.close();
  });
  absl::Status sent;
  std::string chunk;
  while (pipe.pop(chunk)) {
    sent = stream.send(chunk);
    if (!sent.ok()) {
      pipe.stop();
      break;
    }
  }
  producer.join();
  outcome.rows = table->rows();
  outcome.bytes = stream.bytes();
  if (!sent.ok()) return sent;
  if (!rows.ok()) return rows.status();
  return stream.finish(*rows);
}

grpc::Status ExportServiceImpl::conclude(const ExportReport& outcome) const {
  if (m_options.onFinished) m_options.onFinished(outcome);
  return toGrpc(outcome.status);
}

}  // namespace lanyard::server::rpc
