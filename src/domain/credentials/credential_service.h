// The credential path with its rules (issue 21, seed 003). Access is decided in
// access/credential_policy.h; this service finds the relations it needs:
//  - anyone signed in applies (step 1) and reads the framework;
//  - credential reviewers (appointed by an admin) select or decline (step 2) and issue (step 7);
//  - the candidate completes the training modules (step 3) with a reflection each;
//  - holders of a current credential sign off steps 4-6, never the candidate, never the
//    candidate's manager; step 6 scores every competency on the rubric;
//  - evidence is read by the candidate and reviewers only; a credential's holder, dates and
//    status by coordinators, admins, reviewers and the holder.
// Every write is in the audit log. Refusals are Forbidden (with a reason) for people who may
// know the object, NotFound for candidacies the actor has no relation to.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/access/credential_policy.h"
#include "domain/credentials/credential.h"
#include "domain/credentials/credential_repository.h"
#include "domain/people/people_service.h"

namespace pairwise::domain {

struct SignOffView {
  SignOff sign_off;
  std::string signer_name;
};

// A candidacy with its path. `sign_offs` is empty, and evidence absent, for readers who may
// not see evidence (a credentialed mentor who may sign).
struct CandidateView {
  Candidate candidate;
  std::string name;
  std::string job_title;
  Framework framework;  // the version the candidacy is on
  PathProgress progress;
  bool with_evidence = false;
  std::vector<SignOffView> sign_offs;
  std::vector<EvidenceFile> files;         // without their bytes; empty without evidence
  std::vector<int> file_steps;             // the steps taking files now (StepTakesFiles); ditto
  std::vector<QuizAttempt> quiz_attempts;  // every try, oldest first; empty without evidence
  bool stuck = false;                      // selected, with no sign-off for kStuckAfterDays
  int days_since_activity = 0;
};

struct CredentialView {
  Credential credential;
  std::string holder_name;
  CredentialStatus status = CredentialStatus::kCurrent;
};

// What "My credential" shows.
struct MyCredential {
  std::optional<CandidateView> candidacy;    // the newest
  std::optional<CredentialView> credential;  // the newest
  bool is_reviewer = false;
  bool holds_current = false;
  Framework framework;  // the current one (for a new application)
};

// A graded quiz attempt and the candidacy after it.
struct QuizResult {
  QuizAttempt attempt;
  CandidateView candidate;
};

struct SignOffInput {
  int step = 0;
  std::string evidence;
  std::map<std::string, int> scores;
};

struct ReviewerView {
  Reviewer reviewer;
  std::string name;
};

// Thread-safe as far as its dependencies are; holds no state of its own.
class CredentialService {
 public:
  // All must outlive the service.
  CredentialService(CredentialRepository& repository, PeopleService& people, AuditLog& audit,
                    const Clock& clock)
      : repository_(repository), people_(people), audit_(audit), clock_(clock) {}

  // The framework in force. Any signed-in person; quiz answers only for admins
  // (MayReadQuizAnswers), as in every framework this service returns.
  Result<Framework> CurrentFramework(const Actor& actor);
  // Version `version` (earlier evidence reads against it). NotFound for an unknown version.
  Result<Framework> FrameworkVersion(const Actor& actor, int version);
  // Admins. Stores `framework` as a new version; `framework.version` names the version it
  // was edited from (Conflict "stale_framework" when another was saved since). InvalidArgument
  // from CheckFramework.
  Result<Framework> SaveFramework(const Actor& actor, Framework framework);

  // Admins.
  Result<std::vector<ReviewerView>> ListReviewers(const Actor& actor);
  // Admins. NotFound for a person not in the directory; Conflict "already_reviewer".
  Status AppointReviewer(const Actor& actor, const std::string& employee_id);
  Status RemoveReviewer(const Actor& actor, const std::string& employee_id);

  // The actor's own path.
  Result<MyCredential> Mine(const Actor& actor);
  // Step 1. InvalidArgument "motivation" (required, at most kMaxEvidenceBytes) or "experience";
  // Conflict "open_candidacy", "already_credentialed" (a current credential).
  Result<CandidateView> Apply(const Actor& actor, const std::string& motivation,
                              const std::string& experience);
  // The candidate and reviewers see everything; a holder of a current credential who may sign
  // (MaySignObservedStep) sees the path without evidence; NotFound for anyone else.
  Result<CandidateView> GetCandidate(const Actor& actor, CandidateId id);
  // Reviewers: every candidacy (without evidence), newest first.
  Result<std::vector<CandidateView>> Board(const Actor& actor);
  // Holders of a current credential: selected candidacies whose next step is 4-6 and that
  // they may sign (not their own, not their reports').
  Result<std::vector<CandidateView>> ToSign(const Actor& actor);

