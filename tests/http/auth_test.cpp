// Sign-in, sessions, CSRF, rate limiting, one-time links and API tokens over real HTTP.
#include "api/auth.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth_test_support.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;
using std::chrono::minutes;

json Json(const ClientResponse& r) { return json::parse(r.body); }

ClientResponse SignIn(AuthTestServer& server, const std::string& email, const std::string& password,
                      Headers extra = {}) {
  return server.Connect().Request("POST", "/api/v1/auth/sign-in",
                                  json{{"email", email}, {"password", password}}.dump(),
                                  JsonHeaders(std::move(extra)));
}

TEST(AuthHttp, SignInSetsAHardenedCookieAndTheSessionWorks) {
  AuthTestServer server;
  ASSERT_TRUE(server.app().accounts().CreateActiveAccount("E2", kTestPassword, {}).ok());
  ClientResponse r = SignIn(server, "P.E2@example.com", std::string(kTestPassword));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = r.Header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Max-Age=43200"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  json body = Json(r);
  EXPECT_EQ(body["account"]["employee_id"], "E2");
  EXPECT_EQ(body["account"]["email"], "p.E2@example.com");
  EXPECT_EQ(body["account"]["name"], "FirstE2 Last");
  EXPECT_EQ(body["account"]["roles"], json::array());
  EXPECT_EQ(body["account"]["is_manager"], true);
  const std::string csrf = body["csrf_token"];

  const std::string token = SessionFromSetCookie(r).value_or("");
  ClientResponse session = server.Connect().Request("GET", "/api/v1/auth/session", "",
                                                    {{"Cookie", "other=1; pw_session=" + token}});
  ASSERT_EQ(session.status, 200) << session.body;
  EXPECT_EQ(Json(session)["csrf_token"], csrf);
  EXPECT_EQ(Json(session)["account"]["employee_id"], "E2");

  // Behind a TLS-terminating proxy the cookie is Secure.
  ClientResponse tls = SignIn(server, "p.E2@example.com", std::string(kTestPassword),
                              {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(tls.status, 200);
  EXPECT_NE(tls.Header("set-cookie").find("; Secure"), std::string::npos);
}

TEST(AuthHttp, UnknownEmailAndWrongPasswordAnswerTheSame) {
  AuthTestServer server;
  ASSERT_TRUE(server.app().accounts().CreateActiveAccount("E2", kTestPassword, {}).ok());
  ClientResponse wrong = SignIn(server, "p.E2@example.com", "not the password");
  ClientResponse unknown = SignIn(server, "nobody@example.com", std::string(kTestPassword));
  ClientResponse no_account = SignIn(server, "p.E3@example.com", std::string(kTestPassword));
  for (const ClientResponse* r : {&wrong, &unknown, &no_account}) {
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(Json(*r)["error"]["code"], "invalid_credentials");
    EXPECT_EQ(r->body, wrong.body);
    EXPECT_TRUE(r->Header("set-cookie").empty());
  }
  ClientResponse missing = server.Connect().Request("POST", "/api/v1/auth/sign-in",
                                                    R"({"email":"x@example.com"})", JsonHeaders());
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(Json(missing)["error"]["field"], "password");
}

TEST(AuthHttp, CrossOriginSignInIsRefused) {
  AuthTestServer server;
  ASSERT_TRUE(server.app().accounts().CreateActiveAccount("E2", kTestPassword, {}).ok());
  ClientResponse evil = SignIn(server, "p.E2@example.com", std::string(kTestPassword),
                               {{"Origin", "https://evil.example"}});
  EXPECT_EQ(evil.status, 403);
  EXPECT_EQ(Json(evil)["error"]["code"], "origin");
  ClientResponse same = SignIn(server, "p.E2@example.com", std::string(kTestPassword),
                               {{"Origin", "http://127.0.0.1"}});
  EXPECT_EQ(same.status, 200) << same.body;
}

TEST(AuthHttp, StateChangingRequestsNeedTheCsrfToken) {
  AuthTestServer server;
  TestSession user = SignInAs(server, "E3");
  ClientResponse none =
      server.Connect().Request("POST", "/api/v1/auth/sign-out", "", user.WithSession(false));
  EXPECT_EQ(none.status, 403);
  EXPECT_EQ(Json(none)["error"]["code"], "csrf");
  Headers wrong = user.WithSession(false);
  wrong.emplace_back("X-CSRF-Token", "wrong");
  ClientResponse bad = server.Connect().Request("POST", "/api/v1/auth/sign-out", "", wrong);
  EXPECT_EQ(bad.status, 403);
  // GET needs no CSRF token.
  EXPECT_EQ(
      server.Connect().Request("GET", "/api/v1/auth/session", "", user.WithSession(false)).status,
      200);
  ClientResponse out = server.Connect().Request("POST", "/api/v1/auth/sign-out", "", user.Auth());
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.Header("set-cookie").find("pw_session=; Max-Age=0"), std::string::npos);
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/auth/session", "", user.Auth()).status, 401);
}

TEST(AuthHttp, CookieWritesMustComeFromTheServedOrigin) {
  AuthTestServer server;
  TestSession user = SignInAs(server, "E3");
  const Headers cookie_and_csrf = {{"Cookie", "pw_session=" + user.session_token},
                                   {"X-CSRF-Token", user.csrf_token}};
  auto sign_out = [&](Headers source) {
    Headers headers = cookie_and_csrf;
    for (auto& h : source) headers.push_back(std::move(h));
    return server.Connect().Request("POST", "/api/v1/auth/sign-out", "", headers);
  };
  // The right CSRF token is not enough: a request naming no source, or another scheme, host or
  // port, is refused.
  for (const Headers& source :
       {Headers{}, Headers{{"Origin", "https://127.0.0.1"}},
        Headers{{"Origin", "http://127.0.0.1:8080"}},
        Headers{{"Origin", "http://127.0.0.1.evil.example"}}, Headers{{"Origin", "null"}},
        Headers{{"Referer", "http://localhost/people"}}}) {
    ClientResponse r = sign_out(source);
    EXPECT_EQ(r.status, 403) << (source.empty() ? "none" : source[0].second);
    EXPECT_EQ(Json(r)["error"]["code"], "origin") << r.body;
  }
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/auth/session", "", user.Auth()).status, 200);
  // The Referer stands in for a missing Origin.
  EXPECT_EQ(sign_out({{"Referer", "http://127.0.0.1/settings"}}).status, 204);
}

TEST(AuthHttp, AdminsDeactivateAnAccountAndItsSessionsEnd) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  TestSession user = SignInAs(server, "E3");
  const std::string account = "/api/v1/accounts/" + std::to_string(user.account_id);
  ClientResponse refused =
      server.Connect().Request("POST", account + "/deactivate", "", user.Auth());
  EXPECT_EQ(refused.status, 403);

  ClientResponse off = server.Connect().Request("POST", account + "/deactivate", "", admin.Auth());
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(Json(off)["status"], "disabled");
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/auth/session", "", user.Auth()).status, 401);
  EXPECT_EQ(SignIn(server, user.email, std::string(kTestPassword)).status, 401);
  ClientResponse audit =
      server.Connect().Request("GET", "/api/v1/audit?action=account_deactivated", "", admin.Auth());
  ASSERT_EQ(audit.status, 200);
  ASSERT_EQ(Json(audit)["items"].size(), 1u) << audit.body;
  EXPECT_EQ(Json(audit)["items"][0]["target"], "person E3");
  ClientResponse own = server.Connect().Request(
      "POST", "/api/v1/accounts/" + std::to_string(admin.account_id) + "/deactivate", "",
      admin.Auth());
  EXPECT_EQ(own.status, 409);
  EXPECT_EQ(Json(own)["error"]["code"], "own_account");

  ClientResponse on = server.Connect().Request("POST", account + "/reactivate", "", admin.Auth());
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(Json(on)["status"], "active");
  EXPECT_EQ(SignIn(server, user.email, std::string(kTestPassword)).status, 200);
}

