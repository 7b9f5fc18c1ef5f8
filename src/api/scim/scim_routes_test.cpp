// The SCIM routes through the dispatcher, with a fake AuthGate and the in-memory directory:
// the request sequences Okta and Microsoft Entra ID (Azure AD) send, replayed.
#include "api/scim/scim_routes.h"

#include <gtest/gtest.h>

#include <mutex>

#include "api/dispatcher.h"
#include "api/scim/scim_user.h"
#include "api/testing/fake_auth_gate.h"
#include "domain/people/test_util.h"
#include "storage/memory/memory_people_repository.h"

namespace pairwise::api::scim {
namespace {

using domain::EmploymentStatus;
using nlohmann::json;

const std::string kEnterprise(kEnterpriseSchema);

class RecordingAuditLog final : public domain::AuditLog {
 public:
  Status Record(domain::AuditEntry entry) override {
    std::lock_guard lock(mutex_);
    entries_.push_back(std::move(entry));
    return Status::Ok();
  }
  std::vector<std::string> Actions() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& e : entries_) out.push_back(e.action + " " + e.target);
    return out;
  }

 private:
  std::mutex mutex_;
  std::vector<domain::AuditEntry> entries_;
};

domain::Actor ScimToken() {
  domain::Actor actor;
  actor.kind = domain::Actor::Kind::kApiToken;
  actor.api_token_id = domain::ApiTokenId(3);
  actor.scopes = {std::string(domain::kScopeScim)};
  return actor;
}

class ScimRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(people_.LoadDirectory(domain::testing::SmallDirectory()).ok());
    RegisterScimRoutes(router_, gate_, provisioning_);
    gate_.SignIn(ScimToken());
  }

  struct Answer {
    int status = 0;
    json body;
    HttpResponse response;
  };

  Answer Send(HttpMethod method, std::string target, const json& body = nullptr,
              std::string content_type = "application/scim+json") {
    HttpRequest request;
    request.method = method;
    request.target = std::move(target);
    request.request_id = "req";
    request.remote_address = "192.0.2.9";
    request.headers.emplace_back("host", "pairwise.example");
    request.headers.emplace_back("authorization", "Bearer test");
    if (!body.is_null()) {
      request.body = body.dump();
      request.headers.emplace_back("content-type", content_type);
    }
    Answer answer;
    answer.response = dispatcher_.Handle(request);
    answer.status = answer.response.status;
    if (!answer.response.body.empty()) {
      answer.body = json::parse(answer.response.body, nullptr, false);
    }
    return answer;
  }

  static void ExpectScimError(const Answer& a, int status, std::string_view scim_type) {
    EXPECT_EQ(a.status, status) << a.response.body;
    EXPECT_EQ(a.response.Header("content-type").value_or(""), "application/scim+json");
    EXPECT_EQ(a.body["schemas"], json({kErrorSchema})) << a.response.body;
    EXPECT_EQ(a.body["status"], std::to_string(status)) << a.response.body;
    if (!scim_type.empty()) {
      EXPECT_EQ(a.body.value("scimType", ""), scim_type) << a.response.body;
    }
  }

  domain::Person Person(const std::string& employee_id) {
    auto person = people_.FindPerson(employee_id);
    EXPECT_TRUE(person.ok()) << person.status().ToString();
    return person.ok() ? *person : domain::Person{};
  }

  storage::MemoryPeopleRepository repository_;
  domain::PeopleService people_{repository_};
  RecordingAuditLog audit_;
  FakeClock clock_{TimePoint(std::chrono::sys_days(domain::testing::D(2026, 11, 23)))};
  domain::ProvisioningService provisioning_{people_, audit_, clock_};
  testing::FakeAuthGate gate_;
  Router router_;
  Dispatcher dispatcher_{router_, 1 << 20};
};

