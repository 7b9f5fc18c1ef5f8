#include "domain/credentials/credential_service.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "common/file_type.h"
#include "domain/access/access_policy.h"
#include "domain/proposals/matching_text.h"

namespace pairwise::domain {

namespace {

std::string CandidateTarget(CandidateId id) { return "candidate " + std::to_string(id.value); }

Status CheckText(const std::string& text, const std::string& field, bool required) {
  if (required && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("Please fill this in.", field);
  }
  if (text.size() > kMaxEvidenceBytes) {
    return Status::InvalidArgument("This text has at most 8000 characters.", field);
  }
  return Status::Ok();
}

bool IsOnRubric(const Framework& f, int score) {
  return std::any_of(f.levels.begin(), f.levels.end(),
                     [&](const RubricLevel& l) { return l.score == score; });
}

}  // namespace

void CredentialService::Audit(const Actor& actor, std::string action, std::string target,
                              std::string detail) {
  RecordAudit(audit_, actor, std::move(action), std::move(target), std::move(detail));
}

std::string CredentialService::NameOf(const std::string& employee_id) {
  auto person = people_.FindPerson(employee_id);
  return person.ok() ? matching_text::FullName(*person) : employee_id;
}

Result<Framework> CredentialService::Version(int version) {
  if (version == 1) return DefaultFramework();
  auto found = repository_.FindFramework(version);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no framework version " + std::to_string(version));
  return std::move(**found);
}

Result<bool> CredentialService::IsReviewer(const Actor& actor) {
  if (!actor.IsPerson()) return false;
  return repository_.IsReviewer(actor.employee_id);
}

Result<bool> CredentialService::HoldsCurrent(const std::string& employee_id) {
  auto holders = repository_.CurrentHolders({employee_id}, clock_.Now());
  if (!holders.ok()) return holders.status();
  return holders->contains(employee_id);
}

Result<CandidateRelation> CredentialService::RelationTo(const Actor& actor,
                                                        const Candidate& candidate) {
  CandidateRelation r;
  if (!actor.IsPerson()) return r;
  r.is_candidate = actor.employee_id == candidate.employee_id;
  auto reviewer = repository_.IsReviewer(actor.employee_id);
  if (!reviewer.ok()) return reviewer.status();
  r.is_reviewer = *reviewer;
  // The whole chain, not only the direct manager: a manager's manager supervises too.
  auto chain = people_.ManagementChain(candidate.employee_id);
  if (chain.ok()) {
    r.manages_candidate =
        std::find(chain->begin(), chain->end(), actor.employee_id) != chain->end();
  } else if (chain.status().code() != ErrorCode::kNotFound) {
    return chain.status();
  }
  auto holds = HoldsCurrent(actor.employee_id);
  if (!holds.ok()) return holds.status();
  r.holds_current_credential = *holds;
  return r;
}

Result<CandidateView> CredentialService::View(Candidate candidate, bool with_evidence) {
  CandidateView v;
  auto framework = Version(candidate.framework_version);
  if (!framework.ok()) return framework.status();
  v.framework = std::move(framework).value();
  // A candidacy's framework goes to the candidate, reviewers and signers: never with answers.
  StripQuizAnswers(v.framework);
  auto sign_offs = repository_.ListSignOffs(candidate.id);
  if (!sign_offs.ok()) return sign_offs.status();
  v.progress = ProgressOf(v.framework, *sign_offs);
  auto person = people_.FindPerson(candidate.employee_id);
  if (person.ok()) {
    v.name = matching_text::FullName(*person);
    v.job_title = person->job_title;
  } else {
    v.name = candidate.employee_id;
  }
  v.with_evidence = with_evidence;
  if (with_evidence) {
    for (SignOff& s : *sign_offs) {
      std::string signer = NameOf(s.signed_by);
      v.sign_offs.push_back({std::move(s), std::move(signer)});
    }
    auto files = repository_.ListEvidenceFiles(candidate.id);
    if (!files.ok()) return files.status();
    v.files = std::move(files).value();
    auto attempts = repository_.ListQuizAttempts(candidate.id);
    if (!attempts.ok()) return attempts.status();
    v.quiz_attempts = std::move(attempts).value();
    for (int step = kStepApplication; step <= kStepIndependent; ++step) {
      if (domain::StepTakesFiles(candidate, v.progress, step).ok()) v.file_steps.push_back(step);
    }
  }
  const auto idle = clock_.Now() - candidate.updated_at;
  v.days_since_activity =
      static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(idle).count() / 24);
  v.stuck =
      candidate.status == CandidateStatus::kSelected && v.days_since_activity >= kStuckAfterDays;
  v.candidate = std::move(candidate);
  return v;
}

