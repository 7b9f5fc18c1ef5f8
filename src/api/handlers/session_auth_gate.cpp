#include "api/handlers/session_auth_gate.h"

#include <cctype>

#include "common/crypto.h"
#include "domain/access/access_policy.h"

namespace pairwise::api {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool ChangesState(HttpMethod method) {
  return method == HttpMethod::kPost || method == HttpMethod::kPut ||
         method == HttpMethod::kPatch || method == HttpMethod::kDelete;
}

std::string CookieAttributes(const HttpRequest& request) {
  return std::string("; Path=/; HttpOnly; SameSite=Lax") + (CameOverTls(request) ? "; Secure" : "");
}

}  // namespace

std::optional<std::string> SessionCookieValue(const HttpRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (name != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      std::string_view pair = Trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (Trim(pair.substr(0, eq)) == kSessionCookie) {
        std::string_view v = Trim(pair.substr(eq + 1));
        if (!v.empty()) return std::string(v);
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> BearerToken(const HttpRequest& request) {
  auto header = request.Header("authorization");
  if (!header) return std::nullopt;
  std::string_view value = Trim(*header);
  if (value.size() < 7 || !EqualsIgnoreCase(value.substr(0, 7), "bearer ")) return std::nullopt;
  std::string_view token = Trim(value.substr(7));
  if (token.empty()) return std::nullopt;
  return std::string(token);
}

bool CameOverTls(const HttpRequest& request) {
  auto proto = request.Header("x-forwarded-proto");
  return proto && EqualsIgnoreCase(Trim(*proto), "https");
}

std::string SessionCookieHeader(const HttpRequest& request, std::string_view token,
                                long long max_age_seconds) {
  return std::string(kSessionCookie) + "=" + std::string(token) +
         "; Max-Age=" + std::to_string(max_age_seconds) + CookieAttributes(request);
}

std::string ClearSessionCookieHeader(const HttpRequest& request) {
  return std::string(kSessionCookie) + "=; Max-Age=0" + CookieAttributes(request);
}

Status CheckSameOrigin(const HttpRequest& request) {
  auto origin = request.Header("origin");
  if (!origin) return Status::Ok();
  std::string_view host_header;
  if (auto forwarded = request.Header("x-forwarded-host")) {
    host_header = Trim(*forwarded);
  } else if (auto host = request.Header("host")) {
    host_header = Trim(*host);
  }
  std::string_view o = Trim(*origin);
  const auto scheme_end = o.find("://");
  std::string_view origin_host =
      scheme_end == std::string_view::npos ? std::string_view() : o.substr(scheme_end + 3);
  if (host_header.empty() || !EqualsIgnoreCase(origin_host, host_header)) {
    return Status::Forbidden("cross-site requests are refused").WithReason("origin");
  }
  return Status::Ok();
}

Result<domain::Actor> SessionAuthGate::Authenticate(const HttpRequest& request,
                                                    const AuthRequirement& requirement) {
  const std::optional<std::string> bearer = BearerToken(request);
  const bool use_token =
      requirement.credentials == Credentials::kApiToken ||
      (requirement.credentials == Credentials::kSessionOrToken && bearer.has_value());
  if (use_token) {
    if (!bearer) return Status::Error(ErrorCode::kUnauthenticated, "this route needs an API token");
    auto actor = accounts_.AuthenticateApiToken(*bearer, request.remote_address);
    if (!actor.ok()) return actor.status();
    if (!requirement.scope.empty()) {
      PAIRWISE_RETURN_IF_ERROR(domain::RequireScope(*actor, requirement.scope));
    }
    return actor;
  }
  const std::optional<std::string> cookie = SessionCookieValue(request);
  if (!cookie) return Status::Error(ErrorCode::kUnauthenticated, "sign in first");
  auto session = accounts_.AuthenticateSession(*cookie, request.remote_address);
  if (!session.ok()) return session.status();
  if (ChangesState(request.method)) {
    auto csrf = request.Header(kCsrfHeader);
    if (!csrf || !crypto::ConstantTimeEquals(*csrf, session->csrf_token)) {
      return Status::Forbidden("missing or wrong X-CSRF-Token header").WithReason("csrf");
    }
  }
  return std::move(session->actor);
}

}  // namespace pairwise::api
