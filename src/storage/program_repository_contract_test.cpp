// The ProgramRepository contract, run against every implementation: the in-memory fake, SQLite
// and PostgreSQL 15 (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless
// PAIRWISE_REQUIRE_POSTGRES=1). Each test starts from an empty, migrated store.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "domain/people/test_util.h"
#include "domain/programs/program_repository.h"
#include "storage/database.h"
#include "storage/memory/memory_program_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::EmploymentStatus;
using domain::MentorCapacity;
using domain::Program;
using domain::ProgramFields;
using domain::ProgramId;
using domain::ProgramStatus;
using domain::ProgramType;
using domain::testing::D;

struct ProgramStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<domain::ProgramRepository> programs;
  };
  static constexpr std::size_t kPool = 2;
  static Result<Store> Memory() {
    Store store;
    store.programs = std::make_unique<MemoryProgramRepository>();
    return store;
  }
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> t) {
    Store store;
    store.programs = MakeProgramRepository(t->db());
    store.database = std::move(t);
    return store;
  }
};

TimePoint At(int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

template <typename Backend>
class ProgramRepositoryContract : public testing::ContractTest<Backend> {
 protected:
  using testing::ContractTest<Backend>::store_;
  domain::ProgramRepository& repo() { return *store_.programs; }

  // Every field set, lists in a deliberate order.
  static ProgramFields Full() {
    ProgramFields f;
    f.name = "Women in Engineering — 2027";
    f.description = "Line one\nline two";
    f.type = ProgramType::kTraining;
    f.need = domain::ProgramNeed::kDiversity;
    f.objectives = "More senior women engineers";
    f.measures = {"promotion rate", "retention", "satisfaction"};
    f.start_date = D(2027, 1, 1);
    f.end_date = D(2027, 12, 31);
    f.enrollment_opens = D(2026, 11, 1);
    f.enrollment_closes = D(2026, 12, 15);
    f.relationship_months = 9;
    f.cadence = domain::MeetingCadence::kBiweekly;
    f.coordinators = {"E6", "E2"};
    f.shadow_mentors = {"E3"};
    f.training = domain::ProgramTraining{"Kubernetes 101", {"kubernetes", "cpp"}};
    f.mentor_capacity = {3, 8};
    f.mentor_eligibility.departments = {"ENG", "FIN"};
    f.mentor_eligibility.min_level = 5;
    f.mentor_eligibility.min_tenure_months = 12;
    f.mentor_eligibility.statuses = {EmploymentStatus::kActive, EmploymentStatus::kLeave};
    f.mentee_eligibility.sites = {"LON"};
    f.mentee_eligibility.max_level = 4;
    f.mentee_eligibility.employee_ids = {"E9", "E5"};
    f.requires_mentor_credential = true;
    f.manager_approval = true;
    f.max_ranked_choices = 5;
    f.request_expiry_days = 14;
    return f;
  }
  static ProgramFields Minimal(std::string name) {
    ProgramFields f;
    f.name = std::move(name);
    f.start_date = D(2027, 2, 1);
    f.end_date = D(2027, 8, 1);
    f.enrollment_opens = D(2027, 1, 1);
    f.enrollment_closes = D(2027, 1, 31);
    f.coordinators = {"E1"};
    return f;
  }
};

TYPED_TEST_SUITE(ProgramRepositoryContract, testing::ContractBackends<ProgramStores>,
                 testing::BackendNames);

TYPED_TEST(ProgramRepositoryContract, KeepsEveryFieldAsWritten) {
  auto created = this->repo().CreateProgram(this->Full(), At(1'790'000'000));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_TRUE(created->id.valid());
  EXPECT_EQ(created->status, ProgramStatus::kDraft);
  EXPECT_EQ(created->created_at, "2026-09-21T14:13:20Z");
  EXPECT_EQ(created->updated_at, created->created_at);
  EXPECT_EQ(static_cast<const ProgramFields&>(*created), this->Full());
  auto found = this->repo().FindProgram(created->id);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(static_cast<const ProgramFields&>(*found), this->Full());

  auto minimal = this->repo().CreateProgram(this->Minimal("Plain"), At(1'790'000'001));
  ASSERT_TRUE(minimal.ok()) << minimal.status().ToString();
  EXPECT_EQ(static_cast<const ProgramFields&>(*this->repo().FindProgram(minimal->id)),
            this->Minimal("Plain"));
  EXPECT_NE(minimal->id, created->id);
}

TYPED_TEST(ProgramRepositoryContract, UpdatesReplaceFieldsAndLists) {
  auto created = this->repo().CreateProgram(this->Full(), At(100));
  ASSERT_TRUE(created.ok());
  ProgramFields group = this->Minimal("Groups");
  group.type = ProgramType::kGroup;
  group.group = domain::ProgramGroup{3, 6};
  group.coordinators = {"E7"};
  ASSERT_TRUE(this->repo().UpdateProgram(created->id, group, At(200)).ok());
  auto found = this->repo().FindProgram(created->id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(static_cast<const ProgramFields&>(*found), group);
  EXPECT_EQ(found->created_at, FormatIso8601(At(100)));
  EXPECT_EQ(found->updated_at, FormatIso8601(At(200)));
  EXPECT_EQ(this->repo().UpdateProgram(ProgramId(999), group, At(300)).code(),
            ErrorCode::kNotFound);
}

TYPED_TEST(ProgramRepositoryContract, StatusMovesOnlyFromTheExpectedOne) {
  auto created = this->repo().CreateProgram(this->Minimal("P"), At(100));
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(this->repo()
                  .SetProgramStatus(created->id, ProgramStatus::kDraft, ProgramStatus::kOpen, At(5))
                  .ok());
  Status stale = this->repo().SetProgramStatus(created->id, ProgramStatus::kDraft,
                                               ProgramStatus::kArchived, At(6));
  EXPECT_EQ(stale.code(), ErrorCode::kConflict);
  EXPECT_EQ(this->repo().FindProgram(created->id)->status, ProgramStatus::kOpen);
  EXPECT_EQ(
      this->repo()
          .SetProgramStatus(ProgramId(999), ProgramStatus::kDraft, ProgramStatus::kOpen, At(7))
          .code(),
      ErrorCode::kNotFound);
}

TYPED_TEST(ProgramRepositoryContract, ListsEveryProgramById) {
  for (const char* name : {"A", "B", "C"}) {
    ASSERT_TRUE(this->repo().CreateProgram(this->Minimal(name), At(1)).ok());
  }
  auto all = this->repo().ListPrograms();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].name, "A");
  EXPECT_EQ((*all)[2].name, "C");
  EXPECT_LT((*all)[0].id, (*all)[1].id);
  EXPECT_EQ((*all)[1].coordinators, (std::vector<std::string>{"E1"}));
}

TYPED_TEST(ProgramRepositoryContract, MentorCapacityIsTheLowerOfTheProgramsAndTheirOwn) {
  auto created = this->repo().CreateProgram(this->Full(), At(1));  // capacity {3, 8}
  ASSERT_TRUE(created.ok());
  const ProgramId id = created->id;
  EXPECT_EQ(*this->repo().EffectiveMentorCapacity(id, "E2"), (MentorCapacity{3, 8}));
  ASSERT_TRUE(this->repo().SetMentorCapacity(id, "E2", MentorCapacity{1, 10}).ok());
  EXPECT_EQ(*this->repo().EffectiveMentorCapacity(id, "E2"), (MentorCapacity{1, 8}));
  EXPECT_EQ(*this->repo().EffectiveMentorCapacity(id, "E3"), (MentorCapacity{3, 8}));
  ASSERT_TRUE(this->repo().SetMentorCapacity(id, "E2", MentorCapacity{2, 4}).ok());
  EXPECT_EQ(*this->repo().EffectiveMentorCapacity(id, "E2"), (MentorCapacity{2, 4}));
  ASSERT_TRUE(this->repo().SetMentorCapacity(id, "E2", std::nullopt).ok());
  EXPECT_EQ(*this->repo().EffectiveMentorCapacity(id, "E2"), (MentorCapacity{3, 8}));
  EXPECT_EQ(this->repo().SetMentorCapacity(ProgramId(999), "E2", MentorCapacity{1, 1}).code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(this->repo().EffectiveMentorCapacity(ProgramId(999), "E2").status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(this->repo().FindProgram(ProgramId(999)).status().code(), ErrorCode::kNotFound);
}

TYPED_TEST(ProgramRepositoryContract, ListsTheCapacitiesMentorsSetThemselves) {
  auto a = this->repo().CreateProgram(this->Full(), At(1));
  auto b = this->repo().CreateProgram(this->Full(), At(2));
  ASSERT_TRUE(a.ok() && b.ok());
  auto none = this->repo().ListMentorCapacities(a->id);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
  ASSERT_TRUE(this->repo().SetMentorCapacity(a->id, "E2", MentorCapacity{1, 10}).ok());
  ASSERT_TRUE(this->repo().SetMentorCapacity(a->id, "E10", MentorCapacity{2, 3}).ok());
  ASSERT_TRUE(this->repo().SetMentorCapacity(a->id, "E3", MentorCapacity{1, 1}).ok());
  ASSERT_TRUE(this->repo().SetMentorCapacity(a->id, "E3", std::nullopt).ok());
  ASSERT_TRUE(this->repo().SetMentorCapacity(b->id, "E4", MentorCapacity{5, 5}).ok());
  auto listed = this->repo().ListMentorCapacities(a->id);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  const std::map<std::string, MentorCapacity> expected = {{"E10", MentorCapacity{2, 3}},
                                                          {"E2", MentorCapacity{1, 10}}};
  EXPECT_EQ(*listed, expected);
  EXPECT_EQ(this->repo().ListMentorCapacities(b->id)->size(), 1u);
  EXPECT_EQ(this->repo().ListMentorCapacities(ProgramId(999)).status().code(),
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace pairwise::storage