// Mails in the outbox (bulk invitations queue theirs there in their transaction), newest first.
std::vector<domain::OutboxMail> Outbox(AuthTestServer& server) {
  domain::Actor admin;
  admin.roles = {domain::Role::kAdmin};
  auto page = server.app().mail().List(admin, std::nullopt, 100);
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  return page.ok() ? page->items : std::vector<domain::OutboxMail>{};
}

TEST(AuthHttp, AdminsInviteManyPeopleAndEachOutcomeIsAnswered) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  TestSession user = SignInAs(server, "E3");
  auto post = [&](const json& body, const TestSession& who) {
    return server.Connect().Request("POST", "/api/v1/accounts/invitations/bulk", body.dump(),
                                    JsonHeaders(who.Auth()));
  };
  EXPECT_EQ(post({{"employee_ids", {"E5"}}, {"roles", json::array()}}, user).status, 403);
  // Neither or both ways of naming people: refused, nothing written.
  ClientResponse neither = post({{"roles", json::array()}}, admin);
  EXPECT_EQ(neither.status, 400);
  EXPECT_EQ(Json(neither)["error"]["field"], "employee_ids");
  EXPECT_EQ(
      post({{"employee_ids", {"E5"}}, {"approved_in_program", 1}, {"roles", json::array()}}, admin)
          .status,
      400);
  std::vector<std::string> too_many(501, "E5");
  for (std::size_t i = 0; i < too_many.size(); ++i) too_many[i] = "X" + std::to_string(i);
  EXPECT_EQ(post({{"employee_ids", too_many}, {"roles", json::array()}}, admin).status, 400);
  EXPECT_TRUE(Outbox(server).empty());

  ClientResponse r =
      post({{"employee_ids", {"E5", "E6", "E3", "E4", "NOPE"}}, {"roles", {"coordinator"}}}, admin);
  ASSERT_EQ(r.status, 200) << r.body;
  const json items = Json(r)["items"];
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0]["outcome"], "invited");
  EXPECT_EQ(items[0]["name"], "FirstE5 Last");
  EXPECT_EQ(items[0]["account"]["status"], "invited");
  EXPECT_EQ(items[1]["outcome"], "invited");
  EXPECT_EQ(items[2]["outcome"], "already_has_account");
  EXPECT_EQ(items[2]["account"], nullptr);
  EXPECT_EQ(items[3]["outcome"], "left_organization");
  EXPECT_EQ(items[4]["outcome"], "not_found");
  const auto mails = Outbox(server);
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].message.subject, "You are invited to Pairwise");

  // Resending: a fresh link for an invited account; none for an active one.
  const std::string invited_id = std::to_string(items[0]["account"]["id"].get<int64_t>());
  ClientResponse resent = server.Connect().Request(
      "POST", "/api/v1/accounts/" + invited_id + "/invitation", "", admin.Auth());
  ASSERT_EQ(resent.status, 200) << resent.body;
  EXPECT_EQ(Json(resent)["roles"], json({"coordinator"}));
  EXPECT_EQ(Outbox(server).size(), 3u);
  ClientResponse active = server.Connect().Request(
      "POST", "/api/v1/accounts/" + std::to_string(user.account_id) + "/invitation", "",
      admin.Auth());
  EXPECT_EQ(active.status, 409);
  EXPECT_EQ(Json(active)["error"]["code"], "not_invited");
  EXPECT_EQ(server.Connect()
                .Request("POST", "/api/v1/accounts/" + invited_id + "/invitation", "", user.Auth())
                .status,
            403);
}