Result<CredentialView> CredentialService::CredentialViewOf(Credential credential) {
  CredentialView v;
  v.holder_name = NameOf(credential.holder);
  v.status = credential.StatusAt(clock_.Now());
  v.credential = std::move(credential);
  return v;
}

// --- The framework and the reviewers ---------------------------------------------------------

Result<Framework> CredentialService::CurrentFramework(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto latest = repository_.LatestFramework();
  if (!latest.ok()) return latest.status();
  Framework current = *latest ? std::move(**latest) : DefaultFramework();
  if (!MayReadQuizAnswers(actor)) StripQuizAnswers(current);
  return current;
}

Result<Framework> CredentialService::FrameworkVersion(const Actor& actor, int version) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto framework = Version(version);
  if (framework.ok() && !MayReadQuizAnswers(actor)) StripQuizAnswers(*framework);
  return framework;
}

Result<Framework> CredentialService::SaveFramework(const Actor& actor, Framework framework) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  PAIRWISE_RETURN_IF_ERROR(CheckFramework(framework));
  framework.created_by = actor.employee_id;
  framework.created_at = clock_.Now();
  auto saved = repository_.SaveFramework(framework);
  if (!saved.ok()) return saved.status();
  Audit(actor, "credential_framework_saved", "framework " + std::to_string(saved->version),
        std::to_string(saved->competencies.size()) + " competencies, " +
            std::to_string(saved->topics.size()) + " training modules");
  return saved;
}

Result<std::vector<ReviewerView>> CredentialService::ListReviewers(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  auto reviewers = repository_.ListReviewers();
  if (!reviewers.ok()) return reviewers.status();
  std::vector<ReviewerView> out;
  for (Reviewer& r : *reviewers) {
    std::string name = NameOf(r.employee_id);
    out.push_back({std::move(r), std::move(name)});
  }
  return out;
}

Status CredentialService::AppointReviewer(const Actor& actor, const std::string& employee_id) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  auto person = people_.FindPerson(employee_id);
  if (!person.ok()) return person.status();
  PAIRWISE_RETURN_IF_ERROR(repository_.AddReviewer({employee_id, actor.employee_id, clock_.Now()}));
  Audit(actor, "credential_reviewer_appointed", "person " + employee_id, "");
  return Status::Ok();
}

Status CredentialService::RemoveReviewer(const Actor& actor, const std::string& employee_id) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  PAIRWISE_RETURN_IF_ERROR(repository_.RemoveReviewer(employee_id));
  Audit(actor, "credential_reviewer_removed", "person " + employee_id, "");
  return Status::Ok();
}

// --- The path -------------------------------------------------------------------------------

Result<MyCredential> CredentialService::Mine(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  MyCredential out;
  auto framework = CurrentFramework(actor);
  if (!framework.ok()) return framework.status();
  out.framework = std::move(framework).value();
  auto reviewer = IsReviewer(actor);
  if (!reviewer.ok()) return reviewer.status();
  out.is_reviewer = *reviewer;
  auto candidacies = repository_.ListCandidates(actor.employee_id);
  if (!candidacies.ok()) return candidacies.status();
  if (!candidacies->empty()) {
    auto view = View(std::move(candidacies->back()), /*with_evidence=*/true);
    if (!view.ok()) return view.status();
    out.candidacy = std::move(view).value();
  }
  auto credentials = repository_.ListCredentials(actor.employee_id);
  if (!credentials.ok()) return credentials.status();
  if (!credentials->empty()) {
    auto view = CredentialViewOf(std::move(credentials->back()));
    if (!view.ok()) return view.status();
    out.holds_current = view->status == CredentialStatus::kCurrent;
    out.credential = std::move(view).value();
  }
  return out;
}

