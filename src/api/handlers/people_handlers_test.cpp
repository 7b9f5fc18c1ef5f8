// The people routes through the router and dispatcher, with a fake gate and in-memory services.
#include "api/handlers/people_handlers.h"

#include <gtest/gtest.h>

#include "api/dispatcher.h"
#include "api/testing/fake_auth_gate.h"
#include "domain/people/test_util.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/memory/memory_profile_repository.h"

namespace pairwise::api {
namespace {

using nlohmann::json;

domain::Actor PersonActor(std::string employee_id, std::vector<domain::Role> roles = {}) {
  domain::Actor a;
  a.account_id = domain::AccountId(1);
  a.employee_id = std::move(employee_id);
  a.roles = std::move(roles);
  return a;
}

json ValidProfile() {
  return {{"bio", "Platform engineer.\nAsk me about C++."},
          {"languages", {"de"}},
          {"availability_hours_per_month", 6},
          {"meeting_preference", "in_person"},
          {"expertise", {{{"skill", "cpp"}, {"level", 4}}}},
          {"wants", {{{"skill", "budgeting"}, {"level", 2}}}}};
}

class PeopleHandlersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(people_.LoadDirectory(domain::testing::SmallDirectory()).ok());
    RegisterPeopleRoutes(router_, gate_, directory_);
    gate_.SignIn(PersonActor("E3"));
  }

  HttpResponse Send(HttpMethod method, std::string target, std::string body = {}) {
    HttpRequest request;
    request.method = method;
    request.target = std::move(target);
    request.request_id = "test";
    if (!body.empty()) {
      request.headers.emplace_back("content-type", "application/json");
      request.body = std::move(body);
    }
    return dispatcher_.Handle(request);
  }
  json Get(std::string target, int expected_status = 200) {
    HttpResponse r = Send(HttpMethod::kGet, std::move(target));
    EXPECT_EQ(r.status, expected_status) << r.body;
    return json::parse(r.body);
  }
  HttpResponse Put(const json& body) {
    return Send(HttpMethod::kPut, "/api/v1/me/profile", body.dump());
  }

