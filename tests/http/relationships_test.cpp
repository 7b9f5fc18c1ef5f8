// A relationship's life over the real server and SQLite: the coordinator edits the program's
// agreement template; both sides accept (one adjusting the cadence, which withdraws the other's
// acceptance); stale and invalid acceptances are refused and write nothing; the relationship
// becomes active; one side ends it without blame, the coordinator is told by mail, reads the
// private comment and rematches the mentee; completing needs both sides.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "domain/demo/demo_relationships.h"
#include "relationship_fixture.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

class RelationshipsHttpTest : public ::testing::Test {
 protected:
  ClientResponse Call(const std::string& method, const std::string& path, const Headers& who,
                      const json& body = nullptr) {
    return CallAs(server_, method, path, who, body);
  }
  json Get(const std::string& path, const Headers& who) {
    auto r = Call("GET", path, who);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return JsonOf(r);
  }

  AuthTestServer server_{RelationshipDirectory()};
  TestSession coordinator_ = SignInAs(server_, "E6", {domain::Role::kCoordinator});
  Headers mentor_ = SignInAs(server_, "E7").Auth();
  Headers mentee_ = SignInAs(server_, "E5").Auth();
  // Signing in again (ActivateRelationship does) starts new sessions; tests re-sign in after it.
};

TEST_F(RelationshipsHttpTest, TemplateIsTheProgramsDefaultUntilSavedAndChecked) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  const Headers coordinator = coordinator_.Auth();
  auto initial = Get(r.program + "/agreement-template", coordinator);
  EXPECT_EQ(initial["mode"], "virtual");   // a virtual program
  EXPECT_EQ(initial["cadence_days"], 30);  // monthly by default
  EXPECT_EQ(initial["updated_at"], nullptr);

  json body = {{"confidentiality", "Between the two of us."},
               {"cadence_days", 0},
               {"length_months", 9},
               {"mode", "mixed"},
               {"how_to_end", "Either of us, any time."}};
  auto zero = Call("PUT", r.program + "/agreement-template", coordinator, body);
  ASSERT_EQ(zero.status, 400) << zero.body;
  EXPECT_EQ(JsonOf(zero)["error"]["field"], "cadence_days");
  EXPECT_EQ(Get(r.program + "/agreement-template", coordinator), initial);  // nothing written
  body["cadence_days"] = "14";
  auto text = Call("PUT", r.program + "/agreement-template", coordinator, body);
  EXPECT_EQ(text.status, 400);
  EXPECT_EQ(JsonOf(text)["error"]["field"], "cadence_days");
  body["cadence_days"] = 14;
  body["mode"] = "by carrier pigeon";
  EXPECT_EQ(
      JsonOf(Call("PUT", r.program + "/agreement-template", coordinator, body))["error"]["field"],
      "mode");
  body["mode"] = "mixed";
  auto saved = Call("PUT", r.program + "/agreement-template", coordinator, body);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(JsonOf(saved)["updated_by"], "E6");

  // A pending relationship that no one accepted reads the new terms.
  auto detail = Get(r.path, mentee_);
  EXPECT_EQ(detail["status"], "pending_agreement");
  EXPECT_EQ(detail["agreement"]["cadence_days"], 14);
  EXPECT_EQ(detail["agreement"]["length_months"], 9);
  EXPECT_EQ(detail["agreement"]["version"], 0);
  EXPECT_EQ(detail["face_to_face_suggested"], true);  // a virtual program
}

