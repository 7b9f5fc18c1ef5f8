#include "cli/import/import_command.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "domain/people/import/testing/fake_audit_log.h"
#include "domain/people/people_service.h"
#include "domain/people/test_util.h"
#include "storage/memory/memory_import_mapping_repository.h"
#include "storage/memory/memory_people_repository.h"

namespace pairwise::cli {
namespace {

using domain::PersonRecord;
using domain::testing::MakePerson;

// Captures what the command prints.
class Capture {
 public:
  Capture() : file_(std::tmpfile()) {}
  ~Capture() { std::fclose(file_); }
  std::FILE* get() { return file_; }
  std::string Text() {
    std::fflush(file_);
    std::rewind(file_);
    std::string text;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, file_)) text.append(buffer, n);
    return text;
  }

 private:
  std::FILE* file_;
};

class ImportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pairwise-import-cli-" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    domain::Directory d;
    d.departments = {{"ENG", "Engineering", "Technology"}};
    d.sites = {{"LON", "London", "GB", "Europe/London"}};
    d.people = {MakePerson("E1"), MakePerson("E2", "E1")};
    ASSERT_TRUE(domain::PeopleService(people_).LoadDirectory(d).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  int Run(ImportCommandOptions options) {
    return RunImportPeople(service_, options, out_.get(), err_.get());
  }

  std::filesystem::path dir_;
  storage::MemoryPeopleRepository people_;
  storage::MemoryImportMappingRepository mappings_;
  domain::testing::FakeAuditLog audit_;
  FakeClock clock_{TimePoint(std::chrono::sys_days(domain::testing::D(2026, 11, 23)))};
  domain::import::ImportService service_{people_, mappings_, audit_, clock_};
  Capture out_, err_;
};

TEST_F(ImportCommandTest, ImportsAndExitsZero) {
  std::vector<PersonRecord> people = {MakePerson("E1"), MakePerson("E3", "E1")};
  const std::string path = Write("people.csv", domain::import::FormatPeopleCsv(people));
  // E2 is missing: one of two marked left, more than the default share.
  EXPECT_EQ(Run({path, /*full=*/true, false, {}}), 2);
  EXPECT_NE(err_.Text().find("this full import would mark 1 of 2 people (50%) as left, more than "
                             "the 10% allowed without confirmation: to go ahead, add "
                             "--confirm-leavers"),
            std::string::npos)
      << err_.Text();
  EXPECT_EQ((*people_.FindByEmployeeId("E2"))->status, domain::EmploymentStatus::kActive);
  EXPECT_TRUE(audit_.entries().empty());
  EXPECT_EQ(Run({path, /*full=*/true, false, {}, /*max_left_percent=*/50}), 0) << err_.Text();
  EXPECT_NE(out_.Text().find("imported: 1 created, 0 updated, 1 unchanged, 1 marked left"),
            std::string::npos)
      << out_.Text();
  EXPECT_TRUE((*people_.FindByEmployeeId("E3")).has_value());
  EXPECT_EQ((*people_.FindByEmployeeId("E2"))->status, domain::EmploymentStatus::kLeft);
  ASSERT_EQ(audit_.entries().size(), 1u);
  EXPECT_EQ(audit_.entries()[0].actor, "local operator");
}

TEST_F(ImportCommandTest, AFullImportOfAHeaderOnlyFileIsRefusedEvenConfirmed) {
  const std::string path = Write("people.csv", domain::import::FormatPeopleCsv({}));
  EXPECT_EQ(Run({path, /*full=*/true, false, {}, 100, /*confirm_leavers=*/true}), 2);
  EXPECT_NE(err_.Text().find("no_rows"), std::string::npos) << err_.Text();
  EXPECT_EQ((*people_.FindByEmployeeId("E1"))->status, domain::EmploymentStatus::kActive);
  EXPECT_EQ((*people_.FindByEmployeeId("E2"))->status, domain::EmploymentStatus::kActive);
}

