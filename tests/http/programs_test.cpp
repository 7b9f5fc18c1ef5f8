// Programs over the real server and SQLite, with real sign-ins: the life of a program and who
// may see or change it (roles and relations), through /api/v1 as the UI uses it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth_test_support.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

json Body(const ClientResponse& r) { return json::parse(r.body); }

json ProgramJson(std::string name) {
  return {
      {"name", std::move(name)},
      {"description", "A year of mentoring for new engineers"},
      {"type", "one_on_one"},
      {"need", "onboarding"},
      {"objectives", "Faster ramp-up"},
      {"measures", {"time to first release"}},
      {"start_date", "2027-01-01"},
      {"end_date", "2027-12-31"},
      {"enrollment_opens", "2026-11-01"},
      {"enrollment_closes", "2026-12-15"},
      {"meeting_cadence", "biweekly"},
      {"mentor_capacity", {{"mentees", 2}, {"hours_per_month", 6}}},
      {"eligibility",
       {{"mentor", {{"min_level", 5}}}, {"mentee", {{"max_level", 4}, {"departments", {"ENG"}}}}}}};
}

class ProgramsHttpTest : public ::testing::Test {
 protected:
  ClientResponse Call(const std::string& method, const std::string& path, const TestSession& who,
                      const json& body = nullptr) {
    Headers headers = who.Auth();
    std::string text;
    if (!body.is_null()) {
      headers.emplace_back("Content-Type", "application/json");
      text = body.dump();
    }
    return server_.Connect().Request(method, path, text, headers);
  }

  AuthTestServer server_;  // E1 top; E2 manages E5 and E6; E3; E4 left. Today 2026-11-23.
  TestSession coordinator_ = SignInAs(server_, "E6", {domain::Role::kCoordinator});
  TestSession participant_ = SignInAs(server_, "E5");
  TestSession admin_ = SignInAs(server_, "E1", {domain::Role::kAdmin});
  TestSession other_coordinator_ = SignInAs(server_, "E3", {domain::Role::kCoordinator});
};

TEST_F(ProgramsHttpTest, ACoordinatorRunsAProgramFromDraftToArchive) {
  auto created = Call("POST", "/api/v1/programs", coordinator_, ProgramJson("New engineers"));
  ASSERT_EQ(created.status, 201) << created.body;
  const json program = Body(created);
  const std::string path = "/api/v1/programs/" + std::to_string(program["id"].get<int64_t>());
  EXPECT_EQ(program["status"], "draft");
  EXPECT_EQ(program["coordinators"][0]["employee_id"], "E6");
  EXPECT_EQ(program["me"]["coordinator"], true);
  EXPECT_EQ(program["eligibility"]["mentee"]["departments"], json({"ENG"}));
  EXPECT_EQ(program["mentor_capacity"]["mentees"], 2);
  EXPECT_EQ(program["group"], nullptr);

  // A draft is nobody else's business.
  EXPECT_EQ(Call("GET", path, participant_).status, 404);
  EXPECT_EQ(Call("GET", path, other_coordinator_).status, 404);
  EXPECT_EQ(Call("GET", path, admin_).status, 200);
  EXPECT_TRUE(Body(Call("GET", "/api/v1/programs?view=all", participant_))["items"].empty());

  auto opened = Call("POST", path + "/open", coordinator_);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(Body(opened)["status"], "open");

  // Open: everyone signed in sees it, with whether they may join.
  auto seen = Call("GET", path, participant_);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(Body(seen)["me"]["coordinator"], false);
  EXPECT_EQ(Body(seen)["me"]["mentee_eligible"]["eligible"], true);
  EXPECT_EQ(Body(seen)["me"]["mentor_eligible"]["rule"], "level");
  auto joinable = Body(Call("GET", "/api/v1/programs?view=joinable", participant_));
  ASSERT_EQ(joinable["items"].size(), 1u);
  EXPECT_EQ(joinable["items"][0]["name"], "New engineers");
  EXPECT_EQ(Body(Call("GET", "/api/v1/programs?view=running", coordinator_))["items"].size(), 1u);

  // Seeing is not changing.
  json edit = ProgramJson("Renamed");
  edit["coordinators"] = {"E6"};  // a PUT replaces every field
  EXPECT_EQ(Call("PUT", path, participant_, edit).status, 403);
  EXPECT_EQ(Call("PUT", path, other_coordinator_, edit).status, 403);
  EXPECT_EQ(Call("POST", path + "/close", participant_).status, 403);
  auto renamed = Call("PUT", path, coordinator_, edit);
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(Body(renamed)["name"], "Renamed");

  EXPECT_EQ(Body(Call("POST", path + "/archive", coordinator_))["error"]["code"],
            "invalid_transition");
  ASSERT_EQ(Call("POST", path + "/close", coordinator_).status, 200);
  ASSERT_EQ(Call("POST", path + "/archive", admin_).status, 200);
  EXPECT_EQ(Call("GET", path, participant_).status, 404);
  auto frozen = Call("PUT", path, coordinator_, edit);
  EXPECT_EQ(frozen.status, 409);
  EXPECT_EQ(Body(frozen)["error"]["code"], "archived");

  // The audit log has the program's life.
  auto audit = Body(Call("GET", "/api/v1/audit", admin_));
  std::vector<std::string> actions;
  for (const auto& e : audit["items"]) {
    if (e["target"] == "program " + std::to_string(program["id"].get<int64_t>())) {
      actions.push_back(e["action"]);
    }
  }
  EXPECT_EQ(actions,
            (std::vector<std::string>{"program_archived", "program_closed", "program_updated",
                                      "program_open", "program_created"}));
}