TEST(AuthHttp, AdminsInviteEveryoneApprovedInAProgramWithoutAnAccount) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  TestSession coordinator = SignInAs(server, "E3", {domain::Role::kCoordinator});
  auto call = [&](const std::string& method, const std::string& path, const TestSession& who,
                  const json& body) {
    return server.Connect().Request(method, path, body.is_null() ? "" : body.dump(),
                                    body.is_null() ? who.Auth() : JsonHeaders(who.Auth()));
  };
  json fields = {{"name", "Grow"},
                 {"type", "one_on_one"},
                 {"need", "career_development"},
                 {"start_date", "2027-01-01"},
                 {"end_date", "2027-12-31"},
                 {"enrollment_opens", "2026-11-01"},
                 {"enrollment_closes", "2026-12-15"},
                 {"eligibility", {{"mentee", {{"max_level", 4}}}}}};
  ClientResponse created = call("POST", "/api/v1/programs", coordinator, fields);
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t program = Json(created)["id"].get<int64_t>();
  const std::string path = "/api/v1/programs/" + std::to_string(program);
  ASSERT_EQ(call("POST", path + "/open", coordinator, nullptr).status, 200);
  // E5 and E6 are nominated (approved) and have no account.
  ClientResponse nominated = call("POST", path + "/nominations", coordinator,
                                  {{"side", "mentee"}, {"employee_ids", {"E5", "E6"}}});
  ASSERT_EQ(nominated.status, 200) << nominated.body;
  const std::size_t before = Outbox(server).size();

  auto bulk = [&](int64_t id) {
    return call("POST", "/api/v1/accounts/invitations/bulk", admin,
                {{"approved_in_program", id}, {"roles", json::array()}});
  };
  ClientResponse r = bulk(program);
  ASSERT_EQ(r.status, 200) << r.body;
  const json items = Json(r)["items"];
  ASSERT_EQ(items.size(), 2u) << r.body;
  EXPECT_EQ(items[0]["outcome"], "invited");
  EXPECT_EQ(items[1]["outcome"], "invited");
  EXPECT_EQ(Json(r)["remaining"], 0);
  EXPECT_EQ(Outbox(server).size(), before + 2);
  // Now they have accounts: nobody is left to invite.
  ClientResponse again = bulk(program);
  ASSERT_EQ(again.status, 200);
  EXPECT_TRUE(Json(again)["items"].empty());
  EXPECT_EQ(bulk(999999).status, 404);
}

