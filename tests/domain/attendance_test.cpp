#include "domain/attendance.h"

#include <gtest/gtest.h>

#include <numeric>

namespace lanyard::server::domain {
namespace {

constexpr TimeUs kMinute = 60LL * 1'000'000;
constexpr TimeUs kDay = 24 * 60 * kMinute;
// 2026-05-12 09:00 in Prague (07:00 UTC, summer time).
constexpr TimeUs kConferenceMorning = 1'778'569'200LL * 1'000'000;
constexpr std::int64_t kKiosk = 7;
constexpr TimeUs kGrace = 15 * kMinute;

class AttendanceModelTest : public ::testing::Test {
 protected:
  AttendanceModelTest()
      : m_zone(*EventTimeZone::create("Europe/Prague")), m_model(defaultCategories(), m_zone, kGrace) {
    m_model.setRoster({{1, "delegate", true}, {2, "delegate", true}, {3, "speaker", true}, {4, "press", true}});
    Session plenary;
    plenary.id = 10;
    plenary.title = "Plenary";
    plenary.capacity = 2;
    plenary.startUs = kConferenceMorning;
    plenary.endUs = kConferenceMorning + 90 * kMinute;
    Session workshop;
    workshop.id = 11;
    workshop.title = "Workshop";
    workshop.startUs = kConferenceMorning;
    workshop.endUs = kConferenceMorning + 90 * kMinute;
    m_model.setSessions({{plenary, 0}, {workshop, 3}});
  }

  Activity next(ActivityKind kind, std::int64_t delegateId) {
    Activity a;
    a.sequence = ++m_sequence;
    a.kind = kind;
    a.timeUs = m_now;
    a.deviceId = kKiosk;
    a.deviceName = "kiosk-1";
    a.delegateId = delegateId;
    return a;
  }

  void scan(std::int64_t delegateId, CheckInOutcome outcome, std::int64_t sessionId = 0,
            Direction direction = Direction::In, bool reentry = false, bool automatic = false) {
    Activity a = next(ActivityKind::CheckIn, delegateId);
    a.checkIn.outcome = outcome;
    a.checkIn.sessionId = sessionId;
    a.checkIn.direction = direction;
    a.checkIn.reentry = reentry;
    a.checkIn.automatic = automatic;
    a.checkIn.eventDay = m_zone.localDayNumber(m_now);
    m_model.apply(a);
  }

  void print(std::int64_t delegateId, bool success, std::string error = "") {
    Activity a = next(ActivityKind::BadgePrint, delegateId);
    a.print.success = success;
    a.print.error = std::move(error);
    m_model.apply(a);
  }

  void changeDelegate(ActivityKind kind, std::int64_t delegateId, std::string category, bool active) {
    Activity a = next(kind, delegateId);
    a.deviceId = 0;
    a.deviceName.clear();
    a.category = std::move(category);
    a.delegateActive = active;
    m_model.apply(a);
  }

  const CategoryAttendance& category(const AttendanceSummary& summary, const std::string& name) {
    for (const CategoryAttendance& line : summary.categories) {
      if (line.name == name) return line;
    }
    static const CategoryAttendance kNone;
    ADD_FAILURE() << "no category " << name;
    return kNone;
  }

  const SessionAttendance& session(const AttendanceSummary& summary, std::int64_t id) {
    for (const SessionAttendance& line : summary.sessions) {
      if (line.session.id == id) return line;
    }
    static const SessionAttendance kNone;
    ADD_FAILURE() << "no session " << id;
    return kNone;
  }

  static int totalArrivals(const AttendanceSummary& summary) {
    return std::accumulate(summary.arrivals.begin(), summary.arrivals.end(), 0,
                           [](int sum, const ArrivalBucket& bucket) { return sum + bucket.arrivals; });
  }

