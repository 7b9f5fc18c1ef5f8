// Competency assessments over HTTP (issue 23): the coordinator picks the competencies; the
// mentee and the mentor rate at the start and the end, each their own sheet, with stale writes
// refused; the pair sees pre -> post; the coordinator sees only the aggregate, hidden under the
// surveys' minimum group; nobody else sees anything.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <string>

#include "auth_test_support.h"
#include "relationship_fixture.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;
using std::chrono::days;

class AssessmentsHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    relationship_ = PublishRelationship(server_, coordinator_);
    auto set = CallAs(server_, "PUT", relationship_.program + "/assessment-competencies",
                      coordinator_.Auth(), {{"competencies", {"cpp", "budgeting"}}});
    ASSERT_EQ(set.status, 200) << set.body;
  }

  ClientResponse Rate(const Headers& who, const std::string& phase, int version, int cpp,
                      int budgeting) {
    return CallAs(server_, "PUT", relationship_.path + "/assessments/" + phase, who,
                  {{"version", version}, {"ratings", {{"cpp", cpp}, {"budgeting", budgeting}}}});
  }

  AuthTestServer server_{RelationshipDirectory()};
  TestSession coordinator_ = SignInAs(server_, "E6", {domain::Role::kCoordinator});
  PublishedRelationship relationship_;
  Headers mentee_ = SignInAs(server_, "E5").Auth();
  Headers mentor_ = SignInAs(server_, "E7").Auth();
};