TEST(AuthHttp, RepeatedFailuresAreRateLimitedWithRetryAfter) {
  AuthTestServer server;
  ASSERT_TRUE(server.app().accounts().CreateActiveAccount("E2", kTestPassword, {}).ok());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(SignIn(server, "p.E2@example.com", "wrong password").status, 401);
  }
  ClientResponse limited = SignIn(server, "p.E2@example.com", std::string(kTestPassword));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(Json(limited)["error"]["code"], "rate_limited");
  EXPECT_EQ(limited.Header("retry-after"), "900");
  server.clock().Advance(minutes(15));
  EXPECT_EQ(SignIn(server, "p.E2@example.com", std::string(kTestPassword)).status, 200);
}

TEST(AuthHttp, SessionsExpireWhenIdleAndSlideWhenUsed) {
  AuthTestServer server;
  TestSession user = SignInAs(server, "E3");
  server.clock().Advance(minutes(25));
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/auth/session", "", user.Auth()).status, 200);
  server.clock().Advance(minutes(25));
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/auth/session", "", user.Auth()).status, 200);
  server.clock().Advance(minutes(31));
  ClientResponse expired = server.Connect().Request("GET", "/api/v1/auth/session", "", user.Auth());
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(Json(expired)["error"]["code"], "session_expired");
}

