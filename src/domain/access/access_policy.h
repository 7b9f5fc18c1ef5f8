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

// Mentor resources (docs/resources.md). The library is the organization's, not a program's:
// every signed-in person reads published resources; admins write any resource; coordinators
// write new ones and change or delete those they wrote. A draft is read only by who may change
// it. API tokens neither read nor write (Forbidden).
//   RequireResourceAuthor: may write a new resource (coordinator or admin).
//   RequireResourceEditor: may change or delete the resource written by `author`.
//   MayReadResource: may read it (published, or a draft `actor` may change).
Status RequireResourceAuthor(const Actor& actor);
Status RequireResourceEditor(const Actor& actor, std::string_view author);
bool MayReadResource(const Actor& actor, std::string_view author, bool published);

}  // namespace pairwise::domain