Result<CandidateView> CredentialService::Apply(const Actor& actor, const std::string& motivation,
                                               const std::string& experience) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  PAIRWISE_RETURN_IF_ERROR(CheckText(motivation, "motivation", true));
  PAIRWISE_RETURN_IF_ERROR(CheckText(experience, "experience", false));
  auto holds = HoldsCurrent(actor.employee_id);
  if (!holds.ok()) return holds.status();
  if (*holds) {
    return Status::Conflict("You already hold a current " + std::string(kCredentialName) + ".")
        .WithReason("already_credentialed");
  }
  auto framework = CurrentFramework(actor);
  if (!framework.ok()) return framework.status();
  const TimePoint now = clock_.Now();
  Candidate c;
  c.employee_id = actor.employee_id;
  c.framework_version = framework->version;
  c.motivation = motivation;
  c.experience = experience;
  c.applied_at = c.updated_at = now;
  SignOff application;
  application.step = kStepApplication;
  application.signed_by = actor.employee_id;
  application.signed_at = now;
  application.evidence = motivation;
  application.framework_version = c.framework_version;
  auto created = repository_.CreateCandidate(c, application);
  if (!created.ok()) return created.status();
  Audit(actor, "credential_applied", CandidateTarget(created->id), "");
  return View(std::move(created).value(), true);
}

Result<CandidateView> CredentialService::GetCandidate(const Actor& actor, CandidateId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto candidate = repository_.FindCandidate(id);
  if (!candidate.ok()) return candidate.status();
  auto relation = RelationTo(actor, *candidate);
  if (!relation.ok()) return relation.status();
  if (MayReadEvidence(actor, *relation).ok()) return View(std::move(candidate).value(), true);
  if (candidate->status == CandidateStatus::kSelected &&
      MaySignObservedStep(actor, *relation).ok()) {
    return View(std::move(candidate).value(), false);
  }
  return Status::NotFound("no candidate " + std::to_string(id.value));
}

Result<std::vector<CandidateView>> CredentialService::Board(const Actor& actor) {
  auto reviewer = IsReviewer(actor);
  if (!reviewer.ok()) return reviewer.status();
  PAIRWISE_RETURN_IF_ERROR(MayReadBoard(actor, *reviewer));
  auto candidacies = repository_.ListCandidates(std::nullopt);
  if (!candidacies.ok()) return candidacies.status();
  std::vector<CandidateView> out;
  for (auto it = candidacies->rbegin(); it != candidacies->rend(); ++it) {
    auto view = View(std::move(*it), false);
    if (!view.ok()) return view.status();
    out.push_back(std::move(view).value());
  }
  return out;
}

Result<std::vector<CandidateView>> CredentialService::ToSign(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto holds = HoldsCurrent(actor.employee_id);
  if (!holds.ok()) return holds.status();
  std::vector<CandidateView> out;
  if (!*holds) return out;
  auto candidacies = repository_.ListCandidates(std::nullopt);
  if (!candidacies.ok()) return candidacies.status();
  for (Candidate& c : *candidacies) {
    if (c.status != CandidateStatus::kSelected) continue;
    auto relation = RelationTo(actor, c);
    if (!relation.ok()) return relation.status();
    if (!MaySignObservedStep(actor, *relation).ok()) continue;
    auto view = View(std::move(c), false);
    if (!view.ok()) return view.status();
    if (IsObservedStep(view->progress.next_step)) out.push_back(std::move(view).value());
  }
  return out;
}

