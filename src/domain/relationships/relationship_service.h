// The relationship aggregate's service: reading relationships with what each relation may see,
// the program's agreement template, accepting (and adjusting) the agreement, completing and the
// no-fault early ending, and the coordinator's rematch of an ended pair's mentee. Access follows
// relationship_access.h.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/mail/mail_queue.h"
#include "domain/people/departures.h"
#include "domain/people/people_service.h"
#include "domain/programs/program_reader.h"
#include "domain/proposals/matching_service.h"
#include "domain/relationships/activity.h"
#include "domain/relationships/activity_counts.h"
#include "domain/relationships/relationship.h"
#include "domain/relationships/relationship_access.h"
#include "domain/webhooks/webhook.h"

namespace pairwise::domain {

// The people's side of relationships: a person sees their own (as mentor or mentee), a
// program's coordinators see the program's.
struct RelationshipView {
  Relationship relationship;
  std::string program_name;
  ProgramType program_type = ProgramType::kOneOnOne;
  std::string mentor_name;
  std::string mentee_name;
  // The actor's part: "mentor" | "mentee" | "coordinator" | "shadow_mentor" | "admin" |
  // "manager".
  std::string role;
  // The program's relationships table only: meetings held and goals, counted (no text).
  std::optional<ActivityCounts> counts;
};

// A relationship's agreement as it stands: the stored one, or the program's template while no
// one has accepted or adjusted.
struct AgreementState {
  AgreementTerms terms;
  int version = 0;  // 0: the template, nothing stored yet
  bool mentor_accepted = false;
  bool mentee_accepted = false;
  std::string adjusted_by;       // employee id; empty: the template's terms
  std::optional<Date> end_date;  // once active: the activation day plus the length
};

// One relationship as the actor may see it. Unset optionals are what the relation must not see.
struct RelationshipDetail {
  RelationshipView view;
  RelationshipRelations relations;
  ProgramType program_type = ProgramType::kOneOnOne;
  std::optional<AgreementState> agreement;  // members and overseers, not managers
  // Virtual programs: the standing advice to meet face to face at least once.
  bool face_to_face_suggested = false;
  std::optional<std::string> end_reason;   // overseers, and the side that ended it
  std::optional<std::string> end_comment;  // the program's coordinators and admins only
  std::string ended_by_name;               // overseers, and the side that ended it
  int hours_per_month = 0;                 // the time the program asks for (managers see it)
};

// Group programs: one mentor with several mentees who meet together. A group is the mentor's
// relationships in the program that did not end early; each mentee keeps their own relationship
// (agreement, goals, private notes, feedback), and the group shares its group notes.
struct GroupMember {
  std::string employee_id;
  std::string name;
  // The mentee's relationship with the mentor; unset (0) unless the actor is the mentor or an
  // overseer (a mentee does not reach the others' relationships).
  RelationshipId relationship;
  RelationshipStatus status = RelationshipStatus::kPendingAgreement;
};
struct RelationshipGroup {
  ProgramId program;
  std::string program_name;
  std::string mentor;  // employee id
  std::string mentor_name;
  std::vector<GroupMember> mentees;  // by relationship id
  int max_size = 0;                  // the program's group size
};

struct ProgramRelationshipPage {
  std::vector<RelationshipView> items;
  int64_t total = 0;
};

// Thread-safe as far as its dependencies are; holds no state of its own.
class RelationshipService : public DepartureObserver {
 public:
  // Told after each write that changes what the relationship's health reads; may be null.
  // Set once at start-up (before serving); must outlive the service.
  void SetActivityObserver(RelationshipActivityObserver* observer) { activity_ = observer; }
  // Where relationship.started / relationship.ended go (webhooks); null: nowhere. Must outlive
  // the service.
  void SetEvents(WebhookEvents* events) { events_ = events; }
  // What the program's relationships table counts of each pair; null: no counts. Must outlive
  // the service.
  void SetActivityCounts(ActivityCountsReader* counts) { counts_ = counts; }

  // All must outlive the service. `matching` serves the rematch; `mail` tells coordinators of
  // early endings; `base_url` prefixes links in mails.
  RelationshipService(RelationshipRepository& relationships, ProgramReader& programs,
                      PeopleService& people, MatchingService& matching, MailQueue& mail,
                      const Clock& clock, std::string base_url)
      : relationships_(relationships),
        programs_(programs),
        people_(people),
        matching_(matching),
        mail_(mail),
        clock_(clock),
        base_url_(std::move(base_url)) {}

  // The actor's own relationships. Forbidden for API tokens.
  Result<std::vector<RelationshipView>> ListMine(const Actor& actor);
  // A page of the program's relationships, optionally of one status. NotFound / Forbidden as for
  // the program's proposals; InvalidArgument "offset" / "limit" out of range.
  Result<ProgramRelationshipPage> ListForProgram(const Actor& actor, ProgramId program,
                                                 const RelationshipPageQuery& query);

  // The relationship with its program and the actor's relations to it. Forbidden for a token;
  // NotFound when the actor has no relation to it (or it does not exist). Other parts of the
  // aggregate (meetings) load through here, then ask relationship_access.h.
  Result<RelationshipContext> Load(const Actor& actor, RelationshipId id);
  // What the actor may see of it (see RelationshipDetail).
  Result<RelationshipDetail> Get(const Actor& actor, RelationshipId id);

