#include "domain/applications/application_service.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "common/text.h"
#include "common/utf8.h"
#include "domain/access/access_policy.h"

namespace pairwise::domain {

namespace {

std::string FullName(const Person& p) { return p.first_name + " " + p.last_name; }

Status NoApplication(ApplicationId id) {
  return Status::NotFound("no application " + std::to_string(id.value));
}

}  // namespace

Date ApplicationService::Today() const {
  return Date(std::chrono::floor<std::chrono::days>(clock_.Now()));
}

void ApplicationService::Audit(const Actor& actor, std::string action, std::string target,
                               std::string detail) {
  RecordAudit(audit_, actor, std::move(action), std::move(target), std::move(detail));
}

Result<Program> ApplicationService::VisibleProgram(const Actor& actor, ProgramId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto program = programs_.FindProgram(id);
  if (!program.ok()) return program.status();
  if (!MaySeeProgram(*program, actor)) {
    return Status::NotFound("no program " + std::to_string(id.value));
  }
  return program;
}

Result<Program> ApplicationService::CoordinatedProgram(const Actor& actor, ProgramId id) {
  auto program = VisibleProgram(actor, id);
  if (!program.ok()) return program.status();
  if (!IsProgramCoordinator(*program, actor)) {
    return Status::Forbidden("only the program's coordinators may do this");
  }
  return program;
}

Result<ApplicantSummary> ApplicationService::Summary(const std::string& employee_id) {
  auto person = people_.FindPerson(employee_id);
  if (!person.ok()) {
    if (person.status().code() != ErrorCode::kNotFound) return person.status();
    return ApplicantSummary{employee_id, employee_id, "", "", kMinLevel};
  }
  return ApplicantSummary{employee_id, FullName(*person), person->job_title, person->department,
                          person->level};
}

Result<std::set<std::string>> ApplicationService::RankableMentors(ProgramId program,
                                                                  const std::string& applicant) {
  auto all = applications_.ListApplications(program);
  if (!all.ok()) return all.status();
  std::set<std::string> out;
  for (const Application& a : *all) {
    if (a.side == Side::kMentor &&
        (a.status == ApplicationStatus::kSubmitted || a.status == ApplicationStatus::kApproved)) {
      out.insert(a.employee_id);
    }
  }
  out.erase(applicant);
  // The matching never pairs a mentee with someone above them (supervising and mentoring
  // conflict), so ranking them would be a choice that can only score nothing.
  auto chain = people_.ManagementChain(applicant);
  if (!chain.ok() && chain.status().code() != ErrorCode::kNotFound) return chain.status();
  if (chain.ok()) {
    for (const std::string& boss : *chain) out.erase(boss);
  }
  return out;
}

Status ApplicationService::CheckRankedChoices(const std::vector<Question>& questions,
                                              const Answers& answers, ProgramId program,
                                              const std::string& applicant) {
  std::optional<std::set<std::string>> rankable;  // read once, only when something is ranked
  for (const Question& q : questions) {
    if (q.type != QuestionType::kRankedMentors) continue;
    auto it = answers.find(q.id);
    if (it == answers.end()) continue;
    const std::string field = "answers." + q.id;
    for (size_t i = 0; i < it->second.size(); ++i) {
      const std::string& id = it->second[i];
      if (id.empty()) continue;
      if (!rankable) {
        auto mentors = RankableMentors(program, applicant);
        if (!mentors.ok()) return mentors.status();
        rankable = std::move(mentors).value();
      }
      if (rankable->count(id) > 0) continue;
      const std::string choice = "Choice " + std::to_string(i + 1);
      if (id == applicant)
        return Status::InvalidArgument(choice + " is you: rank other mentors", field);
      auto person = people_.FindPerson(id);
      if (!person.ok()) {
        if (person.status().code() != ErrorCode::kNotFound) return person.status();
        return Status::InvalidArgument(
            choice + " is nobody in the directory: choose one of the program's mentors", field);
      }
      return Status::InvalidArgument(
          choice + ", " + FullName(*person) +
              ", is not one of this program's mentors you may choose: choose from the "
              "list",
          field);
    }
  }
  return Status::Ok();
}

Result<std::vector<MentorChoice>> ApplicationService::MentorChoices(const Actor& actor,
                                                                    ProgramId program_id,
                                                                    const std::string& q,
                                                                    int limit) {
  auto program = VisibleProgram(actor, program_id);
  if (!program.ok()) return program.status();
  if (limit < 1 || limit > kMaxMentorChoices) {
    return Status::InvalidArgument("limit must be 1 to " + std::to_string(kMaxMentorChoices),
                                   "limit");
  }
  if (!IsProgramCoordinator(*program, actor)) {
    // Who mentors in a program is for those who may rank them: people who applied as mentees,
    // or who may.
    auto mine = applications_.ListByPerson(actor.employee_id);
    if (!mine.ok()) return mine.status();
    const bool applied = std::any_of(mine->begin(), mine->end(), [&](const Application& a) {
      return a.program == program_id && a.side == Side::kMentee;
    });
    if (!applied) {
      auto me = people_.FindPerson(actor.employee_id);
      if (!me.ok() && me.status().code() != ErrorCode::kNotFound) return me.status();
      if (!me.ok() || CheckEligibility(program->mentee_eligibility, Side::kMentee, *me, Today())) {
        return Status::Forbidden("the program's mentors are listed for its mentees");
      }
    }
  }
  auto rankable = RankableMentors(program_id, actor.employee_id);
  if (!rankable.ok()) return rankable.status();
  auto departments = people_.ListDepartments();
  if (!departments.ok()) return departments.status();
  std::unordered_map<std::string, std::string> department_name;
  for (const Department& d : *departments) department_name[d.code] = d.name;
  const std::string needle = AsciiLower(q);
  std::vector<MentorChoice> out;
  for (const std::string& id : *rankable) {
    auto person = people_.FindPerson(id);
    if (!person.ok()) {
      if (person.status().code() == ErrorCode::kNotFound) continue;
      return person.status();
    }
    MentorChoice c{id, FullName(*person), person->job_title, person->department, ""};
    if (!needle.empty() && AsciiLower(c.name).find(needle) == std::string::npos &&
        AsciiLower(c.job_title).find(needle) == std::string::npos &&
        AsciiLower(id).find(needle) == std::string::npos) {
      continue;
    }
    auto name = department_name.find(c.department_code);
    if (name != department_name.end()) c.department_name = name->second;
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const MentorChoice& a, const MentorChoice& b) {
    return std::tie(a.name, a.employee_id) < std::tie(b.name, b.employee_id);
  });
  if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
  return out;
}

