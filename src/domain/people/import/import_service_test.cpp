#include "domain/people/import/import_service.h"

#include <gtest/gtest.h>

#include "domain/people/import/testing/fake_audit_log.h"
#include "domain/people/people_service.h"
#include "domain/people/test_util.h"
#include "storage/memory/memory_import_mapping_repository.h"
#include "storage/memory/memory_people_repository.h"

namespace pairwise::domain::import {
namespace {

using testing::D;
using testing::MakePerson;

Actor Admin() {
  Actor a;
  a.employee_id = "E1";
  a.account_id = AccountId{1};
  a.roles = {Role::kAdmin};
  a.remote_address = "203.0.113.7";
  return a;
}

Actor Participant() {
  Actor a;
  a.employee_id = "E2";
  a.account_id = AccountId{2};
  return a;
}

Actor Token() {
  Actor a;
  a.kind = Actor::Kind::kApiToken;
  a.scopes = {"scim", "export"};
  return a;
}

std::string Csv(std::vector<PersonRecord> people) { return FormatPeopleCsv(people); }

class ImportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Directory d;
    d.departments = {{"ENG", "Engineering", "Technology"}};
    d.sites = {{"LON", "London", "GB", "Europe/London"}};
    d.people = {MakePerson("E1"), MakePerson("E2", "E1"), MakePerson("E3", "E2")};
    ASSERT_TRUE(PeopleService(people_).LoadDirectory(d).ok());
  }

  std::vector<Person> All() {
    auto page = people_.ListPage({"", 1000});
    EXPECT_TRUE(page.ok());
    return page.ok() ? *page : std::vector<Person>{};
  }

  storage::MemoryPeopleRepository people_;
  storage::MemoryImportMappingRepository mappings_;
  testing::FakeAuditLog audit_;
  FakeClock clock_{TimePoint(std::chrono::sys_days(D(2026, 11, 23)))};
  ImportService service_{people_, mappings_, audit_, clock_};
};

TEST_F(ImportServiceTest, OnlyAdminsImportOrSeeTheMapping) {
  ImportRequest request{Csv({MakePerson("E1")}), false, {}};
  for (const Actor& actor : {Participant(), Token()}) {
    EXPECT_EQ(service_.Preview(actor, request).status().code(), ErrorCode::kForbidden);
    EXPECT_EQ(service_.Import(actor, request).status().code(), ErrorCode::kForbidden);
    EXPECT_EQ(service_.GetMapping(actor).status().code(), ErrorCode::kForbidden);
    EXPECT_EQ(service_.SaveMapping(actor, {}).status().code(), ErrorCode::kForbidden);
  }
  EXPECT_TRUE(audit_.entries().empty());
}

TEST_F(ImportServiceTest, PreviewWritesNothing) {
  PersonRecord e4 = MakePerson("E4", "E1");
  auto report = service_.Preview(Admin(), {Csv({MakePerson("E1"), e4}), /*full=*/true, {}});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->can_import());
  EXPECT_FALSE(report->applied);
  EXPECT_EQ(report->plan.counts, (ImportCounts{1, 0, 1, 2}));
  EXPECT_EQ(All().size(), 3u);
  EXPECT_TRUE(audit_.entries().empty());
}