TEST_F(RelationshipsHttpTest, BothAcceptAdjustmentsResetTheOtherAndStaleVersionsConflict) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  const std::string accept = r.path + "/agreement/accept";

  auto mentee_accepts = Call("POST", accept, mentee_, {{"version", 0}});
  ASSERT_EQ(mentee_accepts.status, 200) << mentee_accepts.body;
  EXPECT_EQ(JsonOf(mentee_accepts)["agreement"]["mentee_accepted"], true);
  EXPECT_EQ(JsonOf(mentee_accepts)["agreement"]["version"], 1);

  // Bad input names its field and writes nothing.
  for (const json& bad :
       {json{{"version", 1}, {"cadence_days", 0}}, json{{"version", 1}, {"cadence_days", 93}},
        json{{"version", 1}, {"cadence_days", "weekly"}}}) {
    auto refused = Call("POST", accept, mentor_, bad);
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(JsonOf(refused)["error"]["field"], "cadence_days");
  }
  EXPECT_EQ(JsonOf(Call("POST", accept, mentor_,
                        {{"version", 1}, {"mode", "telepathy"}}))["error"]["field"],
            "mode");
  EXPECT_EQ(JsonOf(Call("POST", accept, mentor_, json::object()))["error"]["field"], "version");
  EXPECT_EQ(Get(r.path, mentor_)["agreement"]["version"], 1);

  // The mentor read version 0: the mentee's acceptance moved it on.
  auto stale = Call("POST", accept, mentor_, {{"version", 0}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(JsonOf(stale)["error"]["code"], "stale_agreement");

  // The mentor adjusts the cadence and accepts: the mentee must accept the new terms.
  auto adjusted =
      Call("POST", accept, mentor_, {{"version", 1}, {"cadence_days", 14}, {"mode", "mixed"}});
  ASSERT_EQ(adjusted.status, 200) << adjusted.body;
  auto a = JsonOf(adjusted);
  EXPECT_EQ(a["status"], "pending_agreement");
  EXPECT_EQ(a["agreement"]["mentor_accepted"], true);
  EXPECT_EQ(a["agreement"]["mentee_accepted"], false);
  EXPECT_EQ(a["agreement"]["cadence_days"], 14);
  EXPECT_EQ(a["agreement"]["mode"], "mixed");
  EXPECT_EQ(a["agreement"]["adjusted_by"], "E7");

  auto both = Call("POST", accept, mentee_, {{"version", 2}});
  ASSERT_EQ(both.status, 200) << both.body;
  auto active = JsonOf(both);
  EXPECT_EQ(active["status"], "active");
  EXPECT_NE(active["activated_at"], nullptr);
  EXPECT_TRUE(active["agreement"]["end_date"].is_string());
  EXPECT_EQ(Call("POST", accept, mentee_, {{"version", 3}}).status, 409);  // settled
  EXPECT_EQ(Get("/api/v1/me/relationships", mentor_)["items"][0]["status"], "active");
}

TEST_F(RelationshipsHttpTest, NoFaultEndingTellsTheCoordinatorWhoMayRematch) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  const Headers coordinator = coordinator_.Auth();
  EXPECT_EQ(
      JsonOf(Call("POST", r.path + "/end", mentor_, {{"reason", "rematch"}}))["error"]["field"],
      "reason");
  EXPECT_EQ(
      JsonOf(Call("POST", r.path + "/end", mentor_,
                  {{"reason", "no_time"}, {"comment", std::string(2001, 'x')}}))["error"]["field"],
      "comment");
  EXPECT_EQ(Get(r.path, mentor_)["status"], "pending_agreement");

  auto ended = Call("POST", r.path + "/end", mentor_,
                    {{"reason", "no_time"}, {"comment", "A new project takes all my time."}});
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(JsonOf(ended)["status"], "ended_early");
  EXPECT_EQ(Call("POST", r.path + "/end", mentee_, {{"reason", "other"}}).status, 409);

  auto mail = server_.mail().LastTo("p.E6@example.com");
  ASSERT_TRUE(mail.has_value());
  EXPECT_NE(mail->text.find("ended early"), std::string::npos) << mail->text;
  EXPECT_NE(mail->text.find("No time"), std::string::npos) << mail->text;
  EXPECT_EQ(mail->text.find("A new project"), std::string::npos) << "the comment stays in Pairwise";

  // The other side sees that it ended, not why; the coordinator reads both.
  auto other = Get(r.path, mentee_);
  EXPECT_EQ(other["status"], "ended_early");
  EXPECT_EQ(other["end_reason"], nullptr);
  EXPECT_EQ(other.dump().find("A new project"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/me/relationships", mentee_)["items"][0]["end_reason"], "");
  EXPECT_EQ(Get("/api/v1/me/relationships", mentor_)["items"][0]["end_reason"], "no_time");
  auto seen = Get(r.path, coordinator);
  EXPECT_EQ(seen["end_reason"], "no_time");
  EXPECT_EQ(seen["end_comment"], "A new project takes all my time.");
  EXPECT_EQ(Get(r.program + "/relationships?status=ended_early", coordinator)["total"], 1);
  EXPECT_EQ(Get(r.program + "/relationships?status=active", coordinator)["total"], 0);
  EXPECT_EQ(
      JsonOf(Call("GET", r.program + "/relationships?status=gone", coordinator))["error"]["field"],
      "status");

  auto rematch = Call("POST", r.path + "/rematch", coordinator);
  ASSERT_EQ(rematch.status, 202) << rematch.body;
  EXPECT_EQ(JsonOf(rematch)["status"], "queued");
}

// No blame shown to the other side, even when that side also oversees the program (an admin,
// the program's coordinator): as a member they read that it ended, not why nor who.
TEST_F(RelationshipsHttpTest, TheOtherSideReadsNoBlameEvenWhenTheyAlsoOversee) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  auto ended = Call("POST", r.path + "/end", mentor_,
                    {{"reason", "mismatch"}, {"comment", "We never clicked."}});
  ASSERT_EQ(ended.status, 200) << ended.body;
  const int64_t mentee_account = Get("/api/v1/auth/session", mentee_)["account"]["id"];
  const Headers admin = SignInAs(server_, "E1", {domain::Role::kAdmin}).Auth();
  auto promoted = Call("PUT", "/api/v1/accounts/" + std::to_string(mentee_account) + "/roles",
                       admin, {{"roles", {"admin"}}});
  ASSERT_EQ(promoted.status, 200) << promoted.body;

  auto other = Get(r.path, mentee_);
  EXPECT_EQ(other["status"], "ended_early");
  EXPECT_EQ(other["end_reason"], nullptr) << other.dump();
  EXPECT_EQ(other["ended_by_name"], "") << other.dump();
  EXPECT_EQ(other.dump().find("We never clicked"), std::string::npos) << other.dump();
  // Nor in the program's relationships table, which the member may read as an admin.
  auto table = Get(r.program + "/relationships?status=ended_early", mentee_);
  ASSERT_EQ(table["total"], 1) << table.dump();
  EXPECT_EQ(table["items"][0]["end_reason"], "") << table.dump();
  EXPECT_EQ(Get(r.program + "/relationships?status=ended_early", admin)["items"][0]["end_reason"],
            "mismatch");
  // The side that ended it, and an admin outside the pair, still read why.
  EXPECT_EQ(Get(r.path, mentor_)["end_reason"], "mismatch");
  auto overseer = Get(r.path, admin);
  EXPECT_EQ(overseer["end_reason"], "mismatch");
  EXPECT_EQ(overseer["end_comment"], "We never clicked.");
}

TEST_F(RelationshipsHttpTest, CompletionNeedsBothSides) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  ASSERT_EQ(Call("POST", r.path + "/agreement/accept", mentee_, {{"version", 0}}).status, 200);
  ASSERT_EQ(Call("POST", r.path + "/agreement/accept", mentor_, {{"version", 1}}).status, 200);
  auto half = Call("POST", r.path + "/complete", mentee_);
  ASSERT_EQ(half.status, 200) << half.body;
  EXPECT_EQ(JsonOf(half)["status"], "active");
  EXPECT_EQ(JsonOf(half)["mentee_completed"], true);
  auto done = Call("POST", r.path + "/complete", mentor_);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(JsonOf(done)["status"], "completed");
}

