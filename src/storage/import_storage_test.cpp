// ImportService over the SQL repositories (SQLite and PostgreSQL): the import is one
// transaction on a real database, including when a statement fails half-way.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "domain/people/import/import_service.h"
#include "domain/people/import/testing/fake_audit_log.h"
#include "domain/people/people_service.h"
#include "domain/people/test_util.h"
#include "storage/database.h"
#include "storage/import_mapping_repository.h"
#include "storage/testing/test_database.h"

namespace pairwise::storage {
namespace {

using domain::EmploymentStatus;
using domain::PersonRecord;
using domain::testing::D;
using domain::testing::MakePerson;

template <bool kIsPostgres>
struct Backend {
  static constexpr bool kPostgres = kIsPostgres;
};

class BackendNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return T::kPostgres ? "Postgres" : "Sqlite";
  }
};

template <typename B>
class ImportStorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (B::kPostgres && !testing::PostgresTestUrl()) {
      if (testing::PostgresRequired()) FAIL() << "PAIRWISE_TEST_POSTGRES_URL is not set";
      GTEST_SKIP() << "PAIRWISE_TEST_POSTGRES_URL is not set (scripts/pg-test.sh start)";
    }
    auto t = B::kPostgres ? testing::TestDatabase::Postgres(2) : testing::TestDatabase::Sqlite(2);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    database_ = std::move(t).value();
    ASSERT_TRUE(database_->db().Migrate().ok());
    people_ = MakePeopleRepository(database_->db());
    mappings_ = MakeImportMappingRepository(database_->db());
    service_ =
        std::make_unique<domain::import::ImportService>(*people_, *mappings_, audit_, clock_);
    domain::Directory d;
    d.departments = {{"ENG", "Engineering", "Technology"}};
    d.sites = {{"LON", "London", "GB", "Europe/London"}};
    d.people = {MakePerson("E1"), MakePerson("E2", "E1"), MakePerson("E3", "E2")};
    ASSERT_TRUE(domain::PeopleService(*people_).LoadDirectory(d).ok());
  }

  domain::Actor Admin() {
    domain::Actor a;
    a.employee_id = "E1";
    a.roles = {domain::Role::kAdmin};
    return a;
  }

  void Exec(const std::string& sql) {
    Status s = database_->db().Run(TransactionMode::kNone, [&](soci::session& session) {
      session << sql;
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  std::string Csv(std::vector<PersonRecord> people) {
    return domain::import::FormatPeopleCsv(people);
  }

  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<domain::PeopleRepository> people_;
  std::unique_ptr<domain::import::ImportMappingRepository> mappings_;
  domain::testing::FakeAuditLog audit_;
  FakeClock clock_{TimePoint(std::chrono::sys_days(D(2026, 11, 23)))};
  std::unique_ptr<domain::import::ImportService> service_;
};

// A full import with its leavers and new departments confirmed, as an admin confirms them after
// the preview: these tests are about what storage writes.
domain::import::ImportRequest Confirmed(std::string_view csv) {
  domain::import::ImportRequest request;
  request.csv = csv;
  request.full = true;
  request.confirm_leavers = true;
  request.confirm_new = true;
  return request;
}

using Backends = ::testing::Types<Backend<false>, Backend<true>>;
TYPED_TEST_SUITE(ImportStorageTest, Backends, BackendNames);

TYPED_TEST(ImportStorageTest, FullImportWritesChangesEventsAndTheMapping) {
  PersonRecord e2 = MakePerson("E2", "E1");
  e2.level = 5;
  PersonRecord e4 = MakePerson("E4", "E2");
  e4.department = "DATA";
  std::string csv = this->Csv({MakePerson("E1"), e2, e4});
  // An export with its own header for the level column.
  csv.replace(csv.find(",level,"), 7, ",Grade,");
  auto report = this->service_->Import(this->Admin(), Confirmed(csv));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->applied) << (report->plan.errors.empty() ? ""
                                                               : report->plan.errors[0].message);
  EXPECT_EQ(report->plan.counts, (domain::import::ImportCounts{1, 1, 1, 1}));

  auto e3 = this->people_->FindByEmployeeId("E3");
  ASSERT_TRUE(e3.ok() && e3->has_value());
  EXPECT_EQ((*e3)->status, EmploymentStatus::kLeft);
  EXPECT_EQ((*e3)->left_date, D(2026, 11, 23));
  auto events = this->people_->ListEvents("E2");
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].kind, domain::PersonEventKind::kPromotion);
  auto departments = this->people_->ListDepartments();
  ASSERT_EQ(departments->size(), 2u);
  EXPECT_EQ((*departments)[0].code, "DATA");
  auto mapping = this->mappings_->Load();
  ASSERT_TRUE(mapping.ok());
  EXPECT_EQ(*mapping, (std::vector<domain::import::SavedMappingEntry>{{"Grade", "level"}}));
}

