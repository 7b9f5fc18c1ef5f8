// SCIM 2.0 over the real server with real API tokens: the request sequences Okta and Microsoft
// Entra ID (Azure AD) send, replayed over a loopback socket against SQLite, and the bearer-token
// gate (no token, a token without scope scim, a session cookie instead of a token).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth_test_support.h"

namespace pairwise {
namespace {

using nlohmann::json;
using testing::AuthTestServer;
using testing::Bearer;
using testing::ClientResponse;
using testing::Headers;

constexpr const char* kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
constexpr const char* kPatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
constexpr const char* kError = "urn:ietf:params:scim:api:messages:2.0:Error";

json Json(const ClientResponse& r) { return json::parse(r.body, nullptr, false); }

class ScimHttpTest : public ::testing::Test {
 protected:
  void SetUp() override { token_ = testing::MintApiToken(server_, {"scim"}); }

  ClientResponse Send(const std::string& method, const std::string& target,
                      const json& body = nullptr,
                      const std::string& content_type = "application/scim+json") {
    Headers headers = Bearer(token_);
    std::string text;
    if (!body.is_null()) {
      text = body.dump();
      headers.emplace_back("Content-Type", content_type);
    }
    return server_.Connect().Request(method, target, text, headers);
  }

  domain::Person Person(const std::string& employee_id) {
    auto person = server_.app().people().FindPerson(employee_id);
    EXPECT_TRUE(person.ok()) << person.status().ToString();
    return person.ok() ? *person : domain::Person{};
  }

  AuthTestServer server_;
  std::string token_;
};

TEST_F(ScimHttpTest, OktaSequence) {
  ClientResponse lookup =
      Send("GET",
           "/scim/v2/Users?filter=userName%20eq%20%22ada.lovelace%40example.com%22"
           "&startIndex=1&count=100");
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(lookup.Header("content-type"), "application/scim+json");
  EXPECT_EQ(Json(lookup)["totalResults"], 0);

  ClientResponse created = Send("POST", "/scim/v2/Users", json::parse(R"({
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
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = Json(created)["id"];
  EXPECT_NE(created.Header("location").find("/scim/v2/Users/" + id), std::string::npos);
  EXPECT_EQ(Person(id).email, "ada.lovelace@example.com");
  EXPECT_EQ(Person(id).level, 1);
  EXPECT_EQ(Person(id).time_zone, "UTC");

  ClientResponse read = Send("GET", "/scim/v2/Users/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(Json(read)["externalId"], "00ujl29u0le5T6Aj10h7");

  ClientResponse deactivated =
      Send("PATCH", "/scim/v2/Users/" + id,
           {{"schemas", {kPatchOp}},
            {"Operations", {{{"op", "replace"}, {"value", {{"active", false}}}}}}});
  ASSERT_EQ(deactivated.status, 200) << deactivated.body;
  EXPECT_EQ(Json(deactivated)["active"], false);
  EXPECT_EQ(Person(id).status, domain::EmploymentStatus::kLeft);

  json replacement = Json(read);
  replacement["active"] = true;
  replacement["name"]["familyName"] = "King";
  ClientResponse replaced = Send("PUT", "/scim/v2/Users/" + id, replacement);
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(Person(id).status, domain::EmploymentStatus::kActive);
  EXPECT_EQ(Person(id).last_name, "King");

  // The audit log shows it, to an admin.
  testing::TestSession admin = testing::SignInAs(server_, "E1", {domain::Role::kAdmin});
  ClientResponse audit =
      server_.Connect().Request("GET", "/api/v1/audit?action=scim_user_created", "", admin.Auth());
  ASSERT_EQ(audit.status, 200) << audit.body;
  ASSERT_EQ(Json(audit)["items"].size(), 1u) << audit.body;
  EXPECT_EQ(Json(audit)["items"][0]["target"], "person " + id);
}

TEST_F(ScimHttpTest, EntraIdSequence) {
  ClientResponse lookup = Send(
      "GET", "/scim/v2/Users?filter=userName+eq+%22Test_User_ab6490ee%40example.com%22&count=1");
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(Json(lookup)["totalResults"], 0);

  ClientResponse created = Send("POST", "/scim/v2/Users", json::parse(R"({
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
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
      "employeeNumber": "AZ-100", "department": "ENG"}
  })"),
                                "application/json");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Json(created)["id"], "AZ-100");

  ClientResponse manager = Send("PATCH", "/scim/v2/Users/AZ-100", json::parse(R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
      {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
       "value": "E2"},
      {"op": "Replace", "path": "title", "value": "Senior Engineer"}
    ]
  })"));
  ASSERT_EQ(manager.status, 200) << manager.body;
  EXPECT_EQ(Json(manager)[kEnterprise]["manager"]["value"], "E2");
  EXPECT_EQ(Person("AZ-100").manager_employee_id, "E2");

