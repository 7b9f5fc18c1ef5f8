#include "domain/reports/report_service.h"

#include <algorithm>
#include <string>

#include "domain/access/access_policy.h"
#include "domain/relationships/relationship.h"
#include "domain/surveys/survey_service.h"

namespace pairwise::domain {
namespace {

Status CheckFilter(const DashboardFilter& filter) {
  if (filter.level < 0 || filter.level > kMaxLevel) {
    return Status::InvalidArgument(
        "level must be between 1 and " + std::to_string(kMaxLevel) + ", or 0 for all", "level");
  }
  return Status::Ok();
}

}  // namespace

Result<Program> ReportService::Coordinated(const Actor& actor, ProgramId id) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  auto program = programs_.FindProgram(id);
  if (!program.ok()) return program.status();
  if (!MaySeeProgram(*program, actor)) {
    return Status::NotFound("no program " + std::to_string(id.value));
  }
  if (!IsProgramCoordinator(*program, actor)) {
    return Status::Forbidden("only the program's coordinators see its reports");
  }
  return program;
}

Result<ProgramDashboard> ReportService::Dashboard(const Actor& actor, ProgramId id,
                                                  const DashboardFilter& filter) {
  PAIRWISE_RETURN_IF_ERROR(CheckFilter(filter));
  auto program = Coordinated(actor, id);
  if (!program.ok()) return program.status();
  auto facts = reports_.LoadProgramFacts(id);
  if (!facts.ok()) return facts.status();
  const TimePoint now = clock_.Now();
  const Date today_date(std::chrono::floor<std::chrono::days>(now));
  // The directory under the filter, counted by group: the funnel's "eligible" and the names of
  // the filter's department and site.
  PeopleCountQuery query = EligibleQuery(program->mentee_eligibility, filter, today_date);
  std::vector<std::string> listed = std::move(query.employee_ids);
  query.employee_ids.clear();
  auto groups = reports_.CountPeopleGroups(query);
  if (!groups.ok()) return groups.status();
  int64_t eligible = 0;
  if (listed.empty()) {
    eligible = CountEligible(program->mentee_eligibility, query, *groups, today_date);
  } else {
    query.employee_ids = std::move(listed);
    auto listed_groups = reports_.CountPeopleGroups(query);
    if (!listed_groups.ok()) return listed_groups.status();
    eligible = CountEligible(program->mentee_eligibility, query, *listed_groups, today_date);
  }
  ProgramDashboard d = BuildDashboard(*program, *facts, eligible, filter, now);

  // Answers carry the respondent's department and site by name; the filter names them by code.
  // The groups hold only people of every filter set, but the names matter only with one filter
  // (SurveySelectionFor), and then any person of that department or site names it.
  DashboardFilter by_name = filter;
  for (const PeopleGroupCount& g : *groups) {
    if (!filter.department.empty() && g.department == filter.department) {
      by_name.department = g.department_name;
    }
    if (!filter.site.empty() && g.site == filter.site) by_name.site = g.site_name;
  }
  d.surveys_selection = SurveySelectionFor(by_name);
  if (d.surveys_selection.applies) {
    auto surveys = surveys_.List(id);
    if (!surveys.ok()) return surveys.status();
    for (const Survey& survey : *surveys) {
      auto invited = surveys_.CountInvitations(survey.id, d.surveys_selection.query);
      if (!invited.ok()) return invited.status();
      // Counted in the database from what each sheet's write recorded (no sheet is read), and
      // summarized by the results page's rules (SummarizeScores).
      std::vector<std::string> numbered;
      for (const Question& q : survey.questions) {
        if (q.type == QuestionType::kScale || q.type == QuestionType::kNps) {
          numbered.push_back(q.id);
        }
      }
      auto counts = reports_.CountSurvey(survey.id, d.surveys_selection.query, numbered);
      if (!counts.ok()) return counts.status();
      auto results =
          SummarizeScores(survey.questions, std::move(counts->tallies), counts->selection,
                          survey.min_group, *invited, d.surveys_selection.query);
      if (!results.ok()) return results.status();
      d.surveys.push_back(SurveyFigureOf(survey, *results));
    }
  }

  const bool filtered = !filter.department.empty() || !filter.site.empty() || filter.level != 0;
  if (assessments_ != nullptr && !filtered) {
    auto change = assessments_->ResultsOf(id);
    if (!change.ok()) return change.status();
    if (!change->competencies.empty()) d.competency_change = std::move(change).value();
  }

  const auto today = std::chrono::floor<std::chrono::days>(now);
  auto labels =
      health_.LabelHistory(id, FormatDate(Date(today - std::chrono::days(kHealthHistoryDays - 1))));
  if (!labels.ok()) return labels.status();
  d.health_labels = std::move(*labels);

  d.fairness = FairnessByGroup(*facts, facts->people, facts->attributes, filter);
  return d;
}

