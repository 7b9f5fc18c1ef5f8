#include "api/scim/scim_user.h"

#include <gtest/gtest.h>

namespace pairwise::api::scim {
namespace {

using domain::ProvisionedUser;
using nlohmann::json;

const std::string kEnterprise(kEnterpriseSchema);

ProvisionedUser Stored() {
  ProvisionedUser user;
  user.employee_id = "E7";
  user.external_id = "00u7";
  user.email = "ada@example.com";
  user.first_name = "Ada";
  user.last_name = "Lovelace";
  user.job_title = "Engineer";
  user.time_zone = "Europe/London";
  user.department = "ENG";
  user.department_name = "Engineering";
  user.manager_employee_id = "E1";
  user.active = true;
  return user;
}

json Patch(json operations) {
  return {{"schemas", {kPatchOpSchema}}, {"Operations", std::move(operations)}};
}

TEST(ScimUserTest, RendersTheUserResource) {
  json out = UserToJson(Stored(), "https://pairwise.example/scim/v2");
  EXPECT_EQ(out["schemas"], json({kUserSchema, kEnterpriseSchema}));
  EXPECT_EQ(out["id"], "E7");
  EXPECT_EQ(out["externalId"], "00u7");
  EXPECT_EQ(out["userName"], "ada@example.com");
  EXPECT_EQ(out["name"]["givenName"], "Ada");
  EXPECT_EQ(out["name"]["familyName"], "Lovelace");
  EXPECT_EQ(out["displayName"], "Ada Lovelace");
  EXPECT_EQ(out["active"], true);
  EXPECT_EQ(out["emails"][0]["value"], "ada@example.com");
  EXPECT_EQ(out["emails"][0]["primary"], true);
  EXPECT_EQ(out[kEnterprise]["employeeNumber"], "E7");
  EXPECT_EQ(out[kEnterprise]["department"], "Engineering");
  EXPECT_EQ(out[kEnterprise]["manager"]["value"], "E1");
  EXPECT_EQ(out[kEnterprise]["manager"]["$ref"], "https://pairwise.example/scim/v2/Users/E1");
  EXPECT_EQ(out["meta"]["location"], "https://pairwise.example/scim/v2/Users/E7");
  EXPECT_EQ(out["meta"]["resourceType"], "User");

  ProvisionedUser bare = Stored();
  bare.external_id.clear();
  bare.department.clear();
  bare.manager_employee_id.clear();
  bare.active = false;
  json minimal = UserToJson(bare, "/scim/v2");
  EXPECT_FALSE(minimal.contains("externalId"));
  EXPECT_FALSE(minimal[kEnterprise].contains("department"));
  EXPECT_FALSE(minimal[kEnterprise].contains("manager"));
  EXPECT_EQ(minimal["active"], false);
}

TEST(ScimUserTest, AppliesAResourceAndIgnoresWhatItDoesNotKeep) {
  ProvisionedUser user;
  json body = json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "externalId": "8c1e",
    "UserName": "grace@example.com",
    "name": {"givenName": "Grace", "FamilyName": "Hopper", "formatted": "ignored"},
    "displayName": "ignored", "nickName": "ignored", "locale": "en-US",
    "emails": [{"value": "other@example.com", "type": "work", "primary": true}],
    "phoneNumbers": [{"value": "555", "type": "work"}],
    "title": "Rear Admiral",
    "timezone": "America/New_York",
    "active": true,
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
      "employeeNumber": "E42", "department": "Engineering", "costCenter": "ignored",
      "manager": {"value": "E1", "displayName": "ignored"}
    }
  })");
  ASSERT_TRUE(ApplyResource(user, body).ok());
  EXPECT_EQ(user.employee_id, "E42");
  EXPECT_EQ(user.external_id, "8c1e");
  EXPECT_EQ(user.user_name, "grace@example.com");
  EXPECT_EQ(user.email, "other@example.com");  // the work address
  EXPECT_EQ(user.first_name, "Grace");
  EXPECT_EQ(user.last_name, "Hopper");
  EXPECT_EQ(user.job_title, "Rear Admiral");
  EXPECT_EQ(user.time_zone, "America/New_York");
  EXPECT_EQ(user.department, "Engineering");
  EXPECT_EQ(user.manager_employee_id, "E1");
  EXPECT_TRUE(user.active);
}