  storage::MemoryPeopleRepository people_repository_;
  domain::PeopleService people_{people_repository_};
  storage::MemoryProfileRepository profiles_{people_repository_};
  FakeClock clock_{TimePoint(std::chrono::seconds(1'790'000'000))};
  domain::DirectoryService directory_{people_, profiles_, clock_};
  testing::FakeAuthGate gate_;
  Router router_;
  Dispatcher dispatcher_{router_, 1 << 20};
};

TEST_F(PeopleHandlersTest, EveryRouteNeedsASignedInPerson) {
  gate_.SignOut();
  for (const char* target : {"/api/v1/people", "/api/v1/people/E1", "/api/v1/me/profile",
                             "/api/v1/skills", "/api/v1/departments", "/api/v1/sites"}) {
    EXPECT_EQ(Send(HttpMethod::kGet, target).status, 401) << target;
  }
  EXPECT_EQ(Put(ValidProfile()).status, 401);

  domain::Actor token;
  token.kind = domain::Actor::Kind::kApiToken;
  token.api_token_id = domain::ApiTokenId(4);
  gate_.SignIn(token);
  EXPECT_EQ(Send(HttpMethod::kGet, "/api/v1/people").status, 403);
  EXPECT_EQ(Put(ValidProfile()).status, 403);
}

TEST_F(PeopleHandlersTest, SearchAnswersSummariesAndPages) {
  json page = Get("/api/v1/people?limit=2");
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0],
            json::parse(R"({"employee_id":"E1","name":"FirstE1 Last","email":"p.E1@example.com",
              "job_title":"Chief Executive Officer","level":10,
              "department":{"code":"ENG","name":"Engineering"},
              "site":{"code":"NYC","name":"New York"},"status":"active"})"));
  ASSERT_TRUE(page["next_cursor"].is_string());
  json rest = Get("/api/v1/people?limit=2&cursor=" + page["next_cursor"].get<std::string>());
  ASSERT_EQ(rest["items"].size(), 1u);  // E4 left
  EXPECT_EQ(rest["items"][0]["employee_id"], "E3");
  EXPECT_TRUE(rest["next_cursor"].is_null());

  json fin = Get("/api/v1/people?department=FIN&q=firste");
  ASSERT_EQ(fin["items"].size(), 1u);
  EXPECT_EQ(fin["items"][0]["employee_id"], "E3");
}

TEST_F(PeopleHandlersTest, SearchRejectsBadParametersWithTheField) {
  EXPECT_EQ(Get("/api/v1/people?limit=abc", 400)["error"]["field"], "limit");
  EXPECT_EQ(Get("/api/v1/people?limit=500", 400)["error"]["field"], "limit");
  EXPECT_EQ(Get("/api/v1/people?cursor=zzz", 400)["error"]["field"], "cursor");
  EXPECT_EQ(Get("/api/v1/people?skill=cobol", 400)["error"]["field"], "skill");
  EXPECT_EQ(Get("/api/v1/people?skill=cpp&skill_interest=all", 400)["error"]["field"],
            "skill_interest");
  EXPECT_EQ(Get("/api/v1/people?status=left", 403)["error"]["code"], "forbidden");
}

TEST_F(PeopleHandlersTest, PersonPageShowsHistoryOnlyToThoseAllowed) {
  json e2 = Get("/api/v1/people/E2");  // E3 is E2's peer
  EXPECT_EQ(e2["person"]["employee_id"], "E2");
  EXPECT_EQ(e2["person"]["manager_employee_id"], "E1");
  EXPECT_EQ(e2["person"]["hire_date"], "2020-03-15");
  EXPECT_EQ(e2["person"]["languages"], json({"en", "fr"}));
  EXPECT_EQ(e2["manager_chain"].size(), 1u);
  EXPECT_EQ(e2["direct_reports"].size(), 0u);  // E4 left
  EXPECT_TRUE(e2["profile"]["updated_at"].is_null());
  EXPECT_FALSE(e2.contains("history"));

  gate_.SignIn(PersonActor("E1"));
  json as_manager = Get("/api/v1/people/E2");
  ASSERT_TRUE(as_manager.contains("history"));
  EXPECT_EQ(as_manager["history"][0]["kind"], "title_change");

  EXPECT_EQ(Get("/api/v1/people/E4", 404)["error"]["code"], "not_found");
  gate_.SignIn(PersonActor("E3", {domain::Role::kAdmin}));
  json left = Get("/api/v1/people/E4");
  EXPECT_EQ(left["person"]["status"], "left");
  EXPECT_EQ(left["person"]["left_date"], "2024-06-30");
  EXPECT_EQ(left["history"].size(), 3u);
}

TEST_F(PeopleHandlersTest, OwnProfileRoundTrips) {
  json empty = Get("/api/v1/me/profile");
  EXPECT_EQ(empty["employee_id"], "E3");
  EXPECT_TRUE(empty["updated_at"].is_null());
  EXPECT_EQ(empty["meeting_preference"], "either");

  HttpResponse put = Put(ValidProfile());
  ASSERT_EQ(put.status, 200) << put.body;
  json saved = json::parse(put.body);
  EXPECT_EQ(saved["updated_at"], "2026-09-21T14:13:20Z");
  json expected = ValidProfile();
  expected["employee_id"] = "E3";
  expected["updated_at"] = "2026-09-21T14:13:20Z";
  EXPECT_EQ(saved, expected);
  EXPECT_EQ(Get("/api/v1/me/profile"), expected);
  EXPECT_EQ(Get("/api/v1/people/E3")["profile"], expected);
  // What GET returns may be sent back as is.
  EXPECT_EQ(Put(saved).status, 200);
}

TEST_F(PeopleHandlersTest, BadProfileIs400WithTheFieldAndChangesNothing) {
  ASSERT_EQ(Put(ValidProfile()).status, 200);
  auto field_of = [&](const json& body) {
    HttpResponse r = Put(body);
    EXPECT_EQ(r.status, 400) << body.dump();
    return json::parse(r.body)["error"].value("field", "");
  };
  json b = ValidProfile();
  b["expertise"].push_back({{"skill", "cobol"}, {"level", 3}});
  EXPECT_EQ(field_of(b), "expertise[1].skill");
  b = ValidProfile();
  b["wants"][0]["level"] = 6;
  EXPECT_EQ(field_of(b), "wants[0].level");
  b["wants"][0]["level"] = 1e12;
  EXPECT_EQ(field_of(b), "wants[0].level");
  b = ValidProfile();
  b["bio"] = std::string(2001, 'x');
  EXPECT_EQ(field_of(b), "bio");
  b = ValidProfile();
  b["availability_hours_per_month"] = 161;
  EXPECT_EQ(field_of(b), "availability_hours_per_month");
  b["availability_hours_per_month"] = "6";
  EXPECT_EQ(field_of(b), "availability_hours_per_month");
  b = ValidProfile();
  b["meeting_preference"] = "phone";
  EXPECT_EQ(field_of(b), "meeting_preference");
  b = ValidProfile();
  b["languages"] = {"english"};
  EXPECT_EQ(field_of(b), "languages[0]");
  b = ValidProfile();
  b.erase("wants");
  EXPECT_EQ(field_of(b), "wants");
  b = ValidProfile();
  b["job_title"] = "CEO";  // directory fields are not the person's to edit
  EXPECT_EQ(field_of(b), "job_title");
  EXPECT_EQ(Send(HttpMethod::kPut, "/api/v1/me/profile", "{").status, 400);

  json stored = Get("/api/v1/me/profile");
  EXPECT_EQ(stored["bio"], ValidProfile()["bio"]);
  EXPECT_EQ(stored["expertise"], ValidProfile()["expertise"]);
}

TEST_F(PeopleHandlersTest, ReferenceData) {
  json skills = Get("/api/v1/skills");
  ASSERT_EQ(skills["items"].size(), 3u);
  EXPECT_EQ(
      skills["items"][0],
      json({{"code", "budgeting"}, {"name", "Budgeting"}, {"family", "Finance & Accounting"}}));
  json departments = Get("/api/v1/departments");
  EXPECT_EQ(departments["items"][1],
            json({{"code", "FIN"}, {"name", "Finance"}, {"division", "Operations"}}));
  json sites = Get("/api/v1/sites");
  EXPECT_EQ(sites["items"][0], json({{"code", "LON"},
                                     {"name", "London"},
                                     {"country", "GB"},
                                     {"time_zone", "Europe/London"}}));
}

}  // namespace
}  // namespace pairwise::api
