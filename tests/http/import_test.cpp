// The import routes over a real server: an admin's session (cookie + CSRF) uploads a CSV, the
// preview writes nothing, the import writes and is audited, uploads above the default body
// limit are accepted.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

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

constexpr std::string_view kHeader =
    "employee_id,first_name,last_name,email,department,site,time_zone,job_title,level,"
    "manager_employee_id,hire_date,status,languages\r\n";

// HRIS exports break titles and addresses over lines inside quotes: CRLF and LF both are taken
// as one space, not refused.
TEST(ImportHttp, LineBreaksInsideQuotedFieldsAreStoredAsOneSpace) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  int n = 0;
  for (std::string_view end : {"\r\n", "\n"}) {
    const std::string id = "LB" + std::to_string(++n);
    const std::string csv = std::string(kHeader) + id + ",Ana,Lee,ana" + id +
                            "@example.com,ENG,LON,,\"Senior Engineer," + std::string(end) +
                            "Platform\",4,E1,2024-01-15,active,en" + std::string(end);
    ClientResponse imported =
        server.Connect().Request("POST", "/api/v1/imports/people", csv, CsvHeaders(admin.Auth()));
    ASSERT_EQ(imported.status, 200) << imported.body;
    auto person = server.app().people().FindPerson(id);
    ASSERT_TRUE(person.ok());
    EXPECT_EQ(person->job_title, "Senior Engineer, Platform");
  }
}

// A broken file of many megabytes: the answer lists the first 1,000 problems and counts all of
// them, and stays small (before: every problem, some 80 bytes each, in an answer of tens of MB).
TEST(ImportHttp, ABrokenFileIsAnsweredWithTheFirstProblemsAndTheirCount) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  std::string csv(kHeader);
  const int rows = 200000;
  for (int i = 0; i < rows; ++i) {
    // Three problems a row: the email (with a terminal escape), the level, the hire date.
    csv += "X" + std::to_string(i) + ",A,B,\"no\x1b[31m\r\nmail\",ENG,LON,,T,99,,never,,en\r\n";
  }
  ASSERT_GT(csv.size(), 10u << 20);
  for (std::string_view route : {"/api/v1/imports/people/preview", "/api/v1/imports/people"}) {
    ClientResponse answer =
        server.Connect().Request("POST", std::string(route), csv, CsvHeaders(admin.Auth()));
    ASSERT_EQ(answer.status, route.ends_with("preview") ? 200 : 400) << answer.body.substr(0, 300);
    EXPECT_LT(answer.body.size(), 400u << 10) << route;
    json body = json::parse(answer.body);
    EXPECT_EQ(body["error_count"], 3 * rows) << route;
    EXPECT_EQ(body["errors_truncated"], true);
    ASSERT_EQ(body["errors"].size(), 1000u);
    EXPECT_EQ(body["errors"][0]["row"], 2);
    EXPECT_EQ(body["errors"][0]["message"], "email \"no\\u001b[31m mail\" is not a valid address");
    EXPECT_EQ(body["errors"][999]["row"], 2 + 333);
  }
  EXPECT_FALSE(server.app().people().FindPerson("X0").ok());

  // Bytes that are no CSV at all: still a bounded answer of valid JSON.
  std::mt19937 random(17);
  std::string garbage(8u << 20, '\0');
  for (char& c : garbage) c = static_cast<char>(random() & 0xFF);
  ClientResponse preview = server.Connect().Request("POST", "/api/v1/imports/people/preview",
                                                    garbage, CsvHeaders(admin.Auth()));
  ASSERT_EQ(preview.status, 200) << preview.body.substr(0, 300);
  EXPECT_LT(preview.body.size(), 1u << 20);
  json body = json::parse(preview.body);
  EXPECT_GT(body["error_count"].get<int64_t>(), 1000);
  EXPECT_EQ(body["errors"].size(), 1000u);
  EXPECT_EQ(body["can_import"], false);
}