  // Unknown manager: 400 naming the attribute; a cycle: 400 too.
  ClientResponse ghost = Send("PATCH", "/scim/v2/Users/AZ-100",
                              {{"schemas", {kPatchOp}},
                               {"Operations",
                                {{{"op", "Replace"},
                                  {"path", std::string(kEnterprise) + ":manager"},
                                  {"value", "GHOST"}}}}});
  ASSERT_EQ(ghost.status, 400);
  EXPECT_EQ(Json(ghost)["schemas"], json({kError}));
  EXPECT_EQ(Json(ghost)["scimType"], "invalidValue");
  EXPECT_NE(Json(ghost)["detail"].get<std::string>().find(std::string(kEnterprise) + ":manager"),
            std::string::npos);
  ClientResponse cycle = Send(
      "PATCH", "/scim/v2/Users/E1",
      {{"schemas", {kPatchOp}},
       {"Operations",
        {{{"op", "Add"}, {"path", std::string(kEnterprise) + ":manager"}, {"value", "AZ-100"}}}}});
  EXPECT_EQ(cycle.status, 400) << cycle.body;
  EXPECT_TRUE(Person("E1").manager_employee_id.empty());

  ClientResponse disabled =
      Send("PATCH", "/scim/v2/Users/AZ-100",
           {{"schemas", {kPatchOp}},
            {"Operations", {{{"op", "Replace"}, {"value", {{"active", false}}}}}}});
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(Person("AZ-100").status, domain::EmploymentStatus::kLeft);

  ClientResponse deleted = Send("DELETE", "/scim/v2/Users/AZ-100");
  EXPECT_EQ(deleted.status, 204);
  ClientResponse after = Send("GET", "/scim/v2/Users/AZ-100");
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(Json(after)["active"], false);
  EXPECT_EQ(Person("AZ-100").status, domain::EmploymentStatus::kLeft);

  ClientResponse page = Send("GET", "/scim/v2/Users?startIndex=2&count=2");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(Json(page)["startIndex"], 2);
  EXPECT_EQ(Json(page)["itemsPerPage"], 2);
  EXPECT_GE(Json(page)["totalResults"].get<int>(), 5);
}

TEST_F(ScimHttpTest, NeedsABearerTokenWithScopeScim) {
  ClientResponse none = server_.Connect().Request("GET", "/scim/v2/Users");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.Header("content-type"), "application/scim+json");
  EXPECT_EQ(Json(none)["schemas"], json({kError}));
  EXPECT_EQ(none.Header("www-authenticate"), "Bearer");
  ClientResponse wrong =
      server_.Connect().Request("GET", "/scim/v2/Users", "", Bearer("pw_not_a_real_token"));
  EXPECT_EQ(wrong.status, 401);

  const std::string export_token = testing::MintApiToken(server_, {"export"});
  ClientResponse scope =
      server_.Connect().Request("GET", "/scim/v2/ServiceProviderConfig", "", Bearer(export_token));
  EXPECT_EQ(scope.status, 403) << scope.body;
  EXPECT_EQ(Json(scope)["schemas"], json({kError}));

  testing::TestSession admin = testing::SignInAs(server_, "E1", {domain::Role::kAdmin});
  ClientResponse session = server_.Connect().Request("GET", "/scim/v2/Users", "", admin.Auth());
  EXPECT_EQ(session.status, 401) << session.body;

  ClientResponse config = Send("GET", "/scim/v2/ServiceProviderConfig");
  ASSERT_EQ(config.status, 200);
  EXPECT_EQ(Json(config)["patch"]["supported"], true);
}

}  // namespace
}  // namespace pairwise
