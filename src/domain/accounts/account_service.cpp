#include "domain/accounts/account_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "domain/access/access_policy.h"

namespace pairwise::domain {

namespace {

// A wait as a person says it, rounded up: "a minute", "15 minutes", "2 hours". The exact
// seconds go in the Retry-After header.
std::string WaitWords(int64_t seconds) {
  const int64_t minutes = (seconds + 59) / 60;
  if (minutes <= 1) return "a minute";
  if (minutes < 60) return std::to_string(minutes) + " minutes";
  const int64_t hours = (minutes + 59) / 60;
  return hours == 1 ? "an hour" : std::to_string(hours) + " hours";
}

using std::chrono::duration_cast;
using std::chrono::seconds;

std::string EmailKey(std::string_view email) {
  std::string key(email);
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::vector<Role> Normalized(std::vector<Role> roles) {
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  return roles;
}

Status InvalidCredentials() {
  return Status::Error(ErrorCode::kUnauthenticated, "the email or password is not correct")
      .WithReason("invalid_credentials");
}

Status Unauthenticated() { return Status::Error(ErrorCode::kUnauthenticated, "sign in first"); }

Status InvalidLink() {
  return Status::NotFound("this link is not valid: it may have been used or have expired")
      .WithReason("invalid_token");
}

std::string RoleList(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) {
    if (!out.empty()) out += ",";
    out += RoleName(r);
  }
  return out;
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password, std::string field) {
  if (password.size() > kMaxPasswordBytes) {
    return Status::InvalidArgument(
               "a password may be at most " + std::to_string(kMaxPasswordBytes) + " bytes long",
               std::move(field))
        .WithReason("password_too_long");
  }
  if (CodePoints(password) < kMinPasswordChars) {
    return Status::InvalidArgument(
               "a password needs at least " + std::to_string(kMinPasswordChars) + " characters",
               std::move(field))
        .WithReason("weak_password");
  }
  return Status::Ok();
}

AccountService::AccountService(AccountRepository& accounts, PeopleRepository& people,
                               AuditRepository& audit, MailQueue& mail, const Clock& clock,
                               AccountOptions options)
    : accounts_(accounts),
      people_(people),
      audit_(audit),
      mail_(mail),
      clock_(clock),
      options_(std::move(options)) {
  auto dummy = crypto::HashPassword(crypto::RandomToken(), options_.password_cost);
  // Without a dummy hash the timing of unknown emails would differ; hashing only fails when
  // memory runs out, and then so will everything else.
  if (dummy.ok()) dummy_hash_ = std::move(dummy).value();
}

void AccountService::Audit(std::string actor, std::string action, std::string target,
                           std::string detail, std::string_view remote_address) {
  AuditEntry entry;
  entry.actor = std::move(actor);
  entry.action = std::move(action);
  entry.target = std::move(target);
  entry.detail = std::move(detail);
  entry.remote_address = std::string(remote_address);
  if (Status s = audit_.Record(std::move(entry)); !s.ok()) {
    // The action itself succeeded; losing its audit entry is logged for operators.
    spdlog::error("audit log write failed: {}", s.ToString());
  }
}

Result<AccountView> AccountService::View(Account account) {
  AccountView view;
  auto reports = people_.ListDirectReports(account.employee_id);
  if (!reports.ok()) return reports.status();
  view.is_manager = std::any_of(reports->begin(), reports->end(), [](const Person& p) {
    return p.status != EmploymentStatus::kLeft;
  });
  view.account = std::move(account);
  return view;
}

Status AccountService::CheckRateLimit(std::string_view email_key, std::string_view remote_address,
                                      int* retry_after_seconds) {
  const TimePoint now = clock_.Now();
  const TimePoint since = now - options_.failure_window;
  auto by_email = accounts_.CountFailuresByEmail(email_key, since);
  if (!by_email.ok()) return by_email.status();
  FailureWindow by_address;
  if (!remote_address.empty()) {
    auto counted = accounts_.CountFailuresByAddress(remote_address, since);
    if (!counted.ok()) return counted.status();
    by_address = *counted;
  }
  int64_t wait_s = 0;
  auto wait_for = [&](const FailureWindow& w, int limit) {
    if (w.count < limit || !w.oldest) return;
    const auto until = *w.oldest + options_.failure_window;
    const int64_t s =
        duration_cast<seconds>(until - now + std::chrono::microseconds(999'999)).count();
    wait_s = std::max<int64_t>(wait_s, std::max<int64_t>(s, 1));
  };
  wait_for(*by_email, options_.max_failures_per_account);
  wait_for(by_address, options_.max_failures_per_address);
  if (wait_s == 0) return Status::Ok();
  if (retry_after_seconds) *retry_after_seconds = static_cast<int>(wait_s);
  return Status::Error(ErrorCode::kRateLimited,
                       "Too many failed sign-ins. Try again in " + WaitWords(wait_s) + ".")
      .WithReason("rate_limited");
}

Result<SignedIn> AccountService::StartSession(const Account& account,
                                              std::string_view remote_address) {
  const TimePoint now = clock_.Now();
  const std::string token = crypto::RandomToken();
  Session session;
  session.token_hash = crypto::Sha256Hex(token);
  session.csrf_token = crypto::RandomToken();
  session.account_id = account.id;
  session.created_at = now;
  session.last_seen_at = now;
  session.absolute_expires_at = now + options_.session_absolute;
  session.remote_address = std::string(remote_address);
  auto created = accounts_.CreateSession(session);
  if (!created.ok()) return created.status();
  auto view = View(account);
  if (!view.ok()) return view.status();
  return SignedIn{std::move(view).value(), token, session.csrf_token, session.absolute_expires_at};
}

Result<SignedIn> AccountService::SignIn(std::string_view email, std::string_view password,
                                        std::string_view remote_address, int* retry_after_seconds) {
  const std::string key = EmailKey(email);
  if (Status limited = CheckRateLimit(key, remote_address, retry_after_seconds); !limited.ok()) {
    if (limited.code() == ErrorCode::kRateLimited) {
      Audit(key, "sign_in_failed", "", "rate limited", remote_address);
    }
    return limited;
  }
  std::optional<Account> account;
  if (!key.empty() && password.size() <= kMaxPasswordBytes) {
    auto found = accounts_.FindAccountByEmail(key);
    if (!found.ok()) return found.status();
    account = std::move(found).value();
  }
  const bool has_hash = account && !account->password_hash.empty();
  // Verify against a dummy hash when there is no real one, so that every answer takes as long.
  const bool matches =
      crypto::VerifyPassword(has_hash ? account->password_hash : dummy_hash_, password) && has_hash;
  if (!matches || account->status != AccountStatus::kActive || account->person_left) {
    if (Status s = accounts_.RecordLoginFailure(key, remote_address, clock_.Now()); !s.ok()) {
      return s;
    }
    Audit(key, "sign_in_failed", account ? "person " + account->employee_id : "",
          !account   ? "unknown email"
          : !matches ? "wrong password"
                     : "account not active",
          remote_address);
    return InvalidCredentials();
  }
  if (Status s = accounts_.ClearFailuresByEmail(key); !s.ok()) return s;
  if (sign_in_policy_ && std::find(account->roles.begin(), account->roles.end(), Role::kAdmin) ==
                             account->roles.end()) {
    // Checked only after the password matched, so the answer reveals nothing to a guesser.
    auto allowed = sign_in_policy_->PasswordSignInAllowed();
    if (!allowed.ok()) return allowed.status();
    if (!*allowed) {
      Audit("person " + account->employee_id, "sign_in_failed", "person " + account->employee_id,
            "password sign-in is turned off", remote_address);
      return Status::Error(ErrorCode::kForbidden,
                           "sign in with your organization's account instead of a password")
          .WithReason("password_sign_in_disabled");
    }
  }
  auto signed_in = StartSession(*account, remote_address);
  if (!signed_in.ok()) return signed_in.status();
  Audit("person " + account->employee_id, "sign_in", "person " + account->employee_id, "",
        remote_address);
  return signed_in;
}

Result<SignedIn> AccountService::SignInVouched(std::string_view employee_id, std::string_view how,
                                               std::string_view remote_address) {
  auto person = people_.FindByEmployeeId(employee_id);
  if (!person.ok()) return person.status();
  if (!*person) return Status::NotFound("no person with this employee id");
  const std::string who = "person " + std::string(employee_id);
  auto refuse = [&](std::string reason, std::string detail) {
    Audit(who, "sign_in_failed", who, std::string(how) + ": " + detail, remote_address);
    return Status::Error(ErrorCode::kUnauthenticated, "you may not sign in: " + detail)
        .WithReason(std::move(reason));
  };
  if ((*person)->status == EmploymentStatus::kLeft) {
    return refuse("person_left", "the person has left the organization");
  }
  auto found = accounts_.FindAccountByEmployeeId(employee_id);
  if (!found.ok()) return found.status();
  std::optional<Account> account = std::move(found).value();
  if (!account) {
    NewAccount fresh;
    fresh.employee_id = std::string(employee_id);
    fresh.status = AccountStatus::kActive;
    fresh.created_at = clock_.Now();
    auto created = accounts_.CreateAccount(fresh);
    if (created.ok()) {
      account = std::move(created).value();
      Audit(who, "account_created", who, std::string(how) + ": first sign-in", remote_address);
    } else if (created.status().code() == ErrorCode::kConflict) {
      // Another server created it a moment ago (the same person signing in twice at once).
      auto again = accounts_.FindAccountByEmployeeId(employee_id);
      if (!again.ok()) return again.status();
      if (!*again) return created.status();
      account = std::move(again).value();
    } else {
      return created.status();
    }
  }
  if (account->status == AccountStatus::kDisabled) {
    return refuse("account_disabled", "an administrator turned the account off");
  }
  if (account->status == AccountStatus::kInvited) {
    // The provider proved who this is: the invitation has served its purpose.
    PAIRWISE_RETURN_IF_ERROR(accounts_.SetStatus(account->id, AccountStatus::kActive));
    PAIRWISE_RETURN_IF_ERROR(
        accounts_.ExpireOneTimeTokens(account->id, OneTimePurpose::kInvitation, clock_.Now()));
    account->status = AccountStatus::kActive;
  }
  auto signed_in = StartSession(*account, remote_address);
  if (!signed_in.ok()) return signed_in.status();
  Audit(who, "sign_in", who, std::string(how), remote_address);
  return signed_in;
}

Result<SessionActor> AccountService::AuthenticateSession(std::string_view session_token,
                                                         std::string_view remote_address) {
  if (session_token.empty()) return Unauthenticated();
  auto found = accounts_.FindSession(crypto::Sha256Hex(session_token));
  if (!found.ok()) return found.status();
  if (!*found) return Unauthenticated();
  const Session& session = **found;
  const TimePoint now = clock_.Now();
  if (now >= session.absolute_expires_at || now >= session.last_seen_at + options_.session_idle) {
    if (Status s = accounts_.DeleteSession(session.id); !s.ok()) return s;
    return Status::Error(ErrorCode::kUnauthenticated, "your session has expired; sign in again")
        .WithReason("session_expired");
  }
  auto account = accounts_.FindAccount(session.account_id);
  if (!account.ok()) return account.status();
  if (!*account || (*account)->status != AccountStatus::kActive || (*account)->person_left) {
    if (Status s = accounts_.DeleteSession(session.id); !s.ok()) return s;
    return Unauthenticated();
  }
  if (now - session.last_seen_at >= options_.session_touch_interval) {
    if (Status s = accounts_.TouchSession(session.id, now); !s.ok()) return s;
  }
  SessionActor out;
  out.actor.kind = Actor::Kind::kPerson;
  out.actor.account_id = (*account)->id;
  out.actor.employee_id = (*account)->employee_id;
  out.actor.roles = (*account)->roles;
  out.actor.remote_address = std::string(remote_address);
  out.csrf_token = session.csrf_token;
  out.session_id = session.id;
  return out;
}

Status AccountService::SignOut(std::string_view session_token, const Actor& actor) {
  if (session_token.empty()) return Status::Ok();
  auto found = accounts_.FindSession(crypto::Sha256Hex(session_token));
  if (!found.ok()) return found.status();
  if (!*found) return Status::Ok();
  PAIRWISE_RETURN_IF_ERROR(accounts_.DeleteSession((*found)->id));
  Audit(actor.Describe(), "sign_out", actor.Describe(), "", actor.remote_address);
  return Status::Ok();
}

Result<AccountView> AccountService::Me(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto account = accounts_.FindAccount(actor.account_id);
  if (!account.ok()) return account.status();
  if (!*account) return Unauthenticated();
  return View(std::move(**account));
}

Result<SignedIn> AccountService::ChangePassword(const Actor& actor,
                                                std::string_view current_password,
                                                std::string_view new_password,
                                                int* retry_after_seconds) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto found = accounts_.FindAccount(actor.account_id);
  if (!found.ok()) return found.status();
  if (!*found) return Unauthenticated();
  const Account& account = **found;
  const std::string key = EmailKey(account.email);
  PAIRWISE_RETURN_IF_ERROR(CheckRateLimit(key, actor.remote_address, retry_after_seconds));
  if (current_password.size() > kMaxPasswordBytes ||
      !crypto::VerifyPassword(account.password_hash, current_password)) {
    PAIRWISE_RETURN_IF_ERROR(accounts_.RecordLoginFailure(key, actor.remote_address, clock_.Now()));
    return Status::InvalidArgument("the current password is not correct", "current_password")
        .WithReason("invalid_credentials");
  }
  PAIRWISE_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, "new_password"));
  auto hash = crypto::HashPassword(new_password, options_.password_cost);
  if (!hash.ok()) return hash.status();
  PAIRWISE_RETURN_IF_ERROR(accounts_.SetPassword(account.id, *hash, AccountStatus::kActive));
  auto revoked = accounts_.DeleteSessionsOf(account.id);
  if (!revoked.ok()) return revoked.status();
  Audit(actor.Describe(), "password_changed", actor.Describe(),
        std::to_string(*revoked) + " session(s) revoked", actor.remote_address);
  return StartSession(account, actor.remote_address);
}

InvitationWrite AccountService::MakeLink(const Account& account, OneTimePurpose purpose,
                                         std::string_view inviter) const {
  const TimePoint now = clock_.Now();
  const std::string secret = crypto::RandomToken();
  InvitationWrite out;
  out.employee_id = account.employee_id;
  out.account_id = account.id;
  out.roles = account.roles;
  out.token.token_hash = crypto::Sha256Hex(secret);
  out.token.purpose = purpose;
  out.token.account_id = account.id;
  out.token.created_at = now;
  out.token.expires_at =
      now + (purpose == OneTimePurpose::kInvitation ? options_.invitation_ttl : options_.reset_ttl);
  const std::string link = options_.base_url + "/redeem/" + secret;
  MailMessage& mail = out.mail;
  mail.to = account.email;
  if (purpose == OneTimePurpose::kInvitation) {
    const auto days = duration_cast<std::chrono::hours>(options_.invitation_ttl).count() / 24;
    mail.kind = "invitation";
    mail.subject = "You are invited to Pairwise";
    mail.text = "Hello " + account.name + ",\n\n" + std::string(inviter) +
                " invited you to Pairwise, the mentoring platform.\n"
                "Choose your password here (the link works once, for " +
                std::to_string(days) + " days):\n\n" + link + "\n";
  } else {
    const auto minutes = duration_cast<std::chrono::minutes>(options_.reset_ttl).count();
    mail.kind = "password_reset";
    mail.subject = "Reset your Pairwise password";
    mail.text = "Hello " + account.name +
                ",\n\nSomeone (hopefully you) asked to reset your Pairwise password.\n"
                "Choose a new one here (the link works once, for " +
                std::to_string(minutes) + " minutes):\n\n" + link +
                "\n\nIf you did not ask, ignore this mail: your password stays as it is.\n";
  }
  return out;
}

Status AccountService::IssueOneTimeToken(const Account& account, OneTimePurpose purpose,
                                         std::string_view inviter) {
  PAIRWISE_RETURN_IF_ERROR(accounts_.ExpireOneTimeTokens(account.id, purpose, clock_.Now()));
  InvitationWrite link = MakeLink(account, purpose, inviter);
  auto created = accounts_.CreateOneTimeToken(link.token);
  if (!created.ok()) return created.status();
  return mail_.Enqueue(link.mail);
}

Result<std::string> AccountService::InviterName(const Actor& actor) {
  auto inviter = accounts_.FindAccount(actor.account_id);
  if (!inviter.ok()) return inviter.status();
  return *inviter ? (*inviter)->name : std::string("An administrator");
}

Status AccountService::RequestPasswordReset(std::string_view email,
                                            std::string_view remote_address) {
  const std::string key = EmailKey(email);
  const TimePoint now = clock_.Now();
  const TimePoint since = now - options_.failure_window;
  // Every request counts like a sign-in failure, under its own key and the address, whether or
  // not the email names an account: nobody can flood a mailbox, and an address that keeps
  // asking (or probes many emails) is slowed down at sign-in too. An address over its sign-in
  // limit gets no more mail.
  bool address_limited = false;
  if (!remote_address.empty()) {
    auto by_address = accounts_.CountFailuresByAddress(remote_address, since);
    if (!by_address.ok()) return by_address.status();
    address_limited = by_address->count >= options_.max_failures_per_address;
  }
  const std::string throttle_key = "reset:" + key;
  auto recent = accounts_.CountFailuresByEmail(throttle_key, since);
  if (!recent.ok()) return recent.status();
  PAIRWISE_RETURN_IF_ERROR(accounts_.RecordLoginFailure(throttle_key, remote_address, now));
  std::optional<Account> account;
  if (!key.empty()) {
    auto found = accounts_.FindAccountByEmail(key);
    if (!found.ok()) return found.status();
    account = std::move(found).value();
  }
  if (!account || account->status != AccountStatus::kActive || account->person_left) {
    Audit(key, "password_reset_requested", "", "no active account: no mail sent", remote_address);
    return Status::Ok();
  }
  if (address_limited || recent->count >= options_.max_reset_mails) {
    Audit(key, "password_reset_requested", "person " + account->employee_id,
          "too many requests: no mail sent", remote_address);
    return Status::Ok();
  }
  PAIRWISE_RETURN_IF_ERROR(IssueOneTimeToken(*account, OneTimePurpose::kReset, ""));
  Audit(key, "password_reset_requested", "person " + account->employee_id, "reset link mailed",
        remote_address);
  return Status::Ok();
}

Result<OneTimeTokenInfo> AccountService::InspectOneTimeToken(std::string_view token) {
  if (token.empty() || token.size() > 128) return InvalidLink();
  auto found = accounts_.FindOneTimeToken(crypto::Sha256Hex(token));
  if (!found.ok()) return found.status();
  if (!*found || (*found)->used_at || clock_.Now() >= (*found)->expires_at) return InvalidLink();
  auto account = accounts_.FindAccount((*found)->account_id);
  if (!account.ok()) return account.status();
  if (!*account || (*account)->status == AccountStatus::kDisabled) return InvalidLink();
  return OneTimeTokenInfo{(*found)->purpose, (*account)->email};
}

Result<SignedIn> AccountService::RedeemOneTimeToken(std::string_view token,
                                                    std::string_view new_password,
                                                    std::string_view remote_address) {
  if (token.empty() || token.size() > 128) return InvalidLink();
  auto found = accounts_.FindOneTimeToken(crypto::Sha256Hex(token));
  if (!found.ok()) return found.status();
  const TimePoint now = clock_.Now();
  if (!*found || (*found)->used_at || now >= (*found)->expires_at) return InvalidLink();
  const OneTimeToken one_time = **found;
  auto account = accounts_.FindAccount(one_time.account_id);
  if (!account.ok()) return account.status();
  if (!*account || (*account)->status == AccountStatus::kDisabled || (*account)->person_left) {
    return InvalidLink();
  }
  // The policy first, so that a rejected password does not use the link up.
  PAIRWISE_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, "new_password"));
  auto hash = crypto::HashPassword(new_password, options_.password_cost);
  if (!hash.ok()) return hash.status();
  auto consumed = accounts_.ConsumeOneTimeToken(one_time.id, now);
  if (!consumed.ok()) return consumed.status();
  if (!*consumed) return InvalidLink();
  PAIRWISE_RETURN_IF_ERROR(
      accounts_.SetPassword(one_time.account_id, *hash, AccountStatus::kActive));
  auto revoked = accounts_.DeleteSessionsOf(one_time.account_id);
  if (!revoked.ok()) return revoked.status();
  PAIRWISE_RETURN_IF_ERROR(accounts_.ClearFailuresByEmail(EmailKey((*account)->email)));
  Account updated = **account;
  updated.status = AccountStatus::kActive;
  const std::string who = "person " + updated.employee_id;
  Audit(who,
        one_time.purpose == OneTimePurpose::kInvitation ? "invitation_accepted" : "password_reset",
        who, std::to_string(*revoked) + " session(s) revoked", remote_address);
  auto signed_in = StartSession(updated, remote_address);
  if (!signed_in.ok()) return signed_in.status();
  Audit(who, "sign_in", who, "after " + std::string(OneTimePurposeName(one_time.purpose)),
        remote_address);
  return signed_in;
}