Result<ApplicationView> ApplicationService::View(Application application, bool with_questions) {
  ApplicationView view;
  auto applicant = Summary(application.employee_id);
  if (!applicant.ok()) return applicant.status();
  view.applicant = std::move(applicant).value();
  auto program = programs_.FindProgram(application.program);
  if (!program.ok()) return program.status();
  view.program_name = program->name;
  if (with_questions && application.form_version > 0) {
    auto form = applications_.FindFormVersion(application.program, application.side,
                                              application.form_version);
    if (!form.ok()) return form.status();
    view.questions = std::move(form->questions);
  }
  view.application = std::move(application);
  return view;
}

void ApplicationService::MailManager(const Person& person, const Program& program, Side side,
                                     bool nominated) {
  if (person.manager_employee_id.empty()) return;
  auto manager = people_.FindPerson(person.manager_employee_id);
  if (!manager.ok() || manager->status == EmploymentStatus::kLeft) return;
  MailMessage mail;
  mail.to = manager->email;
  mail.kind = "program_participation";
  mail.subject = FullName(person) + (nominated ? " was added to " : " applied to ") + program.name;
  mail.text =
      "Hello " + manager->first_name + ",\n\n" + FullName(person) +
      (nominated ? " was added to the mentoring program \""
                 : " applied to the mentoring program \"") +
      program.name + "\" as a " + std::string(SideName(side)) + ".\n\n" +
      (program.manager_approval ? "The program asks you to approve the time it takes (" +
                                      std::to_string(program.mentor_capacity.hours_per_month) +
                                      " hours a month at most for a mentor). Please answer here:\n"
                                : "You can see your team's participation here:\n") +
      base_url_ + "/me/team\n\nYou will not see what they wrote in their application.\n";
  // A mail that cannot be queued is logged by the queue; the application stands.
  (void)mail_.Enqueue(mail);
}

