#include "domain/profiles/directory_service.h"

#include <gtest/gtest.h>

#include "domain/people/test_util.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/memory/memory_profile_repository.h"

namespace pairwise::domain {
namespace {

using testing::MakePerson;
using testing::SmallDirectory;

Actor PersonActor(std::string employee_id, std::vector<Role> roles = {}) {
  Actor a;
  a.kind = Actor::Kind::kPerson;
  a.account_id = AccountId(7);
  a.employee_id = std::move(employee_id);
  a.roles = std::move(roles);
  return a;
}

Actor TokenActor() {
  Actor a;
  a.kind = Actor::Kind::kApiToken;
  a.api_token_id = ApiTokenId(3);
  a.scopes = {std::string(kScopeExport)};
  return a;
}

std::vector<std::string> Keys(const std::vector<PersonSummary>& people) {
  std::vector<std::string> keys;
  for (const PersonSummary& p : people) keys.push_back(p.employee_id);
  return keys;
}

// The small directory (E1 CEO; E2, E3 under E1; E4, who left, under E2) plus E5 and E6 under E2,
// E7 under E5, and E8 on leave under E3.
class DirectoryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Directory d = SmallDirectory();
    PersonRecord e5 = MakePerson("E5", "E2");
    e5.first_name = "Ana";
    e5.last_name = "Silva";
    e5.email = "ana.silva@example.com";
    PersonRecord e6 = MakePerson("E6", "E2");
    e6.site = "NYC";
    PersonRecord e7 = MakePerson("E7", "E5");
    PersonRecord e8 = MakePerson("E8", "E3");
    e8.department = "FIN";
    e8.status = EmploymentStatus::kLeave;
    d.people.insert(d.people.end(), {e5, e6, e7, e8});
    Status loaded = people_.LoadDirectory(d);
    ASSERT_TRUE(loaded.ok()) << loaded.ToString();
  }

  ProfileFields Fields() {
    ProfileFields f;
    f.expertise = {{"cpp", 4}};
    f.wants = {{"budgeting", 2}};
    f.bio = "Hello";
    f.languages = {"de"};
    f.availability_hours_per_month = 6;
    f.meeting_preference = MeetingPreference::kVirtual;
    return f;
  }

