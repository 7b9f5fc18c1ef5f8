#include "domain/relationships/relationship_access.h"

#include <algorithm>

namespace pairwise::domain {

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

Status Hidden(const Relationship& relationship) {
  return Status::NotFound("no relationship " + std::to_string(relationship.id.value));
}

Status RequireActive(const Relationship& relationship) {
  if (relationship.status == RelationshipStatus::kActive) return Status::Ok();
  if (relationship.status == RelationshipStatus::kPendingAgreement) {
    return Status::Conflict("Both of you accept the agreement first; then the relationship opens.")
        .WithReason("agreement_pending");
  }
  return Status::Conflict("This relationship has ended; its history stays readable.")
      .WithReason("relationship_ended");
}

}  // namespace

RelationshipRelations RelationsTo(const Actor& actor, const Relationship& relationship,
                                  const Program& program, const std::string& mentor_manager,
                                  const std::string& mentee_manager) {
  RelationshipRelations r;
  if (!actor.IsPerson() || actor.employee_id.empty()) return r;
  const std::string& me = actor.employee_id;
  r.mentor = relationship.mentor == me;
  r.mentee = relationship.mentee == me;
  r.mentor_manager = !mentor_manager.empty() && mentor_manager == me;
  r.mentee_manager = !mentee_manager.empty() && mentee_manager == me;
  r.coordinator = Contains(program.coordinators, me);
  r.shadow_mentor = Contains(program.shadow_mentors, me);
  r.admin = actor.IsAdmin();
  return r;
}

Status RequireMember(const Actor& actor, const Relationship& relationship) {
  if (!actor.IsPerson()) return Status::Forbidden("this action needs a signed-in person");
  if (actor.employee_id == relationship.mentor || actor.employee_id == relationship.mentee) {
    return Status::Ok();
  }
  return Hidden(relationship);
}

Status RequireActiveMember(const Actor& actor, const Relationship& relationship) {
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, relationship));
  return RequireActive(relationship);
}

Status RequireMember(const Actor& actor, const RelationshipContext& context) {
  if (!actor.IsPerson()) return Status::Forbidden("this action needs a signed-in person");
  if (context.relations.Member()) return Status::Ok();
  if (context.relations.Any()) {
    return Status::Forbidden("only the mentor and the mentee may do this");
  }
  return Hidden(context.relationship);
}

Status RequireActiveMember(const Actor& actor, const RelationshipContext& context) {
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, context));
  return RequireActive(context.relationship);
}

Status RequireProgramCoordinator(const RelationshipContext& context) {
  if (context.relations.coordinator || context.relations.admin) return Status::Ok();
  if (context.relations.Any()) {
    return Status::Forbidden("only the program's coordinators may do this");
  }
  return Hidden(context.relationship);
}

Status RequireGroupMember(const Actor& actor, const RelationshipContext& context) {
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, context));
  if (context.program.type != ProgramType::kGroup) {
    return Status::NotFound("relationship " + std::to_string(context.relationship.id.value) +
                            " is not part of a group");
  }
  if (context.relationship.status == RelationshipStatus::kEndedEarly) {
    return Status::Forbidden("You are no longer a member of this group.");
  }
  return Status::Ok();
}

Status RequireGroupVisible(const Actor& actor, const RelationshipContext& context) {
  if (context.relations.Member()) return RequireGroupMember(actor, context);
  if (!actor.IsPerson()) return Status::Forbidden("this action needs a signed-in person");
  if (context.program.type != ProgramType::kGroup) {
    return Status::NotFound("relationship " + std::to_string(context.relationship.id.value) +
                            " is not part of a group");
  }
  if (context.relations.Overseer()) return Status::Ok();
  if (context.relations.Any()) return Status::Forbidden("only the group and its program see this");
  return Hidden(context.relationship);
}

Status RequireGroupMentor(const Actor& actor, const RelationshipContext& context) {
  if (context.relations.Member()) {
    PAIRWISE_RETURN_IF_ERROR(RequireGroupMember(actor, context));
    if (!context.relations.mentor) {
      return Status::Forbidden("Only the group's mentor may do this.");
    }
    return RequireActive(context.relationship);
  }
  PAIRWISE_RETURN_IF_ERROR(RequireGroupVisible(actor, context));
  return Status::Forbidden("Only the group's mentor may do this.");
}

Status RequireActiveGroupMentee(const Actor& actor, const RelationshipContext& context) {
  if (context.relations.Member()) {
    PAIRWISE_RETURN_IF_ERROR(RequireGroupMember(actor, context));
    if (!context.relations.mentee) {
      return Status::Forbidden("Only the group's members answer an invitation.");
    }
    return RequireActive(context.relationship);
  }
  PAIRWISE_RETURN_IF_ERROR(RequireGroupVisible(actor, context));
  return Status::Forbidden("Only the group's members answer an invitation.");
}

Status RequireGroupActionItemWriter(const Actor& actor, const RelationshipContext& context,
                                    std::string_view owner_id) {
  if (context.relations.Member()) {
    PAIRWISE_RETURN_IF_ERROR(RequireGroupMember(actor, context));
    if (context.relations.mentor || actor.employee_id == owner_id) return Status::Ok();
    return Status::Forbidden("Only the item's owner or the group's mentor may tick it off.");
  }
  PAIRWISE_RETURN_IF_ERROR(RequireGroupVisible(actor, context));
  return Status::Forbidden("Only the item's owner or the group's mentor may tick it off.");
}

Status RequireShadowMentor(const RelationshipContext& context) {
  if (context.relations.shadow_mentor) return Status::Ok();
  if (context.relations.Any()) {
    return Status::Forbidden("only the program's shadow mentors may do this");
  }
  return Hidden(context.relationship);
}

Status RequireMemberOrOverseer(const Actor& actor, const RelationshipContext& context) {
  if (!actor.IsPerson()) return Status::Forbidden("this action needs a signed-in person");
  if (context.relations.Member() || context.relations.Overseer()) return Status::Ok();
  if (context.relations.Any()) return Status::Forbidden("only the pair and its program see this");
  return Hidden(context.relationship);
}

Status RequireAssessmentRater(const Actor& actor, const Relationship& relationship,
                              const RelationshipRelations& relations) {
  if (!actor.IsPerson()) return Status::Forbidden("this action needs a signed-in person");
  if (relations.Member()) return Status::Ok();
  if (relations.Any()) {
    return Status::Forbidden("a pair's assessments are the mentor's and the mentee's only");
  }
  return Hidden(relationship);
}

bool MaySeeAssessmentAggregate(const Program& program, const Actor& actor) {
  return actor.IsPerson() && IsProgramCoordinator(program, actor);
}

}  // namespace pairwise::domain
