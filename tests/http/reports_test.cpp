// Reports and outcomes over the real server (issue 24): the dashboard counts what was published,
// exports carry the same figures in CSV and XLSX and are in the audit log, bad queries are 400.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "relationship_fixture.h"

namespace pairwise::testing {
namespace {

TEST(ReportsTest, DashboardCountsThePublishedPair) {
  AuthTestServer server(RelationshipDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  PublishedRelationship r = PublishRelationship(server, coordinator);
  ClientResponse d = CallAs(server, "GET", r.program + "/reports/dashboard", coordinator.Auth());
  ASSERT_EQ(d.status, 200) << d.body;
  const auto json = JsonOf(d);
  std::map<std::string, int64_t> funnel;
  for (const auto& s : json["funnel"]) funnel[s["step"]] = s["people"];
  EXPECT_EQ(funnel["applied"], 1);
  EXPECT_EQ(funnel["approved"], 1);
  EXPECT_EQ(funnel["matched"], 1);
  EXPECT_EQ(funnel["agreement"], 0);
  ASSERT_EQ(json["mentor_load"].size(), 1u);
  EXPECT_EQ(json["mentor_load"][0]["employee_id"], "E7");
  EXPECT_EQ(json["mentor_load"][0]["mentees"], 1);

  // Filtered to a department the mentee is not in: nobody applied.
  ClientResponse none =
      CallAs(server, "GET", r.program + "/reports/dashboard?department=NOPE", coordinator.Auth());
  ASSERT_EQ(none.status, 200);
  EXPECT_EQ(JsonOf(none)["funnel"][1]["people"], 0);
}

TEST(ReportsTest, ExportsAreTheSameFiguresAndAudited) {
  AuthTestServer server(RelationshipDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  PublishedRelationship r = PublishRelationship(server, coordinator);
  ClientResponse csv =
      CallAs(server, "GET", r.program + "/reports/dashboard/export?format=csv&table=funnel",
             coordinator.Auth());
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("Step,People\r\n"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("Matched,1\r\n"), std::string::npos) << csv.body;
  ClientResponse xlsx =
      CallAs(server, "GET", r.program + "/reports/outcomes/export?format=xlsx", coordinator.Auth());
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");

  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  ClientResponse audit =
      CallAs(server, "GET", "/api/v1/audit?action=report_exported", admin.Auth());
  ASSERT_EQ(audit.status, 200) << audit.body;
  const auto items = JsonOf(audit)["items"];
  ASSERT_EQ(items.size(), 2u) << audit.body;
  EXPECT_NE(items[0]["detail"].get<std::string>().find("outcomes as xlsx"), std::string::npos);
  EXPECT_NE(items[1]["detail"].get<std::string>().find("dashboard as csv, 7 rows"),
            std::string::npos);
}

// Every figure the dashboard page shows is in an export: the mentor load chart's own table (not
// only the mentors one by one) and the means written under the meetings chart.
TEST(ReportsTest, TheChartsTablesAndMeansAreExported) {
  AuthTestServer server(RelationshipDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  PublishedRelationship r = PublishRelationship(server, coordinator);
  const auto page =
      JsonOf(CallAs(server, "GET", r.program + "/reports/dashboard", coordinator.Auth()));
  ASSERT_FALSE(page["mentor_load_summary"].empty());

  ClientResponse summary = CallAs(
      server, "GET", r.program + "/reports/dashboard/export?format=csv&table=mentor_load_summary",
      coordinator.Auth());
  ASSERT_EQ(summary.status, 200) << summary.body;
  std::string expected = "Load,Count\r\n";
  for (const auto& row : page["mentor_load_summary"]) {
    expected +=
        row["label"].get<std::string>() + "," + std::to_string(row["count"].get<int>()) + "\r\n";
  }
  EXPECT_EQ(summary.body, expected);

  ClientResponse means = CallAs(
      server, "GET", r.program + "/reports/dashboard/export?format=csv&table=meetings_per_month",
      coordinator.Auth());
  ASSERT_EQ(means.status, 200) << means.body;
  const auto number = [](double v) {
    std::ostringstream out;
    out << v;
    return out.str();
  };
  EXPECT_EQ(means.body, "Measure,Meetings a month\r\nHeld," +
                            number(page["mean_meetings_per_month"]) + "\r\nAgreed," +
                            number(page["mean_agreed_per_month"]) + "\r\n");

  ClientResponse each =
      CallAs(server, "GET", r.program + "/reports/dashboard/export?format=csv&table=mentor_load",
             coordinator.Auth());
  ASSERT_EQ(each.status, 200) << each.body;
  EXPECT_NE(each.body.find(",E7,1,"), std::string::npos) << each.body;
}

TEST(ReportsTest, BadQueriesAreRefusedAndNothingIsRecorded) {
  AuthTestServer server(RelationshipDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  PublishedRelationship r = PublishRelationship(server, coordinator);
  for (const std::string query :
       {"/reports/dashboard?level=11", "/reports/dashboard?level=x", "/reports/outcomes?level=-1",
        "/reports/dashboard/export?format=pdf", "/reports/dashboard/export",
        "/reports/dashboard/export?format=csv",
        "/reports/dashboard/export?format=csv&table=people"}) {
    ClientResponse bad = CallAs(server, "GET", r.program + query, coordinator.Auth());
    EXPECT_EQ(bad.status, 400) << query << ": " << bad.body;
    const auto error = JsonOf(bad)["error"];
    EXPECT_EQ(error["code"], "invalid_argument") << query;
    EXPECT_TRUE(error.contains("field")) << query;
  }
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  ClientResponse audit =
      CallAs(server, "GET", "/api/v1/audit?action=report_exported", admin.Auth());
  EXPECT_EQ(JsonOf(audit)["items"].size(), 0u);
}

}  // namespace
}  // namespace pairwise::testing

namespace pairwise::testing {
namespace {

// The dashboard's survey figures keep the survey's minimum group: one pair's two answers to a
// survey of k = 3 show as invited, nothing else, in the page's JSON and in the export.
TEST(ReportsTest, SurveyFiguresKeepTheSurveysMinimumGroup) {
  AuthTestServer server(RelationshipDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  PublishedRelationship r = PublishRelationship(server, coordinator);
  const nlohmann::json survey = {
      {"title", "Getting started"},
      {"kind", "start"},
      {"privacy", "anonymous"},
      {"audience", "both"},
      {"min_group", 3},
      {"schedule", {{"anchor", "after_start"}, {"days", 0}}},
      {"questions",
       {{{"id", "how"}, {"type", "scale"}, {"label", "How is it going?"}, {"required", true}},
        {{"id", "nps"}, {"type", "nps"}, {"label", "Would you recommend it?"}}}}};
  auto created = CallAs(server, "POST", r.program + "/surveys", coordinator.Auth(), survey);
  ASSERT_EQ(created.status, 201) << created.body;
  auto tick = server.app().health().Tick("test", /*again=*/true);
  ASSERT_TRUE(tick.ok()) << tick.status().ToString();
  for (const char* who : {"E5", "E7"}) {
    TestSession person = SignInAs(server, who);
    auto mine = JsonOf(CallAs(server, "GET", "/api/v1/me/surveys", person.Auth()));
    ASSERT_EQ(mine["items"].size(), 1u) << who;
    const auto invitation = mine["items"][0]["invitation_id"].get<int64_t>();
    auto answered =
        CallAs(server, "POST", "/api/v1/me/surveys/" + std::to_string(invitation) + "/answers",
               person.Auth(), nlohmann::json{{"answers", {{"how", 5}, {"nps", 10}}}});
    ASSERT_EQ(answered.status, 201) << answered.body;
  }

  auto d = CallAs(server, "GET", r.program + "/reports/dashboard", coordinator.Auth());
  ASSERT_EQ(d.status, 200) << d.body;
  const auto json = JsonOf(d);
  EXPECT_TRUE(json["survey_selection"]["applies"]);
  ASSERT_EQ(json["surveys"].size(), 1u) << d.body;
  const auto& figure = json["surveys"][0];
  EXPECT_EQ(figure["title"], "Getting started");
  EXPECT_EQ(figure["min_group"], 3);
  EXPECT_EQ(figure["invited"], 2);
  EXPECT_TRUE(figure["hidden"]);
  EXPECT_EQ(figure["responses"], 0);
  EXPECT_TRUE(figure["response_rate_pct"].is_null());
  EXPECT_TRUE(figure["scores"].empty());
  EXPECT_EQ(d.body.find("\"value\":5"), std::string::npos) << d.body;
  EXPECT_TRUE(json["health_labels"].is_array());
  // One mentee: every group of every breakdown is too small, hidden and counted.
  EXPECT_EQ(json["fairness"]["min_group"], 5);
  ASSERT_GE(json["fairness"]["breakdowns"].size(), 3u) << d.body;
  for (const auto& b : json["fairness"]["breakdowns"]) {
    EXPECT_TRUE(b["groups"].empty()) << b;
    EXPECT_EQ(b["hidden_groups"], 1) << b;
  }
  auto fairness =
      CallAs(server, "GET", r.program + "/reports/dashboard/export?format=csv&table=fairness",
             coordinator.Auth());
  ASSERT_EQ(fairness.status, 200) << fairness.body;
  EXPECT_NE(fairness.body.find("Department,1 group hidden,,,,,,,\r\n"), std::string::npos)
      << fairness.body;

  auto csv = CallAs(server, "GET", r.program + "/reports/dashboard/export?format=csv&table=surveys",
                    coordinator.Auth());
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("Getting started,2,,,,,,Hidden: fewer than 3 answers\r\n"),
            std::string::npos)
      << csv.body;
  auto labels =
      CallAs(server, "GET", r.program + "/reports/dashboard/export?format=csv&table=health_labels",
             coordinator.Auth());
  ASSERT_EQ(labels.status, 200) << labels.body;
  EXPECT_EQ(labels.body.substr(0, 36), "Day,On track,Needs attention,At risk");

  // Two filters at once: the survey figures follow none (a group of two dimensions could be
  // worked out from the groups of each).
  auto both = JsonOf(CallAs(server, "GET", r.program + "/reports/dashboard?department=ENG&site=LON",
                            coordinator.Auth()));
  EXPECT_FALSE(both["survey_selection"]["applies"]);
  EXPECT_TRUE(both["surveys"].empty());
}

// The programs overview: a coordinator sees the programs they run, an admin every program;
// the export holds the same figures and is in the audit log.
TEST(ReportsTest, ProgramsOverviewShowsWhatTheActorRuns) {
  AuthTestServer server(RelationshipDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  PublishedRelationship r = PublishRelationship(server, coordinator);
  auto mine = CallAs(server, "GET", "/api/v1/reports/programs", coordinator.Auth());
  ASSERT_EQ(mine.status, 200) << mine.body;
  const auto items = JsonOf(mine)["items"];
  ASSERT_EQ(items.size(), 1u) << mine.body;
  EXPECT_EQ("/api/v1/programs/" + std::to_string(items[0]["id"].get<int64_t>()), r.program);
  std::map<std::string, int64_t> funnel;
  for (const auto& s : items[0]["funnel"]) funnel[s["step"]] = s["people"];
  EXPECT_EQ(funnel["matched"], 1);
  EXPECT_EQ(items[0]["in_force"], 1);

  // Another coordinator runs none of them.
  TestSession other = SignInAs(server, "E2", {domain::Role::kCoordinator});
  auto none = CallAs(server, "GET", "/api/v1/reports/programs", other.Auth());
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_TRUE(JsonOf(none)["items"].empty());

  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  auto csv = CallAs(server, "GET", "/api/v1/reports/programs/export?format=csv", admin.Auth());
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("Program,Status,Eligible,Applied,Approved,Matched"), std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find(",1,1,1,0,0,0,1,0,"), std::string::npos) << csv.body;
  auto bad = CallAs(server, "GET", "/api/v1/reports/programs/export?format=pdf", admin.Auth());
  EXPECT_EQ(bad.status, 400);
  auto audit = CallAs(server, "GET", "/api/v1/audit?action=report_exported", admin.Auth());
  const auto entries = JsonOf(audit)["items"];
  ASSERT_EQ(entries.size(), 1u) << audit.body;
  EXPECT_NE(entries[0]["detail"].get<std::string>().find("programs overview as csv, 1 rows"),
            std::string::npos);
}

}  // namespace
}  // namespace pairwise::testing