Result<ApplicationForm> ApplicationService::GetForm(const Actor& actor, ProgramId program,
                                                    Side side) {
  auto visible = VisibleProgram(actor, program);
  if (!visible.ok()) return visible.status();
  return applications_.FindForm(program, side);
}

Result<ApplicationForm> ApplicationService::SaveForm(const Actor& actor, ProgramId program,
                                                     Side side,
                                                     const std::vector<Question>& questions) {
  auto coordinated = CoordinatedProgram(actor, program);
  if (!coordinated.ok()) return coordinated.status();
  if (coordinated->status == ProgramStatus::kArchived) {
    return Status::Error(ErrorCode::kConflict, "an archived program cannot change")
        .WithReason("archived");
  }
  PAIRWISE_RETURN_IF_ERROR(CheckQuestions(questions));
  auto saved = applications_.SaveForm(program, side, questions);
  if (!saved.ok()) return saved.status();
  Audit(actor, "form_saved", "program " + std::to_string(program.value),
        std::string(SideName(side)) + " form version " + std::to_string(saved->version));
  return saved;
}

Result<ApplicationView> ApplicationService::Apply(const Actor& actor, ProgramId program_id,
                                                  Side side, const SentAnswers& sent) {
  auto program = VisibleProgram(actor, program_id);
  if (!program.ok()) return program.status();
  if (!IsEnrollmentOpen(*program, Today())) {
    return Status::Error(ErrorCode::kConflict, "this program is not taking applications now")
        .WithReason("enrollment_closed");
  }
  auto me = people_.FindPerson(actor.employee_id);
  if (!me.ok()) {
    return me.status().code() == ErrorCode::kNotFound
               ? Status::Forbidden("your account is not linked to a person of the directory")
               : me.status();
  }
  const EligibilityRules& rules =
      side == Side::kMentor ? program->mentor_eligibility : program->mentee_eligibility;
  if (auto reason = CheckEligibility(rules, side, *me, Today())) {
    return Status::Error(ErrorCode::kForbidden, reason->message, reason->rule)
        .WithReason("ineligible");
  }
  if (side == Side::kMentor && program->requires_mentor_credential) {
    auto holders = credentials_.CurrentHolders({actor.employee_id}, clock_.Now());
    if (!holders.ok()) return holders.status();
    if (!holders->contains(actor.employee_id)) {
      return Status::Forbidden("This program's mentors need a current " +
                               std::string(kCredentialName) +
                               ". You do not hold one, or yours has expired or was revoked; "
                               "see My credential for the path to it.")
          .WithReason("credential_required");
    }
  }
  auto form = applications_.FindForm(program_id, side);
  if (!form.ok()) return form.status();
  auto answers = AnswersFromSent(form->questions, sent);
  if (!answers.ok()) return answers.status();
  auto skills = people_.ListSkills();
  if (!skills.ok()) return skills.status();
  std::vector<std::string> skill_codes;
  for (const Skill& s : *skills) skill_codes.push_back(s.code);
  PAIRWISE_RETURN_IF_ERROR(
      CheckAnswers(form->questions, *answers, skill_codes, program->max_ranked_choices));
  PAIRWISE_RETURN_IF_ERROR(
      CheckRankedChoices(form->questions, *answers, program_id, actor.employee_id));
  Application a;
  a.program = program_id;
  a.side = side;
  a.employee_id = actor.employee_id;
  a.status = ApplicationStatus::kSubmitted;
  a.form_version = form->version;
  a.answers = *answers;
  a.manager_approval = program->manager_approval && !me->manager_employee_id.empty()
                           ? ManagerApproval::kPending
                           : ManagerApproval::kNotNeeded;
  auto created = applications_.CreateApplications({a}, clock_.Now());
  if (!created.ok()) return created.status();
  Audit(actor, "application_submitted", "application " + std::to_string((*created)[0].id.value),
        program->name + " as " + std::string(SideName(side)));
  MailManager(*me, *program, side, false);
  return View(std::move((*created)[0]), true);
}

