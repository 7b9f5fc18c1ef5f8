#include "domain/programs/program_service.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "common/text.h"
#include "common/utf8.h"
#include "domain/access/access_policy.h"
#include "domain/people/directory_validation.h"
#include "domain/programs/shadow_pool.h"
#include "domain/proposals/matching_text.h"

namespace pairwise::domain {

namespace {

Status Invalid(std::string message, std::string field) {
  return Status::InvalidArgument(std::move(message), std::move(field));
}

bool HasDuplicates(const std::vector<std::string>& list) {
  std::set<std::string> seen;
  for (const std::string& s : list) {
    if (!seen.insert(s).second) return true;
  }
  return false;
}

bool MayTransition(ProgramStatus from, ProgramStatus to) {
  switch (from) {
    case ProgramStatus::kDraft:
      return to == ProgramStatus::kOpen || to == ProgramStatus::kArchived;
    case ProgramStatus::kOpen:
      return to == ProgramStatus::kClosed;
    case ProgramStatus::kClosed:
      return to == ProgramStatus::kOpen || to == ProgramStatus::kArchived;
    case ProgramStatus::kArchived:
      return false;
  }
  return false;
}

}  // namespace

std::optional<ProgramListView> ParseProgramListView(std::string_view name) {
  if (name == "running") return ProgramListView::kRunning;
  if (name == "joinable") return ProgramListView::kJoinable;
  if (name == "all") return ProgramListView::kAll;
  return std::nullopt;
}

Date ProgramService::Today() const {
  return Date(std::chrono::floor<std::chrono::days>(clock_.Now()));
}

Status ProgramService::CheckProgramFields(const ProgramFields& f) {
  if (!IsValidTextChars(f.name, kMaxProgramNameChars)) {
    return Invalid("The name must be 1 to 200 characters, without spaces at either end.", "name");
  }
  if (MoreCharsThan(f.description, kMaxProgramTextChars)) {
    return Invalid("The description must be at most 10,000 characters.", "description");
  }
  if (MoreCharsThan(f.objectives, kMaxProgramTextChars)) {
    return Invalid("The objectives must be at most 10,000 characters.", "objectives");
  }
  if (f.measures.size() > kMaxMeasures) return Invalid("at most 20 measures", "measures");
  for (std::size_t i = 0; i < f.measures.size(); ++i) {
    if (!IsValidTextChars(f.measures[i], kMaxMeasureChars)) {
      return Invalid("A measure must be 1 to 300 characters.",
                     "measures[" + std::to_string(i) + "]");
    }
  }
  if (!f.start_date.ok()) return Invalid("start_date is required", "start_date");
  if (!f.end_date.ok()) return Invalid("end_date is required", "end_date");
  if (f.end_date <= f.start_date) return Invalid("end_date must be after start_date", "end_date");
  if (!f.enrollment_opens.ok()) return Invalid("enrollment_opens is required", "enrollment_opens");
  if (!f.enrollment_closes.ok()) {
    return Invalid("enrollment_closes is required", "enrollment_closes");
  }
  if (f.enrollment_closes < f.enrollment_opens) {
    return Invalid("enrollment_closes must not be before enrollment_opens", "enrollment_closes");
  }
  if (f.enrollment_closes > f.end_date) {
    return Invalid("enrollment must close by the program's end_date", "enrollment_closes");
  }
  if (f.relationship_months < 1 || f.relationship_months > 36) {
    return Invalid("relationship_months must be 1 to 36", "relationship_months");
  }
  if (f.mentor_capacity.mentees < 1 || f.mentor_capacity.mentees > 20) {
    return Invalid("a mentor takes 1 to 20 mentees at once", "mentor_capacity.mentees");
  }
  if (f.mentor_capacity.hours_per_month < 1 || f.mentor_capacity.hours_per_month > 160) {
    return Invalid("hours_per_month must be 1 to 160", "mentor_capacity.hours_per_month");
  }
  if (f.max_ranked_choices < 0 || f.max_ranked_choices > 10) {
    return Invalid("max_ranked_choices must be 0 to 10", "max_ranked_choices");
  }
  if (f.request_expiry_days < 1 || f.request_expiry_days > 60) {
    return Invalid("request_expiry_days must be 1 to 60", "request_expiry_days");
  }
  if (f.type == ProgramType::kGroup) {
    if (!f.group) return Invalid("a group program needs group sizes", "group");
    if (f.group->min_size < 2 || f.group->min_size > f.group->max_size || f.group->max_size > 50) {
      return Invalid("group sizes must satisfy 2 <= min_size <= max_size <= 50",
                     f.group->min_size < 2 ? "group.min_size" : "group.max_size");
    }
  } else if (f.group) {
    return Invalid("only group programs have group sizes", "group");
  }
  if (f.type == ProgramType::kTraining) {
    if (!f.training) return Invalid("a training program names its course", "training");
    if (!IsValidTextChars(f.training->course, kMaxProgramNameChars)) {
      return Invalid("The course name must be 1 to 200 characters.", "training.course");
    }
  } else if (f.training) {
    return Invalid("only training programs name a course", "training");
  }

  // People and codes must exist in the directory.
  if (f.coordinators.empty()) {
    return Invalid("a program has at least one coordinator", "coordinators");
  }
  auto check_people = [&](const std::vector<std::string>& ids, const std::string& field) -> Status {
    if (ids.size() > kMaxProgramPeople) return Invalid("at most 1,000 people", field);
    if (HasDuplicates(ids)) return Invalid("a person is listed twice", field);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const std::string at = field + "[" + std::to_string(i) + "]";
      auto person = people_.FindPerson(ids[i]);
      if (!person.ok()) {
        if (person.status().code() == ErrorCode::kNotFound) {
          return Invalid("no person has employee id \"" + ids[i] + "\"", at);
        }
        return person.status();
      }
      if (person->status == EmploymentStatus::kLeft) {
        return Invalid(ids[i] + " has left the organization", at);
      }
    }
    return Status::Ok();
  };
  PAIRWISE_RETURN_IF_ERROR(check_people(f.coordinators, "coordinators"));
  PAIRWISE_RETURN_IF_ERROR(check_people(f.shadow_mentors, "shadow_mentors"));
  // Seed 004: a program that requires credentialed mentors restricts its shadow mentor pool the
  // same way, so the experienced mentor who coaches its pairs holds the credential too.
  if (f.requires_mentor_credential && !f.shadow_mentors.empty()) {
    auto holders = credentials_.CurrentHolders(f.shadow_mentors, clock_.Now());
    if (!holders.ok()) return holders.status();
    for (std::size_t i = 0; i < f.shadow_mentors.size(); ++i) {
      if (holders->contains(f.shadow_mentors[i])) continue;
      auto person = people_.FindPerson(f.shadow_mentors[i]);
      const std::string name = person.ok() ? matching_text::FullName(*person) : f.shadow_mentors[i];
      return Status::InvalidArgument(
                 name + " does not hold a current " + std::string(kCredentialName) +
                     ", which this program requires of its mentors and shadow mentors.",
                 "shadow_mentors[" + std::to_string(i) + "]")
          .WithReason("credential_required");
    }
  }

