#include "api/export/table_export.h"

#include <gtest/gtest.h>

namespace pairwise::api {
namespace {

TEST(ToCsvTest, QuotesWhatRfc4180AsksAndNothingElse) {
  ExportTable t{"t", "T", {"Name", "Count", "Rate"}, {}};
  t.rows.push_back({std::string("Plain"), int64_t{3}, 0.91});
  t.rows.push_back({std::string("O'Brien, \"Ana\""), int64_t{-2}, 12.0});
  t.rows.push_back({std::string("two\nlines"), int64_t{0}, -0.0});
  t.rows.push_back({std::string("=SUM(A1)"), int64_t{1}, 1.23456});
  EXPECT_EQ(ToCsv(t),
            "Name,Count,Rate\r\n"
            "Plain,3,0.91\r\n"
            "\"O'Brien, \"\"Ana\"\"\",-2,12\r\n"
            "\"two\nlines\",0,0\r\n"
            "'=SUM(A1),1,1.2346\r\n");
}

TEST(ToXlsxTest, WritesAWorkbookAndLeavesNoFile) {
  ExportTable a{"funnel", "Funnel", {"Step", "People"}, {{std::string("Applied"), int64_t{12}}}};
  ExportTable b{"goals", "Goals", {"Goals", "Count"}, {{std::string("Set"), int64_t{4}}}};
  auto bytes = ToXlsx({a, b});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  ASSERT_GT(bytes->size(), 1000u);
  EXPECT_EQ(bytes->substr(0, 2), "PK");  // a zip container
  EXPECT_NE(bytes->find("xl/worksheets/sheet2.xml"), std::string::npos);
}

TEST(ToXlsxTest, RefusesABadSheetName) {
  ExportTable bad{"a/b", "Bad", {"x"}, {}};
  auto bytes = ToXlsx({bad});
  EXPECT_FALSE(bytes.ok());
}

TEST(TableStreamTest, CsvRowByRowIsWhatToCsvWrites) {
  ExportTable t{"people", "People", {"Name", "Level"}, {}};
  t.rows.push_back({std::string("Ana, \"the\" first"), int64_t{3}});
  t.rows.push_back({std::string("-1"), 0.5});
  auto stream = TableStream::Open("csv", t);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  for (const auto& row : t.rows) (*stream)->Add(row);
  EXPECT_EQ((*stream)->rows(), 2);
  auto text = (*stream)->Finish();
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, ToCsv(t));
}

TEST(TableStreamTest, XlsxHoldsEveryRow) {
  ExportTable t{"people", "People", {"Name", "Level"}, {}};
  auto stream = TableStream::Open("xlsx", t);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  for (int i = 0; i < 5000; ++i) {
    (*stream)->Add({std::string("Person ") + std::to_string(i), int64_t{i % 9}});
  }
  EXPECT_EQ((*stream)->rows(), 5000);
  auto bytes = (*stream)->Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(bytes->substr(0, 2), "PK");
}

TEST(TableStreamTest, UnknownFormatNamesTheField) {
  auto stream = TableStream::Open("pdf", ExportTable{"t", "T", {"x"}, {}});
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.status().field(), "format");
}

}  // namespace
}  // namespace pairwise::api