// Okta's SCIM 2.0 provisioning: look the user up, create, read back, deactivate, replace.
TEST_F(ScimRoutesTest, ReplaysOkta) {
  Answer lookup = Send(HttpMethod::kGet,
                       "/scim/v2/Users?filter=userName%20eq%20%22ada.lovelace%40example.com%22"
                       "&startIndex=1&count=100");
  ASSERT_EQ(lookup.status, 200) << lookup.response.body;
  EXPECT_EQ(lookup.response.Header("content-type").value_or(""), "application/scim+json");
  EXPECT_EQ(lookup.body["schemas"], json({kListResponseSchema}));
  EXPECT_EQ(lookup.body["totalResults"], 0);
  EXPECT_EQ(lookup.body["Resources"], json::array());

  Answer created = Send(HttpMethod::kPost, "/scim/v2/Users", json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "ada.lovelace@example.com",
    "name": {"givenName": "Ada", "familyName": "Lovelace"},
    "emails": [{"primary": true, "value": "ada.lovelace@example.com", "type": "work"}],
    "displayName": "Ada Lovelace",
    "locale": "en-US",
    "externalId": "00ujl29u0le5T6Aj10h7",
    "groups": [],
    "password": "1mz050nq",
    "active": true
  })"));
  ASSERT_EQ(created.status, 201) << created.response.body;
  const std::string id = created.body["id"];
  EXPECT_EQ(id.rfind("scim-", 0), 0u);
  EXPECT_EQ(created.response.Header("location").value_or(""),
            "http://pairwise.example/scim/v2/Users/" + id);
  EXPECT_EQ(created.body["userName"], "ada.lovelace@example.com");
  EXPECT_EQ(created.body["externalId"], "00ujl29u0le5T6Aj10h7");
  EXPECT_EQ(created.body["active"], true);
  EXPECT_FALSE(created.body.contains("password"));
  domain::Person stored = Person(id);
  EXPECT_EQ(stored.first_name, "Ada");
  EXPECT_EQ(stored.job_title, "Employee");
  EXPECT_EQ(stored.time_zone, "UTC");
  EXPECT_EQ(stored.level, 1);
  EXPECT_EQ(stored.hire_date, domain::testing::D(2026, 11, 23));

  // Okta looks the user up again before every push.
  Answer found =
      Send(HttpMethod::kGet, "/scim/v2/Users?filter=userName+eq+%22ADA.lovelace%40example.com%22");
  ASSERT_EQ(found.status, 200);
  EXPECT_EQ(found.body["totalResults"], 1);
  EXPECT_EQ(found.body["itemsPerPage"], 1);
  EXPECT_EQ(found.body["Resources"][0]["id"], id);

  Answer read = Send(HttpMethod::kGet, "/scim/v2/Users/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.body, created.body);

  Answer deactivated = Send(HttpMethod::kPatch, "/scim/v2/Users/" + id, json::parse(R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "value": {"active": false}}]
  })"));
  ASSERT_EQ(deactivated.status, 200) << deactivated.response.body;
  EXPECT_EQ(deactivated.body["active"], false);
  EXPECT_EQ(Person(id).status, EmploymentStatus::kLeft);
  EXPECT_EQ(Person(id).left_date, domain::testing::D(2026, 11, 23));

  // PUT: the whole user as Okta knows it, active again, renamed.
  json replacement = read.body;
  replacement["active"] = true;
  replacement["name"]["familyName"] = "King";
  replacement["title"] = "Countess of Lovelace";
  Answer replaced = Send(HttpMethod::kPut, "/scim/v2/Users/" + id, replacement);
  ASSERT_EQ(replaced.status, 200) << replaced.response.body;
  EXPECT_EQ(replaced.body["active"], true);
  EXPECT_EQ(replaced.body["name"]["familyName"], "King");
  stored = Person(id);
  EXPECT_EQ(stored.status, EmploymentStatus::kActive);
  EXPECT_EQ(stored.last_name, "King");
  EXPECT_EQ(stored.job_title, "Countess of Lovelace");
  EXPECT_EQ(stored.level, 1);  // not SCIM's: unchanged

  EXPECT_EQ(audit_.Actions(), (std::vector<std::string>{"scim_user_created person " + id,
                                                        "scim_user_deactivated person " + id,
                                                        "scim_user_updated person " + id}));
}