  // Step 2, reviewers. Accepting needs a cohort (InvalidArgument "cohort"), declining a reason
  // (InvalidArgument "reason"); Conflict "invalid_status" unless applied.
  Result<CandidateView> Decide(const Actor& actor, CandidateId id, bool accept,
                               const std::string& cohort, const std::string& reason);
  // Step 3, the candidate: a reflection for training topic `topic` (InvalidArgument "topic"
  // for one not in the candidacy's framework; "reflection" required; Conflict "quiz_required"
  // for a module completed by its quiz).
  Result<CandidateView> CompleteTraining(const Actor& actor, CandidateId id,
                                         const std::string& topic, const std::string& reflection);
  // Step 3, the candidate: an attempt at module `topic`'s quiz, graded here (GradeQuiz, whose
  // InvalidArgument it returns; "topic" for a module not in the candidacy's framework or without
  // a quiz). Every attempt is kept and audited; passing completes the module (its step 3
  // sign-off, in the same transaction). Conflict "step_not_open" before selection,
  // "already_signed" once the module is completed, "too_many_attempts" after
  // kMaxQuizAttemptsPerWindow tries within kQuizAttemptWindowHours (the message says when the
  // next opens). The correct answers are never in the result.
  Result<QuizResult> TakeQuiz(const Actor& actor, CandidateId id, const std::string& topic,
                              const std::vector<QuizAnswer>& answers);
  // Steps 4-6 (InvalidArgument "step" otherwise). Conflict "step_not_open" when an earlier
  // step is not done; InvalidArgument "evidence" (required) or "scores.<code>" (an unknown
  // competency, a score not on the rubric, and at step 6 a competency without a score).
  Result<CandidateView> SignOffStep(const Actor& actor, CandidateId id, const SignOffInput& input);
  // Step 7, reviewers: Conflict "step_not_open" before steps 1-6 are done,
  // "competencies_not_shown" when a step 6 score is below the passing score.
  // `validity_months` (1..kMaxValidityMonths) defaults to the framework's.
  Result<CredentialView> Issue(const Actor& actor, CandidateId id,
                               std::optional<int> validity_months);

  // Evidence files (PDF, images, Word documents), kept in the database. The candidate attaches
  // one to a step that takes files (StepTakesFiles in credential.h, whose errors it returns). Its
  // type is told from its bytes (common/file_type.h), never from the name or the client:
  // InvalidArgument "file" for an empty file, one over kMaxEvidenceFileBytes, bytes that are not
  // PDF, image or Word document, or a name whose extension says another type; "name" for a missing
  // or unusable name (at most kMaxShortTextBytes, no control characters or slashes). Conflict
  // "too_many_files". Forbidden for reviewers, NotFound for anyone else.
  Result<EvidenceFile> AttachFile(const Actor& actor, CandidateId id, int step,
                                  const std::string& name, const std::string& bytes);
  // The file with its bytes, for the candidate and reviewers (MayReadEvidence); NotFound for
  // anyone else and for an unknown id.
  Result<EvidenceFileContent> DownloadFile(const Actor& actor, EvidenceFileId id);
  // The candidate removes a file while its step is still open (as AttachFile's Conflicts).
  Status RemoveFile(const Actor& actor, EvidenceFileId id);

  // Admins: a founding credential for an accomplished mentor, without the path (someone must
  // hold one before anyone can sign steps 4-6). InvalidArgument "reason" (required); NotFound
  // for a person not in the directory; Conflict "already_credentialed".
  Result<CredentialView> GrantFounding(const Actor& actor, const std::string& employee_id,
                                       const std::string& reason);
  // Coordinators, admins and reviewers: every credential with its status.
  Result<std::vector<CredentialView>> ListCredentials(const Actor& actor);
  // The person's newest credential, nullopt when they never held one. MayReadCredentialStatus.
  Result<std::optional<CredentialView>> PersonCredential(const Actor& actor,
                                                         const std::string& employee_id);
  // Reviewers and admins; InvalidArgument "reason" (required); Conflict "already_revoked".
  Result<CredentialView> Revoke(const Actor& actor, CredentialId id, const std::string& reason);

 private:
  Result<Framework> Version(int version);
  Result<CandidateRelation> RelationTo(const Actor& actor, const Candidate& candidate);
  Result<bool> IsReviewer(const Actor& actor);
  Result<bool> HoldsCurrent(const std::string& employee_id);
  Result<CandidateView> View(Candidate candidate, bool with_evidence);
  Result<CredentialView> CredentialViewOf(Credential credential);
  // Whether `candidate` may still add or remove files at `step` (AttachFile's rules).
  Status StepTakesFiles(const Candidate& candidate, int step);
  std::string NameOf(const std::string& employee_id);
  void Audit(const Actor& actor, std::string action, std::string target, std::string detail);

  CredentialRepository& repository_;
  PeopleService& people_;
  AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace pairwise::domain
