#include "api/handlers/import_handlers.h"

#include <gtest/gtest.h>

#include "api/dispatcher.h"
#include "api/testing/fake_auth_gate.h"
#include "domain/people/import/testing/fake_audit_log.h"
#include "domain/people/people_service.h"
#include "domain/people/test_util.h"
#include "storage/memory/memory_import_mapping_repository.h"
#include "storage/memory/memory_people_repository.h"

namespace pairwise::api {
namespace {

using domain::testing::MakePerson;
using nlohmann::json;

domain::Actor Admin() {
  domain::Actor a;
  a.employee_id = "E1";
  a.account_id = domain::AccountId{1};
  a.roles = {domain::Role::kAdmin};
  return a;
}

class ImportHandlersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    domain::Directory d;
    d.departments = {{"ENG", "Engineering", "Technology"}};
    d.sites = {{"LON", "London", "GB", "Europe/London"}};
    d.people = {MakePerson("E1"), MakePerson("E2", "E1")};
    ASSERT_TRUE(domain::PeopleService(people_).LoadDirectory(d).ok());
    RegisterImportRoutes(router_, gate_, service_);
    gate_.SignIn(Admin());
  }

  HttpResponse Send(HttpMethod method, std::string target, std::string body = {},
                    std::string content_type = "text/csv") {
    HttpRequest request;
    request.method = method;
    request.target = std::move(target);
    request.body = std::move(body);
    request.remote_address = "198.51.100.4";
    if (!content_type.empty()) request.headers.emplace_back("content-type", content_type);
    return dispatcher_.Handle(request);
  }

  static json Body(const HttpResponse& r) { return json::parse(r.body); }

  std::string Csv(std::vector<domain::PersonRecord> people) {
    return domain::import::FormatPeopleCsv(people);
  }

  storage::MemoryPeopleRepository people_;
  storage::MemoryImportMappingRepository mappings_;
  domain::testing::FakeAuditLog audit_;
  FakeClock clock_{TimePoint(std::chrono::sys_days(domain::testing::D(2026, 11, 23)))};
  domain::import::ImportService service_{people_, mappings_, audit_, clock_};
  testing::FakeAuthGate gate_;
  Router router_;
  Dispatcher dispatcher_{router_, 1 << 20};
};

TEST_F(ImportHandlersTest, PreviewListsRowsCountsAndMapping) {
  auto r = Send(HttpMethod::kPost, "/api/v1/imports/people/preview?full=true",
                Csv({MakePerson("E1"), MakePerson("E3", "E1")}));
  ASSERT_EQ(r.status, 200) << r.body;
  json body = Body(r);
  EXPECT_EQ(body["counts"],
            (json{{"create", 1}, {"update", 0}, {"unchanged", 1}, {"mark_left", 1}}));
  EXPECT_EQ(body["can_import"], true);
  EXPECT_EQ(body["applied"], false);
  EXPECT_EQ(body["marked_left"], json::array({"E2"}));
  EXPECT_EQ(body["mapping"]["employee_id"], "employee_id");
  EXPECT_EQ(body["headers"].size(), 13u);
  ASSERT_EQ(body["rows"].size(), 2u);
  EXPECT_EQ(body["rows"][1]["action"], "create");
  EXPECT_EQ(body["rows"][1]["row"], 3);
  EXPECT_TRUE(body["errors"].empty());
  EXPECT_FALSE((*people_.FindByEmployeeId("E3")).has_value());
}

TEST_F(ImportHandlersTest, PreviewReportsErrorsByRowAndColumn) {
  auto r = Send(HttpMethod::kPost, "/api/v1/imports/people/preview",
                "Employee Number,Legal First Name,Surname,Work Email,Location,Job Title,Grade,"
                "Manager ID,Start Date,Extra\n"
                "E5,Ann,Bee,bad-email,LON,Engineer,3,E1,2024-01-02,x\n");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = Body(r);
  EXPECT_EQ(body["can_import"], false);
  ASSERT_EQ(body["errors"].size(), 1u);
  EXPECT_EQ(body["errors"][0], (json{{"row", 2},
                                     {"column", "Work Email"},
                                     {"field", "email"},
                                     {"code", "bad_email"},
                                     {"message", body["errors"][0]["message"]}}));
  EXPECT_EQ(body["unmapped_headers"], json::array({"Extra"}));
  EXPECT_EQ(body["mapping"]["Extra"], nullptr);
  EXPECT_EQ(body["columns"][0]["source"], "synonym");
}