Result<CandidateView> CredentialService::Decide(const Actor& actor, CandidateId id, bool accept,
                                                const std::string& cohort,
                                                const std::string& reason) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto candidate = repository_.FindCandidate(id);
  if (!candidate.ok()) return candidate.status();
  auto relation = RelationTo(actor, *candidate);
  if (!relation.ok()) return relation.status();
  PAIRWISE_RETURN_IF_ERROR(MayDecideAsReviewer(actor, *relation));
  if (accept) {
    if (cohort.find_first_not_of(" \t") == std::string::npos) {
      return Status::InvalidArgument("Name the cohort the candidate joins.", "cohort");
    }
    if (cohort.size() > kMaxShortTextBytes) {
      return Status::InvalidArgument("A cohort's name has at most 200 characters.", "cohort");
    }
  }
  PAIRWISE_RETURN_IF_ERROR(CheckText(reason, "reason", !accept));
  SignOff selection;
  selection.candidate = id;
  selection.step = kStepSelection;
  selection.signed_by = actor.employee_id;
  selection.signed_at = clock_.Now();
  selection.evidence =
      accept ? (reason.empty() ? "Accepted into " + cohort + "." : reason) : "Declined: " + reason;
  selection.framework_version = candidate->framework_version;
  auto decided =
      repository_.Decide(id, accept ? CandidateStatus::kSelected : CandidateStatus::kDeclined,
                         accept ? cohort : std::string(), selection);
  if (!decided.ok()) return decided.status();
  Audit(actor, accept ? "credential_candidate_selected" : "credential_candidate_declined",
        CandidateTarget(id), accept ? "cohort " + cohort : reason);
  return View(std::move(decided).value(), true);
}

Result<CandidateView> CredentialService::CompleteTraining(const Actor& actor, CandidateId id,
                                                          const std::string& topic,
                                                          const std::string& reflection) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto candidate = repository_.FindCandidate(id);
  if (!candidate.ok()) return candidate.status();
  if (candidate->employee_id != actor.employee_id) {
    return Status::NotFound("no candidate " + std::to_string(id.value));
  }
  if (candidate->status != CandidateStatus::kSelected) {
    return Status::Conflict("Training opens once reviewers have selected you.")
        .WithReason("step_not_open");
  }
  auto framework = Version(candidate->framework_version);
  if (!framework.ok()) return framework.status();
  const auto module = std::find_if(framework->topics.begin(), framework->topics.end(),
                                   [&](const TrainingTopic& t) { return t.code == topic; });
  if (module == framework->topics.end()) {
    return Status::InvalidArgument("There is no such training module.", "topic");
  }
  if (module->quiz) {
    return Status::Conflict("This module is completed by passing its quiz.")
        .WithReason("quiz_required");
  }
  PAIRWISE_RETURN_IF_ERROR(CheckText(reflection, "reflection", true));
  SignOff s;
  s.candidate = id;
  s.step = kStepTraining;
  s.topic = topic;
  s.signed_by = actor.employee_id;
  s.signed_at = clock_.Now();
  s.evidence = reflection;
  s.framework_version = candidate->framework_version;
  auto added = repository_.AddSignOff(s);
  if (!added.ok()) return added.status();
  Audit(actor, "credential_training_completed", CandidateTarget(id), "module " + topic);
  auto updated = repository_.FindCandidate(id);
  if (!updated.ok()) return updated.status();
  return View(std::move(updated).value(), true);
}

