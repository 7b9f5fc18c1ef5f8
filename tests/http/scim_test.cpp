// SCIM 2.0 over the real server with real API tokens: the request sequences Okta and Microsoft
// Entra ID (Azure AD) send, replayed over a loopback socket against SQLite, and the bearer-token
// gate (no token, a token without scope scim, a session cookie instead of a token).
#include <gtest/gtest.h>

#include <algorithm>
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

// Every refusal on a /scim/v2 route, whichever layer makes it (the server before routing, the
// dispatcher, the token gate, the SCIM handlers), is a SCIM Error in application/scim+json.
// `scim_type` "": none; "*": any.
void ExpectScimError(const ClientResponse& r, int status, const std::string& scim_type = "") {
  SCOPED_TRACE(r.body);
  EXPECT_EQ(r.status, status);
  EXPECT_EQ(r.Header("content-type"), "application/scim+json");
  json body = Json(r);
  ASSERT_TRUE(body.is_object());
  EXPECT_EQ(body["schemas"], json({kError}));
  EXPECT_EQ(body["status"], std::to_string(status));
  EXPECT_TRUE(body["detail"].is_string());
  EXPECT_FALSE(body.contains("error"));
  if (scim_type.empty()) {
    EXPECT_FALSE(body.contains("scimType"));
  } else if (scim_type != "*") {
    EXPECT_EQ(body["scimType"], scim_type);
  }
}

