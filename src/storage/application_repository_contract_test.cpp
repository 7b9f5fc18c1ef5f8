// The ApplicationRepository contract, run against the in-memory fake, SQLite and PostgreSQL 15
// (PAIRWISE_TEST_POSTGRES_URL; skipped when unset unless PAIRWISE_REQUIRE_POSTGRES=1). Each test
// starts from an empty, migrated store with two programs.
#include <gtest/gtest.h>

#include <chrono>

#include "domain/applications/application_repository.h"
#include "domain/people/test_util.h"
#include "domain/programs/program_repository.h"
#include "storage/database.h"
#include "storage/memory/memory_application_repository.h"
#include "storage/memory/memory_program_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage {
namespace {

using domain::Application;
using domain::ApplicationId;
using domain::ApplicationStatus;
using domain::ProgramId;
using domain::Question;
using domain::QuestionType;
using domain::Side;

struct ApplicationStores {
  struct Store {
    std::unique_ptr<testing::TestDatabase> database;
    std::unique_ptr<domain::ProgramRepository> programs;
    std::unique_ptr<domain::ApplicationRepository> applications;
  };
  static constexpr std::size_t kPool = 2;
  static Result<Store> Memory() {
    Store store;
    store.programs = std::make_unique<MemoryProgramRepository>();
    store.applications = std::make_unique<MemoryApplicationRepository>();
    return store;
  }
  static Result<Store> Sql(std::unique_ptr<testing::TestDatabase> t) {
    Store store;
    store.programs = MakeProgramRepository(t->db());
    store.applications = MakeApplicationRepository(t->db());
    store.database = std::move(t);
    return store;
  }
};

TimePoint At(int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

template <typename Backend>
class ApplicationRepositoryContract : public testing::ContractTest<Backend> {
 protected:
  using testing::ContractTest<Backend>::store_;
  void SetUp() override {
    testing::ContractTest<Backend>::SetUp();
    if (this->Skipped()) return;
    for (const char* name : {"One", "Two"}) {
      domain::ProgramFields f;
      f.name = name;
      f.start_date = domain::testing::D(2027, 1, 1);
      f.end_date = domain::testing::D(2027, 6, 1);
      f.enrollment_opens = f.enrollment_closes = domain::testing::D(2026, 12, 1);
      f.coordinators = {"E1"};
      auto created = store_.programs->CreateProgram(f, At(1));
      ASSERT_TRUE(created.ok()) << created.status().ToString();
      programs_.push_back(created->id);
    }
  }

  domain::ApplicationRepository& repo() { return *store_.applications; }

  Application Make(std::string employee_id, Side side = Side::kMentee, int program = 0) {
    Application a;
    a.program = programs_[static_cast<std::size_t>(program)];
    a.side = side;
    a.employee_id = std::move(employee_id);
    a.form_version = 1;
    a.answers = {{"goal", {"Lead a team — soon"}}, {"skills", {"cpp", "kubernetes"}}};
    return a;
  }

  std::vector<ProgramId> programs_;
};

TYPED_TEST_SUITE(ApplicationRepositoryContract, testing::ContractBackends<ApplicationStores>,
                 testing::BackendNames);

TYPED_TEST(ApplicationRepositoryContract, FormsGetANewVersionOnlyOnceAnswered) {
  const ProgramId p = this->programs_[0];
  auto none = this->repo().FindForm(p, Side::kMentee);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->version, 0);
  EXPECT_TRUE(none->questions.empty());
  const std::vector<Question> v1 = {
      {"goal", QuestionType::kLongText, "Your goal?", "Be concrete", true, {}},
      {"area", QuestionType::kSingleChoice, "Area", "", false, {"Tech", "People"}}};
  auto saved = this->repo().SaveForm(p, Side::kMentee, v1);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->version, 1);
  auto replaced = this->repo().SaveForm(p, Side::kMentee, {v1[0]});
  ASSERT_TRUE(replaced.ok());
  EXPECT_EQ(replaced->version, 1);  // nobody answered version 1 yet
  ASSERT_TRUE(this->repo().CreateApplications({this->Make("E5")}, At(10)).ok());
  auto next = this->repo().SaveForm(p, Side::kMentee, v1);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->version, 2);
  EXPECT_EQ(this->repo().FindForm(p, Side::kMentee)->questions, v1);
  EXPECT_EQ(this->repo().FindFormVersion(p, Side::kMentee, 1)->questions,
            (std::vector<Question>{v1[0]}));
  EXPECT_EQ(this->repo().FindFormVersion(p, Side::kMentee, 3).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(this->repo().FindForm(p, Side::kMentor)->version, 0);  // the other side
}

