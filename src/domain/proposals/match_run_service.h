// Runs of a program's matching and the proposals they leave, for its coordinators (and admins):
// NotFound to people who may not see the program, Forbidden to the others (MatchingAccess).
// A run is a job: StartRun stores a queued proposal and returns at once; a worker runs it
// (MatchJobRunner).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/people/people_service.h"
#include "domain/programs/participation.h"
#include "domain/proposals/matching_access.h"
#include "domain/proposals/proposal.h"
#include "domain/proposals/proposal_figures.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

struct Comparison {
  Proposal a;
  Proposal b;
  int64_t changed = 0;                  // mentees whose mentor differs
  std::vector<PairDifference> changes;  // the first `limit`
};

// Thread-safe as far as its dependencies are; holds no state of its own. All must outlive it.
class MatchRunService {
 public:
  MatchRunService(MatchingAccess& access, ProposalRepository& proposals,
                  RelationshipReader& relationships, ParticipationReader& participants,
                  PeopleService& people, AuditLog& audit, const Clock& clock)
      : access_(access),
        proposals_(proposals),
        relationships_(relationships),
        participants_(participants),
        people_(people),
        audit_(audit),
        clock_(clock) {}

  // Queues a run with the saved settings (or the defaults), with `what_if` applied over them
  // when given (checked as UpdateSettings does, but not saved).
  // Conflict "run_in_progress" while another run of the program is queued or running;
  // Conflict "already_published" once the program is published (rematch instead);
  // Conflict "no_participants" without approved mentees and mentors.
  Result<Proposal> StartRun(const Actor& actor, ProgramId program,
                            const std::optional<SettingsChange>& what_if);
  // Queues a rematch freeing `employee_ids` (mentees or mentors with an active relationship in
  // the program, or approved mentees without one). InvalidArgument "employee_ids" otherwise;
  // Conflict "not_published" before the program is published.
  Result<Proposal> StartRematch(const Actor& actor, ProgramId program,
                                const std::vector<std::string>& employee_ids);
  Result<std::vector<Proposal>> ListProposals(const Actor& actor, ProgramId program);
  Result<Proposal> GetProposal(const Actor& actor, ProgramId program, ProposalId proposal);
  // Conflict "not_running" when the run already ended.
  Result<Proposal> CancelRun(const Actor& actor, ProgramId program, ProposalId proposal);
  // InvalidArgument for a query out of range ("limit", "sort").
  Result<PairPage> ListPairs(const Actor& actor, ProgramId program, ProposalId proposal,
                             const PairQuery& query);
  Result<std::vector<ProposalUnmatched>> ListUnmatched(const Actor& actor, ProgramId program,
                                                       ProposalId proposal);
  Result<FairnessView> GetFairness(const Actor& actor, ProgramId program, ProposalId proposal);
  // Both proposals must be of the program.
  Result<Comparison> Compare(const Actor& actor, ProgramId program, ProposalId a, ProposalId b,
                             int limit);

 private:
  MatchingAccess& access_;
  ProposalRepository& proposals_;
  RelationshipReader& relationships_;
  ParticipationReader& participants_;
  PeopleService& people_;
  AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace pairwise::domain
