// Exports of the long lists (issue 24) over the real server and SQLite: the people export
// (admins), a program's relationships and applications exports (its coordinators and admins)
// hold the rows the JSON list route shows, with its filters, as read by independent readers
// (Python's csv module in strict mode, openpyxl: tests/http/read_table.py); everyone else is
// refused as the list refuses them; every export is in the audit log; bad queries are 400 naming
// the field.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "relationship_fixture.h"
#include "source_dir.h"

namespace pairwise::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kPython = "/usr/bin/python3";

// The rows of an exported file as tests/http/read_table.py reads them (`format` "csv" or
// "xlsx").
json ReadTable(const std::string& bytes, const std::string& format) {
  const fs::path file = fs::temp_directory_path() /
                        ("pairwise-table-export-" + std::to_string(getpid()) + "." + format);
  {
    std::ofstream out(file, std::ios::binary);
    out << bytes;
  }
  const std::string command = std::string(kPython) + " " + SourceDir().string() +
                              "/tests/http/read_table.py " + file.string() + " 2>&1";
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    pclose(pipe);
  }
  fs::remove(file);
  auto parsed = json::parse(output, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) ADD_FAILURE() << "the reader failed: " << output;
  return parsed;
}

// The relationship directory with a person whose name and title need CSV quoting and the
// formula guard.
domain::Directory ExportDirectory() {
  domain::Directory d = RelationshipDirectory();
  domain::PersonRecord odd = domain::testing::MakePerson("E20", "E1");
  odd.first_name = "Ana \"Q\", Jr";
  odd.job_title = "=HYPERLINK(\"x\")";
  odd.department = "FIN";
  d.people.push_back(odd);
  return d;
}

// Every person the JSON list route shows for `query` (all pages), as [employee id, name].
std::vector<std::pair<std::string, std::string>> ListedPeople(AuthTestServer& server,
                                                              const Headers& auth,
                                                              const std::string& query) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string cursor;
  do {
    auto r = CallAs(server, "GET",
                    "/api/v1/people?limit=3" + query + (cursor.empty() ? "" : "&cursor=" + cursor),
                    auth);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) break;
    const json page = JsonOf(r);
    for (const auto& p : page["items"]) out.emplace_back(p["employee_id"], p["name"]);
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
  } while (!cursor.empty());
  return out;
}

// Coordinators (E6, E10) are coordinators; everyone else here is an employee without a role.
std::vector<domain::Role> Roles(const std::string& who) {
  if (who == "E6" || who == "E10") return {domain::Role::kCoordinator};
  return {};
}

json AuditItems(AuthTestServer& server, const Headers& admin) {
  auto audit = CallAs(server, "GET", "/api/v1/audit?action=table_exported", admin);
  EXPECT_EQ(audit.status, 200) << audit.body;
  return JsonOf(audit)["items"];
}

TEST(TableExportsTest, PeopleExportHoldsTheListsRowsInBothFormats) {
  AuthTestServer server(ExportDirectory());
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  for (const std::string& query : {std::string(), std::string("&department=FIN")}) {
    const auto listed = ListedPeople(server, admin.Auth(), query);
    ASSERT_GE(listed.size(), 2u) << query;
    for (const std::string format : {"csv", "xlsx"}) {
      auto r =
          CallAs(server, "GET", "/api/v1/people/export?format=" + format + query, admin.Auth());
      ASSERT_EQ(r.status, 200) << r.body;
      EXPECT_NE(r.Header("content-disposition").find("people." + format), std::string::npos);
      json rows = ReadTable(r.body, format);
      ASSERT_TRUE(rows.is_array());
      if (format == "xlsx") rows.erase(rows.begin());  // the sheet's title row
      ASSERT_EQ(rows.size(), listed.size() + 1) << format << query << rows.dump();
      EXPECT_EQ(rows[0][0], "Employee ID");
      EXPECT_EQ(rows[0][7], "Status");
      for (std::size_t i = 0; i < listed.size(); ++i) {
        EXPECT_EQ(rows[i + 1][0], listed[i].first) << format << query;
        EXPECT_EQ(rows[i + 1][1], listed[i].second) << format << query;
      }
      if (query.empty()) continue;
      for (const auto& row : rows) EXPECT_NE(row[5], "Engineering") << format;
    }
  }
  // The name with a quote and a comma reads back whole; the formula is text.
  auto csv = CallAs(server, "GET", "/api/v1/people/export?format=csv&q=Jr", admin.Auth());
  ASSERT_EQ(csv.status, 200) << csv.body;
  const json rows = ReadTable(csv.body, "csv");
  ASSERT_EQ(rows.size(), 2u) << rows.dump();
  EXPECT_EQ(rows[1][1], "Ana \"Q\", Jr Last");
  EXPECT_EQ(rows[1][3], "'=HYPERLINK(\"x\")");
  EXPECT_EQ(rows[1][4], "3");
  EXPECT_EQ(rows[1][7], "active");

  const json items = AuditItems(server, admin.Auth());
  ASSERT_EQ(items.size(), 5u) << items.dump();
  EXPECT_EQ(items[0]["target"], "people");
  EXPECT_EQ(items[0]["detail"], "people as csv, 1 rows");
  EXPECT_EQ(items[0]["actor"], "person E1");
}

