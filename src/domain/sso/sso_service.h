// Single sign-on with OpenID Connect (authorization code flow with PKCE, state and nonce):
// admins configure one provider; people in the directory sign in through it.
//
// Everything a sign-in in flight needs (state, nonce, PKCE verifier, the browser it began in)
// lives in the database, single use and expiring, so any server sharing the database may finish
// what another began. Only people in the directory may sign in; their account is created on the
// first sign-in; people who left are refused. Every sign-in and refusal is audited.
//
// Thread safety: every method may be called from any thread at once. Errors common to every
// method: Unavailable/Internal from storage.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/accounts/account_service.h"
#include "domain/people/people_repository.h"
#include "domain/relationships/note.h"
#include "domain/sso/sso.h"

namespace pairwise::domain {

inline constexpr std::size_t kMaxSsoProviderNameChars = 60;
inline constexpr std::size_t kMaxSsoFieldBytes = 2000;  // issuer, client id, secret, claim
inline constexpr std::chrono::seconds kSsoAttemptTtl = std::chrono::minutes(10);

// What the sign-in page needs to know (no secrets).
struct SsoPublicInfo {
  bool enabled = false;
  std::string provider_name;
  bool password_sign_in = true;
};

// The settings as an admin sees them: the secret is never given back, only whether one is set.
struct SsoSettingsView {
  SsoSettings settings;  // client_secret always empty
  bool client_secret_set = false;
  std::string redirect_uri;  // to register at the provider
};

struct SsoSettingsInput {
  bool enabled = false;
  std::string provider_name;
  std::string issuer;
  std::string client_id;
  std::optional<std::string> client_secret;  // none: keep the saved one
  SsoMatchBy match_by = SsoMatchBy::kEmail;
  std::string claim;
  bool password_sign_in = true;
};

// A sign-in begun: send the browser to `authorization_url` with `browser_secret` in a cookie
// that lives `ttl`.
struct SsoStart {
  std::string authorization_url;
  std::string browser_secret;
  std::chrono::seconds ttl{0};
};

// What came back to the redirect URI.
struct SsoCallback {
  std::string state;
  std::string code;
  std::string error;  // the provider's `error` parameter, when it refused
  std::string browser_secret;
};

class SsoService final : public SignInPolicy {
 public:
  // Every reference must outlive the service. The redirect URI is
  // {base_url}/api/v1/auth/sso/callback. `secrets` is the deployment's notes key machinery: the
  // client secret is stored sealed with it (a deployment without a notes key cannot save one:
  // Unavailable).
  SsoService(SsoRepository& repository, OidcProvider& provider, AccountService& accounts,
             PeopleRepository& people, AuditLog& audit, const NoteCipher& secrets,
             const Clock& clock, std::string base_url);

  std::string RedirectUri() const;

  // For anyone, signed in or not.
  Result<SsoPublicInfo> PublicInfo();
  // True unless single sign-on is on and password sign-in was turned off.
  Result<bool> PasswordSignInAllowed() override;

  // Admin only (Forbidden otherwise).
  Result<SsoSettingsView> GetSettings(const Actor& actor);
  // Replaces the settings; audits "sso_settings_changed". InvalidArgument naming the field: an
  // empty or too long provider name, issuer, client id or claim; an issuer that is not an https
  // URL; no client secret (none saved and none given) while enabled; an enabled provider whose
  // discovery document cannot be read (field "issuer"). Unavailable when a client secret is
  // to be saved and the deployment has no notes key to seal it with.
  Result<SsoSettingsView> SaveSettings(const Actor& actor, const SsoSettingsInput& input);

  // Begins a sign-in. Unauthenticated with reason "not_configured" when single sign-on is off;
  // "provider_unavailable" when the provider's discovery document cannot be read.
  Result<SsoStart> Begin(std::string_view remote_address);
  // Finishes a sign-in: takes the attempt (once), redeems the code, verifies the ID token and
  // signs in the person the configured claim names. Unauthenticated with a reason when refused:
  // "not_configured", "invalid_state" (unknown, used, expired, or begun in another browser),
  // "provider_refused", "provider_unavailable", the token's reasons (OidcProvider::
  // VerifyIdToken), "missing_claim", "email_not_verified", "unknown_person", "person_left",
  // "account_disabled". Every refusal and sign-in is audited.
  Result<SignedIn> Complete(const SsoCallback& callback, std::string_view remote_address);

  // Deletes attempts that expired; returns how many.
  Result<int64_t> Housekeep();

 private:
  Result<SignedIn> Finish(const SsoSettings& settings, const SsoAttempt& attempt,
                          const SsoCallback& callback, std::string_view remote_address);
  Status Refuse(std::string reason, std::string detail, std::string_view remote_address);

  SsoRepository& repository_;
  OidcProvider& provider_;
  AccountService& accounts_;
  PeopleRepository& people_;
  AuditLog& audit_;
  const NoteCipher& secrets_;
  const Clock& clock_;
  std::string base_url_;
};

}  // namespace pairwise::domain