Result<ApplicationView> ApplicationService::Get(const Actor& actor, ApplicationId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto application = applications_.FindApplication(id);
  if (!application.ok()) return application.status();
  if (application->employee_id != actor.employee_id) {
    auto program = programs_.FindProgram(application->program);
    if (!program.ok()) return program.status();
    if (!IsProgramCoordinator(*program, actor)) return NoApplication(id);
  }
  return View(std::move(application).value(), true);
}

Result<ApplicationView> ApplicationService::UpdateAnswers(const Actor& actor, ApplicationId id,
                                                          const SentAnswers& sent) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto application = applications_.FindApplication(id);
  if (!application.ok()) return application.status();
  if (application->employee_id != actor.employee_id) {
    auto program = programs_.FindProgram(application->program);
    if (!program.ok()) return program.status();
    if (!IsProgramCoordinator(*program, actor)) return NoApplication(id);
    return Status::Forbidden("only the applicant edits an application");
  }
  auto program = programs_.FindProgram(application->program);
  if (!program.ok()) return program.status();
  if (application->status != ApplicationStatus::kSubmitted) {
    return Status::Error(ErrorCode::kConflict, "the application was reviewed already")
        .WithReason("already_reviewed");
  }
  if (!IsEnrollmentOpen(*program, Today())) {
    return Status::Error(ErrorCode::kConflict, "this program is not taking applications now")
        .WithReason("enrollment_closed");
  }
  auto form = applications_.FindForm(application->program, application->side);
  if (!form.ok()) return form.status();
  auto answers = AnswersFromSent(form->questions, sent);
  if (!answers.ok()) return answers.status();
  auto skills = people_.ListSkills();
  if (!skills.ok()) return skills.status();
  std::vector<std::string> skill_codes;
  for (const Skill& s : *skills) skill_codes.push_back(s.code);
  PAIRWISE_RETURN_IF_ERROR(
      CheckAnswers(form->questions, *answers, skill_codes, program->max_ranked_choices));
  PAIRWISE_RETURN_IF_ERROR(
      CheckRankedChoices(form->questions, *answers, application->program, actor.employee_id));
  PAIRWISE_RETURN_IF_ERROR(applications_.UpdateAnswers(id, form->version, *answers, clock_.Now()));
  auto updated = applications_.FindApplication(id);
  if (!updated.ok()) return updated.status();
  return View(std::move(updated).value(), true);
}

Result<ApplicationView> ApplicationService::Withdraw(const Actor& actor, ApplicationId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto application = applications_.FindApplication(id);
  if (!application.ok()) return application.status();
  if (application->employee_id != actor.employee_id) return NoApplication(id);
  PAIRWISE_RETURN_IF_ERROR(applications_.Decide(
      application->program, {id}, {ApplicationStatus::kSubmitted, ApplicationStatus::kApproved},
      ApplicationStatus::kWithdrawn, "", clock_.Now()));
  Audit(actor, "application_withdrawn", "application " + std::to_string(id.value), "");
  auto updated = applications_.FindApplication(id);
  if (!updated.ok()) return updated.status();
  return View(std::move(updated).value(), true);
}