TEST_F(RelationshipsHttpTest, SmartGoalsWithMilestonesHistoryAndStaleWrites) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  const std::string goals = r.path + "/goals";
  // Nothing opens before both accepted the agreement.
  auto early = Call("POST", goals, mentee_, {{"title", "Speak at a meetup"}});
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(JsonOf(early)["error"]["code"], "agreement_pending");
  ActivateRelationship(server_, r);
  mentor_ = SignInAs(server_, "E7").Auth();
  mentee_ = SignInAs(server_, "E5").Auth();
  const std::string end_date = Get(r.path, mentee_)["agreement"]["end_date"];

  // Bad input names the field and writes nothing.
  for (const auto& [body, field] :
       {std::pair{json{{"title", "Talk"}, {"due_date", "2020-01-01"}}, "due_date"},
        std::pair{json{{"title", "Talk"}, {"due_date", "2099-01-01"}}, "due_date"},
        std::pair{json{{"title", "Talk"}, {"due_date", "soon"}}, "due_date"},
        std::pair{json{{"title", ""}}, "title"},
        std::pair{json{{"title", "Talk"}, {"progress_mode", "manual"}, {"progress", 101}},
                  "progress"},
        std::pair{json{{"title", "Talk"}, {"skill", "juggling"}}, "skill"}}) {
    auto refused = Call("POST", goals, mentee_, body);
    EXPECT_EQ(refused.status, 400) << body.dump() << ": " << refused.body;
    EXPECT_EQ(JsonOf(refused)["error"]["field"], field) << body.dump();
  }
  EXPECT_EQ(Get(goals, mentee_)["count"], 0);
  EXPECT_EQ(Call("POST", goals, mentor_, {{"title", "Mentor's goal"}}).status, 403);

  auto created =
      Call("POST", goals, mentee_,
           {{"title", "Speak at a meetup"}, {"relevance", "Visibility"}, {"due_date", end_date}});
  ASSERT_EQ(created.status, 201) << created.body;
  json goal = JsonOf(created);
  const std::string path = goals + "/" + std::to_string(goal["id"].get<int64_t>());
  EXPECT_EQ(goal["checks"].size(), 3u) << goal.dump();  // no measure, no target, not confirmed
  for (const char* title : {"Pick a topic", "Rehearse"}) {
    auto added = Call("POST", path + "/milestones", mentee_,
                      {{"version", goal["version"]}, {"title", title}});
    ASSERT_EQ(added.status, 201) << added.body;
    goal = JsonOf(added);
  }
  const int64_t first = goal["milestones"][0]["id"];
  auto ticked = Call("PUT", path + "/milestones/" + std::to_string(first), mentee_,
                     {{"version", goal["version"]}, {"done", true}});
  ASSERT_EQ(ticked.status, 200) << ticked.body;
  EXPECT_EQ(JsonOf(ticked)["progress"], 50);

  // A second tab still holding the old version: 409, nothing overwritten.
  json stale = {{"version", goal["version"]}, {"title", "Something else"}};
  auto conflict = Call("PUT", path, mentee_, stale);
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(JsonOf(conflict)["error"]["code"], "stale_goal");
  goal = JsonOf(ticked);
  EXPECT_EQ(goal["title"], "Speak at a meetup");

  auto confirmed =
      Call("POST", path + "/confirm", mentor_,
           {{"version", goal["version"]}, {"what", "achievable"}, {"confirmed", true}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(JsonOf(confirmed)["achievable_confirmed"], true);
  EXPECT_EQ(
      Call("POST", path + "/confirm", mentee_,
           {{"version", JsonOf(confirmed)["version"]}, {"what", "completed"}, {"confirmed", true}})
          .status,
      403);

  // The coordinator sees counts and progress, never the text.
  auto overseen = Call("GET", goals, coordinator_.Auth());
  ASSERT_EQ(overseen.status, 200) << overseen.body;
  EXPECT_EQ(JsonOf(overseen)["count"], 1);
  EXPECT_EQ(JsonOf(overseen)["average_progress"], 50);
  EXPECT_FALSE(JsonOf(overseen).contains("items"));
  EXPECT_EQ(overseen.body.find("meetup"), std::string::npos);
  EXPECT_EQ(Call("GET", path + "/history", coordinator_.Auth()).status, 403);
  // So does the program's relationships table: one goal, none done, half way; no meeting yet.
  auto table = Call("GET", r.program + "/relationships", coordinator_.Auth());
  ASSERT_EQ(table.status, 200) << table.body;
  const json row = JsonOf(table)["items"][0];
  EXPECT_EQ(row["goals"], 1);
  EXPECT_EQ(row["goals_completed"], 0);
  EXPECT_EQ(row["goal_progress"], 50);
  EXPECT_EQ(row["meetings_held"], 0);
  EXPECT_TRUE(row["last_meeting_at"].is_null());
  EXPECT_EQ(table.body.find("meetup"), std::string::npos);

  auto history = Get(path + "/history", mentor_)["items"];
  std::vector<std::string> fields;
  for (const json& e : history) fields.push_back(e["field"]);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"created", "milestone:Pick a topic", "milestone:Rehearse",
                                      "progress", "milestone:Pick a topic", "achievable"}));
  EXPECT_EQ(history[3]["from"], "0");
  EXPECT_EQ(history[3]["to"], "50");
  EXPECT_EQ(history[4]["to"], "done");
  EXPECT_EQ(history[5]["by"], "E7");
}

