// An in-memory CredentialRepository for domain tests and the contract suite. Same contract as
// the SQL repository (src/storage/credential_repository_contract_test.cpp).
#pragma once

#include <map>
#include <mutex>

#include "domain/credentials/credential_repository.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards everything.
class MemoryCredentialRepository final : public domain::CredentialRepository {
 public:
  Result<std::set<std::string>> CurrentHolders(const std::vector<std::string>& employee_ids,
                                               TimePoint now) override;
  Result<bool> AnyCurrent(TimePoint now) override;
  Result<std::optional<domain::Framework>> LatestFramework() override;
  Result<std::optional<domain::Framework>> FindFramework(int version) override;
  Result<domain::Framework> SaveFramework(const domain::Framework& framework) override;
  Result<std::vector<domain::Reviewer>> ListReviewers() override;
  Result<bool> IsReviewer(const std::string& employee_id) override;
  Status AddReviewer(const domain::Reviewer& reviewer) override;
  Status RemoveReviewer(const std::string& employee_id) override;
  Result<domain::Candidate> CreateCandidate(const domain::Candidate& candidate,
                                            const domain::SignOff& application) override;
  Result<domain::Candidate> FindCandidate(domain::CandidateId id) override;
  Result<std::vector<domain::Candidate>> ListCandidates(
      const std::optional<std::string>& employee_id) override;
  Result<domain::Candidate> Decide(domain::CandidateId id, domain::CandidateStatus to,
                                   const std::string& cohort,
                                   const domain::SignOff& selection) override;
  Result<domain::SignOff> AddSignOff(const domain::SignOff& sign_off) override;
  Result<std::vector<domain::SignOff>> ListSignOffs(domain::CandidateId candidate) override;
  Result<domain::QuizAttempt> AddQuizAttempt(
      const domain::QuizAttempt& attempt, const std::optional<domain::SignOff>& completes) override;
  Result<std::vector<domain::QuizAttempt>> ListQuizAttempts(domain::CandidateId candidate) override;
  Result<domain::EvidenceFile> AddEvidenceFile(const domain::EvidenceFile& file,
                                               const std::string& bytes) override;
  Result<std::vector<domain::EvidenceFile>> ListEvidenceFiles(
      domain::CandidateId candidate) override;
  Result<domain::EvidenceFileContent> ReadEvidenceFile(domain::EvidenceFileId id) override;
  Status DeleteEvidenceFile(domain::EvidenceFileId id) override;
  Result<domain::Credential> Issue(const domain::Credential& credential,
                                   const domain::SignOff& step) override;
  Result<domain::Credential> Grant(const domain::Credential& credential) override;
  Result<domain::Credential> FindCredential(domain::CredentialId id) override;
  Result<std::vector<domain::Credential>> ListCredentials(
      const std::optional<std::string>& holder) override;
  Result<std::set<std::pair<int64_t, int>>> ListRenewalReminders() override;
  Result<bool> RecordRenewalReminder(domain::CredentialId credential, int days_before, TimePoint at,
                                     const std::vector<domain::MailMessage>& mails) override;
  // The mails queued with renewal reminders so far, in order (the fake keeps no outbox).
  std::vector<domain::MailMessage> queued_mails();
  Result<domain::Credential> Revoke(domain::CredentialId id, const std::string& by,
                                    const std::string& reason, TimePoint at) override;

 private:
  // With mutex_ held.
  domain::SignOff Insert(domain::SignOff sign_off);
  // AddSignOff's checks and insert, with mutex_ held.
  Result<domain::SignOff> AddSignOffLocked(const domain::SignOff& sign_off);

  std::mutex mutex_;
  std::map<int, domain::Framework> frameworks_;
  std::map<std::string, domain::Reviewer> reviewers_;
  std::map<int64_t, domain::Candidate> candidates_;
  std::map<int64_t, domain::SignOff> sign_offs_;
  std::map<int64_t, domain::Credential> credentials_;
  std::map<int64_t, domain::EvidenceFileContent> files_;
  std::map<int64_t, domain::QuizAttempt> attempts_;
  std::set<std::pair<int64_t, int>> reminders_;
  std::vector<domain::MailMessage> mails_;
  int64_t next_id_ = 1;
};

}  // namespace pairwise::storage
