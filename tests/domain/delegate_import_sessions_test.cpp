// parseSessionsCsv: sessions in the event's time zone, and what it refuses.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "delegate_import_fixture.h"
#include "domain/delegate_import.h"
#include "domain/str_cat.h"

namespace lanyard::server::domain {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr TimeUs kUsPerSecond = 1'000'000;
// 2026-05-12 07:00:00 UTC, which is 09:00 summer time in Prague.
constexpr TimeUs kMay12NineInPrague = 1'778'569'200 * kUsPerSecond;

// --- Sessions -------------------------------------------------------------------------------

constexpr std::string_view kSessionsCsv =
    "external_ref,title,room,start,end,capacity,registration_required\n"
    "S-CHARTER,Signing of the Integrating Cities Charter,Main Hall,2026-05-12 09:00,"
    "2026-05-12 10:30,,no\n"
    "S-FINAL,Final partner meeting,Room 2.14,12.05.2026 14:00,12.05.2026 16:00,40,yes\n"
    "S-REMOTE,Remote keynote,Online,2026-05-13T07:00:00Z,2026-05-13T10:00:00+02:00,0,\n";

TEST(DelegateImportSessionsTest, ImportsSessionsInEventTime) {
  absl::StatusOr<std::vector<Session>> sessions = parseSessionsCsv(kSessionsCsv, "Europe/Prague");
  ASSERT_TRUE(sessions.ok()) << sessions.status();
  ASSERT_EQ(sessions->size(), 3u);
  const Session& charter = (*sessions)[0];
  EXPECT_EQ(charter.externalRef, "S-CHARTER");
  EXPECT_EQ(charter.title, "Signing of the Integrating Cities Charter");
  EXPECT_EQ(charter.room, "Main Hall");
  EXPECT_EQ(charter.startUs, kMay12NineInPrague);
  EXPECT_EQ(charter.endUs, kMay12NineInPrague + 90 * 60 * kUsPerSecond);
  EXPECT_EQ(charter.capacity, 0);
  EXPECT_FALSE(charter.registrationRequired);
  EXPECT_EQ(charter.id, 0);

  const Session& meeting = (*sessions)[1];
  EXPECT_EQ(meeting.startUs, kMay12NineInPrague + 5 * 3600 * kUsPerSecond);
  EXPECT_EQ(meeting.capacity, 40);
  EXPECT_TRUE(meeting.registrationRequired);

  const Session& remote = (*sessions)[2];
  EXPECT_EQ(remote.startUs, kMay12NineInPrague + 24 * 3600 * kUsPerSecond);
  EXPECT_EQ(remote.endUs, remote.startUs + 3600 * kUsPerSecond);  // Offsets win over the zone.
}

TEST(DelegateImportSessionsTest, RejectsEndNotAfterStart) {
  EXPECT_EQ(sessionsError("title,start,end\nA,2026-05-12 10:00,2026-05-12 09:00\n"),
            "line 2, column \"end\": the end (2026-05-12 09:00) is not after the start "
            "(2026-05-12 10:00)");
  EXPECT_THAT(sessionsError("title,start,end\nA,2026-05-12 09:00,2026-05-12T07:00:00Z\n"),
              HasSubstr("is not after the start"));
}

TEST(DelegateImportSessionsTest, RejectsUnparseableDateNamingTheProblem) {
  EXPECT_EQ(sessionsError("title,start,end\nA,2026-05-12 09:00,2026-05-12 10:00\n"
                          "B,2026-13-45 25:99,2026-05-12 10:00\n"),
            "line 3, column \"start\": \"2026-13-45 25:99\": month 13 is not between 1 and 12");
  EXPECT_EQ(sessionsError("title,start,end\nA,2026-03-29 02:30,2026-03-29 04:00\n"),
            "line 2, column \"start\": \"2026-03-29 02:30\": this local time does not exist in "
            "Europe/Prague (the clocks go forward then)");
  EXPECT_EQ(sessionsError("title,start,end\nA,2026-05-12 09:00,\n"), "line 2, column \"end\": missing date and time");
}

TEST(DelegateImportSessionsTest, RejectsBadCapacity) {
  for (const std::string_view bad : {"-5", "ten", "1.5", "2147483648"}) {
    EXPECT_THAT(sessionsError(strCat("title,start,end,capacity\nA,2026-05-12 09:00,"
                                     "2026-05-12 10:00,",
                                     bad, "\n")),
                StartsWith(strCat("line 2, column \"capacity\": capacity \"", bad,
                                  "\" is not a whole number from 0 to 2147483647")))
        << bad;
  }
}

TEST(DelegateImportSessionsTest, ReadsYesNoSpellings) {
  absl::StatusOr<std::vector<Session>> sessions = parseSessionsCsv(
      "title,start,end,Registration Required\n"
      "A,2026-05-12 09:00,2026-05-12 10:00,TRUE\n"
      "B,2026-05-12 09:00,2026-05-12 10:00,1\n"
      "C,2026-05-12 09:00,2026-05-12 10:00,ano\n"
      "D,2026-05-12 09:00,2026-05-12 10:00,false\n",
      "Europe/Prague");
  ASSERT_TRUE(sessions.ok()) << sessions.status();
  ASSERT_EQ(sessions->size(), 4u);
  EXPECT_TRUE((*sessions)[0].registrationRequired);
  EXPECT_TRUE((*sessions)[1].registrationRequired);
  EXPECT_TRUE((*sessions)[2].registrationRequired);
  EXPECT_FALSE((*sessions)[3].registrationRequired);
  EXPECT_EQ(sessionsError("title,start,end,registration_required\n"
                          "A,2026-05-12 09:00,2026-05-12 10:00,maybe\n"),
            "line 2, column \"registration_required\": \"maybe\" is not yes or no (also "
            "accepted: true/false, 1/0, empty)");
}

TEST(DelegateImportSessionsTest, RejectsDuplicateRefAndMissingTitle) {
  EXPECT_EQ(sessionsError("external_ref,title,start,end\n"
                          "S-1,A,2026-05-12 09:00,2026-05-12 10:00\n"
                          "S-1,B,2026-05-12 11:00,2026-05-12 12:00\n"),
            "line 3, column \"external_ref\": duplicate external reference \"S-1\" (first on "
            "line 2)");
  EXPECT_EQ(sessionsError("title,start,end\n,2026-05-12 09:00,2026-05-12 10:00\n"),
            "line 2, column \"title\": missing title");
}

TEST(DelegateImportSessionsTest, RejectsMissingHeaderAndUnknownZone) {
  EXPECT_EQ(sessionsError("title,begins,end\nA,2026-05-12 09:00,2026-05-12 10:00\n"),
            "line 1: missing required column: start; found: \"title\", \"begins\", \"end\"");
  EXPECT_THAT(sessionsError(kSessionsCsv, "Europe/Pargue"), HasSubstr("unknown time zone"));
}

TEST(DelegateImportSessionsTest, RejectsInvalidUtf8InTitle) {
  EXPECT_EQ(sessionsError("title;room;start;end\nZáv\xECre\xE8n\xE9;A;2026-05-12 09:00;"
                          "2026-05-12 10:00\n"),
            "line 2, column \"title\": invalid UTF-8");
}

}  // namespace
}  // namespace lanyard::server::domain
