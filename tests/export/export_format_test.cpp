#include "export/export_format.h"

#include <dirent.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdio.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "domain/csv_reader.h"
#include "support/temp_dir.h"

namespace lanyard::server::exports {
namespace {

using domain::CsvReader;
using domain::CsvRecord;
using domain::EventTimeZone;
using domain::ExportColumn;
using domain::TimeUs;
using ::testing::HasSubstr;

// 2026-05-12 07:00:05 UTC, 09:00:05 in Prague (summer time).
constexpr TimeUs kMayMorningUs = 1'778'569'205LL * 1'000'000;
// 2026-01-15 12:00:00 UTC, 13:00:00 in Prague (winter time).
constexpr TimeUs kJanuaryNoonUs = 1'768'478'400LL * 1'000'000;

constexpr ExportColumn kColumns[] = {
    {"id", 8},
    {"name", 20},
    {"when", 20},
};

EventTimeZone prague() { return *EventTimeZone::create("Europe/Prague"); }

// Every name the round trip must survive, as the delegates wrote it.
const std::vector<std::string>& trickyNames() {
  static const std::vector<std::string> names = {
      "Antonín Dvořák", "Simona Bieliūnė",        "Тарас Шевченко", "محمد الأحمد",      "Ignacy Łukasiewicz, Kraków",
      "Anna; Müller",   "Jean \"Johnny\" Dupont", "two\nlines",     "windows\r\nbreak", "",
      "  spaced  ",
  };
  return names;
}

// Collects what a writer hands its sink, chunk by chunk.
struct Collected {
  std::vector<std::string> chunks;
  std::string all() const {
    std::string bytes;
    for (const std::string& chunk : chunks) bytes += chunk;
    return bytes;
  }
  ByteSink sink() {
    return [this](std::string_view bytes) {
      chunks.emplace_back(bytes);
      return absl::OkStatus();
    };
  }
};

// The records after the header, parsed by the project's own RFC 4180 reader.
std::vector<std::vector<std::string>> parseCsv(const std::string& bytes, char expectedDelimiter,
                                               std::vector<std::string>* header = nullptr) {
  absl::StatusOr<CsvReader> reader = CsvReader::open(bytes);
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return {};
  EXPECT_EQ(reader->delimiter(), expectedDelimiter);
  if (header != nullptr) *header = reader->header();
  std::vector<std::vector<std::string>> records;
  CsvRecord record;
  while (true) {
    absl::StatusOr<bool> more = reader->next(record);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    records.emplace_back(record.fields().begin(), record.fields().end());
  }
  return records;
}

TEST(CsvWriterTest, RoundTripsEveryScriptQuotesAndLineBreaks) {
  Collected out;
  CsvWriter writer(kColumns, CsvFormat{}, prague(), out.sink());
  const std::vector<std::string>& names = trickyNames();
  for (std::size_t i = 0; i < names.size(); ++i) {
    writer.integer(static_cast<std::int64_t>(i + 1));
    writer.text(names[i]);
    writer.dateTime(std::nullopt);
    ASSERT_TRUE(writer.endRow().ok());
  }
  ASSERT_TRUE(writer.finish().ok());
  EXPECT_EQ(writer.rows(), static_cast<std::int64_t>(names.size()));

  std::vector<std::string> header;
  const auto records = parseCsv(out.all(), ',', &header);
  EXPECT_THAT(header, ::testing::ElementsAre("id", "name", "when"));
  ASSERT_EQ(records.size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    ASSERT_EQ(records[i].size(), 3u) << "record " << i;
    EXPECT_EQ(records[i][0], std::to_string(i + 1));
    EXPECT_EQ(records[i][1], names[i]);
    EXPECT_EQ(records[i][2], "");
  }
}

TEST(CsvWriterTest, QuotesOnlyWhatNeedsQuotingAndEndsRecordsWithCrLf) {
  Collected out;
  CsvWriter writer(kColumns, CsvFormat{}, prague(), out.sink());
  writer.integer(1);
  writer.text("Jean \"Johnny\" Dupont");
  writer.dateTime(std::nullopt);
  ASSERT_TRUE(writer.endRow().ok());
  writer.integer(2);
  writer.text("plain; with semicolon");
  writer.dateTime(std::nullopt);
  ASSERT_TRUE(writer.endRow().ok());
  ASSERT_TRUE(writer.finish().ok());
  EXPECT_EQ(out.all(), "id,name,when\r\n1,\"Jean \"\"Johnny\"\" Dupont\",\r\n2,plain; with semicolon,\r\n");
}

TEST(CsvWriterTest, NeutralisesFormulaLikeTextCells) {
  const std::vector<std::string> formulas = {
      "=HYPERLINK(\"http://evil.example\",\"Click\")", "+420 123", "-2+3", "@SUM(A1:A9)", "\tTabbed", "\rReturn"};
  Collected out;
  CsvWriter writer(kColumns, CsvFormat{}, prague(), out.sink());
  for (const std::string& formula : formulas) {
    writer.integer(-7);
    writer.text(formula);
    writer.dateTime(std::nullopt);
    ASSERT_TRUE(writer.endRow().ok());
  }
  writer.integer(1);
  writer.text("Anna=Müller");
  writer.dateTime(std::nullopt);
  ASSERT_TRUE(writer.endRow().ok());
  ASSERT_TRUE(writer.finish().ok());

  const auto records = parseCsv(out.all(), ',');
  ASSERT_EQ(records.size(), formulas.size() + 1);
  for (std::size_t i = 0; i < formulas.size(); ++i) {
    EXPECT_EQ(records[i][1], "'" + formulas[i]);
    // Numbers are data, not text: a negative number stays a number.
    EXPECT_EQ(records[i][0], "-7");
  }
  EXPECT_EQ(records.back()[1], "Anna=Müller");
  EXPECT_TRUE(looksLikeFormula("=1"));
  EXPECT_FALSE(looksLikeFormula(""));
}

TEST(CsvWriterTest, GuardsTheFirstVisibleCharacterNotTheFirstByte) {
  for (const std::string_view formula :
       {" =HYPERLINK(\"http://evil.example\")", "\uFEFF=1+1", "\u202E=cmd|' /C calc'!A0", "\u00A0\u200B@SUM(A1)",
        "\uFF1DHYPERLINK(\"x\")", "\uFF0B1", "\uFF0D2+3", "\uFF20SUM(A1)", " \t=1", "\r\n=1"}) {
    EXPECT_TRUE(looksLikeFormula(formula)) << formula;
  }
  for (const std::string_view text : {"Anna", " Anna =1", "O'Brien", "\u0645\u06CC", "  ", "\xFF=1"}) {
    EXPECT_FALSE(looksLikeFormula(text)) << text;
  }
  Collected out;
  CsvWriter writer(kColumns, CsvFormat{}, prague(), out.sink());
  writer.integer(1);
  writer.text("\uFF1DHYPERLINK(\"http://evil.example\")");
  writer.dateTime(std::nullopt);
  ASSERT_TRUE(writer.endRow().ok());
  ASSERT_TRUE(writer.finish().ok());
  EXPECT_EQ(parseCsv(out.all(), ',').back()[1], "'\uFF1DHYPERLINK(\"http://evil.example\")");
}

TEST(CsvWriterTest, WritesTheByteOrderMarkAndSemicolonsForEuropeanExcel) {
  Collected out;
  CsvWriter writer(kColumns, CsvFormat{.delimiter = ';', .byteOrderMark = true}, prague(), out.sink());
  writer.integer(1);
  writer.text("Anna; Müller, Düsseldorf");
  writer.dateTime(kMayMorningUs);
  ASSERT_TRUE(writer.endRow().ok());
  ASSERT_TRUE(writer.finish().ok());

  const std::string bytes = out.all();
  ASSERT_GE(bytes.size(), 3u);
  EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(bytes.substr(3), "id;name;when\r\n1;\"Anna; Müller, Düsseldorf\";2026-05-12 09:00:05\r\n");
  const auto records = parseCsv(bytes, ';');
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0][1], "Anna; Müller, Düsseldorf");
}

