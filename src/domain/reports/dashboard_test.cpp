// The dashboard's survey figures: the survey's own minimum group and the complementary rule of
// access/small_groups.h hold here as on the survey's results page, whatever the filter.
#include "domain/reports/dashboard.h"

#include <gtest/gtest.h>

namespace pairwise::domain {
namespace {

Survey TwoQuestions(int k) {
  Survey s;
  s.id = SurveyId(7);
  s.title = "Midpoint check-in";
  s.min_group = k;
  s.questions = {{"how", QuestionType::kScale, "How is it going?", "", true, {}},
                 {"nps", QuestionType::kNps, "Would you recommend it?", "", false, {}},
                 {"why", QuestionType::kLongText, "Why?", "", false, {}}};
  return s;
}

SurveyResponse Sheet(const std::string& department, const std::string& scale,
                     const std::string& nps) {
  SurveyResponse r;
  r.survey = SurveyId(7);
  r.department = department;
  r.site = "London";
  r.level_band = "levels 1-3";
  r.answers["how"] = {scale};
  if (!nps.empty()) r.answers["nps"] = {nps};
  return r;
}

SurveyInvitation Invited(const std::string& department) {
  SurveyInvitation i;
  i.survey = SurveyId(7);
  i.department = department;
  i.site = "London";
  i.level_band = "levels 1-3";
  return i;
}

// The figure as the dashboard builds it: the selection's results over the sheets, with the
// invitations of the selection's group (storage counts those: CountInvitations).
Result<SurveyFigure> FigureOf(const Survey& survey, const std::vector<SurveyResponse>& sheets,
                              const std::vector<SurveyInvitation>& invitations,
                              const SurveySelection& selection) {
  const SurveyResultsQuery& query = selection.query;
  int invited = 0;
  for (const SurveyInvitation& i : invitations) {
    invited += !query.group || (query.by == "department" && i.department == *query.group);
  }
  auto results = SummarizeSurvey(survey.questions, sheets, survey.min_group, invited, query);
  if (!results.ok()) return results.status();
  return SurveyFigureOf(survey, *results);
}

TEST(SurveySelection, FollowsAtMostOneFilter) {
  EXPECT_TRUE(SurveySelectionFor({}).applies);
  EXPECT_TRUE(SurveySelectionFor({}).query.by.empty());
  const auto department = SurveySelectionFor({"Finance", "", 0});
  EXPECT_EQ(department.query.by, "department");
  EXPECT_EQ(department.query.group, "Finance");
  const auto level = SurveySelectionFor({"", "", 2});
  EXPECT_EQ(level.query.by, "level");
  EXPECT_EQ(level.query.group, "levels 1-3");
  EXPECT_FALSE(SurveySelectionFor({"Finance", "London", 0}).applies);
}

TEST(SurveyFigure, ShowsRateAndHeadlineScoresAtTheSurveysThreshold) {
  const Survey survey = TwoQuestions(5);
  std::vector<SurveyResponse> sheets;
  for (const char* v : {"5", "4", "4", "3", "4"}) sheets.push_back(Sheet("Finance", v, "10"));
  std::vector<SurveyInvitation> invitations(8, Invited("Finance"));
  auto f = FigureOf(survey, sheets, invitations, SurveySelectionFor({}));
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_FALSE(f->hidden);
  EXPECT_EQ(f->invited, 8);
  EXPECT_EQ(f->responses, 5);
  EXPECT_DOUBLE_EQ(*f->response_rate, 5.0 / 8.0);
  ASSERT_EQ(f->scores.size(), 2u);  // the text question has no score
  EXPECT_EQ(f->scores[0].measure, "mean");
  EXPECT_DOUBLE_EQ(*f->scores[0].value, 4.0);
  EXPECT_EQ(f->scores[1].measure, "nps");
  EXPECT_DOUBLE_EQ(*f->scores[1].value, 100.0);

  // One answer fewer than k: nothing but the invitations.
  sheets.pop_back();
  f = FigureOf(survey, sheets, invitations, SurveySelectionFor({}));
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->hidden);
  EXPECT_EQ(f->responses, 0);
  EXPECT_FALSE(f->response_rate);
  EXPECT_TRUE(f->scores.empty());
}

TEST(SurveyFigure, AQuestionFewerAnsweredIsHidden) {
  const Survey survey = TwoQuestions(5);
  std::vector<SurveyResponse> sheets;
  for (int i = 0; i < 6; ++i) sheets.push_back(Sheet("Finance", "4", i < 4 ? "9" : ""));
  auto f = FigureOf(survey, sheets, {}, SurveySelectionFor({}));
  ASSERT_TRUE(f.ok());
  EXPECT_FALSE(f->hidden);
  EXPECT_FALSE(f->response_rate);  // nobody invited on record: no rate
  ASSERT_EQ(f->scores.size(), 2u);
  EXPECT_TRUE(f->scores[0].value);
  EXPECT_FALSE(f->scores[1].value);  // 4 answered the NPS question
}

TEST(SurveyFigure, ADepartmentIsHiddenWithItsComplement) {
  // Finance 6, Legal 5, Sales 2: Sales is small, and Legal (the next smallest) is hidden with it
  // so that the total minus Finance does not give Sales.
  const Survey survey = TwoQuestions(5);
  std::vector<SurveyResponse> sheets;
  std::vector<SurveyInvitation> invitations;
  for (auto [department, n] : {std::pair{"Finance", 6}, {"Legal", 5}, {"Sales", 2}}) {
    for (int i = 0; i < n; ++i) {
      sheets.push_back(Sheet(department, "3", "8"));
      invitations.push_back(Invited(department));
    }
  }
  for (const char* department : {"Legal", "Sales"}) {
    auto f = FigureOf(survey, sheets, invitations, SurveySelectionFor({department, "", 0}));
    ASSERT_TRUE(f.ok());
    EXPECT_TRUE(f->hidden) << department;
    EXPECT_TRUE(f->scores.empty()) << department;
  }
  auto finance = FigureOf(survey, sheets, invitations, SurveySelectionFor({"Finance", "", 0}));
  ASSERT_TRUE(finance.ok());
  EXPECT_FALSE(finance->hidden);
  EXPECT_EQ(finance->invited, 6);
  EXPECT_EQ(finance->responses, 6);
  EXPECT_DOUBLE_EQ(*finance->scores[0].value, 3.0);
}

ReportPerson Person(const std::string& id, const std::string& department, int level) {
  ReportPerson p;
  p.employee_id = id;
  p.department = department.substr(0, 3);
  p.department_name = department;
  p.site = "LON";
  p.site_name = "London";
  p.level = level;
  return p;
}

// Finance 7 mentees, Legal 6, Sales 2: Sales is under k = 5, and Legal is hidden with it so that
// the program's total minus Finance does not give Sales. The gender attribute is a breakdown
// of its own; the one person without it is in "(not given)".
TEST(FairnessByGroup, SmallGroupsAreHiddenWithTheirComplement) {
  std::vector<ReportPerson> people;
  ProgramFacts facts;
  std::vector<ReportingAttribute> attributes;
  int n = 0;
  for (auto [department, count] : {std::pair{"Finance", 7}, {"Legal", 6}, {"Sales", 2}}) {
    for (int i = 0; i < count; ++i, ++n) {
      const std::string id = "E" + std::to_string(n);
      people.push_back(Person(id, department, 2));
      facts.applications.push_back({id, Side::kMentee, ApplicationStatus::kApproved, {}});
      if (n > 0) attributes.push_back({id, "gender", n % 2 ? "woman" : "man"});
    }
  }
  // Four Finance mentees matched: one completed, one ended early; one matched twice, the
  // rematch in force.
  auto relate = [&](int64_t id, const std::string& mentee, RelationshipStatus status) {
    ReportRelationship r;
    r.id = id;
    r.mentor = "M";
    r.mentee = mentee;
    r.status = std::string(RelationshipStatusName(status));
    facts.relationships.push_back(r);
  };
  relate(1, "E0", RelationshipStatus::kCompleted);
  relate(2, "E1", RelationshipStatus::kEndedEarly);
  relate(3, "E2", RelationshipStatus::kEndedEarly);
  relate(4, "E2", RelationshipStatus::kActive);
  relate(5, "E3", RelationshipStatus::kActive);
  // A participant outside the filter's department and an unknown person are not counted.
  relate(6, "NOBODY", RelationshipStatus::kActive);

  const auto all = FairnessByGroup(facts, people, attributes, {});
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].dimension, "department");
  ASSERT_EQ(all[0].groups.size(), 1u);
  EXPECT_EQ(all[0].hidden_groups, 2);
  const GroupFigures& finance = all[0].groups[0];
  EXPECT_EQ(finance.group, "Finance");
  EXPECT_EQ(finance.mentees, 7);
  EXPECT_EQ(finance.matched, 4);
  EXPECT_EQ(finance.completed, 1);
  EXPECT_EQ(finance.ended_early, 1);  // E2's rematch is in force
  EXPECT_EQ(all[1].dimension, "site");
  ASSERT_EQ(all[1].groups.size(), 1u);
  EXPECT_EQ(all[1].groups[0].mentees, 15);
  EXPECT_EQ(all[2].dimension, "level_band");
  EXPECT_EQ(all[2].groups[0].group, "levels 1-3");
  EXPECT_EQ(all[3].dimension, "attribute:gender");
  // man 7, woman 7, (not given) 1: the one without is hidden, and the next smallest with it.
  EXPECT_EQ(all[3].hidden_groups, 2);
  ASSERT_EQ(all[3].groups.size(), 1u);

  // Filtered to Legal: one group of 6, shown.
  const auto legal = FairnessByGroup(facts, people, attributes, {"Leg", "", 0});
  ASSERT_EQ(legal[0].groups.size(), 1u);
  EXPECT_EQ(legal[0].groups[0].group, "Legal");
  EXPECT_EQ(legal[0].groups[0].mentees, 6);
  EXPECT_EQ(legal[0].groups[0].matched, 0);
  EXPECT_EQ(legal[0].hidden_groups, 0);
  // Filtered to Sales: 2 mentees, every group hidden.
  const auto sales = FairnessByGroup(facts, people, attributes, {"Sal", "", 0});
  for (const auto& b : sales) EXPECT_TRUE(b.groups.empty()) << b.dimension;
}

