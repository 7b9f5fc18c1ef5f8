// Where accounts, sessions, sign-in failures, one-time tokens and API tokens are kept.
// Implemented by storage (SOCI over SQLite or PostgreSQL, src/storage/account_repository.cpp)
// and by an in-memory fake; one contract suite
// (src/storage/account_repository_contract_test.cpp) holds every implementation to these
// promises.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/accounts/account.h"
#include "domain/mail/mail_queue.h"

namespace pairwise::domain {

struct AccountPageRequest {
  std::string query;     // case-insensitive substring of email, name or employee id; empty: all
  int64_t after_id = 0;  // keyset: accounts with a greater id
  int limit = 50;        // 1..kMaxAccountPageSize
};
inline constexpr int kMaxAccountPageSize = 200;

// One invitation of a bulk write (AccountRepository::WriteInvitations): a new invited account
// for `employee_id` when `account_id` is not valid, else the renewed invitation of that account.
struct InvitationWrite {
  std::string employee_id;
  AccountId account_id;     // invalid: create the account
  std::vector<Role> roles;  // the account's roles from now on
  OneTimeToken token;       // its account_id is filled in by the write
  MailMessage mail;         // the invitation, queued in the outbox
};

// Thread safety: every method may be called from any thread at once; each call is atomic.
// Errors common to every method: Unavailable when the store cannot be reached or stays busy;
// Internal for anything unexpected. Methods never throw.
class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  // Accounts. Create: NotFound when no person has that employee id; Conflict when the person
  // already has an account.
  virtual Result<Account> CreateAccount(const NewAccount& account) = 0;
  virtual Result<std::optional<Account>> FindAccount(AccountId id) = 0;
  // By the person's email, compared without regard to ASCII case.
  virtual Result<std::optional<Account>> FindAccountByEmail(std::string_view email) = 0;
  virtual Result<std::optional<Account>> FindAccountByEmployeeId(std::string_view employee_id) = 0;
  // Ordered by id. InvalidArgument for a limit out of range.
  virtual Result<std::vector<Account>> ListAccounts(const AccountPageRequest& request) = 0;
  // NotFound for an unknown account.
  virtual Status SetPassword(AccountId id, std::string_view password_hash,
                             AccountStatus status) = 0;
  virtual Status SetStatus(AccountId id, AccountStatus status) = 0;
  // Replaces the account's roles. NotFound for an unknown account.
  virtual Status SetRoles(AccountId id, const std::vector<Role>& roles) = 0;

  // Writes every invitation in one transaction: creates each new account (invited, with its
  // roles) or replaces the roles of the named one, marks its earlier unused invitation links
  // used (at `now`), stores the new token and queues the mail in the outbox. Returns the
  // accounts in the order of `writes`. On any error nothing is written: NotFound for an unknown
  // person or account; Conflict when a new account's person already has one.
  virtual Result<std::vector<Account>> WriteInvitations(const std::vector<InvitationWrite>& writes,
                                                        TimePoint now) = 0;

  // Sessions. Create assigns the id (token_hash must be unique: Conflict otherwise).
  virtual Result<Session> CreateSession(const Session& session) = 0;
  virtual Result<std::optional<Session>> FindSession(std::string_view token_hash) = 0;
  virtual Status TouchSession(int64_t session_id, TimePoint last_seen_at) = 0;
  // Deleting an unknown session is not an error.
  virtual Status DeleteSession(int64_t session_id) = 0;
  // Deletes every session of the account; returns how many.
  virtual Result<int64_t> DeleteSessionsOf(AccountId account_id) = 0;
  // Deletes sessions whose absolute expiry or idle limit (last seen before `idle_before`) has
  // passed; returns how many.
  virtual Result<int64_t> DeleteExpiredSessions(TimePoint now, TimePoint idle_before) = 0;

  // Sign-in failures, keyed by the email tried (lower-cased) and by remote address. Counts
  // include failures strictly after `since`.
  virtual Status RecordLoginFailure(std::string_view email_key, std::string_view remote_address,
                                    TimePoint at) = 0;
  virtual Result<FailureWindow> CountFailuresByEmail(std::string_view email_key,
                                                     TimePoint since) = 0;
  virtual Result<FailureWindow> CountFailuresByAddress(std::string_view remote_address,
                                                       TimePoint since) = 0;
  virtual Status ClearFailuresByEmail(std::string_view email_key) = 0;
  // Deletes failures older than `before`.
  virtual Status PruneFailures(TimePoint before) = 0;

  // One-time tokens. Create assigns the id.
  virtual Result<OneTimeToken> CreateOneTimeToken(const OneTimeToken& token) = 0;
  virtual Result<std::optional<OneTimeToken>> FindOneTimeToken(std::string_view token_hash) = 0;
  // Marks the token used at `now` if it is unused and unexpired at `now`; returns whether this
  // call did (exactly one of several concurrent callers gets true).
  virtual Result<bool> ConsumeOneTimeToken(int64_t token_id, TimePoint now) = 0;
  // Marks every unused token of the account and purpose used (a newer one supersedes them).
  virtual Status ExpireOneTimeTokens(AccountId account_id, OneTimePurpose purpose,
                                     TimePoint now) = 0;

  // API tokens. Create assigns the id.
  virtual Result<ApiToken> CreateApiToken(const ApiToken& token) = 0;
  virtual Result<std::optional<ApiToken>> FindApiToken(std::string_view token_hash) = 0;
  virtual Result<std::optional<ApiToken>> FindApiTokenById(ApiTokenId id) = 0;
  // Every token, revoked ones included, newest first.
  virtual Result<std::vector<ApiToken>> ListApiTokens() = 0;
  // Sets revoked_at if unset; returns whether this call did. False for an unknown token.
  virtual Result<bool> RevokeApiToken(ApiTokenId id, TimePoint now) = 0;
  virtual Status TouchApiToken(ApiTokenId id, TimePoint now) = 0;
};

}  // namespace pairwise::domain
