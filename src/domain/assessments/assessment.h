// Competency assessments (issue 23): the mentee rates themself and the mentor rates the mentee,
// per competency of the program, once at the start and once at the end of the relationship; the
// pair sees their own ratings pre -> post, coordinators and admins only the program's aggregate.
// Plain values and the pure rules (when a phase is open, what a rating sheet must hold, the
// aggregate with small groups hidden by HiddenGroups); who may do what lives in
// AssessmentService.
//
// The competencies are skills of the organization's skills taxonomy (the skills mentees want to
// grow and goals name), picked per program by its coordinators: a program addresses the skills
// of its mentees. The credential framework's competencies describe how mentors mentor, and are
// assessed in credentialing, not here.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/small_groups.h"
#include "domain/people/person.h"
#include "domain/programs/program.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

// The start phase ("pre") and the end phase ("post").
enum class AssessmentPhase { kStart, kEnd };
// "start" | "end".
std::string_view AssessmentPhaseName(AssessmentPhase phase);
std::optional<AssessmentPhase> ParseAssessmentPhase(std::string_view name);

// The one scale: 1..5, each point with its words (kAssessmentScale[r - 1]).
inline constexpr int kAssessmentMinRating = 1;
inline constexpr int kAssessmentMaxRating = 5;
inline constexpr std::array<std::string_view, 5> kAssessmentScale = {
    "New to it", "Learning, with help", "Does it on their own", "Does it well",
    "Could teach others"};
// The start phase is open for this many days from the day both accepted the agreement; the end
// phase opens this many days before the relationship's end date (or when it completes, if
// sooner) and stays open this many days after the end date (or the completion).
inline constexpr int kAssessmentOpenDays = 30;
// At most this many competencies per program.
inline constexpr int kMaxAssessmentCompetencies = 10;

struct AssessmentCompetency {
  std::string code;  // a skill code of the taxonomy
  std::string name;  // the skill's name
  friend bool operator==(const AssessmentCompetency&, const AssessmentCompetency&) = default;
};

// One rater's sheet of one phase of one relationship.
struct Assessment {
  RelationshipId relationship;
  ProgramId program;
  Side rater = Side::kMentee;  // the mentee rates themself; the mentor rates the mentee
  AssessmentPhase phase = AssessmentPhase::kStart;
  std::map<std::string, int> ratings;  // competency code -> 1..5
  int version = 0;                     // 1 when first saved, +1 on every save
  TimePoint updated_at{};
};

// When a phase of `relationship` takes ratings: [opens, closes). nullopt while it cannot be
// known (start: not active yet; end: no end date yet) or never (end: the relationship ended
// early). `end_date` is the agreement's (AgreementEndDate). Pure.
struct AssessmentWindow {
  TimePoint opens{};
  TimePoint closes{};
  bool Contains(TimePoint t) const { return t >= opens && t < closes; }
};
std::optional<AssessmentWindow> PhaseWindow(AssessmentPhase phase, const Relationship& relationship,
                                            std::optional<Date> end_date);

// The program's competencies from `codes` and the taxonomy `skills`: InvalidArgument
// "competencies" for none or more than kMaxAssessmentCompetencies, "competencies[i]" for an
// unknown or repeated code.
Result<std::vector<AssessmentCompetency>> CompetenciesFrom(const std::vector<std::string>& codes,
                                                           const std::vector<Skill>& skills);

// A sheet rates every competency of the program once, 1..5, and nothing else: InvalidArgument
// "ratings.<code>" for a missing or out-of-range rating or an unknown competency.
Status CheckRatings(const std::vector<AssessmentCompetency>& competencies,
                    const std::map<std::string, int>& ratings);

// One competency's change for one rater over the pairs rated at both phases.
struct CompetencyChange {
  AssessmentCompetency competency;
  int pairs = 0;               // rated at both phases; 0 when hidden
  bool hidden = false;         // fewer than k pairs
  std::array<int, 5> start{};  // how many pairs rated 1..5 at the start
  std::array<int, 5> end{};    // ... at the end
  std::optional<double> mean_start, mean_end, mean_change;  // unset when hidden
};

struct RaterChange {
  Side rater = Side::kMentee;
  int pairs = 0;  // with both phases rated; 0 when hidden
  bool hidden = false;
  std::vector<CompetencyChange> competencies;  // in the program's order
};

// The program's aggregate: mentees' self-ratings, then mentors' ratings.
struct AssessmentResults {
  int min_group = kDefaultMinGroup;
  std::vector<AssessmentCompetency> competencies;
  std::vector<RaterChange> raters;
};

// The aggregate of `assessments` (any of the program's) for `competencies`: per rater, the pairs
// with a sheet of both phases; per competency those that rated it at both. A rater's figures,
// and each competency's, are shown only when HiddenGroups (the surveys' rule, minimum group `k`)
// leaves their pairs shown. Never a pair's own ratings. Pure.
AssessmentResults SummarizeAssessments(const std::vector<AssessmentCompetency>& competencies,
                                       const std::vector<Assessment>& assessments, int k);

}  // namespace pairwise::domain
