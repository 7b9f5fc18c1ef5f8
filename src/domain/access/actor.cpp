#include "domain/access/actor.h"

namespace pairwise::domain {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kCoordinator:
      return "coordinator";
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "coordinator") return Role::kCoordinator;
  return std::nullopt;
}

}  // namespace pairwise::domain
