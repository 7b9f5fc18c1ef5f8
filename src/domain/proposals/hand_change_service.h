// Hand changes to a finished proposal by the program's coordinators (and admins): move a mentee
// to another mentor, leave them unmatched, or swap two mentees' mentors, seeing the effect
// first. NotFound to people who may not see the program, Forbidden to the others.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/applications/application_repository.h"
#include "domain/programs/participation.h"
#include "domain/programs/program_reader.h"
#include "domain/proposals/matching_access.h"
#include "domain/proposals/pair_scorer.h"
#include "domain/proposals/proposal.h"

namespace pairwise::domain {

// One mentee's move in a hand change.
struct ChangeEffect {
  std::string mentee;
  std::string mentee_name;
  std::string from_mentor;  // empty: unmatched before
  std::string from_mentor_name;
  int64_t score_before = 0;
  std::string to_mentor;  // empty: unmatched after
  std::string to_mentor_name;
  std::optional<ProposalPair> after;  // the new pair, with its points and explanation
};

// A hand change: `mentee` to `mentor` (empty: leave the mentee unmatched), or, with
// `swap_with`, two mentees exchange mentors.
struct PairChange {
  std::string mentee;
  std::string mentor;
  std::string swap_with;
};

struct ChangePreview {
  std::vector<ChangeEffect> effects;
  std::vector<std::string> broken_rules;  // hard-rule names the new pairs break
  int64_t total_before = 0;
  int64_t total_after = 0;
  // Set when the change cannot be made at all (a mentor over capacity, the management chain);
  // broken_rules alone need the coordinator's confirmation.
  std::string refusal;
};

// Thread-safe as far as its dependencies are; holds no state of its own. All must outlive it.
class HandChangeService {
 public:
  HandChangeService(MatchingAccess& access, ProposalRepository& proposals, ProgramReader& programs,
                    ParticipationReader& participants, ApplicationRepository& applications,
                    PairScorer& scorer, AuditLog& audit)
      : access_(access),
        proposals_(proposals),
        programs_(programs),
        participants_(participants),
        applications_(applications),
        scorer_(scorer),
        audit_(audit) {}

  // The effect of a hand change on a done proposal: the new pairs' scores, explanations and
  // broken rules. InvalidArgument "mentee"/"mentor"/"swap_with" for people not in the
  // proposal's program on that side; Conflict "not_editable" unless the proposal is done.
  Result<ChangePreview> PreviewChange(const Actor& actor, ProgramId program, ProposalId proposal,
                                      const PairChange& change);
  // Makes the change. Conflict "change_refused" when the preview has a refusal; Conflict
  // "confirm_broken_rules" when it breaks rules and `accept_broken_rules` is false.
  Result<ChangePreview> ApplyChange(const Actor& actor, ProgramId program, ProposalId proposal,
                                    const PairChange& change, bool accept_broken_rules);

 private:
  Result<ChangePreview> Plan(const Program& program, const Proposal& proposal,
                             const PairChange& change, std::vector<ProposalPair>& pairs,
                             std::vector<ProposalUnmatched>& unmatched);

  MatchingAccess& access_;
  ProposalRepository& proposals_;
  ProgramReader& programs_;
  ParticipationReader& participants_;
  ApplicationRepository& applications_;
  PairScorer& scorer_;
  AuditLog& audit_;
};

}  // namespace pairwise::domain
