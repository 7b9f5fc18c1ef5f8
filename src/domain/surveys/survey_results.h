// A survey's results as the coordinator sees them: counts per answer, means, NPS, matrix
// distributions and free text, overall or for one group of respondents (side, department, site,
// level band), with small groups suppressed by the one rule (HiddenGroups). Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/surveys/survey.h"

namespace pairwise::domain {

// One stored answer sheet, as results read it: never the person of an anonymous survey.
struct SurveyResponse {
  SurveyId survey;
  int version = 1;
  Side side = Side::kMentee;
  std::string department, site, level_band;  // the respondent's when they answered
  Answers answers;
};

// What results are asked for: overall (`by` empty), or by a dimension ("side", "department",
// "site", "level"), optionally for one `group` of it.
struct SurveyResultsQuery {
  std::string by;
  std::optional<std::string> group;
};

struct AnswerCount {
  std::string value;  // an option, "1".."5" for scales, "0".."10" for NPS
  int count = 0;
};

struct QuestionResult {
  Question question;
  int answered = 0;
  bool hidden = false;                   // fewer than k answered (or suppressed with a small group)
  std::vector<AnswerCount> counts;       // choices, scale, NPS: every possible value, in order
  std::optional<double> mean;            // scale, NPS
  std::optional<int> nps;                // % promoters (9-10) minus % detractors (0-6)
  std::vector<std::vector<int>> matrix;  // per item, counts of 1..5
  std::vector<std::string> texts;        // free text, sorted (never in the order answered)
};

struct ResultGroup {
  std::string group;
  bool hidden = false;
  int responses = 0;  // 0 when hidden
};

struct SurveyResults {
  int min_group = kDefaultMinGroup;
  int invited = 0;
  int responses = 0;    // of the selection (overall, or the group)
  bool hidden = false;  // the selection is too small or suppressed: nothing below is filled
  std::string by;       // the dimension, empty for overall
  std::optional<std::string> group;
  std::vector<ResultGroup> groups;  // the dimension's groups (when `by` is set)
  std::vector<QuestionResult> questions;
};

// "side" | "department" | "site" | "level": the dimensions results can be grouped by.
bool IsResultDimension(const std::string& by);

// The group of `r` under dimension `by` (IsResultDimension): "mentor"/"mentee", its department,
// site or level band.
const std::string& GroupOf(const SurveyResponse& r, const std::string& by);

// Whether `answers` answers question `id`: a value whose first element is not empty. Storage
// counts answered questions by the same rule in SQL (SurveyRepository::GroupSheets).
bool IsAnswered(const Answers& answers, const std::string& id);

// One group of a dimension as suppression needs it: its sheets, and per question how many of
// them answer it (IsAnswered). Needs none of the answers themselves.
struct SurveyGroupTally {
  std::string group;
  int sheets = 0;
  std::map<std::string, int> answered;  // question id -> sheets answering it (absent: 0)
};

// The tallies of `responses` per group of `by` (a dimension), ordered by group.
std::vector<SurveyGroupTally> TallyGroups(const std::vector<SurveyResponse>& responses,
                                          const std::string& by);

// The results of `responses` to `questions` (the survey's current version; answers to
// questions it no longer has are left out) under `query`, `k` the survey's minimum group. A
// selection is shown when it has at least k respondents and, for a group, when HiddenGroups
// over its dimension leaves it shown; a question when at least k of the selection answered it
// and, for a group, when HiddenGroups over the dimension's answer counts of that question leaves
// it shown. InvalidArgument "by" for an unknown dimension; "group" for a group without `by`.
Result<SurveyResults> SummarizeSurvey(const std::vector<Question>& questions,
                                      const std::vector<SurveyResponse>& responses, int k,
                                      int invited, const SurveyResultsQuery& query);

// The same results from the tallies of `query.by`'s groups (any order; unused overall) and only
// the sheets of the selection: the group's (`query.group` set) or all of them. Results for one
// group so read and parse no other group's answers; every rule above holds unchanged
// (SummarizeSurvey is this over TallyGroups). Errors: SummarizeSurvey's.
Result<SurveyResults> SummarizeTallied(const std::vector<Question>& questions,
                                       std::vector<SurveyGroupTally> tallies,
                                       const std::vector<SurveyResponse>& selection, int k,
                                       int invited, const SurveyResultsQuery& query);

// What the headline scores need of a selection, counted by storage without reading a sheet: its
// sheets, per question how many of them answer it (IsAnswered), and per question how many give
// each whole number as their first value (a scale's 1-5, an NPS's 0-10: Validate admits no
// other answer to them).
struct SurveySelectionNumbers {
  int sheets = 0;
  std::map<std::string, int> answered;                // question id -> sheets answering it
  std::map<std::string, std::map<int, int>> numbers;  // question id -> first value -> sheets
};

// SummarizeTallied from counts: the same selections and questions shown and hidden (one code
// path decides), and of each shown scale and NPS question the same counts, mean and NPS, taken
// from `selection.numbers` (equal to the sheets' own while every answer to them is a whole
// number, as Validate makes them). Other shown questions carry their answered count only.
// Errors: SummarizeSurvey's.
Result<SurveyResults> SummarizeScores(const std::vector<Question>& questions,
                                      std::vector<SurveyGroupTally> tallies,
                                      const SurveySelectionNumbers& selection, int k, int invited,
                                      const SurveyResultsQuery& query);

}  // namespace pairwise::domain
