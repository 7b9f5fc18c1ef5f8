// Self-match over the real server and SQLite, with real sign-ins: mentors and mentees join a
// self-match program, a mentee browses and requests, the mentor accepts within capacity.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth_test_support.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

json Body(const ClientResponse& r) { return json::parse(r.body); }

class SelfMatchHttpTest : public ::testing::Test {
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

  AuthTestServer server_;  // E1 top (10); E2 (7) manages E5 and E6 (3); E3 (7). 2026-11-23.
  TestSession coordinator_ = SignInAs(server_, "E3", {domain::Role::kCoordinator});
  TestSession mentor_ = SignInAs(server_, "E2");
  TestSession e5_ = SignInAs(server_, "E5");
  TestSession e6_ = SignInAs(server_, "E6");
};

TEST_F(SelfMatchHttpTest, BrowseRequestAcceptWithinCapacity) {
  auto created =
      Call("POST", "/api/v1/programs", coordinator_,
           {{"name", "Pick a mentor"},
            {"type", "self_match"},
            {"need", "skills_transfer"},
            {"start_date", "2027-01-01"},
            {"end_date", "2027-12-31"},
            {"enrollment_opens", "2026-11-01"},
            {"enrollment_closes", "2026-12-15"},
            {"mentor_capacity", {{"mentees", 1}, {"hours_per_month", 4}}},
            {"eligibility", {{"mentor", {{"min_level", 5}}}, {"mentee", {{"max_level", 4}}}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string program =
      "/api/v1/programs/" + std::to_string(Body(created)["id"].get<int64_t>());
  ASSERT_EQ(Call("POST", program + "/open", coordinator_).status, 200);
  ASSERT_EQ(Call("POST", program + "/nominations", coordinator_,
                 {{"side", "mentor"}, {"employee_ids", {"E2", "E1"}}})
                .status,
            200);
  // Before approval a mentee may not browse.
  EXPECT_EQ(Call("GET", program + "/mentors", e5_).status, 403);
  ASSERT_EQ(Call("POST", program + "/nominations", coordinator_,
                 {{"side", "mentee"}, {"employee_ids", {"E5", "E6"}}})
                .status,
            200);
  auto mentors = Body(Call("GET", program + "/mentors", e5_));
  ASSERT_EQ(mentors["items"].size(), 2u);
  EXPECT_EQ(mentors["items"][1]["capacity"], (json{{"mentees", 1}, {"taken", 0}, {"open", 1}}));

  auto asked = Call("POST", program + "/requests", e5_,
                    {{"mentor_employee_id", "E2"}, {"message", "Could you help me grow?"}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::string request =
      "/api/v1/requests/" + std::to_string(Body(asked)["id"].get<int64_t>());
  auto other = Call("POST", program + "/requests", e6_, {{"mentor_employee_id", "E2"}});
  ASSERT_EQ(other.status, 201);
  auto incoming = Body(Call("GET", program + "/requests?box=incoming", mentor_));
  ASSERT_EQ(incoming["items"].size(), 2u);
  EXPECT_EQ(Call("POST", request + "/accept", e6_, json::object()).status, 404);  // not theirs
  EXPECT_EQ(Call("POST", request + "/accept", e5_, json::object()).status, 403);  // the mentee
  EXPECT_TRUE(Body(Call("GET", program + "/relationships", coordinator_))["items"].empty());
  auto accepted = Call("POST", request + "/accept", mentor_, {{"message", "Gladly"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(Body(accepted)["status"], "accepted");
  // The pair is a relationship now: the coordinator's list and both sides' My mentoring.
  auto pairs = Body(Call("GET", program + "/relationships", coordinator_))["items"];
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0]["id"], Body(accepted)["relationship_id"]);
  EXPECT_EQ(pairs[0]["mentor"]["employee_id"], "E2");
  EXPECT_EQ(pairs[0]["mentee"]["employee_id"], "E5");
  EXPECT_EQ(pairs[0]["status"], "pending_agreement");  // both accept the agreement next
  EXPECT_EQ(pairs[0]["source"], "self_match");
  for (const TestSession* who : {&mentor_, &e5_}) {
    auto mine = Body(Call("GET", "/api/v1/me/relationships", *who))["items"];
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0]["id"], pairs[0]["id"]);
  }
  EXPECT_EQ(Body(Call("GET", program + "/mentors", e6_))["items"][1]["capacity"],
            (json{{"mentees", 1}, {"taken", 1}, {"open", 0}}));
  auto full = Call(
      "POST", "/api/v1/requests/" + std::to_string(Body(other)["id"].get<int64_t>()) + "/accept",
      mentor_, json::object());
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(Body(full)["error"]["code"], "mentor_full");
  auto again = Call("POST", program + "/requests", e5_, {{"mentor_employee_id", "E1"}});
  EXPECT_EQ(Body(again)["error"]["code"], "already_matched");
  auto mail = server_.mail().LastTo("p.E5@example.com");
  ASSERT_TRUE(mail);
  EXPECT_NE(mail->text.find("Gladly"), std::string::npos);
  EXPECT_EQ(Call("GET", program + "/requests?box=all", e5_).status, 403);
  EXPECT_EQ(Body(Call("GET", program + "/requests?box=all", coordinator_))["items"].size(), 2u);
}

}  // namespace
}  // namespace pairwise::testing
