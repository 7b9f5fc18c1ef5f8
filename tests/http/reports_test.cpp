// Reports and outcomes over the real server (issue 24): the dashboard counts what was published,
// exports carry the same figures in CSV and XLSX and are in the audit log, bad queries are 400.
#include <gtest/gtest.h>

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
