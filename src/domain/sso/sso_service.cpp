#include "domain/sso/sso_service.h"

#include <spdlog/spdlog.h>

#include "common/crypto.h"
#include "common/text.h"
#include "domain/access/access_policy.h"
#include "domain/relationships/note_cipher.h"

namespace pairwise::domain {

namespace {

constexpr std::string_view kHow = "single sign-on";

std::size_t CodePoints(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

Status CheckField(std::string_view value, std::string field, std::string_view what) {
  if (value.empty()) return Status::InvalidArgument(std::string(what) + " is required", field);
  if (value.size() > kMaxSsoFieldBytes) {
    return Status::InvalidArgument(std::string(what) + " is too long", field);
  }
  return Status::Ok();
}

// An https URL with a host: the only kind of issuer whose documents can be trusted.
bool IsHttpsUrl(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (!url.starts_with(kScheme) || url.size() == kScheme.size()) return false;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '#' || c == '?') return false;
  }
  return url[kScheme.size()] != '/';
}

// A JWT claim name: letters, digits and a few separators (Entra's and Okta's custom claims use
// them), nothing that could be mistaken for markup or paths.
bool IsClaimName(std::string_view claim) {
  if (claim.empty() || claim.size() > 100) return false;
  for (char c : claim) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.' || c == ':' || c == '/';
    if (!ok) return false;
  }
  return true;
}

Status Refusal(std::string reason, std::string message) {
  return Status::Error(ErrorCode::kUnauthenticated, std::move(message))
      .WithReason(std::move(reason));
}

}  // namespace

SsoService::SsoService(SsoRepository& repository, OidcProvider& provider, AccountService& accounts,
                       PeopleRepository& people, AuditLog& audit, const NoteCipher& secrets,
                       const Clock& clock, std::string base_url)
    : repository_(repository),
      provider_(provider),
      accounts_(accounts),
      people_(people),
      audit_(audit),
      secrets_(secrets),
      clock_(clock),
      base_url_(std::move(base_url)) {}

std::string SsoService::RedirectUri() const { return base_url_ + "/api/v1/auth/sso/callback"; }

Result<SsoPublicInfo> SsoService::PublicInfo() {
  auto saved = repository_.LoadSettings();
  if (!saved.ok()) return saved.status();
  SsoPublicInfo info;
  if (*saved && (*saved)->enabled) {
    info.enabled = true;
    info.provider_name = (*saved)->provider_name;
    info.password_sign_in = (*saved)->password_sign_in;
  }
  return info;
}

Result<bool> SsoService::PasswordSignInAllowed() {
  auto info = PublicInfo();
  if (!info.ok()) return info.status();
  return info->password_sign_in;
}

Result<SsoSettingsView> SsoService::GetSettings(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  auto saved = repository_.LoadSettings();
  if (!saved.ok()) return saved.status();
  SsoSettingsView view;
  if (*saved) view.settings = std::move(**saved);
  view.client_secret_set = !view.settings.client_secret.empty();
  view.settings.client_secret.clear();
  view.redirect_uri = RedirectUri();
  return view;
}