Result<AccountPage> AccountService::ListAccounts(const Actor& actor,
                                                 const AccountPageRequest& request) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  if (request.limit < 1 || request.limit > kMaxAccountPageSize) {
    return Status::InvalidArgument(
        "limit must be between 1 and " + std::to_string(kMaxAccountPageSize), "limit");
  }
  auto accounts = accounts_.ListAccounts(request);
  if (!accounts.ok()) return accounts.status();
  AccountPage page;
  for (Account& a : *accounts) {
    auto view = View(std::move(a));
    if (!view.ok()) return view.status();
    page.items.push_back(std::move(view).value());
  }
  if (static_cast<int>(page.items.size()) == request.limit) {
    page.next_after_id = page.items.back().account.id.value;
  }
  return page;
}

Result<AccountView> AccountService::Invite(const Actor& actor, std::string_view employee_id,
                                           const std::vector<Role>& roles) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  auto person = people_.FindByEmployeeId(employee_id);
  if (!person.ok()) return person.status();
  if (!*person) {
    return Status::Error(ErrorCode::kNotFound, "no person has this employee id", "employee_id");
  }
  if ((*person)->status == EmploymentStatus::kLeft) {
    return Status::InvalidArgument("this person has left the organization", "employee_id");
  }
  auto existing = accounts_.FindAccountByEmployeeId(employee_id);
  if (!existing.ok()) return existing.status();
  Account account;
  const std::vector<Role> wanted = Normalized(roles);
  if (*existing) {
    if ((*existing)->status != AccountStatus::kInvited) {
      return Status::Conflict("this person already has an account", "employee_id")
          .WithReason("account_exists");
    }
    PAIRWISE_RETURN_IF_ERROR(accounts_.SetRoles((*existing)->id, wanted));
    account = std::move(**existing);
    account.roles = wanted;
  } else {
    NewAccount fresh;
    fresh.employee_id = std::string(employee_id);
    fresh.status = AccountStatus::kInvited;
    fresh.roles = wanted;
    fresh.created_at = clock_.Now();
    auto created = accounts_.CreateAccount(fresh);
    if (!created.ok()) return created.status();
    account = std::move(created).value();
  }
  auto inviter = InviterName(actor);
  if (!inviter.ok()) return inviter.status();
  PAIRWISE_RETURN_IF_ERROR(IssueOneTimeToken(account, OneTimePurpose::kInvitation, *inviter));
  Audit(actor.Describe(), "invitation_sent", "person " + account.employee_id,
        "roles: " + (wanted.empty() ? std::string("none") : RoleList(wanted)),
        actor.remote_address);
  return View(std::move(account));
}