TYPED_TEST(ImportStorageTest, AStatementFailingHalfWayRollsEverythingBack) {
  // Events are written last: make that write fail after departments and people went in.
  if (TypeParam::kPostgres) {
    this->Exec(
        "CREATE FUNCTION fail_event() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION "
        "'injected failure'; END $$ LANGUAGE plpgsql");
    this->Exec(
        "CREATE TRIGGER fail_event BEFORE INSERT ON person_events FOR EACH ROW EXECUTE "
        "FUNCTION fail_event()");
  } else {
    this->Exec(
        "CREATE TRIGGER fail_event BEFORE INSERT ON person_events BEGIN SELECT "
        "RAISE(ABORT, 'injected failure'); END");
  }
  PersonRecord e2 = MakePerson("E2", "E1");
  e2.level = 6;
  e2.last_name = "Changed";
  PersonRecord e4 = MakePerson("E4", "E2");
  e4.department = "DATA";
  auto report =
      this->service_->Import(this->Admin(), Confirmed(this->Csv({MakePerson("E1"), e2, e4})));
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(this->audit_.entries().empty());

  EXPECT_FALSE((*this->people_->FindByEmployeeId("E4")).has_value());
  EXPECT_EQ((*this->people_->FindByEmployeeId("E2"))->last_name, "Last");
  EXPECT_EQ((*this->people_->FindByEmployeeId("E2"))->level, 3);
  EXPECT_EQ((*this->people_->FindByEmployeeId("E3"))->status, EmploymentStatus::kActive);
  EXPECT_EQ(this->people_->ListDepartments()->size(), 1u);
  EXPECT_TRUE(this->mappings_->Load()->empty());
}

TYPED_TEST(ImportStorageTest, PeopleSwappingEmailsAreImported) {
  PersonRecord e2 = MakePerson("E2", "E1");
  PersonRecord e3 = MakePerson("E3", "E2");
  std::swap(e2.email, e3.email);
  auto report = this->service_->Import(this->Admin(), {this->Csv({e2, e3}), false, {}});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->applied);
  EXPECT_EQ((*this->people_->FindByEmployeeId("E2"))->email, "p.E3@example.com");
  EXPECT_EQ((*this->people_->FindByEmployeeId("E3"))->email, "p.E2@example.com");
}

TYPED_TEST(ImportStorageTest, AFileWithErrorsChangesNothing) {
  PersonRecord e2 = MakePerson("E2", "E1");
  e2.last_name = "Changed";
  PersonRecord cycle = MakePerson("E1", "E3");  // E1 -> E3 -> E2 -> E1 through stored links
  auto report = this->service_->Import(this->Admin(), {this->Csv({cycle, e2}), true, {}});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->applied);
  ASSERT_FALSE(report->plan.errors.empty());
  EXPECT_EQ(report->plan.errors[0].code, "management_cycle");
  EXPECT_EQ((*this->people_->FindByEmployeeId("E2"))->last_name, "Last");
  EXPECT_EQ((*this->people_->FindByEmployeeId("E3"))->status, EmploymentStatus::kActive);
}

}  // namespace
}  // namespace pairwise::storage