TEST_F(ImportHandlersTest, ImportAppliesOrAnswers400WithTheErrors) {
  auto bad = Send(HttpMethod::kPost, "/api/v1/imports/people", Csv({MakePerson("E3", "E404")}));
  ASSERT_EQ(bad.status, 400) << bad.body;
  json body = Body(bad);
  EXPECT_EQ(body["error"]["code"], "import_invalid");
  EXPECT_EQ(body["errors"][0]["code"], "unknown_manager");
  EXPECT_FALSE((*people_.FindByEmployeeId("E3")).has_value());

  auto ok =
      Send(HttpMethod::kPost, "/api/v1/imports/people?full=false", Csv({MakePerson("E3", "E1")}));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["applied"], true);
  EXPECT_EQ(Body(ok)["counts"]["create"], 1);
  EXPECT_TRUE((*people_.FindByEmployeeId("E3")).has_value());
  ASSERT_EQ(audit_.entries().size(), 1u);
  EXPECT_EQ(audit_.entries()[0].remote_address, "198.51.100.4");
}

TEST_F(ImportHandlersTest, ReportingAttributeColumnsAreMappedAndImported) {
  auto r = Send(HttpMethod::kPost, "/api/v1/imports/people",
                "Employee Number,Legal First Name,Surname,Work Email,Location,Job Title,Grade,"
                "Manager ID,Start Date,attribute:gender\n"
                "E5,Ann,Bee,ann@example.com,LON,Engineer,3,E1,2024-01-02,woman\n");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = Body(r);
  EXPECT_EQ(body["mapping"]["attribute:gender"], "attribute:gender");
  EXPECT_EQ(body["columns"][9]["field"], "attribute:gender");
  EXPECT_TRUE(body["unmapped_headers"].empty());
  auto stored = people_.ListReportingAttributes();
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, (std::vector<domain::ReportingAttribute>{{"E5", "gender", "woman"}}));
}

TEST_F(ImportHandlersTest, BadFullParameterIs400) {
  auto r = Send(HttpMethod::kPost, "/api/v1/imports/people/preview?full=yes", "employee_id\n");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["field"], "full");
}

TEST_F(ImportHandlersTest, MappingRoundTrip) {
  auto empty = Send(HttpMethod::kGet, "/api/v1/imports/people/mapping", "", "");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(Body(empty)["mapping"].empty());
  EXPECT_EQ(Body(empty)["fields"].size(), 13u);
  EXPECT_EQ(Body(empty)["attribute_field_prefix"], "attribute:");

  auto put = Send(HttpMethod::kPut, "/api/v1/imports/people/mapping",
                  R"({"mapping":{"Emp Ref":"employee_id","Notes":null}})", "application/json");
  ASSERT_EQ(put.status, 200) << put.body;
  auto got = Send(HttpMethod::kGet, "/api/v1/imports/people/mapping", "", "");
  EXPECT_EQ(Body(got)["mapping"], (json{{"Emp Ref", "employee_id"}, {"Notes", nullptr}}));

  auto bad = Send(HttpMethod::kPut, "/api/v1/imports/people/mapping",
                  R"({"mapping":{"Notes":"salary"}})", "application/json");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["field"], "mapping.Notes");
  auto shape = Send(HttpMethod::kPut, "/api/v1/imports/people/mapping", R"({"mapping":[1]})",
                    "application/json");
  EXPECT_EQ(shape.status, 400);
}

TEST_F(ImportHandlersTest, NonAdminsAre403AndAnonymous401) {
  domain::Actor participant;
  participant.employee_id = "E2";
  gate_.SignIn(participant);
  for (auto [method, target] : {std::pair{HttpMethod::kPost, "/api/v1/imports/people/preview"},
                                std::pair{HttpMethod::kPost, "/api/v1/imports/people"},
                                std::pair{HttpMethod::kGet, "/api/v1/imports/people/mapping"}}) {
    auto r = Send(method, target, method == HttpMethod::kGet ? "" : "employee_id\n",
                  method == HttpMethod::kGet ? "" : "text/csv");
    EXPECT_EQ(r.status, 403) << target << " " << r.body;
  }
  gate_.SignOut();
  auto r = Send(HttpMethod::kPost, "/api/v1/imports/people", "employee_id\n");
  EXPECT_EQ(r.status, 401);
  EXPECT_TRUE(audit_.entries().empty());
}

}  // namespace
}  // namespace pairwise::api