// Every byte of the database's files, as a dump would hold them.
std::string DatabaseBytes(const std::string& file) {
  std::string all;
  for (const char* suffix : {"", "-wal", "-journal"}) {
    std::ifstream in(file + suffix, std::ios::binary);
    if (!in) continue;
    std::stringstream bytes;
    bytes << in.rdbuf();
    all += bytes.str();
  }
  return all;
}

TEST_F(RelationshipsHttpTest, NotesArePrivateOrSharedSealedAtRestAndLimited) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  ActivateRelationship(server_, r);
  mentor_ = SignInAs(server_, "E7").Auth();
  mentee_ = SignInAs(server_, "E5").Auth();
  const std::string notes = r.path + "/notes";
  const std::string secret = "I worry my manager will not back the promotion";
  auto mine = Call("POST", notes, mentee_, {{"kind", "private"}, {"text", secret}});
  ASSERT_EQ(mine.status, 201) << mine.body;
  auto shared =
      Call("POST", notes, mentor_, {{"kind", "shared"}, {"text", "Read chapter 3 by Friday"}});
  ASSERT_EQ(shared.status, 201) << shared.body;

  auto mentee_sees = Get(notes, mentee_)["items"];
  ASSERT_EQ(mentee_sees.size(), 2u);
  EXPECT_EQ(mentee_sees[1]["text"], secret);
  auto mentor_sees = Get(notes, mentor_)["items"];
  ASSERT_EQ(mentor_sees.size(), 1u);
  EXPECT_EQ(mentor_sees[0]["kind"], "shared");
  // The mentor cannot reach the mentee's private note by id either.
  const std::string mine_path = notes + "/" + std::to_string(JsonOf(mine)["id"].get<int64_t>());
  EXPECT_EQ(Call("PUT", mine_path, mentor_, {{"version", 1}, {"text", "x"}}).status, 404);
  EXPECT_EQ(Call("DELETE", mine_path, mentor_).status, 404);
  // Coordinators, managers and admins never read notes.
  EXPECT_EQ(Call("GET", notes, coordinator_.Auth()).status, 403);
  EXPECT_EQ(Call("GET", notes, SignInAs(server_, "E1", {domain::Role::kAdmin}).Auth()).status, 403);
  EXPECT_EQ(Call("GET", notes, SignInAs(server_, "E2").Auth()).status, 403);
  EXPECT_EQ(Get(r.path, coordinator_.Auth()).dump().find("promotion"), std::string::npos);

  // Over 20,000 characters: 400 naming the field, nothing written. 20,000 is fine.
  auto too_long =
      Call("POST", notes, mentee_, {{"kind", "private"}, {"text", std::string(20001, 'x')}});
  EXPECT_EQ(too_long.status, 400) << too_long.body;
  EXPECT_EQ(JsonOf(too_long)["error"]["field"], "text");
  EXPECT_EQ(Get(notes, mentee_)["items"].size(), 2u);
  std::string accents;
  for (int i = 0; i < 20000; ++i) accents += "\xc3\xa9";  // é: 2 bytes, one character
  EXPECT_EQ(Call("POST", notes, mentee_, {{"kind", "private"}, {"text", accents}}).status, 201);
  EXPECT_EQ(
      JsonOf(Call("POST", notes, mentee_, {{"kind", "diary"}, {"text", "x"}}))["error"]["field"],
      "kind");

  // Stale edits are refused; the author's edit goes through.
  auto edited =
      Call("PUT", mine_path, mentee_, {{"version", 1}, {"text", secret + " (talked it through)"}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(Call("PUT", mine_path, mentee_, {{"version", 1}, {"text", "older tab"}}).status, 409);

  // A copy of the database holds no note's words.
  const std::string bytes = DatabaseBytes(server_.database_file());
  ASSERT_GT(bytes.size(), 10000u);
  EXPECT_EQ(bytes.find("worry my manager"), std::string::npos);
  EXPECT_EQ(bytes.find("talked it through"), std::string::npos);
  EXPECT_EQ(bytes.find("chapter 3"), std::string::npos);
  EXPECT_NE(bytes.find("Pairs virtual"), std::string::npos);  // the file is the right one
}

TEST_F(RelationshipsHttpTest, FeedbackBothWaysAndIntroductions) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  ActivateRelationship(server_, r);
  mentor_ = SignInAs(server_, "E7").Auth();
  mentee_ = SignInAs(server_, "E5").Auth();
  const std::string feedback = r.path + "/feedback";

  for (const json& bad :
       {json{{"occasion", "pulse"}, {"rating", 6}}, json{{"occasion", "pulse"}, {"rating", 0}},
        json{{"occasion", "pulse"}, {"rating", "great"}}}) {
    auto refused = Call("POST", feedback, mentee_, bad);
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(JsonOf(refused)["error"]["field"], "rating");
  }
  EXPECT_EQ(JsonOf(Call("POST", feedback, mentee_,
                        {{"occasion", "pulse"},
                         {"rating", 4},
                         {"comment", std::string(2001, 'x')}}))["error"]["field"],
            "comment");
  EXPECT_EQ(Get(feedback, mentee_)["answers"], 0);  // nothing written

  auto given = Call("POST", feedback, mentee_,
                    {{"occasion", "midpoint"}, {"rating", 4}, {"comment", "Clear advice"}});
  ASSERT_EQ(given.status, 201) << given.body;
  EXPECT_EQ(Call("POST", feedback, mentee_, {{"occasion", "midpoint"}, {"rating", 5}}).status, 409);
  // The mentor sees that the mentee answered, not what, until they answer too.
  auto before = Get(feedback, mentor_)["rounds"];
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0]["theirs"], nullptr);
  EXPECT_EQ(before[0]["theirs_given"], true);
  EXPECT_EQ(before.dump().find("Clear advice"), std::string::npos);
  ASSERT_EQ(Call("POST", feedback, mentor_,
                 {{"occasion", "midpoint"}, {"rating", 5}, {"comment", "Well prepared"}})
                .status,
            201);
  auto after = Get(feedback, mentor_)["rounds"][0];
  EXPECT_EQ(after["theirs"]["rating"], 4);
  EXPECT_EQ(after["theirs"]["comment"], "Clear advice");
  EXPECT_EQ(Get(feedback, mentee_)["rounds"][0]["theirs"]["comment"], "Well prepared");
  // The coordinator: two answers are too few for an average, and never a comment.
  auto overseen = Call("GET", feedback, coordinator_.Auth());
  ASSERT_EQ(overseen.status, 200);
  EXPECT_EQ(JsonOf(overseen)["from_mentee_average"], nullptr);
  EXPECT_EQ(overseen.body.find("Clear advice"), std::string::npos);
  auto summary = Get(r.program + "/feedback-summary", coordinator_.Auth());
  EXPECT_EQ(summary["from_mentees"]["answers"], 1);
  EXPECT_EQ(summary["from_mentees"]["average"], nullptr);
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(Call("POST", feedback, mentee_, {{"occasion", "pulse"}, {"rating", 2}}).status, 201);
  }
  auto five = Get(r.program + "/feedback-summary", coordinator_.Auth());
  EXPECT_EQ(five["from_mentees"]["answers"], 5);
  EXPECT_DOUBLE_EQ(five["from_mentees"]["average"].get<double>(), 2.4);
  EXPECT_DOUBLE_EQ(Get(feedback, coordinator_.Auth())["from_mentee_average"].get<double>(), 2.4);

  // Introductions: the mentor connects the mentee to E9; all three get a mail.
  const std::string intros = r.path + "/introductions";
  EXPECT_EQ(JsonOf(Call("POST", intros, mentor_,
                        {{"employee_id", "E5"}, {"why", "x"}}))["error"]["field"],
            "employee_id");
  EXPECT_EQ(JsonOf(Call("POST", intros, mentor_,
                        {{"employee_id", "E4"}, {"why", "x"}}))["error"]["field"],
            "employee_id");  // left the organization
  EXPECT_EQ(JsonOf(Call("POST", intros, mentor_,
                        {{"employee_id", "E9"}, {"why", " "}}))["error"]["field"],
            "why");
  EXPECT_EQ(Call("POST", intros, mentee_, {{"employee_id", "E9"}, {"why", "x"}}).status, 403);
  auto introduced = Call("POST", intros, mentor_,
                         {{"employee_id", "E9"}, {"why", "Ran the pricing review last year"}});
  ASSERT_EQ(introduced.status, 201) << introduced.body;
  for (const char* to : {"p.E9@example.com", "p.E5@example.com", "p.E7@example.com"}) {
    auto mail = server_.mail().LastTo(to);
    ASSERT_TRUE(mail.has_value()) << to;
    EXPECT_NE(mail->text.find("Ran the pricing review"), std::string::npos)
        << to << ": " << mail->text;
  }
  auto listed = Get(intros, mentee_);
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["person"]["employee_id"], "E9");
  auto counted = Get(intros, coordinator_.Auth());
  EXPECT_EQ(counted["count"], 1);
  EXPECT_FALSE(counted.contains("items"));
}

}  // namespace
}  // namespace pairwise::testing

