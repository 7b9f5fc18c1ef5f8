// Internal: min-cost flow on the solver's b-matching networks by an ε-scaling auction, without
// LEMON. An alternative to SolveMinCostFlow (flow.h) where network simplex is slow: programs
// with about as much mentor room as mentees, where its pivots are mostly degenerate.
#pragma once

#include <cstdint>
#include <optional>

#include "matching/flow.h"

namespace pairwise::matching::internal {

struct AuctionStats {
  int32_t phases = 0;
  int64_t bids = 0;             // forward bids of rows, over all phases
  int64_t reverse_bids = 0;     // bids of free slots with a price, over all phases
  int32_t finish_attempts = 0;  // exact potentials tried before the last phase
  bool finished_early = false;  // one of those succeeded and ended the auction
  int64_t label_work = 0;       // arcs scanned by the exact-potential passes
};

struct AuctionOptions {
  // After each phase whose ε is at most this many cost units (0: never), the auction tries to
  // turn its answer into exact potentials within a small work limit; when the answer is
  // already optimal that succeeds and the remaining phases are skipped. A failed try costs
  // about eight passes over the arcs. Where totals move in steps of some unit (integer scores
  // times a scale), that unit is a good value: the answer is usually optimal from there on,
  // many phases before ε reaches its last value.
  int64_t finish_from = 0;
};

// Solves `network` when it has the shape BuildPairNetwork gives it and no lower bounds: one
// node with negative supply (the sink); nodes with positive supply (mentors), each with exactly
// one arc to the sink of capacity equal to its supply and cost 0, and otherwise arcs (any cost)
// to nodes of supply 0 (rows), each with exactly one arc to the sink, of capacity 1 to 64 (the
// row's units, which bid as that many rows) and cost 0, and whose pair arcs have at least that
// capacity; no other arcs; supplies sum to 0.
//
// Returns an optimal flow (kOptimal) with integer potentials that meet complementary slackness
// on every arc (reduced cost = cost + pi(source) - pi(target)), which the function has
// checked itself. Of all such potentials with the sink's fixed, these are the lowest (the
// mentors' duals as low as any optimal dual has them, the mentees' best): every node from which
// the residual network reaches the sink reaches it along arcs of zero reduced cost. Network
// simplex ends at or very near there on these networks, so a caller comparing duals across
// rounds sees about the same whichever solver ran. Returns nullopt, and the caller should use
// SolveMinCostFlow, when the network has another shape, a mentor supplies more than 64 units, the
// scaled costs could overflow int64, or the exact potentials cannot be found within a work limit
// (which an optimal flow never hits in practice).
std::optional<FlowSolution> SolveBMatchingAuction(const FlowNetwork& network,
                                                  const AuctionOptions& options = {},
                                                  AuctionStats* stats = nullptr);

}  // namespace pairwise::matching::internal
