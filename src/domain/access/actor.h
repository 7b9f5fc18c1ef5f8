// Who is acting: the signed-in person (through a session) or an integration (through an API
// token). Every domain service method that reads or writes an object takes the Actor and checks
// the actor's role *and* relation to that object itself (src/domain/access/access_policy.h);
// handlers never decide access.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/ids.h"

namespace pairwise::domain {

using AccountId = Id<struct AccountTag>;
using ApiTokenId = Id<struct ApiTokenTag>;

// Roles granted to an account. Everyone with an account is a participant; a person's manager
// relation is derived from the directory, never granted.
enum class Role {
  kAdmin,        // runs the deployment: imports, accounts and roles, API tokens, audit log
  kCoordinator,  // may create and run programs (per-program assignment comes with programs)
};

// "admin" | "coordinator".
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

// API token scopes: what an integration may do.
inline constexpr std::string_view kScopeScim = "scim";      // /scim/v2 provisioning
inline constexpr std::string_view kScopeExport = "export";  // read-only data exports

struct Actor {
  enum class Kind { kPerson, kApiToken };
  Kind kind = Kind::kPerson;

  // kPerson: the account and the directory person behind it.
  AccountId account_id;
  std::string employee_id;
  std::vector<Role> roles;

  // kApiToken: the token and what it may do.
  ApiTokenId api_token_id;
  std::vector<std::string> scopes;

  // Where the request came from, for the audit log ("203.0.113.7"); may be empty.
  std::string remote_address;

  bool IsPerson() const { return kind == Kind::kPerson; }
  bool HasRole(Role role) const {
    return kind == Kind::kPerson && std::find(roles.begin(), roles.end(), role) != roles.end();
  }
  bool IsAdmin() const { return HasRole(Role::kAdmin); }
  bool HasScope(std::string_view scope) const {
    return kind == Kind::kApiToken &&
           std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
  }
  // "person E1234" / "api token 17": how logs and the audit log name the actor.
  std::string Describe() const {
    return kind == Kind::kPerson ? "person " + employee_id
                                 : "api token " + std::to_string(api_token_id.value);
  }
};

}  // namespace pairwise::domain
