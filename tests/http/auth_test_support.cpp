#include "auth_test_support.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "domain/people/test_util.h"

namespace pairwise::testing {

namespace fs = std::filesystem;

domain::Directory AccessDirectory() {
  domain::Directory d = domain::testing::SmallDirectory();
  d.people.push_back(domain::testing::MakePerson("E5", "E2"));
  d.people.push_back(domain::testing::MakePerson("E6", "E2"));
  return d;
}

AuthTestServer::AuthTestServer(
    const domain::Directory& directory,
    const std::function<void(api::Router&, app::Application&)>& extra_routes)
    : clock_(TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 11 / 23))) {
  static std::atomic<int> counter = 0;
  dir_ = (fs::temp_directory_path() /
          ("pairwise-auth-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
             .string();
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  app::ApplicationOptions options;
  options.password_cost = crypto::PasswordCost::Fast();
  options.base_url = "https://pairwise.test";
  options.clock = &clock_;
  options.mail_queue = &mail_;
  auto app = app::Application::Open("sqlite:" + dir_ + "/test.db", 2, options);
  if (!app.ok()) throw std::runtime_error(app.status().ToString());
  app_ = std::move(app).value();
  if (Status s = app_->people().LoadDirectory(directory); !s.ok()) {
    throw std::runtime_error(s.ToString());
  }
  app_->RegisterRoutes(router_, "");
  if (extra_routes) extra_routes(router_, *app_);
  ServerConfig config;
  config.listen = {"127.0.0.1", 0};
  config.io_threads = 2;
  config.read_timeout = std::chrono::seconds(5);
  dispatcher_ = std::make_unique<api::Dispatcher>(router_, config.body_limit);
  server_ = std::make_unique<api::HttpServer>(config, *dispatcher_);
  if (Status s = server_->Bind(); !s.ok()) throw std::runtime_error(s.ToString());
  runner_ = std::async(std::launch::async, [this] { server_->Run(); });
}

AuthTestServer::~AuthTestServer() {
  server_->Stop();
  runner_.wait();
  app_.reset();
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

Headers TestSession::WithSession(bool with_csrf) const {
  testing::Headers h = {{"Cookie", "pw_session=" + session_token}, {"Origin", "http://127.0.0.1"}};
  if (with_csrf) h.emplace_back("X-CSRF-Token", csrf_token);
  return h;
}

std::optional<std::string> SessionFromSetCookie(const ClientResponse& response) {
  const std::string cookie = response.Header("set-cookie");
  const std::string prefix = "pw_session=";
  if (cookie.rfind(prefix, 0) != 0) return std::nullopt;
  const auto end = cookie.find(';');
  std::string value = cookie.substr(prefix.size(), end - prefix.size());
  if (value.empty()) return std::nullopt;
  return value;
}

TestSession SignInAs(AuthTestServer& server, const std::string& employee_id,
                     const std::vector<domain::Role>& roles) {
  auto account = server.app().accounts().CreateActiveAccount(employee_id, kTestPassword, roles);
  if (!account.ok()) throw std::runtime_error(account.status().ToString());
  nlohmann::json body = {{"email", account->email}, {"password", kTestPassword}};
  ClientResponse r =
      server.Connect().Request("POST", "/api/v1/auth/sign-in", body.dump(), JsonHeaders());
  if (r.status != 200) {
    throw std::runtime_error("sign-in as " + employee_id + ": " + std::to_string(r.status) + " " +
                             r.body);
  }
  TestSession session;
  session.employee_id = employee_id;
  session.email = account->email;
  session.account_id = account->id.value;
  session.session_token = SessionFromSetCookie(r).value_or("");
  session.csrf_token = nlohmann::json::parse(r.body).at("csrf_token").get<std::string>();
  return session;
}

std::string MintApiToken(AuthTestServer& server, const std::vector<std::string>& scopes,
                         const std::string& admin_employee_id) {
  auto admin = server.app().account_repository().FindAccountByEmployeeId(admin_employee_id);
  if (!admin.ok()) throw std::runtime_error(admin.status().ToString());
  domain::AccountId admin_id;
  if (*admin && std::find((*admin)->roles.begin(), (*admin)->roles.end(), domain::Role::kAdmin) !=
                    (*admin)->roles.end()) {
    admin_id = (*admin)->id;
  } else {
    auto created = server.app().accounts().CreateActiveAccount(admin_employee_id, kTestPassword,
                                                               {domain::Role::kAdmin});
    if (!created.ok()) throw std::runtime_error(created.status().ToString());
    admin_id = created->id;
  }
  domain::Actor actor;
  actor.account_id = admin_id;
  actor.employee_id = admin_employee_id;
  actor.roles = {domain::Role::kAdmin};
  auto token = server.app().accounts().CreateApiToken(actor, "test token", scopes, std::nullopt);
  if (!token.ok()) throw std::runtime_error(token.status().ToString());
  return token->secret;
}

Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

Headers JsonHeaders(Headers more) {
  more.emplace_back("Content-Type", "application/json");
  return more;
}

std::optional<std::string> LastMailedToken(AuthTestServer& server, const std::string& email) {
  auto mail = server.mail().LastTo(email);
  if (!mail) return std::nullopt;
  const auto at = mail->text.find("/redeem/");
  if (at == std::string::npos) return std::nullopt;
  const auto begin = at + 8;
  return mail->text.substr(begin, mail->text.find('\n', begin) - begin);
}

}  // namespace pairwise::testing