  // The program's agreement template (its saved one or the default): its coordinators and
  // admins; NotFound / Forbidden as for the program's proposals.
  Result<AgreementTemplate> GetTemplate(const Actor& actor, ProgramId program);
  // Saves it. InvalidArgument naming the field (CheckAgreementTerms). Pending relationships
  // that no one accepted yet read the new terms.
  Result<AgreementTemplate> SaveTemplate(const Actor& actor, ProgramId program,
                                         const AgreementTerms& terms);

  // The mentor or the mentee accepts the agreement as of `version` (AgreementState::version,
  // what they read), optionally adjusting the cadence and the mode first: an adjustment that
  // changes them withdraws the other side's acceptance. Once both accepted, the relationship
  // is active. Conflict "stale_agreement" when the version moved, "not_pending" unless pending;
  // InvalidArgument "cadence_days" out of range.
  Result<RelationshipDetail> AcceptAgreement(const Actor& actor, RelationshipId id, int version,
                                             std::optional<int> cadence_days,
                                             std::optional<AgreementMode> mode);

  // Either side ends the relationship early, without blame: a reason (not "rematch") and an
  // optional comment only the program's coordinators read (at most kMaxEndCommentChars).
  // The coordinators are told by mail. Conflict "not_in_force" once ended; InvalidArgument
  // "reason" / "comment".
  Result<RelationshipDetail> End(const Actor& actor, RelationshipId id, EndReason reason,
                                 const std::string& comment);
  // The actor's side marks the active relationship complete; it completes when both have.
  // Conflict "not_active" unless active.
  Result<RelationshipDetail> MarkComplete(const Actor& actor, RelationshipId id);
  // The program's coordinator queues a rematch of an early-ended relationship's mentee (the
  // existing rematch: nobody else moves, the ended pair is never proposed again). Conflict
  // "not_ended" unless ended early; MatchingService::StartRematch's errors.
  Result<Proposal> RematchMentee(const Actor& actor, RelationshipId id);
  // The program's coordinator replaces the mentor of a relationship in force (the health
  // board's backfill of an unresponsive mentor; HealthService decides when it is offered): the
  // relationship ends no-fault ("no_time", ended by the coordinator, with `comment` for the
  // coordinators), the mentor is told kindly by mail, "relationship.ended" is published as for
  // every other ending, and the mentee's rematch is queued as by RematchMentee. The ending and the
  // rematch are two writes of two aggregates: when the rematch cannot be queued the relationship
  // stays ended and RematchMentee retries it. Forbidden unless the program's coordinator; Conflict
  // "not_in_force" once ended.
  Result<Proposal> ReplaceMentor(const Actor& actor, RelationshipId id, const std::string& comment);

  // The group of the relationship's mentor in its group program (RequireGroupVisible): its
  // members, and the program's group size. NotFound unless the program is a group program.
  Result<RelationshipGroup> GetGroup(const Actor& actor, RelationshipId id);
  // The same without access checks, for the aggregate's other services once they checked:
  // the mentor's relationships of the program that did not end early.
  Result<std::vector<Relationship>> GroupRelationships(const RelationshipContext& context);

  // A person left the organization (departures.h): each of their relationships in force ends
  // no-fault with reason "left_organization", ended by them, and the program's coordinators are
  // told by mail, as when a side ends it; the mentee can then be rematched (RematchMentee).
  // Idempotent: relationships already ended are left as they are. Failures are logged.
  void PeopleLeft(const std::vector<std::string>& employee_ids) override;
  // PeopleLeft's work, one relationship at a time, returning how many it ended. (The
  // scheduler's tick catches up lost departures set-based instead, with the same effects:
  // HealthService::EndLeaversRelationships.)
  int EndRelationshipsOfLeavers(const std::vector<std::string>& employee_ids);

  static constexpr std::size_t kMaxEndCommentChars = 2000;

 private:
  struct NameCache {
    std::unordered_map<int64_t, std::pair<std::string, ProgramType>> programs;  // name, type
    std::unordered_map<std::string, std::string> people;
    std::optional<std::unordered_map<std::string, std::string>> skills;  // code -> name
  };
  Result<RelationshipView> View(Relationship relationship, const std::string& role,
                                NameCache& cache);
  Result<std::string> NameOf(const std::string& employee_id, NameCache& cache);
  Result<AgreementState> AgreementOf(const RelationshipContext& context);
  Result<RelationshipDetail> Detail(const Actor& actor, RelationshipContext context);
  Result<Program> CoordinatedProgram(const Actor& actor, ProgramId id);
  void TellMentorOfReplacement(const Program& program, const Relationship& ended);
  void TellCoordinatorsOfEnding(const Program& program, const Relationship& ended,
                                EndReason reason);

  RelationshipRepository& relationships_;
  ProgramReader& programs_;
  PeopleService& people_;
  MatchingService& matching_;
  MailQueue& mail_;
  const Clock& clock_;
  std::string base_url_;
  RelationshipActivityObserver* activity_ = nullptr;
  WebhookEvents* events_ = nullptr;
  ActivityCountsReader* counts_ = nullptr;
};

}  // namespace pairwise::domain
