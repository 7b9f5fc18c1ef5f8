// Unresponsive mentor -> backfill over the real server (issue 22): the health board offers the
// program's coordinator "replace the mentor" once the mentor leaves a meeting proposal
// unanswered; one call ends the relationship no-fault, mails the mentor kindly and queues the
// mentee's rematch; nobody else may do it, and a responsive mentor is not replaced.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <string>

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
  // One statement on the server's database (the webhook endpoint set-up, the deliveries' count).
  long long Count(const std::string& sql) {
    long long n = -1;
    Status s =
        server_.app().database().Run(storage::TransactionMode::kRead, [&](soci::session& session) {
          session << sql, soci::into(n);
          return Status::Ok();
        });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return n;
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
  // An endpoint subscribed to endings, as an admin registers it (webhooks_test covers that).
  ASSERT_TRUE(server_.app()
                  .database()
                  .Run(storage::TransactionMode::kWrite,
                       [](soci::session& s) {
                         s << "INSERT INTO webhook_endpoints (url, description, events, active, "
                              "sealed_secret, created_by, created_at_us, updated_at_us) VALUES "
                              "('http://127.0.0.1:9/ended', 'd', 'relationship.ended', 1, "
                              "'sealed:x', 'E3', 0, 0)";
                         return Status::Ok();
                       })
                  .ok());

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

  // The ending is published as every other ending is: "relationship.ended", once, with the
  // relationship, its program, both sides and the reason.
  const std::string id = r.path.substr(r.path.rfind('/') + 1);
  const std::string program = r.program.substr(r.program.rfind('/') + 1);
  ASSERT_EQ(Count("SELECT COUNT(*) FROM webhook_deliveries WHERE event = 'relationship.ended'"), 1);
  std::string payload;
  ASSERT_TRUE(server_.app()
                  .database()
                  .Run(storage::TransactionMode::kRead,
                       [&](soci::session& s) {
                         s << "SELECT payload FROM webhook_deliveries", soci::into(payload);
                         return Status::Ok();
                       })
                  .ok());
  const json event = json::parse(payload);
  EXPECT_EQ(event["type"], "relationship.ended");
  EXPECT_EQ(event["data"], (json{{"relationship_id", id},
                                 {"program_id", program},
                                 {"mentor", "E7"},
                                 {"mentee", "E5"},
                                 {"end_reason", "no_time"}}));

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
  EXPECT_EQ(Count("SELECT COUNT(*) FROM webhook_deliveries"), 1) << "published once";
}

// Health recomputed when something happens (issue 22): no tick and no rescore runs in this
// test; each write of the pair brings the stored health up to date at once.
TEST_F(ReplaceMentorHttpTest, HealthIsRecomputedWhenSomethingHappens) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  EXPECT_EQ(Board(r.program)["items"].size(), 0u) << "pending pairs have no health";
  ActivateRelationship(server_, r);
  auto computed_at = [&] {
    auto board = Board(r.program);
    EXPECT_EQ(board["items"].size(), 1u) << board.dump();
    return board["items"].empty() ? std::string()
                                  : board["items"][0]["computed_at"].get<std::string>();
  };
  auto now = [&] { return FormatIso8601(server_.clock().Now()); };
  EXPECT_EQ(computed_at(), now()) << "scored once both accepted the agreement";

  Headers mentee = SignInAs(server_, "E5").Auth();
  Headers mentor = SignInAs(server_, "E7").Auth();
  server_.clock().Advance(std::chrono::minutes(10));
  auto proposed = Call("POST", r.path + "/meetings", mentee,
                       {{"starts_at", FormatIso8601(server_.clock().Now() + std::chrono::hours(1))},
                        {"duration_minutes", 60},
                        {"mode", "virtual"},
                        {"video_url", "https://meet.example.com/abc"},
                        {"agenda", "Goals"}});
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  EXPECT_EQ(computed_at(), now()) << "a proposal waits for the mentor";
  const std::string meeting =
      r.path + "/meetings/" + std::to_string(JsonOf(proposed)["id"].get<int64_t>());

  server_.clock().Advance(std::chrono::minutes(10));
  ASSERT_EQ(Call("POST", meeting + "/accept", mentor).status, 200);
  EXPECT_EQ(computed_at(), now()) << "accepted";

  server_.clock().Advance(std::chrono::hours(2));
  mentee = SignInAs(server_, "E5").Auth();
  mentor = SignInAs(server_, "E7").Auth();
  coordinator_ = SignInAs(server_, "E6", {domain::Role::kCoordinator});
  auto logged = Call("POST", meeting + "/log", mentee,
                     {{"outcome", "held"}, {"duration_minutes", 60}, {"topics", "Goals"}});
  ASSERT_EQ(logged.status, 200) << logged.body;
  const std::string after_log = computed_at();
  EXPECT_EQ(after_log, now()) << "logged";
  EXPECT_NE(Board(r.program)["items"][0]["components"]["recency"], nullptr);

  server_.clock().Advance(std::chrono::minutes(10));
  auto goal = Call("POST", r.path + "/goals", mentee, {{"title", "Speak at a meetup"}});
  ASSERT_EQ(goal.status, 201) << goal.body;
  EXPECT_EQ(computed_at(), now()) << "a goal added";

  server_.clock().Advance(std::chrono::minutes(10));
  auto feedback =
      Call("POST", r.path + "/feedback", mentor, {{"occasion", "pulse"}, {"rating", 4}});
  ASSERT_EQ(feedback.status, 201) << feedback.body;
  EXPECT_EQ(computed_at(), now()) << "feedback given";
}

}  // namespace
}  // namespace pairwise::testing
