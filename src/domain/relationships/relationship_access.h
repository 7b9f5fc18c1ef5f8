// Who may do what in a relationship: the relationships' access policy. Services load the
// relationship and its program, compute the actor's relations to it once (RelationsTo) and ask
// the questions below; handlers never decide access.
//
// Relations: the mentor, the mentee, the mentee's or the mentor's (direct) manager, a coordinator
// of the relationship's program, a shadow mentor of that program, an admin. Anyone else — another
// participant, another program's coordinator — has none, and must not learn the relationship
// exists (NotFound). API tokens never reach a relationship (Forbidden).
//
// What each relation sees: mentor and mentee everything of their relationship except the other's
// private notes; coordinators, shadow mentors and admins the status, agreement terms, counts and
// ending reasons (never goal text, notes or comments); managers that their report takes part, in
// which program, with whom, and the time it takes.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/programs/program.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

struct RelationshipRelations {
  bool mentor = false;
  bool mentee = false;
  bool mentee_manager = false;
  bool mentor_manager = false;
  bool coordinator = false;    // of the relationship's program
  bool shadow_mentor = false;  // of the relationship's program
  bool admin = false;
  bool Member() const { return mentor || mentee; }
  // Sees the status, terms and counts: coordinator, shadow mentor or admin.
  bool Overseer() const { return coordinator || shadow_mentor || admin; }
  bool Manager() const { return mentee_manager || mentor_manager; }
  bool Any() const { return Member() || Overseer() || Manager(); }
};

// The actor's relations to `relationship` of `program`. `mentor_manager` / `mentee_manager` are
// the employee ids of the two sides' managers (empty: none). Pure.
RelationshipRelations RelationsTo(const Actor& actor, const Relationship& relationship,
                                  const Program& program, const std::string& mentor_manager,
                                  const std::string& mentee_manager);

// A relationship with its program and the actor's relations to it
// (RelationshipService::Load builds it, NotFound when there are none).
struct RelationshipContext {
  Relationship relationship;
  Program program;
  RelationshipRelations relations;
};

// The actor is the mentor or the mentee: OK. Otherwise NotFound ("no relationship <id>"), so that
// a stranger learns nothing; a token gets Forbidden.
Status RequireMember(const Actor& actor, const Relationship& relationship);
// As above, and the relationship is active (both accepted the agreement, not ended): Conflict
// with reason "agreement_pending" while pending, "relationship_ended" once ended.
Status RequireActiveMember(const Actor& actor, const Relationship& relationship);

// The same with the relations known: Forbidden instead of NotFound for an actor who may see the
// relationship without being in it (coordinator, shadow mentor, admin, manager).
Status RequireMember(const Actor& actor, const RelationshipContext& context);
Status RequireActiveMember(const Actor& actor, const RelationshipContext& context);

// Coordinator of the program or admin: Forbidden for the other relations (members, managers,
// shadow mentors).
Status RequireProgramCoordinator(const RelationshipContext& context);

// Group programs: the actor is the mentor or the mentee of this relationship of a group program,
// and it did not end early (a mentee who left the group reads its notes no more): OK. NotFound
// when the program is not a group program; Forbidden for an ended-early member and for the
// other relations; as RequireMember for strangers and tokens.
Status RequireGroupMember(const Actor& actor, const RelationshipContext& context);
// The group's members (not its notes): a member as above, or an overseer (coordinator, shadow
// mentor, admin). Forbidden for managers.
Status RequireGroupVisible(const Actor& actor, const RelationshipContext& context);

// The group's mentor acting for the group (its meetings): the actor is the mentor of this
// relationship of a group program, as RequireGroupMember, and it is active (Conflict as
// RequireActiveMember). Forbidden for the group's mentees and the other relations who may see
// it; NotFound for strangers.
Status RequireGroupMentor(const Actor& actor, const RelationshipContext& context);
// A mentee of the group answering for themself: as RequireGroupMember, the actor is this
// relationship's mentee, and it is active. Forbidden for the mentor and the other relations.
Status RequireActiveGroupMentee(const Actor& actor, const RelationshipContext& context);
// An action item of a group meeting, owned by `owner_id`, ticked off or opened again: as
// RequireGroupMember, and the actor is the group's mentor or the item's owner. Forbidden for
// the group's other mentees and the other relations who may see the group; NotFound for
// strangers (a mentee of another group included).
Status RequireGroupActionItemWriter(const Actor& actor, const RelationshipContext& context,
                                    std::string_view owner_id);

// A shadow mentor of the relationship's program: Forbidden for the other relations (members,
// managers, coordinators and admins who are not shadow mentors of it).
Status RequireShadowMentor(const RelationshipContext& context);
// Members and overseers (coordinator, shadow mentor, admin): Forbidden for managers.
Status RequireMemberOrOverseer(const Actor& actor, const RelationshipContext& context);

// Competency assessments (assessments/assessment_service.h): one pair's ratings are the mentor's
// and the mentee's alone. Forbidden for every other relation — the program's coordinators,
// shadow mentors and admins see only the program's aggregate (MaySeeAssessmentAggregate),
// managers nothing —; NotFound for strangers; Forbidden for a token.
Status RequireAssessmentRater(const Actor& actor, const Relationship& relationship,
                              const RelationshipRelations& relations);
// The program's aggregate of assessments: its coordinators and admins (IsProgramCoordinator).
bool MaySeeAssessmentAggregate(const Program& program, const Actor& actor);

}  // namespace pairwise::domain
