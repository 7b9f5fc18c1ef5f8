// Single sign-on with OpenID Connect: the settings an admin keeps, the sign-in attempts in
// flight, where both are stored (SsoRepository) and what the service needs from the identity
// provider (OidcProvider). Plain values and interfaces; the rules live in SsoService.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"

namespace pairwise::domain {

// Which directory field the provider's claim names.
enum class SsoMatchBy { kEmail, kEmployeeId };
// "email" | "employee_id".
std::string_view SsoMatchByName(SsoMatchBy match_by);
std::optional<SsoMatchBy> ParseSsoMatchBy(std::string_view name);

struct SsoSettings {
  bool enabled = false;
  std::string provider_name;  // shown as "Sign in with <provider_name>"
  std::string issuer;         // https://login.example.com/...; its discovery document is read
  std::string client_id;
  std::string client_secret;  // never shown again once saved
  SsoMatchBy match_by = SsoMatchBy::kEmail;
  std::string claim = "email";  // the ID token claim holding the email or employee id
  // When false, only admins may still sign in with a password (the break-glass way in).
  bool password_sign_in = true;
  TimePoint updated_at;
  std::string updated_by;  // "person E1"
};

// One sign-in begun at the provider. The state travels through the browser; only its hash is
// kept. `browser_hash` binds the attempt to the browser that began it (a cookie).
struct SsoAttempt {
  int64_t id = 0;
  std::string state_hash;
  std::string browser_hash;
  std::string nonce;
  std::string code_verifier;  // PKCE
  TimePoint created_at;
  TimePoint expires_at;
};

// Thread safety: every method may be called from any thread at once; each call is atomic.
// Errors common to every method: Unavailable when the store cannot be reached; Internal for
// anything unexpected. Methods never throw.
class SsoRepository {
 public:
  virtual ~SsoRepository() = default;

  // The saved settings, or none when an admin never saved any.
  virtual Result<std::optional<SsoSettings>> LoadSettings() = 0;
  virtual Status SaveSettings(const SsoSettings& settings) = 0;

  // Create assigns the id. Conflict when the state hash exists.
  virtual Result<SsoAttempt> CreateAttempt(const SsoAttempt& attempt) = 0;
  // Takes the attempt with this state hash if it is unused and unexpired at `now`, marking it
  // used: exactly one of several concurrent callers gets it; none afterwards.
  virtual Result<std::optional<SsoAttempt>> TakeAttempt(std::string_view state_hash,
                                                        TimePoint now) = 0;
  // Deletes attempts that expired before `before`; returns how many.
  virtual Result<int64_t> DeleteExpiredAttempts(TimePoint before) = 0;
};

// Where the provider keeps its endpoints (from its discovery document).
struct OidcEndpoints {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  // The provider accepts the client secret only in the token request's body
  // (client_secret_post), not in the Authorization header (client_secret_basic, the default).
  bool secret_in_body = false;
};

// The verified ID token's claims that are strings or booleans (booleans as "true"/"false").
struct IdTokenClaims {
  std::string subject;
  std::map<std::string, std::string> values;
};

// What SsoService needs from the identity provider. Implemented over HTTPS with certificate
// verification (src/sso). Thread-safe.
class OidcProvider {
 public:
  virtual ~OidcProvider() = default;
  // Reads {issuer}/.well-known/openid-configuration. Unavailable when it cannot be read;
  // InvalidArgument when it is not a discovery document for `issuer`.
  virtual Result<OidcEndpoints> Discover(std::string_view issuer) = 0;
  // Redeems the authorization code at the token endpoint (client_secret_basic, PKCE verifier);
  // the ID token. Unauthenticated when the provider refuses the code; Unavailable when it
  // cannot be reached.
  virtual Result<std::string> RedeemCode(const OidcEndpoints& endpoints, const SsoSettings& client,
                                         std::string_view code, std::string_view code_verifier,
                                         std::string_view redirect_uri) = 0;
  // Verifies the ID token: RS256 or ES256 signature by a key of the provider's JWKS (fetched
  // again when the token names an unknown key id), issuer, audience (and authorized party when
  // there are several audiences), expiry and issue time against `now`, and the nonce.
  // Unauthenticated with a reason ("bad_signature", "wrong_issuer", "wrong_audience",
  // "expired", "wrong_nonce", "malformed_token", "unsupported_algorithm") when it fails.
  virtual Result<IdTokenClaims> VerifyIdToken(const OidcEndpoints& endpoints,
                                              std::string_view id_token, std::string_view client_id,
                                              std::string_view expected_nonce, TimePoint now) = 0;
};

}  // namespace pairwise::domain
