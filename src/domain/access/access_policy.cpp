#include "domain/access/access_policy.h"

namespace pairwise::domain {

Status RequirePerson(const Actor& actor) {
  if (!actor.IsPerson()) return Status::Forbidden("this action needs a signed-in person");
  return Status::Ok();
}

Status RequireAdmin(const Actor& actor) {
  if (!actor.IsAdmin()) return Status::Forbidden("this action needs the admin role");
  return Status::Ok();
}

Status RequireCoordinator(const Actor& actor) {
  if (!actor.HasRole(Role::kCoordinator) && !actor.IsAdmin()) {
    return Status::Forbidden("this action needs the coordinator role");
  }
  return Status::Ok();
}

Status RequireScope(const Actor& actor, std::string_view scope) {
  if (!actor.HasScope(scope)) {
    return Status::Forbidden("this token lacks the \"" + std::string(scope) + "\" scope")
        .WithReason("insufficient_scope");
  }
  return Status::Ok();
}

Status RequireScopeOrPerson(const Actor& actor, std::string_view scope) {
  if (actor.IsPerson()) return Status::Ok();
  return RequireScope(actor, scope);
}

Status RequireSelfOrAdmin(const Actor& actor, std::string_view employee_id) {
  if (actor.IsAdmin()) return Status::Ok();
  if (actor.IsPerson() && actor.employee_id == employee_id) return Status::Ok();
  return Status::Forbidden("only the person themself or an admin may do this");
}

Status RequireResourceAuthor(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  if (!actor.HasRole(Role::kCoordinator) && !actor.IsAdmin()) {
    return Status::Forbidden("only coordinators and admins write resources");
  }
  return Status::Ok();
}

Status RequireResourceEditor(const Actor& actor, std::string_view author) {
  PAIRWISE_RETURN_IF_ERROR(RequireResourceAuthor(actor));
  // A coordinator's guideline is theirs to keep right; another's is changed by its author or an
  // admin, so two coordinators do not overwrite each other's advice.
  if (actor.IsAdmin() || actor.employee_id == author) return Status::Ok();
  return Status::Forbidden("only its author or an admin changes this resource");
}

bool MayReadResource(const Actor& actor, std::string_view author, bool published) {
  if (!actor.IsPerson()) return false;
  return published || RequireResourceEditor(actor, author).ok();
}

}  // namespace pairwise::domain
