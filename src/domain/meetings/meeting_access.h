// Who may see and act on a relationship's meetings: its mentor and its mentee, nobody else.
// The one place this rule lives for meetings, so that it can give way to the relationship
// aggregate's own checks (RequireMember / RequireActiveMember) when they arrive.
#pragma once

#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

// A person who is the relationship's mentor or mentee. Forbidden for an API token; NotFound
// for anyone else (they may not learn that the relationship exists).
Status MaySeeRelationship(const Actor& actor, const Relationship& relationship);
// As MaySeeRelationship, and the relationship is active: Conflict (reason "not_active") once
// it has ended, when its history stays readable but nothing new may be planned.
Status MayActInRelationship(const Actor& actor, const Relationship& relationship);

}  // namespace pairwise::domain
