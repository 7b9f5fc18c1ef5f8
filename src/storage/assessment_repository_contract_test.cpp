// The AssessmentRepository contract (competency assessments, issue 23) on the in-memory fake,
// SQLite and PostgreSQL: a program's competencies in order and replaced whole; one sheet per
// relationship, rater and phase; versions that refuse stale writes; reads by relationship and by
// program.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "storage/assessment_repository.h"
#include "storage/database.h"
#include "storage/memory/memory_assessment_repository.h"
#include "storage/memory/memory_program_repository.h"
#include "storage/testing/contract.h"

namespace pairwise::storage::testing {
namespace {

using namespace domain;
using std::chrono::days;

const TimePoint kNow = TimePoint(std::chrono::microseconds(0)) + days(20500);

struct AssessmentStores {
  struct Store {
    std::unique_ptr<TestDatabase> database;
    std::unique_ptr<ProgramRepository> programs;
    std::unique_ptr<AssessmentRepository> assessments;
  };
  static constexpr std::size_t kPool = 2;
  static Result<Store> Memory() {
    Store s;
    s.programs = std::make_unique<MemoryProgramRepository>();
    s.assessments = std::make_unique<MemoryAssessmentRepository>();
    return s;
  }
  static Result<Store> Sql(std::unique_ptr<TestDatabase> t) {
    Store s;
    s.programs = MakeProgramRepository(t->db());
    s.assessments = MakeAssessmentRepository(t->db());
    s.database = std::move(t);
    return s;
  }
};

template <typename Backend>
class AssessmentContract : public ContractTest<Backend> {
 protected:
  void SetUp() override {
    ContractTest<Backend>::SetUp();
    if (this->Skipped()) return;
    for (const char* name : {"Grow", "Lead"}) {
      ProgramFields f;
      f.name = name;
      f.start_date = Date(std::chrono::year(2026), std::chrono::month(1), std::chrono::day(1));
      f.end_date = Date(std::chrono::year(2027), std::chrono::month(12), std::chrono::day(31));
      f.enrollment_opens = f.start_date;
      f.enrollment_closes = f.start_date;
      f.coordinators = {"C1"};
      auto program = this->store_.programs->CreateProgram(f, kNow);
      ASSERT_TRUE(program.ok()) << program.status().ToString();
      programs_.push_back(program->id);
    }
    if (!Backend::kSql) {
      relationships_ = {RelationshipId(1), RelationshipId(2), RelationshipId(3)};
      return;
    }
    // E1 mentors E2 and E3 in Grow, E4 in Lead.
    Status s = this->store_.database->db().Run(TransactionMode::kWrite, [&](soci::session& sql) {
      sql << "INSERT INTO departments (code, name, division) VALUES ('FIN', 'Finance', 'Ops')";
      sql << "INSERT INTO sites (code, name, country, time_zone) VALUES ('LON', 'London', 'GB', "
             "'Europe/London')";
      for (const char* id : {"E1", "E2", "E3", "E4"}) {
        sql << std::string(
                   "INSERT INTO people (employee_id, first_name, last_name, email, level, "
                   "department_id, site_id, time_zone, job_title, hire_date, status) VALUES ('") +
                   id + "', 'A', 'B', '" + id +
                   "@example.com', 3, (SELECT id FROM departments WHERE code = 'FIN'), (SELECT "
                   "id FROM sites WHERE code = 'LON'), 'UTC', 'Analyst', '2020-01-01', 'active')";
      }
      const long long started = kNow.time_since_epoch().count();
      for (const auto& [program_index, mentee] :
           {std::pair{0, "E2"}, std::pair{0, "E3"}, std::pair{1, "E4"}}) {
        const long long program = programs_[program_index].value;
        const std::string who = mentee;
        long long id = 0;
        sql << "INSERT INTO relationships (program_id, mentor, mentee, status, score, "
               "explanation, started_at_us, activated_at_us, end_reason, ended_by, end_comment) "
               "VALUES (:p, 'E1', :m, 'active', 0, '', :s, :a, '', '', '') RETURNING id",
            soci::use(program), soci::use(who), soci::use(started), soci::use(started),
            soci::into(id);
        relationships_.push_back(RelationshipId(id));
      }
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  AssessmentRepository& repo() { return *this->store_.assessments; }

  Assessment Sheet(int relationship, Side rater, AssessmentPhase phase,
                   std::map<std::string, int> ratings) {
    Assessment a;
    a.relationship = relationships_[relationship];
    a.program = programs_[relationship == 2 ? 1 : 0];
    a.rater = rater;
    a.phase = phase;
    a.ratings = std::move(ratings);
    a.updated_at = kNow;
    return a;
  }

  std::vector<ProgramId> programs_;
  std::vector<RelationshipId> relationships_;
};

TYPED_TEST_SUITE(AssessmentContract, ContractBackends<AssessmentStores>, BackendNames);

TYPED_TEST(AssessmentContract, CompetenciesKeepTheirOrderAndAreReplacedWhole) {
  if (this->Skipped()) return;
  auto none = this->repo().Competencies(this->programs_[0]);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
  const std::vector<AssessmentCompetency> first = {
      {"sql", "SQL"}, {"coaching", "Coaching"}, {"budgeting", "Budgeting"}};
  ASSERT_TRUE(this->repo().SetCompetencies(this->programs_[0], first).ok());
  EXPECT_EQ(*this->repo().Competencies(this->programs_[0]), first);
  EXPECT_TRUE(this->repo().Competencies(this->programs_[1])->empty());
  const std::vector<AssessmentCompetency> second = {{"budgeting", "Budgeting"}, {"sql", "SQL"}};
  ASSERT_TRUE(this->repo().SetCompetencies(this->programs_[0], second).ok());
  EXPECT_EQ(*this->repo().Competencies(this->programs_[0]), second);
}

TYPED_TEST(AssessmentContract, OneSheetPerRaterAndPhaseWithVersions) {
  if (this->Skipped()) return;
  auto saved = this->repo().Save(
      this->Sheet(0, Side::kMentee, AssessmentPhase::kStart, {{"sql", 2}, {"coaching", 3}}), 0);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->version, 1);
  EXPECT_EQ(saved->ratings, (std::map<std::string, int>{{"sql", 2}, {"coaching", 3}}));
  EXPECT_EQ(saved->updated_at, kNow);

  // A second first save of the same sheet is stale (another tab saved first).
  auto again =
      this->repo().Save(this->Sheet(0, Side::kMentee, AssessmentPhase::kStart, {{"sql", 4}}), 0);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(again.status().reason(), "stale_assessment");

  // Saved as of version 1: the ratings are replaced and the version moves on.
  auto edited =
      this->repo().Save(this->Sheet(0, Side::kMentee, AssessmentPhase::kStart, {{"sql", 4}}), 1);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->version, 2);
  EXPECT_EQ(edited->ratings, (std::map<std::string, int>{{"sql", 4}}));
  auto stale =
      this->repo().Save(this->Sheet(0, Side::kMentee, AssessmentPhase::kStart, {{"sql", 5}}), 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().reason(), "stale_assessment");
  // A version for a sheet never saved is stale too.
  auto missing =
      this->repo().Save(this->Sheet(0, Side::kMentor, AssessmentPhase::kEnd, {{"sql", 5}}), 3);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().reason(), "stale_assessment");

