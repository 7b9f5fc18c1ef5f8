#include "domain/people/import/csv.h"

#include <gtest/gtest.h>

#include "domain/people/test_util.h"

namespace pairwise::domain::import {
namespace {

using Fields = std::vector<std::string>;

TEST(Csv, ReadsHeaderAndRowsWithLfOrCrlf) {
  for (std::string_view text :
       {"a,b,c\n1,2,3\n4,5,6\n", "a,b,c\r\n1,2,3\r\n4,5,6\r\n", "a,b,c\r\n1,2,3\n4,5,6"}) {
    CsvTable t = ParseCsv(text);
    EXPECT_TRUE(t.issues.empty()) << text;
    EXPECT_EQ(t.header, (Fields{"a", "b", "c"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.Fields(t.rows[0]), (Fields{"1", "2", "3"}));
    EXPECT_EQ(t.Fields(t.rows[1]), (Fields{"4", "5", "6"}));
    EXPECT_EQ(t.rows[0].row, 2);
    EXPECT_EQ(t.rows[1].row, 3);
  }
}

TEST(Csv, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  CsvTable t = ParseCsv(
      "name,title\r\n\"Doe, Jane\",\"The "
      "\"\"Boss\"\"\"\r\n\"two\r\nlines\",\"a\nb\"\r\nlast,\"\"\r\n");
  EXPECT_TRUE(t.issues.empty());
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.Fields(t.rows[0]), (Fields{"Doe, Jane", "The \"Boss\""}));
  EXPECT_EQ(t.Fields(t.rows[1]), (Fields{"two lines", "a b"}));
  EXPECT_EQ(t.Fields(t.rows[2]), (Fields{"last", ""}));
  // Rows are counted as records, lines physically.
  EXPECT_EQ(t.rows[1].row, 3);
  EXPECT_EQ(t.rows[2].row, 4);
  EXPECT_EQ(t.rows[2].line, 6);
}

TEST(Csv, SkipsTheByteOrderMark) {
  CsvTable t = ParseCsv(
      "\xEF\xBB\xBF"
      "employee_id,email\nE1,a@b.co\n");
  EXPECT_TRUE(t.issues.empty());
  EXPECT_EQ(t.header, (Fields{"employee_id", "email"}));
  ASSERT_EQ(t.rows.size(), 1u);
}

TEST(Csv, EmptyFieldsAndTrailingComma) {
  CsvTable t = ParseCsv("a,b,c\n,,\n1,,\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.Fields(t.rows[0]), (Fields{"", "", ""}));
  EXPECT_EQ(t.Fields(t.rows[1]), (Fields{"1", "", ""}));
}

TEST(Csv, BlankLinesAreNotRecords) {
  CsvTable t = ParseCsv("a,b\n\n1,2\r\n\r\n3,4\n\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].row, 2);
  EXPECT_EQ(t.rows[1].row, 3);
  EXPECT_EQ(t.rows[1].line, 5);
}

TEST(Csv, RaggedRowsAreCountedNotKept) {
  CsvTable t = ParseCsv("a,b,c\n1,2\n1,2,3,4\n1,2,3\n");
  EXPECT_TRUE(t.issues.empty());
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].field_count, 2u);
  EXPECT_TRUE(t.Fields(t.rows[0]).empty());
  EXPECT_EQ(t.rows[1].field_count, 4u);
  EXPECT_TRUE(t.Fields(t.rows[1]).empty());
  EXPECT_EQ(t.Fields(t.rows[2]), (Fields{"1", "2", "3"}));
}

// HRIS exports break long titles and addresses over lines inside quotes (RFC 4180 allows it):
// each line break, with the spaces around it, becomes one space, whatever the line ends.
TEST(Csv, LineBreaksInsideQuotesBecomeOneSpace) {
  for (std::string_view text : {"id,title,address\r\n1,\"Senior Engineer,\r\nPlatform\",\"1 Main "
                                "St\r\n\r\n  Springfield\"\r\n"
                                "2,x,y\r\n",
                                "id,title,address\n1,\"Senior Engineer,\nPlatform\",\"1 Main "
                                "St\n\n  Springfield\"\n2,x,y\n",
                                "id,title,address\r1,\"Senior Engineer, \rPlatform\",\"1 Main "
                                "St\r\r  Springfield\"\r2,x,y\r"}) {
    CsvTable t = ParseCsv(text);
    EXPECT_TRUE(t.issues.empty()) << text;
    ASSERT_EQ(t.rows.size(), 2u) << text;
    EXPECT_EQ(t.Fields(t.rows[0]),
              (Fields{"1", "Senior Engineer, Platform", "1 Main St Springfield"}));
    EXPECT_EQ(t.rows[0].row, 2);
    EXPECT_EQ(t.rows[1].row, 3);
  }
}

// A garbage file: every problem is counted, the first kMaxListedProblems are kept.
TEST(Csv, ProblemsBeyondTheListedOnesAreCounted) {
  std::string text = "a,b\n";
  for (int i = 0; i < 3000; ++i) text += "x\"y,\xFF\n";  // a stray quote and bad UTF-8
  CsvTable t = ParseCsv(text);
  EXPECT_EQ(t.issue_count, 6000);
  ASSERT_EQ(t.issues.size(), kMaxListedProblems);
  EXPECT_EQ(t.issues.front().row, 2);
  EXPECT_EQ(t.issues.back().row, 2 + 499);
  EXPECT_EQ(t.rows.size(), 3000u);
}

TEST(Csv, HeaderTooWideOrTooLongIsReportedAndCut) {
  std::string header(kMaxColumns + 5, ',');
  header += "\n";
  CsvTable wide = ParseCsv(header);
  ASSERT_EQ(wide.issues.size(), 1u);
  EXPECT_EQ(wide.issues[0].code, "too_many_columns");
  EXPECT_EQ(wide.header.size(), kMaxColumns);

  // Cut between characters: "é" is two bytes.
  std::string long_header = "id," + std::string(kMaxHeaderBytes - 1, 'x') + "\xC3\xA9\n";
  CsvTable cut = ParseCsv(long_header);
  ASSERT_EQ(cut.issues.size(), 1u);
  EXPECT_EQ(cut.issues[0].code, "bad_header");
  EXPECT_EQ(cut.issues[0].column, 1);
  EXPECT_EQ(cut.header[1], std::string(kMaxHeaderBytes - 1, 'x'));
}

TEST(Csv, InvalidUtf8IsReportedByRowAndColumnAndReplaced) {
  CsvTable t = ParseCsv("a,b\nok,caf\xE9\n\xC3\xA9t\xC3\xA9,\xF0\x9F\x98\x80\n");
  ASSERT_EQ(t.issues.size(), 1u);
  EXPECT_EQ(t.issues[0].row, 2);
  EXPECT_EQ(t.issues[0].column, 1);
  EXPECT_EQ(t.issues[0].code, "bad_utf8");
  EXPECT_EQ(t.Field(t.rows[0], 1), "caf\xEF\xBF\xBD");
  EXPECT_EQ(t.Fields(t.rows[1]), (Fields{"\xC3\xA9t\xC3\xA9", "\xF0\x9F\x98\x80"}));
}

TEST(Csv, OverlongAndSurrogateEncodingsAreInvalid) {
  CsvTable t = ParseCsv("a\n\xC0\xAF\n\xED\xA0\x80\n");
  ASSERT_EQ(t.issues.size(), 2u);
  EXPECT_EQ(t.issues[0].row, 2);
  EXPECT_EQ(t.issues[1].row, 3);
}

TEST(Csv, StrayQuotesAreReported) {
  CsvTable t = ParseCsv("a,b\nab\"c,x\n\"q\"z,y\n");
  ASSERT_EQ(t.issues.size(), 2u);
  EXPECT_EQ(t.issues[0].code, "bad_quote");
  EXPECT_EQ(t.issues[0].row, 2);
  EXPECT_EQ(t.issues[0].column, 0);
  EXPECT_EQ(t.issues[1].code, "bad_quote");
  EXPECT_EQ(t.issues[1].row, 3);
  EXPECT_EQ(t.Fields(t.rows[0]), (Fields{"ab\"c", "x"}));
  EXPECT_EQ(t.Fields(t.rows[1]), (Fields{"qz", "y"}));
}

TEST(Csv, UnterminatedQuoteIsReportedAtItsRow) {
  CsvTable t = ParseCsv("a,b\n1,2\n3,\"never closed\n4,5\n");
  ASSERT_EQ(t.issues.size(), 1u);
  EXPECT_EQ(t.issues[0].code, "unterminated_quote");
  EXPECT_EQ(t.issues[0].row, 3);
  EXPECT_EQ(t.issues[0].column, 1);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_FALSE(t.rows[0].unterminated);
  EXPECT_TRUE(t.rows[1].unterminated);
}

TEST(Csv, EmptyFileHasNoHeader) {
  for (std::string_view text : {"", "\xEF\xBB\xBF", "\n\n"}) {
    CsvTable t = ParseCsv(text);
    ASSERT_EQ(t.issues.size(), 1u);
    EXPECT_EQ(t.issues[0].code, "empty_file");
  }
}

TEST(Csv, FormatPeopleCsvRoundTrips) {
  PersonRecord p = testing::MakePerson("E1");
  p.job_title = "Director, \"Special\" Projects";
  p.last_name = "O'Neil";
  std::vector<PersonRecord> people = {p, testing::MakePerson("E2", "E1")};
  CsvTable t = ParseCsv(FormatPeopleCsv(people));
  EXPECT_TRUE(t.issues.empty());
  ASSERT_EQ(t.header.size(), 13u);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.Field(t.rows[0], 7), p.job_title);
  EXPECT_EQ(t.Field(t.rows[0], 12), "en;fr");
  EXPECT_EQ(t.Field(t.rows[1], 9), "E1");
}

}  // namespace
}  // namespace pairwise::domain::import
