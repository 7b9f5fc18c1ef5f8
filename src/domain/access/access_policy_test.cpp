#include "domain/access/access_policy.h"

#include <gtest/gtest.h>

namespace pairwise::domain {
namespace {

Actor Person(std::string employee_id, std::vector<Role> roles = {}) {
  Actor a;
  a.kind = Actor::Kind::kPerson;
  a.account_id = AccountId(1);
  a.employee_id = std::move(employee_id);
  a.roles = std::move(roles);
  return a;
}

Actor Token(std::vector<std::string> scopes) {
  Actor a;
  a.kind = Actor::Kind::kApiToken;
  a.api_token_id = ApiTokenId(7);
  a.scopes = std::move(scopes);
  return a;
}

TEST(AccessPolicy, RolesAndScopes) {
  const Actor admin = Person("E1", {Role::kAdmin});
  const Actor coordinator = Person("E2", {Role::kCoordinator});
  const Actor participant = Person("E3");
  const Actor scim = Token({"scim"});

  EXPECT_TRUE(RequirePerson(participant).ok());
  EXPECT_EQ(RequirePerson(scim).code(), ErrorCode::kForbidden);

  EXPECT_TRUE(RequireAdmin(admin).ok());
  EXPECT_EQ(RequireAdmin(coordinator).code(), ErrorCode::kForbidden);
  EXPECT_EQ(RequireAdmin(scim).code(), ErrorCode::kForbidden);

  EXPECT_TRUE(RequireCoordinator(coordinator).ok());
  EXPECT_TRUE(RequireCoordinator(admin).ok());
  EXPECT_EQ(RequireCoordinator(participant).code(), ErrorCode::kForbidden);

  EXPECT_TRUE(RequireScope(scim, kScopeScim).ok());
  EXPECT_EQ(RequireScope(scim, kScopeExport).ClientCode(), "insufficient_scope");
  EXPECT_EQ(RequireScope(admin, kScopeScim).ClientCode(), "insufficient_scope");
  EXPECT_TRUE(RequireScopeOrPerson(participant, kScopeExport).ok());
  EXPECT_EQ(RequireScopeOrPerson(scim, kScopeExport).code(), ErrorCode::kForbidden);

  EXPECT_TRUE(RequireSelfOrAdmin(participant, "E3").ok());
  EXPECT_TRUE(RequireSelfOrAdmin(admin, "E3").ok());
  EXPECT_EQ(RequireSelfOrAdmin(coordinator, "E3").code(), ErrorCode::kForbidden);
  EXPECT_EQ(RequireSelfOrAdmin(scim, "").code(), ErrorCode::kForbidden);
}

// Mentor resources: everyone signed in reads what is published; coordinators write their own,
// admins any; a draft is read by who may change it; tokens nothing.
TEST(AccessPolicy, Resources) {
  const Actor admin = Person("E1", {Role::kAdmin});
  const Actor coordinator = Person("E2", {Role::kCoordinator});
  const Actor participant = Person("E3");
  const Actor token = Token({"export"});

  EXPECT_TRUE(RequireResourceAuthor(admin).ok());
  EXPECT_TRUE(RequireResourceAuthor(coordinator).ok());
  EXPECT_EQ(RequireResourceAuthor(participant).code(), ErrorCode::kForbidden);
  EXPECT_EQ(RequireResourceAuthor(token).code(), ErrorCode::kForbidden);

  EXPECT_TRUE(RequireResourceEditor(admin, "E2").ok());
  EXPECT_TRUE(RequireResourceEditor(coordinator, "E2").ok());
  EXPECT_EQ(RequireResourceEditor(coordinator, "E1").code(), ErrorCode::kForbidden);
  EXPECT_EQ(RequireResourceEditor(participant, "E3").code(), ErrorCode::kForbidden);

  EXPECT_TRUE(MayReadResource(participant, "E2", true));
  EXPECT_FALSE(MayReadResource(participant, "E2", false));
  EXPECT_TRUE(MayReadResource(coordinator, "E2", false));
  EXPECT_FALSE(MayReadResource(coordinator, "E1", false));
  EXPECT_TRUE(MayReadResource(admin, "E2", false));
  EXPECT_FALSE(MayReadResource(token, "E2", true));
}

}  // namespace
}  // namespace pairwise::domain