// A full import that would mark more than a share of the directory left is refused unless
// confirmed; a file with no rows never empties the directory.
TEST(ImportHttp, AFullImportMarkingManyLeftNeedsConfirming) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  const std::string header_only(kHeader);
  for (std::string_view query : {"?full=true", "?full=true&confirm_leavers=true"}) {
    ClientResponse refused =
        server.Connect().Request("POST", "/api/v1/imports/people" + std::string(query), header_only,
                                 CsvHeaders(admin.Auth()));
    ASSERT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(json::parse(refused.body)["errors"][0]["code"], "no_rows");
  }
  EXPECT_EQ(server.app().people().FindPerson("E2")->status, domain::EmploymentStatus::kActive);

  // The file has E1 only: E2, E3, E5, E6 would leave, 4 of 5.
  std::vector<domain::PersonRecord> people = {domain::testing::SmallDirectory().people[0]};
  const std::string csv = domain::import::FormatPeopleCsv(people);
  ClientResponse preview = server.Connect().Request(
      "POST", "/api/v1/imports/people/preview?full=true", csv, CsvHeaders(admin.Auth()));
  ASSERT_EQ(preview.status, 200) << preview.body;
  json body = json::parse(preview.body);
  EXPECT_EQ(body["counts"]["mark_left"], 4);
  EXPECT_EQ(body["stored_not_left"], 5);
  ASSERT_EQ(body["needs_confirmation"].size(), 1u);
  EXPECT_EQ(body["needs_confirmation"][0]["code"], "confirm_leavers");

  ClientResponse refused = server.Connect().Request("POST", "/api/v1/imports/people?full=true", csv,
                                                    CsvHeaders(admin.Auth()));
  ASSERT_EQ(refused.status, 409) << refused.body;
  body = json::parse(refused.body);
  EXPECT_EQ(body["error"]["code"], "confirmation_required");
  EXPECT_EQ(body["error"]["field"], "confirm_leavers");
  EXPECT_EQ(body["error"]["message"],
            "this full import would mark 4 of 5 people (80%) as left, more than the 10% allowed "
            "without confirmation; nothing was imported (send confirm_leavers=true to go ahead)");
  EXPECT_EQ(server.app().people().FindPerson("E2")->status, domain::EmploymentStatus::kActive);

  ClientResponse bad =
      server.Connect().Request("POST", "/api/v1/imports/people?full=true&max_left_percent=ten", csv,
                               CsvHeaders(admin.Auth()));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body)["error"]["field"], "max_left_percent");
  bad = server.Connect().Request("POST", "/api/v1/imports/people?full=true&max_left_percent=101",
                                 csv, CsvHeaders(admin.Auth()));
  EXPECT_EQ(bad.status, 400);

  ClientResponse allowed =
      server.Connect().Request("POST", "/api/v1/imports/people?full=true&max_left_percent=80", csv,
                               CsvHeaders(admin.Auth()));
  ASSERT_EQ(allowed.status, 200) << allowed.body;
  EXPECT_EQ(server.app().people().FindPerson("E2")->status, domain::EmploymentStatus::kLeft);
}

// Department and site names as HR exports write them are matched; a new one is shown for the
// admin to confirm and created, with the people, only when confirmed.
TEST(ImportHttp, DepartmentNamesAreMatchedAndNewOnesConfirmed) {
  AuthTestServer server;
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  domain::PersonRecord a = domain::testing::MakePerson("N1", "E1");
  a.department = "FINANCE";
  a.site = "new york";
  a.time_zone = "";
  domain::PersonRecord b = domain::testing::MakePerson("N2", "E1");
  b.department = "Caf\xC3\xA9 Operations";
  std::vector<domain::PersonRecord> people = {a, b};
  const std::string csv = domain::import::FormatPeopleCsv(people);

  ClientResponse preview = server.Connect().Request("POST", "/api/v1/imports/people/preview", csv,
                                                    CsvHeaders(admin.Auth()));
  ASSERT_EQ(preview.status, 200) << preview.body;
  json body = json::parse(preview.body);
  EXPECT_EQ(body["can_import"], true);
  ASSERT_EQ(body["departments"].size(), 2u);
  EXPECT_EQ(body["departments"][0], (json{{"value", "FINANCE"},
                                          {"code", "FIN"},
                                          {"name", "Finance"},
                                          {"new", false},
                                          {"rows", 1}}));
  EXPECT_EQ(body["departments"][1]["new"], true);
  EXPECT_EQ(body["sites"][0]["code"], "NYC");
  EXPECT_EQ(body["new_departments"],
            (json::array({{{"code", "CAFE-OPERATIONS"}, {"name", "Caf\xC3\xA9 Operations"}}})));
  ASSERT_EQ(body["needs_confirmation"].size(), 1u);
  EXPECT_EQ(body["needs_confirmation"][0]["code"], "confirm_new");

  ClientResponse refused =
      server.Connect().Request("POST", "/api/v1/imports/people", csv, CsvHeaders(admin.Auth()));
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["error"]["field"], "confirm_new");
  EXPECT_FALSE(server.app().people().FindPerson("N1").ok());

  ClientResponse imported = server.Connect().Request(
      "POST", "/api/v1/imports/people?confirm_new=true", csv, CsvHeaders(admin.Auth()));
  ASSERT_EQ(imported.status, 200) << imported.body;
  auto n1 = server.app().people().FindPerson("N1");
  ASSERT_TRUE(n1.ok());
  EXPECT_EQ(n1->department, "FIN");
  EXPECT_EQ(n1->site, "NYC");
  EXPECT_EQ(n1->time_zone, "America/New_York");
  EXPECT_EQ(server.app().people().FindPerson("N2")->department, "CAFE-OPERATIONS");
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
