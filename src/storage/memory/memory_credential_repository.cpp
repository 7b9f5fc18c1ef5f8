#include "storage/memory/memory_credential_repository.h"

#include <algorithm>

namespace pairwise::storage {

using domain::Candidate;
using domain::CandidateStatus;
using domain::Credential;
using domain::CredentialStatus;
using domain::SignOff;

namespace {

Status Conflict(std::string message, std::string reason) {
  return Status::Error(ErrorCode::kConflict, std::move(message)).WithReason(std::move(reason));
}

}  // namespace

Result<std::set<std::string>> MemoryCredentialRepository::CurrentHolders(
    const std::vector<std::string>& employee_ids, TimePoint now) {
  std::lock_guard lock(mutex_);
  std::set<std::string> wanted(employee_ids.begin(), employee_ids.end()), out;
  for (const auto& [id, c] : credentials_) {
    if (wanted.contains(c.holder) && c.StatusAt(now) == CredentialStatus::kCurrent) {
      out.insert(c.holder);
    }
  }
  return out;
}

Result<bool> MemoryCredentialRepository::AnyCurrent(TimePoint now) {
  std::lock_guard lock(mutex_);
  return std::any_of(credentials_.begin(), credentials_.end(), [&](const auto& entry) {
    return entry.second.StatusAt(now) == CredentialStatus::kCurrent;
  });
}

Result<std::optional<domain::Framework>> MemoryCredentialRepository::LatestFramework() {
  std::lock_guard lock(mutex_);
  if (frameworks_.empty()) return std::optional<domain::Framework>();
  return std::optional<domain::Framework>(frameworks_.rbegin()->second);
}

Result<std::optional<domain::Framework>> MemoryCredentialRepository::FindFramework(int version) {
  std::lock_guard lock(mutex_);
  auto it = frameworks_.find(version);
  if (it == frameworks_.end()) return std::optional<domain::Framework>();
  return std::optional<domain::Framework>(it->second);
}

Result<domain::Framework> MemoryCredentialRepository::SaveFramework(
    const domain::Framework& framework) {
  std::lock_guard lock(mutex_);
  const int latest = frameworks_.empty() ? 1 : frameworks_.rbegin()->first;
  if (framework.version != latest) {
    return Conflict("The framework was changed meanwhile; reload it.", "stale_framework");
  }
  domain::Framework stored = framework;
  stored.version = latest + 1;
  frameworks_[stored.version] = stored;
  return stored;
}

Result<std::vector<domain::Reviewer>> MemoryCredentialRepository::ListReviewers() {
  std::lock_guard lock(mutex_);
  std::vector<domain::Reviewer> out;
  for (const auto& [id, r] : reviewers_) out.push_back(r);
  return out;
}

Result<bool> MemoryCredentialRepository::IsReviewer(const std::string& employee_id) {
  std::lock_guard lock(mutex_);
  return reviewers_.contains(employee_id);
}

Status MemoryCredentialRepository::AddReviewer(const domain::Reviewer& reviewer) {
  std::lock_guard lock(mutex_);
  if (!reviewers_.emplace(reviewer.employee_id, reviewer).second) {
    return Conflict("This person is a reviewer already.", "already_reviewer");
  }
  return Status::Ok();
}

Status MemoryCredentialRepository::RemoveReviewer(const std::string& employee_id) {
  std::lock_guard lock(mutex_);
  if (reviewers_.erase(employee_id) == 0) {
    return Status::NotFound("no reviewer " + employee_id);
  }
  return Status::Ok();
}

SignOff MemoryCredentialRepository::Insert(SignOff sign_off) {
  sign_off.id = domain::SignOffId(next_id_++);
  sign_offs_[sign_off.id.value] = sign_off;
  return sign_off;
}

Result<Candidate> MemoryCredentialRepository::CreateCandidate(const Candidate& candidate,
                                                              const SignOff& application) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, c] : candidates_) {
    if (c.employee_id == candidate.employee_id &&
        (c.status == CandidateStatus::kApplied || c.status == CandidateStatus::kSelected)) {
      return Conflict("You are on the credential path already.", "open_candidacy");
    }
  }
  Candidate stored = candidate;
  stored.id = domain::CandidateId(next_id_++);
  stored.status = CandidateStatus::kApplied;
  candidates_[stored.id.value] = stored;
  SignOff s = application;
  s.candidate = stored.id;
  Insert(std::move(s));
  return stored;
}