TEST(ScimUserTest, ResourceErrorsNameTheAttribute) {
  struct Case {
    const char* body;
    const char* reason;
    std::string field;
  };
  for (const Case& c : {
           Case{R"([1])", "invalid_syntax", ""},
           Case{R"({"userName": 5})", "invalid_value", "userName"},
           Case{R"({"userName": null})", "invalid_value", "userName"},
           Case{R"({"name": "Ada"})", "invalid_value", "name"},
           Case{R"({"active": "maybe"})", "invalid_value", "active"},
           Case{R"({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                    {"employeeNumber": "E8"}})",
                "mutability", kEnterprise + ":employeeNumber"},
           Case{R"({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                    {"manager": {"value": 3}}})",
                "invalid_value", kEnterprise + ":manager"},
       }) {
    ProvisionedUser user = Stored();
    Status s = ApplyResource(user, json::parse(c.body));
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << c.body;
    EXPECT_EQ(s.reason(), c.reason) << c.body;
    EXPECT_EQ(s.field(), c.field) << c.body;
  }
  // The same employeeNumber is fine; null title or timezone keeps the value.
  ProvisionedUser user = Stored();
  ASSERT_TRUE(ApplyResource(user, {{kEnterprise, {{"employeeNumber", "E7"}}},
                                   {"title", nullptr},
                                   {"timezone", nullptr}})
                  .ok());
  EXPECT_EQ(user, Stored());
}

TEST(ScimUserTest, PatchOktaDeactivation) {
  ProvisionedUser user = Stored();
  ASSERT_TRUE(ApplyPatch(user, Patch({{{"op", "replace"}, {"value", {{"active", false}}}}})).ok());
  EXPECT_FALSE(user.active);
  ProvisionedUser expected = Stored();
  expected.active = false;
  EXPECT_EQ(user, expected);
}

TEST(ScimUserTest, PatchAzureForms) {
  ProvisionedUser user = Stored();
  // Capitalised ops, "False" as a string, the value-object form, and enterprise paths.
  json body = Patch(json::parse(R"([
    {"op": "Replace", "path": "active", "value": "False"},
    {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
     "value": "E2"},
    {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
     "value": "Finance"},
    {"op": "Replace", "path": "name.givenName", "value": "Augusta"},
    {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "augusta@example.com"},
    {"op": "Replace", "path": "emails[type eq \"home\"].value", "value": "ignored@example.com"},
    {"op": "Replace", "path": "addresses[type eq \"work\"].locality", "value": "Ignored"},
    {"op": "Replace", "value": {"title": "Countess", "name.familyName": "King",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "E7"}},
    {"op": "Add", "path": "externalId", "value": "aad-1"}
  ])"));
  Status s = ApplyPatch(user, body);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_FALSE(user.active);
  EXPECT_EQ(user.manager_employee_id, "E2");
  EXPECT_EQ(user.department, "Finance");
  EXPECT_EQ(user.first_name, "Augusta");
  EXPECT_EQ(user.last_name, "King");
  EXPECT_EQ(user.job_title, "Countess");
  EXPECT_EQ(user.email, "augusta@example.com");
  EXPECT_EQ(user.external_id, "aad-1");

  // Reactivation with a boolean in a value object; manager as {"value"} and as an array.
  ASSERT_TRUE(ApplyPatch(user, Patch({{{"op", "Replace"}, {"value", {{"active", true}}}}})).ok());
  EXPECT_TRUE(user.active);
  ASSERT_TRUE(ApplyPatch(user, Patch({{{"op", "replace"},
                                       {"path", kEnterprise + ":manager"},
                                       {"value", {{"value", "E3"}}}}}))
                  .ok());
  EXPECT_EQ(user.manager_employee_id, "E3");
  ASSERT_TRUE(ApplyPatch(user, Patch({{{"op", "replace"},
                                       {"path", kEnterprise + ":manager"},
                                       {"value", json::array({{{"value", "E4"}}})}}}))
                  .ok());
  EXPECT_EQ(user.manager_employee_id, "E4");
  ASSERT_TRUE(
      ApplyPatch(
          user,
          Patch({{{"op", "replace"}, {"path", kEnterprise + ":manager.value"}, {"value", "E5"}}}))
          .ok());
  EXPECT_EQ(user.manager_employee_id, "E5");
}