std::string_view InvitationOutcomeName(InvitationOutcome outcome) {
  switch (outcome) {
    case InvitationOutcome::kInvited:
      return "invited";
    case InvitationOutcome::kRenewed:
      return "invitation_renewed";
    case InvitationOutcome::kHasAccount:
      return "already_has_account";
    case InvitationOutcome::kLeft:
      return "left_organization";
    case InvitationOutcome::kUnknownPerson:
      return "not_found";
  }
  return "not_found";
}

Result<BulkInvitation> AccountService::InviteMany(const Actor& actor,
                                                  const std::vector<std::string>& employee_ids,
                                                  const std::vector<Role>& roles) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  std::vector<std::string> ids;
  for (const std::string& id : employee_ids) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  if (ids.empty()) return Status::InvalidArgument("choose at least one person", "employee_ids");
  if (ids.size() > static_cast<std::size_t>(kMaxBulkInvitations)) {
    return Status::InvalidArgument(
        "invite at most " + std::to_string(kMaxBulkInvitations) + " people at once",
        "employee_ids");
  }
  auto inviter = InviterName(actor);
  if (!inviter.ok()) return inviter.status();
  const std::vector<Role> wanted = Normalized(roles);
  BulkInvitation result;
  std::vector<InvitationWrite> writes;
  std::vector<std::size_t> written_entry;  // writes[i] belongs to result.entries[...]
  for (const std::string& id : ids) {
    InvitationEntry entry;
    entry.employee_id = id;
    auto person = people_.FindByEmployeeId(id);
    if (!person.ok()) return person.status();
    if (!*person) {
      entry.outcome = InvitationOutcome::kUnknownPerson;
      result.entries.push_back(std::move(entry));
      continue;
    }
    entry.name = (*person)->first_name + " " + (*person)->last_name;
    auto existing = accounts_.FindAccountByEmployeeId(id);
    if (!existing.ok()) return existing.status();
    if ((*person)->status == EmploymentStatus::kLeft) {
      entry.outcome = InvitationOutcome::kLeft;
    } else if (*existing && (*existing)->status != AccountStatus::kInvited) {
      entry.outcome = InvitationOutcome::kHasAccount;
    } else {
      Account account;
      if (*existing) {
        account = **existing;
        entry.outcome = InvitationOutcome::kRenewed;
      } else {
        account.employee_id = id;
        account.email = (*person)->email;
        account.name = entry.name;
        entry.outcome = InvitationOutcome::kInvited;
      }
      account.roles = wanted;
      writes.push_back(MakeLink(account, OneTimePurpose::kInvitation, *inviter));
      written_entry.push_back(result.entries.size());
    }
    result.entries.push_back(std::move(entry));
  }
  if (writes.empty()) return result;
  auto written = accounts_.WriteInvitations(writes, clock_.Now());
  if (!written.ok()) return written.status();
  const std::string detail = "roles: " + (wanted.empty() ? std::string("none") : RoleList(wanted));
  for (std::size_t i = 0; i < written->size(); ++i) {
    Account& account = (*written)[i];
    Audit(actor.Describe(), "invitation_sent", "person " + account.employee_id, detail,
          actor.remote_address);
    auto view = View(std::move(account));
    if (!view.ok()) return view.status();
    result.entries[written_entry[i]].account = std::move(view).value();
  }
  return result;
}

