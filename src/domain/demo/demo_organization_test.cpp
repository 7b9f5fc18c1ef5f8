#include "domain/demo/demo_organization.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "domain/people/directory_validation.h"
#include "storage/memory/memory_people_repository.h"

namespace pairwise::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

Directory Generate(int people, uint64_t seed) {
  auto d = GenerateDemoOrganization({people, seed});
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? std::move(d).value() : Directory{};
}

// FNV-1a over every field, to pin the output across platforms and library versions.
uint64_t Fingerprint(const Directory& d) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  auto mix = [&](std::string_view text) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 0x100000001b3ULL;
    }
    hash ^= 0xff;
    hash *= 0x100000001b3ULL;
  };
  for (const auto& x : d.departments) mix(x.code + x.name + x.division);
  for (const auto& x : d.sites) mix(x.code + x.name + x.country + x.time_zone);
  for (const auto& x : d.skills) mix(x.code + x.name + x.family);
  for (const auto& p : d.people) {
    mix(p.employee_id + p.first_name + p.last_name + p.email + p.department + p.site + p.time_zone +
        p.job_title + std::to_string(p.level) + p.manager_employee_id + FormatDate(p.hire_date) +
        std::string(EmploymentStatusName(p.status)) +
        (p.left_date ? FormatDate(*p.left_date) : ""));
    for (const auto& l : p.languages) mix(l);
  }
  for (const auto& e : d.events) {
    mix(e.employee_id + std::string(PersonEventKindName(e.kind)) + FormatDate(e.date) +
        std::to_string(e.from_level.value_or(0)) + std::to_string(e.to_level.value_or(0)) +
        e.from_title + e.to_title);
  }
  return hash;
}

TEST(DemoOrganizationTest, RefusesOptionsOutOfRange) {
  EXPECT_EQ(GenerateDemoOrganization({99, 1}).status().field(), "people");
  EXPECT_EQ(GenerateDemoOrganization({kMaxDemoPeople + 1, 1}).status().field(), "people");
  EXPECT_EQ(GenerateDemoOrganization({-5, 1}).status().code(), ErrorCode::kInvalidArgument);
  DemoOptions bad_date;
  bad_date.as_of = Date{std::chrono::year(2025), std::chrono::month(2), std::chrono::day(30)};
  EXPECT_EQ(GenerateDemoOrganization(bad_date).status().field(), "as_of");
}

TEST(DemoOrganizationTest, SameSeedSameOrganization) {
  const Directory a = Generate(1500, 7);
  const Directory b = Generate(1500, 7);
  EXPECT_EQ(a.people, b.people);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(Fingerprint(a), Fingerprint(b));
  EXPECT_NE(Fingerprint(a), Fingerprint(Generate(1500, 8)));
}

TEST(DemoOrganizationTest, OutputIsPinned) {
  // Changes only when the generator or its tables change on purpose: then update the value.
  // A change without one means the output depends on the platform or library.
  EXPECT_EQ(Fingerprint(Generate(500, 42)), 9348198509846384639ULL);
}

struct Shape {
  int max_depth = 0;
  int min_span = 1 << 30;
  int max_span = 0;
  std::map<int, int> levels;
  int leavers = 0;
};

Shape Measure(const Directory& d) {
  std::unordered_map<std::string, const PersonRecord*> by_id;
  std::unordered_map<std::string, int> active_reports;
  for (const auto& p : d.people) by_id.emplace(p.employee_id, &p);
  Shape shape;
  for (const auto& p : d.people) {
    ++shape.levels[p.level];
    if (p.status == EmploymentStatus::kLeft) {
      ++shape.leavers;
    } else if (!p.manager_employee_id.empty()) {
      ++active_reports[p.manager_employee_id];
    }
    int depth = 1;
    for (const PersonRecord* at = &p; !at->manager_employee_id.empty();
         at = by_id.at(at->manager_employee_id)) {
      ++depth;
    }
    shape.max_depth = std::max(shape.max_depth, depth);
  }
  for (const auto& [id, count] : active_reports) {
    shape.min_span = std::min(shape.min_span, count);
    shape.max_span = std::max(shape.max_span, count);
  }
  return shape;
}

