// Matching a program over the real server and SQLite, with real sign-ins: the coordinator runs
// matching as a job, reads pairs whose explanations agree with the engine's numbers, pins and
// forbids pairs that survive a re-run, changes a pair by hand (broken rules need confirming, the
// management chain is refused), publishes (relationships and mails), and rematches one mentee
// while every other relationship stays. Only the program's coordinators get in.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "auth_test_support.h"
#include "domain/people/test_util.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

json Body(const ClientResponse& r) { return json::parse(r.body); }

// AccessDirectory() (E1 top; E2 (ENG, 7) manages E5, E6; E3 (FIN, 7)) plus mentors F1, F2
// (Finance, level 6, under E3), G1 (Engineering, level 6, under E1) and N1, N2 (Engineering,
// level 2, under E2).
domain::Directory MatchingDirectory() {
  domain::Directory d = AccessDirectory();
  for (const char* id : {"F1", "F2"}) {
    domain::PersonRecord p = domain::testing::MakePerson(id, "E3");
    p.department = "FIN";
    p.level = 6;
    d.people.push_back(p);
  }
  domain::PersonRecord g1 = domain::testing::MakePerson("G1", "E1");  // Engineering, level 6
  g1.level = 6;
  d.people.push_back(g1);
  for (const char* id : {"N1", "N2"}) {
    domain::PersonRecord p = domain::testing::MakePerson(id, "E2");
    p.level = 2;
    d.people.push_back(p);
  }
  return d;
}

class MatchingHttpTest : public ::testing::Test {
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

  // Creates and opens a one-on-one program with E2, F1, F2, G1 as mentors (capacity 2) and E5, E6,
  // N1, N2 as mentees; returns its path.
  std::string MakeProgram() {
    auto created = Call("POST", "/api/v1/programs", coordinator_,
                        {{"name", "Cross-team"},
                         {"type", "one_on_one"},
                         {"need", "career_development"},
                         {"start_date", "2027-01-01"},
                         {"end_date", "2027-12-31"},
                         {"enrollment_opens", "2026-11-01"},
                         {"enrollment_closes", "2026-12-15"},
                         {"mentor_capacity", {{"mentees", 2}, {"hours_per_month", 4}}}});
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string program =
        "/api/v1/programs/" + std::to_string(Body(created)["id"].get<int64_t>());
    EXPECT_EQ(Call("POST", program + "/open", coordinator_).status, 200);
    EXPECT_EQ(Call("POST", program + "/nominations", coordinator_,
                   {{"side", "mentor"}, {"employee_ids", {"E2", "F1", "F2", "G1"}}})
                  .status,
              200);
    EXPECT_EQ(Call("POST", program + "/nominations", coordinator_,
                   {{"side", "mentee"}, {"employee_ids", {"E5", "E6", "N1", "N2"}}})
                  .status,
              200);
    return program;
  }

  // Queues a run, runs it on this thread as the worker would, and returns the proposal.
  json RunMatching(const std::string& program, const json& body = json::object()) {
    auto queued = Call("POST", program + "/proposals", coordinator_, body);
    EXPECT_EQ(queued.status, 202) << queued.body;
    EXPECT_EQ(Body(queued)["status"], "queued");
    auto ran = server_.app().matching().RunNextJob("test-worker");
    EXPECT_TRUE(ran.ok() && *ran) << (ran.ok() ? "" : ran.status().ToString());
    const std::string path =
        program + "/proposals/" + std::to_string(Body(queued)["id"].get<int64_t>());
    return Body(Call("GET", path, coordinator_));
  }

  std::map<std::string, json> PairsByMentee(const std::string& proposal_path) {
    auto pairs = Call("GET", proposal_path + "/pairs?limit=500", coordinator_);
    EXPECT_EQ(pairs.status, 200) << pairs.body;
    std::map<std::string, json> out;
    const json body = Body(pairs);
    for (const json& p : body["items"]) {
      out[p["mentee"]["employee_id"].get<std::string>()] = p;
    }
    return out;
  }

  AuthTestServer server_{MatchingDirectory()};
  TestSession coordinator_ = SignInAs(server_, "E3", {domain::Role::kCoordinator});
  TestSession admin_ = SignInAs(server_, "E1", {domain::Role::kAdmin});
  TestSession mentor_ = SignInAs(server_, "F1");
  TestSession mentee_ = SignInAs(server_, "E5");
};