// Microsoft Entra ID (Azure AD): lookup with count, create with the enterprise extension,
// manager by PATCH with capitalised ops, deactivation by "Replace" with a value object, DELETE.
TEST_F(ScimRoutesTest, ReplaysEntraId) {
  Answer lookup = Send(HttpMethod::kGet,
                       "/scim/v2/Users?filter=userName+eq+%22Test_User_ab6490ee%40example.com%22"
                       "&count=1");
  ASSERT_EQ(lookup.status, 200);
  EXPECT_EQ(lookup.body["totalResults"], 0);

  Answer created = Send(HttpMethod::kPost, "/scim/v2/Users", json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    "userName": "Test_User_ab6490ee@example.com",
    "active": true,
    "emails": [{"primary": true, "type": "work", "value": "Test_User_ab6490ee@example.com"}],
    "meta": {"resourceType": "User"},
    "name": {"formatted": "givenName familyName", "familyName": "familyName",
             "givenName": "givenName"},
    "roles": [],
    "title": "Engineer",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
      "employeeNumber": "AZ-100", "department": "Engineering"}
  })"),
                        "application/json");
  ASSERT_EQ(created.status, 201) << created.response.body;
  EXPECT_EQ(created.body["id"], "AZ-100");
  EXPECT_EQ(created.body[kEnterprise]["employeeNumber"], "AZ-100");
  EXPECT_EQ(created.body[kEnterprise]["department"], "Engineering");
  EXPECT_EQ(Person("AZ-100").department, "ENG");

  Answer by_external =
      Send(HttpMethod::kGet,
           "/scim/v2/Users?filter=externalId+eq+%220a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef%22");
  ASSERT_EQ(by_external.status, 200);
  EXPECT_EQ(by_external.body["totalResults"], 1);
  EXPECT_EQ(by_external.body["Resources"][0]["id"], "AZ-100");

  Answer manager = Send(HttpMethod::kPatch, "/scim/v2/Users/AZ-100", json::parse(R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
      {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
       "value": "E2"},
      {"op": "Replace", "path": "title", "value": "Senior Engineer"},
      {"op": "Replace", "path": "emails[type eq \"work\"].value",
       "value": "Test_User_ab6490ee@example.com"}
    ]
  })"));
  ASSERT_EQ(manager.status, 200) << manager.response.body;
  EXPECT_EQ(manager.body[kEnterprise]["manager"]["value"], "E2");
  EXPECT_EQ(Person("AZ-100").manager_employee_id, "E2");
  EXPECT_EQ(Person("AZ-100").job_title, "Senior Engineer");

  Answer disabled = Send(HttpMethod::kPatch, "/scim/v2/Users/AZ-100", json::parse(R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "Replace", "value": {"active": false}}]
  })"));
  ASSERT_EQ(disabled.status, 200) << disabled.response.body;
  EXPECT_EQ(disabled.body["active"], false);
  EXPECT_EQ(Person("AZ-100").status, EmploymentStatus::kLeft);

  Answer deleted = Send(HttpMethod::kDelete, "/scim/v2/Users/AZ-100");
  EXPECT_EQ(deleted.status, 204);
  EXPECT_TRUE(deleted.response.body.empty());
  // Never a hard delete: the person stays, marked left.
  EXPECT_EQ(Person("AZ-100").status, EmploymentStatus::kLeft);
  Answer after = Send(HttpMethod::kGet, "/scim/v2/Users/AZ-100");
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.body["active"], false);

  // DELETE of an active person deactivates them too.
  EXPECT_EQ(Send(HttpMethod::kDelete, "/scim/v2/Users/E3").status, 204);
  EXPECT_EQ(Person("E3").status, EmploymentStatus::kLeft);
  ExpectScimError(Send(HttpMethod::kDelete, "/scim/v2/Users/GHOST"), 404, "");

  EXPECT_EQ(audit_.Actions(),
            (std::vector<std::string>{
                "scim_user_created person AZ-100", "scim_user_updated person AZ-100",
                "scim_user_deactivated person AZ-100", "scim_user_deactivated person E3"}));
}

TEST_F(ScimRoutesTest, ManagerMustResolveAndNotMakeACycle) {
  const json unknown = {
      {"schemas", {kPatchOpSchema}},
      {"Operations",
       {{{"op", "Replace"}, {"path", kEnterprise + ":manager"}, {"value", {{"value", "GHOST"}}}}}}};
  Answer a = Send(HttpMethod::kPatch, "/scim/v2/Users/E2", unknown);
  ExpectScimError(a, 400, "invalidValue");
  EXPECT_NE(a.body["detail"].get<std::string>().find(kEnterprise + ":manager"), std::string::npos)
      << a.body["detail"];
  // E1 is the top; making E4 (below E2, below E1) its manager would loop.
  const json cycle = {
      {"schemas", {kPatchOpSchema}},
      {"Operations", {{{"op", "add"}, {"path", kEnterprise + ":manager"}, {"value", "E4"}}}}};
  Answer c = Send(HttpMethod::kPatch, "/scim/v2/Users/E1", cycle);
  ExpectScimError(c, 400, "invalidValue");
  EXPECT_NE(c.body["detail"].get<std::string>().find("cycle"), std::string::npos)
      << c.body["detail"];
  EXPECT_TRUE(Person("E1").manager_employee_id.empty());
  EXPECT_EQ(Person("E2").manager_employee_id, "E1");
}

