// Where credentials live. CredentialReader is the read other aggregates need (applications and
// matching ask who holds a current credential); CredentialRepository is the whole store.
// Implementations: storage/credential_repository.cpp (SQLite and PostgreSQL, migrations 35, 36,
// 47 and 51) and storage/memory/memory_credential_repository.h. Thread-safe.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/credentials/credential.h"
#include "domain/mail/mail_queue.h"

namespace pairwise::domain {

class CredentialReader {
 public:
  virtual ~CredentialReader() = default;
  // Those of `employee_ids` who hold a current credential at `now` (issued, not expired, not
  // revoked).
  virtual Result<std::set<std::string>> CurrentHolders(const std::vector<std::string>& employee_ids,
                                                       TimePoint now) = 0;
  // Whether anyone holds a current credential at `now`.
  virtual Result<bool> AnyCurrent(TimePoint now) = 0;
};

class CredentialRepository : public CredentialReader {
 public:
  // The newest stored framework; nullopt when none was stored (version 1, the default, is in
  // force).
  virtual Result<std::optional<Framework>> LatestFramework() = 0;
  // Stored version `version`; nullopt when there is none.
  virtual Result<std::optional<Framework>> FindFramework(int version) = 0;
  // Stores `framework` as the next version (2 after the default), which it returns with the
  // version set. Conflict "stale_framework" when `framework.version` is not the latest version
  // (someone saved in between).
  virtual Result<Framework> SaveFramework(const Framework& framework) = 0;

  virtual Result<std::vector<Reviewer>> ListReviewers() = 0;
  virtual Result<bool> IsReviewer(const std::string& employee_id) = 0;
  // Conflict "already_reviewer".
  virtual Status AddReviewer(const Reviewer& reviewer) = 0;
  // NotFound when they are not a reviewer.
  virtual Status RemoveReviewer(const std::string& employee_id) = 0;

  // Stores a new candidacy (id assigned, status applied) with its step 1 sign-off in one
  // transaction. Conflict "open_candidacy" when the person has an applied or selected one.
  virtual Result<Candidate> CreateCandidate(const Candidate& candidate,
                                            const SignOff& application) = 0;
  // NotFound for an unknown id.
  virtual Result<Candidate> FindCandidate(CandidateId id) = 0;
  // Candidacies by id; only `employee_id`'s when given.
  virtual Result<std::vector<Candidate>> ListCandidates(
      const std::optional<std::string>& employee_id) = 0;
  // Moves an applied candidacy to `to` (selected or declined) with `cohort`, and stores the
  // step 2 sign-off, in one transaction. Conflict "invalid_status" unless applied.
  virtual Result<Candidate> Decide(CandidateId id, CandidateStatus to, const std::string& cohort,
                                   const SignOff& selection) = 0;
  // Stores a sign-off of a selected candidacy (id assigned) and touches its updated_at.
  // Conflict "already_signed" when its (step, topic) is signed already; "invalid_status" unless
  // the candidacy is selected.
  virtual Result<SignOff> AddSignOff(const SignOff& sign_off) = 0;
  // The candidacy's sign-offs by time.
  virtual Result<std::vector<SignOff>> ListSignOffs(CandidateId candidate) = 0;

  // Stores a quiz attempt (id assigned) and, when `completes` is given (the attempt passed), the
  // module's step 3 sign-off as AddSignOff does, in one transaction: NotFound for an unknown
  // candidacy; Conflict "invalid_status" unless it is selected, "already_signed" when the
  // module is completed already (then nothing is stored).
  virtual Result<QuizAttempt> AddQuizAttempt(const QuizAttempt& attempt,
                                             const std::optional<SignOff>& completes) = 0;
  // The candidacy's quiz attempts by time, oldest first.
  virtual Result<std::vector<QuizAttempt>> ListQuizAttempts(CandidateId candidate) = 0;

  // Stores an evidence file (id assigned) in the database, in one transaction with its checks:
  // NotFound for an unknown candidacy; Conflict "invalid_status" unless it is applied or
  // selected, "too_many_files" when it holds kMaxEvidenceFiles already.
  virtual Result<EvidenceFile> AddEvidenceFile(const EvidenceFile& file,
                                               const std::string& bytes) = 0;
  // The candidacy's files without their bytes, by upload time.
  virtual Result<std::vector<EvidenceFile>> ListEvidenceFiles(CandidateId candidate) = 0;
  // One file with its bytes; NotFound for an unknown id.
  virtual Result<EvidenceFileContent> ReadEvidenceFile(EvidenceFileId id) = 0;
  // NotFound for an unknown id.
  virtual Status DeleteEvidenceFile(EvidenceFileId id) = 0;

  // Issues `credential` (id assigned), stores the step 7 sign-off and makes the candidacy
  // credentialed, in one transaction. Conflict "invalid_status" unless the candidacy is
  // selected.
  virtual Result<Credential> Issue(const Credential& credential, const SignOff& step) = 0;
  // Stores a founding credential (no candidacy; id assigned).
  virtual Result<Credential> Grant(const Credential& credential) = 0;
  // NotFound for an unknown id.
  virtual Result<Credential> FindCredential(CredentialId id) = 0;
  // Credentials by id, newest last; only `holder`'s when given.
  virtual Result<std::vector<Credential>> ListCredentials(
      const std::optional<std::string>& holder) = 0;
  // Renewal reminders (credentials/renewal_reminders.h): the (credential id, days before expiry)
  // already sent.
  virtual Result<std::set<std::pair<int64_t, int>>> ListRenewalReminders() = 0;
  // Records the reminder `days_before` the expiry of `credential` and queues `mails` in the
  // outbox, in one transaction; false, with nothing queued, when it was recorded already (by
  // another server's tick, say).
  virtual Result<bool> RecordRenewalReminder(CredentialId credential, int days_before, TimePoint at,
                                             const std::vector<MailMessage>& mails) = 0;
  // Conflict "already_revoked".
  virtual Result<Credential> Revoke(CredentialId id, const std::string& by,
                                    const std::string& reason, TimePoint at) = 0;
};

}  // namespace pairwise::domain
