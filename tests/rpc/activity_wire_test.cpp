#include "rpc/activity_wire.h"

#include <google/protobuf/util/message_differencer.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "rpc/attendance_service.h"

namespace lanyard::server::rpc {
namespace {

using google::protobuf::util::MessageDifferencer;

domain::Activity checkIn(std::int64_t sequence) {
  domain::Activity a;
  a.sequence = sequence;
  a.kind = domain::ActivityKind::CheckIn;
  a.timeUs = 1'780'000'000'000'000 + sequence;
  a.deviceId = 7;
  a.deviceName = "Entrance kiosk 7";
  a.delegateId = 1000 + sequence;
  a.givenName = "Тарас";
  a.familyName = "Шевченко";
  a.category = "city_official";
  a.city = "Kyiv";
  a.organisation = "Kyiv City Council";
  a.checkIn.checkInId = 500 + sequence;
  a.checkIn.outcome = domain::CheckInOutcome::Admitted;
  a.checkIn.scanTimeUs = a.timeUs - 20'000;
  return a;
}

domain::Activity badgePrint(std::int64_t sequence, std::string error) {
  domain::Activity a;
  a.sequence = sequence;
  a.kind = domain::ActivityKind::BadgePrint;
  a.timeUs = 1'780'000'000'000'000 + sequence;
  a.deviceId = 3;
  a.deviceName = "Help desk";
  a.delegateId = 42;
  a.givenName = "Simona";
  a.familyName = "Bieliūnė";
  a.delegateActive = false;
  a.print.printId = 9;
  a.print.error = std::move(error);
  a.print.printer = "BadgePDF";
  a.print.badgeVersion = 2;
  return a;
}

domain::Activity import(std::int64_t sequence) {
  domain::Activity a;
  a.sequence = sequence;
  a.kind = domain::ActivityKind::DelegatesImported;
  a.timeUs = 1'780'000'000'000'000 + sequence;
  a.import.created = 100'000;
  a.import.registrations = 3;
  return a;
}

// What the stream's bytes say, read the way any client reads them.
v1::WatchAttendanceResponse parse(grpc::ByteBuffer buffer) {
  v1::WatchAttendanceResponse event;
  const grpc::Status status = grpc::SerializationTraits<v1::WatchAttendanceResponse>::Deserialize(&buffer, &event);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return event;
}

v1::WatchAttendanceResponse parse(const grpc::Slice& slice) { return parse(grpc::ByteBuffer(&slice, 1)); }

// What the stream sent before the activities were encoded once: toProto into the message.
v1::WatchAttendanceResponse expectedEvent(const std::vector<domain::Activity>& activities) {
  v1::WatchAttendanceResponse event;
  for (const domain::Activity& a : activities) toProto(a, event.mutable_activities()->add_activities());
  return event;
}

TEST(ActivityWireTest, EncodedBatchReadsAsTheEventToProtoBuilds) {
  // A long error text makes that activity's length take two bytes, and the batch's three.
  const std::vector<domain::Activity> activities = {checkIn(1), badgePrint(2, std::string(300, 'x')), import(3),
                                                    checkIn(4)};
  std::vector<grpc::Slice> pieces;
  for (const domain::Activity& a : activities) pieces.push_back(encodeActivity(a));
  const v1::WatchAttendanceResponse event = parse(activityBatchEvent(pieces));
  ASSERT_TRUE(event.has_activities());
  EXPECT_TRUE(MessageDifferencer::Equals(event, expectedEvent(activities))) << event.DebugString();
}

TEST(ActivityWireTest, ABatchOfOneAndABigBatchBothRead) {
  std::vector<domain::Activity> activities;
  for (std::int64_t sequence = 1; sequence <= 300; ++sequence) activities.push_back(checkIn(sequence));
  std::vector<grpc::Slice> pieces;
  for (const domain::Activity& a : activities) pieces.push_back(encodeActivity(a));

  const v1::WatchAttendanceResponse one = parse(activityBatchEvent(std::span(pieces).first(1)));
  EXPECT_TRUE(MessageDifferencer::Equals(one, expectedEvent({activities.front()})));
  const v1::WatchAttendanceResponse all = parse(activityBatchEvent(pieces));
  ASSERT_EQ(all.activities().activities_size(), 300);
  EXPECT_TRUE(MessageDifferencer::Equals(all, expectedEvent(activities)));
}

TEST(ActivityWireTest, SerializedEventReadsBack) {
  v1::WatchAttendanceResponse resync;
  resync.mutable_resync()->set_after_sequence(77);
  resync.mutable_resync()->set_reason("fell behind");
  EXPECT_TRUE(MessageDifferencer::Equals(parse(serializeEvent(resync)), resync));
}

TEST(ActivityWireCacheTest, EncodesEachActivityOnceForEveryCaller) {
  ActivityWireCache cache(16);
  const domain::Activity first = checkIn(1);
  const grpc::Slice a = cache.get(first);
  const grpc::Slice b = cache.get(first);
  // The very same bytes, not a copy.
  EXPECT_EQ(a.begin(), b.begin());
  const ActivityWireCache::Stats stats = cache.stats();
  EXPECT_EQ(stats.encoded, 1);
  EXPECT_EQ(stats.hits, 1);
}

TEST(ActivityWireCacheTest, HandsOutTheBytesOfTheActivityAskedFor) {
  ActivityWireCache cache(16);
  for (std::int64_t sequence = 1; sequence <= 5; ++sequence) (void)cache.get(checkIn(sequence));
  const grpc::Slice third = cache.get(checkIn(3));
  const v1::WatchAttendanceResponse event = parse(activityBatchEvent(std::span(&third, 1)));
  ASSERT_EQ(event.activities().activities_size(), 1);
  EXPECT_EQ(event.activities().activities(0).sequence(), 3);
  EXPECT_EQ(cache.stats().hits, 1);
}

TEST(ActivityWireCacheTest, KeepsOnlyTheNewestAndEncodesOlderOnesWithoutKeepingThem) {
  ActivityWireCache cache(3);
  for (std::int64_t sequence = 1; sequence <= 5; ++sequence) (void)cache.get(checkIn(sequence));
  EXPECT_EQ(cache.stats().kept, 3u);
  EXPECT_EQ(cache.stats().encoded, 5);

  // 1 fell out: encoded again, and it does not push out the newest ones.
  const grpc::Slice old = cache.get(checkIn(1));
  EXPECT_EQ(parse(activityBatchEvent(std::span(&old, 1))).activities().activities(0).sequence(), 1);
  EXPECT_EQ(cache.stats().encoded, 6);
  for (std::int64_t sequence = 3; sequence <= 5; ++sequence) (void)cache.get(checkIn(sequence));
  EXPECT_EQ(cache.stats().hits, 3);
  EXPECT_EQ(cache.stats().kept, 3u);
}

TEST(ActivityWireCacheTest, AJumpAheadStartsAgainFromThere) {
  ActivityWireCache cache(8);
  (void)cache.get(checkIn(1));
  (void)cache.get(checkIn(2));
  (void)cache.get(checkIn(10));
  (void)cache.get(checkIn(11));
  EXPECT_EQ(cache.stats().kept, 2u);
  const grpc::Slice tenth = cache.get(checkIn(10));
  EXPECT_EQ(parse(activityBatchEvent(std::span(&tenth, 1))).activities().activities(0).sequence(), 10);
  EXPECT_EQ(cache.stats().hits, 1);
}

std::vector<std::shared_ptr<const domain::Activity>> run(std::int64_t first, std::int64_t last) {
  std::vector<std::shared_ptr<const domain::Activity>> activities;
  for (std::int64_t sequence = first; sequence <= last; ++sequence) {
    activities.push_back(std::make_shared<const domain::Activity>(checkIn(sequence)));
  }
  return activities;
}

TEST(ActivityWireCacheTest, WatchersAskingForTheSameRunShareOneMessage) {
  ActivityWireCache cache(64);
  const auto activities = run(1, 20);
  grpc::ByteBuffer first = cache.batchEvent(activities);
  grpc::ByteBuffer second = cache.batchEvent(run(1, 20));
  std::vector<grpc::Slice> firstSlices;
  std::vector<grpc::Slice> secondSlices;
  ASSERT_TRUE(first.Dump(&firstSlices).ok());
  ASSERT_TRUE(second.Dump(&secondSlices).ok());
  ASSERT_EQ(firstSlices.size(), 1u);
  ASSERT_EQ(secondSlices.size(), 1u);
  EXPECT_EQ(firstSlices[0].begin(), secondSlices[0].begin()) << "the same bytes, not a copy";

  std::vector<domain::Activity> plain;
  for (const auto& activity : activities) plain.push_back(*activity);
  EXPECT_TRUE(MessageDifferencer::Equals(parse(std::move(second)), expectedEvent(plain)));
  EXPECT_EQ(cache.stats().batchesBuilt, 1);
  EXPECT_EQ(cache.stats().batchesShared, 1);
  EXPECT_EQ(cache.stats().encoded, 20) << "each activity encoded once";
}

TEST(ActivityWireCacheTest, ADifferentRunIsItsOwnMessage) {
  ActivityWireCache cache(64);
  (void)cache.batchEvent(run(1, 20));
  // A watcher whose last write was still in flight asks for a longer run; one catching up asks for
  // an older one. Each reads as exactly its own activities.
  const v1::WatchAttendanceResponse longer = parse(cache.batchEvent(run(1, 25)));
  ASSERT_EQ(longer.activities().activities_size(), 25);
  EXPECT_EQ(longer.activities().activities(24).sequence(), 25);
  const v1::WatchAttendanceResponse later = parse(cache.batchEvent(run(21, 25)));
  ASSERT_EQ(later.activities().activities_size(), 5);
  EXPECT_EQ(later.activities().activities(0).sequence(), 21);
  EXPECT_EQ(cache.stats().batchesBuilt, 3);
  EXPECT_EQ(cache.stats().batchesShared, 0);
  EXPECT_EQ(cache.stats().encoded, 25);
}

}  // namespace
}  // namespace lanyard::server::rpc