TEST(AuthHttp, PasswordChangeRevokesOtherSessions) {
  AuthTestServer server;
  TestSession first = SignInAs(server, "E3");
  TestSession second = SignInAs(server, "E3");
  ClientResponse changed = server.Connect().Request(
      "POST", "/api/v1/auth/password",
      json{{"current_password", kTestPassword}, {"new_password", "a new strong password"}}.dump(),
      JsonHeaders(first.Auth()));
  ASSERT_EQ(changed.status, 204) << changed.body;
  const std::string fresh = SessionFromSetCookie(changed).value_or("");
  ASSERT_FALSE(fresh.empty());
  EXPECT_FALSE(changed.Header("x-csrf-token").empty());
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/auth/session", "", first.Auth()).status, 401);
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/auth/session", "", second.Auth()).status, 401);
  ClientResponse now = server.Connect().Request("GET", "/api/v1/auth/session", "",
                                                {{"Cookie", "pw_session=" + fresh}});
  EXPECT_EQ(now.status, 200);
  EXPECT_EQ(Json(now)["csrf_token"], changed.Header("x-csrf-token"));
}

TEST(AuthHttp, InvitationAndResetLinksAreRedeemedOnce) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  ClientResponse invited = server.Connect().Request(
      "POST", "/api/v1/accounts/invitations",
      json{{"employee_id", "E5"}, {"roles", {"coordinator"}}}.dump(), JsonHeaders(admin.Auth()));
  ASSERT_EQ(invited.status, 201) << invited.body;
  EXPECT_EQ(Json(invited)["status"], "invited");
  EXPECT_EQ(Json(invited)["roles"], json::array({"coordinator"}));
  auto token = LastMailedToken(server, "p.E5@example.com");
  ASSERT_TRUE(token.has_value());

  ClientResponse inspect = server.Connect().Request("GET", "/api/v1/auth/redeem/" + *token);
  ASSERT_EQ(inspect.status, 200);
  EXPECT_EQ(Json(inspect)["purpose"], "invitation");
  EXPECT_EQ(Json(inspect)["email"], "p.E5@example.com");
  EXPECT_EQ(inspect.Header("referrer-policy"), "no-referrer");

  const std::string redeem_body =
      json{{"token", *token}, {"new_password", "my invited password"}}.dump();
  ClientResponse redeemed =
      server.Connect().Request("POST", "/api/v1/auth/redeem", redeem_body, JsonHeaders());
  ASSERT_EQ(redeemed.status, 200) << redeemed.body;
  EXPECT_TRUE(SessionFromSetCookie(redeemed).has_value());
  EXPECT_EQ(Json(redeemed)["account"]["roles"], json::array({"coordinator"}));
  EXPECT_EQ(
      server.Connect().Request("POST", "/api/v1/auth/redeem", redeem_body, JsonHeaders()).status,
      404);
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/auth/redeem/" + *token).status, 404);
  EXPECT_EQ(SignIn(server, "p.E5@example.com", "my invited password").status, 200);

  // Password reset: 202 whatever the email, a link only for accounts.
  for (const char* email : {"nobody@example.com", "p.E5@example.com"}) {
    ClientResponse r = server.Connect().Request("POST", "/api/v1/auth/password-reset",
                                                json{{"email", email}}.dump(), JsonHeaders());
    EXPECT_EQ(r.status, 202);
  }
  auto reset = LastMailedToken(server, "p.E5@example.com");
  ASSERT_TRUE(reset.has_value());
  ASSERT_NE(*reset, *token);
  EXPECT_EQ(Json(server.Connect().Request("GET", "/api/v1/auth/redeem/" + *reset))["purpose"],
            "reset");
  server.clock().Advance(minutes(61));
  EXPECT_EQ(server.Connect()
                .Request("POST", "/api/v1/auth/redeem",
                         json{{"token", *reset}, {"new_password", "too late password"}}.dump(),
                         JsonHeaders())
                .status,
            404);
}

