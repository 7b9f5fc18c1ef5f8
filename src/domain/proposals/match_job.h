// The worker's side of a run: claims a queued proposal (on any server sharing the database),
// loads the program's approved participants with their directory entries, profiles and
// application answers, runs the matching engine, and stores pairs with explanations, unmatched
// mentees with reasons and summary figures, reporting progress and stopping when cancelled.
#pragma once

#include <chrono>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "domain/applications/application_repository.h"
#include "domain/people/people_service.h"
#include "domain/profiles/profile_repository.h"
#include "domain/programs/participation.h"
#include "domain/programs/program_reader.h"
#include "domain/proposals/matching_inputs.h"
#include "domain/proposals/pair_scorer.h"
#include "domain/proposals/proposal.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

// Thread-safe as far as its sources are; holds no state of its own.
class MatchJobRunner {
 public:
  explicit MatchJobRunner(MatchingSources sources) : in_(sources) {}

  // Claims and runs the next queued proposal as `worker`. Returns whether one ran (whatever
  // its outcome: failures are stored on the proposal). Errors only from storage.
  Result<bool> RunNextJob(const std::string& worker);

  // How long a claim lasts without progress before another worker may take the run over.
  static constexpr std::chrono::seconds kLease{120};

 private:
  Status RunJob(const Proposal& proposal, const std::string& worker);
  // The participants (approved applications) with their answers, and of the directory only
  // the participants and everyone above them. Reads side by side on up to four database
  // sessions at a time.
  Result<MatchingInputs> LoadInputs(const Program& program, const MatchSettings& settings);

  MatchingSources in_;
};

}  // namespace pairwise::domain
