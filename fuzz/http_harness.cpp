#include "http_harness.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "api/dispatcher.h"
#include "api/handlers/session_auth_gate.h"
#include "api/router.h"
#include "app/application.h"
#include "common/crypto.h"
#include "domain/accounts/demo_accounts.h"

namespace pairwise::fuzz {
namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz harness: %s\n", what.c_str());
  std::abort();
}

struct Harness {
  Harness() {
    spdlog::set_level(spdlog::level::off);
    // One database per process: libFuzzer's -fork/-jobs workers must not share it.
    db_path = (std::filesystem::temp_directory_path() /
               ("pairwise-fuzz-" + std::to_string(::getpid()) + ".db"))
                  .string();
    std::filesystem::remove(db_path);
    app::ApplicationOptions options;
    options.password_cost = crypto::PasswordCost::Fast();
    options.base_url = "http://fuzz.local";
    options.notes_key = std::string(64, 'a');
    auto opened = app::Application::Open("sqlite:" + db_path, 1, options);
    if (!opened.ok()) Fail(opened.status().ToString());
    application = std::move(opened).value();
    domain::DemoOptions demo;
    demo.people = domain::kMinDemoPeople;
    if (auto loaded = application->LoadDemoIfEmpty(demo); !loaded.ok()) {
      Fail(loaded.status().ToString());
    }
    auto logins = application->DemoLogins();
    if (!logins.ok()) Fail(logins.status().ToString());
    for (const auto& login : *logins) {
      if (login.role == "admin") admin_email = login.email;
    }
    if (admin_email.empty()) Fail("the demo has no admin");
    application->RegisterRoutes(router, "");
    dispatcher = std::make_unique<api::Dispatcher>(router, 1024 * 1024);
    if (!EnsureSession()) Fail("the demo admin cannot sign in");
  }
  ~Harness() { std::filesystem::remove(db_path); }

  // False when the admin can no longer sign in (a fuzzed import marked them as left, a
  // fuzzed role change took their role): the caller then starts over on a fresh database.
  bool EnsureSession() {
    auto actor = application->accounts().AuthenticateSession(session_token, "127.0.0.1");
    if (actor.ok() && actor->actor.IsAdmin()) return true;
    auto signed_in =
        application->accounts().SignIn(admin_email, domain::kDemoPassword, "127.0.0.1");
    if (!signed_in.ok()) return false;
    session_token = signed_in->session_token;
    csrf_token = signed_in->csrf_token;
    auto again = application->accounts().AuthenticateSession(session_token, "127.0.0.1");
    return again.ok() && again->actor.IsAdmin();
  }
  // A SCIM token of the admin, made once.
  const std::string& ScimToken() {
    if (scim_token.empty()) {
      auto actor = application->accounts().AuthenticateSession(session_token, "127.0.0.1");
      if (!actor.ok()) Fail(actor.status().ToString());
      auto token =
          application->accounts().CreateApiToken(actor->actor, "fuzz", {"scim"}, std::nullopt);
      if (!token.ok()) Fail(token.status().ToString());
      scim_token = token->secret;
    }
    return scim_token;
  }

  std::string db_path;
  std::unique_ptr<app::Application> application;
  std::string admin_email;
  api::Router router;
  std::unique_ptr<api::Dispatcher> dispatcher;
  std::string session_token;
  std::string csrf_token;
  std::string scim_token;
};

Harness* harness = nullptr;  // libFuzzer exits with _exit: only replaced, never destroyed

Harness& TheHarness() {
  if (harness == nullptr) harness = new Harness();
  if (!harness->EnsureSession()) {
    delete harness;
    harness = new Harness();
  }
  return *harness;
}

}  // namespace

api::HttpResponse Send(std::string_view method, std::string_view target, std::string_view body,
                       Credentials credentials) {
  Harness& h = TheHarness();
  api::HttpRequest request;
  request.method = api::ParseHttpMethod(method);
  request.target = std::string(target);
  request.body = std::string(body);
  request.remote_address = "127.0.0.1";
  request.request_id = "fuzz";
  request.headers = {{"host", "fuzz.local"}, {"origin", "http://fuzz.local"}};
  if (credentials == Credentials::kScimToken) {
    request.headers.emplace_back("authorization", "Bearer " + h.ScimToken());
    if (!body.empty()) request.headers.emplace_back("content-type", "application/scim+json");
  } else {
    request.headers.emplace_back("cookie",
                                 std::string(api::kSessionCookie) + "=" + h.session_token);
    request.headers.emplace_back("x-csrf-token", h.csrf_token);
    if (!body.empty()) request.headers.emplace_back("content-type", "application/json");
  }
  api::HttpResponse response = h.dispatcher->Handle(request);
  if (response.status >= 500) {
    Fail(std::to_string(response.status) + " for " + std::string(method) + " " +
         std::string(target) + " body " + std::string(body) + "\nanswer: " + response.body);
  }
  return response;
}

void Prepare() { TheHarness(); }

}  // namespace pairwise::fuzz