TEST(AuthHttp, ApiTokensAuthenticateByBearerWithScopes) {
  AuthTestServer server(AccessDirectory(), [](api::Router& router, app::Application& app) {
    router.Add(
        api::HttpMethod::kGet, "/api/v1/test/export",
        api::Authenticated(
            app.auth_gate(),
            [](const api::HttpRequest&, const api::PathParams&, const domain::Actor& a) {
              return api::HttpResponse::Json(200, {{"actor", a.Describe()}});
            },
            {.credentials = api::Credentials::kSessionOrToken, .scope = domain::kScopeExport}),
        {.body = api::BodyKind::kNone});
    router.Add(api::HttpMethod::kGet, "/api/v1/test/scim",
               api::Authenticated(
                   app.auth_gate(),
                   [](const api::HttpRequest&, const api::PathParams&, const domain::Actor&) {
                     return api::HttpResponse::NoContent();
                   },
                   {.credentials = api::Credentials::kApiToken, .scope = domain::kScopeScim}),
               {.body = api::BodyKind::kNone});
  });
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  ClientResponse created = server.Connect().Request(
      "POST", "/api/v1/api-tokens",
      json{{"name", "BI export"}, {"scopes", {"export"}}, {"expires_in_days", 30}}.dump(),
      JsonHeaders(admin.Auth()));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = Json(created)["token"];
  const int64_t id = Json(created)["id"];
  EXPECT_EQ(Json(created)["scopes"], json::array({"export"}));
  EXPECT_FALSE(Json(created)["expires_at"].is_null());

  ClientResponse ok = server.Connect().Request("GET", "/api/v1/test/export", "", Bearer(token));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json(ok)["actor"], "api token " + std::to_string(id));
  // A session works on a session-or-token route too.
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/test/export", "", admin.Auth()).status, 200);
  // The wrong scope.
  ClientResponse scope = server.Connect().Request("GET", "/api/v1/test/scim", "", Bearer(token));
  EXPECT_EQ(scope.status, 403);
  EXPECT_EQ(Json(scope)["error"]["code"], "insufficient_scope");
  // A session is not a token.
  ClientResponse session = server.Connect().Request("GET", "/api/v1/test/scim", "", admin.Auth());
  EXPECT_EQ(session.status, 401);
  EXPECT_EQ(session.Header("www-authenticate"), "Bearer");
  // Tokens do not open session routes.
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/auth/session", "", Bearer(token)).status, 401);
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/test/export", "", Bearer("pw_bogus")).status,
            401);

  ClientResponse listed = server.Connect().Request("GET", "/api/v1/api-tokens", "", admin.Auth());
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(Json(listed)["items"].size(), 1u);
  EXPECT_FALSE(Json(listed)["items"][0]["last_used_at"].is_null());
  EXPECT_FALSE(Json(listed)["items"][0].contains("token"));

  ClientResponse revoked = server.Connect().Request(
      "DELETE", "/api/v1/api-tokens/" + std::to_string(id), "", admin.Auth());
  EXPECT_EQ(revoked.status, 204);
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/test/export", "", Bearer(token)).status, 401);

  // Expiry.
  ClientResponse daily = server.Connect().Request(
      "POST", "/api/v1/api-tokens",
      json{{"name", "IdP"}, {"scopes", {"scim"}}, {"expires_in_days", 1}}.dump(),
      JsonHeaders(admin.Auth()));
  ASSERT_EQ(daily.status, 201);
  const std::string expiring = Json(daily)["token"];
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/test/scim", "", Bearer(expiring)).status, 204);
  server.clock().Advance(std::chrono::hours(24));
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/test/scim", "", Bearer(expiring)).status, 401);
  // The helper mints working tokens for other tests.
  EXPECT_EQ(server.Connect()
                .Request("GET", "/api/v1/test/scim", "", Bearer(MintApiToken(server, {"scim"})))
                .status,
            204);
}