  auto departments = people_.ListDepartments();
  if (!departments.ok()) return departments.status();
  auto sites = people_.ListSites();
  if (!sites.ok()) return sites.status();
  std::set<std::string> department_codes, site_codes;
  for (const Department& d : *departments) department_codes.insert(d.code);
  for (const Site& s : *sites) site_codes.insert(s.code);
  if (f.training) {
    auto skills = people_.ListSkills();
    if (!skills.ok()) return skills.status();
    std::set<std::string> skill_codes;
    for (const Skill& s : *skills) skill_codes.insert(s.code);
    for (std::size_t i = 0; i < f.training->skills.size(); ++i) {
      if (!skill_codes.contains(f.training->skills[i])) {
        return Invalid("unknown skill \"" + f.training->skills[i] + "\"",
                       "training.skills[" + std::to_string(i) + "]");
      }
    }
    if (HasDuplicates(f.training->skills)) {
      return Invalid("a skill is listed twice", "training.skills");
    }
  }
  PAIRWISE_RETURN_IF_ERROR(
      CheckRules(f.mentor_eligibility, "eligibility.mentor.", department_codes, site_codes));
  PAIRWISE_RETURN_IF_ERROR(
      CheckRules(f.mentee_eligibility, "eligibility.mentee.", department_codes, site_codes));
  return Status::Ok();
}

