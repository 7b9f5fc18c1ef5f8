#include "domain/accounts/account_service.h"

#include <gtest/gtest.h>

#include "domain/people/people_service.h"
#include "domain/people/test_util.h"
#include "storage/memory/memory_account_repository.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/memory/recording_mail_queue.h"

namespace pairwise::domain {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::string_view kPassword = "a long enough password";

TimePoint Start() { return TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 11 / 23)); }

std::string TokenFromMail(const MailMessage& mail) {
  const auto at = mail.text.find("/redeem/");
  if (at == std::string::npos) return "";
  const auto begin = at + 8;
  return mail.text.substr(begin, mail.text.find('\n', begin) - begin);
}

class AccountServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(PeopleService(people_).LoadDirectory(testing::SmallDirectory()).ok());
    AccountOptions options;
    options.password_cost = crypto::PasswordCost::Fast();
    options.base_url = "https://pairwise.example";
    service_ = std::make_unique<AccountService>(accounts_, people_, audit_, mail_, clock_, options);
    auto admin = service_->CreateActiveAccount("E1", kPassword, {Role::kAdmin});
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    auto user = service_->CreateActiveAccount("E3", kPassword, {});
    ASSERT_TRUE(user.ok()) << user.status().ToString();
  }

  Actor SignedInActor(std::string_view email, std::string_view address = "198.51.100.1") {
    auto signed_in = service_->SignIn(email, kPassword, address);
    EXPECT_TRUE(signed_in.ok()) << signed_in.status().ToString();
    auto actor = service_->AuthenticateSession(signed_in->session_token, address);
    EXPECT_TRUE(actor.ok()) << actor.status().ToString();
    return actor->actor;
  }

  bool Audited(std::string_view action) {
    for (const AuditEntry& e : audit_.Entries()) {
      if (e.action == action) return true;
    }
    return false;
  }

  FakeClock clock_{Start()};
  storage::MemoryPeopleRepository people_;
  storage::RecordingMailQueue mail_;  // before accounts_, which queues bulk invitations on it
  storage::MemoryAccountRepository accounts_{people_, &mail_};
  storage::MemoryAuditLog audit_{clock_};
  std::unique_ptr<AccountService> service_;
};

TEST(PasswordPolicy, LengthBounds) {
  EXPECT_EQ(CheckPasswordPolicy("short", "p").reason(), "weak_password");
  EXPECT_EQ(CheckPasswordPolicy("elevenchars", "p").reason(), "weak_password");
  EXPECT_TRUE(CheckPasswordPolicy("twelve chars", "p").ok());
  // Twelve code points of two bytes each.
  EXPECT_TRUE(CheckPasswordPolicy("éééééééééééé", "p").ok());
  EXPECT_EQ(CheckPasswordPolicy(std::string(129, 'x'), "p").reason(), "password_too_long");
  EXPECT_EQ(CheckPasswordPolicy("short", "new_password").field(), "new_password");
}

TEST_F(AccountServiceTest, SignInGivesASessionThatAuthenticates) {
  auto signed_in = service_->SignIn("P.E1@EXAMPLE.COM", kPassword, "198.51.100.1");
  ASSERT_TRUE(signed_in.ok()) << signed_in.status().ToString();
  EXPECT_EQ(signed_in->account.account.employee_id, "E1");
  EXPECT_TRUE(signed_in->account.is_manager);
  EXPECT_EQ(signed_in->session_token.size(), 43u);
  EXPECT_FALSE(signed_in->csrf_token.empty());
  auto actor = service_->AuthenticateSession(signed_in->session_token, "198.51.100.1");
  ASSERT_TRUE(actor.ok());
  EXPECT_EQ(actor->actor.employee_id, "E1");
  EXPECT_TRUE(actor->actor.IsAdmin());
  EXPECT_EQ(actor->csrf_token, signed_in->csrf_token);
  EXPECT_TRUE(Audited("sign_in"));
  // Only the hash is stored.
  auto by_raw = accounts_.FindSession(signed_in->session_token);
  ASSERT_TRUE(by_raw.ok());
  EXPECT_FALSE(by_raw->has_value());
}

