// Unresponsive mentor -> backfill over the real server (issue 22): the health board offers the
// program's coordinator "replace the mentor" once the mentor leaves a meeting proposal
// unanswered; one call ends the relationship no-fault, mails the mentor kindly and queues the
// mentee's rematch; nobody else may do it, and a responsive mentor is not replaced.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "relationship_fixture.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

class ReplaceMentorHttpTest : public ::testing::Test {
 protected:
  ClientResponse Call(const std::string& method, const std::string& path, const Headers& who,
                      const json& body = nullptr) {
    return CallAs(server_, method, path, who, body);
  }
  json Board(const std::string& program) {
    auto r = Call("GET", program + "/health", coordinator_.Auth());
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonOf(r);
  }
  void Rescore() {
    auto scored = server_.app().health().Rescore(std::nullopt);
    ASSERT_TRUE(scored.ok()) << scored.status().ToString();
  }

  AuthTestServer server_{RelationshipDirectory()};
  TestSession coordinator_ = SignInAs(server_, "E6", {domain::Role::kCoordinator});
};

TEST_F(ReplaceMentorHttpTest, AnUnansweredMentorIsReplacedInOneClick) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  ActivateRelationship(server_, r);
  const Headers mentee = SignInAs(server_, "E5").Auth();
  Headers coordinator = coordinator_.Auth();
  const std::string replace = r.path + "/replace-mentor";

  // The mentee proposes a meeting; the mentor has not had the time to answer yet.
  const TimePoint at = server_.clock().Now() + std::chrono::days(10);
  auto proposed = Call("POST", r.path + "/meetings", mentee,
                       {{"starts_at", FormatIso8601(at)},
                        {"duration_minutes", 60},
                        {"mode", "virtual"},
                        {"video_url", "https://meet.example.com/abc"},
                        {"agenda", "Goals"}});
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  Rescore();
  auto board = Board(r.program);
  ASSERT_EQ(board["items"].size(), 1u) << board.dump();
  EXPECT_EQ(board["items"][0]["mentor_unresponsive"], false);
  auto early = Call("POST", replace, coordinator);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(JsonOf(early)["error"]["code"], "mentor_responsive");

  // Five days on, the proposal still waits for the mentor: the board offers the replacement.
  server_.clock().Advance(std::chrono::days(5));
  coordinator_ = SignInAs(server_, "E6", {domain::Role::kCoordinator});  // the old one expired
  coordinator = coordinator_.Auth();
  Rescore();
  board = Board(r.program);
  ASSERT_EQ(board["items"].size(), 1u);
  EXPECT_EQ(board["items"][0]["mentor_unresponsive"], true) << board.dump();

  // Only the program's coordinator: not the pair, the shadow mentor or another coordinator.
  EXPECT_EQ(Call("POST", replace, SignInAs(server_, "E5").Auth()).status, 403);
  EXPECT_EQ(Call("POST", replace, SignInAs(server_, "E7").Auth()).status, 403);
  EXPECT_EQ(Call("POST", replace, SignInAs(server_, "E8").Auth()).status, 403);
  EXPECT_EQ(
      Call("POST", replace, SignInAs(server_, "E10", {domain::Role::kCoordinator}).Auth()).status,
      404);
  EXPECT_EQ(Call("GET", r.path, coordinator).status, 200);
  EXPECT_EQ(JsonOf(Call("GET", r.path, coordinator))["status"], "active") << "nothing changed";

  auto replaced = Call("POST", replace, coordinator);
  ASSERT_EQ(replaced.status, 202) << replaced.body;
  EXPECT_EQ(JsonOf(replaced)["status"], "queued");
  auto detail = JsonOf(Call("GET", r.path, coordinator));
  EXPECT_EQ(detail["status"], "ended_early");
  EXPECT_EQ(detail["end_reason"], "no_time");

  // The mentor is told kindly, in plain words.
  auto mail = server_.mail().LastTo("p.E7@example.com");
  ASSERT_TRUE(mail.has_value());
  EXPECT_NE(mail->text.find("Thank you"), std::string::npos) << mail->text;
  EXPECT_NE(mail->text.find("Nothing is held against you"), std::string::npos) << mail->text;

  // The rematch queued is the mentee's only, of the rematch kind.
  auto proposals = JsonOf(Call("GET", r.program + "/proposals", coordinator));
  bool rematch = false;
  for (const auto& p : proposals["items"]) {
    if (p["id"] == JsonOf(replaced)["proposal_id"]) rematch = p["kind"] == "rematch";
  }
  EXPECT_TRUE(rematch) << proposals.dump();

  // Once ended, nothing more to replace.
  auto again = Call("POST", replace, coordinator);
  EXPECT_EQ(again.status, 409) << again.body;
}

}  // namespace
}  // namespace pairwise::testing
