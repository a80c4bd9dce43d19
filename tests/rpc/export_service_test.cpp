#include "rpc/export_service.h"

#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>
#include <stdio.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>

#include "cli/export_command.h"
#include "domain/badge_code.h"
#include "domain/csv_reader.h"
#include "storage/sqlite_event_store.h"
#include "storage/sqlite_export.h"
#include "support/temp_dir.h"

namespace lanyard::server::rpc {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// 2026-05-12 09:00 in Prague (07:00 UTC).
constexpr domain::TimeUs kConferenceMorning = 1'778'569'200LL * 1'000'000;

constexpr char kDelegatesCsv[] =
    "external_ref,given_name,family_name,latin_name,organisation,city,country,category,email,language\n"
    "D1,Antonín,Dvořák,,Magistrát hlavního města Prahy,Prague,CZ,delegate,antonin@praha.example,cs\n"
    "D2,Simona,Bieliūnė,,City of Vilnius,Vilnius,LT,speaker,simona.bieliune@vilnius.example,lt\n"
    "D3,Тарас,Шевченко,Taras Shevchenko,Kyiv City Council,Kyiv,UA,city_official,taras@kyiv.example,uk\n"
    "D4,\"=HYPERLINK(\"\"http://evil.example\"\")\",\"O'Brien, \"\"Jack\"\"\",,\"Semi; Colon Ltd\",Dublin,IE,press,"
    "jack@dublin.example,en\n";

// Rows for ever, until the callback says stop: an export only a cancellation can end.
class EndlessSource final : public domain::ExportSource {
 public:
  absl::Status forEachAttendee(const domain::AttendeeFilter&,
                               const std::function<absl::Status(const domain::AttendeeRow&)>& row) override {
    domain::AttendeeRow attendee;
    attendee.givenName = "Simona";
    attendee.familyName = "Bieliūnė";
    for (std::int64_t id = 1;; ++id) {
      attendee.delegateId = id;
      if (absl::Status status = row(attendee); !status.ok()) return status;
    }
  }
  absl::Status forEachScan(const std::function<absl::Status(const domain::ScanLogRow&)>& row) override {
    domain::ScanLogRow scan;
    for (std::int64_t id = 1;; ++id) {
      scan.id = id;
      if (absl::Status status = row(scan); !status.ok()) return status;
    }
  }
};

// Fails every export with one status, as a busy or full database would.
class FailingSource final : public domain::ExportSource {
 public:
  explicit FailingSource(absl::Status status) : m_status(std::move(status)) {}
  absl::Status forEachAttendee(const domain::AttendeeFilter&,
                               const std::function<absl::Status(const domain::AttendeeRow&)>&) override {
    return m_status;
  }
  absl::Status forEachScan(const std::function<absl::Status(const domain::ScanLogRow&)>&) override { return m_status; }

 private:
  absl::Status m_status;
};

// The export service alone on 127.0.0.1:0, over a real store.
class ExportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = m_dir.file("event.db");
    domain::Event event;
    event.name = "Integrating Cities";
    event.timeZone = "Europe/Prague";
    event.startDate = "2026-05-12";
    event.endDate = "2026-05-13";
    event.categories = domain::defaultCategories();
    absl::StatusOr<domain::KeyPair> keys = domain::BadgeSigner::generateKeyPair();
    ASSERT_TRUE(keys.ok());
    event.signingSeed.assign(keys->privateSeed.begin(), keys->privateSeed.end());
    event.publicKey.assign(keys->publicKey.begin(), keys->publicKey.end());
    const domain::Clock clock = [] { return kConferenceMorning; };
    absl::StatusOr<std::string> admin = storage::SqliteEventStore::initialise(path, event, clock);
    ASSERT_TRUE(admin.ok()) << admin.status();
    m_adminToken = *admin;
    absl::StatusOr<std::unique_ptr<storage::SqliteEventStore>> store = storage::SqliteEventStore::open(path, clock);
    ASSERT_TRUE(store.ok()) << store.status();
    m_store = std::move(*store);
    absl::StatusOr<domain::CreatedDevice> kiosk = m_store->createDevice("kiosk-1", domain::Role::Kiosk);
    ASSERT_TRUE(kiosk.ok());
    m_kioskToken = kiosk->token;
    m_kioskId = kiosk->device.id;
    m_organiserToken = m_store->createDevice("organiser-laptop", domain::Role::Organiser)->token;

