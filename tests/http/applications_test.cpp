// Forms, applications, review and the manager's view over the real server and SQLite, with real
// sign-ins. The access tests: a participant cannot see another's answers; a coordinator
// sees only their programs' applications; a manager sees participation, never answers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth_test_support.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

json Body(const ClientResponse& r) { return json::parse(r.body); }

class ApplicationsHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    program_ = CreateOpenProgram(coordinator_, "Grow");
    other_program_ = CreateOpenProgram(other_coordinator_, "Elsewhere");
    auto form =
        Call("PUT", program_ + "/forms/mentee", coordinator_,
             {{"questions",
               {{{"id", "goal"}, {"type", "long_text"}, {"label", "Your goal"}, {"required", true}},
                {{"id", "area"},
                 {"type", "single_choice"},
                 {"label", "Area"},
                 {"options", {"Tech", "People"}}},
                {{"id", "confidence"}, {"type", "scale"}, {"label", "Confidence"}}}}});
    ASSERT_EQ(form.status, 200) << form.body;
  }

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

  std::string CreateOpenProgram(const TestSession& coordinator, const std::string& name) {
    json fields = {
        {"name", name},
        {"type", "one_on_one"},
        {"need", "career_development"},
        {"start_date", "2027-01-01"},
        {"end_date", "2027-12-31"},
        {"enrollment_opens", "2026-11-01"},
        {"enrollment_closes", "2026-12-15"},
        {"manager_approval", true},
        {"eligibility", {{"mentor", {{"min_level", 5}}}, {"mentee", {{"max_level", 4}}}}}};
    auto created = Call("POST", "/api/v1/programs", coordinator, fields);
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string path =
        "/api/v1/programs/" + std::to_string(Body(created)["id"].get<int64_t>());
    EXPECT_EQ(Call("POST", path + "/open", coordinator).status, 200);
    return path;
  }

  AuthTestServer server_;  // E1 top; E2 manages E5 and E6; E3; E4 left. Today 2026-11-23.
  TestSession coordinator_ = SignInAs(server_, "E3", {domain::Role::kCoordinator});
  TestSession other_coordinator_ = SignInAs(server_, "E1", {domain::Role::kCoordinator});
  TestSession e5_ = SignInAs(server_, "E5");
  TestSession e6_ = SignInAs(server_, "E6");
  TestSession manager_ = SignInAs(server_, "E2");
  std::string program_, other_program_;
};