TEST_F(ImportServiceTest, FullImportUpsertsMarksLeftRecordsEventsAndAudits) {
  PersonRecord e2 = MakePerson("E2", "E1");
  e2.level = 4;
  e2.job_title = "Senior Software Engineer";
  PersonRecord e4 = MakePerson("E4", "E2");
  // One of three marked left: more than the default share, confirmed.
  auto report = service_.Import(Admin(), {Csv({MakePerson("E1"), e2, e4}),
                                          /*full=*/true,
                                          {},
                                          kDefaultMaxLeftPercent,
                                          /*confirm_leavers=*/true});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->applied);
  EXPECT_TRUE(report->warnings.empty());
  EXPECT_EQ(report->plan.counts, (ImportCounts{1, 1, 1, 1}));

  auto e3 = people_.FindByEmployeeId("E3");
  ASSERT_TRUE(e3.ok() && e3->has_value());
  EXPECT_EQ((*e3)->status, EmploymentStatus::kLeft);  // marked left, not deleted
  EXPECT_EQ((*e3)->left_date, D(2026, 11, 23));
  auto e3_events = people_.ListEvents("E3");
  ASSERT_TRUE(e3_events.ok());
  ASSERT_FALSE(e3_events->empty());
  EXPECT_EQ(e3_events->back().kind, PersonEventKind::kExit);

  auto e2_events = people_.ListEvents("E2");
  ASSERT_TRUE(e2_events.ok());
  bool promoted = false;
  for (const PersonEvent& e : *e2_events) {
    promoted |= e.kind == PersonEventKind::kPromotion && e.date == D(2026, 11, 23) &&
                e.from_level == 3 && e.to_level == 4;
  }
  EXPECT_TRUE(promoted);
  auto e4_stored = people_.FindByEmployeeId("E4");
  ASSERT_TRUE(e4_stored.ok() && e4_stored->has_value());

  auto entries = audit_.entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "import_people");
  EXPECT_EQ(entries[0].actor, "person E1");
  EXPECT_EQ(entries[0].remote_address, "203.0.113.7");
  EXPECT_NE(entries[0].detail.find("1 created, 1 updated, 1 unchanged, 1 marked left"),
            std::string::npos)
      << entries[0].detail;

  // The same file again changes nothing.
  report = service_.Import(Admin(), {Csv({MakePerson("E1"), e2, e4}), /*full=*/true, {}});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->plan.counts, (ImportCounts{0, 0, 3, 0}));
}

TEST_F(ImportServiceTest, AnyErrorAndNothingChanges) {
  PersonRecord e2 = MakePerson("E2", "E1");
  e2.last_name = "Changed";
  PersonRecord bad = MakePerson("E5", "E404");
  auto report = service_.Import(Admin(), {Csv({e2, bad}), /*full=*/true, {}});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->applied);
  ASSERT_EQ(report->plan.errors.size(), 1u);
  EXPECT_EQ(report->plan.errors[0].row, 3);
  EXPECT_EQ(report->plan.errors[0].code, "unknown_manager");
  auto stored = people_.FindByEmployeeId("E2");
  EXPECT_EQ((*stored)->last_name, "Last");
  EXPECT_EQ((*people_.FindByEmployeeId("E3"))->status, EmploymentStatus::kActive);
  EXPECT_TRUE(audit_.entries().empty());
}

// What needs confirming is written only when confirmed; new departments and sites are created
// in the import's transaction.
TEST_F(ImportServiceTest, UnconfirmedImportsWriteNothingConfirmedOnesCreateDepartments) {
  PersonRecord e4 = MakePerson("E4", "E1");
  e4.department = "Data Science";
  e4.site = "Berlin";
  e4.time_zone = "Europe/Berlin";
  const std::string csv = Csv({MakePerson("E1"), e4});
  for (bool confirm_new : {false, true}) {
    // Full: E2 and E3 would leave (2 of 3).
    auto report = service_.Import(Admin(), {csv,
                                            /*full=*/true,
                                            {},
                                            kDefaultMaxLeftPercent,
                                            /*confirm_leavers=*/false,
                                            confirm_new});
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_TRUE(report->can_import());
    EXPECT_FALSE(report->applied);
    ASSERT_FALSE(report->plan.unconfirmed.empty());
    EXPECT_EQ(report->plan.unconfirmed[0].code, "confirm_leavers");
    EXPECT_EQ(report->plan.unconfirmed.size(), confirm_new ? 1u : 2u);
  }
  auto partial = service_.Import(Admin(), {csv, false, {}});
  ASSERT_TRUE(partial.ok());
  EXPECT_FALSE(partial->applied);
  ASSERT_EQ(partial->plan.unconfirmed.size(), 1u);
  EXPECT_EQ(partial->plan.unconfirmed[0].code, "confirm_new");
  EXPECT_EQ(All().size(), 3u);
  EXPECT_EQ(people_.ListDepartments()->size(), 1u);
  EXPECT_TRUE(audit_.entries().empty());

  auto confirmed = service_.Import(
      Admin(), {csv, false, {}, kDefaultMaxLeftPercent, false, /*confirm_new=*/true});
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  ASSERT_TRUE(confirmed->applied);
  auto departments = people_.ListDepartments();
  ASSERT_EQ(departments->size(), 2u);
  EXPECT_EQ((*departments)[0], (Department{"DATA-SCIENCE", "Data Science", "Unassigned"}));
  auto sites = people_.ListSites();
  ASSERT_EQ(sites->size(), 2u);
  EXPECT_EQ((*sites)[0], (Site{"BERLIN", "Berlin", "ZZ", "Europe/Berlin"}));
  EXPECT_EQ((*people_.FindByEmployeeId("E4"))->department, "DATA-SCIENCE");
  EXPECT_NE(audit_.entries()[0].detail.find("1 new department(s), 1 new site(s)"),
            std::string::npos);

  // Now known: the same file needs nothing confirmed.
  auto again = service_.Preview(Admin(), {csv, false, {}});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->plan.unconfirmed.empty());
  EXPECT_EQ(again->plan.counts.unchanged, 2);

  EXPECT_EQ(service_.Preview(Admin(), {csv, true, {}, 101}).status().field(), "max_left_percent");
}

