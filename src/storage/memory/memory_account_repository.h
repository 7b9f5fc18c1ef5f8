// In-memory AccountRepository and AuditRepository for domain and API tests. They keep the same
// contracts as the SQL implementations (src/storage/account_repository_contract_test.cpp runs
// against all of them).
#pragma once

#include <map>
#include <mutex>
#include <vector>

#include "common/clock.h"
#include "domain/access/audit_repository.h"
#include "domain/accounts/account_repository.h"
#include "domain/people/people_repository.h"

namespace pairwise::storage {

using domain::AccountId;
using domain::ApiTokenId;

// Thread-safe: one mutex serializes every call. Emails and names are read from `people` on
// every call, as the SQL repository joins them; `people` must outlive this.
class MemoryAccountRepository final : public domain::AccountRepository {
 public:
  // Invitations written in bulk queue their mail on `mail` (when given; it must outlive this).
  explicit MemoryAccountRepository(domain::PeopleRepository& people,
                                   domain::MailQueue* mail = nullptr)
      : people_(people), mail_(mail) {}

  Result<domain::Account> CreateAccount(const domain::NewAccount& account) override;
  Result<std::optional<domain::Account>> FindAccount(AccountId id) override;
  Result<std::optional<domain::Account>> FindAccountByEmail(std::string_view email) override;
  Result<std::optional<domain::Account>> FindAccountByEmployeeId(
      std::string_view employee_id) override;
  Result<std::vector<domain::Account>> ListAccounts(
      const domain::AccountPageRequest& request) override;
  Status SetPassword(AccountId id, std::string_view password_hash,
                     domain::AccountStatus status) override;
  Status SetStatus(AccountId id, domain::AccountStatus status) override;
  Status SetRoles(AccountId id, const std::vector<domain::Role>& roles) override;
  Result<std::vector<domain::Account>> WriteInvitations(
      const std::vector<domain::InvitationWrite>& writes, TimePoint now) override;

  Result<domain::Session> CreateSession(const domain::Session& session) override;
  Result<std::optional<domain::Session>> FindSession(std::string_view token_hash) override;
  Status TouchSession(int64_t session_id, TimePoint last_seen_at) override;
  Status DeleteSession(int64_t session_id) override;
  Result<int64_t> DeleteSessionsOf(AccountId account_id) override;
  Result<int64_t> DeleteExpiredSessions(TimePoint now, TimePoint idle_before) override;

  Status RecordLoginFailure(std::string_view email_key, std::string_view remote_address,
                            TimePoint at) override;
  Result<domain::FailureWindow> CountFailuresByEmail(std::string_view email_key,
                                                     TimePoint since) override;
  Result<domain::FailureWindow> CountFailuresByAddress(std::string_view remote_address,
                                                       TimePoint since) override;
  Status ClearFailuresByEmail(std::string_view email_key) override;
  Status PruneFailures(TimePoint before) override;

  Result<domain::OneTimeToken> CreateOneTimeToken(const domain::OneTimeToken& token) override;
  Result<std::optional<domain::OneTimeToken>> FindOneTimeToken(
      std::string_view token_hash) override;
  Result<bool> ConsumeOneTimeToken(int64_t token_id, TimePoint now) override;
  Status ExpireOneTimeTokens(AccountId account_id, domain::OneTimePurpose purpose,
                             TimePoint now) override;

  Result<domain::ApiToken> CreateApiToken(const domain::ApiToken& token) override;
  Result<std::optional<domain::ApiToken>> FindApiToken(std::string_view token_hash) override;
  Result<std::optional<domain::ApiToken>> FindApiTokenById(ApiTokenId id) override;
  Result<std::vector<domain::ApiToken>> ListApiTokens() override;
  Result<bool> RevokeApiToken(ApiTokenId id, TimePoint now) override;
  Status TouchApiToken(ApiTokenId id, TimePoint now) override;

 private:
  struct Failure {
    std::string email_key;
    std::string remote_address;
    TimePoint at;
  };
  // Fills email, name and person_left from the directory. Caller holds mutex_.
  Result<domain::Account> Complete(domain::Account account);

  domain::PeopleRepository& people_;
  domain::MailQueue* mail_;
  std::mutex mutex_;
  int64_t next_id_ = 1;
  std::map<int64_t, domain::Account> accounts_;  // email/name filled on read
  std::map<int64_t, domain::Session> sessions_;
  std::vector<Failure> failures_;
  std::map<int64_t, domain::OneTimeToken> one_time_;
  std::map<int64_t, domain::ApiToken> api_tokens_;
};

// Thread-safe.
class MemoryAuditLog final : public domain::AuditRepository {
 public:
  explicit MemoryAuditLog(const Clock& clock) : clock_(clock) {}
  Status Record(domain::AuditEntry entry) override;
  Result<std::vector<domain::AuditEntry>> List(const domain::AuditQuery& query) override;
  // Every entry, oldest first (for tests).
  std::vector<domain::AuditEntry> Entries();

 private:
  const Clock& clock_;
  std::mutex mutex_;
  std::vector<domain::AuditEntry> entries_;
};

}  // namespace pairwise::storage