TEST_F(AccountServiceTest, NoUserEnumeration) {
  auto wrong = service_->SignIn("p.E1@example.com", "not the password!", "a");
  auto unknown = service_->SignIn("nobody@example.com", kPassword, "a");
  ASSERT_TRUE(accounts_.SetStatus(AccountId(2), AccountStatus::kDisabled).ok());
  auto disabled = service_->SignIn("p.E3@example.com", kPassword, "a");
  for (const auto* r : {&wrong, &unknown, &disabled}) {
    ASSERT_FALSE(r->ok());
    EXPECT_EQ(r->status().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(r->status().ClientCode(), "invalid_credentials");
    EXPECT_EQ(r->status().client_message(), wrong.status().client_message());
  }
  EXPECT_TRUE(Audited("sign_in_failed"));
}

TEST_F(AccountServiceTest, PersonWhoLeftCannotSignIn) {
  ASSERT_TRUE(service_->CreateActiveAccount("E4", kPassword, {}).ok());
  auto r = service_->SignIn("p.E4@example.com", kPassword, "a");
  EXPECT_EQ(r.status().ClientCode(), "invalid_credentials");
}

TEST_F(AccountServiceTest, IdleExpirySlidesAndAbsoluteExpiryHolds) {
  auto signed_in = service_->SignIn("p.E3@example.com", kPassword, "a");
  ASSERT_TRUE(signed_in.ok());
  const std::string token = signed_in->session_token;
  // Active every 20 minutes: the idle limit (30) never passes, for 11h40.
  for (int i = 0; i < 35; ++i) {
    clock_.Advance(minutes(20));
    ASSERT_TRUE(service_->AuthenticateSession(token, "a").ok()) << i;
  }
  clock_.Advance(minutes(20));  // 12h: the absolute limit
  auto expired = service_->AuthenticateSession(token, "a");
  EXPECT_EQ(expired.status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(expired.status().ClientCode(), "session_expired");

  auto again = service_->SignIn("p.E3@example.com", kPassword, "a");
  ASSERT_TRUE(again.ok());
  clock_.Advance(minutes(29));
  ASSERT_TRUE(service_->AuthenticateSession(again->session_token, "a").ok());
  clock_.Advance(minutes(31));
  EXPECT_FALSE(service_->AuthenticateSession(again->session_token, "a").ok());
}

TEST_F(AccountServiceTest, SignOutEndsTheSession) {
  auto signed_in = service_->SignIn("p.E3@example.com", kPassword, "a");
  ASSERT_TRUE(signed_in.ok());
  auto actor = service_->AuthenticateSession(signed_in->session_token, "a");
  ASSERT_TRUE(actor.ok());
  ASSERT_TRUE(service_->SignOut(signed_in->session_token, actor->actor).ok());
  EXPECT_FALSE(service_->AuthenticateSession(signed_in->session_token, "a").ok());
  EXPECT_TRUE(Audited("sign_out"));
}

TEST_F(AccountServiceTest, PasswordChangeRevokesEverySessionAndIssuesAFreshOne) {
  auto first = service_->SignIn("p.E3@example.com", kPassword, "a");
  auto second = service_->SignIn("p.E3@example.com", kPassword, "b");
  ASSERT_TRUE(first.ok() && second.ok());
  Actor actor = service_->AuthenticateSession(first->session_token, "a")->actor;
  auto wrong = service_->ChangePassword(actor, "not my password", "a brand new password");
  EXPECT_EQ(wrong.status().field(), "current_password");
  auto weak = service_->ChangePassword(actor, kPassword, "short");
  EXPECT_EQ(weak.status().ClientCode(), "weak_password");
  auto changed = service_->ChangePassword(actor, kPassword, "a brand new password");
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_FALSE(service_->AuthenticateSession(first->session_token, "a").ok());
  EXPECT_FALSE(service_->AuthenticateSession(second->session_token, "b").ok());
  EXPECT_TRUE(service_->AuthenticateSession(changed->session_token, "a").ok());
  EXPECT_FALSE(service_->SignIn("p.E3@example.com", kPassword, "a").ok());
  EXPECT_TRUE(service_->SignIn("p.E3@example.com", "a brand new password", "a").ok());
  EXPECT_TRUE(Audited("password_changed"));
}

TEST_F(AccountServiceTest, RateLimitPerAccountAndItsReset) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(service_->SignIn("p.E3@example.com", "wrong password!", "addr-" + std::to_string(i))
                  .status()
                  .code(),
              ErrorCode::kUnauthenticated);
    clock_.Advance(minutes(1));
  }
  int retry = 0;
  auto limited = service_->SignIn("p.E3@example.com", kPassword, "fresh", &retry);
  EXPECT_EQ(limited.status().code(), ErrorCode::kRateLimited);
  EXPECT_EQ(limited.status().ClientCode(), "rate_limited");
  // The first failure was 5 minutes ago; the window is 15.
  EXPECT_EQ(retry, 600);
  EXPECT_EQ(limited.status().client_message(),
            "Too many failed sign-ins. Try again in 10 minutes.");
  // Another account is not affected.
  EXPECT_TRUE(service_->SignIn("p.E1@example.com", kPassword, "fresh").ok());
  clock_.Advance(seconds(601));
  EXPECT_TRUE(service_->SignIn("p.E3@example.com", kPassword, "fresh").ok());
  // Success clears the account's failures.
  for (int i = 0; i < 4; ++i) (void)service_->SignIn("p.E3@example.com", "wrong password!", "x");
  EXPECT_TRUE(service_->SignIn("p.E3@example.com", kPassword, "x").ok());
  for (int i = 0; i < 4; ++i) (void)service_->SignIn("p.E3@example.com", "wrong password!", "y");
  EXPECT_TRUE(service_->SignIn("p.E3@example.com", kPassword, "y").ok());
}