TEST(DemoOrganizationTest, LooksLikeARealOrganization) {
  const DemoOptions options{2000, 42};
  const Directory d = Generate(options.people, options.seed);
  ASSERT_EQ(d.people.size(), 2000u);
  EXPECT_GE(d.departments.size(), 40u);
  EXPECT_GE(d.sites.size(), 15u);
  EXPECT_GE(d.skills.size(), 300u);
  std::set<std::string> families, zones, divisions;
  for (const auto& s : d.skills) families.insert(s.family);
  for (const auto& s : d.sites) zones.insert(s.time_zone);
  for (const auto& x : d.departments) divisions.insert(x.division);
  EXPECT_GE(families.size(), 15u);
  EXPECT_GE(zones.size(), 12u);
  EXPECT_GE(divisions.size(), 5u);

  // Valid as an import would be.
  auto refs = CheckDirectoryRecords(d);
  ASSERT_TRUE(refs.ok()) << refs.status().ToString();
  EXPECT_TRUE(refs->managers.empty());
  EXPECT_TRUE(CheckManagementCycles(d, {}).ok());

  const Shape shape = Measure(d);
  EXPECT_LE(shape.max_depth, 8);
  EXPECT_GE(shape.max_depth, 5);
  EXPECT_GE(shape.min_span, 3);
  EXPECT_LE(shape.max_span, 12);
  EXPECT_EQ(shape.levels.begin()->first, 1);
  EXPECT_EQ(shape.levels.rbegin()->first, 10);
  EXPECT_EQ(shape.levels.at(10), 1);
  // About 10% a year for three years, as a share of everyone who was there.
  EXPECT_NEAR(shape.leavers, 2000 * 3 / 13, 2);

  int tops = 0;
  std::unordered_set<std::string> emails;
  const sys_days as_of(options.as_of);
  int exits = 0, promotions = 0, hires = 0;
  for (const auto& p : d.people) {
    tops += p.manager_employee_id.empty() ? 1 : 0;
    EXPECT_TRUE(emails.insert(p.email).second) << p.email;
    EXPECT_NE(p.email.find("@pairwise-demo.example"), std::string::npos);
    EXPECT_LE(sys_days(p.hire_date), as_of);
    EXPECT_FALSE(p.languages.empty());
    if (p.left_date) {
      EXPECT_GT(sys_days(*p.left_date), as_of - days(3 * 365 + 1));
      EXPECT_LE(sys_days(*p.left_date), as_of);
    }
  }
  EXPECT_EQ(tops, 1);
  for (const auto& e : d.events) {
    EXPECT_LE(sys_days(e.date), as_of);
    EXPECT_GT(sys_days(e.date), as_of - days(3 * 365 + 1)) << e.employee_id;
    exits += e.kind == PersonEventKind::kExit ? 1 : 0;
    promotions += e.kind == PersonEventKind::kPromotion ? 1 : 0;
    hires += e.kind == PersonEventKind::kHire ? 1 : 0;
  }
  EXPECT_EQ(exits, shape.leavers);
  EXPECT_GT(promotions, 100);
  EXPECT_GT(hires, 300);
}

TEST(DemoOrganizationTest, TitlesMatchLevelAndDepartment) {
  const Directory d = Generate(2000, 3);
  std::unordered_map<std::string, std::string> department_names;
  for (const auto& x : d.departments) department_names[x.code] = x.name;
  int directors = 0, seniors = 0;
  for (const auto& p : d.people) {
    if (p.level == 10) {
      EXPECT_EQ(p.job_title, "Chief Executive Officer");
    }
    if (p.job_title.rfind("Director of ", 0) == 0) {
      ++directors;
      EXPECT_EQ(p.job_title, "Director of " + department_names.at(p.department));
      EXPECT_EQ(p.level, 7);
    }
    if (p.job_title.rfind("Senior ", 0) == 0 && p.level == 4) ++seniors;
    if (p.job_title.rfind("Associate ", 0) == 0) {
      EXPECT_EQ(p.level, 1) << p.job_title;
    }
  }
  EXPECT_GE(directors, 30);
  EXPECT_GT(seniors, 100);
}

TEST(DemoOrganizationTest, SmallAndLargeOrganizationsKeepTheirShape) {
  for (int people : {100, 350, 30000}) {
    const Directory d = Generate(people, 99);
    ASSERT_EQ(static_cast<int>(d.people.size()), people);
    ASSERT_TRUE(CheckDirectoryRecords(d).ok()) << people;
    const Shape shape = Measure(d);
    EXPECT_LE(shape.max_depth, 8) << people;
    EXPECT_LE(shape.max_span, 12) << people;
    if (people >= 1000) {
      EXPECT_GE(shape.min_span, 3) << people;
    }
    if (people >= 30000) {
      EXPECT_GE(shape.max_depth, 6) << people;
    }
  }
}

TEST(DemoOrganizationTest, LoadsThroughThePeopleService) {
  storage::MemoryPeopleRepository repository;
  PeopleService service(repository);
  auto summary = LoadDemoOrganization(service, {500, 42});
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->people, 500);
  EXPECT_GE(summary->departments, 40);
  EXPECT_GE(summary->skills, 300);
  EXPECT_GT(summary->events, 0);
  auto count = service.CountPeople();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 500);
  // The founder and chief executive was hired first.
  auto ceo = service.FindPerson("E000001");
  ASSERT_TRUE(ceo.ok());
  EXPECT_EQ(ceo->job_title, "Chief Executive Officer");
  auto reports = service.ListDirectReports("E000001");
  ASSERT_TRUE(reports.ok());
  EXPECT_EQ(reports->size(), 8u);  // six division heads, a chief of staff, an assistant
  // About 9 in 10 people have the optional "gender" reporting attribute.
  auto attributes = service.ListReportingAttributes();
  ASSERT_TRUE(attributes.ok());
  EXPECT_GT(attributes->size(), 400u);
  EXPECT_LT(attributes->size(), 500u);
  EXPECT_EQ(attributes->front().name, "gender");

  EXPECT_EQ(LoadDemoOrganization(service, {50, 42}).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace pairwise::domain
