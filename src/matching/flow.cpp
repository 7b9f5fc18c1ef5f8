// The one translation unit that includes LEMON. It builds as C++20 with the two headers used
// here; other parts of LEMON 1.3 do not (CostScaling, through StaticDigraph's maps, uses
// std::allocator members C++20 removed): they need -std=c++17 on this file.
#include "matching/flow.h"

#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

namespace pairwise::matching::internal {
namespace {

void BuildGraph(const FlowNetwork& network, lemon::SmartDigraph& graph) {
  graph.reserveNode(network.node_count);
  graph.reserveArc(network.arc_count());
  for (int32_t v = 0; v < network.node_count; ++v) graph.addNode();
  for (int32_t a = 0; a < network.arc_count(); ++a) {
    graph.addArc(lemon::SmartDigraph::nodeFromId(network.source[a]),
                 lemon::SmartDigraph::nodeFromId(network.target[a]));
  }
}

}  // namespace

FlowSolution SolveMinCostFlow(const FlowNetwork& network) {
  using Graph = lemon::SmartDigraph;
  Graph graph;
  BuildGraph(network, graph);
  FlowSolution solution;
  {
    Graph::ArcMap<int32_t> lower(graph, 0), upper(graph);
    Graph::ArcMap<int64_t> cost(graph);
    Graph::NodeMap<int32_t> supply(graph);
    for (int32_t a = 0; a < network.arc_count(); ++a) {
      const Graph::Arc arc = Graph::arcFromId(a);
      upper[arc] = network.upper[a];
      cost[arc] = network.cost[a];
      if (!network.lower.empty()) lower[arc] = network.lower[a];
    }
    for (int32_t v = 0; v < network.node_count; ++v) {
      supply[Graph::nodeFromId(v)] = network.supply[v];
    }
    lemon::NetworkSimplex<Graph, int32_t, int64_t> simplex(graph);
    simplex.upperMap(upper).costMap(cost).supplyMap(supply);
    if (!network.lower.empty()) simplex.lowerMap(lower);
    const auto outcome = simplex.run(lemon::NetworkSimplex<Graph, int32_t, int64_t>::BLOCK_SEARCH);
    switch (outcome) {
      case lemon::NetworkSimplex<Graph, int32_t, int64_t>::OPTIMAL:
        solution.outcome = FlowOutcome::kOptimal;
        break;
      case lemon::NetworkSimplex<Graph, int32_t, int64_t>::INFEASIBLE:
        solution.outcome = FlowOutcome::kInfeasible;
        return solution;
      case lemon::NetworkSimplex<Graph, int32_t, int64_t>::UNBOUNDED:
        solution.outcome = FlowOutcome::kUnbounded;
        return solution;
    }
    solution.flow.resize(network.arc_count());
    for (int32_t a = 0; a < network.arc_count(); ++a) {
      solution.flow[a] = simplex.flow(Graph::arcFromId(a));
    }
    solution.potential.resize(network.node_count);
    for (int32_t v = 0; v < network.node_count; ++v) {
      solution.potential[v] = simplex.potential(Graph::nodeFromId(v));
    }
  }
  return solution;
}

MaxFlowSolution SolveMaxFlow(const FlowNetwork& network, int32_t from, int32_t to) {
  using Graph = lemon::SmartDigraph;
  Graph graph;
  BuildGraph(network, graph);
  Graph::ArcMap<int64_t> capacity(graph);
  for (int32_t a = 0; a < network.arc_count(); ++a) {
    capacity[Graph::arcFromId(a)] = network.upper[a];
  }
  lemon::Preflow<Graph, Graph::ArcMap<int64_t>> preflow(graph, capacity, Graph::nodeFromId(from),
                                                        Graph::nodeFromId(to));
  preflow.runMinCut();
  MaxFlowSolution solution;
  solution.value = preflow.flowValue();
  solution.source_side.resize(network.node_count);
  for (int32_t v = 0; v < network.node_count; ++v) {
    solution.source_side[v] = preflow.minCut(Graph::nodeFromId(v)) ? 1 : 0;
  }
  return solution;
}

}  // namespace pairwise::matching::internal
