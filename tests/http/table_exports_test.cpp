// Exports of the long lists (issue 24) over the real server and SQLite: the people export
// (admins), a program's relationships and applications exports (its coordinators and admins)
// hold the rows the JSON list route shows, with its filters, as read by independent readers
// (Python's csv module in strict mode, openpyxl: tests/http/read_table.py); everyone else is
// refused as the list refuses them; every export is in the audit log; bad queries are 400 naming
// the field.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
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
  // Activity to count: a goal half done (one of two milestones) and a meeting held.
  ActivateRelationship(server, r);
  TestSession mentee = SignInAs(server, "E5");
  auto goal = CallAs(server, "POST", r.path + "/goals", mentee.Auth(),
                     {{"title", "Secret goal title"}, {"relevance", "Visibility"}});
  ASSERT_EQ(goal.status, 201) << goal.body;
  json g = JsonOf(goal);
  const std::string goal_path = r.path + "/goals/" + std::to_string(g["id"].get<int64_t>());
  for (const char* title : {"Pick a topic", "Rehearse"}) {
    auto added = CallAs(server, "POST", goal_path + "/milestones", mentee.Auth(),
                        {{"version", g["version"]}, {"title", title}});
    ASSERT_EQ(added.status, 201) << added.body;
    g = JsonOf(added);
  }
  auto ticked =
      CallAs(server, "PUT",
             goal_path + "/milestones/" + std::to_string(g["milestones"][0]["id"].get<int64_t>()),
             mentee.Auth(), {{"version", g["version"]}, {"done", true}});
  ASSERT_EQ(ticked.status, 200) << ticked.body;
  auto proposed = CallAs(server, "POST", r.path + "/meetings", mentee.Auth(),
                         {{"starts_at", "2026-11-23T13:00:00Z"}, {"agenda", "First steps"}});
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const std::string meeting =
      r.path + "/meetings/" + std::to_string(JsonOf(proposed)["id"].get<int64_t>());
  ASSERT_EQ(CallAs(server, "POST", meeting + "/accept", SignInAs(server, "E7").Auth()).status, 200);
  server.clock().Advance(std::chrono::hours(14));
  // The sessions went idle meanwhile: sign in again.
  mentee = SignInAs(server, "E5");
  coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  auto logged = CallAs(server, "POST", meeting + "/log", mentee.Auth(),
                       {{"outcome", "held"},
                        {"duration_minutes", 55},
                        {"mode", "virtual"},
                        {"topics", "Secret meeting topic"}});
  ASSERT_EQ(logged.status, 200) << logged.body;

  auto list = CallAs(server, "GET", r.program + "/relationships", coordinator.Auth());
  ASSERT_EQ(list.status, 200) << list.body;
  const json listed = JsonOf(list)["items"];
  ASSERT_EQ(listed.size(), 1u);
  ASSERT_EQ(listed[0]["meetings_held"], 1) << list.body;
  ASSERT_EQ(listed[0]["goal_progress"], 50) << list.body;
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
    // The table's activity counts, as the list shows them (numbers in the workbook).
    ASSERT_EQ(rows[0].size(), 17u) << rows[0].dump();
    EXPECT_EQ(rows[0][12], "Meetings held");
    EXPECT_EQ(rows[0][16], "Average goal progress %");
    auto number = [&format](const json& cell) {
      return format == "csv" ? cell : json(std::to_string(cell.get<int64_t>()));
    };
    EXPECT_EQ(number(row[12]), std::to_string(listed[0]["meetings_held"].get<int>()));
    EXPECT_EQ(row[13], listed[0]["last_meeting_at"].get<std::string>().substr(0, 10));
    EXPECT_EQ(number(row[14]), std::to_string(listed[0]["goals"].get<int>()));
    EXPECT_EQ(number(row[15]), std::to_string(listed[0]["goals_completed"].get<int>()));
    EXPECT_EQ(number(row[16]), std::to_string(listed[0]["goal_progress"].get<int>()));
    // Counts only: no goal title, meeting topic, notes or comments.
    EXPECT_EQ(rows.dump().find("Secret"), std::string::npos);
    for (const auto& heading : rows[0]) {
      const std::string h = heading;
      EXPECT_EQ(h.find("Title"), std::string::npos);
      EXPECT_EQ(h.find("Topic"), std::string::npos);
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

// An anonymous survey with every kind of aggregate: choices, a scale, NPS, a matrix, a question
// too few answer, and free text.
const json kResultsSurvey = {
    {"title", "Check-in"},
    {"kind", "start"},
    {"privacy", "anonymous"},
    {"audience", "both"},
    {"min_group", 3},
    {"schedule", {{"anchor", "after_start"}, {"days", 0}}},
    {"questions",
     {{{"id", "fit"},
       {"type", "single_choice"},
       {"label", "How is it going?"},
       {"required", true},
       {"options", {"Well", "So so"}}},
      {{"id", "sat"}, {"type", "scale"}, {"label", "How satisfied are you?"}, {"required", true}},
      {{"id", "nps"}, {"type", "nps"}, {"label", "Would you recommend it?"}, {"required", true}},
      {{"id", "team"},
       {"type", "matrix"},
       {"label", "Rate your mentoring"},
       {"required", true},
       {"options", {"Listening", "Feedback"}}},
      {{"id", "rare"}, {"type", "scale"}, {"label", "Rarely answered"}},
      {{"id", "more"}, {"type", "long_text"}, {"label", "Anything else?"}}}}};

// A group program (E7 mentoring E5 and E11) whose survey everyone it reached has answered, each
// writing a secret in its free text; only E5 answers "rare". The survey's path.
std::string AnsweredSurvey(AuthTestServer& server, const TestSession& coordinator) {
  PublishedRelationship r = PublishRelationship(server, coordinator, "group");
  auto created = CallAs(server, "POST", r.program + "/surveys", coordinator.Auth(), kResultsSurvey);
  EXPECT_EQ(created.status, 201) << created.body;
  auto tick = server.app().health().Tick("test", /*again=*/true);
  EXPECT_TRUE(tick.ok()) << tick.status().ToString();
  const std::vector<std::pair<std::string, json>> answers = {
      {"E5",
       {{"fit", "Well"},
        {"sat", 4},
        {"nps", 9},
        {"team", {"4", "5"}},
        {"rare", 2},
        {"more", "secret words of E5"}}},
      {"E11",
       {{"fit", "So so"}, {"sat", 2}, {"nps", 6}, {"team", {"3", "4"}}, {"more", "secret E11"}}},
      {"E7",
       {{"fit", "Well"}, {"sat", 5}, {"nps", 10}, {"team", {"5", "5"}}, {"more", "secret E7"}}}};
  for (const auto& [who, sheet] : answers) {
    const Headers auth = SignInAs(server, who).Auth();
    const json mine = JsonOf(CallAs(server, "GET", "/api/v1/me/surveys", auth));
    EXPECT_FALSE(mine["items"].empty()) << who;
    for (const auto& item : mine["items"]) {
      const std::string path =
          "/api/v1/me/surveys/" + std::to_string(item["invitation_id"].get<int64_t>()) + "/answers";
      auto sent = CallAs(server, "POST", path, auth, {{"answers", sheet}});
      EXPECT_EQ(sent.status, 201) << who << ": " << sent.body;
    }
  }
  return "/api/v1/surveys/" + std::to_string(JsonOf(created)["id"].get<int64_t>());
}

// A cell as text: what the CSV holds; the workbook's numbers written as the CSV writes them.
std::string CellText(const json& cell) {
  if (cell.is_null()) return "";
  if (cell.is_string()) return cell.get<std::string>();
  if (cell.is_number_integer()) return std::to_string(cell.get<int64_t>());
  const double d = cell.get<double>();
  if (d == std::floor(d)) return std::to_string(static_cast<int64_t>(d));
  std::string text = std::to_string(std::round(d * 100) / 100);
  while (text.back() == '0') text.pop_back();
  return text;
}

// The rows the export must hold for the results JSON the page shows (`results`), as text.
std::vector<std::vector<std::string>> ExpectedSurveyRows(const json& results) {
  std::vector<std::vector<std::string>> out;
  const std::string k = std::to_string(results["min_group"].get<int>());
  if (results["hidden"]) {
    out.push_back(
        {"", "", "", "", "", "", "", "",
         "Hidden: fewer than " + k + " answers, or showing them would reveal a smaller group"});
    return out;
  }
  for (const json& q : results["questions"]) {
    const std::string label = q["label"], type = q["type"];
    if (q["hidden"]) {
      out.push_back({label, type, "", "", "", "", "", "",
                     "Hidden: fewer than " + k +
                         " answers here, or showing it would reveal a smaller group"});
      continue;
    }
    const std::string answered = std::to_string(q["answered"].get<int>());
    const std::string mean = CellText(q["mean"]);
    const std::string nps = CellText(q["nps"]);
    if (!q["matrix"].empty()) {
      for (std::size_t i = 0; i < q["matrix"].size(); ++i) {
        for (std::size_t rating = 0; rating < q["matrix"][i].size(); ++rating) {
          out.push_back({label, type, answered, q["options"][i], std::to_string(rating + 1),
                         std::to_string(q["matrix"][i][rating].get<int>()), mean, nps, ""});
        }
      }
    } else if (!q["counts"].empty()) {
      for (const json& c : q["counts"]) {
        out.push_back({label, type, answered, "", c["value"], std::to_string(c["count"].get<int>()),
                       mean, nps, ""});
      }
    } else {
      out.push_back({label, type, answered, "", "", "", mean, nps,
                     type == "long_text" || type == "short_text"
                         ? "Free-text answers are not exported"
                         : ""});
    }
  }
  return out;
}

TEST(TableExportsTest, SurveyResultsExportHoldsThePagesAggregatesWithoutFreeText) {
  AuthTestServer server(GroupDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  const std::string survey = AnsweredSurvey(server, coordinator);
  coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  auto page = CallAs(server, "GET", survey + "/results", coordinator.Auth());
  ASSERT_EQ(page.status, 200) << page.body;
  const json results = JsonOf(page);
  ASSERT_FALSE(results["hidden"]) << page.body;
  ASSERT_GE(results["responses"], 3) << page.body;
  // The page shows the free text to the coordinator; the export never does.
  ASSERT_NE(page.body.find("secret"), std::string::npos);
  const auto expected = ExpectedSurveyRows(results);
  ASSERT_GE(expected.size(), 20u);  // 2 choices, 5 + 11 values, 2 x 5 ratings, rare, more
  for (const std::string format : {"csv", "xlsx"}) {
    auto e = CallAs(server, "GET", survey + "/results/export?format=" + format, coordinator.Auth());
    ASSERT_EQ(e.status, 200) << e.body;
    EXPECT_NE(e.Header("content-disposition").find("-results." + format), std::string::npos);
    json rows = ReadTable(e.body, format);
    ASSERT_TRUE(rows.is_array());
    EXPECT_EQ(rows.dump().find("secret"), std::string::npos) << format;
    if (format == "xlsx") rows.erase(rows.begin());
    ASSERT_EQ(rows.size(), expected.size() + 1) << format << rows.dump();
    EXPECT_EQ(rows[0][0], "Question");
    EXPECT_EQ(rows[0][8], "Note");
    for (std::size_t i = 0; i < expected.size(); ++i) {
      std::vector<std::string> got;
      for (const json& cell : rows[i + 1]) got.push_back(CellText(cell));
      EXPECT_EQ(got, expected[i]) << format << " row " << i;
    }
  }
  // The question only one person answered is hidden, with no figure beside it.
  bool rare_hidden = false;
  for (const auto& row : expected) rare_hidden |= row[0] == "Rarely answered" && row[2].empty();
  EXPECT_TRUE(rare_hidden);

  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  const json items = AuditItems(server, admin.Auth());
  ASSERT_EQ(items.size(), 2u) << items.dump();
  EXPECT_EQ(items[0]["target"], "survey " + survey.substr(survey.rfind('/') + 1));
  EXPECT_EQ(items[0]["detail"],
            "survey results as xlsx, " + std::to_string(expected.size()) + " rows");
  EXPECT_EQ(items[1]["detail"],
            "survey results as csv, " + std::to_string(expected.size()) + " rows");
}

// Suppression: a group below k (the two mentees, the one mentor) exports as the page shows it —
// hidden, no figure — and its group list hides it too.
TEST(TableExportsTest, SurveyResultsExportHidesSmallGroupsAsThePageDoes) {
  AuthTestServer server(GroupDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  const std::string survey = AnsweredSurvey(server, coordinator);
  coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  for (const std::string query : {"by=side&group=mentee", "by=side&group=mentor"}) {
    auto page = CallAs(server, "GET", survey + "/results?" + query, coordinator.Auth());
    ASSERT_EQ(page.status, 200) << page.body;
    const json results = JsonOf(page);
    ASSERT_TRUE(results["hidden"]) << query << ": " << page.body;
    for (const std::string format : {"csv", "xlsx"}) {
      auto e = CallAs(server, "GET", survey + "/results/export?format=" + format + "&" + query,
                      coordinator.Auth());
      ASSERT_EQ(e.status, 200) << e.body;
      json rows = ReadTable(e.body, format);
      ASSERT_TRUE(rows.is_array());
      if (format == "xlsx") rows.erase(rows.begin());
      ASSERT_EQ(rows.size(), 2u) << query << " " << format << rows.dump();
      std::vector<std::string> got;
      for (const json& cell : rows[1]) got.push_back(CellText(cell));
      EXPECT_EQ(got, ExpectedSurveyRows(results)[0]) << query << " " << format;
      // Nothing of the group: no count, no average, no answer value.
      for (std::size_t c = 0; c + 1 < got.size(); ++c) EXPECT_EQ(got[c], "") << c;
    }
  }
  // By side without a group: the overall figures hold (at least k), never a group's.
  auto all =
      CallAs(server, "GET", survey + "/results/export?format=csv&by=side", coordinator.Auth());
  ASSERT_EQ(all.status, 200) << all.body;
  const json by_side =
      JsonOf(CallAs(server, "GET", survey + "/results?by=side", coordinator.Auth()));
  EXPECT_EQ(ReadTable(all.body, "csv").size(), ExpectedSurveyRows(by_side).size() + 1);
}

TEST(TableExportsTest, SurveyResultsExportIsRefusedAsTheResultsAre) {
  AuthTestServer server(GroupDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  const std::string survey = AnsweredSurvey(server, coordinator);
  // Another program's coordinator, a mentee who answered, the mentor, a manager.
  for (const std::string who : {"E10", "E5", "E7", "E2"}) {
    TestSession session = SignInAs(server, who, Roles(who));
    const int page_status = CallAs(server, "GET", survey + "/results", session.Auth()).status;
    EXPECT_TRUE(page_status == 403 || page_status == 404) << who;
    for (const std::string format : {"csv", "xlsx"}) {
      auto e = CallAs(server, "GET", survey + "/results/export?format=" + format, session.Auth());
      EXPECT_EQ(e.status, page_status) << who << ": " << e.body;
    }
  }
  // An admin reads what the coordinator reads.
  TestSession admin = SignInAs(server, "E1", {domain::Role::kAdmin});
  EXPECT_EQ(CallAs(server, "GET", survey + "/results/export?format=csv", admin.Auth()).status, 200);
  const json items = AuditItems(server, admin.Auth());
  ASSERT_EQ(items.size(), 1u) << items.dump();
  EXPECT_EQ(items[0]["actor"], "person E1");
}

TEST(TableExportsTest, BadQueriesAreRefusedNamingTheFieldAndNothingIsRecorded) {
  AuthTestServer server(ExportDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  PublishedRelationship r = PublishRelationship(server, coordinator);
  auto created = CallAs(server, "POST", r.program + "/surveys", coordinator.Auth(), kResultsSurvey);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string survey_id = std::to_string(JsonOf(created)["id"].get<int64_t>());
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
      {"/api/v1/surveys/" + survey_id + "/results/export", "format"},
      {"/api/v1/surveys/" + survey_id + "/results/export?format=ods", "format"},
      {"/api/v1/surveys/" + survey_id + "/results/export?format=csv&by=colour", "by"},
      {"/api/v1/surveys/" + survey_id + "/results/export?format=xlsx&group=mentee", "group"},
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