Result<BulkInvitation> AccountService::InviteApproved(const Actor& actor, ProgramId program,
                                                      const std::vector<Role>& roles) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  if (programs_ == nullptr || applications_ == nullptr) {
    return Status::Internal("bulk invitations by program are not set up");
  }
  auto found = programs_->FindProgram(program);
  if (!found.ok()) return found.status();
  auto applications = applications_->ListApplications(program);
  if (!applications.ok()) return applications.status();
  std::vector<std::string> ids;
  for (const Application& a : *applications) {
    if (a.status != ApplicationStatus::kApproved) continue;
    if (std::find(ids.begin(), ids.end(), a.employee_id) != ids.end()) continue;
    auto account = accounts_.FindAccountByEmployeeId(a.employee_id);
    if (!account.ok()) return account.status();
    if (!*account) ids.push_back(a.employee_id);
  }
  BulkInvitation result;
  if (ids.empty()) return result;
  int remaining = 0;
  if (ids.size() > static_cast<std::size_t>(kMaxBulkInvitations)) {
    remaining = static_cast<int>(ids.size()) - kMaxBulkInvitations;
    ids.resize(kMaxBulkInvitations);
  }
  auto invited = InviteMany(actor, ids, roles);
  if (!invited.ok()) return invited.status();
  invited->remaining = remaining;
  return invited;
}