TEST_F(AccountServiceTest, RateLimitPerAddressCoversUnknownEmails) {
  for (int i = 0; i < 20; ++i) {
    (void)service_->SignIn("user" + std::to_string(i) + "@example.com", "whatever pass",
                           "203.0.113.9");
  }
  int retry = 0;
  auto limited = service_->SignIn("p.E1@example.com", kPassword, "203.0.113.9", &retry);
  EXPECT_EQ(limited.status().code(), ErrorCode::kRateLimited);
  EXPECT_EQ(retry, 900);
  EXPECT_EQ(limited.status().client_message(),
            "Too many failed sign-ins. Try again in 15 minutes.");
  EXPECT_TRUE(service_->SignIn("p.E1@example.com", kPassword, "203.0.113.10").ok());
  clock_.Advance(minutes(15));
  EXPECT_TRUE(service_->SignIn("p.E1@example.com", kPassword, "203.0.113.9").ok());
}

TEST_F(AccountServiceTest, InvitationIsMailedAndRedeemedOnce) {
  Actor admin = SignedInActor("p.E1@example.com");
  auto invited = service_->Invite(admin, "E2", {Role::kCoordinator});
  ASSERT_TRUE(invited.ok()) << invited.status().ToString();
  EXPECT_EQ(invited->account.status, AccountStatus::kInvited);
  auto mail = mail_.LastTo("p.E2@example.com");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->kind, "invitation");
  EXPECT_NE(mail->text.find("https://pairwise.example/redeem/"), std::string::npos);
  const std::string token = TokenFromMail(*mail);
  // Invited accounts cannot sign in yet.
  EXPECT_FALSE(service_->SignIn("p.E2@example.com", kPassword, "a").ok());
  auto info = service_->InspectOneTimeToken(token);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->purpose, OneTimePurpose::kInvitation);
  EXPECT_EQ(info->email, "p.E2@example.com");
  // A weak password does not use the token up.
  EXPECT_EQ(service_->RedeemOneTimeToken(token, "short", "a").status().ClientCode(),
            "weak_password");
  auto redeemed = service_->RedeemOneTimeToken(token, kPassword, "a");
  ASSERT_TRUE(redeemed.ok()) << redeemed.status().ToString();
  EXPECT_EQ(redeemed->account.account.status, AccountStatus::kActive);
  EXPECT_EQ(redeemed->account.account.roles, std::vector<Role>{Role::kCoordinator});
  EXPECT_EQ(service_->RedeemOneTimeToken(token, kPassword, "a").status().code(),
            ErrorCode::kNotFound);
  EXPECT_FALSE(service_->InspectOneTimeToken(token).ok());
  EXPECT_TRUE(service_->SignIn("p.E2@example.com", kPassword, "a").ok());
  EXPECT_TRUE(Audited("invitation_sent"));
  // Already active: a second invitation is a conflict.
  EXPECT_EQ(service_->Invite(admin, "E2", {}).status().ClientCode(), "account_exists");
  EXPECT_EQ(service_->Invite(admin, "NOPE", {}).status().code(), ErrorCode::kNotFound);
}