Result<Candidate> MemoryCredentialRepository::FindCandidate(domain::CandidateId id) {
  std::lock_guard lock(mutex_);
  auto it = candidates_.find(id.value);
  if (it == candidates_.end()) return Status::NotFound("no candidate " + std::to_string(id.value));
  return it->second;
}

Result<std::vector<Candidate>> MemoryCredentialRepository::ListCandidates(
    const std::optional<std::string>& employee_id) {
  std::lock_guard lock(mutex_);
  std::vector<Candidate> out;
  for (const auto& [id, c] : candidates_) {
    if (!employee_id || c.employee_id == *employee_id) out.push_back(c);
  }
  return out;
}

Result<Candidate> MemoryCredentialRepository::Decide(domain::CandidateId id, CandidateStatus to,
                                                     const std::string& cohort,
                                                     const SignOff& selection) {
  std::lock_guard lock(mutex_);
  auto it = candidates_.find(id.value);
  if (it == candidates_.end()) return Status::NotFound("no candidate " + std::to_string(id.value));
  if (it->second.status != CandidateStatus::kApplied) {
    return Conflict("This application was decided already.", "invalid_status");
  }
  it->second.status = to;
  it->second.cohort = cohort;
  it->second.updated_at = selection.signed_at;
  Insert(selection);
  return it->second;
}

Result<SignOff> MemoryCredentialRepository::AddSignOff(const SignOff& sign_off) {
  std::lock_guard lock(mutex_);
  return AddSignOffLocked(sign_off);
}

Result<SignOff> MemoryCredentialRepository::AddSignOffLocked(const SignOff& sign_off) {
  auto it = candidates_.find(sign_off.candidate.value);
  if (it == candidates_.end()) {
    return Status::NotFound("no candidate " + std::to_string(sign_off.candidate.value));
  }
  if (it->second.status != CandidateStatus::kSelected) {
    return Conflict("This candidate is not on the path.", "invalid_status");
  }
  for (const auto& [id, s] : sign_offs_) {
    if (s.candidate == sign_off.candidate && s.step == sign_off.step && s.topic == sign_off.topic) {
      return Conflict("This step is signed off already.", "already_signed");
    }
  }
  it->second.updated_at = sign_off.signed_at;
  return Insert(sign_off);
}

Result<domain::QuizAttempt> MemoryCredentialRepository::AddQuizAttempt(
    const domain::QuizAttempt& attempt, const std::optional<SignOff>& completes) {
  std::lock_guard lock(mutex_);
  auto it = candidates_.find(attempt.candidate.value);
  if (it == candidates_.end()) {
    return Status::NotFound("no candidate " + std::to_string(attempt.candidate.value));
  }
  if (it->second.status != CandidateStatus::kSelected) {
    return Conflict("This candidate is not on the path.", "invalid_status");
  }
  if (completes) {
    auto signed_off = AddSignOffLocked(*completes);
    if (!signed_off.ok()) return signed_off.status();
  }
  domain::QuizAttempt stored = attempt;
  stored.id = domain::QuizAttemptId(next_id_++);
  attempts_[stored.id.value] = stored;
  return stored;
}

Result<std::vector<domain::QuizAttempt>> MemoryCredentialRepository::ListQuizAttempts(
    domain::CandidateId candidate) {
  std::lock_guard lock(mutex_);
  std::vector<domain::QuizAttempt> out;
  for (const auto& [id, a] : attempts_) {
    if (a.candidate == candidate) out.push_back(a);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.taken_at < b.taken_at; });
  return out;
}

Result<std::vector<SignOff>> MemoryCredentialRepository::ListSignOffs(
    domain::CandidateId candidate) {
  std::lock_guard lock(mutex_);
  std::vector<SignOff> out;
  for (const auto& [id, s] : sign_offs_) {
    if (s.candidate == candidate) out.push_back(s);
  }
  return out;
}

Result<domain::EvidenceFile> MemoryCredentialRepository::AddEvidenceFile(
    const domain::EvidenceFile& file, const std::string& bytes) {
  std::lock_guard lock(mutex_);
  auto candidate = candidates_.find(file.candidate.value);
  if (candidate == candidates_.end()) {
    return Status::NotFound("no candidate " + std::to_string(file.candidate.value));
  }
  if (candidate->second.status != CandidateStatus::kApplied &&
      candidate->second.status != CandidateStatus::kSelected) {
    return Conflict("This candidacy is closed; files can no longer be added.", "invalid_status");
  }
  const auto count = std::count_if(files_.begin(), files_.end(), [&](const auto& entry) {
    return entry.second.file.candidate == file.candidate;
  });
  if (count >= domain::kMaxEvidenceFiles) {
    return Conflict("A candidacy holds at most " + std::to_string(domain::kMaxEvidenceFiles) +
                        " files; remove one first.",
                    "too_many_files");
  }
  domain::EvidenceFile stored = file;
  stored.id = domain::EvidenceFileId(next_id_++);
  stored.size_bytes = bytes.size();
  files_[stored.id.value] = {stored, bytes};
  return stored;
}