TEST(AuthHttp, AdminsListAccountsAndChangeRoles) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  TestSession user = SignInAs(server, "E5");
  ClientResponse page =
      server.Connect().Request("GET", "/api/v1/accounts?limit=1", "", admin.Auth());
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(Json(page)["items"].size(), 1u);
  EXPECT_EQ(Json(page)["items"][0]["employee_id"], "E1");
  EXPECT_EQ(Json(page)["items"][0]["status"], "active");
  ClientResponse rest = server.Connect().Request(
      "GET", "/api/v1/accounts?cursor=" + Json(page)["next_cursor"].get<std::string>(), "",
      admin.Auth());
  ASSERT_EQ(rest.status, 200);
  ASSERT_EQ(Json(rest)["items"].size(), 1u);
  EXPECT_EQ(Json(rest)["items"][0]["employee_id"], "E5");
  EXPECT_TRUE(Json(rest)["next_cursor"].is_null());
  ClientResponse search =
      server.Connect().Request("GET", "/api/v1/accounts?q=p.e5", "", admin.Auth());
  ASSERT_EQ(Json(search)["items"].size(), 1u);

  const std::string roles_path = "/api/v1/accounts/" + std::to_string(user.account_id) + "/roles";
  ClientResponse granted = server.Connect().Request(
      "PUT", roles_path, R"({"roles":["coordinator"]})", JsonHeaders(admin.Auth()));
  ASSERT_EQ(granted.status, 200) << granted.body;
  EXPECT_EQ(Json(granted)["roles"], json::array({"coordinator"}));
  // The role applies to the user's existing session at once.
  ClientResponse session = server.Connect().Request("GET", "/api/v1/auth/session", "", user.Auth());
  EXPECT_EQ(Json(session)["account"]["roles"], json::array({"coordinator"}));
  EXPECT_EQ(server.Connect()
                .Request("PUT", roles_path, R"({"roles":["owner"]})", JsonHeaders(admin.Auth()))
                .status,
            400);
  ClientResponse own = server.Connect().Request(
      "PUT", "/api/v1/accounts/" + std::to_string(admin.account_id) + "/roles", R"({"roles":[]})",
      JsonHeaders(admin.Auth()));
  EXPECT_EQ(own.status, 409);
  EXPECT_EQ(Json(own)["error"]["code"], "own_admin_role");
  ClientResponse audit =
      server.Connect().Request("GET", "/api/v1/audit?action=role_granted", "", admin.Auth());
  ASSERT_EQ(Json(audit)["items"].size(), 1u);
  EXPECT_EQ(Json(audit)["items"][0]["target"], "person E5");
  EXPECT_EQ(Json(audit)["items"][0]["detail"], "coordinator");
}

TEST(AuthHttp, AdminsReadTheAuditLog) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  (void)SignIn(server, "p.E1@example.com", "wrong password");
  ClientResponse page = server.Connect().Request(
      "GET", "/api/v1/audit?limit=1&action=sign_in_failed", "", admin.Auth());
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(Json(page)["items"].size(), 1u) << page.body;
  EXPECT_EQ(Json(page)["items"][0]["action"], "sign_in_failed");
  EXPECT_EQ(Json(page)["items"][0]["actor"], "p.e1@example.com");
  EXPECT_EQ(Json(page)["items"][0]["remote_address"], "127.0.0.1");
  ASSERT_TRUE(Json(page)["next_cursor"].is_string());
  ClientResponse next =
      server.Connect().Request("GET",
                               "/api/v1/audit?limit=1&action=sign_in_failed&cursor=" +
                                   Json(page)["next_cursor"].get<std::string>(),
                               "", admin.Auth());
  ASSERT_EQ(next.status, 200);
  EXPECT_TRUE(Json(next)["items"].empty());
  EXPECT_TRUE(Json(next)["next_cursor"].is_null());
  ClientResponse all = server.Connect().Request("GET", "/api/v1/audit", "", admin.Auth());
  ASSERT_EQ(all.status, 200);
  EXPECT_GE(Json(all)["items"].size(), 2u);
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/audit?limit=0", "", admin.Auth()).status, 400);
  EXPECT_EQ(server.Connect().Request("GET", "/api/v1/audit?cursor=x", "", admin.Auth()).status,
            400);
}

}  // namespace
}  // namespace pairwise::testing