Result<SsoSettingsView> SsoService::SaveSettings(const Actor& actor,
                                                 const SsoSettingsInput& input) {
  PAIRWISE_RETURN_IF_ERROR(RequireAdmin(actor));
  PAIRWISE_RETURN_IF_ERROR(CheckField(input.provider_name, "provider_name", "the provider name"));
  if (CodePoints(input.provider_name) > kMaxSsoProviderNameChars) {
    return Status::InvalidArgument("the provider name may have at most " +
                                       std::to_string(kMaxSsoProviderNameChars) + " characters",
                                   "provider_name");
  }
  PAIRWISE_RETURN_IF_ERROR(CheckField(input.issuer, "issuer", "the issuer URL"));
  if (!IsHttpsUrl(input.issuer)) {
    return Status::InvalidArgument("the issuer must be an https:// URL", "issuer");
  }
  PAIRWISE_RETURN_IF_ERROR(CheckField(input.client_id, "client_id", "the client id"));
  if (!IsClaimName(input.claim)) {
    return Status::InvalidArgument(
        "the claim must be a claim name such as email (letters, digits, _ - . : /)", "claim");
  }
  if (input.client_secret && input.client_secret->size() > kMaxSsoFieldBytes) {
    return Status::InvalidArgument("the client secret is too long", "client_secret");
  }
  auto saved = repository_.LoadSettings();
  if (!saved.ok()) return saved.status();
  SsoSettings settings;
  settings.enabled = input.enabled;
  settings.provider_name = input.provider_name;
  settings.issuer = input.issuer;
  settings.client_id = input.client_id;
  settings.client_secret = input.client_secret && !input.client_secret->empty()
                               ? *input.client_secret
                               : (*saved ? (*saved)->client_secret : "");
  settings.match_by = input.match_by;
  settings.claim = input.claim;
  settings.password_sign_in = input.password_sign_in;
  settings.updated_at = clock_.Now();
  settings.updated_by = actor.Describe();
  if (settings.enabled) {
    if (settings.client_secret.empty()) {
      return Status::InvalidArgument("a client secret is required to turn single sign-on on",
                                     "client_secret");
    }
    // Checked now so that a mistyped issuer shows here, not on everyone's sign-in page.
    if (auto endpoints = provider_.Discover(settings.issuer); !endpoints.ok()) {
      return Status::InvalidArgument("the provider's discovery document could not be read: " +
                                         endpoints.status().client_message(),
                                     "issuer");
    }
  }
  // Sealed with the current key on every save: a new secret, one saved in plain text by an
  // earlier version, and one sealed with a previous key (so a save finishes a key rotation).
  if (!settings.client_secret.empty()) {
    const bool new_secret = input.client_secret && !input.client_secret->empty();
    auto plain = new_secret ? Result<std::string>(settings.client_secret)
                            : OpenSecretText(secrets_, settings.client_secret);
    if (!plain.ok()) return plain.status();
    auto sealed = SealSecretText(secrets_, *plain);
    if (!sealed.ok()) return sealed.status();
    settings.client_secret = std::move(sealed).value();
  }
  PAIRWISE_RETURN_IF_ERROR(repository_.SaveSettings(settings));
  RecordAudit(
      audit_, actor, "sso_settings_changed", "single sign-on",
      std::string(settings.enabled ? "on" : "off") + ", provider " + settings.provider_name +
          ", issuer " + settings.issuer + ", by " + std::string(SsoMatchByName(settings.match_by)) +
          " in claim " + settings.claim +
          (settings.password_sign_in ? ", passwords allowed" : ", passwords for admins only") +
          (input.client_secret && !input.client_secret->empty() ? ", new client secret" : ""));
  return GetSettings(actor);
}

Status SsoService::Refuse(std::string reason, std::string detail, std::string_view remote_address) {
  AuditEntry entry;
  entry.actor = "anonymous";
  entry.action = "sign_in_failed";
  entry.detail = std::string(kHow) + ": " + detail;
  entry.remote_address = std::string(remote_address);
  if (Status s = audit_.Record(std::move(entry)); !s.ok()) {
    spdlog::error("audit log write failed: {}", s.ToString());
  }
  return Refusal(std::move(reason), "single sign-on refused: " + detail);
}

Result<SsoStart> SsoService::Begin(std::string_view remote_address) {
  (void)remote_address;
  auto saved = repository_.LoadSettings();
  if (!saved.ok()) return saved.status();
  if (!*saved || !(*saved)->enabled) {
    return Refusal("not_configured", "single sign-on is not set up");
  }
  const SsoSettings& settings = **saved;
  auto endpoints = provider_.Discover(settings.issuer);
  if (!endpoints.ok()) {
    spdlog::warn("single sign-on: {}", endpoints.status().ToString());
    return Refusal("provider_unavailable", "the sign-in provider cannot be reached");
  }
  const std::string state = crypto::RandomToken();
  SsoStart start;
  start.browser_secret = crypto::RandomToken();
  start.ttl = kSsoAttemptTtl;
  SsoAttempt attempt;
  attempt.state_hash = crypto::Sha256Hex(state);
  attempt.browser_hash = crypto::Sha256Hex(start.browser_secret);
  attempt.nonce = crypto::RandomToken();
  attempt.code_verifier = crypto::RandomToken(48);  // 64 characters (RFC 7636: 43 to 128)
  attempt.created_at = clock_.Now();
  attempt.expires_at = attempt.created_at + kSsoAttemptTtl;
  auto created = repository_.CreateAttempt(attempt);
  if (!created.ok()) return created.status();
  const std::string& endpoint = endpoints->authorization_endpoint;
  start.authorization_url = endpoint + (endpoint.find('?') == std::string::npos ? "?" : "&") +
                            "response_type=code&client_id=" + PercentEncode(settings.client_id) +
                            "&redirect_uri=" + PercentEncode(RedirectUri()) +
                            "&scope=" + PercentEncode("openid email profile") +
                            "&state=" + PercentEncode(state) +
                            "&nonce=" + PercentEncode(attempt.nonce) +
                            "&code_challenge=" + crypto::Sha256Base64Url(attempt.code_verifier) +
                            "&code_challenge_method=S256";
  return start;
}