Result<ReviewPage> ApplicationService::Review(const Actor& actor, ProgramId program_id,
                                              const ReviewQuery& query) {
  auto program = CoordinatedProgram(actor, program_id);
  if (!program.ok()) return program.status();
  if (query.limit < 1 || query.limit > kMaxReviewPageSize) {
    return Status::InvalidArgument("limit must be 1 to " + std::to_string(kMaxReviewPageSize),
                                   "limit");
  }
  if (query.offset < 0) return Status::InvalidArgument("offset must not be negative", "offset");
  if (query.sort != "submitted_at" && query.sort != "name" && query.sort != "department") {
    return Status::InvalidArgument("sort must be submitted_at, name or department", "sort");
  }
  auto all = applications_.ListApplications(program_id);
  if (!all.ok()) return all.status();
  ReviewPage page;
  const std::string needle = AsciiLower(query.q);
  std::vector<ApplicationView> matching;
  for (Application& a : *all) {
    switch (a.status) {
      case ApplicationStatus::kSubmitted:
        ++page.counts.submitted;
        break;
      case ApplicationStatus::kApproved:
        ++page.counts.approved;
        break;
      case ApplicationStatus::kDeclined:
        ++page.counts.declined;
        break;
      case ApplicationStatus::kWithdrawn:
        ++page.counts.withdrawn;
        break;
    }
    if (query.side && a.side != *query.side) continue;
    if (query.status && a.status != *query.status) continue;
    auto summary = Summary(a.employee_id);
    if (!summary.ok()) return summary.status();
    if (!needle.empty() && AsciiLower(summary->name).find(needle) == std::string::npos &&
        AsciiLower(a.employee_id).find(needle) == std::string::npos) {
      continue;
    }
    ApplicationView view;
    view.applicant = std::move(summary).value();
    a.answers.clear();  // the table shows no answers
    view.application = std::move(a);
    view.program_name = program->name;
    matching.push_back(std::move(view));
  }
  auto key = [&](const ApplicationView& v) -> std::string {
    if (query.sort == "name") return AsciiLower(v.applicant.name);
    if (query.sort == "department") return v.applicant.department;
    return v.application.submitted_at;
  };
  std::stable_sort(matching.begin(), matching.end(),
                   [&](const ApplicationView& a, const ApplicationView& b) {
                     const std::string ka = key(a), kb = key(b);
                     if (ka != kb) return query.descending ? ka > kb : ka < kb;
                     return a.application.id < b.application.id;
                   });
  page.total = static_cast<int64_t>(matching.size());
  const auto begin = std::min<std::size_t>(static_cast<std::size_t>(query.offset), matching.size());
  const auto end =
      std::min<std::size_t>(begin + static_cast<std::size_t>(query.limit), matching.size());
  for (std::size_t i = begin; i < end; ++i) page.items.push_back(std::move(matching[i]));
  return page;
}

Result<int64_t> ApplicationService::Decide(const Actor& actor, ProgramId program_id,
                                           const std::vector<ApplicationId>& ids, bool approve,
                                           const std::string& message) {
  auto program = CoordinatedProgram(actor, program_id);
  if (!program.ok()) return program.status();
  if (ids.empty())
    return Status::InvalidArgument("choose at least one application", "application_ids");
  if (ids.size() > kMaxBulk) {
    return Status::InvalidArgument("at most 5,000 applications at once", "application_ids");
  }
  if (MoreCharsThan(message, 5000)) {
    return Status::InvalidArgument("A message must be at most 5,000 characters.", "message");
  }
  std::set<ApplicationId> distinct(ids.begin(), ids.end());
  if (distinct.size() != ids.size()) {
    return Status::InvalidArgument("an application is listed twice", "application_ids");
  }
  PAIRWISE_RETURN_IF_ERROR(
      applications_.Decide(program_id, ids, {ApplicationStatus::kSubmitted},
                           approve ? ApplicationStatus::kApproved : ApplicationStatus::kDeclined,
                           message, clock_.Now()));
  Audit(actor, approve ? "applications_approved" : "applications_declined",
        "program " + std::to_string(program_id.value),
        std::to_string(ids.size()) + " applications");
  // Tell each applicant (after the transaction: a mail failure does not undo a decision).
  for (ApplicationId id : ids) {
    auto a = applications_.FindApplication(id);
    if (!a.ok()) continue;
    auto person = people_.FindPerson(a->employee_id);
    if (!person.ok()) continue;
    MailMessage mail;
    mail.to = person->email;
    mail.kind = approve ? "application_approved" : "application_declined";
    mail.subject = std::string(approve ? "Welcome to " : "Your application to ") + program->name +
                   (approve ? "" : "");
    mail.text = "Hello " + person->first_name + ",\n\n" +
                (approve ? "Your application to \"" + program->name + "\" as a " +
                               std::string(SideName(a->side)) + " was approved."
                         : "Your application to \"" + program->name + "\" as a " +
                               std::string(SideName(a->side)) + " was not accepted this time.") +
                (message.empty() ? "" : "\n\n" + message) + "\n\n" + base_url_ + "/programs/" +
                std::to_string(program_id.value) + "\n";
    (void)mail_.Enqueue(mail);
  }
  return static_cast<int64_t>(ids.size());
}