// Microsoft Entra ID's documented test bodies (learn.microsoft.com, "Develop and plan
// provisioning for a SCIM endpoint"): a userName that is no address, the address in emails, a
// department the directory does not know, the email changed by a filtered PATCH path.
TEST_F(ScimHttpTest, EntraDocumentedRequests) {
  const std::string user_name = "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1";
  ClientResponse lookup = Send("GET", "/scim/v2/Users?filter=userName+eq+%22" + user_name + "%22");
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(Json(lookup)["totalResults"], 0);

  ClientResponse created = Send("POST", "/scim/v2/Users", json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
    "active": true,
    "emails": [{"primary": true, "type": "work",
                "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"}],
    "meta": {"resourceType": "User"},
    "name": {"formatted": "givenName familyName", "familyName": "familyName",
             "givenName": "givenName"},
    "roles": [],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
      "department": "Research & Development"}
  })"),
                                "application/scim+json");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = Json(created)["id"];
  EXPECT_EQ(Json(created)["userName"], user_name);
  EXPECT_EQ(Json(created)["emails"][0]["value"],
            "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com");
  EXPECT_EQ(Person(id).email, "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com");
  // The department did not exist: it was created, as an import creates one.
  EXPECT_EQ(Json(created)[kEnterprise]["department"], "Research & Development");
  EXPECT_EQ(Person(id).department, "RESEARCH-DEVELOPMENT");
  auto departments = server_.app().people().ListDepartments();
  ASSERT_TRUE(departments.ok());
  EXPECT_EQ(
      std::count_if(departments->begin(), departments->end(),
                    [](const domain::Department& d) { return d.name == "Research & Development"; }),
      1);

  ClientResponse found = Send("GET", "/scim/v2/Users?filter=userName+eq+%22" + user_name + "%22");
  ASSERT_EQ(found.status, 200);
  ASSERT_EQ(Json(found)["totalResults"], 1) << found.body;
  EXPECT_EQ(Json(found)["Resources"][0]["id"], id);
  EXPECT_EQ(Json(found)["Resources"][0]["userName"], user_name);

  // "Update User [Multi-valued properties]".
  ClientResponse multi = Send("PATCH", "/scim/v2/Users/" + id, json::parse(R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [
      {"op": "Replace", "path": "emails[type eq \"work\"].value",
       "value": "updatedEmail@microsoft.com"},
      {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"}
    ]
  })"));
  ASSERT_EQ(multi.status, 200) << multi.body;
  EXPECT_EQ(Json(multi)["emails"][0]["value"], "updatedEmail@microsoft.com");
  EXPECT_EQ(Person(id).email, "updatedEmail@microsoft.com");
  EXPECT_EQ(Person(id).last_name, "updatedFamilyName");

  // "Update User [Single-valued properties]": a new userName; the address stays.
  const std::string renamed = "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com";
  ClientResponse single = Send("PATCH", "/scim/v2/Users/" + id, json::parse(R"({
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "Replace", "path": "userName",
                    "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"}]
  })"));
  ASSERT_EQ(single.status, 200) << single.body;
  EXPECT_EQ(Json(single)["userName"], renamed);
  EXPECT_EQ(Person(id).email, "updatedEmail@microsoft.com");
  ClientResponse by_new_name =
      Send("GET",
           "/scim/v2/"
           "Users?filter=userName+eq+%225b50642d-79fc-4410-9e90-4c077cdd1a59%40testuser.com%22");
  EXPECT_EQ(Json(by_new_name)["totalResults"], 1) << by_new_name.body;
  EXPECT_EQ(Json(Send("GET",
                      "/scim/v2/Users?filter=userName+eq+%22" + user_name + "%22"))["totalResults"],
            0);

  // Attributes Pairwise does not keep are accepted; a path naming no attribute is not; a
  // read-only one is refused as such. Nothing changes on a refusal.
  auto patch = [&](const json& operation) {
    return Send("PATCH", "/scim/v2/Users/" + id,
                {{"schemas", {kPatchOp}}, {"Operations", json::array({operation})}});
  };
  EXPECT_EQ(patch({{"op", "Replace"},
                   {"path", "addresses[type eq \"work\"].locality"},
                   {"value", "Redmond"}})
                .status,
            200);
  ExpectScimError(patch({{"op", "Replace"}, {"path", "favouriteColour"}, {"value", "blue"}}), 400,
                  "invalidPath");
  ExpectScimError(patch({{"op", "Replace"}, {"path", "name.nickname"}, {"value", "x"}}), 400,
                  "invalidPath");
  ExpectScimError(patch({{"op", "Replace"}, {"path", "id"}, {"value", "E77"}}), 400, "mutability");
  ExpectScimError(patch({{"op", "Add"}, {"path", "groups"}, {"value", json::array()}}), 400,
                  "mutability");
  ExpectScimError(patch({{"op", "Replace"}, {"path", "meta.created"}, {"value", "2020"}}), 400,
                  "mutability");
  EXPECT_EQ(Person(id).email, "updatedEmail@microsoft.com");

  // "Disable User".
  ClientResponse disabled = Send("PATCH", "/scim/v2/Users/" + id, json::parse(R"({
    "Operations": [{"op": "Replace", "path": "active", "value": false}],
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]
  })"));
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(Person(id).status, domain::EmploymentStatus::kLeft);

  // A userName that is no address and no address in emails: refused, naming emails.
  ClientResponse no_address = Send("POST", "/scim/v2/Users", json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "Test_User_no_mail", "name": {"givenName": "No", "familyName": "Mail"}
  })"));
  ExpectScimError(no_address, 400, "invalidValue");
  EXPECT_NE(Json(no_address)["detail"].get<std::string>().find("emails"), std::string::npos);
}