Status ProgramService::CheckRules(const EligibilityRules& rules_ref, const std::string& prefix,
                                  const std::set<std::string>& department_codes,
                                  const std::set<std::string>& site_codes) {
  const EligibilityRules* rules = &rules_ref;
  for (std::size_t i = 0; i < rules->departments.size(); ++i) {
    if (!department_codes.contains(rules->departments[i])) {
      return Invalid("unknown department \"" + rules->departments[i] + "\"",
                     prefix + "departments[" + std::to_string(i) + "]");
    }
  }
  for (std::size_t i = 0; i < rules->sites.size(); ++i) {
    if (!site_codes.contains(rules->sites[i])) {
      return Invalid("unknown site \"" + rules->sites[i] + "\"",
                     prefix + "sites[" + std::to_string(i) + "]");
    }
  }
  auto level_ok = [](std::optional<int> level) {
    return !level || (*level >= kMinLevel && *level <= kMaxLevel);
  };
  if (!level_ok(rules->min_level)) return Invalid("levels run from 1 to 10", prefix + "min_level");
  if (!level_ok(rules->max_level)) return Invalid("levels run from 1 to 10", prefix + "max_level");
  if (rules->min_level && rules->max_level && *rules->min_level > *rules->max_level) {
    return Invalid("max_level must not be below min_level", prefix + "max_level");
  }
  if (rules->min_tenure_months &&
      (*rules->min_tenure_months < 0 || *rules->min_tenure_months > 600)) {
    return Invalid("min_tenure_months must be 0 to 600", prefix + "min_tenure_months");
  }
  for (EmploymentStatus s : rules->statuses) {
    if (s == EmploymentStatus::kLeft) {
      return Invalid("people who left cannot join a program", prefix + "statuses");
    }
  }
  if (rules->employee_ids.size() > kMaxProgramPeople) {
    return Invalid("at most 1,000 people", prefix + "employee_ids");
  }
  if (HasDuplicates(rules->employee_ids)) {
    return Invalid("a person is listed twice", prefix + "employee_ids");
  }
  return Status::Ok();
}

Status ProgramService::CheckUniqueName(const ProgramFields& fields, std::optional<ProgramId> self) {
  auto all = programs_.ListPrograms();
  if (!all.ok()) return all.status();
  const std::string wanted = AsciiLower(fields.name);
  for (const Program& p : *all) {
    if (self && p.id == *self) continue;
    if (p.status != ProgramStatus::kArchived && AsciiLower(p.name) == wanted) {
      return Status::Error(ErrorCode::kConflict, "another program is called \"" + p.name + "\"",
                           "name")
          .WithReason("duplicate_name");
    }
  }
  return Status::Ok();
}

void ProgramService::Audit(const Actor& actor, std::string action, const Program& program,
                           std::string detail) {
  RecordAudit(audit_, actor, std::move(action), "program " + std::to_string(program.id.value),
              std::move(detail));
}