TEST_F(ImportCommandTest, NewDepartmentsAreListedAndCreatedOnlyWithConfirmNew) {
  PersonRecord e3 = MakePerson("E3", "E1");
  e3.department = "Platform Engineering";
  PersonRecord e4 = MakePerson("E4", "E1");
  e4.department = "engineering";  // ENG's name
  const std::vector<PersonRecord> people = {e3, e4};
  const std::string path = Write("people.csv", domain::import::FormatPeopleCsv(people));
  EXPECT_EQ(Run({path, false, false, {}}), 2);
  const std::string err = err_.Text();
  EXPECT_NE(err.find("new department \"Platform Engineering\" (code PLATFORM-ENGINEERING), named "
                     "on 1 row(s)"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("department \"engineering\" is Engineering (ENG)"), std::string::npos) << err;
  EXPECT_NE(err.find("the file names 1 new department(s) that would be created: to go ahead, add "
                     "--confirm-new"),
            std::string::npos)
      << err;
  EXPECT_FALSE((*people_.FindByEmployeeId("E3")).has_value());
  EXPECT_EQ(people_.ListDepartments()->size(), 1u);

  EXPECT_EQ(Run({path, false, false, {}, 10, false, /*confirm_new=*/true}), 0) << err_.Text();
  EXPECT_EQ((*people_.FindByEmployeeId("E3"))->department, "PLATFORM-ENGINEERING");
  EXPECT_EQ((*people_.FindByEmployeeId("E4"))->department, "ENG");
  EXPECT_EQ(people_.ListDepartments()->size(), 2u);
}

TEST_F(ImportCommandTest, DryRunWritesNothing) {
  std::vector<PersonRecord> people = {MakePerson("E3", "E1")};
  const std::string path = Write("people.csv", domain::import::FormatPeopleCsv(people));
  EXPECT_EQ(Run({path, false, /*dry_run=*/true, {}}), 0) << err_.Text();
  EXPECT_NE(out_.Text().find("dry run"), std::string::npos);
  EXPECT_FALSE((*people_.FindByEmployeeId("E3")).has_value());
  EXPECT_TRUE(audit_.entries().empty());
}

TEST_F(ImportCommandTest, BadRowsExitTwoWithEachErrorByRowAndColumn) {
  const std::string path = Write(
      "people.csv",
      "Employee Number,Legal First Name,Surname,Work Email,Location,Job Title,Grade,Manager ID,"
      "Start Date\r\n"
      "E5,Ann,Bee,not-an-email,LON,Engineer,3,E1,2024-01-02\r\n"
      "E6,Cy,Dee,cy@example.com,LON,Engineer,12,E404,2024-13-01\r\n");
  EXPECT_EQ(Run({path, false, false, {}}), 2);
  const std::string err = err_.Text();
  EXPECT_NE(err.find("row 2, column \"Work Email\" (email): bad_email"), std::string::npos) << err;
  EXPECT_NE(err.find("row 3, column \"Grade\" (level): bad_level"), std::string::npos) << err;
  EXPECT_NE(err.find("row 3, column \"Manager ID\" (manager_employee_id): unknown_manager"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("row 3, column \"Start Date\" (hire_date): bad_date"), std::string::npos)
      << err;
  EXPECT_NE(err.find("4 error(s); nothing was imported"), std::string::npos) << err;
  EXPECT_FALSE((*people_.FindByEmployeeId("E5")).has_value());
}

TEST_F(ImportCommandTest, ABrokenFilePrintsTheFirstErrorsAndTheirCount) {
  std::string csv = "employee_id,first_name,last_name,email,site,job_title,level,hire_date\n";
  for (int i = 0; i < 1500; ++i) {
    csv += "X" + std::to_string(i) + ",A,B,\"bad\x1b]0;owned\x07\",LON,T,3,2024-01-02\n";
  }
  EXPECT_EQ(Run({Write("people.csv", csv), false, false, {}}), 2);
  const std::string err = err_.Text();
  EXPECT_NE(err.find("1500 error(s), the first 1000 listed; nothing was imported"),
            std::string::npos)
      << err.substr(err.size() - 300);
  // Messages echo the file on one line, terminal escapes written out, never sent raw.
  EXPECT_EQ(err.find('\x1b'), std::string::npos);
  EXPECT_NE(err.find("email \"bad\\u001b]0;owned\\u0007\" is not a valid address"),
            std::string::npos);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1001);
}

TEST_F(ImportCommandTest, MapOptionsChooseColumns) {
  const std::string path = Write(
      "people.csv",
      "Ref,first_name,last_name,email,site,job_title,level,manager_employee_id,hire_date,Notes\n"
      "E7,Al,Bo,al@example.com,LON,Engineer,3,E1,2024-01-02,likes tea\n");
  EXPECT_EQ(Run({path, false, false, {}}), 2);  // employee_id has no column
  EXPECT_NE(err_.Text().find("missing_column"), std::string::npos);
  EXPECT_EQ(Run({path, false, false, {"Ref=employee_id", "Notes="}}), 0) << err_.Text();
  EXPECT_TRUE((*people_.FindByEmployeeId("E7")).has_value());
}

TEST_F(ImportCommandTest, BadMapOptionExitsTwoAndMissingFileOne) {
  const std::string path = Write("people.csv", "employee_id\n");
  EXPECT_EQ(Run({path, false, false, {"no-equals-sign"}}), 2);
  EXPECT_EQ(Run({path, false, false, {"Ref=salary"}}), 2);
  EXPECT_EQ(Run({(dir_ / "missing.csv").string(), false, false, {}}), 1);
  EXPECT_NE(err_.Text().find("cannot read"), std::string::npos);
}

TEST_F(ImportCommandTest, StorageFailureExitsOne) {
  std::vector<PersonRecord> people = {MakePerson("E3", "E1")};
  const std::string path = Write("people.csv", domain::import::FormatPeopleCsv(people));
  people_.FailWritesAfter(0, Status::Unavailable("database down"));
  EXPECT_EQ(Run({path, false, false, {}}), 1);
  people_.FailWritesAfter(0, Status::Ok());
  EXPECT_FALSE((*people_.FindByEmployeeId("E3")).has_value());
}

TEST(ParseMapOption, SplitsAtTheLastEqualsSign) {
  auto entry = ParseMapOption("A=B=level");
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(entry->header, "A=B");
  EXPECT_EQ(entry->field, "level");
  EXPECT_EQ(ParseMapOption("Notes=")->field, "");
  EXPECT_FALSE(ParseMapOption("=level").ok());
}

}  // namespace
}  // namespace pairwise::cli
