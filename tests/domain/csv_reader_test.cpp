#include "domain/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/str_cat.h"

namespace lanyard::server::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// One record as copied strings plus its starting line.
struct Row {
  std::int32_t line;
  std::vector<std::string> fields;
};

// Reads every record after the header, or returns the first error.
absl::StatusOr<std::vector<Row>> readAll(CsvReader& reader) {
  std::vector<Row> rows;
  CsvRecord record;
  for (;;) {
    absl::StatusOr<bool> more = reader.next(record);
    if (!more.ok()) {
      return more.status();
    }
    if (!*more) {
      return rows;
    }
    rows.push_back({record.line(), {record.fields().begin(), record.fields().end()}});
  }
}

absl::StatusOr<std::vector<Row>> readAll(std::string_view bytes, CsvOptions options = {}) {
  absl::StatusOr<CsvReader> reader = CsvReader::open(bytes, options);
  if (!reader.ok()) {
    return reader.status();
  }
  return readAll(*reader);
}

// The error message of reading `bytes` to the end, or "" if it succeeds.
std::string errorOf(std::string_view bytes, CsvOptions options = {}) {
  absl::StatusOr<std::vector<Row>> rows = readAll(bytes, options);
  if (rows.ok()) {
    return "";
  }
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(rows.status().message());
}

TEST(CsvReaderTest, ReadsHeaderAndRecords) {
  absl::StatusOr<CsvReader> reader = CsvReader::open("a,b,c\n1,2,3\n4,5,6\n");
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_THAT(reader->header(), ElementsAre("a", "b", "c"));
  EXPECT_EQ(reader->headerLine(), 1);
  absl::StatusOr<std::vector<Row>> rows = readAll(*reader);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_THAT((*rows)[0].fields, ElementsAre("1", "2", "3"));
  EXPECT_EQ((*rows)[0].line, 2);
  EXPECT_THAT((*rows)[1].fields, ElementsAre("4", "5", "6"));
  EXPECT_EQ((*rows)[1].line, 3);
}

TEST(CsvReaderTest, StripsUtf8ByteOrderMark) {
  absl::StatusOr<CsvReader> reader = CsvReader::open("\xEF\xBB\xBFname;city\nDvořák;Praha\n");
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_THAT(reader->header(), ElementsAre("name", "city"));
  EXPECT_EQ(reader->delimiter(), ';');
  absl::StatusOr<std::vector<Row>> rows = readAll(*reader);
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT((*rows)[0].fields, ElementsAre("Dvořák", "Praha"));
}

TEST(CsvReaderTest, ReadsFileWithoutByteOrderMark) {
  absl::StatusOr<CsvReader> reader = CsvReader::open("name,city\r\nBieliūnė,Vilnius\r\n");
  ASSERT_TRUE(reader.ok());
  EXPECT_THAT(reader->header(), ElementsAre("name", "city"));
}

TEST(CsvReaderTest, DetectsSemicolonFromHeader) {
  absl::StatusOr<CsvReader> reader = CsvReader::open("given;family;organisation\nJan;Novák;a,b\n");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->delimiter(), ';');
  absl::StatusOr<std::vector<Row>> rows = readAll(*reader);
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT((*rows)[0].fields, ElementsAre("Jan", "Novák", "a,b"));
}

TEST(CsvReaderTest, IgnoresDelimitersInsideQuotesWhenDetecting) {
  // Two commas inside quotes, one semicolon outside: ';' wins.
  absl::StatusOr<CsvReader> reader = CsvReader::open("\"a,b,c\";d\n1;2\n");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->delimiter(), ';');
  EXPECT_THAT(reader->header(), ElementsAre("a,b,c", "d"));
}

TEST(CsvReaderTest, PrefersCommaOnTieOrSingleColumn) {
  absl::StatusOr<CsvReader> tie = CsvReader::open("a,b;c\n");
  ASSERT_TRUE(tie.ok());
  EXPECT_EQ(tie->delimiter(), ',');
  EXPECT_THAT(tie->header(), ElementsAre("a", "b;c"));
  absl::StatusOr<CsvReader> single = CsvReader::open("name\n");
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->delimiter(), ',');
}

TEST(CsvReaderTest, UnescapesDoubledQuotes) {
  absl::StatusOr<std::vector<Row>> rows = readAll("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n\"\",\"x\"\"\"\n");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_THAT((*rows)[0].fields, ElementsAre("say \"hi\"", "\""));
  EXPECT_THAT((*rows)[1].fields, ElementsAre("", "x\""));
}

