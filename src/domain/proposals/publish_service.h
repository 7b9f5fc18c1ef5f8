// Publishing a proposal, for the program's coordinators (and admins): its pairs become
// relationships in one transaction with the mails to both sides and their managers (a rematch
// also ends the freed people's relationships). NotFound to people who may not see the program,
// Forbidden to the others.
//
// The preview and the publish come from one plan (PlanPublish): the relationships created, the
// relationships ended and the mails are the same list in both, so what the preview announces is
// what is sent, unless the directory or the program changed in between.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/people/people_service.h"
#include "domain/proposals/matching_access.h"
#include "domain/proposals/proposal.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

struct PublishPreview {
  int relationships = 0;  // to create
  int ended = 0;          // rematch: relationships ended
  int mails = 0;          // to both sides and their managers
  // What no longer holds since the run, for a warning before publishing (all empty/zero/false
  // when the proposal still reflects the program; the preview fills them, the publish does not):
  std::vector<std::string> changed_settings;  // DifferingSettings(run's, current)
  int pins_missing = 0;                       // current pins whose pair the proposal does not have
  int forbids_present = 0;                    // current forbids whose pair the proposal has
  bool enrollment_open = false;               // the program still takes applications
  bool what_if = false;  // the proposal comes from a what-if run (its settings were never saved)
};

// What `plan` does, counted.
PublishPreview CountsOf(const PublishPlan& plan);

// Thread-safe as far as its dependencies are; holds no state of its own. All must outlive it.
class PublishService {
 public:
  // `base_url` prefixes links in mails.
  PublishService(MatchingAccess& access, ProposalRepository& proposals,
                 RelationshipReader& relationships, PeopleService& people, AuditLog& audit,
                 const Clock& clock, std::string base_url)
      : access_(access),
        proposals_(proposals),
        relationships_(relationships),
        people_(people),
        audit_(audit),
        clock_(clock),
        base_url_(std::move(base_url)) {}

  Result<PublishPreview> PreviewPublish(const Actor& actor, ProgramId program, ProposalId proposal);
  // Conflict "not_publishable" unless done; "already_published" for a second full publish;
  // "what_if_run" for a what-if run's proposal unless `what_if_confirmed`.
  Result<PublishPreview> Publish(const Actor& actor, ProgramId program, ProposalId proposal,
                                 bool what_if_confirmed = false);

  // Everything publishing `proposal` of `program` would write now: a relationship per pair, the
  // rematch's ended relationships, and one mail to each mentee, one to each mentor (listing
  // their mentees) and one to each manager of anyone taking part, to those in the directory
  // whose mail MailService would accept.
  Result<PublishPlan> PlanPublish(const Program& program, const Proposal& proposal,
                                  const std::string& published_by);

 private:
  MatchingAccess& access_;
  ProposalRepository& proposals_;
  RelationshipReader& relationships_;
  PeopleService& people_;
  AuditLog& audit_;
  const Clock& clock_;
  std::string base_url_;
};

}  // namespace pairwise::domain