// Okta's documented test sequence (developer.okta.com, "SCIM 2.0 test spec"): list, look up by
// userName, create, read, deactivate by PATCH, and change the work address by PUT.
TEST_F(ScimHttpTest, OktaDocumentedRequestsChangeTheEmailByPut) {
  ASSERT_EQ(Send("GET", "/scim/v2/Users?count=1&startIndex=1").status, 200);
  ClientResponse lookup =
      Send("GET", "/scim/v2/Users?filter=userName%20eq%20%22grace.hopper%40example.com%22");
  EXPECT_EQ(Json(lookup)["totalResults"], 0);
  ClientResponse created = Send("POST", "/scim/v2/Users", json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "grace.hopper@example.com",
    "name": {"givenName": "Grace", "familyName": "Hopper"},
    "emails": [{"primary": true, "value": "grace.hopper@example.com", "type": "work"}],
    "displayName": "Grace Hopper",
    "active": true
  })"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = Json(created)["id"];
  ClientResponse read = Send("GET", "/scim/v2/Users/" + id);
  ASSERT_EQ(read.status, 200);
  ClientResponse found =
      Send("GET", "/scim/v2/Users?filter=userName%20eq%20%22grace.hopper%40example.com%22");
  EXPECT_EQ(Json(found)["Resources"][0]["id"], id);

  ClientResponse deactivated =
      Send("PATCH", "/scim/v2/Users/" + id,
           {{"schemas", {kPatchOp}},
            {"Operations", {{{"op", "replace"}, {"value", {{"active", false}}}}}}});
  ASSERT_EQ(deactivated.status, 200) << deactivated.body;
  EXPECT_EQ(Person(id).status, domain::EmploymentStatus::kLeft);

  // Okta sends the whole user; a new work address is applied, not dropped.
  json replacement = Json(read);
  replacement["userName"] = "grace.murray@example.com";
  replacement["emails"] =
      json::array({{{"primary", true}, {"value", "grace.murray@example.com"}, {"type", "work"}},
                   {{"primary", false}, {"value", "grace@home.example"}, {"type", "home"}}});
  replacement["active"] = true;
  ClientResponse replaced = Send("PUT", "/scim/v2/Users/" + id, replacement);
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(Person(id).email, "grace.murray@example.com");
  EXPECT_EQ(Person(id).status, domain::EmploymentStatus::kActive);
  EXPECT_EQ(Json(replaced)["userName"], "grace.murray@example.com");
  EXPECT_EQ(Json(replaced)["emails"][0]["value"], "grace.murray@example.com");
  // A PUT carrying only a new userName that is an address moves the address with it.
  json renamed = {{"schemas", {"urn:ietf:params:scim:schemas:core:2.0:User"}},
                  {"userName", "grace.m.hopper@example.com"}};
  ClientResponse moved = Send("PUT", "/scim/v2/Users/" + id, renamed);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Person(id).email, "grace.m.hopper@example.com");
}

TEST_F(ScimHttpTest, EveryErrorIsAScimErrorWhateverLayerRefuses) {
  const Headers scim_json = {{"Authorization", "Bearer " + token_},
                             {"Content-Type", "application/scim+json"}};
  ExpectScimError(server_.Connect().Request("POST", "/scim/v2/Users", "{\"userName\":", scim_json),
                  400, "invalidSyntax");
  ExpectScimError(
      server_.Connect().Request("POST", "/scim/v2/Users", "userName=x",
                                {{"Authorization", "Bearer " + token_},
                                 {"Content-Type", "application/x-www-form-urlencoded"}}),
      415);
  ExpectScimError(server_.Connect().Request("POST", "/scim/v2/Users",
                                            std::string(2 * 1024 * 1024, ' '), scim_json),
                  413);
  ExpectScimError(Send("GET", "/scim/v2/Groups"), 404);
  ExpectScimError(Send("GET", "/scim/v2/Users/E1/nothing"), 404);
  ClientResponse method = Send("POST", "/scim/v2/ServiceProviderConfig", json::object());
  ExpectScimError(method, 405);
  EXPECT_EQ(method.Header("allow"), "GET, HEAD");
  ExpectScimError(server_.Connect().Request("GET", "/scim/v2/Users", "",
                                            {{"Authorization", "Bearer " + token_},
                                             {"X-Filler", std::string(9000, 'h')}}),
                  431);
  ClientResponse anonymous = server_.Connect().Request("GET", "/scim/v2/Users");
  ExpectScimError(anonymous, 401);
  EXPECT_EQ(anonymous.Header("www-authenticate"), "Bearer");
  ExpectScimError(server_.Connect().Request("GET", "/scim/v2/Users/%2e%2e/x", "", Bearer(token_)),
                  400, "*");
  ExpectScimError(Send("GET", "/scim/v2/Users?filter=title%20co%20%22x%22"), 400, "invalidFilter");
  ExpectScimError(Send("GET", "/scim/v2/Users/NOPE"), 404);

  // The JSON API keeps its own shape for the same refusals.
  ClientResponse api = server_.Connect().Request("GET", "/api/v1/nothing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.Header("content-type"), "application/json");
  EXPECT_TRUE(Json(api)["error"].is_object());
}

}  // namespace
}  // namespace pairwise
