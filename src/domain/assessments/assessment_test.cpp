// Competency assessments (issue 23): when a phase is open, what a sheet must hold, and the
// program's aggregate with small groups hidden by the surveys' rule.
#include "domain/assessments/assessment.h"

#include <gtest/gtest.h>

namespace pairwise::domain {
namespace {

using std::chrono::days;

const TimePoint kT0 = TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 3 / 1));
const Date kEnd = std::chrono::year(2026) / 9 / 1;

Relationship Active() {
  Relationship r;
  r.id = RelationshipId(1);
  r.status = RelationshipStatus::kActive;
  r.activated_at = kT0;
  return r;
}

TEST(PhaseWindow, StartIsOpenForThirtyDaysFromTheAgreement) {
  Relationship pending = Active();
  pending.status = RelationshipStatus::kPendingAgreement;
  pending.activated_at.reset();
  EXPECT_FALSE(PhaseWindow(AssessmentPhase::kStart, pending, std::nullopt));
  auto w = PhaseWindow(AssessmentPhase::kStart, Active(), kEnd);
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->Contains(kT0));
  EXPECT_TRUE(w->Contains(kT0 + days(30) - std::chrono::microseconds(1)));
  EXPECT_FALSE(w->Contains(kT0 + days(30)));
}

TEST(PhaseWindow, EndOpensThirtyDaysBeforeTheEndDateAndAtCompletion) {
  const TimePoint end{std::chrono::sys_days(kEnd)};
  auto w = PhaseWindow(AssessmentPhase::kEnd, Active(), kEnd);
  ASSERT_TRUE(w);
  EXPECT_FALSE(w->Contains(end - days(31)));
  EXPECT_TRUE(w->Contains(end - days(30)));
  EXPECT_TRUE(w->Contains(end + days(29)));
  EXPECT_FALSE(w->Contains(end + days(30)));
  EXPECT_FALSE(PhaseWindow(AssessmentPhase::kEnd, Active(), std::nullopt));

  // Completed early: open from the completion for thirty days.
  Relationship done = Active();
  done.status = RelationshipStatus::kCompleted;
  done.ended_at = kT0 + days(60);
  auto c = PhaseWindow(AssessmentPhase::kEnd, done, kEnd);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->opens, kT0 + days(60));
  EXPECT_EQ(c->closes, kT0 + days(90));

  Relationship ended = Active();
  ended.status = RelationshipStatus::kEndedEarly;
  ended.ended_at = kT0 + days(60);
  EXPECT_FALSE(PhaseWindow(AssessmentPhase::kEnd, ended, kEnd));
}

TEST(Competencies, ComeFromTheSkillsTaxonomy) {
  const std::vector<Skill> skills = {{"sql", "SQL", "Data"}, {"coaching", "Coaching", "People"}};
  auto ok = CompetenciesFrom({"coaching", "sql"}, skills);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(*ok, (std::vector<AssessmentCompetency>{{"coaching", "Coaching"}, {"sql", "SQL"}}));
  EXPECT_EQ(CompetenciesFrom({}, skills).status().field(), "competencies");
  EXPECT_EQ(CompetenciesFrom({"sql", "nope"}, skills).status().field(), "competencies[1]");
  EXPECT_EQ(CompetenciesFrom({"sql", "sql"}, skills).status().field(), "competencies[1]");
  std::vector<std::string> many(kMaxAssessmentCompetencies + 1, "sql");
  EXPECT_EQ(CompetenciesFrom(many, skills).status().field(), "competencies");
}

TEST(Ratings, EveryCompetencyOnceOnTheScale) {
  const std::vector<AssessmentCompetency> c = {{"sql", "SQL"}, {"coaching", "Coaching"}};
  EXPECT_TRUE(CheckRatings(c, {{"sql", 1}, {"coaching", 5}}).ok());
  EXPECT_EQ(CheckRatings(c, {{"sql", 1}}).field(), "ratings.coaching");
  EXPECT_EQ(CheckRatings(c, {{"sql", 0}, {"coaching", 5}}).field(), "ratings.sql");
  EXPECT_EQ(CheckRatings(c, {{"sql", 6}, {"coaching", 5}}).field(), "ratings.sql");
  EXPECT_EQ(CheckRatings(c, {{"sql", 1}, {"coaching", 5}, {"x", 2}}).field(), "ratings.x");
}

