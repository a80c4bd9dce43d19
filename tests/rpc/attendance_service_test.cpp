#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <future>
#include <numeric>

#include "domain/event_store.h"
#include "lanyard/v1/attendance_service.grpc.pb.h"
#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/device_service.grpc.pb.h"
#include "lanyard/v1/kiosk_status_service.grpc.pb.h"
#include "rpc/server.h"
#include "support/all_pages.h"
#include "support/import_upload.h"
#include "support/server_fixture.h"

namespace lanyard::server::rpc {
namespace {

constexpr char kDelegatesCsv[] =
    "external_ref,given_name,family_name,organisation,city,country,category,email,language\n"
    "D1,Antonín,Dvořák,Magistrát hlavního města Prahy,Prague,CZ,delegate,antonin@praha.example,cs\n"
    "D2,Simona,Bieliūnė,City of Vilnius,Vilnius,LT,speaker,simona.bieliune@vilnius.example,lt\n"
    "D3,Тарас,Шевченко,Kyiv City Council,Kyiv,UA,city_official,taras@kyiv.example,uk\n"
    "D4,Marie,Curie,Le Monde,Paris,FR,press,marie@lemonde.example,fr\n";
constexpr domain::TimeUs kMinute = 60LL * 1'000'000;

// Everything one stream delivered, in order.
struct Received {
  std::vector<v1::AttendanceSummary> snapshots;
  std::vector<v1::Activity> activities;
  std::vector<v1::Resync> resyncs;
  std::vector<char> order;  // 's', 'a' (per activity) or 'r'.

  std::vector<std::int64_t> sequences() const {
    std::vector<std::int64_t> numbers;
    for (const v1::Activity& a : activities) numbers.push_back(a.sequence());
    return numbers;
  }
};

std::vector<std::int64_t> range(std::int64_t first, std::int64_t last) {
  std::vector<std::int64_t> numbers;
  for (std::int64_t n = first; n <= last; ++n) numbers.push_back(n);
  return numbers;
}

// One WatchAttendance call, with a deadline so a test never hangs on it.
class Stream {
 public:
  Stream(v1::AttendanceService::Stub& stub, const std::string& token, std::optional<std::int64_t> after,
         int snapshotIntervalSeconds = 0) {
    m_context.AddMetadata("authorization", "Bearer " + token);
    m_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(90));
    v1::WatchAttendanceRequest request;
    if (after) request.set_after_sequence(*after);
    request.set_snapshot_interval_seconds(snapshotIntervalSeconds);
    m_reader = stub.WatchAttendance(&m_context, request);
  }
  ~Stream() {
    if (m_finished) return;
    m_context.TryCancel();
    (void)m_reader->Finish();
  }

  // Reads one message into `into`; false when the stream ended.
  bool readOne(Received& into) {
    v1::WatchAttendanceResponse event;
    if (!m_reader->Read(&event)) return false;
    switch (event.event_case()) {
      case v1::WatchAttendanceResponse::kSnapshot:
        into.snapshots.push_back(event.snapshot());
        into.order.push_back('s');
        break;
      case v1::WatchAttendanceResponse::kActivities:
        for (const v1::Activity& a : event.activities().activities()) {
          into.activities.push_back(a);
          into.order.push_back('a');
        }
        break;
      case v1::WatchAttendanceResponse::kResync:
        into.resyncs.push_back(event.resync());
        into.order.push_back('r');
        break;
      case v1::WatchAttendanceResponse::EVENT_NOT_SET:
        break;
    }
    return true;
  }

  // Reads until an activity numbered `sequence` (or later) arrived; false if the stream ended.
  bool readThrough(std::int64_t sequence, Received& into) {
    while (into.activities.empty() || into.activities.back().sequence() < sequence) {
      if (!readOne(into)) return false;
    }
    return true;
  }

  // Call once, after a read returned false.
  grpc::Status finish() {
    m_finished = true;
    return m_reader->Finish();
  }
  grpc::ClientContext& context() { return m_context; }