    domain::DelegateImportOptions importOptions;
    for (const domain::Category& category : event.categories) importOptions.categories.push_back(category.name);
    absl::StatusOr<domain::DelegateImport> delegates = domain::parseDelegatesCsv(kDelegatesCsv, importOptions);
    ASSERT_TRUE(delegates.ok()) << delegates.status();
    ASSERT_TRUE(m_store->importDelegates(*delegates).ok());
    admit("D1", "a");
    admit("D3", "b");
    domain::CheckInCommand forged = command("D1", "c");
    forged.subject = domain::subject::Forged{"=FORGED"};
    ASSERT_TRUE(m_store->checkIn(forged).ok());

    absl::StatusOr<domain::BadgeSigner> signer = domain::signerForEvent(m_store->event());
    ASSERT_TRUE(signer.ok());
    m_signer.emplace(std::move(*signer));
    m_authorizer.emplace(*m_store);
    absl::StatusOr<std::unique_ptr<storage::SqliteExportSource>> source = storage::SqliteExportSource::open(path);
    ASSERT_TRUE(source.ok()) << source.status();
    m_source = std::move(*source);
    start(*m_source, {});
  }

  void TearDown() override {
    stop();
    m_source.reset();
    m_store.reset();
  }

  void start(domain::ExportSource& source, ExportServiceOptions options) {
    stop();
    options.tempDir = m_dir.path().string();
    options.onFinished = [this](const ExportReport& report) {
      std::lock_guard lock(m_mutex);
      m_reports.push_back(report);
      m_finished.notify_all();
    };
    m_service = std::make_unique<ExportServiceImpl>(ServiceContext{*m_store, *m_authorizer, *m_signer}, source,
                                                    std::move(options));
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(m_service.get());
    m_server = builder.BuildAndStart();
    ASSERT_NE(m_server, nullptr);
    m_port = port;
    m_stub = v1::ExportService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  }

  void stop() {
    if (m_server) {
      m_server->Shutdown(std::chrono::system_clock::now());
      m_server->Wait();
    }
    m_server.reset();
    m_service.reset();
  }

  domain::CheckInCommand command(const std::string& ref, const std::string& requestId) {
    domain::CheckInCommand c;
    c.deviceId = m_kioskId;
    c.requestId = requestId;
    c.scanTimeUs = kConferenceMorning;
    c.subject = domain::subject::Badge{m_store->delegateByExternalRef(ref)->id, 1};
    return c;
  }

  void admit(const std::string& ref, const std::string& requestId) {
    absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command(ref, requestId));
    ASSERT_TRUE(result.ok()) << result.status();
    ASSERT_EQ(result->decision.outcome, domain::CheckInOutcome::Admitted);
  }

  static std::unique_ptr<grpc::ClientContext> as(const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    return context;
  }

  // A whole export call: its chunks and its status.
  struct Download {
    grpc::Status status;
    std::vector<v1::ExportChunk> chunks;
    std::string bytes() const {
      std::string all;
      for (const v1::ExportChunk& chunk : chunks) all += chunk.data();
      return all;
    }
  };

  template <typename Request>
  Download download(const Request& request, const std::string& token) {
    Download out;
    auto context = as(token);
    const auto receive = [&]<typename Response>(grpc::ClientReader<Response>& reader) {
      Response response;
      while (reader.Read(&response)) out.chunks.push_back(response.chunk());
      return reader.Finish();
    };
    if constexpr (std::is_same_v<Request, v1::ExportAttendeesRequest>) {
      out.status = receive(*m_stub->ExportAttendees(context.get(), request));
    } else {
      out.status = receive(*m_stub->ExportScanLog(context.get(), request));
    }
    return out;
  }

  // The records of a CSV download, header first, through the project's own CSV reader.
  static std::vector<std::vector<std::string>> parse(const std::string& bytes) {
    absl::StatusOr<domain::CsvReader> reader = domain::CsvReader::open(bytes);
    EXPECT_TRUE(reader.ok()) << reader.status();
    if (!reader.ok()) return {};
    std::vector<std::vector<std::string>> records = {reader->header()};
    domain::CsvRecord record;
    while (true) {
      absl::StatusOr<bool> more = reader->next(record);
      EXPECT_TRUE(more.ok()) << more.status();
      if (!more.ok() || !*more) break;
      records.emplace_back(record.fields().begin(), record.fields().end());
    }
    return records;
  }

  // Waits, up to a deadline, until `count` export calls have finished.
  bool waitForReports(std::size_t count) {
    std::unique_lock lock(m_mutex);
    return m_finished.wait_for(lock, std::chrono::seconds(30), [&] { return m_reports.size() >= count; });
  }

  lanyard::testing::TempDir m_dir;  // Declared first: removed after the store closes.
  std::unique_ptr<storage::SqliteEventStore> m_store;
  std::optional<domain::BadgeSigner> m_signer;
  std::optional<Authorizer> m_authorizer;
  std::unique_ptr<storage::SqliteExportSource> m_source;
  std::unique_ptr<ExportServiceImpl> m_service;
  std::unique_ptr<grpc::Server> m_server;
  std::unique_ptr<v1::ExportService::Stub> m_stub;
  std::string m_adminToken;
  std::string m_kioskToken;
  std::string m_organiserToken;
  std::int64_t m_kioskId = 0;
  int m_port = 0;
  std::mutex m_mutex;
  std::condition_variable m_finished;
  std::vector<ExportReport> m_reports;
};