Result<int64_t> ApplicationService::Nominate(const Actor& actor, ProgramId program_id, Side side,
                                             const std::vector<std::string>& employee_ids) {
  auto program = CoordinatedProgram(actor, program_id);
  if (!program.ok()) return program.status();
  if (program->status == ProgramStatus::kArchived) {
    return Status::Error(ErrorCode::kConflict, "an archived program cannot change")
        .WithReason("archived");
  }
  if (employee_ids.empty()) {
    return Status::InvalidArgument("name at least one person", "employee_ids");
  }
  if (employee_ids.size() > kMaxBulk) {
    return Status::InvalidArgument("at most 5,000 people at once", "employee_ids");
  }
  const EligibilityRules& rules =
      side == Side::kMentor ? program->mentor_eligibility : program->mentee_eligibility;
  const Date today = Today();
  std::set<std::string> credentialed;
  if (side == Side::kMentor && program->requires_mentor_credential) {
    auto holders = credentials_.CurrentHolders(employee_ids, clock_.Now());
    if (!holders.ok()) return holders.status();
    credentialed = std::move(holders).value();
  }
  std::vector<Application> fresh;
  std::vector<Person> people;
  std::vector<std::string> refused;
  for (const std::string& id : employee_ids) {
    auto person = people_.FindPerson(id);
    if (!person.ok()) {
      if (person.status().code() != ErrorCode::kNotFound) return person.status();
      refused.push_back(id + " (unknown)");
      continue;
    }
    if (auto reason = CheckEligibility(rules, side, *person, today)) {
      refused.push_back(id + " (" + reason->rule + ")");
      continue;
    }
    if (side == Side::kMentor && program->requires_mentor_credential &&
        !credentialed.contains(id)) {
      refused.push_back(id + " (no current " + std::string(kCredentialName) + ")");
      continue;
    }
    Application a;
    a.program = program_id;
    a.side = side;
    a.employee_id = id;
    a.status = ApplicationStatus::kApproved;
    a.nominated = true;
    a.manager_approval = program->manager_approval && !person->manager_employee_id.empty()
                             ? ManagerApproval::kPending
                             : ManagerApproval::kNotNeeded;
    fresh.push_back(std::move(a));
    people.push_back(std::move(person).value());
  }
  if (!refused.empty()) {
    std::string list;
    for (std::size_t i = 0; i < refused.size() && i < 20; ++i) {
      list += (i ? ", " : "") + refused[i];
    }
    if (refused.size() > 20) list += " and " + std::to_string(refused.size() - 20) + " more";
    return Status::InvalidArgument(
        std::to_string(refused.size()) + " people cannot join this side: " + list, "employee_ids");
  }
  auto created = applications_.CreateApplications(fresh, clock_.Now());
  if (!created.ok()) return created.status();
  Audit(actor, "participants_nominated", "program " + std::to_string(program_id.value),
        std::to_string(created->size()) + " as " + std::string(SideName(side)));
  for (const Person& p : people) MailManager(p, *program, side, true);
  return static_cast<int64_t>(created->size());
}

Result<std::vector<MyApplication>> ApplicationService::Mine(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto mine = applications_.ListByPerson(actor.employee_id);
  if (!mine.ok()) return mine.status();
  std::vector<MyApplication> out;
  for (auto it = mine->rbegin(); it != mine->rend(); ++it) {
    auto program = programs_.FindProgram(it->program);
    if (!program.ok()) return program.status();
    out.push_back({std::move(*it), program->name, program->type, program->status});
  }
  return out;
}