TEST_F(AccountServiceTest, BulkInvitationAnswersEachPersonsOutcome) {
  Actor admin = SignedInActor("p.E1@example.com");
  // E2 is new; E3 has an active account; E4 has left; NOPE is unknown; E2 twice counts once.
  auto bulk = service_->InviteMany(admin, {"E2", "E3", "E4", "NOPE", "E2"}, {Role::kCoordinator});
  ASSERT_TRUE(bulk.ok()) << bulk.status().ToString();
  ASSERT_EQ(bulk->entries.size(), 4u);
  EXPECT_EQ(bulk->entries[0].outcome, InvitationOutcome::kInvited);
  EXPECT_EQ(bulk->entries[0].name, "FirstE2 Last");
  ASSERT_TRUE(bulk->entries[0].account.has_value());
  EXPECT_EQ(bulk->entries[0].account->account.status, AccountStatus::kInvited);
  EXPECT_EQ(bulk->entries[0].account->account.roles, std::vector<Role>{Role::kCoordinator});
  EXPECT_EQ(bulk->entries[1].outcome, InvitationOutcome::kHasAccount);
  EXPECT_EQ(bulk->entries[2].outcome, InvitationOutcome::kLeft);
  EXPECT_EQ(bulk->entries[3].outcome, InvitationOutcome::kUnknownPerson);
  EXPECT_FALSE(bulk->entries[1].account.has_value());
  // One mail, to the one person invited; its link sets the password.
  ASSERT_EQ(mail_.Messages().size(), 1u);
  const std::string first = TokenFromMail(*mail_.LastTo("p.E2@example.com"));
  EXPECT_TRUE(service_->InspectOneTimeToken(first).ok());

  // Again: E2 is still invited, so the invitation is renewed and the old link stops working.
  auto again = service_->InviteMany(admin, {"E2"}, {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->entries[0].outcome, InvitationOutcome::kRenewed);
  EXPECT_FALSE(service_->InspectOneTimeToken(first).ok());
  const std::string second = TokenFromMail(*mail_.LastTo("p.E2@example.com"));
  EXPECT_TRUE(service_->RedeemOneTimeToken(second, kPassword, "a").ok());

  // Bounds, and admins only.
  EXPECT_EQ(service_->InviteMany(admin, {}, {}).status().field(), "employee_ids");
  std::vector<std::string> many(kMaxBulkInvitations + 1);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = "X" + std::to_string(i);
  EXPECT_EQ(service_->InviteMany(admin, many, {}).status().field(), "employee_ids");
  Actor user = SignedInActor("p.E3@example.com");
  EXPECT_EQ(service_->InviteMany(user, {"E2"}, {}).status().code(), ErrorCode::kForbidden);
}

TEST_F(AccountServiceTest, ResendingAnInvitationMailsAFreshLink) {
  Actor admin = SignedInActor("p.E1@example.com");
  auto invited = service_->Invite(admin, "E2", {Role::kCoordinator});
  ASSERT_TRUE(invited.ok());
  const std::string first = TokenFromMail(*mail_.LastTo("p.E2@example.com"));
  auto resent = service_->ResendInvitation(admin, invited->account.id);
  ASSERT_TRUE(resent.ok()) << resent.status().ToString();
  EXPECT_EQ(resent->account.roles, std::vector<Role>{Role::kCoordinator});
  EXPECT_EQ(mail_.Messages().size(), 2u);
  const std::string second = TokenFromMail(*mail_.LastTo("p.E2@example.com"));
  EXPECT_NE(first, second);
  EXPECT_FALSE(service_->InspectOneTimeToken(first).ok());
  EXPECT_TRUE(service_->InspectOneTimeToken(second).ok());
  // An active account has nothing to resend; an unknown one is not found.
  EXPECT_EQ(service_->ResendInvitation(admin, AccountId(2)).status().ClientCode(), "not_invited");
  EXPECT_EQ(service_->ResendInvitation(admin, AccountId(999)).status().code(),
            ErrorCode::kNotFound);
  Actor user = SignedInActor("p.E3@example.com");
  EXPECT_EQ(service_->ResendInvitation(user, invited->account.id).status().code(),
            ErrorCode::kForbidden);
}

TEST_F(AccountServiceTest, InvitationExpiresAfterSevenDays) {
  Actor admin = SignedInActor("p.E1@example.com");
  ASSERT_TRUE(service_->Invite(admin, "E2", {}).ok());
  const std::string token = TokenFromMail(*mail_.LastTo("p.E2@example.com"));
  clock_.Advance(hours(24 * 7));
  EXPECT_EQ(service_->RedeemOneTimeToken(token, kPassword, "a").status().code(),
            ErrorCode::kNotFound);
}

TEST_F(AccountServiceTest, PasswordResetOnlyMailsActiveAccountsAndExpiresInAnHour) {
  ASSERT_TRUE(service_->RequestPasswordReset("nobody@example.com", "a").ok());
  ASSERT_TRUE(service_->RequestPasswordReset("p.E2@example.com", "a").ok());  // no account
  EXPECT_TRUE(mail_.Messages().empty());
  ASSERT_TRUE(service_->RequestPasswordReset("P.E3@example.com", "a").ok());
  auto mail = mail_.LastTo("p.E3@example.com");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->kind, "password_reset");
  const std::string first = TokenFromMail(*mail);
  // A newer link supersedes the older one.
  ASSERT_TRUE(service_->RequestPasswordReset("p.E3@example.com", "a").ok());
  const std::string second = TokenFromMail(*mail_.LastTo("p.E3@example.com"));
  EXPECT_FALSE(service_->InspectOneTimeToken(first).ok());
  ASSERT_TRUE(service_->InspectOneTimeToken(second).ok());
  clock_.Advance(minutes(61));
  EXPECT_FALSE(service_->RedeemOneTimeToken(second, "another good password", "a").ok());
  ASSERT_TRUE(service_->RequestPasswordReset("p.E3@example.com", "a").ok());
  const std::string third = TokenFromMail(*mail_.LastTo("p.E3@example.com"));
  auto existing = service_->SignIn("p.E3@example.com", kPassword, "a");
  ASSERT_TRUE(existing.ok());
  auto reset = service_->RedeemOneTimeToken(third, "another good password", "a");
  ASSERT_TRUE(reset.ok()) << reset.status().ToString();
  EXPECT_FALSE(service_->AuthenticateSession(existing->session_token, "a").ok());
  EXPECT_TRUE(service_->SignIn("p.E3@example.com", "another good password", "a").ok());
  EXPECT_TRUE(Audited("password_reset_requested"));
}

