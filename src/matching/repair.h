// Internal: a warm-started exact solver for the max-weight b-matching of rows (one unit each)
// to mentors (with capacities) over a list of pairs, for re-solves after a few pairs were
// added: it keeps the previous answer and duals and repairs them by successive shortest paths.
// Integer arithmetic only; no LEMON.
#pragma once

#include <cstdint>
#include <vector>

namespace pairwise::matching::internal {

// The pairs by row: row r's pairs are [row_begin[r], row_begin[r + 1]).
struct PairGraph {
  int32_t rows = 0;
  int32_t mentors = 0;
  std::vector<int64_t> row_begin;  // rows + 1 entries
  std::vector<int32_t> mentor;     // per pair
  std::vector<int64_t> weight;     // per pair (may be negative: such pairs are never worth it)

  int64_t pair_count() const { return static_cast<int64_t>(mentor.size()); }
};

// An answer with its duals: u (row_dual) and v (mentor_dual). It is optimal when
//   u[r] + v[m] >= weight for every pair, with equality on the pairs taken,
//   u[r] >= 0, and u[r] == 0 for rows left unmatched,
//   v[m] >= 0, and v[m] == 0 for mentors below capacity.
struct BMatching {
  std::vector<int32_t> pair_of_row;  // per row: the pair taken, -1 when unmatched
  std::vector<int64_t> row_dual;     // u
  std::vector<int64_t> mentor_dual;  // v
};

struct RepairOptions {
  // The repair gives up (returns false) once its searches have settled more nodes than this
  // in all: a few far-reaching searches can cost more than solving from scratch.
  int64_t max_nodes_settled = INT64_MAX;
};

struct RepairStats {
  int64_t rows_reinserted = 0;  // rows taken out of the answer and placed again
  int64_t searches = 0;         // shortest-path searches (one per unit placed)
  int64_t nodes_settled = 0;    // over all searches
};

// Repairs `matching` into an optimal answer over every pair of `graph`, given capacity[m]
// per mentor (every mentor named by a pair must have capacity > 0). The starting answer only
// needs to be feasible (each mentor within capacity); its duals need not be valid anywhere,
// but the closer they are to the conditions above, the less work: rows whose own conditions
// fail are taken out and placed again by successive shortest paths over the residual network
// of all pairs, with the duals as potentials. Starting from no pairs taken and all duals 0
// solves from scratch.
//
// On success returns true and leaves an optimal answer with duals satisfying the conditions
// above, tightened as TightenPotentials does for the flow solver's: each mentor at capacity
// gets the highest v its rows allow (the smallest weight - u over the pairs it takes), each
// matched row then the u that makes its pair tight, and unmatched rows and mentors below
// capacity 0 (so u + v on the pairs not taken is as high as the answer allows, which keeps
// the pricing of left-out pairs selective). Returns false, with `matching` unchanged, when
// the input is malformed (sizes, pairs of another row, a mentor over capacity or without
// capacity) or the work limit of `options` is reached; callers should then solve another way.
// `stats` (when given) counts the work done either way.
bool RepairBMatching(const PairGraph& graph, const std::vector<int32_t>& capacity,
                     BMatching& matching, const RepairOptions& options = {},
                     RepairStats* stats = nullptr);

}  // namespace pairwise::matching::internal
