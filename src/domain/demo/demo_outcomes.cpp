#include "domain/demo/demo_outcomes.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "domain/demo/random.h"
#include "domain/relationships/agreement.h"

namespace pairwise::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

TimePoint At(sys_days day) { return TimePoint(day) + std::chrono::hours(9); }

bool LeftWithin(const OutcomePerson& p, sys_days from, int within) {
  return p.left_date && sys_days(*p.left_date) > from &&
         sys_days(*p.left_date) <= from + days(within);
}

bool PromotedWithin(const OutcomePerson& p, sys_days from, int within) {
  for (const Date& d : p.promotions) {
    if (sys_days(d) > from && sys_days(d) <= from + days(within)) return true;
  }
  return false;
}

}  // namespace

Result<DemoAlumniSummary> LoadDemoAlumni(ReportReader& reports, ProgramRepository& programs,
                                         ApplicationRepository& applications,
                                         ProposalRepository& proposals,
                                         RelationshipCourseWriter& courses,
                                         const DemoOptions& options,
                                         const std::string& coordinator) {
  DemoAlumniSummary summary;
  auto existing = programs.ListPrograms();
  if (!existing.ok()) return existing.status();
  for (const Program& p : *existing) {
    if (p.name == kDemoAlumniProgramName) return summary;
  }
  auto people = reports.ListOutcomePeople();
  if (!people.ok()) return people.status();
  auto directory = reports.ListPeople();
  if (!directory.ok()) return directory.status();
  std::unordered_map<std::string, std::string> names;
  for (const ReportPerson& p : *directory) names.emplace(p.employee_id, p.name);

  // The cohort started 25 months before the history ends: both windows have closed.
  const sys_days start = sys_days(options.as_of) - days(760);
  demo::Random random(options.seed ^ 0xa1'3e4fULL);
  std::vector<const OutcomePerson*> mentees, mentors;
  for (const OutcomePerson& p : *people) {
    const bool active = sys_days(p.hire_date) + days(90) <= start &&
                        (!p.left_date || sys_days(*p.left_date) > start);
    if (!active || p.department.empty()) continue;
    const int level = LevelOn(p, Date(start));
    if (level >= 2 && level <= 4) {
      // The planted association: stayers and the later promoted were likelier to take part.
      int per_mille = 220;
      if (LeftWithin(p, start, 365)) per_mille = per_mille * 45 / 100;
      if (PromotedWithin(p, start, 730)) per_mille = per_mille * 160 / 100;
      if (random.Chance(per_mille)) mentees.push_back(&p);
    } else if (level >= 5 && level <= 9) {
      int per_mille = 600;
      if (LeftWithin(p, start, 365)) per_mille = per_mille * 50 / 100;
      if (random.Chance(per_mille)) mentors.push_back(&p);
    }
  }
  if (mentees.empty() || mentors.empty()) return summary;

  ProgramFields fields;
  fields.name = std::string(kDemoAlumniProgramName);
  fields.description = "Ten months of one-on-one career mentoring across departments.";
  fields.type = ProgramType::kOneOnOne;
  fields.need = ProgramNeed::kCareerDevelopment;
  fields.objectives = "Participants stay and grow: retention and promotion against colleagues.";
  fields.measures = {"12-month retention", "Promotion within 24 months"};
  fields.enrollment_opens = Date(start - days(60));
  fields.enrollment_closes = Date(start - days(20));
  fields.start_date = Date(start);
  fields.end_date = Date(start + days(330));
  fields.relationship_months = 10;
  fields.cadence = MeetingCadence::kMonthly;
  if (!coordinator.empty()) fields.coordinators = {coordinator};
  fields.mentor_capacity = MentorCapacity{4, 6};
  auto program = programs.CreateProgram(fields, At(start - days(70)));
  if (!program.ok()) return program.status();
  PAIRWISE_RETURN_IF_ERROR(programs.SetProgramStatus(program->id, ProgramStatus::kDraft,
                                                     ProgramStatus::kOpen, At(start - days(60))));
  PAIRWISE_RETURN_IF_ERROR(programs.SetProgramStatus(program->id, ProgramStatus::kOpen,
                                                     ProgramStatus::kClosed, At(start - days(19))));

  // Each mentor takes up to four mentees of another department.
  std::vector<ProposalPair> pairs;
  std::unordered_map<std::string, int> taken;
  std::size_t next = 0;
  for (const OutcomePerson* mentee : mentees) {
    for (std::size_t tries = 0; tries < mentors.size(); ++tries) {
      const OutcomePerson* mentor = mentors[(next + tries) % mentors.size()];
      if (mentor->department == mentee->department || taken[mentor->employee_id] >= 4) continue;
      ++taken[mentor->employee_id];
      next = (next + tries + 1) % mentors.size();
      ProposalPair pair;
      pair.mentee = mentee->employee_id;
      pair.mentor = mentor->employee_id;
      pair.mentee_info = PersonSnapshot{names[mentee->employee_id], mentee->department,
                                        mentee->site, LevelOn(*mentee, Date(start))};
      pair.mentor_info = PersonSnapshot{names[mentor->employee_id], mentor->department,
                                        mentor->site, LevelOn(*mentor, Date(start))};
      pair.score = 550 + static_cast<int64_t>(random.Below(350));
      pair.explanation =
          "Offers career experience from another department";  // the sentence's full stop is the
                                                               // reader's
      pairs.push_back(std::move(pair));
      break;
    }
  }
  std::sort(pairs.begin(), pairs.end(),
            [](const ProposalPair& a, const ProposalPair& b) { return a.mentee < b.mentee; });

  {
    std::vector<Application> applied;
    std::set<std::string> seen;
    auto apply = [&](const std::string& id, Side side) {
      if (!seen.insert(id).second) return;
      Application a;
      a.program = program->id;
      a.side = side;
      a.employee_id = id;
      a.status = ApplicationStatus::kSubmitted;
      applied.push_back(std::move(a));
    };
    for (const ProposalPair& p : pairs) apply(p.mentee, Side::kMentee);
    for (const ProposalPair& p : pairs) apply(p.mentor, Side::kMentor);
    auto created = applications.CreateApplications(applied, At(start - days(40)));
    if (!created.ok()) return created.status();
    std::vector<ApplicationId> ids;
    for (const Application& a : *created) ids.push_back(a.id);
    PAIRWISE_RETURN_IF_ERROR(applications.Decide(
        program->id, ids, {ApplicationStatus::kSubmitted}, ApplicationStatus::kApproved,
        "Welcome to Career Mentoring.", At(start - days(25))));
  }

  Proposal proposal;
  proposal.program = program->id;
  proposal.created_by = coordinator;
  proposal.created_at = At(start - days(3));
  proposal.phase = "Waiting for a worker";
  auto created = proposals.CreateProposal(proposal);
  if (!created.ok()) return created.status();
  const std::string worker = "demo";
  auto claimed = proposals.ClaimNext(worker, At(start - days(3)), At(start));
  if (!claimed.ok()) return claimed.status();
  if (!*claimed || (*claimed)->id != created->id) {
    return Status::Internal("the demo alumni proposal was not the one claimed");
  }
  ProposalOutcome outcome;
  outcome.pairs = pairs;
  outcome.summary.matched = static_cast<int>(pairs.size());
  PAIRWISE_RETURN_IF_ERROR(proposals.Complete(created->id, worker, outcome, At(start - days(3))));
  PublishPlan plan;
  plan.proposal = created->id;
  plan.program = program->id;
  plan.published_by = coordinator;
  plan.now = At(start);
  for (const ProposalPair& p : pairs) {
    Relationship r;
    r.mentor = p.mentor;
    r.mentee = p.mentee;
    r.score = static_cast<int>(p.score);
    r.explanation = p.explanation;
    r.started_at = At(start);
    plan.create.push_back(std::move(r));
  }
  auto published = proposals.Publish(plan);
  if (!published.ok()) return published.status();

  // A week to accept the agreement; ten months together, unless the mentee left first.
  std::unordered_map<std::string, const OutcomePerson*> by_id;
  for (const OutcomePerson* p : mentees) by_id.emplace(p->employee_id, p);
  // Their courses written in one go (ten thousand relationships in a large organization).
  const AgreementTerms terms = DefaultAgreementTemplate(*program).terms;
  std::vector<RelationshipCourse> course_list;
  course_list.reserve(published->size());
  for (const Relationship& r : *published) {
    RelationshipCourse course;
    course.agreement.relationship_id = r.id.value;
    course.agreement.terms = terms;
    course.agreement.mentor_accepted_at = At(start + days(5));
    course.agreement.mentee_accepted_at = At(start + days(7));
    course.activated_at = At(start + days(7));
    const OutcomePerson* mentee = by_id.at(r.mentee);
    if (LeftWithin(*mentee, start + days(7), 300)) {
      RelationshipEnding ending;
      ending.reason = EndReason::kLeftOrganization;
      ending.ended_by = r.mentee;
      ending.at = At(sys_days(*mentee->left_date));
      course.ending = std::move(ending);
      ++summary.ended_early;
    } else {
      course.completed_at = At(start + days(307));
      ++summary.completed;
    }
    ++summary.relationships;
    course_list.push_back(std::move(course));
  }
  PAIRWISE_RETURN_IF_ERROR(courses.ImportCourses(course_list));
  return summary;
}

}  // namespace pairwise::domain
