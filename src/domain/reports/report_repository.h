// What the reports read: whole-directory and whole-program facts in a few bulk reads, so that a
// dashboard or the outcome analysis costs a handful of statements, not one per person. Implemented
// by storage (storage/report_repository.cpp, one code path for SQLite and PostgreSQL) and by the
// in-memory fake for domain tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/people/person.h"
#include "domain/programs/participation.h"
#include "domain/programs/program.h"
#include "domain/reports/outcomes.h"
#include "domain/surveys/survey_results.h"

namespace pairwise::domain {

// A person as a dashboard's filters and funnel read them.
struct ReportPerson {
  std::string employee_id;
  std::string name;        // first and last name
  std::string department;  // code
  std::string site;        // code
  std::string department_name, site_name;
  int level = kMinLevel;
  Date hire_date{};
  EmploymentStatus status = EmploymentStatus::kActive;
};

struct ReportApplication {
  std::string employee_id;
  Side side = Side::kMentee;
  ApplicationStatus status = ApplicationStatus::kSubmitted;
  TimePoint submitted_at{};
};

struct ReportRelationship {
  int64_t id = 0;
  std::string mentor, mentee;
  std::string status;  // RelationshipStatusName
  TimePoint started_at{};
  std::optional<TimePoint> activated_at;
  std::optional<TimePoint> ended_at;
  std::string end_reason;                  // EndReasonName or "completed"; empty while in force
  std::optional<int> agreed_cadence_days;  // from the agreement, once there is one
  std::optional<TimePoint> first_meeting;  // the first meeting held
  int meetings_held = 0;
  int64_t score = 0;  // the pair's match score, on its matching run's scale
  // The proposal (matching run) that made the pair; nullopt when the mentee chose the mentor
  // (self-match), whose score is not on any run's scale.
  std::optional<int64_t> proposal;
};

struct ReportGoal {
  int64_t relationship_id = 0;
  int progress = 0;  // 0..100
  std::optional<Date> due;
  TimePoint created_at{};
  std::optional<TimePoint> completed_at;
};

// One program's facts for its dashboard.
struct ProgramFacts {
  // Everyone who applied to the program or is in one of its relationships (either side), by
  // employee id: the people its figures and filters read, not the whole directory.
  std::vector<ReportPerson> people;
  // Those people's reporting attributes (for fairness), by employee id and name.
  std::vector<ReportingAttribute> attributes;
  std::vector<ReportApplication> applications;
  std::vector<ReportRelationship> relationships;
  std::vector<ReportGoal> goals;
  // Mentors who chose a lower capacity than the program's (employee id, mentees at once).
  std::vector<std::pair<std::string, int>> mentor_capacities;
};

// Which people CountPeopleGroups counts: those of this department / site / level (empty or 0:
// all), and of `employee_ids` when it is not empty. `hired_by` splits each group by hire date.
struct PeopleCountQuery {
  std::string department;  // code
  std::string site;        // code
  int level = 0;
  std::optional<Date> hired_by;
  std::vector<std::string> employee_ids;
};

// People counted by what eligibility and the dashboard's filters read (one row per distinct
// combination), so that "eligible" is a count in the database, not a pass over the directory.
struct PeopleGroupCount {
  std::string department, site;  // codes; empty for none
  std::string department_name, site_name;
  int level = kMinLevel;
  EmploymentStatus status = EmploymentStatus::kActive;
  bool hired_by = true;  // hire date on or before the query's `hired_by` (true without one)
  int64_t people = 0;
};

// A survey's answers counted for SummarizeScores under a results query: the tallies of the
// query's dimension's groups (none overall) and the numbers of its selection (the query's group,
// or every sheet).
struct SurveyCounts {
  std::vector<SurveyGroupTally> tallies;
  SurveySelectionNumbers selection;
};

// Thread-safe. Errors: Unavailable / Internal from the store.
class ReportReader {
 public:
  virtual ~ReportReader() = default;
  // Every person of the directory (whatever their status), ordered by employee id.
  virtual Result<std::vector<ReportPerson>> ListPeople() = 0;
  // Everyone with their promotions and exit, for the outcome analysis.
  virtual Result<std::vector<OutcomePerson>> ListOutcomePeople() = 0;
  // Every relationship of every program as a participation (mentor, mentee, start, end).
  virtual Result<std::vector<OutcomeParticipation>> ListParticipations() = 0;
  // The directory's people matching `query`, counted per group (in no particular order).
  virtual Result<std::vector<PeopleGroupCount>> CountPeopleGroups(
      const PeopleCountQuery& query) = 0;
  // The program's applications, relationships (with first meeting, meetings held, agreed
  // cadence), goals, mentors' own capacities, and the people of those with their attributes, in
  // one read transaction. Empty lists for an unknown program.
  virtual Result<ProgramFacts> LoadProgramFacts(ProgramId program) = 0;
  // The survey's answers counted under `query` (its `by` a result dimension or empty), numbers
  // read for the questions `numbered` only (ids), in one read transaction, from what each
  // sheet's write recorded: no sheet is read. InvalidArgument "by" for an unknown dimension.
  virtual Result<SurveyCounts> CountSurvey(SurveyId survey, const SurveyResultsQuery& query,
                                           const std::vector<std::string>& numbered) = 0;
};

}  // namespace pairwise::domain
