// The ReportReader's bulk reads on SQLite and PostgreSQL (PAIRWISE_TEST_POSTGRES_URL; skipped
// when unset unless PAIRWISE_REQUIRE_POSTGRES=1): people with their reference codes and status,
// promotions with the level before them, no participations or facts for an unknown program.
#include <gtest/gtest.h>

#include "domain/people/test_util.h"
#include "storage/database.h"
#include "storage/report_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::Date;

Date D(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

struct ReportStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<domain::PeopleRepository> people;
    std::unique_ptr<domain::ReportReader> reports;
  };
  static constexpr std::size_t kPool = 4;
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> migrated) {
    Store store;
    store.people = MakePeopleRepository(migrated->db());
    store.reports = MakeReportReader(migrated->db());
    store.database = std::move(migrated);
    return store;
  }
};

template <typename Backend>
class ReportContract : public testing::ContractTest<Backend> {};

using ReportBackends = ::testing::Types<testing::SqlBackend<ReportStores, false>,
                                        testing::SqlBackend<ReportStores, true>>;
TYPED_TEST_SUITE(ReportContract, ReportBackends, testing::BackendNames);

TYPED_TEST(ReportContract, ReadsPeopleAndTheirPromotions) {
  auto& store = this->store_;
  domain::Directory d = domain::testing::SmallDirectory();
  ASSERT_TRUE(store.people->UpsertDepartments(d.departments).ok());
  ASSERT_TRUE(store.people->UpsertSites(d.sites).ok());
  ASSERT_TRUE(store.people->UpsertPeople(d.people).ok());
  const std::string who = d.people.back().employee_id;
  std::vector<domain::PersonEvent> events(2);
  events[0].employee_id = who;
  events[0].kind = domain::PersonEventKind::kPromotion;
  events[0].date = D(2024, 3, 1);
  events[0].from_level = 2;
  events[0].to_level = 3;
  events[1].employee_id = who;
  events[1].kind = domain::PersonEventKind::kPromotion;
  events[1].date = D(2025, 9, 1);
  events[1].to_level = 4;  // no former level recorded: one below
  ASSERT_TRUE(store.people->AppendEvents(events).ok());

  auto people = store.reports->ListPeople();
  ASSERT_TRUE(people.ok()) << people.status().ToString();
  ASSERT_EQ(people->size(), d.people.size());
  const auto& first = d.people.front();
  auto found = std::find_if(people->begin(), people->end(),
                            [&](const auto& p) { return p.employee_id == first.employee_id; });
  ASSERT_NE(found, people->end());
  EXPECT_EQ(found->name, first.first_name + " " + first.last_name);
  EXPECT_EQ(found->department, first.department);
  // The names too: survey answers carry the department and site by name.
  auto department = std::find_if(d.departments.begin(), d.departments.end(),
                                 [&](const auto& x) { return x.code == first.department; });
  ASSERT_NE(department, d.departments.end());
  EXPECT_EQ(found->department_name, department->name);
  auto site = std::find_if(d.sites.begin(), d.sites.end(),
                           [&](const auto& x) { return x.code == first.site; });
  ASSERT_NE(site, d.sites.end());
  EXPECT_EQ(found->site_name, site->name);
  EXPECT_EQ(found->hire_date, first.hire_date);
  EXPECT_EQ(found->level, first.level);

  auto outcome = store.reports->ListOutcomePeople();
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  auto promoted = std::find_if(outcome->begin(), outcome->end(),
                               [&](const auto& p) { return p.employee_id == who; });
  ASSERT_NE(promoted, outcome->end());
  EXPECT_EQ(promoted->promotions, (std::vector<Date>{D(2024, 3, 1), D(2025, 9, 1)}));
  EXPECT_EQ(promoted->promotion_from, (std::vector<int>{2, 3}));

  auto participations = store.reports->ListParticipations();
  ASSERT_TRUE(participations.ok());
  EXPECT_TRUE(participations->empty());
  auto facts = store.reports->LoadProgramFacts(domain::ProgramId(42));
  ASSERT_TRUE(facts.ok()) << facts.status().ToString();
  EXPECT_TRUE(facts->applications.empty() && facts->relationships.empty() && facts->goals.empty() &&
              facts->mentor_capacities.empty());
}

}  // namespace
}  // namespace pairwise::storage