Result<ProgramOutcomes> ReportService::Outcomes(const Actor& actor, ProgramId id,
                                                const DashboardFilter& filter) {
  PAIRWISE_RETURN_IF_ERROR(CheckFilter(filter));
  auto program = Coordinated(actor, id);
  if (!program.ok()) return program.status();
  auto people = reports_.ListOutcomePeople();
  if (!people.ok()) return people.status();
  auto participations = reports_.ListParticipations();
  if (!participations.ok()) return participations.status();
  OutcomeOptions options;
  options.as_of = Date(std::chrono::floor<std::chrono::days>(clock_.Now()));
  options.department = filter.department;
  options.site = filter.site;
  options.level = filter.level;
  return AnalyzeOutcomes(id, *people, *participations, options);
}

Result<std::vector<ProgramOverview>> ReportService::ProgramsOverview(const Actor& actor) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  if (!actor.IsAdmin() && !actor.HasRole(Role::kCoordinator)) {
    return Status::Forbidden("only admins and coordinators see the programs' reports");
  }
  auto programs = programs_.ListPrograms();
  if (!programs.ok()) return programs.status();
  const TimePoint now = clock_.Now();
  const Date today(std::chrono::floor<std::chrono::days>(now));
  std::vector<ProgramOverview> out;
  for (const Program& program : *programs) {
    if (!IsProgramCoordinator(program, actor)) continue;
    auto facts = reports_.LoadProgramFacts(program.id);
    if (!facts.ok()) return facts.status();
    const PeopleCountQuery query = EligibleQuery(program.mentee_eligibility, {}, today);
    auto groups = reports_.CountPeopleGroups(query);
    if (!groups.ok()) return groups.status();
    const int64_t eligible = CountEligible(program.mentee_eligibility, query, *groups, today);
    const ProgramDashboard d = BuildDashboard(program, *facts, eligible, {}, now);
    ProgramOverview row;
    row.program = program.id;
    row.name = program.name;
    row.status = program.status;
    row.funnel = d.funnel;
    for (const ReportRelationship& r : facts->relationships) {
      if (r.status == RelationshipStatusName(RelationshipStatus::kPendingAgreement) ||
          r.status == RelationshipStatusName(RelationshipStatus::kActive)) {
        ++row.in_force;
      }
    }
    for (const CountRow& c : d.early_endings) row.ended_early += c.count;
    row.mean_meetings_per_month = d.mean_meetings_per_month;
    row.mean_agreed_per_month = d.mean_agreed_per_month;
    out.push_back(std::move(row));
  }
  std::sort(out.begin(), out.end(), [](const ProgramOverview& a, const ProgramOverview& b) {
    return a.name != b.name ? a.name < b.name : a.program.value < b.program.value;
  });
  return out;
}

Status ReportService::RecordOverviewExport(const Actor& actor, std::string_view format,
                                           int64_t rows) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  if (!actor.IsAdmin() && !actor.HasRole(Role::kCoordinator)) {
    return Status::Forbidden("only admins and coordinators see the programs' reports");
  }
  RecordAudit(
      audit_, actor, "report_exported", "programs",
      "programs overview as " + std::string(format) + ", " + std::to_string(rows) + " rows");
  return Status::Ok();
}

Status ReportService::RecordExport(const Actor& actor, ProgramId id, std::string_view report,
                                   std::string_view format, int64_t rows) {
  auto program = Coordinated(actor, id);
  if (!program.ok()) return program.status();
  RecordAudit(
      audit_, actor, "report_exported", "program " + std::to_string(id.value),
      std::string(report) + " as " + std::string(format) + ", " + std::to_string(rows) + " rows");
  return Status::Ok();
}

}  // namespace pairwise::domain
