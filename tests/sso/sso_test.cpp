// Single sign-on against a real OpenID Connect provider on loopback (tests/sso/oidc_provider.py,
// python3-authlib, its own RS256 and ES256 keys, HTTPS with a certificate only these tests
// trust). Each test walks the redirect dance as a browser would: the server's start route, the
// provider's sign-in form, the server's callback with the browser's cookie.
#include <gtest/gtest.h>

#include <boost/url/parse.hpp>
#include <nlohmann/json.hpp>

#include "../http/auth_test_support.h"
#include "../mail/smtp_sink.h"
#include "common/text.h"
#include "sso/https_client.h"
#include "storage/sso_repository.h"

namespace pairwise::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The provider process, shared by every test of the suite.
class Provider {
 public:
  Provider() {
    dir_ = fs::temp_directory_path() / ("pairwise-oidc-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    if (!mail::testing::MakeCertificate(dir_, "localhost")) return;
    port_ = mail::testing::FreePort();
    std::vector<std::string> args = {mail::testing::kPython,
                                     PAIRWISE_OIDC_PROVIDER,
                                     "--port",
                                     std::to_string(port_),
                                     "--cert",
                                     (dir_ / "localhost.pem").string(),
                                     "--key",
                                     (dir_ / "localhost.key").string(),
                                     "--dir",
                                     dir_.string(),
                                     "--client-id",
                                     "pairwise-test",
                                     "--client-secret",
                                     "s3cret:with/odd&chars"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, mail::testing::kPython, nullptr, nullptr, argv.data(), environ) != 0) {
      pid_ = 0;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (pid_ && !fs::exists(dir_ / "ready") && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~Provider() {
    if (pid_) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  bool ready() const { return pid_ && fs::exists(dir_ / "ready"); }
  std::string issuer() const { return "https://127.0.0.1:" + std::to_string(port_); }
  std::string ca_file() const { return (dir_ / "localhost.pem").string(); }

 private:
  fs::path dir_;
  uint16_t port_ = 0;
  pid_t pid_ = 0;
};

Provider* provider = nullptr;

std::string Cookie(const ClientResponse& response, const std::string& name) {
  const std::string header = response.Header("set-cookie");
  if (!header.starts_with(name + "=")) return "";
  return header.substr(name.size() + 1, header.find(';') - name.size() - 1);
}

class SsoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    provider = new Provider();
    setenv("PAIRWISE_SSO_CA_FILE", provider->ca_file().c_str(), 1);
  }
  static void TearDownTestSuite() {
    delete provider;
    provider = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(provider->ready()) << "the OIDC provider did not start";
    server_ = std::make_unique<AuthTestServer>();
    // The provider stamps tokens with the real time.
    server_->clock().Advance(std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now() - server_->clock().Now()));
    admin_ = SignInAs(*server_, "E1", {domain::Role::kAdmin});
    ASSERT_EQ(Configure(Settings()).status, 200);
  }

  json Settings() const {
    return {{"enabled", true},
            {"provider_name", "Test Provider"},
            {"issuer", provider->issuer()},
            {"client_id", "pairwise-test"},
            {"client_secret", "s3cret:with/odd&chars"},
            {"match_by", "email"},
            {"claim", "email"},
            {"password_sign_in", true}};
  }

  ClientResponse Configure(const json& settings) {
    return server_->Connect().Request("PUT", "/api/v1/admin/sso", settings.dump(),
                                      JsonHeaders(admin_.Auth()));
  }

  // Begins a sign-in; the provider's sign-in form is filled with `login` and `mode`. Returns
  // the callback target the provider redirected to and the browser's pw_sso cookie.
  std::pair<std::string, std::string> Authorize(const std::string& login, const std::string& mode) {
    ClientResponse start = server_->Connect().Request("GET", "/api/v1/auth/sso/start");
    EXPECT_EQ(start.status, 302) << start.body;
    const std::string authorize = start.Header("location");
    EXPECT_TRUE(authorize.starts_with(provider->issuer() + "/authorize?")) << authorize;
    const std::string browser = Cookie(start, "pw_sso");
    EXPECT_FALSE(browser.empty());
    EXPECT_NE(start.Header("set-cookie").find("HttpOnly"), std::string::npos);
    auto url = boost::urls::parse_absolute_uri(authorize);
    EXPECT_TRUE(url.has_value());
    std::string form = "login=" + PercentEncode(login) + "&mode=" + PercentEncode(mode);
    for (auto param : url->params()) {
      form += "&" + PercentEncode(param.key) + "=" + PercentEncode(param.value);
    }
    sso::HttpsClient client({.ca_file = provider->ca_file()});
    auto answer = client.Fetch("POST", provider->issuer() + "/authorize",
                               {{"Content-Type", "application/x-www-form-urlencoded"}}, form);
    EXPECT_TRUE(answer.ok()) << answer.status().ToString();
    if (!answer.ok()) return {};
    EXPECT_EQ(answer->status, 302) << answer->body;
    std::string location = answer->Header("location");
    const std::string base = "https://pairwise.test";
    EXPECT_TRUE(location.starts_with(base + "/api/v1/auth/sso/callback?")) << location;
    return {location.substr(base.size()), browser};
  }

  ClientResponse Callback(const std::string& target, const std::string& browser) {
    Headers headers;
    if (!browser.empty()) headers.emplace_back("Cookie", "pw_sso=" + browser);
    return server_->Connect().Request("GET", target, "", headers);
  }

  ClientResponse SignIn(const std::string& login, const std::string& mode = "rs256") {
    auto [target, browser] = Authorize(login, mode);
    return Callback(target, browser);
  }

  // Who the session cookie set by `response` belongs to ("" when none).
  std::string Who(const ClientResponse& response) {
    const std::string session = Cookie(response, "pw_session");
    if (session.empty()) return "";
    ClientResponse me = server_->Connect().Request("GET", "/api/v1/auth/session", "",
                                                   {{"Cookie", "pw_session=" + session}});
    if (me.status != 200) return "";
    return json::parse(me.body)["account"]["employee_id"];
  }

  std::string AuditText() {
    ClientResponse audit = server_->Connect().Request("GET", "/api/v1/audit", "", admin_.Auth());
    return audit.body;
  }

  std::unique_ptr<AuthTestServer> server_;
  TestSession admin_;
};

constexpr const char* kRefusedPrefix = "/sign-in?sso_error=";

TEST_F(SsoTest, SignsInWithAnRs256TokenAndCreatesTheAccountOnce) {
  ClientResponse first = SignIn("p.E5@example.com");
  ASSERT_EQ(first.status, 302) << first.body;
  EXPECT_EQ(first.Header("location"), "/");
  EXPECT_EQ(Who(first), "E5");
  ClientResponse second = SignIn("P.E5@EXAMPLE.COM");  // case differs: the same person
  EXPECT_EQ(Who(second), "E5");
  ClientResponse accounts =
      server_->Connect().Request("GET", "/api/v1/accounts?q=E5", "", admin_.Auth());
  ASSERT_EQ(accounts.status, 200);
  int e5_accounts = 0;
  const json listed = json::parse(accounts.body);
  for (const json& a : listed["items"]) e5_accounts += a["employee_id"] == "E5";
  EXPECT_EQ(e5_accounts, 1) << accounts.body;
  EXPECT_NE(AuditText().find("single sign-on"), std::string::npos);
}

TEST_F(SsoTest, SignsInWithAnEs256TokenMatchedByEmployeeId) {
  json settings = Settings();
  settings["match_by"] = "employee_id";
  settings["claim"] = "employee_id";
  settings.erase("client_secret");  // the saved one stays
  ASSERT_EQ(Configure(settings).status, 200);
  ClientResponse response = SignIn("E6", "es256");
  ASSERT_EQ(response.status, 302) << response.body;
  EXPECT_EQ(response.Header("location"), "/");
  EXPECT_EQ(Who(response), "E6");
}

TEST_F(SsoTest, TheClientSecretIsStoredSealedAndOneSavedBeforeSealingStillWorks) {
  auto repository = storage::MakeSsoRepository(server_->app().database());
  auto stored = repository->LoadSettings();
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_TRUE((*stored)->client_secret.starts_with("sealed:")) << (*stored)->client_secret;
  EXPECT_EQ((*stored)->client_secret.find("s3cret"), std::string::npos);
  EXPECT_EQ(Who(SignIn("p.E5@example.com")), "E5");

  // A secret saved in plain text by an earlier version is read as it is, and sealed by the next
  // save that keeps it.
  domain::SsoSettings plain = **stored;
  plain.client_secret = "s3cret:with/odd&chars";
  ASSERT_TRUE(repository->SaveSettings(plain).ok());
  EXPECT_EQ(Who(SignIn("p.E5@example.com")), "E5");
  json settings = Settings();
  settings.erase("client_secret");
  ASSERT_EQ(Configure(settings).status, 200);
  stored = repository->LoadSettings();
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_TRUE((*stored)->client_secret.starts_with("sealed:")) << (*stored)->client_secret;
  EXPECT_EQ(Who(SignIn("p.E5@example.com")), "E5");
}

TEST_F(SsoTest, FetchesTheKeySetAgainWhenTheProviderRotatedItsKeys) {
  EXPECT_EQ(Who(SignIn("p.E5@example.com")), "E5");  // the key set is now cached
  EXPECT_EQ(Who(SignIn("p.E5@example.com", "rotate")), "E5");
}

struct Refusal {
  std::string login;
  std::string mode;
  std::string reason;
};

class SsoRefusalTest : public SsoTest, public ::testing::WithParamInterface<Refusal> {};

TEST_P(SsoRefusalTest, RefusesAndAudits) {
  const Refusal& r = GetParam();
  ClientResponse response = SignIn(r.login, r.mode);
  ASSERT_EQ(response.status, 302) << response.body;
  EXPECT_EQ(response.Header("location"), kRefusedPrefix + r.reason);
  EXPECT_EQ(Cookie(response, "pw_session"), "");
  EXPECT_NE(AuditText().find("sign_in_failed"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Tokens, SsoRefusalTest,
    ::testing::Values(Refusal{"p.E5@example.com", "wrong_signature", "bad_signature"},
                      Refusal{"p.E5@example.com", "wrong_audience", "wrong_audience"},
                      Refusal{"p.E5@example.com", "expired", "expired"},
                      Refusal{"p.E5@example.com", "wrong_issuer", "wrong_issuer"},
                      Refusal{"p.E5@example.com", "none", "unsupported_algorithm"},
                      Refusal{"nobody@example.com", "rs256", "unknown_person"},
                      Refusal{"p.E4@example.com", "rs256", "person_left"}),
    [](const auto& info) { return info.param.reason; });

TEST_F(SsoTest, RefusesAReplayedIdToken) {
  EXPECT_EQ(Who(SignIn("p.E5@example.com")), "E5");
  // The provider hands out the previous token again: its nonce is the earlier sign-in's.
  ClientResponse replay = SignIn("p.E5@example.com", "replay");
  EXPECT_EQ(replay.Header("location"), std::string(kRefusedPrefix) + "wrong_nonce");
  EXPECT_EQ(Cookie(replay, "pw_session"), "");
}

TEST_F(SsoTest, RefusesAReusedState) {
  auto [target, browser] = Authorize("p.E5@example.com", "rs256");
  EXPECT_EQ(Who(Callback(target, browser)), "E5");
  ClientResponse again = Callback(target, browser);
  EXPECT_EQ(again.Header("location"), std::string(kRefusedPrefix) + "invalid_state");
  EXPECT_EQ(Cookie(again, "pw_session"), "");
}

TEST_F(SsoTest, RefusesACallbackInAnotherBrowser) {
  auto [target, browser] = Authorize("p.E5@example.com", "rs256");
  ClientResponse elsewhere = Callback(target, "");
  EXPECT_EQ(elsewhere.Header("location"), std::string(kRefusedPrefix) + "invalid_state");
  // The attempt is used up by the try: the right browser cannot finish it afterwards either.
  EXPECT_EQ(Callback(target, browser).Header("location"),
            std::string(kRefusedPrefix) + "invalid_state");
}

TEST_F(SsoTest, RefusesAnExpiredAttempt) {
  auto [target, browser] = Authorize("p.E5@example.com", "rs256");
  server_->clock().Advance(std::chrono::minutes(11));
  EXPECT_EQ(Callback(target, browser).Header("location"),
            std::string(kRefusedPrefix) + "invalid_state");
}

TEST_F(SsoTest, RefusesAPersonWhoseAccountIsDisabled) {
  EXPECT_EQ(Who(SignIn("p.E5@example.com")), "E5");
  auto account = server_->app().account_repository().FindAccountByEmployeeId("E5");
  ASSERT_TRUE(account.ok() && *account);
  ASSERT_EQ(server_->Connect()
                .Request("POST",
                         "/api/v1/accounts/" + std::to_string((*account)->id.value) + "/deactivate",
                         "", admin_.Auth())
                .status,
            200);
  EXPECT_EQ(SignIn("p.E5@example.com").Header("location"),
            std::string(kRefusedPrefix) + "account_disabled");
}

TEST_F(SsoTest, TheSignInPageLearnsAboutTheProviderAndTheSecretIsNeverShown) {
  ClientResponse info = server_->Connect().Request("GET", "/api/v1/auth/sso");
  ASSERT_EQ(info.status, 200);
  EXPECT_EQ(
      json::parse(info.body),
      (json{{"enabled", true}, {"provider_name", "Test Provider"}, {"password_sign_in", true}}));
  ClientResponse settings =
      server_->Connect().Request("GET", "/api/v1/admin/sso", "", admin_.Auth());
  ASSERT_EQ(settings.status, 200);
  EXPECT_EQ(settings.body.find("s3cret"), std::string::npos);
  json body = json::parse(settings.body);
  EXPECT_EQ(body["client_secret_set"], true);
  EXPECT_EQ(body["redirect_uri"], "https://pairwise.test/api/v1/auth/sso/callback");
}

TEST_F(SsoTest, PasswordsCanBeTurnedOffExceptForAdmins) {
  json settings = Settings();
  settings["password_sign_in"] = false;
  ASSERT_EQ(Configure(settings).status, 200);
  ASSERT_TRUE(server_->app().accounts().CreateActiveAccount("E6", kTestPassword, {}).ok());
  ClientResponse refused = server_->Connect().Request(
      "POST", "/api/v1/auth/sign-in",
      json{{"email", "p.E6@example.com"}, {"password", kTestPassword}}.dump(), JsonHeaders());
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(json::parse(refused.body)["error"]["code"], "password_sign_in_disabled");
  EXPECT_EQ(Cookie(refused, "pw_session"), "");
  // The break-glass way in: an admin still signs in with a password.
  EXPECT_NO_THROW(SignInAs(*server_, "E1", {domain::Role::kAdmin}));
  ClientResponse info = server_->Connect().Request("GET", "/api/v1/auth/sso");
  EXPECT_EQ(json::parse(info.body)["password_sign_in"], false);
}

TEST_F(SsoTest, RefusesAnIssuerWhoseDiscoveryCannotBeRead) {
  json settings = Settings();
  settings["issuer"] = "https://127.0.0.1:" + std::to_string(mail::testing::FreePort());
  ClientResponse response = Configure(settings);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(json::parse(response.body)["error"]["field"], "issuer");
  settings["issuer"] = "http://127.0.0.1:1";
  EXPECT_EQ(Configure(settings).status, 400);
}

TEST_F(SsoTest, StartWithoutSingleSignOnGoesBackToTheSignInPage) {
  json settings = Settings();
  settings["enabled"] = false;
  ASSERT_EQ(Configure(settings).status, 200);
  ClientResponse start = server_->Connect().Request("GET", "/api/v1/auth/sso/start");
  EXPECT_EQ(start.status, 302);
  EXPECT_EQ(start.Header("location"), std::string(kRefusedPrefix) + "not_configured");
}

}  // namespace
}  // namespace pairwise::testing