TEST(CsvWriterTest, WritesDateTimesInTheEventsLocalTime) {
  Collected out;
  CsvWriter writer(kColumns, CsvFormat{}, prague(), out.sink());
  for (TimeUs instant : {kMayMorningUs, kJanuaryNoonUs, kMayMorningUs + 999'999}) {
    writer.integer(1);
    writer.text("x");
    writer.dateTime(instant);
    ASSERT_TRUE(writer.endRow().ok());
  }
  ASSERT_TRUE(writer.finish().ok());
  const auto records = parseCsv(out.all(), ',');
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0][2], "2026-05-12 09:00:05");
  EXPECT_EQ(records[1][2], "2026-01-15 13:00:00");
  EXPECT_EQ(records[2][2], "2026-05-12 09:00:05");  // Sub-second digits are dropped, not rounded.
}

TEST(LocalClockTest, FollowsTheClockChangesOnTheDaysTheyHappen) {
  constexpr TimeUs kSecond = 1'000'000;
  LocalClock clock(prague());
  const auto text = [&](std::int64_t epochSeconds) {
    const LocalDateTime t = clock.toLocal(epochSeconds * kSecond);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02d %02d:%02d:%02d", static_cast<long long>(t.year), t.month,
                  t.day, t.hour, t.minute, t.second);
    return std::string(buffer);
  };
  // The day before is remembered; the change on 2026-03-29 at 01:00 UTC must still show.
  EXPECT_EQ(text(1'774'742'399), "2026-03-29 00:59:59");
  EXPECT_EQ(text(1'774'745'999), "2026-03-29 01:59:59");
  EXPECT_EQ(text(1'774'746'000), "2026-03-29 03:00:00");
  EXPECT_EQ(text(1'774'745'999), "2026-03-29 01:59:59");
  // Back on 2026-10-25 at 01:00 UTC: 02:00-03:00 local happens twice.
  EXPECT_EQ(text(1'792'889'999), "2026-10-25 02:59:59");
  EXPECT_EQ(text(1'792'890'000), "2026-10-25 02:00:00");
  // Ordinary days, asked for again and again in any order.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(text(1'778'569'205), "2026-05-12 09:00:05");
    EXPECT_EQ(text(1'768'478'400), "2026-01-15 13:00:00");
  }
  EXPECT_EQ(text(-1), "1970-01-01 00:59:59");
  // A client clock gone wild is shown as such, without overflowing.
  EXPECT_GT(clock.toLocal(std::numeric_limits<TimeUs>::max()).year, 9999);
  EXPECT_LT(clock.toLocal(std::numeric_limits<TimeUs>::min()).year, 0);
}

TEST(CsvWriterTest, ReplacesInvalidUtf8FromScannersWithReplacementCharacters) {
  Collected out;
  CsvWriter writer(kColumns, CsvFormat{}, prague(), out.sink());
  writer.integer(1);
  writer.text(std::string("code\xFF\xC3", 6));
  writer.dateTime(std::nullopt);
  ASSERT_TRUE(writer.endRow().ok());
  ASSERT_TRUE(writer.finish().ok());
  const auto records = parseCsv(out.all(), ',');
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0][1], "code\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(CsvWriterTest, HandsTheSinkChunksNoLargerThanTheChunkSize) {
  constexpr std::size_t kChunk = 100;
  Collected small;
  Collected whole;
  CsvWriter chunked(kColumns, CsvFormat{}, prague(), small.sink(), kChunk);
  CsvWriter unchunked(kColumns, CsvFormat{}, prague(), whole.sink());
  for (int i = 0; i < 60; ++i) {
    for (CsvWriter* writer : {&chunked, &unchunked}) {
      writer->integer(i);
      writer->text("Ignacy Łukasiewicz");
      writer->dateTime(kMayMorningUs);
      ASSERT_TRUE(writer->endRow().ok());
    }
  }
  EXPECT_TRUE(whole.chunks.empty()) << "nothing is sent before a chunk is full";
  ASSERT_TRUE(chunked.finish().ok());
  ASSERT_TRUE(unchunked.finish().ok());
  EXPECT_GT(small.chunks.size(), 20u);
  for (const std::string& chunk : small.chunks) EXPECT_LE(chunk.size(), kChunk);
  EXPECT_EQ(small.all(), whole.all());
}

TEST(CsvWriterTest, StopsAtTheFirstSinkFailure) {
  int calls = 0;
  CsvWriter writer(
      kColumns, CsvFormat{}, prague(),
      [&](std::string_view) {
        ++calls;
        return absl::ResourceExhaustedError("disk full");
      },
      16);
  writer.integer(1);
  writer.text("Antonín Dvořák");
  writer.dateTime(std::nullopt);
  EXPECT_EQ(writer.endRow().code(), absl::StatusCode::kResourceExhausted);
  writer.integer(2);
  writer.text("Anna Müller");
  writer.dateTime(std::nullopt);
  EXPECT_EQ(writer.endRow().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(writer.finish().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(calls, 1);
}

// --- XLSX ----------------------------------------------------------------------------------------

using lanyard::testing::TempDir;

// How many files and folders `dir` holds.
std::size_t entriesIn(const TempDir& dir) {
  return static_cast<std::size_t>(
      std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()));
}

std::size_t openDescriptors() {
  return static_cast<std::size_t>(
      std::distance(std::filesystem::directory_iterator("/proc/self/fd"), std::filesystem::directory_iterator()));
}

// One member of a zip file, through `unzip -p`.
std::string unzipMember(const std::filesystem::path& zip, const std::string& member) {
  const std::string command = "unzip -p '" + zip.string() + "' '" + member + "' 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string out;
  char buffer[4096];
  while (const std::size_t got = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, got);
  pclose(pipe);
  return out;
}

// The value of `attribute` in the first element of `xml` that starts with `elementStart`.
std::string attributeOf(const std::string& xml, const std::string& elementStart, const std::string& attribute) {
  const std::size_t element = xml.find(elementStart);
  if (element == std::string::npos) return "<no element " + elementStart + ">";
  const std::size_t end = xml.find('>', element);
  const std::size_t at = xml.find(" " + attribute + "=\"", element);
  if (at == std::string::npos || at > end) return "<no attribute " + attribute + ">";
  const std::size_t start = at + attribute.size() + 3;
  return xml.substr(start, xml.find('"', start) - start);
}

// Writes the tricky names and two date-times to an XLSX file in `dir`; returns its path.
std::filesystem::path writeSampleWorkbook(const TempDir& dir, std::vector<std::string>* chunks = nullptr) {
  XlsxOptions options;
  options.sheetName = "Attendees";
  options.tempDir = dir.path().string();
  options.chunkBytes = 1024;
  const std::filesystem::path file = dir.path() / "out.xlsx";
  auto stream = std::make_shared<std::ofstream>(file, std::ios::binary);
  absl::StatusOr<std::unique_ptr<XlsxWriter>> writer =
      XlsxWriter::create(kColumns, options, prague(), [stream, chunks](std::string_view bytes) {
        if (chunks != nullptr) chunks->emplace_back(bytes);
        stream->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return absl::OkStatus();
      });
  EXPECT_TRUE(writer.ok()) << writer.status();
  if (!writer.ok()) return file;
  (*writer)->integer(1);
  (*writer)->text("Тарас Шевченко");
  (*writer)->dateTime(kMayMorningUs - 5'000'000);
  EXPECT_TRUE((*writer)->endRow().ok());
  (*writer)->integer(2);
  (*writer)->text("=HYPERLINK(\"http://evil.example\")");
  (*writer)->dateTime(std::nullopt);
  EXPECT_TRUE((*writer)->endRow().ok());
  (*writer)->integer(3);
  (*writer)->text("Jean \"Johnny\" <Dupont> & Dvořák");
  (*writer)->dateTime(kJanuaryNoonUs);
  EXPECT_TRUE((*writer)->endRow().ok());
  EXPECT_TRUE((*writer)->finish().ok());
  stream->close();
  return file;
}

TEST(XlsxWriterTest, SheetHasAFrozenHeaderAnAutofilterAndUtf8Text) {
  TempDir dir;
  const std::filesystem::path file = writeSampleWorkbook(dir);
  const std::string sheet = unzipMember(file, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty()) << "unzip could not read " << file << " (is the unzip package installed?)";

  EXPECT_EQ(attributeOf(sheet, "<pane ", "state"), "frozen");
  EXPECT_EQ(attributeOf(sheet, "<pane ", "ySplit"), "1");
  EXPECT_EQ(attributeOf(sheet, "<pane ", "topLeftCell"), "A2");
  EXPECT_EQ(attributeOf(sheet, "<autoFilter ", "ref"), "A1:C4");
  EXPECT_THAT(sheet, HasSubstr("<t>id</t>"));
  EXPECT_THAT(sheet, HasSubstr("<t>Тарас Шевченко</t>"));
  EXPECT_THAT(sheet, HasSubstr("<t>Jean \"Johnny\" &lt;Dupont&gt; &amp; Dvořák</t>"));
  // Text is never a formula in XLSX, so it is kept exactly as typed.
  EXPECT_THAT(sheet, HasSubstr("<t>=HYPERLINK(\"http://evil.example\")</t>"));
  EXPECT_THAT(sheet, ::testing::Not(HasSubstr("<f>")));
  EXPECT_THAT(sheet, HasSubstr("<c r=\"A2\"><v>1</v></c>"));
  EXPECT_THAT(unzipMember(file, "xl/workbook.xml"), HasSubstr("name=\"Attendees\""));
}

TEST(XlsxWriterTest, DateTimesAreRealExcelDateTimesInLocalTime) {
  TempDir dir;
  const std::filesystem::path file = writeSampleWorkbook(dir);
  const std::string sheet = unzipMember(file, "xl/worksheets/sheet1.xml");
  const std::string styles = unzipMember(file, "xl/styles.xml");
  ASSERT_FALSE(sheet.empty());
  ASSERT_FALSE(styles.empty());

  // 2026-05-12 09:00:00 in Prague is Excel serial 46154 + 9/24; 2026-01-15 13:00 is 46037 + 13/24.
  const std::size_t may = sheet.find("<c r=\"C2\" s=\"");
  ASSERT_NE(may, std::string::npos) << sheet;
  EXPECT_EQ(sheet.substr(sheet.find("<v>", may), 13), "<v>46154.375<");
  EXPECT_THAT(sheet, HasSubstr("<v>46037.54166666"));
  EXPECT_THAT(sheet, ::testing::Not(HasSubstr("<c r=\"C3\"")));  // No time: an empty cell.

  // The cell's style is a number format "yyyy-mm-dd hh:mm:ss".
  const std::string style = attributeOf(sheet.substr(may), "<c ", "s");
  const std::string formatId = attributeOf(styles, "<numFmt numFmtId", "numFmtId");
  EXPECT_EQ(attributeOf(styles, "<numFmt numFmtId", "formatCode"), "yyyy-mm-dd hh:mm:ss");
  const std::size_t cellXfs = styles.find("<cellXfs");
  ASSERT_NE(cellXfs, std::string::npos);
  std::size_t xf = cellXfs;
  for (int i = 0; i <= std::stoi(style); ++i) xf = styles.find("<xf ", xf + 1);
  ASSERT_NE(xf, std::string::npos);
  EXPECT_EQ(attributeOf(styles.substr(xf), "<xf ", "numFmtId"), formatId);
}

TEST(XlsxWriterTest, StreamsTheFileInChunksAndRemovesItsTemporaryFiles) {
  TempDir dir;
  std::vector<std::string> chunks;
  const std::filesystem::path file = writeSampleWorkbook(dir, &chunks);
  EXPECT_GT(chunks.size(), 3u);
  for (const std::string& chunk : chunks) EXPECT_LE(chunk.size(), 1024u);
  ASSERT_FALSE(chunks.empty());
  EXPECT_EQ(chunks.front().substr(0, 2), "PK");
  EXPECT_EQ(entriesIn(dir), 1u) << "only the test's own out.xlsx is left";
}

TEST(XlsxWriterTest, AnAbandonedWorkbookLeavesNoFileOrDescriptorBehind) {
  TempDir dir;
  const std::size_t descriptorsBefore = openDescriptors();
  {
    XlsxOptions options;
    options.tempDir = dir.path().string();
    int sinkCalls = 0;
    absl::StatusOr<std::unique_ptr<XlsxWriter>> writer =
        XlsxWriter::create(kColumns, options, prague(), [&](std::string_view) {
          ++sinkCalls;
          return absl::OkStatus();
        });
    ASSERT_TRUE(writer.ok()) << writer.status();
    for (int i = 0; i < 2000; ++i) {
      (*writer)->integer(i);
      (*writer)->text("Simona Bieliūnė");
      (*writer)->dateTime(kMayMorningUs);
      ASSERT_TRUE((*writer)->endRow().ok());
    }
    EXPECT_EQ(entriesIn(dir), 1u) << "the workbook is assembled in one temporary file";
    EXPECT_EQ(sinkCalls, 0) << "nothing is sent before finish()";
  }
  EXPECT_EQ(entriesIn(dir), 0u);
  EXPECT_EQ(openDescriptors(), descriptorsBefore);
}

TEST(XlsxWriterTest, ABadSheetNameIsInvalidArgument) {
  TempDir dir;
  XlsxOptions options;
  options.tempDir = dir.path().string();
  options.sheetName = "Attendees [day 1]";
  absl::StatusOr<std::unique_ptr<XlsxWriter>> writer =
      XlsxWriter::create(kColumns, options, prague(), [](std::string_view) { return absl::OkStatus(); });
  EXPECT_EQ(writer.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(entriesIn(dir), 0u);
}

TEST(XlsxWriterTest, AMissingTemporaryDirectoryIsAFailedPrecondition) {
  XlsxOptions options;
  options.tempDir = "/nonexistent/lanyard";
  absl::StatusOr<std::unique_ptr<XlsxWriter>> writer =
      XlsxWriter::create(kColumns, options, prague(), [](std::string_view) { return absl::OkStatus(); });
  EXPECT_EQ(writer.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(writer.status().message()), HasSubstr("/nonexistent/lanyard"));
}

}  // namespace
}  // namespace lanyard::server::exports
