// Scores one mentee-mentor pair exactly as a run would (its points, explanation and the hard
// rules it breaks), for pins and hand changes, and the snapshot of a person a proposal keeps.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/applications/application_repository.h"
#include "domain/credentials/credential_repository.h"
#include "domain/people/people_service.h"
#include "domain/profiles/profile_repository.h"
#include "domain/programs/participation.h"
#include "domain/programs/program_reader.h"
#include "domain/proposals/proposal.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

// A person as a proposal shows them: name, level, department and site names.
PersonSnapshot SnapshotOf(const Person& person, const std::vector<Department>& departments,
                          const std::vector<Site>& sites);

// What building a matching instance reads: the program, its participants with their
// applications, the directory and profiles, pins and forbids, earlier pairs, and the time. All
// must outlive whoever holds this.
struct MatchingSources {
  ProposalRepository& proposals;
  RelationshipReader& relationships;
  ProgramReader& programs;
  ParticipationReader& participants;
  ApplicationRepository& applications;
  PeopleService& people;
  ProfileRepository& profiles;
  CredentialReader& credentials;
  const Clock& clock;
};

// Thread-safe as far as its sources are; holds no state of its own.
class PairScorer {
 public:
  explicit PairScorer(MatchingSources sources) : in_(sources) {}

  // The pair under `settings` in `program`, with the names of the hard rules it breaks (the
  // program's forbid of this pair is "forbidden"). `chain_broken`, when given, tells whether one
  // of them is the management chain, which no confirmation may override. NotFound when either
  // person is not in the directory; InvalidArgument "mentor" when both are the same person.
  Result<ProposalPair> Score(const Program& program, const MatchSettings& settings,
                             const std::string& mentee, const std::string& mentor,
                             bool* chain_broken);

 private:
  MatchingSources in_;
};

}  // namespace pairwise::domain