TEST_F(ImportServiceTest, AStorageFailureHalfWayLeavesNothingWritten) {
  PersonRecord e2 = MakePerson("E2", "E1");
  e2.level = 5;
  PersonRecord e4 = MakePerson("E4", "E2");
  e4.department = "NEWDEPT";
  const std::vector<Person> before = All();
  // The departments and people are written, the events fail.
  people_.FailWritesAfter(2, Status::Unavailable("disk full"));
  auto report = service_.Import(Admin(), {Csv({MakePerson("E1"), e2, e4}),
                                          /*full=*/true,
                                          {},
                                          kDefaultMaxLeftPercent,
                                          true,
                                          /*confirm_new=*/true});
  EXPECT_EQ(report.status().code(), ErrorCode::kUnavailable);
  people_.FailWritesAfter(0, Status::Ok());
  const std::vector<Person> after = All();
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(static_cast<const PersonRecord&>(after[i]),
              static_cast<const PersonRecord&>(before[i]));
  }
  auto departments = people_.ListDepartments();
  EXPECT_EQ(departments->size(), 1u);
  EXPECT_TRUE(people_.ListEvents("E2")->empty());
  EXPECT_TRUE(audit_.entries().empty());
}

TEST_F(ImportServiceTest, PeopleSwappingEmailsAreImported) {
  PersonRecord e2 = MakePerson("E2", "E1");
  PersonRecord e3 = MakePerson("E3", "E2");
  std::swap(e2.email, e3.email);
  auto report = service_.Import(Admin(), {Csv({e2, e3}), false, {}});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->applied);
  EXPECT_EQ((*people_.FindByEmployeeId("E2"))->email, "p.E3@example.com");
  EXPECT_EQ((*people_.FindByEmployeeId("E3"))->email, "p.E2@example.com");
}

TEST_F(ImportServiceTest, MappingChoicesAreSavedAndReused) {
  const std::string file =
      "Emp Ref,Legal First Name,Surname,Work Email,Location,Job Title,Grade,Manager ID,Start Date\n"
      "E7,Ann,Bee,ann@example.com,LON,Engineer,3,E1,2024-01-02\n";
  // "Emp Ref" is no synonym: without a choice, employee_id is missing.
  auto report = service_.Preview(Admin(), {file, false, {}});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->plan.mapping.missing_fields, std::vector<std::string>{"employee_id"});

  report = service_.Import(Admin(), {file, false, {{"Emp Ref", "employee_id"}}});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->applied);
  auto saved = service_.GetMapping(Admin());
  ASSERT_TRUE(saved.ok());
  EXPECT_NE(std::find(saved->begin(), saved->end(), SavedMappingEntry{"Emp Ref", "employee_id"}),
            saved->end());
  EXPECT_NE(std::find(saved->begin(), saved->end(), SavedMappingEntry{"Grade", "level"}),
            saved->end());

  // The next upload of the same export needs no choice.
  report = service_.Preview(Admin(), {file, false, {}});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->can_import());
  EXPECT_EQ(report->plan.counts.unchanged, 1);
}

