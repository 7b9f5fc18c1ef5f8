#include "domain/meetings/meeting_access.h"

#include "domain/access/access_policy.h"

namespace pairwise::domain {

Status MaySeeRelationship(const Actor& actor, const Relationship& relationship) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  if (actor.employee_id != relationship.mentor && actor.employee_id != relationship.mentee) {
    return Status::NotFound("no relationship " + std::to_string(relationship.id.value));
  }
  return Status::Ok();
}

Status MayActInRelationship(const Actor& actor, const Relationship& relationship) {
  PAIRWISE_RETURN_IF_ERROR(MaySeeRelationship(actor, relationship));
  if (relationship.status != RelationshipStatus::kActive) {
    return Status::Conflict("the relationship has ended").WithReason("not_active");
  }
  return Status::Ok();
}

}  // namespace pairwise::domain