TEST(TableExportsTest, PeopleExportIsForAdminsOnly) {
  AuthTestServer server(ExportDirectory());
  // A coordinator, a mentee, a manager: the list is open to them, its export is not.
  for (const std::string who : {"E6", "E5", "E2"}) {
    TestSession session = SignInAs(server, who, Roles(who));
    EXPECT_EQ(CallAs(server, "GET", "/api/v1/people", session.Auth()).status, 200);
    auto r = CallAs(server, "GET", "/api/v1/people/export?format=csv", session.Auth());
    EXPECT_EQ(r.status, 403) << who << ": " << r.body;
  }
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  EXPECT_EQ(AuditItems(server, admin.Auth()).size(), 0u);
}

TEST(TableExportsTest, RelationshipsExportHoldsTheProgramsListAndIsRefusedAsTheListIs) {
  AuthTestServer server(ExportDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  PublishedRelationship r = PublishRelationship(server, coordinator);
  auto list = CallAs(server, "GET", r.program + "/relationships", coordinator.Auth());
  ASSERT_EQ(list.status, 200) << list.body;
  const json listed = JsonOf(list)["items"];
  ASSERT_EQ(listed.size(), 1u);
  for (const std::string format : {"csv", "xlsx"}) {
    auto e = CallAs(server, "GET", r.program + "/relationships/export?format=" + format,
                    coordinator.Auth());
    ASSERT_EQ(e.status, 200) << e.body;
    json rows = ReadTable(e.body, format);
    ASSERT_TRUE(rows.is_array());
    if (format == "xlsx") rows.erase(rows.begin());
    ASSERT_EQ(rows.size(), 2u) << rows.dump();
    const json& row = rows[1];
    const std::string id = std::to_string(listed[0]["id"].get<int64_t>());
    EXPECT_EQ(format == "csv" ? row[0] : json(std::to_string(row[0].get<int64_t>())), id);
    EXPECT_EQ(row[1], listed[0]["mentor"]["name"]);
    EXPECT_EQ(row[2], "E7");
    EXPECT_EQ(row[4], "E5");
    EXPECT_EQ(row[5], listed[0]["status"]);
    EXPECT_EQ(row[8], listed[0]["started_at"].get<std::string>().substr(0, 10));
    // Columns are the list's: no goals, notes or comments.
    for (const auto& heading : rows[0]) {
      const std::string h = heading;
      EXPECT_EQ(h.find("Goal"), std::string::npos);
      EXPECT_EQ(h.find("Note"), std::string::npos);
      EXPECT_EQ(h.find("Comment"), std::string::npos);
    }
  }
  // The list's filter applies: no completed relationship here.
  auto none = CallAs(server, "GET", r.program + "/relationships/export?format=csv&status=completed",
                     coordinator.Auth());
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(ReadTable(none.body, "csv").size(), 1u);

  // Another program's coordinator, the mentee, the mentee's manager: as the list answers them.
  for (const std::string who : {"E10", "E5", "E2"}) {
    TestSession session = SignInAs(server, who, Roles(who));
    const int listed_status =
        CallAs(server, "GET", r.program + "/relationships", session.Auth()).status;
    EXPECT_TRUE(listed_status == 403 || listed_status == 404) << who;
    auto e = CallAs(server, "GET", r.program + "/relationships/export?format=xlsx", session.Auth());
    EXPECT_EQ(e.status, listed_status) << who << ": " << e.body;
  }

  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  const json items = AuditItems(server, admin.Auth());
  ASSERT_EQ(items.size(), 3u) << items.dump();
  EXPECT_EQ(items[0]["detail"], "relationships as csv, 0 rows");
  EXPECT_EQ(items[1]["detail"], "relationships as xlsx, 1 rows");
  EXPECT_EQ(items[1]["target"], "program " + r.program.substr(r.program.rfind('/') + 1));
}

TEST(TableExportsTest, ApplicationsExportHoldsTheReviewTableWithoutAnswers) {
  AuthTestServer server(ExportDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  PublishedRelationship r = PublishRelationship(server, coordinator);
  auto list = CallAs(server, "GET", r.program + "/applications?sort=name", coordinator.Auth());
  ASSERT_EQ(list.status, 200) << list.body;
  const json listed = JsonOf(list)["items"];
  ASSERT_EQ(listed.size(), 2u) << list.body;
  for (const std::string format : {"csv", "xlsx"}) {
    auto e = CallAs(server, "GET", r.program + "/applications/export?sort=name&format=" + format,
                    coordinator.Auth());
    ASSERT_EQ(e.status, 200) << e.body;
    json rows = ReadTable(e.body, format);
    ASSERT_TRUE(rows.is_array());
    if (format == "xlsx") rows.erase(rows.begin());
    ASSERT_EQ(rows.size(), 3u) << rows.dump();
    for (std::size_t i = 0; i < listed.size(); ++i) {
      const json& row = rows[i + 1];
      EXPECT_EQ(row[1], listed[i]["applicant"]["name"]) << format;
      EXPECT_EQ(row[2], listed[i]["applicant"]["employee_id"]) << format;
      EXPECT_EQ(row[6], listed[i]["side"]) << format;
      EXPECT_EQ(row[7], listed[i]["status"]) << format;
      EXPECT_EQ(row[8], "yes") << format;  // both were nominated
    }
    for (const auto& heading : rows[0]) {
      EXPECT_EQ(heading.get<std::string>().find("nswer"), std::string::npos) << heading;
    }
  }
  // The review table's filter applies.
  auto mentors = CallAs(server, "GET", r.program + "/applications/export?format=csv&side=mentor",
                        coordinator.Auth());
  ASSERT_EQ(mentors.status, 200) << mentors.body;
  const json mentor_rows = ReadTable(mentors.body, "csv");
  ASSERT_EQ(mentor_rows.size(), 2u) << mentor_rows.dump();
  EXPECT_EQ(mentor_rows[1][2], "E7");

  for (const std::string who : {"E10", "E5", "E2"}) {
    TestSession session = SignInAs(server, who, Roles(who));
    const int listed_status =
        CallAs(server, "GET", r.program + "/applications", session.Auth()).status;
    EXPECT_TRUE(listed_status == 403 || listed_status == 404) << who;
    auto e = CallAs(server, "GET", r.program + "/applications/export?format=csv", session.Auth());
    EXPECT_EQ(e.status, listed_status) << who << ": " << e.body;
  }
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  const json items = AuditItems(server, admin.Auth());
  ASSERT_EQ(items.size(), 3u) << items.dump();
  EXPECT_EQ(items[0]["detail"], "applications as csv, 1 rows");
  EXPECT_EQ(items[1]["detail"], "applications as xlsx, 2 rows");
}

TEST(TableExportsTest, BadQueriesAreRefusedNamingTheFieldAndNothingIsRecorded) {
  AuthTestServer server(ExportDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  PublishedRelationship r = PublishRelationship(server, coordinator);
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"/api/v1/people/export?format=pdf", "format"},
      {"/api/v1/people/export", "format"},
      {"/api/v1/people/export?format=csv&department=NOPE", "department"},
      {"/api/v1/people/export?format=xlsx&status=gone", "status"},
      {r.program + "/relationships/export?format=docx", "format"},
      {r.program + "/relationships/export?format=csv&status=happy", "status"},
      {r.program + "/applications/export?format=xls", "format"},
      {r.program + "/applications/export?format=csv&side=both", "side"},
      {r.program + "/applications/export?format=csv&order=up", "order"},
  };
  for (const auto& [target, field] : bad) {
    auto e = CallAs(server, "GET", target,
                    target.starts_with("/api/v1/people") ? admin.Auth() : coordinator.Auth());
    EXPECT_EQ(e.status, 400) << target << ": " << e.body;
    EXPECT_EQ(JsonOf(e)["error"]["field"], field) << target;
  }
  EXPECT_EQ(AuditItems(server, admin.Auth()).size(), 0u);
}

}  // namespace
}  // namespace pairwise::testing