Result<SignedIn> SsoService::Complete(const SsoCallback& callback,
                                      std::string_view remote_address) {
  auto saved = repository_.LoadSettings();
  if (!saved.ok()) return saved.status();
  if (!*saved || !(*saved)->enabled) {
    return Refuse("not_configured", "single sign-on is not set up", remote_address);
  }
  if (callback.state.empty()) {
    return Refuse("invalid_state", "the answer carries no state", remote_address);
  }
  // Taken before anything else, so a state is only ever good once, whatever follows.
  auto attempt = repository_.TakeAttempt(crypto::Sha256Hex(callback.state), clock_.Now());
  if (!attempt.ok()) return attempt.status();
  if (!*attempt) {
    return Refuse("invalid_state", "the sign-in is unknown, used or expired", remote_address);
  }
  if (callback.browser_secret.empty() ||
      !crypto::ConstantTimeEquals(crypto::Sha256Hex(callback.browser_secret),
                                  (*attempt)->browser_hash)) {
    return Refuse("invalid_state", "the sign-in was begun in another browser", remote_address);
  }
  SsoSettings settings = std::move(**saved);
  auto secret = OpenSecretText(secrets_, settings.client_secret);
  if (!secret.ok()) {
    spdlog::error("single sign-on: cannot open the client secret: {}", secret.status().ToString());
    return Refuse("provider_unavailable", "the client secret cannot be opened", remote_address);
  }
  settings.client_secret = std::move(secret).value();
  return Finish(settings, **attempt, callback, remote_address);
}

Result<SignedIn> SsoService::Finish(const SsoSettings& settings, const SsoAttempt& attempt,
                                    const SsoCallback& callback, std::string_view remote_address) {
  if (!callback.error.empty() || callback.code.empty()) {
    return Refuse("provider_refused",
                  "the provider answered " +
                      QuoteForMessage(callback.error.empty() ? "no code" : callback.error),
                  remote_address);
  }
  auto endpoints = provider_.Discover(settings.issuer);
  if (!endpoints.ok()) {
    spdlog::warn("single sign-on: {}", endpoints.status().ToString());
    return Refuse("provider_unavailable", "the provider cannot be reached", remote_address);
  }
  auto id_token = provider_.RedeemCode(*endpoints, settings, callback.code, attempt.code_verifier,
                                       RedirectUri());
  if (!id_token.ok()) {
    const bool refused = id_token.status().code() == ErrorCode::kUnauthenticated;
    return Refuse(refused ? "provider_refused" : "provider_unavailable",
                  "redeeming the code failed: " + id_token.status().client_message(),
                  remote_address);
  }
  auto claims = provider_.VerifyIdToken(*endpoints, *id_token, settings.client_id, attempt.nonce,
                                        clock_.Now());
  if (!claims.ok()) {
    const std::string reason =
        claims.status().reason().empty() ? "malformed_token" : claims.status().reason();
    return Refuse(reason, "the ID token was refused: " + claims.status().client_message(),
                  remote_address);
  }
  const auto value = claims->values.find(settings.claim);
  if (value == claims->values.end() || value->second.empty()) {
    return Refuse("missing_claim",
                  "the ID token of " + QuoteForMessage(claims->subject) + " has no claim " +
                      QuoteForMessage(settings.claim),
                  remote_address);
  }
  std::optional<Person> person;
  if (settings.match_by == SsoMatchBy::kEmail) {
    if (auto verified = claims->values.find("email_verified");
        verified != claims->values.end() && verified->second == "false") {
      return Refuse("email_not_verified",
                    "the provider has not verified the email " + QuoteForMessage(value->second),
                    remote_address);
    }
    auto found = people_.FindByEmail(value->second);
    if (!found.ok()) return found.status();
    person = std::move(found).value();
  } else {
    auto found = people_.FindByEmployeeId(value->second);
    if (!found.ok()) return found.status();
    person = std::move(found).value();
  }
  if (!person) {
    return Refuse(
        "unknown_person",
        "no one in the directory has the " +
            std::string(settings.match_by == SsoMatchBy::kEmail ? "email " : "employee id ") +
            QuoteForMessage(value->second),
        remote_address);
  }
  return accounts_.SignInVouched(person->employee_id, kHow, remote_address);
}

Result<int64_t> SsoService::Housekeep() { return repository_.DeleteExpiredAttempts(clock_.Now()); }

}  // namespace pairwise::domain