TEST_F(ImportServiceTest, ReportingAttributesAreImportedOnlyWithTheRestOfTheFile) {
  auto with = [](std::string csv, std::string_view header, std::string_view value) {
    // FormatPeopleCsv ends its lines with CRLF.
    csv.insert(csv.find("\r\n"), "," + std::string(header));
    csv.insert(csv.size() - 2, "," + std::string(value));
    return csv;
  };
  // A choice maps the "ERG" column; the choice is saved with the rest.
  auto report = service_.Import(Admin(), {with(Csv({MakePerson("E2", "E1")}), "ERG", "Pride"),
                                          false,
                                          {{"ERG", "attribute:employee_network"}}});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->applied);
  auto stored = people_.ListReportingAttributes();
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, (std::vector<ReportingAttribute>{{"E2", "employee_network", "Pride"}}));
  auto saved = service_.GetMapping(Admin());
  ASSERT_TRUE(saved.ok());
  EXPECT_NE(std::find(saved->begin(), saved->end(),
                      SavedMappingEntry{"ERG", "attribute:employee_network"}),
            saved->end());

  // A file with an error writes no attribute either.
  PersonRecord bad = MakePerson("E3", "E2");
  bad.email = "not-an-address";
  report = service_.Import(Admin(), {with(Csv({bad}), "ERG", "Parents"), false, {}});
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->applied);
  stored = people_.ListReportingAttributes();
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->size(), 1u);
}

TEST_F(ImportServiceTest, SaveMappingValidatesAndAudits) {
  auto bad = service_.SaveMapping(Admin(), {{"Salary", "salary"}});
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  auto saved = service_.SaveMapping(Admin(), {{"Grade", "level"}, {"Badge", ""}});
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->size(), 2u);
  EXPECT_EQ(*service_.GetMapping(Admin()), *saved);
  ASSERT_EQ(audit_.entries().size(), 1u);
  EXPECT_EQ(audit_.entries()[0].action, "import_mapping_saved");
}

TEST_F(ImportServiceTest, LocalOperatorIsAuditedAsSuch) {
  auto report = service_.Import(LocalOperator(), {Csv({MakePerson("E9", "E1")}), false, {}});
  ASSERT_TRUE(report.ok() && report->applied);
  ASSERT_EQ(audit_.entries().size(), 1u);
  EXPECT_EQ(audit_.entries()[0].actor, "local operator");
}

TEST_F(ImportServiceTest, AuditFailureAfterCommitIsAWarning) {
  audit_.FailWith(Status::Unavailable("audit down"));
  auto report = service_.Import(Admin(), {Csv({MakePerson("E9", "E1")}), false, {}});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->applied);
  EXPECT_EQ(report->warnings.size(), 1u);
}

TEST(LoadStoredDirectory, ReadsEveryPage) {
  storage::MemoryPeopleRepository people;
  Directory d;
  d.departments = {{"ENG", "Engineering", "Technology"}};
  d.sites = {{"LON", "London", "GB", "Europe/London"}};
  d.people.push_back(MakePerson("P0000"));
  for (int i = 1; i < 2 * kMaxPeoplePageSize + 500; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "P%04d", i);
    d.people.push_back(MakePerson(id, "P0000"));
  }
  ASSERT_TRUE(PeopleService(people).LoadDirectory(d).ok());
  auto stored = LoadStoredDirectory(people);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->people.size(), d.people.size());
  EXPECT_TRUE(stored->people.contains("P2499"));
  EXPECT_EQ(stored->departments.size(), 1u);
  EXPECT_EQ(stored->sites.size(), 1u);
}

}  // namespace
}  // namespace pairwise::domain::import