TEST(CsvReaderTest, KeepsNewlinesInsideQuotedFields) {
  absl::StatusOr<std::vector<Row>> rows =
      readAll("name,notes\nA,\"wheelchair\r\nneeds ramp\"\nB,\"one\ntwo\nthree\"\nC,plain\n");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].fields[1], "wheelchair\r\nneeds ramp");
  EXPECT_EQ((*rows)[0].line, 2);
  EXPECT_EQ((*rows)[1].fields[1], "one\ntwo\nthree");
  EXPECT_EQ((*rows)[1].line, 4);
  EXPECT_EQ((*rows)[2].line, 7);
  EXPECT_EQ((*rows)[2].fields[0], "C");
}

TEST(CsvReaderTest, CountsLinesAfterMultilineFieldInErrors) {
  // The bad quote is on physical line 5, after a record spanning lines 2-4.
  EXPECT_EQ(errorOf("a,b\n1,\"x\ny\nz\"\n2,bad\"quote\n"),
            "line 5, column 2: quote inside an unquoted field (quote the whole field and double "
            "the quotes inside it)");
}

TEST(CsvReaderTest, SkipsEmptyLines) {
  absl::StatusOr<std::vector<Row>> rows = readAll("\n\r\na,b\n\n1,2\r\n\r\n\n3,4");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].line, 5);
  EXPECT_EQ((*rows)[1].line, 8);
  EXPECT_THAT((*rows)[1].fields, ElementsAre("3", "4"));
}

TEST(CsvReaderTest, ReportsHeaderLineAfterLeadingEmptyLines) {
  absl::StatusOr<CsvReader> reader = CsvReader::open("\n\na\n");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->headerLine(), 3);
}

TEST(CsvReaderTest, TreatsLoneCarriageReturnAsLineBreak) {
  absl::StatusOr<std::vector<Row>> rows = readAll("a,b\r1,2\r3,4\r");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].line, 3);
}

TEST(CsvReaderTest, KeepsEmptyAndTrailingFields) {
  absl::StatusOr<std::vector<Row>> rows = readAll("a,b,c\n,,\n1,,\n");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_THAT((*rows)[0].fields, ElementsAre("", "", ""));
  EXPECT_THAT((*rows)[1].fields, ElementsAre("1", "", ""));
}

TEST(CsvReaderTest, AllowsFewerFieldsThanHeader) {
  absl::StatusOr<std::vector<Row>> rows = readAll("a,b,c\n1\n");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_THAT((*rows)[0].fields, ElementsAre("1"));
}

TEST(CsvReaderTest, ReadsLastRecordWithoutLineBreak) {
  absl::StatusOr<std::vector<Row>> rows = readAll("a,b\n1,\"2\"");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_THAT((*rows)[0].fields, ElementsAre("1", "2"));
}

TEST(CsvReaderTest, RejectsUnterminatedQuotedFieldAtItsStart) {
  EXPECT_EQ(errorOf("a,b,c\n1,2,3\n4,5,6\n7,8,9\n1,2,3\n4,5,6\n7,8,\"open\nnever closed\n"),
            "line 7, column 3: unterminated quoted field");
}

TEST(CsvReaderTest, RejectsQuoteInsideUnquotedField) {
  EXPECT_THAT(errorOf("a,b,c\n1,5\" screen,3\n"), HasSubstr("line 2, column 2: quote inside an unquoted field"));
}

TEST(CsvReaderTest, RejectsCharactersAfterClosingQuote) {
  EXPECT_EQ(errorOf("a,b,c\n1,2,3\n\"x\" y,2\n"), "line 3, column 1: unexpected character after the closing quote");
}

TEST(CsvReaderTest, RejectsRecordWithMoreFieldsThanHeader) {
  EXPECT_EQ(errorOf("a,b\n1,2\n1,2,3\n"), "line 3, column 3: the record has more fields than the header's 2");
}

TEST(CsvReaderTest, RejectsInvalidUtf8WithLineAndColumn) {
  EXPECT_EQ(errorOf("a,b,c\n1,2,3\n4,5,6\nx,Dvo\xF8\x61k,z\n"), "line 4, column 2: invalid UTF-8");
}

TEST(CsvReaderTest, ReportsInvalidUtf8OnLineWhereItsFieldStarts) {
  // The record starts on line 2; its second field starts on line 3.
  EXPECT_EQ(errorOf("a,b\n\"1\n2\",\"x\ny\xC0\xAF\"\n"), "line 3, column 2: invalid UTF-8");
}