TEST_F(ScimRoutesTest, CreateErrors) {
  const json base = {{"schemas", {kUserSchema}},
                     {"userName", "p.E2@example.com"},
                     {"name", {{"givenName", "A"}, {"familyName", "B"}}}};
  ExpectScimError(Send(HttpMethod::kPost, "/scim/v2/Users", base), 409, "uniqueness");
  json no_user_name = base;
  no_user_name.erase("userName");
  ExpectScimError(Send(HttpMethod::kPost, "/scim/v2/Users", no_user_name), 400, "invalidValue");
  json bad_email = base;
  bad_email["userName"] = "not an email";
  Answer bad = Send(HttpMethod::kPost, "/scim/v2/Users", bad_email);
  ExpectScimError(bad, 400, "invalidValue");
  // A userName that is no address is fine, but then the address must come in emails.
  EXPECT_NE(bad.body["detail"].get<std::string>().find("emails"), std::string::npos) << bad.body;
  json no_name = base;
  no_name["userName"] = "new@example.com";
  no_name.erase("name");
  ExpectScimError(Send(HttpMethod::kPost, "/scim/v2/Users", no_name), 400, "invalidValue");
  json taken_id = base;
  taken_id["userName"] = "new@example.com";
  taken_id[kEnterprise] = {{"employeeNumber", "E1"}};
  ExpectScimError(Send(HttpMethod::kPost, "/scim/v2/Users", taken_id), 409, "uniqueness");
  EXPECT_EQ(*people_.CountPeople(), 4);
}

TEST_F(ScimRoutesTest, PutAndPatchErrors) {
  json put = {{"userName", "p.E3@example.com"}};  // E3's email, for E2
  ExpectScimError(Send(HttpMethod::kPut, "/scim/v2/Users/E2", put), 409, "uniqueness");
  ExpectScimError(Send(HttpMethod::kPut, "/scim/v2/Users/GHOST", put), 404, "");
  json renumber = {{kEnterprise, {{"employeeNumber", "E99"}}}};
  ExpectScimError(Send(HttpMethod::kPut, "/scim/v2/Users/E2", renumber), 400, "mutability");
  ExpectScimError(Send(HttpMethod::kPatch, "/scim/v2/Users/E2",
                       {{"schemas", {kPatchOpSchema}}, {"Operations", {{{"op", "remove"}}}}}),
                  400, "noTarget");
  ExpectScimError(
      Send(HttpMethod::kPatch, "/scim/v2/Users/E2",
           {{"schemas", {kPatchOpSchema}},
            {"Operations", {{{"op", "replace"}, {"path", "name[x eq \"y\"]"}, {"value", 1}}}}}),
      400, "invalidPath");
  EXPECT_EQ(Person("E2").email, "p.E2@example.com");
}

TEST_F(ScimRoutesTest, ListsWithPagination) {
  Answer all = Send(HttpMethod::kGet, "/scim/v2/Users");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.body["totalResults"], 4);
  EXPECT_EQ(all.body["startIndex"], 1);
  EXPECT_EQ(all.body["itemsPerPage"], 4);
  ASSERT_EQ(all.body["Resources"].size(), 4u);
  EXPECT_EQ(all.body["Resources"][3]["id"], "E4");
  EXPECT_EQ(all.body["Resources"][3]["active"], false);

  Answer page = Send(HttpMethod::kGet, "/scim/v2/Users?startIndex=2&count=2");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body["totalResults"], 4);
  EXPECT_EQ(page.body["startIndex"], 2);
  EXPECT_EQ(page.body["itemsPerPage"], 2);
  EXPECT_EQ(page.body["Resources"][0]["id"], "E2");
  EXPECT_EQ(page.body["Resources"][1]["id"], "E3");

  Answer only_total = Send(HttpMethod::kGet, "/scim/v2/Users?count=0");
  EXPECT_EQ(only_total.body["totalResults"], 4);
  EXPECT_EQ(only_total.body["Resources"], json::array());
  Answer clamped = Send(HttpMethod::kGet, "/scim/v2/Users?startIndex=-5&count=-1");
  EXPECT_EQ(clamped.body["startIndex"], 1);
  EXPECT_EQ(clamped.body["itemsPerPage"], 0);
  Answer past = Send(HttpMethod::kGet, "/scim/v2/Users?startIndex=50");
  EXPECT_EQ(past.body["totalResults"], 4);
  EXPECT_EQ(past.body["itemsPerPage"], 0);

  ExpectScimError(Send(HttpMethod::kGet, "/scim/v2/Users?count=ten"), 400, "invalidValue");
  ExpectScimError(Send(HttpMethod::kGet, "/scim/v2/Users?filter=name.givenName%20eq%20%22A%22"),
                  400, "invalidFilter");
  ExpectScimError(Send(HttpMethod::kGet, "/scim/v2/Users?filter=userName%20sw%20%22p%22"), 400,
                  "invalidFilter");
  Answer by_email =
      Send(HttpMethod::kGet, "/scim/v2/Users?filter=emails.value%20eq%20%22p.E3%40example.com%22");
  EXPECT_EQ(by_email.body["Resources"][0]["id"], "E3");
  Answer by_id = Send(HttpMethod::kGet, "/scim/v2/Users?filter=id%20eq%20%22E4%22");
  EXPECT_EQ(by_id.body["totalResults"], 1);
  Answer none = Send(HttpMethod::kGet, "/scim/v2/Users?filter=id%20eq%20%22GHOST%22");
  EXPECT_EQ(none.body["totalResults"], 0);
}

