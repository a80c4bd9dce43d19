// The export rows of both backends (SqliteExportSource, PostgresExportSource): the same rows in the
// same order from the same event.

#include "postgres/export_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/attendee_export.h"
#include "domain/badge_code.h"
#include "domain/csv_reader.h"
#include "domain/event_time.h"
#include "event_store_fixture.h"
#include "export/export_format.h"
#include "postgres/event_store.h"
#include "storage/sqlite_event_store.h"
#include "storage/sqlite_export.h"
#include "support/postgres_cluster.h"
#include "support/temp_dir.h"

namespace lanyard::server::storage {
namespace {

using domain::Attendance;
using domain::AttendeeFilter;
using domain::CheckInOutcome;
using domain::Delegate;
using domain::Direction;
using domain::TimeUs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// An attendee row copied out of the callback, whose views die with it.
struct Attendee {
  std::int64_t id = 0;
  std::string ref;
  std::string name;
  std::string category;
  domain::RegistrationStatus status = domain::RegistrationStatus::Active;
  std::optional<TimeUs> firstCheckInUs;
  std::string device;
  bool badgePrinted = false;
  std::optional<TimeUs> sessionAdmissionUs;
};

// A scan log row copied out of the callback.
struct Scan {
  std::int64_t id = 0;
  TimeUs serverTimeUs = 0;
  std::string device;
  std::int64_t sessionId = 0;
  std::string sessionTitle;
  Direction direction = Direction::In;
  CheckInOutcome outcome = CheckInOutcome::UnknownCode;
  std::string ref;
  std::string name;
  std::string scannedCode;
};

// A filter; designated initialisers would leave members out, which -Wextra reports.
AttendeeFilter only(Attendance attendance, std::int64_t sessionId = 0, std::string category = "") {
  AttendeeFilter filter;
  filter.attendance = attendance;
  filter.sessionId = sessionId;
  filter.category = std::move(category);
  return filter;
}

Delegate attendee(std::string ref, std::string given, std::string family, std::string category) {
  Delegate d;
  d.externalRef = std::move(ref);
  d.givenName = std::move(given);
  d.familyName = std::move(family);
  d.city = "Prague";
  d.organisation = "City of Prague";
  d.category = std::move(category);
  d.email = d.externalRef + "@example.org";
  return d;
}

// One event with a morning of check-ins:
//   D1 Dvořák       entrance 09:00 (kiosk-1), out, back 09:30 (kiosk-2); badge printed
//   D2 Müller       speaker; entrance 09:05 by ticket (kiosk-2); registered for S1, admitted 09:10
//   D3 Шевченко     registered for S1, never admitted anywhere
//   D4 Na           entrance 09:15, cancelled afterwards
//   D5 Łukasiewicz  speaker, cancelled, never admitted
//   D6 Bieliūnė     admitted to S1 only (not registered), 09:20
//   D7 Lindqvist    badge printed, then reissued: the current badge is not printed
// plus a forged code, an unknown code and a refused repeat scan. Run on both backends.
class ExportSourceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
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
    const auto clock = [this] { return m_now.load(); };
    if (GetParam() == Backend::Sqlite) {
      m_path = m_dir.file("event.db");
      ASSERT_TRUE(SqliteEventStore::initialise(m_path, event, clock).ok());
      absl::StatusOr<std::unique_ptr<SqliteEventStore>> store = SqliteEventStore::open(m_path, clock);
      ASSERT_TRUE(store.ok()) << store.status();
      m_store = std::move(*store);
    } else {
      m_path = lanyard::testing::postgresCluster().createDatabase();
      ASSERT_TRUE(postgres::PostgresEventStore::initialise(m_path, event, clock).ok());
      absl::StatusOr<std::unique_ptr<postgres::PostgresEventStore>> store =
          postgres::PostgresEventStore::open(m_path, clock);
      ASSERT_TRUE(store.ok()) << store.status();
      m_store = std::move(*store);
    }
    m_kiosk1 = m_store->createDevice("kiosk-1", domain::Role::Kiosk)->device.id;
    m_kiosk2 = m_store->createDevice("kiosk-2", domain::Role::Kiosk)->device.id;