Result<AccountView> AccountService::ResendInvitation(const Actor& actor, AccountId account_id) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  auto found = accounts_.FindAccount(account_id);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no account has this id");
  const Account& account = **found;
  if (account.person_left) {
    return Status::InvalidArgument(account.name + " has left the organization");
  }
  if (account.status != AccountStatus::kInvited) {
    return Status::Conflict(account.status == AccountStatus::kActive
                                ? account.name + " has already set a password and signed in"
                                : account.name + "'s account is deactivated: reactivate it first")
        .WithReason("not_invited");
  }
  auto inviter = InviterName(actor);
  if (!inviter.ok()) return inviter.status();
  auto written = accounts_.WriteInvitations(
      {MakeLink(account, OneTimePurpose::kInvitation, *inviter)}, clock_.Now());
  if (!written.ok()) return written.status();
  Audit(actor.Describe(), "invitation_sent", "person " + account.employee_id, "sent again",
        actor.remote_address);
  return View(std::move(written->front()));
}

Result<AccountView> AccountService::SetRoles(const Actor& actor, AccountId account_id,
                                             const std::vector<Role>& roles) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  auto found = accounts_.FindAccount(account_id);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no account has this id");
  Account account = std::move(**found);
  const std::vector<Role> wanted = Normalized(roles);
  const bool keeps_admin = std::find(wanted.begin(), wanted.end(), Role::kAdmin) != wanted.end();
  if (account.id == actor.account_id && !keeps_admin) {
    return Status::Conflict("you cannot remove your own admin role", "roles")
        .WithReason("own_admin_role");
  }
  PAIRWISE_RETURN_IF_ERROR(accounts_.SetRoles(account.id, wanted));
  const std::string target = "person " + account.employee_id;
  for (Role r : wanted) {
    if (std::find(account.roles.begin(), account.roles.end(), r) == account.roles.end()) {
      Audit(actor.Describe(), "role_granted", target, std::string(RoleName(r)),
            actor.remote_address);
    }
  }
  for (Role r : account.roles) {
    if (std::find(wanted.begin(), wanted.end(), r) == wanted.end()) {
      Audit(actor.Describe(), "role_revoked", target, std::string(RoleName(r)),
            actor.remote_address);
    }
  }
  account.roles = wanted;
  return View(std::move(account));
}