Result<QuizResult> CredentialService::TakeQuiz(const Actor& actor, CandidateId id,
                                               const std::string& topic,
                                               const std::vector<QuizAnswer>& answers) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto candidate = repository_.FindCandidate(id);
  if (!candidate.ok()) return candidate.status();
  auto relation = RelationTo(actor, *candidate);
  if (!relation.ok()) return relation.status();
  if (!MayReadEvidence(actor, *relation).ok()) {
    return Status::NotFound("no candidate " + std::to_string(id.value));
  }
  // Only the candidate takes their quizzes (reviewers read the attempts).
  PAIRWISE_RETURN_IF_ERROR(MayAttachEvidence(actor, *relation));
  if (candidate->status != CandidateStatus::kSelected) {
    return Status::Conflict("Training opens once reviewers have selected you.")
        .WithReason("step_not_open");
  }
  auto framework = Version(candidate->framework_version);
  if (!framework.ok()) return framework.status();
  const auto module = std::find_if(framework->topics.begin(), framework->topics.end(),
                                   [&](const TrainingTopic& t) { return t.code == topic; });
  if (module == framework->topics.end() || !module->quiz) {
    return Status::InvalidArgument("There is no quiz for this training module.", "topic");
  }
  auto sign_offs = repository_.ListSignOffs(id);
  if (!sign_offs.ok()) return sign_offs.status();
  if (std::any_of(sign_offs->begin(), sign_offs->end(),
                  [&](const SignOff& s) { return s.step == kStepTraining && s.topic == topic; })) {
    return Status::Conflict("You have completed this module already.").WithReason("already_signed");
  }
  auto grade = GradeQuiz(*module->quiz, answers);
  if (!grade.ok()) return grade.status();
  // The retry rule: kMaxQuizAttemptsPerWindow tries per module within the window.
  const TimePoint now = clock_.Now();
  const auto window = std::chrono::hours(kQuizAttemptWindowHours);
  auto earlier = repository_.ListQuizAttempts(id);
  if (!earlier.ok()) return earlier.status();
  std::vector<TimePoint> recent;
  for (const QuizAttempt& a : *earlier) {
    if (a.topic == topic && a.taken_at > now - window) recent.push_back(a.taken_at);
  }
  if (recent.size() >= static_cast<std::size_t>(kMaxQuizAttemptsPerWindow)) {
    const TimePoint opens = recent[recent.size() - kMaxQuizAttemptsPerWindow] + window;
    return Status::Conflict(
               "You have tried this quiz " + std::to_string(kMaxQuizAttemptsPerWindow) +
               " times in the last " + std::to_string(kQuizAttemptWindowHours) +
               " hours. Reread the module; you can try again after " + FormatIso8601(opens) + ".")
        .WithReason("too_many_attempts");
  }
  QuizAttempt attempt;
  attempt.candidate = id;
  attempt.topic = topic;
  attempt.framework_version = candidate->framework_version;
  attempt.answers = grade->answers;
  attempt.score = grade->score;
  attempt.total = static_cast<int>(module->quiz->questions.size());
  attempt.pass_mark = module->quiz->pass_mark;
  attempt.passed = grade->passed;
  attempt.taken_by = actor.employee_id;
  attempt.taken_at = now;
  std::optional<SignOff> completes;
  if (attempt.passed) {
    SignOff s;
    s.candidate = id;
    s.step = kStepTraining;
    s.topic = topic;
    s.signed_by = actor.employee_id;
    s.signed_at = now;
    s.evidence = "Passed the quiz: " + std::to_string(attempt.score) + " of " +
                 std::to_string(attempt.total) + " right (pass mark " +
                 std::to_string(attempt.pass_mark) + ").";
    s.framework_version = candidate->framework_version;
    completes = std::move(s);
  }
  auto stored = repository_.AddQuizAttempt(attempt, completes);
  if (!stored.ok()) return stored.status();
  Audit(actor, "credential_quiz_attempted", CandidateTarget(id),
        "module " + topic + ": " + std::to_string(stored->score) + " of " +
            std::to_string(stored->total) + (stored->passed ? ", passed" : ", not passed"));
  auto updated = repository_.FindCandidate(id);
  if (!updated.ok()) return updated.status();
  auto view = View(std::move(updated).value(), true);
  if (!view.ok()) return view.status();
  return QuizResult{std::move(stored).value(), std::move(view).value()};
}