TEST(CsvReaderTest, NamesColumnsByHeaderWhenAsked) {
  const CsvOptions options{.nameColumnsByHeader = true};
  EXPECT_EQ(errorOf("id, notes \n1,\"open\n", options), "line 2, column \"notes\": unterminated quoted field");
  EXPECT_EQ(errorOf("id,\n1,a\"b\n", options),
            "line 2, column 2: quote inside an unquoted field (quote the whole field and double "
            "the quotes inside it)");
  EXPECT_EQ(errorOf("id,notes\n1,2,3\n", options), "line 2, column 3: the record has more fields than the header's 2");
}

TEST(CsvReaderTest, LeavesUtf8ToCallerWhenAsked) {
  absl::StatusOr<std::vector<Row>> rows = readAll("a\n\xFF\n", CsvOptions{.validateUtf8 = false});
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ((*rows)[0].fields[0], "\xFF");
}

TEST(CsvReaderTest, ChecksHeaderUtf8Always) {
  absl::StatusOr<CsvReader> reader = CsvReader::open("a,\xC0\xAF\n", CsvOptions{.validateUtf8 = false});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().message(), "line 1, column 2: invalid UTF-8");
}

TEST(CsvReaderTest, RejectsFieldLongerThanLimitWithoutCrashing) {
  const std::string big(kDefaultMaxCsvFieldBytes + 1, 'x');
  EXPECT_EQ(errorOf(strCat("a,b\n1,", big, "\n")), "line 2, column 2: field is longer than the limit of 65536 bytes");
  EXPECT_EQ(errorOf(strCat("a,b\n\"", big, "\",1\n")),
            "line 2, column 1: field is longer than the limit of 65536 bytes");
  EXPECT_EQ(errorOf("a,b\n1,\"12\"\"45\"\n", CsvOptions{.maxFieldBytes = 4}),
            "line 2, column 2: field is longer than the limit of 4 bytes");
  EXPECT_EQ(errorOf(strCat("a,b\n1,", std::string(kDefaultMaxCsvFieldBytes, 'x'), "\n")), "");
}

TEST(CsvReaderTest, RejectsEmptyInput) {
  for (const std::string_view bytes : {"", "\xEF\xBB\xBF", "\r\n\n"}) {
    absl::StatusOr<CsvReader> reader = CsvReader::open(bytes);
    ASSERT_FALSE(reader.ok());
    EXPECT_THAT(reader.status().message(), HasSubstr("empty"));
  }
}

TEST(CsvReaderTest, RejectsUtf16WithAdvice) {
  absl::StatusOr<CsvReader> reader =
      CsvReader::open(std::string_view("\xFF\xFE"
                                       "a\0",
                                       4));
  ASSERT_FALSE(reader.ok());
  EXPECT_THAT(reader.status().message(), HasSubstr("UTF-16"));
}

TEST(CsvReaderTest, StopsAfterError) {
  absl::StatusOr<CsvReader> reader = CsvReader::open("a\n\"x\" y\n2\n");
  ASSERT_TRUE(reader.ok());
  CsvRecord record;
  EXPECT_FALSE(reader->next(record).ok());
  absl::StatusOr<bool> after = reader->next(record);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(*after);
}

TEST(CsvReaderTest, ReadsHundredThousandRowsWithCorrectLines) {
  std::string bytes = "external_ref;given_name;family_name;organisation;city;notes\r\n";
  for (int i = 0; i < 100000; ++i) {
    absl::StrAppend(&bytes, "REF-", i, ";Simona;Bieliūnė;\"Vilnius City \"\"Municipality\"\"\";",
                    "Vilnius;\"needs\r\nramp\"\r\n");
  }
  absl::StatusOr<CsvReader> reader = CsvReader::open(bytes);
  ASSERT_TRUE(reader.ok());
  CsvRecord record;
  int count = 0;
  std::int32_t lastLine = 0;
  for (;;) {
    absl::StatusOr<bool> more = reader->next(record);
    ASSERT_TRUE(more.ok()) << more.status();
    if (!*more) {
      break;
    }
    ++count;
    lastLine = record.line();
  }
  EXPECT_EQ(count, 100000);
  EXPECT_EQ(lastLine, 1 + 2 * 99999 + 1);
  EXPECT_EQ(record.field(3), "Vilnius City \"Municipality\"");
}

}  // namespace
}  // namespace lanyard::server::domain