    domain::Session session;
    session.externalRef = "S1";
    session.title = "Signing of the Charter";
    session.room = "Hall";
    session.startUs = kConferenceMorning;
    session.endUs = kConferenceMorning + 90 * kMinute;
    ASSERT_TRUE(m_store->importSessions({session}).ok());
    m_session = m_store->listSessions()->front().session.id;

    domain::DelegateImport data;
    data.delegates = {
        attendee("D1", "Antonín", "Dvořák", "delegate"),      attendee("D2", "Anna", "Müller", "speaker"),
        attendee("D3", "Тарас", "Шевченко", "city_official"), attendee("D4", "Li", "Na", "delegate"),
        attendee("D5", "Ignacy", "Łukasiewicz", "speaker"),   attendee("D6", "Simona", "Bieliūnė", "delegate"),
        attendee("D7", "Lisa", "Lindqvist", "delegate"),
    };
    data.delegates[1].externalTicketCode = "pretix-secret-0001";
    data.registrations = {{"S1", "D2"}, {"S1", "D3"}};
    ASSERT_TRUE(m_store->importDelegates(data).ok());

    admit("D1", m_kiosk1, kConferenceMorning);
    domain::CheckInCommand byTicket = scan("D2", m_kiosk2, kConferenceMorning + 5 * kMinute);
    byTicket.subject = domain::subject::Ticket{"pretix-secret-0001"};
    EXPECT_EQ(outcomeOf(byTicket), CheckInOutcome::Admitted);
    admit("D2", m_kiosk1, kConferenceMorning + 10 * kMinute, m_session);
    admit("D4", m_kiosk1, kConferenceMorning + 15 * kMinute);
    admit("D6", m_kiosk2, kConferenceMorning + 20 * kMinute, m_session);
    EXPECT_EQ(outcomeOf(scan("D1", m_kiosk2, kConferenceMorning + 21 * kMinute)), CheckInOutcome::AlreadyCheckedIn);
    domain::CheckInCommand out = scan("D1", m_kiosk2, kConferenceMorning + 25 * kMinute);
    out.direction = Direction::Out;
    EXPECT_EQ(outcomeOf(out), CheckInOutcome::CheckedOut);
    admit("D1", m_kiosk2, kConferenceMorning + 30 * kMinute);
    domain::CheckInCommand forged = scan("D1", m_kiosk1, kConferenceMorning + 31 * kMinute);
    forged.subject = domain::subject::Forged{"FORGED-CODE-=cmd"};
    EXPECT_EQ(outcomeOf(forged), CheckInOutcome::ForgedCode);
    domain::CheckInCommand unknown = scan("D1", m_kiosk1, kConferenceMorning + 32 * kMinute);
    unknown.subject = domain::subject::Ticket{"no-such-ticket"};
    EXPECT_EQ(outcomeOf(unknown), CheckInOutcome::UnknownCode);

    ASSERT_TRUE(m_store->cancelDelegate(idOf("D4")).ok());
    ASSERT_TRUE(m_store->cancelDelegate(idOf("D5")).ok());
    print("D1");
    print("D7");
    ASSERT_TRUE(m_store->reissueBadge(idOf("D7")).ok());

    absl::StatusOr<std::unique_ptr<domain::ExportSource>> source = openSource(m_path);
    ASSERT_TRUE(source.ok()) << source.status();
    m_source = std::move(*source);
  }

  // The export source of this backend on `path`.
  absl::StatusOr<std::unique_ptr<domain::ExportSource>> openSource(const std::string& path) {
    if (GetParam() == Backend::Sqlite) {
      absl::StatusOr<std::unique_ptr<SqliteExportSource>> source = SqliteExportSource::open(path);
      if (!source.ok()) return source.status();
      return std::unique_ptr<domain::ExportSource>(std::move(*source));
    }
    absl::StatusOr<std::unique_ptr<postgres::PostgresExportSource>> source = postgres::PostgresExportSource::open(path);
    if (!source.ok()) return source.status();
    return std::unique_ptr<domain::ExportSource>(std::move(*source));
  }

  void TearDown() override {
    m_source.reset();
    m_store.reset();
  }

  std::int64_t idOf(const std::string& ref) {
    absl::StatusOr<Delegate> d = m_store->delegateByExternalRef(ref);
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? d->id : 0;
  }

