// Accounts and sign-in: passwords (Argon2id), database-backed sessions with CSRF tokens and
// idle/absolute expiry, sign-in rate limiting, invitations and password resets by one-time
// mailed links, API tokens for integrations, roles, and the audit trail of all of it.
//
// Secrets (session tokens, one-time tokens, API tokens) are returned to the caller once and
// stored only as SHA-256 hashes. Sign-in answers the same for an unknown email, a disabled
// account and a wrong password, and takes about as long (a dummy hash is verified when there is
// no real one).
//
// Thread safety: every method may be called from any thread at once (state lives in the
// repositories). Errors common to every method: Unavailable/Internal from storage.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/crypto.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_repository.h"
#include "domain/accounts/account.h"
#include "domain/accounts/account_repository.h"
#include "domain/applications/application_repository.h"
#include "domain/mail/mail_queue.h"
#include "domain/people/people_repository.h"
#include "domain/programs/program_reader.h"

namespace pairwise::domain {

struct AccountOptions {
  crypto::PasswordCost password_cost = crypto::PasswordCost::Interactive();
  std::chrono::seconds session_idle = std::chrono::minutes(30);
  std::chrono::seconds session_absolute = std::chrono::hours(12);
  // A session's last-seen time is written at most this often (sliding idle expiry).
  std::chrono::seconds session_touch_interval = std::chrono::seconds(60);
  int max_failures_per_account = 5;
  int max_failures_per_address = 20;
  std::chrono::seconds failure_window = std::chrono::minutes(15);
  // Reset mails per email within failure_window; further requests send nothing.
  int max_reset_mails = 3;
  std::chrono::seconds invitation_ttl = std::chrono::hours(24 * 7);
  std::chrono::seconds reset_ttl = std::chrono::hours(1);
  // Links in mails are {base_url}/redeem/{token}.
  std::string base_url = "http://localhost:8080";
};

inline constexpr std::size_t kMinPasswordChars = 12;   // code points
inline constexpr std::size_t kMaxPasswordBytes = 128;  // UTF-8 bytes
inline constexpr int kMaxApiTokenDays = 3650;
inline constexpr std::string_view kApiTokenPrefix = "pw_";

// OK, or InvalidArgument naming `field` with reason "weak_password" (too short) or
// "password_too_long".
Status CheckPasswordPolicy(std::string_view password, std::string field);

// An account as the API shows it.
struct AccountView {
  Account account;
  bool is_manager = false;  // has direct reports who have not left
};

struct SignedIn {
  AccountView account;
  std::string session_token;  // the cookie's value; not stored
  std::string csrf_token;
  TimePoint absolute_expires_at;
};

struct SessionActor {
  Actor actor;
  std::string csrf_token;
  int64_t session_id = 0;
};

struct OneTimeTokenInfo {
  OneTimePurpose purpose = OneTimePurpose::kInvitation;
  std::string email;
};

struct AccountPage {
  std::vector<AccountView> items;
  std::optional<int64_t> next_after_id;  // set when there may be more
};

struct CreatedApiToken {
  ApiToken token;
  std::string secret;  // shown once
};

// How many people one bulk invitation may name (one transaction, one request's time).
inline constexpr int kMaxBulkInvitations = 500;

enum class InvitationOutcome {
  kInvited,        // a new account, invited
  kRenewed,        // already invited, not yet signed in: a fresh link replaces the old one
  kHasAccount,     // an active or deactivated account: nothing sent
  kLeft,           // has left the organization: nothing sent
  kUnknownPerson,  // no one in the directory has this employee id
};
// "invited" | "invitation_renewed" | "already_has_account" | "left_organization" |
// "not_found".
std::string_view InvitationOutcomeName(InvitationOutcome outcome);

// One person of a bulk invitation.
struct InvitationEntry {
  std::string employee_id;
  std::string name;  // empty for an unknown person
  InvitationOutcome outcome = InvitationOutcome::kInvited;
  std::optional<AccountView> account;  // set when invited or renewed
};

struct BulkInvitation {
  std::vector<InvitationEntry> entries;
  // People the filter matched beyond kMaxBulkInvitations, left for another round (InviteApproved
  // only; inviting again continues where this one stopped).
  int remaining = 0;
};

// Whether people may sign in with a password (single sign-on may turn it off; admins always may,
// as the way back in when the provider fails). Implemented by SsoService.
class SignInPolicy {
 public:
  virtual ~SignInPolicy() = default;
  virtual Result<bool> PasswordSignInAllowed() = 0;
};

struct AuditPage {
  std::vector<AuditEntry> items;
  std::optional<int64_t> next_before_id;
};

class AccountService {
 public:
  // Every reference must outlive the service. Hashes a dummy password once (at options' cost).
  AccountService(AccountRepository& accounts, PeopleRepository& people, AuditRepository& audit,
                 MailQueue& mail, const Clock& clock, AccountOptions options = {});

