#include "domain/surveys/survey.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "domain/health/health.h"
#include "domain/surveys/survey_results.h"

namespace pairwise::domain {
namespace {

using std::chrono::days;

TimePoint Day(int n) { return TimePoint(std::chrono::microseconds(0)) + days(20000 + n); }

Survey Midpoint() {
  Survey s;
  s.title = "Halfway";
  s.schedule = {SurveyAnchor::kHalfway, 0, 14, 5};
  s.questions = {{"how", QuestionType::kScale, "How is it going?", "", true, {}}};
  return s;
}

SurveyTarget Target(Side side = Side::kMentee) {
  SurveyTarget t;
  t.relationship = RelationshipId(1);
  t.employee_id = "E1";
  t.side = side;
  t.started_at = Day(0);
  t.length_months = 6;
  return t;
}

TEST(SurveySchedule, HalfwayIsDueFromTheMiddleUntilItCloses) {
  const Survey s = Midpoint();
  const SurveyTarget t = Target();
  const TimePoint half = t.started_at + (RelationshipEnd(t.started_at, 6) - t.started_at) / 2;
  EXPECT_FALSE(DueAt(s, t, half - std::chrono::hours(1)));
  auto due = DueAt(s, t, half + std::chrono::hours(1));
  ASSERT_TRUE(due);
  EXPECT_EQ(due->at, half);
  EXPECT_TRUE(DueAt(s, t, half + days(13)));
  EXPECT_FALSE(DueAt(s, t, half + days(14)));  // closed: not sent late
}

TEST(SurveySchedule, AudienceAndEndedRelationships) {
  Survey s = Midpoint();
  s.schedule = {SurveyAnchor::kAfterStart, 10, 14, 5};
  s.audience = SurveyAudience::kMentors;
  EXPECT_FALSE(DueAt(s, Target(Side::kMentee), Day(11)));
  EXPECT_TRUE(DueAt(s, Target(Side::kMentor), Day(11)));
  SurveyTarget ended = Target(Side::kMentor);
  ended.in_force = false;
  ended.ended_early_at = Day(5);
  EXPECT_FALSE(DueAt(s, ended, Day(11)));
  s.kind = SurveyKind::kClosure;
  s.schedule = {SurveyAnchor::kAfterEnding, 1, 14, 5};
  EXPECT_TRUE(DueAt(s, ended, Day(6)));
  EXPECT_FALSE(DueAt(s, Target(Side::kMentor), Day(6)));  // still in force: no closure survey
}

TEST(SurveySchedule, BeforeEndAndPulseRounds) {
  Survey s = Midpoint();
  s.schedule = {SurveyAnchor::kBeforeEnd, 7, 14, 5};
  const TimePoint end = RelationshipEnd(Day(0), 6);
  EXPECT_FALSE(DueAt(s, Target(), end - days(8)));
  EXPECT_TRUE(DueAt(s, Target(), end - days(6)));
  EXPECT_FALSE(DueAt(s, Target(), end));
  s.schedule = {SurveyAnchor::kEvery, 28, 14, 5};
  EXPECT_FALSE(DueAt(s, Target(), Day(27)));
  EXPECT_EQ(DueAt(s, Target(), Day(29))->round, 1);
  EXPECT_EQ(DueAt(s, Target(), Day(57))->round, 2);
  EXPECT_FALSE(DueAt(s, Target(), Day(56 + 15)));  // round 2 closed, round 3 not yet
}

TEST(SurveySchedule, AfterEachLoggedMeetingOncePerMeeting) {
  Survey s = Midpoint();
  s.kind = SurveyKind::kAfterMeeting;
  s.schedule = {SurveyAnchor::kAfterMeeting, 1, 7, 3};
  const HeldMeeting third{RelationshipId(1), 3, Day(20)};
  EXPECT_FALSE(DueAt(s, Target(), Day(22))) << "only per meeting";
  EXPECT_FALSE(DueAfterMeeting(s, Target(), third, Day(20) + std::chrono::hours(23)));
  auto due = DueAfterMeeting(s, Target(), third, Day(21));
  ASSERT_TRUE(due);
  EXPECT_EQ(due->at, Day(21));
  EXPECT_EQ(due->round, 3) << "the meeting's number keeps one invitation per meeting";
  EXPECT_FALSE(DueAfterMeeting(s, Target(), third, Day(28))) << "closed";
  EXPECT_FALSE(DueAfterMeeting(s, Target(), {RelationshipId(2), 1, Day(20)}, Day(21)))
      << "another relationship's meeting";
  SurveyTarget ended = Target();
  ended.in_force = false;
  EXPECT_FALSE(DueAfterMeeting(s, ended, third, Day(21)));
  s.audience = SurveyAudience::kMentors;
  EXPECT_FALSE(DueAfterMeeting(s, Target(Side::kMentee), third, Day(21)));
  EXPECT_TRUE(DueAfterMeeting(s, Target(Side::kMentor), third, Day(21)));
  s.schedule.anchor = SurveyAnchor::kHalfway;
  EXPECT_FALSE(DueAfterMeeting(s, Target(Side::kMentor), third, Day(21))) << "not this anchor";
}

TEST(SurveySchedule, RelativeToTheProgramsDates) {
  Survey s = Midpoint();
  SurveyTarget t = Target();
  t.program_starts = Day(-30);
  t.program_ends = Day(400);
  s.schedule = {SurveyAnchor::kAfterProgramStart, 40, 14, 5};
  EXPECT_FALSE(DueAt(s, t, Day(9)));
  ASSERT_TRUE(DueAt(s, t, Day(10)));
  EXPECT_EQ(DueAt(s, t, Day(10))->at, Day(10));
  EXPECT_FALSE(DueAt(s, t, Day(24))) << "closed";
  // Before the program's end: only relationships still in force then are asked.
  s.schedule = {SurveyAnchor::kBeforeProgramEnd, 240, 14, 5};
  EXPECT_FALSE(DueAt(s, t, Day(159)));
  ASSERT_TRUE(DueAt(s, t, Day(160)));
  EXPECT_EQ(DueAt(s, t, Day(161))->at, Day(160));
  s.schedule.days = 200;  // day 200 is past this relationship's six months
  EXPECT_FALSE(DueAt(s, t, Day(201)));
}

TEST(SurveyFields, ChecksNameTheField) {
  SurveyFields f = Midpoint();
  EXPECT_TRUE(CheckSurveyFields(f).ok());
  f.min_group = 2;
  EXPECT_EQ(CheckSurveyFields(f).field(), "min_group");
  f.min_group = 5;
  f.schedule.reminder_days = 14;
  EXPECT_EQ(CheckSurveyFields(f).field(), "schedule.reminder_days");
  f.schedule.reminder_days = 5;
  f.questions.push_back({"m", QuestionType::kMatrix, "Rate", "", false, {"only one"}});
  EXPECT_EQ(CheckSurveyFields(f).field(), "questions[1].options");
  f.questions.back().options.push_back("two");
  EXPECT_TRUE(CheckSurveyFields(f).ok());
  f.questions.clear();
  EXPECT_EQ(CheckSurveyFields(f).field(), "questions");
}

TEST(SurveyAnswers, NpsAndMatrixAnswersAreChecked) {
  const std::vector<Question> q = {{"nps", QuestionType::kNps, "Recommend?", "", true, {}},
                                   {"m", QuestionType::kMatrix, "Rate", "", false, {"a", "b"}}};
  EXPECT_TRUE(CheckAnswers(q, {{"nps", {"10"}}, {"m", {"3", "3"}}}, {}, 0).ok());
  EXPECT_TRUE(CheckAnswers(q, {{"nps", {"0"}}}, {}, 0).ok());
  EXPECT_EQ(CheckAnswers(q, {{"nps", {"11"}}}, {}, 0).field(), "answers.nps");
  EXPECT_EQ(CheckAnswers(q, {{"nps", {"5"}}, {"m", {"3"}}}, {}, 0).field(), "answers.m");
  EXPECT_EQ(CheckAnswers(q, {{"nps", {"5"}}, {"m", {"3", "6"}}}, {}, 0).field(), "answers.m");
  auto shaped = AnswersFromSent(q, {{"nps", {AnswerShape::kText, {"5"}}}});
  EXPECT_EQ(shaped.status().field(), "answers.nps");
}

std::vector<Question> Questions() {
  return {{"nps", QuestionType::kNps, "Recommend?", "", true, {}},
          {"how", QuestionType::kScale, "How is it going?", "", false, {}},
          {"more", QuestionType::kLongText, "Anything else?", "", false, {}}};
}

SurveyResponse Sheet(std::string department, int nps, std::optional<int> how = std::nullopt,
                     Side side = Side::kMentee) {
  SurveyResponse r;
  r.side = side;
  r.department = std::move(department);
  r.site = "London";
  r.level_band = "levels 1-3";
  r.answers["nps"] = {std::to_string(nps)};
  if (how) r.answers["how"] = {std::to_string(*how)};
  r.answers["more"] = {"note " + std::to_string(nps)};
  return r;
}

TEST(SurveyResults, NothingUntilKAnswers) {
  std::vector<SurveyResponse> sheets;
  for (int i = 0; i < 4; ++i) sheets.push_back(Sheet("Finance", 9, 4));
  auto r = SummarizeSurvey(Questions(), sheets, 5, 10, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->hidden);
  EXPECT_EQ(r->responses, 0);
  EXPECT_TRUE(r->questions.empty());
  sheets.push_back(Sheet("Finance", 3, 2));
  r = SummarizeSurvey(Questions(), sheets, 5, 10, {});
  EXPECT_FALSE(r->hidden);
  EXPECT_EQ(r->responses, 5);
  EXPECT_EQ(r->questions[0].answered, 5);
  EXPECT_EQ(r->questions[0].nps, 60);  // 4 promoters, 1 detractor of 5
  EXPECT_DOUBLE_EQ(*r->questions[1].mean, 18.0 / 5);
  EXPECT_EQ(r->questions[2].texts.size(), 5u);
}

TEST(SurveyResults, AGroupNextToASmallOneIsHiddenToo) {
  std::vector<SurveyResponse> sheets;
  for (int i = 0; i < 12; ++i) sheets.push_back(Sheet("Finance", 8, 4));
  for (int i = 0; i < 7; ++i) sheets.push_back(Sheet("Sales", 9, 5));
  sheets.push_back(Sheet("Legal", 0, 1));  // one person
  auto by = SummarizeSurvey(Questions(), sheets, 5, 30, {"department", std::nullopt});
  ASSERT_TRUE(by.ok());
  std::map<std::string, bool> hidden;
  for (const auto& g : by->groups) hidden[g.group] = g.hidden;
  EXPECT_TRUE(hidden["Legal"]);
  EXPECT_TRUE(hidden["Sales"]);  // or overall minus Finance minus Sales would be Legal
  EXPECT_FALSE(hidden["Finance"]);
  auto sales = SummarizeSurvey(Questions(), sheets, 5, 30, {"department", "Sales"});
  EXPECT_TRUE(sales->hidden);
  EXPECT_TRUE(sales->questions.empty());
  auto finance = SummarizeSurvey(Questions(), sheets, 5, 30, {"department", "Finance"});
  EXPECT_FALSE(finance->hidden);
  EXPECT_EQ(finance->responses, 12);
  EXPECT_EQ(SummarizeSurvey(Questions(), sheets, 5, 30, {"age", std::nullopt}).status().field(),
            "by");
}

// Over random answer sets, every view a coordinator can ask for (overall; by each dimension;
// each group of it) is computed, and for every question the figures shown must leave each
// hidden group's answers underivable: what the overall count minus the shown groups' counts
// leaves is nothing, or at least k answers spread over at least two hidden groups.
TEST(SurveyResults, NoCombinationOfViewsRevealsAHiddenGroup) {
  std::mt19937 random(23);
  const std::vector<std::string> departments = {"Finance", "Sales", "Legal", "IT", "HR"};
  for (int round = 0; round < 300; ++round) {
    const int k = 3 + static_cast<int>(random() % 4);
    std::vector<SurveyResponse> sheets;
    const int n = static_cast<int>(random() % 40);
    for (int i = 0; i < n; ++i) {
      std::optional<int> how;
      if (random() % 3) how = 1 + static_cast<int>(random() % 5);
      sheets.push_back(Sheet(departments[random() % (1 + random() % departments.size())],
                             static_cast<int>(random() % 11), how,
                             random() % 2 ? Side::kMentor : Side::kMentee));
    }
    auto overall = SummarizeSurvey(Questions(), sheets, k, n, {});
    ASSERT_TRUE(overall.ok());
    for (const std::string by : {"side", "department", "site", "level"}) {
      auto view = SummarizeSurvey(Questions(), sheets, k, n, {by, std::nullopt});
      ASSERT_TRUE(view.ok());
      int shown_people = 0, hidden_groups = 0;
      std::map<std::string, int> shown_answers;  // question -> answers shown in groups
      int hidden_answer_groups_per_q[3] = {0, 0, 0};
      for (const ResultGroup& g : view->groups) {
        if (g.hidden) {
          ++hidden_groups;
          EXPECT_EQ(g.responses, 0);
          auto one = SummarizeSurvey(Questions(), sheets, k, n, {by, g.group});
          EXPECT_TRUE(one->hidden) << by << " " << g.group;
          EXPECT_TRUE(one->questions.empty());
          continue;
        }
        shown_people += g.responses;
        auto one = SummarizeSurvey(Questions(), sheets, k, n, {by, g.group});
        ASSERT_FALSE(one->hidden);
        for (std::size_t q = 0; q < one->questions.size(); ++q) {
          const QuestionResult& r = one->questions[q];
          if (r.hidden) {
            ++hidden_answer_groups_per_q[q];
            EXPECT_TRUE(r.counts.empty() && r.texts.empty() && !r.mean);
          } else {
            EXPECT_GE(r.answered, k);
            shown_answers[r.question.id] += r.answered;
          }
        }
      }
      if (overall->hidden) continue;  // no total to subtract from
      const int hidden_people = overall->responses - shown_people;
      EXPECT_TRUE(hidden_people == 0 || (hidden_people >= k && hidden_groups >= 2))
          << by << ": " << hidden_people << " people in " << hidden_groups << " groups";
      for (std::size_t q = 0; q < overall->questions.size(); ++q) {
        const QuestionResult& all = overall->questions[q];
        if (all.hidden) continue;
        const int rest = all.answered - shown_answers[all.question.id];
        const int groups_with_rest = hidden_groups + hidden_answer_groups_per_q[q];
        EXPECT_TRUE(rest == 0 || (rest >= k && groups_with_rest >= 2))
            << by << " " << all.question.id << ": " << rest << " answers";
      }
    }
  }
}

// Results for one group from the dimension's tallies (in any order, as storage reads them) and
// only that group's sheets are the results from every sheet.
TEST(SurveyResults, TalliesAndTheGroupsSheetsGiveTheSameResults) {
  std::mt19937 random(24);
  const std::vector<std::string> departments = {"Finance", "Sales", "Legal", "IT"};
  for (int round = 0; round < 100; ++round) {
    const int k = 3 + static_cast<int>(random() % 3);
    std::vector<SurveyResponse> sheets;
    const int n = static_cast<int>(random() % 40);
    for (int i = 0; i < n; ++i) {
      std::optional<int> how;
      if (random() % 3) how = 1 + static_cast<int>(random() % 5);
      sheets.push_back(
          Sheet(departments[random() % departments.size()], static_cast<int>(random() % 11), how));
      if (random() % 4 == 0) sheets.back().answers.erase("more");
    }
    for (const std::string& group : departments) {
      const SurveyResultsQuery query{"department", group};
      std::vector<SurveyGroupTally> tallies = TallyGroups(sheets, "department");
      std::reverse(tallies.begin(), tallies.end());
      std::vector<SurveyResponse> mine;
      for (const SurveyResponse& r : sheets) {
        if (r.department == group) mine.push_back(r);
      }
      auto whole = SummarizeSurvey(Questions(), sheets, k, n, query);
      auto tallied = SummarizeTallied(Questions(), tallies, mine, k, n, query);
      ASSERT_TRUE(whole.ok() && tallied.ok());
      EXPECT_EQ(tallied->hidden, whole->hidden);
      EXPECT_EQ(tallied->responses, whole->responses);
      ASSERT_EQ(tallied->groups.size(), whole->groups.size());
      for (std::size_t g = 0; g < whole->groups.size(); ++g) {
        EXPECT_EQ(tallied->groups[g].group, whole->groups[g].group);
        EXPECT_EQ(tallied->groups[g].hidden, whole->groups[g].hidden);
        EXPECT_EQ(tallied->groups[g].responses, whole->groups[g].responses);
      }
      ASSERT_EQ(tallied->questions.size(), whole->questions.size());
      for (std::size_t q = 0; q < whole->questions.size(); ++q) {
        EXPECT_EQ(tallied->questions[q].hidden, whole->questions[q].hidden);
        EXPECT_EQ(tallied->questions[q].answered, whole->questions[q].answered);
        EXPECT_EQ(tallied->questions[q].texts, whole->questions[q].texts);
        EXPECT_EQ(tallied->questions[q].mean, whole->questions[q].mean);
      }
    }
  }
}

}  // namespace
}  // namespace pairwise::domain
