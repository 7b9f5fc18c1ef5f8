#include "api/export/table_export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

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

// The file's bytes (the test reads it whole; the server never does).
std::string Bytes(const Result<std::shared_ptr<const FileBody>>& file) {
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  if (!file.ok()) return {};
  auto bytes = (*file)->ReadAll();
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(bytes.ok() ? bytes->size() : 0u, (*file)->size());
  return bytes.ok() ? *bytes : std::string();
}

// Open descriptors of this process on export files (names end in " (deleted)" once unlinked).
int OpenExportFiles() {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code ignored;
    const auto target = std::filesystem::read_symlink(entry.path(), ignored).string();
    if (target.find("pairwise-export-") != std::string::npos) ++n;
  }
  return n;
}

// A fresh temporary directory as TMPDIR for the test's length, put back after.
class ScopedTmpdir {
 public:
  ScopedTmpdir() {
    const char* old = std::getenv("TMPDIR");
    if (old) old_ = old;
    dir_ = std::filesystem::temp_directory_path() /
           ("pairwise-table-export-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    ::setenv("TMPDIR", dir_.c_str(), 1);
  }
  ~ScopedTmpdir() {
    if (old_) {
      ::setenv("TMPDIR", old_->c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
    std::filesystem::remove_all(dir_);
  }
  bool Empty() const { return std::filesystem::is_empty(dir_); }

 private:
  std::filesystem::path dir_;
  std::optional<std::string> old_;
};

TEST(ExportFileOfTest, XlsxHasASheetPerTable) {
  ExportTable a{"funnel", "Funnel", {"Step", "People"}, {{std::string("Applied"), int64_t{12}}}};
  ExportTable b{"goals", "Goals", {"Goals", "Count"}, {{std::string("Set"), int64_t{4}}}};
  const std::vector<ExportTable> tables{a, b};
  const std::string bytes = Bytes(ExportFileOf("xlsx", tables));
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");  // a zip container
  EXPECT_NE(bytes.find("xl/worksheets/sheet2.xml"), std::string::npos);
}

TEST(ExportFileOfTest, CsvIsWhatToCsvWritesForExactlyOneTable) {
  ExportTable t{"t", "T", {"Name", "Count"}, {{std::string("A, \"b\""), int64_t{3}}}};
  EXPECT_EQ(Bytes(ExportFileOf("csv", std::span<const ExportTable>(&t, 1))), ToCsv(t));
  const std::vector<ExportTable> two{t, t};
  auto refused = ExportFileOf("csv", two);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(ExportFileOf("pdf", std::span<const ExportTable>(&t, 1)).ok());
}

TEST(ExportFileOfTest, RefusesABadSheetName) {
  ExportTable bad{"a/b", "Bad", {"x"}, {}};
  EXPECT_FALSE(ExportFileOf("xlsx", std::span<const ExportTable>(&bad, 1)).ok());
}

TEST(TableStreamTest, CsvRowByRowIsWhatToCsvWrites) {
  ExportTable t{"people", "People", {"Name", "Level"}, {}};
  t.rows.push_back({std::string("Ana, \"the\" first"), int64_t{3}});
  t.rows.push_back({std::string("-1"), 0.5});
  // Enough rows to pass the stream's buffer several times.
  for (int i = 0; i < 20000; ++i) {
    t.rows.push_back({std::string("Person ") + std::to_string(i), int64_t{i % 9}});
  }
  auto stream = TableStream::Open("csv", t);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  for (const auto& row : t.rows) (*stream)->Add(row);
  EXPECT_EQ((*stream)->rows(), 20002);
  const std::string text = Bytes((*stream)->Finish());
  ASSERT_GT(text.size(), 200'000u);
  EXPECT_EQ(text, ToCsv(t));
}

TEST(TableStreamTest, XlsxHoldsEveryRow) {
  ExportTable t{"people", "People", {"Name", "Level"}, {}};
  auto stream = TableStream::Open("xlsx", t);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  for (int i = 0; i < 5000; ++i) {
    (*stream)->Add({std::string("Person ") + std::to_string(i), int64_t{i % 9}});
  }
  EXPECT_EQ((*stream)->rows(), 5000);
  const std::string bytes = Bytes((*stream)->Finish());
  EXPECT_EQ(bytes.substr(0, 2), "PK");
}

// The file never has a name while rows are written or after, and its descriptor closes with
// its last holder; a stream abandoned half way (the client left, a read failed) closes too.
TEST(TableStreamTest, TheFileHasNoNameAndClosesWithItsLastHolder) {
  ScopedTmpdir tmpdir;
  ASSERT_EQ(OpenExportFiles(), 0);
  for (const std::string format : {"csv", "xlsx"}) {
    auto stream = TableStream::Open(format, ExportTable{"t", "T", {"x"}, {}});
    ASSERT_TRUE(stream.ok()) << stream.status().ToString();
    for (int i = 0; i < 3000; ++i) (*stream)->Add({int64_t{i}});
    EXPECT_TRUE(tmpdir.Empty()) << format;
    EXPECT_EQ(OpenExportFiles(), 1) << format;
    auto file = (*stream)->Finish();
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    stream->reset();
    EXPECT_TRUE(tmpdir.Empty()) << format;
    EXPECT_EQ(OpenExportFiles(), 1) << format;
    std::shared_ptr<const FileBody> body = std::move(file).value();
    EXPECT_GT(body->size(), 0u);
    body.reset();
    EXPECT_EQ(OpenExportFiles(), 0) << format;

    auto abandoned = TableStream::Open(format, ExportTable{"t", "T", {"x"}, {}});
    ASSERT_TRUE(abandoned.ok());
    (*abandoned)->Add({int64_t{1}});
    abandoned->reset();
    EXPECT_EQ(OpenExportFiles(), 0) << format;
    EXPECT_TRUE(tmpdir.Empty()) << format;
  }
}

TEST(TableStreamTest, UnknownFormatNamesTheField) {
  auto stream = TableStream::Open("pdf", ExportTable{"t", "T", {"x"}, {}});
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.status().field(), "format");
}

}  // namespace
}  // namespace pairwise::api
