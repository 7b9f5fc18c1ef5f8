#include "domain/demo/demo_profiles.h"

#include <gtest/gtest.h>

#include "storage/memory/memory_people_repository.h"
#include "storage/memory/memory_profile_repository.h"

namespace pairwise::domain {
namespace {

struct Loaded {
  storage::MemoryPeopleRepository people_repository;
  PeopleService people{people_repository};
  storage::MemoryProfileRepository profiles{people_repository};
  int64_t count = 0;
};

void Load(Loaded& loaded, const DemoOptions& options) {
  ASSERT_TRUE(LoadDemoOrganization(loaded.people, options).ok());
  auto count = LoadDemoProfiles(loaded.people, loaded.profiles, options);
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  loaded.count = *count;
}

TEST(DemoProfilesTest, MostCurrentPeopleGetAValidProfileAndNoOneWhoLeft) {
  Loaded loaded;
  ASSERT_NO_FATAL_FAILURE(Load(loaded, {.people = 1000}));
  auto people = loaded.people.ListPeople({"", kMaxPeoplePageSize});
  ASSERT_TRUE(people.ok());
  auto skills = loaded.people.ListSkills();
  ASSERT_TRUE(skills.ok());
  int current = 0, with_profile = 0, offering = 0;
  for (const Person& p : *people) {
    auto profile = loaded.profiles.FindProfile(p.employee_id);
    ASSERT_TRUE(profile.ok());
    if (p.status == EmploymentStatus::kLeft) {
      EXPECT_FALSE(profile->has_value()) << p.employee_id;
      continue;
    }
    ++current;
    if (!profile->has_value()) continue;
    ++with_profile;
    const Profile& pr = **profile;
    EXPECT_TRUE(CheckProfileFields(pr, *skills).ok()) << CheckProfileFields(pr, *skills).ToString();
    EXPECT_FALSE(pr.bio.empty());
    EXPECT_TRUE(pr.updated_at.has_value());
    if (!pr.expertise.empty()) ++offering;
  }
  EXPECT_EQ(with_profile, loaded.count);
  EXPECT_GT(with_profile, current * 6 / 10);
  EXPECT_LT(with_profile, current * 9 / 10);
  EXPECT_GT(offering, with_profile * 9 / 10);
}

TEST(DemoProfilesTest, Deterministic) {
  Loaded a, b;
  ASSERT_NO_FATAL_FAILURE(Load(a, {.people = 300, .seed = 7}));
  ASSERT_NO_FATAL_FAILURE(Load(b, {.people = 300, .seed = 7}));
  EXPECT_EQ(a.count, b.count);
  auto people = a.people.ListPeople({"", kMaxPeoplePageSize});
  ASSERT_TRUE(people.ok());
  for (const Person& p : *people) {
    auto pa = a.profiles.FindProfile(p.employee_id);
    auto pb = b.profiles.FindProfile(p.employee_id);
    ASSERT_TRUE(pa.ok() && pb.ok());
    EXPECT_EQ(*pa, *pb) << p.employee_id;
  }
}

}  // namespace
}  // namespace pairwise::domain
