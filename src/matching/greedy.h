// Internal: the greedy baseline, best-scoring pair first, over every eligible pair.
#pragma once

#include <cstdint>
#include <vector>

#include "matching/candidates.h"

namespace pairwise::matching::internal {

struct GreedyOutcome {
  int64_t total = 0;
  int32_t matched = 0;
  std::vector<int32_t> mentor_of_row;  // -1: unmatched
  int64_t rows_rescored = 0;           // rescans of a whole row
  int64_t rows_checked = 0;            // rescans pair by pair
};

// Takes pairs in decreasing score (ties in a fixed order) and keeps each whose mentee is
// still free and whose mentor still has room. Starts from the rows' raw lists and,
// when a row runs out of them while its mentee is still free, rescans the row for the next
// best pairs (the whole row, or one pair at a time when few mentors could still take it):
// the answer is greedy over all eligible pairs, not only the kept ones.
// `room`: per mentor, as when the candidates were selected. `pair_by_pair_limit`: the most
// mentors a rescan checks one pair at a time (-1: automatic).
GreedyOutcome RunGreedy(const ScanScope& scope, const RawLists& lists, std::vector<int32_t> room,
                        int32_t pair_by_pair_limit = -1);

}  // namespace pairwise::matching::internal