Result<AccountView> AccountService::Deactivate(const Actor& actor, AccountId account_id) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  auto found = accounts_.FindAccount(account_id);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no account has this id");
  Account account = std::move(**found);
  if (account.id == actor.account_id) {
    return Status::Conflict("you cannot deactivate your own account").WithReason("own_account");
  }
  if (account.status == AccountStatus::kDisabled) return View(std::move(account));
  // Status first: from here on no new session is granted and no existing one authenticates
  // (AuthenticateSession checks the status), so deleting the sessions leaves none behind.
  PAIRWISE_RETURN_IF_ERROR(accounts_.SetStatus(account.id, AccountStatus::kDisabled));
  auto ended = accounts_.DeleteSessionsOf(account.id);
  if (!ended.ok()) return ended.status();
  for (OneTimePurpose purpose : {OneTimePurpose::kInvitation, OneTimePurpose::kReset}) {
    PAIRWISE_RETURN_IF_ERROR(accounts_.ExpireOneTimeTokens(account.id, purpose, clock_.Now()));
  }
  Audit(actor.Describe(), "account_deactivated", "person " + account.employee_id,
        std::to_string(*ended) + " session(s) ended", actor.remote_address);
  account.status = AccountStatus::kDisabled;
  return View(std::move(account));
}