  storage::MemoryPeopleRepository people_repository_;
  PeopleService people_{people_repository_};
  storage::MemoryProfileRepository profiles_{people_repository_};
  FakeClock clock_{TimePoint(std::chrono::seconds(1'790'000'000))};
  DirectoryService service_{people_, profiles_, clock_};
};

TEST_F(DirectoryServiceTest, SearchShowsCurrentPeopleToEveryone) {
  auto page = service_.Search(PersonActor("E6"), {});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(Keys(page->items), (std::vector<std::string>{"E1", "E2", "E3", "E5", "E6", "E7"}));
  EXPECT_EQ(page->items[0].department_name, "Engineering");
  EXPECT_EQ(page->items[0].site_name, "New York");
  EXPECT_TRUE(page->next_cursor.empty());

  PeopleSearchRequest leave;
  leave.status = "leave";
  auto on_leave = service_.Search(PersonActor("E6"), leave);
  ASSERT_TRUE(on_leave.ok());
  EXPECT_EQ(Keys(on_leave->items), (std::vector<std::string>{"E8"}));
}

TEST_F(DirectoryServiceTest, PeopleWhoLeftAreForAdminsOnly) {
  PeopleSearchRequest left;
  left.status = "left";
  EXPECT_EQ(service_.Search(PersonActor("E6"), left).status().code(), ErrorCode::kForbidden);
  auto admin = service_.Search(PersonActor("E6", {Role::kAdmin}), left);
  ASSERT_TRUE(admin.ok());
  EXPECT_EQ(Keys(admin->items), (std::vector<std::string>{"E4"}));

  PeopleSearchRequest any;
  any.status = "any";
  auto everyone = service_.Search(PersonActor("E6"), any);
  ASSERT_TRUE(everyone.ok());
  EXPECT_EQ(everyone->items.size(), 7u);  // all but E4
  auto everyone_admin = service_.Search(PersonActor("E6", {Role::kAdmin}), any);
  ASSERT_TRUE(everyone_admin.ok());
  EXPECT_EQ(everyone_admin->items.size(), 8u);

  EXPECT_EQ(service_.GetPerson(PersonActor("E2"), "E4").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_.GetPerson(PersonActor("E2", {Role::kCoordinator}), "E4").status().code(),
            ErrorCode::kNotFound);
  EXPECT_TRUE(service_.GetPerson(PersonActor("E2", {Role::kAdmin}), "E4").ok());
}

TEST_F(DirectoryServiceTest, SearchFiltersAndPages) {
  PeopleSearchRequest q;
  q.q = "ANA s";
  auto by_name = service_.Search(PersonActor("E1"), q);
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(Keys(by_name->items), (std::vector<std::string>{"E5"}));
  q.q = "p.e7@";
  auto by_email = service_.Search(PersonActor("E1"), q);
  ASSERT_TRUE(by_email.ok());
  EXPECT_EQ(Keys(by_email->items), (std::vector<std::string>{"E7"}));

  PeopleSearchRequest site;
  site.site = "NYC";
  auto nyc = service_.Search(PersonActor("E1"), site);
  ASSERT_TRUE(nyc.ok());
  EXPECT_EQ(Keys(nyc->items), (std::vector<std::string>{"E1", "E6"}));

  PeopleSearchRequest department;
  department.department = "FIN";
  department.status = "any";
  auto fin = service_.Search(PersonActor("E1"), department);
  ASSERT_TRUE(fin.ok());
  EXPECT_EQ(Keys(fin->items), (std::vector<std::string>{"E3", "E8"}));

  ASSERT_TRUE(service_.UpdateOwnProfile(PersonActor("E7"), Fields()).ok());
  PeopleSearchRequest skill;
  skill.skill = "budgeting";  // wanted by E7
  auto wants = service_.Search(PersonActor("E1"), skill);
  ASSERT_TRUE(wants.ok());
  EXPECT_EQ(Keys(wants->items), (std::vector<std::string>{"E7"}));
  skill.skill_interest = "want";
  EXPECT_EQ(Keys(service_.Search(PersonActor("E1"), skill)->items),
            (std::vector<std::string>{"E7"}));
  skill.skill_interest = "offer";
  EXPECT_TRUE(service_.Search(PersonActor("E1"), skill)->items.empty());
  skill.skill = "cpp";  // offered by E7
  EXPECT_EQ(Keys(service_.Search(PersonActor("E1"), skill)->items),
            (std::vector<std::string>{"E7"}));

  PeopleSearchRequest paged;
  paged.limit = 4;
  auto first = service_.Search(PersonActor("E1"), paged);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(Keys(first->items), (std::vector<std::string>{"E1", "E2", "E3", "E5"}));
  ASSERT_FALSE(first->next_cursor.empty());
  paged.cursor = first->next_cursor;
  auto second = service_.Search(PersonActor("E1"), paged);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(Keys(second->items), (std::vector<std::string>{"E6", "E7"}));
  EXPECT_TRUE(second->next_cursor.empty());
}

TEST_F(DirectoryServiceTest, SearchRejectsBadParametersNamingTheField) {
  auto field = [&](PeopleSearchRequest r) {
    auto page = service_.Search(PersonActor("E1"), r);
    EXPECT_EQ(page.status().code(), ErrorCode::kInvalidArgument);
    return page.status().field();
  };
  PeopleSearchRequest r;
  r.skill = "cobol";
  EXPECT_EQ(field(r), "skill");
  r = {};
  r.department = "XX";
  EXPECT_EQ(field(r), "department");
  r = {};
  r.site = "PAR";
  EXPECT_EQ(field(r), "site");
  r = {};
  r.cursor = "E3";
  EXPECT_EQ(field(r), "cursor");
  r = {};
  r.limit = 101;
  EXPECT_EQ(field(r), "limit");
  r.limit = 0;
  EXPECT_EQ(field(r), "limit");
  r = {};
  r.skill_interest = "teach";
  EXPECT_EQ(field(r), "skill_interest");
  r = {};
  r.status = "gone";
  EXPECT_EQ(field(r), "status");
  r = {};
  r.q = std::string(kMaxSearchTextChars + 1, 'a');
  EXPECT_EQ(field(r), "q");
}

TEST_F(DirectoryServiceTest, PersonPageHasChainReportsAndProfile) {
  ASSERT_TRUE(service_.UpdateOwnProfile(PersonActor("E5"), Fields()).ok());
  auto page = service_.GetPerson(PersonActor("E3"), "E5");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->person.employee_id, "E5");
  EXPECT_EQ(page->summary.department_name, "Engineering");
  EXPECT_EQ(Keys(page->manager_chain), (std::vector<std::string>{"E2", "E1"}));
  EXPECT_EQ(Keys(page->direct_reports), (std::vector<std::string>{"E7"}));
  EXPECT_EQ(page->profile.bio, "Hello");
  EXPECT_EQ(page->profile.expertise, (std::vector<SkillLevel>{{"cpp", 4}}));

  // E2's reports: E4 left, so only admins see E4 there.
  auto e2 = service_.GetPerson(PersonActor("E3"), "E2");
  ASSERT_TRUE(e2.ok());
  EXPECT_EQ(Keys(e2->direct_reports), (std::vector<std::string>{"E5", "E6"}));
  auto e2_admin = service_.GetPerson(PersonActor("E3", {Role::kAdmin}), "E2");
  ASSERT_TRUE(e2_admin.ok());
  EXPECT_EQ(Keys(e2_admin->direct_reports), (std::vector<std::string>{"E4", "E5", "E6"}));

  auto unsaved = service_.GetPerson(PersonActor("E3"), "E6");
  ASSERT_TRUE(unsaved.ok());
  EXPECT_FALSE(unsaved->profile.updated_at);
  EXPECT_EQ(unsaved->profile.employee_id, "E6");

  EXPECT_EQ(service_.GetPerson(PersonActor("E3"), "E99").status().code(), ErrorCode::kNotFound);
}

TEST_F(DirectoryServiceTest, HistoryOnlyForAdminsSelfAndManagersAbove) {
  auto sees_history = [&](const Actor& actor, std::string_view whose) {
    auto page = service_.GetPerson(actor, whose);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() && page->history.has_value();
  };
  EXPECT_TRUE(sees_history(PersonActor("E7"), "E7"));  // self
  EXPECT_TRUE(sees_history(PersonActor("E5"), "E7"));  // direct manager
  EXPECT_TRUE(sees_history(PersonActor("E2"), "E7"));  // manager's manager
  EXPECT_TRUE(sees_history(PersonActor("E1"), "E7"));  // the top
  EXPECT_TRUE(sees_history(PersonActor("E9", {Role::kAdmin}), "E7"));
  EXPECT_FALSE(sees_history(PersonActor("E6"), "E7"));  // peer of the manager
  EXPECT_FALSE(sees_history(PersonActor("E3"), "E7"));  // another branch
  EXPECT_FALSE(sees_history(PersonActor("E7"), "E5"));  // a report does not see the manager's
  EXPECT_FALSE(sees_history(PersonActor("E6", {Role::kCoordinator}), "E7"));  // role is not enough

  auto e2 = service_.GetPerson(PersonActor("E1"), "E2");
  ASSERT_TRUE(e2.ok());
  ASSERT_TRUE(e2->history.has_value());
  ASSERT_EQ(e2->history->size(), 1u);
  EXPECT_EQ((*e2->history)[0].kind, PersonEventKind::kTitleChange);
}

TEST_F(DirectoryServiceTest, OnlyTheSignedInPersonEditsTheirOwnProfile) {
  auto saved = service_.UpdateOwnProfile(PersonActor("E6"), Fields());
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->employee_id, "E6");
  EXPECT_EQ(static_cast<const ProfileFields&>(*saved), Fields());
  ASSERT_TRUE(saved->updated_at);
  EXPECT_EQ(*saved->updated_at, clock_.Now());

  auto own = service_.GetOwnProfile(PersonActor("E6"));
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(*own, *saved);
  auto other = service_.GetOwnProfile(PersonActor("E7"));
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->updated_at);
  EXPECT_TRUE(other->expertise.empty());

