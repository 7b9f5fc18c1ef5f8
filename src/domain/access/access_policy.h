// Generic access checks every service uses before its own relation checks. Each returns OK or
// the error the caller should return as is: Forbidden (403) for an actor that may know the
// object exists but lacks the right; services that must hide existence return NotFound
// themselves.
#pragma once

#include <string_view>

#include "common/status.h"
#include "domain/access/actor.h"

namespace pairwise::domain {

// A signed-in person (any role). Forbidden for an API token.
Status RequirePerson(const Actor& actor);
// A person with the admin role.
Status RequireAdmin(const Actor& actor);
// A person with the coordinator or the admin role (admins may do what coordinators do).
Status RequireCoordinator(const Actor& actor);
// An API token holding `scope`, or a person (persons are checked by role elsewhere). Forbidden
// with reason "insufficient_scope" for a token without it.
Status RequireScopeOrPerson(const Actor& actor, std::string_view scope);
// An API token holding `scope`. Forbidden with reason "insufficient_scope" otherwise.
Status RequireScope(const Actor& actor, std::string_view scope);
// The person `employee_id` themself, or an admin.
Status RequireSelfOrAdmin(const Actor& actor, std::string_view employee_id);

}  // namespace pairwise::domain