TEST_F(ExportServiceTest, KioskTokenIsPermissionDeniedAndNoTokenUnauthenticated) {
  EXPECT_EQ(download(v1::ExportAttendeesRequest(), m_kioskToken).status.error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(download(v1::ExportScanLogRequest(), m_kioskToken).status.error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  const Download refused = download(v1::ExportAttendeesRequest(), m_kioskToken);
  EXPECT_TRUE(refused.chunks.empty());
  EXPECT_EQ(download(v1::ExportAttendeesRequest(), "").status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(download(v1::ExportAttendeesRequest(), m_organiserToken).status.ok());
  EXPECT_TRUE(download(v1::ExportScanLogRequest(), m_adminToken).status.ok());
}

TEST_F(ExportServiceTest, CheckedInCsvReassemblesIntoAFileThatParses) {
  v1::ExportAttendeesRequest request;
  request.set_attendance(v1::ATTENDANCE_FILTER_CHECKED_IN);
  const Download got = download(request, m_organiserToken);
  ASSERT_TRUE(got.status.ok()) << got.status.error_message();
  ASSERT_GE(got.chunks.size(), 2u);
  EXPECT_EQ(got.chunks.front().file_name(), "attendees-checked-in.csv");
  EXPECT_EQ(got.chunks.front().content_type(), "text/csv; charset=utf-8");
  EXPECT_TRUE(got.chunks.back().last());
  EXPECT_EQ(got.chunks.back().row_count(), 2);
  EXPECT_TRUE(got.chunks.back().data().empty());

  const auto records = parse(got.bytes());
  ASSERT_EQ(records.size(), 3u);
  EXPECT_THAT(records[0], ElementsAre("delegate_id", "external_ref", "given_name", "family_name", "latin_name",
                                      "organisation", "city", "country", "category", "email", "language", "status",
                                      "first_check_in", "check_in_kiosk", "checked_in", "badge_printed"));
  EXPECT_THAT(records[1], ElementsAre("1", "D1", "Antonín", "Dvořák", "", "Magistrát hlavního města Prahy", "Prague",
                                      "CZ", "delegate", "antonin@praha.example", "cs", "active", "2026-05-12 09:00:00",
                                      "kiosk-1", "yes", "no"));
  EXPECT_EQ(records[2][3], "Шевченко");
  EXPECT_EQ(records[2][4], "Taras Shevchenko");
}

TEST_F(ExportServiceTest, AbsentCsvWithSemicolonsAndBomKeepsTrickyNamesIntact) {
  v1::ExportAttendeesRequest request;
  request.set_attendance(v1::ATTENDANCE_FILTER_ABSENT);
  request.mutable_csv()->set_delimiter(";");
  request.mutable_csv()->set_byte_order_mark(true);
  const Download got = download(request, m_organiserToken);
  ASSERT_TRUE(got.status.ok()) << got.status.error_message();
  const std::string bytes = got.bytes();
  EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
  const auto records = parse(bytes);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1][1], "D2");
  EXPECT_EQ(records[1][3], "Bieliūnė");
  EXPECT_EQ(records[1][12], "");
  EXPECT_EQ(records[1][14], "no");
  EXPECT_EQ(records[2][2], "'=HYPERLINK(\"http://evil.example\")");
  EXPECT_EQ(records[2][3], "O'Brien, \"Jack\"");
  EXPECT_EQ(records[2][5], "Semi; Colon Ltd");
}

TEST_F(ExportServiceTest, XlsxReassemblesIntoAWorkbook) {
  v1::ExportAttendeesRequest request;
  request.set_format(v1::EXPORT_FORMAT_XLSX);
  request.set_category("city_official");
  const Download got = download(request, m_adminToken);
  ASSERT_TRUE(got.status.ok()) << got.status.error_message();
  EXPECT_EQ(got.chunks.front().file_name(), "attendees-city_official.xlsx");
  EXPECT_EQ(got.chunks.back().row_count(), 1);
  const std::filesystem::path file = m_dir.path() / "download.xlsx";
  std::ofstream(file, std::ios::binary) << got.bytes();
  FILE* pipe = popen(("unzip -p '" + file.string() + "' xl/worksheets/sheet1.xml 2>/dev/null").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string sheet;
  char buffer[4096];
  while (const std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) sheet.append(buffer, n);
  pclose(pipe);
  ASSERT_FALSE(sheet.empty()) << "unzip could not read the download (is the unzip package installed?)";
  EXPECT_THAT(sheet, HasSubstr("<t>Шевченко</t>"));
  EXPECT_THAT(sheet, HasSubstr("<t>Taras Shevchenko</t>"));
  EXPECT_THAT(sheet, HasSubstr("<autoFilter ref=\"A1:P2\"/>"));
  EXPECT_THAT(sheet, HasSubstr("state=\"frozen\""));
  // 09:00 in Prague is 46154.375 in Excel's calendar.
  EXPECT_THAT(sheet, HasSubstr("<v>46154.375</v>"));
  ASSERT_TRUE(waitForReports(1));
  for (const auto& entry : std::filesystem::directory_iterator(m_dir.path())) {
    EXPECT_THAT(entry.path().filename().string(), ::testing::Not(::testing::StartsWith("lanyard-export-")))
        << "a temporary XLSX file was left behind";
  }
}

TEST_F(ExportServiceTest, ScanLogIncludesForgedScans) {
  const Download got = download(v1::ExportScanLogRequest(), m_organiserToken);
  ASSERT_TRUE(got.status.ok()) << got.status.error_message();
  EXPECT_EQ(got.chunks.front().file_name(), "scan-log.csv");
  const auto records = parse(got.bytes());
  ASSERT_EQ(records.size(), 4u);
  EXPECT_THAT(records[3], ElementsAre("3", "2026-05-12 09:00:00", "2026-05-12 09:00:00", "kiosk-1", "entrance", "",
                                      "in", "FORGED_CODE", "", "", "", "'=FORGED", "no", "", ""));
  EXPECT_EQ(records[1][7], "ADMITTED");
  EXPECT_EQ(records[1][8], "D1");
}

TEST_F(ExportServiceTest, MalformedRequestsAreInvalidArgumentAndUnknownSessionOrCategoryNotFound) {
  v1::ExportAttendeesRequest tab;
  tab.mutable_csv()->set_delimiter("\t");
  EXPECT_EQ(download(tab, m_organiserToken).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::ExportAttendeesRequest pdf;
  pdf.set_format(static_cast<v1::ExportFormat>(7));
  EXPECT_EQ(download(pdf, m_organiserToken).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::ExportAttendeesRequest negative;
  negative.set_session_id(-1);
  EXPECT_EQ(download(negative, m_organiserToken).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::ExportScanLogRequest scanLog;
  scanLog.mutable_csv()->set_delimiter("|");
  EXPECT_EQ(download(scanLog, m_organiserToken).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::ExportAttendeesRequest unknownSession;
  unknownSession.set_session_id(999);
  const Download notFound = download(unknownSession, m_organiserToken);
  EXPECT_EQ(notFound.status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(notFound.status.error_message(), HasSubstr("999"));
  v1::ExportAttendeesRequest unknownCategory;
  unknownCategory.set_category("speakers");  // The event's is "speaker".
  const Download noCategory = download(unknownCategory, m_organiserToken);
  EXPECT_EQ(noCategory.status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(noCategory.status.error_message(), HasSubstr("no category \"speakers\"; the event has "));
  EXPECT_TRUE(noCategory.chunks.empty());
}

TEST_F(ExportServiceTest, HugeExportStreamsInManyBoundedChunks) {
  constexpr int kDelegates = 6000;
  domain::DelegateImport many;
  for (int i = 0; i < kDelegates; ++i) {
    domain::Delegate d;
    d.externalRef = "M" + std::to_string(i);
    d.givenName = "Ignacy";
    d.familyName = "Łukasiewicz-" + std::to_string(i);
    d.organisation = "Urząd Miasta Krakowa, Wydział Spraw Społecznych";
    d.city = "Kraków";
    d.category = "delegate";
    d.email = "ignacy." + std::to_string(i) + "@krakow.example";
    many.delegates.push_back(d);
  }
  ASSERT_TRUE(m_store->importDelegates(many).ok());

  const Download got = download(v1::ExportAttendeesRequest(), m_organiserToken);
  ASSERT_TRUE(got.status.ok()) << got.status.error_message();
  EXPECT_GT(got.chunks.size(), 10u);
  for (const v1::ExportChunk& chunk : got.chunks) EXPECT_LE(chunk.data().size(), exports::kExportChunkBytes);
  EXPECT_EQ(got.chunks.back().row_count(), kDelegates + 4);
  const auto records = parse(got.bytes());
  ASSERT_EQ(records.size(), static_cast<std::size_t>(kDelegates + 5));
  EXPECT_EQ(records.back()[3], "Łukasiewicz-" + std::to_string(kDelegates - 1));
}

TEST_F(ExportServiceTest, ACancelledExportStopsOnTheServer) {
  EndlessSource endless;
  start(endless, {});
  auto context = as(m_organiserToken);
  std::unique_ptr<grpc::ClientReader<v1::ExportAttendeesResponse>> reader =
      m_stub->ExportAttendees(context.get(), v1::ExportAttendeesRequest());
  v1::ExportAttendeesResponse response;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(reader->Read(&response));
  context->TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);

  ASSERT_TRUE(waitForReports(1)) << "the server is still exporting after the client cancelled";
  std::lock_guard lock(m_mutex);
  EXPECT_EQ(m_reports[0].status.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(m_reports[0].deviceName, "organiser-laptop");
  EXPECT_GT(m_reports[0].rows, 0);
}

TEST_F(ExportServiceTest, TooManyExportsAtOnceIsResourceExhausted) {
  EndlessSource endless;
  ExportServiceOptions options;
  options.maxConcurrentExports = 1;
  start(endless, options);
  auto context = as(m_organiserToken);
  std::unique_ptr<grpc::ClientReader<v1::ExportScanLogResponse>> running =
      m_stub->ExportScanLog(context.get(), v1::ExportScanLogRequest());
  v1::ExportScanLogResponse response;
  ASSERT_TRUE(running->Read(&response));
  EXPECT_EQ(download(v1::ExportAttendeesRequest(), m_organiserToken).status.error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  context->TryCancel();
  EXPECT_EQ(running->Finish().error_code(), grpc::StatusCode::CANCELLED);
  ASSERT_TRUE(waitForReports(2));
}

TEST_F(ExportServiceTest, StorageErrorsKeepTheirCodes) {
  FailingSource busy(absl::UnavailableError("database is locked"));
  start(busy, {});
  const Download unavailable = download(v1::ExportAttendeesRequest(), m_organiserToken);
  EXPECT_EQ(unavailable.status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(unavailable.status.error_message(), HasSubstr("database is locked"));
  FailingSource full(absl::ResourceExhaustedError("database or disk is full"));
  start(full, {});
  v1::ExportScanLogRequest xlsx;
  xlsx.set_format(v1::EXPORT_FORMAT_XLSX);
  EXPECT_EQ(download(xlsx, m_organiserToken).status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

// --- The CLI's end: `lanyard export` ---------------------------------------------------------------

// What one `lanyard export` run printed and returned.
struct CliRun {
  int exitCode = -1;
  std::string out;
  std::string err;
};

// `lanyard export` (cli/export_command.cpp) against the fixture's server.
class ExportCommandTest : public ExportServiceTest {
 protected:
  CliRun runCli(const std::vector<std::string>& arguments, const std::string& token) {
    std::ostringstream out;
    std::ostringstream err;
    cli::Invocation invocation;
    invocation.channel = m_channel;
    invocation.token = token;
    invocation.out = &out;
    invocation.err = &err;
    // As cli/main.cpp splits them (with --bom and --scan-log among its switches): "--name value"
    // options, "--switch" flags, other words positional.
    for (std::size_t i = 0; i < arguments.size(); ++i) {
      const std::string& word = arguments[i];
      if (word.rfind("--", 0) == 0 && (word == "--bom" || word == "--scan-log")) {
        invocation.options[word.substr(2)] = "true";
      } else if (word.rfind("--", 0) == 0) {
        invocation.options[word.substr(2)] = arguments[++i];
      } else {
        invocation.positional.push_back(word);
      }
    }
    CliRun run;
    run.exitCode = cli::runExport(invocation);
    run.out = out.str();
    run.err = err.str();
    return run;
  }

  static std::string contents(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

  void SetUp() override {
    ExportServiceTest::SetUp();
    m_channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(m_port), grpc::InsecureChannelCredentials());
  }

  std::shared_ptr<grpc::Channel> m_channel;
};

TEST_F(ExportCommandTest, WritesTheWholeFileUnderItsNameAndNoPartFile) {
  const std::filesystem::path file = m_dir.path() / "checked-in.csv";
  const CliRun run =
      runCli({"--status", "checked-in", "--delimiter", ";", "--bom", "-o", file.string()}, m_organiserToken);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("wrote 2 rows to " + file.string()));
  EXPECT_FALSE(std::filesystem::exists(file.string() + ".part"));
  const std::string bytes = contents(file);
  EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
  const auto records = parse(bytes);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1][3], "Dvořák");
  EXPECT_EQ(records[2][3], "Шевченко");
}

TEST_F(ExportCommandTest, TheFileIsReadableByItsOwnerOnly) {
  using std::filesystem::perms;
  const std::filesystem::path fresh = m_dir.path() / "fresh.csv";
  // A target and a leftover .part readable by all do not lend the export their mode.
  const std::filesystem::path existing = m_dir.path() / "existing.csv";
  std::ofstream(existing) << "yesterday's list";
  std::ofstream(existing.string() + ".part") << "half of an old export";
  for (const auto& file : {existing, std::filesystem::path(existing.string() + ".part")}) {
    std::filesystem::permissions(file, perms::owner_read | perms::owner_write | perms::group_read | perms::others_read);
  }

  for (const auto& file : {fresh, existing}) {
    const CliRun run = runCli({"-o", file.string()}, m_organiserToken);
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(static_cast<int>(std::filesystem::status(file).permissions() & perms::all), 0600)
        << file << " has mode " << std::oct << static_cast<int>(std::filesystem::status(file).permissions());
    EXPECT_THAT(contents(file), HasSubstr("Dvořák"));
  }
}

TEST_F(ExportCommandTest, PicksXlsxFromTheFileNameAndExportsTheScanLog) {
  const std::filesystem::path xlsx = m_dir.path() / "absent.xlsx";
  const CliRun attendees = runCli({"--status", "absent", "-o", xlsx.string()}, m_organiserToken);
  ASSERT_EQ(attendees.exitCode, 0) << attendees.err;
  EXPECT_EQ(contents(xlsx).substr(0, 2), "PK");
  const std::filesystem::path log = m_dir.path() / "scans.csv";
  const CliRun scans = runCli({"--scan-log", "-o", log.string()}, m_adminToken);
  ASSERT_EQ(scans.exitCode, 0) << scans.err;
  EXPECT_THAT(contents(log), HasSubstr("FORGED_CODE"));
}

TEST_F(ExportCommandTest, AFailedExportLeavesNeitherAPartFileNorAChangedFile) {
  const std::filesystem::path file = m_dir.path() / "list.csv";
  std::ofstream(file) << "yesterday's list";
  const CliRun kiosk = runCli({"-o", file.string()}, m_kioskToken);
  EXPECT_EQ(kiosk.exitCode, 1);
  EXPECT_THAT(kiosk.err, HasSubstr("PERMISSION_DENIED"));
  const CliRun unknownSession = runCli({"--session", "999", "-o", file.string()}, m_organiserToken);
  EXPECT_EQ(unknownSession.exitCode, 1);
  EXPECT_THAT(unknownSession.err, HasSubstr("NOT_FOUND: no session with id 999"));
  EXPECT_EQ(contents(file), "yesterday's list");
  EXPECT_FALSE(std::filesystem::exists(file.string() + ".part"));
  const CliRun unwritable = runCli({"-o", (m_dir.path() / "no-such-dir" / "list.csv").string()}, m_organiserToken);
  EXPECT_EQ(unwritable.exitCode, 1);
  EXPECT_THAT(unwritable.err, HasSubstr("cannot write"));
}

TEST_F(ExportCommandTest, UsageErrorsExitWithTwoBeforeCallingTheServer) {
  const std::string file = (m_dir.path() / "x.csv").string();
  EXPECT_EQ(runCli({"--status", "present", "-o", file}, m_organiserToken).exitCode, 2);
  EXPECT_EQ(runCli({"--format", "pdf", "-o", file}, m_organiserToken).exitCode, 2);
  EXPECT_EQ(runCli({"--delimiter", "|", "-o", file}, m_organiserToken).exitCode, 2);
  EXPECT_EQ(runCli({"--session", "abc", "-o", file}, m_organiserToken).exitCode, 2);
  EXPECT_EQ(runCli({"--scan-log", "--category", "press", "-o", file}, m_organiserToken).exitCode, 2);
  const CliRun xlsxNamedCsv = runCli({"--format", "csv", "-o", (m_dir.path() / "x.xlsx").string()}, m_organiserToken);
  EXPECT_EQ(xlsxNamedCsv.exitCode, 2);
  EXPECT_THAT(xlsxNamedCsv.err, HasSubstr("x.xlsx ends in .xlsx, but --format is csv"));
  EXPECT_EQ(runCli({"--format", "xlsx", "-o", file}, m_organiserToken).exitCode, 2);
  const CliRun xlsxWithBom = runCli({"--bom", "-o", (m_dir.path() / "x.xlsx").string()}, m_organiserToken);
  EXPECT_EQ(xlsxWithBom.exitCode, 2);
  EXPECT_THAT(xlsxWithBom.err, HasSubstr("--bom applies to CSV, not to XLSX"));
  EXPECT_EQ(runCli({"--format", "xlsx", "--delimiter", ";", "-o", "x"}, m_organiserToken).exitCode, 2);
  const CliRun noFile = runCli({"--status", "absent"}, m_organiserToken);
  EXPECT_EQ(noFile.exitCode, 2);
  EXPECT_THAT(noFile.err, HasSubstr("-o FILE"));
  std::lock_guard lock(m_mutex);
  EXPECT_TRUE(m_reports.empty()) << "no call reached the server";
}

}  // namespace
}  // namespace lanyard::server::rpc
