#include "api/handlers/sso_handlers.h"

#include "api/handlers/handler_util.h"
#include "api/handlers/session_auth_gate.h"
#include "common/text.h"

namespace pairwise::api {

namespace {

using nlohmann::json;

HttpResponse Redirect(std::string location) {
  HttpResponse response;
  response.status = 302;
  response.SetHeader("Location", std::move(location));
  response.SetHeader("Cache-Control", "no-store");
  // The callback URL carries the code and state: no other site should see it.
  response.SetHeader("Referrer-Policy", "no-referrer");
  return response;
}

// Back to the sign-in page, which says in words what `status`'s reason means.
HttpResponse BackToSignIn(const Status& status) {
  const std::string reason = status.reason().empty() ? "unavailable" : status.reason();
  return Redirect("/sign-in?sso_error=" + PercentEncode(reason));
}

std::string SsoCookieHeader(const HttpRequest& request, std::string_view value, long long max_age) {
  // Lax: the browser sends it on the provider's top-level redirect back to the callback.
  return std::string(kSsoCookie) + "=" + std::string(value) +
         "; Max-Age=" + std::to_string(max_age) +
         "; Path=/api/v1/auth/sso; HttpOnly; SameSite=Lax" +
         (CameOverTls(request) ? "; Secure" : "");
}

std::string CookieValue(const HttpRequest& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      while (pair.starts_with(' ')) pair.remove_prefix(1);
      const auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
        return std::string(pair.substr(eq + 1));
      }
    }
  }
  return "";
}

json SettingsJson(const domain::SsoSettingsView& view) {
  const domain::SsoSettings& s = view.settings;
  return {{"enabled", s.enabled},
          {"provider_name", s.provider_name},
          {"issuer", s.issuer},
          {"client_id", s.client_id},
          {"client_secret_set", view.client_secret_set},
          {"match_by", domain::SsoMatchByName(s.match_by)},
          {"claim", s.claim},
          {"password_sign_in", s.password_sign_in},
          {"redirect_uri", view.redirect_uri}};
}

}  // namespace

void RegisterSsoRoutes(Router& router, AuthGate& gate, domain::SsoService& sso,
                       domain::AccountService& accounts) {
  router.Add(HttpMethod::kGet, "/api/v1/auth/sso",
             [&sso](const HttpRequest&, const PathParams&) {
               auto info = sso.PublicInfo();
               if (!info.ok()) return ErrorResponse(info.status());
               HttpResponse response =
                   HttpResponse::Json(200, {{"enabled", info->enabled},
                                            {"provider_name", info->provider_name},
                                            {"password_sign_in", info->password_sign_in}});
               response.SetHeader("Cache-Control", "no-store");
               return response;
             },
             {.body = BodyKind::kNone});

  router.Add(HttpMethod::kGet, "/api/v1/auth/sso/start",
             [&sso](const HttpRequest& request, const PathParams&) {
               auto start = sso.Begin(request.remote_address);
               if (!start.ok()) {
                 if (start.status().code() != ErrorCode::kUnauthenticated) {
                   return ErrorResponse(start.status());
                 }
                 return BackToSignIn(start.status());
               }
               HttpResponse response = Redirect(start->authorization_url);
               response.SetHeader("Set-Cookie", SsoCookieHeader(request, start->browser_secret,
                                                                start->ttl.count()));
               return response;
             },
             {.body = BodyKind::kNone});

  router.Add(HttpMethod::kGet, "/api/v1/auth/sso/callback",
             [&sso, &accounts](const HttpRequest& request, const PathParams&) {
               domain::SsoCallback callback;
               callback.state = std::string(request.Query("state").value_or(""));
               callback.code = std::string(request.Query("code").value_or(""));
               callback.error = std::string(request.Query("error").value_or(""));
               callback.browser_secret = CookieValue(request, kSsoCookie);
               auto signed_in = sso.Complete(callback, request.remote_address);
               if (!signed_in.ok()) {
                 if (signed_in.status().code() != ErrorCode::kUnauthenticated) {
                   return ErrorResponse(signed_in.status());
                 }
                 return BackToSignIn(signed_in.status());
               }
               HttpResponse response = Redirect("/");
               response.SetHeader("Set-Cookie",
                                  SessionCookieHeader(request, signed_in->session_token,
                                                      accounts.options().session_absolute.count()));
               return response;
             },
             {.body = BodyKind::kNone});

  router.Add(
      HttpMethod::kGet, "/api/v1/admin/sso",
      Authenticated(gate,
                    [&sso](const HttpRequest&, const PathParams&, const domain::Actor& actor) {
                      auto view = sso.GetSettings(actor);
                      return Answer<domain::SsoSettingsView>(view, SettingsJson);
                    }),
      {.body = BodyKind::kNone});

  router.Add(
      HttpMethod::kPut, "/api/v1/admin/sso",
      Authenticated(
          gate, [&sso](const HttpRequest& request, const PathParams&, const domain::Actor& actor) {
            JsonReader body(*request.json);
            body.OnlyKnown({"enabled", "provider_name", "issuer", "client_id", "client_secret",
                            "match_by", "claim", "password_sign_in"});
            domain::SsoSettingsInput input;
            input.enabled = body.Bool("enabled");
            input.provider_name = body.String("provider_name");
            input.issuer = body.String("issuer");
            input.client_id = body.String("client_id");
            input.client_secret = body.OptionalString("client_secret");
            input.match_by = body.Enum("match_by", domain::ParseSsoMatchBy, "email or employee_id");
            input.claim = body.String("claim");
            input.password_sign_in = body.Bool("password_sign_in");
            if (!body.ok()) return ErrorResponse(body.status());
            auto view = sso.SaveSettings(actor, input);
            return Answer<domain::SsoSettingsView>(view, SettingsJson);
          }));
}

}  // namespace pairwise::api