Result<ProgramView> ProgramService::View(const Actor& actor, Program program) {
  ProgramView view;
  view.coordinator = IsProgramCoordinator(program, actor);
  auto name_people = [&](const std::vector<std::string>& ids,
                         std::vector<ProgramPerson>& out) -> Status {
    for (const std::string& id : ids) {
      auto person = people_.FindPerson(id);
      if (!person.ok() && person.status().code() != ErrorCode::kNotFound) return person.status();
      out.push_back({id, person.ok() ? person->first_name + " " + person->last_name : id});
    }
    return Status::Ok();
  };
  PAIRWISE_RETURN_IF_ERROR(name_people(program.coordinators, view.coordinators));
  PAIRWISE_RETURN_IF_ERROR(name_people(program.shadow_mentors, view.shadow_mentors));
  auto lapsed = LapsedShadowMentors(program, credentials_, clock_.Now());
  if (!lapsed.ok()) return lapsed.status();
  for (ProgramPerson& p : view.shadow_mentors)
    p.credential_lapsed = lapsed->contains(p.employee_id);
  if (!actor.employee_id.empty()) {
    auto me = people_.FindPerson(actor.employee_id);
    if (me.ok()) {
      const Date today = Today();
      view.mentor.reason = CheckEligibility(program.mentor_eligibility, Side::kMentor, *me, today);
      view.mentee.reason = CheckEligibility(program.mentee_eligibility, Side::kMentee, *me, today);
      view.mentor.eligible = !view.mentor.reason;
      view.mentee.eligible = !view.mentee.reason;
    } else if (me.status().code() != ErrorCode::kNotFound) {
      return me.status();
    }
  }
  view.program = std::move(program);
  return view;
}

Result<Program> ProgramService::FindVisible(const Actor& actor, ProgramId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto program = programs_.FindProgram(id);
  if (!program.ok()) return program.status();
  const bool public_status =
      program->status == ProgramStatus::kOpen || program->status == ProgramStatus::kClosed;
  if (!public_status && !IsProgramCoordinator(*program, actor)) {
    return Status::NotFound("no program " + std::to_string(id.value));
  }
  return program;
}

Result<Program> ProgramService::FindCoordinated(const Actor& actor, ProgramId id) {
  auto program = FindVisible(actor, id);
  if (!program.ok()) return program.status();
  if (!IsProgramCoordinator(*program, actor)) {
    return Status::Forbidden("only the program's coordinators may change it");
  }
  return program;
}

Result<ProgramView> ProgramService::Create(const Actor& actor, ProgramFields fields) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  PAIRWISE_RETURN_IF_ERROR(RequireCoordinator(actor));
  if (!actor.employee_id.empty() &&
      std::find(fields.coordinators.begin(), fields.coordinators.end(), actor.employee_id) ==
          fields.coordinators.end()) {
    fields.coordinators.insert(fields.coordinators.begin(), actor.employee_id);
  }
  PAIRWISE_RETURN_IF_ERROR(CheckProgramFields(fields));
  PAIRWISE_RETURN_IF_ERROR(CheckUniqueName(fields, std::nullopt));
  auto created = programs_.CreateProgram(fields, clock_.Now());
  if (!created.ok()) return created.status();
  Audit(actor, "program_created", *created, created->name);
  return View(actor, std::move(created).value());
}

Result<ProgramView> ProgramService::Get(const Actor& actor, ProgramId id) {
  auto program = FindVisible(actor, id);
  if (!program.ok()) return program.status();
  return View(actor, std::move(program).value());
}

Result<ProgramView> ProgramService::Update(const Actor& actor, ProgramId id, ProgramFields fields) {
  auto current = FindCoordinated(actor, id);
  if (!current.ok()) return current.status();
  if (current->status == ProgramStatus::kArchived) {
    return Status::Error(ErrorCode::kConflict, "an archived program cannot be changed")
        .WithReason("archived");
  }
  PAIRWISE_RETURN_IF_ERROR(CheckProgramFields(fields));
  PAIRWISE_RETURN_IF_ERROR(CheckUniqueName(fields, id));
  PAIRWISE_RETURN_IF_ERROR(programs_.UpdateProgram(id, fields, clock_.Now()));
  auto updated = programs_.FindProgram(id);
  if (!updated.ok()) return updated.status();
  Audit(actor, "program_updated", *updated, updated->name);
  return View(actor, std::move(updated).value());
}

