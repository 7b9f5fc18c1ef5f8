// What every matching service checks and reads first: that the actor coordinates the program,
// that a proposal belongs to it, whether it is published, and its current settings and forms.
#pragma once

#include <utility>

#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/applications/application_repository.h"
#include "domain/credentials/credential_repository.h"
#include "domain/programs/program_reader.h"
#include "domain/proposals/proposal.h"

namespace pairwise::domain {

// Thread-safe as far as its dependencies are; holds no state of its own. All must outlive it.
class MatchingAccess {
 public:
  MatchingAccess(ProposalRepository& proposals, ProgramReader& programs,
                 ApplicationRepository& applications, CredentialReader& credentials)
      : proposals_(proposals),
        programs_(programs),
        applications_(applications),
        credentials_(credentials) {}

  // The program when `actor` is a person who coordinates it (or an admin). NotFound to people
  // who may not see the program, Forbidden to the others.
  Result<Program> CoordinatedProgram(const Actor& actor, ProgramId program);
  // NotFound unless the proposal exists and belongs to `program`.
  Result<Proposal> ProgramProposal(ProgramId program, ProposalId proposal);
  // Whether a full proposal of the program was published.
  Result<bool> IsPublished(ProgramId program);
  // The saved settings, or the defaults when none were saved.
  Result<MatchSettings> CurrentSettings(const Program& program);
  // The program's two application forms (mentee, mentor).
  Result<std::pair<ApplicationForm, ApplicationForm>> Forms(ProgramId program);
  // Whether anyone holds a current mentor credential at `now` (the credentialed_only rule
  // would exclude every mentor otherwise).
  Result<bool> CredentialsRecorded(TimePoint now) { return credentials_.AnyCurrent(now); }

 private:
  ProposalRepository& proposals_;
  ProgramReader& programs_;
  ApplicationRepository& applications_;
  CredentialReader& credentials_;
};

}  // namespace pairwise::domain