 private:
  grpc::ClientContext m_context;
  std::unique_ptr<grpc::ClientReader<v1::WatchAttendanceResponse>> m_reader;
  bool m_finished = false;
};

class AttendanceServiceTest : public lanyard::testing::ServerFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ServerFixture::SetUp());
    m_organiserToken = tokenFor("organiser", domain::Role::Organiser);
    makeStubs();
    v1::ImportDelegatesResponse response;
    ASSERT_TRUE(lanyard::testing::importDelegates(*m_delegates, *as(m_adminToken), kDelegatesCsv, "", &response).ok());
  }

  void makeStubs() {
    m_attendance = v1::AttendanceService::NewStub(m_channel);
    m_checkIn = v1::CheckInService::NewStub(m_channel);
    m_delegates = v1::DelegateService::NewStub(m_channel);
    m_kiosks = v1::KioskStatusService::NewStub(m_channel);
  }

  // The server and the store closed and opened again on the same file, served with `options`.
  void restart(const ServerOptions& options = loopback()) {
    ServerFixture::restart(options);
    makeStubs();
  }

  std::string codeOf(const std::string& ref) {
    if (m_codes.empty()) {
      v1::ListBadgeCodesResponse codes;
      EXPECT_TRUE(lanyard::testing::allPages(v1::ListBadgeCodesRequest(), &codes, [&](const auto& request, auto* page) {
                    return m_delegates->ListBadgeCodes(as(m_adminToken).get(), request, page);
                  }).ok());
      for (const auto& entry : codes.entries()) m_codes[entry.external_ref()] = entry.badge_code();
    }
    return m_codes[ref];
  }

  std::int64_t idOf(const std::string& ref) { return m_store->delegateByExternalRef(ref)->id; }

  v1::CheckInResponse checkIn(const std::string& ref, std::int64_t sessionId = 0,
                              v1::Direction direction = v1::DIRECTION_IN) {
    v1::CheckInRequest request;
    request.set_request_id("r" + std::to_string(++m_requests));
    request.set_scan_time_us(domain::systemClock()());
    request.set_direction(direction);
    request.set_session_id(sessionId);
    request.set_code(ref.rfind("raw:", 0) == 0 ? ref.substr(4) : codeOf(ref));
    v1::CheckInResponse response;
    const grpc::Status status = m_checkIn->CheckIn(as(m_kioskToken).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  v1::AttendanceSummary summary(const std::string& token) {
    v1::GetAttendanceSummaryResponse response;
    const grpc::Status status = m_attendance->GetAttendanceSummary(as(token).get(), {}, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.summary();
  }

  std::int64_t newest() { return m_server->attendanceHub().sequence(); }

  std::int64_t addSession(const std::string& ref, std::int32_t capacity) {
    const domain::TimeUs now = domain::systemClock()();
    domain::Session s;
    s.externalRef = ref;
    s.title = "Session " + ref;
    s.room = "Room " + ref;
    s.startUs = now - 30 * kMinute;
    s.endUs = now + 60 * kMinute;
    s.capacity = capacity;
    EXPECT_TRUE(m_store->importSessions({s}).ok());
    const absl::StatusOr<std::vector<domain::SessionOccupancy>> sessions = m_store->listSessions();
    EXPECT_TRUE(sessions.ok()) << sessions.status();
    if (!sessions.ok()) return 0;
    for (const auto& occupancy : *sessions) {
      if (occupancy.session.externalRef == ref) return occupancy.session.id;
    }
    return 0;
  }

  std::unique_ptr<v1::AttendanceService::Stub> m_attendance;
  std::unique_ptr<v1::CheckInService::Stub> m_checkIn;
  std::unique_ptr<v1::DelegateService::Stub> m_delegates;
  std::unique_ptr<v1::KioskStatusService::Stub> m_kiosks;
  std::string m_organiserToken;
  std::map<std::string, std::string> m_codes;
  int m_requests = 0;
};

TEST_F(AttendanceServiceTest, OnlyOrganisersAndAdminsMayWatch) {
  v1::GetAttendanceSummaryResponse s;
  EXPECT_EQ(m_attendance->GetAttendanceSummary(as(m_kioskToken).get(), {}, &s).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(m_attendance->GetAttendanceSummary(as("").get(), {}, &s).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(m_attendance->GetAttendanceSummary(as(m_organiserToken).get(), {}, &s).ok());
  EXPECT_TRUE(m_attendance->GetAttendanceSummary(as(m_adminToken).get(), {}, &s).ok());

  Stream kiosk(*m_attendance, m_kioskToken, std::nullopt);
  Received nothing;
  EXPECT_FALSE(kiosk.readOne(nothing));
  EXPECT_EQ(kiosk.finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);

  Stream organiser(*m_attendance, m_organiserToken, std::nullopt);
  Received first;
  ASSERT_TRUE(organiser.readOne(first));
  EXPECT_EQ(first.snapshots.size(), 1u);
}

TEST_F(AttendanceServiceTest, OneDeviceMayHoldOnlySoManyStreams) {
  std::vector<std::unique_ptr<Stream>> streams;
  for (int i = 0; i < AttendanceServiceImpl::kMaxStreamsPerDevice; ++i) {
    streams.push_back(std::make_unique<Stream>(*m_attendance, m_organiserToken, std::nullopt));
    Received snapshot;
    ASSERT_TRUE(streams.back()->readOne(snapshot)) << "stream " << i;
  }

  Stream oneTooMany(*m_attendance, m_organiserToken, std::nullopt);
  Received nothing;
  const bool served = oneTooMany.readOne(nothing);
  EXPECT_FALSE(served);
  if (served) oneTooMany.context().TryCancel();
  const grpc::Status refused = oneTooMany.finish();
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << refused.error_message();
  EXPECT_EQ(refused.error_message(),
            "device \"organiser\" already has 20 attendance streams open, the most one device may have; close one "
            "first");

  // Another device is not held back, and a closed stream frees its device's slot.
  Stream admin(*m_attendance, m_adminToken, std::nullopt);
  Received adminSnapshot;
  EXPECT_TRUE(admin.readOne(adminSnapshot));
  streams.pop_back();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  bool reopened = false;
  while (!reopened && std::chrono::steady_clock::now() < deadline) {
    Stream again(*m_attendance, m_organiserToken, std::nullopt);
    Received snapshot;
    reopened = again.readOne(snapshot);  // The server frees the slot once it has seen the cancel.
  }
  EXPECT_TRUE(reopened);
}

TEST_F(AttendanceServiceTest, AReinstatedDelegateCountsAsRegisteredAgain) {
  const int registered = summary(m_organiserToken).registered();
  v1::CancelDelegateRequest cancel;
  cancel.set_id(idOf("D4"));
  v1::CancelDelegateResponse cancelled;
  ASSERT_TRUE(m_delegates->CancelDelegate(as(m_adminToken).get(), cancel, &cancelled).ok());
  EXPECT_EQ(summary(m_organiserToken).registered(), registered - 1);

  v1::ReinstateDelegateRequest reinstate;
  reinstate.set_id(idOf("D4"));
  v1::ReinstateDelegateResponse reinstated;
  EXPECT_EQ(m_delegates->ReinstateDelegate(as(m_kioskToken).get(), reinstate, &reinstated).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(m_delegates->ReinstateDelegate(as(m_adminToken).get(), reinstate, &reinstated).ok());
  EXPECT_EQ(reinstated.delegate().status(), v1::REGISTRATION_STATUS_ACTIVE);
  const v1::AttendanceSummary after = summary(m_organiserToken);
  EXPECT_EQ(after.registered(), registered);
  EXPECT_EQ(after.cancelled(), 0);
}

// Organisers see which devices are kiosks (with heartbeats and printers) and which are the help
// desk's, and which tokens were revoked, now and after a restart.
TEST_F(AttendanceServiceTest, TheSummaryTellsKiosksFromTheHelpDeskAndMarksRevokedTokens) {
  const std::string desk = m_store->createDevice("help-desk-1", domain::Role::Desk)->token;
  auto devices = v1::DeviceService::NewStub(m_channel);
  v1::CreateTokenRequest create;
  create.set_name("kiosk-2");
  create.set_role(v1::ROLE_KIOSK);
  v1::CreateTokenResponse created;
  ASSERT_TRUE(devices->CreateToken(as(m_adminToken).get(), create, &created).ok());
  v1::CheckInRequest request;
  request.set_request_id("desk-1");
  request.set_scan_time_us(domain::systemClock()());
  request.set_direction(v1::DIRECTION_IN);
  request.set_code(codeOf("D1"));
  v1::CheckInResponse response;
  ASSERT_TRUE(m_checkIn->CheckIn(as(desk).get(), request, &response).ok());
  ASSERT_EQ(response.outcome(), v1::CHECK_IN_OUTCOME_ADMITTED) << response.reason();
  v1::RevokeTokenRequest revoke;
  revoke.set_name("kiosk-1");
  v1::RevokeTokenResponse revoked;
  ASSERT_TRUE(devices->RevokeToken(as(m_adminToken).get(), revoke, &revoked).ok());

  const auto describe = [](const v1::AttendanceSummary& s) {
    std::string lines;
    for (const v1::KioskAttendance& k : s.kiosks()) {
      lines += k.device_name() + " " + v1::Role_Name(k.device_role()) + (k.revoked() ? " revoked" : "") + " " +
               std::to_string(k.admitted()) + "; ";
    }
    return lines;
  };
  // By device id. kiosk-1 is listed from the hub's start; kiosk-2, made since, from its creation,
  // before it has called; the help desk's device once it acts.
  EXPECT_EQ(describe(summary(m_organiserToken)),
            "kiosk-1 ROLE_KIOSK revoked 0; help-desk-1 ROLE_DESK 1; kiosk-2 ROLE_KIOSK 0; ");
  restart();
  EXPECT_EQ(describe(summary(m_organiserToken)), "help-desk-1 ROLE_DESK 1; kiosk-2 ROLE_KIOSK 0; ")
      << "a revoked kiosk that did nothing is not listed";
}

TEST_F(AttendanceServiceTest, AWatchRequestThatDoesNotParseIsInvalidArgument) {
  // The method is registered raw and parses its request itself; a client sends these bytes only
  // by going around the generated stub.
  grpc::GenericStub stub(m_channel);
  grpc::CompletionQueue queue;
  std::unique_ptr<grpc::ClientContext> context = as(m_organiserToken);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(context.get(), "/lanyard.v1.AttendanceService/WatchAttendance", &queue);
  const auto await = [&queue] {
    void* tag = nullptr;
    bool ok = false;
    EXPECT_TRUE(queue.Next(&tag, &ok));
  };
  call->StartCall(nullptr);
  await();
  const char truncated[] = {0x0A, 0x05, 'x'};  // Field 1, five bytes long, of which one is there.
  grpc::Slice slice(truncated, sizeof truncated);
  call->WriteLast(grpc::ByteBuffer(&slice, 1), grpc::WriteOptions(), nullptr);
  await();
  grpc::Status status;
  call->Finish(&status, nullptr);
  await();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  queue.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (queue.Next(&tag, &ok)) {
  }
}

TEST_F(AttendanceServiceTest, RevokingTheTokenEndsItsStream) {
  Stream stream(*m_attendance, m_organiserToken, std::nullopt);
  Received got;
  ASSERT_TRUE(stream.readOne(got));
  ASSERT_TRUE(m_store->revokeDevice(std::nullopt, "organiser").ok());
  while (stream.readOne(got)) {
  }
  EXPECT_EQ(stream.finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AttendanceServiceTest, WatchSendsASnapshotThenEachActivityAsItHappens) {
  Stream stream(*m_attendance, m_organiserToken, std::nullopt);
  Received got;
  ASSERT_TRUE(stream.readOne(got));
  ASSERT_EQ(got.order, std::vector<char>{'s'});
  const v1::AttendanceSummary& snapshot = got.snapshots[0];
  EXPECT_EQ(snapshot.registered(), 4);
  EXPECT_EQ(snapshot.time_zone(), "Europe/Prague");
  const std::int64_t start = snapshot.sequence();
  EXPECT_EQ(start, newest());

  checkIn("D1");
  checkIn("D1");
  checkIn("raw:definitely not a badge");
  ASSERT_TRUE(stream.readThrough(start + 3, got));
  EXPECT_EQ(got.sequences(), range(start + 1, start + 3));
  const v1::Activity& admitted = got.activities[0];
  EXPECT_EQ(admitted.kind(), v1::ACTIVITY_KIND_CHECK_IN);
  EXPECT_EQ(admitted.device_name(), "kiosk-1");
  EXPECT_EQ(admitted.delegate().family_name(), "Dvořák");
  EXPECT_EQ(admitted.check_in().outcome(), v1::CHECK_IN_OUTCOME_ADMITTED);
  EXPECT_EQ(got.activities[1].check_in().outcome(), v1::CHECK_IN_OUTCOME_ALREADY_CHECKED_IN);
  EXPECT_EQ(got.activities[2].check_in().outcome(), v1::CHECK_IN_OUTCOME_UNKNOWN_CODE);
  EXPECT_FALSE(got.activities[2].has_delegate());
}

TEST_F(AttendanceServiceTest, ResumingAfterAServerRestartGetsExactlyWhatWasMissed) {
  std::int64_t last = 0;
  {
    Stream stream(*m_attendance, m_organiserToken, std::nullopt);
    Received got;
    ASSERT_TRUE(stream.readOne(got));
    checkIn("D1");
    checkIn("D2");
    ASSERT_TRUE(stream.readThrough(got.snapshots[0].sequence() + 2, got));
    last = got.activities.back().sequence();
  }
  checkIn("D3");  // Missed: no watcher.
  restart();
  checkIn("D4");  // Missed: before the watcher came back.
  const std::int64_t missedUpTo = newest();
  ASSERT_EQ(missedUpTo, last + 2);

  Stream resumed(*m_attendance, m_organiserToken, last);
  Received got;
  ASSERT_TRUE(resumed.readOne(got));
  ASSERT_EQ(got.snapshots.size(), 1u);
  EXPECT_EQ(got.snapshots[0].sequence(), missedUpTo) << "the snapshot is of now and counts what was missed";
  EXPECT_EQ(got.snapshots[0].checked_in(), 4);
  checkIn("D1", 0, v1::DIRECTION_OUT);  // Live, after the resume.
  ASSERT_TRUE(resumed.readThrough(missedUpTo + 1, got));
  EXPECT_EQ(got.sequences(), range(last + 1, missedUpTo + 1)) << "no gap, no duplicate";
  EXPECT_EQ(got.activities[0].delegate().family_name(), "Шевченко");
  EXPECT_EQ(got.activities[2].check_in().outcome(), v1::CHECK_IN_OUTCOME_CHECKED_OUT);
}

TEST_F(AttendanceServiceTest, ResumingFromZeroReplaysTheWholeLog) {
  checkIn("D1");
  Stream stream(*m_attendance, m_adminToken, 0);
  Received got;
  ASSERT_TRUE(stream.readThrough(newest(), got));
  EXPECT_EQ(got.sequences(), range(1, newest()));
  EXPECT_EQ(got.activities[0].kind(), v1::ACTIVITY_KIND_DELEGATES_IMPORTED);
  EXPECT_EQ(got.activities[0].import_run().created(), 4);
}

TEST_F(AttendanceServiceTest, AfterSequenceBeyondTheLogIsOutOfRange) {
  Stream stream(*m_attendance, m_organiserToken, newest() + 100);
  Received got;
  EXPECT_FALSE(stream.readOne(got));
  EXPECT_EQ(stream.finish().error_code(), grpc::StatusCode::OUT_OF_RANGE);
}

TEST_F(AttendanceServiceTest, SlowWatcherDoesNotDelayCheckInsAndIsResyncedWithoutLosingAnything) {
  ServerOptions options = loopback();
  options.attendance.recentCapacity = 16;
  options.attendance.maxBatch = 16;
  restart(options);
  // A client that buffers little, so the server soon cannot write to it.
  grpc::ChannelArguments small;
  small.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  small.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 1024);
  auto slowChannel = grpc::CreateCustomChannel(address(), grpc::InsecureChannelCredentials(), small);
  auto slowStub = v1::AttendanceService::NewStub(slowChannel);
  Stream slow(*slowStub, m_organiserToken, std::nullopt);
  Received got;
  ASSERT_TRUE(slow.readOne(got));
  const std::int64_t start = got.snapshots.at(0).sequence();

  // The slow client reads nothing now. Check-ins go on, each answered, until the watcher is so far
  // behind that it cannot be served from memory any more.
  constexpr int kMostCheckIns = 20'000;
  int checkIns = 0;
  bool fellBehind = false;
  while (checkIns < kMostCheckIns && !fellBehind) {
    const v1::CheckInResponse response = checkIn("D1", 0, checkIns % 2 == 0 ? v1::DIRECTION_IN : v1::DIRECTION_OUT);
    ASSERT_NE(response.check_in_id(), 0) << "check-in " << checkIns << " was not answered";
    ++checkIns;
    const live::AttendanceHub::Stats stats = m_server->attendanceHub().stats();
    fellBehind =
        stats.sequence - stats.slowestPosition > 2 * static_cast<std::int64_t>(options.attendance.recentCapacity);
  }
  ASSERT_TRUE(fellBehind) << checkIns << " check-ins did not stall the watcher";
  const std::int64_t last = newest();
  EXPECT_EQ(last, start + checkIns);

  // Reading again: the watcher is told to resync, then gets every activity, in order, once.
  ASSERT_TRUE(slow.readThrough(last, got));
  EXPECT_EQ(got.sequences(), range(start + 1, last));
  ASSERT_FALSE(got.resyncs.empty());
  EXPECT_GT(got.resyncs[0].after_sequence(), start);
  // And it keeps up with what follows.
  checkIn("D2");
  ASSERT_TRUE(slow.readThrough(last + 1, got));
  EXPECT_EQ(got.activities.back().sequence(), last + 1);
  EXPECT_EQ(got.activities.back().delegate().family_name(), "Bieliūnė");
}

TEST_F(AttendanceServiceTest, AWatcherThatStopsReadingIsEndedAndFreesItsSlotsWhileOthersGetEverything) {
  ServerOptions options = loopback();
  options.watchStallLimit = std::chrono::milliseconds(300);
  restart(options);
  // A client that buffers little, so the server soon cannot write to it.
  grpc::ChannelArguments small;
  small.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  small.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 1024);
  auto stalledChannel = grpc::CreateCustomChannel(address(), grpc::InsecureChannelCredentials(), small);
  auto stalledStub = v1::AttendanceService::NewStub(stalledChannel);
  Stream stalled(*stalledStub, m_organiserToken, std::nullopt);
  Received stalledGot;
  ASSERT_TRUE(stalled.readOne(stalledGot));
  Stream reader(*m_attendance, m_adminToken, std::nullopt);
  Received readerGot;
  ASSERT_TRUE(reader.readOne(readerGot));
  const std::int64_t start = readerGot.snapshots.at(0).sequence();

  // The stalled client reads nothing now. Check-ins go on until the server has let it go.
  constexpr int kMostCheckIns = 20'000;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  int checkIns = 0;
  while (m_server->attendanceHub().stats().watchers == 2 && checkIns < kMostCheckIns &&
         std::chrono::steady_clock::now() < deadline) {
    const v1::CheckInResponse response = checkIn("D1", 0, checkIns % 2 == 0 ? v1::DIRECTION_IN : v1::DIRECTION_OUT);
    ASSERT_NE(response.check_in_id(), 0) << "check-in " << checkIns << " was not answered";
    ++checkIns;
  }
  ASSERT_EQ(m_server->attendanceHub().stats().watchers, 1) << "after " << checkIns << " check-ins";

  // Its device has every slot again, though its client has not yet seen the end.
  std::vector<std::unique_ptr<Stream>> streams;
  for (int i = 0; i < AttendanceServiceImpl::kMaxStreamsPerDevice; ++i) {
    streams.push_back(std::make_unique<Stream>(*m_attendance, m_organiserToken, std::nullopt));
    Received snapshot;
    ASSERT_TRUE(streams.back()->readOne(snapshot)) << "stream " << i;
  }
  streams.clear();

  // The reader got every activity.
  const std::int64_t last = newest();
  EXPECT_EQ(last, start + checkIns);
  ASSERT_TRUE(reader.readThrough(last, readerGot));
  EXPECT_EQ(readerGot.sequences(), range(start + 1, last));

  // Reading again, the stalled client gets what its transport held, then the reason it ended.
  while (stalled.readOne(stalledGot)) {
  }
  const grpc::Status ended = stalled.finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << ended.error_message();
  EXPECT_EQ(ended.error_message(),
            "stopped reading: a message waited more than 300 ms to be taken; watch again with after_sequence set to "
            "the last one seen");
  EXPECT_LT(stalledGot.activities.size(), static_cast<std::size_t>(checkIns));
}

TEST_F(AttendanceServiceTest, SummaryAddsUpAScriptedMorning) {
  const std::int64_t plenary = addSession("S1", 0);
  const std::int64_t workshop = addSession("S2", 10);
  checkIn("D1");                                   // Arrival.
  checkIn("D2");                                   // Arrival.
  checkIn("D1");                                   // Already checked in: refused.
  checkIn("D1", 0, v1::DIRECTION_OUT);             // Leaves.
  const v1::CheckInResponse back = checkIn("D1");  // Re-entry: not another arrival.
  EXPECT_TRUE(back.reentry());
  checkIn("D3", plenary);   // Straight into a session.
  checkIn("D3", workshop);  // Moves: checked out of the plenary automatically.
  checkIn("D2", plenary);
  std::string forged = codeOf("D4");
  forged[110] = forged[110] == 'Q' ? 'R' : 'Q';
  checkIn("raw:" + forged);
  v1::RecordBadgePrintRequest print;
  print.set_delegate_id(idOf("D1"));
  print.set_success(true);
  v1::RecordBadgePrintResponse printed;
  ASSERT_TRUE(m_checkIn->RecordBadgePrint(as(m_kioskToken).get(), print, &printed).ok());
  print.set_delegate_id(idOf("D2"));
  print.set_success(false);
  print.set_error("media-empty");
  ASSERT_TRUE(m_checkIn->RecordBadgePrint(as(m_kioskToken).get(), print, &printed).ok());
  v1::CancelDelegateRequest cancel;
  cancel.set_id(idOf("D4"));
  v1::CancelDelegateResponse cancelled;
  ASSERT_TRUE(m_delegates->CancelDelegate(as(m_adminToken).get(), cancel, &cancelled).ok());

  const auto check = [&](const v1::AttendanceSummary& s) {
    EXPECT_EQ(s.registered(), 3);
    EXPECT_EQ(s.cancelled(), 1);
    EXPECT_EQ(s.checked_in(), 3) << "D3 only went to sessions, but came";
    EXPECT_EQ(s.inside_now(), 2);
    EXPECT_EQ(s.no_shows(), 0);
    EXPECT_EQ(s.scans(), 9);
    EXPECT_EQ(s.refused_scans(), 2);
    EXPECT_EQ(s.forged_scans(), 1);
    EXPECT_EQ(s.badges_printed(), 1);
    EXPECT_EQ(s.print_failures(), 1);
    std::map<std::string, v1::CategoryAttendance> categories;
    for (const auto& c : s.categories()) categories[c.name()] = c;
    EXPECT_EQ(categories["delegate"].inside_now(), 1);
    EXPECT_EQ(categories["speaker"].checked_in(), 1);
    EXPECT_EQ(categories["city_official"].checked_in(), 1);
    EXPECT_EQ(categories["city_official"].inside_now(), 0);
    EXPECT_EQ(categories["press"].registered(), 0);
    ASSERT_EQ(s.sessions_size(), 2);
    std::map<std::int64_t, v1::SessionAttendance> sessions;
    for (const auto& line : s.sessions()) sessions[line.session_id()] = line;
    EXPECT_EQ(sessions[plenary].inside_now(), 1);
    EXPECT_EQ(sessions[plenary].attended(), 2);
    EXPECT_EQ(sessions[workshop].inside_now(), 1);
    EXPECT_EQ(sessions[workshop].attended(), 1);
    EXPECT_EQ(sessions[workshop].capacity(), 10);
    EXPECT_DOUBLE_EQ(sessions[workshop].fill_ratio(), 0.1);
    EXPECT_EQ(std::accumulate(s.arrivals().begin(), s.arrivals().end(), 0,
                              [](int sum, const v1::ArrivalBucket& b) { return sum + b.arrivals(); }),
              3)
        << "D1, D2, and D3 straight into a session; not D1's re-entry or D3's move";
    for (const auto& bucket : s.arrivals()) EXPECT_EQ(bucket.local_start().size(), 16u) << bucket.local_start();
    ASSERT_EQ(s.kiosks_size(), 1);
    const v1::KioskAttendance& kiosk = s.kiosks(0);
    EXPECT_EQ(kiosk.device_name(), "kiosk-1");
    EXPECT_EQ(kiosk.scans(), 9);
    EXPECT_EQ(kiosk.admitted(), 6);
    EXPECT_EQ(kiosk.prints(), 1);
    EXPECT_EQ(kiosk.print_failures(), 1);
    EXPECT_EQ(kiosk.last_print_error(), "media-empty");
    EXPECT_NE(kiosk.last_seen_time_us(), 0);
  };
  const v1::AttendanceSummary live = summary(m_organiserToken);
  SCOPED_TRACE("live");
  check(live);
  restart();
  const v1::AttendanceSummary replayed = summary(m_organiserToken);
  SCOPED_TRACE("after a restart");
  check(replayed);
  EXPECT_EQ(replayed.sequence(), live.sequence());
}

TEST_F(AttendanceServiceTest, HeartbeatsChangeTheKioskStatusAndAppearInTheFeed) {
  Stream stream(*m_attendance, m_organiserToken, std::nullopt);
  Received got;
  ASSERT_TRUE(stream.readOne(got));
  const std::int64_t start = got.snapshots[0].sequence();

  v1::HeartbeatRequest beat;
  beat.set_printer_status(v1::PRINTER_STATUS_OK);
  v1::HeartbeatResponse answer;
  ASSERT_TRUE(m_kiosks->Heartbeat(as(m_kioskToken).get(), beat, &answer).ok());
  EXPECT_TRUE(answer.logged());
  EXPECT_GT(answer.interval_seconds(), 0);
  ASSERT_TRUE(m_kiosks->Heartbeat(as(m_kioskToken).get(), beat, &answer).ok());
  EXPECT_FALSE(answer.logged()) << "nothing changed";
  beat.set_printer_status(v1::PRINTER_STATUS_PAPER_OUT);
  beat.set_detail("media-empty");
  ASSERT_TRUE(m_kiosks->Heartbeat(as(m_kioskToken).get(), beat, &answer).ok());
  EXPECT_TRUE(answer.logged());

  ASSERT_TRUE(stream.readThrough(start + 2, got));
  ASSERT_EQ(got.activities.size(), 2u) << "only the logged heartbeats are activities";
  EXPECT_EQ(got.activities[0].kind(), v1::ACTIVITY_KIND_KIOSK_STATUS);
  EXPECT_EQ(got.activities[0].kiosk_status().printer_status(), v1::PRINTER_STATUS_OK);
  EXPECT_EQ(got.activities[1].kiosk_status().printer_status(), v1::PRINTER_STATUS_PAPER_OUT);
  EXPECT_EQ(got.activities[1].kiosk_status().detail(), "media-empty");
  EXPECT_EQ(got.activities[1].device_name(), "kiosk-1");

  const v1::AttendanceSummary s = summary(m_organiserToken);
  ASSERT_EQ(s.kiosks_size(), 1);
  EXPECT_EQ(s.kiosks(0).printer_status(), v1::PRINTER_STATUS_PAPER_OUT);
  EXPECT_EQ(s.kiosks(0).printer_detail(), "media-empty");
  EXPECT_NE(s.kiosks(0).last_seen_time_us(), 0);

  EXPECT_EQ(m_kiosks->Heartbeat(as(m_organiserToken).get(), beat, &answer).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  beat.clear_printer_status();
  EXPECT_EQ(m_kiosks->Heartbeat(as(m_kioskToken).get(), beat, &answer).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AttendanceServiceTest, FreshSnapshotsFollowWhenAsked) {
  Stream stream(*m_attendance, m_organiserToken, std::nullopt, /*snapshotIntervalSeconds=*/1);
  Received got;
  ASSERT_TRUE(stream.readOne(got));
  // Activities keep coming until the interval has passed and a second snapshot follows one.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (got.snapshots.size() < 2 && std::chrono::steady_clock::now() < deadline) {
    checkIn("D1", 0, got.activities.size() % 2 == 0 ? v1::DIRECTION_IN : v1::DIRECTION_OUT);
    ASSERT_TRUE(stream.readThrough(newest(), got));
  }
  ASSERT_GE(got.snapshots.size(), 2u);
  // The fresh snapshot counts exactly the activities sent before it.
  std::int64_t lastBefore = got.snapshots[0].sequence();
  std::size_t activity = 0;
  int snapshots = 0;
  for (char kind : got.order) {
    if (kind == 'a') lastBefore = got.activities[activity++].sequence();
    if (kind == 's' && ++snapshots == 2) break;
  }
  EXPECT_EQ(got.snapshots[1].sequence(), lastBefore);
  EXPECT_EQ(got.snapshots[1].checked_in(), 1);
}

TEST_F(AttendanceServiceTest, ShutdownEndsWatchersAtOnceWithUnavailable) {
  Stream stream(*m_attendance, m_organiserToken, std::nullopt);
  Received got;
  ASSERT_TRUE(stream.readOne(got));
  std::future<void> stopping = std::async(
      std::launch::async, [&] { m_server->shutdown(std::chrono::system_clock::now() + std::chrono::seconds(60)); });
  while (stream.readOne(got)) {
  }
  EXPECT_EQ(stream.finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(stopping.wait_for(std::chrono::seconds(60)), std::future_status::ready);
}

}  // namespace
}  // namespace lanyard::server::rpc
