// Issue 19, the rest of the relationship: a person who leaves the organization (SCIM or an
// import) ends their relationships no-fault; group programs (one mentor, several mentees, group
// notes); the shadow mentor's messages to the pair. Over the real server and SQLite.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/people/import/csv.h"
#include "relationship_fixture.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

class GroupsHttpTest : public ::testing::Test {
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
  // The relationship after a departure: ended early, "left the organization", by the leaver, and
  // the coordinator told; when the mentor left, the coordinator can rematch the mentee.
  void ExpectEndedByDeparture(const PublishedRelationship& r, const std::string& leaver,
                              bool rematch) {
    const Headers coordinator = coordinator_.Auth();
    auto seen = Get(r.path, coordinator);
    EXPECT_EQ(seen["status"], "ended_early") << seen.dump();
    EXPECT_EQ(seen["end_reason"], "left_organization") << seen.dump();
    EXPECT_EQ(seen["ended_by_name"], "First" + leaver + " Last") << seen.dump();
    auto mail = server_.mail().LastTo("p.E6@example.com");
    ASSERT_TRUE(mail.has_value());
    EXPECT_NE(mail->text.find("ended early"), std::string::npos) << mail->text;
    EXPECT_NE(mail->text.find("Left the organization"), std::string::npos) << mail->text;
    if (rematch) {
      auto queued = Call("POST", r.path + "/rematch", coordinator);
      EXPECT_EQ(queued.status, 202) << queued.body;
    }
  }

  AuthTestServer server_{GroupDirectory()};
  TestSession coordinator_ = SignInAs(server_, "E6", {domain::Role::kCoordinator});
};

TEST_F(GroupsHttpTest, ScimDeactivationEndsTheMentorsRelationships) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  ActivateRelationship(server_, r);
  const std::string token = MintApiToken(server_, {"scim"});
  auto patched = CallAs(server_, "PATCH", "/scim/v2/Users/E7", Bearer(token),
                        {{"schemas", {"urn:ietf:params:scim:api:messages:2.0:PatchOp"}},
                         {"Operations", {{{"op", "replace"}, {"value", {{"active", false}}}}}}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  ExpectEndedByDeparture(r, "E7", true);
  // Told twice (a second deactivation) changes nothing.
  auto again = CallAs(server_, "DELETE", "/scim/v2/Users/E7", Bearer(token));
  EXPECT_EQ(again.status, 204) << again.body;
  EXPECT_EQ(Get(r.path, coordinator_.Auth())["status"], "ended_early");
}

TEST_F(GroupsHttpTest, AnImportThatMarksTheMenteeLeftEndsTheirRelationship) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  domain::PersonRecord mentee;
  for (const auto& p : RelationshipDirectory().people) {
    if (p.employee_id == "E5") mentee = p;
  }
  mentee.status = domain::EmploymentStatus::kLeft;
  mentee.left_date =
      domain::Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{20}};
  std::vector<domain::PersonRecord> rows = {mentee};
  Headers headers = SignInAs(server_, "E1", {domain::Role::kAdmin}).Auth();
  headers.emplace_back("Content-Type", "text/csv");
  auto imported = server_.Connect().Request("POST", "/api/v1/imports/people",
                                            domain::import::FormatPeopleCsv(rows), headers);
  ASSERT_EQ(imported.status, 200) << imported.body;
  ASSERT_EQ(JsonOf(imported)["applied"], true) << imported.body;
  ExpectEndedByDeparture(r, "E5", false);
}