namespace pairwise::testing {
namespace {

// The demo organization gets a program whose relationships are in every state, with history
// written through the services, and the notes sealed.
TEST(DemoRelationships, EveryStateWithHistoryAndSealedNotes) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pairwise-demo-rel-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  app::ApplicationOptions options;
  options.password_cost = crypto::PasswordCost::Fast();
  auto app = app::Application::Open("sqlite:" + (dir / "demo.db").string(), 2, options);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  domain::DemoOptions demo;
  demo.people = 2000;
  const auto started = std::chrono::steady_clock::now();
  auto loaded = (*app)->LoadDemoIfEmpty(demo);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_TRUE(*loaded);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(120));

  auto logins = (*app)->DemoLogins();
  ASSERT_TRUE(logins.ok());
  domain::Actor coordinator, participant;
  for (const auto& l : *logins) {
    if (l.role == "coordinator") coordinator.employee_id = l.employee_id;
    if (l.role == "participant") participant.employee_id = l.employee_id;
  }
  coordinator.roles = {domain::Role::kCoordinator};
  auto mine = (*app)->relationships().ListMine(participant);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_FALSE(mine->empty());
  const auto& demo_pair = mine->front();
  EXPECT_EQ(demo_pair.relationship.status, domain::RelationshipStatus::kPendingAgreement);
  EXPECT_EQ(demo_pair.program_name, domain::kDemoRelationshipsProgramName);