Result<ProgramView> ProgramService::MoveTo(const Actor& actor, ProgramId id, ProgramStatus to) {
  auto current = FindCoordinated(actor, id);
  if (!current.ok()) return current.status();
  if (!MayTransition(current->status, to)) {
    return Status::Error(ErrorCode::kConflict,
                         "a " + std::string(ProgramStatusName(current->status)) +
                             " program cannot become " + std::string(ProgramStatusName(to)))
        .WithReason("invalid_transition");
  }
  if (to == ProgramStatus::kClosed || to == ProgramStatus::kArchived) {
    // Closing needs nothing more; archiving keeps the record for reports.
  } else if (to == ProgramStatus::kOpen && current->status == ProgramStatus::kClosed) {
    PAIRWISE_RETURN_IF_ERROR(CheckUniqueName(*current, id));
  }
  PAIRWISE_RETURN_IF_ERROR(programs_.SetProgramStatus(id, current->status, to, clock_.Now()));
  auto moved = programs_.FindProgram(id);
  if (!moved.ok()) return moved.status();
  Audit(actor, "program_" + std::string(ProgramStatusName(to)), *moved,
        std::string(ProgramStatusName(current->status)) + " -> " +
            std::string(ProgramStatusName(to)));
  return View(actor, std::move(moved).value());
}

Result<std::vector<Program>> ProgramService::List(const Actor& actor, ProgramListView view) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto all = programs_.ListPrograms();
  if (!all.ok()) return all.status();
  std::optional<Person> me;
  if (view == ProgramListView::kJoinable && !actor.employee_id.empty()) {
    auto found = people_.FindPerson(actor.employee_id);
    if (found.ok()) {
      me = std::move(found).value();
    } else if (found.status().code() != ErrorCode::kNotFound) {
      return found.status();
    }
  }
  const Date today = Today();
  std::vector<Program> out;
  for (Program& p : *all) {
    const bool coordinates = IsProgramCoordinator(p, actor);
    const bool public_status =
        p.status == ProgramStatus::kOpen || p.status == ProgramStatus::kClosed;
    bool keep = false;
    switch (view) {
      case ProgramListView::kRunning:
        keep = !actor.IsAdmin() ? coordinates
                                : std::find(p.coordinators.begin(), p.coordinators.end(),
                                            actor.employee_id) != p.coordinators.end();
        break;
      case ProgramListView::kJoinable: {
        keep = me && IsEnrollmentOpen(p, today) &&
               (!CheckEligibility(p.mentor_eligibility, Side::kMentor, *me, today) ||
                !CheckEligibility(p.mentee_eligibility, Side::kMentee, *me, today));
        // Not a program the actor is in already, or applied to.
        for (Side side : {Side::kMentor, Side::kMentee}) {
          if (!keep) break;
          auto mine = participants_.FindParticipant(p.id, side, actor.employee_id);
          if (!mine.ok()) return mine.status();
          if (mine->has_value() && (*mine)->status != ApplicationStatus::kWithdrawn) keep = false;
        }
        break;
      }
      case ProgramListView::kAll:
        keep = public_status || coordinates;
        break;
    }
    if (keep) out.push_back(std::move(p));
  }
  std::stable_sort(out.begin(), out.end(), [](const Program& a, const Program& b) {
    return a.start_date != b.start_date ? a.start_date < b.start_date : a.id < b.id;
  });
  return out;
}

