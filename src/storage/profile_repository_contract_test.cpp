// The ProfileRepository contract, run against every implementation: the in-memory fake, SQLite
// and PostgreSQL 15 (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless
// PAIRWISE_REQUIRE_POSTGRES=1). Each test starts from an empty, migrated store holding the
// small test directory.
#include <gtest/gtest.h>

#include <chrono>

#include "domain/people/people_service.h"
#include "domain/people/test_util.h"
#include "domain/profiles/profile_repository.h"
#include "storage/database.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/memory/memory_profile_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::EmploymentStatus;
using domain::MeetingPreference;
using domain::PeopleSearch;
using domain::PersonSummary;
using domain::Profile;
using domain::SkillInterest;
using domain::SkillLevel;
using domain::testing::MakePerson;
using domain::testing::SmallDirectory;

struct ProfileStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<domain::PeopleRepository> people;
    std::unique_ptr<domain::ProfileRepository> profiles;
  };
  static constexpr std::size_t kPool = 4;
  static Result<Store> Memory() {
    Store store;
    store.people = std::make_unique<MemoryPeopleRepository>();
    store.profiles = std::make_unique<MemoryProfileRepository>(*store.people);
    return store;
  }
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> t) {
    Store store;
    store.people = MakePeopleRepository(t->db());
    store.profiles = MakeProfileRepository(t->db());
    store.database = std::move(t);
    return store;
  }
};

