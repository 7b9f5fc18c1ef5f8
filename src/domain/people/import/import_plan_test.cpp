#include "domain/people/import/import_plan.h"

#include <gtest/gtest.h>

#include "domain/people/test_util.h"

namespace pairwise::domain::import {
namespace {

using testing::D;
using testing::MakePerson;

constexpr std::string_view kHeader =
    "employee_id,first_name,last_name,email,department,site,time_zone,job_title,level,"
    "manager_employee_id,hire_date,status,languages\n";

// Stored: E1 (CEO) <- E2 <- E3, departments ENG "Engineering", sites LON, NYC.
StoredDirectory Stored() {
  StoredDirectory s;
  s.departments = {{"ENG", "Engineering", "Technology"}};
  s.sites = {{"LON", "London", "GB", "Europe/London"},
             {"NYC", "New York", "US", "America/New_York"}};
  int id = 1;
  for (PersonRecord p : {MakePerson("E1"), MakePerson("E2", "E1"), MakePerson("E3", "E2")}) {
    Person person;
    static_cast<PersonRecord&>(person) = p;
    person.id = PersonId{id++};
    s.people.emplace(p.employee_id, person);
  }
  return s;
}

// A row of the standard file for MakePerson(id, manager), with changes.
std::string Row(const PersonRecord& p) {
  std::vector<PersonRecord> one = {p};
  std::string csv = FormatPeopleCsv(one);
  return csv.substr(csv.find('\n') + 1);
}

ImportPlan Plan(std::string_view csv, const StoredDirectory& stored, bool full = false) {
  CsvTable table = ParseCsv(csv);
  ResolvedMapping mapping = ResolveMapping(table.header, {}, {});
  return PlanImport(table, mapping, stored, PlanOptions{full, D(2026, 11, 23)});
}

std::string Describe(const std::vector<ImportError>& errors) {
  std::string out;
  for (const ImportError& e : errors) {
    out += std::to_string(e.row) + " [" + e.column + "] " + e.field + " " + e.code + ": " +
           e.message + "\n";
  }
  return out;
}

bool Has(const ImportPlan& plan, int row, std::string_view field, std::string_view code) {
  for (const ImportError& e : plan.errors) {
    if (e.row == row && e.field == field && e.code == code) return true;
  }
  return false;
}

TEST(ImportPlan, UnchangedUpdatedAndCreatedRows) {
  PersonRecord e2 = MakePerson("E2", "E1");
  e2.last_name = "Renamed";
  PersonRecord e9 = MakePerson("E9", "E2");
  const std::string csv = std::string(kHeader) + Row(MakePerson("E1")) + Row(e2) + Row(e9);
  ImportPlan plan = Plan(csv, Stored());
  ASSERT_TRUE(plan.errors.empty()) << Describe(plan.errors);
  EXPECT_EQ(plan.counts, (ImportCounts{1, 1, 1, 0}));
  ASSERT_EQ(plan.rows.size(), 3u);
  EXPECT_EQ(plan.rows[0].action, RowAction::kUnchanged);
  EXPECT_EQ(plan.rows[1].action, RowAction::kUpdate);
  EXPECT_EQ(plan.rows[1].changed_fields, std::vector<std::string>{"last_name"});
  EXPECT_EQ(plan.rows[2].action, RowAction::kCreate);
  EXPECT_EQ(plan.rows[2].row, 4);
  // Only what changes is written; a new person gets a hire event.
  ASSERT_EQ(plan.changes.people.size(), 2u);
  EXPECT_EQ(plan.change_rows, (std::vector<int>{3, 4}));
  ASSERT_EQ(plan.changes.events.size(), 1u);
  EXPECT_EQ(plan.changes.events[0].kind, PersonEventKind::kHire);
  EXPECT_EQ(plan.changes.events[0].date, e9.hire_date);
}

TEST(ImportPlan, ReportingAttributesOfEveryRowAreWrittenAndCheckedForLength) {
  std::string header(kHeader);
  header.insert(header.size() - 1, ",attribute:gender");
  auto with = [](std::string row, std::string_view value) {
    row.insert(row.size() - (row.ends_with("\r\n") ? 2 : 1), "," + std::string(value));
    return row;
  };
  const std::string csv = header + with(Row(MakePerson("E1")), " woman ") +
                          with(Row(MakePerson("E2", "E1")), "") +
                          with(Row(MakePerson("E9", "E1")), "man");
  ImportPlan plan = Plan(csv, Stored());
  ASSERT_TRUE(plan.errors.empty()) << Describe(plan.errors);
  // Unchanged rows too; an empty cell removes a stored value.
  EXPECT_EQ(plan.changes.attributes,
            (std::vector<ReportingAttribute>{
                {"E1", "gender", "woman"}, {"E2", "gender", ""}, {"E9", "gender", "man"}}));
  EXPECT_TRUE(plan.mapping.unmapped_headers.empty());

  const std::string too_long = header + with(Row(MakePerson("E1")), std::string(101, 'x'));
  ImportPlan bad = Plan(too_long, Stored());
  EXPECT_TRUE(Has(bad, 2, "attribute:gender", "bad_text")) << Describe(bad.errors);
  EXPECT_TRUE(bad.changes.attributes.empty());
}

TEST(ImportPlan, ReportsEveryErrorWithRowAndColumn) {
  const std::string csv = std::string(kHeader) +
                          // row 2: many problems at once
                          ",Ann,,not-an-email,ENG,LON,Mars/Base x,Engineer,11,,2024-02-30,fired,"
                          "english\n"
                          // row 3: fine apart from its level
                          "E10,Bo,Lee,bo@example.com,ENG,LON,,Engineer,x,E1,2024-01-01,active,en\n"
                          // row 4: repeats row 3's id and email, unknown manager
                          "E10,Cy,Ng,BO@example.com,ENG,LON,Europe/London,Engineer,3,E404,"
                          "2024-01-01,,en;en\n"
                          // row 5: ragged
                          "E11,Di\n";
  ImportPlan plan = Plan(csv, Stored());
  EXPECT_TRUE(Has(plan, 2, "employee_id", "missing_field")) << Describe(plan.errors);
  EXPECT_TRUE(Has(plan, 2, "last_name", "missing_field"));
  EXPECT_TRUE(Has(plan, 2, "email", "bad_email"));
  EXPECT_TRUE(Has(plan, 2, "time_zone", "bad_time_zone"));
  EXPECT_TRUE(Has(plan, 2, "level", "bad_level"));
  EXPECT_TRUE(Has(plan, 2, "hire_date", "bad_date"));
  EXPECT_TRUE(Has(plan, 2, "status", "bad_status"));
  EXPECT_TRUE(Has(plan, 2, "languages", "bad_language"));
  EXPECT_TRUE(Has(plan, 3, "level", "bad_level"));
  EXPECT_TRUE(Has(plan, 4, "employee_id", "duplicate_id"));
  EXPECT_TRUE(Has(plan, 4, "email", "duplicate_email"));
  EXPECT_TRUE(Has(plan, 4, "manager_employee_id", "unknown_manager"));
  EXPECT_TRUE(Has(plan, 4, "languages", "bad_language"));
  EXPECT_TRUE(Has(plan, 5, "", "ragged_row"));
  EXPECT_EQ(plan.errors.size(), 14u) << Describe(plan.errors);
  // Columns are named by the file's headers, errors come in reading order.
  EXPECT_EQ(plan.errors[0].column, "employee_id");
  EXPECT_EQ(plan.errors[0].row, 2);
  EXPECT_EQ(plan.errors.back().row, 5);
  EXPECT_TRUE(plan.changes.people.empty());
  EXPECT_TRUE(plan.rows.empty());
}

TEST(ImportPlan, ColumnsAreNamedAsTheFileNamesThem) {
  const std::string csv =
      "Employee Number,Legal First Name,Surname,Work Email,Location,Job Title,Grade,Manager ID,"
      "Start Date\n"
      "E20,Al,Bo,al@example.com,LON,Engineer,4,E1,15/03/2024\n";
  ImportPlan plan = Plan(csv, Stored());
  ASSERT_EQ(plan.errors.size(), 1u) << Describe(plan.errors);
  EXPECT_EQ(plan.errors[0].column, "Start Date");
  EXPECT_EQ(plan.errors[0].field, "hire_date");
  EXPECT_EQ(plan.errors[0].code, "bad_date");
}

TEST(ImportPlan, EmailOfAnotherStoredPersonIsADuplicate) {
  PersonRecord e9 = MakePerson("E9", "E1");
  e9.email = "P.E3@example.com";  // E3's, who keeps it (not in the file)
  ImportPlan plan = Plan(std::string(kHeader) + Row(e9), Stored());
  EXPECT_TRUE(Has(plan, 2, "email", "duplicate_email")) << Describe(plan.errors);

  // Unless the file gives E3 another address.
  PersonRecord e3 = MakePerson("E3", "E2");
  e3.email = "new.e3@example.com";
  plan = Plan(std::string(kHeader) + Row(e9) + Row(e3), Stored());
  EXPECT_TRUE(plan.errors.empty()) << Describe(plan.errors);
}

TEST(ImportPlan, ManagementCycleWithinTheFile) {
  const std::string csv = std::string(kHeader) + Row(MakePerson("A", "B")) +
                          Row(MakePerson("B", "C")) + Row(MakePerson("C", "A")) +
                          Row(MakePerson("D", "A")) + Row(MakePerson("S", "S"));
  ImportPlan plan = Plan(csv, Stored());
  EXPECT_TRUE(Has(plan, 2, "manager_employee_id", "management_cycle")) << Describe(plan.errors);
  EXPECT_TRUE(Has(plan, 3, "manager_employee_id", "management_cycle"));
  EXPECT_TRUE(Has(plan, 4, "manager_employee_id", "management_cycle"));
  EXPECT_FALSE(Has(plan, 5, "manager_employee_id", "management_cycle"));  // below it, not on it
  EXPECT_TRUE(Has(plan, 6, "manager_employee_id", "management_cycle"));   // self-managed
  EXPECT_EQ(plan.errors.size(), 4u) << Describe(plan.errors);
}

TEST(ImportPlan, ManagementCycleThroughStoredPeople) {
  // Stored: E3 -> E2 -> E1. The file makes E1 report to E3, closing the loop through stored
  // links it does not name.
  ImportPlan plan = Plan(std::string(kHeader) + Row(MakePerson("E1", "E3")), Stored());
  ASSERT_EQ(plan.errors.size(), 1u) << Describe(plan.errors);
  EXPECT_EQ(plan.errors[0].code, "management_cycle");
  EXPECT_NE(plan.errors[0].message.find("E1 -> E3 -> E2 -> E1"), std::string::npos)
      << plan.errors[0].message;
  // Re-parenting the stored middle in the same file breaks the loop.
  plan = Plan(std::string(kHeader) + Row(MakePerson("E1", "E3")) + Row(MakePerson("E2")), Stored());
  EXPECT_TRUE(plan.errors.empty()) << Describe(plan.errors);
}

TEST(ImportPlan, FullImportMarksMissingPeopleLeft) {
  ImportPlan plan = Plan(std::string(kHeader) + Row(MakePerson("E1")) + Row(MakePerson("E2", "E1")),
                         Stored(), /*full=*/true);
  ASSERT_TRUE(plan.errors.empty()) << Describe(plan.errors);
  EXPECT_EQ(plan.counts, (ImportCounts{0, 0, 2, 1}));
  EXPECT_EQ(plan.marked_left, std::vector<std::string>{"E3"});
  ASSERT_EQ(plan.changes.people.size(), 1u);
  EXPECT_EQ(plan.changes.people[0].status, EmploymentStatus::kLeft);
  EXPECT_EQ(plan.changes.people[0].left_date, D(2026, 11, 23));
  ASSERT_EQ(plan.changes.events.size(), 1u);
  EXPECT_EQ(plan.changes.events[0].kind, PersonEventKind::kExit);
  EXPECT_EQ(plan.changes.events[0].date, D(2026, 11, 23));

  // A partial import leaves them alone.
  plan = Plan(std::string(kHeader) + Row(MakePerson("E1")), Stored(), /*full=*/false);
  EXPECT_EQ(plan.counts, (ImportCounts{0, 0, 1, 0}));
  EXPECT_TRUE(plan.changes.people.empty());
}

TEST(ImportPlan, LevelRiseIsAPromotionOtherChangesATitleChange) {
  PersonRecord e2 = MakePerson("E2", "E1");
  e2.level = 5;
  e2.job_title = "Senior Software Engineer";
  PersonRecord e3 = MakePerson("E3", "E2");
  e3.job_title = "Site Reliability Engineer";
  ImportPlan plan = Plan(std::string(kHeader) + Row(e2) + Row(e3), Stored());
  ASSERT_TRUE(plan.errors.empty()) << Describe(plan.errors);
  ASSERT_EQ(plan.changes.events.size(), 2u);
  const PersonEvent& promotion = plan.changes.events[0];
  EXPECT_EQ(promotion.kind, PersonEventKind::kPromotion);
  EXPECT_EQ(promotion.date, D(2026, 11, 23));
  EXPECT_EQ(promotion.from_level, 3);
  EXPECT_EQ(promotion.to_level, 5);
  EXPECT_EQ(promotion.from_title, "Software Engineer");
  EXPECT_EQ(promotion.to_title, "Senior Software Engineer");
  EXPECT_EQ(plan.changes.events[1].kind, PersonEventKind::kTitleChange);
  EXPECT_EQ(plan.changes.events[1].to_title, "Site Reliability Engineer");
}

TEST(ImportPlan, LeavingFromTheFileTakesTheImportDayAndRecordsAnExit) {
  PersonRecord e3 = MakePerson("E3", "E2");
  e3.status = EmploymentStatus::kLeft;
  ImportPlan plan = Plan(std::string(kHeader) + Row(e3), Stored());
  ASSERT_TRUE(plan.errors.empty()) << Describe(plan.errors);
  ASSERT_EQ(plan.changes.people.size(), 1u);
  EXPECT_EQ(plan.changes.people[0].left_date, D(2026, 11, 23));
  ASSERT_EQ(plan.changes.events.size(), 1u);
  EXPECT_EQ(plan.changes.events[0].kind, PersonEventKind::kExit);
}

TEST(ImportPlan, DepartmentsAndSitesByCodeOrNameNewCodesCreated) {
  PersonRecord a = MakePerson("A1", "E1");
  a.department = "engineering";  // a stored name
  a.site = "New York";
  a.time_zone = "";  // the site's
  PersonRecord b = MakePerson("B1", "E1");
  b.department = "DATA";  // new
  b.site = "BER";         // new
  b.time_zone = "Europe/Berlin";
  PersonRecord c = MakePerson("C1", "E1");
  c.department = "Research & Development";  // new, a name: its code is made from it
  c.site = "PAR";
  c.time_zone = "";  // unknown site: no time zone to take
  ImportPlan plan = Plan(std::string(kHeader) + Row(a) + Row(b) + Row(c), Stored());
  ASSERT_EQ(plan.errors.size(), 1u) << Describe(plan.errors);
  EXPECT_TRUE(Has(plan, 4, "time_zone", "missing_field"));
  c.time_zone = "Europe/Paris";
  plan = Plan(std::string(kHeader) + Row(a) + Row(b) + Row(c), Stored());
  ASSERT_TRUE(plan.errors.empty()) << Describe(plan.errors);
  EXPECT_EQ(plan.new_departments, (std::vector<std::string>{"DATA", "Research-Development"}));
  ASSERT_EQ(plan.changes.departments.size(), 2u);
  EXPECT_EQ(plan.changes.departments[1].name, "Research & Development");
  EXPECT_EQ(plan.changes.people[2].department, "Research-Development");

  plan = Plan(std::string(kHeader) + Row(a) + Row(b), Stored());
  ASSERT_TRUE(plan.errors.empty()) << Describe(plan.errors);
  EXPECT_EQ(plan.changes.people[0].department, "ENG");
  EXPECT_EQ(plan.changes.people[0].site, "NYC");
  EXPECT_EQ(plan.changes.people[0].time_zone, "America/New_York");
  EXPECT_EQ(plan.new_departments, std::vector<std::string>{"DATA"});
  EXPECT_EQ(plan.new_sites, std::vector<std::string>{"BER"});
  ASSERT_EQ(plan.changes.sites.size(), 1u);
  EXPECT_EQ(plan.changes.sites[0].time_zone, "Europe/Berlin");
}

TEST(ImportPlan, CsvAndMappingProblemsAreErrors) {
  ImportPlan plan = Plan("employee_id,email\nE1,caf\xC3\n", Stored());
  EXPECT_TRUE(Has(plan, 0, "first_name", "missing_column")) << Describe(plan.errors);
  EXPECT_TRUE(Has(plan, 2, "email", "bad_utf8"));
  plan = Plan("", Stored());
  EXPECT_TRUE(Has(plan, 0, "", "empty_file")) << Describe(plan.errors);
}

TEST(ImportPlan, StatusAndDateVariants) {
  std::string csv = std::string(kHeader) +
                    "E1,FirstE1,Last,p.E1@example.com,ENG,LON,Europe/London,Software Engineer,3,,"
                    "2020-03-15T00:00:00Z,Active,EN; fr\n";
  ImportPlan plan = Plan(csv, Stored());
  ASSERT_TRUE(plan.errors.empty()) << Describe(plan.errors);
  EXPECT_EQ(plan.counts.unchanged, 1);
}

}  // namespace
}  // namespace pairwise::domain::import

namespace pairwise::domain::import {
namespace {

TEST(ImportPlan, SwappedEmailsAreVacatedFirst) {
  PersonRecord e2 = MakePerson("E2", "E1");
  PersonRecord e3 = MakePerson("E3", "E2");
  std::swap(e2.email, e3.email);
  ImportPlan plan = Plan(std::string(kHeader) + Row(e2) + Row(e3), Stored());
  ASSERT_TRUE(plan.errors.empty()) << Describe(plan.errors);
  ASSERT_EQ(plan.email_vacates.size(), 2u);
  EXPECT_EQ(plan.email_vacates[0].email, VacatedEmail("E2"));
  EXPECT_EQ(plan.email_vacates[0].last_name, "Last");  // otherwise as stored
}

}  // namespace
}  // namespace pairwise::domain::import