TEST_F(AccountServiceTest, ResetMailsAreThrottled) {
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(service_->RequestPasswordReset("p.E3@example.com", "a").ok());
  EXPECT_EQ(mail_.Messages().size(), 3u);
  clock_.Advance(minutes(16));
  ASSERT_TRUE(service_->RequestPasswordReset("p.E3@example.com", "a").ok());
  EXPECT_EQ(mail_.Messages().size(), 4u);
}

TEST_F(AccountServiceTest, ResetRequestsCountTowardsTheAddressSignInLimit) {
  // Twenty requests for emails that name no account, from one address...
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(
        service_->RequestPasswordReset("nobody" + std::to_string(i) + "@example.com", "203.0.113.7")
            .ok());
  }
  // ...and the address may not sign in any more, with the right password too.
  int retry = 0;
  auto limited = service_->SignIn("p.E1@example.com", kPassword, "203.0.113.7", &retry);
  EXPECT_EQ(limited.status().code(), ErrorCode::kRateLimited);
  EXPECT_EQ(retry, 900);
  EXPECT_TRUE(service_->SignIn("p.E1@example.com", kPassword, "203.0.113.8").ok());
  // Nor does it get reset mail for a real account.
  ASSERT_TRUE(service_->RequestPasswordReset("p.E3@example.com", "203.0.113.7").ok());
  EXPECT_TRUE(mail_.Messages().empty());
  clock_.Advance(minutes(15));
  ASSERT_TRUE(service_->RequestPasswordReset("p.E3@example.com", "203.0.113.7").ok());
  EXPECT_EQ(mail_.Messages().size(), 1u);
}