TEST_F(ApplicationsHttpTest, ApplyReviewAndWhoSeesWhat) {
  auto form = Body(Call("GET", program_ + "/forms/mentee", e5_));
  EXPECT_EQ(form["version"], 1);
  EXPECT_EQ(form["questions"][1]["options"], json({"Tech", "People"}));

  auto bad = Call("POST", program_ + "/applications", e5_,
                  {{"side", "mentee"}, {"answers", {{"area", "Sales"}}}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["field"], "answers.goal");
  auto as_mentor = Call("POST", program_ + "/applications", e5_,
                        {{"side", "mentor"}, {"answers", json::object()}});
  EXPECT_EQ(as_mentor.status, 403);
  EXPECT_EQ(Body(as_mentor)["error"]["code"], "ineligible");
  EXPECT_EQ(Body(as_mentor)["error"]["field"], "level");

  json answers = {{"goal", "Lead a team by next year"}, {"area", "Tech"}, {"confidence", 3}};
  auto applied =
      Call("POST", program_ + "/applications", e5_, {{"side", "mentee"}, {"answers", answers}});
  ASSERT_EQ(applied.status, 201) << applied.body;
  const json application = Body(applied);
  EXPECT_EQ(application["answers"], answers);
  EXPECT_EQ(application["manager_approval"], "pending");
  const std::string path =
      "/api/v1/applications/" + std::to_string(application["id"].get<int64_t>());
  auto twice =
      Call("POST", program_ + "/applications", e5_, {{"side", "mentee"}, {"answers", answers}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(Body(twice)["error"]["code"], "duplicate_application");

  // A participant cannot see another's answers; a coordinator sees only their programs'
  // applications; the manager never sees answers.
  EXPECT_EQ(Call("GET", path, e5_).status, 200);
  EXPECT_EQ(Call("GET", path, coordinator_).status, 200);
  EXPECT_EQ(Call("GET", path, e6_).status, 404);
  EXPECT_EQ(Call("GET", path, other_coordinator_).status, 404);
  EXPECT_EQ(Call("GET", path, manager_).status, 404);
  EXPECT_EQ(Call("GET", program_ + "/applications", other_coordinator_).status, 403);
  EXPECT_EQ(Call("GET", program_ + "/applications", e6_).status, 403);
  EXPECT_EQ(Call("PUT", path, e6_, {{"answers", answers}}).status, 404);

  // The manager was mailed, without the answers, and sees participation on /me/team.
  auto mail = server_.mail().LastTo("p.E2@example.com");
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->text.find("Lead a team"), std::string::npos);
  auto team = Body(Call("GET", "/api/v1/me/team", manager_));
  ASSERT_EQ(team["items"].size(), 1u);
  EXPECT_EQ(team["items"][0]["person"]["employee_id"], "E5");
  EXPECT_FALSE(team["items"][0].contains("answers"));
  EXPECT_EQ(team.dump().find("Lead a team"), std::string::npos);
  EXPECT_TRUE(Body(Call("GET", "/api/v1/me/team", e6_))["items"].empty());
  auto approved_time = Call("POST", path + "/manager-approval", manager_, {{"approve", true}});
  ASSERT_EQ(approved_time.status, 200) << approved_time.body;
  EXPECT_EQ(Body(approved_time)["manager_approval"], "approved");
  EXPECT_EQ(Call("POST", path + "/manager-approval", e6_, {{"approve", true}}).status, 404);

  // Review: the table has no answers; approving mails the applicant.
  auto table = Body(Call("GET", program_ + "/applications?status=submitted", coordinator_));
  ASSERT_EQ(table["items"].size(), 1u);
  EXPECT_FALSE(table["items"][0].contains("answers"));
  EXPECT_EQ(table["counts"]["submitted"], 1);
  auto decided = Call("POST", program_ + "/applications/review", coordinator_,
                      {{"application_ids", {application["id"]}},
                       {"decision", "approve"},
                       {"message", "Welcome aboard"}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(Body(decided)["updated"], 1);
  auto welcome = server_.mail().LastTo("p.E5@example.com");
  ASSERT_TRUE(welcome);
  EXPECT_NE(welcome->text.find("Welcome aboard"), std::string::npos);
  auto mine = Body(Call("GET", "/api/v1/me/applications", e5_));
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["status"], "approved");
  EXPECT_EQ(mine["items"][0]["program"]["name"], "Grow");
  EXPECT_EQ(Body(Call("PUT", path, e5_, {{"answers", answers}}))["error"]["code"],
            "already_reviewed");
  EXPECT_EQ(Body(Call("POST", path + "/withdraw", e5_))["status"], "withdrawn");
}

TEST_F(ApplicationsHttpTest, NominationsAndBulkReviewAreAllOrNothing) {
  auto refused = Call("POST", program_ + "/nominations", coordinator_,
                      {{"side", "mentee"}, {"employee_ids", {"E5", "E1"}}});  // E1 is level 10
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(Body(refused)["error"]["field"], "employee_ids");
  EXPECT_EQ(Body(Call("GET", program_ + "/applications", coordinator_))["total"], 0);
  auto nominated = Call("POST", program_ + "/nominations", coordinator_,
                        {{"side", "mentee"}, {"employee_ids", {"E5", "E6"}}});
  ASSERT_EQ(nominated.status, 200) << nominated.body;
  EXPECT_EQ(Body(nominated)["updated"], 2);
  auto table =
      Body(Call("GET", program_ + "/applications?status=approved&sort=name", coordinator_));
  ASSERT_EQ(table["items"].size(), 2u);
  EXPECT_EQ(table["items"][0]["nominated"], true);
  // Approving applications already approved changes nothing.
  json ids = {table["items"][0]["id"], table["items"][1]["id"]};
  auto again = Call("POST", program_ + "/applications/review", coordinator_,
                    {{"application_ids", ids}, {"decision", "decline"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Body(again)["error"]["code"], "invalid_status");
  EXPECT_EQ(Body(Call("GET", program_ + "/applications?status=approved", coordinator_))["total"],
            2);
  EXPECT_EQ(
      Call("POST", program_ + "/nominations", e5_, {{"side", "mentee"}, {"employee_ids", {"E6"}}})
          .status,
      403);
}

TEST_F(ApplicationsHttpTest, PreferredMentorsAreMentorsOfTheProgramOrRefused) {
  auto form = Call("PUT", program_ + "/forms/mentee", coordinator_,
                   {{"questions",
                     {{{"id", "goal"}, {"type", "long_text"}, {"label", "Your goal"}},
                      {{"id", "mentors"}, {"type", "ranked_mentors"}, {"label", "Mentors"}}}}});
  ASSERT_EQ(form.status, 200) << form.body;
  const std::string choices = program_ + "/mentor-choices";
  EXPECT_TRUE(Body(Call("GET", choices, e5_))["items"].empty());
  // E3 and E2 (E5's manager) apply as mentors.
  ASSERT_EQ(Call("POST", program_ + "/applications", coordinator_,
                 {{"side", "mentor"}, {"answers", json::object()}})
                .status,
            201);
  ASSERT_EQ(Call("POST", program_ + "/applications", manager_,
                 {{"side", "mentor"}, {"answers", json::object()}})
                .status,
            201);
  auto offered = Body(Call("GET", choices + "?q=first", e5_));
  ASSERT_EQ(offered["items"].size(), 1u) << offered;
  EXPECT_EQ(offered["items"][0]["employee_id"], "E3");
  EXPECT_EQ(offered["items"][0]["department"]["name"], "Finance");
  EXPECT_EQ(Call("GET", choices, other_coordinator_).status, 403);  // E1 may not be a mentee
  auto bad_limit = Call("GET", choices + "?limit=0", e5_);
  EXPECT_EQ(bad_limit.status, 400);
  EXPECT_EQ(Body(bad_limit)["error"]["field"], "limit");

  auto apply = [&](json mentors) {
    return Call("POST", program_ + "/applications", e5_,
                {{"side", "mentee"}, {"answers", {{"goal", "Grow"}, {"mentors", mentors}}}});
  };
  auto typed = apply({"Larissa Magalhães"});
  EXPECT_EQ(typed.status, 400);
  EXPECT_EQ(Body(typed)["error"]["field"], "answers.mentors");
  EXPECT_EQ(Body(typed)["error"]["message"],
            "Choice 1 is nobody in the directory: choose one of the program's mentors");
  auto manager = apply({"E3", "E2"});
  EXPECT_EQ(manager.status, 400);
  EXPECT_EQ(Body(manager)["error"]["field"], "answers.mentors");
  EXPECT_TRUE(Body(Call("GET", "/api/v1/me/applications", e5_))["items"].empty());
  auto applied = apply({"E3"});
  ASSERT_EQ(applied.status, 201) << applied.body;
  EXPECT_EQ(Body(applied)["answers"]["mentors"], json({"E3"}));
}

}  // namespace
}  // namespace pairwise::testing
