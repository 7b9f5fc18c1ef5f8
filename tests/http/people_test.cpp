// The people routes end to end: the real server on loopback over the real application (SQLite,
// the demo organization with its profiles), with a stand-in gate for who is signed in (sign-in
// itself is tested with the accounts routes).
#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <set>

#include "api/handlers/people_handlers.h"
#include "api/http_server.h"
#include "api/testing/fake_auth_gate.h"
#include "app/application.h"
#include "test_client.h"

namespace pairwise {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class PeopleHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pairwise-people-http-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto app = app::Application::Open("sqlite:" + (dir_ / "test.db").string(), 2);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    auto loaded = app_->LoadDemoIfEmpty({.people = 300});
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    api::RegisterPeopleRoutes(router_, gate_, app_->directory());
    ServerConfig config;
    config.listen = {"127.0.0.1", 0};
    config.io_threads = 2;
    dispatcher_ = std::make_unique<api::Dispatcher>(router_, config.body_limit);
    server_ = std::make_unique<api::HttpServer>(config, *dispatcher_);
    ASSERT_TRUE(server_->Bind().ok());
    runner_ = std::async(std::launch::async, [this] { server_->Run(); });
  }
  void TearDown() override {
    if (server_) {
      server_->Stop();
      runner_.wait();
    }
    server_.reset();
    dispatcher_.reset();
    app_.reset();
    fs::remove_all(dir_);
  }

  void SignIn(std::string employee_id, bool admin = false) {
    domain::Actor actor;
    actor.account_id = domain::AccountId(1);
    actor.employee_id = std::move(employee_id);
    if (admin) actor.roles = {domain::Role::kAdmin};
    gate_.SignIn(actor);
  }

  testing::ClientResponse Call(const std::string& method, const std::string& target,
                               const std::string& body = {}) {
    testing::TestConnection connection(server_->port());
    std::vector<std::pair<std::string, std::string>> headers;
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return connection.Request(method, target, body, headers);
  }
  json GetJson(const std::string& target, int expected = 200) {
    auto r = Call("GET", target);
    EXPECT_EQ(r.status, expected) << target << ": " << r.body;
    return json::parse(r.body);
  }

  // Someone of the demo organization with the given status.
  std::string AnyoneWithStatus(domain::EmploymentStatus status) {
    auto people = app_->people().ListPeople({"", 1000});
    EXPECT_TRUE(people.ok());
    for (const auto& p : *people) {
      if (p.status == status) return p.employee_id;
    }
    ADD_FAILURE() << "no one with that status";
    return "";
  }

  fs::path dir_;
  std::unique_ptr<app::Application> app_;
  api::testing::FakeAuthGate gate_;
  api::Router router_;
  std::unique_ptr<api::Dispatcher> dispatcher_;
  std::unique_ptr<api::HttpServer> server_;
  std::future<void> runner_;
};

TEST_F(PeopleHttpTest, PagingThroughSearchVisitsEveryCurrentPersonOnce) {
  const std::string me = AnyoneWithStatus(domain::EmploymentStatus::kActive);
  SignIn(me);
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    json page = GetJson("/api/v1/people?limit=40" + (cursor.empty() ? "" : "&cursor=" + cursor));
    for (const json& p : page["items"]) {
      EXPECT_EQ(p["status"], "active");
      seen.push_back(p["employee_id"]);
    }
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
    ASSERT_LT(++pages, 100);
  } while (!cursor.empty());
  auto people = app_->people().ListPeople({"", 1000});
  ASSERT_TRUE(people.ok());
  std::vector<std::string> active;
  for (const auto& p : *people) {
    if (p.status == domain::EmploymentStatus::kActive) active.push_back(p.employee_id);
  }
  EXPECT_EQ(seen, active);
}

TEST_F(PeopleHttpTest, DemoProfilesAreSearchableBySkill) {
  SignIn(AnyoneWithStatus(domain::EmploymentStatus::kActive));
  json skills = GetJson("/api/v1/skills");
  ASSERT_GT(skills["items"].size(), 100u);
  // Some skill of the taxonomy is on someone's profile, and every person found lists it.
  int found = 0;
  for (const json& skill : skills["items"]) {
    const std::string code = skill["code"];
    json page = GetJson("/api/v1/people?limit=5&skill=" + code);
    for (const json& p : page["items"]) {
      json profile = GetJson("/api/v1/people/" + p["employee_id"].get<std::string>())["profile"];
      bool listed = false;
      for (const char* list : {"expertise", "wants"}) {
        for (const json& s : profile[list]) listed = listed || s["skill"] == code;
      }
      EXPECT_TRUE(listed) << code << " on " << p["employee_id"];
      ++found;
    }
    if (found >= 10) break;
  }
  EXPECT_GE(found, 10);
}

TEST_F(PeopleHttpTest, OwnProfileEditShowsOnThePersonPage) {
  const std::string me = AnyoneWithStatus(domain::EmploymentStatus::kActive);
  SignIn(me);
  json skills = GetJson("/api/v1/skills");
  const std::string skill = skills["items"][0]["code"];
  json body = {{"bio", "Ask me anything — ¿qué tal?"},
               {"languages", {"pt"}},
               {"availability_hours_per_month", 5},
               {"meeting_preference", "virtual"},
               {"expertise", {{{"skill", skill}, {"level", 5}}}},
               {"wants", json::array()}};
  auto put = Call("PUT", "/api/v1/me/profile", body.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  json page = GetJson("/api/v1/people/" + me);
  EXPECT_EQ(page["profile"]["bio"], "Ask me anything — ¿qué tal?");
  EXPECT_EQ(page["profile"]["expertise"][0]["skill"], skill);
  EXPECT_TRUE(page.contains("history"));  // one's own

  body["expertise"][0]["level"] = 9;
  body["bio"] = "changed";
  auto bad = Call("PUT", "/api/v1/me/profile", body.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body)["error"]["field"], "expertise[0].level");
  EXPECT_EQ(GetJson("/api/v1/me/profile")["bio"], "Ask me anything — ¿qué tal?");
}

TEST_F(PeopleHttpTest, PeopleWhoLeftAreHiddenExceptFromAdmins) {
  const std::string left = AnyoneWithStatus(domain::EmploymentStatus::kLeft);
  SignIn(AnyoneWithStatus(domain::EmploymentStatus::kActive));
  EXPECT_EQ(GetJson("/api/v1/people/" + left, 404)["error"]["code"], "not_found");
  EXPECT_EQ(GetJson("/api/v1/people?status=left", 403)["error"]["code"], "forbidden");
  SignIn("ADMIN-ONLY", /*admin=*/true);
  EXPECT_EQ(GetJson("/api/v1/people/" + left)["person"]["status"], "left");
  json page = GetJson("/api/v1/people?status=left&limit=100");
  EXPECT_FALSE(page["items"].empty());
  gate_.SignOut();
  EXPECT_EQ(Call("GET", "/api/v1/people").status, 401);
}

}  // namespace
}  // namespace pairwise