TimePoint At(int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

template <typename Backend>
class ProfileRepositoryContract : public testing::ContractTest<Backend> {
 protected:
  using testing::ContractTest<Backend>::store_;
  void SetUp() override {
    testing::ContractTest<Backend>::SetUp();
    if (this->Skipped()) return;
    domain::Directory d = SmallDirectory();
    domain::PersonRecord e5 = MakePerson("E5", "E2");
    e5.first_name = "Zoë";
    e5.last_name = "O'Brien";
    e5.email = "Zoe.OBrien@Example.com";
    domain::PersonRecord e6 = MakePerson("E6", "E3");
    e6.first_name = "Max_";
    e6.last_name = "100%";
    e6.department = "FIN";
    e6.site = "";
    e6.status = EmploymentStatus::kLeave;
    d.people.insert(d.people.end(), {e5, e6});
    domain::PeopleService service(*store_.people);
    Status loaded = service.LoadDirectory(d);
    ASSERT_TRUE(loaded.ok()) << loaded.ToString();
  }

  domain::ProfileRepository& repo() { return *store_.profiles; }

  static Profile MakeProfile(std::string employee_id) {
    Profile p;
    p.employee_id = std::move(employee_id);
    p.expertise = {{"kubernetes", 5}, {"cpp", 3}};
    p.wants = {{"budgeting", 2}};
    p.bio = "Line one\nZweite Zeile — ünïcödé 🎉";
    p.languages = {"pt", "de"};
    p.availability_hours_per_month = 8;
    p.meeting_preference = MeetingPreference::kInPerson;
    p.updated_at = At(1'790'000'000) + std::chrono::microseconds(123456);
    return p;
  }

  std::optional<Profile> Find(std::string_view employee_id) {
    auto found = repo().FindProfile(employee_id);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() ? *found : std::nullopt;
  }

  std::vector<std::string> Search(PeopleSearch search) {
    auto found = repo().SearchPeople(search);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    std::vector<std::string> keys;
    if (found.ok()) {
      for (const PersonSummary& p : *found) keys.push_back(p.employee_id);
    }
    return keys;
  }
};

TYPED_TEST_SUITE(ProfileRepositoryContract, testing::ContractBackends<ProfileStores>,
                 testing::BackendNames);

TYPED_TEST(ProfileRepositoryContract, NoProfileUntilSaved) {
  EXPECT_EQ(this->Find("E1"), std::nullopt);
  EXPECT_EQ(this->Find("nobody"), std::nullopt);
}

TYPED_TEST(ProfileRepositoryContract, SavesAndReadsBackEveryField) {
  const Profile p = this->MakeProfile("E2");
  ASSERT_TRUE(this->repo().SaveProfiles({&p, 1}).ok());
  EXPECT_EQ(this->Find("E2"), p);
  EXPECT_EQ(this->Find("E1"), std::nullopt);
}

TYPED_TEST(ProfileRepositoryContract, SavingAgainReplacesEveryList) {
  Profile p = this->MakeProfile("E2");
  ASSERT_TRUE(this->repo().SaveProfiles({&p, 1}).ok());
  p.expertise = {{"cpp", 1}};
  p.wants = {};
  p.languages = {"de", "es", "pt"};
  p.bio = "";
  p.meeting_preference = MeetingPreference::kVirtual;
  p.availability_hours_per_month = 0;
  p.updated_at = At(1'800'000'000);
  ASSERT_TRUE(this->repo().SaveProfiles({&p, 1}).ok());
  EXPECT_EQ(this->Find("E2"), p);
}

TYPED_TEST(ProfileRepositoryContract, UnknownPersonOrSkillWritesNothing) {
  std::vector<Profile> batch = {this->MakeProfile("E1"), this->MakeProfile("E9")};
  EXPECT_EQ(this->repo().SaveProfiles(batch).code(), ErrorCode::kNotFound);
  EXPECT_EQ(this->Find("E1"), std::nullopt);

  batch = {this->MakeProfile("E1"), this->MakeProfile("E2")};
  batch[1].wants.push_back({"cobol", 2});
  Status bad_skill = this->repo().SaveProfiles(batch);
  EXPECT_EQ(bad_skill.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad_skill.field(), "profiles[1].wants[1].skill");
  EXPECT_EQ(this->Find("E1"), std::nullopt);

  batch = {this->MakeProfile("E1"), this->MakeProfile("E2"), this->MakeProfile("E1")};
  Status repeated = this->repo().SaveProfiles(batch);
  EXPECT_EQ(repeated.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(repeated.field(), "profiles[2].employee_id");
  EXPECT_EQ(this->Find("E1"), std::nullopt);
}

TYPED_TEST(ProfileRepositoryContract, SearchDefaultsToActivePeopleInEmployeeIdOrder) {
  EXPECT_EQ(this->Search({}), (std::vector<std::string>{"E1", "E2", "E3", "E5"}));
  PeopleSearch any;
  any.statuses = {};
  EXPECT_EQ(this->Search(any), (std::vector<std::string>{"E1", "E2", "E3", "E4", "E5", "E6"}));
  PeopleSearch left_or_leave;
  left_or_leave.statuses = {EmploymentStatus::kLeft, EmploymentStatus::kLeave};
  EXPECT_EQ(this->Search(left_or_leave), (std::vector<std::string>{"E4", "E6"}));
}

TYPED_TEST(ProfileRepositoryContract, SummariesCarryReferenceNames) {
  PeopleSearch any;
  any.statuses = {};
  auto found = this->repo().SearchPeople(any);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 6u);
  const PersonSummary& e1 = (*found)[0];
  EXPECT_EQ(e1.first_name, "FirstE1");
  EXPECT_EQ(e1.last_name, "Last");
  EXPECT_EQ(e1.email, "p.E1@example.com");
  EXPECT_EQ(e1.job_title, "Chief Executive Officer");
  EXPECT_EQ(e1.level, 10);
  EXPECT_EQ(e1.department_code, "ENG");
  EXPECT_EQ(e1.department_name, "Engineering");
  EXPECT_EQ(e1.site_code, "NYC");
  EXPECT_EQ(e1.site_name, "New York");
  EXPECT_EQ(e1.status, EmploymentStatus::kActive);
  const PersonSummary& e6 = (*found)[5];
  EXPECT_EQ(e6.site_code, "");
  EXPECT_EQ(e6.site_name, "");
  EXPECT_EQ(e6.status, EmploymentStatus::kLeave);
}

TYPED_TEST(ProfileRepositoryContract, TextMatchesNameOrEmailIgnoringAsciiCase) {
  PeopleSearch s;
  s.statuses = {};
  s.text = "firste2";
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E2"}));
  s.text = "zoë o'b";  // across first and last name
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E5"}));
  s.text = "ZOE.OBRIEN@";
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E5"}));
  s.text = "example.com";
  EXPECT_EQ(this->Search(s).size(), 6u);
  // LIKE's wildcards are matched literally.
  s.text = "%";
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E6"}));
  s.text = "x_ ";
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E6"}));
  s.text = "_";
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E6"}));
  s.text = "nobody";
  EXPECT_TRUE(this->Search(s).empty());
}

TYPED_TEST(ProfileRepositoryContract, TextFindsPeopleByDepartmentAndSkillNames) {
  PeopleSearch s;
  s.statuses = {};
  s.text = "FINANCE";  // the department's name, any case
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E3", "E6"}));
  s.text = "eng";  // its code, and a part of a name
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E1", "E2", "E4", "E5"}));
  s.text = "kubernetes";
  EXPECT_TRUE(this->Search(s).empty());  // nobody lists it yet
  Profile e2 = this->MakeProfile("E2");  // offers kubernetes, cpp; wants budgeting
  Profile e5 = this->MakeProfile("E5");
  e5.expertise = {};
  e5.wants = {{"cpp", 3}};
  ASSERT_TRUE(this->repo().SaveProfiles(std::vector<Profile>{e2, e5}).ok());
  s.text = "Kubernetes";
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E2"}));
  s.text = "c++";  // a skill's name, offered or wanted
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E2", "E5"}));
  s.text = "budget";
  s.department = "ENG";  // with the other filters
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E2"}));
}

TYPED_TEST(ProfileRepositoryContract, FiltersByDepartmentSiteAndSkill) {
  PeopleSearch s;
  s.statuses = {};
  s.department = "FIN";
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E3", "E6"}));
  s.department = "NOPE";
  EXPECT_TRUE(this->Search(s).empty());
  s.department = "";
  s.site = "NYC";
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E1"}));
  s.site = "LON";
  s.department = "ENG";
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E2", "E4", "E5"}));

  Profile e2 = this->MakeProfile("E2");  // offers kubernetes, cpp; wants budgeting
  Profile e5 = this->MakeProfile("E5");
  e5.expertise = {{"budgeting", 4}};
  e5.wants = {{"cpp", 3}};
  ASSERT_TRUE(this->repo().SaveProfiles(std::vector<Profile>{e2, e5}).ok());
  PeopleSearch skill;
  skill.skill = "cpp";
  EXPECT_EQ(this->Search(skill), (std::vector<std::string>{"E2", "E5"}));
  skill.skill_interest = SkillInterest::kOffer;
  EXPECT_EQ(this->Search(skill), (std::vector<std::string>{"E2"}));
  skill.skill_interest = SkillInterest::kWant;
  EXPECT_EQ(this->Search(skill), (std::vector<std::string>{"E5"}));
  skill.skill = "kubernetes";
  EXPECT_TRUE(this->Search(skill).empty());
  skill.skill = "unknown";
  skill.skill_interest = SkillInterest::kEither;
  EXPECT_TRUE(this->Search(skill).empty());
  skill.skill = "budgeting";
  skill.text = "zoe";
  EXPECT_EQ(this->Search(skill), (std::vector<std::string>{"E5"}));
}

TYPED_TEST(ProfileRepositoryContract, PagesByKeyset) {
  PeopleSearch s;
  s.statuses = {};
  s.limit = 1;
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E1"}));
  s.after_employee_id = "E1";
  s.limit = 2;
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E2", "E3"}));
  s.after_employee_id = "E5";
  EXPECT_EQ(this->Search(s), (std::vector<std::string>{"E6"}));
  s.after_employee_id = "E6";
  EXPECT_TRUE(this->Search(s).empty());
  s.limit = 0;
  EXPECT_EQ(this->repo().SearchPeople(s).status().code(), ErrorCode::kInvalidArgument);
  s.limit = domain::kMaxPeoplePageSize + 1;
  EXPECT_EQ(this->repo().SearchPeople(s).status().code(), ErrorCode::kInvalidArgument);
}

TYPED_TEST(ProfileRepositoryContract, SavesManyProfilesAtOnce) {
  // Past the SQL repository's scan threshold, with people added for the purpose.
  std::vector<domain::PersonRecord> people;
  std::vector<Profile> profiles;
  for (int i = 0; i < 2100; ++i) {
    const std::string id = "M" + std::to_string(10000 + i);
    people.push_back(MakePerson(id, "E1"));
    Profile p = this->MakeProfile(id);
    p.availability_hours_per_month = i % 161;
    profiles.push_back(p);
  }
  ASSERT_TRUE(this->store_.people->UpsertPeople(people).ok());
  ASSERT_TRUE(this->repo().SaveProfiles(profiles).ok());
  profiles[7].bio = "changed";
  ASSERT_TRUE(this->repo().SaveProfiles(profiles).ok());
  EXPECT_EQ(this->Find("M10007"), profiles[7]);
  EXPECT_EQ(this->Find("M12099"), profiles[2099]);
  PeopleSearch s;
  s.skill = "kubernetes";
  s.limit = 1000;
  EXPECT_EQ(this->Search(s).size(), 1000u);
}

TYPED_TEST(ProfileRepositoryContract, ListsTheSavedProfilesOfManyPeopleInOrder) {
  Profile e2 = this->MakeProfile("E2");
  Profile e5 = this->MakeProfile("E5");
  e5.expertise = {};
  e5.languages = {};
  e5.bio = "";
  ASSERT_TRUE(this->repo().SaveProfiles(std::vector<Profile>{e5, e2}).ok());
  auto none = this->repo().ListProfiles({});
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
  // Unknown people and people without a profile are absent; repeats count once.
  auto listed = this->repo().ListProfiles({"E5", "nobody", "E1", "E2", "E5"});
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(*listed, (std::vector<Profile>{e2, e5}));
}

TYPED_TEST(ProfileRepositoryContract, ListsThirtyThousandIdsAtOnce) {
  std::vector<domain::PersonRecord> people;
  std::vector<Profile> profiles;
  std::vector<std::string> ids;
  for (int i = 0; i < 3000; ++i) {
    const std::string id = "L" + std::to_string(10000 + i);
    people.push_back(MakePerson(id, "E1"));
    Profile p = this->MakeProfile(id);
    p.availability_hours_per_month = i % 161;
    if (i % 3 == 0) profiles.push_back(p);  // the others have no profile
  }
  ASSERT_TRUE(this->store_.people->UpsertPeople(people).ok());
  ASSERT_TRUE(this->repo().SaveProfiles(profiles).ok());
  for (int i = 29999; i >= 0; --i) ids.push_back("L" + std::to_string(10000 + i));
  const auto start = std::chrono::steady_clock::now();
  auto listed = this->repo().ListProfiles(ids);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(*listed, profiles);
  // Catches a statement per id (minutes), not a figure: ASan on a loaded machine takes 3 s.
  EXPECT_LT(took, std::chrono::seconds(15));
}

}  // namespace
}  // namespace pairwise::storage
