// Internal: min-cost flow and max flow on a plain arc list. flow.cpp is the only translation
// unit that includes LEMON; this header names no LEMON type.
#pragma once

#include <cstdint>
#include <vector>

namespace pairwise::matching::internal {

struct FlowNetwork {
  int32_t node_count = 0;
  std::vector<int32_t> supply;  // per node: outflow - inflow; sums to 0
  std::vector<int32_t> source;
  std::vector<int32_t> target;
  std::vector<int32_t> lower;  // empty: every lower bound is 0
  std::vector<int32_t> upper;
  std::vector<int64_t> cost;

  int32_t AddNode(int32_t node_supply) {
    supply.push_back(node_supply);
    return node_count++;
  }
  int32_t AddArc(int32_t from, int32_t to, int32_t capacity, int64_t arc_cost) {
    source.push_back(from);
    target.push_back(to);
    upper.push_back(capacity);
    cost.push_back(arc_cost);
    if (!lower.empty()) lower.push_back(0);
    return static_cast<int32_t>(source.size()) - 1;
  }
  int32_t arc_count() const { return static_cast<int32_t>(source.size()); }
};

enum class FlowOutcome { kOptimal, kInfeasible, kUnbounded };

struct FlowSolution {
  FlowOutcome outcome = FlowOutcome::kInfeasible;
  std::vector<int32_t> flow;       // per arc
  std::vector<int64_t> potential;  // per node; reduced cost = cost + pi(source) - pi(target)
};

// Min-cost flow by network simplex (block search pivot rule).
FlowSolution SolveMinCostFlow(const FlowNetwork& network);

struct MaxFlowSolution {
  int64_t value = 0;
  std::vector<uint8_t> source_side;  // per node: 1 on the source side of a minimum cut
};

// Max flow from `from` to `to` with capacities network.upper (supplies, lower bounds and
// costs are ignored), with a minimum cut.
MaxFlowSolution SolveMaxFlow(const FlowNetwork& network, int32_t from, int32_t to);

}  // namespace pairwise::matching::internal
