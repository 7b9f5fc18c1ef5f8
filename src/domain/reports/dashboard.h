// A program's dashboard: the figures a coordinator shows the people who fund the program, each a
// small table (the UI draws a chart beside it and exports it). Pure computation over
// ProgramFacts and the directory; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/assessments/assessment.h"
#include "domain/health/health_repository.h"
#include "domain/programs/program.h"
#include "domain/reports/report_repository.h"
#include "domain/surveys/survey_repository.h"

namespace pairwise::domain {

// Who a dashboard counts: people of this department / site / level today (empty or 0: all). The
// funnel, times and meetings follow the mentee's; mentor load follows the mentor's.
struct DashboardFilter {
  std::string department;
  std::string site;
  int level = 0;
};

struct FunnelStep {
  std::string step;   // "eligible" | "applied" | "approved" | "matched" | "agreement" |
                      // "first_meeting" | "completed"
  std::string label;  // "Eligible", "Applied", ...
  int64_t people = 0;
};

struct CountRow {
  std::string key;    // a stable word ("0-7", "no_time")
  std::string label;  // the words for people
  int64_t count = 0;
};

struct MentorLoadRow {
  std::string employee_id;
  std::string name;
  int mentees = 0;   // relationships in force
  int capacity = 0;  // mentees at once
};

// One headline score of a survey: the mean of a 1-5 scale question or the NPS of an NPS
// question, of the answers the dashboard's selection holds.
struct SurveyScore {
  std::string question;         // its label
  std::string measure;          // "mean" | "nps"
  std::optional<double> value;  // nullopt: hidden (fewer than the survey's k answered it)
};

// A survey's figures on the dashboard, from SummarizeScores over the answers counted in the
// database (the same rules as the results page's SummarizeSurvey, so the survey's own minimum
// group and the complementary rule of access/small_groups.h hold here as there).
struct SurveyFigure {
  SurveyId survey;
  std::string title;
  std::string kind;     // SurveyKindName
  std::string privacy;  // SurveyPrivacyName
  int min_group = kDefaultMinGroup;
  int invited = 0;      // of the selection
  bool hidden = false;  // too few answers (or suppressed with a small group): no figures below
  int responses = 0;    // 0 when hidden
  std::optional<double> response_rate;  // responses / invited, when shown and anyone was invited
  std::vector<SurveyScore> scores;      // every scale and NPS question of the current version
};

// Which answers the survey figures count under a dashboard filter. Answers carry the
// respondent's department, site and level band, and a group is suppressed against the other
// groups of its one dimension, so the figures follow at most one filter: `applies` is false
// when more than one is set (the figures are then not shown).
struct SurveySelection {
  bool applies = true;
  SurveyResultsQuery query;  // by "department" | "site" | "level" (a level band), or overall
};
// `filter` names the department and site as answers carry them: by name, not code.
SurveySelection SurveySelectionFor(const DashboardFilter& filter);

// The figures of `survey` from its results under a selection's query (SummarizeScores over
// ReportReader::CountSurvey, with the invitations of the selection's group).
SurveyFigure SurveyFigureOf(const Survey& survey, const SurveyResults& results);

// Fairness: how the program's mentees of each group fared, by one dimension.
struct GroupFigures {
  std::string group;  // "Finance", "London", "levels 4-6", "woman", "(not given)"
  int mentees = 0;    // approved or matched
  int matched = 0;    // in a relationship of the program
  int completed = 0;  // their latest relationship completed
  int ended_early = 0;
  // Match score: of the mentees whose latest relationship a matching run made, that pair's score
  // as a share of its run's average pair (100: as good as the run's average), averaged. Scores
  // are on each run's own scale of weights, so only the share compares across runs; pairs the
  // mentee chose (self-match), or of a run whose average is not above 0, are not scored.
  int scored = 0;                     // mentees with a scored pair
  std::optional<double> match_score;  // nullopt when `scored` is 0
};
struct FairnessBreakdown {
  std::string dimension;             // "department" | "site" | "level_band" | "attribute:<name>"
  std::vector<GroupFigures> groups;  // shown, by group
  int hidden_groups = 0;  // under kMinFairnessGroup mentees, or hidden with one (HiddenGroups)
};

// The program's mentees (approved applicants and anyone matched, admitted by `filter`) by
// department, site, level band (with their match score against their run's average pair) and each
// reporting attribute some of them have (those without a value in "(not given)"). Each dimension is
// one breakdown: groups under kMinFairnessGroup mentees are hidden with the complementary rule of
// access/small_groups.h, counted only.
std::vector<FairnessBreakdown> FairnessByGroup(const ProgramFacts& facts,
                                               const std::vector<ReportPerson>& people,
                                               const std::vector<ReportingAttribute>& attributes,
                                               const DashboardFilter& filter);

struct ProgramDashboard {
  ProgramId program;
  std::string program_name;
  std::vector<FunnelStep> funnel;
  std::vector<CountRow> days_to_match;          // application to relationship start, buckets
  std::vector<CountRow> days_to_first_meeting;  // relationship start to first meeting held
  // Held meetings per pair per month against the agreed cadence, pairs that got going.
  std::vector<CountRow> meeting_rate;  // "below" / "on" / "above" the agreed cadence
  double mean_meetings_per_month = 0;
  double mean_agreed_per_month = 0;
  std::vector<CountRow> goals;                // "set", "on_track", "behind", "completed"
  std::vector<CountRow> early_endings;        // by reason
  std::vector<MentorLoadRow> mentor_load;     // every mentor with a relationship in force
  std::vector<CountRow> mentor_load_summary;  // "under" / "full" / "over" capacity
  // Survey figures (ReportService fills them): the program's surveys, oldest first. Empty and
  // `surveys_selection.applies` false when more than one filter is set.
  SurveySelection surveys_selection;
  std::vector<SurveyFigure> surveys;
  // Pre -> post competency change (ReportService fills it from AssessmentService::ResultsOf,
  // the coordinator's assessment results): the whole program only, so unset when any filter is
  // set (a group's figures could then be taken from the whole), or when the program assesses
  // no competencies.
  std::optional<AssessmentResults> competency_change;
  // The program's pairs by health label, day by day over the last kHealthHistoryDays days
  // (oldest first, days without a tick left out), as the health tick stored them: the whole
  // program, whatever the filter (ReportService fills them).
  std::vector<HealthLabelDay> health_labels;
  // Mentees' match rate and endings by group (ReportService fills them: FairnessByGroup).
  std::vector<FairnessBreakdown> fairness;
};

inline constexpr int kHealthHistoryDays = 90;

// One program's headline figures for the cross-program view (ReportService::ProgramsOverview).
struct ProgramOverview {
  ProgramId program;
  std::string name;
  ProgramStatus status = ProgramStatus::kDraft;
  std::vector<FunnelStep> funnel;  // BuildDashboard's, unfiltered
  int64_t in_force = 0;            // relationships pending agreement or active
  int64_t ended_early = 0;
  double mean_meetings_per_month = 0;
  double mean_agreed_per_month = 0;
};

// The program's dashboard on `today`: `facts.people` for the filters and names, `eligible` the
// funnel's first step (CountEligible).
ProgramDashboard BuildDashboard(const Program& program, const ProgramFacts& facts, int64_t eligible,
                                const DashboardFilter& filter, TimePoint now);

// What the directory is asked for to count the program's eligible mentees under `filter` on
// `today`: the filter, the program's list of named people, and the latest hire date with the
// tenure the rules ask for (TenureMonths only falls as the hire date moves later).
PeopleCountQuery EligibleQuery(const EligibilityRules& rules, const DashboardFilter& filter,
                               Date today);
// The people of `groups` (read with EligibleQuery(rules, ...)) that CheckEligibility admits as
// mentees: each group is checked once, as one person, and counted whole.
int64_t CountEligible(const EligibilityRules& rules, const PeopleCountQuery& query,
                      const std::vector<PeopleGroupCount>& groups, Date today);

}  // namespace pairwise::domain
