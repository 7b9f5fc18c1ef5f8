#include "domain/access/credential_policy.h"

#include "domain/access/access_policy.h"
#include "domain/credentials/credential.h"

namespace pairwise::domain {

Status MayReadEvidence(const Actor& actor, const CandidateRelation& relation) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  if (relation.is_candidate || relation.is_reviewer) return Status::Ok();
  return Status::Forbidden("only the candidate and credential reviewers see the evidence");
}

Status MaySignObservedStep(const Actor& actor, const CandidateRelation& relation) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  if (relation.is_candidate) {
    return Status::Forbidden("You cannot sign off your own steps.").WithReason("own_candidacy");
  }
  if (relation.manages_candidate) {
    return Status::Forbidden(
               "This candidate reports to you, directly or through others, so you cannot sign "
               "off their steps: supervising conflicts with mentoring.")
        .WithReason("manager");
  }
  if (!relation.holds_current_credential) {
    return Status::Forbidden("Only mentors who hold a current " + std::string(kCredentialName) +
                             " can sign off this step.")
        .WithReason("not_credentialed");
  }
  return Status::Ok();
}

Status MayAttachEvidence(const Actor& actor, const CandidateRelation& relation) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  if (relation.is_candidate) return Status::Ok();
  return Status::Forbidden("Only the candidate adds or removes their evidence files.");
}

Status MayDecideAsReviewer(const Actor& actor, const CandidateRelation& relation) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  if (!relation.is_reviewer) {
    return Status::Forbidden("Only credential reviewers select candidates and issue credentials.")
        .WithReason("not_reviewer");
  }
  if (relation.is_candidate) {
    return Status::Forbidden("You cannot decide on your own candidacy.")
        .WithReason("own_candidacy");
  }
  return Status::Ok();
}

Status MayReadBoard(const Actor& actor, bool is_reviewer) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  if (!is_reviewer) return Status::Forbidden("the cohort board is for credential reviewers");
  return Status::Ok();
}

Status MayReadCredentialStatus(const Actor& actor, bool is_holder, bool is_reviewer) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  if (is_holder || is_reviewer || actor.HasRole(Role::kCoordinator) || actor.IsAdmin()) {
    return Status::Ok();
  }
  return Status::Forbidden("credentials are seen by coordinators, reviewers and their holder");
}

Status MayRevoke(const Actor& actor, bool is_reviewer) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  if (is_reviewer || actor.IsAdmin()) return Status::Ok();
  return Status::Forbidden("only credential reviewers and admins revoke credentials");
}

bool MayReadQuizAnswers(const Actor& actor) { return actor.IsAdmin(); }

}  // namespace pairwise::domain