// Match score by group: each pair against its own run's average pair. Run 10 scores on a scale
// ten times run 20's; a self-matched pair and a run averaging 0 are not scored; a rematch counts
// only the latest pair; a filter chooses whose shares are averaged, not the runs' averages.
TEST(FairnessByGroup, MatchScoreIsEachPairAgainstItsRunsAverage) {
  std::vector<ReportPerson> people;
  ProgramFacts facts;
  for (int n = 0; n < 12; ++n) {
    const std::string id = "E" + std::to_string(n);
    people.push_back(Person(id, n < 6 ? "Finance" : "Legal", 2));
    facts.applications.push_back({id, Side::kMentee, ApplicationStatus::kApproved, {}});
  }
  auto relate = [&](int64_t id, const std::string& mentee, int64_t score,
                    std::optional<int64_t> proposal) {
    ReportRelationship r;
    r.id = id;
    r.mentor = "M";
    r.mentee = mentee;
    r.status = std::string(RelationshipStatusName(RelationshipStatus::kActive));
    r.score = score;
    r.proposal = proposal;
    facts.relationships.push_back(r);
  };
  // Run 10 (average 1,000): Finance E0 1,200 and E1 800, Legal E6 1,000 and E7 1,000.
  relate(1, "E0", 1200, 10);
  relate(2, "E1", 800, 10);
  relate(3, "E6", 1000, 10);
  relate(4, "E7", 1000, 10);
  // Run 20 (average 100 with E6's rematch below): Finance E2 150, Legal E8 50.
  relate(5, "E2", 150, 20);
  relate(6, "E8", 50, 20);
  // E3 chose a mentor (no run): matched, not scored. Run 30 averages 0: not scored.
  relate(7, "E3", 4000, std::nullopt);
  relate(8, "E9", 0, 30);
  // E6 was rematched by run 20 at 100 (the run's average is now (150 + 50 + 100) / 3 = 100).
  relate(9, "E6", 100, 20);

  const auto all = FairnessByGroup(facts, people, {}, {});
  const auto& departments = all[0];
  ASSERT_EQ(departments.groups.size(), 2u);
  const GroupFigures& finance = departments.groups[0];
  ASSERT_EQ(finance.group, "Finance");
  // E0 120, E1 80, E2 150; E3 matched by choice.
  EXPECT_EQ(finance.matched, 4);
  EXPECT_EQ(finance.scored, 3);
  ASSERT_TRUE(finance.match_score.has_value());
  EXPECT_NEAR(*finance.match_score, (120.0 + 80.0 + 150.0) / 3, 1e-9);
  const GroupFigures& legal = departments.groups[1];
  // Run 10's average is over all four of its pairs, E6's first included: E6 now 100 (run 20),
  // E7 100, E8 50; E9's run averages 0.
  EXPECT_EQ(legal.matched, 4);
  EXPECT_EQ(legal.scored, 3);
  ASSERT_TRUE(legal.match_score.has_value());
  EXPECT_NEAR(*legal.match_score, (100.0 + 100.0 + 50.0) / 3, 1e-9);

  // Filtered to Legal: the same shares (the runs' averages do not move with the filter).
  const auto only_legal = FairnessByGroup(facts, people, {}, {"Leg", "", 0});
  ASSERT_EQ(only_legal[0].groups.size(), 1u);
  EXPECT_NEAR(*only_legal[0].groups[0].match_score, *legal.match_score, 1e-9);

  // A group where nobody's pair was made by a run has no score.
  ProgramFacts chosen;
  chosen.applications = facts.applications;
  for (int n = 0; n < 6; ++n) {
    ReportRelationship r;
    r.id = n + 1;
    r.mentor = "M";
    r.mentee = "E" + std::to_string(n);
    r.status = std::string(RelationshipStatusName(RelationshipStatus::kActive));
    r.score = 500;
    chosen.relationships.push_back(r);
  }
  const auto none = FairnessByGroup(chosen, people, {}, {"Fin", "", 0});
  ASSERT_EQ(none[0].groups.size(), 1u);
  EXPECT_EQ(none[0].groups[0].scored, 0);
  EXPECT_FALSE(none[0].groups[0].match_score.has_value());
}

}  // namespace
}  // namespace pairwise::domain