Result<CandidateView> CredentialService::SignOffStep(const Actor& actor, CandidateId id,
                                                     const SignOffInput& input) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  if (!IsObservedStep(input.step)) {
    return Status::InvalidArgument("Credentialed mentors sign off steps 4, 5 and 6.", "step");
  }
  auto candidate = repository_.FindCandidate(id);
  if (!candidate.ok()) return candidate.status();
  auto relation = RelationTo(actor, *candidate);
  if (!relation.ok()) return relation.status();
  PAIRWISE_RETURN_IF_ERROR(MaySignObservedStep(actor, *relation));
  if (candidate->status != CandidateStatus::kSelected) {
    return Status::Conflict("This candidate is not on the path.").WithReason("invalid_status");
  }
  auto framework = Version(candidate->framework_version);
  if (!framework.ok()) return framework.status();
  auto sign_offs = repository_.ListSignOffs(id);
  if (!sign_offs.ok()) return sign_offs.status();
  const PathProgress progress = ProgressOf(*framework, *sign_offs);
  if (progress.next_step != input.step) {
    return Status::Conflict(progress.done[input.step - 1]
                                ? "This step is signed off already."
                                : "The candidate has earlier steps to finish first.")
        .WithReason(progress.done[input.step - 1] ? "already_signed" : "step_not_open");
  }
  PAIRWISE_RETURN_IF_ERROR(CheckText(input.evidence, "evidence", true));
  for (const auto& [code, score] : input.scores) {
    // Lambdas may not capture structured bindings (clang, C++20): compare with a reference.
    const std::string& scored = code;
    if (std::none_of(framework->competencies.begin(), framework->competencies.end(),
                     [&](const Competency& c) { return c.code == scored; })) {
      return Status::InvalidArgument("There is no such competency.", "scores." + code);
    }
    if (!IsOnRubric(*framework, score)) {
      return Status::InvalidArgument("Choose one of the rubric's levels.", "scores." + code);
    }
  }
  if (input.step == kStepIndependent) {
    for (const Competency& c : framework->competencies) {
      if (!input.scores.contains(c.code)) {
        return Status::InvalidArgument("Score every competency on the rubric.", "scores." + c.code);
      }
    }
  }
  SignOff s;
  s.candidate = id;
  s.step = input.step;
  s.signed_by = actor.employee_id;
  s.signed_at = clock_.Now();
  s.evidence = input.evidence;
  s.scores = input.scores;
  s.framework_version = candidate->framework_version;
  auto added = repository_.AddSignOff(s);
  if (!added.ok()) return added.status();
  Audit(actor, "credential_step_signed", CandidateTarget(id), "step " + std::to_string(input.step));
  auto updated = repository_.FindCandidate(id);
  if (!updated.ok()) return updated.status();
  // The signer answers with what they may read: no evidence unless they are a reviewer.
  return View(std::move(updated).value(), MayReadEvidence(actor, *relation).ok());
}

Result<CredentialView> CredentialService::Issue(const Actor& actor, CandidateId id,
                                                std::optional<int> validity_months) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto candidate = repository_.FindCandidate(id);
  if (!candidate.ok()) return candidate.status();
  auto relation = RelationTo(actor, *candidate);
  if (!relation.ok()) return relation.status();
  PAIRWISE_RETURN_IF_ERROR(MayDecideAsReviewer(actor, *relation));
  auto framework = Version(candidate->framework_version);
  if (!framework.ok()) return framework.status();
  const int months = validity_months.value_or(framework->validity_months);
  if (months < 1 || months > kMaxValidityMonths) {
    return Status::InvalidArgument("A credential is valid for 1 to 120 months.", "validity_months");
  }
  if (candidate->status != CandidateStatus::kSelected) {
    return Status::Conflict("Only a selected candidate can be credentialed.")
        .WithReason("invalid_status");
  }
  auto sign_offs = repository_.ListSignOffs(id);
  if (!sign_offs.ok()) return sign_offs.status();
  const PathProgress progress = ProgressOf(*framework, *sign_offs);
  if (progress.next_step != kStepCredential) {
    return Status::Conflict("Steps 1 to 6 must be signed off first.").WithReason("step_not_open");
  }
  // Enough evidence: every competency scored at least passing at the observed session (step 6).
  std::string missing;
  for (const SignOff& s : *sign_offs) {
    if (s.step != kStepIndependent) continue;
    for (const Competency& c : framework->competencies) {
      auto score = s.scores.find(c.code);
      if (score == s.scores.end() || score->second < framework->passing_score) {
        missing += (missing.empty() ? "" : ", ") + c.name;
      }
    }
  }
  if (!missing.empty()) {
    return Status::Conflict("Not yet shown at the passing level: " + missing + ".")
        .WithReason("competencies_not_shown");
  }
  const TimePoint now = clock_.Now();
  Credential credential;
  credential.holder = candidate->employee_id;
  credential.candidate = id;
  credential.framework_version = candidate->framework_version;
  credential.issued_by = actor.employee_id;
  credential.issued_at = now;
  credential.expires_at = AddMonths(now, months);
  SignOff step;
  step.candidate = id;
  step.step = kStepCredential;
  step.signed_by = actor.employee_id;
  step.signed_at = now;
  step.evidence = "Credential issued, valid for " + std::to_string(months) + " months.";
  step.framework_version = candidate->framework_version;
  auto issued = repository_.Issue(credential, step);
  if (!issued.ok()) return issued.status();
  Audit(actor, "credential_issued", "person " + candidate->employee_id,
        "credential " + std::to_string(issued->id.value) + ", expires " +
            FormatIso8601(issued->expires_at));
  return CredentialViewOf(std::move(issued).value());
}

