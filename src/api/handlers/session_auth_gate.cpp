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

namespace {

// scheme, host and port of an origin, lower-cased, the port made explicit.
struct Origin {
  std::string scheme;
  std::string host;
  int port = 0;
  bool operator==(const Origin&) const = default;
};

int DefaultPort(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "host", "host:port", "[v6]" or "[v6]:port" with `scheme`'s default port when none is given.
std::optional<Origin> ParseAuthority(std::string scheme, std::string_view authority) {
  if (authority.empty() || authority.find_first_of("@/?# ") != std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view host = authority;
  std::string_view port;
  if (authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
    }
  } else if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return std::nullopt;
  Origin origin{std::move(scheme), Lower(host), 0};
  if (port.empty()) {
    origin.port = DefaultPort(origin.scheme);
  } else {
    if (port.size() > 5) return std::nullopt;
    for (char c : port) {
      if (c < '0' || c > '9') return std::nullopt;
      origin.port = origin.port * 10 + (c - '0');
    }
    if (origin.port == 0 || origin.port > 65535) return std::nullopt;
  }
  return origin;
}

// The origin of an Origin value ("https://host:port") or of a Referer URL (path and query
// ignored); nullopt for "null", other schemes and anything malformed.
std::optional<Origin> ParseOriginOf(std::string_view url) {
  url = Trim(url);
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  std::string scheme = Lower(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(scheme_end + 3);
  return ParseAuthority(std::move(scheme), rest.substr(0, rest.find_first_of("/?#")));
}

// Where the request was served: https when the proxy says it came over TLS, the Host it named
// (X-Forwarded-Host when a proxy rewrote Host).
std::optional<Origin> ServedOrigin(const HttpRequest& request) {
  std::optional<std::string_view> host = request.Header("x-forwarded-host");
  if (!host) host = request.Header("host");
  if (!host) return std::nullopt;
  std::string_view first = *host;
  first = Trim(first.substr(0, first.find(',')));  // a chain of proxies: the client's
  return ParseAuthority(CameOverTls(request) ? "https" : "http", first);
}

Status CrossSite() {
  return Status::Forbidden("cross-site requests are refused").WithReason("origin");
}

}  // namespace

Status CheckSameOrigin(const HttpRequest& request, SourceRequired required) {
  std::optional<std::string_view> source = request.Header("origin");
  if (!source) source = request.Header("referer");
  if (!source) return required == SourceRequired::kYes ? CrossSite() : Status::Ok();
  const std::optional<Origin> served = ServedOrigin(request);
  const std::optional<Origin> claimed = ParseOriginOf(*source);
  if (!served || !claimed || !(*served == *claimed)) return CrossSite();
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
    // Two locks: the CSRF token a cross-site page cannot read, and the browser's own statement
    // of where the request comes from.
    auto csrf = request.Header(kCsrfHeader);
    if (!csrf || !crypto::ConstantTimeEquals(*csrf, session->csrf_token)) {
      return Status::Forbidden("missing or wrong X-CSRF-Token header").WithReason("csrf");
    }
    PAIRWISE_RETURN_IF_ERROR(CheckSameOrigin(request, SourceRequired::kYes));
  }
  return std::move(session->actor);
}

}  // namespace pairwise::api