TEST_F(ProgramsHttpTest, BadInputNamesTheFieldAndChangesNothing) {
  json bad = ProgramJson("Bad");
  bad["eligibility"]["mentor"]["sites"] = {"NOWHERE"};
  auto r = Call("POST", "/api/v1/programs", coordinator_, bad);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["field"], "eligibility.mentor.sites[0]");
  bad = ProgramJson("Bad");
  bad["type"] = "speed_dating";
  EXPECT_EQ(Body(Call("POST", "/api/v1/programs", coordinator_, bad))["error"]["field"], "type");
  bad = ProgramJson("Bad");
  bad["surprise"] = 1;
  EXPECT_EQ(Body(Call("POST", "/api/v1/programs", coordinator_, bad))["error"]["field"],
            "surprise");
  bad = ProgramJson("Bad");
  bad["type"] = "group";  // without sizes
  EXPECT_EQ(Body(Call("POST", "/api/v1/programs", coordinator_, bad))["error"]["field"], "group");
  bad = ProgramJson("Bad");
  bad.erase("start_date");
  EXPECT_EQ(Body(Call("POST", "/api/v1/programs", coordinator_, bad))["error"]["field"],
            "start_date");
  EXPECT_TRUE(Body(Call("GET", "/api/v1/programs?view=all", admin_))["items"].empty());

  ASSERT_EQ(Call("POST", "/api/v1/programs", coordinator_, ProgramJson("Once")).status, 201);
  auto twice = Call("POST", "/api/v1/programs", admin_, ProgramJson("ONCE"));
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(Body(twice)["error"]["code"], "duplicate_name");
}

TEST_F(ProgramsHttpTest, WritesNeedTheCsrfTokenAndTokensAreNotSessions) {
  Headers no_csrf = coordinator_.WithSession(false);
  no_csrf.emplace_back("Content-Type", "application/json");
  auto r = server_.Connect().Request("POST", "/api/v1/programs", ProgramJson("X").dump(), no_csrf);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Body(r)["error"]["code"], "csrf");
  const std::string token = MintApiToken(server_, {"export"});
  EXPECT_EQ(server_.Connect().Request("GET", "/api/v1/programs", "", Bearer(token)).status, 401);
}

TEST_F(ProgramsHttpTest, EligibilityCountsAndMentorCapacity) {
  auto preview = Call("POST", "/api/v1/programs/eligibility-preview", coordinator_,
                      json{{"mentor", {{"min_level", 7}}}, {"mentee", json::object()}});
  ASSERT_EQ(preview.status, 200) << preview.body;
  // Active people: E1 (10), E2 and E3 (7), E5 and E6 (3); E4 left.
  EXPECT_EQ(Body(preview)["mentor"]["count"], 3);
  EXPECT_EQ(Body(preview)["mentee"]["count"], 5);
  EXPECT_EQ(
      Call("POST", "/api/v1/programs/eligibility-preview", participant_, json::object()).status,
      403);

  auto created = Call("POST", "/api/v1/programs", coordinator_, ProgramJson("Capacity"));
  ASSERT_EQ(created.status, 201);
  const std::string path = "/api/v1/programs/" + std::to_string(Body(created)["id"].get<int64_t>());
  ASSERT_EQ(Call("POST", path + "/open", coordinator_).status, 200);
  auto counts = Body(Call("GET", path + "/eligibility", coordinator_));
  EXPECT_EQ(counts["mentor"]["count"], 3);  // level >= 5
  EXPECT_EQ(counts["mentee"]["count"], 2);  // ENG and level <= 4: E5, E6
  EXPECT_EQ(Call("GET", path + "/eligibility", participant_).status, 403);

  TestSession mentor = SignInAs(server_, "E2");  // level 7
  EXPECT_EQ(Body(Call("GET", path + "/capacity/me", mentor)),
            (json{{"mentees", 2}, {"hours_per_month", 6}}));
  auto lowered =
      Call("PUT", path + "/capacity/me", mentor, {{"mentees", 1}, {"hours_per_month", 3}});
  ASSERT_EQ(lowered.status, 200) << lowered.body;
  EXPECT_EQ(Body(lowered), (json{{"mentees", 1}, {"hours_per_month", 3}}));
  auto raised =
      Call("PUT", path + "/capacity/me", mentor, {{"mentees", 3}, {"hours_per_month", 3}});
  EXPECT_EQ(raised.status, 400);
  EXPECT_EQ(Body(raised)["error"]["field"], "mentees");
  auto not_a_mentor =
      Call("PUT", path + "/capacity/me", participant_, {{"mentees", 1}, {"hours_per_month", 1}});
  EXPECT_EQ(not_a_mentor.status, 403);
  EXPECT_EQ(Body(not_a_mentor)["error"]["code"], "ineligible");
}

}  // namespace
}  // namespace pairwise::testing