  const AccountOptions& options() const { return options_; }
  // `policy` (may be null: passwords always allowed) must outlive the service. Call before
  // serving.
  void SetSignInPolicy(SignInPolicy* policy) { sign_in_policy_ = policy; }
  // Where InviteApproved reads programs and their applications. Both must outlive the service;
  // call before serving.
  void SetProgramData(ProgramReader* programs, ApplicationRepository* applications) {
    programs_ = programs;
    applications_ = applications;
  }

  // Signs in with email and password. Unauthenticated with reason "invalid_credentials" for an
  // unknown email, a wrong password, or an account that is not active (the same answer for
  // each); RateLimited with reason "rate_limited" after too many recent failures for the email
  // or the address, with the seconds to wait in *retry_after_seconds (if not null); Forbidden
  // with reason "password_sign_in_disabled" for a correct password of someone who is not an
  // admin while the sign-in policy allows only single sign-on.
  Result<SignedIn> SignIn(std::string_view email, std::string_view password,
                          std::string_view remote_address, int* retry_after_seconds = nullptr);
  // Signs in the directory person `employee_id` whose identity a trusted party (the single
  // sign-on provider) vouched for; `how` goes to the audit log ("single sign-on"). Creates an
  // active account without a password and without roles on the first sign-in (never a second
  // one), activates an invited account. Unauthenticated with reason "person_left" when the person
  // has left, "account_disabled" when an admin disabled the account; NotFound for an unknown
  // person.
  Result<SignedIn> SignInVouched(std::string_view employee_id, std::string_view how,
                                 std::string_view remote_address);
  // The actor behind a session token. Unauthenticated when unknown, expired (idle or absolute)
  // or the account is no longer active. Slides the idle expiry.
  Result<SessionActor> AuthenticateSession(std::string_view session_token,
                                           std::string_view remote_address);
  // Ends the session (no error if it is already gone).
  Status SignOut(std::string_view session_token, const Actor& actor);
  // The actor's own account. Forbidden for an API token.
  Result<AccountView> Me(const Actor& actor);
  // Changes the actor's password: every session of the account is revoked and a fresh one is
  // returned. InvalidArgument (field "current_password", reason "invalid_credentials") for a
  // wrong current password; the policy's errors on "new_password"; RateLimited as SignIn.
  Result<SignedIn> ChangePassword(const Actor& actor, std::string_view current_password,
                                  std::string_view new_password,
                                  int* retry_after_seconds = nullptr);
  // Mails a reset link when the email names an active account (at most max_reset_mails per
  // failure_window); OK whether or not it does.
  Status RequestPasswordReset(std::string_view email, std::string_view remote_address);
  // What an unused, unexpired one-time token is for. NotFound otherwise.
  Result<OneTimeTokenInfo> InspectOneTimeToken(std::string_view token);
  // Sets the password through an invitation or reset token (used up), activates the account,
  // revokes its sessions and signs in. NotFound for an unknown, used or expired token; the
  // policy's errors on "new_password" (the token is then still usable).
  Result<SignedIn> RedeemOneTimeToken(std::string_view token, std::string_view new_password,
                                      std::string_view remote_address);

