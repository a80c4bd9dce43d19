// AttendanceService's live feed through a real in-process server: who may watch and how many
// streams, snapshots then activities, resuming without gaps, slow and stalled watchers, shutdown.

#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <future>

#include "attendance_service_fixture.h"

namespace lanyard::server::rpc {
namespace {

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
  // The resync names the last activity sent before it: none, when the client's window filled
  // before the first one went out.
  const auto firstResync = std::find(got.order.begin(), got.order.end(), 'r');
  const auto sentBefore = std::count(got.order.begin(), firstResync, 'a');
  EXPECT_EQ(got.resyncs[0].after_sequence(), start + sentBefore);
  EXPECT_LT(got.resyncs[0].after_sequence(), last);
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