TEST_F(AccountServiceTest, AdminsDeactivateAndReactivateAccounts) {
  Actor admin = SignedInActor("p.E1@example.com");
  auto signed_in = service_->SignIn("p.E3@example.com", kPassword, "198.51.100.3");
  ASSERT_TRUE(signed_in.ok());
  auto user = accounts_.FindAccountByEmployeeId("E3");
  ASSERT_TRUE(user.ok() && user->has_value());
  const AccountId id = (*user)->id;
  Actor participant = SignedInActor("p.E3@example.com");
  EXPECT_EQ(service_->Deactivate(participant, id).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(service_->Deactivate(admin, AccountId(999)).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->Deactivate(admin, admin.account_id).status().ClientCode(), "own_account");

  auto disabled = service_->Deactivate(admin, id);
  ASSERT_TRUE(disabled.ok()) << disabled.status().ToString();
  EXPECT_EQ(disabled->account.status, AccountStatus::kDisabled);
  // Its sessions end at once, and it may not sign in.
  EXPECT_EQ(service_->AuthenticateSession(signed_in->session_token, "198.51.100.3").status().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(service_->SignIn("p.E3@example.com", kPassword, "198.51.100.3").status().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_TRUE(Audited("account_deactivated"));
  EXPECT_TRUE(service_->Deactivate(admin, id).ok());  // again: nothing changes

  auto active = service_->Reactivate(admin, id);
  ASSERT_TRUE(active.ok()) << active.status().ToString();
  EXPECT_EQ(active->account.status, AccountStatus::kActive);
  EXPECT_TRUE(service_->SignIn("p.E3@example.com", kPassword, "198.51.100.3").ok());
  EXPECT_TRUE(Audited("account_reactivated"));
  EXPECT_EQ(service_->Reactivate(participant, id).status().code(), ErrorCode::kForbidden);
}

TEST_F(AccountServiceTest, ApiTokensScopeExpiryAndRevocation) {
  Actor admin = SignedInActor("p.E1@example.com");
  Actor user = SignedInActor("p.E3@example.com");
  EXPECT_EQ(service_->CreateApiToken(user, "x", {"scim"}, std::nullopt).status().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(service_->CreateApiToken(admin, "x", {"bogus"}, std::nullopt).status().field(),
            "scopes");
  EXPECT_EQ(service_->CreateApiToken(admin, "x", {}, std::nullopt).status().field(), "scopes");
  EXPECT_EQ(service_->CreateApiToken(admin, "x", {"scim"}, 0).status().field(), "expires_in_days");
  auto scim = service_->CreateApiToken(admin, "Okta", {"scim"}, 30);
  ASSERT_TRUE(scim.ok()) << scim.status().ToString();
  EXPECT_TRUE(scim->secret.starts_with("pw_"));
  auto actor = service_->AuthenticateApiToken(scim->secret, "a");
  ASSERT_TRUE(actor.ok());
  EXPECT_TRUE(actor->HasScope(kScopeScim));
  EXPECT_FALSE(actor->HasScope(kScopeExport));
  EXPECT_FALSE(actor->IsPerson());
  auto listed = service_->ListApiTokens(admin);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE((*listed)[0].last_used_at.has_value());
  EXPECT_NE((*listed)[0].token_hash, scim->secret);
  EXPECT_FALSE(service_->AuthenticateApiToken("pw_unknown", "a").ok());
  // Expiry.
  clock_.Advance(hours(24 * 30));
  EXPECT_EQ(service_->AuthenticateApiToken(scim->secret, "a").status().code(),
            ErrorCode::kUnauthenticated);
  // Revocation.
  auto exporter = service_->CreateApiToken(admin, "BI", {"export", "scim", "export"}, std::nullopt);
  ASSERT_TRUE(exporter.ok());
  EXPECT_EQ(exporter->token.scopes, (std::vector<std::string>{"export", "scim"}));
  ASSERT_TRUE(service_->AuthenticateApiToken(exporter->secret, "a").ok());
  EXPECT_EQ(service_->RevokeApiToken(user, exporter->token.id).code(), ErrorCode::kForbidden);
  ASSERT_TRUE(service_->RevokeApiToken(admin, exporter->token.id).ok());
  EXPECT_FALSE(service_->AuthenticateApiToken(exporter->secret, "a").ok());
  EXPECT_EQ(service_->RevokeApiToken(admin, ApiTokenId(999)).code(), ErrorCode::kNotFound);
  EXPECT_TRUE(Audited("api_token_created"));
  EXPECT_TRUE(Audited("api_token_revoked"));
}

// A disabled admin's tokens used to keep working: the token carried its scopes on its own.
TEST_F(AccountServiceTest, ApiTokensStopWorkingWithTheirAdminsAuthority) {
  Actor admin = SignedInActor("p.E1@example.com");
  auto second = service_->CreateActiveAccount("E2", kPassword, {Role::kAdmin});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  Actor second_admin = SignedInActor("p.E2@example.com");
  auto token = service_->CreateApiToken(second_admin, "Okta", {"scim"}, std::nullopt);
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  ASSERT_TRUE(service_->AuthenticateApiToken(token->secret, "a").ok());

  ASSERT_TRUE(service_->Deactivate(admin, second->id).ok());
  EXPECT_EQ(service_->AuthenticateApiToken(token->secret, "a").status().code(),
            ErrorCode::kUnauthenticated);
  ASSERT_TRUE(service_->Reactivate(admin, second->id).ok());
  EXPECT_TRUE(service_->AuthenticateApiToken(token->secret, "a").ok());

  // No longer an admin: the token goes with the role.
  ASSERT_TRUE(accounts_.SetRoles(second->id, {}).ok());
  EXPECT_EQ(service_->AuthenticateApiToken(token->secret, "a").status().code(),
            ErrorCode::kUnauthenticated);
}

TEST_F(AccountServiceTest, RolesAreGrantedAndRevokedByAdminsOnly) {
  Actor admin = SignedInActor("p.E1@example.com");
  Actor user = SignedInActor("p.E3@example.com");
  EXPECT_EQ(service_->SetRoles(user, user.account_id, {Role::kAdmin}).status().code(),
            ErrorCode::kForbidden);
  auto granted = service_->SetRoles(admin, user.account_id, {Role::kCoordinator});
  ASSERT_TRUE(granted.ok());
  EXPECT_EQ(granted->account.roles, std::vector<Role>{Role::kCoordinator});
  EXPECT_TRUE(Audited("role_granted"));
  ASSERT_TRUE(service_->SetRoles(admin, user.account_id, {}).ok());
  EXPECT_TRUE(Audited("role_revoked"));
  EXPECT_EQ(service_->SetRoles(admin, admin.account_id, {}).status().ClientCode(),
            "own_admin_role");
  EXPECT_EQ(service_->SetRoles(admin, AccountId(999), {}).status().code(), ErrorCode::kNotFound);
}

TEST_F(AccountServiceTest, HousekeepingDeletesExpiredSessionsAndOldFailures) {
  auto stale = service_->SignIn("p.E3@example.com", kPassword, "a");
  ASSERT_TRUE(stale.ok());
  (void)service_->SignIn("p.E3@example.com", "wrong password!", "a");
  clock_.Advance(minutes(20));
  auto fresh = service_->SignIn("p.E1@example.com", kPassword, "a");
  ASSERT_TRUE(fresh.ok());
  clock_.Advance(minutes(11));
  auto cleared = service_->Housekeep();
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(*cleared, 1);
  EXPECT_FALSE(accounts_.FindSession(crypto::Sha256Hex(stale->session_token))->has_value());
  EXPECT_TRUE(accounts_.FindSession(crypto::Sha256Hex(fresh->session_token))->has_value());
  EXPECT_EQ(accounts_.CountFailuresByEmail("p.e3@example.com", TimePoint{})->count, 0);
}

TEST_F(AccountServiceTest, AuditAndAccountListsAreForAdminsOnly) {
  Actor admin = SignedInActor("p.E1@example.com");
  Actor user = SignedInActor("p.E3@example.com");
  EXPECT_EQ(service_->ListAudit(user, {}).status().code(), ErrorCode::kForbidden);
  EXPECT_EQ(service_->ListAccounts(user, {}).status().code(), ErrorCode::kForbidden);
  auto page = service_->ListAudit(admin, {.before_id = 0, .limit = 2, .action = ""});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_GT(page->items[0].id, page->items[1].id);
  ASSERT_TRUE(page->next_before_id.has_value());
  auto next =
      service_->ListAudit(admin, {.before_id = *page->next_before_id, .limit = 200, .action = ""});
  ASSERT_TRUE(next.ok());
  EXPECT_LT(next->items.front().id, page->items.back().id);
  auto sign_ins = service_->ListAudit(admin, {.before_id = 0, .limit = 200, .action = "sign_in"});
  ASSERT_TRUE(sign_ins.ok());
  EXPECT_EQ(sign_ins->items.size(), 2u);
  auto accounts = service_->ListAccounts(admin, {.query = "e3", .after_id = 0, .limit = 10});
  ASSERT_TRUE(accounts.ok());
  ASSERT_EQ(accounts->items.size(), 1u);
  EXPECT_EQ(accounts->items[0].account.employee_id, "E3");
  EXPECT_FALSE(accounts->items[0].is_manager);
  EXPECT_EQ(
      service_->ListAccounts(admin, {.query = "", .after_id = 0, .limit = 0}).status().field(),
      "limit");
}

}  // namespace
}  // namespace pairwise::domain