TEST(ScimUserTest, PatchRemove) {
  ProvisionedUser user = Stored();
  ASSERT_TRUE(ApplyPatch(user, Patch(json::parse(R"([
    {"op": "Remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"},
    {"op": "remove", "path": "externalId"},
    {"op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"},
    {"op": "remove", "path": "title"},
    {"op": "remove", "path": "phoneNumbers[type eq \"work\"]"},
    {"op": "remove", "path": "nickName"}
  ])")))
                  .ok());
  EXPECT_TRUE(user.manager_employee_id.empty());
  EXPECT_TRUE(user.external_id.empty());
  EXPECT_TRUE(user.department.empty());
  EXPECT_EQ(user.job_title, "Engineer");  // required by the directory: kept

  struct Case {
    json operation;
    const char* reason;
  };
  for (const Case& c : {
           Case{{{"op", "remove"}}, "no_target"},
           Case{{{"op", "remove"}, {"path", "userName"}}, "invalid_value"},
           Case{{{"op", "remove"}, {"path", "active"}}, "invalid_value"},
           Case{{{"op", "remove"}, {"path", kEnterprise + ":employeeNumber"}}, "mutability"},
           Case{{{"op", "move"}, {"path", "title"}, {"value", "x"}}, "invalid_syntax"},
           Case{{{"op", "replace"}, {"path", "title"}}, "invalid_syntax"},
           Case{{{"op", "replace"}, {"value", "not an object"}}, "invalid_syntax"},
           Case{{{"op", "replace"}, {"path", "name[givenName eq \"x\"]"}, {"value", "y"}},
                "invalid_path"},
           Case{{{"op", "replace"}, {"path", 3}, {"value", "y"}}, "invalid_path"},
           Case{{{"op", "replace"}, {"path", "favouriteColour"}, {"value", "y"}}, "invalid_path"},
           Case{{{"op", "replace"}, {"path", "emails[type eq \"work\"].colour"}, {"value", "y"}},
                "invalid_path"},
           Case{{{"op", "replace"}, {"path", kEnterprise + ":shoeSize"}, {"value", "y"}},
                "invalid_path"},
           Case{{{"op", "replace"}, {"path", "id"}, {"value", "E9"}}, "mutability"},
           Case{{{"op", "remove"}, {"path", "meta.lastModified"}}, "mutability"},
           Case{{{"op", "add"}, {"path", "groups"}, {"value", json::array()}}, "mutability"},
           Case{{{"op", "replace"}, {"path", "active"}, {"value", 1}}, "invalid_value"},
       }) {
    ProvisionedUser target = Stored();
    Status s = ApplyPatch(target, Patch({c.operation}));
    EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << c.operation.dump();
    EXPECT_EQ(s.reason(), c.reason) << c.operation.dump() << " " << s.ToString();
  }
}

TEST(ScimUserTest, PatchBodyMustBeAPatchOp) {
  ProvisionedUser user = Stored();
  EXPECT_EQ(ApplyPatch(user, json::array()).reason(), "invalid_syntax");
  EXPECT_EQ(ApplyPatch(user, {{"schemas", {"urn:other"}},
                              {"Operations", {{{"op", "add"}, {"value", {{"title", "x"}}}}}}})
                .reason(),
            "invalid_syntax");
  EXPECT_EQ(
      ApplyPatch(user, {{"schemas", {kPatchOpSchema}}, {"Operations", json::array()}}).reason(),
      "invalid_syntax");
  EXPECT_EQ(user, Stored());
}

TEST(ScimUserTest, DomainFieldsMapToScimAttributes) {
  EXPECT_EQ(AttributeForField("email"), "emails");
  EXPECT_EQ(AttributeForField("user_name"), "userName");
  EXPECT_EQ(AttributeForField("first_name"), "name.givenName");
  EXPECT_EQ(AttributeForField("manager_employee_id"), kEnterprise + ":manager");
  EXPECT_EQ(AttributeForField("employee_id"), kEnterprise + ":employeeNumber");
  EXPECT_EQ(AttributeForField("external_id"), "externalId");
  EXPECT_EQ(AttributeForField("userName"), "userName");
}

}  // namespace
}  // namespace pairwise::api::scim