Result<AccountView> AccountService::Reactivate(const Actor& actor, AccountId account_id) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  auto found = accounts_.FindAccount(account_id);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no account has this id");
  Account account = std::move(**found);
  if (account.status != AccountStatus::kDisabled) return View(std::move(account));
  if (account.person_left) {
    return Status::InvalidArgument(account.name + " has left the organization");
  }
  const AccountStatus status =
      account.password_hash.empty() ? AccountStatus::kInvited : AccountStatus::kActive;
  PAIRWISE_RETURN_IF_ERROR(accounts_.SetStatus(account.id, status));
  Audit(actor.Describe(), "account_reactivated", "person " + account.employee_id,
        std::string(AccountStatusName(status)), actor.remote_address);
  account.status = status;
  return View(std::move(account));
}

Result<CreatedApiToken> AccountService::CreateApiToken(const Actor& actor, std::string_view name,
                                                       const std::vector<std::string>& scopes,
                                                       std::optional<int> expires_in_days) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  if (name.empty() || name.size() > 100) {
    return Status::InvalidArgument("a token needs a name of 1 to 100 characters", "name");
  }
  std::vector<std::string> wanted;
  for (const std::string& s : scopes) {
    if (s != kScopeScim && s != kScopeExport) {
      return Status::InvalidArgument("unknown scope \"" + s + "\": use scim or export", "scopes");
    }
    wanted.push_back(s);
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  if (wanted.empty()) return Status::InvalidArgument("a token needs a scope", "scopes");
  if (expires_in_days && (*expires_in_days < 1 || *expires_in_days > kMaxApiTokenDays)) {
    return Status::InvalidArgument(
        "expires_in_days must be between 1 and " + std::to_string(kMaxApiTokenDays),
        "expires_in_days");
  }
  const TimePoint now = clock_.Now();
  CreatedApiToken out;
  out.secret = std::string(kApiTokenPrefix) + crypto::RandomToken();
  ApiToken token;
  token.name = std::string(name);
  token.token_hash = crypto::Sha256Hex(out.secret);
  token.scopes = wanted;
  token.created_at = now;
  if (expires_in_days) token.expires_at = now + std::chrono::hours(24 * *expires_in_days);
  token.created_by = actor.account_id;
  auto created = accounts_.CreateApiToken(token);
  if (!created.ok()) return created.status();
  out.token = std::move(created).value();
  std::string scope_list;
  for (const auto& s : wanted) scope_list += (scope_list.empty() ? "" : ",") + s;
  Audit(actor.Describe(), "api_token_created", "api token " + std::to_string(out.token.id.value),
        "\"" + out.token.name + "\" scopes: " + scope_list, actor.remote_address);
  return out;
}

Result<std::vector<ApiToken>> AccountService::ListApiTokens(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  return accounts_.ListApiTokens();
}

