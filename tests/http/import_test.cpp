// The import routes over a real server: an admin's session (cookie + CSRF) uploads a CSV, the
// preview writes nothing, the import writes and is audited, uploads above the default body
// limit are accepted.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth_test_support.h"
#include "domain/people/import/csv.h"
#include "domain/people/test_util.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

Headers CsvHeaders(Headers more) {
  more.emplace_back("Content-Type", "text/csv");
  return more;
}

TEST(ImportHttp, AdminPreviewsThenImports) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  std::vector<domain::PersonRecord> people = {domain::testing::MakePerson("E20", "E1")};
  const std::string csv = domain::import::FormatPeopleCsv(people);

  ClientResponse preview = server.Connect().Request("POST", "/api/v1/imports/people/preview", csv,
                                                    CsvHeaders(admin.Auth()));
  ASSERT_EQ(preview.status, 200) << preview.body;
  json body = json::parse(preview.body);
  EXPECT_EQ(body["counts"]["create"], 1);
  EXPECT_EQ(body["can_import"], true);
  EXPECT_FALSE(server.app().people().FindPerson("E20").ok());

  // A state-changing request without the CSRF token is refused.
  ClientResponse no_csrf = server.Connect().Request("POST", "/api/v1/imports/people", csv,
                                                    CsvHeaders(admin.WithSession(false)));
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_FALSE(server.app().people().FindPerson("E20").ok());

  ClientResponse imported =
      server.Connect().Request("POST", "/api/v1/imports/people", csv, CsvHeaders(admin.Auth()));
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(json::parse(imported.body)["applied"], true);
  EXPECT_TRUE(server.app().people().FindPerson("E20").ok());

  ClientResponse audit =
      server.Connect().Request("GET", "/api/v1/audit?action=import_people", "", admin.Auth());
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("import_people"), std::string::npos);
}

TEST(ImportHttp, ErrorsAre400AndParticipantsAre403) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  std::vector<domain::PersonRecord> people = {domain::testing::MakePerson("E20", "E404")};
  ClientResponse bad =
      server.Connect().Request("POST", "/api/v1/imports/people?full=true",
                               domain::import::FormatPeopleCsv(people), CsvHeaders(admin.Auth()));
  ASSERT_EQ(bad.status, 400) << bad.body;
  json body = json::parse(bad.body);
  EXPECT_EQ(body["error"]["code"], "import_invalid");
  EXPECT_EQ(body["errors"][0]["row"], 2);
  EXPECT_EQ(body["errors"][0]["code"], "unknown_manager");
  // Nobody was marked left by the refused full import.
  auto e2 = server.app().people().FindPerson("E2");
  ASSERT_TRUE(e2.ok());
  EXPECT_EQ(e2->status, domain::EmploymentStatus::kActive);

  TestSession participant = SignInAs(server, "E5");
  ClientResponse denied = server.Connect().Request("POST", "/api/v1/imports/people/preview",
                                                   "employee_id\n", CsvHeaders(participant.Auth()));
  EXPECT_EQ(denied.status, 403);
}

TEST(ImportHttp, LargeUploadsAreAccepted) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  std::vector<domain::PersonRecord> people;
  for (int i = 0; i < 12000; ++i) {
    people.push_back(domain::testing::MakePerson("N" + std::to_string(i), "E1"));
  }
  const std::string csv = domain::import::FormatPeopleCsv(people);
  ASSERT_GT(csv.size(), 1u << 20);
  ClientResponse preview = server.Connect().Request("POST", "/api/v1/imports/people/preview", csv,
                                                    CsvHeaders(admin.Auth()));
  ASSERT_EQ(preview.status, 200) << preview.body.substr(0, 300);
  json body = json::parse(preview.body);
  EXPECT_EQ(body["counts"]["create"], 12000);
  EXPECT_EQ(body["rows"].size(), 5000u);
  EXPECT_EQ(body["rows_truncated"], true);
}

TEST(ImportHttp, MappingIsSavedAndRead) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  ClientResponse put = server.Connect().Request("PUT", "/api/v1/imports/people/mapping",
                                                R"({"mapping":{"Emp Ref":"employee_id"}})",
                                                JsonHeaders(admin.Auth()));
  ASSERT_EQ(put.status, 200) << put.body;
  ClientResponse got =
      server.Connect().Request("GET", "/api/v1/imports/people/mapping", "", admin.Auth());
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(json::parse(got.body)["mapping"]["Emp Ref"], "employee_id");
}

}  // namespace
}  // namespace pairwise::testing
