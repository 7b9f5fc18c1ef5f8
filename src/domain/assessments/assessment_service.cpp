#include "domain/assessments/assessment_service.h"

#include "domain/access/access_policy.h"
#include "domain/relationships/relationship_access.h"

namespace pairwise::domain {
namespace {

// The sheet of `rater` and `phase` among `sheets`.
std::optional<Assessment> SheetOf(const std::vector<Assessment>& sheets, Side rater,
                                  AssessmentPhase phase) {
  for (const Assessment& a : sheets) {
    if (a.rater == rater && a.phase == phase) return a;
  }
  return std::nullopt;
}

Side SideOf(const Actor& actor, const Relationship& relationship) {
  return actor.employee_id == relationship.mentor ? Side::kMentor : Side::kMentee;
}

}  // namespace

Result<Program> AssessmentService::Coordinated(const Actor& actor, ProgramId id) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  auto program = programs_.FindProgram(id);
  if (!program.ok()) return program.status();
  if (!MaySeeProgram(*program, actor)) {
    return Status::NotFound("no program " + std::to_string(id.value));
  }
  if (!MaySeeAssessmentAggregate(*program, actor)) {
    return Status::Forbidden("only the program's coordinators see its assessments");
  }
  return program;
}

Result<std::vector<AssessmentCompetency>> AssessmentService::Competencies(const Actor& actor,
                                                                          ProgramId program) {
  if (auto p = Coordinated(actor, program); !p.ok()) return p.status();
  return repository_.Competencies(program);
}

Result<std::vector<AssessmentCompetency>> AssessmentService::SetCompetencies(
    const Actor& actor, ProgramId program, const std::vector<std::string>& codes) {
  if (auto p = Coordinated(actor, program); !p.ok()) return p.status();
  auto skills = people_.ListSkills();
  if (!skills.ok()) return skills.status();
  auto competencies = CompetenciesFrom(codes, *skills);
  if (!competencies.ok()) return competencies.status();
  if (Status s = repository_.SetCompetencies(program, *competencies); !s.ok()) return s;
  return competencies;
}

Result<AssessmentResults> AssessmentService::Results(const Actor& actor, ProgramId program) {
  if (auto p = Coordinated(actor, program); !p.ok()) return p.status();
  return ResultsOf(program);
}

Result<AssessmentResults> AssessmentService::ResultsOf(ProgramId program) {
  auto competencies = repository_.Competencies(program);
  if (!competencies.ok()) return competencies.status();
  auto sheets = repository_.OfProgram(program);
  if (!sheets.ok()) return sheets.status();
  // The surveys' minimum group: one threshold for every aggregate of answers about people.
  return SummarizeAssessments(*competencies, *sheets, kDefaultMinGroup);
}

Result<PairAssessments> AssessmentService::View(const Actor& actor,
                                                const RelationshipDetail& detail) {
  const Relationship& r = detail.view.relationship;
  PairAssessments out;
  out.relationship = r.id;
  out.side = SideOf(actor, r);
  auto competencies = repository_.Competencies(r.program);
  if (!competencies.ok()) return competencies.status();
  out.competencies = std::move(competencies).value();
  auto sheets = repository_.OfRelationship(r.id);
  if (!sheets.ok()) return sheets.status();
  const std::optional<Date> end_date =
      detail.agreement ? detail.agreement->end_date : std::optional<Date>();
  const Side other = out.side == Side::kMentor ? Side::kMentee : Side::kMentor;
  const TimePoint now = clock_.Now();
  for (AssessmentPhase phase : {AssessmentPhase::kStart, AssessmentPhase::kEnd}) {
    PhaseView p;
    p.phase = phase;
    p.window = PhaseWindow(phase, r, end_date);
    p.open = p.window && p.window->Contains(now);
    p.mine = SheetOf(*sheets, out.side, phase);
    if (p.mine) p.other = SheetOf(*sheets, other, phase);
    out.phases.push_back(std::move(p));
  }
  return out;
}

Result<PairAssessments> AssessmentService::ForRelationship(const Actor& actor,
                                                           RelationshipId relationship) {
  auto detail = relationships_.Get(actor, relationship);
  if (!detail.ok()) return detail.status();
  PAIRWISE_RETURN_IF_ERROR(
      RequireAssessmentRater(actor, detail->view.relationship, detail->relations));
  return View(actor, *detail);
}

Result<PairAssessments> AssessmentService::Rate(const Actor& actor, RelationshipId relationship,
                                                AssessmentPhase phase, int version,
                                                const std::map<std::string, int>& ratings) {
  auto detail = relationships_.Get(actor, relationship);
  if (!detail.ok()) return detail.status();
  const Relationship& r = detail->view.relationship;
  PAIRWISE_RETURN_IF_ERROR(RequireAssessmentRater(actor, r, detail->relations));
  auto competencies = repository_.Competencies(r.program);
  if (!competencies.ok()) return competencies.status();
  if (competencies->empty()) {
    return Status::Conflict("this program does not assess competencies")
        .WithReason("no_competencies");
  }
  const std::optional<Date> end_date =
      detail->agreement ? detail->agreement->end_date : std::optional<Date>();
  const auto window = PhaseWindow(phase, r, end_date);
  if (!window || !window->Contains(clock_.Now())) {
    return Status::Conflict("this assessment is not open", "phase").WithReason("phase_closed");
  }
  PAIRWISE_RETURN_IF_ERROR(CheckRatings(*competencies, ratings));
  if (version < 0) return Status::InvalidArgument("a version is 0 or more", "version");
  Assessment sheet;
  sheet.relationship = r.id;
  sheet.program = r.program;
  sheet.rater = SideOf(actor, r);
  sheet.phase = phase;
  sheet.ratings = ratings;
  sheet.updated_at = clock_.Now();
  auto saved = repository_.Save(sheet, version);
  if (!saved.ok()) return saved.status();
  return View(actor, *detail);
}

Result<std::vector<AssessmentDue>> AssessmentService::Due(const Actor& actor) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  auto mine = relationships_.ListMine(actor);
  if (!mine.ok()) return mine.status();
  std::vector<AssessmentDue> out;
  for (const RelationshipView& v : *mine) {
    const Relationship& r = v.relationship;
    if (r.mentor != actor.employee_id && r.mentee != actor.employee_id) continue;
    if (r.status != RelationshipStatus::kActive && r.status != RelationshipStatus::kCompleted) {
      continue;
    }
    auto competencies = repository_.Competencies(r.program);
    if (!competencies.ok()) return competencies.status();
    if (competencies->empty()) continue;
    auto detail = relationships_.Get(actor, r.id);
    if (!detail.ok()) return detail.status();
    auto view = View(actor, *detail);
    if (!view.ok()) return view.status();
    for (const PhaseView& p : view->phases) {
      if (!p.open || p.mine) continue;
      const bool mentor = view->side == Side::kMentor;
      out.push_back({r.id, v.program_name, mentor ? v.mentee_name : v.mentor_name, view->side,
                     p.phase, p.window->closes});
    }
  }
  return out;
}

}  // namespace pairwise::domain