  std::map<domain::RelationshipStatus, int> statuses;
  int reasons = 0;
  domain::RelationshipPageQuery query;
  query.limit = domain::kMaxRelationshipPageSize;
  auto page =
      (*app)->relationships().ListForProgram(coordinator, demo_pair.relationship.program, query);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_GE(page->total, 100);  // up to kDemoRelationships, as the directory allows
  EXPECT_LE(page->total, domain::kDemoRelationships);
  for (const auto& v : page->items) {
    ++statuses[v.relationship.status];
    if (!v.relationship.end_reason.empty()) ++reasons;
  }
  for (auto status :
       {domain::RelationshipStatus::kPendingAgreement, domain::RelationshipStatus::kActive,
        domain::RelationshipStatus::kCompleted, domain::RelationshipStatus::kEndedEarly}) {
    EXPECT_GT(statuses[status], 0) << domain::RelationshipStatusName(status);
  }
  EXPECT_GT(reasons, 0);
  // An active pair has goals with progress; its coordinator sees counts only.
  const auto active = std::find_if(page->items.begin(), page->items.end(), [](const auto& v) {
    return v.relationship.status == domain::RelationshipStatus::kActive;
  });
  ASSERT_NE(active, page->items.end());
  auto goals = (*app)->goals().List(coordinator, active->relationship.id);
  ASSERT_TRUE(goals.ok()) << goals.status().ToString();
  EXPECT_GT(goals->summaries.size(), 0u);
  EXPECT_FALSE(goals->full);
  domain::Actor mentee;
  mentee.employee_id = active->relationship.mentee;
  auto notes =
      (*app)->notes().List(mentee, active->relationship.id, domain::NotesOf::kRelationship);
  ASSERT_TRUE(notes.ok()) << notes.status().ToString();
  EXPECT_FALSE(notes->empty());
  // Months of meetings: held and missed ones, logged, with action items, and the next planned.
  std::map<domain::MeetingStatus, int> meetings;
  int items = 0;
  for (const auto& v : page->items) {
    if (v.relationship.status == domain::RelationshipStatus::kPendingAgreement) continue;
    domain::Actor member;
    member.employee_id = v.relationship.mentee;
    auto listed = (*app)->meetings().List(member, v.relationship.id);
    ASSERT_TRUE(listed.ok()) << listed.status().ToString();
    for (const auto& m : *listed) ++meetings[m.meeting.status];
    auto actions = (*app)->meetings().ListActionItems(member, v.relationship.id);
    ASSERT_TRUE(actions.ok()) << actions.status().ToString();
    items += static_cast<int>(actions->size());
  }
  EXPECT_GT(meetings[domain::MeetingStatus::kHeld], 500);
  EXPECT_GT(meetings[domain::MeetingStatus::kMissed], 50);
  EXPECT_GT(meetings[domain::MeetingStatus::kScheduled], 0);
  EXPECT_GT(meetings[domain::MeetingStatus::kProposed], 0);
  EXPECT_GT(items, 200);
  auto availability = (*app)->meetings().GetMyAvailability(mentee);
  ASSERT_TRUE(availability.ok());
  EXPECT_FALSE(availability->windows.empty());
  auto slots = (*app)->meetings().FreeSlots(mentee, active->relationship.id, 60, 5);
  ASSERT_TRUE(slots.ok()) << slots.status().ToString();
  // The coordinator rematches the mentee of a pair that ended early (it failed: the demo's pairs
  // were not approved applicants of the program).
  const auto ended = std::find_if(page->items.begin(), page->items.end(), [](const auto& v) {
    return v.relationship.status == domain::RelationshipStatus::kEndedEarly;
  });
  ASSERT_NE(ended, page->items.end());
  auto rematch = (*app)->relationships().RematchMentee(coordinator, ended->relationship.id);
  EXPECT_TRUE(rematch.ok()) << rematch.status().ToString();
  app->reset();
  std::ifstream file(dir / "demo.db", std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  EXPECT_EQ(bytes.str().find("nervous before this session"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pairwise::testing