  domain::CheckInCommand scan(const std::string& ref, std::int64_t device, TimeUs at, std::int64_t session = 0) {
    m_now = at;
    domain::CheckInCommand command;
    command.deviceId = device;
    command.requestId = "r" + std::to_string(++m_requests);
    command.scanTimeUs = at - 1'000'000;
    command.sessionId = session;
    command.subject = domain::subject::Badge{idOf(ref), 1};
    return command;
  }

  CheckInOutcome outcomeOf(const domain::CheckInCommand& command) {
    absl::StatusOr<domain::CheckInResult> result = m_store->checkIn(command);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? result->decision.outcome : CheckInOutcome::UnknownCode;
  }

  void admit(const std::string& ref, std::int64_t device, TimeUs at, std::int64_t session = 0) {
    EXPECT_EQ(outcomeOf(scan(ref, device, at, session)), CheckInOutcome::Admitted) << ref;
  }

  void print(const std::string& ref, bool success = true) {
    domain::BadgePrintRecord record;
    record.delegateId = idOf(ref);
    record.deviceId = m_kiosk1;
    record.success = success;
    if (!success) record.error = "paper out";
    record.printer = "label";
    ASSERT_TRUE(m_store->recordPrint(record).ok());
  }

  std::vector<Attendee> attendees(const AttendeeFilter& filter) {
    std::vector<Attendee> rows;
    const absl::Status status = m_source->forEachAttendee(filter, [&](const domain::AttendeeRow& row) {
      rows.push_back({row.delegateId, std::string(row.externalRef),
                      std::string(row.givenName) + " " + std::string(row.familyName), std::string(row.category),
                      row.status, row.firstCheckInUs, std::string(row.firstCheckInDevice), row.badgePrinted,
                      row.sessionFirstAdmissionUs});
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return rows;
  }

  std::vector<std::string> refs(const AttendeeFilter& filter) {
    std::vector<std::string> out;
    for (const Attendee& a : attendees(filter)) out.push_back(a.ref);
    return out;
  }

  std::map<std::string, Attendee> byRef(const AttendeeFilter& filter) {
    std::map<std::string, Attendee> out;
    for (const Attendee& a : attendees(filter)) out[a.ref] = a;
    return out;
  }

  std::vector<Scan> scans() {
    std::vector<Scan> rows;
    const absl::Status status = m_source->forEachScan([&](const domain::ScanLogRow& row) {
      rows.push_back({row.id, row.serverTimeUs, std::string(row.deviceName), row.sessionId,
                      std::string(row.sessionTitle), row.direction, row.outcome, std::string(row.delegateRef),
                      std::string(row.givenName) + " " + std::string(row.familyName), std::string(row.scannedCode)});
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return rows;
  }

  lanyard::testing::TempDir m_dir;  // Declared first: removed after the store closes.
  std::string m_path;               // The event file, or the PostgreSQL database's address.
  std::atomic<TimeUs> m_now{kConferenceMorning};
  std::unique_ptr<domain::EventStore> m_store;
  std::unique_ptr<domain::ExportSource> m_source;
  std::int64_t m_kiosk1 = 0;
  std::int64_t m_kiosk2 = 0;
  std::int64_t m_session = 0;
  int m_requests = 0;
};

TEST_P(ExportSourceTest, AllListsEveryDelegateInIdOrder) {
  const std::vector<Attendee> rows = attendees({});
  ASSERT_EQ(rows.size(), 7u);
  for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_LT(rows[i - 1].id, rows[i].id);
  EXPECT_THAT(refs({}), ElementsAre("D1", "D2", "D3", "D4", "D5", "D6", "D7"));
  EXPECT_EQ(rows[2].name, "Тарас Шевченко");
  EXPECT_EQ(rows[4].status, domain::RegistrationStatus::Cancelled);
}

TEST_P(ExportSourceTest, FirstCheckInIsTheFirstAdmissionAnywhereAndItsKiosk) {
  const std::map<std::string, Attendee> rows = byRef({});
  // D1 left and came back through kiosk-2; the list keeps the first admission.
  EXPECT_EQ(rows.at("D1").firstCheckInUs, kConferenceMorning);
  EXPECT_EQ(rows.at("D1").device, "kiosk-1");
  EXPECT_EQ(rows.at("D2").firstCheckInUs, kConferenceMorning + 5 * kMinute);
  EXPECT_EQ(rows.at("D2").device, "kiosk-2");
  // Straight into a session is checked in, as the attendance summary counts it.
  EXPECT_EQ(rows.at("D6").firstCheckInUs, kConferenceMorning + 20 * kMinute);
  EXPECT_EQ(rows.at("D6").device, "kiosk-2");
  EXPECT_EQ(rows.at("D3").firstCheckInUs, std::nullopt);
  EXPECT_EQ(rows.at("D1").sessionAdmissionUs, std::nullopt) << "only a session export has the column";
}

TEST_P(ExportSourceTest, CheckedInMeansAdmittedAnywhereWhateverTheStatusNow) {
  EXPECT_THAT(refs(only(Attendance::CheckedIn)), ElementsAre("D1", "D2", "D4", "D6"));
}

TEST_P(ExportSourceTest, AbsentListsActiveDelegatesNeverAdmitted) {
  EXPECT_THAT(refs(only(Attendance::Absent)), ElementsAre("D3", "D7"));
}

TEST_P(ExportSourceTest, CategoryFilterCombinesWithAttendance) {
  EXPECT_THAT(refs(only(Attendance::All, 0, "speaker")), ElementsAre("D2", "D5"));
  EXPECT_THAT(refs(only(Attendance::CheckedIn, 0, "speaker")), ElementsAre("D2"));
  EXPECT_THAT(refs(only(Attendance::Absent, 0, "speaker")), IsEmpty());
  EXPECT_THAT(refs(only(Attendance::All, 0, "press")), IsEmpty());
}

TEST_P(ExportSourceTest, SessionListHoldsTheRegisteredAndTheAdmitted) {
  const AttendeeFilter all = only(Attendance::All, m_session);
  EXPECT_THAT(refs(all), ElementsAre("D2", "D3", "D6"));
  const std::map<std::string, Attendee> rows = byRef(all);
  EXPECT_EQ(rows.at("D2").sessionAdmissionUs, kConferenceMorning + 10 * kMinute);
  EXPECT_EQ(rows.at("D2").firstCheckInUs, kConferenceMorning + 5 * kMinute);
  EXPECT_EQ(rows.at("D6").sessionAdmissionUs, kConferenceMorning + 20 * kMinute);
  EXPECT_EQ(rows.at("D3").sessionAdmissionUs, std::nullopt);
  EXPECT_THAT(refs(only(Attendance::CheckedIn, m_session)), ElementsAre("D2", "D6"));
  EXPECT_THAT(refs(only(Attendance::Absent, m_session)), ElementsAre("D3"));
  EXPECT_THAT(refs(only(Attendance::CheckedIn, m_session, "speaker")), ElementsAre("D2"));
}

TEST_P(ExportSourceTest, SessionListFileSaysWhoAttendedTheSessionBesideTheEntrance) {
  const AttendeeFilter filter = only(Attendance::All, m_session);
  std::string bytes;
  absl::StatusOr<domain::EventTimeZone> prague = domain::EventTimeZone::create("Europe/Prague");
  ASSERT_TRUE(prague.ok());
  exports::CsvWriter writer(domain::attendeeColumns(/*withSession=*/true), exports::CsvFormat{}, *prague,
                            [&bytes](std::string_view chunk) {
                              bytes += chunk;
                              return absl::OkStatus();
                            });
  ASSERT_TRUE(domain::writeAttendees(*m_source, filter, writer, {}).ok());

  absl::StatusOr<domain::CsvReader> reader = domain::CsvReader::open(bytes);
  ASSERT_TRUE(reader.ok()) << reader.status();
  const std::vector<std::string> header = reader->header();
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  ASSERT_LT(column("attended_session"), header.size());
  std::map<std::string, std::pair<std::string, std::string>> entranceAndSession;
  domain::CsvRecord record;
  while (*reader->next(record)) {
    entranceAndSession[std::string(record.fields()[column("external_ref")])] = {
        std::string(record.fields()[column("checked_in")]), std::string(record.fields()[column("attended_session")])};
  }
  using EntranceAndSession = std::pair<std::string, std::string>;
  EXPECT_EQ(entranceAndSession.at("D2"), EntranceAndSession("yes", "yes"));
  EXPECT_EQ(entranceAndSession.at("D3").second, "no") << "registered for the session, never admitted to it";
}

TEST_P(ExportSourceTest, UnknownSessionIsNotFound) {
  const absl::Status status = m_source->forEachAttendee(only(Attendance::All, m_session + 100),
                                                        [](const domain::AttendeeRow&) { return absl::OkStatus(); });
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
}

TEST_P(ExportSourceTest, BadgePrintedMeansThePrintOfTheCurrentBadge) {
  const std::map<std::string, Attendee> rows = byRef({});
  EXPECT_TRUE(rows.at("D1").badgePrinted);
  EXPECT_FALSE(rows.at("D2").badgePrinted);
  EXPECT_FALSE(rows.at("D7").badgePrinted) << "reissued after its print";
}

// Each row's prints are told apart from those of the delegates before it, after it and left out.
TEST_P(ExportSourceTest, BadgePrintedHoldsForEachRowOfAFilteredList) {
  print("D3");
  print("D6", /*success=*/false);
  const std::map<std::string, Attendee> session = byRef(only(Attendance::All, m_session));
  EXPECT_FALSE(session.at("D2").badgePrinted);
  EXPECT_TRUE(session.at("D3").badgePrinted);
  EXPECT_FALSE(session.at("D6").badgePrinted) << "its print failed";
  const std::map<std::string, Attendee> checkedIn = byRef(only(Attendance::CheckedIn));
  EXPECT_TRUE(checkedIn.at("D1").badgePrinted);
  EXPECT_FALSE(checkedIn.at("D2").badgePrinted);
  EXPECT_FALSE(checkedIn.at("D4").badgePrinted);
  EXPECT_FALSE(checkedIn.at("D6").badgePrinted);
  const std::map<std::string, Attendee> absent = byRef(only(Attendance::Absent));
  EXPECT_TRUE(absent.at("D3").badgePrinted);
  EXPECT_FALSE(absent.at("D7").badgePrinted) << "reissued after its print";
}

TEST_P(ExportSourceTest, ScanLogHoldsEveryScanInIdOrderForgedAndRefusedIncluded) {
  const std::vector<Scan> rows = scans();
  ASSERT_EQ(rows.size(), 10u);
  for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_LT(rows[i - 1].id, rows[i].id);
  std::vector<CheckInOutcome> outcomes;
  for (const Scan& s : rows) outcomes.push_back(s.outcome);
  EXPECT_THAT(outcomes, ElementsAre(CheckInOutcome::Admitted, CheckInOutcome::Admitted, CheckInOutcome::Admitted,
                                    CheckInOutcome::Admitted, CheckInOutcome::Admitted,
                                    CheckInOutcome::AlreadyCheckedIn, CheckInOutcome::CheckedOut,
                                    CheckInOutcome::Admitted, CheckInOutcome::ForgedCode, CheckInOutcome::UnknownCode));
  EXPECT_EQ(rows[0].device, "kiosk-1");
  EXPECT_EQ(rows[0].ref, "D1");
  EXPECT_EQ(rows[0].name, "Antonín Dvořák");
  EXPECT_EQ(rows[0].serverTimeUs, kConferenceMorning);
  EXPECT_EQ(rows[2].sessionId, m_session);
  EXPECT_EQ(rows[2].sessionTitle, "Signing of the Charter");
  EXPECT_EQ(rows[6].direction, Direction::Out);
  EXPECT_EQ(rows[8].scannedCode, "FORGED-CODE-=cmd");
  EXPECT_EQ(rows[8].ref, "");
  EXPECT_EQ(rows[9].scannedCode, "no-such-ticket");
  // A ticket code that worked is a credential: it is logged but never exported.
  EXPECT_EQ(rows[1].ref, "D2");
  EXPECT_EQ(rows[1].scannedCode, "");
}

TEST_P(ExportSourceTest, ScanLogFileMarksOfflineUploadsWithTheirUploadTimeAndConflict) {
  // D5, cancelled, admitted at 09:40 by an offline kiosk that uploads at 10:00.
  domain::CheckInCommand upload = scan("D5", m_kiosk2, kConferenceMorning + 60 * kMinute);
  upload.scanTimeUs = kConferenceMorning + 40 * kMinute;
  upload.offlineOutcome = CheckInOutcome::Admitted;
  EXPECT_EQ(outcomeOf(upload), CheckInOutcome::Admitted);
  std::string bytes;
  absl::StatusOr<domain::EventTimeZone> prague = domain::EventTimeZone::create("Europe/Prague");
  ASSERT_TRUE(prague.ok());
  exports::CsvWriter writer(domain::scanLogColumns(), exports::CsvFormat{}, *prague, [&bytes](std::string_view chunk) {
    bytes += chunk;
    return absl::OkStatus();
  });
  ASSERT_TRUE(domain::writeScanLog(*m_source, writer, {}).ok());

  absl::StatusOr<domain::CsvReader> reader = domain::CsvReader::open(bytes);
  ASSERT_TRUE(reader.ok()) << reader.status();
  const std::vector<std::string> header = reader->header();
  EXPECT_THAT(std::vector<std::string>(header.end() - 3, header.end()),
              ElementsAre("offline", "upload_time", "conflict"));
  std::vector<std::vector<std::string>> rows;
  domain::CsvRecord record;
  while (*reader->next(record)) {
    rows.emplace_back(record.fields().end() - 3, record.fields().end());
    rows.back().insert(rows.back().begin(), std::string(record.fields()[2]));  // scan_time
  }
  ASSERT_EQ(rows.size(), 11u);
  EXPECT_THAT(rows[0], ElementsAre("2026-05-12 08:59:59", "no", "", ""));
  EXPECT_THAT(rows[10], ElementsAre("2026-05-12 09:40:00", "yes", "2026-05-12 10:00:00",
                                    "Admitted offline after the registration was cancelled."));
}

TEST_P(ExportSourceTest, AnExportReadsOneSnapshotWhileCheckInsGoOn) {
  bool checkedInDuringExport = false;
  std::vector<std::string> checkedIn;
  const absl::Status status =
      m_source->forEachAttendee(only(Attendance::CheckedIn), [&](const domain::AttendeeRow& row) {
        if (!checkedInDuringExport) {
          // The export's open read must not hold up the store's writer.
          checkedInDuringExport = true;
          admit("D3", m_kiosk1, kConferenceMorning + 40 * kMinute);
        }
        checkedIn.emplace_back(row.externalRef);
        return absl::OkStatus();
      });
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_THAT(checkedIn, ElementsAre("D1", "D2", "D4", "D6"));
  EXPECT_THAT(refs(only(Attendance::CheckedIn)), ElementsAre("D1", "D2", "D3", "D4", "D6"));
}

TEST_P(ExportSourceTest, ACallbackErrorStopsTheExport) {
  int calls = 0;
  const absl::Status status = m_source->forEachAttendee({}, [&](const domain::AttendeeRow&) {
    ++calls;
    return absl::CancelledError("client went away");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(calls, 1);
  // The connection goes back clean and serves the next export.
  EXPECT_EQ(attendees({}).size(), 7u);
  EXPECT_EQ(scans().size(), 10u);
}

TEST_P(ExportSourceTest, ADatabaseWithoutAnEventIsRefused) {
  if (GetParam() == Backend::Sqlite) {
    EXPECT_EQ(openSource(m_dir.file("missing.db")).status().code(), absl::StatusCode::kFailedPrecondition);
    return;
  }
  const absl::Status empty = openSource(lanyard::testing::postgresCluster().createDatabase()).status();
  EXPECT_EQ(empty.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(empty.message()), ::testing::HasSubstr("holds no event"));
  const absl::Status unreachable =
      openSource("postgresql://lanyard:s3cret@/cities?host=" + m_dir.path().string() + "&port=1").status();
  EXPECT_EQ(unreachable.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(unreachable.message()), ::testing::HasSubstr("postgresql://lanyard:***@/cities"));
}

INSTANTIATE_BACKENDS(ExportSourceTest);

TEST(SqliteExportSourceTest, AnInMemoryDatabaseIsRefused) {
  EXPECT_EQ(SqliteExportSource::open(":memory:").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace lanyard::server::storage