  // The other rater and the other phase are sheets of their own.
  ASSERT_TRUE(this->repo()
                  .Save(this->Sheet(0, Side::kMentor, AssessmentPhase::kStart, {{"sql", 1}}), 0)
                  .ok());
  ASSERT_TRUE(this->repo()
                  .Save(this->Sheet(0, Side::kMentee, AssessmentPhase::kEnd, {{"sql", 5}}), 0)
                  .ok());
  auto sheets = this->repo().OfRelationship(this->relationships_[0]);
  ASSERT_TRUE(sheets.ok()) << sheets.status().ToString();
  ASSERT_EQ(sheets->size(), 3u);
  int found = 0;
  for (const Assessment& a : *sheets) {
    EXPECT_EQ(a.relationship, this->relationships_[0]);
    EXPECT_EQ(a.program, this->programs_[0]);
    if (a.rater == Side::kMentee && a.phase == AssessmentPhase::kStart) {
      EXPECT_EQ(a.ratings.at("sql"), 4);
      EXPECT_EQ(a.version, 2);
      ++found;
    }
    if (a.rater == Side::kMentor && a.phase == AssessmentPhase::kStart) {
      EXPECT_EQ(a.ratings.at("sql"), 1);
      ++found;
    }
    if (a.rater == Side::kMentee && a.phase == AssessmentPhase::kEnd) {
      EXPECT_EQ(a.ratings.at("sql"), 5);
      ++found;
    }
  }
  EXPECT_EQ(found, 3);
}

// A relationship's sheets as (rater, phase, version, ratings, updated_at, program), sorted.
template <typename Repository>
auto SheetFields(Repository& repository, RelationshipId relationship) {
  std::vector<std::tuple<int, int, int, std::map<std::string, int>, TimePoint, int64_t>> out;
  auto sheets = repository.OfRelationship(relationship);
  EXPECT_TRUE(sheets.ok()) << sheets.status().ToString();
  if (!sheets.ok()) return out;
  for (const Assessment& a : *sheets) {
    out.emplace_back(static_cast<int>(a.rater), static_cast<int>(a.phase), a.version, a.ratings,
                     a.updated_at, a.program.value);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TYPED_TEST(AssessmentContract, NewSheetsInBulkAreStoredAsSavedOneByOne) {
  if (this->Skipped()) return;
  std::vector<Assessment> sheets = {
      this->Sheet(0, Side::kMentee, AssessmentPhase::kStart, {{"sql", 2}, {"coaching", 3}}),
      this->Sheet(0, Side::kMentor, AssessmentPhase::kStart, {{"sql", 1}, {"coaching", 5}}),
      this->Sheet(0, Side::kMentee, AssessmentPhase::kEnd, {{"sql", 4}}),
      this->Sheet(0, Side::kMentor, AssessmentPhase::kEnd, {})};
  sheets[2].updated_at = kNow + days(90);
  // One by one on the first relationship; the same sheets in bulk on the second.
  for (const Assessment& sheet : sheets) {
    auto saved = this->repo().Save(sheet, 0);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  }
  std::vector<Assessment> bulk = sheets;
  for (Assessment& sheet : bulk) sheet.relationship = this->relationships_[1];
  ASSERT_TRUE(this->repo().SaveNew(bulk).ok());
  EXPECT_EQ(SheetFields(this->repo(), this->relationships_[1]),
            SheetFields(this->repo(), this->relationships_[0]));
  EXPECT_EQ(SheetFields(this->repo(), this->relationships_[1]).size(), 4u);
  EXPECT_EQ(this->repo().OfProgram(this->programs_[0])->size(), 8u);
  ASSERT_TRUE(this->repo().SaveNew({}).ok());

  // All or nothing: a sheet stored already, or one twice, refuses the whole batch.
  std::vector<Assessment> again = {
      this->Sheet(2, Side::kMentee, AssessmentPhase::kStart, {{"sql", 3}}),
      this->Sheet(1, Side::kMentee, AssessmentPhase::kStart, {{"sql", 3}})};
  auto refused = this->repo().SaveNew(again);
  EXPECT_EQ(refused.code(), ErrorCode::kConflict);
  EXPECT_EQ(refused.reason(), "stale_assessment");
  again[1] = again[0];
  EXPECT_EQ(this->repo().SaveNew(again).reason(), "stale_assessment");
  EXPECT_TRUE(this->repo().OfRelationship(this->relationships_[2])->empty());
  // A version 1 sheet saved in bulk is edited as any other.
  auto edited = this->repo().Save(bulk[0], 1);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->version, 2);
}

TYPED_TEST(AssessmentContract, ReadsByProgram) {
  if (this->Skipped()) return;
  for (int r : {0, 1, 2}) {
    ASSERT_TRUE(this->repo()
                    .Save(this->Sheet(r, Side::kMentee, AssessmentPhase::kStart,
                                      {{"sql", r + 1}, {"coaching", 3}}),
                          0)
                    .ok());
  }
  auto grow = this->repo().OfProgram(this->programs_[0]);
  ASSERT_TRUE(grow.ok()) << grow.status().ToString();
  ASSERT_EQ(grow->size(), 2u);
  for (const Assessment& a : *grow) {
    EXPECT_EQ(a.program, this->programs_[0]);
    EXPECT_EQ(a.ratings.size(), 2u);
  }
  auto lead = this->repo().OfProgram(this->programs_[1]);
  ASSERT_EQ(lead->size(), 1u);
  EXPECT_EQ(lead->front().ratings.at("sql"), 3);
  EXPECT_TRUE(this->repo().OfRelationship(RelationshipId(999))->empty());
}

}  // namespace
}  // namespace pairwise::storage::testing