Result<std::vector<domain::EvidenceFile>> MemoryCredentialRepository::ListEvidenceFiles(
    domain::CandidateId candidate) {
  std::lock_guard lock(mutex_);
  std::vector<domain::EvidenceFile> out;
  for (const auto& [id, f] : files_) {
    if (f.file.candidate == candidate) out.push_back(f.file);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.uploaded_at < b.uploaded_at; });
  return out;
}

Result<domain::EvidenceFileContent> MemoryCredentialRepository::ReadEvidenceFile(
    domain::EvidenceFileId id) {
  std::lock_guard lock(mutex_);
  auto it = files_.find(id.value);
  if (it == files_.end()) return Status::NotFound("no evidence file " + std::to_string(id.value));
  return it->second;
}

Status MemoryCredentialRepository::DeleteEvidenceFile(domain::EvidenceFileId id) {
  std::lock_guard lock(mutex_);
  if (files_.erase(id.value) == 0) {
    return Status::NotFound("no evidence file " + std::to_string(id.value));
  }
  return Status::Ok();
}

Result<std::set<std::pair<int64_t, int>>> MemoryCredentialRepository::ListRenewalReminders() {
  std::lock_guard lock(mutex_);
  return reminders_;
}

Result<bool> MemoryCredentialRepository::RecordRenewalReminder(
    domain::CredentialId credential, int days_before, TimePoint,
    const std::vector<domain::MailMessage>& mails) {
  std::lock_guard lock(mutex_);
  if (!reminders_.emplace(credential.value, days_before).second) return false;
  mails_.insert(mails_.end(), mails.begin(), mails.end());
  return true;
}

std::vector<domain::MailMessage> MemoryCredentialRepository::queued_mails() {
  std::lock_guard lock(mutex_);
  return mails_;
}

Result<Credential> MemoryCredentialRepository::Issue(const Credential& credential,
                                                     const SignOff& step) {
  std::lock_guard lock(mutex_);
  auto it = candidates_.find(credential.candidate.value);
  if (it == candidates_.end()) {
    return Status::NotFound("no candidate " + std::to_string(credential.candidate.value));
  }
  if (it->second.status != CandidateStatus::kSelected) {
    return Conflict("Only a selected candidate can be credentialed.", "invalid_status");
  }
  it->second.status = CandidateStatus::kCredentialed;
  it->second.updated_at = step.signed_at;
  Insert(step);
  Credential stored = credential;
  stored.id = domain::CredentialId(next_id_++);
  credentials_[stored.id.value] = stored;
  return stored;
}

Result<Credential> MemoryCredentialRepository::Grant(const Credential& credential) {
  std::lock_guard lock(mutex_);
  Credential stored = credential;
  stored.id = domain::CredentialId(next_id_++);
  credentials_[stored.id.value] = stored;
  return stored;
}

Result<Credential> MemoryCredentialRepository::FindCredential(domain::CredentialId id) {
  std::lock_guard lock(mutex_);
  auto it = credentials_.find(id.value);
  if (it == credentials_.end()) {
    return Status::NotFound("no credential " + std::to_string(id.value));
  }
  return it->second;
}

Result<std::vector<Credential>> MemoryCredentialRepository::ListCredentials(
    const std::optional<std::string>& holder) {
  std::lock_guard lock(mutex_);
  std::vector<Credential> out;
  for (const auto& [id, c] : credentials_) {
    if (!holder || c.holder == *holder) out.push_back(c);
  }
  return out;
}

Result<Credential> MemoryCredentialRepository::Revoke(domain::CredentialId id,
                                                      const std::string& by,
                                                      const std::string& reason, TimePoint at) {
  std::lock_guard lock(mutex_);
  auto it = credentials_.find(id.value);
  if (it == credentials_.end()) {
    return Status::NotFound("no credential " + std::to_string(id.value));
  }
  if (it->second.revoked_at)
    return Conflict("This credential is revoked already.", "already_revoked");
  it->second.revoked_at = at;
  it->second.revoked_by = by;
  it->second.revoke_reason = reason;
  return it->second;
}

}  // namespace pairwise::storage
