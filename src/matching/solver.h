// Internal: the objectives (total, coverage, fairness, group programs) on top of the flow
// solver, each with its proof over every eligible pair, and the greedy baseline.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/status.h"
#include "matching/candidates.h"
#include "matching/model.h"
#include "matching/result.h"

namespace pairwise::matching::internal {

struct SolveRequest {
  ScanScope scope;                   // the free mentees (rows)
  std::vector<int32_t> room;         // per mentor: how many more mentees it may take
  std::vector<int32_t> fixed_count;  // per mentor: pairs fixed outside this solve (pins)
  Objective objective = Objective::kTotal;
  bool groups = false;  // enforce the group minimum (Model::group_min)
  int32_t k = 16;       // candidates per row
  bool greedy = false;  // also run the greedy baseline
};

struct SolveOutcome {
  std::vector<int32_t> mentor_of_row;  // -1: unmatched
  std::vector<int32_t> score_of_row;
  std::vector<int32_t> eligible_of_row;  // mentors passing every hard rule
  bool optimal = false;
  std::optional<int64_t> upper_bound;  // group programs: total score without the minimum
  std::optional<int64_t> greedy_total;
  int32_t greedy_matched = 0;
  SolveStats stats;
  PhaseTimings timings;  // candidates, solve, proof and greedy phases
};

// Internal error only if the flow solver reports an infeasible or unbounded network, which
// the construction rules out.
Result<SolveOutcome> RunSolve(const SolveRequest& request);

}  // namespace pairwise::matching::internal