TYPED_TEST(ApplicationRepositoryContract, ApplicationsKeepTheirAnswersAndAreUniquePerSide) {
  auto created = this->repo().CreateApplications(
      {this->Make("E5"), this->Make("E5", Side::kMentor), this->Make("E6")}, At(100));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  ASSERT_EQ(created->size(), 3u);
  EXPECT_EQ((*created)[1].side, Side::kMentor);
  EXPECT_EQ((*created)[2].employee_id, "E6");
  auto found = this->repo().FindApplication((*created)[0].id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->answers, this->Make("E5").answers);
  EXPECT_EQ(found->status, ApplicationStatus::kSubmitted);
  EXPECT_EQ(found->submitted_at, FormatIso8601(At(100)));

  // A batch with one person already in: nothing is stored.
  auto again = this->repo().CreateApplications({this->Make("E7"), this->Make("E5")}, At(101));
  EXPECT_EQ(again.status().reason(), "duplicate_application");
  EXPECT_EQ(this->repo().ListApplications(this->programs_[0])->size(), 3u);
  // In another program, or after withdrawing, one may apply again.
  EXPECT_TRUE(this->repo().CreateApplications({this->Make("E5", Side::kMentee, 1)}, At(102)).ok());
  ASSERT_TRUE(this->repo()
                  .Decide(this->programs_[0], {(*created)[0].id}, {ApplicationStatus::kSubmitted},
                          ApplicationStatus::kWithdrawn, "", At(103))
                  .ok());
  auto reapplied = this->repo().CreateApplications({this->Make("E5")}, At(104));
  ASSERT_TRUE(reapplied.ok()) << reapplied.status().ToString();
  auto participant = this->repo().FindParticipant(this->programs_[0], Side::kMentee, "E5");
  ASSERT_TRUE(participant.ok() && participant->has_value());
  EXPECT_EQ((*participant)->application, (*reapplied)[0].id);
  EXPECT_FALSE(this->repo().FindParticipant(this->programs_[0], Side::kMentor, "E6")->has_value());
  EXPECT_EQ(this->repo().ListByPerson("E5")->size(), 4u);
}

TYPED_TEST(ApplicationRepositoryContract, DecisionsAreAllOrNothing) {
  std::vector<Application> batch;
  for (int i = 0; i < 30; ++i) batch.push_back(this->Make("P" + std::to_string(100 + i)));
  auto created = this->repo().CreateApplications(batch, At(1));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  std::vector<ApplicationId> ids;
  for (const Application& a : *created) ids.push_back(a.id);
  ASSERT_TRUE(this->repo()
                  .Decide(this->programs_[0], {ids[5]}, {ApplicationStatus::kSubmitted},
                          ApplicationStatus::kDeclined, "", At(2))
                  .ok());
  // ids[5] is declined now: approving all 30 changes none.
  Status refused = this->repo().Decide(this->programs_[0], ids, {ApplicationStatus::kSubmitted},
                                       ApplicationStatus::kApproved, "Welcome", At(3));
  EXPECT_EQ(refused.reason(), "invalid_status");
  EXPECT_TRUE(this->repo().ListApproved(this->programs_[0], Side::kMentee)->empty());
  // An id of another program: NotFound, nothing changes.
  EXPECT_EQ(this->repo()
                .Decide(this->programs_[1], {ids[0]}, {ApplicationStatus::kSubmitted},
                        ApplicationStatus::kApproved, "", At(3))
                .code(),
            ErrorCode::kNotFound);
  ids.erase(ids.begin() + 5);
  ASSERT_TRUE(this->repo()
                  .Decide(this->programs_[0], ids, {ApplicationStatus::kSubmitted},
                          ApplicationStatus::kApproved, "Welcome", At(4))
                  .ok());
  EXPECT_EQ(this->repo().ListApproved(this->programs_[0], Side::kMentee)->size(), 29u);
  EXPECT_EQ(*this->repo().CountApproved(this->programs_[0], Side::kMentee), 29);
  EXPECT_EQ(this->repo().FindApplication(ids[0])->decision_message, "Welcome");
  EXPECT_EQ(this->repo().UpdateAnswers(ids[0], 2, {}, At(5)).reason(), "already_reviewed");
  ASSERT_TRUE(
      this->repo().SetManagerApproval(ids[0], domain::ManagerApproval::kApproved, At(6)).ok());
  EXPECT_EQ(this->repo().FindApplication(ids[0])->manager_approval,
            domain::ManagerApproval::kApproved);
  EXPECT_EQ(this->repo().FindApplication(ApplicationId(99999)).status().code(),
            ErrorCode::kNotFound);
}

// The bulk review: 5,000 applications approved in one call, one transaction.
TYPED_TEST(ApplicationRepositoryContract, ApprovesFiveThousandAtOnce) {
  std::vector<Application> batch;
  for (int i = 0; i < 5000; ++i) batch.push_back(this->Make("N" + std::to_string(10000 + i)));
  auto created = this->repo().CreateApplications(batch, At(1));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  std::vector<ApplicationId> ids;
  for (const Application& a : *created) ids.push_back(a.id);
  ASSERT_TRUE(this->repo()
                  .Decide(this->programs_[0], ids, {ApplicationStatus::kSubmitted},
                          ApplicationStatus::kApproved, "Welcome", At(2))
                  .ok());
  EXPECT_EQ(this->repo().ListApproved(this->programs_[0], Side::kMentee)->size(), 5000u);
}

}  // namespace
}  // namespace pairwise::storage