  EventTimeZone m_zone;
  AttendanceModel m_model;
  std::int64_t m_sequence = 0;
  TimeUs m_now = kConferenceMorning;
};

TEST_F(AttendanceModelTest, CountsPeopleNotScans) {
  scan(1, CheckInOutcome::Admitted);
  m_now += kMinute;
  scan(1, CheckInOutcome::AlreadyCheckedIn);
  scan(2, CheckInOutcome::Admitted);
  scan(1, CheckInOutcome::CheckedOut, 0, Direction::Out);
  scan(1, CheckInOutcome::Admitted, 0, Direction::In, /*reentry=*/true);

  const AttendanceSummary s = m_model.summary(m_now);
  EXPECT_EQ(s.sequence, 5);
  EXPECT_EQ(s.registered, 4);
  EXPECT_EQ(s.checkedIn, 2);
  EXPECT_EQ(s.insideNow, 2);
  EXPECT_EQ(s.noShows, 2);
  EXPECT_EQ(s.scans, 5);
  EXPECT_EQ(s.refusedScans, 1);
  EXPECT_EQ(totalArrivals(s), 2) << "a re-entry is not an arrival";
  EXPECT_EQ(category(s, "delegate").checkedIn, 2);
  EXPECT_EQ(category(s, "delegate").insideNow, 2);
  EXPECT_EQ(category(s, "speaker").noShows, 1);
  ASSERT_EQ(s.kiosks.size(), 1u);
  EXPECT_EQ(s.kiosks[0].scans, 5);
  EXPECT_EQ(s.kiosks[0].admitted, 3);
  EXPECT_EQ(s.kiosks[0].lastSeenUs, m_now);
}

TEST_F(AttendanceModelTest, ExitsLeaveAndInsideNowStartsAfreshEachDay) {
  scan(1, CheckInOutcome::Admitted);
  scan(2, CheckInOutcome::Admitted);
  scan(2, CheckInOutcome::CheckedOut, 0, Direction::Out);
  EXPECT_EQ(m_model.summary(m_now).insideNow, 1);
  const AttendanceSummary nextDay = m_model.summary(m_now + kDay);
  EXPECT_EQ(nextDay.insideNow, 0) << "the entrance admits once per event day";
  EXPECT_EQ(nextDay.checkedIn, 2);
  m_now += kDay;
  scan(2, CheckInOutcome::Admitted);
  EXPECT_EQ(m_model.summary(m_now).insideNow, 1);
  EXPECT_EQ(totalArrivals(m_model.summary(m_now)), 3) << "the first entry of each day is an arrival";
}

TEST_F(AttendanceModelTest, SessionsCountWhoIsInAndWhoCameAtAll) {
  scan(3, CheckInOutcome::Admitted, 10);
  scan(1, CheckInOutcome::Admitted, 10);
  // Moving to the workshop: the store logs the automatic check-out first.
  scan(3, CheckInOutcome::CheckedOut, 10, Direction::Out, false, /*automatic=*/true);
  scan(3, CheckInOutcome::Admitted, 11);
  scan(2, CheckInOutcome::SessionFull, 10);

  const AttendanceSummary s = m_model.summary(m_now);
  EXPECT_EQ(session(s, 10).insideNow, 1);
  EXPECT_EQ(session(s, 10).attended, 2);
  EXPECT_EQ(session(s, 11).insideNow, 1);
  EXPECT_EQ(session(s, 11).attended, 1);
  EXPECT_EQ(session(s, 11).registered, 3);
  EXPECT_EQ(s.checkedIn, 2) << "a session admission counts as checked in";
  EXPECT_EQ(s.insideNow, 0) << "nobody came through the entrance";
  EXPECT_EQ(totalArrivals(s), 2) << "straight into a session is an arrival; the next room is not";
  EXPECT_EQ(s.refusedScans, 1);
  EXPECT_EQ(s.scans, 4) << "the automatic check-out was not a scan";
  EXPECT_EQ(s.kiosks.at(0).scans, 4);
}

TEST_F(AttendanceModelTest, NobodyIsInsideASessionOnceItIsOver) {
  scan(1, CheckInOutcome::Admitted, 10);
  scan(2, CheckInOutcome::Admitted, 10);
  const TimeUs lastAdmission = kConferenceMorning + 90 * kMinute + kGrace;
  EXPECT_EQ(session(m_model.summary(lastAdmission), 10).insideNow, 2) << "the door still admits";
  const AttendanceSummary over = m_model.summary(lastAdmission + 1);
  EXPECT_EQ(session(over, 10).insideNow, 0);
  EXPECT_EQ(session(over, 10).attended, 2);
}

TEST_F(AttendanceModelTest, CancellationLeavesRegisteredButNotTheBuilding) {
  scan(4, CheckInOutcome::Admitted);
  changeDelegate(ActivityKind::DelegateCancelled, 4, "press", false);
  const AttendanceSummary s = m_model.summary(m_now);
  EXPECT_EQ(s.registered, 3);
  EXPECT_EQ(s.checkedIn, 0);
  EXPECT_EQ(s.cancelled, 1);
  EXPECT_EQ(s.noShows, 3);
  EXPECT_EQ(s.insideNow, 1) << "a cancelled delegate who is inside is still inside";
  EXPECT_EQ(category(s, "press").registered, 0);
}

TEST_F(AttendanceModelTest, CorrectedCategoryMovesEveryCount) {
  scan(1, CheckInOutcome::Admitted);
  changeDelegate(ActivityKind::DelegateUpdated, 1, "speaker", true);
  const AttendanceSummary s = m_model.summary(m_now);
  EXPECT_EQ(category(s, "delegate").registered, 1);
  EXPECT_EQ(category(s, "delegate").checkedIn, 0);
  EXPECT_EQ(category(s, "delegate").insideNow, 0);
  EXPECT_EQ(category(s, "speaker").registered, 2);
  EXPECT_EQ(category(s, "speaker").checkedIn, 1);
  EXPECT_EQ(category(s, "speaker").insideNow, 1);
  EXPECT_EQ(s.registered, 4);
}

TEST_F(AttendanceModelTest, WalkInsAndImportedRosterAreRegistered) {
  changeDelegate(ActivityKind::DelegateAdded, 5, "partner", true);
  m_model.setRoster({{6, "staff", true}, {2, "delegate", false}});
  const AttendanceSummary s = m_model.summary(m_now);
  EXPECT_EQ(s.registered, 5);
  EXPECT_EQ(s.cancelled, 1);
  EXPECT_EQ(category(s, "partner").registered, 1);
  EXPECT_EQ(category(s, "staff").registered, 1);
}

TEST_F(AttendanceModelTest, ArrivalsAreCountedPerQuarterHourOfTheEventClock) {
  m_now = kConferenceMorning + 7 * kMinute;  // 09:07 local.
  scan(1, CheckInOutcome::Admitted);
  m_now = kConferenceMorning + 14 * kMinute + 59 * 1'000'000;  // 09:14:59.
  scan(2, CheckInOutcome::Admitted);
  m_now = kConferenceMorning + 15 * kMinute;  // 09:15.
  scan(3, CheckInOutcome::Admitted);
  const AttendanceSummary s = m_model.summary(m_now);
  ASSERT_EQ(s.arrivals.size(), 2u);
  EXPECT_EQ(s.arrivals[0].startUs, kConferenceMorning);
  EXPECT_EQ(s.arrivals[0].arrivals, 2);
  EXPECT_EQ(s.arrivals[1].startUs, kConferenceMorning + 15 * kMinute);
  EXPECT_EQ(s.arrivals[1].arrivals, 1);
  EXPECT_EQ(formatLocal(s.arrivals[0].startUs, "Europe/Prague"), "2026-05-12 09:00");
}

TEST_F(AttendanceModelTest, AnOfflineAdmissionArrivedWhenItWasScanned) {
  m_now = kConferenceMorning + 70 * kMinute;  // Uploaded at 10:10, scanned at 09:05.
  Activity a = next(ActivityKind::CheckIn, 1);
  a.checkIn.outcome = CheckInOutcome::Admitted;
  a.checkIn.offline = true;
  a.checkIn.scanTimeUs = kConferenceMorning + 5 * kMinute;
  a.checkIn.eventDay = m_zone.localDayNumber(a.checkIn.scanTimeUs);
  m_model.apply(a);
  const AttendanceSummary s = m_model.summary(m_now);
  ASSERT_EQ(s.arrivals.size(), 1u);
  EXPECT_EQ(s.arrivals[0].startUs, kConferenceMorning);
  EXPECT_EQ(s.insideNow, 1);
}

TEST_F(AttendanceModelTest, CountsConflictsAndThoseNotYetSeen) {
  for (std::int64_t delegateId : {1, 2}) {
    Activity a = next(ActivityKind::CheckIn, delegateId);
    a.checkIn.outcome = CheckInOutcome::Admitted;
    a.checkIn.offline = true;
    a.checkIn.scanTimeUs = m_now;
    a.checkIn.conflictId = delegateId;
    a.checkIn.conflictKind = ConflictKind::CodeWithdrawn;
    m_model.apply(a);
  }
  scan(3, CheckInOutcome::Admitted);
  EXPECT_EQ(m_model.summary(m_now).conflicts, 2);
  EXPECT_EQ(m_model.summary(m_now).unseenConflicts, 2);
  m_model.noteConflictsSeen(1);
  EXPECT_EQ(m_model.summary(m_now).conflicts, 2);
  EXPECT_EQ(m_model.summary(m_now).unseenConflicts, 1);
}

TEST_F(AttendanceModelTest, ArrivalBucketsFollowTheLocalClockInWinterToo) {
  // 2026-01-15 09:20 in Prague is 08:20 UTC (UTC+1): the bucket starts at 09:15 local.
  const TimeUs winter = 1'768'465'200LL * 1'000'000;  // 2026-01-15 08:20 UTC.
  EXPECT_EQ(formatLocal(m_model.arrivalBucketStart(winter), "Europe/Prague"), "2026-01-15 09:15");
  EXPECT_EQ(winter - m_model.arrivalBucketStart(winter), 5 * kMinute);
}

TEST_F(AttendanceModelTest, ForgedAndUnknownCodesAreRefusedScans) {
  scan(0, CheckInOutcome::ForgedCode);
  scan(0, CheckInOutcome::UnknownCode);
  const AttendanceSummary s = m_model.summary(m_now);
  EXPECT_EQ(s.scans, 2);
  EXPECT_EQ(s.forgedScans, 1);
  EXPECT_EQ(s.refusedScans, 2);
  EXPECT_EQ(s.checkedIn, 0);
}

TEST_F(AttendanceModelTest, KioskShowsPrintsTheLastErrorAndPrinterStatus) {
  print(1, true);
  m_now += kMinute;
  print(2, false, "media-empty");
  Activity status = next(ActivityKind::KioskStatus, 0);
  status.kioskStatus.printerStatus = PrinterStatus::PaperOut;
  status.kioskStatus.detail = "media-empty";
  m_model.apply(status);

  const AttendanceSummary s = m_model.summary(m_now);
  EXPECT_EQ(s.badgesPrinted, 1);
  EXPECT_EQ(s.printFailures, 1);
  ASSERT_EQ(s.kiosks.size(), 1u);
  const KioskAttendance& k = s.kiosks[0];
  EXPECT_EQ(k.name, "kiosk-1");
  EXPECT_EQ(k.prints, 1);
  EXPECT_EQ(k.printFailures, 1);
  EXPECT_EQ(k.lastPrintError, "media-empty");
  EXPECT_EQ(k.lastPrintErrorUs, m_now);
  EXPECT_EQ(k.printerStatus, PrinterStatus::PaperOut);
  EXPECT_EQ(k.printerStatusUs, m_now);
}

TEST_F(AttendanceModelTest, LogsHeartbeatsOnChangeAndOncePerKeepAlive) {
  constexpr TimeUs kKeepAlive = kMinute;
  EXPECT_TRUE(m_model.heartbeatWorthLogging(kKiosk, PrinterStatus::Ok, "", m_now, kKeepAlive)) << "first one";
  Activity ok = next(ActivityKind::KioskStatus, 0);
  ok.kioskStatus.printerStatus = PrinterStatus::Ok;
  m_model.apply(ok);
  EXPECT_FALSE(m_model.heartbeatWorthLogging(kKiosk, PrinterStatus::Ok, "", m_now + 5'000'000, kKeepAlive));
  EXPECT_TRUE(m_model.heartbeatWorthLogging(kKiosk, PrinterStatus::Offline, "", m_now + 5'000'000, kKeepAlive));
  EXPECT_TRUE(m_model.heartbeatWorthLogging(kKiosk, PrinterStatus::Ok, "warming up", m_now + 5'000'000, kKeepAlive));
  EXPECT_TRUE(m_model.heartbeatWorthLogging(kKiosk, PrinterStatus::Ok, "", m_now + kKeepAlive, kKeepAlive));
  m_model.noteSeen(kKiosk, "kiosk-1", Role::Kiosk, m_now + 5'000'000);
  EXPECT_EQ(m_model.summary(m_now).kiosks.at(0).lastSeenUs, m_now + 5'000'000);
  EXPECT_EQ(m_model.summary(m_now).sequence, 1) << "an unlogged heartbeat is not an activity";
}

TEST_F(AttendanceModelTest, ListsActiveKiosksFromTheStartAndOtherDevicesOnceTheyCheckSomeoneIn) {
  m_model.addDevice(Device{kKiosk, "kiosk-1", Role::Kiosk, 0, 0, 0});
  m_model.addDevice(Device{8, "kiosk-stolen", Role::Kiosk, 0, m_now, 0});
  m_model.addDevice(Device{9, "help-desk-1", Role::Desk, 0, 0, 0});
  m_model.addDevice(Device{10, "admin", Role::Admin, 0, 0, 0});
  {
    const AttendanceSummary s = m_model.summary(m_now);
    ASSERT_EQ(s.kiosks.size(), 1u) << "neither a revoked kiosk nor a desk that did nothing";
    EXPECT_EQ(s.kiosks[0].name, "kiosk-1");
    EXPECT_EQ(s.kiosks[0].role, Role::Kiosk);
    EXPECT_FALSE(s.kiosks[0].revoked);
  }

  Activity desk = next(ActivityKind::CheckIn, 1);
  desk.deviceId = 9;
  desk.deviceName = "help-desk-1";
  desk.deviceRole = Role::Desk;
  desk.checkIn.outcome = CheckInOutcome::Admitted;
  m_model.apply(desk);
  Activity stolen = next(ActivityKind::CheckIn, 2);  // Logged before its token was revoked.
  stolen.deviceId = 8;
  stolen.deviceName = "kiosk-stolen";
  stolen.checkIn.outcome = CheckInOutcome::Admitted;
  m_model.apply(stolen);
  m_model.noteRevoked(kKiosk);

  const AttendanceSummary s = m_model.summary(m_now);
  ASSERT_EQ(s.kiosks.size(), 3u);
  EXPECT_EQ(s.kiosks[0].name, "kiosk-1");
  EXPECT_TRUE(s.kiosks[0].revoked) << "revoked while listed";
  EXPECT_EQ(s.kiosks[1].name, "kiosk-stolen");
  EXPECT_TRUE(s.kiosks[1].revoked) << "revoked before its activity was read from the log";
  EXPECT_EQ(s.kiosks[1].admitted, 1);
  EXPECT_EQ(s.kiosks[2].name, "help-desk-1");
  EXPECT_EQ(s.kiosks[2].role, Role::Desk);
  EXPECT_FALSE(s.kiosks[2].revoked);
  EXPECT_EQ(s.kiosks[2].admitted, 1);
}

TEST_F(AttendanceModelTest, IgnoresAnActivityItHasAlreadyApplied) {
  Activity a = next(ActivityKind::CheckIn, 1);
  a.checkIn.outcome = CheckInOutcome::Admitted;
  a.checkIn.eventDay = m_zone.localDayNumber(m_now);
  m_model.apply(a);
  m_model.apply(a);
  const AttendanceSummary s = m_model.summary(m_now);
  EXPECT_EQ(s.scans, 1);
  EXPECT_EQ(totalArrivals(s), 1);
}

TEST_F(AttendanceModelTest, ListsTheEventsCategoriesInOrderEvenWhenEmpty) {
  const AttendanceSummary s = m_model.summary(m_now);
  const std::vector<Category> categories = defaultCategories();
  ASSERT_GE(s.categories.size(), categories.size());
  for (std::size_t i = 0; i < categories.size(); ++i) {
    EXPECT_EQ(s.categories[i].name, categories[i].name);
    EXPECT_EQ(s.categories[i].label, categories[i].label);
  }
}

}  // namespace
}  // namespace lanyard::server::domain