Status AccountService::RevokeApiToken(const Actor& actor, ApiTokenId id) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  auto found = accounts_.FindApiTokenById(id);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no API token has this id");
  auto revoked = accounts_.RevokeApiToken(id, clock_.Now());
  if (!revoked.ok()) return revoked.status();
  if (*revoked) {
    Audit(actor.Describe(), "api_token_revoked", "api token " + std::to_string(id.value),
          "\"" + (*found)->name + "\"", actor.remote_address);
  }
  return Status::Ok();
}

Result<AuditPage> AccountService::ListAudit(const Actor& actor, const AuditQuery& query) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  if (query.limit < 1 || query.limit > kMaxAuditPageSize) {
    return Status::InvalidArgument(
        "limit must be between 1 and " + std::to_string(kMaxAuditPageSize), "limit");
  }
  auto entries = audit_.List(query);
  if (!entries.ok()) return entries.status();
  AuditPage page;
  page.items = std::move(entries).value();
  if (static_cast<int>(page.items.size()) == query.limit) {
    page.next_before_id = page.items.back().id;
  }
  return page;
}

Result<Actor> AccountService::AuthenticateApiToken(std::string_view token,
                                                   std::string_view remote_address) {
  if (!token.starts_with(kApiTokenPrefix) || token.size() > 128) {
    return Status::Error(ErrorCode::kUnauthenticated, "the API token is not valid");
  }
  auto found = accounts_.FindApiToken(crypto::Sha256Hex(token));
  if (!found.ok()) return found.status();
  const TimePoint now = clock_.Now();
  if (!*found || (*found)->revoked_at || ((*found)->expires_at && now >= *(*found)->expires_at)) {
    return Status::Error(ErrorCode::kUnauthenticated, "the API token is not valid");
  }
  // A token acts with the authority of the admin who made it: once that account is disabled
  // (by an admin, by SCIM or because the person left) or is no longer an admin, its tokens stop
  // working too. Checked here rather than revoked at deactivation, so every path that takes
  // the authority away is covered, and a reactivated admin's tokens work again.
  auto creator = accounts_.FindAccount((*found)->created_by);
  if (!creator.ok()) return creator.status();
  if (!*creator || (*creator)->status != AccountStatus::kActive || (*creator)->person_left ||
      !std::binary_search((*creator)->roles.begin(), (*creator)->roles.end(), Role::kAdmin)) {
    return Status::Error(ErrorCode::kUnauthenticated, "the API token is not valid", {},
                         "API token " + std::to_string((*found)->id.value) +
                             ": the admin who created it is disabled or no longer an admin");
  }
  if (!(*found)->last_used_at || now - *(*found)->last_used_at >= options_.session_touch_interval) {
    PAIRWISE_RETURN_IF_ERROR(accounts_.TouchApiToken((*found)->id, now));
  }
  Actor actor;
  actor.kind = Actor::Kind::kApiToken;
  actor.api_token_id = (*found)->id;
  actor.scopes = (*found)->scopes;
  actor.remote_address = std::string(remote_address);
  return actor;
}

Result<int64_t> AccountService::Housekeep() {
  const TimePoint now = clock_.Now();
  auto expired = accounts_.DeleteExpiredSessions(now, now - options_.session_idle);
  if (!expired.ok()) return expired.status();
  PAIRWISE_RETURN_IF_ERROR(accounts_.PruneFailures(now - options_.failure_window));
  return expired;
}

Result<Account> AccountService::CreateActiveAccount(std::string_view employee_id,
                                                    std::string_view password,
                                                    const std::vector<Role>& roles) {
  PAIRWISE_RETURN_IF_ERROR(CheckPasswordPolicy(password, "password"));
  auto hash = crypto::HashPassword(password, options_.password_cost);
  if (!hash.ok()) return hash.status();
  auto existing = accounts_.FindAccountByEmployeeId(employee_id);
  if (!existing.ok()) return existing.status();
  const std::vector<Role> wanted = Normalized(roles);
  if (*existing) {
    PAIRWISE_RETURN_IF_ERROR(accounts_.SetPassword((*existing)->id, *hash, AccountStatus::kActive));
    PAIRWISE_RETURN_IF_ERROR(accounts_.SetRoles((*existing)->id, wanted));
    auto updated = accounts_.FindAccount((*existing)->id);
    if (!updated.ok()) return updated.status();
    if (!*updated) return Status::Internal("account vanished while being updated");
    Audit("system", "account_updated", "person " + std::string(employee_id),
          "password set; roles: " + RoleList(wanted), "");
    return std::move(**updated);
  }
  NewAccount fresh;
  fresh.employee_id = std::string(employee_id);
  fresh.status = AccountStatus::kActive;
  fresh.roles = wanted;
  fresh.password_hash = *hash;
  fresh.created_at = clock_.Now();
  auto created = accounts_.CreateAccount(fresh);
  if (!created.ok()) return created.status();
  Audit("system", "account_created", "person " + std::string(employee_id),
        "active; roles: " + (wanted.empty() ? std::string("none") : RoleList(wanted)), "");
  return created;
}

}  // namespace pairwise::domain