// A group program: E7 mentors E5 and E11 together. Each mentee has a relationship of their own;
// the group shows its members to them and to the program, and shares group notes among the
// members only.
TEST_F(GroupsHttpTest, AGroupProgramFormsOneGroupThatSharesGroupNotes) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_, "group");
  const Headers coordinator = coordinator_.Auth();
  auto list = Get(r.program + "/relationships", coordinator);
  ASSERT_EQ(list["items"].size(), 2u) << list.dump();
  std::string other_path;
  for (const auto& item : list["items"]) {
    EXPECT_EQ(item["mentor"]["employee_id"], "E7");
    if (item["mentee"]["employee_id"] == "E11") {
      other_path = "/api/v1/relationships/" + std::to_string(item["id"].get<int64_t>());
    }
  }
  ASSERT_FALSE(other_path.empty());
  ActivateRelationship(server_, r, "E5");
  ActivateRelationship(server_, PublishedRelationship{r.program, other_path, 0}, "E11");
  const Headers mentor = SignInAs(server_, "E7").Auth(), e5 = SignInAs(server_, "E5").Auth(),
                e11 = SignInAs(server_, "E11").Auth();

  // Who is in it: the same group through either mentee's relationship.
  auto group = Get(r.path + "/group", e5);
  EXPECT_EQ(group["mentor"]["employee_id"], "E7");
  EXPECT_EQ(group["max_size"], 3);
  ASSERT_EQ(group["mentees"].size(), 2u) << group.dump();
  EXPECT_EQ(group["mentees"][0]["relationship_id"], nullptr)
      << "a mentee does not reach the others'";
  EXPECT_EQ(Get(other_path + "/group", e11)["mentees"], group["mentees"]);
  auto seen_by_mentor = Get(r.path + "/group", mentor);
  EXPECT_TRUE(seen_by_mentor["mentees"][0]["relationship_id"].is_number());
  EXPECT_EQ(Get(r.path + "/group", coordinator)["mentees"].size(), 2u);
  EXPECT_EQ(Call("GET", r.path + "/group", SignInAs(server_, "E2").Auth()).status, 403);

  // A group note by E5 is read by E11 and the mentor, through their own relationships.
  auto blank = Call("POST", r.path + "/group/notes", e5, {{"text", "  "}});
  ASSERT_EQ(blank.status, 400);
  EXPECT_EQ(JsonOf(blank)["error"]["field"], "text");
  EXPECT_EQ(Get(r.path + "/group/notes", e5)["items"].size(), 0u) << "nothing written";
  auto written = Call("POST", r.path + "/group/notes", e5, {{"text", "Slides for Friday"}});
  ASSERT_EQ(written.status, 201) << written.body;
  const auto note = JsonOf(written);
  EXPECT_EQ(note["kind"], "group");
  const std::string note_path = "/group/notes/" + std::to_string(note["id"].get<int64_t>());
  for (const auto& [who, path] : {std::pair{&e11, other_path}, std::pair{&mentor, r.path}}) {
    auto notes = Get(path + "/group/notes", *who);
    ASSERT_EQ(notes["items"].size(), 1u) << notes.dump();
    EXPECT_EQ(notes["items"][0]["text"], "Slides for Friday");
  }
  // Not a pair note: the pair's own notes do not list it, and a pair note cannot be a group one.
  EXPECT_EQ(Get(r.path + "/notes", e5)["items"].size(), 0u);
  auto as_pair = Call("POST", r.path + "/notes", e5, {{"kind", "group"}, {"text", "x"}});
  EXPECT_EQ(as_pair.status, 400);
  EXPECT_EQ(JsonOf(as_pair)["error"]["field"], "kind");
  // The program's people never read it.
  EXPECT_EQ(Call("GET", r.path + "/group/notes", coordinator).status, 403);
  EXPECT_EQ(Call("GET", r.path + "/group/notes", SignInAs(server_, "E8").Auth()).status, 403);
  EXPECT_EQ(Call("GET", r.path + "/group/notes", SignInAs(server_, "E9").Auth()).status, 404);

  // Only its author changes it, as of the version read.
  EXPECT_EQ(Call("PUT", other_path + note_path, e11, {{"version", 1}, {"text", "Mine now"}}).status,
            403);
  auto changed = Call("PUT", r.path + note_path, e5, {{"version", 1}, {"text", "Slides, v2"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(JsonOf(changed)["version"], 2);
  auto stale = Call("PUT", r.path + note_path, e5, {{"version", 1}, {"text", "Old tab"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Get(other_path + "/group/notes", e11)["items"][0]["text"], "Slides, v2");

  // E11 leaves the group (ends their relationship): the group and its notes close to them.
  ASSERT_EQ(Call("POST", other_path + "/end", e11, {{"reason", "no_time"}}).status, 200);
  EXPECT_EQ(Call("GET", other_path + "/group/notes", e11).status, 403);
  EXPECT_EQ(Get(r.path + "/group", e5)["mentees"].size(), 1u);
  EXPECT_EQ(Call("DELETE", r.path + note_path, e5).status, 204);
  EXPECT_EQ(Get(r.path + "/group/notes", mentor)["items"].size(), 0u);
}

// Two groups in one program (mentors E7 and E12, two mentees each): a member of one group finds
// neither the other group nor its notes; someone in no group finds nothing.
TEST_F(GroupsHttpTest, AnotherGroupsMemberIsRefused) {
  const Headers coordinator = coordinator_.Auth();
  auto need = [&](const ClientResponse& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    return JsonOf(r);
  };
  auto created = need(Call("POST", "/api/v1/programs", coordinator,
                           {{"name", "Circles"},
                            {"type", "group"},
                            {"need", "leadership"},
                            {"start_date", "2027-01-01"},
                            {"end_date", "2027-12-31"},
                            {"enrollment_opens", "2026-11-01"},
                            {"enrollment_closes", "2026-12-15"},
                            {"group", {{"min_size", 2}, {"max_size", 2}}}}),
                      201);
  const std::string program = "/api/v1/programs/" + std::to_string(created["id"].get<int64_t>());
  need(Call("POST", program + "/open", coordinator), 200);
  need(Call("POST", program + "/nominations", coordinator,
            {{"side", "mentor"}, {"employee_ids", {"E7", "E12"}}}),
       200);
  need(Call("POST", program + "/nominations", coordinator,
            {{"side", "mentee"}, {"employee_ids", {"E5", "E11", "E13", "E14"}}}),
       200);
  auto queued = need(Call("POST", program + "/proposals", coordinator, json::object()), 202);
  auto ran = server_.app().matching().RunNextJob("test-worker");
  ASSERT_TRUE(ran.ok() && *ran);
  need(Call("POST",
            program + "/proposals/" + std::to_string(queued["id"].get<int64_t>()) + "/publish",
            coordinator),
       200);
  auto list = Get(program + "/relationships", coordinator);
  ASSERT_EQ(list["items"].size(), 4u) << list.dump();
  // One mentee of each group, with their relationship.
  std::map<std::string, std::pair<std::string, std::string>> one_of;  // mentor -> mentee, path
  std::map<std::string, int> sizes;
  for (const auto& item : list["items"]) {
    const std::string mentor = item["mentor"]["employee_id"];
    ++sizes[mentor];
    one_of[mentor] = {item["mentee"]["employee_id"],
                      "/api/v1/relationships/" + std::to_string(item["id"].get<int64_t>())};
  }
  ASSERT_EQ(sizes, (std::map<std::string, int>{{"E7", 2}, {"E12", 2}})) << list.dump();
  const auto& [a_mentee, a_path] = one_of["E7"];
  const auto& [b_mentee, b_path] = one_of["E12"];
  ActivateRelationship(server_, PublishedRelationship{program, a_path, 0}, a_mentee, "E7");
  ActivateRelationship(server_, PublishedRelationship{program, b_path, 0}, b_mentee, "E12");
  const Headers a = SignInAs(server_, a_mentee).Auth(), b = SignInAs(server_, b_mentee).Auth();
  ASSERT_EQ(Call("POST", b_path + "/group/notes", b, {{"text", "Group B only"}}).status, 201);

  EXPECT_EQ(Call("GET", b_path + "/group", a).status, 404);
  EXPECT_EQ(Call("GET", b_path + "/group/notes", a).status, 404);
  EXPECT_EQ(Call("POST", b_path + "/group/notes", a, {{"text", "Hi B"}}).status, 404);
  auto own = Get(a_path + "/group", a);
  EXPECT_EQ(own["mentor"]["employee_id"], "E7");
  EXPECT_EQ(Get(a_path + "/group/notes", a)["items"].size(), 0u) << "B's note is B's";
  EXPECT_EQ(Get(b_path + "/group/notes", b)["items"].size(), 1u);
  // A's own relationship cannot reach B's note either.
  auto b_note = Get(b_path + "/group/notes", b)["items"][0]["id"].get<int64_t>();
  EXPECT_EQ(Call("PUT", a_path + "/group/notes/" + std::to_string(b_note), a,
                 {{"version", 1}, {"text", "x"}})
                .status,
            404);
  // E9 is in no group of the program.
  const Headers e9 = SignInAs(server_, "E9").Auth();
  EXPECT_EQ(Call("GET", a_path + "/group", e9).status, 404);
}

// The shadow mentor sees what the coordinator sees and writes to the pair: both get the mail,
// the message stays on the relationship for the pair and the program.
TEST_F(GroupsHttpTest, TheShadowMentorWritesToThePair) {
  const PublishedRelationship r = PublishRelationship(server_, coordinator_);
  const Headers shadow = SignInAs(server_, "E8").Auth(), mentee = SignInAs(server_, "E5").Auth(),
                mentor = SignInAs(server_, "E7").Auth();
  auto detail = Get(r.path, shadow);
  EXPECT_EQ(detail["relations"]["shadow_mentor"], true);
  EXPECT_FALSE(detail["agreement"].is_null()) << "the terms, as the coordinator sees them";

  auto blank = Call("POST", r.path + "/messages", shadow, {{"text", ""}});
  ASSERT_EQ(blank.status, 400);
  EXPECT_EQ(JsonOf(blank)["error"]["field"], "text");
  auto long_one = Call("POST", r.path + "/messages", shadow, {{"text", std::string(4001, 'x')}});
  EXPECT_EQ(long_one.status, 400);
  EXPECT_EQ(Get(r.path + "/messages", mentee)["items"].size(), 0u) << "nothing written";
  EXPECT_EQ(Call("POST", r.path + "/messages", mentor, {{"text", "Me too"}}).status, 403);
  EXPECT_EQ(Call("POST", r.path + "/messages", coordinator_.Auth(), {{"text", "Hi"}}).status, 403);

  auto sent = Call("POST", r.path + "/messages", shadow,
                   {{"text", "Try a walk-and-talk: many pairs find it easier."}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(JsonOf(sent)["author_name"], "FirstE8 Last");
  for (const char* to : {"p.E5@example.com", "p.E7@example.com"}) {
    auto mail = server_.mail().LastTo(to);
    ASSERT_TRUE(mail.has_value()) << to;
    EXPECT_NE(mail->text.find("walk-and-talk"), std::string::npos) << mail->text;
  }
  for (const Headers* who : {&mentee, &mentor, &shadow}) {
    auto messages = Get(r.path + "/messages", *who);
    ASSERT_EQ(messages["items"].size(), 1u);
    EXPECT_EQ(messages["items"][0]["text"], "Try a walk-and-talk: many pairs find it easier.");
  }
  EXPECT_EQ(Get(r.path + "/messages", coordinator_.Auth())["items"].size(), 1u);
  EXPECT_EQ(Call("GET", r.path + "/messages", SignInAs(server_, "E2").Auth()).status, 403);
  EXPECT_EQ(Call("GET", r.path + "/messages", SignInAs(server_, "E9").Auth()).status, 404);

  // Once the relationship ended, nothing more is sent; the history stays.
  ASSERT_EQ(Call("POST", r.path + "/end", mentee, {{"reason", "other"}}).status, 200);
  auto late = Call("POST", r.path + "/messages", shadow, {{"text", "Still there?"}});
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(Get(r.path + "/messages", mentee)["items"].size(), 1u);
}

}  // namespace
}  // namespace pairwise::testing
