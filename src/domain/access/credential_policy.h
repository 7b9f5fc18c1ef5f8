// Who may do what with mentor credentials (issue 21). The service finds the relations (is the
// actor the candidate, a reviewer, the candidate's manager, a holder of a current credential)
// and asks here; the rules themselves live only in this file.
#pragma once

#include "common/status.h"
#include "domain/access/actor.h"

namespace pairwise::domain {

// How the acting person stands to one candidacy.
struct CandidateRelation {
  bool is_candidate = false;
  bool is_reviewer = false;  // an appointed credential reviewer
  // Above the candidate in the directory's management chain: the manager, theirs, and so on.
  bool manages_candidate = false;
  bool holds_current_credential = false;
};

// Evidence (texts, scores, reflections) is read by the candidate and reviewers only.
Status MayReadEvidence(const Actor& actor, const CandidateRelation& relation);
// Steps 4-6: a person holding a current credential who is neither the candidate nor anyone
// above them in the management chain (seed 003: supervising conflicts with mentoring). Forbidden
// with reason "own_candidacy", "manager", or "not_credentialed" otherwise.
Status MaySignObservedStep(const Actor& actor, const CandidateRelation& relation);
// Evidence files are attached and removed by the candidate only; reviewers read them
// (MayReadEvidence). Forbidden for reviewers, NotFound-worthy for anyone else (the caller
// answers NotFound to people who may not read the candidacy).
Status MayAttachEvidence(const Actor& actor, const CandidateRelation& relation);
// Selection (step 2) and issuing (step 7): a reviewer who is not the candidate.
Status MayDecideAsReviewer(const Actor& actor, const CandidateRelation& relation);
// The board of all candidacies: reviewers.
Status MayReadBoard(const Actor& actor, bool is_reviewer);
// A credential's holder, dates and status: the holder, reviewers, coordinators and admins.
Status MayReadCredentialStatus(const Actor& actor, bool is_holder, bool is_reviewer);
// A training quiz's correct answers: admins (who edit the framework) only; candidates never see
// them, before or after they pass, and neither does anyone else.
bool MayReadQuizAnswers(const Actor& actor);
// Revoking: reviewers and admins.
Status MayRevoke(const Actor& actor, bool is_reviewer);

}  // namespace pairwise::domain