Result<EligibilityCounts> ProgramService::CountEligible(const Actor& actor,
                                                        const EligibilityRules& mentor,
                                                        const EligibilityRules& mentee) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  PAIRWISE_RETURN_IF_ERROR(RequireCoordinator(actor));
  auto departments = people_.ListDepartments();
  if (!departments.ok()) return departments.status();
  auto sites = people_.ListSites();
  if (!sites.ok()) return sites.status();
  std::set<std::string> department_codes, site_codes;
  for (const Department& d : *departments) department_codes.insert(d.code);
  for (const Site& s : *sites) site_codes.insert(s.code);
  PAIRWISE_RETURN_IF_ERROR(CheckRules(mentor, "eligibility.mentor.", department_codes, site_codes));
  PAIRWISE_RETURN_IF_ERROR(CheckRules(mentee, "eligibility.mentee.", department_codes, site_codes));
  EligibilityCounts counts;
  const Date today = Today();
  PeoplePageRequest page;
  page.limit = kMaxPeoplePageSize;
  for (;;) {
    auto people = people_.ListPeople(page);
    if (!people.ok()) return people.status();
    for (const Person& p : *people) {
      if (!CheckEligibility(mentor, Side::kMentor, p, today)) ++counts.mentors;
      if (!CheckEligibility(mentee, Side::kMentee, p, today)) ++counts.mentees;
    }
    if (people->size() < static_cast<std::size_t>(page.limit)) break;
    page.after_employee_id = people->back().employee_id;
  }
  return counts;
}

Result<EligibilityCounts> ProgramService::CountEligible(const Actor& actor, ProgramId id) {
  auto program = FindVisible(actor, id);
  if (!program.ok()) return program.status();
  // Counting reads the whole directory: for those who run programs.
  if (!IsProgramCoordinator(*program, actor)) {
    return Status::Forbidden("only the program's coordinators see eligibility counts");
  }
  Actor as_coordinator = actor;
  if (!as_coordinator.HasRole(Role::kCoordinator) && !as_coordinator.IsAdmin()) {
    as_coordinator.roles.push_back(Role::kCoordinator);
  }
  return CountEligible(as_coordinator, program->mentor_eligibility, program->mentee_eligibility);
}

Result<MentorCapacity> ProgramService::GetMyCapacity(const Actor& actor, ProgramId id) {
  auto program = FindVisible(actor, id);
  if (!program.ok()) return program.status();
  return programs_.EffectiveMentorCapacity(id, actor.employee_id);
}

Result<MentorCapacity> ProgramService::SetMyCapacity(const Actor& actor, ProgramId id,
                                                     MentorCapacity capacity) {
  auto program = FindVisible(actor, id);
  if (!program.ok()) return program.status();
  auto me = people_.FindPerson(actor.employee_id);
  if (!me.ok()) {
    return me.status().code() == ErrorCode::kNotFound
               ? Status::Forbidden("your account is not linked to a person of the directory")
               : me.status();
  }
  if (auto reason = CheckEligibility(program->mentor_eligibility, Side::kMentor, *me, Today())) {
    return Status::Error(ErrorCode::kForbidden, reason->message, reason->rule)
        .WithReason("ineligible");
  }
  if (capacity.mentees < 1 || capacity.mentees > program->mentor_capacity.mentees) {
    return Invalid("mentees must be 1 to " + std::to_string(program->mentor_capacity.mentees) +
                       " (the program's capacity)",
                   "mentees");
  }
  if (capacity.hours_per_month < 1 ||
      capacity.hours_per_month > program->mentor_capacity.hours_per_month) {
    return Invalid("hours_per_month must be 1 to " +
                       std::to_string(program->mentor_capacity.hours_per_month) +
                       " (the program's)",
                   "hours_per_month");
  }
  const bool same_as_program = capacity == program->mentor_capacity;
  PAIRWISE_RETURN_IF_ERROR(programs_.SetMentorCapacity(
      id, actor.employee_id, same_as_program ? std::nullopt : std::optional(capacity)));
  return programs_.EffectiveMentorCapacity(id, actor.employee_id);
}

}  // namespace pairwise::domain