Result<std::vector<TeamEntry>> ApplicationService::MyTeam(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  std::vector<TeamEntry> out;
  if (actor.employee_id.empty()) return out;
  // Everyone below the actor, breadth first (the chain is at most a few levels deep).
  std::vector<std::pair<std::string, bool>> queue;
  auto direct = people_.ListDirectReports(actor.employee_id);
  if (!direct.ok()) return direct.status();
  for (const Person& p : *direct) queue.emplace_back(p.employee_id, true);
  std::unordered_map<ProgramId, Program> programs;
  std::unordered_map<std::string, std::vector<Relationship>> relationships;  // by person
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const auto [employee_id, is_direct] = queue[i];
    auto below = people_.ListDirectReports(employee_id);
    if (!below.ok()) return below.status();
    for (const Person& p : *below) queue.emplace_back(p.employee_id, false);
    auto applications = applications_.ListByPerson(employee_id);
    if (!applications.ok()) return applications.status();
    for (const Application& a : *applications) {
      if (a.status == ApplicationStatus::kWithdrawn || a.status == ApplicationStatus::kDeclined) {
        continue;
      }
      if (!programs.contains(a.program)) {
        auto program = programs_.FindProgram(a.program);
        if (!program.ok()) return program.status();
        programs.emplace(a.program, std::move(program).value());
      }
      auto summary = Summary(a.employee_id);
      if (!summary.ok()) return summary.status();
      TeamEntry entry{a.id,
                      std::move(summary).value(),
                      a.program,
                      programs.at(a.program).name,
                      a.side,
                      a.status,
                      a.manager_approval,
                      is_direct,
                      std::nullopt,
                      std::nullopt};
      if (a.status == ApplicationStatus::kApproved) {
        if (!relationships.contains(employee_id)) {
          auto found = relationships_.ListForPerson(employee_id);
          if (!found.ok()) return found.status();
          relationships.emplace(employee_id, std::move(found).value());
        }
        for (const Relationship& r : relationships.at(employee_id)) {
          const bool as_side =
              a.side == Side::kMentee ? r.mentee == employee_id : r.mentor == employee_id;
          if (r.program != a.program || !IsInForce(r.status) || !as_side) {
            continue;
          }
          auto other = Summary(a.side == Side::kMentee ? r.mentor : r.mentee);
          if (!other.ok()) return other.status();
          entry.matched_with = std::move(other).value();
          entry.matched_since = r.started_at;
          break;  // a mentor with several mentees: the latest is named
        }
      }
      out.push_back(std::move(entry));
    }
  }
  return out;
}

Result<TeamEntry> ApplicationService::DecideAsManager(const Actor& actor, ApplicationId id,
                                                      bool approve) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto application = applications_.FindApplication(id);
  if (!application.ok()) return application.status();
  auto chain = people_.ManagementChain(application->employee_id);
  if (!chain.ok()) return chain.status();
  if (actor.employee_id.empty() ||
      std::find(chain->begin(), chain->end(), actor.employee_id) == chain->end()) {
    return NoApplication(id);
  }
  if (application->manager_approval != ManagerApproval::kPending) {
    return Status::Error(ErrorCode::kConflict, "there is no approval pending")
        .WithReason("not_pending");
  }
  PAIRWISE_RETURN_IF_ERROR(applications_.SetManagerApproval(
      id, approve ? ManagerApproval::kApproved : ManagerApproval::kDeclined, clock_.Now()));
  Audit(actor, approve ? "manager_approved" : "manager_declined",
        "application " + std::to_string(id.value), "");
  auto program = programs_.FindProgram(application->program);
  if (!program.ok()) return program.status();
  auto summary = Summary(application->employee_id);
  if (!summary.ok()) return summary.status();
  return TeamEntry{id,
                   std::move(summary).value(),
                   application->program,
                   program->name,
                   application->side,
                   application->status,
                   approve ? ManagerApproval::kApproved : ManagerApproval::kDeclined,
                   !chain->empty() && chain->front() == actor.employee_id,
                   std::nullopt,
                   std::nullopt};
}

}  // namespace pairwise::domain
