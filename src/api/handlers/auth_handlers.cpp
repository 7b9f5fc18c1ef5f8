#include "api/handlers/auth_handlers.h"

#include <chrono>

#include "api/handlers/session_auth_gate.h"
#include "api/json_reader.h"

namespace pairwise::api {

namespace {

using nlohmann::json;

// The request body's string members `names`, all required, and nothing else.
Result<std::vector<std::string>> StringMembers(const HttpRequest& request,
                                               std::initializer_list<std::string_view> names) {
  JsonReader body(*request.json);
  body.OnlyKnown(names);
  std::vector<std::string> out;
  for (std::string_view name : names) out.push_back(body.String(name));
  if (!body.ok()) return body.status();
  return out;
}

HttpResponse NoStore(HttpResponse response) {
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

HttpResponse SignedInResponse(const HttpRequest& request, const domain::SignedIn& signed_in,
                              const domain::AccountService& accounts) {
  HttpResponse response = HttpResponse::Json(
      200,
      {{"account", AccountJson(signed_in.account, false)}, {"csrf_token", signed_in.csrf_token}});
  response.SetHeader("Set-Cookie",
                     SessionCookieHeader(request, signed_in.session_token,
                                         accounts.options().session_absolute.count()));
  return NoStore(std::move(response));
}

HttpResponse RateLimitedResponse(const Status& status, int retry_after) {
  HttpResponse response = ErrorResponse(status);
  if (retry_after > 0) response.SetHeader("Retry-After", std::to_string(retry_after));
  return response;
}

}  // namespace

nlohmann::json AccountJson(const domain::AccountView& view, bool with_status) {
  json roles = json::array();
  for (domain::Role r : view.account.roles) roles.push_back(domain::RoleName(r));
  json out = {{"id", view.account.id.value}, {"employee_id", view.account.employee_id},
              {"email", view.account.email}, {"name", view.account.name},
              {"roles", std::move(roles)},   {"is_manager", view.is_manager}};
  if (with_status) out["status"] = domain::AccountStatusName(view.account.status);
  return out;
}

void RegisterAuthRoutes(Router& router, AuthGate& gate, domain::AccountService& accounts) {
  router.Add(HttpMethod::kPost, "/api/v1/auth/sign-in",
             [&accounts](const HttpRequest& request, const PathParams&) {
               if (Status s = CheckSameOrigin(request); !s.ok()) return ErrorResponse(s);
               auto body = StringMembers(request, {"email", "password"});
               if (!body.ok()) return ErrorResponse(body.status());
               int retry_after = 0;
               auto signed_in =
                   accounts.SignIn((*body)[0], (*body)[1], request.remote_address, &retry_after);
               if (!signed_in.ok()) return RateLimitedResponse(signed_in.status(), retry_after);
               return SignedInResponse(request, *signed_in, accounts);
             });

  router.Add(
      HttpMethod::kPost, "/api/v1/auth/sign-out",
      Authenticated(
          gate,
          [&accounts](const HttpRequest& request, const PathParams&, const domain::Actor& actor) {
            if (Status s = accounts.SignOut(SessionCookieValue(request).value_or(""), actor);
                !s.ok()) {
              return ErrorResponse(s);
            }
            HttpResponse response = HttpResponse::NoContent();
            response.SetHeader("Set-Cookie", ClearSessionCookieHeader(request));
            return response;
          }),
      {.body = BodyKind::kNone});

  router.Add(HttpMethod::kGet, "/api/v1/auth/session",
             [&accounts](const HttpRequest& request, const PathParams&) {
               // Not through the gate: the answer needs the session's CSRF token too.
               auto session = accounts.AuthenticateSession(SessionCookieValue(request).value_or(""),
                                                           request.remote_address);
               if (!session.ok()) return NoStore(ErrorResponse(session.status()));
               auto me = accounts.Me(session->actor);
               if (!me.ok()) return NoStore(ErrorResponse(me.status()));
               return NoStore(HttpResponse::Json(200, {{"account", AccountJson(*me, false)},
                                                       {"csrf_token", session->csrf_token}}));
             },
             {.body = BodyKind::kNone});

  router.Add(HttpMethod::kPost, "/api/v1/auth/password",
             Authenticated(gate, [&accounts](const HttpRequest& request, const PathParams&,
                                             const domain::Actor& actor) {
               auto body = StringMembers(request, {"current_password", "new_password"});
               if (!body.ok()) return ErrorResponse(body.status());
               int retry_after = 0;
               auto changed = accounts.ChangePassword(actor, (*body)[0], (*body)[1], &retry_after);
               if (!changed.ok()) return RateLimitedResponse(changed.status(), retry_after);
               HttpResponse response = HttpResponse::NoContent();
               response.SetHeader("Set-Cookie",
                                  SessionCookieHeader(request, changed->session_token,
                                                      accounts.options().session_absolute.count()));
               // The old session (and its CSRF token) is gone: the caller continues with these.
               response.SetHeader("X-CSRF-Token", changed->csrf_token);
               return NoStore(std::move(response));
             }));

  router.Add(HttpMethod::kPost, "/api/v1/auth/password-reset",
             [&accounts](const HttpRequest& request, const PathParams&) {
               if (Status s = CheckSameOrigin(request); !s.ok()) return ErrorResponse(s);
               auto body = StringMembers(request, {"email"});
               if (!body.ok()) return ErrorResponse(body.status());
               if (Status s = accounts.RequestPasswordReset((*body)[0], request.remote_address);
                   !s.ok()) {
                 return ErrorResponse(s);
               }
               return HttpResponse::Json(202, json::object());
             });

  router.Add(HttpMethod::kPost, "/api/v1/auth/redeem",
             [&accounts](const HttpRequest& request, const PathParams&) {
               if (Status s = CheckSameOrigin(request); !s.ok()) return ErrorResponse(s);
               auto body = StringMembers(request, {"token", "new_password"});
               if (!body.ok()) return ErrorResponse(body.status());
               auto signed_in =
                   accounts.RedeemOneTimeToken((*body)[0], (*body)[1], request.remote_address);
               if (!signed_in.ok()) return ErrorResponse(signed_in.status());
               return SignedInResponse(request, *signed_in, accounts);
             });

  router.Add(HttpMethod::kGet, "/api/v1/auth/redeem/{token}",
             [&accounts](const HttpRequest& request, const PathParams& params) {
               (void)request;
               auto info = accounts.InspectOneTimeToken(params.Get("token"));
               HttpResponse response =
                   info.ok() ? HttpResponse::Json(
                                   200, {{"purpose", domain::OneTimePurposeName(info->purpose)},
                                         {"email", info->email}})
                             : ErrorResponse(info.status());
               response.SetHeader("Referrer-Policy", "no-referrer");
               return NoStore(std::move(response));
             },
             {.body = BodyKind::kNone});
}

}  // namespace pairwise::api