Assessment Sheet(int relationship, Side rater, AssessmentPhase phase, int sql) {
  Assessment a;
  a.relationship = RelationshipId(relationship);
  a.rater = rater;
  a.phase = phase;
  a.ratings = {{"sql", sql}};
  return a;
}

TEST(Summary, CountsPairsWithBothPhasesAndHidesSmallGroups) {
  const std::vector<AssessmentCompetency> c = {{"sql", "SQL"}};
  std::vector<Assessment> sheets;
  // Six mentees rated themselves at both phases (2 -> 3, one 2 -> 4); mentors only four.
  for (int i = 0; i < 6; ++i) {
    sheets.push_back(Sheet(i, Side::kMentee, AssessmentPhase::kStart, 2));
    sheets.push_back(Sheet(i, Side::kMentee, AssessmentPhase::kEnd, i == 0 ? 4 : 3));
    if (i < 4) {
      sheets.push_back(Sheet(i, Side::kMentor, AssessmentPhase::kStart, 1));
      sheets.push_back(Sheet(i, Side::kMentor, AssessmentPhase::kEnd, 2));
    }
  }
  // A start without an end counts nowhere.
  sheets.push_back(Sheet(7, Side::kMentee, AssessmentPhase::kStart, 1));
  const AssessmentResults r = SummarizeAssessments(c, sheets, 5);
  EXPECT_EQ(r.min_group, 5);
  ASSERT_EQ(r.raters.size(), 2u);
  const RaterChange& self = r.raters[0];
  EXPECT_EQ(self.rater, Side::kMentee);
  EXPECT_FALSE(self.hidden);
  EXPECT_EQ(self.pairs, 6);
  ASSERT_EQ(self.competencies.size(), 1u);
  const CompetencyChange& sql = self.competencies[0];
  EXPECT_EQ(sql.pairs, 6);
  EXPECT_EQ(sql.start, (std::array<int, 5>{0, 6, 0, 0, 0}));
  EXPECT_EQ(sql.end, (std::array<int, 5>{0, 0, 5, 1, 0}));
  EXPECT_DOUBLE_EQ(*sql.mean_start, 2.0);
  EXPECT_DOUBLE_EQ(*sql.mean_end, 19.0 / 6);
  EXPECT_DOUBLE_EQ(*sql.mean_change, 19.0 / 6 - 2.0);

  // Four mentors' ratings: under k, nothing of them is shown, not even how many.
  const RaterChange& mentors = r.raters[1];
  EXPECT_TRUE(mentors.hidden);
  EXPECT_EQ(mentors.pairs, 0);
  EXPECT_TRUE(mentors.competencies[0].hidden);
  EXPECT_EQ(mentors.competencies[0].start, (std::array<int, 5>{}));
  EXPECT_FALSE(mentors.competencies[0].mean_change);

  // k below the lowest counts as the lowest (3): four mentors are shown then.
  EXPECT_FALSE(SummarizeAssessments(c, sheets, 1).raters[1].hidden);
  // Nobody at all: hidden, never "0 pairs, mean 0".
  const AssessmentResults empty = SummarizeAssessments(c, {}, 5);
  EXPECT_TRUE(empty.raters[0].competencies[0].hidden);
}

TEST(Summary, ACompetencyAddedLaterCountsOnlyPairsThatRatedItTwice) {
  std::vector<Assessment> sheets;
  for (int i = 0; i < 5; ++i) {
    sheets.push_back(Sheet(i, Side::kMentee, AssessmentPhase::kStart, 2));
    Assessment end = Sheet(i, Side::kMentee, AssessmentPhase::kEnd, 3);
    end.ratings["coaching"] = 4;
    sheets.push_back(end);
  }
  const AssessmentResults r =
      SummarizeAssessments({{"sql", "SQL"}, {"coaching", "Coaching"}}, sheets, 5);
  EXPECT_FALSE(r.raters[0].competencies[0].hidden);
  EXPECT_TRUE(r.raters[0].competencies[1].hidden);  // no pair rated it at the start
}

}  // namespace
}  // namespace pairwise::domain