TEST_F(MatchingHttpTest, RunPinForbidEditPublishAndRematch) {
  const std::string program = MakeProgram();
  auto settings = Call("GET", program + "/matching/settings", coordinator_);
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_EQ(Body(settings)["settings"]["other_department"], true);  // a one-on-one default
  EXPECT_EQ(Body(settings)["mentees"], 4);
  EXPECT_EQ(Body(settings)["mentors"], 4);
  // The hard rules' words come from the server (the UI keeps no list of its own).
  const json rules = Body(settings)["rules"];
  ASSERT_EQ(rules.size(), 9u) << rules.dump();
  EXPECT_EQ(rules[0], json({{"name", "management_chain"},
                            {"words", "not in the mentee's management chain"}}));

  json proposal = RunMatching(program);
  ASSERT_EQ(proposal["status"], "done") << proposal.dump();
  EXPECT_EQ(proposal["progress"], 100);
  const json& summary = proposal["summary"];
  // Engineering mentees need a Finance mentor: F1 and F2 take two each.
  EXPECT_EQ(summary["matched"], 4);
  EXPECT_EQ(summary["optimal"], true);
  const std::string first = program + "/proposals/" + std::to_string(proposal["id"].get<int64_t>());
  auto pairs = PairsByMentee(first);
  ASSERT_EQ(pairs.size(), 4u);
  // Each explanation agrees with the engine's numbers: score = sum of weight x points.
  const json& weights = proposal["settings"]["weights"];
  for (const auto& [mentee, pair] : pairs) {
    int64_t total = 0;
    for (const auto& [criterion, points] : pair["points"].items()) {
      total += weights[criterion].get<int64_t>() * points.get<int64_t>();
    }
    EXPECT_EQ(total, pair["score"].get<int64_t>()) << pair.dump();
    EXPECT_FALSE(pair["explanation"].get<std::string>().empty());
    EXPECT_NE(pair["mentor"]["employee_id"], "E2");  // same department
    EXPECT_NE(pair["mentor"]["employee_id"], "G1");
  }

  // A pin that breaks a hard rule is refused; a good one and a forbid hold on re-run.
  auto bad_pin = Call("PUT", program + "/matching/constraints", coordinator_,
                      {{"mentee", "E5"}, {"mentor", "E2"}, {"kind", "pin"}});
  EXPECT_EQ(bad_pin.status, 400);
  EXPECT_EQ(Body(bad_pin)["error"]["field"], "mentor");
  const std::string e5_mentor = pairs["E5"]["mentor"]["employee_id"];
  const std::string other = e5_mentor == "F1" ? "F2" : "F1";
  ASSERT_EQ(Call("PUT", program + "/matching/constraints", coordinator_,
                 {{"mentee", "E5"}, {"mentor", other}, {"kind", "pin"}})
                .status,
            200);
  const std::string n1_mentor = pairs["N1"]["mentor"]["employee_id"];
  ASSERT_EQ(Call("PUT", program + "/matching/constraints", coordinator_,
                 {{"mentee", "N1"}, {"mentor", n1_mentor}, {"kind", "forbid"}})
                .status,
            200);
  EXPECT_EQ(Body(Call("GET", program + "/matching/constraints", coordinator_))["items"].size(), 2u);
  json second = RunMatching(program);
  ASSERT_EQ(second["status"], "done") << second.dump();
  const std::string second_path =
      program + "/proposals/" + std::to_string(second["id"].get<int64_t>());
  auto repaired = PairsByMentee(second_path);
  ASSERT_TRUE(repaired.contains("E5"));
  EXPECT_EQ(repaired["E5"]["mentor"]["employee_id"], other);
  EXPECT_EQ(repaired["E5"]["pinned"], true);
  if (repaired.contains("N1")) {
    EXPECT_NE(repaired["N1"]["mentor"]["employee_id"], n1_mentor);
  }
  auto compared =
      Call("GET", first + "/compare/" + std::to_string(second["id"].get<int64_t>()), coordinator_);
  ASSERT_EQ(compared.status, 200) << compared.body;
  EXPECT_GE(Body(compared)["changed"].get<int>(), 1);
  // Publishing the first run would ignore the pin and the forbid made since: the preview says so
  // (and what else no longer holds), while the second run reflects them.
  auto stale = Body(Call("GET", first + "/publish", coordinator_))["stale"];
  EXPECT_EQ(stale["pins_missing"], 1) << stale;
  EXPECT_EQ(stale["forbids_present"], 1) << stale;
  EXPECT_EQ(stale["changed_settings"], json::array());
  auto fresh = Body(Call("GET", second_path + "/publish", coordinator_))["stale"];
  EXPECT_EQ(fresh["pins_missing"], 0) << fresh;
  EXPECT_EQ(fresh["forbids_present"], 0) << fresh;
  auto fairness = Call("GET", second_path + "/fairness", coordinator_);
  ASSERT_EQ(fairness.status, 200);
  EXPECT_EQ(Body(fairness)["overall"]["mentees"], 4);
  EXPECT_EQ(Body(fairness)["hidden_groups"], 3);  // 4 mentees: every group is under 5

  // Hand changes: to G1 breaks "other department" (confirm needed); E5 to E2 is their manager.
  auto preview = Call("POST", second_path + "/changes/preview", coordinator_,
                      {{"mentee", "N2"}, {"mentor", "G1"}});
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(Body(preview)["broken_rules"], json::array({"other_department"}));
  EXPECT_EQ(Body(preview)["allowed"], true);
  auto unconfirmed =
      Call("POST", second_path + "/changes", coordinator_, {{"mentee", "N2"}, {"mentor", "G1"}});
  EXPECT_EQ(Body(unconfirmed)["error"]["code"], "confirm_broken_rules");
  auto confirmed = Call("POST", second_path + "/changes", coordinator_,
                        {{"mentee", "N2"}, {"mentor", "G1"}, {"accept_broken_rules", true}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  auto manual = Body(Call("GET", second_path + "/pairs?manual=true", coordinator_));
  ASSERT_EQ(manual["total"], 1);
  EXPECT_EQ(manual["items"][0]["mentee"]["employee_id"], "N2");
  EXPECT_EQ(manual["items"][0]["broken_rules"], json::array({"other_department"}));
  auto chain = Call("POST", second_path + "/changes", coordinator_,
                    {{"mentee", "E5"}, {"mentor", "E2"}, {"accept_broken_rules", true}});
  EXPECT_EQ(chain.status, 409);
  EXPECT_EQ(Body(chain)["error"]["code"], "change_refused");

  // Publish: relationships for every pair, mail to both sides and their managers.
  auto counts = Body(Call("GET", second_path + "/publish", coordinator_));
  const int relationships = counts["relationships"];
  EXPECT_EQ(relationships, Body(Call("GET", second_path, coordinator_))["summary"]["matched"]);
  auto published = Call("POST", second_path + "/publish", coordinator_);
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(Body(published)["relationships"], relationships);
  EXPECT_EQ(Body(published)["mails"], counts["mails"]);
  EXPECT_EQ(Body(Call("GET", second_path, coordinator_))["status"], "published");
  auto mine = Body(Call("GET", "/api/v1/me/relationships", mentee_));
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["role"], "mentee");
  EXPECT_EQ(mine["items"][0]["mentor"]["employee_id"], other);
  auto mail = Body(Call("GET", "/api/v1/admin/mail?limit=100", admin_));
  std::set<std::string> recipients;
  for (const json& m : mail["items"]) recipients.insert(m["to"].get<std::string>());
  EXPECT_TRUE(recipients.contains("p.E5@example.com")) << mail.dump();
  EXPECT_TRUE(recipients.contains("p." + other + "@example.com"));
  EXPECT_TRUE(recipients.contains("p.E2@example.com"));  // E5's manager
  EXPECT_EQ(Body(Call("POST", second_path + "/publish", coordinator_))["error"]["code"],
            "not_publishable");
  EXPECT_EQ(
      Body(Call("POST", program + "/proposals", coordinator_, json::object()))["error"]["code"],
      "already_published");

  // Rematch E5: a new mentor for E5 alone; every other relationship stays.
  auto before = Body(Call("GET", program + "/relationships", coordinator_))["items"];
  auto rematch = Call("POST", program + "/rematch", coordinator_, {{"employee_ids", {"E5"}}});
  ASSERT_EQ(rematch.status, 202) << rematch.body;
  auto ran = server_.app().matching().RunNextJob("test-worker");
  ASSERT_TRUE(ran.ok() && *ran);
  const std::string rematch_path =
      program + "/proposals/" + std::to_string(Body(rematch)["id"].get<int64_t>());
  json rematched = Body(Call("GET", rematch_path, coordinator_));
  ASSERT_EQ(rematched["status"], "done") << rematched.dump();
  EXPECT_EQ(rematched["kind"], "rematch");
  auto new_pairs = PairsByMentee(rematch_path);
  ASSERT_LE(new_pairs.size(), 1u);
  if (!new_pairs.empty()) {
    EXPECT_NE(new_pairs["E5"]["mentor"]["employee_id"], other);
  }
  auto rematch_published = Call("POST", rematch_path + "/publish", coordinator_);
  ASSERT_EQ(rematch_published.status, 200) << rematch_published.body;
  EXPECT_EQ(Body(rematch_published)["ended"], 1);
  auto after = Body(Call("GET", program + "/relationships", coordinator_))["items"];
  int active_unchanged = 0;
  for (const json& r : before) {
    if (r["mentee"]["employee_id"] == "E5") continue;
    for (const json& s : after) {
      // New relationships wait for both sides to accept the agreement.
      if (s["id"] == r["id"] && s["status"] == "pending_agreement" && s["mentor"] == r["mentor"]) {
        ++active_unchanged;
      }
    }
  }
  EXPECT_EQ(active_unchanged, relationships - 1);
}

TEST_F(MatchingHttpTest, OnlyCoordinatorsAndCancelledRunsStop) {
  const std::string program = MakeProgram();
  EXPECT_EQ(Call("GET", program + "/matching/settings", mentor_).status, 403);
  EXPECT_EQ(Call("POST", program + "/proposals", mentee_, json::object()).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/programs/999/matching/settings", coordinator_).status, 404);
  auto bad =
      Call("PUT", program + "/matching/settings", coordinator_, {{"weights", {{"skills", 5000}}}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["field"], "weights.skills");
  auto unknown = Call("PUT", program + "/matching/settings", coordinator_, {{"colour", "red"}});
  EXPECT_EQ(Body(unknown)["error"]["field"], "colour");
  auto saved = Call("PUT", program + "/matching/settings", coordinator_,
                    {{"other_department", false}, {"weights", {{"skills", 80}}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Body(saved)["saved"], true);
  EXPECT_EQ(Body(saved)["settings"]["weights"]["skills"], 80);

  auto queued = Call("POST", program + "/proposals", coordinator_, json::object());
  ASSERT_EQ(queued.status, 202);
  EXPECT_EQ(
      Body(Call("POST", program + "/proposals", coordinator_, json::object()))["error"]["code"],
      "run_in_progress");
  const std::string path =
      program + "/proposals/" + std::to_string(Body(queued)["id"].get<int64_t>());
  EXPECT_EQ(Call("GET", path, mentor_).status, 403);
  auto cancelled = Call("POST", path + "/cancel", coordinator_);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(Body(cancelled)["status"], "cancelled");
  auto ran = server_.app().matching().RunNextJob("test-worker");
  ASSERT_TRUE(ran.ok());
  EXPECT_FALSE(*ran);  // nothing left to run
  EXPECT_EQ(Call("POST", path + "/cancel", coordinator_).status, 409);
  EXPECT_EQ(Call("POST", path + "/publish", coordinator_).status, 409);
  // A what-if run uses the given settings, not the saved ones.
  json what_if = RunMatching(program, {{"settings", {{"other_department", true}}}});
  EXPECT_EQ(what_if["settings"]["other_department"], true);
  EXPECT_EQ(what_if["settings"]["weights"]["skills"], 80);
  EXPECT_EQ(Body(Call("GET", program + "/matching/settings",
                      coordinator_))["settings"]["other_department"],
            false);
  // It is labelled as a what-if wherever runs are listed, and is not published unless the
  // coordinator says so.
  EXPECT_EQ(what_if["what_if"], true);
  ASSERT_EQ(what_if["status"], "done") << what_if.dump();
  const std::string what_if_path =
      program + "/proposals/" + std::to_string(what_if["id"].get<int64_t>());
  bool listed = false;
  // Held in a local: a range-for over a member of a temporary reads freed memory.
  const json runs = Body(Call("GET", program + "/proposals", coordinator_));
  for (const json& p : runs["items"]) {
    if (p["id"] == what_if["id"]) listed = p["what_if"] == true;
    if (p["id"] == Body(queued)["id"]) {
      EXPECT_EQ(p["what_if"], false);
    }
  }
  EXPECT_TRUE(listed) << runs.dump();
  EXPECT_EQ(Body(Call("GET", what_if_path + "/publish", coordinator_))["what_if"], true);
  auto unsaid = Call("POST", what_if_path + "/publish", coordinator_);
  EXPECT_EQ(unsaid.status, 409);
  EXPECT_EQ(Body(unsaid)["error"]["code"], "what_if_run");
  EXPECT_EQ(Body(Call("GET", what_if_path, coordinator_))["status"], "done");
  EXPECT_EQ(Call("POST", what_if_path + "/publish?confirm_what_if=2", coordinator_).status, 400);
  auto said = Call("POST", what_if_path + "/publish?confirm_what_if=1", coordinator_);
  ASSERT_EQ(said.status, 200) << said.body;
  EXPECT_EQ(Body(Call("GET", what_if_path, coordinator_))["status"], "published");
}

}  // namespace
}  // namespace pairwise::testing