TEST_F(ScimRoutesTest, DiscoveryEndpoints) {
  Answer config = Send(HttpMethod::kGet, "/scim/v2/ServiceProviderConfig");
  ASSERT_EQ(config.status, 200);
  EXPECT_EQ(config.body["patch"]["supported"], true);
  EXPECT_EQ(config.body["filter"]["maxResults"], kMaxResults);
  EXPECT_EQ(config.body["authenticationSchemes"][0]["type"], "oauthbearertoken");
  Answer schemas = Send(HttpMethod::kGet, "/scim/v2/Schemas");
  ASSERT_EQ(schemas.status, 200);
  EXPECT_EQ(schemas.body["totalResults"], 2);
  ASSERT_TRUE(schemas.body["Resources"].is_array());
  EXPECT_EQ(schemas.body["Resources"][1]["id"], kEnterprise);
  Answer user_schema = Send(HttpMethod::kGet, "/scim/v2/Schemas/" + std::string(kUserSchema));
  ASSERT_EQ(user_schema.status, 200);
  EXPECT_EQ(user_schema.body["attributes"][0]["name"], "userName");
  ExpectScimError(Send(HttpMethod::kGet, "/scim/v2/Schemas/urn:nope"), 404, "");
  Answer types = Send(HttpMethod::kGet, "/scim/v2/ResourceTypes");
  ASSERT_EQ(types.status, 200);
  ASSERT_TRUE(types.body["Resources"].is_array());
  ASSERT_EQ(types.body["Resources"].size(), 1u);
  EXPECT_EQ(types.body["Resources"][0]["id"], "User");
  EXPECT_EQ(types.body["Resources"][0]["schemaExtensions"][0]["schema"], kEnterprise);
  EXPECT_EQ(Send(HttpMethod::kGet, "/scim/v2/ResourceTypes/User").status, 200);
  ExpectScimError(Send(HttpMethod::kGet, "/scim/v2/ResourceTypes/Group"), 404, "");
}

TEST_F(ScimRoutesTest, AuthenticationAndAccess) {
  gate_.SignOut();
  Answer anonymous = Send(HttpMethod::kGet, "/scim/v2/Users");
  ExpectScimError(anonymous, 401, "");
  EXPECT_EQ(anonymous.response.Header("www-authenticate").value_or(""), "Bearer");
  ExpectScimError(Send(HttpMethod::kGet, "/scim/v2/ServiceProviderConfig"), 401, "");

  // A signed-in admin is not a SCIM client: the domain refuses.
  domain::Actor admin;
  admin.employee_id = "E1";
  admin.roles = {domain::Role::kAdmin};
  gate_.SignIn(admin);
  ExpectScimError(Send(HttpMethod::kGet, "/scim/v2/Users/E1"), 403, "");
  ExpectScimError(Send(HttpMethod::kDelete, "/scim/v2/Users/E2"), 403, "");
  EXPECT_EQ(Person("E2").status, EmploymentStatus::kActive);
}

TEST_F(ScimRoutesTest, BodiesMayBeScimJsonOrJsonOnly) {
  const json patch = {{"schemas", {kPatchOpSchema}},
                      {"Operations", {{{"op", "replace"}, {"path", "title"}, {"value", "X"}}}}};
  EXPECT_EQ(
      Send(HttpMethod::kPatch, "/scim/v2/Users/E2", patch, "application/scim+json; charset=utf-8")
          .status,
      200);
  EXPECT_EQ(Send(HttpMethod::kPatch, "/scim/v2/Users/E2", patch, "application/json").status, 200);
  EXPECT_EQ(Send(HttpMethod::kPatch, "/scim/v2/Users/E2", patch, "text/plain").status, 415);
  EXPECT_EQ(Person("E2").job_title, "X");
}

}  // namespace
}  // namespace pairwise::api::scim