TEST_F(AssessmentsHttpTest, TheCoordinatorPicksSkillsOfTheTaxonomy) {
  auto got = JsonOf(CallAs(server_, "GET", relationship_.program + "/assessment-competencies",
                           coordinator_.Auth()));
  ASSERT_EQ(got["items"].size(), 2u) << got.dump();
  EXPECT_EQ(got["items"][0]["code"], "cpp");
  EXPECT_EQ(got["items"][0]["name"], "C++");
  EXPECT_EQ(got["items"][1]["name"], "Budgeting");
  EXPECT_EQ(got["scale"].size(), 5u);
  EXPECT_EQ(got["open_days"], 30);
  auto unknown = CallAs(server_, "PUT", relationship_.program + "/assessment-competencies",
                        coordinator_.Auth(), {{"competencies", {"cpp", "juggling"}}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(JsonOf(unknown)["error"]["field"], "competencies[1]");
  auto none = CallAs(server_, "PUT", relationship_.program + "/assessment-competencies",
                     coordinator_.Auth(), {{"competencies", json::array()}});
  EXPECT_EQ(none.status, 400);
  EXPECT_EQ(JsonOf(none)["error"]["field"], "competencies");
}

TEST_F(AssessmentsHttpTest, ThePairRatesBothPhasesAndSeesPreToPost) {
  // Pending agreement: the start phase is not open yet.
  auto early = Rate(mentee_, "start", 0, 2, 3);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(JsonOf(early)["error"]["code"], "phase_closed");
  EXPECT_TRUE(JsonOf(CallAs(server_, "GET", "/api/v1/me/assessments", mentee_))["items"].empty());

  ActivateRelationship(server_, relationship_);
  auto due = JsonOf(CallAs(server_, "GET", "/api/v1/me/assessments", mentee_));
  ASSERT_EQ(due["items"].size(), 1u) << due.dump();
  EXPECT_EQ(due["items"][0]["phase"], "start");
  EXPECT_EQ(due["items"][0]["side"], "mentee");
  EXPECT_EQ(due["items"][0]["relationship_id"], relationship_.id);

  auto first = Rate(mentee_, "start", 0, 2, 3);
  ASSERT_EQ(first.status, 200) << first.body;
  auto view = JsonOf(first);
  EXPECT_EQ(view["side"], "mentee");
  EXPECT_EQ(view["phases"][0]["mine"]["version"], 1);
  EXPECT_EQ(view["phases"][0]["mine"]["ratings"]["cpp"], 2);
  EXPECT_TRUE(view["phases"][0]["other"].is_null());  // the mentor has not rated yet
  EXPECT_TRUE(JsonOf(CallAs(server_, "GET", "/api/v1/me/assessments", mentee_))["items"].empty());

  // Another tab saving as of what it read first: refused, nothing overwritten.
  auto stale = Rate(mentee_, "start", 0, 5, 5);
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(JsonOf(stale)["error"]["code"], "stale_assessment") << stale.body;
  auto edited = Rate(mentee_, "start", 1, 1, 3);
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(JsonOf(edited)["phases"][0]["mine"]["version"], 2);

  // Every competency, on the scale.
  auto missing = CallAs(server_, "PUT", relationship_.path + "/assessments/start", mentor_,
                        {{"version", 0}, {"ratings", {{"cpp", 2}}}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(JsonOf(missing)["error"]["field"], "ratings.budgeting");
  auto high = Rate(mentor_, "start", 0, 6, 2);
  EXPECT_EQ(high.status, 400);
  EXPECT_EQ(JsonOf(high)["error"]["field"], "ratings.cpp");

  // Once the mentor rated, each sees the other's sheet of the phase.
  auto mentor_rated = Rate(mentor_, "start", 0, 2, 2);
  ASSERT_EQ(mentor_rated.status, 200) << mentor_rated.body;
  EXPECT_EQ(JsonOf(mentor_rated)["side"], "mentor");
  EXPECT_EQ(JsonOf(mentor_rated)["phases"][0]["other"]["ratings"]["cpp"], 1);
  auto mentee_view = JsonOf(CallAs(server_, "GET", relationship_.path + "/assessments", mentee_));
  EXPECT_EQ(mentee_view["phases"][0]["other"]["ratings"]["budgeting"], 2);
  EXPECT_FALSE(mentee_view["phases"][1]["open"]);
  // The end phase is not open yet.
  EXPECT_EQ(Rate(mentee_, "end", 0, 4, 4).status, 409);

  // Ten days before the end date (six months on): the start is closed, the end is open.
  server_.clock().Advance(days(172));
  // Sessions do not last six months: everyone signs in again.
  mentee_ = SignInAs(server_, "E5").Auth();
  mentor_ = SignInAs(server_, "E7").Auth();
  const Headers coordinator = SignInAs(server_, "E6", {domain::Role::kCoordinator}).Auth();
  auto closed = Rate(mentee_, "start", 2, 5, 5);
  EXPECT_EQ(closed.status, 409);
  EXPECT_EQ(JsonOf(closed)["error"]["code"], "phase_closed");
  auto due_end = JsonOf(CallAs(server_, "GET", "/api/v1/me/assessments", mentor_));
  ASSERT_EQ(due_end["items"].size(), 1u) << due_end.dump();
  EXPECT_EQ(due_end["items"][0]["phase"], "end");
  ASSERT_EQ(Rate(mentee_, "end", 0, 3, 4).status, 200);
  ASSERT_EQ(Rate(mentor_, "end", 0, 3, 3).status, 200);

  // The pair's pre -> post, both raters.
  auto pair = JsonOf(CallAs(server_, "GET", relationship_.path + "/assessments", mentor_));
  EXPECT_EQ(pair["phases"][0]["mine"]["ratings"]["cpp"], 2);
  EXPECT_EQ(pair["phases"][1]["mine"]["ratings"]["cpp"], 3);
  EXPECT_EQ(pair["phases"][0]["other"]["ratings"]["cpp"], 1);
  EXPECT_EQ(pair["phases"][1]["other"]["ratings"]["cpp"], 3);

  // One pair is a group under the minimum: the coordinator's aggregate shows nothing of it.
  auto results = CallAs(server_, "GET", relationship_.program + "/assessment-results", coordinator);
  ASSERT_EQ(results.status, 200) << results.body;
  for (const json& rater : JsonOf(results)["raters"]) {
    EXPECT_TRUE(rater["hidden"]) << results.body;
    EXPECT_EQ(rater["pairs"], 0);
    for (const json& c : rater["competencies"]) {
      EXPECT_TRUE(c["hidden"]);
      EXPECT_EQ(c["start"], json::array({0, 0, 0, 0, 0}));
      EXPECT_EQ(c["end"], json::array({0, 0, 0, 0, 0}));
      EXPECT_TRUE(c["mean_change"].is_null());
    }
  }
  auto dashboard =
      JsonOf(CallAs(server_, "GET", relationship_.program + "/reports/dashboard", coordinator));
  EXPECT_EQ(dashboard["competency_change"], JsonOf(results)) << dashboard.dump();
  // The dashboard's export says the same (issue 24): each rater a row with the reason, no figure.
  auto csv =
      CallAs(server_, "GET",
             relationship_.program + "/reports/dashboard/export?format=csv&table=competency_change",
             coordinator);
  ASSERT_EQ(csv.status, 200) << csv.body;
  const std::string k = std::to_string(JsonOf(results)["min_group"].get<int>());
  const std::string hidden = ",,,,,,,,,,,,,,,,Not shown: fewer than " + k +
                             " pairs rated at both the start and the end\r\n";
  EXPECT_EQ(csv.body.substr(csv.body.find("\r\n") + 2),
            "Mentees rating themselves" + hidden + "Mentors rating their mentees" + hidden)
      << csv.body;
}

TEST_F(AssessmentsHttpTest, NoRouteGivesAnyoneButThePairOnePersonsRatings) {
  ActivateRelationship(server_, relationship_);
  ASSERT_EQ(Rate(mentee_, "start", 0, 2, 3).status, 200);
  const Headers coordinator = coordinator_.Auth();
  const Headers admin = SignInAs(server_, "E1", {domain::Role::kAdmin}).Auth();
  const Headers manager = SignInAs(server_, "E2").Auth();
  const Headers shadow = SignInAs(server_, "E8").Auth();
  const Headers stranger = SignInAs(server_, "E9").Auth();
  for (const auto& [who, name, expected] :
       {std::tuple{&coordinator, "coordinator", 403}, std::tuple{&admin, "admin", 403},
        std::tuple{&manager, "manager", 403}, std::tuple{&shadow, "shadow mentor", 403},
        std::tuple{&stranger, "stranger", 404}}) {
    const int want = expected;
    EXPECT_EQ(CallAs(server_, "GET", relationship_.path + "/assessments", *who).status, want)
        << name;
    EXPECT_EQ(Rate(*who, "start", 0, 1, 1).status, want) << name;
  }
  // Managers do not see the aggregate either.
  EXPECT_EQ(CallAs(server_, "GET", relationship_.program + "/assessment-results", manager).status,
            403);
  // The relationship's own detail carries no ratings for its overseers.
  auto detail = CallAs(server_, "GET", relationship_.path, coordinator);
  EXPECT_EQ(detail.body.find("ratings"), std::string::npos) << detail.body;
}

TEST_F(AssessmentsHttpTest, TheAggregateShowsOnceFivePairsRatedBothPhases) {
  // Five more completed pairs of the program (written as the store keeps them): mentees rated
  // themselves at both phases, 2 -> 3 in C++; only four of their mentors rated both.
  const int64_t program =
      std::stoll(relationship_.program.substr(relationship_.program.rfind('/') + 1));
  std::vector<int64_t> ids;
  Status made = server_.app().database().Run(storage::TransactionMode::kWrite, [&](soci::session&
                                                                                       s) {
    for (const char* mentee : {"E1", "E2", "E3", "E9", "E10"}) {
      const std::string who = mentee;
      long long id = 0;
      s << "INSERT INTO relationships (program_id, mentor, mentee, status, score, explanation, "
           "started_at_us, activated_at_us, ended_at_us, end_reason, ended_by, end_comment) VALUES "
           "(:p, 'E8', :m, 'completed', 0, '', 0, 0, 1, 'completed', '', '') RETURNING id",
          soci::use(program), soci::use(who), soci::into(id);
      ids.push_back(id);
    }
    return Status::Ok();
  });
  ASSERT_TRUE(made.ok()) << made.ToString();
  auto& store = server_.app().assessment_repository();
  for (std::size_t i = 0; i < ids.size(); ++i) {
    for (auto rater : {domain::Side::kMentee, domain::Side::kMentor}) {
      if (rater == domain::Side::kMentor && i == 4) continue;
      for (auto phase : {domain::AssessmentPhase::kStart, domain::AssessmentPhase::kEnd}) {
        domain::Assessment a;
        a.relationship = domain::RelationshipId(ids[i]);
        a.program = domain::ProgramId(program);
        a.rater = rater;
        a.phase = phase;
        a.ratings = {{"cpp", phase == domain::AssessmentPhase::kStart ? 2 : 3}, {"budgeting", 4}};
        ASSERT_TRUE(store.Save(a, 0).ok());
      }
    }
  }
  auto results =
      CallAs(server_, "GET", relationship_.program + "/assessment-results", coordinator_.Auth());
  ASSERT_EQ(results.status, 200) << results.body;
  const json body = JsonOf(results);
  EXPECT_EQ(body["min_group"], 5);
  const json& self = body["raters"][0];
  EXPECT_EQ(self["rater"], "mentee");
  EXPECT_FALSE(self["hidden"]);
  EXPECT_EQ(self["pairs"], 5);
  EXPECT_EQ(self["competencies"][0]["start"], json::array({0, 5, 0, 0, 0}));
  EXPECT_EQ(self["competencies"][0]["end"], json::array({0, 0, 5, 0, 0}));
  EXPECT_DOUBLE_EQ(self["competencies"][0]["mean_change"].get<double>(), 1.0);
  const json& mentors = body["raters"][1];
  EXPECT_TRUE(mentors["hidden"]);
  EXPECT_EQ(mentors["pairs"], 0);
  // With a filter the dashboard withholds it (a group's figures could be taken from the whole).
  auto filtered =
      JsonOf(CallAs(server_, "GET", relationship_.program + "/reports/dashboard?department=FIN",
                    coordinator_.Auth()));
  EXPECT_TRUE(filtered["competency_change"].is_null()) << filtered.dump();
  auto whole = JsonOf(
      CallAs(server_, "GET", relationship_.program + "/reports/dashboard", coordinator_.Auth()));
  EXPECT_EQ(whole["competency_change"], body);
}

}  // namespace
}  // namespace pairwise::testing