  EXPECT_EQ(service_.UpdateOwnProfile(TokenActor(), Fields()).status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(service_.GetOwnProfile(TokenActor()).status().code(), ErrorCode::kForbidden);
  // Someone who left, or an account outside the directory, has no profile to edit.
  EXPECT_EQ(service_.UpdateOwnProfile(PersonActor("E4"), Fields()).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(service_.UpdateOwnProfile(PersonActor(""), Fields()).status().code(),
            ErrorCode::kNotFound);
}

TEST_F(DirectoryServiceTest, ABadProfileChangesNothing) {
  ASSERT_TRUE(service_.UpdateOwnProfile(PersonActor("E6"), Fields()).ok());
  ProfileFields bad = Fields();
  bad.bio = "new";
  bad.expertise.push_back({"cpp2", 3});
  auto result = service_.UpdateOwnProfile(PersonActor("E6"), bad);
  EXPECT_EQ(result.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.status().field(), "expertise[1].skill");
  auto own = service_.GetOwnProfile(PersonActor("E6"));
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->bio, "Hello");
}

TEST_F(DirectoryServiceTest, ApiTokensAreRefused) {
  EXPECT_EQ(service_.Search(TokenActor(), {}).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(service_.GetPerson(TokenActor(), "E1").status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(service_.ListSkills(TokenActor()).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(service_.ListDepartments(TokenActor()).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(service_.ListSites(TokenActor()).status().code(), ErrorCode::kForbidden);
  auto skills = service_.ListSkills(PersonActor("E1"));
  ASSERT_TRUE(skills.ok());
  EXPECT_EQ(skills->size(), 3u);
}

}  // namespace
}  // namespace pairwise::domain