// --- Evidence files -------------------------------------------------------------------------

Status CredentialService::StepTakesFiles(const Candidate& candidate, int step) {
  auto framework = Version(candidate.framework_version);
  if (!framework.ok()) return framework.status();
  auto sign_offs = repository_.ListSignOffs(candidate.id);
  if (!sign_offs.ok()) return sign_offs.status();
  return domain::StepTakesFiles(candidate, ProgressOf(*framework, *sign_offs), step);
}

Result<EvidenceFile> CredentialService::AttachFile(const Actor& actor, CandidateId id, int step,
                                                   const std::string& name,
                                                   const std::string& bytes) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto candidate = repository_.FindCandidate(id);
  if (!candidate.ok()) return candidate.status();
  auto relation = RelationTo(actor, *candidate);
  if (!relation.ok()) return relation.status();
  if (!MayReadEvidence(actor, *relation).ok()) {
    return Status::NotFound("no candidate " + std::to_string(id.value));
  }
  PAIRWISE_RETURN_IF_ERROR(MayAttachEvidence(actor, *relation));
  if (name.find_first_not_of(" \t") == std::string::npos) {
    return Status::InvalidArgument("Give the file a name.", "name");
  }
  if (name.size() > kMaxShortTextBytes || std::any_of(name.begin(), name.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f || c == '/' || c == '\\';
      })) {
    return Status::InvalidArgument(
        "A file's name has at most 200 characters and no slashes or control characters.", "name");
  }
  if (bytes.empty()) return Status::InvalidArgument("The file is empty.", "file");
  if (bytes.size() > kMaxEvidenceFileBytes) {
    return Status::InvalidArgument("A file has at most 10 MB.", "file");
  }
  // The bytes say what the file is; the name must agree, so that a page disguised as a PDF
  // (or a PDF named .png) is refused rather than stored under a misleading name.
  const std::optional<FileType> type = SniffFileType(bytes);
  if (!type) {
    return Status::InvalidArgument(
        "This file is not a PDF, an image (PNG, JPEG, GIF, WebP) or a Word document.", "file");
  }
  if (!ExtensionFits(name, *type)) {
    return Status::InvalidArgument(
        "This file's name does not match its content, which is " + std::string(type->words) + ".",
        "file");
  }
  PAIRWISE_RETURN_IF_ERROR(StepTakesFiles(*candidate, step));
  EvidenceFile file;
  file.candidate = id;
  file.step = step;
  file.name = name;
  file.content_type = type->content_type;
  file.size_bytes = bytes.size();
  file.uploaded_by = actor.employee_id;
  file.uploaded_at = clock_.Now();
  auto added = repository_.AddEvidenceFile(file, bytes);
  if (!added.ok()) return added.status();
  Audit(actor, "credential_evidence_attached", CandidateTarget(id),
        "step " + std::to_string(step) + ": " + name + " (" + file.content_type + ", " +
            std::to_string(bytes.size()) + " bytes)");
  return added;
}

Result<EvidenceFileContent> CredentialService::DownloadFile(const Actor& actor, EvidenceFileId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  const Status not_found = Status::NotFound("no evidence file " + std::to_string(id.value));
  auto file = repository_.ReadEvidenceFile(id);
  if (!file.ok()) return file.status();
  auto candidate = repository_.FindCandidate(file->file.candidate);
  if (!candidate.ok()) return candidate.status();
  auto relation = RelationTo(actor, *candidate);
  if (!relation.ok()) return relation.status();
  if (!MayReadEvidence(actor, *relation).ok()) return not_found;
  return file;
}

