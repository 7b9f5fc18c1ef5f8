// Reusable pieces for HTTP tests that need signed-in users or API tokens: a real server over a
// fresh SQLite database holding a small directory (fast password hashing, a FakeClock), and
// helpers that give a person an account with roles and sign them in (cookie + CSRF token), or
// mint an API token.
//
//   testing::AuthTestServer server;                       // AccessDirectory() loaded
//   auto admin = testing::SignInAs(server, "E1", {domain::Role::kAdmin});
//   auto r = server.Connect().Request("GET", "/api/v1/accounts", "", admin.Auth());
//   std::string token = testing::MintApiToken(server, {"scim"});
//   auto s = server.Connect().Request("GET", "/scim/v2/Users", "", testing::Bearer(token));
#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/dispatcher.h"
#include "api/http_server.h"
#include "api/router.h"
#include "app/application.h"
#include "common/clock.h"
#include "domain/people/person.h"
#include "storage/memory/recording_mail_queue.h"
#include "test_client.h"

namespace pairwise::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view kTestPassword = "test password 1234";

// SmallDirectory() plus two active people so that every kind of user exists:
// E1 (top, manages E2 and E3), E2 (manages E5 and E6), E3, E5 and E6 (individual
// contributors), E4 (left).
domain::Directory AccessDirectory();

class AuthTestServer {
 public:
  // `extra_routes` may add test-only routes (it gets the application, e.g. for its AuthGate)
  // before the server starts.
  explicit AuthTestServer(
      const domain::Directory& directory = AccessDirectory(),
      const std::function<void(api::Router&, app::Application&)>& extra_routes = {});
  ~AuthTestServer();
  AuthTestServer(const AuthTestServer&) = delete;
  AuthTestServer& operator=(const AuthTestServer&) = delete;

  app::Application& app() { return *app_; }
  FakeClock& clock() { return clock_; }
  // Every mail the application sent.
  storage::RecordingMailQueue& mail() { return mail_; }
  uint16_t port() const { return server_->port(); }
  TestConnection Connect() const { return TestConnection(port()); }
  const api::Router& router() const { return router_; }
  // The SQLite database file (its -wal and -shm companions sit beside it).
  std::string database_file() const { return dir_ + "/test.db"; }

 private:
  std::string dir_;
  FakeClock clock_;
  storage::RecordingMailQueue mail_;
  std::unique_ptr<app::Application> app_;
  api::Router router_;
  std::unique_ptr<api::Dispatcher> dispatcher_;
  std::unique_ptr<api::HttpServer> server_;
  std::future<void> runner_;
};

struct TestSession {
  std::string employee_id;
  std::string email;
  int64_t account_id = 0;
  std::string session_token;  // the pw_session cookie's value
  std::string csrf_token;
  // Cookie, Origin (the test server's: the client sends Host 127.0.0.1) and X-CSRF-Token
  // (unless `with_csrf` is false) headers for a request, as a browser sends them.
  Headers WithSession(bool with_csrf = true) const;
  Headers Auth() const { return WithSession(true); }
};

// Gives the person an active account with kTestPassword and `roles` (resetting an existing
// one), then signs in over HTTP. Throws std::runtime_error when sign-in fails.
TestSession SignInAs(AuthTestServer& server, const std::string& employee_id,
                     const std::vector<domain::Role>& roles = {});

// Creates an API token with `scopes` (as an admin account of `admin_employee_id`, created if
// needed) and returns the secret. Throws std::runtime_error on failure.
std::string MintApiToken(AuthTestServer& server, const std::vector<std::string>& scopes,
                         const std::string& admin_employee_id = "E1");

// Authorization: Bearer <token>.
Headers Bearer(const std::string& token);
// Content-Type: application/json plus `more`.
Headers JsonHeaders(Headers more = {});

// The one-time token in the newest mail to `email` ("{base}/redeem/<token>"), if any.
std::optional<std::string> LastMailedToken(AuthTestServer& server, const std::string& email);

// The value of the pw_session cookie set by a response's Set-Cookie, if any.
std::optional<std::string> SessionFromSetCookie(const ClientResponse& response);

}  // namespace pairwise::testing
