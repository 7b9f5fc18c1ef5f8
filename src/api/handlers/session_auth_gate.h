// The real AuthGate: the `pw_session` cookie (with its CSRF token and a same-origin Origin or
// Referer on state-changing methods)
// or a bearer API token, both resolved through AccountService against the database, so any
// number of stateless servers share sessions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/auth.h"
#include "domain/accounts/account_service.h"

namespace pairwise::api {

inline constexpr std::string_view kSessionCookie = "pw_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

// The session cookie's value, if the request carries one.
std::optional<std::string> SessionCookieValue(const HttpRequest& request);
// The token of "Authorization: Bearer <token>", if any.
std::optional<std::string> BearerToken(const HttpRequest& request);
// Whether the request reached the proxy over TLS (X-Forwarded-Proto: https).
bool CameOverTls(const HttpRequest& request);
// Set-Cookie values: the session for `max_age_seconds`, or its deletion. HttpOnly,
// SameSite=Lax, Path=/, and Secure when the request came over TLS.
std::string SessionCookieHeader(const HttpRequest& request, std::string_view token,
                                long long max_age_seconds);
std::string ClearSessionCookieHeader(const HttpRequest& request);
enum class SourceRequired { kNo, kYes };
// Whether the request comes from the origin it was served at. Its source is the Origin header,
// else the Referer's origin; it must equal the served origin exactly — scheme (https when
// X-Forwarded-Proto says so, else http), host (Host, or X-Forwarded-Host) and port (the
// scheme's default when none is named). Forbidden with reason "origin" when it differs, is
// "null" or malformed, or — with SourceRequired::kYes — when the request names no source.
// kNo serves the unauthenticated POSTs (sign-in, reset, redeem), which scripts without a
// browser may send; the gate requires a source on every cookie-authenticated
// state-changing request.
Status CheckSameOrigin(const HttpRequest& request, SourceRequired required = SourceRequired::kNo);

// Thread-safe. `accounts` must outlive the gate.
class SessionAuthGate final : public AuthGate {
 public:
  explicit SessionAuthGate(domain::AccountService& accounts) : accounts_(accounts) {}
  Result<domain::Actor> Authenticate(const HttpRequest& request,
                                     const AuthRequirement& requirement) override;

 private:
  domain::AccountService& accounts_;
};

}  // namespace pairwise::api