Status CredentialService::RemoveFile(const Actor& actor, EvidenceFileId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto file = repository_.ReadEvidenceFile(id);
  if (!file.ok()) return file.status();
  auto candidate = repository_.FindCandidate(file->file.candidate);
  if (!candidate.ok()) return candidate.status();
  auto relation = RelationTo(actor, *candidate);
  if (!relation.ok()) return relation.status();
  if (!MayReadEvidence(actor, *relation).ok()) {
    return Status::NotFound("no evidence file " + std::to_string(id.value));
  }
  PAIRWISE_RETURN_IF_ERROR(MayAttachEvidence(actor, *relation));
  PAIRWISE_RETURN_IF_ERROR(StepTakesFiles(*candidate, file->file.step));
  PAIRWISE_RETURN_IF_ERROR(repository_.DeleteEvidenceFile(id));
  Audit(actor, "credential_evidence_removed", CandidateTarget(candidate->id),
        "step " + std::to_string(file->file.step) + ": " + file->file.name);
  return Status::Ok();
}

Result<CredentialView> CredentialService::GrantFounding(const Actor& actor,
                                                        const std::string& employee_id,
                                                        const std::string& reason) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  PAIRWISE_RETURN_IF_ERROR(CheckText(reason, "reason", true));
  auto person = people_.FindPerson(employee_id);
  if (!person.ok()) return person.status();
  auto holds = HoldsCurrent(employee_id);
  if (!holds.ok()) return holds.status();
  if (*holds) {
    return Status::Conflict("This person already holds a current " + std::string(kCredentialName) +
                            ".")
        .WithReason("already_credentialed");
  }
  auto framework = CurrentFramework(actor);
  if (!framework.ok()) return framework.status();
  const TimePoint now = clock_.Now();
  Credential c;
  c.holder = employee_id;
  c.framework_version = framework->version;
  c.issued_by = actor.employee_id;
  c.note = reason;
  c.issued_at = now;
  c.expires_at = AddMonths(now, framework->validity_months);
  auto granted = repository_.Grant(c);
  if (!granted.ok()) return granted.status();
  Audit(actor, "credential_founding_granted", "person " + employee_id, reason);
  return CredentialViewOf(std::move(granted).value());
}

Result<std::vector<CredentialView>> CredentialService::ListCredentials(const Actor& actor) {
  auto reviewer = IsReviewer(actor);
  if (!reviewer.ok()) return reviewer.status();
  PAIRWISE_RETURN_IF_ERROR(MayReadCredentialStatus(actor, false, *reviewer));
  auto credentials = repository_.ListCredentials(std::nullopt);
  if (!credentials.ok()) return credentials.status();
  std::vector<CredentialView> out;
  for (Credential& c : *credentials) {
    auto view = CredentialViewOf(std::move(c));
    if (!view.ok()) return view.status();
    out.push_back(std::move(view).value());
  }
  return out;
}

Result<std::optional<CredentialView>> CredentialService::PersonCredential(
    const Actor& actor, const std::string& employee_id) {
  auto reviewer = IsReviewer(actor);
  if (!reviewer.ok()) return reviewer.status();
  PAIRWISE_RETURN_IF_ERROR(MayReadCredentialStatus(
      actor, actor.IsPerson() && actor.employee_id == employee_id, *reviewer));
  auto credentials = repository_.ListCredentials(employee_id);
  if (!credentials.ok()) return credentials.status();
  if (credentials->empty()) return std::optional<CredentialView>();
  auto view = CredentialViewOf(std::move(credentials->back()));
  if (!view.ok()) return view.status();
  return std::optional<CredentialView>(std::move(view).value());
}

Result<CredentialView> CredentialService::Revoke(const Actor& actor, CredentialId id,
                                                 const std::string& reason) {
  auto reviewer = IsReviewer(actor);
  if (!reviewer.ok()) return reviewer.status();
  PAIRWISE_RETURN_IF_ERROR(MayRevoke(actor, *reviewer));
  PAIRWISE_RETURN_IF_ERROR(CheckText(reason, "reason", true));
  auto revoked = repository_.Revoke(id, actor.employee_id, reason, clock_.Now());
  if (!revoked.ok()) return revoked.status();
  Audit(actor, "credential_revoked", "person " + revoked->holder, reason);
  return CredentialViewOf(std::move(revoked).value());
}

}  // namespace pairwise::domain