  // Admin only (Forbidden otherwise).
  Result<AccountPage> ListAccounts(const Actor& actor, const AccountPageRequest& request);
  // Creates an invited account for the person (or renews the invitation of one still invited)
  // with `roles`, and mails the invitation link. NotFound for an unknown person; Conflict
  // (reason "account_exists") when the person already has an active or disabled account;
  // InvalidArgument when the person has left.
  Result<AccountView> Invite(const Actor& actor, std::string_view employee_id,
                             const std::vector<Role>& roles);
  // Invites each distinct person of `employee_ids` (1..kMaxBulkInvitations, else
  // InvalidArgument on "employee_ids") with `roles`, as Invite does one, but answers each
  // person's outcome instead of failing: someone with an active or deactivated account, who has
  // left, or who is unknown is reported and skipped. Every account, link and mail is written in
  // one transaction (all or none); audits "invitation_sent" for each person invited.
  Result<BulkInvitation> InviteMany(const Actor& actor,
                                    const std::vector<std::string>& employee_ids,
                                    const std::vector<Role>& roles);
  // InviteMany for everyone whose application to `program` is approved and who has no account
  // yet (the first kMaxBulkInvitations of them; `remaining` counts the rest). NotFound for an
  // unknown program. Needs SetProgramData (Internal otherwise).
  Result<BulkInvitation> InviteApproved(const Actor& actor, ProgramId program,
                                        const std::vector<Role>& roles);
  // Mails an invited account a fresh invitation link (its roles kept; earlier links stop
  // working), in one transaction with the link. NotFound for an unknown account; Conflict
  // (reason "not_invited") when the account is active or deactivated; InvalidArgument when the
  // person has left.
  Result<AccountView> ResendInvitation(const Actor& actor, AccountId account_id);
  // NotFound for an unknown account; Conflict (reason "own_admin_role") when an admin would
  // drop their own admin role.
  Result<AccountView> SetRoles(const Actor& actor, AccountId account_id,
                               const std::vector<Role>& roles);
  // Disables the account: it may no longer sign in, every session of it ends at once and its
  // unused invitation and reset links stop working; audits "account_deactivated". Disabling a
  // disabled account changes nothing and is OK. NotFound for an unknown account; Conflict
  // (reason "own_account") for the actor's own account.
  Result<AccountView> Deactivate(const Actor& actor, AccountId account_id);
  // Undoes Deactivate: the account is active again when it has a password, else invited (an
  // admin renews the invitation); audits "account_reactivated". OK and unchanged for an account
  // that is not disabled. NotFound for an unknown account; InvalidArgument when the person has
  // left the organization.
  Result<AccountView> Reactivate(const Actor& actor, AccountId account_id);
  // `scopes` from kScopeScim/kScopeExport, at least one; `expires_in_days` 1..kMaxApiTokenDays
  // or none (never expires). InvalidArgument naming the field otherwise.
  Result<CreatedApiToken> CreateApiToken(const Actor& actor, std::string_view name,
                                         const std::vector<std::string>& scopes,
                                         std::optional<int> expires_in_days);
  Result<std::vector<ApiToken>> ListApiTokens(const Actor& actor);
  // NotFound for an unknown token; revoking a revoked token is OK.
  Status RevokeApiToken(const Actor& actor, ApiTokenId id);
  Result<AuditPage> ListAudit(const Actor& actor, const AuditQuery& query);

  // The actor behind a bearer token. Unauthenticated when unknown, revoked or expired, and while
  // the admin who created it is disabled, has left or is no longer an admin. Records the
  // last-used time.
  Result<Actor> AuthenticateApiToken(std::string_view token, std::string_view remote_address);

  // Deletes expired sessions and sign-in failures older than the rate-limit window (both are
  // only ever refused or ignored; this keeps the tables small). Returns the sessions deleted.
  Result<int64_t> Housekeep();

  // For trusted callers only (the CLI, the demo loader): an active account with a password
  // for the person, or the password and roles set on their existing account. NotFound for an
  // unknown person; the policy's errors on "password".
  Result<Account> CreateActiveAccount(std::string_view employee_id, std::string_view password,
                                      const std::vector<Role>& roles);

 private:
  Result<AccountView> View(Account account);
  Result<SignedIn> StartSession(const Account& account, std::string_view remote_address);
  Status CheckRateLimit(std::string_view email_key, std::string_view remote_address,
                        int* retry_after_seconds);
  Status IssueOneTimeToken(const Account& account, OneTimePurpose purpose,
                           std::string_view inviter);
  // A new one-time token for the account (its secret only in the mail's link) and its mail.
  InvitationWrite MakeLink(const Account& account, OneTimePurpose purpose,
                           std::string_view inviter) const;
  // The inviting admin's name as the invitation mail says it.
  Result<std::string> InviterName(const Actor& actor);
  void Audit(std::string actor, std::string action, std::string target, std::string detail,
             std::string_view remote_address);

  AccountRepository& accounts_;
  PeopleRepository& people_;
  AuditRepository& audit_;
  MailQueue& mail_;
  const Clock& clock_;
  AccountOptions options_;
  std::string dummy_hash_;
  SignInPolicy* sign_in_policy_ = nullptr;
  ProgramReader* programs_ = nullptr;
  ApplicationRepository* applications_ = nullptr;
};

}  // namespace pairwise::domain
