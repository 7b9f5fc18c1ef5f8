// A program's match settings and its pins and forbids, for its coordinators (and admins):
// NotFound to people who may not see the program, Forbidden to the others (MatchingAccess).
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/people/people_service.h"
#include "domain/programs/participation.h"
#include "domain/programs/program_reader.h"
#include "domain/proposals/matching_access.h"
#include "domain/proposals/pair_scorer.h"
#include "domain/proposals/proposal.h"

namespace pairwise::domain {

struct SettingsView {
  MatchSettings settings;  // saved, or the defaults
  MatchSettings defaults;
  bool saved = false;
  std::vector<Question> mentee_questions;  // current forms, for mapping questions
  std::vector<Question> mentor_questions;
  int mentees = 0;  // approved
  int mentors = 0;
  bool published = false;  // a full proposal of the program was published
};

struct ConstraintView {
  PairConstraint constraint;
  std::string mentee_name;
  std::string mentor_name;
};

// Thread-safe as far as its dependencies are; holds no state of its own. All must outlive it.
class MatchSettingsService {
 public:
  MatchSettingsService(MatchingAccess& access, ProposalRepository& proposals,
                       ProgramReader& programs, ParticipationReader& participants,
                       PeopleService& people, PairScorer& scorer, AuditLog& audit,
                       const Clock& clock)
      : access_(access),
        proposals_(proposals),
        programs_(programs),
        participants_(participants),
        people_(people),
        scorer_(scorer),
        audit_(audit),
        clock_(clock) {}

  Result<SettingsView> GetSettings(const Actor& actor, ProgramId program);
  // Applies `change` to the saved settings (or the defaults) and saves the result, reading
  // and writing them in one transaction, so that two coordinators' changes to different
  // fields both stay. InvalidArgument naming the field (CheckMatchSettings); nothing is
  // written then.
  Result<SettingsView> UpdateSettings(const Actor& actor, ProgramId program,
                                      const SettingsChange& change);

  Result<std::vector<ConstraintView>> ListConstraints(const Actor& actor, ProgramId program);
  // InvalidArgument "mentee"/"mentor" for someone not an approved participant on that side;
  // for a pin, InvalidArgument "mentor" when the pair breaks a hard rule under the saved
  // settings (naming the rules) or the mentor's pins already fill their capacity.
  Result<ConstraintView> PutConstraint(const Actor& actor, ProgramId program,
                                       const std::string& mentee, const std::string& mentor,
                                       ConstraintKind kind);
  Status DeleteConstraint(const Actor& actor, ProgramId program, const std::string& mentee,
                          const std::string& mentor);

 private:
  Result<SettingsView> ViewOf(const Program& program, const ApplicationForm& mentee_form,
                              const ApplicationForm& mentor_form, MatchSettings settings,
                              bool saved);

  MatchingAccess& access_;
  ProposalRepository& proposals_;
  ProgramReader& programs_;
  ParticipationReader& participants_;
  PeopleService& people_;
  PairScorer& scorer_;
  AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace pairwise::domain
